//! The map step at scale: documents tagged and read for events on every
//! core, in bounded batches, each result handed on in a fixed order.
//!
//! Memory holds one batch of documents and their results (a few MiB, or
//! the largest document if it is bigger), never the corpus: documents
//! come from a lazy iterator ([`crate::document::documents`]) and each
//! result goes to a sink as soon as its batch is done. The order of the
//! results, and so the output, does not depend on the number of threads:
//! a batch is mapped in parallel and collected in input order.
//!
//! Finding mentions has two passes. A document with a DCT (given, or
//! stated in its header) is done in the first pass, and the events it
//! dates are kept (a small summary, deduplicated). A document without
//! one needs the events of every dated document to infer its DCT, so it
//! is spooled to an unnamed temporary file and done in the second pass,
//! once all dated documents have been read. The results come out in
//! that order: the dated documents in input order, then the undated
//! ones in input order.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::PathBuf;
use std::sync::mpsc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::events::{self, dct::KnownEvent};
use crate::{DctSource, Document, DocumentMentions, TaggedDocument, timex};

/// How items are grouped for the parallel map.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// A batch is cut once its items weigh this many bytes …
    pub(crate) bytes: usize,
    /// … or once it has this many items.
    pub(crate) items: usize,
}

/// Batches of a MiB: a few hundred news articles, enough to keep every
/// core busy, and small enough that reading the first batch and writing
/// the last (which nothing overlaps) are short.
const LIMITS: Limits = Limits { bytes: 1 << 20, items: 1024 };

