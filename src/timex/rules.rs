//! The rule table: one entry per pattern, each with its examples.
//!
//! **Order is priority.** All patterns compile into one regex; at the
//! same start position the earlier entry wins, so "April 4, 2017" comes
//! before "April 4", and "two years ago" before "two years". A rule that
//! returns `None` hands the position to the next rule that matches there.
//!
//! Examples resolve against [`TEST_ANCHOR`] = Thursday 2017-04-13.

use chrono::{Datelike, NaiveDate, Weekday};

use super::lexicon::{
    self, re_amount, re_day_of_month, re_day_part, re_month, re_ordinal,
    re_unit, re_weekday, re_weekday_any,
};
use super::resolve;
use super::value::{
    Clock, Date, DayPart, Duration, Mod, Ref, Unit, Value, WeekPart,
};
use super::{Ctx, Found, Rule};

/// The DCT the rule examples are resolved against: Thursday, April 13,
/// 2017.
pub const TEST_ANCHOR: (i32, u32, u32) = (2017, 4, 13);

/// Modifiers in front of a date ("early", "mid-", "the end of").
macro_rules! date_mod {
    () => {
        r"(?:(?P<dmod>(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|earlier|later)|the\s+(?:start|beginning|end|middle|close|turn|first\s+part|latter\s+part)\s+of(?:\s+the)?)(?:\s*-\s*|\s+))?"
    };
}

/// Modifiers in front of an amount ("more than", "about").
macro_rules! qty_mod {
    () => {
        r"(?:(?P<qmod>more\s+than|over|less\s+than|under|fewer\s+than|about|around|approximately|roughly|nearly|almost|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|up\s+to|some|just\s+over|just\s+under|well\s+over)\s+)?"
    };
}

/// Time zones, kept in the extent of a clock time.
macro_rules! zone {
    () => {
        r"(?:(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|NZT|NZST|AEST|IST|JST|MSK)\b)"
    };
}

fn date_mod(ctx: &Ctx) -> Option<Mod> {
    let m = ctx.word("dmod")?;
    let m = m.trim_start_matches("the ").trim_start_matches("very ");
    let m = m.trim_end_matches(" the");
    Some(match m {
        "early" | "earlier" | "start of" | "beginning of" | "turn of"
        | "first part of" => Mod::Start,
        "mid" | "middle" | "middle of" => Mod::Mid,
        "late" | "later" | "end of" | "close of" | "latter part of" => {
            Mod::End
        }
        _ => return None,
    })
}

fn qty_mod(ctx: &Ctx) -> Option<Mod> {
    let m = ctx.word("qmod")?;
    Some(match m.as_str() {
        "more than" | "over" | "just over" | "well over" => Mod::MoreThan,
        "less than" | "under" | "fewer than" | "just under" | "nearly"
        | "almost" => Mod::LessThan,
        "at least" | "no less than" => Mod::EqualOrMore,
        "at most" | "no more than" | "up to" => Mod::EqualOrLess,
        _ => Mod::Approx,
    })
}

fn num(ctx: &Ctx, name: &str) -> Option<u32> {
    let s = ctx.get(name)?;
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok()
}

fn year(ctx: &Ctx, name: &str) -> Option<i32> {
    let s = ctx.get(name)?;
    let s = s.trim_start_matches('\'');
    let n: u32 = s.parse().ok()?;
    if s.len() == 2 {
        return resolve::expand_two_digit_year(n, ctx.anchor());
    }
    let y = i32::try_from(n).ok()?;
    resolve::YEARS.contains(&y).then_some(y)
}

/// Month names must be capitalised: "may" and "march" are words too.
fn month_of(ctx: &Ctx, name: &str) -> Option<u32> {
    let s = ctx.get(name)?;
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    lexicon::month(s)
}

fn weekday_of(ctx: &Ctx, name: &str) -> Option<Weekday> {
    let s = ctx.get(name)?;
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    lexicon::weekday(s)
}

/// A date written out with its year ("April 4, 2017", "4 April 2017"),
/// checked against the weekday written with it.
fn full_date(ctx: &Ctx) -> Option<Found> {
    let y = year(ctx, "year")?;
    let v = checked_day(Some(y), month_of(ctx, "month")?, num(ctx, "day")?)?;
    Some(weekday_checked(ctx, Found::new(v)))
}

/// Reports a weekday that contradicts the date it is written with; the
/// explicit date wins.
fn weekday_checked(ctx: &Ctx, mut found: Found) -> Found {
    let (Some(wd), Value::Date(date)) = (ctx.get("weekday"), &found.value)
    else {
        return found;
    };
    let (Some(named), Some(date)) = (lexicon::weekday(wd), date.to_naive())
    else {
        return found;
    };
    if named != date.weekday() {
        found.warning = Some(format!(
            "{wd} does not match {date}, a {}; the date is kept",
            weekday_name(date.weekday())
        ));
    }
    found
}

fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn day(date: NaiveDate) -> Value {
    Value::Date(Date::from(date))
}

/// A day that must exist: "April 31" and "February 29, 2017" are
/// skipped, never moved to a neighbouring day.
fn checked_day(year: Option<i32>, month: u32, d: u32) -> Option<Value> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, d).map(day),
        None => {
            // February 29 exists in some year; April 31 in none.
            NaiveDate::from_ymd_opt(2000, month, d)?;
            Some(Value::Date(Date {
                year: None,
                month: Some(Some(month)),
                day: Some(Some(d)),
            }))
        }
    }
}

/// A weekday of an unknown week (`XXXX-WXX-3` for a Wednesday).
fn unknown_weekday(wd: Weekday) -> Value {
    Value::Week {
        year: None,
        week: None,
        part: WeekPart::Day(wd.number_from_monday()),
    }
}

fn unknown_day() -> Value {
    Value::Date(Date { year: None, month: Some(None), day: Some(None) })
}

fn month_value(year: Option<i32>, month: u32) -> Value {
    Value::Date(Date { year, month: Some(Some(month)), day: None })
}

fn year_value(year: Option<i32>) -> Value {
    Value::Date(Date { year, month: None, day: None })
}

fn week_value(yw: Option<(i32, u32)>, part: WeekPart) -> Value {
    Value::Week { year: yw.map(|w| w.0), week: yw.map(|w| w.1), part }
}

/// A weekday read by the clause's tense: the most recent one (the DCT
/// itself if it is that day) in past or present tense, the coming one
/// in future tense (the DCT itself only with "later").
fn weekday_by_tense(ctx: &Ctx, wd: Weekday) -> Option<Value> {
    let Some(anchor) = ctx.anchor() else {
        return Some(unknown_weekday(wd));
    };
    let clause = ctx.clause();
    let date = if ctx.future() {
        if clause.later_same_day {
            resolve::upcoming_weekday(anchor, wd)
        } else {
            resolve::next_weekday(anchor, wd)
        }
    } else {
        resolve::latest_weekday(anchor, wd)
    };
    date.map(day)
}

fn month_by_tense(ctx: &Ctx, m: u32) -> Option<Value> {
    let year = match ctx.anchor() {
        Some(a) => Some(resolve::month_year_leaning(a, m, ctx.lean())?),
        None => None,
    };
    Some(month_value(year, m))
}

fn month_day(ctx: &Ctx, m: u32, d: u32) -> Option<Value> {
    let year = match ctx.anchor() {
        Some(a) => Some(resolve::month_day_year_leaning(a, m, d, ctx.lean())?),
        None => None,
    };
    checked_day(year, m, d)
}

/// Amount × unit as a duration value, with decades and centuries in
/// years as TIMEX3 writes them in news.
fn duration(n: Option<u64>, unit: Unit) -> Option<Value> {
    let (n, unit) = match unit {
        Unit::Decade => (scale(n, 10)?, Unit::Year),
        Unit::Century => (scale(n, 100)?, Unit::Year),
        Unit::Millennium => (scale(n, 1000)?, Unit::Year),
        u => (n, u),
    };
    Some(Value::Duration(Duration::of(n, unit)))
}

/// A known amount times `k`; an unknown one stays unknown.
fn scale(n: Option<u64>, k: u64) -> Option<Option<u64>> {
    match n {
        Some(n) => Some(Some(n.checked_mul(k)?)),
        None => Some(None),
    }
}

/// A half unit more ("two and a half years" = P2Y6M).
fn with_half(n: Option<u64>, unit: Unit) -> Option<Value> {
    let (big, small, half) = match unit {
        Unit::Year => (Unit::Year, Unit::Month, 6),
        Unit::Month => (Unit::Month, Unit::Day, 15),
        Unit::Day => (Unit::Day, Unit::Hour, 12),
        Unit::Hour => (Unit::Hour, Unit::Minute, 30),
        Unit::Minute => (Unit::Minute, Unit::Second, 30),
        _ => return duration(n, unit),
    };
    let mut parts = Vec::new();
    if n != Some(0) {
        parts.push((n, big));
    }
    parts.push((Some(half), small));
    Some(Value::Duration(Duration { parts }))
}

/// A date `n` units away from `anchor`, at the unit's granularity.
fn shifted(anchor: NaiveDate, n: i64, unit: Unit) -> Option<Value> {
    Some(match unit {
        Unit::Day => day(resolve::shift_days(anchor, n)?),
        Unit::Week => {
            week_value(Some(resolve::shift_weeks(anchor, n)?), WeekPart::Whole)
        }
        Unit::Month => {
            let (y, m) = resolve::shift_months(anchor, n)?;
            month_value(Some(y), m)
        }
        Unit::Quarter => {
            let (y, q) = resolve::shift_quarters(anchor, n)?;
            Value::Quarter { year: Some(y), quarter: Some(q) }
        }
        Unit::Year => year_value(Some(resolve::shift_years(anchor, n)?)),
        Unit::Decade => Value::Decade(
            resolve::shift_years(anchor, n.checked_mul(10)?)? / 10,
        ),
        Unit::Century => Value::Century(
            resolve::shift_years(anchor, n.checked_mul(100)?)? / 100,
        ),
        Unit::Hour | Unit::Minute | Unit::Second | Unit::Millennium => {
            return None;
        }
    })
}

