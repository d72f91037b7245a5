//! The date of an event from the dates its mentions give.
//!
//! Each dated mention votes for the dates its own date contains, with a
//! weight for its precision (a day says more than a week), its
//! explicitness ("April 4" more than "last week") and how it was
//! anchored; it votes against dates it excludes. The best-supported date
//! wins (ties: the finer, then the earlier); mentions that exclude it are
//! kept as conflicts.

use chrono::NaiveDate;

use super::DateConflict;
use crate::events::Mention;
use crate::events::anchor::{Precision, TimeEvidence};

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
    m.precision.map_or(0.0, precision_weight)
        * explicitness(m)
        * m.confidence.max(0.1)
}

/// Chooses the date of an event from its mentions (with their document
/// ids); `None` when no mention is dated.
pub fn choose(mentions: &[(&str, &Mention)]) -> Option<Chosen> {
    let dated: Vec<&(&str, &Mention)> =
        mentions.iter().filter(|(_, m)| m.span.is_some()).collect();
    let total: f64 = dated.iter().map(|(_, m)| weight(m)).sum();
    let mut best: Option<(f64, &Mention)> = None;
    for (_, c) in &dated {
        let Some(cs) = c.span else { continue };
        let mut support = 0.0;
        for (_, m) in &dated {
            let Some(ms) = m.span else { continue };
            if ms.0 <= cs.0 && cs.1 <= ms.1 {
                support += weight(m);
            } else if ms.1 < cs.0 || cs.1 < ms.0 {
                support -= weight(m);
            }
        }
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
    let (_, c) = best?;
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
    let mut conflicts: Vec<DateConflict> = dated
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
    Some(Chosen {
        value: c.date.clone()?,
        precision: c.precision?,
        span,
        confidence: (confidence * 100.0).round() / 100.0,
        conflicts,
    })
}
