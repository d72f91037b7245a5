//! The timeline as one self-contained HTML page, and HTML escaping for
//! the formats whose viewers render strings as HTML.
//!
//! The page is a template with its style sheet and script beside it in
//! `html/`, filled with the timeline as JSON. Everything it needs is in
//! the one file: it opens from disk, offline, and makes no request. The
//! script builds the page from the JSON with DOM text nodes only, so no
//! article text is ever parsed as HTML.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::span::{self, Span};
use crate::events::anchor::{EventDate, Precision, event_date};
use crate::merge::{Event, Timeline};
use crate::timex::Value;

const PAGE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// What the page's script reads: the timeline as `--format json`
/// writes it, and for each event (same order) where it sits on the
/// calendar, worked out here once rather than in JavaScript.
#[derive(Serialize)]
struct PageData<'a> {
    timeline: &'a Timeline,
    dates: Vec<When>,
    /// Every date value of the timeline (events', mentions', date
    /// conflicts') as people read it: "2017-W15" is "Week 15, 2017
    /// (10–16 Apr)".
    labels: BTreeMap<&'a str, String>,
}

/// An event's place on the calendar, as the page shows it.
#[derive(Serialize)]
struct When {
    /// The date at its precision: "Tue 4 April 2017", "Week 15, 2017
    /// (10–16 Apr)", "April 2017"; the raw value for a date the calendar
    /// cannot place (`XXXX-04`); `null` when undated.
    label: Option<String>,
    /// The heading the event is listed under: its month for a day, week
    /// or month, else its own label; `null` for the undated section.
    group: Option<String>,
    /// First and last day covered, for the time axis.
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

/// The timeline as a self-contained HTML page (see the module docs).
/// The same timeline always gives the same bytes.
pub fn render(timeline: &Timeline) -> String {
    let data = PageData {
        timeline,
        dates: timeline.events.iter().map(when).collect(),
        labels: labels(timeline),
    };
    let json = script_safe(&super::to_json(&data, false));
    fill(
        PAGE,
        &[("{{style}}", STYLE), ("{{script}}", SCRIPT), ("{{data}}", &json)],
    )
}

/// `template` with each marker replaced by its text. Markers are looked
/// for in the template only, never in the text put in, so an article
/// quoting a marker changes nothing.
fn fill(template: &str, parts: &[(&str, &str)]) -> String {
    // The template is ours and tested to hold every marker once.
    let mut found: Vec<(usize, &str, &str)> = parts
        .iter()
        .filter_map(|&(marker, text)| {
            template.find(marker).map(|at| (at, marker, text))
        })
        .collect();
    found.sort_unstable();
    let extra: usize = parts.iter().map(|(_, text)| text.len()).sum();
    let mut out = String::with_capacity(template.len() + extra);
    let mut done = 0;
    for (at, marker, text) in found {
        out.push_str(&template[done..at]);
        out.push_str(text);
        done = at + marker.len();
    }
    out.push_str(&template[done..]);
    out
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&`
/// escaped so that no `</script>` or `<!--` in an article can end or
/// bend the element, and U+2028/U+2029 escaped as older JavaScript
/// parsers took them for line ends. They only occur inside strings,
/// where `\uXXXX` means the same character.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

fn when(event: &Event) -> When {
    let Some(span) = span::of(event) else {
        return When {
            label: event.date.clone(),
            group: None,
            first: None,
            last: None,
        };
    };
    let label = match &span.end {
        Some(end) => format!("{} – {}", label(&span.start), label(end)),
        None => label(&span.start),
    };
    When {
        label: Some(label),
        group: Some(group(&span)),
        first: Some(span.start.first),
        last: Some(span.last()),
    }
}

/// The label of each date value the timeline holds that the calendar
/// can place; the page shows the others as they are.
fn labels(timeline: &Timeline) -> BTreeMap<&str, String> {
    let values = timeline.events.iter().flat_map(|e| {
        let conflicts = e.date_conflicts.iter().map(|c| c.date.as_str());
        let mentions = e.mentions.iter().filter_map(|m| m.date.as_deref());
        e.date.as_deref().into_iter().chain(conflicts).chain(mentions)
    });
    values
        .filter_map(|v| {
            let date = event_date(&Value::parse(v)?)?;
            Some((v, label(&date)))
        })
        .collect()
}

/// The month's English name, as chrono knows it.
fn month_name(day: NaiveDate) -> &'static str {
    // A NaiveDate's month is always 1 to 12.
    u8::try_from(day.month())
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("", |m| m.name())
}

fn short_month(day: NaiveDate) -> &'static str {
    month_name(day).get(..3).unwrap_or_default()
}

/// A date as people read it, at its precision: a day with its weekday,
/// a month by name, a week, quarter or season with the days it covers.
fn label(date: &EventDate) -> String {
    let first = date.first;
    match date.precision {
        Precision::Day => format!(
            "{} {} {} {}",
            first.weekday(),
            first.day(),
            month_name(first),
            first.year()
        ),
        Precision::Month => {
            format!("{} {}", month_name(first), first.year())
        }
        Precision::Year => first.year().to_string(),
        Precision::Decade | Precision::Century => {
            span::display(date).unwrap_or_else(|| date.value.clone())
        }
        _ => {
            let name =
                span::display(date).unwrap_or_else(|| date.value.clone());
            format!("{name} ({})", days(first, date.last))
        }
    }
}

/// The days from `first` to `last`, as short as is clear: "10–16 Apr",
/// "27 Mar–2 Apr", "29 Dec 2014–4 Jan 2015".
fn days(first: NaiveDate, last: NaiveDate) -> String {
    if first.year() != last.year() {
        format!(
            "{} {} {}–{} {} {}",
            first.day(),
            short_month(first),
            first.year(),
            last.day(),
            short_month(last),
            last.year()
        )
    } else if first.month() != last.month() {
        format!(
            "{} {}–{} {}",
            first.day(),
            short_month(first),
            last.day(),
            short_month(last)
        )
    } else {
        format!("{}–{} {}", first.day(), last.day(), short_month(last))
    }
}

/// The heading an event is listed under: the month of a day, week or
/// month; coarser dates head their own group ("Q2 2017", "2017").
fn group(span: &Span) -> String {
    let start = &span.start;
    match start.precision {
        Precision::Day | Precision::Week | Precision::Month => {
            format!("{} {}", month_name(start.first), start.first.year())
        }
        Precision::Year => start.first.year().to_string(),
        _ => span::display(start).unwrap_or_else(|| start.value.clone()),
    }
}

/// `s` with the five characters that can open a tag, an entity or an
/// attribute value escaped, so article text shows as text: an article
/// quoting `<script>` must not run it in the reader's browser.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)\
             &lt;/script&gt;"
        );
        assert_eq!(
            escape("Khan Sheikhoun, 4 April"),
            "Khan Sheikhoun, 4 April"
        );
    }

    fn date(value: &str) -> EventDate {
        event_date(&Value::parse(value).expect("a value"))
            .expect("a definite date")
    }

    #[test]
    fn dates_read_at_their_precision() {
        assert_eq!(label(&date("2017-04-04")), "Tue 4 April 2017");
        assert_eq!(label(&date("2017-W15")), "Week 15, 2017 (10–16 Apr)");
        assert_eq!(label(&date("2017-W14")), "Week 14, 2017 (3–9 Apr)");
        assert_eq!(label(&date("2017-W13")), "Week 13, 2017 (27 Mar–2 Apr)");
        assert_eq!(
            label(&date("2015-W01")),
            "Week 1, 2015 (29 Dec 2014–4 Jan 2015)"
        );
        assert_eq!(label(&date("2017-04")), "April 2017");
        assert_eq!(label(&date("2017")), "2017");
        assert_eq!(label(&date("2017-Q2")), "Q2 2017 (1 Apr–30 Jun)");
        assert_eq!(label(&date("201")), "2010s");
    }

    #[test]
    fn events_are_grouped_by_month_or_their_own_coarse_date() {
        let span = |v: &str| Span { start: date(v), end: None };
        assert_eq!(group(&span("2017-04-04")), "April 2017");
        assert_eq!(group(&span("2017-W13")), "March 2017");
        assert_eq!(group(&span("2017-04")), "April 2017");
        assert_eq!(group(&span("2017")), "2017");
        assert_eq!(group(&span("2017-Q2")), "Q2 2017");
    }

    #[test]
    fn embedded_json_cannot_end_its_script_element() {
        let json = serde_json::to_string(
            "</script><!-- & \u{2028}\u{2029} <img onerror=x>",
        )
        .unwrap();
        let safe = script_safe(&json);
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!safe.contains(bad), "{bad:?} in {safe}");
        }
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}\u{2029} <img onerror=x>");
    }

    #[test]
    fn markers_are_filled_from_the_template_only() {
        assert_eq!(
            fill("a{{x}}b{{y}}c", &[("{{y}}", "{{x}}"), ("{{x}}", "{{y}}")]),
            "a{{y}}b{{x}}c"
        );
    }

    #[test]
    fn the_template_holds_each_marker_once_and_the_assets_no_end_tag() {
        for marker in ["{{style}}", "{{script}}", "{{data}}"] {
            assert_eq!(PAGE.matches(marker).count(), 1, "{marker}");
        }
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!SCRIPT.contains("<!--"));
    }

    #[test]
    fn the_script_never_parses_text_as_html() {
        // Every string reaches the page as a text node or an attribute
        // value; none of the APIs that parse HTML or run code is used.
        for api in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "setAttribute('on",
            "srcdoc",
        ] {
            assert!(!SCRIPT.contains(api), "page.js uses {api}");
        }
    }
}
