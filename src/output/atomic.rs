//! Writing a file so that readers see the old content or the new, never
//! half of it.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;

/// Tries at names already taken (a stale temporary file of an earlier
/// process with the same pid) before giving up.
const ATTEMPTS: u64 = 100;

/// Distinguishes the temporary files of one process's threads.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Bytes written between two hand-overs of the file's pages to the
/// disk (see [`WriteBehind`]).
const WRITE_BEHIND: u64 = 8 << 20;

/// Only whole pages are handed over: a page the writer is still
/// filling would make its next write wait for the disk.
const PAGE: u64 = 4096;

/// Writes `bytes` to `path` atomically: to a new temporary file in the
/// same directory (`.NAME.tmp-PID-N`), flushed and synced to disk, then
/// renamed over `path`.
///
/// On any error the temporary file is removed and `path` is left as it
/// was (absent, or with its old content). An existing file's
/// permissions are carried over to the new one. A symbolic link at
/// `path` is replaced by the file, not followed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] with the content written by `write` as it is made
/// (buffered), so that a large output need not be held in memory whole.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ));
    };
    // The same directory, so the rename stays within one file system.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (tmp, file) = create_temporary(dir, name)?;
    let result =
        fill(file, path, &tmp, write).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    sync_dir(dir);
    Ok(())
}

fn create_temporary(
    dir: &Path,
    name: &std::ffi::OsStr,
) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut tmp_name = OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".tmp-{}-{n}", process::id()));
        let tmp = dir.join(tmp_name);
        // `create_new`: never write into a file someone else made.
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                last = Some(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name")))
}

fn fill(
    file: File,
    path: &Path,
    tmp: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(WriteBehind::new(file));
    write(&mut out)?;
    let behind = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    let file = behind.finish();
    // On disk before the rename makes it visible: a crash must not
    // leave an empty file where the old one was.
    file.sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        // Best effort: the content matters more than the mode.
        let _ = fs::set_permissions(tmp, meta.permissions());
    }
    Ok(())
}

/// A file whose pages are sent to the disk while the rest of it is
/// still being made: every [`WRITE_BEHIND`] bytes the whole pages
/// written so far are handed to a thread of its own, which asks the
/// kernel to start writing them out. The closing sync then waits for
/// the last few megabytes instead of the whole file (the kernel starts
/// on its own only once a tenth of the memory waits). Asked on the
/// writing thread itself, the request stalled it (the kernel may wait
/// for room in the disk's queue), and with it the threads that make
/// the output.
struct WriteBehind {
    file: File,
    written: u64,
    /// Where the pages not yet handed over start.
    handed: u64,
    flusher: Flusher,
}

enum Flusher {
    NotYet,
    Running {
        ranges: mpsc::SyncSender<(u64, u64)>,
        thread: thread::JoinHandle<()>,
    },
    /// No thread could be started, or there is no such request here:
    /// the pages wait for the closing sync.
    Off,
}

impl WriteBehind {
    fn new(file: File) -> Self {
        let flusher = if cfg!(target_os = "linux") {
            Flusher::NotYet
        } else {
            Flusher::Off
        };
        WriteBehind { file, written: 0, handed: 0, flusher }
    }

    /// Hands the pages from `handed` to `end` over, unless the thread
    /// is behind: they then go with the next range.
    fn hand_over(&mut self, end: u64) {
        if let Flusher::NotYet = self.flusher {
            self.flusher = self.start_flusher();
        }
        if let Flusher::Running { ranges, .. } = &self.flusher {
            match ranges.try_send((self.handed, end - self.handed)) {
                Ok(()) => self.handed = end,
                Err(mpsc::TrySendError::Full(_)) => {}
                Err(mpsc::TrySendError::Disconnected(_)) => {
                    self.flusher = Flusher::Off;
                }
            }
        }
    }

    fn start_flusher(&self) -> Flusher {
        let Ok(file) = self.file.try_clone() else {
            return Flusher::Off;
        };
        let (ranges, requests) = mpsc::sync_channel::<(u64, u64)>(8);
        let started = thread::Builder::new()
            .name("timeline-write-behind".into())
            .spawn(move || {
                for (from, len) in requests {
                    start_writeback(&file, from, len);
                }
            });
        match started {
            Ok(thread) => Flusher::Running { ranges, thread },
            Err(_) => Flusher::Off,
        }
    }

