//! The `timeline` command line: a thin layer over the library that
//! parses arguments, calls it, prints, and maps failures to exit codes
//! (0 success, 1 some input failed, 2 usage or fatal error).

mod cli_support;
mod progress;

// Why jemalloc, and what it gains: Cargo.toml. (It does not build for
// MSVC, where the system allocator stays.)
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (its `malloc_conf`, a C
/// string: a reference to its first byte is the thin pointer C reads).
/// One arena for all threads: with an arena per core, memory one
/// thread freed stayed out of another's reach, and a million mentions
/// merged peaked at 935-964 MB instead of 898-913 MB, no faster (runs
/// alternately); `extract` of 10 MB at 74-76 MB instead of 63 MB. Each
/// thread's cache still serves most allocations without a lock.
/// That cache is trimmed every MiB allocated instead of every 64 KiB:
/// each trim sent objects back to the arena, under its lock, that the
/// thread soon asked for again (0.4 % of `extract`'s instructions,
/// more on two threads, which share the one arena), for under a MiB
/// more memory.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_OPTIONS: &u8 =
    &b"narenas:1,tcache_gc_incr_bytes:1048576\0"[0];

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use timeline::document::{self, DEFAULT_MAX_BYTES, ReadOptions};
use timeline::eval;
use timeline::events::Mention;
use timeline::output::{self, timeml::write_timeml};

/// Turns news articles into dated events: temporal expressions (TIMEX3)
/// and event mentions.
#[derive(Debug, Parser)]
#[command(
    name = "timeline",
    version,
    after_help = "\
Examples:
  timeline tag examples/syria-2017 --format jsonl
  timeline tag --dct 2017-04-13 article.txt
  cat articles.jsonl | timeline tag - --format jsonl
  timeline eval --gold corpus/ --errors 20
  timeline mentions examples/syria-2017
  timeline extract examples/syria-2017 --format timelinejs -o tl.json
  timeline extract examples/syria-2017 --about Russia --format jsonl
  timeline mentions examples/syria-2017 > m.jsonl && timeline merge m.jsonl"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find and normalise the temporal expressions (TIMEX3) of documents.
    ///
    /// Each document's creation time (DCT), which relative expressions
    /// such as "last week" are resolved against, is: --dct if given, else
    /// the one the input carries (JSON `dct`, TimeML CREATION_TIME), else
    /// a date in the article's header ("Posted April 17, 2017").
    Tag(TagArgs),
    /// Score the tagger against gold TimeML files (TempEval-3 measures).
    ///
    /// Each gold file's text is tagged with the DCT the file gives, and
    /// the tagger's TIMEX3s are compared with the gold ones: strict and
    /// relaxed extent precision, recall and F1, type and value accuracy,
    /// value F1; per corpus (the name of the directory a file is in) and
    /// in total.
    Eval(EvalArgs),
    /// Find the event mentions of documents: one JSON line per document.
    ///
    /// Each mention is a trigger word ("attack", "vetoed", "talks") with
    /// its type, date and the evidence for it, factuality, actors,
    /// places, numbers and sentence. Documents without a DCT get one
    /// inferred from their own time expressions and from the events the
    /// dated documents of the same run report (`dct_source: inferred`).
    Mentions(MentionsArgs),
    /// Build the timeline of documents: their events, deduplicated and
    /// dated, in date order.
    ///
    /// The documents are read as by `timeline mentions`; the mentions of
    /// the same event across documents are merged into one event with
    /// every mention, its best date and the dates sources disagree on.
    /// The output is the same whatever the order the inputs are given
    /// in.
    Extract(ExtractArgs),
    /// Build the timeline from mention lines (the reduce step).
    ///
    /// Reads what `timeline mentions` wrote, from one or many runs (a
    /// corpus split by documents across machines), and writes the
    /// timeline exactly as `timeline extract` would have for all those
    /// documents at once.
    Merge(MergeArgs),
}

/// The arguments of `timeline merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each input is JSON Lines as `timeline mentions` writes them (one document \
per line); `-` reads stdin; a directory stands for every file under it \
whose name does not start with `.` or `_`.

