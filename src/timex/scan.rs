//! Where the rules match: one lazy DFA over every rule, run anchored at
//! the positions where some rule can begin.
//!
//! The obvious search, one unanchored regex over the whole text, tracks
//! every partial match started at every earlier byte at once. Its lazy
//! DFA then meets a new combination of partial matches every few
//! kilobytes of news, and building those states (each the closure over
//! all the rules' start states) was a third of `timeline tag`'s time on
//! a 10 MB corpus (callgrind). Anchored at one position, the DFA only
//! follows the rules from that position: few, small states, built once.
//!
//! Which positions to try comes from the same DFA: a match can begin
//! at `p` only if the anchored start state (which depends on the byte
//! before `p`, for `\b`) does not die on the byte at `p`, nor the state
//! after it on the byte at `p + 1`. Those tables are read off the DFA
//! (in each thread's cache, on first use), so they hold for any rule
//! table, and leftmost-first matching is kept: the first position,
//! left to right, where an anchored search matches is where the
//! unanchored search's match starts, with the same rule and end.

use std::sync::Arc;

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::start;
use regex_automata::{Anchored, Match, MatchKind, PatternID};
use regex_syntax::hir::Hir;

/// Builds one search cache for a thread.
type CacheFn = Box<dyn Fn() -> ScanCache + Send + Sync>;

/// A thread's search state: the lazy DFA's cache, and two tables read
/// off it. Most positions (inside words) are ruled out by the first
/// look-up, and about a quarter of the rest (words no rule begins with)
/// by the second; a walk of the DFA costs more than both.
pub struct ScanCache {
    cache: Cache,
    /// The state after the first byte of a match, for each start state
    /// (row) and byte (at `row * 256 + byte`): the dead state where no
    /// rule begins with it.
    first: Box<[LazyStateID; CELLS]>,
    /// The same table as the loop over every byte reads it: for each
    /// pair of bytes (`before * 256 + byte`), a bit set when a rule may
    /// begin at the second. Each byte's look-up depends on no other's,
    /// so the processor runs several at once; through the rows, each
    /// waited for the one before.
    pairs: Box<[u64; 1024]>,
    /// The cache's clear count when `first` was read: state ids are only
    /// good until the cache is cleared.
    clears: Option<usize>,
    /// For a row and first byte (`row * 256 + byte`), the second bytes
    /// after which some rule may still match, as a bit set, and which
    /// of those bits are known. Each is read when the text first has
    /// that pair: reading all 256 at once built DFA states for pairs
    /// news never writes, which cost more than the walks it saved.
    /// Each cell is the bits (words 0 to 3) and which are known
    /// (words 4 to 7), read together at every candidate; all zero at
    /// first, so the table is allocated zeroed and its pages touched
    /// only where the text leads.
    second: Vec<[u64; 8]>,
}

/// A search cache lent to one search (one document).
pub type ScanCacheGuard<'a> = PoolGuard<'a, ScanCache, CacheFn>;

/// The rules' automaton and the table of where a match can begin.
pub struct Scanner {
    dfa: Arc<DFA>,
    pool: Pool<ScanCache, CacheFn>,
    /// For each byte, the row of [`ScanCache::first`] for the position
    /// after it. One row per distinct anchored start state: a handful,
    /// as `\b` only tells word bytes from others.
    row_after: [u8; 256],
    /// The same rows as offsets into [`ScanCache::first`].
    offset_after: [u16; 256],
    /// The row at the start of the text.
    row_at_start: u8,
    /// The preceding byte whose start state each row is (`None`: the
    /// start of the text).
    row_behind: Vec<Option<u8>>,
}

/// At most this many rows: the lazy DFA has six kinds of start state.
const MAX_ROWS: usize = 8;

/// The size of the first-byte table: a power of two, so that masking an
/// index keeps it in bounds without a check in the loop over every byte.
const CELLS: usize = 256 * MAX_ROWS;

/// Why the rule automaton could not be built: a bug in the rule table
/// (the built-in one is checked by the tests), never the input's fault.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A rule's pattern does not parse.
    #[error("a rule's pattern does not parse: {0}")]
    Parse(Box<regex_syntax::Error>),
    /// The patterns do not compile into one NFA.
    #[error("the rules do not compile: {0}")]
    Nfa(Box<thompson::BuildError>),
    /// The lazy DFA cannot be made from that NFA.
    #[error("the rules' DFA cannot be built: {0}")]
    Dfa(Box<regex_automata::hybrid::BuildError>),
    /// A start state cannot be computed.
    #[error("the rules' DFA has no start state: {0}")]
    Start(#[from] regex_automata::hybrid::StartError),
    /// Some rule matches the empty string (it would tag nothing, and
    /// empty matches need UTF-8 care the scanner does not take).
    #[error("a rule can match the empty string")]
    EmptyMatch,
    /// More kinds of start state than the scanner keeps rows for.
    #[error("more kinds of start state than expected")]
    StartKinds,
    /// A rule uses a Unicode word boundary, which looks further than
    /// one byte around a position (the memo of groups keys on one).
    #[error("a rule uses a Unicode word boundary")]
    UnicodeWordBoundary,
}

