//! Dates at and beyond the edges of the calendar: impossible days, ISO
//! weeks that do not exist, amounts that overflow any integer, DCTs at
//! the ends of the years a TIMEX3 value can spell (1–9999). Each case
//! gives a real date, an underspecified value, a duration, or nothing;
//! never a wrong date or a panic.

use chrono::NaiveDate;
use timeline::timex::{Tagger, Value};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every `text=value` the tagger finds, joined by `; `.
fn found(text: &str, dct: Option<NaiveDate>) -> String {
    Tagger::new()
        .tag(text, dct)
        .into_iter()
        .map(|t| format!("{}={}", t.text, t.value))
        .collect::<Vec<_>>()
        .join("; ")
}

const DCT: (i32, u32, u32) = (2017, 4, 13);
const FIRST: (i32, u32, u32) = (1, 1, 1);
const LAST: (i32, u32, u32) = (9999, 12, 31);

/// (text, DCT, everything found). An empty string: nothing is tagged.
const CASES: &[(&str, (i32, u32, u32), &str)] = &[
    // A year TIMEX3 cannot spell is not a year, and "the year" before it
    // is not the anaphoric "the year" (which would be the DCT's year).
    ("In the year 99999 it ends.", DCT, ""),
    ("in the year 2150", DCT, ""),
    ("the year 0", DCT, ""),
    ("the year 1999 was good", DCT, "the year 1999=1999"),
    ("by the year 10000", DCT, ""),
    ("in 10000", DCT, ""),
    ("It was April 99999.", DCT, ""),
    ("It was in 12/31/99999", DCT, ""),
    ("during the first quarter of 99999", DCT, ""),
    ("the first quarter of 2150", DCT, "the first quarter of 2150=2150-Q1"),
    ("the winter of 99999", DCT, ""),
    ("Christmas 99999", DCT, ""),
    ("summer 99999", DCT, ""),
    ("the 10000s", DCT, ""),
    ("in the 1000000s", DCT, ""),
    ("the 100th century", DCT, ""),
    ("the 4294967296th century", DCT, ""),
    ("the 0th century", DCT, ""),
    // Days that do not exist are skipped, not moved to a neighbour; the
    // year or month written with them still counts.
    ("It was April 31.", DCT, ""),
    ("April 31st", DCT, ""),
    ("It was April 31, 2017.", DCT, "2017=2017"),
    ("It was February 29, 2017.", DCT, "2017=2017"),
    ("It was 2017-02-29.", DCT, "2017=2017"),
    ("It was 2017-02-30.", DCT, "2017=2017"),
    ("31 April 2017", DCT, "April 2017=2017-04"),
    ("It was 13/13/2017.", DCT, "2017=2017"),
    ("on 00/00/0000", DCT, ""),
    ("It was at 25:00.", DCT, ""),
    ("Q5 2017", DCT, "2017=2017"),
    ("the fifth quarter", DCT, ""),
    // February 29 of a leap year exists; without a year it is a day of
    // some year; in a common DCT year it has no resolution.
    ("on Feb. 29, 2000", DCT, "Feb. 29, 2000=2000-02-29"),
    ("It was February 29.", DCT, ""),
    // ISO weeks: 2017 has 52.
    ("It was in week 54.", DCT, ""),
    ("It was in week 53 of 2017.", DCT, "2017=2017"),
    // Amounts past any date: the duration is what the text says; the
    // date it would give is out of range and is not made up.
    ("It began 3,000,000 days ago.", DCT, "3,000,000 days=P3000000D"),
    ("It began 3,000,000 days ago.", LAST, "3,000,000 days ago=1786-04-11"),
    ("It happened 10,000 years ago.", DCT, "10,000 years=P10000Y"),
    ("three millennia ago", DCT, "three millennia=P3000Y"),
    ("5000 years ago", LAST, "5000 years ago=4999"),
    ("100 years ago", FIRST, "100 years=P100Y"),
    ("It happened 99999999999999999999 days ago.", DCT, "days ago=PAST_REF"),
    ("in 18446744073709551616 years", DCT, ""),
    (
        "It will come in 9223372036854775807 days.",
        DCT,
        "9223372036854775807 days=P9223372036854775807D",
    ),
    (
        "It ended 9,223,372,036,854,775,808 weeks ago.",
        DCT,
        "9,223,372,036,854,775,808 weeks=P9223372036854775808W",
    ),
    ("a 100000-year plan", DCT, "100000-year=P100000Y"),
    // The first and the last day a DCT can be: nothing steps past them.
    ("yesterday", FIRST, ""),
    ("last year", FIRST, ""),
    ("last week", FIRST, ""),
    ("the winter", FIRST, ""),
    ("tomorrow", FIRST, "tomorrow=0001-01-02"),
    ("next week", FIRST, "next week=0001-W02"),
    ("tomorrow", LAST, ""),
    ("next year", LAST, ""),
    ("next week", LAST, ""),
    ("yesterday", LAST, "yesterday=9999-12-30"),
    ("last week", LAST, "last week=9999-W51"),
    ("a decade from now", LAST, "a decade=P10Y; now=PRESENT_REF"),
    ("12/31/9999", DCT, "12/31/9999=9999-12-31"),
    ("on Jan. 1, 0001", DCT, "Jan. 1, 0001=0001-01-01"),
];

