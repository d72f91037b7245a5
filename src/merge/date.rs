//! The date of an event from the dates its mentions give.
//!
//! Each dated mention votes for the dates its own date contains, with a
//! weight for its precision (a day says more than a week), its
//! explicitness ("April 4" more than "last week") and how it was
//! anchored; it votes against dates it excludes. The best-supported date
//! wins (ties: the finer, then the earlier); mentions that exclude it are
//! kept as conflicts.
//!
//! A plan's date says less than a report that it happened: votes set for
//! a day are often put off. When no source reports the event as done on
//! a date, the tense bounds decide: a plan reported on day X ("will
//! likely veto") puts it on or after X, a report on day Y that it
//! happened ("has been vetoed") on or before Y; when those leave one day
//! (or one week) open, that is the date.

use chrono::NaiveDate;

use super::DateConflict;
use crate::events::anchor::{EventDate, Precision, TimeEvidence, event_date};
use crate::events::{Factuality, Mention};
use crate::timex::Value;

/// The chosen date of an event.
pub struct Chosen {
    /// ISO value at its precision.
    pub value: String,
    /// Its precision.
    pub precision: Precision,
    /// First and last day.
    pub span: (NaiveDate, NaiveDate),
    /// Agreeing weight over all weight, times the best agreeing
    /// mention's confidence.
    pub confidence: f64,
    /// Mentions whose dates exclude it.
    pub conflicts: Vec<DateConflict>,
    /// The last date, when the chosen mention gives a range.
    pub end: Option<String>,
}

fn precision_weight(p: Precision) -> f64 {
    match p {
        Precision::Day => 1.0,
        Precision::Week => 0.6,
        Precision::Month => 0.4,
        Precision::Season | Precision::Quarter | Precision::Half => 0.3,
        Precision::Year => 0.2,
        Precision::Decade | Precision::Century => 0.1,
    }
}

/// A written date ("April 4", "2017-04-04") is worth more than one
/// worked out from the DCT ("last week", "Wednesday").
fn explicitness(m: &Mention) -> f64 {
    match &m.time_evidence {
        TimeEvidence::Timex { text, .. }
            if text.chars().any(|c| c.is_ascii_digit()) =>
        {
            1.2
        }
        _ => 1.0,
    }
}

fn weight(m: &Mention) -> f64 {
    let plan = if m.factuality == Factuality::Actual { 1.0 } else { 0.5 };
    m.precision.map_or(0.0, precision_weight)
        * explicitness(m)
        * m.confidence.max(0.1)
        * plan
}

/// The days the tenses of an event's mentions leave open: on or after
/// the latest plan (its DCT, or the day it was set for), on or before
/// the earliest report that it happened. `None` unless both sides are
/// known.
fn tense_window(
    mentions: &[(&str, &Mention)],
) -> Option<(NaiveDate, NaiveDate)> {
    let mut lower: Option<NaiveDate> = None;
    let mut upper: Option<NaiveDate> = None;
    for (_, m) in mentions {
        let planned = m.factuality == Factuality::Planned;
        let actual = m.factuality == Factuality::Actual;
        match (&m.time_evidence, m.span) {
            (TimeEvidence::DctBound { relation, dct }, _) => {
                if planned && *relation == "on_or_after" {
                    lower = lower.max(Some(*dct));
                } else if actual && *relation == "on_or_before" {
                    upper = Some(upper.map_or(*dct, |u| u.min(*dct)));
                }
            }
            (_, Some(span)) if planned => lower = lower.max(Some(span.0)),
            _ => {}
        }
    }
    match (lower, upper) {
        (Some(l), Some(u)) if l <= u => Some((l, u)),
        _ => None,
    }
}

/// The date a tense window gives: its day, or its ISO week when it lies
/// in one.
fn window_date(window: (NaiveDate, NaiveDate)) -> Option<EventDate> {
    use chrono::Datelike;
    let (first, last) = window;
    let value = if first == last {
        first.format("%Y-%m-%d").to_string()
    } else {
        let (wa, wb) = (first.iso_week(), last.iso_week());
        if wa != wb {
            return None;
        }
        format!("{}-W{:02}", wa.year(), wa.week())
    };
    event_date(&Value::parse(&value)?)
}

/// The event's date from its tense window, when no source reports it as
/// done on a date: plans' dates outside the window become conflicts.
fn from_window(mentions: &[(&str, &Mention)]) -> Option<Chosen> {
    let reported_done = mentions
        .iter()
        .any(|(_, m)| m.span.is_some() && m.factuality == Factuality::Actual);
    if reported_done {
        return None;
    }
    let date = window_date(tense_window(mentions)?)?;
    let span = (date.first, date.last);
    Some(Chosen {
        conflicts: conflicts_with(mentions, span),
        // Inferred from tenses, not read: never sure.
        confidence: if date.precision == Precision::Day { 0.5 } else { 0.4 },
        value: date.value,
        precision: date.precision,
        span,
        end: None,
    })
}

