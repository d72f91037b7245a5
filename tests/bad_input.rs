//! The bad-input matrix: each kind of input the tool refuses, given
//! between two good documents. For each, the library returns the exact
//! error kind in the bad input's place, the CLI prints the exact message
//! and summary and exits with status 1, and the good documents' results
//! (`tag` and `extract` output) are byte for byte those of a run without
//! the bad input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use timeline::Error;
use timeline::document::{ReadOptions, read_paths, read_paths_noting};

const GOOD_TXT: &str = "Posted April 17, 2017\n\
    The attack on Khan Sheikhoun on April 4 killed more than 80 people. \
    The US launched 59 cruise missiles on Shayrat airfield last Thursday.\n";
const GOOD_JSON: &str = r#"{"id": "g2", "dct": "2017-04-13", "text": "Russia vetoed the resolution on Wednesday. Tillerson held talks with Lavrov in Moscow on April 12."}"#;

/// A fresh directory for one case, holding the two good documents.
fn setup(case: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad_input").join(case);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("g1.txt"), GOOD_TXT).unwrap();
    fs::write(dir.join("g2.json"), GOOD_JSON).unwrap();
    dir
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

fn run(args: &[String], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// One case: `bad` inputs between the good ones (with `stdin` fed to the
/// binary when one of them is `-`). `kinds` checks each error the
/// library gives, in order; `messages` are the CLI's `error:` lines.
struct Case<'a> {
    dir: &'a Path,
    bad: Vec<String>,
    flags: Vec<&'a str>,
    stdin: &'a [u8],
    kinds: &'a [fn(&Error) -> bool],
    messages: Vec<String>,
    /// Good documents inside the bad inputs (other lines of a `.jsonl`).
    also_read: usize,
}

impl Case<'_> {
    fn opts(&self) -> ReadOptions {
        let mut opts = ReadOptions::default();
        for w in self.flags.windows(2) {
            if w[0] == "--max-bytes" {
                opts.max_bytes = w[1].parse().unwrap();
            }
        }
        opts.lossy = self.flags.contains(&"--lossy");
        opts
    }

    fn check(&self) {
        let (g1, g2) =
            (s(&self.dir.join("g1.txt")), s(&self.dir.join("g2.json")));
        let with: Vec<String> =
            [vec![g1.clone()], self.bad.clone(), vec![g2.clone()]].concat();
        let without = vec![g1, g2];

        // The library: the errors in place, the good documents unchanged.
        let paths =
            |v: &[String]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        if !self.bad.iter().any(|b| b == "-") {
            let got = read_paths(&paths(&with), &self.opts());
            let errors: Vec<&Error> =
                got.iter().filter_map(|r| r.as_ref().err()).collect();
            assert_eq!(errors.len(), self.kinds.len(), "{:?}", errors);
            for (e, kind) in errors.iter().zip(self.kinds) {
                assert!(kind(e), "unexpected kind: {e:?}");
            }
            let messages: Vec<String> =
                errors.iter().map(|e| format!("error: {e}")).collect();
            assert_eq!(messages, self.messages);
            let docs: Vec<_> = got.into_iter().flatten().collect();
            let good: Vec<_> = read_paths(&paths(&without), &self.opts())
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(docs.len(), good.len() + self.also_read);
            assert_eq!(docs.first(), good.first());
            assert_eq!(docs.last(), good.last());
        }

        // The CLI: messages, summary, status, and the same output for the
        // good documents.
        for command in ["tag", "extract"] {
            let args = |inputs: &[String]| -> Vec<String> {
                let mut a = vec![command.to_owned()];
                if command == "tag" {
                    a.extend(["--format".to_owned(), "jsonl".to_owned()]);
                }
                a.extend(self.flags.iter().map(|f| (*f).to_owned()));
                a.extend(inputs.iter().cloned());
                a
            };
            let bad_run = run(&args(&with), self.stdin);
            let good_run = run(&args(&without), b"");
            assert_eq!(good_run.status.code(), Some(0));
            let err = String::from_utf8(bad_run.stderr.clone()).unwrap();
            let failed = self.messages.len();
            let status = if failed > 0 { 1 } else { 0 };
            assert_eq!(
                bad_run.status.code(),
                Some(status),
                "{command}: {err}"
            );
            let lines: Vec<&str> = err.lines().collect();
            let errors: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| l.starts_with("error: "))
                .collect();
            assert_eq!(errors, self.messages, "{command}");
            let read = 2 + self.also_read;
            let summary = if command == "tag" {
                format!("timeline: {read} documents tagged, {failed} failed")
            } else {
                format!("timeline: {read} documents read, {failed} failed, ")
            };
            assert!(
                lines.last().is_some_and(|l| l.starts_with(&summary)),
                "{command}: {err}"
            );
            if self.also_read == 0 {
                assert_eq!(
                    String::from_utf8_lossy(&bad_run.stdout),
                    String::from_utf8_lossy(&good_run.stdout),
                    "{command}"
                );
            }
        }
    }
}

