//! Placing a mention in time: which time expression an event is
//! anchored to, by syntax-light rules, and the date that gives.
//!
//! In order of confidence: a time expression that modifies the trigger
//! ("the April 4 attack", "Wednesday's vote", "the attack on April 4",
//! "launched … last Thursday"); one in the trigger's clause; one in its
//! sentence; else only the bound the tense and the DCT give ("a
//! past-tense event happened on or before the DCT").

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::Factuality;
use super::word_list::WordSet;
use crate::fast_hash::FastMap;
use crate::timex::value::{Clock, Date, Season, WeekPart};
use crate::timex::{Timex, TimexType, Value};

/// How fine an event date is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// An ISO week (or its weekend).
    Week,
    /// A month.
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
}

/// A date at some precision, with the days it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// ISO-style value at its precision ("2017-04-04", "2017-W15").
    pub value: String,
    /// Its precision.
    pub precision: Precision,
    /// First day it covers.
    pub first: NaiveDate,
    /// Last day it covers.
    pub last: NaiveDate,
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) =
        if m == 12 { (y.checked_add(1)?, 1) } else { (y, m.checked_add(1)?) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn span(
    value: String,
    precision: Precision,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> Option<EventDate> {
    Some(EventDate { value, precision, first: first?, last: last? })
}

fn date_span(d: &Date) -> Option<EventDate> {
    let y = d.year?;
    match (d.month, d.day) {
        (Some(Some(m)), Some(Some(day))) => {
            let date = NaiveDate::from_ymd_opt(y, m, day)?;
            span(
                Value::Date(*d).to_string(),
                Precision::Day,
                Some(date),
                Some(date),
            )
        }
        (Some(Some(m)), None) => span(
            format!("{y:04}-{m:02}"),
            Precision::Month,
            NaiveDate::from_ymd_opt(y, m, 1),
            last_of_month(y, m),
        ),
        (None, None) => span(
            format!("{y:04}"),
            Precision::Year,
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ),
        _ => None,
    }
}

/// The date a time value gives an event, if it names a definite stretch
/// of the calendar (durations, sets, vague references and
/// underspecified values give none).
pub fn event_date(value: &Value) -> Option<EventDate> {
    match value {
        Value::Date(d) => date_span(d),
        Value::Time { date, clock } => {
            let _: &Clock = clock;
            let d = Date { day: date.day, ..*date };
            date_span(&d).filter(|e| e.precision == Precision::Day)
        }
        Value::Week { year: Some(y), week: Some(w), part } => {
            let monday = NaiveDate::from_isoywd_opt(*y, *w, Weekday::Mon)?;
            let (first, last) = match part {
                WeekPart::Whole => {
                    (monday, monday.checked_add_days(Days::new(6))?)
                }
                WeekPart::Weekend => (
                    monday.checked_add_days(Days::new(5))?,
                    monday.checked_add_days(Days::new(6))?,
                ),
                WeekPart::Day(n) => {
                    let d = monday.checked_add_days(Days::new(u64::from(
                        n.saturating_sub(1),
                    )))?;
                    return date_span(&Date::from(d));
                }
            };
            Some(EventDate {
                value: format!("{y:04}-W{w:02}"),
                precision: Precision::Week,
                first,
                last,
            })
        }
        Value::Quarter { year: Some(y), quarter: Some(q) } => {
            // Checked: a caller may build a quarter 0 or 99.
            let m = q.checked_sub(1)?.checked_mul(3)?.checked_add(1)?;
            span(
                value.to_string(),
                Precision::Quarter,
                NaiveDate::from_ymd_opt(*y, m, 1),
                last_of_month(*y, m.checked_add(2)?),
            )
        }
        Value::Half { year: Some(y), half } => {
            let m = if *half == 1 { 1 } else { 7 };
            span(
                value.to_string(),
                Precision::Half,
                NaiveDate::from_ymd_opt(*y, m, 1),
                last_of_month(*y, m + 5),
            )
        }
        Value::Season { year: Some(y), season } => {
            // Meteorological seasons; winter runs from December into the
            // next year.
            let (m, y0) = match season {
                Season::Spring => (3, *y),
                Season::Summer => (6, *y),
                Season::Fall => (9, *y),
                Season::Winter => (12, *y),
            };
            let first = NaiveDate::from_ymd_opt(y0, m, 1);
            let last = first
                .and_then(|f| f.checked_add_months(chrono::Months::new(3)))
                .and_then(|d| d.pred_opt());
            span(value.to_string(), Precision::Season, first, last)
        }
        Value::Decade(d) => {
            let y = d.checked_mul(10)?;
            span(
                value.to_string(),
                Precision::Decade,
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y.checked_add(9)?, 12, 31),
            )
        }
        Value::Century(c) => {
            let y = c.checked_mul(100)?;
            span(
                value.to_string(),
                Precision::Century,
                NaiveDate::from_ymd_opt(y.max(1), 1, 1),
                NaiveDate::from_ymd_opt(y.checked_add(99)?, 12, 31),
            )
        }
        _ => None,
    }
}

/// Which evidence placed a mention in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TimeEvidence {
    /// A time expression: `how` is `modifier`, `clause` or `sentence`.
    Timex {
        /// Which rule chose it.
        how: &'static str,
        /// The expression as written.
        text: String,
        /// Its code point offsets in the document.
        start: usize,
        /// End, exclusive.
        end: usize,
        /// Its TIMEX3 value.
        value: String,
    },
    /// No time of its own: the tense bounds it by the DCT.
    DctBound {
        /// `on_or_before` (it happened) or `on_or_after` (it is planned).
        relation: &'static str,
        /// The DCT.
        dct: NaiveDate,
    },
    /// No time of its own, but another event of its sentence happened
    /// during it ("broke the news of the strike during a dinner"): it
    /// takes that event's date once the merger has dated it.
    Holds {
        /// The trigger of the event it holds, as written.
        trigger: String,
        /// That trigger's code point offsets in the document.
        start: usize,
        /// End, exclusive.
        end: usize,
    },
    /// Nothing places it.
    None,
}