/// A reference value moved by `n` units, keeping its own granularity
/// where the unit allows ("a year earlier" after "the third quarter" is
/// the third quarter of the year before).
fn shift_value(v: &Value, n: i64, unit: Unit) -> Option<Value> {
    match (v, unit) {
        (Value::Quarter { year: Some(y), quarter }, Unit::Year) => {
            Some(Value::Quarter {
                year: Some(shift_year(*y, n)?),
                quarter: *quarter,
            })
        }
        (
            Value::Quarter { year: Some(y), quarter: Some(q) },
            Unit::Quarter,
        ) => {
            let m = q.checked_sub(1)?.checked_mul(3)?.checked_add(1)?;
            let a = NaiveDate::from_ymd_opt(*y, m, 1)?;
            shifted(a, n, Unit::Quarter)
        }
        (Value::Half { year: Some(y), half }, Unit::Year) => {
            Some(Value::Half { year: Some(shift_year(*y, n)?), half: *half })
        }
        (Value::Date(d), Unit::Year) if d.day.is_none() => {
            Some(Value::Date(Date {
                year: Some(shift_year(d.year?, n)?),
                ..*d
            }))
        }
        (Value::Date(d), Unit::Month)
            if d.day.is_none() && d.month.is_some() =>
        {
            let a = NaiveDate::from_ymd_opt(d.year?, d.month??, 1)?;
            shifted(a, n, Unit::Month)
        }
        (Value::Date(d), _) => {
            let a = d.to_naive()?;
            if unit == Unit::Year {
                let y = shift_year(a.year(), n)?;
                return a.with_year(y).map(day);
            }
            shifted(a, n, unit)
        }
        _ => None,
    }
}

/// A value at the granularity of `unit` ("the following year" after
/// "May 22, 1995" is 1996, not 1996-05-22).
fn coarsen(v: &Value, unit: Unit) -> Option<Value> {
    let date = match v {
        Value::Date(d) => *d,
        Value::Quarter { year, .. } | Value::Half { year, .. } => {
            if unit == Unit::Year {
                return Some(year_value(*year));
            }
            return Some(v.clone());
        }
        _ => return Some(v.clone()),
    };
    Some(match unit {
        Unit::Year => year_value(date.year),
        Unit::Month if date.month.is_some() => {
            Value::Date(Date { day: None, ..date })
        }
        Unit::Week => match date.to_naive() {
            Some(d) => week_value(Some(resolve::iso_week(d)), WeekPart::Whole),
            None => v.clone(),
        },
        Unit::Quarter => match date.month {
            Some(Some(m)) => Value::Quarter {
                year: date.year,
                quarter: Some(resolve::quarter_of_month(m)),
            },
            _ => v.clone(),
        },
        _ => v.clone(),
    })
}

fn shift_year(y: i32, n: i64) -> Option<i32> {
    let y = i32::try_from(i64::from(y).checked_add(n)?).ok()?;
    resolve::YEARS.contains(&y).then_some(y)
}

fn signed(n: u64, back: bool) -> Option<i64> {
    let n = i64::try_from(n).ok()?;
    Some(if back { -n } else { n })
}

/// The quarter a bare "the quarter" / "the latest quarter" names: the
/// one last mentioned, else the last one completed before the DCT.
fn discourse_quarter(ctx: &Ctx) -> Option<Value> {
    if let Some(v @ Value::Quarter { .. }) = &ctx.state().reference {
        return Some(v.clone());
    }
    match ctx.anchor() {
        Some(a) => shifted(a, -1, Unit::Quarter),
        None => Some(Value::Quarter { year: None, quarter: None }),
    }
}

/// Unit words in the relative rules: "week", "month", "year" …
fn unit_word(ctx: &Ctx, name: &str) -> Option<Unit> {
    lexicon::unit(ctx.get(name)?)
}

/// Words that, standing before a capitalised month or weekday, show it
/// is part of a name ("Theresa May", "Good Friday", "Black Friday").
const NAME_BEFORE: &[&str] = &[
    "theresa", "brian", "erskine", "rollo", "mrs", "ms", "mr", "dr", "good",
    "black", "bloody", "cyber", "super", "holy", "ash", "palm", "easter",
    "maundy", "man",
];

/// Zone abbreviations that news puts in brackets after a day, for its
/// readers' clocks ("On Wednesday (Thursday NZT)").
const ZONES: &[&str] = &[
    "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
    "bst", "cet", "cest", "nzt", "nzst", "nzdt", "aest", "aedt", "awst",
    "ist", "jst", "msk", "hkt", "sgt", "local",
];

/// A weekday in brackets with a time zone right after a day ("On
/// Wednesday (Thursday NZT)") is that same moment on another zone's
/// clock: at most a day from the day it restates, whatever the tense.
/// Resolving it by tense alone would put it a week off.
fn restated_in_zone(ctx: &Ctx, wd: Weekday) -> Option<Value> {
    let before = ctx.before().trim_end().strip_suffix('(')?.trim_end();
    let Some((end, Value::Date(d))) = &ctx.state().previous else {
        return None;
    };
    if *end != before.len() {
        return None;
    }
    let mut after = ctx.after().split(|c: char| !c.is_alphanumeric());
    let zone = after.find(|w| !w.is_empty())?.to_ascii_lowercase();
    if !ZONES.contains(&zone.as_str()) {
        return None;
    }
    let rest = ctx.after().trim_start();
    let closes = rest[zone.len().min(rest.len())..].trim_start();
    if !closes.starts_with(')') {
        return None;
    }
    let restated = d.to_naive()?;
    [0i64, 1, -1]
        .into_iter()
        .filter_map(|n| resolve::shift_days(restated, n))
        .find(|x| x.weekday() == wd)
        .map(day)
}

fn preceded_by_name(ctx: &Ctx) -> bool {
    let prev = ctx
        .before()
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    NAME_BEFORE.contains(&prev.as_str())
}

/// Words that put a following "May" in the calendar ("in May", "by
/// May"), not in the modal sense.
const MONTH_PREPOSITIONS: &[&str] = &[
    "in", "by", "since", "until", "till", "from", "of", "during", "through",
    "before", "after", "last", "next", "this", "early", "late", "mid", "each",
    "every", "for", "and", "or", "on", "to", "between", "until",
];

/// Words that follow the modal "may" and never the month.
const MODAL_FOLLOWERS: &[&str] = &[
    "be", "have", "not", "also", "still", "never", "well", "soon", "yet",
    "even", "only", "already", "need", "want", "face", "take", "lose", "win",
    "seem", "become", "come", "go", "get", "make", "help", "cause",
];

/// Words after a four-digit number that show it is a count, not a year.
const COUNT_AFTER: &[&str] = &[
    "%",
    "percent",
    "per",
    "people",
    "persons",
    "troops",
    "soldiers",
    "workers",
    "employees",
    "jobs",
    "shares",
    "votes",
    "points",
    "members",
    "men",
    "women",
    "children",
    "cases",
    "deaths",
    "dead",
    "km",
    "miles",
    "meters",
    "metres",
    "feet",
    "tons",
    "tonnes",
    "barrels",
    "units",
    "cars",
    "homes",
    "pages",
    "words",
    "dollars",
    "euros",
    "pounds",
    "yen",
    "square",
    "acres",
    "hectares",
    "times",
    "kilometers",
    "students",
    "refugees",
    "civilians",
    "residents",
    "hours",
    "minutes",
    "seconds",
    "days",
    "weeks",
    "months",
    "years",
    "more",
];

/// Whether a run of at least `digits` digits follows the match, perhaps
/// after "of": "the year 99999", "the first quarter of 99999". The
/// pattern could not take that number as a year (out of range), so the
/// expression is not the anaphoric "the year" or a quarter, season or
/// holiday of the DCT's year; tagging it as one would give a wrong date.
fn year_follows(ctx: &Ctx, digits: usize) -> bool {
    let after = ctx.after();
    let rest = after.trim_start();
    let rest = rest
        .strip_prefix("of ")
        .or_else(|| rest.strip_prefix("Of "))
        .map_or(rest, str::trim_start);
    rest.len() < after.len()
        && rest.bytes().take_while(u8::is_ascii_digit).count() >= digits
}

fn is_count(ctx: &Ctx) -> bool {
    let before = ctx.before();
    if before.ends_with('$') || before.ends_with(['#', '€', '£']) {
        return true;
    }
    let after = ctx.after();
    if after.starts_with(['%', ',']) && !after.starts_with(", ") {
        return true;
    }
    let next = after
        .trim_start()
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';'])
        .to_ascii_lowercase();
    COUNT_AFTER.contains(&next.as_str())
}