fn case<'a>(dir: &'a Path, bad: &[&Path]) -> Case<'a> {
    Case {
        dir,
        bad: bad.iter().map(|p| s(p)).collect(),
        flags: Vec::new(),
        stdin: b"",
        kinds: &[],
        messages: Vec::new(),
        also_read: 0,
    }
}

#[test]
fn missing_file() {
    let dir = setup("missing");
    let bad = dir.join("no-such.txt");
    Case {
        kinds: &[|e| matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)],
        messages: vec![format!("error: {}: No such file or directory (os error 2)", s(&bad))],
        ..case(&dir, &[&bad])
    }
    .check();
}

#[test]
fn not_utf8_is_refused_with_the_offset_or_read_lossily_with_a_warning() {
    let dir = setup("not_utf8");
    let bad = dir.join("latin1.txt");
    fs::write(&bad, b"Posted April 17, 2017\nCaf\xe9 on April 4.\n").unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::NotUtf8 { valid_up_to: 25, .. })],
        messages: vec![format!(
            "error: {}: not valid UTF-8 (first bad byte at offset 25)",
            s(&bad)
        )],
        ..case(&dir, &[&bad])
    }
    .check();

    // --lossy: read, with a warning naming the file and the offset.
    let paths = [dir.join("g1.txt"), bad.clone()];
    let mut warnings = Vec::new();
    let opts = ReadOptions { lossy: true, ..ReadOptions::default() };
    let docs = read_paths_noting(&paths, &opts, &mut warnings);
    assert!(docs.iter().all(Result::is_ok));
    let last = docs.last().unwrap().as_ref().unwrap();
    assert_eq!(last.text, "Posted April 17, 2017\nCaf\u{FFFD} on April 4.\n");
    let warnings: Vec<String> =
        warnings.iter().map(ToString::to_string).collect();
    let warning = format!(
        "{}: not valid UTF-8 (first bad byte at offset 25): \
         1 invalid sequence replaced with U+FFFD",
        s(&bad)
    );
    assert_eq!(warnings, std::slice::from_ref(&warning));
    let out = run(&["tag".into(), "--lossy".into(), s(&bad)], b"");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err, format!("warning: {warning}\n"));
    assert!(String::from_utf8(out.stdout).unwrap().contains("2017-04-04"));
}

#[test]
fn binary_file() {
    let dir = setup("binary");
    let bad = dir.join("image.txt");
    fs::write(&bad, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::NotUtf8 { valid_up_to: 0, .. })],
        messages: vec![format!(
            "error: {}: not valid UTF-8 (first bad byte at offset 0)",
            s(&bad)
        )],
        ..case(&dir, &[&bad])
    }
    .check();
}

#[test]
fn empty_and_blank_files_and_an_empty_json_array() {
    let dir = setup("empty");
    let empty = dir.join("empty.txt");
    let blank = dir.join("blank.txt");
    let array = dir.join("none.json");
    let jsonl = dir.join("none.jsonl");
    fs::write(&empty, b"").unwrap();
    fs::write(&blank, b"\xEF\xBB\xBF \r\n\t\n").unwrap();
    fs::write(&array, b" [ ] ").unwrap();
    fs::write(&jsonl, b"\n\n").unwrap();
    let empty_kind: fn(&Error) -> bool = |e| matches!(e, Error::Empty { .. });
    Case {
        kinds: &[empty_kind; 4],
        messages: [&empty, &blank, &array, &jsonl]
            .iter()
            .map(|p| format!("error: {}: empty: no document in it", s(p)))
            .collect(),
        ..case(&dir, &[&empty, &blank, &array, &jsonl])
    }
    .check();
}

