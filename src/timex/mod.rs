//! The temporal tagger: finds time expressions and normalises them to
//! TIMEX3 values anchored to the document creation time (DCT).
//!
//! The rules live in [`rules::RULES`], one table entry per pattern; all
//! patterns compile once into one multi-pattern regex. Date arithmetic
//! lives in [`resolve`], the tense cues in [`context`].

pub mod context;
pub mod lexicon;
pub mod resolve;
pub mod rules;
pub mod scan;
pub mod value;

use std::cell::{Cell, OnceCell};
use std::sync::{LazyLock, OnceLock};

use chrono::NaiveDate;
use compact_str::CompactString;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input, Match, PatternID, Span};
use regex_syntax::hir::Hir;
use scan::Scanner;

use serde::Serialize;

pub use value::{Mod, TimexType, Value};

use context::{Clause, Tense};
use value::Date;

use crate::fast_hash::FastMap;

/// One temporal expression found in a text.
///
/// Offsets are Unicode code points into the document text (what a
/// front end indexing a JavaScript or Python string expects); the byte
/// offsets are kept for Rust callers slicing `&str`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Timex {
    /// First code point of the expression.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// First byte.
    pub start_byte: usize,
    /// One past its last byte.
    pub end_byte: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The normalised value.
    pub value: Value,
    /// Its TIMEX3 `mod`, if any.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Mod>,
    /// The name of the rule that produced it.
    pub rule: &'static str,
    /// Something the reader should know: a weekday that contradicts
    /// the date it stands with ("Monday, April 5, 2017" was a
    /// Wednesday; the date wins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// What a rule produces for one match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The value.
    pub value: Value,
    /// The TIMEX3 `mod`.
    pub modifier: Option<Mod>,
    /// A narrower extent than the match, as a byte range, when the
    /// rule needed context that is not part of the expression.
    pub extent: Option<std::ops::Range<usize>>,
    /// A warning to pass on with the expression.
    pub warning: Option<String>,
}

impl Found {
    /// A value of its natural type (DATE, TIME or DURATION).
    pub fn new(value: Value) -> Found {
        Found {
            kind: value.natural_type(),
            value,
            modifier: None,
            extent: None,
            warning: None,
        }
    }

    /// A SET.
    pub fn set(value: Value) -> Found {
        Found {
            kind: TimexType::Set,
            value,
            modifier: None,
            extent: None,
            warning: None,
        }
    }

    /// The same, starting at byte `start` (inside the match).
    pub fn starting_at(mut self, start: Option<usize>) -> Found {
        if let Some(start) = start {
            let end = self.extent.as_ref().map_or(usize::MAX, |r| r.end);
            self.extent = Some(start..end);
        }
        self
    }

    /// The same, with a `mod`.
    pub fn with_mod(mut self, m: Option<Mod>) -> Found {
        self.modifier = m;
        self
    }
}

/// What the tagger remembers while reading one document: the last
/// date mentioned, to which "the day before", "that year" and "a year
/// earlier" refer.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// The most recent date-like value (day, month, quarter, year …)
    /// resolved in the text; `None` until one is.
    pub reference: Option<Value>,
    /// The expression found last, as its end byte and value: "(Thursday
    /// NZT)" restates the one it follows.
    pub previous: Option<(usize, Value)>,
}

/// The view a rule gets of one match.
pub struct Ctx<'a> {
    text: &'a str,
    caps: &'a Captures,
    names: &'a GroupNames,
    anchor: Option<NaiveDate>,
    state: &'a DocState,
    start: usize,
    end: usize,
    clause: OnceCell<Clause>,
    /// Whether the rule asked for the DCT or the document state: a
    /// result that asked for neither is the same under any DCT.
    asked: Cell<bool>,
}

