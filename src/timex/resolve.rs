//! Date arithmetic: the only place that computes dates.
//!
//! News resolves *backward* from the document creation time (DCT) unless
//! the clause's tense points forward, so every helper names its
//! direction. All arithmetic is checked: a result outside the years
//! 1–9999 is `None`, never a wrapped or clamped date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The years a TIMEX3 value can spell with four digits.
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

fn in_range(d: NaiveDate) -> Option<NaiveDate> {
    YEARS.contains(&d.year()).then_some(d)
}

/// Returns the most recent `weekday` strictly before `anchor`.
///
/// This is how news copy uses "last Thursday".
///
/// # Example: on a Thursday, "last Thursday" is a week earlier
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use timeline::timex::resolve::previous_weekday;
///
/// let thursday = NaiveDate::from_ymd_opt(2017, 4, 13).unwrap();
/// let got = previous_weekday(thursday, Weekday::Thu);
/// assert_eq!(got, NaiveDate::from_ymd_opt(2017, 4, 6));
/// ```
pub fn previous_weekday(
    anchor: NaiveDate,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let back = match anchor.weekday().days_since(weekday) {
        0 => 7,
        n => n,
    };
    anchor.checked_sub_days(Days::new(back.into())).and_then(in_range)
}

/// Returns the most recent `weekday` on or before `anchor`.
///
/// A bare weekday in past-tense reporting: "said Thursday" in an article
/// dated Thursday is that same day.
///
/// # Example
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use timeline::timex::resolve::latest_weekday;
///
/// let thursday = NaiveDate::from_ymd_opt(2017, 4, 13).unwrap();
/// assert_eq!(latest_weekday(thursday, Weekday::Thu), Some(thursday));
/// assert_eq!(
///     latest_weekday(thursday, Weekday::Wed),
///     NaiveDate::from_ymd_opt(2017, 4, 12),
/// );
/// ```
pub fn latest_weekday(
    anchor: NaiveDate,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let back = anchor.weekday().days_since(weekday);
    anchor.checked_sub_days(Days::new(back.into())).and_then(in_range)
}

/// Returns the next `weekday` strictly after `anchor`.
pub fn next_weekday(anchor: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = match weekday.days_since(anchor.weekday()) {
        0 => 7,
        n => n,
    };
    anchor.checked_add_days(Days::new(ahead.into())).and_then(in_range)
}

/// Returns the first `weekday` on or after `anchor`.
pub fn upcoming_weekday(
    anchor: NaiveDate,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let ahead = weekday.days_since(anchor.weekday());
    anchor.checked_add_days(Days::new(ahead.into())).and_then(in_range)
}

/// Returns the `weekday` of the ISO week that contains `anchor`
/// ("this Monday" is the Monday of the DCT's week).
pub fn weekday_of_week(
    anchor: NaiveDate,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let week = anchor.iso_week();
    NaiveDate::from_isoywd_opt(week.year(), week.week(), weekday)
        .and_then(in_range)
}

/// Moves `anchor` by `days` (negative = back).
pub fn shift_days(anchor: NaiveDate, days: i64) -> Option<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    let d = if days < 0 {
        anchor.checked_sub_days(n)
    } else {
        anchor.checked_add_days(n)
    };
    d.and_then(in_range)
}

/// The (year, month) `months` months away from `anchor`'s month.
pub fn shift_months(anchor: NaiveDate, months: i64) -> Option<(i32, u32)> {
    let first = anchor.with_day(1)?;
    let n = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    let d = if months < 0 {
        first.checked_sub_months(n)
    } else {
        first.checked_add_months(n)
    };
    let d = d.and_then(in_range)?;
    Some((d.year(), d.month()))
}

/// `anchor`'s year moved by `years`.
pub fn shift_years(anchor: NaiveDate, years: i64) -> Option<i32> {
    let y = i64::from(anchor.year()).checked_add(years)?;
    let y = i32::try_from(y).ok()?;
    YEARS.contains(&y).then_some(y)
}