    /// The file, once the thread has made its last request.
    fn finish(self) -> File {
        if let Flusher::Running { ranges, thread } = self.flusher {
            drop(ranges);
            // A panic there cost only the head start.
            let _ = thread.join();
        }
        self.file
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        let whole = self.written / PAGE * PAGE;
        if whole - self.handed >= WRITE_BEHIND
            && !matches!(self.flusher, Flusher::Off)
        {
            self.hand_over(whole);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(target_os = "linux")]
fn start_writeback(file: &File, from: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(from), Ok(len)) = (i64::try_from(from), i64::try_from(len)) else {
        return;
    };
    // SAFETY: the descriptor is the open file's for the whole call, and
    // the call touches no memory of ours.
    let _failed = unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            from,
            len,
            libc::SYNC_FILE_RANGE_WRITE,
        )
    };
    // A request only: where it fails (a file system without it), the
    // pages wait for the closing sync, which reports real failures.
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _from: u64, _len: u64) {}

/// Makes the rename itself durable where the platform allows opening a
/// directory; elsewhere (and on failure) there is nothing more to do.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("timeline-atomic-{}-{name}", process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
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

    #[test]
    fn writes_and_replaces_leaving_no_temporary_file() {
        let dir = scratch("ok");
        let path = dir.join("out.json");
        write_atomic(&path, b"first").expect("written");
        assert_eq!(fs::read(&path).expect("readable"), b"first");
        write_atomic(&path, b"second").expect("replaced");
        assert_eq!(fs::read(&path).expect("readable"), b"second");
        assert_eq!(entries(&dir), ["out.json"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_directory_fails_and_leaves_nothing() {
        let dir = scratch("missing");
        let path = dir.join("no/such/dir/out.json");
        let err = write_atomic(&path, b"x").expect_err("no directory");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(entries(&dir).is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_in_the_way_fails_and_leaves_it_alone() {
        let dir = scratch("dir");
        let path = dir.join("taken");
        fs::create_dir(&path).expect("made");
        assert!(write_atomic(&path, b"x").is_err());
        assert_eq!(entries(&dir), ["taken"]);
        assert!(path.is_dir());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_large_output_is_written_whole_while_handed_to_the_disk() {
        let dir = scratch("large");
        let path = dir.join("out.bin");
        // Past the write-behind step a few times, in pieces of odd
        // sizes, so that steps end inside pieces and pages.
        let piece: Vec<u8> = (0..=250u8).cycle().take(100_003).collect();
        let pieces = (3 * WRITE_BEHIND as usize).div_ceil(piece.len()) + 1;
        write_atomic_with(&path, |w| {
            (0..pieces).try_for_each(|_| w.write_all(&piece))
        })
        .expect("written");
        let back = fs::read(&path).expect("readable");
        assert_eq!(back.len(), pieces * piece.len());
        assert!(back.chunks(piece.len()).all(|c| c == piece));
        assert_eq!(entries(&dir), ["out.bin"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_whole_pages_are_handed_over_once_a_step_is_written() {
        let dir = scratch("steps");
        let file = File::create(dir.join("f")).expect("created");
        let mut w = WriteBehind::new(file);
        let step = WRITE_BEHIND as usize;
        w.write_all(&vec![b'a'; step + PAGE as usize - 1]).expect("written");
        let expected = if cfg!(target_os = "linux") { step as u64 } else { 0 };
        assert_eq!(w.handed, expected);
        w.write_all(&vec![b'b'; step]).expect("written");
        assert_eq!(w.handed, 2 * expected);
        let file = w.finish();
        assert_eq!(
            file.metadata().expect("metadata").len(),
            2 * step as u64 + PAGE - 1
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert_eq!(
            write_atomic(Path::new("/"), b"x").map_err(|e| e.kind()),
            Err(io::ErrorKind::InvalidInput)
        );
    }
}
