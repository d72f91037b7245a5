//! The merge-scale curve: how `timeline merge` grows with the number of
//! mentions (the target: 1 million in under 10 s and 1 GB).
//!
//! `bench/merge_scale.sh DEV_DATA_DIR [SIZES...] [--keep DIR] [--bin
//! PATH]` (which runs `cargo bench --bench merge_scale -- ...`) finds
//! the mentions of the documents under `DEV_DATA_DIR` and copies them
//! until each size (10,000, 100,000 and 1,000,000 mentions by default)
//! is reached: every copy gets new document ids and its dates shifted a
//! week further than the copy before, so the copies are different
//! events, as a larger archive would hold, not one event reported a
//! thousand times. Each set is written as mention lines (the `timeline
//! mentions` format) and
//!
//! - merged by the library in this process: reading the lines, the
//!   merge (`timeline::timeline`), rendering the JSON, timed apart;
//! - merged by `timeline merge` end to end under `/usr/bin/time -v`,
//!   for its wall clock, CPU time and peak RSS.
//!
//! `--keep DIR` leaves the line files `DIR/mentions-N.jsonl` there;
//! `--bin PATH` times another build of `timeline` (an older one, to
//! compare). Without a data directory (a plain `cargo bench`) it does nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use timeline::document::{self, ReadOptions};
use timeline::events::anchor::TimeEvidence;
use timeline::{DocumentMentions, mention_lines, output};

struct Args {
    data: PathBuf,
    sizes: Vec<usize>,
    keep: Option<PathBuf>,
    bin: Option<String>,
}

fn args() -> Option<Args> {
    let mut data = None;
    let mut sizes = Vec::new();
    let mut keep = None;
    let mut bin = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            // What `cargo bench` passes to every bench target.
            "--bench" => {}
            "--keep" => keep = it.next().map(PathBuf::from),
            "--bin" => bin = it.next(),
            _ => match a.parse::<usize>() {
                Ok(n) => sizes.push(n),
                Err(_) if data.is_none() => data = Some(PathBuf::from(a)),
                Err(_) => {
                    eprintln!("merge_scale: unexpected argument {a:?}");
                    std::process::exit(2);
                }
            },
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    Some(Args { data: data?, sizes, keep, bin })
}

/// A TIMEX3 day or ISO week moved `days` later (a multiple of seven);
/// coarser values (a month, a year) keep their text: their days move
/// all the same, which is what the merge compares.
fn shift_value(value: &str, days: Days) -> String {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return (d + days).format("%Y-%m-%d").to_string();
    }
    if let Some((y, w)) = value.split_once("-W")
        && let (Ok(y), Ok(w)) = (y.parse::<i32>(), w.parse::<u32>())
        && let Some(d) = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)
    {
        let week = (d + days).iso_week();
        return format!("{}-W{:02}", week.year(), week.week());
    }
    value.to_string()
}

/// Copy `k` of a document: a new id, every date `7 k` days later.
fn copy(d: &DocumentMentions, k: usize) -> DocumentMentions {
    let days = Days::new(7 * k as u64);
    let mut c = d.clone();
    c.id = format!("{}#{k}", d.id);
    c.dct = d.dct.map(|x| x + days);
    for m in &mut c.mentions {
        m.span = m.span.map(|(a, b)| (a + days, b + days));
        m.date = m.date.as_deref().map(|v| shift_value(v, days));
        m.end_date = m.end_date.as_deref().map(|v| shift_value(v, days));
        match &mut m.time_evidence {
            TimeEvidence::Timex { value, .. } => {
                *value = shift_value(value, days);
            }
            TimeEvidence::DctBound { dct, .. } => *dct = *dct + days,
            TimeEvidence::Holds { .. } | TimeEvidence::None => {}
        }
    }
    c
}

/// Writes copies of `base` as mention lines until `n` mentions are
/// written; returns the numbers of documents and mentions.
fn write_lines(
    base: &[DocumentMentions],
    n: usize,
    path: &Path,
) -> (usize, usize) {
    let file = std::fs::File::create(path).expect("creating the line file");
    let mut out = std::io::BufWriter::new(file);
    let (mut docs, mut mentions) = (0, 0);
    'copies: for k in 0.. {
        for d in base {
            if mentions >= n {
                break 'copies;
            }
            let c = copy(d, k);
            serde_json::to_writer(&mut out, &c).expect("writing a line");
            out.write_all(b"\n").expect("writing a line");
            docs += 1;
            mentions += c.mentions.len();
        }
    }
    out.flush().expect("writing the line file");
    (docs, mentions)
}

