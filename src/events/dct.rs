//! Publication dates inferred for documents that carry none, and a
//! warning for stated ones that look wrong.
//!
//! A candidate DCT is judged by what the document says when read
//! against it: independent expressions that agree on a day ("Wednesday"
//! and "April 12"), events that land on the dates other, dated
//! documents give the same events, and explicit past dates that do not
//! fall after it. The best-scoring candidate wins; ties go to the
//! earliest, as news is written soon after what it reports.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::anchor::Precision;
use super::{EventType, Mention};
use crate::timex::context::{Tense, clause_at};
use crate::timex::{Tagger, Timex, Value};

/// A dated event that another document reports, for inferring the DCT
/// of documents that report it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownEvent {
    /// Its type.
    pub kind: EventType,
    /// Its day.
    pub date: NaiveDate,
    /// Its actors and places, canonical.
    pub who_where: BTreeSet<String>,
}

impl KnownEvent {
    /// The day-precise, time-anchored mentions of a dated document.
    pub fn from_mentions(mentions: &[Mention]) -> Vec<KnownEvent> {
        mentions
            .iter()
            .filter(|m| {
                m.precision == Some(Precision::Day) && m.confidence >= 0.7
            })
            .filter_map(|m| {
                let (date, _) = m.span?;
                Some(KnownEvent {
                    kind: m.kind,
                    date,
                    who_where: who_where(m),
                })
            })
            .collect()
    }
}

fn who_where(m: &Mention) -> BTreeSet<String> {
    m.actors.iter().chain(&m.places).cloned().collect()
}

/// An inferred DCT and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inferred {
    /// The date.
    pub dct: NaiveDate,
    /// The evidence, in words.
    pub evidence: Vec<String>,
}

/// How many days after a mentioned date a candidate DCT may lie.
const WINDOW_DAYS: u64 = 10;

/// Days whose values the text gives without a year or relative to the
/// DCT: these move with the candidate and so can agree or disagree.
fn relative(t: &Timex) -> bool {
    matches!(
        t.rule,
        "weekday"
            | "relative_weekday"
            | "deictic_day"
            | "weekday_month_day"
            | "day_month"
            | "ago"
            | "relative_period"
    )
}

fn day_of(t: &Timex) -> Option<NaiveDate> {
    match &t.value {
        Value::Date(d) => d.to_naive(),
        Value::Time { date, .. } => date.to_naive(),
        _ => None,
    }
}

struct Score {
    points: i32,
    evidence: Vec<String>,
}

fn score(
    text: &str,
    candidate: NaiveDate,
    known: &[KnownEvent],
    extract: &dyn Fn(&str, NaiveDate, &[Timex]) -> Vec<Mention>,
) -> Score {
    let timexes = Tagger::new().tag(text, Some(candidate));
    let mut points = 0;
    let mut evidence = Vec::new();
    // Expressions of different kinds that agree on a day: a weekday and
    // a month-day, "yesterday" and a date.
    let days: Vec<(&Timex, NaiveDate)> =
        timexes.iter().filter_map(|t| Some((t, day_of(t)?))).collect();
    let mut agreeing = BTreeSet::new();
    for (i, (a, da)) in days.iter().enumerate() {
        for (b, db) in &days[i + 1..] {
            let moves = relative(a) || relative(b);
            if da == db && a.rule != b.rule && moves && agreeing.insert(*da) {
                points += 1;
                evidence.push(format!(
                    "\"{}\" and \"{}\" agree on {da}",
                    a.text, b.text
                ));
            }
        }
    }
    // Past-tense dates after the DCT are unlikely.
    for t in &timexes {
        if let Some(d) = day_of(t)
            && d > candidate
            && clause_at(text, t.start_byte, t.end_byte).tense == Tense::Past
        {
            points -= 1;
        }
    }
    // Events other documents date.
    if !known.is_empty() {
        let mut matched = BTreeSet::new();
        for m in extract(text, candidate, &timexes) {
            let Some((first, last)) = m.span else { continue };
            let here = who_where(&m);
            let hit = known.iter().find(|k| {
                k.kind == m.kind
                    && first <= k.date
                    && k.date <= last
                    && !here.is_disjoint(&k.who_where)
            });
            if let Some(k) = hit
                && matched.insert((k.kind, k.date))
            {
                points += 2;
                evidence.push(format!(
                    "the {} of \"{}\" is the {} another document dates {}",
                    k.kind.as_str(),
                    m.trigger,
                    k.kind.as_str(),
                    k.date
                ));
            }
        }
    }
    Score { points, evidence }
}

/// Infers the DCT of an undated text from its own time expressions and
/// the events that dated documents report (`known`; may be empty).
///
/// `extract` finds the mentions of the text read against a candidate
/// DCT (it is `events::extract`; a parameter so that this module does
/// not depend on how mentions are built). Returns `None` when nothing
/// in the text or in `known` points to a date.
pub fn infer(
    text: &str,
    known: &[KnownEvent],
    extract: &dyn Fn(&str, NaiveDate, &[Timex]) -> Vec<Mention>,
) -> Option<Inferred> {
    // The dates the text names with a year, read without any DCT.
    let explicit: BTreeSet<NaiveDate> =
        Tagger::new().tag(text, None).iter().filter_map(day_of).collect();
    let seeds: BTreeSet<NaiveDate> =
        explicit.iter().copied().chain(known.iter().map(|k| k.date)).collect();
    let candidates: BTreeSet<NaiveDate> = seeds
        .iter()
        .flat_map(|d| {
            (0..=WINDOW_DAYS).filter_map(|n| d.checked_add_days(Days::new(n)))
        })
        .collect();
    let mut best: Option<(i32, NaiveDate, Vec<String>)> = None;
    for c in candidates {
        let s = score(text, c, known, extract);
        if best.as_ref().is_none_or(|(p, _, _)| s.points > *p) {
            best = Some((s.points, c, s.evidence));
        }
    }
    let (points, dct, mut evidence) = best?;
    if points <= 0 {
        // Nothing agrees: the latest date the text names is the best
        // guess there is.
        let latest = *explicit.last()?;
        evidence = vec![format!("the latest date the text names is {latest}")];
        return Some(Inferred { dct: latest, evidence });
    }
    evidence.sort();
    evidence.dedup();
    Some(Inferred { dct, evidence })
}

/// A warning when a stated DCT puts most of the text's past-tense
/// dates in its future.
pub fn check(text: &str, dct: NaiveDate, timexes: &[Timex]) -> Option<String> {
    let past: Vec<NaiveDate> = timexes
        .iter()
        .filter(|t| {
            clause_at(text, t.start_byte, t.end_byte).tense == Tense::Past
        })
        .filter_map(day_of)
        .collect();
    let after = past.iter().filter(|d| **d > dct).count();
    (past.len() >= 2 && after * 2 > past.len()).then(|| {
        format!(
            "the DCT {dct} looks wrong: {after} of {} past-tense dates fall after it",
            past.len()
        )
    })
}
