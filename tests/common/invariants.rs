//! What must hold for any input, checked the same way by the property
//! tests (`tests/properties.rs`), the regression corpus
//! (`tests/regressions.rs`) and the fuzz targets (`fuzz/`), which
//! include this file by path. Each check returns a description of the
//! first thing that does not hold instead of panicking, so proptest can
//! shrink and the fuzzer can report it.

#![allow(dead_code)]

use std::path::Path;

use timeline::document::{self, ReadOptions};
use timeline::output::{self, Format, timeml::write_timeml};
use timeline::{Document, Error, Value};

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// The readers on `bytes` as the file `name` (its extension picks the
/// format): at least one result, every error renders with the name in
/// it, no `NotUtf8` error when decoding lossily, and what a document
/// holds came from the input.
pub fn check_reader(
    name: &str,
    bytes: &[u8],
    lossy: bool,
) -> Result<(), String> {
    let opts = ReadOptions { max_bytes: 1 << 20, lossy };
    let mut warnings = Vec::new();
    let path = Path::new(name);
    let results =
        document::read_bytes(path, bytes.to_vec(), &opts, &mut warnings);
    ensure!(!results.is_empty(), "{name}: no result at all");
    for r in &results {
        match r {
            Ok(doc) => {
                // Plain text has no escapes: U+FFFD comes from lossy
                // decoding only.
                ensure!(
                    lossy
                        || !name.ends_with(".txt")
                        || !doc.text.contains('\u{FFFD}')
                        || contains_replacement(bytes),
                    "{name}: U+FFFD appeared without lossy decoding"
                );
            }
            Err(e) => {
                let msg = e.to_string();
                ensure!(
                    msg.starts_with(name),
                    "{name}: error without the name: {msg}"
                );
                if lossy {
                    ensure!(
                        !matches!(e, Error::NotUtf8 { .. }),
                        "{name}: NotUtf8 with lossy"
                    );
                }
            }
        }
    }
    for w in &warnings {
        ensure!(
            w.to_string().starts_with(name),
            "{name}: warning without the name: {w}"
        );
    }
    if name.ends_with(".tml")
        && let Ok(text) = std::str::from_utf8(bytes)
        && let Ok((doc, gold)) = document::parse_timeml("d", text)
    {
        let chars: Vec<char> = doc.text.chars().collect();
        for g in &gold {
            ensure!(
                g.start < g.end && g.end <= chars.len(),
                "gold span {g:?} out of the text"
            );
            let slice: String = chars[g.start..g.end].iter().collect();
            ensure!(
                slice == g.text,
                "gold span {g:?} is {slice:?} in the text"
            );
        }
    }
    Ok(())
}

fn contains_replacement(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == "\u{FFFD}".as_bytes())
}

/// The whole pipeline on `docs`: tag (offsets slice the text, every
/// value is valid and round-trips through its TIMEX3 string, the TimeML
/// written reads back to the same text and spans), mentions (offsets
/// slice the text), the timeline (every format renders, JSON parses,
/// the same in any input order).
pub fn check_pipeline(docs: &[Document]) -> Result<(), String> {
    for doc in docs {
        let tagged = timeline::tag(doc, None);
        let chars: Vec<char> = doc.text.chars().collect();
        for t in &tagged.timexes {
            ensure!(
                t.start < t.end && t.end <= chars.len(),
                "timex {t:?} out of the text"
            );
            let slice: String = chars[t.start..t.end].iter().collect();
            ensure!(slice == t.text, "timex {t:?} is {slice:?} in the text");
            ensure!(
                doc.text.get(t.start_byte..t.end_byte)
                    == Some(t.text.as_str()),
                "timex {t:?}: byte offsets do not slice it"
            );
            ensure!(
                t.value.is_valid(),
                "invalid value {} from {:?}",
                t.value,
                t.text
            );
            let s = t.value.to_string();
            ensure!(
                Value::parse(&s).as_ref() == Some(&t.value),
                "value {s} of {:?} does not round-trip",
                t.text
            );
        }
        check_timeml(doc, &tagged)?;
    }
    let found = timeline::mentions(docs, None);
    ensure!(found.len() == docs.len(), "mentions lost a document");
    for (doc, dm) in docs.iter().zip(&found) {
        ensure!(doc.id == dm.id, "mentions out of input order");
        let chars = doc.text.chars().count();
        for m in &dm.mentions {
            ensure!(
                m.start < m.end && m.end <= chars,
                "mention {}..{} out of the text",
                m.start,
                m.end
            );
            ensure!(
                doc.text.get(m.bytes.clone()) == Some(m.trigger.as_str()),
                "mention bytes do not slice {:?}",
                m.trigger
            );
        }
    }
    // `merge` itself, given the documents in the other order.
    let titles: Vec<(String, Option<String>)> =
        docs.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
    let mut found_rev = found.clone();
    found_rev.reverse();
    let mut titles_rev = titles.clone();
    titles_rev.reverse();
    ensure!(
        timeline::merge::merge(&found, &titles)
            == timeline::merge::merge(&found_rev, &titles_rev),
        "merge depends on the order of its input"
    );
    let built = output::build(docs, None);
    for format in
        [Format::Json, Format::Jsonl, Format::TimelineJs, Format::Vis]
    {
        let text = format.render(&built);
        let parsed = if format == Format::Jsonl {
            text.lines().try_for_each(|l| {
                serde_json::from_str::<serde_json::Value>(l).map(drop)
            })
        } else {
            serde_json::from_str::<serde_json::Value>(&text).map(drop)
        };
        ensure!(parsed.is_ok(), "{format:?} output is not JSON: {parsed:?}");
        // What HTML front ends render is escaped: no string can open a
        // tag but the paragraphs TimelineJS text is made of.
        if matches!(format, Format::TimelineJs | Format::Vis) {
            let ours = text.replace("<p>", "").replace("</p>", "");
            let value: serde_json::Value =
                serde_json::from_str(&ours).map_err(|e| e.to_string())?;
            ensure!(
                !has_string_with(&value, '<'),
                "{format:?} output has an unescaped '<': {text}"
            );
        }
    }
    let mut reversed = docs.to_vec();
    reversed.reverse();
    let json = Format::Json.render(&built);
    ensure!(
        Format::Json.render(&output::build(&reversed, None)) == json,
        "the timeline depends on the input order"
    );
    Ok(())
}

