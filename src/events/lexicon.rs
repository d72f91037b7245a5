//! Trigger lexicon: the words and phrases that name an event.
//!
//! The entries live in `triggers.tsv` (format in its header). Every
//! inflected form of every entry goes into one Aho-Corasick automaton,
//! so a document is scanned once; each hit is then checked for whole
//! words and against the entry's context rules, which settle the
//! ambiguous words ("strike", "fired", "talks", "March").

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::dfa::DFA;
use aho_corasick::{MatchKind, StartKind};

use super::EventType;
use super::word_list::Shapes;
use crate::text::{ASCII_ALNUM, StartFilter};

/// The built-in lexicon file.
const SOURCE: &str = include_str!("triggers.tsv");

/// A byte of a text as the automaton reads it: phrases are written with
/// single spaces, and a line break between "press" and "conference"
/// should still match.
fn space(b: u8) -> u8 {
    if b.is_ascii_whitespace() { b' ' } else { b }
}

/// Words a `prev`/`next`/`near` condition looks at when no count is
/// given.
const DEFAULT_REACH: usize = 4;

/// Words after which a bare base form reads as a verb ("to visit",
/// "will attack").
const BASE_VERB_CUES: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "should",
    "shall", "did", "do", "does", "not", "'ll", "cannot", "never", "also",
    "i", "you", "we", "they", "please", "let's", "and",
];

/// Words after which an -s form reads as a verb ("he talks"), not a
/// plural ("the talks").
const S_VERB_CUES: &[&str] = &[
    "he",
    "she",
    "it",
    "who",
    "which",
    "also",
    "never",
    "often",
    "now",
    "still",
    "always",
    "usually",
    "rarely",
    "repeatedly",
];

/// Words after which an -ing form reads as a verb ("were meeting").
const ING_VERB_CUES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "'re", "not", "also",
    "still", "begin", "began", "start", "started", "stop", "stopped",
];

/// Prefixes that make a hyphenated word something other than its last
/// part ("post-election violence" is not an election).
const NON_HEAD_PREFIXES: &[&str] = &["pre", "post", "anti", "non", "ex"];

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj",
    "sgt", "st", "jr", "sr", "prof", "capt", "cmdr", "adm", "no", "vs",
];

/// The longest of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = 4;

/// [`ABBREVIATIONS`] as a set: most words before a full stop are told
/// by their first letter and length that they are none, where each
/// abbreviation was compared.
static ABBREVIATION_SET: LazyLock<super::word_list::WordSet> =
    LazyLock::new(|| {
        super::word_list::WordSet::new(ABBREVIATIONS.iter().copied())
    });

/// Whether `w` lower-cased is one of [`ABBREVIATIONS`]. Asked at every
/// full stop after a word: a longer word is none of them without a
/// look-up. (The one character that lower-cases to fewer bytes of
/// ASCII letters is the Kelvin sign, to "k", in no abbreviation.)
fn is_abbreviation(w: &str) -> bool {
    w.len() <= LONGEST_ABBREVIATION && ABBREVIATION_SET.contains(w)
}

/// One trigger found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerMatch {
    /// Byte offset where the trigger word starts.
    pub start: usize,
    /// Byte offset just past the trigger word.
    pub end: usize,
    /// Byte offset where the whole phrase starts ("press" of "press
    /// conference"); equal to `start` for a single word.
    pub phrase_start: usize,
    /// Byte offset just past the whole phrase; equal to `end` for a
    /// single word.
    pub phrase_end: usize,
    /// The lexicon entry's lemma ("press conference", "veto").
    pub lemma: &'static str,
    /// The event type, after the context rules.
    pub kind: EventType,
    /// Whether the trigger is used as a noun ("the attack") rather than
    /// a verb ("attacked").
    pub nominal: bool,
}

/// Part of speech of a lexicon entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    Noun,
    Verb,
    Both,
}

/// Which inflection a written form is; decides how the word before it
/// is read when guessing noun or verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Base,
    S,
    Past,
    Ing,
}

/// Which side of the phrase a word condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Prev,
    Next,
    Near,
}

/// Words a condition accepts: exact words and prefixes, lower case.
#[derive(Debug, Clone)]
struct WordSet {
    exact: Vec<String>,
    /// The first letters and lengths of `exact`: most words asked
    /// about (every word of a window a rule reads) are turned away by
    /// them, where the search compared strings. Boxed: 2 KiB.
    shapes: Box<Shapes>,
    prefixes: Vec<String>,
}

impl WordSet {
    fn contains(&self, word: &str) -> bool {
        let w = word.as_bytes();
        (self.shapes.may_hold(w)
            && self.exact.binary_search_by(|e| e.as_str().cmp(word)).is_ok())
            || self.prefixes.iter().any(|p| {
                // Told by the first byte before a comparison is called.
                p.as_bytes().first() == w.first()
                    && w.starts_with(p.as_bytes())
            })
    }
}

#[derive(Debug, Clone)]
enum Test {
    Words { side: Side, reach: usize, set: WordSet },
    Noun,
    Verb,
    Plural,
    Lower,
}

#[derive(Debug, Clone)]
struct Cond {
    negated: bool,
    test: Test,
}

/// One context rule: when every condition holds, the entry gets
/// `result` (`None`: not a trigger here).
#[derive(Debug, Clone)]
struct Rule {
    conds: Vec<Cond>,
    result: Option<EventType>,
}

#[derive(Debug, Clone)]
struct Entry {
    lemma: &'static str,
    pos: Pos,
    kind: EventType,
    rules: Vec<Rule>,
}

/// A written form's link back to an entry.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    entry: usize,
    form: FormKind,
}

