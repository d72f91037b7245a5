//! The typed TIMEX3 value: what a temporal expression denotes.
//!
//! Every value the tagger produces is one of these, and each serialises to
//! the TIMEX3 string that TimeML uses (`2017-04-04`, `2017-W15`, `P6Y`,
//! `PAST_REF`, `XXXX-04-04` …). [`Value::parse`] reads those strings back,
//! so a value survives a round trip through its TIMEX3 form.

use std::fmt;

use serde::{Serialize, Serializer};

/// The TIMEX3 `type` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimexType {
    /// A calendar date or a coarser period (week, month, year …).
    Date,
    /// A time of day, possibly with its date.
    Time,
    /// A length of time ("six years", "two hours").
    Duration,
    /// A recurring time ("every Monday", "weekly").
    Set,
}

impl TimexType {
    /// The TIMEX3 spelling: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Reads the TIMEX3 spelling back (case-insensitive).
    pub fn parse(s: &str) -> Option<TimexType> {
        match s.to_ascii_uppercase().as_str() {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

impl Serialize for TimexType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The TIMEX3 `mod` attribute: how the value is bounded or approximated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mod {
    /// "the start of April", "early 2016".
    Start,
    /// "mid-April".
    Mid,
    /// "late 2016", "the end of the month".
    End,
    /// "about three years", "around noon".
    Approx,
    /// "less than two hours".
    LessThan,
    /// "more than six years".
    MoreThan,
    /// "no more than", "at most".
    EqualOrLess,
    /// "at least", "no less than".
    EqualOrMore,
    /// "by April", "no later than".
    OnOrBefore,
    /// "since April", "from April on".
    OnOrAfter,
    /// "before 1990".
    Before,
    /// "after 1990".
    After,
}

impl Mod {
    /// The TIMEX3 spelling (`START`, `MORE_THAN` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
            Mod::OnOrBefore => "ON_OR_BEFORE",
            Mod::OnOrAfter => "ON_OR_AFTER",
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
        }
    }

    /// Reads the TIMEX3 spelling back.
    pub fn parse(s: &str) -> Option<Mod> {
        const ALL: [Mod; 12] = [
            Mod::Start,
            Mod::Mid,
            Mod::End,
            Mod::Approx,
            Mod::LessThan,
            Mod::MoreThan,
            Mod::EqualOrLess,
            Mod::EqualOrMore,
            Mod::OnOrBefore,
            Mod::OnOrAfter,
            Mod::Before,
            Mod::After,
        ];
        ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s))
    }
}

impl Serialize for Mod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A calendar date at day, month or year granularity, any part of which
/// may be unknown (`XXXX-04-04`: a known month and day, no year).
///
/// Invariant kept by every constructor in the crate: a known `day`
/// implies `month` is present (known or not), and a known `month`
/// lies in `1..=12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year; `None` is `XXXX`.
    pub year: Option<i32>,
    /// `None` at year granularity; `Some(None)` is `XX`.
    pub month: Option<Option<u32>>,
    /// `None` at month granularity; `Some(None)` is `XX`.
    pub day: Option<Option<u32>>,
}

impl Date {
    /// A fully known day.
    pub fn ymd(year: i32, month: u32, day: u32) -> Date {
        Date {
            year: Some(year),
            month: Some(Some(month)),
            day: Some(Some(day)),
        }
    }

    /// A month of a known year.
    pub fn ym(year: i32, month: u32) -> Date {
        Date { year: Some(year), month: Some(Some(month)), day: None }
    }

    /// A year.
    pub fn y(year: i32) -> Date {
        Date { year: Some(year), month: None, day: None }
    }

    /// The chrono date, when every part is known and the day exists.
    pub fn to_naive(self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year?, self.month??, self.day??)
    }
}

impl From<chrono::NaiveDate> for Date {
    fn from(d: chrono::NaiveDate) -> Date {
        use chrono::Datelike;
        Date::ymd(d.year(), d.month(), d.day())
    }
}