/// Calls `f` with consecutive batches of `items`, each within `limits`
/// by `weight` (unless one item alone is heavier).
fn batches<T, E>(
    items: impl Iterator<Item = T>,
    limits: Limits,
    weight: impl Fn(&T) -> usize,
    mut f: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<(), E> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    for item in items {
        bytes += weight(&item);
        batch.push(item);
        if bytes >= limits.bytes || batch.len() >= limits.items {
            f(std::mem::take(&mut batch))?;
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        f(batch)?;
    }
    Ok(())
}

/// Maps `items` on the pool, batch by batch, and hands each result to
/// `sink` in input order.
///
/// Reading items and handing results on are serial (parsing the input,
/// writing the output, storing it), so done between batches they leave
/// all but one core idle. With more than one thread they overlap the
/// mapping instead: a thread reads the next batch while the pool maps
/// this one and the calling thread hands on the one before. At most
/// five batches are held at once. With one thread everything runs on
/// the calling thread, one stage after the other, so that `--threads 1`
/// keeps to one core.
///
/// `prepare` runs first, building what `map` reads (see
/// [`map_batches`]); with more than one thread, on the pool while the
/// first batch is read.
pub(crate) fn map_in_order<T: Send, R: Send, E>(
    items: impl Iterator<Item = T> + Send,
    limits: Limits,
    weight: impl Fn(&T) -> usize + Send,
    prepare: impl FnOnce() + Send,
    map: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if rayon::current_num_threads() <= 1 {
        prepare();
        return batches(items, limits, weight, |batch| {
            batch.into_iter().map(&map).try_for_each(&mut sink)
        });
    }
    std::thread::scope(|scope| {
        let (to_map, batches_in) = mpsc::sync_channel::<Vec<T>>(1);
        let (to_sink, mapped) = mpsc::sync_channel::<Vec<R>>(1);
        // A send fails once the stage after has stopped (the sink
        // failed), and then this stage stops too.
        scope
            .spawn(move || batches(items, limits, weight, |b| to_map.send(b)));
        let map = &map;
        scope.spawn(move || {
            prepare();
            for batch in batches_in {
                let done = batch.into_par_iter().map(map).collect();
                if to_sink.send(done).is_err() {
                    break;
                }
            }
        });
        mapped.into_iter().flatten().try_for_each(&mut sink)
    })
}

/// [`map_in_order`] of documents, weighed by their texts, once the
/// `tables` their mapping reads are built.
fn map_batches<R: Send, E>(
    docs: impl Iterator<Item = Document> + Send,
    limits: Limits,
    tables: fn(),
    map: impl Fn(Document) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let weight = |d: &Document| d.text.len();
    map_in_order(docs, limits, weight, tables, map, sink)
}

/// Builds the tagger's rules. Built on first use otherwise, by the first
/// document, while the threads with the other documents of the first
/// batch wait for them.
fn tagger_tables() {
    timex::Tagger::new();
}

/// Builds the tables that finding mentions reads: the tagger's rules on
/// one thread and the event tables on another (each half is about 45 M
/// instructions, some ten milliseconds on one core).
fn mention_tables() {
    rayon::join(tagger_tables, events::build_tables);
}

/// Tags documents in parallel and hands each document with its tags to
/// `sink`, in input order.
pub fn tag<E>(
    docs: impl Iterator<Item = Document> + Send,
    dct_override: Option<NaiveDate>,
    mut sink: impl FnMut(&Document, TaggedDocument) -> Result<(), E>,
) -> Result<(), E> {
    map_batches(
        docs,
        LIMITS,
        tagger_tables,
        |d| {
            let t = crate::tag(&d, dct_override);
            (d, t)
        },
        |(d, t)| sink(&d, t),
    )
}

/// What the first pass makes of a document.
pub(crate) enum FirstPass {
    /// Done: its mentions, and the dated events it reports.
    Dated(DocumentMentions, Vec<KnownEvent>),
    /// No DCT: it waits for the events of every dated document.
    Undated(Document),
}

/// The first pass over one document.
pub(crate) fn first_pass(
    doc: Document,
    dct_override: Option<NaiveDate>,
) -> FirstPass {
    let t = crate::tag(&doc, dct_override);
    let Some(dct) = t.dct else { return FirstPass::Undated(doc) };
    let mentions = events::extract(&doc.text, Some(dct), &t.timexes);
    let known = KnownEvent::from_mentions(&mentions);
    // A DCT that someone stated (in the input, the text or --dct) can be
    // wrong; say so when the text disagrees with it.
    let warnings: Vec<String> =
        events::dct::check(&doc.text, dct, &t.timexes).into_iter().collect();
    FirstPass::Dated(
        DocumentMentions {
            id: t.id,
            title: doc.title,
            dct: Some(dct),
            dct_source: t.dct_source,
            dct_evidence: Vec::new(),
            warnings,
            mentions,
        },
        known,
    )
}

/// The second pass over a document without a DCT: one is inferred from
/// its own evidence and the dated events of the other documents.
pub(crate) fn second_pass(
    doc: &Document,
    known: &[KnownEvent],
) -> DocumentMentions {
    let prepared = events::Prepared::new(&doc.text);
    let mut reading = timex::Reading::new(&doc.text);
    let inferred = events::dct::infer_read(&mut reading, &prepared, known);
    let (dct, source, evidence) = match inferred {
        Some(inf) => (Some(inf.dct), DctSource::Inferred, inf.evidence),
        None => (None, DctSource::None, Vec::new()),
    };
    let timexes = timex::Tagger::new().tag_again(&mut reading, dct);
    DocumentMentions {
        id: doc.id.clone(),
        title: doc.title.clone(),
        dct,
        dct_source: source,
        dct_evidence: evidence,
        warnings: Vec::new(),
        mentions: events::extract_prepared(
            &doc.text, dct, &timexes, &prepared,
        ),
    }
}

/// The dated events of a run, deduplicated as they come (a corpus
/// repeats its big events many times) and in a fixed order at the end,
/// whatever the input order.
#[derive(Default)]
pub(crate) struct KnownEvents {
    events: Vec<KnownEvent>,
    compacted: usize,
}

impl KnownEvents {
    pub(crate) fn extend(&mut self, more: Vec<KnownEvent>) {
        self.events.extend(more);
        if self.events.len() > 2 * self.compacted.max(1024) {
            self.compact();
        }
    }

    fn compact(&mut self) {
        self.events.sort_by(|a, b| {
            (a.kind, a.date, &a.who_where).cmp(&(b.kind, b.date, &b.who_where))
        });
        self.events.dedup();
        self.compacted = self.events.len();
    }

    pub(crate) fn finish(mut self) -> Vec<KnownEvent> {
        self.compact();
        self.events
    }
}

/// A document waiting in the spool file.
#[derive(Serialize, Deserialize)]
struct Spooled {
    id: String,
    title: Option<String>,
    url: Option<String>,
    dct_source: DctSource,
    text: String,
}

/// Undated documents, kept on disk between the passes: a temporary file
/// removed as soon as it is open, so nothing is left behind whatever
/// happens.
struct Spool {
    file: BufWriter<File>,
    count: usize,
}

impl Spool {
    fn new() -> io::Result<Spool> {
        let dir = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut attempt = 0u32;
        loop {
            let path: PathBuf = dir.join(format!(
                "timeline-undated-{}-{stamp}-{attempt}.jsonl",
                std::process::id()
            ));
            match File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    // Where an open file cannot be removed, it stays until
                    // the end of the run and is removed then.
                    let _ = fs::remove_file(&path);
                    return Ok(Spool { file: BufWriter::new(file), count: 0 });
                }
                Err(e)
                    if e.kind() == io::ErrorKind::AlreadyExists
                        && attempt < 100 =>
                {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn push(&mut self, doc: Document) -> io::Result<()> {
        let spooled = Spooled {
            id: doc.id,
            title: doc.title,
            url: doc.url,
            dct_source: doc.dct_source,
            text: doc.text,
        };
        serde_json::to_writer(&mut self.file, &spooled)?;
        self.file.write_all(b"\n")?;
        self.count += 1;
        Ok(())
    }

    /// The spooled documents, in the order they came.
    fn drain(self) -> io::Result<impl Iterator<Item = io::Result<Document>>> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        Ok(BufReader::new(file).lines().map(|line| {
            let s: Spooled = serde_json::from_str(&line?)?;
            Ok(Document {
                id: s.id,
                title: s.title,
                url: s.url,
                dct: None,
                dct_source: s.dct_source,
                text: s.text,
            })
        }))
    }
}

/// Which documents a run of [`mentions_of`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Which {
    /// All of them (dated first, then undated).
    #[default]
    All,
    /// Only those with a DCT (given, or stated in their header); the
    /// others are skipped.
    Dated,
    /// Only those without one, each inferred at once from the known
    /// events the run was given; the dated ones are tagged, to see that
    /// they have a DCT, and skipped.
    Undated,
}

/// A map step split in two, for engines that run it on parts of a
/// corpus: the dated documents of every part first, then the undated
/// ones of every part with the events all the dated ones date. The
/// result is then what one process gives for the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The documents to write.
    pub which: Which,
    /// Dated events from outside the run (see [`known_events`]), added
    /// to those of the run's own dated documents.
    pub known: Vec<KnownEvent>,
}

