//! Reading mention lines back: the input of the reduce step (`timeline
//! merge`), as the map step (`timeline mentions`) wrote them.

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::DocumentMentions;
use crate::error::Error;

/// Reads the mention lines named on a command line, in order.
///
/// `-` is stdin; a directory stands for every file under it whose name
/// does not start with `.` or `_` (the marker and checksum files that
/// distributed jobs leave beside their part files), sorted by path. A
/// malformed line gives an `Err` for that line; blank lines are skipped;
/// an input with no line at all gives [`Error::Empty`].
pub fn read_paths(paths: &[PathBuf]) -> Vec<Result<DocumentMentions, Error>> {
    read_paths_with(paths, document)
}

/// [`read_paths`] for lines of another kind, each read by `parse` (the
/// partitioned merge's lines, [`crate::merge::partition`]).
pub fn read_paths_with<T: Send>(
    paths: &[PathBuf],
    parse: impl Fn(&str) -> Result<T, serde_json::Error> + Sync,
) -> Vec<Result<T, Error>> {
    let mut out = Vec::new();
    each_of(paths, &parse, &mut |r| out.push(r));
    out
}

/// [`read_paths`], each line (or error) given to `take` as soon as its
/// batch is parsed, in the same order: a merge stores each document as
/// it comes instead of holding them all as read.
pub fn each_in_paths(
    paths: &[PathBuf],
    take: &mut dyn FnMut(Result<DocumentMentions, Error>),
) {
    each_of(paths, &document, take)
}

fn each_of<T: Send>(
    paths: &[PathBuf],
    parse: &(impl Fn(&str) -> Result<T, serde_json::Error> + Sync),
    take: &mut dyn FnMut(Result<T, Error>),
) {
    for path in paths {
        if path.as_os_str() == "-" {
            // A lock on stdin cannot move to the thread that reads
            // ahead; a large buffer of our own makes its locking rare.
            let stdin = BufReader::with_capacity(1 << 16, io::stdin());
            read_each(stdin, path, parse, take);
            continue;
        }
        match fs::metadata(path) {
            Err(source) => take(Err(Error::Io { path: path.clone(), source })),
            Ok(meta) if meta.is_dir() => {
                let files = crate::document::files_under(path, is_part);
                if files.is_empty() {
                    take(Err(Error::Empty { path: path.clone() }));
                }
                for file in files {
                    match file {
                        Ok(file) => read_file(&file, parse, take),
                        Err(e) => take(Err(e)),
                    }
                }
            }
            Ok(_) => read_file(path, parse, take),
        }
    }
}

/// The bytes of the files that [`each_in_paths`] would read (stdin
/// counts none): a hint of how many mentions are coming.
pub fn input_bytes(paths: &[PathBuf]) -> u64 {
    let size = |p: &Path| fs::metadata(p).map_or(0, |m| m.len());
    paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            if p.is_dir() {
                crate::document::files_under(p, is_part)
                    .iter()
                    .flatten()
                    .map(|f| size(f))
                    .sum()
            } else {
                size(p)
            }
        })
        .sum()
}

fn is_part(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.starts_with(['.', '_']))
}

fn read_file<T: Send>(
    path: &Path,
    parse: &(impl Fn(&str) -> Result<T, serde_json::Error> + Sync),
    take: &mut dyn FnMut(Result<T, Error>),
) {
    match fs::File::open(path) {
        Ok(file) => read_each(BufReader::new(file), path, parse, take),
        Err(source) => {
            take(Err(Error::Io { path: path.to_path_buf(), source }))
        }
    }
}

/// Lines are parsed in batches of this many bytes: enough to keep the
/// threads busy, little beside the mentions themselves.
const LIMITS: crate::pipeline::Limits =
    crate::pipeline::Limits { bytes: 1 << 20, items: usize::MAX };

/// Reads mention lines, one document per non-blank line; `origin` names
/// the input in errors. Lines are parsed in batches on every core of the
/// current rayon pool, and the results kept in input order.
pub fn read(
    reader: impl BufRead + Send,
    origin: &Path,
) -> Vec<Result<DocumentMentions, Error>> {
    let mut out = Vec::new();
    read_each(reader, origin, &document, &mut |r| out.push(r));
    out
}

/// One mention line, its sentences shared ([`share_sentences`]).
fn document(line: &str) -> Result<DocumentMentions, serde_json::Error> {
    serde_json::from_str(line).map(share_sentences)
}