/// A part of the day, as TIMEX3 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DayPart {
    /// Morning (`MO`).
    Morning,
    /// Midday (`MI`).
    Midday,
    /// Afternoon (`AF`).
    Afternoon,
    /// Evening (`EV`).
    Evening,
    /// Night (`NI`).
    Night,
    /// Daytime (`DT`).
    Daytime,
}

impl DayPart {
    fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Midday => "MI",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
            DayPart::Daytime => "DT",
        }
    }

    fn from_code(s: &str) -> Option<DayPart> {
        Some(match s {
            "MO" => DayPart::Morning,
            "MI" => DayPart::Midday,
            "AF" => DayPart::Afternoon,
            "EV" => DayPart::Evening,
            "NI" => DayPart::Night,
            "DT" => DayPart::Daytime,
            _ => return None,
        })
    }
}

/// The time part of a TIME value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Clock {
    /// A named part of the day ("morning").
    Part(DayPart),
    /// A clock time; `minute` is `None` for "8 a.m." written as `T08`
    /// only when the source gives an hour alone and we keep it so.
    HourMinute {
        /// 0–23.
        hour: u32,
        /// 0–59.
        minute: Option<u32>,
    },
}

/// The four seasons, with their TIMEX3 codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    /// `SP`.
    Spring,
    /// `SU`.
    Summer,
    /// `FA`.
    Fall,
    /// `WI`.
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// A unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// Millennium (`L`).
    Millennium,
    /// Century (`CE`).
    Century,
    /// Decade (`DE`).
    Decade,
    /// Year (`Y`).
    Year,
    /// Quarter (`Q`).
    Quarter,
    /// Month (`M` before the `T`).
    Month,
    /// Week (`W`).
    Week,
    /// Day (`D`).
    Day,
    /// Hour (`H`, after the `T`).
    Hour,
    /// Minute (`M` after the `T`).
    Minute,
    /// Second (`S`).
    Second,
}

impl Unit {
    fn code(self) -> &'static str {
        match self {
            Unit::Millennium => "L",
            Unit::Century => "CE",
            Unit::Decade => "DE",
            Unit::Year => "Y",
            Unit::Quarter => "Q",
            Unit::Month | Unit::Minute => "M",
            Unit::Week => "W",
            Unit::Day => "D",
            Unit::Hour => "H",
            Unit::Second => "S",
        }
    }

    /// Hours, minutes and seconds are written after the `T`.
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Hour | Unit::Minute | Unit::Second)
    }
}

/// A duration: one or more (amount, unit) parts, an unknown amount
/// written `X` ("years" = `PXY`, "the last few years").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    /// Parts from the largest unit to the smallest.
    pub parts: Vec<(Option<u64>, Unit)>,
}

impl Duration {
    /// A one-part duration.
    pub fn of(amount: Option<u64>, unit: Unit) -> Duration {
        Duration { parts: vec![(amount, unit)] }
    }
}

/// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ref {
    /// "now", "currently".
    Present,
    /// "recently", "in the past".
    Past,
    /// "soon", "in the future".
    Future,
}

/// What a week-based value names inside its week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WeekPart {
    /// The whole week (`2017-W15`).
    Whole,
    /// Its weekend (`2017-W15-WE`).
    Weekend,
    /// One ISO weekday, 1 = Monday (`XXXX-WXX-1`, used by sets).
    Day(u32),
}