/// The compiled trigger lexicon. Build it once ([`Lexicon::get`]) and
/// share it: it is `Send + Sync` and matching takes `&self`.
pub struct Lexicon {
    /// The automaton, and where a walk of it may find a form.
    automaton: Option<(DFA, StartFilter)>,
    entries: Vec<Entry>,
    /// Per automaton pattern: the entries that write that form, in file
    /// order.
    candidates: Vec<Vec<Candidate>>,
}

static BUILT_IN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(SOURCE).0);

impl Lexicon {
    /// The built-in lexicon, compiled on first use. Lines of the file
    /// that do not parse are left out (the `built_in_lexicon_parses`
    /// test keeps that list empty).
    pub fn get() -> &'static Lexicon {
        &BUILT_IN
    }

    /// The lexicon's own string for a lemma, if it has that entry.
    pub fn lemma(&self, name: &str) -> Option<&'static str> {
        self.entries.iter().map(|e| e.lemma).find(|l| *l == name)
    }

    /// Number of entries (lemmas and phrases).
    pub fn lemma_count(&self) -> usize {
        self.entries.len()
    }

    /// Number of distinct written forms the automaton looks for.
    pub fn form_count(&self) -> usize {
        self.candidates.len()
    }

    /// Compiles a lexicon from its text form, with one message for each
    /// line that was left out.
    fn parse(source: &'static str) -> (Lexicon, Vec<String>) {
        let mut errors = Vec::new();
        let mut sets: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut entries = Vec::new();
        let mut forms: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
        // Automaton patterns in first-seen order, so that pattern ids
        // and candidate lists line up deterministically.
        let mut order: Vec<String> = Vec::new();
        for (n, raw) in source.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(def) = line.strip_prefix('@') {
                match def.split_once('\t') {
                    Some((name, words)) if !name.is_empty() => {
                        sets.insert(name, words.split('|').collect());
                    }
                    _ => errors.push(format!("line {}: bad set", n + 1)),
                }
                continue;
            }
            match parse_entry(line, &sets) {
                Ok((entry, written)) => {
                    let index = entries.len();
                    entries.push(entry);
                    for (text, form) in written {
                        let list = forms.entry(text.clone()).or_default();
                        if list.is_empty() {
                            order.push(text);
                        }
                        if !list.iter().any(|c| c.entry == index) {
                            list.push(Candidate { entry: index, form });
                        }
                    }
                }
                Err(e) => errors.push(format!("line {}: {e}", n + 1)),
            }
        }
        let candidates: Vec<Vec<Candidate>> = order
            .iter()
            .map(|f| forms.get(f).cloned().unwrap_or_default())
            .collect();
        // Every form that starts where a word may is read from there
        // (anchored): a phrase that fails its rules must not hide the
        // single word inside it, so every hit is collected and the
        // longest surviving phrases are kept afterwards.
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            // A DFA: the NFA for this many forms was the costliest part
            // of finding mentions in wall-clock time (cache misses); the
            // DFA adds about a millisecond of start-up.
            .build(&order);
        let automaton = match automaton {
            Ok(a) => {
                let filter = StartFilter::of(&a, space);
                Some((a, filter))
            }
            Err(e) => {
                errors.push(format!("automaton: {e}"));
                None
            }
        };
        (Lexicon { automaton, entries, candidates }, errors)
    }

    /// The event triggers in `text`, sorted by start and not
    /// overlapping: where phrases overlap, the longest one wins. Only
    /// whole words match, in any case except where an entry says
    /// otherwise.
    pub fn find(&self, text: &str) -> Vec<TriggerMatch> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        self.find_in(text, &Tokens::new(text))
    }

    /// [`Lexicon::find`] of a text tokenized already ([`Tokens::new`] of
    /// the same text).
    pub fn find_in(&self, text: &str, tokens: &Tokens) -> Vec<TriggerMatch> {
        let Some((automaton, filter)) = &self.automaton else {
            return Vec::new();
        };
        let hits = crate::text::matches_from(
            automaton,
            filter,
            text,
            &tokens.starts,
            space,
        );
        // At most a trigger a hit: sized once, where growing was a
        // reallocation every few hits of a long text.
        let mut found = Vec::with_capacity(hits.len());
        let tokens = &tokens.tokens;
        for (span, pattern) in hits {
            if !whole_word(text, span.clone()) {
                continue;
            }
            let Some(cands) = self.candidates.get(pattern) else {
                continue;
            };
            if let Some(hit) = self.resolve(text, tokens, span, cands) {
                found.push(hit);
            }
        }
        select(found)
    }

    /// Picks the reading of one hit: the entries whose part of speech
    /// fits the guess are tried first, then the rest.
    fn resolve(
        &self,
        text: &str,
        tokens: &[Token],
        span: Range<usize>,
        cands: &[Candidate],
    ) -> Option<TriggerMatch> {
        let ctx = Context::new(text, tokens, span.clone());
        let reading = |c: &Candidate| -> Option<(&Entry, FormKind, bool)> {
            let entry = self.entries.get(c.entry)?;
            Some((entry, c.form, ctx.verbal(c.form)))
        };
        let fits =
            |(entry, _, verbal): &(&Entry, FormKind, bool)| match entry.pos {
                Pos::Noun => !verbal,
                Pos::Verb => *verbal,
                Pos::Both => true,
            };
        // The readings whose part of speech fits, in table order, else
        // all of them. Read twice rather than sorted into two vectors:
        // a hit has one or two candidates.
        let mut any_fits = false;
        for c in cands {
            any_fits |= fits(&reading(c)?);
        }
        let tried =
            cands.iter().filter_map(reading).filter(|r| !any_fits || fits(r));
        for (entry, form, verbal) in tried {
            let Some(kind) = entry.decide(&ctx, form, verbal) else {
                continue;
            };
            let matched = text.get(span.clone())?;
            // The head of a phrase is its last word.
            let head = matched
                .rfind(|c: char| c.is_ascii_whitespace())
                .map_or(span.start, |i| span.start + i + 1);
            let nominal = match entry.pos {
                Pos::Noun => true,
                Pos::Verb | Pos::Both => !verbal,
            };
            return Some(TriggerMatch {
                start: head,
                end: span.end,
                phrase_start: span.start,
                phrase_end: span.end,
                lemma: entry.lemma,
                kind,
                nominal,
            });
        }
        None
    }
}

