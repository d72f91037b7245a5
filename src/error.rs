//! The library's error type.

use std::fmt;
use std::path::PathBuf;

/// Which record of a JSON input an error is about.
///
/// Part of the message so that a user can find the record: a `.jsonl`
/// line number or the position in a `.json` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The file holds one record (a `.json` object).
    Whole,
    /// Line `n` (from 1) of a JSON Lines input.
    Line(usize),
    /// Element `n` (from 1) of a `.json` array.
    Item(usize),
}

impl fmt::Display for Location {
    /// Writes a prefix ending in `": "`, or nothing for [`Location::Whole`],
    /// so messages read `"a.jsonl: line 3: missing …"` or
    /// `"a.json: missing …"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Whole => Ok(()),
            Location::Line(n) => write!(f, "line {n}: "),
            Location::Item(n) => write!(f, "item {n}: "),
        }
    }
}

/// Everything that can go wrong reading input or writing output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read (missing, no permission, an
    /// I/O error part way through).
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// The input is larger than [`crate::document::ReadOptions::max_bytes`].
    #[error(
        "{}: too large: {size} bytes or more, the limit is {limit} bytes",
        .path.display()
    )]
    TooLarge {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// The size seen: exact for a file, a lower bound for a stream that
        /// was cut off.
        size: u64,
        /// The limit in force.
        limit: u64,
    },

    /// A line of JSON Lines is longer than the limit (each line is one
    /// document, read and refused on its own).
    #[error(
        "{}: line {line}: too large: more than {limit} bytes",
        .path.display()
    )]
    LineTooLarge {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// The limit in force.
        limit: u64,
    },

    /// The input is not valid UTF-8.
    #[error(
        "{}: not valid UTF-8 (first bad byte at offset {valid_up_to})",
        .path.display()
    )]
    NotUtf8 {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Byte offset in the file of the first byte that is not UTF-8.
        valid_up_to: usize,
    },

    /// The input is empty or only whitespace, or holds no documents.
    #[error("{}: empty: no document in it", .path.display())]
    Empty {
        /// The path (`-` for stdin).
        path: PathBuf,
    },

    /// A `.json` file is not valid JSON.
    #[error("{}: not a JSON document: {source}", .path.display())]
    BadJson {
        /// The path.
        path: PathBuf,
        /// The parser's complaint (with line and column).
        source: serde_json::Error,
    },

    /// One line of a JSON Lines input is not valid JSON; the other lines
    /// are read regardless.
    #[error("{}: line {line}: not a JSON document: {source}", .path.display())]
    BadJsonLine {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// The parser's complaint.
        source: serde_json::Error,
    },

    /// A JSON record is not an object.
    #[error(
        "{}: {location}expected a JSON object, found {found}",
        .path.display()
    )]
    NotAnObject {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Which record.
        location: Location,
        /// What was there instead (`"an array"`, `"a string"` …).
        found: &'static str,
    },

    /// A JSON record lacks a required field (`id` or `text`).
    #[error(
        "{}: {location}missing required field `{field}`",
        .path.display()
    )]
    MissingField {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Which record.
        location: Location,
        /// The field's name.
        field: &'static str,
    },

    /// A JSON field has the wrong type.
    #[error(
        "{}: {location}field `{field}` must be {expected}, found {found}",
        .path.display()
    )]
    BadField {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Which record.
        location: Location,
        /// The field's name.
        field: &'static str,
        /// What it must be (`"a string"`).
        expected: &'static str,
        /// What it was.
        found: &'static str,
    },

    /// A document's `dct` is not a date or date-time.
    #[error(
        "{}: document {id:?}: dct {value:?} is not a date \
         (expected YYYY-MM-DD or an ISO 8601 date-time)",
        .path.display()
    )]
    BadDct {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// The document's id.
        id: String,
        /// The value as given.
        value: String,
    },

    /// A `.tml` file is not well-formed XML or not usable TimeML.
    #[error("{}: {message}", .path.display())]
    BadTimeMl {
        /// The path (the document id for [`crate::document::parse_timeml`]).
        path: PathBuf,
        /// What is wrong and where (line number).
        message: String,
    },
}

/// Something a reader noticed and worked around: the document is still
/// read, and the user should hear about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Warning {
    /// Bytes that are not UTF-8 were replaced with U+FFFD, as asked
    /// ([`crate::document::ReadOptions::lossy`]).
    #[error(
        "{}: not valid UTF-8 (first bad byte at offset {offset}): \
         {replaced} invalid {} replaced with U+FFFD",
        .path.display(),
        if *.replaced == 1 { "sequence" } else { "sequences" }
    )]
    Replaced {
        /// The path (`-` for stdin).
        path: PathBuf,
        /// Byte offset in the input of the first byte that was replaced.
        offset: usize,
        /// How many invalid sequences were replaced (each by one U+FFFD).
        replaced: usize,
    },
}