/// The ISO (year, week) of `date`.
///
/// # Example: 2016-01-01 belongs to the last week of 2015
///
/// ```
/// use chrono::NaiveDate;
/// use timeline::timex::resolve::iso_week;
///
/// let d = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
/// assert_eq!(iso_week(d), (2015, 53));
/// ```
pub fn iso_week(date: NaiveDate) -> (i32, u32) {
    let w = date.iso_week();
    (w.year(), w.week())
}

/// The ISO (year, week) `weeks` weeks away from `anchor`'s week.
pub fn shift_weeks(anchor: NaiveDate, weeks: i64) -> Option<(i32, u32)> {
    let days = weeks.checked_mul(7)?;
    shift_days(anchor, days).map(iso_week)
}

/// The quarter (1–4) that `month` falls in.
pub fn quarter_of_month(month: u32) -> u32 {
    (month.saturating_sub(1)) / 3 + 1
}

/// The (year, quarter) `quarters` quarters away from `anchor`'s.
pub fn shift_quarters(anchor: NaiveDate, quarters: i64) -> Option<(i32, u32)> {
    let (y, m) = shift_months(anchor, quarters.checked_mul(3)?)?;
    Some((y, quarter_of_month(m)))
}

/// The year of the most recent `month` that has begun by `anchor`
/// ("in January", said in April 2017, is January 2017; said in
/// December 2016, also January 2016).
pub fn latest_month(anchor: NaiveDate, month: u32) -> Option<i32> {
    if month <= anchor.month() {
        Some(anchor.year())
    } else {
        shift_years(anchor, -1)
    }
}

/// The year of the first `month` that has not ended by `anchor`
/// ("will meet in January", said in April 2017, is January 2018).
pub fn upcoming_month(anchor: NaiveDate, month: u32) -> Option<i32> {
    if month >= anchor.month() {
        Some(anchor.year())
    } else {
        shift_years(anchor, 1)
    }
}

/// The year of the most recent quarter `q` that has begun by `anchor`.
pub fn latest_quarter(anchor: NaiveDate, q: u32) -> Option<i32> {
    if q <= quarter_of_month(anchor.month()) {
        Some(anchor.year())
    } else {
        shift_years(anchor, -1)
    }
}

/// The year of the first quarter `q` that has not ended by `anchor`.
pub fn upcoming_quarter(anchor: NaiveDate, q: u32) -> Option<i32> {
    if q >= quarter_of_month(anchor.month()) {
        Some(anchor.year())
    } else {
        shift_years(anchor, 1)
    }
}

/// How far a month-day may lie on the "wrong" side of the DCT before
/// it moves to the neighbouring year. News mentions dates a little in
/// the future in past tense ("the vote was set for April 20") and
/// recent dates in future tense; only far-off ones change year.
const SAME_YEAR_SLACK_DAYS: i64 = 60;

/// The year that makes `month`/`day` likely, seen from `anchor` in the
/// given direction: the DCT's year unless the date lies well on the
/// other side of it.
///
/// # Example: in January, a past-tense "December 20" is last year's
///
/// ```
/// use chrono::NaiveDate;
/// use timeline::timex::resolve::month_day_year;
///
/// let dct = NaiveDate::from_ymd_opt(2017, 1, 10).unwrap();
/// assert_eq!(month_day_year(dct, 12, 20, false), Some(2016));
/// assert_eq!(month_day_year(dct, 1, 4, false), Some(2017));
/// ```
pub fn month_day_year(
    anchor: NaiveDate,
    month: u32,
    day: u32,
    future: bool,
) -> Option<i32> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), month, day)
        // February 29 in a common year: judge by March 1.
        .or_else(|| {
            NaiveDate::from_ymd_opt(anchor.year(), month, day.checked_sub(1)?)
        })?;
    let diff = (this - anchor).num_days();
    if !future && diff > SAME_YEAR_SLACK_DAYS {
        shift_years(anchor, -1)
    } else if future && diff < -SAME_YEAR_SLACK_DAYS {
        shift_years(anchor, 1)
    } else {
        Some(anchor.year())
    }
}

/// Which way a date without a year leans from the DCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// A tense cue says it happened: the latest one on or before the
    /// DCT (with a little slack for "set for April 20").
    Past,
    /// A tense cue says it will happen.
    Future,
    /// No cue: the nearest one, with the past weighing three times as near.
    /// News reports what happened, but "payable Jan. 2" in November is
    /// the coming January.
    PastLeaning,
    /// The nearest one either way ("is heard in May", "to acquire …
    /// in January").
    Nearest,
}