The partitioned merge runs in three steps, each of which may run as many \
processes: `--step key` on mention lines (each document alone) writes block \
pieces as `KEY<TAB>JSON` lines, KEY naming the partition (`Attack:2017-Q2`); \
`--step cluster` on every line of some partitions writes their events; \
`--step assemble` on all the events and document lines writes the timeline, \
the bytes plain `merge` writes:

  timeline merge m.jsonl --step key | timeline merge - --step cluster \\
    | timeline merge - --step assemble --format json

Exit status: 0 if every line was read, 1 if some could not be (the others \
are still merged), 2 on a usage error or when output cannot be written.")]
struct MergeArgs {
    /// Mention line files or directories (or the lines of the previous
    /// --step); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Run one step of the partitioned merge instead of the whole merge.
    /// --format and --about apply to the timeline (`assemble`).
    #[arg(long, value_enum, value_name = "STEP")]
    step: Option<Step>,

    #[command(flatten)]
    timeline: TimelineArgs,

    /// Stop at the first line that cannot be read (exit status 1).
    #[arg(long)]
    strict: bool,

    /// Do not print the summary line on stderr unless something failed.
    #[arg(short, long)]
    quiet: bool,
}

/// The steps of the partitioned merge (`timeline::merge::partition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Step {
    /// Mention lines in; out, a line listing each document and one line
    /// per block piece (a document's mentions of one event type and
    /// quarter) and partition it goes to: its own block's, and those of
    /// the quarters before and after, its halo.
    Key,
    /// The lines of `key` in, every line of each partition present; out,
    /// the events of those partitions' blocks. Other lines pass through.
    Cluster,
    /// The lines of `cluster` (events and documents) in; out, the
    /// timeline.
    Assemble,
}

/// How `extract` and `merge` write the timeline.
#[derive(Debug, clap::Args)]
struct TimelineArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    format: ExtractFormat,

    /// Write to FILE instead of stdout. FILE is replaced at once when
    /// complete (through a temporary file in its directory), never left
    /// half-written.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Keep only the events whose actors or places include NAME; may be
    /// repeated (events about any of them are kept). Aliases count:
    /// "Russian Federation" and "the Kremlin" find "Russia"; "Moscow"
    /// finds events in Moscow and those of the Russian government.
    #[arg(long, value_name = "NAME")]
    about: Vec<String>,
}

/// The arguments of `timeline extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input formats as for `timeline tag`. The JSON format is described by \
docs/timeline.schema.json. TimelineJS and vis-timeline need a date for \
every item: undated events are left out of those formats.

Exit status: 0 if every document was read, 1 if some could not be (the \
others are still processed), 2 on a usage error or when output cannot be \
written (with -o, FILE is then left as it was).")]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,

    #[command(flatten)]
    timeline: TimelineArgs,
}

/// How `extract` writes the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// The timeline as one pretty-printed JSON object: documents and
    /// events.
    Json,
    /// JSON Lines: one compact JSON object per event and line.
    Jsonl,
    /// Knight Lab TimelineJS3 JSON (dated events only).
    Timelinejs,
    /// A vis-timeline items array (dated events only).
    Vis,
    /// One self-contained HTML page: the events on a time axis, with
    /// filters and each event's evidence.
    Html,
}

impl From<ExtractFormat> for output::Format {
    fn from(f: ExtractFormat) -> output::Format {
        match f {
            ExtractFormat::Json => output::Format::Json,
            ExtractFormat::Jsonl => output::Format::Jsonl,
            ExtractFormat::Timelinejs => output::Format::TimelineJs,
            ExtractFormat::Vis => output::Format::Vis,
            ExtractFormat::Html => output::Format::Html,
        }
    }
}

/// The arguments of `timeline mentions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input formats as for `timeline tag`. Exit status: 0 if every document was \
read, 1 if some could not be (the others are still processed), 2 on a \
usage error or when output cannot be written.")]
struct MentionsArgs {
    #[command(flatten)]
    input: InputArgs,

    /// Write only the documents with a DCT (given or stated), or only
    /// those without one; for running the map on parts of a corpus in
    /// two rounds (see --known).
    #[arg(long, value_enum, value_name = "WHICH")]
    only: Option<Only>,

    /// Mention lines (files, `-` or directories) of dated documents from
    /// other runs: the events they date help infer the DCT of undated
    /// documents, as if those documents were in this run.
    #[arg(long, value_name = "PATH")]
    known: Vec<PathBuf>,
}

