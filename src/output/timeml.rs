//! TempEval-style TimeML output: the document text with each time
//! expression wrapped inline in a `<TIMEX3>`.
//!
//! What [`write_timeml`] writes, [`crate::document::parse_timeml`] reads
//! back to the same text and spans, so tagger output can be scored with
//! the same code (and by the TempEval-3 tools) as gold files.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::io::{self, Write};

use crate::document::Document;
use crate::timex::Timex;

/// Writes `doc` with `timexes` as one TimeML file.
///
/// Offsets are the timexes' code point offsets (`start`/`end`). TimeML
/// cannot nest TIMEX3s, so of overlapping timexes the first (by start,
/// the longest first) is kept and those overlapping it are dropped, as are
/// empty or out-of-range spans. The kept ones get tids `t1`, `t2`, … in
/// text order; `t0` is the DCT.
///
/// The text is written unchanged apart from escaping. Two details keep it
/// unchanged for any conforming XML reader: `\r` is written as `&#13;`
/// (a literal CR would be normalised away, shifting offsets), and the few
/// characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
/// U+FFFF) become U+FFFD, one character for one so offsets still hold.
pub fn write_timeml(
    doc: &Document,
    timexes: &[Timex],
    w: &mut impl Write,
) -> io::Result<()> {
    // Built in memory and written once: a failed write leaves no half
    // document behind a buffered writer, and small writes stay cheap.
    let mut out: Vec<u8> = Vec::with_capacity(doc.text.len() + 512);
    out.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:noNamespaceSchemaLocation=\
          \"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n",
    );
    writeln!(out, "<DOCID>{}</DOCID>", escape_text(&doc.id))?;
    if let Some(dct) = doc.dct {
        let dct = dct.format("%Y-%m-%d");
        writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{dct}\" \
             temporalFunction=\"false\" \
             functionInDocument=\"CREATION_TIME\">{dct}</TIMEX3></DCT>"
        )?;
    }
    if let Some(title) = &doc.title {
        writeln!(out, "<TITLE>{}</TITLE>", escape_text(title))?;
    }
    out.extend_from_slice(b"<TEXT>");
    write_text(&mut out, &doc.text, timexes)?;
    out.extend_from_slice(b"</TEXT>\n</TimeML>\n");
    w.write_all(&out)
}

/// The text with the kept timexes wrapped in TIMEX3 tags.
fn write_text(
    out: &mut Vec<u8>,
    text: &str,
    timexes: &[Timex],
) -> io::Result<()> {
    // Byte offset of each code point, plus the end: timexes carry code
    // point offsets, and this turns them into slice bounds.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = bounds.len() - 1; // `bounds` ends with `text.len()`: never empty.
    let mut done = 0;
    for (n, timex) in select(timexes, chars).into_iter().enumerate() {
        // `select` keeps only spans with start < end <= chars, so both
        // lookups succeed; the `else` only guards against that changing.
        let (Some(&from), Some(&to)) =
            (bounds.get(timex.start), bounds.get(timex.end))
        else {
            continue;
        };
        let (Some(before), Some(inside)) =
            (text.get(done..from), text.get(from..to))
        else {
            continue;
        };
        out.extend_from_slice(escape_text(before).as_bytes());
        write!(
            out,
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
            n + 1,
            timex.kind.as_str(),
            escape_attr(&timex.value.to_string()),
        )?;
        if let Some(m) = timex.modifier {
            write!(out, " mod=\"{}\"", m.as_str())?;
        }
        write!(out, ">{}</TIMEX3>", escape_text(inside))?;
        done = to;
    }
    out.extend_from_slice(
        escape_text(text.get(done..).unwrap_or("")).as_bytes(),
    );
    Ok(())
}

/// The timexes that can be written, in text order: non-empty, within the
/// text's `chars` code points, and not overlapping an earlier one (ties
/// on start go to the longest).
fn select(timexes: &[Timex], chars: usize) -> Vec<&Timex> {
    let mut order: Vec<&Timex> =
        timexes.iter().filter(|t| t.start < t.end && t.end <= chars).collect();
    order.sort_by_key(|t| (t.start, Reverse(t.end)));
    let mut kept: Vec<&Timex> = Vec::with_capacity(order.len());
    let mut end = 0;
    for t in order {
        if t.start >= end {
            end = t.end;
            kept.push(t);
        }
    }
    kept
}