// The library's errors are large: boxed, so that a `Result` stays small.
impl From<regex_syntax::Error> for BuildError {
    fn from(e: regex_syntax::Error) -> BuildError {
        BuildError::Parse(Box::new(e))
    }
}

impl From<thompson::BuildError> for BuildError {
    fn from(e: thompson::BuildError) -> BuildError {
        BuildError::Nfa(Box::new(e))
    }
}

impl From<regex_automata::hybrid::BuildError> for BuildError {
    fn from(e: regex_automata::hybrid::BuildError) -> BuildError {
        BuildError::Dfa(Box::new(e))
    }
}

impl Scanner {
    /// Compiles the parsed patterns into one automaton; pattern `i` is
    /// rule `i`.
    pub fn new(patterns: &[Hir]) -> Result<Scanner, BuildError> {
        let nfa = thompson::Compiler::new()
            // Only where a rule matches is needed here; its groups are
            // read with the rule's own regex.
            .configure(
                thompson::Config::new().which_captures(WhichCaptures::None),
            )
            .build_many_from_hir(patterns)?;
        // An empty match would need the UTF-8 care of the library's own
        // search loop, and a rule matching nothing tags nothing.
        if nfa.has_empty() {
            return Err(BuildError::EmptyMatch);
        }
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::LeftmostFirst)
                    // A rule rejected at a position hands it to the
                    // next rule that matches there: one rule alone.
                    .starts_for_each_pattern(true)
                    // Room for every state news text reaches, so the
                    // cache is never cleared and rebuilt.
                    .cache_capacity(64 << 20),
            )
            .build_from_nfa(nfa)?;
        let dfa = Arc::new(dfa);
        let (row_after, row_at_start, row_behind) = start_rows(&dfa)?;
        let for_pool = Arc::clone(&dfa);
        let create: CacheFn = Box::new(move || ScanCache {
            cache: for_pool.create_cache(),
            first: Box::new([LazyStateID::default(); CELLS]),
            pairs: Box::new([0; 1024]),
            clears: None,
            second: vec![[0; 8]; CELLS],
        });
        Ok(Scanner {
            dfa,
            pool: Pool::new(create),
            row_after,
            offset_after: row_after.map(|r| u16::from(r) * 256),
            row_at_start,
            row_behind,
        })
    }

    /// A cache for this thread's searches.
    pub fn cache(&self) -> ScanCacheGuard<'_> {
        self.pool.get()
    }

    /// Reads the first-byte table into `sc` unless it holds already.
    fn prepare(&self, sc: &mut ScanCache) -> Option<()> {
        while sc.clears != Some(sc.cache.clear_count()) {
            let clears = sc.cache.clear_count();
            for (row, behind) in
                sc.first.chunks_exact_mut(256).zip(&self.row_behind)
            {
                let config = start::Config::new()
                    .anchored(Anchored::Yes)
                    .look_behind(*behind);
                let start =
                    self.dfa.start_state(&mut sc.cache, &config).ok()?;
                for (b, sid) in (0..=255u8).zip(row.iter_mut()) {
                    *sid =
                        self.dfa.next_state(&mut sc.cache, start, b).ok()?;
                }
            }
            sc.pairs.fill(0);
            for pair in 0..256 * 256 {
                let offset = usize::from(self.offset_after[pair / 256]);
                if !sc.first[(offset + pair % 256) % CELLS].is_dead() {
                    sc.pairs[pair / 64] |= 1 << (pair % 64);
                }
            }
            sc.clears = Some(clears);
        }
        Some(())
    }

    /// The leftmost-first match of any rule starting at or after byte
    /// `from`.
    pub fn find(
        &self,
        sc: &mut ScanCache,
        text: &str,
        from: usize,
    ) -> Option<Match> {
        self.prepare(sc)?;
        let bytes = text.as_bytes();
        let mut row = match from.checked_sub(1) {
            None => self.row_at_start,
            Some(i) => self.row_after[usize::from(*bytes.get(i)?)],
        };
        let mut p = from;
        loop {
            let (start, sid, here) = self.next_candidate(sc, bytes, p, row)?;
            let b = bytes[start];
            row = self.row_after[usize::from(b)];
            p = start + 1;
            if let Some(&next) = bytes.get(p) {
                let k = (usize::from(here) * 256 + usize::from(b)) % CELLS;
                let (word, bit) =
                    (usize::from(next >> 6), 1u64 << (next & 63));
                let cell = &mut sc.second[k];
                if cell[4 + word] & bit == 0 {
                    // A state that matches already (an empty match) or
                    // is special is walked, whatever follows.
                    let after = self.dfa.next_state(&mut sc.cache, sid, next);
                    if sid.is_tagged() || !after.ok()?.is_dead() {
                        cell[word] |= bit;
                    }
                    cell[4 + word] |= bit;
                }
                if cell[word] & bit == 0 {
                    continue;
                }
            }
            let found = self.walk(&mut sc.cache, bytes, start, sid);
            if found.is_some() {
                return found;
            }
            // The walk may have filled the cache and cleared it.
            if sc.clears != Some(sc.cache.clear_count()) {
                self.prepare(sc)?;
            }
        }
    }

    /// The first position from `p` on where a rule may begin, with the
    /// state after its byte and its row; `row` is the row at `p`. Every
    /// byte of the text goes through this loop.
    #[inline(always)]
    fn next_candidate(
        &self,
        sc: &ScanCache,
        bytes: &[u8],
        mut p: usize,
        row: u8,
    ) -> Option<(usize, LazyStateID, u8)> {
        // The first byte with the row given (the start of the text has
        // its own), the others by the byte before them.
        let sid = sc.first
            [(usize::from(row) * 256 + usize::from(*bytes.get(p)?)) % CELLS];
        if !sid.is_dead() {
            return Some((p, sid, row));
        }
        p += 1;
        let live = |before: u8, b: u8| {
            let pair = usize::from(before) * 256 + usize::from(b);
            sc.pairs[(pair / 64) % 1024] & (1 << (pair % 64)) != 0
        };
        // Four bytes a round, then one: the bound is checked once for
        // four look-ups.
        while let Some(&[b0, b1, b2, b3, b4]) = bytes.get(p - 1..p + 4) {
            for (i, (before, b)) in [(b0, b1), (b1, b2), (b2, b3), (b3, b4)]
                .into_iter()
                .enumerate()
            {
                if live(before, b) {
                    return Some(self.candidate(sc, p + i, before, b));
                }
            }
            p += 4;
        }
        while let Some(&[before, b]) = bytes.get(p - 1..p + 1) {
            if live(before, b) {
                return Some(self.candidate(sc, p, before, b));
            }
            p += 1;
        }
        None
    }

    /// A candidate at `p`: its byte `b` after the byte `before`.
    fn candidate(
        &self,
        sc: &ScanCache,
        p: usize,
        before: u8,
        b: u8,
    ) -> (usize, LazyStateID, u8) {
        let row = self.row_after[usize::from(before)];
        let cell = (usize::from(row) * 256 + usize::from(b)) % CELLS;
        (p, sc.first[cell], row)
    }

    /// The match of rule `pid` alone starting at byte `start`.
    pub fn find_rule_at(
        &self,
        sc: &mut ScanCache,
        text: &str,
        start: usize,
        pid: PatternID,
    ) -> Option<Match> {
        let bytes = text.as_bytes();
        let behind = start.checked_sub(1).map(|i| bytes[i]);
        let config = start::Config::new()
            .anchored(Anchored::Pattern(pid))
            .look_behind(behind);
        let sid = self.dfa.start_state(&mut sc.cache, &config).ok()?;
        let sid = self
            .dfa
            .next_state(&mut sc.cache, sid, *bytes.get(start)?)
            .ok()?;
        self.walk(&mut sc.cache, bytes, start, sid)
    }

    /// The match starting at byte `start`, from `sid`, the state after
    /// that byte. The walk is the library's forward search (a match
    /// shows one byte late, the end of the text has its own transition)
    /// without its per-call set-up, which cost more than the walk
    /// itself when run at every word.
    #[inline(always)]
    fn walk(
        &self,
        cache: &mut Cache,
        bytes: &[u8],
        start: usize,
        mut sid: LazyStateID,
    ) -> Option<Match> {
        // The cache is large enough never to give up; should it, the
        // position is treated as matching no rule.
        let mut end = None;
        let mut at = start;
        loop {
            if sid.is_tagged() {
                if sid.is_match() {
                    end = Some((self.dfa.match_pattern(cache, sid, 0), at));
                } else if sid.is_dead() || sid.is_quit() {
                    break;
                }
            }
            at += 1;
            let Some(&b) = bytes.get(at) else {
                sid = self.dfa.next_eoi_state(cache, sid).ok()?;
                if sid.is_match() {
                    end = Some((self.dfa.match_pattern(cache, sid, 0), at));
                }
                break;
            };
            // Most steps go from a plain state to a known one: the
            // table is read directly, and only a tagged state (a match)
            // or a transition not yet computed takes the checked way.
            let next = if sid.is_tagged() {
                None
            } else {
                Some(self.dfa.next_state_untagged(cache, sid, b))
            };
            sid = match next {
                Some(next) if !next.is_unknown() => next,
                _ => self.dfa.next_state(cache, sid, b).ok()?,
            };
        }
        end.map(|(pid, e)| Match::new(pid, start..e))
    }
}