impl Entry {
    /// The type this entry gives in `ctx`, or `None` when a rule says
    /// it is no trigger there.
    fn decide(
        &self,
        ctx: &Context,
        form: FormKind,
        verbal: bool,
    ) -> Option<EventType> {
        for rule in &self.rules {
            if rule.conds.iter().all(|c| c.holds(ctx, form, verbal)) {
                return rule.result;
            }
        }
        Some(self.kind)
    }
}

impl Cond {
    fn holds(&self, ctx: &Context, form: FormKind, verbal: bool) -> bool {
        let value = match &self.test {
            Test::Words { side, reach, set } => {
                let before = matches!(side, Side::Prev | Side::Near)
                    && ctx.before(*reach).iter().any(|w| set.contains(w));
                before
                    || (matches!(side, Side::Next | Side::Near)
                        && ctx.after(*reach).iter().any(|w| set.contains(w)))
            }
            Test::Noun => !verbal,
            Test::Verb => verbal,
            Test::Plural => form == FormKind::S && !verbal,
            Test::Lower => !ctx.matched.chars().any(char::is_uppercase),
        };
        value != self.negated
    }
}

/// The words around one hit, lower-cased, nearest first. Every hit
/// reads the word before it (noun or verb); the windows are read only
/// for a rule that looks at them, which most hits have none of: built
/// for each hit, they were most of the cost of resolving it.
struct Context<'t> {
    matched: &'t str,
    text: &'t str,
    /// The tokens before the hit, and those after it.
    before_hit: &'t [Token],
    after_hit: &'t [Token],
    /// The nearest word before the hit, in the clause.
    prev_word: Option<Cow<'t, str>>,
    prev: OnceCell<Window<'t>>,
    next: OnceCell<Window<'t>>,
}

/// Up to [`MAX_REACH`] words, held inline: a window holds up to nine,
/// and two growing vectors each were 1 % of a run.
struct Window<'t> {
    words: [Cow<'t, str>; MAX_REACH],
    len: usize,
}

impl<'t> Window<'t> {
    /// The words of `tokens` in their order, up to a clause stop or
    /// [`MAX_REACH`] of them.
    fn of<'a>(text: &'t str, tokens: impl Iterator<Item = &'a Token>) -> Self {
        let mut window = Window {
            words: std::array::from_fn(|_| Cow::Borrowed("")),
            len: 0,
        };
        for t in tokens {
            if t.stop || window.len == MAX_REACH {
                break;
            }
            if t.word {
                window.words[window.len] = lower_word(text, t);
                window.len += 1;
            }
        }
        window
    }

    fn as_slice(&self) -> &[Cow<'t, str>] {
        &self.words[..self.len]
    }
}

/// The widest window any rule may ask for.
const MAX_REACH: usize = 9;

/// A word token lower-cased: one already in lower case is borrowed, not
/// copied.
fn lower_word<'t>(text: &'t str, t: &Token) -> Cow<'t, str> {
    let w = text.get(t.start..t.end).unwrap_or("");
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

impl<'t> Context<'t> {
    fn new(text: &'t str, tokens: &'t [Token], span: Range<usize>) -> Self {
        let matched = text.get(span.clone()).unwrap_or("");
        let first_after = tokens.partition_point(|t| t.start < span.end);
        let last_before = tokens.partition_point(|t| t.end <= span.start);
        let before_hit = &tokens[..last_before];
        // The first word of the window before, as [`Window::of`] reads
        // it.
        let prev_word = before_hit
            .iter()
            .rev()
            .take_while(|t| !t.stop)
            .find(|t| t.word)
            .map(|t| lower_word(text, t));
        Context {
            matched,
            text,
            before_hit,
            after_hit: tokens.get(first_after..).unwrap_or(&[]),
            prev_word,
            prev: OnceCell::new(),
            next: OnceCell::new(),
        }
    }

    fn before(&self, reach: usize) -> &[Cow<'t, str>] {
        let prev = self
            .prev
            .get_or_init(|| {
                Window::of(self.text, self.before_hit.iter().rev())
            })
            .as_slice();
        &prev[..reach.min(prev.len())]
    }

    fn after(&self, reach: usize) -> &[Cow<'t, str>] {
        let next = self
            .next
            .get_or_init(|| Window::of(self.text, self.after_hit.iter()))
            .as_slice();
        &next[..reach.min(next.len())]
    }

    /// Guesses from the word before whether a form is used as a verb.
    /// Past forms always are.
    fn verbal(&self, form: FormKind) -> bool {
        let Some(prev) = &self.prev_word else {
            return false;
        };
        let prev: &str = prev;
        match form {
            FormKind::Past => true,
            FormKind::Base => {
                BASE_VERB_CUES.contains(&prev)
                    || prev.ends_with("n't")
                    || prev.ends_with("n\u{2019}t")
            }
            FormKind::S => S_VERB_CUES.contains(&prev),
            FormKind::Ing => ING_VERB_CUES.contains(&prev),
        }
    }
}

