//! The progress bar of a long run: documents, MB, rate and ETA on
//! stderr. Only on a terminal, never with `--quiet`, and only once the
//! run has gone on for a while, so short runs and pipelines print
//! nothing.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this shows no bar.
const DELAY: Duration = Duration::from_secs(1);

/// Counts what has been read; draws once the run is long.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    docs: u64,
}

impl Progress {
    /// A bar for reading `paths` (their sizes are the total when known),
    /// or none when stderr is not a terminal or `quiet` is set.
    pub fn new(paths: &[PathBuf], quiet: bool) -> Progress {
        let wanted = !quiet && std::io::stderr().is_terminal();
        let bar = wanted.then(|| {
            let total = total_bytes(paths);
            let bar = ProgressBar::with_draw_target(
                total,
                ProgressDrawTarget::hidden(),
            );
            let template = if total.is_some() {
                "{spinner} {msg} {decimal_bytes}/{decimal_total_bytes} \
                 ({decimal_bytes_per_sec}, ETA {eta}) {wide_bar}"
            } else {
                "{spinner} {msg} {decimal_bytes} ({decimal_bytes_per_sec})"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar, started: Instant::now(), shown: false, docs: 0 }
    }

    /// One more document of `bytes` bytes read.
    pub fn add(&mut self, bytes: usize) {
        let Some(bar) = &self.bar else { return };
        self.docs += 1;
        bar.inc(u64::try_from(bytes).unwrap_or(u64::MAX));
        if !self.shown && self.started.elapsed() >= DELAY {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if self.shown {
            bar.set_message(format!("{} documents", self.docs));
        }
    }

    /// Runs `f` (a line on stderr) with the bar out of its way.
    pub fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(f),
            _ => f(),
        }
    }

    /// Removes the bar before the summary line.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The bytes of every input file, or `None` if one is stdin or cannot
/// be measured. Directories count every file under them.
fn total_bytes(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if meta.is_dir() {
            for file in timeline::document::files_under(path, |_| true) {
                total += std::fs::metadata(file.ok()?).ok()?.len();
            }
        } else {
            total += meta.len();
        }
    }
    Some(total)
}
