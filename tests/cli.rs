//! The `timeline` binary, run as a user would: arguments, stdin, stdout,
//! stderr and exit status. Fixtures are in `tests/fixtures/cli/`.
//!
//! Tagger output is only checked through behaviour any reasonable tagger
//! has ("April 4" under a 2017-04-17 dateline is 2017-04-04), never as a
//! whole, since the rules keep being tuned.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::thread;

use chrono::NaiveDate;
use serde_json::Value as Json;
use timeline::document::parse_timeml;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name);
    path.to_str().expect("fixture paths are UTF-8").to_owned()
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_timeline"));
    cmd.args(args);
    cmd
}

/// Runs the binary to completion with `stdin` as its input.
fn run_with(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from a thread so that a full stdout pipe cannot deadlock us.
    let writer = thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("the writer thread does not panic");
    out
}

fn run(args: &[&str]) -> Output {
    run_with(args, b"")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn json(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}):\n{}", stdout(out))
    })
}

fn jsonl(out: &Output) -> Vec<Json> {
    stdout(out)
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"))
        })
        .collect()
}

/// The value of the timex whose text is `text` (surrounding spaces
/// aside).
fn value_of<'a>(doc: &'a Json, text: &str) -> &'a str {
    doc["timexes"]
        .as_array()
        .expect("timexes is an array")
        .iter()
        .find(|t| t["text"].as_str().map(str::trim) == Some(text))
        .unwrap_or_else(|| panic!("no timex {text:?} in {doc}"))["value"]
        .as_str()
        .expect("value is a string")
}

fn ids(docs: &[Json]) -> Vec<&str> {
    docs.iter().map(|d| d["id"].as_str().expect("id is a string")).collect()
}

// --- tag -------------------------------------------------------------------

