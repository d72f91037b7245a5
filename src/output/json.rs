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
/// The events, most of the text, and the documents are serialised on
/// every core, a batch at a time, each indented to its place, while the
/// batch before is written (`write_batches`); the events by
/// `event_json` rather than serde_json (a third fewer instructions).
/// The bytes are those of serde_json's pretty printer over the whole
/// timeline. (A merge of a million mentions spent about 4 s here on
/// one core.)
///
/// # Errors
///
/// The errors of `out` (serialising the timeline cannot fail: see
/// `super::to_json`).
pub fn write(
    timeline: &Timeline,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"{\n  \"schema_version\": ")?;
    serde_json::to_writer(&mut *out, &timeline.schema_version)?;
    out.write_all(b",\n  \"documents\": ")?;
    write_array(out, &timeline.documents, |text, document| {
        indented(text, &serde_json::to_vec_pretty(document)?, 4)
    })?;
    out.write_all(b",\n  \"events\": ")?;
    write_array(out, &timeline.events, |text, event| {
        super::event_json::write_event(text, event, Some(2));
        Ok(())
    })?;
    out.write_all(b"\n}\n")
}

/// Writes `items` as the array member of the timeline that the pretty
/// printer writes, each item's text (indented to its place) made by
/// `item` on every core (`write_batches`). (The documents of a million
/// mentions, 148,000 of them, took a tenth of a second on one core.)
fn write_array<T: Sync>(
    out: &mut dyn std::io::Write,
    items: &[T],
    item: impl Fn(&mut Vec<u8>, &T) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    write_batches(items, out, |k, x| {
        let mut text =
            Vec::from(if k == 0 { &b"\n    "[..] } else { b",\n    " });
        item(&mut text, x)?;
        Ok(text)
    })?;
    out.write_all(b"\n  ]")
}

/// Items in one batch.
const BATCH: usize = 1024;

/// Writes the texts of `items` to `out` in order, each made by
/// `text(k, item)` (`k` its place in `items`): a thread of its own
/// has the texts made on every core, a batch at a time, while this
/// thread writes the batch before, so that neither waits for the other
/// (writing hundreds of megabytes takes a core's seconds of its own).
/// One batch is made ahead at most: the memory is that of two batches.
///
/// # Errors
///
/// The first error of `text` or `out`.
pub(super) fn write_batches<T: Sync>(
    items: &[T],
    out: &mut dyn std::io::Write,
    text: impl Fn(usize, &T) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let make = |b: usize, batch: &[T]| {
        batch
            .par_iter()
            .enumerate()
            .map(|(k, item)| text(b * BATCH + k, item))
            .collect::<std::io::Result<Vec<_>>>()
    };
    let mut write =
        |texts: Vec<Vec<u8>>| texts.iter().try_for_each(|t| out.write_all(t));
    // On a thread of a pool, waiting for a batch would hold one of the
    // threads that make it (all of them, in a pool of one): the
    // batches are then made and written in turn.
    if rayon::current_thread_index().is_some() {
        for (b, batch) in items.chunks(BATCH).enumerate() {
            write(make(b, batch)?)?;
        }
        return Ok(());
    }
    let (send, batches) = std::sync::mpsc::sync_channel(1);
    let make = &make;
    std::thread::scope(|scope| {
        // The sender moves to the thread: the batches end when it does.
        scope.spawn(move || {
            for (b, batch) in items.chunks(BATCH).enumerate() {
                let texts = make(b, batch);
                let failed = texts.is_err();
                // With the writer gone (it failed), nothing is left to
                // do.
                if send.send(texts).is_err() || failed {
                    break;
                }
            }
        });
        // The first failure drops `batches`, which stops the thread.
        for texts in batches {
            write(texts?)?;
        }
        Ok(())
    })
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