impl TimeEvidence {
    /// Every `how` of [`TimeEvidence::Timex`].
    pub const HOW: &[&'static str] = &["modifier", "clause", "sentence"];
    /// Every `relation` of [`TimeEvidence::DctBound`].
    pub const RELATIONS: &[&'static str] = &["on_or_before", "on_or_after"];
}

/// Reporting verbs: a time expression next to one dates the report
/// ("said Wednesday"), not the events reported.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "stated",
    "reported",
    "announced",
    "according",
    "insisted",
    "noted",
    "wrote",
    "argued",
    "claimed",
    "asserted",
    "explained",
    "warned",
    "retorted",
    "responded",
    "replied",
    "declared",
    "predicted",
    "confirmed",
    "denied",
    "quoted",
];

/// Words that may stand between a modifying time expression and its
/// noun trigger ("the April 4 chemical attack"): any word but these,
/// which start a new phrase or a clause.
const BREAKS_NOUN_PHRASE: &[&str] = &[
    "the", "a", "an", "that", "which", "who", "and", "or", "but", "as",
    "when", "while", "after", "before", "since", "to", "of", "in", "on", "at",
    "for", "by", "with", "from", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "will", "would",
];

/// A time expression usable for dating, with its byte span.
pub struct Anchor<'a> {
    /// The expression.
    pub timex: &'a Timex,
    /// Its date.
    pub date: EventDate,
    /// Whether it stands next to a reporting verb.
    pub reporting: bool,
}

/// The words of `s`, as written. Read around every time expression and
/// between it and every trigger: they are compared lower-cased with
/// [`is_word`] instead of copied, which was most of this module's
/// allocations.
fn words(s: &str) -> Words<'_> {
    Words { s, front: 0, back: s.len() }
}

/// The runs of letters, digits, apostrophes and hyphens of a text,
/// either way. Read by byte: ASCII, most of a text, needs no decoding,
/// where splitting the text by character decoded every one (a tenth of
/// the cost of anchoring).
struct Words<'a> {
    s: &'a str,
    /// What is left to read is `s[front..back]`; both are char
    /// boundaries.
    front: usize,
    back: usize,
}