/// Keeps the longest phrases that do not overlap, in text order.
fn select(mut found: Vec<TriggerMatch>) -> Vec<TriggerMatch> {
    found.sort_by(|a, b| {
        let (la, lb) =
            (a.phrase_end - a.phrase_start, b.phrase_end - b.phrase_start);
        lb.cmp(&la).then(a.phrase_start.cmp(&b.phrase_start))
    });
    let mut kept: Vec<TriggerMatch> = Vec::new();
    for m in found {
        let clash = kept.iter().any(|k| {
            m.phrase_start < k.phrase_end && k.phrase_start < m.phrase_end
        });
        if !clash {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}

/// Whether `span` (on ASCII pattern bytes, so on char boundaries) is a
/// whole word of `text`.
fn whole_word(text: &str, span: Range<usize>) -> bool {
    let (Some(before), Some(after)) =
        (text.get(..span.start), text.get(span.end..))
    else {
        return false;
    };
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if c.is_alphanumeric() => return false,
        Some('-') => {
            // A hyphenated compound is headed by its last part, unless
            // the first part says "before"/"after"/"against" it.
            let prefix: String = back
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if NON_HEAD_PREFIXES.contains(&prefix.to_lowercase().as_str()) {
                return false;
            }
        }
        _ => {}
    }
    let mut ahead = after.chars();
    match ahead.next() {
        Some(c) if c.is_alphanumeric() => false,
        // "fire-fighters": the word is a modifier in a compound.
        Some('-') => !ahead.next().is_some_and(char::is_alphanumeric),
        _ => true,
    }
}

/// A word or a punctuation mark, by byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset past the last char.
    pub end: usize,
    /// A word (letters, digits, and inner `'`, `-`, `.`, `&`).
    pub word: bool,
    /// Punctuation that ends a clause for the context windows: `; ! ?`
    /// and a sentence-final full stop.
    pub stop: bool,
}

/// The words and marks of a whole text, read once for its triggers and
/// for the factuality of each of its sentences.
pub struct Tokens {
    tokens: Vec<Token>,
    /// Where a word may start ([`crate::text::word_starts`]).
    starts: Vec<usize>,
}

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Tokens {
        // Where words may start is found in the same pass over the text
        // as its tokens: the two read every character of every text.
        let mut starts = Vec::with_capacity(text.len() / 4);
        let tokens = tokenize_into(text, 0..text.len(), |i| starts.push(i));
        Tokens { tokens, starts }
    }

    /// Every token, in text order.
    pub(crate) fn all(&self) -> &[Token] {
        &self.tokens
    }

    /// Where a word may start ([`crate::text::word_starts`]).
    pub(crate) fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The tokens of `text[range]`, as [`tokenize`] of the range gives
    /// them: those of the whole text that lie in it. The range is read
    /// again when a token runs across one of its ends, or when the
    /// first is a full stop (whether it ends a clause depends on the
    /// word before it). Within the range a token depends only on the
    /// characters next to it, the same in both readings otherwise.
    pub(crate) fn within(
        &self,
        text: &str,
        range: Range<usize>,
    ) -> Cow<'_, [Token]> {
        let stop =
            |t: &Token| !t.word && text.get(t.start..t.end) == Some(".");
        match crate::text::tokens_within(&self.tokens, range.clone(), |t| {
            t.start..t.end
        }) {
            Some(toks)
                if !toks.first().is_some_and(stop)
                    && text.get(range.clone()).is_some() =>
            {
                Cow::Borrowed(toks)
            }
            _ => Cow::Owned(tokenize(text, range)),
        }
    }
}

/// Splits `text[range]` into words and punctuation marks (whitespace
/// dropped). Offsets are into `text`; an invalid range gives nothing.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    tokenize_into(text, range, |_| {})
}

/// Per byte, whether it is ASCII white space (which is all the white
/// space [`char::is_whitespace`] finds in ASCII).
static ASCII_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(b, 0x09..=0x0d | 0x20);
        b += 1;
    }
    table
};

/// [`tokenize`], telling `start` each place where a word may start, as
/// [`crate::text::word_starts`] gives them when `range` is the whole
/// text: its start and every character after one that is not a letter
/// or a digit.
fn tokenize_into(
    text: &str,
    range: Range<usize>,
    mut start: impl FnMut(usize),
) -> Vec<Token> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let base = range.start;
    // Run over every text and every sentence with a trigger: ASCII is
    // read byte by byte, and a word is about five bytes and a space.
    let bytes = slice.as_bytes();
    let char_at = |i: usize| -> Option<char> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            Some(char::from(b))
        } else {
            slice.get(i..)?.chars().next()
        }
    };
    let mut tokens: Vec<Token> = Vec::with_capacity(slice.len() / 5 + 1);
    let mut i = 0;
    // Whether the character before `i` is a letter or a digit.
    let mut after_alnum = false;
    while let Some(&b) = bytes.get(i) {
        if !after_alnum {
            start(base + i);
        }
        after_alnum = false;
        // The gap between most words, passed by table without a char
        // decoded (ASCII's white space is `char::is_whitespace`'s).
        if ASCII_SPACE[usize::from(b)] {
            i += 1;
            continue;
        }
        // Most words begin with an ASCII letter or digit, which is
        // neither white space nor a mark: read without a char decoded.
        let first = if ASCII_ALNUM[usize::from(b)] {
            1
        } else {
            let Some(c) = char_at(i) else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            if !c.is_alphanumeric() {
                let stop = match c {
                    ';' | '!' | '?' => true,
                    '.' => !tokens.last().is_some_and(|t| {
                        let w = slice
                            .get(t.start - base..t.end - base)
                            .unwrap_or("");
                        t.word
                            && t.end == base + i
                            && (w.contains('.')
                                || w.chars().count() == 1
                                || is_abbreviation(w))
                    }),
                    _ => false,
                };
                let end = i + c.len_utf8();
                tokens.push(Token {
                    start: base + i,
                    end: base + end,
                    word: false,
                    stop,
                });
                i = end;
                continue;
            }
            c.len_utf8()
        };
        let mut end = i + first;
        // Most of a word is ASCII letters and digits: skipped eight
        // bytes at a time, as this reads every byte of a text.
        end +=
            crate::text::ascii_alnum_run(bytes.get(end..).unwrap_or_default());
        while let Some(d) = char_at(end) {
            // A space ends most words: no letter, digit or inner mark.
            if ASCII_SPACE[usize::from(bytes[end])] {
                break;
            }
            if d.is_alphanumeric() {
                end += d.len_utf8();
                continue;
            }
            // Inner marks join two runs of letters: "U.S", "cease-fire",
            // "didn't", "S&P".
            let joins = matches!(d, '\'' | '\u{2019}' | '-' | '.' | '&');
            if joins
                && char_at(end + d.len_utf8())
                    .is_some_and(char::is_alphanumeric)
            {
                end += d.len_utf8();
                // The letter after the mark may start a word.
                start(base + end);
                continue;
            }
            break;
        }
        tokens.push(Token {
            start: base + i,
            end: base + end,
            word: true,
            stop: false,
        });
        i = end;
        // A word ends with a letter or a digit.
        after_alnum = true;
    }
    tokens
}