/// Which documents `timeline mentions --only` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Only {
    /// Documents with a DCT (given or stated in the text).
    Dated,
    /// Documents without one (their DCT is inferred).
    Undated,
}

/// The inputs and reading options that `tag`, `mentions` and `extract`
/// share.
#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Input files or directories; `-` reads JSON Lines from stdin. A
    /// directory stands for every .txt, .json, .jsonl and .tml file under
    /// it, recursively, in path order.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Use this DCT (YYYY-MM-DD) for every document, overriding the one
    /// the documents carry or state.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_dct_arg)]
    dct: Option<NaiveDate>,

    /// Refuse inputs larger than N bytes: a file, or one line (one
    /// document) of JSON Lines.
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_MAX_BYTES,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    max_bytes: u64,

    /// Stop at the first document that cannot be read (exit status 1).
    #[arg(long)]
    strict: bool,

    /// Read input that is not valid UTF-8 anyway, replacing each invalid
    /// byte sequence with U+FFFD and naming the file and the offset of
    /// the first one on stderr. Without it, such input is refused.
    #[arg(long)]
    lossy: bool,

    /// Do not print the summary line on stderr unless something failed.
    #[arg(short, long)]
    quiet: bool,

    /// Process documents on N threads (0: one per core). The output is
    /// the same for any N.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
}

/// The arguments of `timeline tag`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input formats, by extension: .json (one object or an array of objects \
with `id` and `text`, optional `title`, `url`, `dct`), .jsonl (one such \
object per line), .tml (TimeML; its TIMEX3s are ignored), anything else \
is plain text (the first non-empty line is the title).

A document that cannot be read is reported on stderr as `error: ...` and \
the others are still tagged.

Exit status: 0 if every document was tagged, 1 if some could not be read, \
2 on a usage error or when output cannot be written.")]
struct TagArgs {
    #[command(flatten)]
    input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// How `tag` writes its output to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One pretty-printed JSON array with one object per document.
    Json,
    /// JSON Lines: one compact JSON object per document and line.
    Jsonl,
    /// TimeML, the text with inline TIMEX3 tags; several documents are
    /// written one after another, each a complete TimeML file starting
    /// with its `<?xml` declaration, separated by a blank line.
    Timeml,
}

/// The arguments of `timeline eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit status: 0 if every gold file was scored, 1 if some could not be read \
(the others are still scored), 2 on a usage error.")]
struct EvalArgs {
    /// Gold TimeML files or directories. A directory stands for every
    /// `*.tml` file under it, recursively; other files are ignored.
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    gold: Vec<PathBuf>,

    /// Print the report as JSON (scores and every error) instead of a
    /// table.
    #[arg(long)]
    json: bool,

    /// Also list the first N errors (missed, spurious, wrong extent, type
    /// or value) after the table.
    #[arg(long, value_name = "N", conflicts_with = "json")]
    errors: Option<usize>,

    /// Also infer each gold file's DCT from its text alone (as if it had
    /// none) and report how often it is within 1, 7 and 31 days of the
    /// real one.
    #[arg(long, conflicts_with = "json")]
    infer_dct: bool,
}

