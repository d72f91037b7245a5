//! The readers over the small files in `tests/fixtures/`.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use timeline::document::{
    DctSource, Document, ReadOptions, parse_timeml, read_file, read_jsonl,
    read_paths, read_timeml_file,
};
use timeline::output::timeml::write_timeml;
use timeline::{Error, TimexType};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn read(name: &str) -> Vec<Result<Document, Error>> {
    read_file(&fixture(name), &ReadOptions::default())
}

/// What a result looks like, briefly: the id, or the error variant.
fn outline(results: &[Result<Document, Error>]) -> Vec<String> {
    results
        .iter()
        .map(|r| match r {
            Ok(doc) => doc.id.clone(),
            Err(e) => {
                let debug = format!("{e:?}");
                let variant =
                    debug.split([' ', '(', '{']).next().unwrap_or("");
                format!("Err({variant})")
            }
        })
        .collect()
}

#[test]
fn each_fixture_reads_as_expected() {
    let cases: &[(&str, &[&str])] = &[
        ("article.txt", &["article"]),
        ("bom_crlf.txt", &["bom_crlf"]),
        ("story.text", &["story"]),
        ("single.json", &["syria-01"]),
        ("array.json", &["a1", "42", "a3"]),
        ("lines.jsonl", &["l1", "Err(BadJsonLine)", "l3"]),
        ("abc.tml", &["abc"]),
        ("broken.tml", &["Err(BadTimeMl)"]),
        ("bad_utf8.txt", &["Err(NotUtf8)"]),
        ("empty.txt", &["Err(Empty)"]),
        ("no-such-file.txt", &["Err(Io)"]),
    ];
    for (name, want) in cases {
        assert_eq!(outline(&read(name)), *want, "{name}");
    }
}

#[test]
fn txt_keeps_the_whole_text_and_takes_the_title() {
    let doc = read("article.txt").remove(0).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Quake hits coastal town"));
    assert!(doc.text.starts_with("\n  Quake hits coastal town  \n\nLISBON"));
    assert_eq!((doc.dct, doc.dct_source), (None, DctSource::None));
    assert_eq!(doc.url, None);
}

#[test]
fn bom_is_stripped_and_crlf_kept() {
    let doc = read("bom_crlf.txt").remove(0).unwrap();
    assert_eq!(doc.text, "CRLF title\r\nBody on Monday.\r\n");
    assert_eq!(doc.title.as_deref(), Some("CRLF title"));
}

#[test]
fn an_unknown_extension_is_read_as_text() {
    let doc = read("story.text").remove(0).unwrap();
    assert_eq!(doc.text, "Plain notes\nwritten on 4 April 2017.\n");
    assert_eq!(doc.title.as_deref(), Some("Plain notes"));
}

#[test]
fn json_object_fields() {
    let doc = read("single.json").remove(0).unwrap();
    assert_eq!(
        doc,
        Document {
            id: "syria-01".to_owned(),
            title: Some("Strike on air base".to_owned()),
            url: Some("https://example.com/syria-01".to_owned()),
            dct: ymd(2017, 4, 7),
            dct_source: DctSource::Given,
            text: "The United States fired missiles at an air base on Friday."
                .to_owned(),
        }
    );
}

#[test]
fn json_array_dcts() {
    let dcts: Vec<_> = read("array.json")
        .into_iter()
        .map(|r| r.map(|d| (d.dct, d.dct_source)).ok())
        .collect();
    assert_eq!(
        dcts,
        [
            Some((ymd(2017, 4, 4), DctSource::Given)),
            Some((ymd(2017, 4, 5), DctSource::Given)),
            Some((None, DctSource::None)),
        ]
    );
}

#[test]
fn jsonl_malformed_line_is_reported_with_its_number() {
    let results = read("lines.jsonl");
    let err = results[1].as_ref().unwrap_err();
    assert!(matches!(err, Error::BadJsonLine { line: 3, .. }), "{err:?}");
    let prefix = format!(
        "{}: line 3: not a JSON document: ",
        fixture("lines.jsonl").display()
    );
    assert!(err.to_string().starts_with(&prefix), "{err}");
    let last = results[2].as_ref().unwrap();
    assert_eq!(last.title.as_deref(), Some("Three"));
}

#[test]
fn jsonl_from_a_reader_names_its_origin() {
    let input = "{\"id\": \"s1\", \"text\": \"x\"}\nnot json\n";
    let results = read_jsonl(
        Cursor::new(input),
        Path::new("-"),
        &ReadOptions::default(),
    );
    assert_eq!(outline(&results), ["s1", "Err(BadJsonLine)"]);
    let message = results[1].as_ref().unwrap_err().to_string();
    assert!(
        message.starts_with("-: line 2: not a JSON document: "),
        "{message}"
    );
}

