//! The merger: one deduplicated, dated timeline from the event mentions
//! of many documents.

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
    pub sentence: String,
    /// The trigger as written.
    pub trigger: String,
    /// The date this mention gives, if any.
    pub date: Option<String>,
    /// What placed the mention in time.
    pub time_evidence: TimeEvidence,
}

/// Merges the mentions of documents into one timeline (placeholder:
/// one event per mention, until the clustering lands).
pub fn merge(
    docs: &[crate::DocumentMentions],
    titles: &[(String, Option<String>)],
) -> Timeline {
    let _ = titles;
    let mut events = Vec::new();
    for d in docs {
        for m in &d.mentions {
            events.push(Event {
                id: format!("{}-{}", d.id, m.start),
                kind: m.kind,
                title: m.trigger.clone(),
                summary: m.sentence.clone(),
                date: m.date.clone(),
                end_date: None,
                precision: m.precision,
                confidence: m.confidence,
                factuality: m.factuality,
                actors: m.actors.clone(),
                places: m.places.clone(),
                date_conflicts: Vec::new(),
                mentions: vec![EventMention {
                    doc: d.id.clone(),
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence.clone(),
                    trigger: m.trigger.clone(),
                    date: m.date.clone(),
                    time_evidence: m.time_evidence.clone(),
                }],
            });
        }
    }
    let mut documents: Vec<DocumentInfo> = docs
        .iter()
        .map(|d| DocumentInfo {
            id: d.id.clone(),
            title: titles
                .iter()
                .find(|(id, _)| *id == d.id)
                .and_then(|(_, t)| t.clone()),
            dct: d.dct,
            dct_source: d.dct_source,
        })
        .collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Timeline { schema_version: SCHEMA_VERSION, documents, events }
}
