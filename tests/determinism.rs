//! Same input, same bytes: `tag` and `mentions` give each document the
//! same line on every run and whatever the order of the inputs (their
//! output follows the input order, so a reordered input reorders the
//! lines and changes nothing else). `extract` is checked in
//! `tests/extract.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn inputs() -> Vec<String> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/syria-2017");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 5);
    files.iter().map(|p| p.to_str().unwrap().to_owned()).collect()
}

fn run(command: &str, paths: &[String]) -> String {
    let mut args = vec![command.to_owned()];
    if command == "tag" {
        args.extend(["--format".to_owned(), "jsonl".to_owned()]);
    }
    args.extend(paths.iter().cloned());
    let out = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tag_and_mentions_depend_only_on_each_document() {
    let forward = inputs();
    let mut reversed = forward.clone();
    reversed.reverse();
    // A rotation as well: the undated documents move among the dated.
    let mut rotated = forward.clone();
    rotated.rotate_left(2);
    // `mentions` is the slow one in a debug build: one run per order.
    for (command, orders) in
        [("tag", vec![&forward, &reversed]), ("mentions", vec![&rotated])]
    {
        let once = run(command, &forward);
        let mut want: Vec<&str> = once.lines().collect();
        want.sort_unstable();
        for order in orders {
            let other = run(command, order);
            if order == &forward {
                assert_eq!(other, once, "{command}: two runs differ");
            }
            let mut got: Vec<&str> = other.lines().collect();
            got.sort_unstable();
            assert_eq!(got, want, "{command}: the order changed a result");
        }
    }
}