impl<'a> Ctx<'a> {
    /// The view of the match `caps` whose expression is the byte range
    /// `span` (its clause, if read already).
    fn new(
        text: &'a str,
        (caps, names): (&'a Captures, &'a GroupNames),
        anchor: Option<NaiveDate>,
        state: &'a DocState,
        span: (usize, usize),
        clause: Option<Clause>,
    ) -> Ctx<'a> {
        Ctx {
            text,
            caps,
            names,
            anchor,
            state,
            start: span.0,
            end: span.1,
            clause: clause.map_or_else(OnceCell::new, OnceCell::from),
            asked: Cell::new(false),
        }
    }

    /// The document creation time, if known.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.asked.set(true);
        self.anchor
    }

    /// Document state so far.
    pub fn state(&self) -> &'a DocState {
        self.asked.set(true);
        self.state
    }

    /// The text of a named group, if it took part in the match.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let span = self.names.span(self.caps, name)?;
        self.text.get(span.range())
    }

    /// Whether a named group took part in the match.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The group, lower-cased, with runs of white space made single
    /// spaces, for matching against word lists.
    pub fn word(&self, name: &str) -> Option<CompactString> {
        self.get(name).map(spaced_lower)
    }

    /// The byte offset where a named group starts.
    pub fn start_of(&self, name: &str) -> Option<usize> {
        Some(self.names.span(self.caps, name)?.start)
    }

    /// The whole matched text.
    pub fn matched(&self) -> &'a str {
        &self.text[self.start..self.end]
    }

    /// The text before the match.
    pub fn before(&self) -> &'a str {
        &self.text[..self.start]
    }

    /// The text after the match.
    pub fn after(&self) -> &'a str {
        &self.text[self.end..]
    }

    /// The tense cues of the clause around the match.
    pub fn clause(&self) -> Clause {
        *self.clause.get_or_init(|| {
            context::clause_at(self.text, self.start, self.end)
        })
    }

    /// Whether the clause points after the DCT.
    pub fn future(&self) -> bool {
        self.clause().tense == Tense::Future
    }

    /// Which way a month or a date without a year leans from the DCT.
    pub fn lean(&self) -> resolve::Lean {
        let c = self.clause();
        match c.tense {
            Tense::Future => resolve::Lean::Future,
            Tense::Present => resolve::Lean::Nearest,
            _ if c.infinitive => resolve::Lean::Nearest,
            Tense::Past if c.explicit => resolve::Lean::Past,
            Tense::Past => resolve::Lean::PastLeaning,
        }
    }

    /// The date that discourse-relative expressions ("the day before",
    /// "a year earlier") count from: the last date mentioned if it is a
    /// day, else the DCT.
    pub fn reference_day(&self) -> Option<NaiveDate> {
        match &self.state().reference {
            Some(Value::Date(d)) if d.day.is_some() => d.to_naive(),
            _ => self.anchor(),
        }
    }
}

/// A text read once for tagging under many DCTs: what the tagger finds
/// whatever the DCT (where a rule matches and its groups, the clause of
/// a span, the rules' results that asked for neither the DCT nor what
/// came before) is kept, so that each tagging after the first resolves
/// only the values that depend on the DCT. Inferring a DCT tags one
/// text under dozens of candidates.
pub struct Reading<'t> {
    text: &'t str,
    memo: Memo,
}