/// Reads, parses and hands on the lines of `reader` as
/// [`crate::pipeline::map_in_order`] does documents: the next lines are
/// read while these are parsed and the ones before handed to `take`
/// (for a merge, stored). A read that fails ends the input, after the
/// lines before it.
fn read_each<T: Send>(
    mut reader: impl BufRead + Send,
    origin: &Path,
    parse: &(impl Fn(&str) -> Result<T, serde_json::Error> + Sync),
    take: &mut dyn FnMut(Result<T, Error>),
) {
    let mut line_no = 0;
    let mut failed = false;
    let lines = std::iter::from_fn(move || {
        while !failed {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    failed = true;
                    return Some(Err(e));
                }
            }
            line_no += 1;
            if !line.trim().is_empty() {
                return Some(Ok((line_no, line)));
            }
        }
        None
    });
    let weight = |l: &io::Result<(usize, String)>| {
        l.as_ref().map_or(0, |(_, line)| line.len())
    };
    let parsed = |l: io::Result<(usize, String)>| match l {
        Ok((line, text)) => parse(&text).map_err(|source| {
            Error::BadJsonLine { path: origin.to_path_buf(), line, source }
        }),
        Err(source) => Err(Error::Io { path: origin.to_path_buf(), source }),
    };
    let mut any = false;
    let done = crate::pipeline::map_in_order(
        lines,
        LIMITS,
        weight,
        || (),
        parsed,
        |r| {
            any = true;
            take(r);
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(()) = done;
    if !any {
        take(Err(Error::Empty { path: origin.to_path_buf() }));
    }
}

/// The mentions of one sentence (they come one after another) made to
/// share one copy of it, and the list no longer than it is: read back,
/// each had its own copy, and a merge holds millions of them.
fn share_sentences(mut doc: DocumentMentions) -> DocumentMentions {
    // A list read grows by doubling: the slack would stay for the whole
    // merge.
    doc.mentions.shrink_to_fit();
    for i in 1..doc.mentions.len() {
        let (before, after) = doc.mentions.split_at_mut(i);
        let previous = &before[i - 1].sentence;
        if after[0].sentence == *previous {
            after[0].sentence = previous.clone();
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DctSource, Document};

    #[test]
    fn mentions_of_one_sentence_read_back_share_it() {
        let doc = Document {
            id: "a".into(),
            title: None,
            url: None,
            dct: chrono::NaiveDate::from_ymd_opt(2017, 4, 12),
            dct_source: DctSource::Given,
            text: "Russia vetoed the resolution after the vote on Monday. \
                   The attack killed 87 people."
                .into(),
        };
        let found = crate::mentions(&[doc], None);
        let mut line = serde_json::to_vec(&found[0]).expect("serialised");
        line.push(b'\n');
        let back = read(&line[..], Path::new("-"));
        let Some(Ok(back)) = back.first() else { panic!("{back:?}") };
        assert_eq!(back, &found[0]);
        let ms = &back.mentions;
        assert!(ms.len() >= 3, "{ms:?}");
        for pair in ms.windows(2) {
            let same = pair[0].sentence == pair[1].sentence;
            assert_eq!(
                std::sync::Arc::ptr_eq(&pair[0].sentence, &pair[1].sentence),
                same
            );
        }
        assert!(ms.windows(2).any(|p| p[0].sentence == p[1].sentence));
    }

    /// Lines that give way after `good` bytes, as a disk or a pipe can.
    struct Failing {
        data: Vec<u8>,
        good: usize,
        at: usize,
    }

    impl io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at >= self.good {
                return Err(io::Error::other("the disk gave way"));
            }
            let n = buf.len().min(self.good - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn lines_come_back_in_order_with_their_numbers_until_a_read_fails() {
        // Enough lines for many batches, a blank and a bad one among them.
        let mut data = String::new();
        for i in 0..40_000 {
            match i {
                7 => data.push_str("   \n"),
                20_001 => data.push_str("{\"id\": oops}\n"),
                _ => data.push_str(&format!(
                    "{{\"n\": {i}, \"pad\": \"{}\"}}\n",
                    "x".repeat(i % 90)
                )),
            }
        }
        let parse = |line: &str| {
            serde_json::from_str::<serde_json::Value>(line)
                .map(|v| v["n"].as_u64().expect("a number"))
        };
        let mut got = Vec::new();
        read_each(data.as_bytes(), Path::new("m.jsonl"), &parse, &mut |r| {
            got.push(r)
        });
        assert_eq!(got.len(), 39_999);
        for (k, r) in got.iter().enumerate() {
            let i = if k < 7 { k } else { k + 1 };
            match r {
                Ok(n) => assert_eq!(*n, i as u64),
                Err(Error::BadJsonLine { line, .. }) => {
                    assert_eq!((i, *line), (20_001, 20_002));
                }
                Err(e) => panic!("{e}"),
            }
        }
        // A read that fails ends the input after the lines before it.
        let good = data.find("\"n\": 100,").expect("there");
        let failing = Failing { data: data.into_bytes(), good, at: 0 };
        let mut got = Vec::new();
        let reader = io::BufReader::with_capacity(64, failing);
        read_each(reader, Path::new("m.jsonl"), &parse, &mut |r| got.push(r));
        assert_eq!(got.len(), 100);
        assert!(got[..99].iter().all(Result::is_ok));
        assert!(matches!(got[99], Err(Error::Io { .. })), "{:?}", got[99]);
        // Nothing but blank lines is an empty input.
        let mut got = Vec::new();
        read_each(&b"\n  \n"[..], Path::new("m.jsonl"), &parse, &mut |r| {
            got.push(r)
        });
        assert!(matches!(got[..], [Err(Error::Empty { .. })]), "{got:?}");
    }
}
