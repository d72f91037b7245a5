//! Documents: what an article is once read, and the readers for each
//! input format (.txt, .json, .jsonl, .tml, directories, stdin).
//!
//! Every reader returns one `Result` per document (or per input that
//! failed), so that one bad file or line never hides the others. The size
//! limit, the UTF-8 check, BOM stripping and the emptiness check live in
//! one place (`read_text`, `to_utf8`) and every format goes through it.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::error::{Error, Location, Warning};
use crate::timex::TimexType;

/// Where a document's creation time (DCT) came from.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// Given with the input (JSON `dct`, TimeML CREATION_TIME, `--dct`).
    Given,
    /// Stated in the text itself (a dateline or byline date).
    Text,
    /// Inferred from the document's evidence.
    Inferred,
    /// No DCT: relative expressions stay underspecified.
    None,
}

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// File stem or JSON `id`.
    pub id: String,
    /// First non-empty line of a .txt, or JSON `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// JSON `url`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document creation time.
    pub dct: Option<NaiveDate>,
    /// Where `dct` came from.
    pub dct_source: DctSource,
    /// The full text; all offsets point into it.
    #[serde(skip)]
    pub text: String,
}

/// One TIMEX3 of a gold-standard TimeML document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldTimex {
    /// The TIMEX3 `tid` (`t12`); empty if the file has none.
    pub tid: String,
    /// First code point of the expression in the document text.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The expression as written (entities decoded).
    pub text: String,
    /// The TIMEX3 `type`.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 `value`, verbatim: gold files hold values this crate
    /// never produces, and evaluation compares strings.
    pub value: String,
    /// The TIMEX3 `mod`, verbatim.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// The default for [`ReadOptions::max_bytes`]: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How the readers treat their input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest input accepted, in bytes: a bigger file (or more than
    /// this much from a stream) is refused with [`Error::TooLarge`]
    /// rather than read into memory.
    pub max_bytes: u64,
    /// Decode input that is not UTF-8 anyway, each invalid sequence
    /// replaced with U+FFFD, instead of refusing it with
    /// [`Error::NotUtf8`]. Off by default: a file in another encoding
    /// (Latin-1, UTF-16) decoded this way loses every accented letter,
    /// which should be a choice. [`read_paths_noting`] and
    /// [`read_bytes`] report each replacement as a
    /// [`Warning::Replaced`] naming the input and the byte offset; the
    /// other readers decode the same way without a report.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: DEFAULT_MAX_BYTES, lossy: false }
    }
}

/// The extensions a directory walk picks up; anything else in a directory
/// (notes, gold annotations, editor backups) is ignored.
const DIR_EXTENSIONS: [&str; 4] = ["txt", "json", "jsonl", "tml"];

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads every input named on a command line, in order: [`documents`]
/// collected.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Vec<Result<Document, Error>> {
    documents(paths, opts).collect()
}

/// [`read_paths`], adding to `warnings` what was read but not cleanly
/// (input decoded lossily, [`ReadOptions::lossy`]).
pub fn read_paths_noting(
    paths: &[PathBuf],
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Result<Document, Error>> {
    let mut docs = documents(paths, opts);
    let out: Vec<_> = docs.by_ref().collect();
    warnings.extend(docs.take_warnings());
    out
}

/// The documents of every input named on a command line, in order, read
/// lazily: JSON Lines one line at a time, other files one file at a
/// time, so a corpus of any size streams in memory bounded by its
/// largest file or line.
///
/// `-` is JSON Lines on stdin; a directory stands for every `.txt`,
/// `.json`, `.jsonl` and `.tml` file under it, recursively, sorted by path;
/// any other path is read by [`read_file`]. A missing path or an
/// unreadable directory gives one `Err` naming it, in its place, and a
/// directory with no input in it gives [`Error::Empty`].
pub fn documents<'a>(
    paths: &'a [PathBuf],
    opts: &ReadOptions,
) -> Documents<'a> {
    Documents {
        paths: paths.iter(),
        opts: *opts,
        pending: VecDeque::new(),
        lines: None,
        warnings: Vec::new(),
    }
}

/// The iterator of [`documents`].
pub struct Documents<'a> {
    paths: std::slice::Iter<'a, PathBuf>,
    opts: ReadOptions,
    /// What the current path stands for and has not been given yet.
    pending: VecDeque<Pending>,
    /// The JSON Lines input being read.
    lines: Option<JsonLines<Box<dyn BufRead + Send>>>,
    /// What was read but not cleanly, not yet taken.
    warnings: Vec<Warning>,
}

impl Documents<'_> {
    /// The warnings gathered so far (input decoded lossily), in the
    /// order of the inputs.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        if let Some(lines) = &mut self.lines {
            self.warnings.append(&mut lines.warnings);
        }
        std::mem::take(&mut self.warnings)
    }
}

/// A file still to read, or a result read already.
enum Pending {
    File(PathBuf),
    Read(Result<Document, Error>),
}

impl From<Result<PathBuf, Error>> for Pending {
    fn from(found: Result<PathBuf, Error>) -> Pending {
        match found {
            Ok(path) => Pending::File(path),
            Err(e) => Pending::Read(Err(e)),
        }
    }
}

impl Iterator for Documents<'_> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next() {
                    Some(doc) => return Some(doc),
                    None => {
                        self.warnings.append(&mut lines.warnings);
                        self.lines = None;
                    }
                }
            }
            match self.pending.pop_front() {
                Some(Pending::Read(doc)) => return Some(doc),
                Some(Pending::File(path)) => {
                    if Format::of(&path) == Format::Jsonl {
                        match JsonLines::open(&path, &self.opts) {
                            Ok(lines) => self.lines = Some(lines),
                            Err(e) => return Some(Err(e)),
                        }
                    } else {
                        // A .json file may hold several documents.
                        let docs = read_file_noting(
                            &path,
                            &self.opts,
                            &mut self.warnings,
                        );
                        for doc in docs.into_iter().rev() {
                            self.pending.push_front(Pending::Read(doc));
                        }
                    }
                    continue;
                }
                None => {}
            }
            let path = self.paths.next()?;
            if path.as_os_str() == "-" {
                self.lines = Some(JsonLines::new(
                    // A lock on stdin cannot move to the thread that
                    // reads ahead; a large buffer of our own makes its
                    // locking per read rare.
                    Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
                    path,
                    &self.opts,
                ));
                continue;
            }
            match fs::metadata(path) {
                Err(source) => {
                    return Some(Err(Error::Io {
                        path: path.clone(),
                        source,
                    }));
                }
                Ok(meta) if meta.is_dir() => {
                    let files = walk_dir(path);
                    // Silence would look like success with nothing to say.
                    if files.is_empty() {
                        return Some(Err(Error::Empty { path: path.clone() }));
                    }
                    self.pending.extend(files.into_iter().map(Pending::from));
                }
                Ok(_) => self.pending.push_back(Pending::File(path.clone())),
            }
        }
    }
}

