//! Events written as JSON directly, for the JSON and JSON Lines
//! writers: the bytes serde_json prints for a [`crate::merge::Event`],
//! compact or pretty-printed at a given depth, made at a fraction of
//! its cost.
//!
//! An event is mostly its mentions' sentences, and serde_json escapes a
//! string a byte at a time and every key like a string. Here keys are
//! literals and strings are searched eight bytes at a time for the few
//! bytes JSON escapes. The small values whose spelling serde owns
//! (enum names, the confidence) still go through serde_json, so the two
//! cannot drift apart; a DCT, written in every other mention, is
//! spelled here as chrono spells it. `tests` compares every field's
//! shape with serde_json's printing.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::events::anchor::TimeEvidence;
use crate::merge::{DateConflict, Event, EventMention};

/// `event` as serde_json would print it, appended to `out`: compact
/// (`depth` None), or pretty with its first line where the cursor is
/// and the rest indented as for an object `depth` levels deep.
pub(super) fn write_event(
    out: &mut Vec<u8>,
    event: &Event,
    depth: Option<usize>,
) {
    // Reserved whole, as the buffer would otherwise be copied as it
    // grows through an event's mentions: what the strings take, and a
    // generous bound for the keys and numbers around them.
    let mentions: usize = event
        .mentions
        .iter()
        .map(|m| m.sentence.len() + m.trigger.len() + m.doc.len() + 320)
        .sum();
    out.reserve(event.summary.len() + mentions + 512);
    let mut json = Json {
        out,
        pretty: depth.is_some(),
        depth: depth.unwrap_or(0),
        first: true,
    };
    json.event(event);
}

/// A JSON printer over a buffer: where it is (depth, first member) is
/// all the state serde_json's compact and pretty formatters keep.
struct Json<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    depth: usize,
    /// Whether nothing has been written in the innermost object or
    /// array yet (no comma before the next member).
    first: bool,
}

