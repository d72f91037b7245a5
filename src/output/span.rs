//! The calendar days an event covers, for the viewers that need real
//! dates rather than TIMEX3 values.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::events::anchor::{EventDate, Precision, event_date};
use crate::merge::Event;
use crate::timex::Value;

/// Where an event sits on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// The event's date, with its precision and first and last day.
    pub start: EventDate,
    /// Its end date, when it lasts (and ends after it starts).
    pub end: Option<EventDate>,
}

impl Span {
    /// The last day covered: of the end date if any, else of the date.
    pub fn last(&self) -> NaiveDate {
        self.end.as_ref().map_or(self.start.last, |e| e.last)
    }
}

/// The days an event covers, or `None` when it is undated (or its date
/// is not a definite stretch of the calendar, such as `XXXX-04`).
pub(crate) fn of(event: &Event) -> Option<Span> {
    let start = parse(event.date.as_deref()?)?;
    // An end that does not parse, or comes before the start, would draw
    // a nonsensical bar: the event is shown at its date alone.
    let end = event
        .end_date
        .as_deref()
        .and_then(parse)
        .filter(|e| e.last > start.last);
    Some(Span { start, end })
}

fn parse(value: &str) -> Option<EventDate> {
    event_date(&Value::parse(value)?)
}

/// How a date too coarse or too odd for a year/month/day reads:
/// "Week 15, 2017", "Q2 2017", "Spring 2017", "2010s". `None` for days,
/// months and years, which viewers show themselves.
pub(crate) fn display(date: &EventDate) -> Option<String> {
    let (first, last) = (date.first, date.last);
    Some(match date.precision {
        Precision::Day | Precision::Month | Precision::Year => return None,
        Precision::Week => {
            let week = first.iso_week();
            // A whole week starts on Monday, its weekend on Saturday.
            if first.weekday() == Weekday::Sat {
                format!("Weekend of week {}, {}", week.week(), week.year())
            } else {
                format!("Week {}, {}", week.week(), week.year())
            }
        }
        Precision::Quarter => {
            format!("Q{} {}", first.month0() / 3 + 1, first.year())
        }
        Precision::Half => {
            format!("H{} {}", first.month0() / 6 + 1, first.year())
        }
        Precision::Season => match first.month() {
            3 => format!("Spring {}", first.year()),
            6 => format!("Summer {}", first.year()),
            9 => format!("Fall {}", first.year()),
            _ => format!("Winter {}/{}", first.year(), last.year()),
        },
        Precision::Decade => format!("{}s", first.year()),
        Precision::Century => format!("{}–{}", first.year(), last.year()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(value: &str) -> Option<String> {
        display(&parse(value).expect("a definite date"))
    }

    #[test]
    fn coarse_dates_read_as_people_write_them() {
        assert_eq!(shown("2017-04-04"), None);
        assert_eq!(shown("2017-04"), None);
        assert_eq!(shown("2017"), None);
        assert_eq!(shown("2017-W15").as_deref(), Some("Week 15, 2017"));
        assert_eq!(
            shown("2017-W15-WE").as_deref(),
            Some("Weekend of week 15, 2017")
        );
        assert_eq!(shown("2017-Q2").as_deref(), Some("Q2 2017"));
        assert_eq!(shown("2017-H2").as_deref(), Some("H2 2017"));
        assert_eq!(shown("2017-SP").as_deref(), Some("Spring 2017"));
        assert_eq!(shown("2017-WI").as_deref(), Some("Winter 2017/2018"));
        assert_eq!(shown("201").as_deref(), Some("2010s"));
    }

    #[test]
    fn underspecified_dates_have_no_span() {
        assert!(parse("XXXX-04-04").is_none());
        assert!(parse("PRESENT_REF").is_none());
        assert!(parse("not a date").is_none());
    }
}