impl Words<'_> {
    /// Whether the character at `i` is in a word, and where it ends.
    // Called for every character read: inlined, where a call each
    // cost more than splitting the text by character.
    #[inline(always)]
    fn from(&self, i: usize) -> Option<(bool, usize)> {
        let b = *self.s.as_bytes().get(i)?;
        if b.is_ascii() {
            return Some((in_word_byte(b), i + 1));
        }
        let c = self.s.get(i..)?.chars().next()?;
        Some((in_word(c), i + c.len_utf8()))
    }

    /// Whether the character that ends at `i` is in a word, and where
    /// it starts.
    // Called for every character read: inlined, where a call each
    // cost more than splitting the text by character.
    #[inline(always)]
    fn before(&self, i: usize) -> Option<(bool, usize)> {
        let mut start = i.checked_sub(1)?;
        let b = *self.s.as_bytes().get(start)?;
        if b.is_ascii() {
            return Some((in_word_byte(b), start));
        }
        while !self.s.is_char_boundary(start) {
            start = start.checked_sub(1)?;
        }
        let c = self.s.get(start..i)?.chars().next()?;
        Some((in_word(c), start))
    }
}

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// [`in_word`] of an ASCII byte.
fn in_word_byte(b: u8) -> bool {
    crate::text::ASCII_ALNUM[usize::from(b)] || b == b'\'' || b == b'-'
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while self.front < self.back {
            let (word, end) = self.from(self.front)?;
            if word {
                break;
            }
            self.front = end;
        }
        let start = self.front;
        while self.front < self.back {
            match self.from(self.front) {
                Some((true, end)) => self.front = end,
                _ => break,
            }
        }
        (start < self.front).then(|| self.s.get(start..self.front))?
    }
}

impl DoubleEndedIterator for Words<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while self.front < self.back {
            let (word, start) = self.before(self.back)?;
            if word {
                break;
            }
            self.back = start;
        }
        let end = self.back;
        while self.front < self.back {
            match self.before(self.back) {
                Some((true, start)) => self.back = start,
                _ => break,
            }
        }
        (self.back < end).then(|| self.s.get(self.back..end))?
    }
}

/// Whether `w` lower-cased is one of `list` (lower-case words without a
/// sigma, as every list here is).
fn is_word(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| super::arguments::lower_eq(w, x))
}

/// Looked up by hash: the reporting verbs are asked of every word
/// between a trigger and an expression.
static REPORTING_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(REPORTING.iter().copied()));

static BREAKS_NOUN_PHRASE_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(BREAKS_NOUN_PHRASE.iter().copied()));

/// The dating expressions of a text, each marked when it stands next to
/// a reporting verb.
pub fn anchors<'a>(text: &str, timexes: &'a [Timex]) -> Vec<Anchor<'a>> {
    timexes
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter_map(|t| {
            let date = event_date(&t.value)?;
            let lo = char_floor(text, t.start_byte.saturating_sub(40));
            let hi = char_floor(text, (t.end_byte + 40).min(text.len()));
            let is_reporting = |w: &str| REPORTING_SET.contains(w);
            // The word right before, looking past "on" and "reporters":
            // "said Wednesday", "said on Wednesday", "told reporters
            // Wednesday", or right after: "on Wednesday said". ("said
            // the April 4 attack" is not: the date is the attack's.)
            let mut back = words(&text[lo..t.start_byte]).rev();
            let mut prev = back.next();
            if prev.is_some_and(|w| {
                is_word(w, &["on", "reporters", "journalists"])
            }) {
                prev = back.next();
            }
            let reporting = prev.is_some_and(is_reporting)
                || words(&text[t.end_byte..hi])
                    .next()
                    .is_some_and(is_reporting);
            Some(Anchor { timex: t, date, reporting })
        })
        // "On Wednesday (Thursday NZT)": the day in brackets restates the
        // one before it in another time zone; only the first dates events.
        .filter(|a| {
            let before = text[..a.timex.start_byte].trim_end();
            let restated = before.strip_suffix('(').is_some_and(|b| {
                timexes.iter().any(|o| o.end_byte == b.trim_end().len())
            });
            !restated
        })
        .collect()
}

/// The nearest char boundary at or before `i`.
fn char_floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn within_clause(text: &str) -> bool {
    // A new clause starts at ";", at a comma before a conjunction or
    // relative word, or at a reporting verb.
    if text.contains(';') || text.contains(" but ") || text.contains(" while ")
    {
        return false;
    }
    // Every cue below is ", " and an ASCII word, which only ASCII
    // letters lower-case to next to each other (the Kelvin sign gives a
    // "k", in none of them): the text after each ", " is compared
    // without case, instead of the text lower-cased and searched.
    for (at, _) in text.match_indices(", ") {
        let after = text.as_bytes().get(at + 2..).unwrap_or_default();
        let cue = ["and ", "but ", "which ", "who ", "while ", "when "]
            .iter()
            .any(|c| {
                after
                    .get(..c.len())
                    .is_some_and(|a| a.eq_ignore_ascii_case(c.as_bytes()))
            });
        if cue {
            return false;
        }
    }
    !words(text).any(|w| REPORTING_SET.contains(w))
}

