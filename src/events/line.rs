//! A mention as a JSON object (the `mentions` command's lines) and back.
//!
//! The line carries everything the merger reads, so a timeline can be
//! built from mention lines alone (`timeline merge`), on another
//! machine or after a map step split across many. Strings that the
//! library keeps as `&'static str` (lemmas, how a time was chosen) are
//! read back as the library's own, and an unknown one is an error: a
//! line written by another version of the lexicon is refused rather
//! than merged wrongly.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::anchor::{Precision, TimeEvidence};
use super::arguments::Quantity;
use super::{EventType, Factuality, Mention, lexicon};

/// The fields in the order they are written.
#[derive(Serialize)]
struct Out<'a> {
    start: usize,
    end: usize,
    start_byte: usize,
    end_byte: usize,
    phrase_start: usize,
    phrase_end: usize,
    trigger: &'a str,
    lemma: &'a str,
    #[serde(rename = "type")]
    kind: EventType,
    date: &'a Option<String>,
    precision: Option<Precision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<(NaiveDate, NaiveDate)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: &'a Option<String>,
    time_evidence: &'a TimeEvidence,
    confidence: f64,
    factuality: Factuality,
    actors: &'a [String],
    places: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    places_from_phrase: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    with: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    body: &'a Option<String>,
    numbers: &'a [Quantity],
    sentence: &'a str,
    sentence_start: usize,
}

/// The same fields, read. The lemma and the sentence are borrowed from
/// the line where they can be: the lemma is only looked up, and the
/// sentence is kept shared ([`Mention::sentence`]), not as a `String`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct In<'a> {
    start: usize,
    end: usize,
    start_byte: usize,
    end_byte: usize,
    phrase_start: usize,
    phrase_end: usize,
    trigger: String,
    #[serde(borrow)]
    lemma: Cow<'a, str>,
    #[serde(rename = "type")]
    kind: EventType,
    date: Option<String>,
    precision: Option<Precision>,
    #[serde(default, deserialize_with = "days")]
    days: Option<(NaiveDate, NaiveDate)>,
    #[serde(default)]
    end_date: Option<String>,
    time_evidence: TimeEvidence,
    confidence: f64,
    factuality: Factuality,
    actors: Vec<String>,
    places: Vec<String>,
    #[serde(default)]
    places_from_phrase: bool,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    body: Option<String>,
    numbers: Vec<Quantity>,
    #[serde(borrow)]
    sentence: Cow<'a, str>,
    sentence_start: usize,
}

/// A day as `NaiveDate` reads it, "2017-04-04" read without chrono's
/// general parser: a merge reads two for most of its millions of
/// mentions, and the parser took 6 % of the instructions spent reading
/// them (127 M of 1,993 M for 100,000 mentions; 27 M this way). Any
/// other spelling (and a day that does not exist) goes to chrono,
/// which accepts or refuses it as it did.
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DayVisitor)
    }
}

struct DayVisitor;

impl serde::de::Visitor<'_> for DayVisitor {
    type Value = Day;

    // chrono's words, so that a line it refused is refused alike.
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Day, E> {
        day(s).map(Day).map_err(E::custom)
    }
}

/// `s` as a day, as `s.parse::<NaiveDate>()` reads it.
fn day(s: &str) -> Result<NaiveDate, chrono::ParseError> {
    let b = s.as_bytes();
    let digits = |r: Range<usize>| {
        b[r].iter().try_fold(0, |n: u32, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    // Four digits make at most 9999: the cast cannot wrap.
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) =
            (digits(0..4), digits(5..7), digits(8..10))
        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(date);
    }
    s.parse()
}

/// [`In::days`]: a pair of days, or null.
fn days<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<(NaiveDate, NaiveDate)>, D::Error> {
    let pair: Option<(Day, Day)> = Option::deserialize(d)?;
    Ok(pair.map(|(a, b)| (a.0, b.0)))
}

