//! vis-timeline items: a JSON array for `new vis.DataSet(items)`, see
//! <https://visjs.github.io/vis-timeline/docs/timeline/#items>.

use serde::Serialize;

use super::{html, span};
use crate::events::anchor::Precision;
use crate::merge::{Event, Timeline};

#[derive(Serialize)]
struct Item {
    id: String,
    content: String,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    group: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
}

/// The timeline as a JSON array of vis-timeline items (pretty-printed,
/// with a trailing newline), one per dated event, in timeline order.
///
/// A day is a `point` at that day. Anything longer (a week, a month, an
/// event with an end date) is a `range` from its first day to the day
/// after its last, since vis-timeline's ends are exclusive. Dates are
/// `YYYY-MM-DD`. Undated events are left out, since vis-timeline needs a
/// start. `content` is the event's title and `title` (the tooltip) its
/// summary, both HTML-escaped since vis-timeline renders them as HTML;
/// `group` is the event type and `id` the event id.
pub fn render(timeline: &Timeline) -> String {
    let items: Vec<Item> = timeline.events.iter().filter_map(item).collect();
    let mut json = super::to_json(&items, true);
    json.push('\n');
    json
}

fn item(event: &Event) -> Option<Item> {
    let span = span::of(event)?;
    let point = span.start.precision == Precision::Day && span.end.is_none();
    // The last day itself when there is no day after it (the end of
    // chrono's calendar): a range one day short beats none.
    let last = span.last();
    let end = (!point).then(|| last.succ_opt().unwrap_or(last).to_string());
    Some(Item {
        id: event.id.clone(),
        content: html::escape(&event.title),
        start: span.start.first.to_string(),
        end,
        group: event.kind.as_str(),
        kind: if point { "point" } else { "range" },
        title: html::escape(&event.summary),
    })
}