impl<'t> Reading<'t> {
    /// A reading of `text`, empty until tagged.
    pub fn new(text: &'t str) -> Reading<'t> {
        Reading { text, memo: Memo::default() }
    }

    /// The text read.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The clause around the span `start..end` (bytes) of the text.
    pub fn clause(&mut self, start: usize, end: usize) -> Clause {
        *self
            .memo
            .clauses
            .entry((start, end))
            .or_insert_with(|| context::clause_at(self.text, start, end))
    }
}

/// The DCT-free findings of a [`Reading`], by byte offset. None of
/// them depends on the DCT or on what was tagged before: the scanner
/// reads the text alone, a rule's groups and a clause their span alone.
#[derive(Default)]
struct Memo {
    /// The scanner's first match from a position.
    finds: FastMap<usize, Option<Match>>,
    /// One rule's try at a position (by rule index): `None` when the
    /// rule does not match there.
    tries: FastMap<(usize, usize), Option<Try>>,
    /// The clause of a span.
    clauses: FastMap<(usize, usize), Clause>,
    /// The code point offset of a byte offset (counting them was a
    /// tenth of tagging a text again).
    code_points: FastMap<usize, usize>,
}

/// A rule's match at a position, its groups read.
struct Try {
    caps: Captures,
    /// The expression's extent (bytes).
    start: usize,
    end: usize,
    /// What the rule made of it when it asked neither for the DCT nor
    /// for the document state: the same in every tagging. Most
    /// expressions of news (explicit dates, durations, "the day")
    /// are such, and resolving was most of tagging a text again.
    fixed: Option<Option<Found>>,
}

impl Try {
    /// What `rule` makes of this match under `dct` after `state`: kept
    /// from an earlier tagging when it asked for neither.
    fn resolve(
        &mut self,
        rule: &Rule,
        names: &GroupNames,
        text: &str,
        dct: Option<NaiveDate>,
        state: &DocState,
        clauses: &mut FastMap<(usize, usize), Clause>,
    ) -> Option<Found> {
        if let Some(f) = &self.fixed {
            return f.clone();
        }
        let span = (self.start, self.end);
        let clause = clauses.get(&span).copied();
        let groups = (&self.caps, names);
        let ctx = Ctx::new(text, groups, dct, state, span, clause);
        let f = (rule.resolve)(&ctx);
        if let Some(c) = ctx.clause.get() {
            clauses.insert(span, *c);
        }
        if !ctx.asked.get() {
            self.fixed = Some(f.clone());
        }
        f
    }
}

/// One entry of the rule table.
pub struct Rule {
    /// Stable snake_case name, shown in output and test failures.
    pub name: &'static str,
    /// The pattern (case-insensitive). A group named `x`, when present,
    /// is the expression's extent; the rest of the match is context.
    pub pattern: &'static str,
    /// Turns a match into a value, or `None` to reject it.
    pub resolve: fn(&Ctx) -> Option<Found>,
    /// (text, expected value) pairs resolved against
    /// [`rules::TEST_ANCHOR`]; the value may carry ` MOD` after it.
    pub examples: &'static [(&'static str, &'static str)],
}

/// The compiled tagger. Build it once and share it: it is `Send + Sync`
/// and `tag` takes `&self`.
pub struct Tagger {
    /// Every rule at once: finds where a rule matches (lazy DFA).
    scanner: Scanner,
    /// Each rule alone, built on first use: reads the capture groups of
    /// a match the whole-table regex found. Its automaton is small, so
    /// resolving groups on the match costs little, where the table's
    /// would clear a visited set sized by all the rules' states at every
    /// match (half the tagger's time, callgrind showed).
    groups: Vec<OnceLock<RuleRegex>>,
    /// Each rule's pattern, parsed once for both automata (parsing was
    /// most of building a rule's own regex).
    hirs: Vec<Hir>,
    /// Each thread's memo of the groups read so far.
    memos: Pool<GroupMemo, MemoFn>,
    /// How many keys a memo keeps at most.
    memo_limit: usize,
}

/// One rule's own regex, and the index of its group `x` (the extent of
/// the expression, if the rule has one), found once: looking it up by
/// name at every match compared the names of the rule's groups.
struct RuleRegex {
    regex: Regex,
    extent: Option<usize>,
    names: GroupNames,
}

/// A rule's group names, each packed with its length into one number,
/// and their indexes: a rule's look-up of a group by name compares a
/// few numbers where comparing the names byte by byte was 3 per cent of
/// `timeline tag`.
pub(crate) struct GroupNames(Vec<(u128, usize)>);

impl GroupNames {
    fn new(regex: &Regex) -> GroupNames {
        let info = regex.group_info();
        let named = info.pattern_names(PatternID::ZERO).enumerate();
        let packed =
            named.filter_map(|(i, n)| Some((pack_name(n?)?, i))).collect();
        GroupNames(packed)
    }

    /// The span of the group `name` in `caps` (a match of the rule
    /// these are the names of), if it took part.
    fn span(&self, caps: &Captures, name: &str) -> Option<Span> {
        let Some(key) = pack_name(name) else {
            return group(caps, name);
        };
        let &(_, index) = self.0.iter().find(|(k, _)| *k == key)?;
        caps.get_group(index)
    }
}

/// `name` and its length in one number, if it is shorter than 16 bytes
/// (a group name of the rules is a word).
fn pack_name(name: &str) -> Option<u128> {
    let bytes = name.as_bytes();
    let mut packed = [0u8; 16];
    packed.get_mut(..bytes.len())?.copy_from_slice(bytes);
    // The last byte is the length: it holds a byte of the name only
    // when the name is 16 bytes long.
    if bytes.len() == 16 {
        return None;
    }
    packed[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(packed))
}

/// Builds one thread's [`GroupMemo`].
type MemoFn = Box<dyn Fn() -> GroupMemo + Send + Sync>;

/// The capture groups already read, by what decides them.
///
/// A rule's groups on a match depend only on the rule, the matched
/// bytes and the bytes just outside them (its patterns look no further
/// than one byte around a position: ASCII word boundaries), so news,
/// which writes the same few hundred expressions over and over
/// ("Wednesday", "last year"), has them read once and then looked up;
/// running the rule's backtracker was a sixth of `timeline tag`'s
/// instructions.
struct GroupMemo {
    /// The key (see [`GroupMemo::key`]) to the match's pattern and its
    /// slots as offsets from the match's start; no pattern if the rule
    /// did not match there.
    known: FastMap<Box<[u8]>, Groups>,
    /// The key being looked up, built in place.
    key: Vec<u8>,
    /// A capture buffer for each rule, filled for each match.
    caps: Vec<Option<Captures>>,
}

/// The pattern a rule's regex matched with (none: no match) and its
/// slots, as offsets from the match's start.
type Groups = (Option<PatternID>, Box<[Option<usize>]>);

/// At most this many keys are kept per thread (a few megabytes); the
/// memo starts again empty when full.
const MEMO_LIMIT: usize = 1 << 14;

impl GroupMemo {
    fn new(rules: usize) -> GroupMemo {
        GroupMemo {
            known: FastMap::default(),
            key: Vec::new(),
            caps: (0..rules).map(|_| None).collect(),
        }
    }

