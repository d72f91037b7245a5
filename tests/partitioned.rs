//! The partitioned merge (`timeline merge --step key|cluster|assemble`,
//! `timeline::merge::partition`) gives, byte for byte, the timeline of
//! the single merge: on the example corpus, on documents whose events
//! and references to them lie on either side of quarter boundaries, and
//! on a block large enough to be compared sparsely.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use chrono::{Datelike, NaiveDate};
use timeline::merge::partition::{self, Piece, Record};
use timeline::merge::{Timeline, cluster, linkage};
use timeline::output::Format;
use timeline::{DctSource, Document, DocumentMentions};

const FORMATS: [Format; 5] = [
    Format::Json,
    Format::Jsonl,
    Format::TimelineJs,
    Format::Vis,
    Format::Html,
];

fn doc(id: &str, dct: NaiveDate, text: &str) -> Document {
    Document {
        id: id.into(),
        title: Some(format!("Title of {id}")),
        url: None,
        dct: Some(dct),
        dct_source: DctSource::Given,
        text: text.into(),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

fn single(found: &[DocumentMentions]) -> Timeline {
    timeline::timeline(found.to_vec())
}

/// The partitioned merge as an engine would run it, through the text of
/// its lines: `key` on each document, the lines of each partition
/// (those `keep` lets through) sent to one of three workers, each
/// running `cluster` on its lines in reverse order, and `assemble` on
/// the lines of all workers, last worker first.
fn partitioned(
    found: &[DocumentMentions],
    keep: impl Fn(&Piece<&timeline::events::Mention>) -> bool,
) -> Timeline {
    let mut workers: Vec<Vec<String>> = vec![Vec::new(); 3];
    let mut documents = Vec::new();
    for d in found {
        for record in partition::key(d) {
            match &record {
                Record::Piece(p) if !keep(p) => continue,
                Record::Piece(_) => {}
                _ => {
                    documents.push(record.line());
                    continue;
                }
            }
            let line = record.line();
            let (key, _) = line.split_once('\t').expect("KEY<TAB>JSON");
            let worker = key.bytes().map(usize::from).sum::<usize>() % 3;
            workers[worker].push(line);
        }
    }
    let mut out: Vec<String> = documents;
    for lines in &workers {
        let records = lines
            .iter()
            .rev()
            .map(|l| partition::parse(l).expect("a line reads back"))
            .collect();
        out.extend(partition::cluster(records).iter().map(Record::line));
    }
    let (mut docs, mut events) = (Vec::new(), Vec::new());
    for line in out.iter().rev() {
        match partition::parse(line).expect("a line reads back") {
            Record::Document(d) => docs.push(d),
            Record::Event(e) => events.push(e),
            Record::Piece(_) => panic!("cluster left a block piece"),
        }
    }
    partition::assemble(docs, events)
}

fn assert_same(found: &[DocumentMentions]) -> Timeline {
    let want = single(found);
    let got = partitioned(found, |_| true);
    for format in FORMATS {
        let (w, g) = (format.render(&want), format.render(&got));
        assert!(w == g, "{format:?}: the partitioned merge differs");
    }
    want
}

fn quarter(d: NaiveDate) -> i32 {
    d.year() * 4 + (d.month0() / 3) as i32
}

/// How many events hold an undated mention of a document written in
/// another quarter than the event's date: references that joined their
/// event across a boundary.
fn across_boundaries(tl: &Timeline) -> usize {
    let dcts: BTreeMap<&str, Option<NaiveDate>> =
        tl.documents.iter().map(|d| (d.id.as_str(), d.dct)).collect();
    tl.events
        .iter()
        .filter(|e| {
            let Some(first) = e.first_day else { return false };
            e.mentions.iter().any(|m| {
                m.date.is_none()
                    && dcts[m.doc.as_str()]
                        .is_some_and(|d| quarter(d) != quarter(first))
            })
        })
        .count()
}

const TOWNS: [&str; 24] = [
    "Kabul", "Tirana", "Algiers", "Luanda", "Yerevan", "Baku", "Dhaka",
    "Minsk", "Sofia", "Havana", "Nicosia", "Prague", "Quito", "Cairo",
    "Asmara", "Tallinn", "Helsinki", "Paris", "Tbilisi", "Berlin", "Accra",
    "Athens", "Budapest", "Homs",
];

/// Events in the last days of quarters, each referred back to from the
/// first days of the next quarter (undated definite descriptions); every
/// fifth with a rival event of the same type and town in the next
/// quarter, which leaves its reference where it is.
fn boundary_corpus(n: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    for i in 0..n {
        let year = 2011 + (i / 4 % 8) as i32;
        let month = [3, 6, 9, 12][i % 4];
        let last = day(year, month, 1)
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .expect("a month ends");
        let next = last + chrono::Days::new(1 + (i % 4) as u64);
        let when = (last - chrono::Days::new(2 + (i % 3) as u64))
            .format("%B %-d, %Y")
            .to_string();
        let town = TOWNS[i % TOWNS.len()];
        let dead = 10 + i;
        let (event, reference, rival) = match i / 8 % 3 {
            0 => (
                format!(
                    "A bombing in the market of {town} on {when} killed \
                     {dead} people."
                ),
                format!(
                    "Officials said the bombing of the {town} market had \
                     been planned for weeks."
                ),
                format!(
                    "A bombing in the market of {town} on {} killed \
                     {} people.",
                    next.format("%B %-d, %Y"),
                    dead * 3
                ),
            ),
            1 => (
                format!(
                    "The air force launched missile strikes on {town} on \
                     {when}, officials said."
                ),
                "Diplomats in Brussels said the strikes had been launched \
                 without warning."
                    .to_owned(),
                format!(
                    "The air force launched missile strikes on {town} on \
                     {}, officials said.",
                    next.format("%B %-d, %Y")
                ),
            ),
            _ => (
                format!(
                    "The Security Council voted on {when} on a resolution \
                     about {town}."
                ),
                "China's decision to abstain from voting on the resolution \
                 surprised observers."
                    .to_owned(),
                format!(
                    "The Security Council voted on {} on a resolution \
                     about {town}.",
                    next.format("%B %-d, %Y")
                ),
            ),
        };
        docs.push(doc(&format!("e{i:03}"), last, &event));
        docs.push(doc(&format!("r{i:03}"), next, &reference));
        if i % 5 == 0 {
            docs.push(doc(&format!("v{i:03}"), next, &rival));
        }
    }
    docs
}

/// How many quarters after its block's a piece's partition is: -1 for
/// the halo sent to the quarter before, 1 for the quarter after.
fn shift<M>(p: &Piece<M>) -> Option<i32> {
    p.partition.1.zip(p.block.1).map(|(to, from)| to - from)
}

#[test]
fn the_example_corpus_gives_the_same_timeline() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/syria-2017");
    let docs: Vec<Document> =
        timeline::document::read_paths(&[dir], &Default::default())
            .into_iter()
            .map(|d| d.expect("example article reads"))
            .collect();
    let found = timeline::mentions(&docs, None);
    let tl = assert_same(&found);
    assert!(tl.events.len() > 10);
}

#[test]
fn references_across_quarter_boundaries_give_the_same_timeline() {
    let docs = boundary_corpus(96);
    let found = timeline::mentions(&docs, None);
    let tl = assert_same(&found);
    // The corpus crosses boundaries: references joined events of the
    // quarter before, and rivals kept others apart.
    let moved = across_boundaries(&tl);
    assert!(moved >= 24, "only {moved} events across a boundary");
    // Both halves of the halo matter: without the pieces sent to the
    // quarter before (the references that join its events), or without
    // those sent to the quarter after (the rivals of its references), the
    // timeline is another.
    let want = Format::Json.render(&tl);
    let no_back = partitioned(&found, |p| shift(p) != Some(-1));
    assert_ne!(Format::Json.render(&no_back), want);
    let no_forward = partitioned(&found, |p| shift(p) != Some(1));
    assert_ne!(Format::Json.render(&no_forward), want);
}

#[test]
fn a_block_compared_sparsely_gives_the_same_timeline() {
    // 261 bombings in the second quarter of 2019, each reported twice,
    // three a day told apart by their tolls (as in tests/merge.rs); the
    // last ones in real towns, which articles of early July refer back
    // to.
    let mut docs = Vec::new();
    let start = day(2019, 4, 1);
    for i in 0..261u64 {
        let on = start + chrono::Days::new(i % 87);
        let dead = [20, 300, 4000][(i / 87) as usize];
        let when = on.format("%B %-d").to_string();
        let town = if i % 87 >= 84 {
            TOWNS[(i % 24) as usize].to_owned()
        } else {
            format!("Qaryat{i}")
        };
        let reports = [
            format!(
                "A bombing in the market of {town} on {when} killed \
                 {dead} people."
            ),
            format!(
                "The bombing of the {town} market on {when} killed {dead} \
                 people, officials said."
            ),
        ];
        for (k, text) in reports.iter().enumerate() {
            docs.push(doc(&format!("d{i:03}-{k}"), day(2019, 6, 27), text));
        }
        if i % 87 >= 84 {
            let text = format!(
                "Officials said the bombing of the {town} market had been \
                 planned for weeks."
            );
            docs.push(doc(&format!("r{i:03}"), day(2019, 7, 2), &text));
        }
    }
    let found = timeline::mentions(&docs, None);
    // The block is past the limit of pairwise scoring.
    let q2: cluster::BlockKey =
        (timeline::events::EventType::Attack, Some(2019 * 4 + 1));
    let mut sentences = std::collections::HashSet::new();
    for d in &found {
        for record in partition::key(d) {
            if let Record::Piece(p) = record
                && p.partition == q2
                && p.block == q2
            {
                sentences
                    .extend(p.mentions.iter().map(|m| &m.mention.sentence));
            }
        }
    }
    assert!(
        sentences.len() > linkage::DENSE_LIMIT,
        "{} distinct mentions",
        sentences.len()
    );
    let tl = assert_same(&found);
    assert!(across_boundaries(&tl) >= 1);
}

fn timeline_cmd(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A usage error ends the command before it reads: a closed pipe.
    let _ = child.stdin.take().expect("piped").write_all(input);
    child.wait_with_output().expect("the binary ends")
}

fn ok(out: Output) -> Vec<u8> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_three_steps_of_the_cli_give_the_bytes_of_merge() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/syria-2017");
    let mentions = ok(timeline_cmd(&["mentions", examples, "--quiet"], b""));
    let keyed = ok(timeline_cmd(
        &["merge", "-", "--step", "key", "--quiet"],
        &mentions,
    ));
    // Lines of a partition may come in any order, and partitions in any
    // grouping: here every line in reverse.
    let mut lines: Vec<&[u8]> = keyed.split(|&b| b == b'\n').collect();
    lines.reverse();
    let reversed = lines.join(&b'\n');
    let events = ok(timeline_cmd(
        &["merge", "-", "--step", "cluster", "--quiet"],
        &reversed,
    ));
    for format in ["json", "jsonl", "timelinejs", "vis", "html"] {
        let want = ok(timeline_cmd(
            &["merge", "-", "--format", format, "--quiet"],
            &mentions,
        ));
        let got = ok(timeline_cmd(
            &["merge", "-", "--step", "assemble", "--format", format],
            &events,
        ));
        assert!(want == got, "--format {format}: the steps differ from merge");
    }
    // The timeline's options belong to the last step; block pieces are
    // not a timeline.
    let early = timeline_cmd(
        &["merge", "-", "--step", "key", "--format", "vis"],
        &mentions,
    );
    assert_eq!(early.status.code(), Some(2));
    let skipped = timeline_cmd(&["merge", "-", "--step", "assemble"], &keyed);
    assert_eq!(skipped.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&skipped.stderr).contains("--step cluster")
    );
}

#[test]
fn documents_that_share_an_id_give_the_same_timeline() {
    // Another article under an id already taken, and an exact copy of a
    // document: the order of documents with one id comes from their
    // content, which each document gives alone.
    let mut docs = boundary_corpus(16);
    let mut other = docs[3].clone();
    other.text = docs[6].text.clone();
    other.title = Some("Another title".into());
    docs.push(other);
    docs.push(docs[8].clone());
    let found = timeline::mentions(&docs, None);
    let tl = assert_same(&found);
    let mut reversed = found.clone();
    reversed.reverse();
    assert_eq!(partitioned(&reversed, |_| true), tl);
}
