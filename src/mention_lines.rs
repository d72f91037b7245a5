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
            read_each(io::stdin().lock(), path, parse, take);
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

/// How many bytes of lines are parsed at once, on every core: enough
/// to keep the threads busy, little beside the mentions themselves.
const BATCH_BYTES: usize = 4 << 20;

/// Reads mention lines, one document per non-blank line; `origin` names
/// the input in errors. Lines are parsed in batches on every core of the
/// current rayon pool, and the results kept in input order.
pub fn read(
    reader: impl BufRead,
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

fn read_each<T: Send>(
    mut reader: impl BufRead,
    origin: &Path,
    parse: &(impl Fn(&str) -> Result<T, serde_json::Error> + Sync),
    take: &mut dyn FnMut(Result<T, Error>),
) {
    let mut any = false;
    let mut batch: Vec<(usize, String)> = Vec::new();
    let mut bytes = 0;
    let mut line_no = 0;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(source) => {
                parse_batch(&batch, origin, parse)
                    .into_iter()
                    .for_each(&mut *take);
                take(Err(Error::Io { path: origin.to_path_buf(), source }));
                return;
            }
        }
        line_no += 1;
        if line.trim().is_empty() {
            continue;
        }
        bytes += line.len();
        batch.push((line_no, line));
        any = true;
        if bytes >= BATCH_BYTES {
            parse_batch(&batch, origin, parse)
                .into_iter()
                .for_each(&mut *take);
            batch.clear();
            bytes = 0;
        }
    }
    parse_batch(&batch, origin, parse).into_iter().for_each(&mut *take);
    if !any {
        take(Err(Error::Empty { path: origin.to_path_buf() }));
    }
}

/// Parses numbered lines, in parallel, in order.
fn parse_batch<T: Send>(
    lines: &[(usize, String)],
    origin: &Path,
    parse: &(impl Fn(&str) -> Result<T, serde_json::Error> + Sync),
) -> Vec<Result<T, Error>> {
    use rayon::prelude::*;
    lines
        .par_iter()
        .map(|(line_no, line)| {
            parse(line).map_err(|source| Error::BadJsonLine {
                path: origin.to_path_buf(),
                line: *line_no,
                source,
            })
        })
        .collect()
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
}
