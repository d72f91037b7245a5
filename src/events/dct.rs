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
use crate::fast_hash::{FastMap, FastSet};
use crate::timex::context::Tense;
use crate::timex::{Reading, Tagger, Timex, Value};

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

/// Whether a mention and a known event share an actor or a place: the
/// known event's set is looked up, not the mention's built (asked of
/// every mention under every candidate DCT).
fn shares_who_where(m: &Mention, k: &KnownEvent) -> bool {
    m.actors.iter().chain(&m.places).any(|w| k.who_where.contains(w))
}

/// An inferred DCT and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inferred {
    /// The date.
    pub dct: NaiveDate,
    /// The evidence, in words.
    pub evidence: Vec<String>,
}

/// How many days that known events fall on are tried as seeds at most.
const MAX_KNOWN_DAYS: usize = 24;

/// How many days after a mentioned date a candidate DCT may lie.
const WINDOW_DAYS: u64 = 10;

/// Weekday names: they move with the candidate DCT, so when one lands
/// on a day the text also names by its date, the two agree. ("today"
/// or "yesterday" would agree with any date for some candidate, and so
/// say nothing.)
fn weekday_name(t: &Timex) -> bool {
    matches!(t.rule, "weekday" | "relative_weekday" | "weekday_part")
}

/// Dates named by month and day (with or without a year).
fn month_day(t: &Timex) -> bool {
    matches!(
        t.rule,
        "weekday_month_day"
            | "day_month"
            | "month_day_year"
            | "day_month_year"
            | "numeric_date"
            | "iso_date"
    )
}

fn day_of(t: &Timex) -> Option<NaiveDate> {
    match &t.value {
        Value::Date(d) => d.to_naive(),
        Value::Time { date, .. } => date.to_naive(),
        _ => None,
    }
}

fn past_tense(reading: &mut Reading<'_>, t: &Timex) -> bool {
    reading.clause(t.start_byte, t.end_byte).tense == Tense::Past
}

struct Score {
    points: i32,
    evidence: Vec<String>,
}

/// The points a candidate DCT earns from the events of other
/// documents, for the time expressions the text has under it.
///
/// Events are dated by the time expressions alone (a candidate DCT
/// enters extraction only as the bound of an event without one, which
/// has no day), so candidates under which the expressions come out the
/// same score the same here. A past weekday names one day for a week of
/// candidates, and extraction is most of the cost of a candidate: each
/// distinct set of expressions is scored once ([`EventPoints`]).
fn event_points(
    text: &str,
    prepared: &super::Prepared,
    candidate: NaiveDate,
    timexes: &[Timex],
    known: &[&KnownEvent],
) -> Score {
    let mut points = 0;
    let mut evidence = Vec::new();
    let mut matched = BTreeSet::new();
    let (dct, scoring) = (Some(candidate), super::Detail::Scoring);
    for m in super::extract_detail(text, dct, timexes, prepared, scoring) {
        let Some((first, last)) = m.span else { continue };
        let hit = known.iter().find(|k| {
            k.kind == m.kind
                && first <= k.date
                && k.date <= last
                && shares_who_where(&m, k)
        });
        if let Some(k) = hit
            && matched.insert((k.kind, k.date))
        {
            points += 2;
            evidence.push(format!(
                "the {} of \"{}\" is the one another document dates {}",
                k.kind.as_str(),
                m.trigger,
                k.date
            ));
        }
    }
    Score { points, evidence }
}

/// [`event_points`] of each distinct set of time expressions a text
/// has under the candidates tried (hashed: a text has dozens, and
/// comparing each with all seen before was a few per cent of
/// inference).
#[derive(Default)]
struct EventPoints {
    seen: FastMap<Vec<Timex>, Score>,
}

impl EventPoints {
    fn get(
        &mut self,
        text: &str,
        prepared: &super::Prepared,
        candidate: NaiveDate,
        timexes: Vec<Timex>,
        known: &[&KnownEvent],
    ) -> &Score {
        self.seen.entry(timexes).or_insert_with_key(|t| {
            event_points(text, prepared, candidate, t, known)
        })
    }
}

/// The known events a text is scored against, and the days they fall
/// on (the same for every candidate: gathered once).
struct Known<'k> {
    events: &'k [&'k KnownEvent],
    days: BTreeSet<NaiveDate>,
}