/// What `/usr/bin/time -v` reports: wall-clock and CPU seconds, peak
/// RSS in MB.
fn time_command(bin: &str, lines: &Path, report: &Path) -> (f64, f64, f64) {
    let status = Command::new("/usr/bin/time")
        .arg("-v")
        .arg("-o")
        .arg(report)
        .arg(bin)
        .arg("merge")
        .arg(lines)
        .arg("--quiet")
        .stdout(Stdio::null())
        .status()
        .expect("running /usr/bin/time -v timeline merge");
    assert!(status.success(), "timeline merge failed");
    let text = std::fs::read_to_string(report).expect("the time report");
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim_start_matches(':').trim().to_string())
            .unwrap_or_default()
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
        .split(':')
        .fold(0.0, |s, part| s * 60.0 + part.parse::<f64>().unwrap_or(0.0));
    let cpu = field("User time (seconds)").parse::<f64>().unwrap_or(0.0)
        + field("System time (seconds)").parse::<f64>().unwrap_or(0.0);
    let rss = field("Maximum resident set size (kbytes)")
        .parse::<f64>()
        .unwrap_or(0.0)
        / 1024.0;
    (wall, cpu, rss)
}

/// The CPU seconds this process has used so far (user and system), from
/// /proc; 0 where there is none.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which ends with the last ')':
    // utime and stime are the 12th and 13th, in ticks of 1/100 s.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let Some(args) = args() else {
        eprintln!(
            "merge_scale: skipped (usage: cargo bench --bench merge_scale \
             -- DEV_DATA_DIR [SIZES...] [--keep DIR] [--bin PATH])"
        );
        return;
    };
    let bin = args
        .bin
        .clone()
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_timeline").to_string());
    let docs: Vec<_> = document::read_paths(
        std::slice::from_ref(&args.data),
        &ReadOptions::default(),
    )
    .into_iter()
    .filter_map(Result::ok)
    .collect();
    let base = timeline::mentions(&docs, None);
    let per: usize = base.iter().map(|d| d.mentions.len()).sum();
    assert!(per > 0, "no mentions in {}", args.data.display());
    let scratch = std::env::temp_dir()
        .join(format!("merge_scale-{}", std::process::id()));
    let dir = args.keep.clone().unwrap_or_else(|| scratch.clone());
    std::fs::create_dir_all(&dir).expect("creating the line directory");
    println!(
        "{} documents, {per} mentions per copy ({} cores; load average {})",
        base.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("{:>25} | {:<31} | timeline merge (json)", "", "library");
    println!(
        "{:>9} {:>7} {:>7} | {:>7} {:>7} {:>7} {:>7} | {:>7} {:>7} {:>8}",
        "mentions",
        "docs",
        "events",
        "read s",
        "merge s",
        "cpu s",
        "json s",
        "wall s",
        "cpu s",
        "RSS MB"
    );
    for &n in &args.sizes {
        let lines = dir.join(format!("mentions-{n}.jsonl"));
        let (ndocs, nmentions) = write_lines(&base, n, &lines);
        let t = Instant::now();
        let found: Vec<DocumentMentions> =
            mention_lines::read_paths(std::slice::from_ref(&lines))
                .into_iter()
                .map(|d| d.expect("a line the bench wrote reads back"))
                .collect();
        let read = t.elapsed().as_secs_f64();
        let (t, c) = (Instant::now(), cpu_seconds());
        let tl = timeline::timeline(found);
        let merge = t.elapsed().as_secs_f64();
        let merge_cpu = cpu_seconds() - c;
        let t = Instant::now();
        let json = output::Format::Json.render(&tl);
        let render = t.elapsed().as_secs_f64();
        let events = tl.events.len();
        drop((json, tl));
        let (wall, cpu, rss) =
            time_command(&bin, &lines, &dir.join("time.txt"));
        println!(
            "{nmentions:>9} {ndocs:>7} {events:>7} | {read:>7.2} \
             {merge:>7.2} {merge_cpu:>7.2} {render:>7.2} | {wall:>7.2} \
             {cpu:>7.2} {rss:>8.0}"
        );
        if args.keep.is_none() {
            let _ = std::fs::remove_file(&lines);
        }
    }
    let _ = std::fs::remove_file(dir.join("time.txt"));
    let _ = std::fs::remove_dir(&scratch);
}