    /// Sets `key` to what decides the groups of rule `pid` on the
    /// match `span` of `text`: the rule, the byte before and the byte
    /// after (or their absence), the matched bytes.
    fn set_key(&mut self, pid: PatternID, text: &[u8], span: Span) {
        self.key.clear();
        self.key.extend_from_slice(&pid.as_u32().to_le_bytes());
        let before = span.start.checked_sub(1).map(|i| text[i]);
        for edge in [before, text.get(span.end).copied()] {
            match edge {
                Some(b) => self.key.extend_from_slice(&[1, b]),
                None => self.key.push(0),
            }
        }
        self.key.extend_from_slice(&text[span.range()]);
    }
}

/// How the rules' patterns are read: case-insensitive, ASCII classes.
fn syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
}

static DEFAULT: LazyLock<Tagger> = LazyLock::new(|| {
    // The rule table is a compile-time constant checked by the
    // `rules_compile` test, so failing here is a bug in this crate.
    Tagger::build(rules::RULES).expect("built-in rules compile")
});

impl Tagger {
    /// The shared tagger with the built-in rules (compiled on first use).
    pub fn new() -> &'static Tagger {
        &DEFAULT
    }

    fn build(rules: &[Rule]) -> Result<Tagger, scan::BuildError> {
        Tagger::build_with_memo(rules, MEMO_LIMIT)
    }

    /// The tagger whose memos keep at most `memo_limit` keys (none: the
    /// groups are read for every match).
    fn build_with_memo(
        rules: &[Rule],
        memo_limit: usize,
    ) -> Result<Tagger, scan::BuildError> {
        let parse = |r: &Rule| -> Result<Hir, scan::BuildError> {
            let hir = regex_automata::util::syntax::parse_with(
                r.pattern,
                &syntax(),
            )?;
            Ok(hir)
        };
        let hirs = rules.iter().map(parse).collect::<Result<Vec<_>, _>>()?;
        let scanner = Scanner::new(&hirs)?;
        // The memo's key holds one byte each side of the match: enough
        // for ASCII word boundaries, not for Unicode ones.
        if hirs
            .iter()
            .any(|h| h.properties().look_set().contains_word_unicode())
        {
            return Err(scan::BuildError::UnicodeWordBoundary);
        }
        let groups = hirs.iter().map(|_| OnceLock::new()).collect();
        let n = hirs.len();
        let memos = Pool::new(Box::new(move || GroupMemo::new(n)) as MemoFn);
        Ok(Tagger { scanner, groups, hirs, memos, memo_limit })
    }

    /// The capture groups of the match `m` of rule `m.pattern()`: that
    /// rule's own regex (`rule`), anchored on the match's span (as the
    /// whole-table regex does itself, with all the rules' automaton),
    /// or what it gave on the same bytes before.
    fn captures<'m>(
        &self,
        rule: &RuleRegex,
        memo: &'m mut GroupMemo,
        text: &str,
        m: Match,
    ) -> &'m Captures {
        let pid = m.pattern();
        let regex = &rule.regex;
        memo.set_key(pid, text.as_bytes(), m.span());
        let caps = memo.caps[pid.as_usize()]
            .get_or_insert_with(|| regex.create_captures());
        let start = m.start();
        if let Some((pattern, slots)) = memo.known.get(&memo.key[..]) {
            caps.set_pattern(*pattern);
            for (slot, offset) in caps.slots_mut().iter_mut().zip(slots) {
                *slot = offset.and_then(|o| NonMaxUsize::new(start + o));
            }
            return caps;
        }
        let input = Input::new(text).span(m.range()).anchored(Anchored::Yes);
        regex.search_captures(&input, caps);
        if memo.known.len() >= self.memo_limit {
            memo.known.clear();
            if self.memo_limit == 0 {
                return caps;
            }
        }
        let slots = caps.slots().iter();
        let offsets = slots.map(|s| s.map(|s| s.get() - start)).collect();
        memo.known.insert(memo.key[..].into(), (caps.pattern(), offsets));
        caps
    }

    /// Rule `pid`'s own regex, built on first use.
    fn rule_regex(&self, pid: usize) -> &RuleRegex {
        self.groups[pid].get_or_init(|| {
            let regex = Regex::builder()
                // Run on one match at a time: no DFA to build.
                .configure(
                    Regex::config()
                        .hybrid(false)
                        .dfa(false)
                        .auto_prefilter(false),
                )
                .build_from_hir(&self.hirs[pid])
                // The same pattern compiled in the table already.
                .expect("a rule's pattern compiles alone");
            let extent = regex.group_info().to_index(PatternID::ZERO, "x");
            let names = GroupNames::new(&regex);
            RuleRegex { regex, extent, names }
        })
    }

    /// Rule `pid`'s match at the start of the scanner's `found` (which
    /// is that match when `pid` is its rule) with its groups, and the
    /// expression's extent: `None` when the rule does not match there
    /// or the extent is empty.
    fn site<'m>(
        &self,
        cache: &mut scan::ScanCache,
        groups: &'m mut GroupMemo,
        text: &str,
        found: Match,
        pid: usize,
    ) -> Option<(&'m Captures, usize, usize)> {
        let m = if pid == found.pattern().as_usize() {
            found
        } else {
            let p = PatternID::new(pid).ok()?;
            self.scanner.find_rule_at(cache, text, found.start(), p)?
        };
        // Groups come from the thread's memo, which a text tagged
        // again finds them in.
        let rule = self.rule_regex(pid);
        let caps = self.captures(rule, groups, text, m);
        let m = caps.get_match()?;
        let (s, e) = match rule.extent.and_then(|x| caps.get_group(x)) {
            Some(x) => (x.start, x.end),
            None => (m.start(), m.end()),
        };
        (s < e).then_some((caps, s, e))
    }

    /// Finds and normalises every temporal expression in `text`.
    ///
    /// `dct` anchors relative expressions; without one they keep
    /// underspecified values (`XXXX-04-04`). Never fails: a match whose
    /// value cannot be computed is skipped.
    pub fn tag(&self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        self.tag_with(text, dct, None)
    }

    /// [`Tagger::tag`] of the text of `reading`, reusing what earlier
    /// taggings of it found and keeping what this one finds.
    pub fn tag_again(
        &self,
        reading: &mut Reading<'_>,
        dct: Option<NaiveDate>,
    ) -> Vec<Timex> {
        self.tag_with(reading.text, dct, Some(&mut reading.memo))
    }

    fn tag_with(
        &self,
        text: &str,
        dct: Option<NaiveDate>,
        mut kept: Option<&mut Memo>,
    ) -> Vec<Timex> {
        let mut out = Vec::new();
        let mut state = DocState::default();
        let mut at = 0;
        // Byte → code point conversion walks forward once.
        let mut cp_at = (0usize, 0usize);
        let rules = rules::RULES;
        let mut cache = self.scanner.cache();
        let mut groups = self.memos.get();
        while at < text.len() {
            let found_at = match kept.as_deref_mut() {
                Some(m) => *m.finds.entry(at).or_insert_with(|| {
                    self.scanner.find(&mut cache, text, at)
                }),
                None => self.scanner.find(&mut cache, text, at),
            };
            let Some(m) = found_at else {
                break;
            };
            let start = m.start();
            let mut found = None;
            // When the preferred rule rejects its match, later rules get
            // their chance at the same position, in table order.
            for (pid, rule) in
                rules.iter().enumerate().skip(m.pattern().as_usize())
            {
                let resolved = match kept.as_deref_mut() {
                    None => {
                        let Some((caps, s, e)) =
                            self.site(&mut cache, &mut groups, text, m, pid)
                        else {
                            continue;
                        };
                        let names = &self.rule_regex(pid).names;
                        let groups = (caps, names);
                        let ctx =
                            Ctx::new(text, groups, dct, &state, (s, e), None);
                        (rule.resolve)(&ctx).map(|f| (s, e, f))
                    }
                    Some(memo) => {
                        let tried = memo
                            .tries
                            .entry((start, pid))
                            .or_insert_with(|| {
                                let site = self.site(
                                    &mut cache,
                                    &mut groups,
                                    text,
                                    m,
                                    pid,
                                );
                                site.map(|(caps, start, end)| Try {
                                    caps: caps.clone(),
                                    start,
                                    end,
                                    fixed: None,
                                })
                            });
                        let Some(t) = tried else { continue };
                        let f = t.resolve(
                            rule,
                            &self.rule_regex(pid).names,
                            text,
                            dct,
                            &state,
                            &mut memo.clauses,
                        );
                        f.map(|f| (t.start, t.end, f))
                    }
                };
                // A value that cannot exist (a year past 9999 from "next
                // year" in 9999) is a rejection, not a wrong date.
                if let Some((s, e, f)) = resolved
                    && f.value.is_valid()
                {
                    // A narrower extent must lie inside the match.
                    let (s, e) = match &f.extent {
                        Some(r) => (r.start.max(s), r.end.min(e)),
                        None => (s, e),
                    };
                    if s < e
                        && text.is_char_boundary(s)
                        && text.is_char_boundary(e)
                    {
                        found = Some((pid, s, e, f));
                        break;
                    }
                }
            }
            match found {
                Some((pid, s, e, f)) => {
                    if is_reference(&f, rules[pid].name) {
                        state.reference = Some(f.value.clone());
                    }
                    state.previous = Some((e, f.value.clone()));
                    let (cs, ce) = match kept.as_deref_mut() {
                        Some(m) => {
                            let mut cp = |b| {
                                *m.code_points.entry(b).or_insert_with(|| {
                                    advance(text, &mut cp_at, b)
                                })
                            };
                            (cp(s), cp(e))
                        }
                        None => (
                            advance(text, &mut cp_at, s),
                            advance(text, &mut cp_at, e),
                        ),
                    };
                    out.push(Timex {
                        start: cs,
                        end: ce,
                        start_byte: s,
                        end_byte: e,
                        text: text[s..e].to_string(),
                        kind: f.kind,
                        value: f.value,
                        modifier: f.modifier,
                        rule: rules[pid].name,
                        warning: f.warning,
                    });
                    at = e;
                }
                None => {
                    // Skip the first word of the failed match.
                    let rest = &text[start..];
                    let skip = rest
                        .char_indices()
                        .skip(1)
                        .find(|(_, c)| !c.is_alphanumeric())
                        .map_or(rest.len(), |(i, _)| i);
                    at = start + skip.max(1);
                    while !text.is_char_boundary(at) {
                        at += 1;
                    }
                }
            }
        }
        out
    }
}