#[test]
fn edge_dates_give_nothing_or_a_true_value() {
    let mut failures = Vec::new();
    for &(text, (y, m, day), want) in CASES {
        let got = found(text, Some(d(y, m, day)));
        if got != want {
            failures.push(format!(
                "{text:?} @ {y:04}-{m:02}-{day:02}: want {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_value_at_the_edges_is_valid_and_round_trips() {
    let dcts =
        [None, Some(d(1, 1, 1)), Some(d(2017, 4, 13)), Some(d(9999, 12, 31))];
    for &(text, _, _) in CASES {
        for dct in dcts {
            for t in Tagger::new().tag(text, dct) {
                assert!(t.value.is_valid(), "{text:?} @ {dct:?}: {}", t.value);
                let s = t.value.to_string();
                assert_eq!(Value::parse(&s), Some(t.value.clone()), "{s}");
            }
        }
    }
}

#[test]
fn invalid_values_are_recognised() {
    use timeline::timex::value::{Date, Season, WeekPart};
    let bad = [
        Value::Date(Date::ymd(2017, 2, 29)),
        Value::Date(Date::ymd(2017, 4, 31)),
        Value::Date(Date::y(0)),
        Value::Date(Date::y(10000)),
        Value::Date(Date::ym(2017, 13)),
        Value::Season { year: Some(0), season: Season::Winter },
        Value::Week {
            year: Some(2017),
            week: Some(53),
            part: WeekPart::Whole,
        },
        Value::Week { year: None, week: Some(54), part: WeekPart::Whole },
        Value::Week { year: None, week: None, part: WeekPart::Day(8) },
        Value::Quarter { year: Some(2017), quarter: Some(5) },
        Value::Half { year: Some(2017), half: 3 },
        Value::Decade(1000),
        Value::Century(-1),
    ];
    for v in bad {
        assert!(!v.is_valid(), "{v:?}");
    }
    let good = [
        Value::Date(Date::ymd(2016, 2, 29)),
        Value::Date(Date {
            year: None,
            month: Some(Some(2)),
            day: Some(Some(29)),
        }),
        Value::Week {
            year: Some(2015),
            week: Some(53),
            part: WeekPart::Whole,
        },
        Value::Date(Date::y(1)),
        Value::Date(Date::y(9999)),
    ];
    for v in good {
        assert!(v.is_valid(), "{v:?}");
    }
}

/// The public date helpers take any value, not only the tagger's.
#[test]
fn public_date_helpers_refuse_impossible_input() {
    use chrono::Weekday;
    use timeline::events::anchor::event_date;
    use timeline::timex::resolve;
    use timeline::timex::value::Date;
    for v in [
        Value::Quarter { year: Some(2017), quarter: Some(0) },
        Value::Quarter { year: Some(2017), quarter: Some(u32::MAX) },
        Value::Date(Date::ym(2017, u32::MAX)),
        Value::Date(Date::ym(i32::MAX, 12)),
        Value::Decade(i32::MAX),
        Value::Century(i32::MIN),
    ] {
        assert_eq!(event_date(&v), None, "{v:?}");
    }
    assert_eq!(
        resolve::last_weekday_of_month(i32::MAX, 12, Weekday::Fri),
        None
    );
    assert_eq!(
        resolve::last_weekday_of_month(2017, u32::MAX, Weekday::Fri),
        None
    );
    assert_eq!(resolve::shift_days(d(2017, 4, 13), i64::MAX), None);
    assert_eq!(resolve::shift_weeks(d(2017, 4, 13), i64::MIN), None);
    assert_eq!(resolve::shift_quarters(d(2017, 4, 13), i64::MAX), None);
    assert_eq!(resolve::expand_two_digit_year(u32::MAX, None), None);
}

/// `clause_at` is public: offsets past the text or inside a character
/// are clamped, not sliced.
#[test]
fn clause_at_takes_any_offsets() {
    use timeline::timex::context::clause_at;
    let text = "He said é Wednesday.";
    for (s, e) in
        [(0, 100), (100, 200), (9, 8), (9, 10), (usize::MAX, usize::MAX)]
    {
        let _ = clause_at(text, s, e);
    }
    // Past the end reads as up to the end.
    let len = text.len();
    assert_eq!(clause_at(text, 11, 100), clause_at(text, 11, len));
}
