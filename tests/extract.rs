//! `timeline extract` and the timeline formats: the binary run as a user
//! would on `examples/syria-2017` and `tests/fixtures/extract/`, the
//! pure renderers on hand-made timelines, and the checked-in JSON Schema.
//!
//! Nothing here depends on how events are merged: the corpus checks hold
//! for any merger (shape, determinism, escaping, filtering), and the
//! date handling of each format is checked on timelines built by hand.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;
use timeline::events::anchor::{Precision, TimeEvidence};
use timeline::events::{EventType, Factuality};
use timeline::merge::{Event, EventMention, SCHEMA_VERSION, Timeline};
use timeline::output::{jsonl, timelinejs, vis};

// ---------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn path_arg(p: &Path) -> String {
    p.to_str().expect("test paths are UTF-8").to_owned()
}

/// The five example articles, in path order.
fn example_files() -> Vec<String> {
    let dir = root().join("examples/syria-2017");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .expect("the example corpus is there")
        .map(|e| path_arg(&e.expect("listable").path()))
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "examples/syria-2017 has five articles");
    files
}

fn script_fixture() -> String {
    path_arg(&root().join("tests/fixtures/extract/script.txt"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .arg("extract")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `extract` on the example corpus with `extra` arguments.
fn run_examples(extra: &[&str]) -> Output {
    let files = example_files();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    run(&args)
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(out: &Output) -> Json {
    assert_eq!(code(out), 0, "stderr: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("timeline-extract-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------
// The JSON Schema
// ---------------------------------------------------------------------

fn schema_path() -> PathBuf {
    root().join("docs/timeline.schema.json")
}

#[test]
fn checked_in_schema_is_up_to_date() {
    let generated = timeline::output::json::schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::write(schema_path(), &generated).expect("schema written");
        return;
    }
    let on_disk = fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/timeline.schema.json is out of date with the timeline types; \
         regenerate it with `UPDATE_SCHEMA=1 cargo test --test extract \
         checked_in_schema_is_up_to_date` and commit it"
    );
}

fn schema() -> Json {
    let text = fs::read_to_string(schema_path()).expect("schema is there");
    serde_json::from_str(&text).expect("schema is JSON")
}

/// Checks `value` against the parts of JSON Schema that schemars emits
/// for the timeline types (`$ref`, `type`, `const`, `oneOf`, `anyOf`,
/// `properties`, `required`, `items`), and also that every field of an
/// object is one the schema documents. Returns the errors, with paths.
fn validate(
    root: &Json,
    schema: &Json,
    value: &Json,
    at: &str,
) -> Vec<String> {
    let mut errors = Vec::new();
    if let Some(r) = schema.get("$ref").and_then(Json::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local refs only");
        let def = &root["$defs"][name];
        assert!(!def.is_null(), "dangling $ref {r}");
        errors.extend(validate(root, def, value, at));
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Json::String(t) => vec![t.as_str()],
            Json::Array(ts) => ts.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        let matches = |t: &&str| match *t {
            "null" => value.is_null(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        };
        if !types.iter().any(matches) {
            errors.push(format!("{at}: {value} is not of type {types:?}"));
            return errors;
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        errors.push(format!("{at}: {value} is not {c}"));
    }
    for (key, all) in [("oneOf", false), ("anyOf", true)] {
        let Some(alternatives) = schema.get(key).and_then(Json::as_array)
        else {
            continue;
        };
        let fits = alternatives
            .iter()
            .filter(|s| validate(root, s, value, at).is_empty())
            .count();
        if fits == 0 || (!all && fits > 1) {
            errors.push(format!("{at}: {value} fits {fits} of its {key}"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Json::as_object);
        if let Some(required) = schema.get("required").and_then(Json::as_array)
        {
            for field in required.iter().filter_map(Json::as_str) {
                if !object.contains_key(field) {
                    errors.push(format!("{at}: required `{field}` missing"));
                }
            }
        }
        if let Some(properties) = properties {
            for (field, v) in object {
                match properties.get(field) {
                    Some(s) => errors.extend(validate(
                        root,
                        s,
                        v,
                        &format!("{at}.{field}"),
                    )),
                    None => errors
                        .push(format!("{at}: undocumented field `{field}`")),
                }
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array())
    {
        for (i, v) in array.iter().enumerate() {
            errors.extend(validate(root, items, v, &format!("{at}[{i}]")));
        }
    }
    errors
}

#[test]
fn example_timeline_is_valid_against_the_schema() {
    let out = run_examples(&["-q"]);
    let json = json_of(&out);
    assert!(out.stdout.ends_with(b"}\n"), "pretty JSON and a newline");
    assert_eq!(json["schema_version"], SCHEMA_VERSION);
    assert_eq!(json["schema_version"], 1);
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    let ids: Vec<&str> =
        docs.iter().filter_map(|d| d["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "documents are sorted by id");
    assert!(!json["events"].as_array().expect("events").is_empty());
    let schema = schema();
    let errors = validate(&schema, &schema, &json, "$");
    assert!(errors.is_empty(), "schema violations:\n{}", errors.join("\n"));
}

#[test]
fn the_validator_catches_missing_and_wrong_fields() {
    let schema = schema();
    let bad = serde_json::json!({
        "schema_version": "1",
        "documents": [{"id": "a", "dct_source": "guessed", "extra": 1}],
        "events": [{"id": "x"}],
    });
    let errors = validate(&schema, &schema, &bad, "$").join("\n");
    assert!(errors.contains("$.schema_version"), "{errors}");
    assert!(errors.contains("$.documents[0].dct_source"), "{errors}");
    assert!(errors.contains("undocumented field `extra`"), "{errors}");
    assert!(errors.contains("required `summary` missing"), "{errors}");
}

// ---------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------

#[test]
fn output_does_not_depend_on_input_order() {
    let files = example_files();
    let forward: Vec<&str> = files.iter().map(String::as_str).collect();
    let mut backward = forward.clone();
    backward.reverse();
    let a = run(&forward);
    let b = run(&backward);
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(code(&b), 0, "{}", stderr(&b));
    assert!(a.stdout == b.stdout, "reversed input changed the output");
}

#[test]
fn summary_line_counts_documents_and_events() {
    let out = run_examples(&[]);
    let events = json_of(&out)["events"].as_array().expect("events").len();
    assert_eq!(
        stderr(&out),
        format!("timeline: 5 documents read, 0 failed, {events} events\n")
    );
    let quiet = run_examples(&["--quiet"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn an_unreadable_input_is_reported_and_the_rest_still_merged() {
    let missing = path_arg(&root().join("tests/fixtures/extract/missing.txt"));
    let out = run(&[&script_fixture(), &missing]);
    assert_eq!(code(&out), 1);
    let json: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error:") && err.contains("missing.txt"), "{err}");
    assert!(err.contains("1 document read, 1 failed"), "{err}");
}

#[test]
fn every_format_is_json() {
    let jsonl = run_examples(&["-q", "--format", "jsonl"]);
    assert_eq!(code(&jsonl), 0);
    let lines: Vec<Json> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(!lines.is_empty());
    assert!(
        lines.iter().all(|e| e["id"].is_string() && e["type"].is_string())
    );

    let tl = json_of(&run_examples(&["-q", "--format", "timelinejs"]));
    let slides = tl["events"].as_array().expect("TimelineJS events");
    assert!(!slides.is_empty());
    for s in slides {
        assert!(s["start_date"]["year"].is_string(), "{s}");
        assert!(s["text"]["headline"].is_string(), "{s}");
        assert!(s["unique_id"].is_string(), "{s}");
    }

    let items = json_of(&run_examples(&["-q", "--format", "vis"]));
    let items = items.as_array().expect("vis items array");
    assert!(!items.is_empty());
    for item in items {
        let start = item["start"].as_str().expect("start");
        match item["type"].as_str() {
            Some("point") => assert!(item.get("end").is_none(), "{item}"),
            Some("range") => {
                let end = item["end"].as_str().expect("a range ends");
                assert!(end > start, "{item}");
            }
            other => panic!("item type {other:?}"),
        }
    }
}

#[test]
fn html_formats_escape_article_markup() {
    let fixture = script_fixture();
    // The article's text reaches the JSON as written...
    let raw = stdout(&run(&[&fixture, "-q"]));
    assert!(raw.contains("<script>alert(1)</script>"), "{raw}");
    // ...but never as markup where a viewer renders HTML.
    for format in ["timelinejs", "vis"] {
        let out = run(&[&fixture, "-q", "--format", format]);
        json_of(&out);
        let text = stdout(&out);
        assert!(!text.contains("<script"), "{format}: {text}");
        assert!(text.contains("&lt;script&gt;alert(1)"), "{format}: {text}");
    }
}

#[test]
fn output_file_is_written_whole_with_no_temporary_left() {
    let dir = scratch("out");
    let file = dir.join("timeline.json");
    let out = run_examples(&["-q", "-o", &path_arg(&file)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let written = fs::read(&file).expect("the file is written");
    assert_eq!(written, run_examples(&["-q"]).stdout);
    assert_eq!(entries(&dir), ["timeline.json"]);
    // Replacing it works the same way.
    let again =
        run_examples(&["-q", "--format", "vis", "-o", &path_arg(&file)]);
    assert_eq!(code(&again), 0);
    assert!(fs::read(&file).expect("readable").starts_with(b"["));
    assert_eq!(entries(&dir), ["timeline.json"]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn output_into_a_missing_directory_fails_and_leaves_nothing() {
    let dir = scratch("missing");
    let file = dir.join("no/such/dir/timeline.json");
    let out = run(&[&script_fixture(), "-q", "-o", &path_arg(&file)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("error: writing "), "{}", stderr(&out));
    assert!(entries(&dir).is_empty());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn about_keeps_only_events_involving_the_name() {
    let all = json_of(&run_examples(&["-q"]));
    let russia = json_of(&run_examples(&["-q", "--about", "Russia"]));
    let n = |t: &Json| t["events"].as_array().map_or(0, Vec::len);
    assert!(n(&russia) > 0 && n(&russia) < n(&all));
    assert_eq!(russia["documents"], all["documents"], "documents are kept");
    let has = |list: &Json, name: &str| {
        list.as_array().is_some_and(|l| l.iter().any(|x| x == name))
    };
    for e in russia["events"].as_array().expect("events") {
        assert!(has(&e["actors"], "Russia") || has(&e["places"], "Russia"));
    }
    // Every event about Russia is kept.
    let about = all["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| has(&e["actors"], "Russia") || has(&e["places"], "Russia"))
        .count();
    assert_eq!(n(&russia), about);
    // An alias finds the same events.
    let alias = run_examples(&["-q", "--about", "Russian Federation"]);
    assert_eq!(json_of(&alias), russia);
}

// ---------------------------------------------------------------------
// The renderers, on timelines made by hand
// ---------------------------------------------------------------------

fn event(id: &str, date: Option<&str>, precision: Option<Precision>) -> Event {
    Event {
        id: id.to_owned(),
        kind: EventType::MilitaryStrike,
        title: "Strike & <b>counter</b>".to_owned(),
        summary: "The army's \"strike\" on the base.".to_owned(),
        date: date.map(str::to_owned),
        end_date: None,
        precision,
        confidence: 0.9,
        factuality: Factuality::Actual,
        actors: vec!["Syria".to_owned()],
        places: Vec::new(),
        date_conflicts: Vec::new(),
        first_day: None,
        mentions: ["b", "a", "b"]
            .iter()
            .map(|doc| EventMention {
                doc: (*doc).to_owned(),
                start: 11,
                end: 17,
                sentence: "The army's strike.".into(),
                sentence_start: 0,
                trigger: "strike".to_owned(),
                date: date.map(str::to_owned),
                time_evidence: TimeEvidence::None,
            })
            .collect(),
    }
}

fn timeline_of(events: Vec<Event>) -> Timeline {
    Timeline { schema_version: SCHEMA_VERSION, documents: Vec::new(), events }
}

fn dates() -> Timeline {
    let mut lasting =
        event("lasting", Some("2017-04-04"), Some(Precision::Day));
    lasting.end_date = Some("2017-04-06".to_owned());
    let mut backwards =
        event("back", Some("2017-04-04"), Some(Precision::Day));
    backwards.end_date = Some("2017-04-01".to_owned());
    timeline_of(vec![
        event("day", Some("2017-04-04"), Some(Precision::Day)),
        event("week", Some("2017-W15"), Some(Precision::Week)),
        event("month", Some("2017-04"), Some(Precision::Month)),
        event("quarter", Some("2017-Q2"), Some(Precision::Quarter)),
        event("year", Some("2017"), Some(Precision::Year)),
        lasting,
        backwards,
        event("vague", Some("XXXX-04-04"), Some(Precision::Day)),
        event("undated", None, None),
    ])
}

fn parse(text: &str) -> Json {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn timelinejs_dates_follow_the_precision() {
    let tl = parse(&timelinejs::render(&dates()));
    let slides = tl["events"].as_array().expect("events");
    let by_id = |id: &str| {
        slides
            .iter()
            .find(|s| s["unique_id"] == id)
            .unwrap_or_else(|| panic!("no slide {id}"))
    };
    let ymd = |y: &str, m: &str, d: &str| serde_json::json!({"year": y, "month": m, "day": d});
    assert_eq!(by_id("day")["start_date"], ymd("2017", "4", "4"));
    assert!(by_id("day").get("end_date").is_none());
    assert_eq!(
        by_id("week")["start_date"],
        serde_json::json!({"year": "2017", "month": "4", "day": "10",
            "display_date": "Week 15, 2017"})
    );
    assert_eq!(
        by_id("month")["start_date"],
        serde_json::json!({"year": "2017", "month": "4"})
    );
    assert_eq!(
        by_id("quarter")["start_date"]["display_date"],
        serde_json::json!("Q2 2017")
    );
    assert_eq!(
        by_id("year")["start_date"],
        serde_json::json!({"year": "2017"})
    );
    assert_eq!(by_id("lasting")["end_date"], ymd("2017", "4", "6"));
    assert!(by_id("back").get("end_date").is_none(), "ends before it starts");
    // TimelineJS needs a date: undated and vague events are left out.
    assert_eq!(slides.len(), 7);
    let day = by_id("day");
    assert_eq!(day["group"], "MilitaryStrike");
    assert_eq!(
        day["text"]["headline"],
        "Strike &amp; &lt;b&gt;counter&lt;/b&gt;"
    );
    assert_eq!(
        day["text"]["text"],
        "<p>The army&#39;s &quot;strike&quot; on the base.</p>\
         <p>Sources: a, b</p>"
    );
}

#[test]
fn vis_items_are_points_or_ranges_with_exclusive_ends() {
    let items = parse(&vis::render(&dates()));
    let items = items.as_array().expect("items");
    let by_id = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"))
    };
    let day = by_id("day");
    assert_eq!(day["type"], "point");
    assert_eq!(day["start"], "2017-04-04");
    assert!(day.get("end").is_none());
    let span = |id: &str| {
        let i = by_id(id);
        assert_eq!(i["type"], "range", "{i}");
        (i["start"].as_str().unwrap_or(""), i["end"].as_str().unwrap_or(""))
    };
    assert_eq!(span("week"), ("2017-04-10", "2017-04-17"));
    assert_eq!(span("month"), ("2017-04-01", "2017-05-01"));
    assert_eq!(span("quarter"), ("2017-04-01", "2017-07-01"));
    assert_eq!(span("year"), ("2017-01-01", "2018-01-01"));
    assert_eq!(span("lasting"), ("2017-04-04", "2017-04-07"));
    assert_eq!(by_id("back")["type"], "point");
    assert_eq!(items.len(), 7, "undated and vague events are left out");
    assert_eq!(day["content"], "Strike &amp; &lt;b&gt;counter&lt;/b&gt;");
    assert_eq!(day["title"], "The army&#39;s &quot;strike&quot; on the base.");
    assert_eq!(day["group"], "MilitaryStrike");
}

#[test]
fn jsonl_is_one_event_per_line() {
    let t = dates();
    let text = jsonl::render(&t);
    assert_eq!(text.lines().count(), t.events.len());
    assert!(text.ends_with('\n'));
    for (line, event) in text.lines().zip(&t.events) {
        assert_eq!(parse(line)["id"], event.id.as_str());
    }
    assert_eq!(jsonl::render(&timeline_of(Vec::new())), "");
}

#[test]
fn empty_timelines_render_as_empty_collections() {
    let empty = timeline_of(Vec::new());
    assert_eq!(
        parse(&timelinejs::render(&empty)),
        serde_json::json!({"events": []})
    );
    assert_eq!(parse(&vis::render(&empty)), serde_json::json!([]));
}

/// The JSON writers serialise events (and the pretty one documents) in
/// parallel batches, indented by the writer: their bytes must be
/// serde_json's printing of the whole timeline, for none, a few, and
/// more than one batch, on a thread of a pool or not.
#[test]
fn json_writer_matches_the_pretty_printer() {
    let few = dates();
    let mut many = few.clone();
    // More documents than a batch of them too, every other one with a
    // title, each with what must be escaped.
    many.documents = (0..1500)
        .map(|k| timeline::merge::DocumentInfo {
            id: format!("d \"{k}\"\nwith a line break"),
            title: (k % 2 == 0).then(|| format!("T{k}")),
            dct: None,
            dct_source: timeline::DctSource::None,
        })
        .collect();
    while many.events.len() < 2500 {
        many.events.extend(few.events.iter().cloned());
    }
    // Written from a thread of a pool of one, batches are made and
    // written in turn (waiting for them would hold the pool's thread).
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    for t in [timeline_of(Vec::new()), few, many] {
        let mut pretty = serde_json::to_string_pretty(&t).unwrap();
        pretty.push('\n');
        let lines = timeline::output::jsonl::render(&t);
        for in_pool in [false, true] {
            let write = |f: fn(_, &mut dyn std::io::Write) -> _| {
                let run = || {
                    let mut written = Vec::new();
                    let result: std::io::Result<()> = f(&t, &mut written);
                    result.unwrap();
                    String::from_utf8(written).unwrap()
                };
                if in_pool { one.install(run) } else { run() }
            };
            assert_eq!(write(timeline::output::json::write), pretty);
            assert_eq!(write(timeline::output::jsonl::write), lines);
        }
    }
}