/// Parses one entry line into the entry and its written forms.
fn parse_entry(
    line: &'static str,
    sets: &BTreeMap<&str, Vec<&str>>,
) -> Result<(Entry, Vec<(String, FormKind)>), String> {
    let fields: Vec<&'static str> = line.split('\t').collect();
    let [lemma, pos, kind, rest @ ..] = fields.as_slice() else {
        return Err("expected lemma, pos and type".into());
    };
    let forms = rest.first().copied().unwrap_or("-");
    let context = rest.get(1).copied().unwrap_or("-");
    if rest.len() > 2 {
        return Err("too many fields".into());
    }
    let lemma = *lemma;
    let valid = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || " -'&".contains(c)
    };
    if lemma.is_empty()
        || !lemma.chars().all(valid)
        || lemma.contains("  ")
        || lemma.starts_with(' ')
        || lemma.ends_with(' ')
    {
        return Err(format!("bad lemma {lemma:?}"));
    }
    let pos = match *pos {
        "N" => Pos::Noun,
        "V" => Pos::Verb,
        "NV" => Pos::Both,
        other => return Err(format!("bad pos {other:?}")),
    };
    let kind =
        EventType::parse(kind).ok_or_else(|| format!("bad type {kind:?}"))?;
    let written = inflect(lemma, pos, forms)?;
    let rules = if context == "-" {
        Vec::new()
    } else {
        context
            .split(';')
            .map(|r| parse_rule(r.trim(), sets))
            .collect::<Result<_, _>>()?
    };
    Ok((Entry { lemma, pos, kind, rules }, written))
}

/// The written forms of an entry with the inflection each one is.
fn inflect(
    lemma: &str,
    pos: Pos,
    forms: &str,
) -> Result<Vec<(String, FormKind)>, String> {
    let listed: Vec<&str> = match forms {
        "-" => Vec::new(),
        f => f.trim_start_matches('=').split(',').map(str::trim).collect(),
    };
    if listed.iter().any(|f| {
        f.is_empty()
            || !f.is_ascii()
            || f.chars().any(|c| c.is_ascii_uppercase())
    }) {
        return Err(format!("bad forms {forms:?}"));
    }
    if forms.starts_with('=') {
        // A complete list: the inflection is read off the ending.
        return Ok(listed
            .into_iter()
            .map(|f| {
                let kind = if pos != Pos::Noun
                    && f.split(' ').any(|w| w.ends_with("ing"))
                {
                    FormKind::Ing
                } else if pos != Pos::Noun
                    && f.split(' ').any(|w| w.ends_with("ed"))
                {
                    FormKind::Past
                } else if f.ends_with('s') {
                    FormKind::S
                } else {
                    FormKind::Base
                };
                (f.to_string(), kind)
            })
            .collect());
    }
    let (stem, last) = match lemma.rsplit_once(' ') {
        Some((s, l)) => (format!("{s} "), l),
        None => (String::new(), lemma),
    };
    let with = |w: String| format!("{stem}{w}");
    let mut out = vec![(lemma.to_string(), FormKind::Base)];
    match pos {
        Pos::Noun => {
            if listed.is_empty() {
                out.push((with(plural(last)), FormKind::S));
            }
            out.extend(listed.iter().map(|f| (f.to_string(), FormKind::S)));
        }
        Pos::Verb | Pos::Both => {
            out.push((with(third_person(last)), FormKind::S));
            let (ing, past): (Vec<&str>, Vec<&str>) =
                listed.iter().partition(|f| f.ends_with("ing"));
            if ing.is_empty() {
                out.push((with(present_participle(last)), FormKind::Ing));
            }
            out.extend(ing.iter().map(|f| (f.to_string(), FormKind::Ing)));
            if past.is_empty() {
                out.push((with(past_tense(last)), FormKind::Past));
            }
            out.extend(past.iter().map(|f| (f.to_string(), FormKind::Past)));
        }
    }
    Ok(out)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a consonant before "y" makes it "ies"/"ied" ("rally").
fn consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

/// One-syllable words ending consonant-vowel-consonant double the last
/// letter ("ban" -> "banned"); longer ones list their forms instead.
fn doubles_final(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    groups == 1
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

fn sibilant(w: &str) -> bool {
    ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e))
}

