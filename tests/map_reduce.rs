//! The map and reduce steps apart: `timeline mentions` (documents ->
//! mention lines) then `timeline merge` (mention lines -> timeline) must
//! give, byte for byte, what `timeline extract` gives in one process.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use timeline::DocumentMentions;

fn examples() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/syria-2017")
        .to_str()
        .expect("test paths are UTF-8")
        .to_owned()
}

fn timeline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `timeline ARGS` with `input` on stdin.
fn timeline_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input)
        .expect("stdin takes the input");
    child.wait_with_output().expect("the binary ends")
}

fn ok(out: Output) -> Vec<u8> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("timeline-map-reduce-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn example_mentions() -> Vec<u8> {
    ok(timeline(&["mentions", &examples(), "--quiet"]))
}

#[test]
fn merge_of_mentions_is_extract_in_every_format() {
    let lines = example_mentions();
    for format in ["json", "jsonl", "timelinejs", "vis"] {
        let extracted =
            ok(timeline(&["extract", &examples(), "--format", format]));
        let merged = ok(timeline_stdin(
            &["merge", "-", "--format", format, "--quiet"],
            &lines,
        ));
        assert!(!extracted.is_empty());
        assert!(
            merged == extracted,
            "--format {format}: merge differs from extract"
        );
    }
}

#[test]
fn merge_takes_about_and_output_as_extract_does() {
    let dir = scratch("about");
    let file = dir.join("m.jsonl");
    fs::write(&file, example_mentions()).expect("written");
    let file = file.to_str().expect("UTF-8").to_owned();
    let out = dir.join("t.json");
    let out = out.to_str().expect("UTF-8");
    ok(timeline(&["merge", &file, "--about", "Russia", "-o", out]));
    let extracted =
        ok(timeline(&["extract", &examples(), "--about", "Russia"]));
    assert_eq!(fs::read(out).expect("written whole"), extracted);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn mention_lines_split_across_files_in_any_order_merge_alike() {
    let lines = example_mentions();
    let text = String::from_utf8(lines.clone()).expect("UTF-8");
    let all: Vec<&str> = text.lines().collect();
    let dir = scratch("split");
    // Two "machines", each with some documents, written in reverse.
    let (a, b) = all.split_at(2);
    let rev = |part: &[&str]| {
        part.iter().rev().map(|l| format!("{l}\n")).collect::<String>()
    };
    fs::write(dir.join("part-1"), rev(a)).expect("written");
    fs::write(dir.join("part-0"), rev(b)).expect("written");
    // Left by distributed jobs; not mention lines.
    fs::write(dir.join("_SUCCESS"), "").expect("written");
    fs::write(dir.join(".part-0.crc"), "\u{1}").expect("written");
    let whole = ok(timeline_stdin(&["merge", "-", "--quiet"], &lines));
    let split =
        ok(timeline(&["merge", dir.to_str().expect("UTF-8"), "--quiet"]));
    assert_eq!(split, whole);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_rest_merged() {
    let mut lines = example_mentions();
    lines.extend_from_slice(b"{\"id\": \"x\"}\n");
    let out = timeline_stdin(&["merge", "-"], &lines);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("-: line 6: not a JSON document"), "{err}");
    assert!(err.contains("5 documents read, 1 failed"), "{err}");
    let good = ok(timeline(&["extract", &examples()]));
    assert_eq!(out.stdout, good);
}

#[test]
fn a_mention_of_an_unknown_lemma_is_refused() {
    let lines = example_mentions();
    let first = String::from_utf8(lines).expect("UTF-8");
    let first = first.lines().next().expect("a line");
    let bad = first.replacen("\"lemma\":\"", "\"lemma\":\"unheard-of ", 1);
    assert_ne!(bad, first, "the line has a mention");
    let out = timeline_stdin(&["merge", "-", "--strict"], bad.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown lemma \"unheard-of "), "{err}");
}

#[test]
fn empty_input_is_an_error() {
    let out = timeline_stdin(&["merge", "-"], b"\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
}

#[test]
fn every_mention_line_reads_back_to_what_was_written() {
    let text = String::from_utf8(example_mentions()).expect("UTF-8");
    let mut mentions = 0;
    for line in text.lines() {
        let doc: DocumentMentions =
            serde_json::from_str(line).expect("a mention line reads back");
        mentions += doc.mentions.len();
        assert_eq!(serde_json::to_string(&doc).expect("writes"), line);
    }
    assert!(mentions > 50, "{mentions}");
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    for cmd in [
        &["tag", "--format", "jsonl"][..],
        &["mentions"],
        &["extract", "--format", "jsonl"],
    ] {
        let with = |n: &str| {
            let mut args = cmd.to_vec();
            let ex = examples();
            args.extend(["--quiet", "--threads", n, ex.as_str()]);
            ok(timeline(&args))
        };
        let one = with("1");
        assert!(!one.is_empty());
        assert_eq!(with("2"), one, "{cmd:?}");
        assert_eq!(with("3"), one, "{cmd:?}");
    }
}

#[test]
fn mentions_writes_dated_documents_first_then_inferred_ones() {
    let text = String::from_utf8(example_mentions()).expect("UTF-8");
    let sources: Vec<String> = text
        .lines()
        .map(|l| {
            let doc: DocumentMentions = serde_json::from_str(l).expect("line");
            format!("{:?}", doc.dct_source)
        })
        .collect();
    // 000 and 003 state their date (in path order); the others have
    // none and wait for the events of those two.
    assert_eq!(sources, ["Text", "Text", "Inferred", "Inferred", "Inferred"]);
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            let doc: DocumentMentions = serde_json::from_str(l).expect("line");
            doc.id[..3].to_owned()
        })
        .collect();
    assert_eq!(ids, ["000", "003", "001", "002", "004"]);
}

/// The example articles, one path each, in path order.
fn example_files() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(examples())
        .expect("the example folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_str().expect("UTF-8").to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn two_rounds_over_single_files_give_extract() {
    // Each file run alone, as a partition of a cluster would run it:
    // first the dated documents, then the undated ones with the events
    // of all the dated ones (--known).
    let files = example_files();
    let mut dated = Vec::new();
    for f in &files {
        dated.extend(ok(timeline(&["mentions", f, "--only", "dated", "-q"])));
    }
    let dir = scratch("rounds");
    let known = dir.join("known.jsonl");
    fs::write(&known, &dated).expect("written");
    let known = known.to_str().expect("UTF-8");
    let mut lines = dated.clone();
    let mut alone = dated;
    for f in &files {
        let only = ["mentions", f, "--only", "undated", "-q"];
        lines.extend(ok(timeline(&[&only[..], &["--known", known]].concat())));
        alone.extend(ok(timeline(&only)));
    }
    let extracted = ok(timeline(&["extract", &examples()]));
    let merged = ok(timeline_stdin(&["merge", "-", "-q"], &lines));
    assert!(merged == extracted, "two rounds differ from extract");
    // Without the known events, an undated file alone infers its DCT
    // from its own text only, and says so differently.
    assert_ne!(alone, lines);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_known_lines_are_an_error() {
    let dir = scratch("bad-known");
    let known = dir.join("known.jsonl");
    fs::write(&known, "{\"id\": \"x\"\n").expect("written");
    let out = timeline(&[
        "mentions",
        &examples(),
        "--known",
        known.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--known"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}
