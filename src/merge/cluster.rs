//! Which mentions are the same event: a scored, constrained,
//! average-link clustering.
//!
//! Mentions are compared only within a block of compatible types (a vote
//! and a veto of the same resolution are one event; an attack and a
//! strike are not). Two mentions cannot be joined when two written dates
//! do not overlap or any two dates lie more than a month apart, when an
//! article reporting the event as past was written before the other's
//! date, when the triggers' own phrases name different towns, or when
//! their casualty figures cannot agree. Among the rest, the pair of
//! clusters with the best average score merges first, as long as some
//! pair across them links strongly ([`STRONG_LINK`]) and the average
//! stays above [`THRESHOLD`]. Undated definite descriptions left alone
//! then join the one recent event of their type, if there is one.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::events::anchor::TimeEvidence;
use crate::events::arguments::{EntityKind, place_kind};
use crate::events::{EventType, Mention};

/// The best single link two clusters need to merge: one pair of
/// mentions must clearly be the same event.
pub const STRONG_LINK: f64 = 2.6;

/// The average score two clusters need to merge, over all pairs of
/// their mentions: low, because reports of one event vary, but the
/// strong link and the cannot-links keep events apart.
pub const THRESHOLD: f64 = 1.3;

/// One mention, with what the clustering compares.
pub struct Item<'a> {
    /// The document it is from.
    pub doc: &'a str,
    /// The mention.
    pub mention: &'a Mention,
    /// Its document's DCT.
    pub dct: Option<NaiveDate>,
    actors: BTreeSet<&'a str>,
    places: BTreeSet<&'a str>,
    /// Towns and sites (not countries or regions): two different ones
    /// mean two events.
    sites: BTreeSet<&'a str>,
    /// The words of the trigger phrase ("chemical", "sarin", "attack").
    phrase: BTreeSet<String>,
    /// Content words of the sentence.
    words: BTreeSet<String>,
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but",
    "with", "by", "from", "that", "this", "it", "its", "is", "was", "were",
    "are", "be", "been", "has", "have", "had", "as", "said", "says", "he",
    "she", "they", "his", "her", "their", "which", "who", "would", "will",
    "not", "after", "over", "into", "about", "than", "more", "also",
];

fn content_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

impl<'a> Item<'a> {
    /// Prepares a mention of document `doc`.
    pub fn new(
        doc: &'a str,
        dct: Option<NaiveDate>,
        mention: &'a Mention,
    ) -> Item<'a> {
        // Only a place the trigger's own phrase names ("the attack on
        // Khan Sheikhoun") is sure enough to keep events apart; the other
        // places of a sentence may belong to its other clauses.
        let mut sites: BTreeSet<&str> = if mention.located {
            mention
                .places
                .iter()
                .map(String::as_str)
                .filter(|p| {
                    !matches!(
                        place_kind(p),
                        Some(EntityKind::Country | EntityKind::Region)
                    )
                })
                .collect()
        } else {
            BTreeSet::new()
        };
        sites.extend(mention.body.as_deref());
        Item {
            doc,
            mention,
            dct,
            actors: mention.actors.iter().map(String::as_str).collect(),
            places: mention.places.iter().map(String::as_str).collect(),
            sites,
            phrase: mention.lemma.split(' ').map(str::to_string).collect(),
            words: content_words(&mention.sentence),
        }
    }
}

/// Types that one real event can be reported as.
fn compatible(a: EventType, b: EventType) -> bool {
    use EventType::{Veto, Vote};
    a == b || matches!((a, b), (Vote, Veto) | (Veto, Vote))
}

/// The block a type is compared in.
pub fn block(kind: EventType) -> EventType {
    match kind {
        EventType::Vote => EventType::Veto,
        k => k,
    }
}

fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Whether the DCT bound of an undated mention rules out a date: a
/// document that reports an event as past was written after it. (A
/// plan, "will likely veto", may be reported after the day it was set
/// for: no hard limit there.)
fn bound_clash(item: &Item, span: (NaiveDate, NaiveDate)) -> bool {
    match &item.mention.time_evidence {
        TimeEvidence::DctBound { relation: "on_or_before", dct } => {
            span.0 > *dct
        }
        _ => false,
    }
}