/// Reads one file, choosing the format by its extension: `.json` (one
/// object or an array of them), `.jsonl`, `.tml` (TimeML, gold dropped),
/// and plain text for anything else.
pub fn read_file(
    path: &Path,
    opts: &ReadOptions,
) -> Vec<Result<Document, Error>> {
    read_file_noting(path, opts, &mut Vec::new())
}

fn read_file_noting(
    path: &Path,
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Result<Document, Error>> {
    if Format::of(path) == Format::Jsonl {
        // Streamed: each line is size-checked as it comes in.
        return match JsonLines::open(path, opts) {
            Ok(lines) => lines.collect_noting(warnings),
            Err(e) => vec![Err(e)],
        };
    }
    match read_raw(path, opts) {
        Ok(bytes) => read_bytes(path, bytes, opts, warnings),
        Err(e) => vec![Err(e)],
    }
}

/// Reads input that is already in memory as if it were the file `path`:
/// the format is chosen by its extension as in [`read_file`], and the
/// same checks apply (size, UTF-8, emptiness). For fuzzing, and for
/// callers that get documents from elsewhere than the file system.
pub fn read_bytes(
    path: &Path,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Result<Document, Error>> {
    let format = Format::of(path);
    if format == Format::Jsonl {
        return JsonLines::new(&bytes[..], path, opts)
            .collect_noting(warnings);
    }
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let text = check_size(path, size, opts)
        .and_then(|()| decode_text(path, bytes, opts, warnings));
    let text = match text {
        Ok(text) => text,
        Err(e) => return vec![Err(e)],
    };
    match format {
        Format::Json => json_documents(path, &text),
        Format::TimeMl => vec![
            parse_timeml_at(path, &file_id(path), &text).map(|(doc, _)| doc),
        ],
        Format::Txt | Format::Jsonl => {
            vec![Ok(txt_document(file_id(path), text))]
        }
    }
}

/// Reads JSON Lines: one document per non-blank line ([`JsonLines`]
/// collected).
pub fn read_jsonl(
    reader: impl BufRead,
    origin: &Path,
    opts: &ReadOptions,
) -> Vec<Result<Document, Error>> {
    JsonLines::new(reader, origin, opts).collect()
}

/// JSON Lines read lazily, one document per non-blank line.
///
/// `origin` names the input in errors (`-` for stdin). A malformed line
/// gives an `Err` for that line only. The size limit holds for each line
/// (each document): a longer line is refused with
/// [`Error::LineTooLarge`] once `opts.max_bytes` of it have come in, and
/// skipped without being kept, so an endless line cannot exhaust memory
/// and a corpus of any size streams. An input with no document at all
/// gives [`Error::Empty`].
pub struct JsonLines<R> {
    reader: R,
    origin: PathBuf,
    max_bytes: u64,
    opts: ReadOptions,
    /// Lines decoded lossily ([`ReadOptions::lossy`]).
    pub warnings: Vec<Warning>,
    offset: usize,
    line_no: usize,
    given: bool,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader`, named `origin` in errors.
    pub fn new(reader: R, origin: &Path, opts: &ReadOptions) -> Self {
        JsonLines {
            reader,
            origin: origin.to_path_buf(),
            max_bytes: opts.max_bytes,
            opts: *opts,
            warnings: Vec::new(),
            offset: 0,
            line_no: 0,
            given: false,
            done: false,
        }
    }

    /// Every document, with the warnings added to `warnings`.
    fn collect_noting(
        mut self,
        warnings: &mut Vec<Warning>,
    ) -> Vec<Result<Document, Error>> {
        let docs: Vec<_> = self.by_ref().collect();
        warnings.append(&mut self.warnings);
        docs
    }

    /// Skips the rest of an over-long line.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let (n, end) = match newline(buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            self.reader.consume(n);
            self.offset = self.offset.saturating_add(n);
            if end {
                return Ok(());
            }
        }
    }

    fn io_error(&mut self, source: io::Error) -> Error {
        self.done = true;
        self.given = true;
        Error::Io { path: self.origin.clone(), source }
    }
}

fn newline(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

impl JsonLines<Box<dyn BufRead + Send>> {
    /// A `.jsonl` file.
    fn open(path: &Path, opts: &ReadOptions) -> Result<Self, Error> {
        let file = fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(JsonLines::new(Box::new(BufReader::new(file)), path, opts))
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut buf = Vec::new();
            // One byte past the limit is enough to know the limit was
            // passed.
            let mut limited =
                (&mut self.reader).take(self.max_bytes.saturating_add(1));
            let n = match limited.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(source) => return Some(Err(self.io_error(source))),
            };
            self.line_no += 1;
            let start = self.offset;
            self.offset = self.offset.saturating_add(n);
            let whole = buf.last() == Some(&b'\n');
            let content = buf.len() - usize::from(whole);
            if u64::try_from(content).unwrap_or(u64::MAX) > self.max_bytes {
                let line = self.line_no;
                if !whole && let Err(source) = self.skip_line() {
                    return Some(Err(self.io_error(source)));
                }
                self.given = true;
                return Some(Err(Error::LineTooLarge {
                    path: self.origin.clone(),
                    line,
                    limit: self.max_bytes,
                }));
            }
            let line = match to_utf8(
                &self.origin,
                buf,
                start,
                &self.opts,
                &mut self.warnings,
            ) {
                Ok(line) => line,
                Err(e) => {
                    self.given = true;
                    return Some(Err(e));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            self.given = true;
            let origin = &self.origin;
            // Without its newline, so that the parser's position for a
            // record cut short reads "line 1 column 22", not "line 2
            // column 0".
            let record = line.trim_end_matches('\n');
            // (A derived struct would also take an array of its fields.)
            let object = record
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .starts_with('{');
            if object && let Ok(r) = serde_json::from_str::<Record>(record) {
                return Some(r.into_document(origin));
            }
            return Some(match serde_json::from_str::<Json>(record) {
                Ok(value) => {
                    doc_from_json(value, origin, Location::Line(self.line_no))
                }
                Err(source) => Err(Error::BadJsonLine {
                    path: origin.clone(),
                    line: self.line_no,
                    source,
                }),
            });
        }
        if !self.given {
            self.given = true;
            self.done = true;
            return Some(Err(Error::Empty { path: self.origin.clone() }));
        }
        self.done = true;
        None
    }
}

/// Reads a `.tml` file with its gold TIMEX3s; the document id is the file
/// stem. See [`parse_timeml`].
pub fn read_timeml_file(
    path: &Path,
    opts: &ReadOptions,
) -> Result<(Document, Vec<GoldTimex>), Error> {
    let xml = decode_text(path, read_raw(path, opts)?, opts, &mut Vec::new())?;
    parse_timeml_at(path, &file_id(path), &xml)
}

/// Parses a TimeML (TempEval-3) document into the document and its gold
/// TIMEX3s.
///
/// The text is the character content of `<TEXT>`, tags removed and
/// entities decoded, whitespace exactly as in the file; gold offsets are
/// code points into it. The DCT is the date part of the TIMEX3 with
/// `functionInDocument="CREATION_TIME"`, wherever it is. Errors name `id`
/// as the path.
pub fn parse_timeml(
    id: &str,
    xml: &str,
) -> Result<(Document, Vec<GoldTimex>), Error> {
    parse_timeml_at(Path::new(id), id, xml)
}

/// Reads a `dct`: `YYYY-MM-DD`, or an ISO 8601 / RFC 3339 date-time
/// (`2017-04-17T10:00:00Z`, `2017-04-17 10:00`) whose date part is taken.
///
/// The time part is checked, not used: a DCT is a day, and the zone only
/// matters within the day.
pub fn parse_dct(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = parse_ymd(s.get(..10)?)?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let time = rest.strip_prefix(['T', 't', ' '])?;
    is_iso_time(time).then_some(date)
}

// ---------------------------------------------------------------------------
// Shared plumbing: formats, the directory walk, size and UTF-8 checks.

/// The input formats, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    Json,
    Jsonl,
    TimeMl,
}

impl Format {
    /// Anything unrecognised is text: a file named explicitly is read
    /// whatever it is called.
    fn of(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("json") => Format::Json,
            Some("jsonl") => Format::Jsonl,
            Some("tml") => Format::TimeMl,
            _ => Format::Txt,
        }
    }
}

/// The lower-cased extension, so `A.TXT` counts as text.
fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// A document id from a file name.
fn file_id(path: &Path) -> String {
    match path.file_stem() {
        Some(stem) => stem.to_string_lossy().into_owned(),
        None => path.display().to_string(),
    }
}

/// Every input file under `root`, sorted by path, with an `Err` in place
/// of each directory that could not be listed.
fn walk_dir(root: &Path) -> Vec<Result<PathBuf, Error>> {
    files_under(root, |path| {
        extension(path).is_some_and(|e| DIR_EXTENSIONS.contains(&e.as_str()))
    })
}

/// Every regular file under `root` that `wanted` accepts, sorted by
/// path, with an `Err` in place of each directory that could not be
/// listed and of each wanted name that is a dangling link.
pub fn files_under(
    root: &Path,
    wanted: impl Fn(&Path) -> bool,
) -> Vec<Result<PathBuf, Error>> {
    let mut found: Vec<(PathBuf, Option<io::Error>)> = Vec::new();
    // Symlinked directories are followed, so a link cycle would otherwise
    // be walked forever.
    let mut seen = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if let Ok(canonical) = fs::canonicalize(&dir)
            && !seen.insert(canonical)
        {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push((dir, Some(e)));
                continue;
            }
        };
        for entry in entries {
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(e) => {
                    found.push((dir.clone(), Some(e)));
                    continue;
                }
            };
            let wanted = wanted(&path);
            // `fs::metadata` follows links: a link to a file is that file.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => pending.push(path),
                // Regular files only: a FIFO named x.txt would block.
                Ok(meta) if meta.is_file() && wanted => {
                    found.push((path, None))
                }
                Ok(_) => {}
                // A dangling link that looks like an input is reported: the
                // user expected it to be read.
                Err(e) if wanted => found.push((path, Some(e))),
                Err(_) => {}
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
        .into_iter()
        .map(|(path, err)| match err {
            None => Ok(path),
            Some(source) => Err(Error::Io { path, source }),
        })
        .collect()
}

/// Refuses a size over the limit.
fn check_size(
    path: &Path,
    size: u64,
    opts: &ReadOptions,
) -> Result<(), Error> {
    if size > opts.max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: opts.max_bytes,
        });
    }
    Ok(())
}

/// Opens a file and checks its size before anything is read.
fn open_checked(path: &Path, opts: &ReadOptions) -> Result<fs::File, Error> {
    let io_err = |source| Error::Io { path: path.to_path_buf(), source };
    let file = fs::File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
    check_size(path, size, opts)?;
    Ok(file)
}

/// Reads a whole file, size-checked.
fn read_raw(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, Error> {
    let file = open_checked(path, opts)?;
    let mut bytes = Vec::new();
    // The metadata may lie (a file still growing, a pipe reporting 0), so
    // the read itself stops one byte past the limit.
    file.take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    check_size(path, u64::try_from(bytes.len()).unwrap_or(u64::MAX), opts)?;
    Ok(bytes)
}

/// A whole input as text: BOM stripped, UTF-8 checked, and refused if
/// empty or only whitespace.
fn decode_text(
    path: &Path,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<String, Error> {
    let text = to_utf8(path, bytes, 0, opts, warnings)?;
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.to_path_buf() });
    }
    Ok(text)
}

/// Decodes bytes that start `offset` bytes into the input named `path`.
///
/// A BOM is stripped only at the very start of the input. The offset makes
/// [`Error::NotUtf8`] point at the bad byte in the file, not in the piece.
/// With [`ReadOptions::lossy`], bad bytes are replaced and reported in
/// `warnings` instead.
fn to_utf8(
    path: &Path,
    mut bytes: Vec<u8>,
    offset: usize,
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<String, Error> {
    let skipped = if offset == 0 && bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
        BOM.len()
    } else {
        0
    };
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) if !opts.lossy => {
            return Err(Error::NotUtf8 {
                path: path.to_path_buf(),
                valid_up_to: offset
                    .saturating_add(skipped)
                    .saturating_add(e.utf8_error().valid_up_to()),
            });
        }
        Err(e) => e.into_bytes(),
    };
    // Each maximal invalid sequence becomes one U+FFFD, as
    // `String::from_utf8_lossy` does; counted here for the warning.
    let mut text = String::with_capacity(bytes.len());
    let (mut replaced, mut first, mut at) = (0usize, None, 0usize);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at = at.saturating_add(chunk.valid().len());
        if !chunk.invalid().is_empty() {
            first.get_or_insert(at);
            replaced = replaced.saturating_add(1);
            text.push(char::REPLACEMENT_CHARACTER);
            at = at.saturating_add(chunk.invalid().len());
        }
    }
    warnings.push(Warning::Replaced {
        path: path.to_path_buf(),
        offset: offset
            .saturating_add(skipped)
            .saturating_add(first.unwrap_or(0)),
        replaced,
    });
    Ok(text)
}

// ---------------------------------------------------------------------------
// Plain text.

/// A `.txt` article: the whole file is the text, the first non-empty line
/// its title. The text is kept whole, title line included, so that offsets found
/// later point into exactly what the user gave.
fn txt_document(id: String, text: String) -> Document {
    let title =
        text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_owned);
    Document {
        id,
        title,
        url: None,
        dct: None,
        dct_source: DctSource::None,
        text,
    }
}

// ---------------------------------------------------------------------------
// JSON and JSON Lines.

/// The documents of a `.json` file's text: one object, or an array of
/// objects (each its own result, so one bad record does not lose the
/// rest).
fn json_documents(path: &Path, text: &str) -> Vec<Result<Document, Error>> {
    let value = match serde_json::from_str::<Json>(text) {
        Ok(value) => value,
        Err(source) => {
            return vec![Err(Error::BadJson {
                path: path.to_path_buf(),
                source,
            })];
        }
    };
    match value {
        Json::Array(items) if items.is_empty() => {
            vec![Err(Error::Empty { path: path.to_path_buf() })]
        }
        Json::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| doc_from_json(item, path, Location::Item(i + 1)))
            .collect(),
        other => vec![doc_from_json(other, path, Location::Whole)],
    }
}

/// Builds a document from one JSON record.
///
/// Checked by hand rather than by a serde derive so that each problem gets
/// its own error naming the field, and a numeric `id` is accepted.
/// A JSON record whose fields are all of the types they should be,
/// read straight into a document's fields rather than through a tree of
/// values, which was most of the time of reading JSON Lines. Anything
/// else fails here and is read through [`doc_from_json`], which says
/// what is wrong. (Fields other than these are skipped unread, so a
/// number too large for a float there is no error.)
#[derive(Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    dct: Option<String>,
}

impl Record {
    /// The document, its DCT read (a record of either way ends here).
    fn into_document(self, path: &Path) -> Result<Document, Error> {
        let dct = match self.dct {
            None => None,
            Some(s) => match parse_dct(&s) {
                Some(date) => Some(date),
                None => return Err(bad_dct(path, self.id, s)),
            },
        };
        Ok(Document {
            id: self.id,
            title: self.title,
            url: self.url,
            dct,
            dct_source: if dct.is_some() {
                DctSource::Given
            } else {
                DctSource::None
            },
            text: self.text,
        })
    }
}

fn doc_from_json(
    value: Json,
    path: &Path,
    location: Location,
) -> Result<Document, Error> {
    let mut obj = match value {
        Json::Object(obj) => obj,
        other => {
            return Err(Error::NotAnObject {
                path: path.to_path_buf(),
                location,
                found: json_kind(&other),
            });
        }
    };
    let missing = |field| Error::MissingField {
        path: path.to_path_buf(),
        location,
        field,
    };
    let id = match obj.remove("id") {
        None | Some(Json::Null) => return Err(missing("id")),
        Some(Json::String(s)) => s,
        Some(Json::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(bad_field(
                path,
                location,
                "id",
                "a string or a number",
                &other,
            ));
        }
    };
    let text = match obj.remove("text") {
        None | Some(Json::Null) => return Err(missing("text")),
        Some(Json::String(s)) => s,
        Some(other) => {
            return Err(bad_field(path, location, "text", "a string", &other));
        }
    };
    let title = optional_string(&mut obj, "title", path, location)?;
    let url = optional_string(&mut obj, "url", path, location)?;
    let dct = match obj.remove("dct") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s),
        // `20170417` is a plausible mistake; show it as written.
        Some(other) => return Err(bad_dct(path, id, other.to_string())),
    };
    Record { id, text, title, url, dct }.into_document(path)
}

/// An optional string field: absent or `null` is `None`.
fn optional_string(
    obj: &mut Map<String, Json>,
    field: &'static str,
    path: &Path,
    location: Location,
) -> Result<Option<String>, Error> {
    match obj.remove(field) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s)),
        Some(other) => {
            Err(bad_field(path, location, field, "a string", &other))
        }
    }
}

fn bad_field(
    path: &Path,
    location: Location,
    field: &'static str,
    expected: &'static str,
    found: &Json,
) -> Error {
    Error::BadField {
        path: path.to_path_buf(),
        location,
        field,
        expected,
        found: json_kind(found),
    }
}

fn bad_dct(path: &Path, id: String, value: String) -> Error {
    Error::BadDct { path: path.to_path_buf(), id, value }
}

/// How a JSON value is described in a message.
fn json_kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Exactly `YYYY-MM-DD`: chrono's `%m` and `%d` would also take `2017-4-7`,
/// which is more likely a mangled field than a date.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    // The length test comes first, so indexing 4 and 7 cannot fail.
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let year = s.get(0..4)?.parse().ok()?;
    let month = s.get(5..7)?.parse().ok()?;
    let day = s.get(8..10)?.parse().ok()?;
    // Year 0000 is not a year TIMEX3 dates use (1 BC in ISO 8601): as a
    // DCT it would leave every relative date unresolvable.
    if !crate::timex::resolve::YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `HH:MM[:SS[.fff]]` followed by nothing, `Z`, or `±HH[[:]MM]`.
fn is_iso_time(t: &str) -> bool {
    let (clock, zone) = if let Some(clock) = t.strip_suffix(['Z', 'z']) {
        (clock, "")
    } else if let Some(i) = t.rfind(['+', '-']) {
        // `i` is the position of an ASCII sign: both are char boundaries.
        (&t[..i], &t[i + 1..])
    } else {
        (t, "")
    };
    let zone_ok = match (zone.len(), zone.get(..2), zone.get(2..)) {
        (0, _, _) => !t.ends_with(['+', '-']),
        (2, Some(h), _) => two_digits(h, 23),
        (4, Some(h), Some(m)) => two_digits(h, 23) && two_digits(m, 59),
        (5, Some(h), Some(m)) => m
            .strip_prefix(':')
            .is_some_and(|m| two_digits(h, 23) && two_digits(m, 59)),
        _ => false,
    };
    let mut parts = clock.split(':');
    let hour_min = matches!(
        (parts.next(), parts.next()),
        (Some(h), Some(m)) if two_digits(h, 23) && two_digits(m, 59)
    );
    let sec_ok = match parts.next() {
        None => true,
        Some(sec) => {
            let (whole, frac) = match sec.split_once(['.', ',']) {
                Some((whole, frac)) => (whole, Some(frac)),
                None => (sec, None),
            };
            // 60 is a leap second.
            two_digits(whole, 60)
                && frac.is_none_or(|f| {
                    !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
                })
        }
    };
    zone_ok && hour_min && sec_ok && parts.next().is_none()
}

/// Two ASCII digits no greater than `max`.
fn two_digits(s: &str, max: u32) -> bool {
    s.len() == 2
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|n| n <= max)
}

// ---------------------------------------------------------------------------
// TimeML.

/// A TIMEX3 inside `<TEXT>` whose end tag has not been seen yet.
struct OpenTimex {
    /// Stack depth of the element, to recognise its end tag.
    depth: usize,
    /// Where its content starts, in code points and in bytes.
    start: usize,
    start_byte: usize,
    tid: String,
    kind: TimexType,
    value: String,
    modifier: Option<String>,
}

/// The attributes of a TIMEX3 that matter here.
struct TimexAttrs {
    tid: String,
    kind: Option<String>,
    value: Option<String>,
    modifier: Option<String>,
    creation_time: bool,
}

/// The state of one pass over a TimeML file.
struct TimeMlParser<'a> {
    path: &'a Path,
    xml: &'a str,
    /// Names of the open elements, for the end-of-file message.
    stack: Vec<String>,
    /// The document text so far, and its length in code points.
    text: String,
    chars: usize,
    /// Stack depth of `<TEXT>` while inside it.
    text_depth: Option<usize>,
    seen_text: bool,
    /// Stack depth of the first `<TITLE>` while inside it, and its text.
    title_depth: Option<usize>,
    title: Option<String>,
    dct: Option<NaiveDate>,
    open_timex: Option<OpenTimex>,
    gold: Vec<GoldTimex>,
}

fn parse_timeml_at(
    path: &Path,
    id: &str,
    xml: &str,
) -> Result<(Document, Vec<GoldTimex>), Error> {
    let mut parser = TimeMlParser {
        path,
        xml,
        stack: Vec::new(),
        text: String::new(),
        chars: 0,
        text_depth: None,
        seen_text: false,
        title_depth: None,
        title: None,
        dct: None,
        open_timex: None,
        gold: Vec::new(),
    };
    parser.run()?;
    let title =
        parser.title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let dct_source =
        if parser.dct.is_some() { DctSource::Given } else { DctSource::None };
    let doc = Document {
        id: id.to_owned(),
        title,
        url: None,
        dct: parser.dct,
        dct_source,
        text: parser.text,
    };
    Ok((doc, parser.gold))
}

impl TimeMlParser<'_> {
    fn run(&mut self) -> Result<(), Error> {
        let mut reader = Reader::from_str(self.xml);
        // Whitespace is content: offsets count every character.
        reader.config_mut().trim_text(false);
        reader.config_mut().check_end_names = true;
        loop {
            // Text events are not trimmed, so the position after the last
            // event is where this one starts: the right place for errors.
            let at = reader.buffer_position();
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.bad(reader.error_position(), e)),
            };
            match event {
                Event::Start(e) => {
                    self.open(&e, at)?;
                }
                Event::Empty(e) => {
                    // An empty element opens and closes at once; an empty
                    // TIMEX3 thereby yields nothing, as it should.
                    self.open(&e, at)?;
                    self.close(at)?;
                }
                Event::End(_) => self.close(at)?,
                Event::Text(t) => {
                    let s = t.unescape().map_err(|e| self.bad(at, e))?;
                    self.content(&s);
                }
                Event::CData(c) => {
                    let raw = c.into_inner();
                    let s = std::str::from_utf8(&raw)
                        .map_err(|e| self.bad(at, e))?;
                    self.content(s);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(name) = self.stack.last() {
            let end = u64::try_from(self.xml.len()).unwrap_or(u64::MAX);
            return Err(self.bad(end, format!("end of file inside <{name}>")));
        }
        if !self.seen_text {
            return Err(Error::BadTimeMl {
                path: self.path.to_path_buf(),
                message: "no <TEXT> element".to_owned(),
            });
        }
        Ok(())
    }

    /// A start tag (or an empty element) at byte `at`.
    fn open(&mut self, e: &BytesStart<'_>, at: u64) -> Result<(), Error> {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let depth = self.stack.len() + 1;
        match name.as_str() {
            "TEXT" if self.seen_text => {
                return Err(self.bad(at, "a second <TEXT> element"));
            }
            "TEXT" => {
                self.seen_text = true;
                self.text_depth = Some(depth);
            }
            "TITLE" if self.title.is_none() => {
                self.title_depth = Some(depth);
                self.title = Some(String::new());
            }
            "TIMEX3" => self.open_timex(e, at, depth)?,
            _ => {}
        }
        self.stack.push(name);
        Ok(())
    }

    fn open_timex(
        &mut self,
        e: &BytesStart<'_>,
        at: u64,
        depth: usize,
    ) -> Result<(), Error> {
        let attrs = self.timex_attrs(e, at)?;
        if attrs.creation_time && self.dct.is_none() {
            let value = attrs.value.as_deref().unwrap_or("");
            let date =
                value.get(..10).and_then(parse_ymd).ok_or_else(|| {
                    self.bad(
                    at,
                    format!(
                        "CREATION_TIME TIMEX3 {:?}: value {value:?} does not \
                         start with a YYYY-MM-DD date",
                        attrs.tid
                    ),
                )
                })?;
            self.dct = Some(date);
        }
        // A TIMEX3 inside another is not TimeML; its text still counts but
        // only the outer one is a gold span.
        if self.text_depth.is_none() || self.open_timex.is_some() {
            return Ok(());
        }
        let kind_attr = attrs.kind.as_deref();
        let Some(kind) = kind_attr.and_then(TimexType::parse) else {
            let what = match kind_attr {
                None => "has no type".to_owned(),
                Some(k) => {
                    format!("has type {k:?}, not DATE, TIME, DURATION or SET")
                }
            };
            return Err(self.bad(at, format!("TIMEX3 {:?} {what}", attrs.tid)));
        };
        self.open_timex = Some(OpenTimex {
            depth,
            start: self.chars,
            start_byte: self.text.len(),
            tid: attrs.tid,
            kind,
            value: attrs.value.unwrap_or_default(),
            modifier: attrs.modifier,
        });
        Ok(())
    }

    fn timex_attrs(
        &self,
        e: &BytesStart<'_>,
        at: u64,
    ) -> Result<TimexAttrs, Error> {
        let mut attrs = TimexAttrs {
            tid: String::new(),
            kind: None,
            value: None,
            modifier: None,
            creation_time: false,
        };
        for attr in e.attributes() {
            let attr = attr.map_err(|e| self.bad(at, e))?;
            let value = attr
                .unescape_value()
                .map_err(|e| self.bad(at, e))?
                .into_owned();
            match attr.key.as_ref() {
                b"tid" => attrs.tid = value,
                b"type" => attrs.kind = Some(value),
                b"value" => attrs.value = Some(value),
                b"mod" => attrs.modifier = Some(value),
                b"functionInDocument" => {
                    attrs.creation_time = value == "CREATION_TIME";
                }
                _ => {}
            }
        }
        Ok(attrs)
    }

    /// An end tag at byte `at` (the name was checked by quick-xml).
    fn close(&mut self, at: u64) -> Result<(), Error> {
        let depth = self.stack.len();
        if self.stack.pop().is_none() {
            return Err(self.bad(at, "end tag with no element open"));
        }
        if self.text_depth == Some(depth) {
            self.text_depth = None;
        }
        if self.title_depth == Some(depth) {
            self.title_depth = None;
        }
        if let Some(t) = self.open_timex.take_if(|t| t.depth == depth) {
            let content = self.text.get(t.start_byte..).unwrap_or("");
            // An empty annotation marks nothing a tagger could find, so it
            // could only count as a miss.
            if !content.trim().is_empty() {
                self.gold.push(GoldTimex {
                    tid: t.tid,
                    start: t.start,
                    end: self.chars,
                    text: content.to_owned(),
                    kind: t.kind,
                    value: t.value,
                    modifier: t.modifier,
                });
            }
        }
        Ok(())
    }

    /// Character data (entities already decoded).
    fn content(&mut self, s: &str) {
        if self.text_depth.is_some() {
            self.text.push_str(s);
            self.chars += s.chars().count();
        }
        if self.title_depth.is_some()
            && let Some(title) = &mut self.title
        {
            title.push_str(s);
        }
    }

    /// A [`Error::BadTimeMl`] at byte `at` of the file.
    fn bad(&self, at: u64, what: impl std::fmt::Display) -> Error {
        // Clamped to the length, so the slice below cannot fail.
        let at = usize::try_from(at).unwrap_or(usize::MAX).min(self.xml.len());
        let line =
            self.xml.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count()
                + 1;
        Error::BadTimeMl {
            path: self.path.to_path_buf(),
            message: format!("line {line}: {what}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn p() -> &'static Path {
        Path::new("in.json")
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// A JSON Lines record is read straight into a document when its
    /// fields have the types they should, else through the tree of
    /// values: both ways give the same document, or the same error.
    #[test]
    fn typed_records_read_as_the_value_tree_reads_them() {
        let records = [
            r#"{"id": "a", "text": "On Monday."}"#,
            r#"{"text": "x", "id": "b", "title": "T", "url": "u", "dct": "2017-04-17"}"#,
            r#"{"id": "c", "text": "x", "title": null, "dct": null, "more": [1e999]}"#,
            r#"{"id": "d", "text": "x", "dct": "2017-04-17T10:00:00Z"}"#,
            r#"{"id": "e", "text": "x", "dct": "April"}"#,
            r#"{"id": 7, "text": "x"}"#,
            r#"{"id": "f", "id": "g", "text": "x"}"#,
            r#"{"id": "h", "text": 3}"#,
            r#"{"id": "i", "text": "x", "dct": 20170417}"#,
            r#"{"id": null, "text": "x"}"#,
            r#"["id", "text"]"#,
        ];
        let stdin = Path::new("-");
        // The first four take the typed way.
        for r in &records[..4] {
            assert!(serde_json::from_str::<Record>(r).is_ok(), "{r}");
        }
        for r in records {
            let read = jsonl(r.as_bytes(), 1 << 20).remove(0);
            match serde_json::from_str::<Json>(r) {
                Ok(v) => {
                    let tree = doc_from_json(v, stdin, Location::Line(1));
                    assert_eq!(
                        format!("{read:?}"),
                        format!("{tree:?}"),
                        "{r}"
                    );
                }
                // The one difference: a field the typed way skips is not
                // read as a number.
                Err(_) => assert!(r.contains("1e999") && read.is_ok(), "{r}"),
            }
        }
    }

    /// One JSON record through the `.json` reader.
    fn one(json: &str) -> Result<Document, Error> {
        let mut docs = json_documents(p(), json);
        assert_eq!(docs.len(), 1, "{docs:?}");
        docs.remove(0)
    }

    fn jsonl(input: &[u8], max_bytes: u64) -> Vec<Result<Document, Error>> {
        read_jsonl(
            Cursor::new(input),
            Path::new("-"),
            &ReadOptions { max_bytes, lossy: false },
        )
    }

    // --- shared checks -----------------------------------------------------

    #[test]
    fn default_limit_is_64_mib() {
        assert_eq!(ReadOptions::default().max_bytes, 64 << 20);
    }

    #[test]
    fn format_follows_the_extension_and_defaults_to_text() {
        let cases = [
            ("a.txt", Format::Txt),
            ("a.json", Format::Json),
            ("a.JSON", Format::Json),
            ("a.jsonl", Format::Jsonl),
            ("dir/a.tml", Format::TimeMl),
            ("a.md", Format::Txt),
            ("a.json.bak", Format::Txt),
            ("README", Format::Txt),
        ];
        for (path, want) in cases {
            assert_eq!(Format::of(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn decoding_strips_a_bom_and_checks_utf8_and_emptiness() {
        let ok = |b: &[u8]| {
            decode_text(
                p(),
                b.to_vec(),
                &ReadOptions::default(),
                &mut Vec::new(),
            )
            .ok()
        };
        assert_eq!(ok(b"\xEF\xBB\xBFHello").as_deref(), Some("Hello"));
        // Only a leading BOM is stripped.
        assert_eq!(ok(b"a\xEF\xBB\xBF").as_deref(), Some("a\u{FEFF}"));
        assert_eq!(ok(b"x\r\ny\r\n").as_deref(), Some("x\r\ny\r\n"));
        let cases: [(&[u8], Option<usize>); 5] = [
            (b"ab\xFFcd", Some(2)),
            (b"\xEF\xBB\xBFab\xC3", Some(5)),
            (b"caf\xC3\xA9 \xE2\x82", Some(6)),
            (b"", None),
            (b"\xEF\xBB\xBF \r\n\t", None),
        ];
        for (bytes, bad_at) in cases {
            match (
                decode_text(
                    p(),
                    bytes.to_vec(),
                    &ReadOptions::default(),
                    &mut Vec::new(),
                ),
                bad_at,
            ) {
                (Err(Error::NotUtf8 { valid_up_to, .. }), Some(at)) => {
                    assert_eq!(valid_up_to, at, "{bytes:?}")
                }
                (Err(Error::Empty { .. }), None) => {}
                (other, _) => panic!("{bytes:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn size_is_checked_against_the_limit() {
        let opts = ReadOptions { max_bytes: 10, lossy: false };
        assert!(check_size(p(), 10, &opts).is_ok());
        let err = check_size(p(), 11, &opts).unwrap_err();
        assert!(matches!(err, Error::TooLarge { size: 11, limit: 10, .. }));
        assert_eq!(
            err.to_string(),
            "in.json: too large: 11 bytes or more, the limit is 10 bytes"
        );
    }

    // --- .txt --------------------------------------------------------------

    #[test]
    fn txt_title_is_the_first_non_empty_line_and_text_is_whole() {
        let cases = [
            ("Title\nBody.", Some("Title")),
            ("\n\n  Spaced title  \r\nBody", Some("Spaced title")),
            ("\r\n\t\r\nOnly line", Some("Only line")),
            ("One line, no newline", Some("One line, no newline")),
        ];
        for (text, title) in cases {
            let doc = txt_document("id".to_owned(), text.to_owned());
            assert_eq!(doc.title.as_deref(), title, "{text:?}");
            assert_eq!(doc.text, text);
            assert_eq!((doc.dct, doc.dct_source), (None, DctSource::None));
        }
    }

    #[test]
    fn file_id_is_the_stem() {
        assert_eq!(file_id(Path::new("a/b/story-1.txt")), "story-1");
        assert_eq!(file_id(Path::new("x.tar.json")), "x.tar");
        assert_eq!(file_id(Path::new("noext")), "noext");
    }

    // --- JSON --------------------------------------------------------------

    #[test]
    fn json_object_with_all_fields() {
        let doc = one(
            r#"{"id": "a1", "text": "Body", "title": "T", "url": "http://x",
                "dct": "2017-04-17", "extra": [1, 2]}"#,
        )
        .unwrap();
        assert_eq!(
            doc,
            Document {
                id: "a1".to_owned(),
                title: Some("T".to_owned()),
                url: Some("http://x".to_owned()),
                dct: ymd(2017, 4, 17),
                dct_source: DctSource::Given,
                text: "Body".to_owned(),
            }
        );
    }

    #[test]
    fn json_optional_fields_may_be_absent_or_null() {
        let doc = one(r#"{"id": 7, "text": "", "title": null, "dct": null}"#)
            .unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!((doc.title, doc.url, doc.dct), (None, None, None));
        assert_eq!(doc.dct_source, DctSource::None);
    }

    #[test]
    fn json_array_gives_one_result_per_element() {
        let docs = json_documents(
            p(),
            r#"[{"id": "a", "text": "x"}, {"id": "b"}, 3, {"id": 2.5, "text": "z"}]"#,
        );
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(matches!(
            docs[1],
            Err(Error::MissingField {
                location: Location::Item(2),
                field: "text",
                ..
            })
        ));
        assert!(matches!(
            docs[2],
            Err(Error::NotAnObject {
                location: Location::Item(3),
                found: "a number",
                ..
            })
        ));
        assert_eq!(docs[3].as_ref().unwrap().id, "2.5");
    }

    #[test]
    fn json_record_errors() {
        let cases = [
            (r#"{"text": "x"}"#, "in.json: missing required field `id`"),
            (
                r#"{"id": null, "text": "x"}"#,
                "in.json: missing required field `id`",
            ),
            (r#"{"id": "a"}"#, "in.json: missing required field `text`"),
            (
                r#"{"id": true, "text": "x"}"#,
                "in.json: field `id` must be a string or a number, found a boolean",
            ),
            (
                r#"{"id": "a", "text": ["x"]}"#,
                "in.json: field `text` must be a string, found an array",
            ),
            (
                r#"{"id": "a", "text": "x", "title": 1}"#,
                "in.json: field `title` must be a string, found a number",
            ),
            (
                r#"{"id": "a", "text": "x", "url": {}}"#,
                "in.json: field `url` must be a string, found an object",
            ),
            (
                r#""just a string""#,
                "in.json: expected a JSON object, found a string",
            ),
            (
                r#"{"id": "a9", "text": "x", "dct": "17 April 2017"}"#,
                "in.json: document \"a9\": dct \"17 April 2017\" is not a date \
                 (expected YYYY-MM-DD or an ISO 8601 date-time)",
            ),
            (
                r#"{"id": "a9", "text": "x", "dct": 20170417}"#,
                "in.json: document \"a9\": dct \"20170417\" is not a date \
                 (expected YYYY-MM-DD or an ISO 8601 date-time)",
            ),
        ];
        for (json, message) in cases {
            assert_eq!(one(json).unwrap_err().to_string(), message, "{json}");
        }
    }

    #[test]
    fn json_syntax_error_and_empty_array() {
        let err = one(r#"{"id": "a", "text": }"#).unwrap_err();
        assert!(matches!(err, Error::BadJson { .. }), "{err:?}");
        assert!(err.to_string().starts_with("in.json: not a JSON document: "));
        assert!(matches!(one("[]").unwrap_err(), Error::Empty { .. }));
    }

    #[test]
    fn dct_formats() {
        let good = [
            ("2017-04-17", ymd(2017, 4, 17)),
            (" 2017-04-17 ", ymd(2017, 4, 17)),
            ("2017-04-17T10:00:00Z", ymd(2017, 4, 17)),
            ("2017-04-17T23:59:60.123+02:00", ymd(2017, 4, 17)),
            ("2017-04-17t10:00z", ymd(2017, 4, 17)),
            ("2017-04-17 10:00", ymd(2017, 4, 17)),
            ("2017-04-17T10:00:00,5-0530", ymd(2017, 4, 17)),
            ("2017-04-17T10:00-05", ymd(2017, 4, 17)),
            ("2016-02-29", ymd(2016, 2, 29)),
            ("0001-01-01", ymd(1, 1, 1)),
            ("9999-12-31", ymd(9999, 12, 31)),
        ];
        for (s, want) in good {
            assert_eq!(parse_dct(s), want, "{s:?}");
        }
        let bad = [
            "",
            "2017",
            "2017-04",
            "2017-4-7",
            "17-04-2017",
            "2017/04/17",
            "2017-02-30",
            "2017-13-01",
            "2017-04-17T",
            "2017-04-17T25:00",
            "2017-04-17T10",
            "2017-04-17T10:60",
            "2017-04-17X10:00",
            "2017-04-17T10:00:00+",
            "2017-04-17T10:00+25:00",
            "2017-04-17T10:00:00.",
            "2017-04-17T10:00:00:00",
            "2017-04-17T10:00+0€",
            "2017-04-17T10:00 UTC",
            "２０１７-04-17",
            "0000-01-01",
        ];
        for s in bad {
            assert_eq!(parse_dct(s), None, "{s:?}");
        }
    }

    // --- JSON Lines --------------------------------------------------------

    #[test]
    fn jsonl_bad_line_leaves_the_others() {
        let input = b"{\"id\": \"a\", \"text\": \"x\"}\r\n\
                      \n\
                      {\"id\": \"b\", \"text\": oops}\n\
                      \t \n\
                      {\"id\": \"c\"}\n\
                      {\"id\": \"d\", \"text\": \"y\"}";
        let docs = jsonl(input, 1 << 20);
        assert_eq!(docs.len(), 4, "{docs:?}");
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(matches!(&docs[1], Err(Error::BadJsonLine { line: 3, .. })));
        assert!(
            docs[1]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("-: line 3: not a JSON document: ")
        );
        assert_eq!(
            docs[2].as_ref().unwrap_err().to_string(),
            "-: line 5: missing required field `text`"
        );
        assert_eq!(docs[3].as_ref().unwrap().id, "d");
    }

    #[test]
    fn jsonl_bom_and_bad_utf8_per_line() {
        let input = b"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"\xFF\"}\n";
        let docs = jsonl(input, 1 << 20);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        // The offset is into the whole stream, BOM included.
        let bad_at = input.iter().position(|&b| b == 0xFF);
        match &docs[1] {
            Err(Error::NotUtf8 { valid_up_to, .. }) => {
                assert_eq!(Some(*valid_up_to), bad_at)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_jsonl_line_over_the_limit_is_refused_alone() {
        let line = b"{\"id\": \"a\", \"text\": \"x\"}\n";
        let long = b"{\"id\": \"b\", \"text\": \"a longer text\"}\n";
        let input = [&line[..], long, line, &long[..long.len() - 1]].concat();
        // The limit is per line, not per stream.
        let limit = line.len() as u64 - 1;
        let docs = jsonl(&input, limit);
        assert_eq!(docs.len(), 4, "{docs:?}");
        assert!(docs[0].is_ok() && docs[2].is_ok());
        for (i, line_no) in [(1, 2), (3, 4)] {
            match &docs[i] {
                Err(Error::LineTooLarge { line, limit: l, .. }) => {
                    assert_eq!((*line, *l), (line_no, limit))
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            docs[1].as_ref().unwrap_err().to_string(),
            format!("-: line 2: too large: more than {limit} bytes")
        );
        let all = jsonl(&input, long.len() as u64);
        assert!(all.iter().all(Result::is_ok) && all.len() == 4);
    }

    #[test]
    fn jsonl_with_nothing_in_it_is_empty() {
        for input in [&b""[..], b"\n  \r\n", b"\xEF\xBB\xBF\n"] {
            let docs = jsonl(input, 100);
            assert!(
                matches!(docs[..], [Err(Error::Empty { .. })]),
                "{input:?}"
            );
        }
    }

    #[test]
    fn jsonl_read_error_is_reported_once() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("device gone"))
            }
        }
        let docs = read_jsonl(
            BufReader::new(Broken),
            Path::new("-"),
            &ReadOptions::default(),
        );
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].as_ref().unwrap_err().to_string(),
            "-: device gone"
        );
    }

    // --- TimeML ------------------------------------------------------------

    const EXAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<DOCID>ABC19980108.1830.0711</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
On the other hand, it's <EVENT eid="e1" class="OCCURRENCE">turning</EVENT> out to be another very bad financial <TIMEX3 tid="t83" type="DURATION" value="P1W" temporalFunction="false" functionInDocument="NONE">week</TIMEX3> for Asia. <TIMEX3 tid="t196" type="DATE" value="PRESENT_REF" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">Now</TIMEX3> AT&amp;T ...
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"#;

    /// A minimal TimeML file around `text` (raw XML).
    fn tml(text: &str) -> String {
        format!("<TimeML><TEXT>{text}</TEXT></TimeML>")
    }

    fn span(g: &GoldTimex) -> (usize, usize, &str, &str) {
        (g.start, g.end, g.text.as_str(), g.value.as_str())
    }

    #[test]
    fn timeml_example() {
        let (doc, gold) = parse_timeml("ABC", EXAMPLE).unwrap();
        let text = "\nOn the other hand, it's turning out to be another very bad \
                    financial week for Asia. Now AT&T ...\n";
        assert_eq!(doc.text, text);
        assert_eq!(doc.id, "ABC");
        assert_eq!(
            (doc.dct, doc.dct_source),
            (ymd(1998, 1, 8), DctSource::Given)
        );
        assert_eq!(doc.title, None);
        assert_eq!(
            gold,
            [
                GoldTimex {
                    tid: "t83".to_owned(),
                    start: 70,
                    end: 74,
                    text: "week".to_owned(),
                    kind: TimexType::Duration,
                    value: "P1W".to_owned(),
                    modifier: None,
                },
                GoldTimex {
                    tid: "t196".to_owned(),
                    start: 85,
                    end: 88,
                    text: "Now".to_owned(),
                    kind: TimexType::Date,
                    value: "PRESENT_REF".to_owned(),
                    modifier: None,
                },
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        for g in &gold {
            assert_eq!(
                chars[g.start..g.end].iter().collect::<String>(),
                g.text
            );
        }
    }

    #[test]
    fn timeml_offsets_are_code_points_and_entities_decode() {
        let xml = tml("é “x” &#233;&#x1F600; &lt;&gt;&quot;&apos; \
             <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2017\" mod=\"START\">early &amp; 2017</TIMEX3>\r\n");
        let (doc, gold) = parse_timeml("d", &xml).unwrap();
        assert_eq!(doc.text, "é “x” é😀 <>\"' early & 2017\r\n");
        assert_eq!(gold.len(), 1);
        assert_eq!(span(&gold[0]), (14, 26, "early & 2017", "2017"));
        assert_eq!(gold[0].modifier.as_deref(), Some("START"));
    }

    #[test]
    fn timeml_cdata_nested_tags_and_empty_timexes() {
        let xml = tml("<![CDATA[a<b>&amp;]]> \
             <TIMEX3 tid=\"t1\" type=\"TIME\" value=\"T10:00\">ten <S>o'clock</S></TIMEX3>\
             <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2017\"></TIMEX3>\
             <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"2017\"/>\
             <TIMEX3 tid=\"t4\" type=\"DATE\" value=\"2017\"> </TIMEX3>.");
        let (doc, gold) = parse_timeml("d", &xml).unwrap();
        assert_eq!(doc.text, "a<b>&amp; ten o'clock .");
        let tids: Vec<_> = gold.iter().map(|g| g.tid.as_str()).collect();
        assert_eq!(tids, ["t1"]);
        assert_eq!(span(&gold[0]), (10, 21, "ten o'clock", "T10:00"));
    }

    #[test]
    fn timeml_title_and_dct_anywhere() {
        let xml = "<TimeML><TITLE> Big &amp; <b>bold</b> </TITLE>\
                   <TEXT>x <TIMEX3 tid=\"t0\" type=\"TIME\" value=\"1998-08-07T06:18\" \
                   functionInDocument=\"CREATION_TIME\">today</TIMEX3></TEXT></TimeML>";
        let (doc, gold) = parse_timeml("d", xml).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Big & bold"));
        assert_eq!(doc.dct, ymd(1998, 8, 7));
        // Inside TEXT it is also a gold span.
        assert_eq!(span(&gold[0]), (2, 7, "today", "1998-08-07T06:18"));
        let (doc, _) = parse_timeml("d", &tml("x")).unwrap();
        assert_eq!(
            (doc.dct, doc.dct_source, doc.title),
            (None, DctSource::None, None)
        );
    }

    #[test]
    fn timeml_errors_say_what_and_where() {
        let cases = [
            ("<TimeML><DOCID>x</DOCID></TimeML>", "d: no <TEXT> element"),
            (
                "<TimeML>\n<TEXT>a</TEXT>\n<TEXT>b</TEXT></TimeML>",
                "d: line 3: a second <TEXT> element",
            ),
            (
                "<TimeML><TEXT>\na</TEXT>",
                "d: line 2: end of file inside <TimeML>",
            ),
            (
                "<TimeML><TEXT>\n\n<TIMEX3 tid=\"t5\" value=\"2017\">x</TIMEX3></TEXT></TimeML>",
                "d: line 3: TIMEX3 \"t5\" has no type",
            ),
            (
                "<TimeML><TEXT><TIMEX3 tid=\"t5\" type=\"DAY\">x</TIMEX3></TEXT></TimeML>",
                "d: line 1: TIMEX3 \"t5\" has type \"DAY\", not DATE, TIME, DURATION or SET",
            ),
            (
                "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998\" \
                 functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT><TEXT/></TimeML>",
                "d: line 1: CREATION_TIME TIMEX3 \"t0\": value \"1998\" does not \
                 start with a YYYY-MM-DD date",
            ),
        ];
        for (xml, message) in cases {
            let err = parse_timeml("d", xml).unwrap_err();
            assert!(matches!(err, Error::BadTimeMl { .. }));
            assert_eq!(err.to_string(), message, "{xml}");
        }
        // Syntax errors come from quick-xml; only the shape is ours.
        let malformed = [
            "<TimeML><TEXT>a</TIMEX3></TEXT></TimeML>",
            "<TimeML><TEXT>a &nbsp; b</TEXT></TimeML>",
            "<TimeML><TEXT>a &amp b</TEXT></TimeML>",
            "<TimeML><TEXT><TIMEX3 type=\"DATE\" type=\"DATE\">a</TIMEX3></TEXT></TimeML>",
            "<TimeML><TEXT><TIMEX3 type=DATE>a</TIMEX3></TEXT></TimeML>",
            "<TimeML><TEXT>a</TEXT></TimeML></TimeML>",
        ];
        for xml in malformed {
            match parse_timeml("d", xml) {
                Err(Error::BadTimeMl { message, .. }) => {
                    assert!(
                        message.starts_with("line 1: "),
                        "{xml}: {message}"
                    )
                }
                other => panic!("{xml}: {other:?}"),
            }
        }
    }
}
