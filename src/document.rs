//! Documents: what an article is once read, and the readers for each
//! input format (.txt, .json, .jsonl, .tml, directories, stdin).

use chrono::NaiveDate;
use serde::Serialize;

/// Where a document's creation time (DCT) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// Given with the input (JSON `dct`, TimeML CREATION_TIME, `--dct`).
    Given,
    /// Stated in the text itself (a dateline or byline date).
    Text,
    /// Inferred from the document's evidence.
    Inferred,
    /// No DCT: relative expressions stay underspecified.
    None,
}

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// File stem or JSON `id`.
    pub id: String,
    /// First non-empty line of a .txt, or JSON `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// JSON `url`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document creation time.
    pub dct: Option<NaiveDate>,
    /// Where `dct` came from.
    pub dct_source: DctSource,
    /// The full text; all offsets point into it.
    #[serde(skip)]
    pub text: String,
}