/// A date written out ("April 4", "2013") rather than worked out from a
/// DCT ("last week"), which a rehash written days later gets wrong.
fn explicit(item: &Item) -> bool {
    match &item.mention.time_evidence {
        TimeEvidence::Timex { text, .. } => {
            text.chars().any(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// How far apart two date spans are, in days (0 when they overlap).
fn gap_days(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if overlaps(a, b) {
        0
    } else if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else {
        (a.0 - b.1).num_days()
    }
}

/// Two mentions that cannot be one event: incompatible types, two
/// written dates that do not overlap, dates more than a month apart, or
/// a date after the DCT of a document that reports the event as past.
pub fn cannot_link(a: &Item, b: &Item) -> bool {
    if !compatible(a.mention.kind, b.mention.kind) {
        return true;
    }
    match (a.mention.span, b.mention.span) {
        (Some(x), Some(y)) => {
            let gap = gap_days(x, y);
            if gap > 31 || (gap > 0 && explicit(a) && explicit(b)) {
                return true;
            }
        }
        (Some(x), None) if bound_clash(b, x) => return true,
        (None, Some(y)) if bound_clash(a, y) => return true,
        _ => {}
    }
    if casualties_clash(a.mention, b.mention) {
        return true;
    }
    // An attack, a strike, a meeting happen in one place: two different
    // towns are two events. (A veto's places are what the resolution is
    // about, not where it happened.)
    located(a.mention.kind)
        && !a.sites.is_empty()
        && !b.sites.is_empty()
        && a.sites.is_disjoint(&b.sites)
}

/// The range of a casualty figure as news writes it: "more than 80" is
/// 80 to 160, "dozens" 24 to 99, "hundreds" 200 to 999.
fn casualty_range(
    q: &crate::events::arguments::Quantity,
) -> Option<(u64, u64)> {
    if !matches!(
        q.what.as_str(),
        "people" | "killed" | "dead" | "civilians" | "children" | "persons"
    ) {
        return None;
    }
    let n = q.value;
    Some(match q.qualifier.as_deref() {
        Some("dozens") => (24, 99),
        Some("scores") => (40, 99),
        Some("hundreds") => (200, 999),
        Some("thousands") => (2000, 9999),
        Some("more than" | "over" | "at least" | "upwards of") => {
            (n, n.saturating_mul(2))
        }
        _ => (n * 3 / 4, n.saturating_mul(5) / 4),
    })
}

/// Two casualty figures that cannot describe one event ("more than 80"
/// and "hundreds").
fn casualties_clash(a: &Mention, b: &Mention) -> bool {
    let ra: Vec<_> = a.numbers.iter().filter_map(casualty_range).collect();
    let rb: Vec<_> = b.numbers.iter().filter_map(casualty_range).collect();
    !ra.is_empty()
        && !rb.is_empty()
        && ra.iter().all(|x| rb.iter().all(|y| x.1 < y.0 || y.1 < x.0))
}

/// Two mentions that give the same casualty figure ("12 people").
fn casualties_agree(a: &Mention, b: &Mention) -> bool {
    let exact = |m: &Mention| -> Vec<u64> {
        m.numbers
            .iter()
            .filter(|q| q.qualifier.is_none() && casualty_range(q).is_some())
            .map(|q| q.value)
            .collect()
    };
    let (ea, eb) = (exact(a), exact(b));
    ea.iter().any(|v| eb.contains(v))
}

/// Types of events that happen at one place.
fn located(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Attack
            | EventType::MilitaryStrike
            | EventType::Death
            | EventType::Disaster
            | EventType::Meeting
            | EventType::Visit
            | EventType::Protest
    )
}

fn shared<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> usize {
    a.intersection(b).count()
}

/// Shared words over the smaller set: a short sentence that repeats a
/// long one's key words is as close as two long ones.
fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    shared(a, b) as f64 / small as f64
}

/// How strongly two compatible mentions look like one event.
pub fn score(a: &Item, b: &Item) -> f64 {
    let (ma, mb) = (a.mention, b.mention);
    let mut s = if ma.kind == mb.kind { 1.0 } else { 0.5 };
    match (ma.span, mb.span) {
        (Some(x), Some(y)) if x == y => s += 1.5,
        (Some(x), Some(y)) if overlaps(x, y) => s += 0.8,
        // Dates that disagree by less than a month: kept apart only if
        // nothing else ties them; less so when one was worked out from a
        // DCT ("last week" in a rehash written days later).
        (Some(_), Some(_)) if explicit(a) && explicit(b) => s -= 1.5,
        (Some(_), Some(_)) => s -= 0.8,
        (Some(x), None) => s += recency(x, b.dct),
        (None, Some(y)) => s += recency(y, a.dct),
        (None, None) => {
            // Undated reports from documents of the same days.
            if let (Some(x), Some(y)) = (a.dct, b.dct)
                && (x - y).num_days().abs() <= 7
            {
                s += 0.3;
            }
        }
    }
    let actors = shared(&a.actors, &b.actors);
    s += (actors as f64).min(2.0);
    if shared(&a.sites, &b.sites) > 0 {
        s += 2.0;
    }
    // The other side of a meeting: "talks with Lavrov" and "a dinner
    // with Xi" are two meetings.
    if !ma.with.is_empty() && !mb.with.is_empty() {
        if ma.with.iter().any(|w| mb.with.contains(w)) {
            s += 1.5;
        } else {
            s -= 3.0;
        }
    }
    let who_where_a = a.actors.len() + a.places.len();
    let who_where_b = b.actors.len() + b.places.len();
    if who_where_a > 0
        && who_where_b > 0
        && actors == 0
        && shared(&a.places, &b.places) == 0
    {
        s -= 0.5;
    }
    if ma.lemma == mb.lemma {
        s += 0.5;
    } else if shared(&a.phrase, &b.phrase) > 1 {
        // "chemical attack" and "chemical weapons attack".
        s += 0.3;
    }
    s += 1.5 * overlap(&a.words, &b.words);
    if a.doc == b.doc {
        // An article returns to the event it reports: within one
        // article, mentions of a type mostly mean the same event; one
        // sentence saying it twice ("In the latest veto, Russia blocked
        // the draft") surely does.
        s += if ma.sentence == mb.sentence { 1.5 } else { 0.8 };
    }
    // The same casualty figure.
    if casualties_agree(ma, mb) {
        s += 1.0;
    }
    // A plan and its outcome are one event, but less surely.
    if ma.factuality != mb.factuality {
        s -= 0.3;
    }
    s
}

/// An undated mention in a document dated within two weeks after a
/// date: news refers back to what just happened.
fn recency(span: (NaiveDate, NaiveDate), dct: Option<NaiveDate>) -> f64 {
    match dct {
        Some(d) if span.0 <= d && (d - span.1).num_days() <= 14 => 0.7,
        _ => 0.0,
    }
}

/// The block a mention is clustered in: its type's block and the
/// quarter of its date (or of its document's DCT), so that the work
/// grows with the size of the blocks, not of the corpus. Dates more
/// than a month apart cannot be one event anyway; a quarter leaves room
/// for "last week" across a month's end.
fn blocking_key(item: &Item) -> (EventType, Option<i32>) {
    use chrono::Datelike;
    let day = item.mention.span.map(|s| s.0).or(item.dct);
    let quarter = day.map(|d| d.year() * 4 + (d.month0() / 3) as i32);
    (block(item.mention.kind), quarter)
}

/// Clusters `items` (already in a fixed order), block by block; returns
/// clusters as lists of item indices, each sorted, in order of their
/// first item.
pub fn cluster(items: &[Item]) -> Vec<Vec<usize>> {
    let mut blocks: std::collections::BTreeMap<_, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        blocks.entry(blocking_key(item)).or_default().push(i);
    }
    let mut clusters: Vec<Vec<usize>> = blocks
        .values()
        .flat_map(|members| cluster_block(items, members))
        .collect();
    clusters.sort_by_key(|c| c[0]);
    clusters
}

/// Average-link clustering of the `members` of one block.
fn cluster_block(items: &[Item], members: &[usize]) -> Vec<Vec<usize>> {
    let n = members.len();
    // Pairwise scores, with cannot-links as None.
    let mut pair = vec![None; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&items[members[i]], &items[members[j]]);
            if cannot_link(a, b) {
                continue;
            }
            let s = score(a, b);
            pair[i * n + j] = Some(s);
            pair[j * n + i] = Some(s);
        }
    }
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let Some(avg) = average(&clusters[a], &clusters[b], &pair, n)
                else {
                    continue;
                };
                let strong = strongest(&clusters[a], &clusters[b], &pair, n)
                    >= STRONG_LINK;
                if avg >= THRESHOLD
                    && strong
                    && best.is_none_or(|(s, _, _)| avg > s)
                {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let merged = clusters.remove(b);
        clusters[a].extend(merged);
        clusters[a].sort_unstable();
    }
    clusters
        .into_iter()
        .map(|c| c.into_iter().map(|i| members[i]).collect())
        .collect()
}

