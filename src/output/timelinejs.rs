//! Knight Lab TimelineJS3 data: `{"events": [slide, ...]}`, for
//! <https://timeline.knightlab.com/docs/json-format.html>.

use chrono::Datelike;
use serde::Serialize;

use super::{html, span};
use crate::events::anchor::{EventDate, Precision};
use crate::merge::{Event, Timeline};

#[derive(Serialize)]
struct Data {
    events: Vec<Slide>,
}

#[derive(Serialize)]
struct Slide {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    text: Text,
    group: &'static str,
    unique_id: String,
}

/// A TimelineJS date: only the parts the precision gives, as strings.
#[derive(Serialize)]
struct Date {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// The timeline as TimelineJS3 JSON (pretty-printed, with a trailing
/// newline): one slide per dated event, in timeline order.
///
/// A slide's `start_date` has the parts the event's precision gives: a
/// day gives year, month and day, a month year and month, a year the
/// year alone. Weeks, quarters, halves, seasons, decades and centuries
/// start on their first day, with a `display_date` that says what they
/// are ("Week 15, 2017", "Q2 2017"). `end_date` is there when the event
/// has one.
///
/// Undated events are left out, since TimelineJS needs a date for every
/// slide. The headline is the event's title; the text its summary and
/// the ids of the documents that report it. TimelineJS renders both as
/// HTML, so they are HTML-escaped. `group` is the event type, and
/// `unique_id` the event id.
pub fn render(timeline: &Timeline) -> String {
    let events = timeline.events.iter().filter_map(slide).collect();
    let mut json = super::to_json(&Data { events }, true);
    json.push('\n');
    json
}

fn slide(event: &Event) -> Option<Slide> {
    let span = span::of(event)?;
    let mut sources: Vec<&str> =
        event.mentions.iter().map(|m| m.doc.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let text = format!(
        "<p>{}</p><p>Sources: {}</p>",
        html::escape(&event.summary),
        html::escape(&sources.join(", "))
    );
    Some(Slide {
        start_date: date(&span.start, false),
        end_date: span.end.as_ref().map(|e| date(e, true)),
        text: Text { headline: html::escape(&event.title), text },
        group: event.kind.as_str(),
        unique_id: event.id.clone(),
    })
}

/// `d` as a TimelineJS date: its first day (or, for an end, its last)
/// at the precision TimelineJS knows, else the whole day with a display
/// text.
fn date(d: &EventDate, end: bool) -> Date {
    let day = if end { d.last } else { d.first };
    let (month, day_of_month) = match d.precision {
        Precision::Year => (None, None),
        Precision::Month => (Some(day.month()), None),
        _ => (Some(day.month()), Some(day.day())),
    };
    Date {
        year: day.year().to_string(),
        month: month.map(|m| m.to_string()),
        day: day_of_month.map(|d| d.to_string()),
        display_date: span::display(d),
    }
}