fn parse_dct_arg(s: &str) -> Result<NaiveDate, String> {
    document::parse_dct(s).ok_or_else(|| {
        "not a date: expected YYYY-MM-DD, e.g. 2017-04-13".to_owned()
    })
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(code) => code,
        // The reader of our output went away (`timeline tag … | head`):
        // nothing more to say, and nobody to say it to.
        Err(err) if cli_support::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            warn(format_args!("error: {err:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::Tag(args) => tag(&args),
        Command::Eval(args) => evaluate(&args),
        Command::Mentions(args) => mentions(&args),
        Command::Extract(args) => extract(&args),
        Command::Merge(args) => merge(&args),
    }
}

/// A line on stderr. Unlike `eprintln!`, never panics: if stderr is gone
/// there is nowhere left to complain to.
fn warn(msg: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{msg}");
}

fn tag(args: &TagArgs) -> Result<ExitCode> {
    let mut input = Inputs::open(&args.input)?;
    // `println!` panics on a closed stdout; writes here return the error.
    let mut out = BufWriter::new(io::stdout().lock());
    let mut tagged = 0usize;
    // One line's JSON, reused from document to document.
    let mut line = Vec::new();
    if args.format == Format::Json {
        out.write_all(b"[").context("writing to stdout")?;
    }
    let write = |out: &mut BufWriter<_>, doc: &timeline::Document, t| {
        let t: timeline::TaggedDocument = t;
        match args.format {
            Format::Json => {
                out.write_all(if tagged == 0 { b"\n" } else { b",\n" })?;
                // The array as `to_vec_pretty` writes it: each element
                // indented one level (JSON strings hold no raw newline).
                let element = serde_json::to_string_pretty(&t)?;
                for (i, line) in element.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(b"  ")?;
                    out.write_all(line.as_bytes())?;
                }
            }
            Format::Jsonl => {
                line.clear();
                timeline::output::tagged::write_line(&t, &mut line)?;
                line.push(b'\n');
                out.write_all(&line)?;
            }
            Format::Timeml => {
                if tagged > 0 {
                    out.write_all(b"\n")?;
                }
                let doc = cli_support::as_tagged(doc, &t);
                write_timeml(&doc, &t.timexes, out)?;
            }
        }
        tagged += 1;
        Ok::<(), io::Error>(())
    };
    let mut write = write;
    timeline::pipeline::tag(input.by_ref(), args.input.dct, |doc, t| {
        write(&mut out, doc, t)
    })
    .context("writing to stdout")?;
    if args.format == Format::Json {
        let end: &[u8] = if tagged == 0 { b"]\n" } else { b"\n]\n" };
        out.write_all(end).context("writing to stdout")?;
    }
    out.flush().context("writing to stdout")?;

    input.finish();
    Ok(input.summary(tagged, "tagged", "", args.input.quiet))
}

/// The documents of the inputs, read lazily; each input that cannot be
/// read is reported on stderr and counted, and with `--strict` reading
/// stops at the first.
struct Inputs<'a> {
    docs: document::Documents<'a>,
    strict: bool,
    read: usize,
    failed: usize,
    several_paths: bool,
    progress: progress::Progress,
    /// The ids read, to report those that repeat.
    ids: cli_support::IdCounts,
}