/// The anchor chosen for a trigger, with how and how sure.
pub struct Choice<'a> {
    /// The anchor.
    pub anchor: &'a Anchor<'a>,
    /// `modifier`, `clause` or `sentence`.
    pub how: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

/// What the text between two places says for anchoring, read once per
/// pair of places: a text is anchored again under every candidate DCT
/// tried for it, and a trigger whose sentence has a claimed expression
/// twice. Keys are byte offsets into one text.
#[derive(Default)]
pub struct Gaps {
    memo: std::cell::RefCell<FastMap<(usize, usize, Gap), bool>>,
}

/// The questions [`Gaps`] answers.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Gap {
    /// Whether an expression ending at the first place modifies a noun
    /// starting at the second ("the April 4 attack").
    Modifies,
    /// Whether an expression starting at the second place is in the
    /// phrases after a trigger ending at the first, for a noun or a
    /// verb ("the attack on April 4", "vetoed … on Wednesday").
    FollowsNoun,
    /// The same after a verb, which reaches further.
    FollowsVerb,
    /// Whether the text between the two lies within one clause.
    Clause,
}

impl Gaps {
    fn ask(&self, text: &str, from: usize, to: usize, q: Gap) -> bool {
        if let Some(&known) = self.memo.borrow().get(&(from, to, q)) {
            return known;
        }
        let gap = &text[from..to];
        let limit = if q == Gap::FollowsNoun { 5 } else { 20 };
        let answer = match q {
            Gap::Modifies => {
                let gap = gap
                    .strip_prefix("'s")
                    .or_else(|| gap.strip_prefix("’s"))
                    .unwrap_or(gap);
                !gap.contains([',', ';', ':', '(', ')', '"', '“', '”'])
                    && words(gap).nth(3).is_none()
                    && !words(gap).any(|w| BREAKS_NOUN_PHRASE_SET.contains(w))
            }
            // A comma ends the phrases that belong to the trigger ("a
            // meeting in Moscow, denounced last week's attack").
            // The marks first, by byte (all are ASCII, which no byte of
            // another character is): a gap of many words has one, and
            // then its words are not read.
            Gap::FollowsNoun | Gap::FollowsVerb => {
                !gap.bytes().any(|b| {
                    matches!(b, b'.' | b'?' | b'!' | b',' | b'(' | b')')
                }) && words(gap).nth(limit).is_none()
                    && within_clause(gap)
            }
            Gap::Clause => within_clause(gap),
        };
        self.memo.borrow_mut().insert((from, to, q), answer);
        answer
    }
}

/// Chooses the time expression a trigger is anchored to, among those of
/// its sentence.
#[allow(clippy::too_many_arguments)]
pub fn choose<'a>(
    text: &str,
    sentence: Range<usize>,
    trigger: Range<usize>,
    nominal: bool,
    statement: bool,
    anchors: &'a [Anchor<'a>],
    claimed: &[usize],
    gaps: &Gaps,
) -> Option<Choice<'a>> {
    let in_sentence: Vec<&Anchor> = anchors
        .iter()
        .filter(|a| {
            a.timex.start_byte >= sentence.start
                && a.timex.end_byte <= sentence.end
        })
        // A report's date is not the reported event's, except for the
        // statement events themselves ("said at a news conference
        // Wednesday").
        .filter(|a| statement || !a.reporting)
        .collect();
    // Before the trigger, in its noun phrase: "the April 4 attack",
    // "last week's attack", "Wednesday's vote".
    if nominal {
        for a in &in_sentence {
            if a.timex.end_byte > trigger.start {
                continue;
            }
            if gaps.ask(text, a.timex.end_byte, trigger.start, Gap::Modifies) {
                return Some(Choice {
                    anchor: a,
                    how: "modifier",
                    confidence: 0.9,
                });
            }
        }
    }
    // An expression that modifies another trigger ("in response to the
    // April 4 attack") dates that one, not this.
    let free = || {
        in_sentence.iter().filter(|a| !claimed.contains(&a.timex.start_byte))
    };
    // After the trigger, in the phrases that follow it: "the attack on
    // April 4", "vetoed on Wednesday", "launched 59 missiles … last
    // Thursday".
    let follows = if nominal { Gap::FollowsNoun } else { Gap::FollowsVerb };
    let after = free()
        .filter(|a| a.timex.start_byte >= trigger.end)
        .min_by_key(|a| a.timex.start_byte);
    if let Some(a) = after
        && gaps.ask(text, trigger.end, a.timex.start_byte, follows)
    {
        return Some(Choice { anchor: a, how: "modifier", confidence: 0.85 });
    }
    // Elsewhere in the clause, then in the sentence: the nearest.
    let distance = |a: &&Anchor| {
        if a.timex.end_byte <= trigger.start {
            trigger.start - a.timex.end_byte
        } else {
            a.timex.start_byte.saturating_sub(trigger.end)
        }
    };
    let nearest = free().min_by_key(|a| (distance(a), a.timex.start_byte))?;
    let (lo, hi) = if nearest.timex.end_byte <= trigger.start {
        (nearest.timex.end_byte, trigger.start)
    } else {
        (trigger.end, nearest.timex.start_byte.max(trigger.end))
    };
    if gaps.ask(text, lo, hi, Gap::Clause) {
        Some(Choice { anchor: nearest, how: "clause", confidence: 0.7 })
    } else {
        Some(Choice { anchor: nearest, how: "sentence", confidence: 0.5 })
    }
}

