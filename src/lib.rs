//! # Overview
//!
//! `timeline` turns news articles into one dated timeline. This crate
//! holds the whole pipeline; the `timeline` binary is a thin CLI over it.

pub mod document;
pub mod error;
pub mod eval;
pub mod events;
mod fast_hash;
pub mod mention_lines;
pub mod merge;
pub mod output;
pub mod pipeline;
pub mod text;
pub mod timex;

pub use document::{DctSource, Document};
pub use error::Error;
pub use timex::{Timex, TimexType, Value};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A document with its temporal expressions: the `tag` command's
/// output for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaggedDocument {
    /// The document id.
    pub id: String,
    /// The DCT used to resolve relative expressions.
    pub dct: Option<NaiveDate>,
    /// Where that DCT came from.
    pub dct_source: DctSource,
    /// The expressions, in text order.
    pub timexes: Vec<Timex>,
}

/// Tags one document.
///
/// The DCT is, in order: `dct_override` (the CLI's `--dct`), the one the
/// document came with, or a publication date stated in its header
/// ("Posted April 17, 2017"), found by the tagger itself. Without any,
/// relative expressions keep underspecified values.
pub fn tag(doc: &Document, dct_override: Option<NaiveDate>) -> TaggedDocument {
    let tagger = timex::Tagger::new();
    let (given, source) = match (dct_override, doc.dct) {
        (Some(d), _) => (Some(d), DctSource::Given),
        (None, Some(d)) => (Some(d), doc.dct_source),
        (None, None) => (None, DctSource::None),
    };
    let (dct, from_text, timexes) =
        timex::tag_with_header(tagger, &doc.text, given);
    let dct_source = if from_text { DctSource::Text } else { source };
    TaggedDocument { id: doc.id.clone(), dct, dct_source, timexes }
}

/// A document's event mentions: the `mentions` command's output for one
/// document, and the `merge` command's input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMentions {
    /// The document id.
    pub id: String,
    /// The document's title, for the timeline's list of documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The DCT used.
    pub dct: Option<NaiveDate>,
    /// Where it came from (`inferred` when this step inferred it).
    pub dct_source: DctSource,
    /// Why an inferred DCT was chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dct_evidence: Vec<String>,
    /// Things the reader should know (a DCT that looks wrong).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The mentions, in text order.
    pub mentions: Vec<events::Mention>,
}

/// Finds the event mentions of a set of documents, on every core of
/// the current rayon pool.
///
/// Documents with a DCT (given, or stated in their header) are read
/// first; the events they date then help infer the DCT of the others,
/// together with each document's own evidence. The result is in input
/// order and depends neither on it nor on the number of threads.
/// [`pipeline::mentions`] does the same for a stream of documents.
pub fn mentions(
    docs: &[Document],
    dct_override: Option<NaiveDate>,
) -> Vec<DocumentMentions> {
    use pipeline::FirstPass;
    use rayon::prelude::*;
    let first: Vec<FirstPass> = docs
        .par_iter()
        .map(|d| pipeline::first_pass(d.clone(), dct_override))
        .collect();
    let mut known = pipeline::KnownEvents::default();
    let mut out: Vec<Option<DocumentMentions>> = Vec::new();
    let mut undated = Vec::new();
    for (i, pass) in first.into_iter().enumerate() {
        match pass {
            FirstPass::Dated(found, events) => {
                known.extend(events);
                out.push(Some(found));
            }
            FirstPass::Undated(_) => {
                undated.push(i);
                out.push(None);
            }
        }
    }
    let known = known.finish();
    let second: Vec<DocumentMentions> = undated
        .par_iter()
        .map(|&i| pipeline::second_pass(&docs[i], &known))
        .collect();
    for (i, found) in undated.into_iter().zip(second) {
        out[i] = Some(found);
    }
    out.into_iter().flatten().collect()
}

/// The timeline of documents' mentions: the reduce step, which `timeline
/// merge` runs on mention lines and `timeline extract` on the mentions
/// it just found.
///
/// The result does not depend on the order of `found` ([`merge::merge`]
/// orders documents by [`merge::DocKey`]).
pub fn timeline(found: Vec<DocumentMentions>) -> merge::Timeline {
    let titles: Vec<(String, Option<String>)> =
        found.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
    merge::merge_owned(found, &titles)
}