/// Holidays whose date is fixed or computed, by name.
fn holiday(name: &str, year: i32) -> Option<NaiveDate> {
    let nth = |month, wd, n: u8| {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, n)
    };
    match name {
        "christmas" | "christmas day" | "xmas" => {
            NaiveDate::from_ymd_opt(year, 12, 25)
        }
        "christmas eve" => NaiveDate::from_ymd_opt(year, 12, 24),
        "new year's day" | "new year's" | "new years day" => {
            NaiveDate::from_ymd_opt(year, 1, 1)
        }
        "new year's eve" | "new years eve" => {
            NaiveDate::from_ymd_opt(year, 12, 31)
        }
        "independence day" | "the fourth of july" | "july fourth" => {
            NaiveDate::from_ymd_opt(year, 7, 4)
        }
        "halloween" => NaiveDate::from_ymd_opt(year, 10, 31),
        "valentine's day" => NaiveDate::from_ymd_opt(year, 2, 14),
        "veterans day" | "veterans' day" | "armistice day" => {
            NaiveDate::from_ymd_opt(year, 11, 11)
        }
        "thanksgiving" | "thanksgiving day" => nth(11, Weekday::Thu, 4),
        "labor day" => nth(9, Weekday::Mon, 1),
        "martin luther king day" => nth(1, Weekday::Mon, 3),
        "memorial day" => {
            resolve::last_weekday_of_month(year, 5, Weekday::Mon)
        }
        "election day" => {
            // The Tuesday after the first Monday of November.
            nth(11, Weekday::Mon, 1)?.checked_add_days(chrono::Days::new(1))
        }
        "easter" | "easter sunday" => easter(year),
        "good friday" => easter(year)?.checked_sub_days(chrono::Days::new(2)),
        _ => None,
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(
        year,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

fn spoken_tens(w: &str) -> Option<i32> {
    Some(match w {
        "ten" => 10,
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

fn ones(w: &str) -> Option<i32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn decade_word(w: &str) -> Option<i32> {
    Some(match w {
        "twenties" => 192,
        "thirties" => 193,
        "forties" => 194,
        "fifties" => 195,
        "sixties" => 196,
        "seventies" => 197,
        "eighties" => 198,
        "nineties" => 199,
        _ => return None,
    })
}

fn clock(ctx: &Ctx) -> Option<Clock> {
    let mut hour = num(ctx, "hour")?;
    let minute = match ctx.get("minute") {
        Some(m) => Some(m.parse().ok()?),
        None => None,
    };
    if let Some(ampm) = ctx.word("ampm") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = ampm.starts_with('p');
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    if hour > 23 || minute.is_some_and(|m: u32| m > 59) {
        return None;
    }
    Some(Clock::HourMinute { hour, minute: Some(minute.unwrap_or(0)) })
}

/// The day a clock time or a part of day belongs to: a weekday or
/// relative day named with it, else the DCT.
fn day_of_time(ctx: &Ctx) -> Option<Date> {
    if let Some(wd) = weekday_of(ctx, "weekday") {
        return match weekday_by_tense(ctx, wd)? {
            Value::Date(d) => Some(d),
            _ => None,
        };
    }
    let Some(anchor) = ctx.anchor() else {
        return Some(Date { year: None, month: Some(None), day: Some(None) });
    };
    let shift = match ctx.word("rel").as_deref() {
        Some("yesterday" | "last") => -1,
        Some("tomorrow") => 1,
        _ => 0,
    };
    resolve::shift_days(anchor, shift).map(Date::from)
}

/// The rule table.
pub static RULES: &[Rule] = &[
    // ---- Full dates -------------------------------------------------
    Rule {
        name: "iso_date",
        pattern: r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b",
        resolve: |ctx| {
            let y = year(ctx, "year")?;
            let v =
                checked_day(Some(y), num(ctx, "month")?, num(ctx, "day")?)?;
            Some(Found::new(v))
        },
        examples: &[("2017-04-04", "2017-04-04")],
    },
    Rule {
        name: "month_day_year",
        pattern: concat!(
            r"\b(?:(?P<weekday>",
            re_weekday_any!(),
            r")\.?,?\s+)?",
            r"(?P<month>",
            re_month!(),
            r")\.?\s+(?P<day>",
            re_day_of_month!(),
            r"),?\s+(?P<year>\d{4})\b"
        ),
        resolve: full_date,
        examples: &[
            ("April 4, 2017", "2017-04-04"),
            ("Apr. 4, 2017", "2017-04-04"),
            ("Tuesday, April 4, 2017", "2017-04-04"),
            ("Sept. 30 1989", "1989-09-30"),
        ],
    },
    Rule {
        name: "day_month_year",
        pattern: concat!(
            r"\b(?:(?P<weekday>",
            re_weekday_any!(),
            r")\.?,?\s+)?(?:the\s+)?",
            r"(?P<day>",
            re_day_of_month!(),
            r")\s+(?:of\s+)?(?P<month>",
            re_month!(),
            r")\.?,?\s+(?P<year>\d{4})\b"
        ),
        resolve: full_date,
        examples: &[
            ("4 April 2017", "2017-04-04"),
            ("the 4th of April, 2017", "2017-04-04"),
        ],
    },
    Rule {
        name: "numeric_date",
        pattern: r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>\d{4}|\d{2})\b",
        resolve: |ctx| {
            let a = num(ctx, "a")?;
            let b = num(ctx, "b")?;
            let y = year(ctx, "year")?;
            // Month first, as US wires write it, unless that is
            // impossible and day first is not.
            let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            Some(Found::new(checked_day(Some(y), m, d)?))
        },
        examples: &[
            ("04/04/2017", "2017-04-04"),
            ("25/12/2016", "2016-12-25"),
        ],
    },
    Rule {
        name: "holiday",
        pattern: concat!(
            r"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?",
            r"(?P<name>christmas(?:\s+(?:day|eve))?|new\s+year'?s(?:\s+(?:day|eve))?|",
            r"independence\s+day|the\s+fourth\s+of\s+july|july\s+fourth|halloween|",
            r"valentine'?s\s+day|veterans'?\s+day|armistice\s+day|thanksgiving(?:\s+day)?|",
            r"labor\s+day|memorial\s+day|martin\s+luther\s+king\s+day|election\s+day|",
            r"easter(?:\s+sunday)?|good\s+friday)",
            r"(?:,?\s+(?P<year>\d{4}))?\b"
        ),
        resolve: |ctx| {
            let name = ctx.word("name")?.replace('\u{2019}', "'");
            if year_follows(ctx, 5) {
                return None;
            }
            if !ctx.get("name")?.starts_with(|c: char| c.is_ascii_uppercase())
                && !name.starts_with("the")
            {
                return None;
            }
            let y = match (year(ctx, "year"), ctx.anchor()) {
                (Some(y), _) => y,
                (None, Some(a)) => {
                    let this = holiday(&name, a.year())?;
                    match ctx.word("rel").as_deref() {
                        Some("last" | "this past") if this >= a => {
                            a.year() - 1
                        }
                        Some("next" | "this coming") if this <= a => {
                            a.year() + 1
                        }
                        Some(_) => a.year(),
                        None => resolve::month_day_year_leaning(
                            a,
                            this.month(),
                            this.day(),
                            ctx.lean(),
                        )?,
                    }
                }
                (None, None) => return None,
            };
            Some(Found::new(day(holiday(&name, y)?)))
        },
        examples: &[
            ("Christmas", "2016-12-25"),
            ("Thanksgiving Day", "2016-11-24"),
            ("Easter", "2017-04-16"),
            ("last Christmas", "2016-12-25"),
            ("Christmas 2017", "2017-12-25"),
        ],
    },
    Rule {
        name: "weekday_month_day",
        pattern: concat!(
            r"\b(?:(?P<last>last|this\s+past)\s+)?(?P<body>(?:(?P<weekday>",
            re_weekday_any!(),
            r")\.?,?\s+)?",
            r"(?P<month>",
            re_month!(),
            r")\.?\s+(?P<day>",
            re_day_of_month!(),
            r"))\b"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            let d = num(ctx, "day")?;
            if ctx.has("last") {
                // "last Oct. 23": the most recent one before the DCT;
                // "last" itself is not part of the date.
                let v = match ctx.anchor() {
                    Some(a) => {
                        let y = resolve::month_day_year_leaning(
                            a,
                            m,
                            d,
                            resolve::Lean::Past,
                        )?;
                        let y = match NaiveDate::from_ymd_opt(y, m, d) {
                            Some(date) if date >= a => y - 1,
                            _ => y,
                        };
                        checked_day(Some(y), m, d)?
                    }
                    None => checked_day(None, m, d)?,
                };
                return Some(Found::new(v).starting_at(ctx.start_of("body")));
            }
            Some(weekday_checked(ctx, Found::new(month_day(ctx, m, d)?)))
        },
        examples: &[
            ("April 4", "2017-04-04"),
            ("April 4th", "2017-04-04"),
            ("Apr. 4", "2017-04-04"),
            ("Thursday, April 6", "2017-04-06"),
            ("Dec. 20", "2016-12-20"),
        ],
    },
    Rule {
        name: "day_month",
        pattern: concat!(
            r"\b(?:(?P<weekday>",
            re_weekday_any!(),
            r")\.?,?\s+)?(?:the\s+)?",
            r"(?P<day>",
            re_day_of_month!(),
            r")\s+(?:of\s+)?(?P<month>",
            re_month!(),
            r")\b\.?"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            let d = num(ctx, "day")?;
            Some(Found::new(month_day(ctx, m, d)?))
        },
        examples: &[
            ("4 April", "2017-04-04"),
            ("the 4th of April", "2017-04-04"),
        ],
    },
    Rule {
        name: "month_year",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?P<month>",
            re_month!(),
            r")\.?,?\s+(?:of\s+)?(?P<year>\d{4})\b"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            Some(
                Found::new(month_value(Some(year(ctx, "year")?), m))
                    .with_mod(date_mod(ctx)),
            )
        },
        examples: &[
            ("April 2017", "2017-04"),
            ("early April 2017", "2017-04 START"),
            ("July of 1997", "1997-07"),
        ],
    },
    Rule {
        name: "month_relative_year",
        pattern: concat!(
            r"\b(?P<month>",
            re_month!(),
            r")\s+(?P<rel>this|last|next)\s+year\b"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            let shift = match ctx.word("rel")?.as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let y = ctx.anchor().and_then(|a| resolve::shift_years(a, shift));
            Some(Found::new(month_value(y, m)))
        },
        examples: &[
            ("June last year", "2016-06"),
            ("January this year", "2017-01"),
        ],
    },
    // ---- Times of day ----------------------------------------------
    Rule {
        name: "clock_ampm",
        pattern: concat!(
            r"\b(?:(?P<qmod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?",
            r"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]\.m\b|[ap]m\b)",
            r"(?:\s*,?\s*",
            zone!(),
            r")?",
            r"(?:\s*,?\s*(?:on\s+)?(?:(?P<weekday>",
            re_weekday!(),
            r")|(?P<rel>today|yesterday|tomorrow|tonight))\b)?"
        ),
        resolve: |ctx| {
            let clock = clock(ctx)?;
            let date = day_of_time(ctx)?;
            let m = ctx.has("qmod").then_some(Mod::Approx);
            Some(Found::new(Value::Time { date, clock }).with_mod(m))
        },
        examples: &[
            ("8 a.m.", "2017-04-13T08:00"),
            ("10:35 a.m. EDT", "2017-04-13T10:35"),
            ("10 p.m. Wednesday", "2017-04-12T22:00"),
            ("about 7:15 p.m.", "2017-04-13T19:15 APPROX"),
        ],
    },
    Rule {
        name: "clock_24h",
        pattern: concat!(
            r"\b(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s*",
            zone!(),
            r"|\s+(?:hours|hrs)\b)"
        ),
        resolve: |ctx| {
            let clock = clock(ctx)?;
            Some(Found::new(Value::Time { date: day_of_time(ctx)?, clock }))
        },
        examples: &[("14:30 GMT", "2017-04-13T14:30")],
    },
    Rule {
        name: "noon_midnight",
        pattern: concat!(
            r"\b(?P<word>noon|midnight|midday)(?:\s+(?:on\s+)?(?:(?P<weekday>",
            re_weekday!(),
            r")|(?P<rel>today|yesterday|tomorrow))\b)?"
        ),
        resolve: |ctx| {
            let hour = if ctx.word("word")? == "midnight" { 0 } else { 12 };
            let clock = Clock::HourMinute { hour, minute: Some(0) };
            Some(Found::new(Value::Time { date: day_of_time(ctx)?, clock }))
        },
        examples: &[
            ("noon", "2017-04-13T12:00"),
            ("noon Thursday", "2017-04-13T12:00"),
        ],
    },
    Rule {
        name: "weekday_part",
        pattern: concat!(
            r"\b(?:(?P<rel2>last|this\s+past|next|this\s+coming)\s+)?(?P<weekday>",
            re_weekday!(),
            r")\s+(?P<part>",
            re_day_part!(),
            r")\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")?;
            let part = lexicon::day_part(ctx.get("part")?)?;
            let date = match (ctx.word("rel2").as_deref(), ctx.anchor()) {
                (Some("last" | "this past"), Some(a)) => {
                    Date::from(resolve::previous_weekday(a, wd)?)
                }
                (Some(_), Some(a)) => {
                    Date::from(resolve::next_weekday(a, wd)?)
                }
                _ => match weekday_by_tense(ctx, wd)? {
                    Value::Date(d) => d,
                    _ => return None,
                },
            };
            Some(Found::new(Value::Time { date, clock: Clock::Part(part) }))
        },
        examples: &[
            ("Wednesday morning", "2017-04-12TMO"),
            ("Friday night", "2017-04-07TNI"),
        ],
    },
    Rule {
        name: "relative_day_part",
        pattern: concat!(
            r"\b(?:(?P<dmod>early|late|mid)[\s-]+)?(?P<rel>this|yesterday|tomorrow|last|today)\s+(?P<part>",
            re_day_part!(),
            r")\b|\b(?P<tonight>tonight|overnight)\b"
        ),
        resolve: |ctx| {
            let part = if ctx.has("tonight") {
                DayPart::Night
            } else {
                lexicon::day_part(ctx.get("part")?)?
            };
            let shift = match ctx.word("rel").as_deref() {
                Some("yesterday") => -1,
                Some("tomorrow") => 1,
                Some("last") if part == DayPart::Night => -1,
                Some("last") => return None,
                _ => 0,
            };
            let date = match ctx.anchor() {
                Some(a) => Date::from(resolve::shift_days(a, shift)?),
                None => {
                    Date { year: None, month: Some(None), day: Some(None) }
                }
            };
            let m = date_mod(ctx);
            Some(
                Found::new(Value::Time { date, clock: Clock::Part(part) })
                    .with_mod(m),
            )
        },
        examples: &[
            ("this morning", "2017-04-13TMO"),
            ("last night", "2017-04-12TNI"),
            ("tonight", "2017-04-13TNI"),
            ("yesterday afternoon", "2017-04-12TAF"),
        ],
    },
    // ---- Days relative to the DCT ----------------------------------
    Rule {
        name: "day_before_yesterday",
        pattern: r"\bthe\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)\b",
        resolve: |ctx| {
            let n =
                if ctx.word("dir")?.starts_with("before") { -2 } else { 2 };
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(unknown_day()));
            };
            Some(Found::new(day(resolve::shift_days(a, n)?)))
        },
        examples: &[("the day before yesterday", "2017-04-11")],
    },
    Rule {
        name: "deictic_day",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?P<word>today|yesterday|tomorrow)\b"
        ),
        resolve: |ctx| {
            let n = match ctx.word("word")?.as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            let m = date_mod(ctx);
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(unknown_day()).with_mod(m));
            };
            Some(Found::new(day(resolve::shift_days(a, n)?)).with_mod(m))
        },
        examples: &[
            ("today", "2017-04-13"),
            ("yesterday", "2017-04-12"),
            ("tomorrow", "2017-04-14"),
            ("late yesterday", "2017-04-12 END"),
            ("earlier today", "2017-04-13 START"),
        ],
    },
    Rule {
        name: "ago",
        pattern: concat!(
            r"\b",
            qty_mod!(),
            r"(?:(?P<amount>",
            re_amount!(),
            r")[\s-]+)?(?P<unit>",
            re_unit!(),
            r")(?:\s+or\s+so)?\s+ago\b(?:\s+(?:on\s+|this\s+|last\s+)?(?P<weekday>",
            re_weekday!(),
            r")\b)?"
        ),
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let m = qty_mod(ctx);
            // "days ago", "years ago": no amount, only a past.
            let amount = match ctx.get("amount") {
                Some(a) => lexicon::amount(a)?,
                None if ctx.get("unit")?.ends_with('s') => None,
                None => return None,
            };
            let Some(n) = amount else {
                return Some(
                    Found::new(Value::Ref(super::value::Ref::Past))
                        .with_mod(m),
                );
            };
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(Value::Ref(Ref::Past)).with_mod(m));
            };
            let n = signed(n, true)?;
            if let Some(wd) = weekday_of(ctx, "weekday") {
                // "a week ago Friday": the Friday a week before the most
                // recent one.
                let latest = resolve::latest_weekday(a, wd)?;
                let days = match unit {
                    Unit::Week => n.checked_mul(7)?,
                    Unit::Day => n,
                    _ => return None,
                };
                return Some(Found::new(day(resolve::shift_days(
                    latest, days,
                )?)));
            }
            // "a year ago" in a report about a quarter is that quarter a
            // year before.
            if unit == Unit::Year
                && let Some(v @ Value::Quarter { .. }) = &ctx.state().reference
            {
                return Some(
                    Found::new(shift_value(v, n, Unit::Year)?).with_mod(m),
                );
            }
            Some(Found::new(shifted(a, n, unit)?).with_mod(m))
        },
        examples: &[
            ("two days ago", "2017-04-11"),
            ("three weeks ago", "2017-W12"),
            ("a year ago", "2016"),
            ("about two years ago", "2015 APPROX"),
            ("several years ago", "PAST_REF"),
            ("weeks ago", "PAST_REF"),
            ("a week ago Friday", "2017-03-31"),
        ],
    },
    Rule {
        name: "from_now",
        pattern: concat!(
            r"\b(?P<amount>",
            re_amount!(),
            r")[\s-]+(?P<unit>",
            re_unit!(),
            r")\s+(?:from\s+(?:now|today)|hence)\b"
        ),
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            // "days ago", "years ago": no amount, only a past.
            let amount = match ctx.get("amount") {
                Some(a) => lexicon::amount(a)?,
                None if ctx.get("unit")?.ends_with('s') => None,
                None => return None,
            };
            let Some(n) = amount else {
                return Some(Found::new(Value::Ref(Ref::Future)));
            };
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(Value::Ref(Ref::Future)));
            };
            Some(Found::new(shifted(a, signed(n, false)?, unit)?))
        },
        examples: &[("three days from now", "2017-04-16")],
    },
    Rule {
        name: "earlier_later",
        pattern: concat!(
            r"\b",
            qty_mod!(),
            r"(?P<amount>",
            re_amount!(),
            r")[\s-]+(?P<unit>",
            re_unit!(),
            r")\s+(?P<dir>earlier|later|previously|afterwards?|prior)\b"
        ),
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let back = matches!(
                ctx.word("dir")?.as_str(),
                "earlier" | "previously" | "prior"
            );
            let m = qty_mod(ctx);
            // "days ago", "years ago": no amount, only a past.
            let amount = match ctx.get("amount") {
                Some(a) => lexicon::amount(a)?,
                None if ctx.get("unit")?.ends_with('s') => None,
                None => return None,
            };
            let Some(n) = amount else {
                let r = if back { Ref::Past } else { Ref::Future };
                return Some(Found::new(Value::Ref(r)).with_mod(m));
            };
            let n = signed(n, back)?;
            let reference = match &ctx.state().reference {
                Some(v) => v.clone(),
                None => day(ctx.anchor()?),
            };
            let v = shift_value(&reference, n, unit)
                .or_else(|| shifted(ctx.reference_day()?, n, unit))?;
            Some(Found::new(v).with_mod(m))
        },
        examples: &[
            ("three years earlier", "2014-04-13"),
            ("a day later", "2017-04-14"),
        ],
    },
    Rule {
        name: "the_day_before",
        pattern: r"\b(?:the\s+)?(?P<which>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later)\b",
        resolve: |ctx| {
            let unit = unit_word(ctx, "which").unwrap_or(Unit::Day);
            let back =
                matches!(ctx.word("dir")?.as_str(), "before" | "earlier");
            // "the day before returning home": "before" opens a clause
            // there, and the day is that clause's, not the reference's.
            if ctx.after().starts_with(' ')
                && ctx
                    .after()
                    .trim_start()
                    .starts_with(|c: char| c.is_alphabetic())
                && matches!(
                    ctx.word("dir").as_deref(),
                    Some("before" | "after")
                )
            {
                return None;
            }
            if !ctx.matched().to_ascii_lowercase().starts_with("the") {
                return None;
            }
            let r = ctx.reference_day()?;
            Some(Found::new(shifted(r, signed(1, back)?, unit)?))
        },
        examples: &[
            ("the day before", "2017-04-12"),
            ("the year after", "2018"),
        ],
    },
    // ---- Weekdays ---------------------------------------------------
    Rule {
        name: "weekday_of_week",
        pattern: concat!(
            r"\b(?P<weekday>",
            re_weekday!(),
            r")\s+of\s+(?P<rel>last|this|next)\s+week\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")?;
            let a = ctx.anchor()?;
            let n = match ctx.word("rel")?.as_str() {
                "last" => -7,
                "next" => 7,
                _ => 0,
            };
            let d = resolve::weekday_of_week(resolve::shift_days(a, n)?, wd)?;
            Some(Found::new(day(d)))
        },
        examples: &[
            ("Friday of last week", "2017-04-07"),
            ("Monday of next week", "2017-04-17"),
        ],
    },
    Rule {
        name: "nth_weekday_of_month",
        pattern: concat!(
            r"\bthe\s+(?P<ord>first|second|third|fourth|last)\s+(?P<weekday>",
            re_weekday!(),
            r")\s+(?:of|in)\s+(?:(?P<month>",
            re_month!(),
            r")|(?P<rel>this|next|last)\s+month)\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")?;
            let a = ctx.anchor()?;
            let (y, m) = match ctx.word("rel").as_deref() {
                Some("next") => resolve::shift_months(a, 1)?,
                Some("last") => resolve::shift_months(a, -1)?,
                Some(_) => (a.year(), a.month()),
                None => {
                    let m = month_of(ctx, "month")?;
                    let y = if ctx.future() {
                        resolve::upcoming_month(a, m)?
                    } else {
                        resolve::latest_month(a, m)?
                    };
                    (y, m)
                }
            };
            let d = match ctx.word("ord")?.as_str() {
                "last" => resolve::last_weekday_of_month(y, m, wd)?,
                o => {
                    let n = u8::try_from(lexicon::ordinal(o)?).ok()?;
                    NaiveDate::from_weekday_of_month_opt(y, m, wd, n)?
                }
            };
            Some(Found::new(day(d)))
        },
        examples: &[
            ("the last Friday of this month", "2017-04-28"),
            ("the first Monday of May", "2016-05-02"),
        ],
    },
    Rule {
        name: "relative_weekday",
        pattern: concat!(
            r"\b(?P<rel>last|this\s+past|this\s+coming|this|next|coming|past|previous)\s+(?P<weekday>",
            re_weekday!(),
            r")\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")?;
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(unknown_weekday(wd)));
            };
            let d = match ctx.word("rel")?.as_str() {
                "last" | "this past" | "past" | "previous" => {
                    resolve::previous_weekday(a, wd)?
                }
                "this" => resolve::weekday_of_week(a, wd)?,
                _ => resolve::next_weekday(a, wd)?,
            };
            Some(Found::new(day(d)))
        },
        examples: &[
            ("last Thursday", "2017-04-06"),
            ("this past Saturday", "2017-04-08"),
            ("next Monday", "2017-04-17"),
            ("this Monday", "2017-04-10"),
        ],
    },
    Rule {
        name: "every_weekday",
        pattern: concat!(
            r"\b(?:(?:every|each)\s+(?P<weekday>",
            re_weekday!(),
            r")(?:\s+(?P<part>",
            re_day_part!(),
            r"))?|(?P<weekday2>",
            re_weekday!(),
            r")s(?:\s+and\s+",
            re_weekday!(),
            r"s)?|(?P<weekday3>",
            re_weekday!(),
            r")\s+(?P<part3>mornings|afternoons|evenings|nights))\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")
                .or_else(|| weekday_of(ctx, "weekday2"))
                .or_else(|| weekday_of(ctx, "weekday3"))?;
            let n = wd.number_from_monday();
            let part = ctx.get("part").or(ctx.get("part3"));
            let v = match part
                .and_then(|p| lexicon::day_part(p.trim_end_matches('s')))
            {
                Some(p) => Value::Time {
                    date: Date {
                        year: None,
                        month: Some(None),
                        day: Some(None),
                    },
                    clock: Clock::Part(p),
                },
                None => Value::Week {
                    year: None,
                    week: None,
                    part: WeekPart::Day(n),
                },
            };
            let v = match v {
                Value::Time { clock, .. } => {
                    // TIMEX3 writes "Tuesday nights" as XXXX-WXX-2TNI;
                    // our Time value cannot hold a week day, so the set
                    // keeps the weekday form.
                    let _ = clock;
                    Value::Week {
                        year: None,
                        week: None,
                        part: WeekPart::Day(n),
                    }
                }
                v => v,
            };
            Some(Found::set(v))
        },
        examples: &[
            ("every Monday", "XXXX-WXX-1"),
            ("Tuesdays", "XXXX-WXX-2"),
        ],
    },
    Rule {
        name: "weekday",
        pattern: concat!(
            r"\b(?:(?P<dmod>early|late)\s+)?(?P<weekday>",
            re_weekday!(),
            r")\b"
        ),
        resolve: |ctx| {
            let wd = weekday_of(ctx, "weekday")?;
            if preceded_by_name(ctx) {
                return None;
            }
            if let Some(v) = restated_in_zone(ctx, wd) {
                return Some(Found::new(v));
            }
            let m = date_mod(ctx);
            Some(Found::new(weekday_by_tense(ctx, wd)?).with_mod(m))
        },
        examples: &[
            ("Wednesday", "2017-04-12"),
            ("Thursday", "2017-04-13"),
            ("late Tuesday", "2017-04-11 END"),
        ],
    },
    // ---- Weeks, months, quarters, years relative to the DCT --------
    Rule {
        name: "half_of_year",
        pattern: r"\b(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<year>\d{4})|(?P<rel>this|last|next|the)\s+year)\b",
        resolve: |ctx| {
            let half = match ctx.word("ord")?.as_str() {
                "first" => 1,
                _ => 2,
            };
            let y = match (year(ctx, "year"), ctx.anchor()) {
                (Some(y), _) => Some(y),
                (None, Some(a)) => {
                    let shift = match ctx.word("rel").as_deref() {
                        Some("last") => -1,
                        Some("next") => 1,
                        _ => 0,
                    };
                    Some(resolve::shift_years(a, shift)?)
                }
                (None, None) => None,
            };
            Some(Found::new(Value::Half { year: y, half }))
        },
        examples: &[
            ("the first half of 1990", "1990-H1"),
            ("the second half of next year", "2018-H2"),
        ],
    },
    Rule {
        name: "quarter",
        pattern: concat!(
            r"\b(?:(?P<det>the|its|a|an|this|that|their|his|her)\s+(?:(?:flat|weak|strong|disappointing|comparable|same)\s+)?)?(?P<body>(?:(?P<yearpre>\d{4})\s+|(?P<relyear>this|last|next)\s+year's\s+|",
            r"(?:fiscal|calendar)[\s-]+(?P<yearpre2>\d{4})\s+)?(?:(?:fiscal|calendar)[\s-]+)?",
            r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?P<sep>[\s-]+)(?:fiscal[\s-]+)?(?P<unit>quarter|half)",
            r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<year>\d{4})|(?P<relyear2>this|last|next)\s+year))?)\b"
        ),
        resolve: |ctx| {
            let n = lexicon::ordinal(ctx.get("ord")?)?;
            let half = ctx.word("unit")? == "half";
            if (half && n > 2) || n > 4 || year_follows(ctx, 5) {
                return None;
            }
            let explicit = year(ctx, "year")
                .or_else(|| year(ctx, "yearpre"))
                .or_else(|| year(ctx, "yearpre2"));
            let rel = ctx.word("relyear").or_else(|| ctx.word("relyear2"));
            let y = match (explicit, rel.as_deref(), ctx.anchor()) {
                (Some(y), _, _) => Some(y),
                (None, Some(r), Some(a)) => {
                    let shift = match r {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                    Some(resolve::shift_years(a, shift)?)
                }
                (None, _, Some(a)) => {
                    // `ordinal` gives 1 to 5 and halves stop at 2 above,
                    // so this is 1 or 3.
                    let q = if half { n * 2 - 1 } else { n };
                    // Results for a quarter that just ended are still
                    // "to come": only a quarter further back moves to
                    // next year in future tense.
                    let current = resolve::quarter_of_month(a.month());
                    Some(if ctx.future() && q + 1 < current {
                        resolve::upcoming_quarter(a, q)?
                    } else {
                        resolve::latest_quarter(a, q)?
                    })
                }
                (None, _, None) => None,
            };
            let v = if half {
                Value::Half { year: y, half: n }
            } else {
                Value::Quarter { year: y, quarter: Some(n) }
            };
            // TIMEX3 extents keep "the" before a quarter used as a noun
            // ("the third quarter") but not other determiners, nor any
            // before the adjective "third-quarter".
            let adjectival = ctx.get("sep").is_some_and(|x| x.contains('-'));
            let det = ctx.word("det");
            let trim = det.is_some_and(|d| d != "the") || adjectival;
            Some(Found::new(v).starting_at(if trim {
                ctx.start_of("body")
            } else {
                None
            }))
        },
        examples: &[
            ("the second quarter", "2017-Q2"),
            ("third-quarter", "2016-Q3"),
            ("the first quarter of 1990", "1990-Q1"),
            ("the 1988 third quarter", "1988-Q3"),
            ("next year's first quarter", "2018-Q1"),
            ("the first half", "2017-H1"),
        ],
    },
    Rule {
        name: "weekend",
        pattern: r"\b(?:(?P<rel>last|this|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the)\s+)weekend\b",
        resolve: |ctx| {
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(week_value(None, WeekPart::Weekend)));
            };
            let in_weekend = a.weekday().number_from_monday() >= 6;
            let n = match ctx.word("rel")?.as_str() {
                "last" | "the past" | "the previous" => {
                    if in_weekend {
                        0
                    } else {
                        -1
                    }
                }
                "next" | "the coming" | "the following" => {
                    if in_weekend {
                        1
                    } else {
                        0
                    }
                }
                "this" => 0,
                _ if ctx.future() => {
                    if a.weekday() == Weekday::Sun {
                        1
                    } else {
                        0
                    }
                }
                _ => {
                    if in_weekend {
                        0
                    } else {
                        -1
                    }
                }
            };
            let yw = resolve::shift_weeks(a, n)?;
            Some(Found::new(week_value(Some(yw), WeekPart::Weekend)))
        },
        examples: &[
            ("last weekend", "2017-W14-WE"),
            ("this weekend", "2017-W15-WE"),
        ],
    },
    Rule {
        name: "relative_day",
        pattern: r"\b(?:(?P<dmod>earlier|later|early|late)\s+)?(?P<rel>that|that\s+same|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding)\s+(?P<part>day|morning|afternoon|evening|night)\b",
        resolve: |ctx| {
            let n = match ctx.word("rel")?.as_str() {
                "the next" | "the following" => 1,
                "the previous" | "the preceding" => -1,
                _ => 0,
            };
            let m = date_mod(ctx);
            let Some(r) = ctx.reference_day() else {
                return Some(Found::new(unknown_day()).with_mod(m));
            };
            let date = resolve::shift_days(r, n)?;
            let v = match lexicon::day_part(ctx.get("part")?) {
                Some(p) => Value::Time {
                    date: Date::from(date),
                    clock: Clock::Part(p),
                },
                None => day(date),
            };
            Some(Found::new(v).with_mod(m))
        },
        examples: &[
            ("that day", "2017-04-13"),
            ("the next day", "2017-04-14"),
            ("earlier that day", "2017-04-13 START"),
            ("the next morning", "2017-04-14TMO"),
        ],
    },
    Rule {
        name: "year_end",
        pattern: r"\b(?:(?P<qmod>around|about|by|at|before|after)\s+)?(?P<x>year[\s-]end|year's\s+end)\b",
        resolve: |ctx| {
            let y = match &ctx.state().reference {
                Some(Value::Date(Date { year: Some(y), .. })) => Some(*y),
                _ => ctx.anchor().map(|a| a.year()),
            };
            Some(Found::new(year_value(y)).with_mod(Some(Mod::End)))
        },
        examples: &[("year-end", "2017 END"), ("year's end", "2017 END")],
    },
    Rule {
        name: "relative_period",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?P<rel>last|this|next|the\s+past|the\s+previous|the\s+preceding|the\s+following|the\s+coming|",
            r"the\s+current|the\s+latest|the\s+same|the\s+next|that|past|previous|following|coming|current)",
            r"\s+(?P<unit>week|month|year|quarter|decade|century)\b"
        ),
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let rel = ctx.word("rel")?;
            let m = date_mod(ctx);
            // "the past/next year" is a stretch of time, which TIMEX3
            // writes as a duration.
            if matches!(rel.as_str(), "the next" | "the coming") {
                return Some(Found::new(duration(Some(1), unit)?).with_mod(m));
            }
            let anaphoric = matches!(
                rel.as_str(),
                "the following"
                    | "following"
                    | "the same"
                    | "that"
                    | "the previous"
                    | "the preceding"
            );
            let reference_quarter =
                matches!(ctx.state().reference, Some(Value::Quarter { .. }));
            let n: i64 = match rel.as_str() {
                "the latest" if unit == Unit::Quarter => {
                    return Some(
                        Found::new(discourse_quarter(ctx)?).with_mod(m),
                    );
                }
                "this" if unit == Unit::Quarter && reference_quarter => {
                    return Some(
                        Found::new(discourse_quarter(ctx)?).with_mod(m),
                    );
                }
                "last" | "the past" | "past" | "the previous" | "previous"
                | "the preceding" => -1,
                "next" | "the following" | "following" => 1,
                _ => 0,
            };
            if anaphoric
                && let Some(v) = &ctx.state().reference
                && let Some(v) = shift_value(v, n, unit)
                && let Some(v) = coarsen(&v, unit)
            {
                return Some(Found::new(v).with_mod(m));
            }
            let Some(a) = ctx.anchor() else {
                let v = match unit {
                    Unit::Week => week_value(None, WeekPart::Whole),
                    Unit::Month => Value::Date(Date {
                        year: None,
                        month: Some(None),
                        day: None,
                    }),
                    Unit::Quarter => {
                        Value::Quarter { year: None, quarter: None }
                    }
                    _ => year_value(None),
                };
                return Some(Found::new(v).with_mod(m));
            };
            Some(Found::new(shifted(a, n, unit)?).with_mod(m))
        },
        examples: &[
            ("last week", "2017-W14"),
            ("this week", "2017-W15"),
            ("earlier this week", "2017-W15 START"),
            ("next month", "2017-05"),
            ("last year", "2016"),
            ("this quarter", "2017-Q2"),
            ("late last year", "2016 END"),
            ("the latest quarter", "2017-Q1"),
        ],
    },
    Rule {
        name: "end_of_period",
        pattern: r"\b(?P<dmod>the\s+(?:end|start|beginning|middle)\s+of\s+the)\s+(?P<unit>week|month|year|quarter)\b",
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let m = date_mod(ctx);
            let a = ctx.anchor()?;
            Some(Found::new(shifted(a, 0, unit)?).with_mod(m))
        },
        examples: &[
            ("the end of the month", "2017-04 END"),
            ("the end of the year", "2017 END"),
        ],
    },
    Rule {
        name: "relative_month",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?P<rel>last|this\s+past|this\s+coming|this|next)\s+(?P<month>",
            re_month!(),
            r")\b"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            let dm = date_mod(ctx);
            let Some(a) = ctx.anchor() else {
                return Some(Found::new(month_value(None, m)).with_mod(dm));
            };
            let y = match ctx.word("rel")?.as_str() {
                // "last February" said in March is a year back: the
                // month just gone would be "last month".
                "last" => {
                    if m + 1 < a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                "this past" => {
                    if m < a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                "next" | "this coming" => {
                    if m > a.month() {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
                _ => a.year(),
            };
            Some(Found::new(month_value(Some(y), m)).with_mod(dm))
        },
        examples: &[
            ("last April", "2016-04"),
            ("last January", "2017-01"),
            ("next March", "2018-03"),
            ("this September", "2017-09"),
        ],
    },
    Rule {
        name: "year_ago_period",
        pattern: concat!(
            r"\b(?:the\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?P<yr>year[\s-]+(?:ago|earlier))",
            r"(?P<noun>\s+(?:",
            re_ordinal!(),
            r"[\s-]+)?(?:fiscal\s+)?(?:quarter|period))?\b"
        ),
        resolve: |ctx| {
            // "the year-ago quarter" keeps its article; the adjective
            // alone ("the year-ago results") does not.
            let start =
                if ctx.has("noun") { None } else { ctx.start_of("yr") };
            let quarter_noun = ctx
                .get("noun")
                .is_some_and(|n| n.to_ascii_lowercase().contains("quarter"));
            let found = match &ctx.state().reference {
                Some(v @ Value::Quarter { .. }) => {
                    Some(Found::new(shift_value(v, -1, Unit::Year)?))
                }
                // "the year-ago quarter" with no quarter named yet: the
                // last one reported, a year back.
                _ if quarter_noun => Some(Found::new(shift_value(
                    &discourse_quarter(ctx)?,
                    -1,
                    Unit::Year,
                )?)),
                _ => {
                    let a = ctx.anchor()?;
                    Some(Found::new(year_value(Some(resolve::shift_years(
                        a, -1,
                    )?))))
                }
            };
            Some(found?.starting_at(start))
        },
        examples: &[("the year-earlier period", "2016"), ("year-ago", "2016")],
    },
    Rule {
        name: "anaphoric_quarter",
        pattern: r"\b(?:the|that|this|its)\s+(?:(?P<year>\d{4})\s+|latest\s+|current\s+|recent\s+|same\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)\b",
        resolve: |ctx| {
            let is_period = ctx.word("unit")? == "period";
            let lower = ctx.matched().to_ascii_lowercase();
            if let Some(y) = year(ctx, "year") {
                let q = match discourse_quarter(ctx)? {
                    Value::Quarter { quarter, .. } => quarter,
                    _ => None,
                };
                return Some(Found::new(Value::Quarter {
                    year: Some(y),
                    quarter: q,
                }));
            }
            // "the period" alone is too vague to date; "the latest
            // period" in a results report is the quarter reported.
            if is_period && !lower.contains("latest") {
                return None;
            }
            if lower.contains("current") || lower.starts_with("this") {
                return Some(Found::new(shifted(
                    ctx.anchor()?,
                    0,
                    Unit::Quarter,
                )?));
            }
            Some(Found::new(discourse_quarter(ctx)?))
        },
        examples: &[
            ("the quarter", "2017-Q1"),
            ("the 1988 quarter", "1988-Q1"),
        ],
    },
    Rule {
        name: "fiscal_year",
        pattern: r"\b(?:the\s+)?(?:(?P<rel>current|latest|last|next|previous|this|coming)\s+)?fiscal(?:\s+year)?(?:\s+(?P<year>\d{4}|'\d\d))?\b",
        resolve: |ctx| {
            if let Some(y) = year(ctx, "year") {
                return Some(Found::new(year_value(Some(y))));
            }
            let a = ctx.anchor();
            let shift = match ctx.word("rel").as_deref() {
                Some("last" | "previous") => -1,
                Some("next" | "coming") => 1,
                Some(_) => 0,
                None => {
                    if !ctx.matched().to_ascii_lowercase().ends_with("year") {
                        return None;
                    }
                    return Some(Found::new(duration(Some(1), Unit::Year)?));
                }
            };
            let y = match a {
                Some(a) => Some(resolve::shift_years(a, shift)?),
                None => None,
            };
            Some(Found::new(year_value(y)))
        },
        examples: &[
            ("fiscal 2017", "2017"),
            ("fiscal 1989", "1989"),
            ("the current fiscal year", "2017"),
            ("the fiscal year", "P1Y"),
        ],
    },
    // ---- Seasons ----------------------------------------------------
    Rule {
        name: "season",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?:(?P<rel>last|this\s+past|this\s+coming|this|next|the\s+coming|the\s+past|the)\s+)?",
            r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b"
        ),
        resolve: |ctx| {
            let season = lexicon::season(ctx.get("season")?)?;
            let dm = date_mod(ctx);
            if let Some(y) = year(ctx, "year") {
                return Some(
                    Found::new(Value::Season { year: Some(y), season })
                        .with_mod(dm),
                );
            }
            if year_follows(ctx, 5) {
                return None;
            }
            let rel = ctx.word("rel");
            // A bare "fall" is a verb; a season needs a determiner.
            if rel.is_none() && dm.is_none() {
                return None;
            }
            let Some(a) = ctx.anchor() else {
                return Some(
                    Found::new(Value::Season { year: None, season })
                        .with_mod(dm),
                );
            };
            // The season's first month (winter counts from December).
            let start = match season {
                super::value::Season::Spring => 3,
                super::value::Season::Summer => 6,
                super::value::Season::Fall => 9,
                super::value::Season::Winter => 12,
            };
            let started =
                a.month() >= start || (start == 12 && a.month() <= 2);
            let this_year = if start == 12 && a.month() <= 2 {
                a.year() - 1
            } else {
                a.year()
            };
            let y = match rel.as_deref() {
                Some("last" | "this past" | "the past") => {
                    if started && a.month() >= start + 3 {
                        this_year
                    } else {
                        this_year - 1
                    }
                }
                Some("next" | "this coming" | "the coming") => {
                    if started {
                        this_year + 1
                    } else {
                        this_year
                    }
                }
                Some("this") => this_year,
                _ => {
                    if ctx.future() {
                        if started && a.month() >= start + 3 {
                            this_year + 1
                        } else {
                            this_year
                        }
                    } else if started {
                        this_year
                    } else {
                        this_year - 1
                    }
                }
            };
            Some(
                Found::new(Value::Season { year: Some(y), season })
                    .with_mod(dm),
            )
        },
        examples: &[
            ("spring 2017", "2017-SP"),
            ("last fall", "2016-FA"),
            ("this summer", "2017-SU"),
            ("the winter of 1994", "1994-WI"),
        ],
    },
    // ---- Durations and sets ----------------------------------------
    Rule {
        name: "set_every",
        pattern: concat!(
            r"\b(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<amount>",
            re_amount!(),
            r")\s+)?",
            r"(?P<unit>",
            re_unit!(),
            r"|morning|night|evening|afternoon)\b"
        ),
        resolve: |ctx| {
            let w = ctx.word("unit")?;
            let n = match ctx.get("amount") {
                Some(a) => lexicon::amount(a)??,
                None if ctx.has("other") => 2,
                None => 1,
            };
            let unit = lexicon::unit(&w).unwrap_or(Unit::Day);
            Some(Found::set(duration(Some(n), unit)?))
        },
        examples: &[
            ("every year", "P1Y"),
            ("each month", "P1M"),
            ("every two weeks", "P2W"),
            ("every other day", "P2D"),
        ],
    },
    Rule {
        name: "set_adverb",
        pattern: r"\b(?P<w>daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly|biweekly|semiannually|biannually)\b",
        resolve: |ctx| {
            // "its quarterly dividend" describes a payment, not a time.
            let w = ctx.word("w")?;
            let next = ctx.after().trim_start();
            if w == "quarterly"
                && next.starts_with(|c: char| c.is_ascii_lowercase())
            {
                return None;
            }
            let (n, unit) = match w.as_str() {
                "daily" | "nightly" => (1, Unit::Day),
                "weekly" => (1, Unit::Week),
                "biweekly" => (2, Unit::Week),
                "monthly" => (1, Unit::Month),
                "quarterly" => (3, Unit::Month),
                "semiannually" | "biannually" => (6, Unit::Month),
                "hourly" => (1, Unit::Hour),
                _ => (1, Unit::Year),
            };
            Some(Found::set(duration(Some(n), unit)?))
        },
        examples: &[
            ("daily", "P1D"),
            ("annually", "P1Y"),
            ("quarterly", "P3M"),
        ],
    },
    Rule {
        name: "set_times_per",
        pattern: concat!(
            r"\b(?:once|twice|thrice|(?:",
            re_amount!(),
            r")\s+times)\s+(?P<x>(?:a|an|per)\s+(?P<unit>",
            re_unit!(),
            r"))\b"
        ),
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            Some(Found::set(duration(Some(1), unit)?))
        },
        examples: &[],
    },
    Rule {
        name: "set_after",
        pattern: r"\b(?P<unit>day|week|month|year)\s+(?:after|by)\s+(?:day|week|month|year)\b",
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let words: Vec<_> = ctx.matched().split_whitespace().collect();
            if !words.first()?.eq_ignore_ascii_case(words.last()?) {
                return None;
            }
            Some(Found::set(duration(Some(1), unit)?))
        },
        examples: &[("month after month", "P1M"), ("year after year", "P1Y")],
    },
    Rule {
        name: "duration",
        pattern: concat!(
            r"\b(?:(?P<the>the|its|their|his|her)\s+)?(?:(?P<dir>past|last|next|previous|first|coming|following|latest|final|remaining|initial|same|full|entire|whole|additional|further|extra|other)\s+)?",
            qty_mod!(),
            r"(?P<amount>",
            re_amount!(),
            r")(?P<andhalf>\s+and\s+a\s+half|\s+1/2|\s*½)?(?:\s+(?:to|or|-)\s+(?P<amount2>",
            re_amount!(),
            r"))?",
            r"(?:\s+(?:more|additional|straight|consecutive|full|long|trading|business|working))?[\s-]+",
            r"(?P<unit>",
            re_unit!(),
            r")(?P<half>\s+and\s+a\s+half|\s+1/2)?(?:\s+or\s+so)?\b(?P<old>-old|\s+old\b|-earlier|-ago|-end)?"
        ),
        resolve: |ctx| {
            // "a 6-year-old boy" is an age, not a duration; "a
            // year-earlier loss" is a date, found by a later rule.
            if ctx.has("old") {
                return None;
            }
            let unit = unit_word(ctx, "unit")?;
            // "60 Minutes" (a programme), "a second betrayal" (an
            // ordinal): not durations.
            let unit_text = ctx.get("unit")?;
            if unit_text.starts_with(|c: char| c.is_ascii_uppercase())
                && !ctx.before().trim_end().ends_with(['.', '\n'])
                && !ctx.before().trim_end().is_empty()
            {
                return None;
            }
            if unit == Unit::Second
                && ctx
                    .after()
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_lowercase())
            {
                return None;
            }
            // "three-quarters of its food" is a fraction.
            if unit == Unit::Quarter
                && ctx.after().trim_start().starts_with("of ")
            {
                return None;
            }
            // "$1.76 a year", "50,000 CDs a year": a rate, so a set.
            let raw = ctx.word("amount")?;
            if matches!(raw.as_str(), "a" | "an")
                && !ctx.has("the")
                && !ctx.has("dir")
                && ctx.get("qmod").is_none()
            {
                let before = ctx.before().trim_end();
                let last =
                    before.rsplit(char::is_whitespace).next().unwrap_or("");
                let rate = last.starts_with('$')
                    || last.ends_with('%')
                    || last.chars().any(|c| c.is_ascii_digit())
                    || matches!(
                        last,
                        "million"
                            | "billion"
                            | "percent"
                            | "thousand"
                            | "times"
                            | "once"
                            | "twice"
                    );
                if rate {
                    return Some(Found::set(duration(Some(1), unit)?));
                }
            }
            let m = qty_mod(ctx).or_else(|| {
                ctx.matched()
                    .to_ascii_lowercase()
                    .ends_with("or so")
                    .then_some(Mod::Approx)
            });
            let raw = ctx.word("amount")?;
            let n = lexicon::amount(&raw)?;
            // "some" and "a" alone are amounts only before a unit word;
            // "some years" and "a few days" are vague, "2.5" is fractional.
            let n = match (n, ctx.has("half") || ctx.has("andhalf")) {
                (Some(n), true) => {
                    return Some(
                        Found::new(with_half(Some(n), unit)?).with_mod(m),
                    );
                }
                (n, _) if raw.contains("half") => {
                    let n = if raw.starts_with("half") { Some(0) } else { n };
                    return Some(Found::new(with_half(n, unit)?).with_mod(m));
                }
                (n, _) => n,
            };
            if ctx.has("amount2") {
                let hi = lexicon::amount(ctx.get("amount2")?)?;
                return Some(
                    Found::new(duration(hi.or(n), unit)?)
                        .with_mod(Some(Mod::EqualOrLess)),
                );
            }
            Some(Found::new(duration(n, unit)?).with_mod(m))
        },
        examples: &[
            ("six-year", "P6Y"),
            ("two hours", "PT2H"),
            ("48 hours", "PT48H"),
            ("a decade", "P10Y"),
            ("the last few years", "PXY"),
            ("more than six years", "P6Y MORE_THAN"),
            ("the past two months", "P2M"),
            ("two and a half years", "P2Y6M"),
            ("half an hour", "PT30M"),
        ],
    },
    Rule {
        name: "vague_duration",
        pattern: r"\b(?:(?P<prep>for|over|in|within|after)\s+)?(?:the\s+)?(?P<x>(?:(?P<dir>recent|coming|past|next|last|previous|early|first)\s+)?(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes))\b",
        resolve: |ctx| {
            let unit = unit_word(ctx, "unit")?;
            let dir = ctx.word("dir");
            if dir.is_none() && !ctx.has("prep") {
                return None;
            }
            if dir.as_deref() == Some("recent") && unit == Unit::Year {
                return Some(Found::new(Value::Ref(Ref::Past)));
            }
            Some(Found::new(duration(None, unit)?))
        },
        examples: &[("recent months", "PXM"), ("coming weeks", "PXW")],
    },
    // ---- Decades, centuries, years ----------------------------------
    Rule {
        name: "decade",
        pattern: concat!(
            r"(?:\b",
            date_mod!(),
            r"(?:the\s+)?",
            r"(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))|(?:\bthe\s+)?'(?P<dec2>\d)0s)\b"
        ),
        resolve: |ctx| {
            let m = date_mod(ctx);
            let d = if let Some(w) = ctx.word("word") {
                if !ctx.matched().to_ascii_lowercase().contains("the") {
                    return None;
                }
                decade_word(&w)?
            } else if let (Some(c), Some(d)) =
                (ctx.get("cent"), ctx.get("dec"))
            {
                c.parse::<i32>().ok()? * 10 + d.parse::<i32>().ok()?
            } else {
                let d: i32 = ctx.get("dec2")?.parse().ok()?;
                let y = resolve::expand_two_digit_year(
                    u32::try_from(d * 10).ok()?,
                    ctx.anchor(),
                )?;
                y / 10
            };
            Some(Found::new(Value::Decade(d)).with_mod(m))
        },
        examples: &[
            ("the 1990s", "199"),
            ("'90s", "199"),
            ("the early 1980s", "198 START"),
            ("the mid-1990s", "199 MID"),
            ("the nineties", "199"),
        ],
    },
    Rule {
        name: "century",
        pattern: r"\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first)\s+century\b",
        resolve: |ctx| {
            let o = ctx.word("ord")?;
            let n: i32 = match o
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
            {
                Ok(n) => n,
                Err(_) => {
                    const WORDS: [&str; 20] = [
                        "first",
                        "second",
                        "third",
                        "fourth",
                        "fifth",
                        "sixth",
                        "seventh",
                        "eighth",
                        "ninth",
                        "tenth",
                        "eleventh",
                        "twelfth",
                        "thirteenth",
                        "fourteenth",
                        "fifteenth",
                        "sixteenth",
                        "seventeenth",
                        "eighteenth",
                        "nineteenth",
                        "twentieth",
                    ];
                    if o.starts_with("twenty") && o.ends_with("first") {
                        21
                    } else {
                        i32::try_from(WORDS.iter().position(|w| *w == o)? + 1)
                            .ok()?
                    }
                }
            };
            if !(1..=99).contains(&n) {
                return None;
            }
            Some(Found::new(Value::Century(n - 1)))
        },
        examples: &[
            ("the 21st century", "20"),
            ("the nineteenth century", "18"),
        ],
    },
    Rule {
        name: "spoken_year",
        pattern: r"\b(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three|four|five|six|seven|eight|nine))?|(?P<two>two\s+thousand)(?:\s+(?:and\s+)?(?P<ones2>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
        resolve: |ctx| {
            let y = if ctx.has("two") {
                2000 + ctx.word("ones2").as_deref().map_or(Some(0), |w| {
                    if w == "ten" { Some(10) } else { ones(w) }
                })?
            } else {
                let t = spoken_tens(&ctx.word("tens")?)?;
                let o = ctx.word("ones").as_deref().map_or(Some(0), ones)?;
                1900 + t + o
            };
            if ctx.has("two")
                && !ctx.matched().to_ascii_lowercase().starts_with("the")
            {
                return None;
            }
            Some(Found::new(year_value(Some(y))))
        },
        examples: &[
            ("nineteen ninety-six", "1996"),
            ("the year two thousand", "2000"),
        ],
    },
    Rule {
        name: "year",
        pattern: concat!(
            r"\b(?:(?P<prep>in|since|by|until|from|of|before|after|during|to|through)\s+)?",
            r"(?P<x>",
            date_mod!(),
            r"(?:(?P<post>post|pre)-)?(?:the\s+year\s+)?(?P<year>1\d{3}|20\d\d))\b"
        ),
        resolve: |ctx| {
            let y = year(ctx, "year")?;
            if is_count(ctx) {
                return None;
            }
            // Years before 1900 need a preposition or "the year" to
            // count: "1500 soldiers" is not a date.
            let strong = ctx.has("prep")
                || ctx.matched().to_ascii_lowercase().contains("year")
                || ctx.has("dmod");
            if y < 1900 && !strong {
                return None;
            }
            let m = match ctx.word("post").as_deref() {
                Some("post") => Some(Mod::After),
                Some(_) => Some(Mod::Before),
                None => date_mod(ctx),
            };
            Some(Found::new(year_value(Some(y))).with_mod(m))
        },
        examples: &[
            ("2017", "2017"),
            ("late 2016", "2016 END"),
            ("mid-1996", "1996 MID"),
            ("post-1959", "1959 AFTER"),
        ],
    },
    Rule {
        name: "month",
        pattern: concat!(
            r"\b",
            date_mod!(),
            r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|sept?\.|jan\.|feb\.|aug\.|oct\.|nov\.|dec\.)(?:\b|\B)"
        ),
        resolve: |ctx| {
            let m = month_of(ctx, "month")?;
            let word = ctx.get("month")?;
            // "April 31" and "April 99999" were refused as dates: the
            // month alone must not stand in for them.
            let rest = ctx.after().trim_start_matches('.');
            let digits = rest.trim_start();
            let n = digits.bytes().take_while(u8::is_ascii_digit).count();
            let day = n <= 2 && !digits.starts_with('0');
            if rest.len() > digits.len() && n > 0 && (day || n > 4) {
                return None;
            }
            if preceded_by_name(ctx) {
                return None;
            }
            // "the March for Life", "the March of the Mothers": a named
            // march, not the month.
            let next = ctx.after().trim_start();
            if (next.starts_with("for ") || next.starts_with("of the "))
                && ctx
                    .before()
                    .trim_end()
                    .to_ascii_lowercase()
                    .ends_with("the")
            {
                return None;
            }
            // "May" opening a sentence is usually the modal verb.
            if word.eq_ignore_ascii_case("may") && !ctx.has("dmod") {
                let before = ctx.before().trim_end();
                let sentence_start = before.is_empty()
                    || before.ends_with(['.', '!', '?', '"', '\n']);
                let next = ctx.after().trim_start();
                let prev = before
                    .rsplit(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let after_preposition =
                    MONTH_PREPOSITIONS.contains(&prev.as_str());
                let verb_follows = next
                    .starts_with(|c: char| c.is_ascii_lowercase())
                    && !next.starts_with("and")
                    && !next.starts_with("to ");
                // "Relations May Be At An All-Time Low": a verb after
                // it, in any case, makes it the modal.
                let next_word = next
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if MODAL_FOLLOWERS.contains(&next_word.as_str()) {
                    return None;
                }
                if !after_preposition && (sentence_start || verb_follows) {
                    return None;
                }
            }
            let dm = date_mod(ctx);
            Some(Found::new(month_by_tense(ctx, m)?).with_mod(dm))
        },
        examples: &[
            ("January", "2017-01"),
            ("the start of April", "2017-04 START"),
            ("mid-April", "2017-04 MID"),
            ("December", "2016-12"),
        ],
    },
    Rule {
        name: "the_year",
        pattern: r"\b(?P<x>the\s+(?:full\s+|whole\s+|entire\s+)?(?:fiscal\s+)?year)(?P<ended>\s+(?:ended|ending|ends|to\s+date|through|that\s+ended))?\b(?P<hyphen>-)?",
        resolve: |ctx| {
            if ctx.has("hyphen") || year_follows(ctx, 1) {
                return None;
            }
            // "the year ended Sept. 30" is a twelve-month period, not
            // a calendar year.
            if ctx.has("ended") {
                return Some(Found::new(duration(Some(1), Unit::Year)?));
            }
            let y = match &ctx.state().reference {
                Some(Value::Date(Date { year: Some(y), .. })) => Some(*y),
                _ => ctx.anchor().map(|a| a.year()),
            };
            Some(Found::new(year_value(y)))
        },
        examples: &[("the year", "2017"), ("the full year", "2017")],
    },
    // ---- Reference words --------------------------------------------
    Rule {
        name: "present_ref",
        pattern: r"\b(?:now|currently|nowadays|these\s+days|at\s+present|presently|at\s+the\s+moment|the\s+present(?:\s+(?:time|day))?|at\s+this\s+time|current)\b",
        resolve: |ctx| {
            // "now" as in "now that", or a discourse "Now," is still the
            // present; "just now" is the recent past.
            if ctx.before().trim_end().to_ascii_lowercase().ends_with("just") {
                return Some(Found::new(Value::Ref(Ref::Past)));
            }
            Some(Found::new(Value::Ref(Ref::Present)))
        },
        examples: &[
            ("now", "PRESENT_REF"),
            ("currently", "PRESENT_REF"),
            ("current", "PRESENT_REF"),
        ],
    },
    Rule {
        name: "past_ref",
        pattern: r"\b(?:recently|more\s+recently|lately|formerly|(?:in\s+)?(?P<x>the\s+past)|in\s+recent\s+(?:days|weeks|months|years|times)|recent\s+(?:days|weeks|times)|once\s+upon\s+a\s+time|in\s+years\s+past|earlier\s+on)\b",
        resolve: |ctx| {
            // "in the past four years" is a duration, found by a later
            // rule at "the".
            let next = ctx.after().trim_start();
            let next_word = next.split_whitespace().next().unwrap_or("");
            if ctx.has("x") && lexicon::amount(next_word).is_some() {
                return None;
            }
            Some(Found::new(Value::Ref(Ref::Past)))
        },
        examples: &[
            ("recently", "PAST_REF"),
            ("formerly", "PAST_REF"),
            ("the past", "PAST_REF"),
        ],
    },
    Rule {
        name: "future_ref",
        pattern: r"\b(?:soon|(?:in\s+)?(?P<x>the\s+(?:near\s+|distant\s+)?future)|as\s+soon\s+as\s+possible|the\s+(?:near|short|long)\s+term|someday|one\s+day\s+soon|a\s+later\s+date|coming\s+(?:months|years|weeks|days)|future\s+quarters)\b",
        resolve: |ctx| {
            let lower = ctx.matched().to_ascii_lowercase();
            // "as soon as" is a conjunction, not a time.
            if lower == "soon"
                && ctx
                    .after()
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("as")
            {
                return None;
            }
            if lower == "soon"
                && ctx.before().trim_end().to_ascii_lowercase().ends_with("as")
            {
                return None;
            }
            Some(Found::new(Value::Ref(Ref::Future)))
        },
        examples: &[("soon", "FUTURE_REF"), ("the near future", "FUTURE_REF")],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timex::Tagger;

    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(TEST_ANCHOR.0, TEST_ANCHOR.1, TEST_ANCHOR.2)
            .unwrap()
    }

    #[test]
    fn rules_compile() {
        for rule in RULES {
            if let Err(e) = regex_automata::meta::Regex::builder()
                .syntax(
                    regex_automata::util::syntax::Config::new()
                        .case_insensitive(true)
                        .unicode(false),
                )
                .build(rule.pattern)
            {
                panic!("rule {} does not compile: {e}", rule.name);
            }
        }
        let _ = Tagger::new();
    }

    #[test]
    fn rule_names_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(
                seen.insert(rule.name),
                "duplicate rule name {}",
                rule.name
            );
            assert!(rule.name.bytes().all(|b| b.is_ascii_lowercase()
                || b == b'_'
                || b.is_ascii_digit()));
        }
    }

    #[test]
    fn every_rule_matches_its_examples() {
        let tagger = Tagger::new();
        let mut failures = Vec::new();
        for rule in RULES {
            for (text, want) in rule.examples {
                let got = tagger.tag(text, Some(anchor()));
                let got = match got.as_slice() {
                    [t] if t.start == 0 && t.text == *text => {
                        let v = t.value.to_string();
                        match t.modifier {
                            Some(m) => {
                                format!("{v} {} [{}]", m.as_str(), t.rule)
                            }
                            None => format!("{v} [{}]", t.rule),
                        }
                    }
                    other => format!(
                        "{:?}",
                        other
                            .iter()
                            .map(|t| (&t.text, t.value.to_string(), t.rule))
                            .collect::<Vec<_>>()
                    ),
                };
                let want = format!("{want} [{}]", rule.name);
                if got != want {
                    failures.push(format!("{text:?}: want {want}, got {got}"));
                }
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn a_day_restated_in_another_zone_is_next_to_the_day_it_restates() {
        let tagger = Tagger::new();
        let values = |text: &str, dct: (i32, u32, u32)| -> Vec<String> {
            let dct = NaiveDate::from_ymd_opt(dct.0, dct.1, dct.2).unwrap();
            tagger
                .tag(text, Some(dct))
                .iter()
                .map(|t| t.value.to_string())
                .collect()
        };
        // Written on the Wednesday: the bracket is the next day, not a
        // Thursday a week back.
        assert_eq!(
            values("On Wednesday (Thursday NZT), he emerged.", (2017, 4, 12)),
            ["2017-04-12", "2017-04-13"]
        );
        assert_eq!(
            values("Late on Monday (Sunday EST) it ended.", (2017, 4, 20)),
            ["2017-04-17", "2017-04-16"]
        );
        // Without a zone the bracket is an ordinary weekday.
        assert_eq!(
            values("On Wednesday (and Thursday), he spoke.", (2017, 4, 12)),
            ["2017-04-12", "2017-04-06"]
        );
    }
}