/// The other end of a date range that starts at `start`: "from April 11
/// to April 13", "between Monday and Wednesday", "March 3 until March
/// 9". A bare "X to Y" is not taken ("moved the vote Monday to
/// Wednesday" is a change of date, not a span); the end must come later
/// than the start, at the same precision, within a year.
pub fn range_end<'a>(
    text: &str,
    start: &Anchor,
    anchors: &'a [Anchor<'a>],
) -> Option<&'a Anchor<'a>> {
    let end = anchors
        .iter()
        .filter(|b| b.timex.start_byte >= start.timex.end_byte)
        .min_by_key(|b| b.timex.start_byte)?;
    let joint = text.get(start.timex.end_byte..end.timex.start_byte)?.trim();
    // Only a joint as short as the words below can be one: the text
    // between two expressions far apart is not lower-cased for nothing.
    // (No character lower-cases to fewer bytes that are among them.)
    let joint = (joint.len() <= "through".len()).then(|| joint.to_lowercase());
    let lo = char_floor(text, start.timex.start_byte.saturating_sub(16));
    let opener = words(text.get(lo..start.timex.start_byte)?).next_back();
    let opens = |w: &str| opener.is_some_and(|o| is_word(o, &[w]));
    let joined = match joint.as_deref() {
        Some("to") => opens("from"),
        Some("and") => opens("between"),
        Some("until" | "till" | "through" | "-" | "–") => true,
        _ => false,
    };
    let (a, b) = (&start.date, &end.date);
    let sensible = a.precision == b.precision
        && b.first > a.last
        && (b.last - a.first).num_days() <= 366;
    (joined && sensible).then_some(end)
}