fn score(
    reading: &mut Reading<'_>,
    prepared: &super::Prepared,
    candidate: NaiveDate,
    known: &Known<'_>,
    events: &mut EventPoints,
) -> Score {
    let text = reading.text();
    let timexes = Tagger::new().tag_again(reading, Some(candidate));
    let mut points = 0;
    let mut evidence = Vec::new();
    let days: Vec<(&Timex, NaiveDate)> =
        timexes.iter().filter_map(|t| Some((t, day_of(t)?))).collect();
    let mut agreeing = BTreeSet::new();
    for (i, (a, da)) in days.iter().enumerate() {
        for (b, db) in &days[i + 1..] {
            let pair = (weekday_name(a) && month_day(b))
                || (month_day(a) && weekday_name(b));
            if da == db && pair && agreeing.insert(*da) {
                points += 1;
                evidence.push(format!(
                    "\"{}\" and \"{}\" agree on {da}",
                    a.text, b.text
                ));
            }
        }
    }
    // Past-tense dates after the DCT are unlikely.
    for (t, d) in &days {
        if *d > candidate && past_tense(reading, t) {
            points -= 1;
        }
    }
    // Days the dated documents report events on: a past weekday or a
    // "yesterday" of this text that lands on one speaks of the same
    // days.
    let mut shared = BTreeSet::new();
    for (t, d) in &days {
        let deictic = weekday_name(t) || t.rule == "deictic_day";
        if deictic
            && known.days.contains(d)
            && past_tense(reading, t)
            && shared.insert(*d)
        {
            points += 1;
            evidence.push(format!(
                "\"{}\" is {d}, a day other documents report events on",
                t.text
            ));
        }
    }
    drop(days);
    // Events other documents date.
    if !known.events.is_empty() {
        let e = events.get(text, prepared, candidate, timexes, known.events);
        points += e.points;
        evidence.extend(e.evidence.iter().cloned());
    }
    Score { points, evidence }
}

/// Infers the DCT of an undated text from its own time expressions and
/// the events that dated documents report (`known`; may be empty).
///
/// Returns `None` when nothing in the text or in `known` points to a
/// day.
pub fn infer(text: &str, known: &[KnownEvent]) -> Option<Inferred> {
    infer_read(&mut Reading::new(text), &super::Prepared::new(text), known)
}