/// Whether XML 1.0 can carry `c` at all (the `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Escapes character data.
fn escape_text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Escapes an attribute value (quoted with `"`).
fn escape_attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, attr: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '\r')
            || (attr && matches!(c, '"' | '\t' | '\n'))
            || !xml_char(c)
    };
    if !s.contains(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            // In attributes, a literal tab or newline is normalised to a
            // space by the reader.
            '"' if attr => out.push_str("&quot;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DctSource, parse_timeml};
    use crate::timex::{Mod, TimexType, Value};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "d1".to_owned(),
            title: Some("A & B <title>".to_owned()),
            url: None,
            dct: NaiveDate::from_ymd_opt(2017, 4, 17),
            dct_source: DctSource::Given,
            text: text.to_owned(),
        }
    }

    /// A timex over code points `start..end` of `text`.
    fn timex(text: &str, start: usize, end: usize, value: &str) -> Timex {
        let byte = |i: usize| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .nth(i)
                .unwrap_or(0)
        };
        let value =
            Value::parse(value).unwrap_or_else(|| panic!("bad value {value}"));
        Timex {
            start,
            end,
            start_byte: byte(start),
            end_byte: byte(end),
            text: text.chars().skip(start).take(end - start).collect(),
            kind: value.natural_type(),
            value,
            modifier: None,
            rule: "test",
            warning: None,
        }
    }

    fn write(doc: &Document, timexes: &[Timex]) -> String {
        let mut out = Vec::new();
        write_timeml(doc, timexes, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Writes, reads back, and checks text, DCT, title and every span.
    fn assert_round_trip(doc: &Document, timexes: &[Timex]) {
        let xml = write(doc, timexes);
        let (back, gold) = parse_timeml(&doc.id, &xml).unwrap();
        assert_eq!(back.text, doc.text, "{xml}");
        assert_eq!(back.dct, doc.dct);
        assert_eq!(back.title, doc.title);
        let got: Vec<_> = gold
            .iter()
            .map(|g| {
                (g.start, g.end, g.kind, g.value.clone(), g.modifier.clone())
            })
            .collect();
        let want: Vec<_> = timexes
            .iter()
            .map(|t| {
                let m = t.modifier.map(|m| m.as_str().to_owned());
                (t.start, t.end, t.kind, t.value.to_string(), m)
            })
            .collect();
        assert_eq!(got, want, "{xml}");
        for g in &gold {
            let span: String =
                doc.text.chars().skip(g.start).take(g.end - g.start).collect();
            assert_eq!(g.text, span);
        }
    }

    #[test]
    fn writes_the_tempeval_shape() {
        let text = "On April 4 we met.";
        let mut t = timex(text, 3, 10, "2017-04-04");
        t.modifier = Some(Mod::Start);
        let xml = write(&doc(text), &[t]);
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:noNamespaceSchemaLocation=\
             \"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\
             <DOCID>d1</DOCID>\n\
             <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2017-04-17\" \
             temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">\
             2017-04-17</TIMEX3></DCT>\n\
             <TITLE>A &amp; B &lt;title&gt;</TITLE>\n\
             <TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2017-04-04\" \
             mod=\"START\">April 4</TIMEX3> we met.</TEXT>\n\
             </TimeML>\n"
        );
    }

    #[test]
    fn no_dct_and_no_title_are_left_out() {
        let mut d = doc("Nothing here.");
        d.dct = None;
        d.title = None;
        let xml = write(&d, &[]);
        assert!(!xml.contains("<DCT>") && !xml.contains("<TITLE>"), "{xml}");
        let (back, gold) = parse_timeml("d1", &xml).unwrap();
        assert_eq!(
            (back.text.as_str(), back.dct, gold.len()),
            ("Nothing here.", None, 0)
        );
    }

    /// The code point span of the first `needle` in `text`.
    fn span_of(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn round_trips_awkward_text() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "AT&T <b> said > on 2017-04-04.",
                &[("2017-04-04", "2017-04-04")],
            ),
            (
                "Le 4 avril, été “2017” 😀 next week",
                &[
                    ("4 avril", "XXXX-04-04"),
                    ("2017", "2017"),
                    ("next week", "2017-W17"),
                ],
            ),
            ("Line one\r\nOn Monday\r\n\r\nend", &[("Monday", "2017-04-17")]),
            ("😀😀 2016 😀", &[("2016", "2016")]),
            ("Tabs\tand \"quotes\" 'x' since 1990", &[("1990", "1990")]),
            (
                "a & b <i>since</i> 1990 &amp;",
                &[("<i>since</i> 1990", "1990")],
            ),
        ];
        for (text, spans) in cases {
            let timexes: Vec<_> = spans
                .iter()
                .map(|&(needle, v)| {
                    let (s, e) = span_of(text, needle);
                    timex(text, s, e, v)
                })
                .collect();
            assert_round_trip(&doc(text), &timexes);
        }
    }

    #[test]
    fn overlapping_timexes_keep_the_first_and_longest() {
        let text = "from April 4 to April 10 2017";
        let timexes = [
            timex(text, 16, 24, "XXXX-04-10"),
            timex(text, 5, 12, "XXXX-04-04"),
            timex(text, 16, 29, "2017-04-10"), // longer, same start: wins
            timex(text, 11, 13, "2017"),       // overlaps the first kept
            timex(text, 25, 29, "2017"),       // inside the longer one
        ];
        let xml = write(&doc(text), &timexes);
        let (_, gold) = parse_timeml("d1", &xml).unwrap();
        let spans: Vec<_> =
            gold.iter().map(|g| (g.tid.as_str(), g.start, g.end)).collect();
        assert_eq!(spans, [("t1", 5, 12), ("t2", 16, 29)]);
    }

    #[test]
    fn empty_and_out_of_range_spans_are_dropped() {
        let text = "short";
        let mut empty = timex(text, 2, 2, "2017");
        empty.end = 2;
        let mut past = timex(text, 0, 5, "2017");
        past.end = 6;
        let xml = write(&doc(text), &[empty, past]);
        let (back, gold) = parse_timeml("d1", &xml).unwrap();
        assert_eq!(back.text, text);
        assert!(gold.is_empty());
    }

    #[test]
    fn characters_xml_cannot_carry_become_replacement_characters() {
        let text = "a\u{1}b\u{FFFF}c";
        let (back, _) = parse_timeml("d1", &write(&doc(text), &[])).unwrap();
        assert_eq!(back.text, "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn attribute_values_are_escaped() {
        assert_eq!(
            escape_attr("a\"b&c<d\te\nf"),
            "a&quot;b&amp;c&lt;d&#9;e&#10;f"
        );
        assert!(matches!(escape_attr("P1W"), Cow::Borrowed(_)));
    }

    #[test]
    fn writer_errors_are_passed_on() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = write_timeml(&doc("x"), &[], &mut Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }

    /// Text from pieces that stress escaping and offsets, and timexes on
    /// the word pieces.
    fn text_and_spans() -> impl Strategy<Value = (String, Vec<(usize, usize)>)>
    {
        let piece = prop_oneof![
            Just("&"),
            Just("<"),
            Just(">"),
            Just("&amp;"),
            Just("\r\n"),
            Just("\n"),
            Just(" "),
            Just("é"),
            Just("“"),
            Just("”"),
            Just("😀"),
            Just("\""),
            Just("]]>"),
            Just("word"),
            Just("April 4"),
        ];
        proptest::collection::vec((piece, any::<bool>()), 0..40).prop_map(
            |pieces| {
                let mut text = String::new();
                let mut spans = Vec::new();
                let mut at = 0;
                for (p, tag) in pieces {
                    let n = p.chars().count();
                    // Whitespace-only spans are not gold material.
                    if tag && !p.trim().is_empty() {
                        spans.push((at, at + n));
                    }
                    text.push_str(p);
                    at += n;
                }
                (text, spans)
            },
        )
    }

    proptest! {
        #[test]
        fn any_text_round_trips((text, spans) in text_and_spans()) {
            let timexes: Vec<_> =
                spans.iter().map(|&(s, e)| timex(&text, s, e, "2017-04-04")).collect();
            assert_round_trip(&doc(&text), &timexes);
        }
    }

    #[test]
    fn type_comes_from_the_timex() {
        let text = "every week";
        let mut t = timex(text, 0, 10, "P1W");
        t.kind = TimexType::Set;
        let (_, gold) = parse_timeml("d1", &write(&doc(text), &[t])).unwrap();
        assert_eq!(
            (gold[0].kind, gold[0].value.as_str()),
            (TimexType::Set, "P1W")
        );
    }
}