#[test]
fn dateline_in_the_text_is_the_dct() {
    let out = run(&["tag", &fixture("posted.txt")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let docs = json(&out);
    let doc = &docs[0];
    assert_eq!(doc["id"], "posted");
    assert_eq!(doc["dct"], "2017-04-17");
    assert_eq!(doc["dct_source"], "text");
    assert_eq!(value_of(doc, "April 4"), "2017-04-04");
    // One document, nothing failed: no summary.
    assert_eq!(stderr(&out), "");
}

#[test]
fn dct_flag_overrides() {
    let out = run(&["tag", "--dct", "2016-04-13", &fixture("posted.txt")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = &json(&out)[0];
    assert_eq!(doc["dct"], "2016-04-13");
    assert_eq!(doc["dct_source"], "given");
    assert_eq!(value_of(doc, "April 4"), "2016-04-04");
    // Explicit dates do not depend on the DCT.
    assert_eq!(value_of(doc, "April 17, 2017"), "2017-04-17");
}

#[test]
fn bad_dct_is_a_usage_error_naming_the_value() {
    for bad in ["2017-13-45", "yesterday", "17/04/2017"] {
        let out = run(&["tag", "--dct", bad, &fixture("posted.txt")]);
        assert_eq!(code(&out), 2, "{bad}");
        assert!(out.stdout.is_empty());
        assert!(stderr(&out).contains(bad), "{bad}: {}", stderr(&out));
    }
}

#[test]
fn json_is_one_array_with_one_object_per_document() {
    let out =
        run(&["tag", &fixture("posted.txt"), &fixture("plain.txt"), "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let docs = json(&out);
    let docs = docs.as_array().expect("an array");
    assert_eq!(ids(docs), ["posted", "plain"]);
    for doc in docs {
        for key in ["id", "dct", "dct_source", "timexes"] {
            assert!(doc.get(key).is_some(), "{key} missing in {doc}");
        }
    }
    assert_eq!(stderr(&out), "", "--quiet and nothing failed");
}

#[test]
fn jsonl_is_one_line_per_document() {
    let out = run(&["tag", "--format", "jsonl", &fixture("mixed")]);
    let docs = jsonl(&out);
    assert_eq!(ids(&docs), ["a_good", "c_good"]);
    assert_eq!(value_of(&docs[1], "March 3, 2016"), "2016-03-03");
    assert!(stdout(&out).ends_with("}\n"));
}

#[test]
fn timex_offsets_point_into_the_text() {
    let text = std::fs::read_to_string(fixture("posted.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let out = run(&["tag", "--format", "jsonl", &fixture("posted.txt")]);
    let docs = jsonl(&out);
    let timexes = docs[0]["timexes"].as_array().unwrap();
    assert!(!timexes.is_empty());
    for t in timexes {
        let at = |k: &str| t[k].as_u64().unwrap() as usize;
        let span: String = chars[at("start")..at("end")].iter().collect();
        assert_eq!(span, t["text"].as_str().unwrap());
        assert_eq!(&text[at("start_byte")..at("end_byte")], span);
    }
}

#[test]
fn timeml_reads_back_to_the_same_text() {
    let path = fixture("posted.txt");
    let original = std::fs::read_to_string(&path).unwrap();
    let out = run(&["tag", "--format", "timeml", &path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (doc, timexes) = parse_timeml("posted", &stdout(&out))
        .unwrap_or_else(|e| panic!("{e}\n{}", stdout(&out)));
    assert_eq!(doc.text, original);
    // The DCT written is the one the tagger used (from the dateline).
    assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2017, 4, 17));
    let april4 = timexes.iter().find(|t| t.text == "April 4").unwrap();
    assert_eq!(april4.value, "2017-04-04");
}

#[test]
fn timeml_documents_are_separated_by_a_blank_line() {
    let out = run(&["tag", "--format", "timeml", &fixture("mixed")]);
    assert_eq!(code(&out), 1);
    let all = stdout(&out);
    // Text is escaped, so `</TimeML>` only ever closes a document.
    let parts: Vec<&str> = all.split_inclusive("</TimeML>\n").collect();
    assert_eq!(parts.len(), 2, "{all}");
    assert!(parts[1].starts_with("\n<?xml"), "{all}");
    for (part, id) in parts.iter().zip(["a_good", "c_good"]) {
        let (doc, _) = parse_timeml(id, part.trim_start())
            .unwrap_or_else(|e| panic!("{e}\n{part}"));
        let file = format!("mixed/{id}.txt");
        assert_eq!(doc.text, std::fs::read_to_string(fixture(&file)).unwrap());
    }
}

#[test]
fn a_bad_file_is_reported_and_the_others_tagged() {
    let out = run(&["tag", "--format", "jsonl", &fixture("mixed")]);
    assert_eq!(code(&out), 1);
    assert_eq!(ids(&jsonl(&out)), ["a_good", "c_good"]);
    let err = stderr(&out);
    assert!(err.contains("b_bad.txt"), "{err}");
    assert!(err.contains("error: "), "{err}");
    assert!(err.contains("timeline: 2 documents tagged, 1 failed"), "{err}");
    // --quiet never hides failures.
    let quiet = run(&["tag", "-q", "--format", "jsonl", &fixture("mixed")]);
    assert_eq!(code(&quiet), 1);
    assert!(stderr(&quiet).contains("1 failed"), "{}", stderr(&quiet));
}

#[test]
fn strict_stops_at_the_first_failure() {
    let out =
        run(&["tag", "--strict", "--format", "jsonl", &fixture("mixed")]);
    assert_eq!(code(&out), 1);
    // a_good comes before the bad file, c_good after it.
    assert_eq!(ids(&jsonl(&out)), ["a_good"]);
    let err = stderr(&out);
    assert!(err.contains("b_bad.txt"), "{err}");
    assert!(err.contains("timeline: 1 document tagged, 1 failed"), "{err}");
}

#[test]
fn summary_for_several_documents_unless_quiet() {
    let args = ["tag", &fixture("posted.txt"), &fixture("plain.txt")];
    let out = run(&args);
    assert_eq!(code(&out), 0);
    assert_eq!(stderr(&out), "timeline: 2 documents tagged, 0 failed\n");
    let quiet = run(&[&args[..], &["--quiet"]].concat());
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn missing_input_and_size_limit() {
    let missing = fixture("no-such-file.txt");
    let out = run(&["tag", &missing, &fixture("plain.txt")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no-such-file.txt"), "{}", stderr(&out));
    assert_eq!(ids(json(&out).as_array().unwrap()), ["plain"]);

    let out = run(&["tag", "--max-bytes", "10", &fixture("plain.txt")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));
}

#[test]
fn dash_reads_json_lines_from_stdin() {
    let input = concat!(
        r#"{"id": "one", "text": "The attack on April 4 killed 80.", "dct": "2017-04-13"}"#,
        "\n",
        r#"{"id": "two", "text": "Nothing happened."}"#,
        "\n",
    );
    let out = run_with(&["tag", "-", "--format", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let docs = jsonl(&out);
    assert_eq!(ids(&docs), ["one", "two"]);
    assert_eq!(docs[0]["dct_source"], "given");
    assert_eq!(value_of(&docs[0], "April 4"), "2017-04-04");

    let out = run_with(&["tag", "-"], b"{\"id\": \"x\"}\n");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Far more output than a pipe buffers, so the binary is still writing
    // when the reader goes away.
    let line = r#"{"id": "d", "text": "Posted April 17, 2017. On April 4 and March 3, 2016, then in May 2015 and last week."}"#;
    let input = format!("{line}\n").repeat(5_000);
    for format in ["jsonl", "json", "timeml"] {
        let mut child = command(&["tag", "-", "--format", format])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdin.take().unwrap();
        let bytes = input.clone().into_bytes();
        let writer = thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
        let mut head = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // stdout dropped: the pipe is closed.
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert_eq!(code(&out), 0, "{format}: {err}");
    }
}

// --- eval ------------------------------------------------------------------

#[test]
fn eval_prints_a_score_table() {
    let out = run(&["eval", "--gold", &fixture("gold")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("TinyBank"), "{table}");
    let total = table.lines().last().unwrap();
    let cells: Vec<&str> = total.split_whitespace().collect();
    // TOTAL, docs, gold: the README.txt next to the corpus is not scored.
    assert_eq!(cells[..3], ["TOTAL", "1", "4"], "{table}");
}

#[test]
fn eval_json_has_a_total() {
    let out = run(&["eval", "--gold", &fixture("gold"), "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let total = &report["total"];
    assert!(total.is_object(), "{report}");
    assert_eq!(total["documents"], 1);
    assert_eq!(total["gold"], 4);
    assert_eq!(report["corpora"][0]["name"], "TinyBank");
    // Explicit full dates: any tagger gets these.
    assert!(total["strict"]["matched"].as_u64().unwrap() >= 2, "{total}");
    assert!(total["value_correct"].as_u64().unwrap() >= 2, "{total}");
}

#[test]
fn eval_errors_listing() {
    let out = run(&["eval", "--gold", &fixture("gold"), "--errors", "5"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("\nerrors: "), "{}", stdout(&out));
    // The JSON report holds every error already.
    let out =
        run(&["eval", "--gold", &fixture("gold"), "--json", "--errors", "5"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn eval_bad_gold_file_fails_but_the_rest_is_scored() {
    let out = run(&[
        "eval",
        "--gold",
        &fixture("bad_gold/broken.tml"),
        &fixture("gold"),
        "--json",
    ]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("broken.tml"), "{}", stderr(&out));
    assert_eq!(json(&out)["total"]["documents"], 1);

    let out = run(&["eval", "--gold", &fixture("mixed")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no .tml file"), "{}", stderr(&out));
}

// --- help --------------------------------------------------------------------

#[test]
fn help_lists_commands_and_flags() {
    let out = run(&["--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for cmd in ["tag", "eval"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(cmd)),
            "{help}"
        );
    }
    let tag = stdout(&run(&["tag", "--help"]));
    for flag in ["--dct", "--format", "--max-bytes", "--strict", "--quiet"] {
        assert!(tag.contains(flag), "{flag}: {tag}");
    }
    let eval = stdout(&run(&["eval", "--help"]));
    for flag in ["--gold", "--json", "--errors"] {
        assert!(eval.contains(flag), "{flag}: {eval}");
    }
}
