//! Shared vocabulary of the time rules: pattern macros (so rule patterns
//! stay `&'static str` through `concat!`) and word → value lookups.
//!
//! Abbreviation dots are not part of the macros: a rule writes `\.?`
//! after them, because a `\b` placed after an optional `.` would not
//! match "Thu. in".

use chrono::Weekday;

use super::value::{DayPart, Season, Unit};

/// Month names and their news abbreviations.
macro_rules! re_month {
    () => {
        r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
    };
}

/// Full weekday names: a bare "Sun" or "Wed" is too often something else.
macro_rules! re_weekday {
    () => {
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    };
}

/// Weekday names with abbreviations, for use inside full dates only
/// ("Wed., April 12").
macro_rules! re_weekday_any {
    () => {
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
    };
}

/// A cardinal amount: digits (with thousands commas or a decimal part)
/// or number words up to the hundreds.
macro_rules! re_amount {
    () => {
        r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|one hundred|thousand|a thousand)(?:[\s-]+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand))*)|a|an|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|some|many|dozens\s+of|a\s+dozen|a\s+half|half\s+an?)"
    };
}

/// Calendar units, singular and plural.
macro_rules! re_unit {
    () => {
        r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|millennia|millennium)"
    };
}

/// Ordinal words and numerals up to 31, for days and quarters.
macro_rules! re_ordinal {
    () => {
        r"(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th)"
    };
}

/// Day-of-month, with an optional ordinal suffix.
macro_rules! re_day_of_month {
    () => {
        r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    };
}

/// Parts of the day.
macro_rules! re_day_part {
    () => {
        r"(?:morning|afternoon|evening|night|overnight)"
    };
}

pub(crate) use re_amount;
pub(crate) use re_day_of_month;
pub(crate) use re_day_part;
pub(crate) use re_month;
pub(crate) use re_ordinal;
pub(crate) use re_unit;
pub(crate) use re_weekday;
pub(crate) use re_weekday_any;

/// Month number of a month name or abbreviation (any case).
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let n = match w.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The weekday named by a full name or an abbreviation.
pub fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    Some(match w.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The value of a small number word.
fn number_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" | "a" | "an" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// An amount as written: `Some(Some(n))` for a number, `Some(None)` for
/// a vague quantity ("several", "a few"), `None` if not an amount.
///
/// Fractions ("2.5", "a half") are reported as vague: TIMEX3 durations
/// with fractions are rare and the rules that care handle halves
/// themselves.
pub fn amount(text: &str) -> Option<Option<u64>> {
    let t = text.trim().to_ascii_lowercase();
    if t.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        return digits.parse().ok().map(Some);
    }
    if t.contains('.') || t.contains("half") {
        return Some(None);
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    match words.as_slice() {
        ["a", "couple", ..] | ["couple", ..] => return Some(Some(2)),
        ["a", "dozen"] => return Some(Some(12)),
        ["a" | "an"] => return Some(Some(1)),
        ["a", "few"] | ["few"] | ["several"] | ["some"] | ["many"] => {
            return Some(None);
        }
        ["dozens", ..] => return Some(None),
        _ => {}
    }
    // Sums of tens and units, scaled by "hundred" / "thousand".
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    for w in words {
        match w {
            "hundred" => current = current.max(1).checked_mul(100)?,
            "thousand" => {
                total =
                    total.checked_add(current.max(1).checked_mul(1000)?)?;
                current = 0;
            }
            _ => current = current.checked_add(number_word(w)?)?,
        }
    }
    total.checked_add(current).map(Some)
}

/// The unit named by a unit word (singular or plural).
pub fn unit(word: &str) -> Option<Unit> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "year" | "years" => Unit::Year,
        "month" | "months" => Unit::Month,
        "week" | "weeks" => Unit::Week,
        "day" | "days" => Unit::Day,
        "hour" | "hours" => Unit::Hour,
        "minute" | "minutes" => Unit::Minute,
        "second" | "seconds" => Unit::Second,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        "quarter" | "quarters" => Unit::Quarter,
        "millennium" | "millennia" => Unit::Millennium,
        _ => return None,
    })
}

/// An ordinal 1–4 (quarters, halves).
pub fn ordinal(word: &str) -> Option<u32> {
    Some(match word.to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" => 5,
        _ => return None,
    })
}

/// The part of day named by a word.
pub fn day_part(word: &str) -> Option<DayPart> {
    Some(match word.to_ascii_lowercase().as_str() {
        "morning" => DayPart::Morning,
        "noon" | "midday" => DayPart::Midday,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        "night" | "overnight" | "tonight" => DayPart::Night,
        _ => return None,
    })
}

/// The season named by a word.
pub fn season(word: &str) -> Option<Season> {
    Some(match word.to_ascii_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let cases: &[(&str, Option<Option<u64>>)] = &[
            ("59", Some(Some(59))),
            ("3,000,000", Some(Some(3_000_000))),
            ("six", Some(Some(6))),
            ("twenty four", Some(Some(24))),
            ("forty-two", Some(Some(42))),
            ("a hundred", Some(Some(100))),
            ("two thousand", Some(Some(2000))),
            ("a couple of", Some(Some(2))),
            ("several", Some(None)),
            ("a few", Some(None)),
            ("2.5", Some(None)),
            ("blue", None),
        ];
        for (text, want) in cases {
            assert_eq!(amount(text), *want, "{text}");
        }
    }

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("december"), Some(12));
        assert_eq!(month("xyz"), None);
        assert_eq!(weekday("Thurs"), Some(Weekday::Thu));
        assert_eq!(weekday("WEDNESDAY"), Some(Weekday::Wed));
    }
}