/// [`infer`] of the text of `reading`, prepared already
/// ([`super::Prepared::new`] of the same text): the caller can then
/// extract it with the reading of each trigger done, and tag it again
/// under the DCT inferred at little cost, since it was tagged under
/// every candidate.
pub fn infer_read(
    reading: &mut Reading<'_>,
    prepared: &super::Prepared,
    known: &[KnownEvent],
) -> Option<Inferred> {
    let text = reading.text();
    // What past-tense clauses name, read without any DCT: the DCT lies
    // on or after it.
    let bare = Tagger::new().tag_again(reading, None);
    // Only known events of the types this text reports can date it.
    // In a large run that still leaves many days to try: then only
    // events that share an actor or a place with this text's, and the
    // days most of them fall on.
    // Sentences, entities and triggers do not depend on the DCT: read
    // once for every candidate.
    let dating = super::Detail::Dating;
    let mine = super::extract_detail(text, None, &bare, prepared, dating);
    let kinds: BTreeSet<EventType> = mine.iter().map(|m| m.kind).collect();
    let mut known: Vec<&KnownEvent> =
        known.iter().filter(|k| kinds.contains(&k.kind)).collect();
    let days = |ks: &[&KnownEvent]| {
        ks.iter().map(|k| k.date).collect::<BTreeSet<_>>().len()
    };
    if days(&known) > MAX_KNOWN_DAYS {
        // Each known event looks its actors and places up among this
        // text's, by type: asking every mention of the text about
        // every known event of a large run was a few per cent of it.
        let named: FastSet<(EventType, &str)> = mine
            .iter()
            .flat_map(|m| {
                let names = m.actors.iter().chain(&m.places);
                names.map(|w| (m.kind, w.as_str()))
            })
            .collect();
        known.retain(|k| {
            k.who_where.iter().any(|w| named.contains(&(k.kind, w.as_str())))
        });
    }
    if days(&known) > MAX_KNOWN_DAYS {
        let mut count: std::collections::BTreeMap<NaiveDate, usize> =
            std::collections::BTreeMap::new();
        for k in &known {
            *count.entry(k.date).or_default() += 1;
        }
        let mut by_count: Vec<(usize, NaiveDate)> =
            count.into_iter().map(|(d, n)| (n, d)).collect();
        by_count.sort_by(|a, b| b.cmp(a));
        let keep: BTreeSet<NaiveDate> = by_count
            .into_iter()
            .take(MAX_KNOWN_DAYS)
            .map(|(_, d)| d)
            .collect();
        known.retain(|k| keep.contains(&k.date));
    }
    let known = known.as_slice();
    let known_days: BTreeSet<NaiveDate> =
        known.iter().map(|k| k.date).collect();
    let past: Vec<&Timex> =
        bare.iter().filter(|t| past_tense(reading, t)).collect();
    let past_days: BTreeSet<NaiveDate> =
        past.iter().filter_map(|t| day_of(t)).collect();
    let latest_year = past
        .iter()
        .filter_map(|t| match &t.value {
            Value::Date(d) => d.year,
            _ => None,
        })
        .max();
    let floor = past_days.last().copied().or_else(|| {
        latest_year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    });
    // A month-day without a year is dated by the latest year the text
    // names, or the one after (news written in January about December).
    let month_days: Vec<NaiveDate> = match latest_year {
        Some(y) => bare
            .iter()
            .filter_map(|t| match &t.value {
                Value::Date(d) if d.year.is_none() => {
                    Some((d.month??, d.day??))
                }
                _ => None,
            })
            .flat_map(|(m, d)| {
                [y, y + 1]
                    .into_iter()
                    .filter_map(move |y| NaiveDate::from_ymd_opt(y, m, d))
            })
            .collect(),
        None => Vec::new(),
    };
    let seeds: BTreeSet<NaiveDate> = past_days
        .iter()
        .chain(&month_days)
        .copied()
        .chain(known_days.iter().copied())
        .chain(floor)
        .filter(|d| floor.is_none_or(|f| *d >= f))
        .collect();
    let candidates: BTreeSet<NaiveDate> = seeds
        .iter()
        .flat_map(|d| {
            (0..=WINDOW_DAYS).filter_map(|n| d.checked_add_days(Days::new(n)))
        })
        .collect();
    let mut best: Option<(i32, NaiveDate, Vec<String>)> = None;
    let mut events = EventPoints::default();
    let known = Known { events: known, days: known_days };
    for c in candidates {
        let s = score(reading, prepared, c, &known, &mut events);
        if best.as_ref().is_none_or(|(p, _, _)| s.points > *p) {
            best = Some((s.points, c, s.evidence));
        }
    }
    let (points, dct, mut evidence) = best?;
    if points <= 0 {
        // Nothing agrees: the latest past date the text names is the
        // best guess there is (a year alone is too coarse to be one).
        let latest = *past_days.last()?;
        let evidence =
            vec![format!("the latest past date the text names is {latest}")];
        return Some(Inferred { dct: latest, evidence });
    }
    evidence.sort();
    evidence.dedup();
    Some(Inferred { dct, evidence })
}

/// A warning when a stated DCT puts most of the text's past-tense
/// dates in its future.
pub fn check(text: &str, dct: NaiveDate, timexes: &[Timex]) -> Option<String> {
    // Only days can fall after the DCT, and with none after it there is
    // nothing to say: the tense (the costly part) is read only then.
    let days: Vec<(&Timex, NaiveDate)> =
        timexes.iter().filter_map(|t| Some((t, day_of(t)?))).collect();
    if days.iter().all(|(_, d)| *d <= dct) {
        return None;
    }
    let mut reading = Reading::new(text);
    let past: Vec<NaiveDate> = days
        .into_iter()
        .filter(|(t, _)| past_tense(&mut reading, t))
        .map(|(_, d)| d)
        .collect();
    let after = past.iter().filter(|d| **d > dct).count();
    (past.len() >= 2 && after * 2 > past.len()).then(|| {
        format!(
            "the DCT {dct} looks wrong: {after} of {} past-tense dates fall after it",
            past.len()
        )
    })
}