#[test]
fn malformed_json_and_wrong_field_types() {
    let dir = setup("json");
    let syntax = dir.join("syntax.json");
    fs::write(&syntax, br#"{"id": "x", "text": }"#).unwrap();
    let fields = dir.join("fields.json");
    fs::write(
        &fields,
        br#"[{"id": true, "text": "x"}, {"id": "a", "text": 5},
            {"id": "b"}, "text", {"id": "c", "text": "x", "dct": "13/04/2017"},
            {"id": "d", "text": "x", "title": ["t"]}]"#,
    )
    .unwrap();
    let p = s(&fields);
    Case {
        kinds: &[
            |e| matches!(e, Error::BadJson { .. }),
            |e| matches!(e, Error::BadField { field: "id", .. }),
            |e| matches!(e, Error::BadField { field: "text", .. }),
            |e| matches!(e, Error::MissingField { field: "text", .. }),
            |e| matches!(e, Error::NotAnObject { found: "a string", .. }),
            |e| matches!(e, Error::BadDct { .. }),
            |e| matches!(e, Error::BadField { field: "title", .. }),
        ],
        messages: vec![
            format!(
                "error: {}: not a JSON document: expected value at line 1 column 21",
                s(&syntax)
            ),
            format!("error: {p}: item 1: field `id` must be a string or a number, found a boolean"),
            format!("error: {p}: item 2: field `text` must be a string, found a number"),
            format!("error: {p}: item 3: missing required field `text`"),
            format!("error: {p}: item 4: expected a JSON object, found a string"),
            format!(
                "error: {p}: document \"c\": dct \"13/04/2017\" is not a date \
                 (expected YYYY-MM-DD or an ISO 8601 date-time)"
            ),
            format!("error: {p}: item 6: field `title` must be a string, found an array"),
        ],
        ..case(&dir, &[&syntax, &fields])
    }
    .check();
}

#[test]
fn a_bad_json_line_loses_only_that_line() {
    let dir = setup("jsonl");
    let bad = dir.join("mixed.jsonl");
    fs::write(
        &bad,
        b"{\"id\": \"l1\", \"text\": \"On Monday it rained.\"}\n\
          {\"id\": \"l2\", \"text\": \n\
          {\"id\": \"l3\", \"text\": \"It was sunny on Tuesday.\"}\n",
    )
    .unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::BadJsonLine { line: 2, .. })],
        messages: vec![format!(
            "error: {}: line 2: not a JSON document: EOF while parsing a value at line 1 column 21",
            s(&bad)
        )],
        also_read: 2,
        ..case(&dir, &[&bad])
    }
    .check();
}

#[test]
fn stdin_json_lines_with_a_bad_line() {
    let dir = setup("stdin");
    Case {
        stdin: b"{\"id\": \"s1\", \"text\": \"x\"}\n[1, 2]\n",
        kinds: &[],
        messages: vec![
            "error: -: line 2: expected a JSON object, found an array"
                .to_owned(),
        ],
        also_read: 1,
        ..case(&dir, &[Path::new("-")])
    }
    .check();
}

#[test]
fn malformed_timeml() {
    let dir = setup("timeml");
    let bad = dir.join("broken.tml");
    fs::write(
        &bad,
        "<TimeML>\n<TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\">Monday</TEXT>\n</TimeML>\n",
    )
    .unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::BadTimeMl { .. })],
        messages: vec![format!(
            "error: {}: line 2: ill-formed document: expected `</TIMEX3>`, but `</TEXT>` was found",
            s(&bad)
        )],
        ..case(&dir, &[&bad])
    }
    .check();
}

#[test]
fn too_large() {
    let dir = setup("large");
    let bad = dir.join("big.txt");
    fs::write(&bad, "April 4. ".repeat(100)).unwrap();
    Case {
        flags: vec!["--max-bytes", "600"],
        kinds: &[|e| {
            matches!(e, Error::TooLarge { size: 900, limit: 600, .. })
        }],
        messages: vec![format!(
            "error: {}: too large: 900 bytes or more, the limit is 600 bytes",
            s(&bad)
        )],
        ..case(&dir, &[&bad])
    }
    .check();
}