/// The best single link between two clusters.
fn strongest(a: &[usize], b: &[usize], pair: &[Option<f64>], n: usize) -> f64 {
    a.iter()
        .flat_map(|&i| b.iter().filter_map(move |&j| pair[i * n + j]))
        .fold(f64::MIN, f64::max)
}

/// The average score between two clusters, or `None` when any pair
/// across them cannot link.
fn average(
    a: &[usize],
    b: &[usize],
    pair: &[Option<f64>],
    n: usize,
) -> Option<f64> {
    let mut sum = 0.0;
    for &i in a {
        for &j in b {
            sum += pair[i * n + j]?;
        }
    }
    Some(sum / (a.len() * b.len()) as f64)
}

/// Whether a mention is a definite description ("the strikes", "the
/// attack"): it refers back to an event its readers already know of.
fn definite(item: &Item) -> bool {
    let sentence = item.mention.sentence.to_lowercase();
    let trigger = item.mention.trigger.to_lowercase();
    sentence.match_indices(&trigger).any(|(i, _)| {
        let before: Vec<&str> =
            sentence[..i].split_whitespace().rev().take(3).collect();
        before.iter().any(|w| matches!(*w, "the" | "these" | "those" | "this"))
    })
}

/// Gives each undated definite description that stands alone ("the
/// strikes had been launched") to the one event of its type that its
/// document's recent days hold, when exactly one such event can take
/// it: the salient event a reader would think of.
pub fn attach_definite(
    items: &[Item],
    mut clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let lone: Vec<usize> = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.len() == 1 && {
                let it = &items[c[0]];
                it.mention.span.is_none() && definite(it)
            }
        })
        .map(|(k, _)| k)
        .collect();
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for &k in &lone {
        let it = &items[clusters[k][0]];
        let Some(dct) = it.dct else { continue };
        let candidates: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|&(j, c)| {
                j != k
                    && c.iter().all(|&m| {
                        block(items[m].mention.kind) == block(it.mention.kind)
                            && !cannot_link(&items[m], it)
                    })
                    && c.iter().any(|&m| {
                        items[m].mention.span.is_some_and(|s| {
                            s.0 <= dct && (dct - s.1).num_days() <= 14
                        })
                    })
            })
            .map(|(j, _)| j)
            .collect();
        if let [only] = candidates.as_slice() {
            moves.push((k, *only));
        }
    }
    for (from, to) in &moves {
        let moved = std::mem::take(&mut clusters[*from]);
        clusters[*to].extend(moved);
        clusters[*to].sort_unstable();
    }
    clusters.retain(|c| !c.is_empty());
    clusters.sort_by_key(|c| c[0]);
    clusters
}