#[test]
fn timeml_file_with_gold() {
    let (doc, gold) =
        read_timeml_file(&fixture("abc.tml"), &ReadOptions::default())
            .unwrap();
    assert_eq!(doc.id, "abc");
    assert_eq!(doc.title.as_deref(), Some("Asian markets slide"));
    assert_eq!((doc.dct, doc.dct_source), (ymd(1998, 1, 8), DctSource::Given));
    assert!(doc.text.contains("Now AT&T “shares” fell late this evening.\n"));
    let got: Vec<_> = gold
        .iter()
        .map(|g| {
            (
                g.tid.as_str(),
                g.text.as_str(),
                g.kind,
                g.value.as_str(),
                g.modifier.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("t83", "week", TimexType::Duration, "P1W", None),
            ("t196", "Now", TimexType::Date, "PRESENT_REF", None),
            (
                "t197",
                "late this evening",
                TimexType::Date,
                "1998-01-08TEV",
                Some("END")
            ),
        ]
    );
    let chars: Vec<char> = doc.text.chars().collect();
    for g in &gold {
        let span: String = chars[g.start..g.end].iter().collect();
        assert_eq!(span, g.text);
    }
    // Plain reading gives the same document without the gold.
    assert_eq!(read("abc.tml").remove(0).unwrap(), doc);
}

#[test]
fn broken_timeml_says_where() {
    let err = read("broken.tml").remove(0).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("broken.tml: line 5: "), "{message}");
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    match read("bad_utf8.txt").remove(0) {
        Err(Error::NotUtf8 { path, valid_up_to }) => {
            assert_eq!(path, fixture("bad_utf8.txt"));
            assert_eq!(valid_up_to, "Café opened on ".len());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn too_large_files_are_refused_before_reading() {
    let tiny = ReadOptions { max_bytes: 10, ..ReadOptions::default() };
    let names = ["article.txt", "single.json", "abc.tml"];
    for name in names {
        let results = read_file(&fixture(name), &tiny);
        match &results[..] {
            [Err(Error::TooLarge { path, size, limit: 10 })] => {
                assert_eq!(path, &fixture(name));
                let real = std::fs::metadata(fixture(name)).unwrap().len();
                assert_eq!(*size, real, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    // JSON Lines stream: the limit holds for each line (document).
    let lines = read_file(&fixture("lines.jsonl"), &tiny);
    assert!(!lines.is_empty());
    assert!(
        lines
            .iter()
            .all(|r| matches!(r, Err(Error::LineTooLarge { limit: 10, .. }))),
        "{lines:?}"
    );
    // A file exactly at the limit is fine.
    let len = std::fs::metadata(fixture("story.text")).unwrap().len();
    let exact = ReadOptions { max_bytes: len, ..ReadOptions::default() };
    assert!(read_file(&fixture("story.text"), &exact)[0].is_ok());
}

#[test]
fn a_directory_reads_its_inputs_sorted_and_ignores_the_rest() {
    let results = read_paths(&[fixture("dir")], &ReadOptions::default());
    assert_eq!(outline(&results), ["a", "dir-b", "dir-c1", "dir-c2", "d"]);
    let d = results[4].as_ref().unwrap();
    assert_eq!(d.dct, ymd(2017, 4, 6));
    assert_eq!(d.text, "D on Thursday.");
}

#[test]
fn read_paths_accounts_for_every_input_in_order() {
    let paths = [
        fixture("array.json"),
        fixture("missing-dir"),
        fixture("dir/sub"),
        fixture("empty.txt"),
        fixture("dir/notes.md"),
        fixture("dir/empty-sub"),
    ];
    let results = read_paths(&paths, &ReadOptions::default());
    assert_eq!(
        outline(&results),
        [
            "a1",
            "42",
            "a3",
            "Err(Io)",
            "dir-c1",
            "dir-c2",
            "d",
            "Err(Empty)",
            "notes",
            "Err(Empty)",
        ]
    );
    let missing = results[3].as_ref().unwrap_err().to_string();
    assert!(
        missing
            .starts_with(&format!("{}: ", fixture("missing-dir").display()))
    );
}

#[test]
fn written_timeml_reads_back() {
    let (doc, gold) =
        read_timeml_file(&fixture("abc.tml"), &ReadOptions::default())
            .unwrap();
    let mut out = Vec::new();
    write_timeml(&doc, &[], &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let (back, none) = parse_timeml("abc", &xml).unwrap();
    assert_eq!(back, doc);
    assert!(none.is_empty() && !gold.is_empty());
}
