//! # Overview
//!
//! `timeline` turns news articles into one dated timeline. This crate
//! holds the whole pipeline; the `timeline` binary is a thin CLI over it.

pub mod document;
pub mod error;
pub mod eval;
pub mod events;
pub mod output;
pub mod text;
pub mod timex;

pub use document::{DctSource, Document};
pub use error::Error;
pub use timex::{Timex, TimexType, Value};

use chrono::NaiveDate;
use serde::Serialize;

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