/// The bound a DCT puts on an event with no time of its own.
pub fn dct_bound(
    dct: Option<NaiveDate>,
    factuality: Factuality,
) -> TimeEvidence {
    match (dct, factuality) {
        (Some(dct), Factuality::Planned) => {
            TimeEvidence::DctBound { relation: "on_or_after", dct }
        }
        (Some(dct), _) => {
            TimeEvidence::DctBound { relation: "on_or_before", dct }
        }
        (None, _) => TimeEvidence::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timex::Tagger;

    fn anchored(
        text: &str,
        trigger: &str,
        nominal: bool,
    ) -> Option<(String, &'static str)> {
        let dct = NaiveDate::from_ymd_opt(2017, 4, 13);
        let timexes = Tagger::new().tag(text, dct);
        let anchors = anchors(text, &timexes);
        let s = text.find(trigger).unwrap();
        let choice = choose(
            text,
            0..text.len(),
            s..s + trigger.len(),
            nominal,
            false,
            &anchors,
            &[],
            &Gaps::default(),
        )?;
        Some((choice.anchor.date.value.clone(), choice.how))
    }

    #[test]
    fn ranges_end_at_their_second_date() {
        let end = |text: &str| {
            let dct = NaiveDate::from_ymd_opt(2017, 4, 13);
            let timexes = Tagger::new().tag(text, dct);
            let anchors = anchors(text, &timexes);
            let first = anchors.first()?;
            range_end(text, first, &anchors).map(|b| b.date.value.clone())
        };
        assert_eq!(
            end("The summit ran from April 11 to April 13 in Rome."),
            Some("2017-04-13".into())
        );
        assert_eq!(
            end("Talks were held between March 3 and March 5."),
            Some("2017-03-05".into())
        );
        assert_eq!(
            end("The curfew lasted April 2 until April 9."),
            Some("2017-04-09".into())
        );
        // A change of date, not a span.
        assert_eq!(end("They moved the vote April 11 to April 13."), None);
        // An end before the start is no range.
        assert_eq!(end("from April 13 to April 11"), None);
        assert_eq!(
            end("The talks on April 11 and the vote on April 13."),
            None
        );
    }

    #[test]
    fn anchoring_rules() {
        type Case = (
            &'static str,
            &'static str,
            bool,
            Option<(&'static str, &'static str)>,
        );
        let cases: &[Case] = &[
            (
                "Trump ordered strikes in response to the April 4 attack on the town.",
                "attack",
                true,
                Some(("2017-04-04", "modifier")),
            ),
            (
                "Lavrov denounced last week's US attack on Syria.",
                "attack",
                true,
                Some(("2017-W14", "modifier")),
            ),
            (
                "Russia vetoed the resolution on Wednesday.",
                "vetoed",
                false,
                Some(("2017-04-12", "modifier")),
            ),
            (
                "The US launched 59 cruise missiles on Shayrat airfield last Thursday.",
                "launched",
                false,
                Some(("2017-04-06", "modifier")),
            ),
            (
                "Wednesday's vote failed.",
                "vote",
                true,
                Some(("2017-04-12", "modifier")),
            ),
            // A date next to a reporting verb dates the report.
            (
                "Trump said Wednesday that the strike was justified.",
                "strike",
                true,
                None,
            ),
            (
                "In 2014 the deal, which was signed in Geneva, fell apart.",
                "deal",
                true,
                Some(("2014", "clause")),
            ),
        ];
        for (text, trigger, nominal, want) in cases {
            let got = anchored(text, trigger, *nominal);
            let want = want.map(|(v, h)| (v.to_string(), h));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn event_dates_span_their_precision() {
        let cases = [
            (
                "2017-04-04",
                "2017-04-04",
                Precision::Day,
                "2017-04-04",
                "2017-04-04",
            ),
            (
                "2017-W15",
                "2017-W15",
                Precision::Week,
                "2017-04-10",
                "2017-04-16",
            ),
            (
                "2017-04",
                "2017-04",
                Precision::Month,
                "2017-04-01",
                "2017-04-30",
            ),
            (
                "2017-Q2",
                "2017-Q2",
                Precision::Quarter,
                "2017-04-01",
                "2017-06-30",
            ),
            (
                "2017-04-12TMO",
                "2017-04-12",
                Precision::Day,
                "2017-04-12",
                "2017-04-12",
            ),
            (
                "2016-WI",
                "2016-WI",
                Precision::Season,
                "2016-12-01",
                "2017-02-28",
            ),
        ];
        for (v, value, precision, first, last) in cases {
            let e = event_date(&Value::parse(v).unwrap()).unwrap();
            assert_eq!(
                (
                    e.value.as_str(),
                    e.precision,
                    e.first.to_string(),
                    e.last.to_string()
                ),
                (value, precision, first.to_string(), last.to_string()),
                "{v}"
            );
        }
        for v in ["P6Y", "PAST_REF", "XXXX-04-04", "XXXX-WXX-3"] {
            assert_eq!(event_date(&Value::parse(v).unwrap()), None, "{v}");
        }
    }

    proptest::proptest! {
        /// Read by byte, from either end or both, the words are the
        /// runs a split of the text by character gives.
        #[test]
        fn words_are_the_runs_between_other_characters(
            s in "[a-zA-Z0-9 ,.'’é東\u{301}-]{0,30}",
            ends in proptest::collection::vec(proptest::bool::ANY, 0..12),
        ) {
            let split: Vec<&str> = s
                .split(|c: char| !in_word(c))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&s).collect::<Vec<_>>(), split.clone());
            let back: Vec<&str> = words(&s).rev().collect();
            let want: Vec<&str> = split.iter().rev().copied().collect();
            proptest::prop_assert_eq!(back, want);
            // Taken from the front or the back in turn, then the rest.
            let (mut front, mut back) = (Vec::new(), Vec::new());
            let mut it = words(&s);
            for from_front in ends {
                let w = if from_front { it.next() } else { it.next_back() };
                match w {
                    Some(w) if from_front => front.push(w),
                    Some(w) => back.push(w),
                    None => break,
                }
            }
            front.extend(it);
            front.extend(back.into_iter().rev());
            proptest::prop_assert_eq!(front, split);
        }
    }
}