fn plural(w: &str) -> String {
    if sibilant(w) {
        format!("{w}es")
    } else if consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

fn third_person(w: &str) -> String {
    if w.ends_with('o') { format!("{w}es") } else { plural(w) }
}

fn past_tense(w: &str) -> String {
    if w.ends_with('e') {
        format!("{w}d")
    } else if consonant_y(w) {
        format!("{}ied", &w[..w.len() - 1])
    } else if doubles_final(w) {
        format!("{w}{}ed", &w[w.len() - 1..])
    } else {
        format!("{w}ed")
    }
}

fn present_participle(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.ends_with('e')
        && !["ee", "ye", "oe"].iter().any(|e| w.ends_with(e))
    {
        format!("{}ing", &w[..w.len() - 1])
    } else if doubles_final(w) {
        format!("{w}{}ing", &w[w.len() - 1..])
    } else {
        format!("{w}ing")
    }
}

/// Parses `cond & cond -> Result` or `-> Result`.
fn parse_rule(
    text: &str,
    sets: &BTreeMap<&str, Vec<&str>>,
) -> Result<Rule, String> {
    let (conds, result) = text
        .split_once("->")
        .ok_or_else(|| format!("rule without '->': {text:?}"))?;
    let result = match result.trim() {
        "skip" => None,
        name => Some(
            EventType::parse(name)
                .ok_or_else(|| format!("bad result {name:?}"))?,
        ),
    };
    let conds = conds
        .split('&')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| parse_cond(c, sets))
        .collect::<Result<_, _>>()?;
    Ok(Rule { conds, result })
}

fn parse_cond(
    text: &str,
    sets: &BTreeMap<&str, Vec<&str>>,
) -> Result<Cond, String> {
    let (negated, body) = match text.strip_prefix('!') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let test = match body {
        "noun" => Test::Noun,
        "verb" => Test::Verb,
        "plural" => Test::Plural,
        "lower" => Test::Lower,
        _ => {
            let (head, words) = body
                .split_once(':')
                .ok_or_else(|| format!("bad condition {text:?}"))?;
            let (side, digits) = [
                ("prev", Side::Prev),
                ("next", Side::Next),
                ("near", Side::Near),
            ]
            .into_iter()
            .find_map(|(p, s)| head.strip_prefix(p).map(|d| (s, d)))
            .ok_or_else(|| format!("bad condition {text:?}"))?;
            let reach = if digits.is_empty() {
                DEFAULT_REACH
            } else {
                digits
                    .parse::<usize>()
                    .map_err(|_| format!("bad reach {text:?}"))?
            };
            if reach == 0 || reach > MAX_REACH {
                return Err(format!("reach out of 1..={MAX_REACH}: {text:?}"));
            }
            Test::Words { side, reach, set: word_set(words, sets)? }
        }
    };
    Ok(Cond { negated, test })
}