/// The dated events that the dated documents among `found` report (a
/// document whose DCT was inferred, or that has none, adds none), as
/// the single-process run collects them: deduplicated, in a fixed order.
pub fn known_events<'a>(
    found: impl IntoIterator<Item = &'a DocumentMentions>,
) -> Vec<KnownEvent> {
    let mut known = KnownEvents::default();
    for doc in found {
        if doc.dct.is_some()
            && matches!(doc.dct_source, DctSource::Given | DctSource::Text)
        {
            known.extend(KnownEvent::from_mentions(&doc.mentions));
        }
    }
    known.finish()
}

/// Finds the event mentions of documents, in parallel and streaming,
/// and hands each document's mentions to `sink`: first the documents
/// with a DCT, in input order, then those whose DCT was inferred (or
/// could not be), in input order.
///
/// The mentions of each document are those [`crate::mentions`] finds.
/// Fails only if the spool file cannot be written or read back, or if
/// `sink` fails.
pub fn mentions<E: From<io::Error>>(
    docs: impl Iterator<Item = Document> + Send,
    dct_override: Option<NaiveDate>,
    sink: impl FnMut(DocumentMentions) -> Result<(), E>,
) -> Result<(), E> {
    mentions_in(docs, dct_override, &Plan::default(), LIMITS, sink)
}

