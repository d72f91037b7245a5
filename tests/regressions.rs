//! Inputs that once made a fuzz target fail, replayed through the same
//! checks (`common/invariants.rs`). A file `NAME.TARGET` in
//! `tests/fixtures/regressions/` is the raw input of fuzz target TARGET
//! (`read_txt`, `read_json`, `read_jsonl`, `read_tml`, `pipeline`), as
//! libFuzzer wrote it to `fuzz/artifacts/TARGET/`.

mod common;

use std::path::Path;

#[test]
fn every_kept_crash_input_now_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let target = path.extension().unwrap().to_str().unwrap();
        let result = match target {
            "pipeline" => common::invariants::pipeline_input(&data),
            t => match t.strip_prefix("read_") {
                Some(ext @ ("txt" | "json" | "jsonl" | "tml")) => {
                    common::invariants::reader_input(ext, &data)
                }
                _ => Err(format!("unknown target {t:?}")),
            },
        };
        if let Err(e) = result {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