impl Serialize for Mention {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Out {
            start: self.start,
            end: self.end,
            start_byte: self.bytes.start,
            end_byte: self.bytes.end,
            phrase_start: self.phrase_start,
            phrase_end: self.phrase_end,
            trigger: &self.trigger,
            lemma: self.lemma,
            kind: self.kind,
            date: &self.date,
            precision: self.precision,
            days: self.span,
            end_date: &self.end_date,
            time_evidence: &self.time_evidence,
            confidence: self.confidence,
            factuality: self.factuality,
            actors: &self.actors,
            places: &self.places,
            places_from_phrase: self.located,
            with: &self.with,
            body: &self.body,
            numbers: &self.numbers,
            sentence: &self.sentence,
            sentence_start: self.sentence_start,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Mention {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut m = In::deserialize(d)?;
        // A list read grows by doubling, and a merge holds millions of
        // mentions: the slack would stay for the whole of it.
        m.actors.shrink_to_fit();
        m.places.shrink_to_fit();
        m.with.shrink_to_fit();
        m.numbers.shrink_to_fit();
        let lemma = lexicon::Lexicon::get()
            .lemma(&m.lemma)
            .or_else(|| super::reported::lemma(&m.lemma))
            .ok_or_else(|| {
                D::Error::custom(format!("unknown lemma {:?}", m.lemma))
            })?;
        Ok(Mention {
            start: m.start,
            end: m.end,
            phrase_start: m.phrase_start,
            phrase_end: m.phrase_end,
            trigger: m.trigger,
            lemma,
            kind: m.kind,
            date: m.date,
            precision: m.precision,
            span: m.days,
            end_date: m.end_date,
            time_evidence: m.time_evidence,
            confidence: m.confidence,
            factuality: m.factuality,
            actors: m.actors,
            places: m.places,
            numbers: m.numbers,
            sentence: Arc::from(&*m.sentence),
            sentence_start: m.sentence_start,
            located: m.places_from_phrase,
            with: m.with,
            body: m.body,
            bytes: Range { start: m.start_byte, end: m.end_byte },
        })
    }
}

/// [`TimeEvidence`] as written, with owned strings.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum EvidenceIn {
    Timex {
        how: String,
        text: String,
        start: usize,
        end: usize,
        value: String,
    },
    DctBound {
        relation: String,
        dct: NaiveDate,
    },
    Holds {
        trigger: String,
        start: usize,
        end: usize,
    },
    None,
}

/// `s` as the one of `known` it equals.
fn known<E: serde::de::Error>(
    s: &str,
    known: &[&'static str],
    what: &str,
) -> Result<&'static str, E> {
    known
        .iter()
        .find(|k| **k == s)
        .copied()
        .ok_or_else(|| E::custom(format!("unknown {what} {s:?}")))
}

impl<'de> Deserialize<'de> for TimeEvidence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match EvidenceIn::deserialize(d)? {
            EvidenceIn::Timex { how, text, start, end, value } => {
                TimeEvidence::Timex {
                    how: known(&how, TimeEvidence::HOW, "how")?,
                    text,
                    start,
                    end,
                    value,
                }
            }
            EvidenceIn::DctBound { relation, dct } => TimeEvidence::DctBound {
                relation: known(
                    &relation,
                    TimeEvidence::RELATIONS,
                    "relation",
                )?,
                dct,
            },
            EvidenceIn::Holds { trigger, start, end } => {
                TimeEvidence::Holds { trigger, start, end }
            }
            EvidenceIn::None => TimeEvidence::None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_chrono_reads_them() {
        let mut spellings: Vec<String> = [
            "2017-04-04",
            "0000-01-01",
            "9999-12-31",
            "2016-02-29",
            "2017-02-29",
            "2017-13-01",
            "2017-00-10",
            "2017-04-31",
            "2017-4-04",
            "2017-04-4",
            "+2017-04-04",
            "2017/04/04",
            "2017-04-04 ",
            " 2017-04-04",
            "20170404",
            "2017-0a-04",
            "2017-04-04T",
            "",
            "-001-01-01",
            "1998-08-07",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for y in [1, 999, 1999, 2017, 2020] {
            for m in 0..=13 {
                for d in 0..=32 {
                    spellings.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for s in &spellings {
            let chrono = s.parse::<NaiveDate>().map_err(|e| e.to_string());
            assert_eq!(day(s).map_err(|e| e.to_string()), chrono, "{s:?}");
        }
    }
}
