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

/// The JSON Schema of [`render`]'s output, pretty-printed with a
/// trailing newline: what `docs/timeline.schema.json` holds.
pub fn schema() -> String {
    let mut json = super::to_json(&schemars::schema_for!(Timeline), true);
    json.push('\n');
    json
}