impl<'a> Inputs<'a> {
    /// Opens the inputs, and sets the number of threads of the run.
    fn open(args: &'a InputArgs) -> Result<Inputs<'a>> {
        cli_support::set_threads(args.threads)?;
        let opts =
            ReadOptions { max_bytes: args.max_bytes, lossy: args.lossy };
        Ok(Inputs {
            docs: document::documents(&args.paths, &opts),
            strict: args.strict,
            read: 0,
            failed: 0,
            several_paths: args.paths.len() > 1,
            progress: progress::Progress::new(&args.paths, args.quiet),
            ids: cli_support::IdCounts::default(),
        })
    }

    /// Ends the progress bar and reports the ids that more than one
    /// document has (each is processed; nothing is dropped).
    fn finish(&mut self) {
        self.progress.finish();
        for (id, n) in self.ids.repeated() {
            warn(format_args!(
                "warning: {n} documents have the id {id:?}; each is \
                 processed, and their results carry the same id"
            ));
        }
    }

    /// Prints what was read but not cleanly (`--lossy` replacements).
    fn report_warnings(&mut self) {
        let warnings = self.docs.take_warnings();
        if !warnings.is_empty() {
            self.progress.suspend(|| {
                for w in &warnings {
                    warn(format_args!("warning: {w}"));
                }
            });
        }
    }

    /// Whether there were several inputs (for the summary line).
    fn several(&self) -> bool {
        self.several_paths || self.read + self.failed > 1
    }

    /// [`summary`] of this run's inputs.
    fn summary(
        &self,
        done: usize,
        verb: &str,
        extra: &str,
        quiet: bool,
    ) -> ExitCode {
        let counts = Counts {
            failed: self.failed,
            several: self.several(),
            strict: self.strict,
        };
        summary(counts, done, verb, extra, quiet)
    }
}

/// How a run's inputs went, for its summary line.
struct Counts {
    failed: usize,
    several: bool,
    strict: bool,
}

/// Prints the summary line ("timeline: 5 documents read, 1 failed")
/// when something failed, or there were several inputs and the run is
/// not `quiet`; the exit status says whether any input failed.
fn summary(
    counts: Counts,
    done: usize,
    verb: &str,
    extra: &str,
    quiet: bool,
) -> ExitCode {
    let Counts { failed, several, strict } = counts;
    if failed > 0 || (several && !quiet) {
        let stopped = if strict && failed > 0 {
            " (stopped at the first failure: --strict)"
        } else {
            ""
        };
        warn(format_args!(
            "timeline: {done} {} {verb}, {failed} failed{extra}{stopped}",
            plural(done, "document", "documents"),
        ));
    }
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

impl Iterator for Inputs<'_> {
    type Item = timeline::Document;

    fn next(&mut self) -> Option<timeline::Document> {
        if self.strict && self.failed > 0 {
            return None;
        }
        loop {
            let next = self.docs.next();
            self.report_warnings();
            match next? {
                Ok(doc) => {
                    self.read += 1;
                    self.ids.add(&doc.id);
                    self.progress.add(doc.text.len());
                    return Some(doc);
                }
                Err(err) => {
                    self.failed += 1;
                    self.progress
                        .suspend(|| warn(format_args!("error: {err}")));
                    if self.strict {
                        return None;
                    }
                }
            }
        }
    }
}

fn mentions(args: &MentionsArgs) -> Result<ExitCode> {
    let mut input = Inputs::open(&args.input)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut written = 0usize;
    let plan = mentions_plan(args)?;
    // Documents with a DCT come out as they are done; those without wait
    // for the events of all dated ones (see `timeline::pipeline`).
    timeline::pipeline::mentions_of(
        input.by_ref(),
        args.input.dct,
        &plan,
        |doc| {
            let mut line = serde_json::to_vec(&doc)?;
            line.push(b'\n');
            written += 1;
            out.write_all(&line)
        },
    )
    .context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    input.finish();
    Ok(input.summary(written, "read", "", args.input.quiet))
}

/// What `--only` and `--known` ask of `timeline mentions`. Known
/// events that cannot all be read would change inferred DCTs silently,
/// so any unreadable line there is an error.
fn mentions_plan(args: &MentionsArgs) -> Result<timeline::pipeline::Plan> {
    use timeline::pipeline::{Plan, Which};
    let which = match args.only {
        None => Which::All,
        Some(Only::Dated) => Which::Dated,
        Some(Only::Undated) => Which::Undated,
    };
    if args.known.is_empty() {
        return Ok(Plan { which, known: Vec::new() });
    }
    let found = timeline::mention_lines::read_paths(&args.known)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .context("reading --known")?;
    let known = timeline::pipeline::known_events(&found);
    Ok(Plan { which, known })
}

fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let mut input = Inputs::open(&args.input)?;
    // Each document's mentions are stored as they come, as `merge`
    // stores the lines it reads: compactly, and on the calling thread
    // while the pool finds the mentions of the next batch.
    let mut stored = timeline::merge::store::Stored::default();
    timeline::pipeline::mentions(input.by_ref(), args.input.dct, |doc| {
        stored.push(doc);
        Ok::<(), io::Error>(())
    })
    .context("spooling undated documents")?;
    input.finish();
    let docs = stored.documents.len();
    let timeline = timeline::merge::merge_stored(stored);
    let events = show_timeline(timeline, &args.timeline)?;
    let events = format!(", {events} {}", plural(events, "event", "events"));
    Ok(input.summary(docs, "read", &events, args.input.quiet))
}

fn merge(args: &MergeArgs) -> Result<ExitCode> {
    if let Some(step) = args.step {
        return merge_step(args, step);
    }
    // Each document is stored as it is read (compactly: only the
    // merge's mentions are held, never every line as read).
    let bytes = timeline::mention_lines::input_bytes(&args.paths);
    let mut stored = timeline::merge::store::Stored::for_input(bytes);
    let mut lines = Kept::new(args.strict);
    timeline::mention_lines::each_in_paths(&args.paths, &mut |result| {
        if let Some(doc) = lines.keep(result) {
            stored.push(doc);
        }
    });
    let Kept { results, failed, .. } = lines;
    let several = results > 1 || args.paths.len() > 1;
    let docs = stored.documents.len();
    let timeline = timeline::merge::merge_stored(stored);
    let events = show_timeline(timeline, &args.timeline)?;
    let events = format!(", {events} {}", plural(events, "event", "events"));
    let counts = Counts { failed, several, strict: args.strict };
    Ok(summary(counts, docs, "read", &events, args.quiet))
}