impl Json<'_> {
    fn event(&mut self, e: &Event) {
        self.open(b'{');
        self.key(r#""id":"#);
        self.string(&e.id);
        self.key(r#""type":"#);
        self.serde(&e.kind);
        self.key(r#""title":"#);
        self.string(&e.title);
        self.key(r#""summary":"#);
        self.string(&e.summary);
        self.key(r#""date":"#);
        self.option(e.date.as_deref());
        if let Some(end) = &e.end_date {
            self.key(r#""end_date":"#);
            self.string(end);
        }
        self.key(r#""precision":"#);
        self.serde(&e.precision);
        self.key(r#""confidence":"#);
        self.serde(&e.confidence);
        self.key(r#""factuality":"#);
        self.serde(&e.factuality);
        self.key(r#""actors":"#);
        self.array(&e.actors, |json, s| json.string(s));
        self.key(r#""places":"#);
        self.array(&e.places, |json, s| json.string(s));
        self.key(r#""date_conflicts":"#);
        self.array(&e.date_conflicts, Json::conflict);
        self.key(r#""mentions":"#);
        self.array(&e.mentions, Json::mention);
        self.close(b'}');
    }

    fn conflict(&mut self, c: &DateConflict) {
        self.open(b'{');
        self.key(r#""doc":"#);
        self.string(&c.doc);
        self.key(r#""date":"#);
        self.string(&c.date);
        self.key(r#""text":"#);
        self.string(&c.text);
        self.close(b'}');
    }

    fn mention(&mut self, m: &EventMention) {
        self.open(b'{');
        self.key(r#""doc":"#);
        self.string(&m.doc);
        self.key(r#""start":"#);
        self.number(m.start);
        self.key(r#""end":"#);
        self.number(m.end);
        self.key(r#""sentence":"#);
        self.string(&m.sentence);
        self.key(r#""sentence_start":"#);
        self.number(m.sentence_start);
        self.key(r#""trigger":"#);
        self.string(&m.trigger);
        self.key(r#""date":"#);
        self.option(m.date.as_deref());
        self.key(r#""time_evidence":"#);
        self.evidence(&m.time_evidence);
        self.close(b'}');
    }

    /// Tagged by `kind`, as its `#[serde(tag)]` says.
    fn evidence(&mut self, t: &TimeEvidence) {
        self.open(b'{');
        self.key(r#""kind":"#);
        match t {
            TimeEvidence::Timex { how, text, start, end, value } => {
                self.literal("timex");
                self.key(r#""how":"#);
                self.literal(how);
                self.key(r#""text":"#);
                self.string(text);
                self.key(r#""start":"#);
                self.number(*start);
                self.key(r#""end":"#);
                self.number(*end);
                self.key(r#""value":"#);
                self.string(value);
            }
            TimeEvidence::DctBound { relation, dct } => {
                self.literal("dct-bound");
                self.key(r#""relation":"#);
                self.literal(relation);
                self.key(r#""dct":"#);
                self.date(*dct);
            }
            TimeEvidence::Holds { trigger, start, end } => {
                self.literal("holds");
                self.key(r#""trigger":"#);
                self.string(trigger);
                self.key(r#""start":"#);
                self.number(*start);
                self.key(r#""end":"#);
                self.number(*end);
            }
            TimeEvidence::None => self.literal("none"),
        }
        self.close(b'}');
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// An empty object or array closes on its own line in neither
    /// printer (`[]`).
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.line_break();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Before a member of an object or an array.
    #[inline(always)]
    fn item(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        if self.pretty {
            self.line_break();
        }
        self.first = false;
    }

    /// `quoted` is a key as written, quotes and colon included
    /// (`"doc":`), so that it is copied in one step; it holds no byte
    /// that JSON escapes (they are this file's literals). Inlined, so
    /// that each key is copied as the constant it is rather than
    /// through a call to `memcpy`.
    #[inline(always)]
    fn key(&mut self, quoted: &'static str) {
        self.item();
        self.out.extend_from_slice(quoted.as_bytes());
        if self.pretty {
            self.out.push(b' ');
        }
    }

    fn line_break(&mut self) {
        self.out.push(b'\n');
        let spaces = 2 * self.depth;
        self.out.resize(self.out.len() + spaces, b' ');
    }

    fn number(&mut self, n: usize) {
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn option(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn array<T>(&mut self, items: &[T], each: impl Fn(&mut Self, &T)) {
        self.open(b'[');
        for item in items {
            self.item();
            each(self, item);
        }
        self.close(b']');
    }

    /// A scalar whose spelling serde owns (cannot fail: see
    /// `super::to_json`).
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        if serde_json::to_writer(&mut *self.out, value).is_err() {
            self.out.extend_from_slice(b"null");
        }
    }

    /// A date as chrono's serde prints it, `"YYYY-MM-DD"`, its digits
    /// written here rather than through chrono's formatter (a thousand
    /// instructions a date); a year of other than four digits, which
    /// chrono signs, goes through serde.
    fn date(&mut self, d: NaiveDate) {
        let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
            self.serde(&d);
            return;
        };
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (month, day) = (d.month(), d.day());
        self.out.extend_from_slice(&[
            b'"',
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
            b'"',
        ]);
    }

    /// A string with no byte that JSON escapes: the tags and rule
    /// names of [`TimeEvidence`], written in every mention (`tests`
    /// checks them all). Inlined, as [`Json::key`] is.
    #[inline(always)]
    fn literal(&mut self, s: &'static str) {
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
    }

    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        escape_into(self.out, s.as_bytes());
        self.out.push(b'"');
    }
}

/// `bytes` escaped as serde_json escapes a string's contents: `"` and
/// `\` with a backslash, the control characters below U+0020 by their
/// short names or as `\u00XX`; everything else, non-ASCII included, as
/// it is.
fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut clean = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Whole words with nothing to escape are skipped in one step.
        if let Some(word) = bytes.get(at..at + 8)
            && !needs_escape(u64::from_le_bytes(word.try_into().unwrap()))
        {
            at += 8;
            continue;
        }
        let end = (at + 8).min(bytes.len());
        for i in at..end {
            let escape: &[u8] = match bytes[i] {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                b @ 0..0x20 => {
                    out.extend_from_slice(&bytes[clean..i]);
                    let hex = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(hex[usize::from(b >> 4)]);
                    out.push(hex[usize::from(b & 15)]);
                    clean = i + 1;
                    continue;
                }
                _ => continue,
            };
            out.extend_from_slice(&bytes[clean..i]);
            out.extend_from_slice(escape);
            clean = i + 1;
        }
        at = end;
    }
    out.extend_from_slice(&bytes[clean..]);
}

/// Whether any of the eight bytes of `word` is below 0x20, `"` or `\`.
/// (Each test sets a byte's high bit where it finds one, and may set
/// it in a later byte too, but never when it finds none.)
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = zero_in(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(word ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_into(&mut out, s.as_bytes());
        String::from_utf8(out).unwrap()
    }

    fn serde_escaped(s: &str) -> String {
        let quoted = serde_json::to_string(s).unwrap();
        quoted[1..quoted.len() - 1].to_owned()
    }

    #[test]
    fn escapes_what_serde_json_escapes() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "",
            "plain words, no escapes",
            "a \"quoted\" word",
            "back\\slash at 8",
            "tab\there\nnew line\r\u{8}\u{c}\u{1}\u{1f}",
            "non-ASCII: Khān Shaykhūn, «», 日本, 🙂 and \u{7f}",
            &every_ascii,
        ] {
            assert_eq!(escaped(s), serde_escaped(s), "{s:?}");
        }
    }

    #[test]
    fn literals_need_no_escape() {
        let tags = ["timex", "dct-bound", "holds", "none"];
        let names = TimeEvidence::HOW.iter().chain(TimeEvidence::RELATIONS);
        for s in tags.iter().chain(names) {
            assert_eq!(escaped(s), *s);
        }
    }

    #[test]
    fn writes_dates_as_serde_json() {
        let dates = [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(7, 2, 9).unwrap(),
            NaiveDate::from_ymd_opt(2017, 4, 4).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
        ];
        for d in dates {
            let mut out = Vec::new();
            Json { out: &mut out, pretty: false, depth: 0, first: true }
                .date(d);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
        }
    }

    #[test]
    fn finds_each_escaped_byte_at_each_place_in_a_word() {
        let mut seen = 0;
        for b in 0u8..128 {
            let escapes = serde_escaped(&char::from(b).to_string()).len() > 1;
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                assert_eq!(
                    needs_escape(u64::from_le_bytes(word)),
                    escapes,
                    "byte {b:#x} at {at}"
                );
                seen += usize::from(escapes);
            }
        }
        // 32 control characters, the quote and the backslash.
        assert_eq!(seen, 34 * 8);
        // Bytes of non-ASCII text never look like one.
        let word: [u8; 8] = "日本語".as_bytes()[..8].try_into().unwrap();
        assert!(!needs_escape(u64::from_le_bytes(word)));
    }

    /// Text with the bytes JSON escapes, non-ASCII, and nothing.
    fn text() -> impl Strategy<Value = String> {
        "\\PC{0,40}|[\"\\\\\n\t\u{1} aé日]{0,12}"
    }

    fn evidence() -> impl Strategy<Value = TimeEvidence> {
        let how = prop::sample::select(TimeEvidence::HOW);
        let relation = prop::sample::select(TimeEvidence::RELATIONS);
        prop_oneof![
            (how, text(), 0..5000usize, 0..5000usize, text()).prop_map(
                |(how, text, start, end, value)| TimeEvidence::Timex {
                    how,
                    text,
                    start,
                    end,
                    value,
                }
            ),
            (relation, 0..40_000i32).prop_map(|(relation, day)| {
                TimeEvidence::DctBound {
                    relation,
                    dct: chrono::NaiveDate::from_num_days_from_ce_opt(
                        700_000 + day,
                    )
                    .unwrap(),
                }
            }),
            (text(), 0..9usize, 0..usize::MAX).prop_map(
                |(trigger, start, end)| TimeEvidence::Holds {
                    trigger,
                    start,
                    end,
                }
            ),
            Just(TimeEvidence::None),
        ]
    }

    fn mention() -> impl Strategy<Value = EventMention> {
        (
            (text(), 0..usize::MAX, 0..100usize, text(), 0..100usize),
            (text(), prop::option::of(text()), evidence()),
        )
            .prop_map(
                |(
                    (doc, start, end, sentence, sentence_start),
                    (trigger, date, time_evidence),
                )| EventMention {
                    doc,
                    start,
                    end,
                    sentence: sentence.into(),
                    sentence_start,
                    trigger,
                    date,
                    time_evidence,
                },
            )
    }

    fn event() -> impl Strategy<Value = Event> {
        use crate::events::anchor::Precision;
        use crate::events::{EventType, Factuality};
        let conflict = (text(), text(), text())
            .prop_map(|(doc, date, text)| DateConflict { doc, date, text });
        (
            (text(), 0..EventType::ALL.len(), text(), text()),
            (
                prop::option::of(text()),
                prop::option::of(text()),
                prop::option::of(Just(Precision::Week)),
                prop_oneof![Just(0.0), Just(1.0), Just(0.85), 0.0..1.0f64],
                prop::bool::ANY,
            ),
            (
                prop::collection::vec(text(), 0..3),
                prop::collection::vec(text(), 0..3),
                prop::collection::vec(conflict, 0..2),
                prop::collection::vec(mention(), 0..4),
            ),
        )
            .prop_map(
                |(
                    (id, kind, title, summary),
                    (date, end_date, precision, confidence, actual),
                    (actors, places, date_conflicts, mentions),
                )| Event {
                    id,
                    kind: EventType::ALL[kind],
                    title,
                    summary,
                    date,
                    end_date,
                    precision,
                    confidence,
                    factuality: if actual {
                        Factuality::Actual
                    } else {
                        Factuality::Planned
                    },
                    actors,
                    places,
                    date_conflicts,
                    mentions,
                    first_day: None,
                },
            )
    }

    proptest! {
        /// Compact, and pretty at the depths the JSON writer uses and
        /// others: serde_json's pretty text with every line after the
        /// first indented by two spaces a level.
        #[test]
        fn writes_any_event_as_serde_json(e in event(), depth in 0..4usize) {
            let mut compact = Vec::new();
            write_event(&mut compact, &e, None);
            prop_assert_eq!(
                String::from_utf8(compact).unwrap(),
                serde_json::to_string(&e).unwrap()
            );
            let mut pretty = Vec::new();
            write_event(&mut pretty, &e, Some(depth));
            let indent = format!("\n{}", " ".repeat(2 * depth));
            prop_assert_eq!(
                String::from_utf8(pretty).unwrap(),
                serde_json::to_string_pretty(&e)
                    .unwrap()
                    .replace('\n', &indent)
            );
        }

        #[test]
        fn escapes_any_text_as_serde_json(s in "\\PC*|[\\x00-\\x7f]*|[\"\\\\a\\n ]*") {
            prop_assert_eq!(escaped(&s), serde_escaped(&s));
        }
    }
}
