//! Output formats: TimeML for tagged documents, and the timeline as
//! JSON, JSON Lines, TimelineJS or vis-timeline data, or a
//! self-contained HTML page.
//!
//! Each timeline format is a pure function from a [`Timeline`] to the
//! text to write ([`json::render`], [`jsonl::render`],
//! [`timelinejs::render`], [`vis::render`], [`html::render`]), so the
//! output of a run can be compared or snapshotted without touching the
//! file system.

pub mod atomic;
mod event_json;
pub mod filter;
pub mod html;
pub mod json;
pub mod jsonl;
mod span;
pub mod tagged;
pub mod timelinejs;
pub mod timeml;
pub mod vis;

pub use atomic::{write_atomic, write_atomic_with};
pub use filter::about;

use chrono::NaiveDate;
use serde::Serialize;

use crate::Document;
use crate::merge::Timeline;

/// The formats a timeline can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The timeline itself, pretty-printed ([`json::render`]).
    Json,
    /// One compact event per line ([`jsonl::render`]).
    Jsonl,
    /// Knight Lab TimelineJS3 data ([`timelinejs::render`]).
    TimelineJs,
    /// vis-timeline items ([`vis::render`]).
    Vis,
    /// A self-contained HTML page ([`html::render`]).
    Html,
}

impl Format {
    /// The timeline written in this format.
    pub fn render(self, timeline: &Timeline) -> String {
        match self {
            Format::Json => json::render(timeline),
            Format::Jsonl => jsonl::render(timeline),
            Format::TimelineJs => timelinejs::render(timeline),
            Format::Vis => vis::render(timeline),
            Format::Html => html::render(timeline),
        }
    }

    /// Writes [`Format::render`]'s text to `out` as it is made: the JSON
    /// formats are not held in memory whole, which for a merge of
    /// millions of mentions is hundreds of megabytes.
    ///
    /// # Errors
    ///
    /// The errors of `out`.
    pub fn write(
        self,
        timeline: &Timeline,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            Format::Json => json::write(timeline, out),
            Format::Jsonl => jsonl::write(timeline, out),
            _ => out.write_all(self.render(timeline).as_bytes()),
        }
    }
}

/// The timeline of a set of documents: their event mentions
/// ([`crate::mentions`], with `dct_override` as the CLI's `--dct`)
/// merged into dated events ([`crate::merge::merge`]).
///
/// The result does not depend on the order of `docs` ([`crate::timeline`]
/// sorts the documents' mentions), so the same files given in any order
/// give byte-identical output.
pub fn build(docs: &[Document], dct_override: Option<NaiveDate>) -> Timeline {
    crate::timeline(crate::mentions(docs, dct_override))
}

/// `value` as JSON, compact or pretty.
///
/// The timeline types hold only strings, numbers, booleans, sequences
/// and structs with string keys, which serde_json always serialises
/// (a non-finite number becomes `null`), so the error case cannot
/// happen; it is mapped to `null` rather than a panic all the same.
fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let json = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    json.unwrap_or_else(|_| "null".to_owned())
}