/// One step of the partitioned merge
/// (`timeline::merge::partition`).
fn merge_step(args: &MergeArgs, step: Step) -> Result<ExitCode> {
    if step != Step::Assemble
        && (args.timeline.format != ExtractFormat::Json
            || !args.timeline.about.is_empty())
    {
        anyhow::bail!(
            "--format and --about apply to the timeline: \
             use them with --step assemble"
        );
    }
    let (read, written, failed) = match step {
        Step::Key => key_step(args)?,
        Step::Cluster | Step::Assemble => {
            let results = timeline::mention_lines::read_paths_with(
                &args.paths,
                timeline::merge::partition::parse,
            );
            let (records, failed) = kept(results, args.strict);
            let read = records.len();
            let written = if step == Step::Cluster {
                cluster_step(records, args)?
            } else {
                assemble_step(records, args)?
            };
            (read, written, failed)
        }
    };
    if failed > 0 || !args.quiet {
        let (input, output) = match step {
            Step::Key => ("documents", "lines"),
            Step::Cluster => ("lines", "lines"),
            Step::Assemble => ("lines", "events"),
        };
        warn(format_args!(
            "timeline: {read} {input} read, {failed} failed, \
             {written} {output} written"
        ));
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `--step key`: returns the documents read, the lines written and the
/// lines that failed.
fn key_step(args: &MergeArgs) -> Result<(usize, usize, usize)> {
    let results = timeline::mention_lines::read_paths(&args.paths);
    let (docs, failed) = kept(results, args.strict);
    let lines = docs
        .iter()
        .flat_map(timeline::merge::partition::key)
        .map(|record| record.line());
    let written = write_lines(args.timeline.output.as_deref(), lines)?;
    Ok((docs.len(), written, failed))
}

/// `--step cluster`: returns the lines written.
fn cluster_step(
    records: Vec<timeline::merge::partition::Record<Mention>>,
    args: &MergeArgs,
) -> Result<usize> {
    let out = timeline::merge::partition::cluster(records);
    let lines = out.iter().map(|record| record.line());
    write_lines(args.timeline.output.as_deref(), lines)
}

/// Writes lines to `path` (whole or not at all), or streams them to
/// stdout; returns how many.
fn write_lines(
    path: Option<&std::path::Path>,
    lines: impl Iterator<Item = String>,
) -> Result<usize> {
    let mut n = 0usize;
    if path.is_some() {
        let mut text = String::new();
        for line in lines {
            text.push_str(&line);
            text.push('\n');
            n += 1;
        }
        write_text(path, &text)?;
        return Ok(n);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for line in lines {
        out.write_all(line.as_bytes()).context("writing to stdout")?;
        out.write_all(b"\n").context("writing to stdout")?;
        n += 1;
    }
    out.flush().context("writing to stdout")?;
    Ok(n)
}

/// `--step assemble`: returns the events written.
fn assemble_step(
    records: Vec<timeline::merge::partition::Record<Mention>>,
    args: &MergeArgs,
) -> Result<usize> {
    use timeline::merge::partition::{self, Record};
    let (mut docs, mut events) = (Vec::new(), Vec::new());
    for record in records {
        match record {
            Record::Document(d) => docs.push(d),
            Record::Event(e) => events.push(e),
            Record::Piece(p) => anyhow::bail!(
                "a block piece ({}) cannot be assembled: \
                 run --step cluster on it first",
                partition::block_name(p.partition)
            ),
        }
    }
    show_timeline(partition::assemble(docs, events), &args.timeline)
}

/// Lines read one by one: each that cannot be read is reported and
/// counted, and with `strict` none after the first such is kept.
struct Kept {
    strict: bool,
    /// Lines (or inputs) read, whether or not they could be.
    results: usize,
    failed: usize,
    stopped: bool,
}

impl Kept {
    fn new(strict: bool) -> Kept {
        Kept { strict, results: 0, failed: 0, stopped: false }
    }

    /// What `result` holds, if it is kept.
    fn keep<T>(&mut self, result: Result<T, timeline::Error>) -> Option<T> {
        self.results += 1;
        if self.stopped {
            return None;
        }
        match result {
            Ok(x) => Some(x),
            Err(err) => {
                self.failed += 1;
                warn(format_args!("error: {err}"));
                self.stopped = self.strict;
                None
            }
        }
    }
}

/// The lines that could be read; each that could not is reported, and
/// with `strict` reading stops at the first. Also returns how many
/// failed.
fn kept<T>(
    results: Vec<Result<T, timeline::Error>>,
    strict: bool,
) -> (Vec<T>, usize) {
    let mut lines = Kept::new(strict);
    let ok = results.into_iter().filter_map(|r| lines.keep(r)).collect();
    (ok, lines.failed)
}

/// Writes the timeline as asked (`--about`, `--format`, `-o`), as it is
/// serialised; returns the number of events written.
fn show_timeline(
    mut timeline: timeline::merge::Timeline,
    args: &TimelineArgs,
) -> Result<usize> {
    if !args.about.is_empty() {
        timeline = output::about(&timeline, &args.about);
    }
    let format = output::Format::from(args.format);
    match &args.output {
        Some(path) => {
            output::write_atomic_with(path, |w| format.write(&timeline, w))
                .with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            format.write(&timeline, &mut out).context("writing to stdout")?;
            out.flush().context("writing to stdout")?;
        }
    }
    let events = timeline.events.len();
    // The command ends here: freeing a timeline of a million mentions
    // value by value took about 3 % of a merge's CPU, and the process's
    // exit gives the memory back at once.
    std::mem::forget(timeline);
    Ok(events)
}

/// Writes `text` to `path` (whole or not at all), or to stdout.
fn write_text(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path {
        Some(path) => output::write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            out.write_all(text.as_bytes()).context("writing to stdout")?;
            out.flush().context("writing to stdout")?;
        }
    }
    Ok(())
}

fn evaluate(args: &EvalArgs) -> Result<ExitCode> {
    let opts = ReadOptions::default();
    let mut pairs = Vec::new();
    let mut failed = 0usize;
    for file in cli_support::gold_files(&args.gold) {
        let pair = file.and_then(|path| {
            cli_support::score_pair(&path, &opts).map_err(|e| e.to_string())
        });
        match pair {
            Ok(pair) => pairs.push(pair),
            Err(msg) => {
                failed += 1;
                warn(format_args!("error: {msg}"));
            }
        }
    }
    let report = eval::evaluate(&pairs);
    let (mut alone, mut together) =
        (eval::DctInference::default(), eval::DctInference::default());
    if args.infer_dct {
        let docs: Vec<_> = cli_support::gold_files(&args.gold)
            .into_iter()
            .flatten()
            .filter_map(|path| document::read_timeml_file(&path, &opts).ok())
            .map(|(doc, _)| doc)
            .filter(|doc| doc.dct.is_some())
            .collect();
        // Each document alone, and each with all the others dated.
        let known: Vec<_> =
            docs.iter().map(cli_support::known_events).collect();
        for (i, doc) in docs.iter().enumerate() {
            let Some(real) = doc.dct else { continue };
            alone.add(real, cli_support::infer(&doc.text, &[]));
            let others: Vec<_> = known
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .flat_map(|(_, k)| k.iter().cloned())
                .collect();
            together.add(real, cli_support::infer(&doc.text, &others));
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&report)?;
        json.push('\n');
        json
    } else {
        let mut table = report.to_table();
        if let Some(n) = args.errors {
            let shown = n.min(report.errors.len());
            table.push_str(&format!(
                "\nerrors: {shown} of {}\n",
                report.errors.len()
            ));
            table.push_str(&report.errors_text(n));
        }
        if args.infer_dct {
            table.push_str("\nDCT inference from the text alone:\n");
            table.push_str(&alone.to_text());
            table.push_str(
                "DCT inference with the other gold documents dated:\n",
            );
            table.push_str(&together.to_text());
        }
        table
    };
    out.write_all(text.as_bytes()).context("writing to stdout")?;
    out.flush().context("writing to stdout")?;

    if failed > 0 {
        warn(format_args!(
            "timeline: {} gold {} scored, {failed} failed",
            pairs.len(),
            plural(pairs.len(), "document", "documents")
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
