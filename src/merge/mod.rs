//! The merger: one deduplicated, dated timeline from the event mentions
//! of many documents.

pub mod cluster;
pub mod date;
mod fast_hash;
pub mod linkage;
pub mod title;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::DctSource;
use crate::events::anchor::{Precision, TimeEvidence};
use crate::events::{EventType, Factuality};

/// The version of the timeline JSON format.
pub const SCHEMA_VERSION: u32 = 1;

/// A timeline: the documents read and the events they report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Timeline {
    /// The version of this format (1).
    pub schema_version: u32,
    /// The documents, sorted by id.
    pub documents: Vec<DocumentInfo>,
    /// The events, sorted by date (undated last), then id.
    pub events: Vec<Event>,
}

/// A document of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DocumentInfo {
    /// The document id.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its DCT.
    pub dct: Option<NaiveDate>,
    /// Where the DCT came from.
    pub dct_source: DctSource,
}

/// One event, with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Event {
    /// A stable hash of the event's content.
    pub id: String,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// A headline made from the best mention.
    pub title: String,
    /// The best source sentence.
    pub summary: String,
    /// The date at its precision ("2017-04-04", "2017-W15", "2017-04"),
    /// or null.
    pub date: Option<String>,
    /// The last day, when the event lasts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The date's precision, or null.
    pub precision: Option<Precision>,
    /// How sure the date is, in [0, 1].
    pub confidence: f64,
    /// `actual` when any source says it happened, else `planned`.
    pub factuality: Factuality,
    /// Actors (canonical names), sorted.
    pub actors: Vec<String>,
    /// Places (canonical names), sorted.
    pub places: Vec<String>,
    /// Dates that some sources give and the event's date contradicts.
    pub date_conflicts: Vec<DateConflict>,
    /// Every mention, by document and offset.
    pub mentions: Vec<EventMention>,
    /// The first day of `date`, for sorting.
    #[serde(skip)]
    #[schemars(skip)]
    pub first_day: Option<NaiveDate>,
}

/// A source whose date disagrees with the event's.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DateConflict {
    /// The document.
    pub doc: String,
    /// The date that source gives.
    pub date: String,
    /// The expression it comes from.
    pub text: String,
}

/// One mention of an event.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EventMention {
    /// The document id.
    pub doc: String,
    /// Code point offset of the trigger in the document text.
    pub start: usize,
    /// End of the trigger, exclusive.
    pub end: usize,
    /// The sentence.
    // Shared with the mention it comes from, not copied: a merge holds
    // millions.
    pub sentence: std::sync::Arc<str>,
    /// Code point offset of the sentence in the document text: the
    /// trigger is at `start - sentence_start` within it.
    pub sentence_start: usize,
    /// The trigger as written.
    pub trigger: String,
    /// The date this mention gives, if any.
    pub date: Option<String>,
    /// What placed the mention in time.
    pub time_evidence: TimeEvidence,
}

