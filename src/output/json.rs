//! The timeline as one pretty-printed JSON document, and its JSON
//! Schema.

use crate::merge::Timeline;

/// The timeline as pretty-printed JSON, with a trailing newline: the
/// `extract` command's default output. `docs/timeline.schema.json`
/// describes it ([`schema`]).
pub fn render(timeline: &Timeline) -> String {
    let mut json = super::to_json(timeline, true);
    json.push('\n');
    json
}

/// Writes [`render`]'s text to `out`.
///
/// # Errors
///
/// The errors of `out` (serialising the timeline cannot fail: see
/// `super::to_json`).
pub fn write(
    timeline: &Timeline,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, timeline)?;
    out.write_all(b"\n")
}

/// The JSON Schema of [`render`]'s output, pretty-printed with a
/// trailing newline: what `docs/timeline.schema.json` holds.
pub fn schema() -> String {
    let mut json = super::to_json(&schemars::schema_for!(Timeline), true);
    json.push('\n');
    json
}
