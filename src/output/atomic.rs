//! Writing a file so that readers see the old content or the new, never
//! half of it.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process;
use std::sync::atomic::{AtomicU64, Ordering};

/// Tries at names already taken (a stale temporary file of an earlier
/// process with the same pid) before giving up.
const ATTEMPTS: u64 = 100;

/// Distinguishes the temporary files of one process's threads.
static COUNTER: AtomicU64 = AtomicU64::new(0);

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
    let mut out = io::BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    // On disk before the rename makes it visible: a crash must not
    // leave an empty file where the old one was.
    file.sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        // Best effort: the content matters more than the mode.
        let _ = fs::set_permissions(tmp, meta.permissions());
    }
    Ok(())
}

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
    fn a_path_without_a_file_name_is_refused() {
        assert_eq!(
            write_atomic(Path::new("/"), b"x").map_err(|e| e.kind()),
            Err(io::ErrorKind::InvalidInput)
        );
    }
}