/// A stable 64-bit FNV-1a hash, written as 16 hex digits: event ids
/// must not change between runs, machines or Rust versions.
fn stable_id(parts: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// What identifies an article's content among the mentions: its DCT
/// and every mention's offset, trigger and sentence. Copies of one
/// article under other ids share it.
fn article_fingerprint(d: &crate::DocumentMentions) -> String {
    // A document without mentions is never compared: its id will do.
    if d.mentions.is_empty() {
        return d.id.clone();
    }
    let parts: Vec<String> = std::iter::once(format!("{:?}", d.dct))
        .chain(
            d.mentions
                .iter()
                .map(|m| format!("{}|{}|{}", m.start, m.trigger, m.sentence)),
        )
        .collect();
    stable_id(&parts)
}

/// A casualty mention ("killed") in the same sentence as an attack,
/// strike or disaster is part of that event, not one of its own.
fn host_of(mentions: &[&crate::events::Mention], i: usize) -> Option<usize> {
    let m = mentions[i];
    if m.kind != EventType::Death {
        return None;
    }
    mentions
        .iter()
        .enumerate()
        .filter(|(j, h)| {
            *j != i
                && h.sentence == m.sentence
                && matches!(
                    h.kind,
                    EventType::Attack
                        | EventType::MilitaryStrike
                        | EventType::Disaster
                )
        })
        .min_by_key(|(_, h)| h.bytes.start.abs_diff(m.bytes.start))
        .map(|(j, _)| j)
}

/// Merges the event mentions of documents into one timeline.
///
/// `titles` gives each document's title by id. The result does not
/// depend on the order of `docs`: mentions are taken in document-id and
/// offset order, every tie is broken by content, and events are sorted
/// by date (undated last), then id.
pub fn merge(
    docs: &[crate::DocumentMentions],
    titles: &[(String, Option<String>)],
) -> Timeline {
    let mut order: Vec<&crate::DocumentMentions> = docs.iter().collect();
    // Documents that share an id are ordered by their whole content, so
    // that the input order cannot leak into the output. Serialising
    // these types cannot fail (see `output::to_json`).
    let content = |d: &crate::DocumentMentions| {
        serde_json::to_string(d).unwrap_or_default()
    };
    order.sort_by(|a, b| {
        a.id.cmp(&b.id).then_with(|| content(a).cmp(&content(b)))
    });
    // Every mention with its document, in a fixed order.
    let all: Vec<(&str, Option<NaiveDate>, &crate::events::Mention)> = order
        .iter()
        .flat_map(|d| {
            d.mentions.iter().map(move |m| (d.id.as_str(), d.dct, m))
        })
        .collect();
    let hosts: Vec<Option<usize>> = order
        .iter()
        .flat_map(|d| {
            let ms: Vec<&crate::events::Mention> = d.mentions.iter().collect();
            (0..ms.len()).map(move |i| host_of(&ms, i)).collect::<Vec<_>>()
        })
        .collect();
    // Indices into `all` of the mentions that are clustered, and, for
    // absorbed ones, the index of their host in `all`.
    let mut offset = 0;
    let mut absorbed: Vec<(usize, usize)> = Vec::new();
    let mut free: Vec<usize> = Vec::new();
    for d in &order {
        for i in 0..d.mentions.len() {
            match hosts[offset + i] {
                Some(h) => absorbed.push((offset + i, offset + h)),
                None => free.push(offset + i),
            }
        }
        offset += d.mentions.len();
    }
    // Mentions are compared by article, not by document id: one story
    // syndicated under several ids is one article, whose mentions of a
    // type mostly mean one event, as in the original.
    let articles: std::collections::BTreeMap<&str, String> = order
        .iter()
        .map(|d| (d.id.as_str(), article_fingerprint(d)))
        .collect();
    let mut symbols = cluster::Symbols::default();
    let items: Vec<cluster::Item> = free
        .iter()
        .map(|&k| {
            let article = articles[all[k].0].as_str();
            cluster::Item::new(article, all[k].1, all[k].2, &mut symbols)
        })
        .collect();
    let clusters = cluster::cluster(&items);
    // Gone before the events are built: with millions of mentions, both
    // at once are hundreds of megabytes.
    drop(items);
    drop(symbols);
    let mut guests: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for &(k, host) in &absorbed {
        guests.entry(host).or_default().push(k);
    }
    let mut events: Vec<Event> = clusters
        .iter()
        .map(|c| {
            let mut members: Vec<usize> = c.iter().map(|&i| free[i]).collect();
            let hosted: Vec<usize> = members
                .iter()
                .filter_map(|h| guests.get(h))
                .flatten()
                .copied()
                .collect();
            members.extend(hosted);
            members.sort_unstable();
            build_event(&all, &members)
        })
        .collect();
    // Dated events by their first day, undated ones last; then by id.
    events.sort_by(|a, b| {
        (a.first_day.is_none(), a.first_day, &a.id).cmp(&(
            b.first_day.is_none(),
            b.first_day,
            &b.id,
        ))
    });
    // With ids repeated, the least title of the id: the same whatever
    // the order `titles` come in.
    let mut by_id: std::collections::HashMap<&str, &Option<String>> =
        std::collections::HashMap::new();
    for (id, t) in titles {
        let e = by_id.entry(id.as_str()).or_insert(t);
        if t < *e {
            *e = t;
        }
    }
    let mut documents: Vec<DocumentInfo> = order
        .iter()
        .map(|d| DocumentInfo {
            id: d.id.clone(),
            title: by_id.get(d.id.as_str()).and_then(|t| (*t).clone()),
            dct: d.dct,
            dct_source: d.dct_source,
        })
        .collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Timeline { schema_version: SCHEMA_VERSION, documents, events }
}

fn build_event(
    all: &[(&str, Option<NaiveDate>, &crate::events::Mention)],
    members: &[usize],
) -> Event {
    let mentions: Vec<(&str, &crate::events::Mention)> =
        members.iter().map(|&k| (all[k].0, all[k].2)).collect();
    let plain: Vec<&crate::events::Mention> =
        mentions.iter().map(|(_, m)| *m).collect();
    // The event's type: the most frequent among its mentions (a veto
    // outranks the vote it happened in).
    let kind = {
        let mut count: std::collections::BTreeMap<EventType, usize> =
            std::collections::BTreeMap::new();
        for m in &plain {
            if m.kind != EventType::Death || plain.len() == 1 {
                *count.entry(m.kind).or_default() += 1;
            }
        }
        if count.contains_key(&EventType::Veto) {
            EventType::Veto
        } else {
            count
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map_or(plain[0].kind, |(k, _)| k)
        }
    };
    let chosen = date::choose(&mentions);
    let mut actors: Vec<String> =
        plain.iter().flat_map(|m| m.actors.iter().cloned()).collect();
    actors.sort();
    actors.dedup();
    let mut places: Vec<String> =
        plain.iter().flat_map(|m| m.places.iter().cloned()).collect();
    places.sort();
    places.dedup();
    // The best source: reporting it as done rather than expected, on
    // the event's date (not one of the conflicting ones), dated, sure,
    // telling the most; ties go to the first document and
    // offset.
    let agrees = |m: &crate::events::Mention| match (&chosen, m.span) {
        (Some(c), Some(s)) => s.0 <= c.span.0 && c.span.1 <= s.1,
        _ => false,
    };
    let key = |m: &crate::events::Mention| {
        let info = m.numbers.len() + m.places.len() + m.actors.len();
        (
            m.factuality == Factuality::Actual,
            agrees(m),
            m.span.is_some(),
            (m.confidence * 100.0).round() as i64,
            info,
        )
    };
    let best = mentions
        .iter()
        .max_by(|(da, a), (db, b)| {
            key(a).cmp(&key(b)).then(db.cmp(da)).then(b.start.cmp(&a.start))
        })
        .map_or(plain[0], |(_, m)| *m);
    let event_mentions: Vec<EventMention> = mentions
        .iter()
        .map(|(doc, m)| EventMention {
            doc: (*doc).to_string(),
            start: m.start,
            end: m.end,
            sentence: m.sentence.clone(),
            sentence_start: m.sentence_start,
            trigger: m.trigger.clone(),
            date: m.date.clone(),
            time_evidence: m.time_evidence.clone(),
        })
        .collect();
    let date = chosen.as_ref().map(|c| c.value.clone());
    let id = stable_id(
        &std::iter::once(format!(
            "{kind:?}|{}",
            date.clone().unwrap_or_default()
        ))
        .chain(mentions.iter().map(|(d, m)| format!("{d}:{}", m.start)))
        .collect::<Vec<_>>(),
    );
    Event {
        id,
        kind,
        title: title::headline(kind, &plain),
        summary: best.sentence.to_string(),
        date,
        end_date: chosen.as_ref().and_then(|c| c.end.clone()),
        precision: chosen.as_ref().map(|c| c.precision),
        confidence: chosen.as_ref().map_or(0.0, |c| c.confidence),
        // Actual when any source says it happened.
        factuality: if plain.iter().any(|m| m.factuality == Factuality::Actual)
        {
            Factuality::Actual
        } else {
            Factuality::Planned
        },
        actors,
        places,
        date_conflicts: chosen
            .as_ref()
            .map(|c| c.conflicts.clone())
            .unwrap_or_default(),
        mentions: event_mentions,
        first_day: chosen.as_ref().map(|c| c.span.0),
    }
}