/// `g` lower-cased, with runs of white space made single spaces.
fn spaced_lower(g: &str) -> CompactString {
    // A word of printable ASCII (most groups) is copied and lower-cased
    // as it is: reading it word by word was most of the work.
    if g.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
        let mut out = CompactString::from(g);
        out.make_ascii_lowercase();
        return out;
    }
    if !g.is_ascii() {
        let words: Vec<&str> = g.split_whitespace().collect();
        return words.join(" ").to_lowercase().into();
    }
    // The same in one copy, held inline (groups are mostly a word):
    // ASCII lower-cases letter by letter.
    let mut out = CompactString::with_capacity(g.len());
    for w in g.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.make_ascii_lowercase();
    out
}

/// The span of the group `name` of the pattern that matched, if it took
/// part. A rule has a handful of groups: comparing their names costs
/// less than the library's look-up, which hashes the name (SipHash was
/// a few per cent of a run).
fn group(caps: &Captures, name: &str) -> Option<regex_automata::Span> {
    let pid = caps.pattern()?;
    let index =
        caps.group_info().pattern_names(pid).position(|n| n == Some(name))?;
    caps.get_group(index)
}

/// Whether a result becomes the reference for later anaphoric dates.
///
/// Only dates named in their own right count. Dates computed from the
/// reference ("a year earlier", "the quarter") would otherwise move it
/// step by step away from what the text is about, and the reporting
/// days of news ("said Monday", "yesterday") are not what later
/// "a year earlier"s count from.
fn is_reference(f: &Found, rule: &str) -> bool {
    const NOT_REFERENCE: &[&str] = &[
        "ago",
        "earlier_later",
        "the_day_before",
        "year_ago_period",
        "anaphoric_quarter",
        "the_year",
        "relative_period",
        "deictic_day",
        "weekday",
        "relative_weekday",
        "day_before_yesterday",
    ];
    // The value first: most expressions are not dated by a year, and
    // comparing the rule's name with the list costs more.
    let dated = f.kind == TimexType::Date
        && matches!(
            f.value,
            Value::Date(Date { year: Some(_), .. })
                | Value::Quarter { year: Some(_), quarter: Some(_) }
                | Value::Half { year: Some(_), .. }
        );
    // The quarter a results report is about ("the quarter", "the
    // latest quarter") is what its "a year ago"s count from.
    let reported_quarter = || {
        matches!(rule, "anaphoric_quarter" | "relative_period")
            && matches!(f.value, Value::Quarter { .. })
    };
    dated && (!NOT_REFERENCE.contains(&rule) || reported_quarter())
}

