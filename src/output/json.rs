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
/// The events, most of the text, are serialised on every core, a batch
/// at a time, and written in order, each indented to its place: the
/// bytes are those of serde_json's pretty printer over the whole
/// timeline. (A merge of a million mentions spent about 4 s here on one
/// core.)
///
/// # Errors
///
/// The errors of `out` (serialising the timeline cannot fail: see
/// `super::to_json`).
pub fn write(
    timeline: &Timeline,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    out.write_all(b"{\n  \"schema_version\": ")?;
    serde_json::to_writer(&mut *out, &timeline.schema_version)?;
    out.write_all(b",\n  \"documents\": ")?;
    indented(out, &serde_json::to_vec_pretty(&timeline.documents)?, 2)?;
    out.write_all(b",\n  \"events\": ")?;
    if timeline.events.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        let mut first = true;
        for batch in timeline.events.chunks(1024) {
            let texts = batch
                .par_iter()
                .map(serde_json::to_vec_pretty)
                .collect::<Result<Vec<_>, _>>()?;
            for text in texts {
                out.write_all(if first { b"\n    " } else { b",\n    " })?;
                indented(out, &text, 4)?;
                first = false;
            }
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b"\n}\n")
}

/// Writes pretty-printed JSON `text` with `by` more spaces after each
/// line break. (A line break in a string is written `\n`, so every
/// line break in the text is the printer's own.)
fn indented(
    out: &mut dyn std::io::Write,
    text: &[u8],
    by: usize,
) -> std::io::Result<()> {
    let pad = &b"\n        "[..=by];
    let mut lines = text.split(|&b| b == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(pad)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// The JSON Schema of [`render`]'s output, pretty-printed with a
/// trailing newline: what `docs/timeline.schema.json` holds.
pub fn schema() -> String {
    let mut json = super::to_json(&schemars::schema_for!(Timeline), true);
    json.push('\n');
    json
}
