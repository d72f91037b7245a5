//! The temporal tagger: finds time expressions and normalises them to
//! TIMEX3 values anchored to the document creation time (DCT).

pub mod value;

use serde::Serialize;

pub use value::{Mod, TimexType, Value};

/// One temporal expression found in a text.
///
/// Offsets are Unicode code points into the document text (what a
/// front end indexing a JavaScript or Python string expects); the byte
/// offsets are kept for Rust callers slicing `&str`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// First code point of the expression.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// First byte.
    pub start_byte: usize,
    /// One past its last byte.
    pub end_byte: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The normalised value.
    pub value: Value,
    /// Its TIMEX3 `mod`, if any.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Mod>,
    /// The name of the rule that produced it.
    pub rule: &'static str,
}