fn word_set(
    text: &str,
    sets: &BTreeMap<&str, Vec<&str>>,
) -> Result<WordSet, String> {
    let (mut exact, mut prefixes) = (Vec::new(), Vec::new());
    let mut add = |w: &str| -> Result<(), String> {
        if w.is_empty() || w.chars().any(char::is_uppercase) {
            return Err(format!("bad word {w:?}"));
        }
        match w.strip_suffix('*') {
            Some(p) => prefixes.push(p.to_string()),
            None => exact.push(w.to_string()),
        }
        Ok(())
    };
    for item in text.split('|') {
        match item.strip_prefix('@') {
            Some(name) => {
                for w in sets
                    .get(name)
                    .ok_or_else(|| format!("unknown set @{name}"))?
                {
                    add(w)?;
                }
            }
            None => add(item)?,
        }
    }
    exact.sort();
    exact.dedup();
    let shapes = Box::new(Shapes::of(exact.iter().map(String::as_bytes)));
    Ok(WordSet { exact, shapes, prefixes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventType::*;

    /// The tokenizer's pass finds the places where words may start
    /// that the text's own reading finds: marks inside words, letters
    /// and spaces outside ASCII, marks at either end.
    #[test]
    fn starts_found_with_the_tokens_are_the_word_starts() {
        let texts = [
            "",
            "a",
            " ",
            "U.S. cease-fire didn't S&P 500,000 (x) -y z- 'q'",
            "xé y é, Ünd 東京 ok\u{a0}nbsp\u{2019}s — “quoted”.",
            "a..b a-.b a--b 3.5 .x x. \n\tline\r\nend",
            "Mr. Haley's U.N. x\u{301}y ½ 二〇一七年",
        ];
        for text in texts {
            assert_eq!(
                Tokens::new(text).starts,
                crate::text::word_starts(text),
                "{text:?}"
            );
            assert_eq!(
                Tokens::new(text).tokens,
                tokenize(text, 0..text.len()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn ascii_white_space_is_chars_white_space() {
        for b in 0..=255u8 {
            let by_char = b.is_ascii() && char::from(b).is_whitespace();
            assert_eq!(ASCII_SPACE[usize::from(b)], by_char, "{b}");
        }
    }

    /// (text, expected triggers as (written trigger, type)); the
    /// sentence is matched whole, so the list is complete.
    const CASES: &[(&str, &[(&str, EventType)])] = &[
        // Multiword phrases: the head is the trigger.
        ("He held a press conference.", &[("conference", Statement)]),
        ("a news conference on Monday", &[("conference", Statement)]),
        ("The conference opened.", &[("conference", Meeting)]),
        // Statements in the plural are many, not one event; a resolution
        // condemning is the text's content.
        ("a week of conflicting statements", &[]),
        ("in a statement on Friday", &[("statement", Statement)]),
        ("a resolution condemning the government", &[]),
        (
            "the minister condemned the attack",
            &[("condemned", Statement), ("attack", Attack)],
        ),
        (
            "US air strikes hit Idlib",
            &[("strikes", MilitaryStrike), ("hit", MilitaryStrike)],
        ),
        ("after the chemical attack in Khan Sheikhoun", &[("attack", Attack)]),
        // A resolution is a text; voting on it is the event.
        ("a draft resolution", &[]),
        (
            "announced job cuts",
            &[("announced", Statement), ("cuts", Business)],
        ),
        (
            "a cease-fire and a ceasefire",
            &[("cease-fire", Agreement), ("ceasefire", Agreement)],
        ),
        ("peace talks resumed", &[("talks", Meeting)]),
        ("a state visit to China", &[("visit", Visit)]),
        // Inflections and irregular forms.
        ("Russia vetoed the resolution", &[("vetoed", Veto)]),
        ("two vetoes", &[("vetoes", Veto)]),
        ("Tillerson met Lavrov", &[("met", Meeting)]),
        ("They were meeting in Geneva", &[("meeting", Meeting)]),
        ("a meeting in Geneva", &[("meeting", Meeting)]),
        (
            "soldiers were killed and wounded",
            &[("killed", Death), ("wounded", Death)],
        ),
        ("the country banned", &[]),
        (
            "police stabbed? no, a man stabbed two",
            &[("stabbed", Attack), ("stabbed", Attack)],
        ),
        ("he died; she is dying", &[("died", Death), ("dying", Death)]),
        ("protesters rallied in the square", &[("rallied", Protest)]),
        ("she sued the company", &[("sued", Legal)]),
        ("they were kidnapped", &[("kidnapped", Attack)]),
        ("he was sworn in", &[("sworn", Personnel)]),
        ("the IPO of the company", &[("IPO", Business)]),
        // Reporting verbs are not events.
        ("he said, told reporters and added that", &[]),
        ("according to officials, she noted", &[]),
        // strike
        ("the missile strike on the airbase", &[("strike", MilitaryStrike)]),
        ("workers went on strike over pay", &[("strike", Protest)]),
        ("a strike by teachers", &[("strike", Protest)]),
        ("US strikes on Syria", &[("strikes", MilitaryStrike)]),
        ("they struck a deal", &[("deal", Agreement)]),
        ("warplanes struck the town", &[("struck", MilitaryStrike)]),
        ("a hunger strike", &[("strike", Protest)]),
        ("it could strike a chord", &[]),
        // launched / fired
        (
            "The US launched 59 cruise missiles",
            &[("launched", MilitaryStrike)],
        ),
        (
            "they launched an investigation",
            &[("investigation", Investigation)],
        ),
        ("launched a new phone", &[]),
        ("the ship fired two Tomahawk missiles", &[("fired", MilitaryStrike)]),
        ("Trump fired FBI Director James Comey", &[("fired", Personnel)]),
        ("police fired tear gas", &[("fired", Attack)]),
        ("gunmen fired on the crowd", &[("fired", Attack)]),
        ("gunmen opened fire on worshippers", &[("fire", Attack)]),
        ("a fire broke out in the tower", &[("fire", Disaster)]),
        ("forest fires spread", &[("fires", Disaster)]),
        ("the minister came under fire", &[]),
        ("the fire-fighters came", &[]),
        // blocked / rejected
        ("Russia blocked the draft resolution", &[("blocked", Veto)]),
        ("protesters blocked the road", &[]),
        ("he rejected the claims", &[]),
        ("China rejected the measure", &[("rejected", Veto)]),
        // talks / meeting / deal / visit
        ("the talks in Astana", &[("talks", Meeting)]),
        ("they held talks", &[("talks", Meeting)]),
        ("he talks too much", &[]),
        ("Moscow agreed to talks", &[("talks", Meeting)]),
        ("meeting expectations", &[]),
        ("results met estimates", &[]),
        ("a deal with Iran", &[("deal", Agreement)]),
        ("how to deal with Iran", &[]),
        ("a great deal of time", &[]),
        ("he will visit Moscow", &[("visit", Visit)]),
        ("his visit to Moscow", &[("visit", Visit)]),
        // March, May
        ("In March, thousands joined the march", &[("march", Protest)]),
        ("They may march on Friday", &[("march", Protest)]),
        ("It began in May.", &[]),
        ("troops marched into the city", &[]),
        // rally
        ("stocks rallied on Friday", &[]),
        ("a rally in Paris", &[("rally", Protest)]),
        // others
        ("in an interview with CBS", &[("interview", Interview)]),
        ("his email address", &[]),
        ("he addressed the nation", &[("addressed", Statement)]),
        ("we must address the issue", &[]),
        (
            "he was charged with murder",
            &[("charged", Legal), ("murder", Death)],
        ),
        ("the officer in charge", &[]),
        ("the ruling party", &[]),
        ("the court ruled that", &[("ruled", Legal)]),
        ("he ruled out a strike", &[]),
        ("he passed away", &[("passed", Death)]),
        ("the Senate passed the bill", &[("passed", Vote)]),
        ("a bomb blast", &[("blast", Attack)]),
        ("a gas explosion", &[("explosion", Disaster)]),
        ("re-elected in 2016", &[("elected", Election)]),
        ("post-election violence", &[]),
        ("the Democratic primaries", &[("primaries", Election)]),
        ("a landslide victory", &[("landslide", Election)]),
        ("the quarterly loss widened", &[("loss", Business)]),
        ("loss of life", &[]),
        ("Ford recalled 1 million vehicles", &[("recalled", Business)]),
        ("he recalled the day", &[]),
        ("cardiac arrest", &[]),
        ("police raided his home", &[("raided", Legal)]),
        ("a raid on the village by troops", &[("raid", MilitaryStrike)]),
        ("Protesters stormed the parliament", &[("stormed", Attack)]),
        ("a storm hit the coast", &[("storm", Disaster)]),
        ("the workers walked out", &[("walked", Protest)]),
        ("an afraid man", &[]),
        ("the Federal Bureau of Investigation", &[]),
        ("future bombing raids", &[("raids", MilitaryStrike)]),
    ];

    fn summary(text: &str) -> Vec<(String, EventType)> {
        Lexicon::get()
            .find(text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    #[test]
    fn built_in_lexicon_parses() {
        let (lexicon, errors) = Lexicon::parse(SOURCE);
        assert_eq!(errors, Vec::<String>::new());
        assert!(lexicon.automaton.is_some());
        assert!(lexicon.lemma_count() >= 250, "{}", lexicon.lemma_count());
    }

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (text, want) in CASES {
            let got = summary(text);
            let want: Vec<(String, EventType)> =
                want.iter().map(|(w, k)| (w.to_string(), *k)).collect();
            if got != want {
                failures.push(format!(
                    "{text:?}\n   got {got:?}\n  want {want:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn phrase_span_and_lemma() {
        let text = "at a press  conference and a press\nconference";
        let found = Lexicon::get().find(text);
        assert_eq!(found.len(), 2, "{found:?}");
        // Two spaces are not matched as a phrase: "conference" alone.
        assert_eq!(found[0].lemma, "conference");
        assert_eq!(found[0].kind, EventType::Meeting);
        let m = &found[1];
        assert_eq!(m.lemma, "press conference");
        assert_eq!(&text[m.phrase_start..m.phrase_end], "press\nconference");
        assert_eq!(&text[m.start..m.end], "conference");
        assert!(m.nominal);
    }

    #[test]
    fn nominal_flag() {
        let found = Lexicon::get()
            .find("The attack was reported. They attack at dawn.");
        let flags: Vec<bool> = found.iter().map(|m| m.nominal).collect();
        assert_eq!(flags, [true, false]);
        let found = Lexicon::get().find("Russia vetoed it");
        assert!(!found[0].nominal);
    }

    #[test]
    fn unicode_text_is_safe() {
        let text = "“Attack!” — the strike’s target: missile strikes… ﬁre ünd 火 attack";
        let found = Lexicon::get().find(text);
        for m in &found {
            assert!(text.get(m.start..m.end).is_some());
            assert!(text.get(m.phrase_start..m.phrase_end).is_some());
        }
        let words: Vec<&str> =
            found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(words, ["Attack", "strike", "strikes", "attack"]);
    }

    #[test]
    fn sorted_and_disjoint() {
        let text = "Air strikes, a missile strike, peace talks and a press conference \
                    followed the chemical weapons attack.";
        let found = Lexicon::get().find(text);
        for pair in found.windows(2) {
            assert!(pair[0].phrase_end <= pair[1].phrase_start);
        }
        let lemmas: Vec<&str> = found.iter().map(|m| m.lemma).collect();
        assert_eq!(
            lemmas,
            [
                "air strike",
                "missile strike",
                "peace talks",
                "press conference",
                "chemical weapons attack"
            ]
        );
    }

    #[test]
    fn inflection_rules() {
        assert_eq!(past_tense("ban"), "banned");
        assert_eq!(past_tense("visit"), "visited");
        assert_eq!(past_tense("veto"), "vetoed");
        assert_eq!(past_tense("rally"), "rallied");
        assert_eq!(past_tense("vote"), "voted");
        assert_eq!(present_participle("die"), "dying");
        assert_eq!(present_participle("sue"), "suing");
        assert_eq!(present_participle("stab"), "stabbing");
        assert_eq!(present_participle("shell"), "shelling");
        assert_eq!(third_person("veto"), "vetoes");
        assert_eq!(third_person("ambush"), "ambushes");
        assert_eq!(plural("ipo"), "ipos");
        assert_eq!(plural("inquiry"), "inquiries");
        assert_eq!(plural("day"), "days");
    }

    #[test]
    fn bad_lines_are_reported() {
        let (lexicon, errors) = Lexicon::parse(
            "attack\tNV\tAttack\nbad\tX\tAttack\nfoo\tN\tNope\nbar\tN\tAttack\t-\tnext:@nope->skip\nBaz\tN\tAttack\n",
        );
        assert_eq!(lexicon.lemma_count(), 1);
        assert_eq!(errors.len(), 4, "{errors:?}");
    }

    #[test]
    fn abbreviations_fit_the_length_check() {
        assert!(
            ABBREVIATIONS.iter().all(|a| {
                a.len() <= LONGEST_ABBREVIATION && !a.contains('k')
            })
        );
        assert!(is_abbreviation("Gen") && is_abbreviation("PROF"));
        assert!(!is_abbreviation("General") && !is_abbreviation("G"));
    }

    #[test]
    fn no_panic_on_odd_input() {
        let lexicon = Lexicon::get();
        for text in [
            "",
            " ",
            "-",
            "'",
            "attack-",
            "-attack",
            "é",
            "strike\u{0}",
            "a\u{2019}",
        ] {
            let _ = lexicon.find(text);
        }
    }

    proptest::proptest! {
        /// The word before a hit, read alone for every hit, is the
        /// first of the window a rule reads.
        #[test]
        fn the_word_before_is_the_windows_first(
            text in "([a-zA-Z'’É]{1,6}|[ ,.;!?-]){0,30}",
            a in 0usize..60,
            b in 0usize..60,
        ) {
            let tokens = Tokens::new(&text);
            let (a, b) = (a.min(text.len()), b.min(text.len()));
            let span = a.min(b)..a.max(b);
            let ctx = Context::new(&text, &tokens.tokens, span);
            proptest::prop_assert_eq!(
                ctx.prev_word.as_deref(),
                ctx.before(MAX_REACH).first().map(|w| &**w)
            );
            proptest::prop_assert!(ctx.before(2).len() <= 2);
            proptest::prop_assert!(ctx.after(MAX_REACH).len() <= MAX_REACH);
        }

        #[test]
        fn tokens_within_a_range_are_its_own(
            text in "[a-zA-Z0-9 ,.;'’&é٣-]{0,40}|(Mr|Gen|U)[. ]{1,2}[A-Z][a-z]{0,5}[.;]?",
            a in 0usize..45,
            b in 0usize..45,
        ) {
            let range = a.min(b)..a.max(b);
            let whole = Tokens::new(&text);
            proptest::prop_assert_eq!(
                &*whole.within(&text, range.clone()),
                &tokenize(&text, range)[..]
            );
        }
    }
}
