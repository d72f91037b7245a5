//! The events of a timeline as JSON Lines.

use crate::merge::Timeline;

/// One compact JSON object per event and line, in timeline order, each
/// line ending in a newline; nothing for a timeline without events.
/// Each object is an event of [`super::json::render`]'s output; the
/// documents are left out.
pub fn render(timeline: &Timeline) -> String {
    let mut out = String::new();
    for event in &timeline.events {
        out.push_str(&super::to_json(event, false));
        out.push('\n');
    }
    out
}

/// Writes [`render`]'s text to `out`, the lines made on every core
/// while the ones before are written (`super::json::write_batches`).
///
/// # Errors
///
/// The errors of `out`.
pub fn write(
    timeline: &Timeline,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    super::json::write_batches(&timeline.events, out, |_, event| {
        let mut line = Vec::new();
        super::event_json::write_event(&mut line, event, None);
        line.push(b'\n');
        Ok(line)
    })
}
