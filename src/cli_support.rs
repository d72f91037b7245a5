//! Glue between the command line and the library that is not argument
//! parsing or printing: finding gold files, turning tagger output and
//! gold TIMEX3s into evaluation annotations, recognising a closed pipe.
//!
//! A module of the binary, not of the library: nothing here is API.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use timeline::document::{self, GoldTimex, ReadOptions};
use timeline::eval::{Annotation, DocumentPair};
use timeline::{Document, TaggedDocument, Timex};

/// The document as it was tagged: its DCT and DCT source replaced by the
/// ones [`timeline::tag`] used, so TimeML output carries the DCT the
/// values were resolved against.
pub fn as_tagged(doc: &Document, tagged: &TaggedDocument) -> Document {
    Document { dct: tagged.dct, dct_source: tagged.dct_source, ..doc.clone() }
}

/// The gold `.tml` files named by `paths`, in order.
///
/// A directory stands for every `*.tml` file under it (recursively,
/// case-insensitive extension, sorted by path); other files in it are
/// ignored. A file named explicitly is taken whatever its extension. A
/// path that cannot be read, a directory that cannot be listed and a
/// directory with no `.tml` file in it each give an `Err` in their place.
pub fn gold_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, String>> {
    let mut out = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => out.push(Err(format!("{}: {e}", path.display()))),
            Ok(meta) if meta.is_dir() => {
                let found = walk_tml(path);
                if found.is_empty() {
                    out.push(Err(format!(
                        "{}: no .tml file in it",
                        path.display()
                    )));
                }
                out.extend(found);
            }
            Ok(_) => out.push(Ok(path.clone())),
        }
    }
    out
}

fn is_tml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tml"))
}

/// Every `*.tml` regular file under `root`, sorted, with an `Err` for
/// each directory that could not be listed.
fn walk_tml(root: &Path) -> Vec<Result<PathBuf, String>> {
    document::files_under(root, is_tml)
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

/// The corpus a gold file belongs to: the name of its directory.
pub fn corpus_name(path: &Path) -> String {
    let parent = path.parent().unwrap_or(Path::new(""));
    if let Some(name) = parent.file_name() {
        return name.to_string_lossy().into_owned();
    }
    // `x.tml` or `../x.tml`: ask the file system where that is.
    fs::canonicalize(path)
        .ok()
        .and_then(|p| Some(p.parent()?.file_name()?.to_owned()))
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The document id of a gold file: its stem.
pub fn gold_id(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn gold_annotation(g: &GoldTimex) -> Annotation {
    Annotation {
        start: g.start,
        end: g.end,
        text: g.text.clone(),
        kind: g.kind,
        value: g.value.clone(),
    }
}

fn system_annotation(t: &Timex) -> Annotation {
    Annotation {
        start: t.start,
        end: t.end,
        text: t.text.clone(),
        kind: t.kind,
        value: t.value.to_string(),
    }
}

/// Reads one gold file and tags its text (with the DCT the file gives),
/// pairing the gold TIMEX3s with the tagger's.
pub fn score_pair(
    path: &Path,
    opts: &ReadOptions,
) -> Result<DocumentPair, timeline::Error> {
    let (doc, gold) = document::read_timeml_file(path, opts)?;
    let tagged = timeline::tag(&doc, None);
    Ok(DocumentPair {
        corpus: corpus_name(path),
        id: gold_id(path),
        gold: gold.iter().map(gold_annotation).collect(),
        system: tagged.timexes.iter().map(system_annotation).collect(),
    })
}

/// The DCT inferred for a text from its own evidence and the events
/// other documents date.
pub fn infer(
    text: &str,
    known: &[timeline::events::dct::KnownEvent],
) -> Option<chrono::NaiveDate> {
    timeline::events::dct::infer(text, known).map(|i| i.dct)
}

/// The dated events of a document with a DCT.
pub fn known_events(
    doc: &timeline::Document,
) -> Vec<timeline::events::dct::KnownEvent> {
    let tagged = timeline::tag(doc, None);
    let mentions =
        timeline::events::extract(&doc.text, tagged.dct, &tagged.timexes);
    timeline::events::dct::KnownEvent::from_mentions(&mentions)
}

/// Runs the library's parallel work on `threads` threads (0: one per
/// core).
pub fn set_threads(threads: usize) -> anyhow::Result<()> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .map_err(|e| anyhow::anyhow!("cannot start {threads} threads: {e}"))
}

/// Whether a broken pipe (the reader of stdout went away) is anywhere in
/// the error's chain.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The ids of the documents read, to report at the end those that more
/// than one document has.
///
/// A corpus of millions of documents must not be held in memory id by
/// id (the map step streams in memory bounded by the largest document):
/// each id is kept as a 128-bit hash, about 20 bytes, and only a
/// repeated id is kept as written. A collision could only add a
/// spurious warning; at a million ids its chance is about 10^-27.
#[derive(Default)]
pub struct IdCounts {
    seen: std::collections::HashSet<u128>,
    repeated: std::collections::BTreeMap<String, usize>,
}

impl IdCounts {
    /// Counts one more document with the id `id`.
    pub fn add(&mut self, id: &str) {
        if self.seen.insert(id_hash(id)) {
            return;
        }
        // The first document with this id was counted by its hash.
        *self.repeated.entry(id.to_string()).or_insert(1) += 1;
    }

    /// The ids that more than one document has, sorted, with how many.
    pub fn repeated(&self) -> impl Iterator<Item = (&str, usize)> {
        self.repeated.iter().map(|(id, n)| (id.as_str(), *n))
    }
}

/// Two SipHash-1-3 hashes of `id` (fixed keys, so the same in every
/// run), each of the id behind a different tag, as one 128-bit number.
fn id_hash(id: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |tag: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        tag.hash(&mut h);
        id.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_repeated_are_counted_and_the_rest_kept_as_hashes() {
        let mut ids = IdCounts::default();
        for id in ["b", "a", "b", "c", "b", "a", "d"] {
            ids.add(id);
        }
        let repeated: Vec<(&str, usize)> = ids.repeated().collect();
        assert_eq!(repeated, [("a", 2), ("b", 3)]);
        assert_eq!(ids.seen.len(), 4);
        assert_ne!(id_hash("a"), id_hash("b"));
        assert_eq!(id_hash("a"), id_hash("a"));
    }

    #[test]
    fn corpus_is_the_parent_directory() {
        assert_eq!(
            corpus_name(Path::new("a/TimeBank/wsj_0006.tml")),
            "TimeBank"
        );
        assert_eq!(gold_id(Path::new("a/TimeBank/wsj_0006.tml")), "wsj_0006");
    }

    #[test]
    fn broken_pipe_is_found_under_context() {
        let err =
            anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe))
                .context("writing output");
        assert!(is_broken_pipe(&err));
        let other = anyhow::Error::new(io::Error::other("disk full"))
            .context("writing output");
        assert!(!is_broken_pipe(&other));
    }
}