/// Reading fails part way (`/proc/self/mem` gives EIO at offset 0, even
/// to root, for whom no permission bit makes a file unreadable).
#[cfg(target_os = "linux")]
#[test]
fn an_io_error_while_reading() {
    let dir = setup("io");
    let bad = dir.join("mem.txt");
    std::os::unix::fs::symlink("/proc/self/mem", &bad).unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::Io { .. })],
        messages: vec![format!(
            "error: {}: Input/output error (os error 5)",
            s(&bad)
        )],
        ..case(&dir, &[&bad])
    }
    .check();
}

/// A directory: a symlink loop is walked once, a dangling link that
/// looks like an input is reported, other files are ignored.
#[cfg(unix)]
#[test]
fn directories_with_link_loops_and_dangling_links() {
    let dir = setup("dirs");
    let sub = dir.join("sub");
    fs::create_dir_all(sub.join("deeper")).unwrap();
    fs::write(sub.join("deeper/notes.md"), "April 4").unwrap();
    std::os::unix::fs::symlink(&sub, sub.join("deeper/loop")).unwrap();
    std::os::unix::fs::symlink(sub.join("gone.txt"), sub.join("dangling.txt"))
        .unwrap();
    let dangling = sub.join("dangling.txt");
    Case {
        kinds: &[|e| matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)],
        messages: vec![format!("error: {}: No such file or directory (os error 2)", s(&dangling))],
        ..case(&dir, &[&sub])
    }
    .check();
    // A directory with no input in it is an error too: silence would
    // look like success.
    let empty = dir.join("nothing");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("readme.md"), "x").unwrap();
    Case {
        kinds: &[|e| matches!(e, Error::Empty { .. })],
        messages: vec![format!(
            "error: {}: empty: no document in it",
            s(&empty)
        )],
        ..case(&dir, &[&empty])
    }
    .check();
}

/// Several failures with --strict: the first stops the run.
#[test]
fn strict_stops_at_the_first_bad_input() {
    let dir = setup("strict");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    fs::write(&a, "").unwrap();
    fs::write(&b, "").unwrap();
    let out = run(
        &[
            "tag".into(),
            "--strict".into(),
            s(&dir.join("g1.txt")),
            s(&a),
            s(&b),
            s(&dir.join("g2.json")),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "error: {}: empty: no document in it\n\
             timeline: 1 document tagged, 1 failed (stopped at the first failure: --strict)\n",
            s(&a)
        )
    );
    for (command, summary) in [
        ("mentions", "timeline: 1 document read, 1 failed"),
        ("extract", "timeline: 1 document read, 1 failed, "),
    ] {
        let out = run(
            &[
                command.into(),
                "--strict".into(),
                s(&dir.join("g1.txt")),
                s(&a),
                s(&b),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        let last = err.lines().last().unwrap_or("");
        assert!(last.starts_with(summary), "{command}: {err}");
        assert!(
            last.ends_with(" (stopped at the first failure: --strict)"),
            "{command}: {err}"
        );
    }
}

/// Two documents with one id: both are processed and the CLI says so;
/// nothing is dropped.
#[test]
fn duplicate_ids_are_kept_and_reported() {
    let dir = setup("dup");
    let twin = dir.join("twin.json");
    fs::write(
        &twin,
        r#"{"id": "g2", "text": "The vote was held on Monday."}"#,
    )
    .unwrap();
    let paths = [dir.join("g2.json"), twin.clone()];
    let docs = read_paths(&paths, &ReadOptions::default());
    assert_eq!(docs.iter().flatten().filter(|d| d.id == "g2").count(), 2);
    let out = run(
        &[
            "tag".into(),
            "--format".into(),
            "jsonl".into(),
            s(&paths[0]),
            s(&twin),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "warning: 2 documents have the id \"g2\"; each is processed, and \
         their results carry the same id\n\
         timeline: 2 documents tagged, 0 failed\n"
    );
    let out = run(&["extract".into(), s(&paths[0]), s(&twin)], b"");
    let timeline: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(timeline["documents"].as_array().unwrap().len(), 2);
}
