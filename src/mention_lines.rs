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
    read_paths_with(paths, |line| serde_json::from_str(line))
}

/// [`read_paths`] for lines of another kind, each read by `parse` (the
/// partitioned merge's lines, [`crate::merge::partition`]).
pub fn read_paths_with<T>(
    paths: &[PathBuf],
    parse: impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Vec<Result<T, Error>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.extend(read_with(io::stdin().lock(), path, &parse));
            continue;
        }
        match fs::metadata(path) {
            Err(source) => {
                out.push(Err(Error::Io { path: path.clone(), source }))
            }
            Ok(meta) if meta.is_dir() => {
                let files = crate::document::files_under(path, is_part);
                if files.is_empty() {
                    out.push(Err(Error::Empty { path: path.clone() }));
                }
                for file in files {
                    match file {
                        Ok(file) => out.extend(read_file(&file, &parse)),
                        Err(e) => out.push(Err(e)),
                    }
                }
            }
            Ok(_) => out.extend(read_file(path, &parse)),
        }
    }
    out
}

fn is_part(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.starts_with(['.', '_']))
}

fn read_file<T>(
    path: &Path,
    parse: &impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Vec<Result<T, Error>> {
    match fs::File::open(path) {
        Ok(file) => read_with(BufReader::new(file), path, parse),
        Err(source) => {
            vec![Err(Error::Io { path: path.to_path_buf(), source })]
        }
    }
}

/// Reads mention lines, one document per non-blank line; `origin` names
/// the input in errors.
pub fn read(
    reader: impl BufRead,
    origin: &Path,
) -> Vec<Result<DocumentMentions, Error>> {
    read_with(reader, origin, &|line| serde_json::from_str(line))
}

fn read_with<T>(
    mut reader: impl BufRead,
    origin: &Path,
    parse: &impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Vec<Result<T, Error>> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut line_no = 0;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(source) => {
                out.push(Err(Error::Io {
                    path: origin.to_path_buf(),
                    source,
                }));
                return out;
            }
        }
        line_no += 1;
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse(&line).map_err(|source| Error::BadJsonLine {
            path: origin.to_path_buf(),
            line: line_no,
            source,
        }));
    }
    if out.is_empty() {
        out.push(Err(Error::Empty { path: origin.to_path_buf() }));
    }
    out
}