/// Converts a byte offset to a code point offset, moving the cursor
/// `(byte, code point)` forward (offsets come in increasing order; the
/// cursor may lag behind them).
fn advance(text: &str, cursor: &mut (usize, usize), byte: usize) -> usize {
    if byte < cursor.0 {
        *cursor = (0, 0);
    }
    let n = text[cursor.0..byte].chars().count();
    *cursor = (byte, cursor.1 + n);
    cursor.1
}

/// The publication date stated in a document's header: the first full
/// date (year, month and day) tagged in the opening lines, on a short
/// line of its own such as "Posted April 17, 2017" or a byline's
/// "April 14, 2017".
///
/// Only the header counts: the lines before the first paragraph of
/// running text (a line of more than twelve words), and at most the
/// first eight non-empty lines.
pub fn header_date(text: &str, timexes: &[Timex]) -> Option<NaiveDate> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        let words = trimmed.split_whitespace().count();
        if words > 12 || seen > 8 {
            return None;
        }
        let on_line = timexes
            .iter()
            .filter(|t| t.start_byte >= start && t.end_byte <= offset);
        for t in on_line {
            let Value::Date(d) = &t.value else { continue };
            let Some(date) = d.to_naive() else { continue };
            // The date must be most of the line: a few words such as
            // "Posted", "Updated:" or a weekday may stand beside it.
            let rest = trimmed.len().saturating_sub(t.text.len());
            let rest_words =
                words.saturating_sub(t.text.split_whitespace().count());
            if rest_words <= 3 && rest <= 30 {
                return Some(date);
            }
        }
    }
    None
}

