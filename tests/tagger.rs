//! Table-driven checks of the tagger against cases users of other date
//! taggers keep tripping over, plus property tests. Every case passes
//! its DCT explicitly: no test reads the clock.

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use timeline::timex::{Tagger, Timex, Value};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tag(text: &str, dct: NaiveDate) -> Vec<Timex> {
    Tagger::new().tag(text, Some(dct))
}

/// The value (with ` MOD` when there is one) of the expression whose
/// text is `expr`, or a description of what was found instead.
fn value_of(text: &str, expr: &str, dct: NaiveDate) -> String {
    let found = tag(text, dct);
    match found.iter().find(|t| t.text == expr) {
        Some(t) => match t.modifier {
            Some(m) => format!("{} {}", t.value, m.as_str()),
            None => t.value.to_string(),
        },
        None => format!(
            "no {expr:?} in {:?}",
            found
                .iter()
                .map(|t| (&t.text, t.value.to_string()))
                .collect::<Vec<_>>()
        ),
    }
}

/// (text, expression, DCT, expected value).
type Case = (&'static str, &'static str, (i32, u32, u32), &'static str);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(text, expr, (y, m, day), want) in cases {
        let got = value_of(text, expr, d(y, m, day));
        if got != want {
            failures.push(format!(
                "{text:?} [{expr}] @ {y}-{m}-{day}: want {want}, got {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn weekdays_follow_the_clause() {
    // 2017-04-13 is a Thursday.
    check(&[
        (
            "Trump said Wednesday that ties were low.",
            "Wednesday",
            (2017, 4, 13),
            "2017-04-12",
        ),
        (
            "The council will vote Wednesday.",
            "Wednesday",
            (2017, 4, 13),
            "2017-04-19",
        ),
        (
            "The council is set to vote Friday.",
            "Friday",
            (2017, 4, 13),
            "2017-04-14",
        ),
        (
            "They will meet Monday in Geneva.",
            "Monday",
            (2017, 4, 13),
            "2017-04-17",
        ),
        // The same weekday as the DCT is the DCT in past tense ...
        (
            "Peskov said Thursday the tone was constructive.",
            "Thursday",
            (2017, 4, 13),
            "2017-04-13",
        ),
        // ... a week later in future tense, unless "later" makes it today.
        (
            "The envoys will meet Thursday.",
            "Thursday",
            (2017, 4, 13),
            "2017-04-20",
        ),
        (
            "He has a meeting set later Thursday.",
            "Thursday",
            (2017, 4, 13),
            "2017-04-13",
        ),
        // "last Friday" is strictly before the DCT: on a Friday, a week back.
        (
            "The strike came last Friday.",
            "last Friday",
            (2017, 4, 14),
            "2017-04-07",
        ),
        (
            "The strike came this past Friday.",
            "this past Friday",
            (2017, 4, 13),
            "2017-04-07",
        ),
        (
            "It closed the Friday of last week.",
            "Friday of last week",
            (2017, 4, 13),
            "2017-04-07",
        ),
        (
            "The talks resume this Monday.",
            "this Monday",
            (2017, 4, 13),
            "2017-04-10",
        ),
        (
            "The vote is the last Friday of this month.",
            "the last Friday of this month",
            (2017, 4, 13),
            "2017-04-28",
        ),
        (
            "On Wednesday (Thursday NZT), he spoke.",
            "Wednesday",
            (2017, 4, 13),
            "2017-04-12",
        ),
        (
            "On Wednesday (Thursday NZT), he spoke.",
            "Thursday",
            (2017, 4, 13),
            "2017-04-13",
        ),
        (
            "It was a week ago Friday.",
            "a week ago Friday",
            (2017, 4, 13),
            "2017-03-31",
        ),
    ]);
}

#[test]
fn weeks_are_iso_weeks() {
    check(&[
        ("Prices fell last week.", "last week", (2017, 4, 17), "2017-W15"),
        (
            "Earlier this week, experts said so.",
            "Earlier this week",
            (2017, 4, 13),
            "2017-W15 START",
        ),
        // 2016-01-01 is a Friday in ISO week 53 of 2015.
        (
            "Markets were calm this week.",
            "this week",
            (2016, 1, 1),
            "2015-W53",
        ),
        (
            "Markets were calm last week.",
            "last week",
            (2016, 1, 8),
            "2015-W53",
        ),
        ("Talks resume next week.", "next week", (2018, 12, 27), "2019-W01"),
        (
            "They rested over the weekend.",
            "the weekend",
            (2017, 4, 17),
            "2017-W15-WE",
        ),
    ]);
}

#[test]
fn explicit_and_underspecified_dates() {
    check(&[
        ("the April 4 attack", "April 4", (2017, 4, 17), "2017-04-04"),
        (
            "It began on 4 April 2017.",
            "4 April 2017",
            (2017, 4, 17),
            "2017-04-04",
        ),
        (
            "It began Apr. 4, 2017, at dawn.",
            "Apr. 4, 2017",
            (2017, 4, 17),
            "2017-04-04",
        ),
        ("Filed 04/04/2017.", "04/04/2017", (2017, 4, 17), "2017-04-04"),
        ("Filed 2017-04-04.", "2017-04-04", (2017, 4, 17), "2017-04-04"),
        ("It was April 2017.", "April 2017", (2017, 4, 17), "2017-04"),
        ("Since the '90s it grew.", "the '90s", (2017, 4, 17), "199"),
        (
            "Sales in spring 2017 rose.",
            "spring 2017",
            (2017, 4, 17),
            "2017-SP",
        ),
        (
            "Profit rose in the second quarter.",
            "the second quarter",
            (2017, 8, 1),
            "2017-Q2",
        ),
        (
            "Results for fiscal 2017 are due.",
            "fiscal 2017",
            (2017, 8, 1),
            "2017",
        ),
        (
            "Wars of the 21st century differ.",
            "the 21st century",
            (2017, 8, 1),
            "20",
        ),
        (
            "Sarin was used at the start of April.",
            "the start of April",
            (2017, 4, 17),
            "2017-04 START",
        ),
        (
            "Talks were held in mid-April.",
            "mid-April",
            (2017, 5, 2),
            "2017-04 MID",
        ),
        ("Prices rose in late 2016.", "late 2016", (2017, 5, 2), "2016 END"),
        ("Trump took office in January.", "January", (2017, 4, 13), "2017-01"),
        ("The hearing is in May in Atlanta.", "May", (2017, 4, 13), "2017-05"),
        (
            "Relations May Be At An All-Time Low",
            "May",
            (2017, 4, 17),
            "no \"May\" in []",
        ),
        (
            "Prime Minister Theresa May said so.",
            "May",
            (2017, 4, 17),
            "no \"May\" in []",
        ),
        (
            "They walked in the March for Life.",
            "March",
            (2017, 4, 17),
            "no \"March\" in []",
        ),
        // In January, a past December is last year's; a future one this year's.
        (
            "The vote was on December 20.",
            "December 20",
            (2017, 1, 10),
            "2016-12-20",
        ),
        (
            "The dividend is payable Jan. 2.",
            "Jan. 2",
            (1989, 11, 2),
            "1990-01-02",
        ),
        (
            "Two-digit years go to the nearest century: '98.",
            "'98",
            (2017, 4, 17),
            "no \"'98\" in []",
        ),
    ]);
}

#[test]
fn relative_dates() {
    check(&[
        ("It happened yesterday.", "yesterday", (2017, 4, 13), "2017-04-12"),
        ("It happens tomorrow.", "tomorrow", (2017, 4, 13), "2017-04-14"),
        (
            "Two days ago the ships left.",
            "Two days ago",
            (2017, 4, 13),
            "2017-04-11",
        ),
        (
            "Three weeks ago the ships left.",
            "Three weeks ago",
            (2017, 4, 13),
            "2017-W12",
        ),
        ("Sales fell this month.", "this month", (2017, 4, 13), "2017-04"),
        ("Sales fell last year.", "last year", (2017, 4, 13), "2016"),
        (
            "On May 22, 1995, he was promoted, and the following year he left.",
            "the following year",
            (1998, 4, 18),
            "1996",
        ),
        (
            "He arrived on April 4. The day before, he had called.",
            "The day before",
            (2017, 4, 13),
            "2017-04-03",
        ),
        (
            "She left the day before returning home.",
            "the day before",
            (2017, 4, 13),
            "no \"the day before\" in []",
        ),
        (
            "He left in 2010. Three years earlier he had arrived.",
            "Three years earlier",
            (2017, 4, 13),
            "2007",
        ),
        (
            "The convoy returns three days from now.",
            "three days from now",
            (2017, 4, 13),
            "2017-04-16",
        ),
    ]);
}

#[test]
fn durations_sets_refs_and_times() {
    check(&[
        ("the country's six-year civil war", "six-year", (2017, 4, 17), "P6Y"),
        ("a meeting of two hours", "two hours", (2017, 4, 17), "PT2H"),
        ("within 48 hours of the attack", "48 hours", (2017, 4, 17), "PT48H"),
        ("It took a decade.", "a decade", (2017, 4, 17), "P10Y"),
        (
            "over the last few years",
            "the last few years",
            (2017, 4, 17),
            "PXY",
        ),
        (
            "more than six years of war",
            "more than six years",
            (2017, 4, 17),
            "P6Y MORE_THAN",
        ),
        (
            "for about three weeks",
            "about three weeks",
            (2017, 4, 17),
            "P3W APPROX",
        ),
        ("a 6-year-old boy", "6-year", (2017, 4, 17), "no \"6-year\" in []"),
        (
            "He told ''60 Minutes'' so.",
            "60 Minutes",
            (2017, 4, 17),
            "no \"60 Minutes\" in []",
        ),
        (
            "It would be a second betrayal.",
            "a second",
            (2017, 4, 17),
            "no \"a second\" in []",
        ),
        (
            "They meet every Monday.",
            "every Monday",
            (2017, 4, 17),
            "XXXX-WXX-1",
        ),
        ("It is published weekly.", "weekly", (2017, 4, 17), "P1W"),
        ("Floods come each year.", "each year", (2017, 4, 17), "P1Y"),
        (
            "Month after month we repeat it.",
            "Month after month",
            (2017, 4, 17),
            "P1M",
        ),
        ("He is now in Moscow.", "now", (2017, 4, 17), "PRESENT_REF"),
        ("They recently met.", "recently", (2017, 4, 17), "PAST_REF"),
        ("It was formerly a base.", "formerly", (2017, 4, 17), "PAST_REF"),
        ("They will meet soon.", "soon", (2017, 4, 17), "FUTURE_REF"),
        (
            "The blast came at 8 a.m. local time.",
            "8 a.m.",
            (2017, 4, 17),
            "2017-04-17T08:00",
        ),
        ("The UN met at noon.", "noon", (2017, 4, 17), "2017-04-17T12:00"),
        (
            "Markets closed at 14:30 GMT.",
            "14:30 GMT",
            (2017, 4, 17),
            "2017-04-17T14:30",
        ),
        (
            "They met Wednesday morning.",
            "Wednesday morning",
            (2017, 4, 13),
            "2017-04-12TMO",
        ),
        ("A vote comes tonight.", "tonight", (2017, 4, 13), "2017-04-13TNI"),
        (
            "Shares slid late Tuesday.",
            "late Tuesday",
            (2017, 4, 13),
            "2017-04-11 END",
        ),
    ]);
}

#[test]
fn impossible_and_huge_values_are_skipped() {
    let dct = d(2017, 4, 13);
    for text in [
        "It was April 31, 2017.",
        "It was February 29, 2017.",
        "It was February 30.",
        "Filed 13/13/2017.",
        "In the year 99999 it ends.",
        "It began 3,000,000,000 days ago.",
        "It lasted 99999999999999999999999 years.",
    ] {
        for t in tag(text, dct) {
            // Whatever is found must be a real calendar value.
            if let Value::Date(date) = &t.value
                && date.day.is_some()
                && date.year.is_some()
            {
                assert!(date.to_naive().is_some(), "{text}: {}", t.value);
            }
            assert!(
                !t.value.to_string().contains("99999"),
                "{text}: {}",
                t.value
            );
        }
    }
    // April 31 has no year in which it exists.
    assert!(tag("It was April 31.", dct).is_empty());
    // February 29 exists in leap years only.
    assert_eq!(
        value_of("It was February 29, 2016.", "February 29, 2016", dct),
        "2016-02-29"
    );
}

#[test]
fn a_weekday_contradicting_its_date_is_reported() {
    let found =
        tag("It opened Monday, April 5, 2017, in Paris.", d(2017, 4, 13));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.to_string(), "2017-04-05");
    let warning = found[0].warning.as_deref().unwrap_or("");
    assert!(warning.contains("Wednesday"), "{warning}");
    let found = tag("It opened Wednesday, April 5, 2017.", d(2017, 4, 13));
    assert_eq!(found[0].warning, None);
}

#[test]
fn without_a_dct_values_stay_underspecified() {
    let found = Tagger::new()
        .tag("The April 4 attack came Wednesday, last week.", None);
    let values: Vec<String> =
        found.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["XXXX-04-04", "XXXX-WXX-3", "XXXX-WXX"]);
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// Sentence frames around a weekday, with the offsets in days from the
/// DCT that the tense allows.
const FRAMES: [(&str, std::ops::RangeInclusive<i64>); 6] = [
    ("Officials said {} that talks failed.", -6..=0),
    ("The vote was held {} in New York.", -6..=0),
    ("It happened last {}.", -7..=-1),
    ("The council will vote {}.", 1..=7),
    ("Ministers are set to meet {} in Geneva.", 1..=7),
    ("They meet again next {}.", 1..=7),
];

proptest! {
    #[test]
    fn weekday_phrases_land_within_a_week_on_their_side(
        days in 0i64..200_000,
        wd in 0usize..7,
        frame in 0usize..FRAMES.len(),
    ) {
        let dct = d(1800, 1, 1) + chrono::Days::new(days as u64);
        let (name, weekday) = WEEKDAYS[wd];
        let (template, ref allowed) = FRAMES[frame];
        let text = template.replace("{}", name);
        let found = tag(&text, dct);
        let t = found.iter().find(|t| t.text.ends_with(name));
        prop_assert!(t.is_some(), "{text}: {found:?}");
        let Value::Date(date) = &t.unwrap().value else {
            return Err(TestCaseError::fail(format!("{text}: not a date")));
        };
        let date = date.to_naive().unwrap();
        prop_assert_eq!(date.weekday(), weekday);
        let offset = (date - dct).num_days();
        prop_assert!(allowed.contains(&offset), "{text} @ {dct}: {date}");
    }

    #[test]
    fn every_value_round_trips(
        days in 0i64..150_000,
        pick in proptest::collection::vec(0usize..PHRASES.len(), 1..6),
    ) {
        let dct = d(1700, 1, 1) + chrono::Days::new(days as u64);
        let text: Vec<&str> = pick.iter().map(|&i| PHRASES[i]).collect();
        let text = text.join(" Then ");
        for t in tag(&text, dct) {
            let s = t.value.to_string();
            prop_assert_eq!(Value::parse(&s), Some(t.value.clone()), "{}", s);
        }
    }

    #[test]
    fn any_text_is_tagged_without_panic_and_offsets_hold(text in "\\PC{0,200}") {
        let found = Tagger::new().tag(&text, Some(d(2017, 4, 13)));
        let chars: Vec<char> = text.chars().collect();
        for t in found {
            prop_assert!(t.start < t.end && t.end <= chars.len());
            let slice: String = chars[t.start..t.end].iter().collect();
            prop_assert_eq!(&slice, &t.text);
            prop_assert_eq!(&text[t.start_byte..t.end_byte], t.text.as_str());
        }
    }
}

/// Phrases of every rule family, for the round-trip property.
const PHRASES: &[&str] = &[
    "It was April 4.",
    "It was 4 April 2017.",
    "We met last Thursday.",
    "They said Wednesday it ended.",
    "Talks come next week.",
    "Prices fell last week.",
    "Earlier this week it rained.",
    "Sales rose this month.",
    "Sales fell last year.",
    "It ended two days ago.",
    "At the start of April it began.",
    "In mid-April it peaked.",
    "In late 2016 it fell.",
    "The following week it rose.",
    "They rested over the weekend.",
    "It is now over.",
    "It recently grew.",
    "It will end soon.",
    "At 8 a.m. it opened.",
    "At noon it closed.",
    "At 14:30 GMT it fell.",
    "On Wednesday morning it rose.",
    "Tonight it ends.",
    "A six-year war.",
    "For two hours it rained.",
    "For 48 hours it snowed.",
    "It lasted a decade.",
    "In the last few years it grew.",
    "It runs every Monday.",
    "It is sold weekly.",
    "It floods each year.",
    "Month after month it failed.",
    "In the 1990s it grew.",
    "In the '90s it grew.",
    "In spring 2017 it rose.",
    "In the second quarter it fell.",
    "In fiscal 2017 it grew.",
    "In the 21st century it changed.",
    "In 2017 it rose.",
    "On 04/04/2017 it was filed.",
    "Three years earlier it began.",
    "The day before it rained.",
    "A week ago Friday it rained.",
    "Christmas was quiet.",
    "In the first half of 1990 it grew.",
    "Year-end results came.",
    "That day it snowed.",
];

/// A reading tagged again under other DCTs, in any order, gives what a
/// fresh tagging gives: what it keeps does not depend on the DCT. The
/// DCTs include none and the last day of year 9999, under which "next
/// year" is rejected and the scan goes on from another position; the
/// texts, every rule's examples and news that restates a day in
/// another zone and counts from the dates it names.
#[test]
fn a_reading_tags_again_as_a_fresh_tagging_does() {
    let mut texts = vec![
        "On Wednesday, officials said the attack of April 4 had \
         killed 86 people. Last week the council met; it will \
         meet again next Thursday and next year, two days after \
         the vote. Earlier this week, on 04/07/2017, the strike \
         came at 3:40 a.m. local time. The six-year war goes on; \
         the talks were held yesterday and resume on Monday."
            .to_string(),
        "Officials said on Wednesday (Thursday NZT) that the strike of \
         April 4 killed 87 people. A day earlier, on Monday, talks had \
         stalled; the summit is due in May. Figures released on March \
         3, 2016 were lower than a year earlier. The quarter ended on \
         June 30; in the quarter before, sales rose 3 per cent."
            .to_string(),
    ];
    let examples: Vec<&str> = timeline::timex::rules::RULES
        .iter()
        .flat_map(|r| r.examples.iter().map(|(t, _)| *t))
        .collect();
    texts.extend(examples.chunks(40).map(|c| c.join(". On the day, ")));
    let dcts = [
        None,
        Some(d(2017, 4, 12)),
        Some(d(9999, 12, 31)),
        Some(d(2017, 4, 9)),
        None,
        Some(d(1999, 1, 1)),
        Some(d(2016, 12, 31)),
        Some(d(2017, 4, 12)),
    ];
    let tagger = Tagger::new();
    for text in &texts {
        let mut reading = timeline::timex::Reading::new(text);
        for dct in dcts {
            assert_eq!(
                tagger.tag_again(&mut reading, dct),
                tagger.tag(text, dct),
                "under {dct:?}: {text}"
            );
        }
    }
}