/// A TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// A day, month or year (`2017-04-04`, `2017-04`, `2017`,
    /// `XXXX-04-04`).
    Date(Date),
    /// An ISO week, its weekend, or a weekday in it (`2017-W15`,
    /// `2017-W15-WE`, `XXXX-WXX-1`). `None` parts are `XXXX`/`XX`.
    Week {
        /// ISO week-numbering year.
        year: Option<i32>,
        /// ISO week 1–53.
        week: Option<u32>,
        /// Whole week, weekend or day.
        part: WeekPart,
    },
    /// A quarter (`2017-Q2`, `2017-QX`).
    Quarter {
        /// The year.
        year: Option<i32>,
        /// 1–4.
        quarter: Option<u32>,
    },
    /// A half year (`2017-H1`).
    Half {
        /// The year.
        year: Option<i32>,
        /// 1 or 2.
        half: u32,
    },
    /// A season (`2017-SP`).
    Season {
        /// The year.
        year: Option<i32>,
        /// Which season.
        season: Season,
    },
    /// A decade, by its first three digits (`199` = the 1990s).
    Decade(i32),
    /// A century, by its first two digits (`20` = the 21st century).
    Century(i32),
    /// A date with a time of day (`2017-04-12TMO`, `2017-04-12T08:00`).
    Time {
        /// The day (may be underspecified).
        date: Date,
        /// The time.
        clock: Clock,
    },
    /// A length of time (`P6Y`, `PT2H`, `PXY`).
    Duration(Duration),
    /// `PRESENT_REF` / `PAST_REF` / `FUTURE_REF`.
    Ref(Ref),
}

fn write_year(f: &mut fmt::Formatter<'_>, year: Option<i32>) -> fmt::Result {
    match year {
        Some(y) if (0..=9999).contains(&y) => write!(f, "{y:04}"),
        Some(y) => write!(f, "{y}"),
        None => f.write_str("XXXX"),
    }
}

fn write_2(f: &mut fmt::Formatter<'_>, n: Option<u32>) -> fmt::Result {
    match n {
        Some(n) => write!(f, "{n:02}"),
        None => f.write_str("XX"),
    }
}

/// A date as TIMEX3 writes it ("2017-04-05", "XXXX-04", "2017-XX").
fn write_date(f: &mut fmt::Formatter<'_>, d: &Date) -> fmt::Result {
    match date_bytes(d) {
        Some((buf, len)) => f.write_str(
            std::str::from_utf8(&buf[..len]).expect("digits, X and -"),
        ),
        None => write_date_fields(f, d),
    }
}

