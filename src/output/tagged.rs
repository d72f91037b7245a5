//! `timeline tag --format jsonl`: a tagged document as one compact JSON
//! object, the bytes `serde_json::to_vec` makes of a [`TaggedDocument`].
//!
//! Written by hand because serde's map serialiser escapes every key of
//! every expression at run time: serialising was a tenth of a `tag` run
//! (callgrind), most of it on the same ten keys. The keys here are
//! constants; values that could need escaping go through the same test
//! and, when they do, through serde_json itself. The tests compare the
//! two writers.

use std::fmt::Display;
use std::io::Write;

use crate::TaggedDocument;
use crate::timex::Timex;

/// Appends `doc` as one line of JSON (without the newline) to `out`.
///
/// # Errors
///
/// Only those of serde_json on a value that needs escaping (none for a
/// `Vec`).
pub fn write_line(
    doc: &TaggedDocument,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    string(out, &doc.id)?;
    out.extend_from_slice(b",\"dct\":");
    match doc.dct {
        Some(d) => display(out, d)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"dct_source\":");
    serde_json::to_writer(&mut *out, &doc.dct_source)?;
    out.extend_from_slice(b",\"timexes\":[");
    for (i, t) in doc.timexes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        timex(out, t)?;
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

/// One expression, its fields in the order of [`Timex`]'s
/// `Serialize` derive.
fn timex(out: &mut Vec<u8>, t: &Timex) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"start\":");
    uint(out, t.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, t.end);
    out.extend_from_slice(b",\"start_byte\":");
    uint(out, t.start_byte);
    out.extend_from_slice(b",\"end_byte\":");
    uint(out, t.end_byte);
    out.extend_from_slice(b",\"text\":");
    string(out, &t.text)?;
    out.extend_from_slice(b",\"type\":");
    string(out, t.kind.as_str())?;
    out.extend_from_slice(b",\"value\":");
    display(out, &t.value)?;
    if let Some(m) = t.modifier {
        out.extend_from_slice(b",\"mod\":");
        string(out, m.as_str())?;
    }
    out.extend_from_slice(b",\"rule\":");
    string(out, t.rule)?;
    if let Some(w) = &t.warning {
        out.extend_from_slice(b",\"warning\":");
        string(out, w)?;
    }
    out.push(b'}');
    Ok(())
}

/// Bytes JSON writes as they are inside a string.
fn plain(s: &[u8]) -> bool {
    s.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
}

fn string(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if plain(s.as_bytes()) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(out, s)
    }
}

/// A value serialised as its `Display` text (as `collect_str` does).
fn display(out: &mut Vec<u8>, v: impl Display) -> serde_json::Result<()> {
    let at = out.len();
    out.push(b'"');
    write!(out, "{v}").map_err(serde_json::Error::io)?;
    if plain(&out[at + 1..]) {
        out.push(b'"');
        return Ok(());
    }
    let text = out.split_off(at + 1);
    out.truncate(at);
    serde_json::to_writer(out, &String::from_utf8_lossy(&text))
}

fn uint(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        // n % 10 < 10: the cast cannot truncate.
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DctSource;
    use crate::timex::{Mod, TimexType, Value};
    use chrono::NaiveDate;

    fn line(doc: &TaggedDocument) -> Vec<u8> {
        let mut out = Vec::new();
        write_line(doc, &mut out).unwrap();
        out
    }

    fn doc(text: &str, dct: Option<NaiveDate>) -> TaggedDocument {
        let timexes = crate::timex::Tagger::new().tag(text, dct);
        TaggedDocument {
            id: "a \"quoted\" id\twith\u{1}controls é".into(),
            dct,
            dct_source: DctSource::Given,
            timexes,
        }
    }

    #[test]
    fn same_bytes_as_serde() {
        let text = "Monday, April 5, 2017 – \"early last year\", \
                    about three weeks ago, at 10:30 a.m. GMT and \
                    every Monday; the day before.";
        let dct = NaiveDate::from_ymd_opt(2017, 4, 13);
        for (dct, source) in [
            (dct, DctSource::Given),
            (None, DctSource::None),
            (dct, DctSource::Text),
            (dct, DctSource::Inferred),
        ] {
            let mut d = doc(text, dct);
            d.dct_source = source;
            assert!(d.timexes.len() > 4, "{:?}", d.timexes);
            assert_eq!(line(&d), serde_json::to_vec(&d).unwrap());
        }
    }

    #[test]
    fn optional_fields_and_escapes() {
        let t = Timex {
            start: 0,
            end: 12_345_678_901,
            start_byte: 7,
            end_byte: usize::MAX,
            text: "a \\ b \" c\n\u{7f}\u{1f}".into(),
            kind: TimexType::Duration,
            value: Value::parse("P3W").unwrap(),
            modifier: Some(Mod::Approx),
            rule: "some_rule",
            warning: Some("Monday does not \"match\"".into()),
        };
        let d = TaggedDocument {
            id: String::new(),
            dct: NaiveDate::from_ymd_opt(1, 1, 1),
            dct_source: DctSource::Given,
            timexes: vec![t.clone(), Timex { modifier: None, ..t }],
        };
        assert_eq!(line(&d), serde_json::to_vec(&d).unwrap());
        let empty = TaggedDocument { timexes: Vec::new(), ..d };
        assert_eq!(line(&empty), serde_json::to_vec(&empty).unwrap());
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_id(id in "\\PC*|[\\x00-\\x7f]*", text in ".{0,40}") {
            let mut d = doc(&text, None);
            d.id = id;
            proptest::prop_assert_eq!(
                line(&d),
                serde_json::to_vec(&d).unwrap()
            );
        }
    }
}