/// Tags a document, finding its DCT in the text first when none is
/// given. Returns the DCT used (if any) and the expressions.
pub fn tag_with_header(
    tagger: &Tagger,
    text: &str,
    dct: Option<NaiveDate>,
) -> (Option<NaiveDate>, bool, Vec<Timex>) {
    if dct.is_some() {
        return (dct, false, tagger.tag(text, dct));
    }
    let first = tagger.tag(text, None);
    match header_date(text, &first) {
        Some(found) => (Some(found), true, tagger.tag(text, Some(found))),
        None => (None, false, first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts where the same expressions recur with other bytes around
    /// them, so the memo is asked for keys that differ only at an edge.
    fn recurring() -> Vec<String> {
        let mut texts: Vec<String> = rules::RULES
            .iter()
            .flat_map(|r| r.examples.iter().map(|(t, _)| t.to_string()))
            .collect();
        for t in texts.clone() {
            texts.push(format!("He said {t}, then x{t} and {t}y; ({t})"));
            texts.push(format!("{t} {t}-{t}"));
        }
        texts
    }

    /// A tagger whose memo is warm from other texts tags each text as
    /// one that reads every match's groups.
    #[test]
    fn memo_gives_what_the_groups_give() {
        let dct = NaiveDate::from_ymd_opt(2017, 4, 12);
        let warm = Tagger::build(rules::RULES).unwrap();
        let plain = Tagger::build_with_memo(rules::RULES, 0).unwrap();
        let mut found = 0;
        for text in recurring() {
            let want = plain.tag(&text, dct);
            found += want.len();
            assert_eq!(warm.tag(&text, dct), want, "{text}");
        }
        assert!(warm.memos.get().known.len() > 100);
        assert!(plain.memos.get().known.is_empty());
        assert!(found > 1000, "{found}");
    }

    /// A group read as one printable ASCII word is what reading it
    /// word by word makes of it, and so is every other group.
    #[test]
    fn one_word_is_spaced_and_lowered_as_words_are() {
        let texts = [
            "",
            "May",
            "MAY",
            "mid-April",
            "9:30",
            "!~",
            " ",
            "a b",
            "Last  Week",
            " x\t",
            "a\x0bb",
            "a\x0cB\r\n",
            "\x01A",
            "\x7fZ",
            "Ma\u{ef}",
            "K\u{0130}",
            "a\u{a0}B",
            "ab\u{2003}\u{2003}CD",
            "averyveryverylongwordthatisnotinline",
        ];
        for g in texts {
            let words: Vec<&str> = g.split_whitespace().collect();
            let want = words.join(" ").to_lowercase();
            assert_eq!(spaced_lower(g), want, "{g:?}");
        }
        let words = rules::RULES.iter().flat_map(|r| r.examples);
        for (text, _) in words {
            let want = text.split_whitespace().collect::<Vec<_>>();
            let want = want.join(" ").to_lowercase();
            assert_eq!(spaced_lower(text), want, "{text:?}");
            for w in text.split(' ') {
                assert_eq!(spaced_lower(w), w.to_lowercase(), "{w:?}");
            }
        }
    }

    /// A group found through a rule's packed names is the one the
    /// names themselves give, for every rule's groups on its examples,
    /// on no match, and for names it lacks, long ones among them.
    #[test]
    fn packed_names_find_the_named_groups() {
        let tagger = Tagger::new();
        let others = ["", "nosuch", "x", "abcdefghijklmno"];
        let long = ["abcdefghijklmnop", "abcdefghijklmnopqrstu"];
        let mut found = 0;
        for (pid, rule) in rules::RULES.iter().enumerate() {
            let RuleRegex { regex, names, .. } = tagger.rule_regex(pid);
            let info = regex.group_info();
            let own = info.pattern_names(PatternID::ZERO).flatten();
            let asked: Vec<&str> = own.chain(others).chain(long).collect();
            let mut caps = regex.create_captures();
            let texts = rule.examples.iter().map(|(t, _)| *t);
            for text in texts.chain(["", "nothing to see"]) {
                regex.search_captures(&Input::new(text), &mut caps);
                for name in &asked {
                    let want = group(&caps, name);
                    found += usize::from(want.is_some());
                    assert_eq!(names.span(&caps, name), want, "{name}");
                }
            }
        }
        assert!(found > 200, "{found}");
        assert!(long.iter().all(|n| pack_name(n).is_none()));
    }

    /// A rule's result a reading keeps for every tagging (it asked for
    /// neither the DCT nor the document state) is what the rule makes
    /// of the same match under any other DCT and state.
    #[test]
    fn kept_results_hold_under_any_dct() {
        let examples: Vec<&str> = rules::RULES
            .iter()
            .flat_map(|r| r.examples.iter().map(|(t, _)| *t))
            .collect();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let earlier = DocState {
            reference: Value::parse("2015-06-30"),
            previous: Some((0, Value::parse("2015-Q2").unwrap())),
        };
        let tagger = Tagger::new();
        let mut kept = 0;
        for text in examples.chunks(40).map(|c| c.join(". On the day, ")) {
            let mut reading = Reading::new(&text);
            tagger.tag_again(&mut reading, day(2017, 4, 12));
            for (&(_, pid), t) in &reading.memo.tries {
                let Some(Try { caps, start, end, fixed: Some(f) }) = t else {
                    continue;
                };
                kept += 1;
                for dct in [None, day(2016, 12, 31)] {
                    for state in [&DocState::default(), &earlier] {
                        let span = (*start, *end);
                        let names = &tagger.rule_regex(pid).names;
                        let groups = (caps, names);
                        let ctx =
                            Ctx::new(&text, groups, dct, state, span, None);
                        let again = (rules::RULES[pid].resolve)(&ctx);
                        assert_eq!(&again, f, "{}", &text[*start..*end]);
                    }
                }
            }
        }
        assert!(kept > 50, "{kept}");
    }
}