/// For each preceding byte (and the start of the text), which of the
/// DFA's anchored start states follows it: the row index, and for each
/// row a byte that leads to it.
#[allow(clippy::type_complexity)]
fn start_rows(
    dfa: &DFA,
) -> Result<([u8; 256], u8, Vec<Option<u8>>), BuildError> {
    let mut cache = dfa.create_cache();
    let mut rows = [0u8; 257];
    let mut starts = Vec::new();
    let mut row_behind = Vec::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let behind = u8::try_from(i).ok();
        let config =
            start::Config::new().anchored(Anchored::Yes).look_behind(behind);
        let sid = dfa.start_state(&mut cache, &config)?;
        let n = match starts.iter().position(|s| *s == sid) {
            Some(n) => n,
            None => {
                starts.push(sid);
                row_behind.push(behind);
                starts.len() - 1
            }
        };
        if n >= MAX_ROWS {
            return Err(BuildError::StartKinds);
        }
        *row = u8::try_from(n).map_err(|_| BuildError::StartKinds)?;
    }
    let mut row_after = [0u8; 256];
    row_after.copy_from_slice(&rows[..256]);
    Ok((row_after, rows[256], row_behind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timex::{rules, syntax};
    use regex_automata::Input;
    use regex_automata::meta::Regex;
    use std::sync::LazyLock;

    /// The scanner and, for reference, the unanchored multi-pattern
    /// regex it replaces, both over the rule table.
    static BOTH: LazyLock<(Scanner, Regex)> = LazyLock::new(|| {
        let patterns: Vec<&str> =
            rules::RULES.iter().map(|r| r.pattern).collect();
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| {
                regex_automata::util::syntax::parse_with(p, &syntax()).unwrap()
            })
            .collect();
        let regex =
            Regex::builder().syntax(syntax()).build_many(&patterns).unwrap();
        (Scanner::new(&hirs).unwrap(), regex)
    });

    /// Every leftmost-first match of the scanner, from every start
    /// byte, is the reference regex's; so is each rule's own match.
    fn same_as_regex(text: &str) {
        let (scanner, regex) = &*BOTH;
        let mut sc = scanner.cache();
        let mut starts = Vec::new();
        for from in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let want = regex.search(&Input::new(text).range(from..));
            let got = scanner.find(&mut sc, text, from);
            assert_eq!(got, want, "{text:?} from {from}");
            if let Some(m) = want
                && !starts.contains(&m.start())
            {
                starts.push(m.start());
            }
        }
        for start in starts {
            for pid in 0..rules::RULES.len() {
                let pid = PatternID::new(pid).unwrap();
                let input = Input::new(text)
                    .range(start..)
                    .anchored(Anchored::Pattern(pid));
                let want = regex.search(&input);
                let got = scanner.find_rule_at(&mut sc, text, start, pid);
                assert_eq!(got, want, "{text:?} rule {pid:?}");
            }
        }
    }

    #[test]
    fn news_sentences() {
        for text in [
            "Russia vetoed the resolution on Wednesday, April 12, 2017.",
            "In the past four years, about three weeks ago, at 10:30 a.m.",
            "Shares rose 5% in the first quarter of 2016; the year before",
            "the day before yesterday -- mid-April, and every Monday night",
            "Tuesday",
            "",
            "x2017-04-13",
            "The U.S. said late Thursday it would meet next week (NZT).",
        ] {
            same_as_regex(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Texts made of the rules' own words, digits and separators,
        /// where matches start, overlap and fail often.
        #[test]
        fn random_word_soup(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "the", "last", "next", "year", "years", "April", "may",
                "Monday", "week", "ago", "early", "mid", "-", " ", ", ",
                ".", "4", "13", "2017", "'17", "10:30", "a.m.", "about",
                "three", "a", "few", "days", "in", "of", "quarter",
                "first", "day", "before", "today", "é", "\n", "now",
                "fiscal", "every", "Christmas", "x", "s",
            ]),
            0..24,
        )) {
            same_as_regex(&words.concat());
        }
    }
}