/// The dated mentions whose dates exclude `span`.
fn conflicts_with(
    mentions: &[(&str, &Mention)],
    span: (NaiveDate, NaiveDate),
) -> Vec<DateConflict> {
    let mut conflicts: Vec<DateConflict> = mentions
        .iter()
        .filter(|(_, m)| m.span.is_some_and(|s| s.1 < span.0 || span.1 < s.0))
        .map(|(doc, m)| DateConflict {
            doc: (*doc).to_string(),
            date: m.date.clone().unwrap_or_default(),
            text: match &m.time_evidence {
                TimeEvidence::Timex { text, .. } => text.clone(),
                _ => String::new(),
            },
        })
        .collect();
    conflicts.sort_by(|a, b| {
        (&a.doc, &a.date, &a.text).cmp(&(&b.doc, &b.date, &b.text))
    });
    conflicts.dedup();
    conflicts
}

/// Chooses the date of an event from its mentions (with their document
/// ids); `None` when no mention is dated.
pub fn choose(mentions: &[(&str, &Mention)]) -> Option<Chosen> {
    if let Some(chosen) = from_window(mentions) {
        return Some(chosen);
    }
    let dated: Vec<&(&str, &Mention)> =
        mentions.iter().filter(|(_, m)| m.span.is_some()).collect();
    let total: f64 = dated.iter().map(|(_, m)| weight(m)).sum();
    // The weight behind each distinct span: an event reported a
    // thousand times has a handful of distinct dates to weigh.
    let mut by_span: std::collections::BTreeMap<(NaiveDate, NaiveDate), f64> =
        std::collections::BTreeMap::new();
    for (_, m) in &dated {
        if let Some(s) = m.span {
            *by_span.entry(s).or_default() += weight(m);
        }
    }
    let support_of = |cs: (NaiveDate, NaiveDate)| -> f64 {
        let mut support = 0.0;
        for (&ms, &w) in &by_span {
            if ms.0 <= cs.0 && cs.1 <= ms.1 {
                support += w;
            } else if ms.1 < cs.0 || cs.1 < ms.0 {
                support -= w;
            }
        }
        support
    };
    let mut best: Option<(f64, &Mention)> = None;
    let mut seen = std::collections::BTreeSet::new();
    for (_, c) in &dated {
        let Some(cs) = c.span else { continue };
        // Mentions with one span and precision are one candidate.
        if !seen.insert((cs, c.precision)) {
            continue;
        }
        let support = support_of(cs);
        let better = match best {
            None => true,
            Some((s, b)) => {
                let bs = b.span.unwrap_or(cs);
                (
                    support,
                    std::cmp::Reverse(c.precision),
                    std::cmp::Reverse(cs.0),
                ) > (
                    s,
                    std::cmp::Reverse(b.precision),
                    std::cmp::Reverse(bs.0),
                )
            }
        };
        if better {
            best = Some((support, c));
        }
    }
    let (_, mut c) = best?;
    // A day inside a range a source gives ("ended on Wednesday" within
    // "from March 11 to March 13") is part of an event that lasts: the
    // range is its date.
    if c.end_date.is_none()
        && let Some(cs) = c.span
        && let Some(range) = dated
            .iter()
            .map(|(_, m)| *m)
            .filter(|m| m.end_date.is_some())
            .filter(|m| m.span.is_some_and(|s| s.0 <= cs.0 && cs.1 <= s.1))
            .max_by(|a, b| {
                weight(a).total_cmp(&weight(b)).then(b.span.cmp(&a.span))
            })
    {
        c = range;
    }
    let span = c.span?;
    let agreeing: Vec<&Mention> = dated
        .iter()
        .map(|(_, m)| *m)
        .filter(|m| m.span.is_some_and(|s| s.0 <= span.0 && span.1 <= s.1))
        .collect();
    let agree: f64 = agreeing.iter().map(|m| weight(m)).sum();
    let best_confidence =
        agreeing.iter().map(|m| m.confidence).fold(0.0, f64::max);
    let confidence =
        if total > 0.0 { agree / total * best_confidence } else { 0.0 };
    let conflicts = conflicts_with(mentions, span);
    Some(Chosen {
        value: c.date.clone()?,
        precision: c.precision?,
        span,
        confidence: (confidence * 100.0).round() / 100.0,
        conflicts,
        end: c.end_date.clone(),
    })
}