/// [`mentions`] as `plan` says: only the dated or only the undated
/// documents, and with dated events known from elsewhere.
pub fn mentions_of<E: From<io::Error>>(
    docs: impl Iterator<Item = Document> + Send,
    dct_override: Option<NaiveDate>,
    plan: &Plan,
    sink: impl FnMut(DocumentMentions) -> Result<(), E>,
) -> Result<(), E> {
    mentions_in(docs, dct_override, plan, LIMITS, sink)
}

/// The undated documents alone, with every known event given: nothing
/// to wait for, so nothing is spooled.
fn undated_in<E>(
    docs: impl Iterator<Item = Document> + Send,
    dct_override: Option<NaiveDate>,
    known: &[KnownEvent],
    limits: Limits,
    mut sink: impl FnMut(DocumentMentions) -> Result<(), E>,
) -> Result<(), E> {
    map_batches(
        docs,
        limits,
        mention_tables,
        |d| {
            let dated = crate::tag(&d, dct_override).dct.is_some();
            (!dated).then(|| second_pass(&d, known))
        },
        |done| done.map_or(Ok(()), &mut sink),
    )
}

fn mentions_in<E: From<io::Error>>(
    docs: impl Iterator<Item = Document> + Send,
    dct_override: Option<NaiveDate>,
    plan: &Plan,
    limits: Limits,
    mut sink: impl FnMut(DocumentMentions) -> Result<(), E>,
) -> Result<(), E> {
    if plan.which == Which::Undated {
        let mut known = KnownEvents::default();
        known.extend(plan.known.clone());
        let known = known.finish();
        return undated_in(docs, dct_override, &known, limits, sink);
    }
    let mut known = KnownEvents::default();
    known.extend(plan.known.clone());
    let mut spool: Option<Spool> = None;
    map_batches(
        docs,
        limits,
        mention_tables,
        |d| first_pass(d, dct_override),
        |pass| {
            match pass {
                FirstPass::Dated(found, events) => {
                    known.extend(events);
                    sink(found)?;
                }
                FirstPass::Undated(_) if plan.which == Which::Dated => {}
                FirstPass::Undated(doc) => {
                    let s = match &mut spool {
                        Some(s) => s,
                        None => spool.insert(Spool::new()?),
                    };
                    s.push(doc)?;
                }
            }
            Ok::<(), E>(())
        },
    )?;
    let Some(spool) = spool else { return Ok(()) };
    let known = known.finish();
    let mut failed: Option<io::Error> = None;
    let undated = spool.drain()?.map_while(|r| match r {
        Ok(doc) => Some(doc),
        Err(e) => {
            failed = Some(e);
            None
        }
    });
    let second = |d: Document| second_pass(&d, &known);
    map_batches(undated, limits, mention_tables, second, &mut sink)?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.to_owned(),
            title: None,
            url: None,
            dct: None,
            dct_source: DctSource::None,
            text: text.to_owned(),
        }
    }

    fn corpus() -> Vec<Document> {
        let dated = "Posted April 17, 2017\n\nThe chemical attack on Khan \
                     Sheikhoun on April 4 killed more than 80 people. The US \
                     launched 59 cruise missiles on Shayrat last Thursday.";
        let undated = "On Wednesday, April 12, Russia vetoed a resolution \
                       after the chemical attack on Khan Sheikhoun on \
                       Tuesday last week.";
        let mut docs = Vec::new();
        for i in 0..7 {
            docs.push(doc(&format!("u{i}"), undated));
            docs.push(doc(&format!("d{i}"), dated));
        }
        docs.push(doc("none", "Nothing happened."));
        docs
    }

    #[test]
    fn streaming_gives_the_dated_then_the_undated_in_input_order() {
        let docs = corpus();
        let whole = crate::mentions(&docs, None);
        for size in [1, 2, 3, 100] {
            let limits = Limits { bytes: usize::MAX, items: size };
            let mut streamed = Vec::new();
            mentions_in(
                docs.iter().cloned(),
                None,
                &Plan::default(),
                limits,
                |d| {
                    streamed.push(d);
                    Ok::<(), io::Error>(())
                },
            )
            .expect("the spool works");
            let (dated, undated): (Vec<_>, Vec<_>) =
                whole.iter().cloned().partition(|d| d.id.starts_with('d'));
            let want: Vec<_> = dated.into_iter().chain(undated).collect();
            assert_eq!(streamed, want, "batches of {size}");
        }
        // The undated ones took their DCT from the dated ones' events.
        let u0 = whole.iter().find(|d| d.id == "u0").expect("there");
        assert_eq!(u0.dct_source, DctSource::Inferred);
        assert!(u0.dct.is_some());
    }

    #[test]
    fn a_failing_sink_stops_reading_and_its_error_comes_back() {
        let pulled = std::sync::atomic::AtomicUsize::new(0);
        let docs = (0..10_000).map(|i| {
            pulled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            doc(&format!("d{i}"), "Nothing happened on Monday.")
        });
        let limits = Limits { bytes: usize::MAX, items: 4 };
        let mut seen = Vec::new();
        let got = map_batches(
            docs,
            limits,
            || (),
            |d| d.id,
            |id| {
                if seen.len() == 6 {
                    return Err(id);
                }
                seen.push(id);
                Ok(())
            },
        );
        assert_eq!(got, Err("d6".to_owned()));
        assert_eq!(seen, ["d0", "d1", "d2", "d3", "d4", "d5"]);
        // Only the batches in flight were read, not the whole input.
        let pulled = pulled.into_inner();
        assert!(pulled < 100, "{pulled} documents read");
    }

    #[test]
    fn two_plans_over_parts_give_the_whole_run() {
        let docs = corpus();
        let whole = crate::mentions(&docs, None);
        let run = |part: &[Document], plan: &Plan| {
            let mut out = Vec::new();
            mentions_of(part.iter().cloned(), None, plan, |d| {
                out.push(d);
                Ok::<(), io::Error>(())
            })
            .expect("no spool needed");
            out
        };
        // Each part alone sees too few dated events; the plans do not.
        let (a, b) = docs.split_at(5);
        let dated_only = Plan { which: Which::Dated, known: Vec::new() };
        let mut dated = run(a, &dated_only);
        dated.extend(run(b, &dated_only));
        assert!(dated.iter().all(|d| d.dct_source == DctSource::Text));
        let undated_only =
            Plan { which: Which::Undated, known: known_events(&dated) };
        let mut undated = run(a, &undated_only);
        undated.extend(run(b, &undated_only));
        assert!(undated.iter().all(|d| d.dct_source != DctSource::Text));
        let mut split: Vec<_> = dated.into_iter().chain(undated).collect();
        let mut want = whole.clone();
        split.sort_by(|x, y| x.id.cmp(&y.id));
        want.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(split, want);
        // Without the known events, the first part alone infers nothing
        // for its undated documents, or something else.
        let alone = run(a, &Plan { which: Which::Undated, known: vec![] });
        let u0 = whole.iter().find(|d| d.id == "u0").expect("there");
        assert_ne!(alone.iter().find(|d| d.id == "u0"), Some(u0));
    }

    #[test]
    fn known_events_compact_to_a_sorted_set() {
        let docs = corpus();
        let mut known = KnownEvents::default();
        let mut all = Vec::new();
        for d in &docs {
            if let FirstPass::Dated(found, events) =
                first_pass(d.clone(), None)
            {
                assert!(!found.mentions.is_empty());
                all.extend(events.clone());
                for _ in 0..400 {
                    known.extend(events.clone());
                }
            }
        }
        let known = known.finish();
        assert!(!known.is_empty());
        all.sort_by(|a, b| {
            (a.kind, a.date, &a.who_where).cmp(&(b.kind, b.date, &b.who_where))
        });
        all.dedup();
        assert_eq!(known, all);
    }
}
