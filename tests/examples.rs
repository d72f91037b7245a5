//! Snapshots of `tag` output for each article of the bundled example
//! corpus, one snapshot per article, in the top-level `snapshots/`.
//!
//! Articles 000 and 003 state their publication date in the text; the
//! other three carry none, and are tagged with the DCT 2017-04-13 (the
//! Thursday after the Wednesday of the Moscow talks they report), as
//! the README's `--dct` example does.

use std::path::Path;

use chrono::NaiveDate;
use timeline::document::{ReadOptions, read_file};

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings
        .set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings
}

#[test]
fn tag_each_example_article() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/syria-2017");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    let fallback = NaiveDate::from_ymd_opt(2017, 4, 13);
    snapshot_settings().bind(|| {
        for path in paths {
            let doc =
                read_file(&path, &ReadOptions::default()).remove(0).unwrap();
            let mut tagged = timeline::tag(&doc, None);
            if tagged.dct.is_none() {
                tagged = timeline::tag(&doc, fallback);
            }
            let name =
                path.file_stem().unwrap().to_string_lossy().into_owned();
            insta::assert_json_snapshot!(name, tagged);
        }
    });
}

/// `timeline mentions examples/syria-2017`: the five articles read
/// together, so the three undated ones infer their DCT from their own
/// evidence and from the events the two dated ones report.
#[test]
fn mentions_of_each_example_article() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/syria-2017");
    let docs: Vec<_> =
        timeline::document::read_paths(&[dir], &ReadOptions::default())
            .into_iter()
            .map(Result::unwrap)
            .collect();
    assert_eq!(docs.len(), 5);
    snapshot_settings().bind(|| {
        for found in timeline::mentions(&docs, None) {
            let name = format!("mentions_{}", found.id);
            insta::assert_json_snapshot!(name, found);
        }
    });
}

/// `timeline extract examples/syria-2017` in each output format: the
/// timeline a journalist reads, one snapshot per format.
#[test]
fn timeline_of_the_examples_in_each_format() {
    use timeline::output::{Format, build};
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/syria-2017");
    let mut docs: Vec<_> =
        timeline::document::read_paths(&[dir], &ReadOptions::default())
            .into_iter()
            .map(Result::unwrap)
            .collect();
    let timeline = build(&docs, None);
    // The same timeline, whatever order the articles come in.
    docs.reverse();
    assert_eq!(build(&docs, None), timeline);
    snapshot_settings().bind(|| {
        for (name, format) in [
            ("json", Format::Json),
            ("jsonl", Format::Jsonl),
            ("timelinejs", Format::TimelineJs),
            ("vis", Format::Vis),
            ("html", Format::Html),
        ] {
            let name = format!("timeline_{name}");
            insta::assert_snapshot!(name, format.render(&timeline));
        }
    });
}