/// The text of a date whose fields have their usual widths (a year of
/// four digits, months and days of two), built in place and written
/// at once: writing each field through `write!` and its padding was
/// most of writing a value. `None` for any other date.
fn date_bytes(d: &Date) -> Option<([u8; 10], usize)> {
    fn put(out: &mut [u8], n: Option<u32>) {
        let mut n = match n {
            Some(n) => n,
            None => return out.fill(b'X'),
        };
        for b in out.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    let small = |n: Option<u32>, max| n.is_none_or(|n| n <= max);
    let year = match d.year {
        Some(y) => Some(u32::try_from(y).ok().filter(|y| *y <= 9999)?),
        None => None,
    };
    let mut buf = [b'-'; 10];
    put(&mut buf[..4], year);
    let Some(month) = d.month else {
        return Some((buf, 4));
    };
    if !small(month, 99) {
        return None;
    }
    put(&mut buf[5..7], month);
    let Some(day) = d.day else {
        return Some((buf, 7));
    };
    if !small(day, 99) {
        return None;
    }
    put(&mut buf[8..10], day);
    Some((buf, 10))
}

/// [`write_date`] field by field, for any date.
fn write_date_fields(f: &mut fmt::Formatter<'_>, d: &Date) -> fmt::Result {
    write_year(f, d.year)?;
    if let Some(m) = d.month {
        f.write_str("-")?;
        write_2(f, m)?;
        if let Some(day) = d.day {
            f.write_str("-")?;
            write_2(f, day)?;
        }
    }
    Ok(())
}

fn write_opt(f: &mut fmt::Formatter<'_>, n: Option<u32>) -> fmt::Result {
    match n {
        Some(n) => write!(f, "{n}"),
        None => f.write_str("X"),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Date(d) => write_date(f, d),
            Value::Week { year, week, part } => {
                write_year(f, *year)?;
                f.write_str("-W")?;
                write_2(f, *week)?;
                match part {
                    WeekPart::Whole => Ok(()),
                    WeekPart::Weekend => f.write_str("-WE"),
                    WeekPart::Day(d) => write!(f, "-{d}"),
                }
            }
            Value::Quarter { year, quarter } => {
                write_year(f, *year)?;
                f.write_str("-Q")?;
                write_opt(f, *quarter)
            }
            Value::Half { year, half } => {
                write_year(f, *year)?;
                write!(f, "-H{half}")
            }
            Value::Season { year, season } => {
                write_year(f, *year)?;
                write!(f, "-{}", season.code())
            }
            Value::Decade(d) => write!(f, "{d:03}"),
            Value::Century(c) => write!(f, "{c:02}"),
            Value::Time { date, clock } => {
                write_date(f, date)?;
                match clock {
                    Clock::Part(p) => write!(f, "T{}", p.code()),
                    Clock::HourMinute { hour, minute: Some(m) } => {
                        write!(f, "T{hour:02}:{m:02}")
                    }
                    Clock::HourMinute { hour, minute: None } => {
                        write!(f, "T{hour:02}")
                    }
                }
            }
            Value::Duration(d) => {
                f.write_str("P")?;
                let mut in_time = false;
                for &(amount, unit) in &d.parts {
                    if unit.is_time() && !in_time {
                        f.write_str("T")?;
                        in_time = true;
                    }
                    match amount {
                        Some(a) => write!(f, "{a}")?,
                        None => f.write_str("X")?,
                    }
                    f.write_str(unit.code())?;
                }
                Ok(())
            }
            Value::Ref(Ref::Present) => f.write_str("PRESENT_REF"),
            Value::Ref(Ref::Past) => f.write_str("PAST_REF"),
            Value::Ref(Ref::Future) => f.write_str("FUTURE_REF"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn year_ok(y: i32) -> bool {
    crate::timex::resolve::YEARS.contains(&y)
}

fn date_is_valid(d: &Date) -> bool {
    let (Some(month), day) = (d.month, d.day) else {
        // A year alone.
        return d.year.is_none_or(year_ok);
    };
    if !d.year.is_none_or(year_ok)
        || month.is_some_and(|m| !(1..=12).contains(&m))
    {
        return false;
    }
    match (d.year, month, day.flatten()) {
        (Some(y), Some(m), Some(day)) => {
            chrono::NaiveDate::from_ymd_opt(y, m, day).is_some()
        }
        // Any year: 2000 is a leap year, so February 29 passes.
        (None, Some(m), Some(day)) => {
            chrono::NaiveDate::from_ymd_opt(2000, m, day).is_some()
        }
        (_, None, Some(day)) => (1..=31).contains(&day),
        (_, _, None) => true,
    }
}

fn parse_year(s: &str) -> Option<Option<i32>> {
    if s == "XXXX" {
        return Some(None);
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().map(Some);
    }
    None
}

fn parse_2(s: &str, max: u32) -> Option<Option<u32>> {
    if s == "XX" {
        return Some(None);
    }
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    (1..=max).contains(&n).then_some(Some(n))
}

fn parse_date(s: &str) -> Option<Date> {
    let mut it = s.split('-');
    let year = parse_year(it.next()?)?;
    let month = match it.next() {
        Some(m) => Some(parse_2(m, 12)?),
        None => None,
    };
    let day = match it.next() {
        Some(d) => Some(parse_2(d, 31)?),
        None => None,
    };
    if it.next().is_some() {
        return None;
    }
    Some(Date { year, month, day })
}

fn parse_clock(s: &str) -> Option<Clock> {
    if let Some(p) = DayPart::from_code(s) {
        return Some(Clock::Part(p));
    }
    let (h, m) = match s.split_once(':') {
        Some((h, m)) => (h, Some(m)),
        None => (s, None),
    };
    let digits =
        |x: &str| x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !m.is_none_or(digits) {
        return None;
    }
    let hour: u32 = h.parse().ok()?;
    let minute = match m {
        Some(m) => Some(m.parse::<u32>().ok()?),
        None => None,
    };
    (hour < 24 && minute.is_none_or(|m| m < 60))
        .then_some(Clock::HourMinute { hour, minute })
}

fn parse_duration(s: &str) -> Option<Duration> {
    let mut parts = Vec::new();
    let mut in_time = false;
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('T') {
            if in_time {
                return None;
            }
            in_time = true;
            rest = r;
            continue;
        }
        let n = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        let amount = if n > 0 {
            Some(rest[..n].parse::<u64>().ok()?)
        } else if rest.starts_with('X') {
            None
        } else {
            return None;
        };
        rest = &rest[n.max(1)..];
        let (unit, len) = match (in_time, rest.as_bytes()) {
            (false, [b'C', b'E', ..]) => (Unit::Century, 2),
            (false, [b'D', b'E', ..]) => (Unit::Decade, 2),
            (false, [b'L', ..]) => (Unit::Millennium, 1),
            (false, [b'Y', ..]) => (Unit::Year, 1),
            (false, [b'Q', ..]) => (Unit::Quarter, 1),
            (false, [b'M', ..]) => (Unit::Month, 1),
            (false, [b'W', ..]) => (Unit::Week, 1),
            (false, [b'D', ..]) => (Unit::Day, 1),
            (true, [b'H', ..]) => (Unit::Hour, 1),
            (true, [b'M', ..]) => (Unit::Minute, 1),
            (true, [b'S', ..]) => (Unit::Second, 1),
            _ => return None,
        };
        parts.push((amount, unit));
        rest = &rest[len..];
    }
    (!parts.is_empty()).then_some(Duration { parts })
}

impl Value {
    /// Reads a TIMEX3 value string back into its typed form.
    ///
    /// Returns `None` for strings this crate never writes.
    pub fn parse(s: &str) -> Option<Value> {
        match s {
            "PRESENT_REF" => return Some(Value::Ref(Ref::Present)),
            "PAST_REF" => return Some(Value::Ref(Ref::Past)),
            "FUTURE_REF" => return Some(Value::Ref(Ref::Future)),
            _ => {}
        }
        if let Some(d) = s.strip_prefix('P') {
            return parse_duration(d).map(Value::Duration);
        }
        if let Some((date, clock)) = s.split_once('T') {
            return Some(Value::Time {
                date: parse_date(date)?,
                clock: parse_clock(clock)?,
            });
        }
        let all_digits = s.bytes().all(|b| b.is_ascii_digit());
        if all_digits && s.len() == 3 {
            return s.parse().ok().map(Value::Decade);
        }
        if all_digits && s.len() == 2 {
            return s.parse().ok().map(Value::Century);
        }
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (parse_year(y)?, r),
            None => return parse_date(s).map(Value::Date),
        };
        let season = match rest {
            "SP" => Some(Season::Spring),
            "SU" => Some(Season::Summer),
            "FA" => Some(Season::Fall),
            "WI" => Some(Season::Winter),
            _ => None,
        };
        if let Some(season) = season {
            return Some(Value::Season { year, season });
        }
        if let Some(w) = rest.strip_prefix('W') {
            let (week, part) = match w.split_once('-') {
                Some((w, "WE")) => (w, WeekPart::Weekend),
                Some((w, d)) => {
                    let d: u32 = d.parse().ok()?;
                    if !(1..=7).contains(&d) || d.to_string().len() != 1 {
                        return None;
                    }
                    (w, WeekPart::Day(d))
                }
                None => (w, WeekPart::Whole),
            };
            return Some(Value::Week { year, week: parse_2(week, 53)?, part });
        }
        if let Some(q) = rest.strip_prefix('Q') {
            let quarter = match q {
                "X" => None,
                "1" | "2" | "3" | "4" => q.parse().ok(),
                _ => return None,
            };
            return Some(Value::Quarter { year, quarter });
        }
        if let Some(h) = rest.strip_prefix('H') {
            let half = match h {
                "1" => 1,
                "2" => 2,
                _ => return None,
            };
            return Some(Value::Half { year, half });
        }
        parse_date(s).map(Value::Date)
    }

    /// Whether every part of the value names something that exists and
    /// that TIMEX3 can spell: years 1–9999 (four digits), a day that
    /// the month has (February 29 only in a leap year, or with the
    /// year unknown), an ISO week that the year has, quarters 1–4,
    /// halves 1 and 2, weekdays 1–7, clock times within the day.
    ///
    /// The tagger drops a match whose value is not valid, so that
    /// arithmetic at the edges of the calendar ("next year" in 9999)
    /// gives no value rather than a wrong one.
    pub fn is_valid(&self) -> bool {
        match self {
            Value::Date(d) => date_is_valid(d),
            Value::Week { year, week, part } => {
                let part_ok = match part {
                    WeekPart::Day(d) => (1..=7).contains(d),
                    WeekPart::Whole | WeekPart::Weekend => true,
                };
                let week_ok = match (year, week) {
                    (Some(y), Some(w)) => {
                        year_ok(*y)
                            && chrono::NaiveDate::from_isoywd_opt(
                                *y,
                                *w,
                                chrono::Weekday::Mon,
                            )
                            .is_some()
                    }
                    (y, w) => {
                        y.is_none_or(year_ok)
                            && w.is_none_or(|w| (1..=53).contains(&w))
                    }
                };
                part_ok && week_ok
            }
            Value::Quarter { year, quarter } => {
                year.is_none_or(year_ok)
                    && quarter.is_none_or(|q| (1..=4).contains(&q))
            }
            Value::Half { year, half } => {
                year.is_none_or(year_ok) && (1..=2).contains(half)
            }
            Value::Season { year, .. } => year.is_none_or(year_ok),
            Value::Decade(d) => (0..=999).contains(d),
            Value::Century(c) => (0..=99).contains(c),
            Value::Time { date, clock } => {
                date_is_valid(date)
                    && match clock {
                        Clock::Part(_) => true,
                        Clock::HourMinute { hour, minute } => {
                            *hour < 24 && minute.is_none_or(|m| m < 60)
                        }
                    }
            }
            Value::Duration(d) => !d.parts.is_empty(),
            Value::Ref(_) => true,
        }
    }

    /// The TIMEX3 type that goes with this value when it is not a set.
    pub fn natural_type(&self) -> TimexType {
        match self {
            Value::Time { .. } => TimexType::Time,
            Value::Duration(_) => TimexType::Duration,
            _ => TimexType::Date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates built in place are written as field by field, at the
    /// widths' edges and past them.
    #[test]
    fn date_bytes_write_as_the_fields() {
        struct Fields<'a>(&'a Date);
        impl fmt::Display for Fields<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_date_fields(f, self.0)
            }
        }
        let years = [None, Some(-5), Some(0), Some(7), Some(2017)];
        let years = years.into_iter().chain([Some(9999), Some(10000)]);
        let parts = [None, Some(None), Some(Some(0)), Some(Some(4))];
        let parts = parts.into_iter().chain([
            Some(Some(12)),
            Some(Some(99)),
            Some(Some(100)),
        ]);
        let parts: Vec<_> = parts.collect();
        for year in years {
            for &month in &parts {
                for &day in &parts {
                    let d = Date { year, month, day };
                    let want = Fields(&d).to_string();
                    assert_eq!(Value::Date(d).to_string(), want, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn timex3_strings_round_trip() {
        for s in [
            "2017-04-04",
            "XXXX-04-04",
            "XXXX-XX-XX",
            "2017-04",
            "2017",
            "XXXX",
            "2017-W15",
            "2015-W53",
            "2017-W15-WE",
            "XXXX-WXX-1",
            "2017-Q2",
            "2017-QX",
            "2017-H1",
            "2017-SP",
            "1994-WI",
            "1998-FA",
            "199",
            "20",
            "2017-04-12TMO",
            "2017-04-12T08:00",
            "2017-04-12T14",
            "P6Y",
            "PT2H",
            "PT1H30M",
            "P1Y6M",
            "PXY",
            "P10Y",
            "P2DE",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
        ] {
            let v = Value::parse(s).unwrap_or_else(|| panic!("parse {s}"));
            assert_eq!(v.to_string(), s);
        }
    }

    #[test]
    fn impossible_strings_do_not_parse() {
        for s in ["2017-13", "2017-04-32", "2017-W54", "2017-Q5", "P", "PT"] {
            assert_eq!(Value::parse(s), None, "{s}");
        }
    }
}
