//! `timeline extract --format html`: the page is one self-contained
//! file, carries the same timeline as `--format json`, cannot be broken
//! into by article text, and is the same bytes for the same input.
//!
//! What the page does in a browser is checked by `tests/browser/`.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn path_arg(rel: &str) -> String {
    root().join(rel).to_str().expect("UTF-8 paths").to_owned()
}

fn extract(args: &[String]) -> String {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .arg("extract")
        .args(args)
        .arg("-q")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn page(inputs: &[String]) -> String {
    let mut args = inputs.to_vec();
    args.extend(["--format".to_owned(), "html".to_owned()]);
    extract(&args)
}

fn examples() -> Vec<String> {
    vec![path_arg("examples/syria-2017")]
}

/// Articles that quote markup: `<script>`, `<img onerror>`, `<svg
/// onload>`, `</script>`, U+2028 and the template's own markers.
fn hostile() -> Vec<String> {
    vec![
        path_arg("tests/browser/hostile"),
        path_arg("tests/fixtures/extract/script.txt"),
    ]
}

/// The values of every `attr="..."` in `html`.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

/// The JSON in the page's data element.
fn embedded(html: &str) -> Json {
    let open = "<script type=\"application/json\" id=\"timeline-data\">";
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("the data is JSON")
}

#[test]
fn the_page_is_self_contained() {
    let html = page(&examples());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for remote in ["http://", "https://", "//cdn", "@import", "url("] {
        assert!(!html.contains(remote), "the page holds {remote:?}");
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<link"), "a linked resource");
    assert!(!lower.contains("<iframe"), "a frame");
    // No attribute loads anything: no src, and the only link is the
    // skip link within the page.
    assert!(attribute_values(&html, "src").is_empty());
    assert_eq!(attribute_values(&html, "href"), ["#events"]);
    // The Content-Security-Policy forbids every request besides.
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn the_page_carries_the_json_timeline() {
    let html = page(&examples());
    let data = embedded(&html);
    let json: Json =
        serde_json::from_str(&extract(&examples())).expect("JSON timeline");
    assert_eq!(data["timeline"], json);
    // One calendar placement per event, in the same order.
    let events = json["events"].as_array().expect("events");
    let dates = data["dates"].as_array().expect("dates");
    assert_eq!(dates.len(), events.len());
    let labels = &data["labels"];
    for (event, when) in events.iter().zip(dates) {
        assert_eq!(event["date"].is_null(), when["label"].is_null());
        assert_eq!(event["date"].is_null(), when["group"].is_null());
        // A date the calendar places reads the same in both.
        if let Some(date) = event["date"].as_str()
            && when["first"].is_string()
        {
            assert_eq!(labels[date], when["label"], "{date}");
        }
        // Every date a source disagrees with is labelled too.
        for conflict in event["date_conflicts"].as_array().expect("list") {
            let date = conflict["date"].as_str().expect("a date");
            assert!(labels[date].is_string(), "no label for {date}");
        }
    }
}

#[test]
fn article_markup_cannot_break_out_of_the_data() {
    let html = page(&hostile());
    let lower = html.to_ascii_lowercase();
    // Our two script elements (the data and the code), nothing else.
    assert_eq!(lower.matches("<script").count(), 2, "{html}");
    assert_eq!(lower.matches("</script").count(), 2, "{html}");
    for tag in ["<img", "<svg", "<iframe", "<object"] {
        assert!(!lower.contains(tag), "{tag} in the page");
    }
    assert!(!html.contains('\u{2028}') && !html.contains('\u{2029}'));
    // The markup is all there, as data: the article text round-trips.
    let data = embedded(&html);
    let json: Json =
        serde_json::from_str(&extract(&hostile())).expect("JSON timeline");
    assert_eq!(data["timeline"], json);
    let sentences = data.to_string();
    for quoted in
        ["<script>", "<img src=x onerror=", "<svg onload=", "</script>"]
    {
        assert!(sentences.contains(quoted), "{quoted} lost");
    }
}

#[test]
fn the_page_is_the_same_bytes_for_the_same_input() {
    let mut files: Vec<String> =
        std::fs::read_dir(root().join("examples/syria-2017"))
            .expect("the example corpus")
            .map(|e| {
                e.expect("entry").path().to_str().expect("UTF-8").to_owned()
            })
            .collect();
    files.sort();
    let forward = page(&files);
    assert_eq!(page(&files), forward);
    files.reverse();
    assert!(page(&files) == forward, "input order changed the page");
}

/// The page marks a mention's trigger and time expression at their
/// offsets from `sentence_start`: check they are there, in code points.
#[test]
fn mention_offsets_place_the_trigger_and_time_in_the_sentence() {
    let json: Json =
        serde_json::from_str(&extract(&examples())).expect("JSON timeline");
    let slice = |s: &[char], from: usize, to: usize| -> String {
        s.get(from..to).map(|c| c.iter().collect()).unwrap_or_default()
    };
    let mut timexes = 0;
    for event in json["events"].as_array().expect("events") {
        for m in event["mentions"].as_array().expect("mentions") {
            let sentence: Vec<char> =
                m["sentence"].as_str().expect("a sentence").chars().collect();
            let base = m["sentence_start"].as_u64().expect("an offset");
            let at = |key: &Json| {
                usize::try_from(key.as_u64().expect("an offset") - base)
                    .expect("fits")
            };
            let (start, end) = (at(&m["start"]), at(&m["end"]));
            assert_eq!(slice(&sentence, start, end), m["trigger"], "{m}");
            let time = &m["time_evidence"];
            if time["kind"] == "timex" {
                let (start, end) = (at(&time["start"]), at(&time["end"]));
                assert_eq!(slice(&sentence, start, end), time["text"], "{m}");
                timexes += 1;
            }
        }
    }
    assert!(timexes > 0, "some mentions are dated by an expression");
}