/// How far from the DCT a candidate lies for `lean`, in days (or any
/// unit, as long as all candidates use the same one).
fn lean_cost(diff: i64, lean: Lean) -> i64 {
    let d = diff.saturating_abs();
    match lean {
        Lean::Past if diff > SAME_YEAR_SLACK_DAYS => i64::MAX,
        Lean::Future if diff < -SAME_YEAR_SLACK_DAYS => i64::MAX,
        Lean::PastLeaning if diff > 0 => d.saturating_mul(3),
        _ => d,
    }
}

/// The year that places `month`/`day` best for `lean` (among the DCT's
/// year and its neighbours).
pub fn month_day_year_leaning(
    anchor: NaiveDate,
    month: u32,
    day: u32,
    lean: Lean,
) -> Option<i32> {
    // February 29 is judged by March 1 in common years.
    let date_in = |y: i32| {
        NaiveDate::from_ymd_opt(y, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(y, month, day.checked_sub(1)?))
    };
    [-1, 0, 1]
        .into_iter()
        .filter_map(|k| {
            let y = shift_years(anchor, k)?;
            let diff = (date_in(y)? - anchor).num_days();
            Some((lean_cost(diff, lean), k.abs(), y))
        })
        .filter(|(cost, _, _)| *cost < i64::MAX)
        .min()
        .map(|(_, _, y)| y)
}

/// The year that places `month` best for `lean`: the DCT's month
/// counts as this one, in any direction.
pub fn month_year_leaning(
    anchor: NaiveDate,
    month: u32,
    lean: Lean,
) -> Option<i32> {
    let here = i64::from(anchor.year()) * 12 + i64::from(anchor.month());
    [-1, 0, 1]
        .into_iter()
        .filter_map(|k| {
            let y = shift_years(anchor, k)?;
            let diff = i64::from(y) * 12 + i64::from(month) - here;
            let cost = match lean {
                Lean::Past if diff > 0 => return None,
                Lean::Future if diff < 0 => return None,
                Lean::PastLeaning if diff > 0 => diff * 3,
                _ => diff.abs(),
            };
            Some((cost, k.abs(), y))
        })
        .min()
        .map(|(_, _, y)| y)
}

/// A two-digit year mapped to the century that puts it nearest `anchor`
/// ("'98" in 2017 is 1998; "'19" is 2019), or to the 1900s without one.
pub fn expand_two_digit_year(
    yy: u32,
    anchor: Option<NaiveDate>,
) -> Option<i32> {
    let yy = i32::try_from(yy).ok().filter(|y| (0..100).contains(y))?;
    let Some(anchor) = anchor else { return Some(1900 + yy) };
    let century = anchor.year().div_euclid(100) * 100;
    [century - 100, century, century + 100]
        .into_iter()
        .map(|c| c + yy)
        .min_by_key(|y| ((y - anchor.year()).abs(), -y))
}