fn has_string_with(v: &serde_json::Value, c: char) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains(c),
        serde_json::Value::Array(a) => a.iter().any(|v| has_string_with(v, c)),
        serde_json::Value::Object(o) => {
            o.iter().any(|(k, v)| k.contains(c) || has_string_with(v, c))
        }
        _ => false,
    }
}

/// TimeML written for a tagged document reads back to the same text,
/// and its TIMEX3s to the spans and values written.
fn check_timeml(
    doc: &Document,
    tagged: &timeline::TaggedDocument,
) -> Result<(), String> {
    let mut xml = Vec::new();
    write_timeml(doc, &tagged.timexes, &mut xml).map_err(|e| e.to_string())?;
    let xml = String::from_utf8(xml)
        .map_err(|e| format!("TimeML is not UTF-8: {e}"))?;
    let (back, gold) = document::parse_timeml("d", &xml)
        .map_err(|e| format!("TimeML written does not parse: {e}\n{xml}"))?;
    // Characters XML cannot carry come back as U+FFFD, one for one.
    let same_text = back.text.chars().count() == doc.text.chars().count()
        && back
            .text
            .chars()
            .zip(doc.text.chars())
            .all(|(a, b)| a == b || a == '\u{FFFD}');
    ensure!(
        same_text,
        "TimeML text differs: {:?} vs {:?}",
        back.text,
        doc.text
    );
    for g in &gold {
        ensure!(
            tagged.timexes.iter().any(|t| t.start == g.start
                && t.end == g.end
                && t.value.to_string() == g.value),
            "TimeML span {g:?} was not written"
        );
    }
    Ok(())
}

/// What a reader fuzz target does with its input: the first byte's low
/// bit asks for lossy decoding, the rest is the file `in.EXT`.
pub fn reader_input(ext: &str, data: &[u8]) -> Result<(), String> {
    let (lossy, bytes) = match data.split_first() {
        Some((flags, rest)) => (flags & 1 == 1, rest),
        None => (false, data),
    };
    check_reader(&format!("in.{ext}"), bytes, lossy)
}

/// What the pipeline fuzz target does with its input: up to four
/// documents separated by 0xFF bytes (their text decoded lossily), the
/// first byte of each choosing its DCT, ids from a set of three so that
/// some repeat.
pub fn pipeline_input(data: &[u8]) -> Result<(), String> {
    let docs: Vec<Document> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            let (dct, text) = match part.split_first() {
                Some((&b, rest)) => (dct_of(b), rest),
                None => (None, part),
            };
            Document {
                id: format!("d{}", i % 3),
                title: None,
                url: None,
                dct,
                dct_source: if dct.is_some() {
                    timeline::DctSource::Given
                } else {
                    timeline::DctSource::None
                },
                text: String::from_utf8_lossy(text).into_owned(),
            }
        })
        .collect();
    check_pipeline(&docs)
}

fn dct_of(b: u8) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    match b % 8 {
        0 | 1 => None,
        2 => NaiveDate::from_ymd_opt(1, 1, 1),
        3 => NaiveDate::from_ymd_opt(9999, 12, 31),
        4 => NaiveDate::from_ymd_opt(2016, 2, 29),
        // Some day from 1990 to 2045.
        _ => NaiveDate::from_ymd_opt(1990, 1, 1)?
            .checked_add_days(chrono::Days::new(u64::from(b) * 79)),
    }
}