/// The last `weekday` of a month ("the last Friday of April").
pub fn last_weekday_of_month(
    year: i32,
    month: u32,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month.checked_add(1)?)
    };
    let next_first = NaiveDate::from_ymd_opt(ny, nm, 1)?;
    previous_weekday(next_first, weekday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekday_directions() {
        // 2017-04-13 is a Thursday.
        let thu = d(2017, 4, 13);
        let cases = [
            (previous_weekday(thu, Weekday::Thu), d(2017, 4, 6)),
            (previous_weekday(thu, Weekday::Wed), d(2017, 4, 12)),
            (latest_weekday(thu, Weekday::Thu), thu),
            (latest_weekday(thu, Weekday::Fri), d(2017, 4, 7)),
            (next_weekday(thu, Weekday::Thu), d(2017, 4, 20)),
            (upcoming_weekday(thu, Weekday::Thu), thu),
            (upcoming_weekday(thu, Weekday::Mon), d(2017, 4, 17)),
            (weekday_of_week(thu, Weekday::Mon), d(2017, 4, 10)),
            (weekday_of_week(thu, Weekday::Sun), d(2017, 4, 16)),
        ];
        for (got, want) in cases {
            assert_eq!(got, Some(want));
        }
    }

    #[test]
    fn iso_week_edges() {
        assert_eq!(iso_week(d(2016, 1, 1)), (2015, 53));
        assert_eq!(iso_week(d(2018, 12, 31)), (2019, 1));
        assert_eq!(iso_week(d(2017, 4, 17)), (2017, 16));
        assert_eq!(shift_weeks(d(2017, 4, 17), -1), Some((2017, 15)));
        assert_eq!(shift_weeks(d(2016, 1, 8), -1), Some((2015, 53)));
    }

    #[test]
    fn months_quarters_years() {
        let dct = d(2017, 4, 17);
        assert_eq!(shift_months(dct, -4), Some((2016, 12)));
        assert_eq!(shift_months(dct, 9), Some((2018, 1)));
        assert_eq!(shift_quarters(dct, -1), Some((2017, 1)));
        assert_eq!(shift_quarters(dct, -2), Some((2016, 4)));
        assert_eq!(latest_month(dct, 1), Some(2017));
        assert_eq!(latest_month(dct, 5), Some(2016));
        assert_eq!(upcoming_month(dct, 3), Some(2018));
        assert_eq!(latest_quarter(dct, 3), Some(2016));
        assert_eq!(upcoming_quarter(dct, 1), Some(2018));
    }

    #[test]
    fn overflow_is_none() {
        let dct = d(2017, 4, 17);
        assert_eq!(shift_days(dct, -3_000_000_000), None);
        assert_eq!(shift_days(dct, i64::MIN), None);
        assert_eq!(shift_years(dct, i64::MAX), None);
        assert_eq!(shift_months(dct, i64::MIN), None);
        assert_eq!(shift_years(d(9999, 1, 1), 1), None);
    }

    #[test]
    fn two_digit_years_nearest_century() {
        let dct = Some(d(2017, 4, 17));
        assert_eq!(expand_two_digit_year(98, dct), Some(1998));
        assert_eq!(expand_two_digit_year(19, dct), Some(2019));
        assert_eq!(expand_two_digit_year(12, Some(d(1989, 1, 1))), Some(2012));
        assert_eq!(expand_two_digit_year(50, Some(d(1989, 1, 1))), Some(1950));
        assert_eq!(expand_two_digit_year(12, None), Some(1912));
    }

    #[test]
    fn month_day_year_by_direction() {
        let dct = d(2017, 4, 13);
        assert_eq!(month_day_year(dct, 4, 4, false), Some(2017));
        assert_eq!(month_day_year(dct, 4, 20, false), Some(2017));
        assert_eq!(month_day_year(dct, 11, 20, false), Some(2016));
        assert_eq!(month_day_year(dct, 1, 20, true), Some(2018));
        assert_eq!(month_day_year(dct, 2, 29, false), Some(2017));
    }

    #[test]
    fn leaning_years() {
        let nov = d(1989, 11, 2);
        assert_eq!(
            month_day_year_leaning(nov, 1, 2, Lean::PastLeaning),
            Some(1990)
        );
        assert_eq!(month_day_year_leaning(nov, 1, 2, Lean::Past), Some(1989));
        assert_eq!(
            month_day_year_leaning(nov, 10, 23, Lean::PastLeaning),
            Some(1989)
        );
        assert_eq!(month_year_leaning(nov, 1, Lean::Past), Some(1989));
        assert_eq!(month_year_leaning(nov, 1, Lean::PastLeaning), Some(1990));
        assert_eq!(month_year_leaning(nov, 5, Lean::PastLeaning), Some(1989));
        assert_eq!(month_year_leaning(nov, 11, Lean::Future), Some(1989));
        assert_eq!(month_year_leaning(nov, 4, Lean::Nearest), Some(1990));
    }

    #[test]
    fn last_weekday_in_month() {
        assert_eq!(
            last_weekday_of_month(2017, 4, Weekday::Fri),
            Some(d(2017, 4, 28))
        );
        assert_eq!(
            last_weekday_of_month(2017, 12, Weekday::Sun),
            Some(d(2017, 12, 31))
        );
    }
}
