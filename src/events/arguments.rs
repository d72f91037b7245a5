//! Arguments of event mentions: who acts, where, and how many.
//!
//! Entities come from two sources. The gazetteer (`gazetteer.tsv`,
//! compiled once into one automaton) names countries, cities, places,
//! organisations and well-known people, every alias normalised to one
//! canonical name. People it does not know are found by their titles
//! ("Ambassador Nikki Haley"); a later bare surname in the same document
//! then resolves to the full name.
//!
//! Capitals are metonymic: "Moscow denounced" is Russia acting, "talks
//! in Moscow" is the city. Demonyms name their state ("Russian
//! officials" → Russia), which is an actor hint rather than a claim of
//! nationality. [`arguments`] sorts the entities of one sentence into
//! actors and places for one trigger and collects the amounts near it.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::MatchKind;
use aho_corasick::nfa::contiguous::NFA;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::word_list::{Shapes, WordList, WordSet};
use crate::fast_hash::FastMap;
use crate::text::StartFilter;

/// What an entity is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A sovereign state (or a state-like entity news treats as one).
    Country,
    /// A named person.
    Person,
    /// An organisation, an institution, an armed group, a news outlet.
    Org,
    /// A city or a capital used as a place.
    City,
    /// A town, a site, a base, a building used as a venue.
    Place,
    /// A province, a region, a sea, a continent.
    Region,
}

impl EntityKind {
    /// Reads the gazetteer's `kind` column.
    fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "country" => Some(EntityKind::Country),
            "person" => Some(EntityKind::Person),
            "org" => Some(EntityKind::Org),
            "city" => Some(EntityKind::City),
            "place" => Some(EntityKind::Place),
            "region" => Some(EntityKind::Region),
            _ => None,
        }
    }

    /// Kinds that are places whatever the context.
    fn is_place(self) -> bool {
        matches!(
            self,
            EntityKind::City | EntityKind::Place | EntityKind::Region
        )
    }
}

/// One entity mention in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The canonical name of the reading chosen in context: "Russia"
    /// for "Moscow denounced", "Moscow" for "in Moscow".
    pub canonical: String,
    /// The kind of that reading.
    pub kind: EntityKind,
    /// Whether the mention is used as a location ("in Moscow", "a
    /// Syrian town", any town or region).
    pub as_place: bool,
}

/// An amount that matters to an event: "more than 80 people".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The number; for vague amounts ("dozens") the smallest value the
    /// word allows (24).
    pub value: u64,
    /// "more than", "over", "at least", "nearly", "about", ... or the
    /// vague amount itself ("dozens", "tens of thousands").
    pub qualifier: Option<String>,
    /// What is counted ("cruise missiles", "people"), the currency
    /// ("$", "dollars"), or, with nothing after the number, the verb
    /// before it ("killed").
    pub what: String,
    /// The amount as written.
    pub text: String,
}

/// What one event mention is about: canonical names, sorted and
/// deduplicated, and amounts in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Arguments {
    /// Countries, organisations and people involved.
    pub actors: Vec<String>,
    /// Where it happened.
    pub places: Vec<String>,
    /// Amounts near the trigger.
    pub numbers: Vec<Quantity>,
}

// ---------------------------------------------------------------------
// Gazetteer
// ---------------------------------------------------------------------

/// The gazetteer source; its header documents the format.
const GAZETTEER_TSV: &str = include_str!("gazetteer.tsv");

/// One gazetteer row.
#[derive(Debug)]
struct Entry {
    canonical: &'static str,
    kind: EntityKind,
}

/// What an alias can mean: its entry and, for a metonymic name, the
/// place row it also names.
#[derive(Debug, Clone, Copy)]
struct Sense {
    entry: usize,
    place: Option<usize>,
}

/// The compiled gazetteer.
struct Gazetteer {
    entries: Vec<Entry>,
    by_alias: FastMap<String, Sense>,
    /// Parallel to the automaton's patterns.
    senses: Vec<Sense>,
    /// `None` only if the automaton could not be built; then nothing is
    /// found rather than the program stopping. Walked anchored, only
    /// where a name may start, and there only where its filter lets.
    automaton: Option<(NFA, StartFilter)>,
    /// Malformed rows and ambiguous aliases, for the data test.
    #[cfg_attr(not(test), allow(dead_code))]
    problems: Vec<String>,
}

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(GAZETTEER_TSV));

/// Builds the gazetteer now (see [`super::build_tables`]).
pub(super) fn build_gazetteer() {
    LazyLock::force(&GAZETTEER);
}

impl Gazetteer {
    fn parse(src: &'static str) -> Gazetteer {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        // A BTreeMap keeps the automaton's pattern order, hence every
        // tie-break, independent of hashing.
        let mut aliases: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let (canonical, kind, rest) = match cols.as_slice() {
                [c, k] => (c.trim(), *k, ""),
                [c, k, a] => (c.trim(), *k, *a),
                _ => {
                    problems.push(format!("line {}: not 3 columns", n + 1));
                    continue;
                }
            };
            let Some(kind) = EntityKind::parse(kind.trim()) else {
                problems.push(format!("line {}: bad kind", n + 1));
                continue;
            };
            if canonical.is_empty() {
                problems.push(format!("line {}: no name", n + 1));
                continue;
            }
            let idx = entries.len();
            entries.push(Entry { canonical, kind });
            let names = std::iter::once(canonical).chain(rest.split('|'));
            for alias in names.map(str::trim).filter(|a| !a.is_empty()) {
                for variant in variants(alias) {
                    let list = aliases.entry(variant).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            }
        }

        let mut by_alias = FastMap::default();
        let mut patterns = Vec::new();
        let mut senses = Vec::new();
        for (alias, list) in aliases {
            let sense = match list.as_slice() {
                [one] => Sense { entry: *one, place: None },
                [a, b] => match metonymy(&entries, *a, *b) {
                    Some(sense) => sense,
                    None => {
                        problems.push(format!("ambiguous alias {alias:?}"));
                        Sense { entry: *a, place: None }
                    }
                },
                _ => {
                    problems.push(format!("ambiguous alias {alias:?}"));
                    Sense { entry: list[0], place: None }
                }
            };
            by_alias.insert(alias.clone(), sense);
            patterns.push(alias);
            senses.push(sense);
        }
        // Overlapping matches: leftmost-longest alone would let a match
        // that fails the word-boundary test hide a shorter valid one.
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok()
            .map(|a| {
                let filter = StartFilter::of(&a, |b| b);
                (a, filter)
            });
        if automaton.is_none() {
            problems.push("automaton failed to build".to_string());
        }
        Gazetteer { entries, by_alias, senses, automaton, problems }
    }

    fn entry(&self, idx: usize) -> Option<&Entry> {
        self.entries.get(idx)
    }

    /// The sense of a name as a caller writes it: exact, or without a
    /// leading "the" ("the Kremlin").
    fn sense(&self, name: &str) -> Option<Sense> {
        let name = name.trim();
        if let Some(sense) = self.by_alias.get(name) {
            return Some(*sense);
        }
        let bare = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))?
            .trim_start();
        self.by_alias.get(bare).copied()
    }
}

/// The spellings matched for one alias: itself, its curly-apostrophe
/// form (news text mixes both), and its all-caps form for headlines
/// when long enough not to collide with acronyms.
fn variants(alias: &str) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    if alias.contains('\'') {
        out.push(alias.replace('\'', "\u{2019}"));
    }
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 3 && alias.chars().any(char::is_lowercase) {
        let upper: Vec<String> =
            out.iter().map(|v| v.to_uppercase()).collect();
        out.extend(upper);
    }
    out
}

/// An alias shared by an actor row (country, organisation) and a place
/// row is metonymic; any other sharing is a data error.
fn metonymy(entries: &[Entry], a: usize, b: usize) -> Option<Sense> {
    let kind = |i: usize| entries.get(i).map(|e| e.kind);
    let actor =
        |i| matches!(kind(i), Some(EntityKind::Country | EntityKind::Org));
    let place = |i| kind(i).is_some_and(EntityKind::is_place);
    if actor(a) && place(b) {
        Some(Sense { entry: a, place: Some(b) })
    } else if actor(b) && place(a) {
        Some(Sense { entry: b, place: Some(a) })
    } else {
        None
    }
}

/// The canonical name of an alias, in its actor reading: "Russian
/// Federation", "Moscow" and "the Kremlin" all give "Russia"; "Khan
/// Shaykhun" gives "Khan Sheikhoun". Case-sensitive ("us" is not the
/// US). For the place reading of a capital use [`place_canonical`].
pub fn canonical(name: &str) -> Option<&'static str> {
    let g = &*GAZETTEER;
    let sense = g.sense(name)?;
    g.entry(sense.entry).map(|e| e.canonical)
}

/// The kind of what a name denotes read as a place ("Moscow" is a
/// city, "Russia" a country), or in its only reading.
pub fn place_kind(name: &str) -> Option<EntityKind> {
    let g = &*GAZETTEER;
    let sense = g.sense(name)?;
    Some(g.entry(sense.place.unwrap_or(sense.entry))?.kind)
}

/// The canonical name of an alias read as a place: "Moscow" gives
/// "Moscow", "Russia" gives "Russia", "the Kremlin" gives "Kremlin".
/// `None` for people and organisations that are not also places.
pub fn place_canonical(name: &str) -> Option<&'static str> {
    let g = &*GAZETTEER;
    let sense = g.sense(name)?;
    let e = g.entry(sense.place.unwrap_or(sense.entry))?;
    (e.kind == EntityKind::Country || e.kind.is_place()).then_some(e.canonical)
}

// ---------------------------------------------------------------------
// Words around a position
// ---------------------------------------------------------------------

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Characters of a context word: "rebel-held", "Russia's".
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || is_apostrophe(c)
}

/// The word before `pos`, separated from it by whitespace only (any
/// punctuation in between breaks the context), with its start.
fn word_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &trimmed[start..]))
}

/// The word after `pos`, separated from it by whitespace only, with its
/// end.
fn word_after(text: &str, pos: usize) -> Option<(&str, usize)> {
    let tail = text.get(pos..)?;
    let trimmed = tail.trim_start();
    if trimmed.len() == tail.len() {
        return None;
    }
    let skipped = tail.len() - trimmed.len();
    let len: usize = trimmed
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (&trimmed[..len], pos + skipped + len))
}

/// Whether `pos` is a word boundary on the given side of a match.
fn boundary_before(text: &str, start: usize) -> bool {
    let Some(head) = text.get(..start) else { return false };
    match head.chars().next_back() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        // "pro-Russian", "anti-American" are stances, not the state.
        Some('-') => {
            let prefix: String = head[..head.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .take(5)
                .collect::<String>()
                .to_lowercase();
            // Reversed: "pro" reads "orp".
            !matches!(prefix.as_str(), "orp" | "itna" | "non")
        }
        Some(_) => true,
    }
}

fn boundary_after(text: &str, end: usize) -> bool {
    text.get(end..)
        .is_some_and(|t| !t.chars().next().is_some_and(char::is_alphanumeric))
}

/// A token: a run of letters and digits, with the hyphens, apostrophes,
/// periods and digit-group commas that sit inside it ("al-Assad",
/// "U.S", "1,000").
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let from = range.start;
    let Some(slice) = text.get(range) else { return Vec::new() };
    // Run over every text and every clause: ASCII is read byte by byte,
    // and each character's class is found once.
    let char_at = |i: usize| -> Option<char> {
        let b = *slice.as_bytes().get(i)?;
        if b.is_ascii() {
            Some(char::from(b))
        } else {
            slice.get(i..)?.chars().next()
        }
    };
    // A word and a space are about six bytes.
    let mut out = Vec::with_capacity(slice.len() / 6 + 1);
    let mut start: Option<usize> = None;
    // The previous character: alphanumeric, an ASCII digit.
    let (mut prev_alnum, mut prev_digit) = (false, false);
    let mut i = 0;
    let mut cur = char_at(0);
    while let Some(c) = cur {
        // A run of ASCII letters and digits, most of any word, is
        // skipped by byte: each only extends the token.
        if c.is_ascii_alphanumeric() {
            let bytes = slice.as_bytes();
            let mut j = i + 1;
            while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            start.get_or_insert(i);
            (prev_alnum, prev_digit) = (true, bytes[j - 1].is_ascii_digit());
            i = j;
            cur = char_at(j);
            continue;
        }
        let n = i + c.len_utf8();
        let next = char_at(n);
        let alnum = c.is_alphanumeric();
        // A mark inside a token joins its two halves (an alphanumeric
        // character on each side).
        let joins = !alnum
            && prev_alnum
            && next.is_some_and(char::is_alphanumeric)
            && match c {
                '-' | '.' => true,
                c if is_apostrophe(c) => true,
                ',' => prev_digit && next.is_some_and(|n| n.is_ascii_digit()),
                _ => false,
            };
        if alnum || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Tok { start: from + s, end: from + i });
        }
        (prev_alnum, prev_digit) = (alnum, c.is_ascii_digit());
        i = n;
        cur = next;
    }
    if let Some(s) = start {
        out.push(Tok { start: from + s, end: from + slice.len() });
    }
    out
}

/// The tokens of a whole text, read once for its entities and for the
/// amounts near each of its triggers.
pub struct Tokens {
    toks: Vec<Tok>,
    /// Where a name may start ([`crate::text::word_starts`]).
    starts: Vec<usize>,
}

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Tokens {
        Tokens {
            toks: tokenize(text, 0..text.len()),
            starts: crate::text::word_starts(text),
        }
    }

    /// [`Tokens::new`] of `text`, from the lexicon's tokens of it
    /// ([`super::lexicon::Tokens::new`] of the same text): reading every
    /// text's characters once more was a twentieth of the cost of
    /// finding its mentions. The two tokenizers differ in two marks only:
    /// "&" joins a word for the lexicon ("S&P") but not here, and a comma
    /// between digits ("1,000") joins a number here but is a mark there.
    // Not inlined: in the caller, which reads a text in several passes,
    // this loop over every word kept more of its state on the stack.
    #[inline(never)]
    pub fn from_words(text: &str, words: &super::lexicon::Tokens) -> Tokens {
        let bytes = text.as_bytes();
        let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        let all = words.all();
        let mut out: Vec<Tok> = Vec::with_capacity(all.len());
        // Where "&" stands, found once in the whole text (where it is
        // rare, and most texts have none): a word holds one when the
        // first at or after its start is before its end. Searching each
        // word for it was a twentieth of the cost of reading a text.
        let amp_free = memchr::memchr(b'&', bytes).is_none();
        let mut amps = memchr::memchr_iter(b'&', bytes).peekable();
        for t in all.iter().filter(|t| t.word) {
            // A number goes on past a comma between digits ("1,000"),
            // which the lexicon reads as a mark of its own: the token
            // just before the word is that comma when the byte before
            // it is one.
            let goes_on = t.start >= 2
                && bytes[t.start - 1] == b','
                && digit_at(t.start - 2)
                && digit_at(t.start)
                && out.last().is_some_and(|last| last.end == t.start - 1);
            // Most words hold no "&": they are one token, without
            // splitting (this runs on every word of a text).
            if !amp_free {
                while amps.next_if(|&a| a < t.start).is_some() {}
            }
            if amp_free || amps.peek().is_none_or(|&a| a >= t.end) {
                match out.last_mut() {
                    Some(last) if goes_on => last.end = t.end,
                    _ => out.push(Tok { start: t.start, end: t.end }),
                }
                continue;
            }
            let mut start = t.start;
            for (k, part) in
                bytes[t.start..t.end].split(|&b| b == b'&').enumerate()
            {
                let end = start + part.len();
                match out.last_mut() {
                    Some(last) if k == 0 && goes_on => last.end = end,
                    _ => out.push(Tok { start, end }),
                }
                start = end + 1;
            }
        }
        Tokens { toks: out, starts: words.starts().to_vec() }
    }

    /// The tokens of `text[range]`, as [`tokenize`] of the range gives
    /// them: those of the whole text that lie in it, unless one runs
    /// across an end of the range (a word cut in two, a mark joining a
    /// word outside): then the range is read again. Within the range a
    /// token depends only on the character before it and after it,
    /// which are the same in both readings when no token crosses.
    fn within(&self, text: &str, range: Range<usize>) -> Cow<'_, [Tok]> {
        match crate::text::tokens_within(&self.toks, range.clone(), |t| {
            t.start..t.end
        }) {
            Some(toks) if text.get(range.clone()).is_some() => {
                Cow::Borrowed(toks)
            }
            _ => Cow::Owned(tokenize(text, range)),
        }
    }
}

/// Whether only whitespace (at least one character of it) separates
/// two positions.
fn spaced(text: &str, a: usize, b: usize) -> bool {
    a < b && text.get(a..b).is_some_and(|g| g.chars().all(char::is_whitespace))
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// [`lower`], held inline: the words read around amounts and places are
/// short, and copying each to the heap was most of their cost.
fn lower_inline(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut lowered = CompactString::from(s);
        lowered.make_ascii_lowercase();
        lowered
    } else {
        CompactString::from(s.to_lowercase())
    }
}

/// The bytes of `w` lower-cased in `buf`, when it is ASCII and fits
/// (most words): a word looked up in a table of lower-case words costs
/// no allocation, and a table keyed by bytes no UTF-8 check. `None` for
/// any other word.
pub(crate) fn ascii_lower<'b>(
    w: &str,
    buf: &'b mut [u8; 32],
) -> Option<&'b [u8]> {
    let lower = buf.get_mut(..w.len()).filter(|_| w.is_ascii())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    Some(lower)
}

/// `lower(w) == want`, without building the lower-cased string: the
/// title matcher asks it of every token for every title, the lexicon
/// and the dated-statement finder of many words. `want` must hold no
/// sigma, the one letter whose lower case depends on where it stands
/// (then a capital sigma in `w` makes both sides false).
#[inline]
pub(crate) fn lower_eq(w: &str, want: &str) -> bool {
    // Most calls compare words of other lengths: an ASCII word keeps its
    // length lower-cased, so those are answered here, inline.
    (w.len() == want.len() || !w.is_ascii()) && lower_eq_read(w, want)
}

fn lower_eq_read(w: &str, want: &str) -> bool {
    if w.is_ascii() {
        return w.len() == want.len()
            && w.bytes()
                .zip(want.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    w.chars().flat_map(char::to_lowercase).eq(want.chars())
}

// ---------------------------------------------------------------------
// Locative context
// ---------------------------------------------------------------------

/// Prepositions after which a country or capital is where something
/// happens. "on" and "over" are left out: "sanctions on Russia",
/// "pressure on Moscow" name a party, not a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "around",
    "toward",
    "towards",
    "through",
    "via",
    "within",
    "throughout",
];

/// The locative prepositions that also fit countries: "investigation
/// into Russia" and "hostile toward Russia" are about the state.
const COUNTRY_LOCATIVE: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "through",
    "via",
    "within",
    "throughout",
];

/// Nouns after a country name that make it the actor whatever the
/// preposition ("a finger at the Syrian government"). A [`WordSet`]:
/// asked of the word after every name the gazetteer finds, most of
/// which no noun here has the first letter and length of.
static ACTOR_AFTER: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(ACTOR_AFTER_WORDS.iter().copied()));

const ACTOR_AFTER_WORDS: &[&str] = &[
    "government",
    "governments",
    "regime",
    "officials",
    "official",
    "authorities",
    "forces",
    "troops",
    "military",
    "army",
    "president",
    "leader",
    "leaders",
    "diplomats",
    "diplomat",
    "ministry",
    "minister",
    "politics",
    "election",
    "elections",
    "support",
    "evidence",
    "intelligence",
];

/// Prepositions after which an organisation is a venue ("at the White
/// House").
const VENUE: &[&str] = &["at", "in", "inside", "outside"];

/// Words that may stand between a preposition and its place ("in the
/// northern town of", "in central Moscow"). A [`WordList`]: asked of
/// the words before every name, most of which it turns away by their
/// first letter and length.
static LOCATIVE_SKIP: WordList = WordList::new(&[
    "the",
    "a",
    "an",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
    "downtown",
    "nearby",
    "neighbouring",
    "neighboring",
    "rebel-held",
    "government-held",
    "besieged",
    "war-torn",
    "capital",
]);

/// Nouns whose "of" introduces a place ("the town of Khan Sheikhoun").
const PLACE_OF: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "capital",
    "suburb",
    "suburbs",
    "outskirts",
    "area",
];

/// Nouns that make a preceding country name a location ("a Syrian
/// town", "a Syrian air base").
const PLACE_AFTER: &[&str] = &[
    "town",
    "towns",
    "city",
    "cities",
    "village",
    "villages",
    "capital",
    "province",
    "region",
    "border",
    "territory",
    "soil",
    "airspace",
    "coast",
    "countryside",
    "airbase",
    "airfield",
];

/// Whether the mention at `start..end` is used as a location after one
/// of `preps`.
fn locative(text: &str, start: usize, end: usize, preps: &[&str]) -> bool {
    let tail = text.get(end..).unwrap_or("");
    if tail.starts_with("-based") {
        return true;
    }
    // "in Russia's view", "a thaw in Russia-U.S. ties", "at the Syrian
    // government": the name modifies what follows, which is the party.
    if tail.starts_with('-')
        || strip_possessive(word_at_start(tail)).1
        || word_after(text, end).is_some_and(|(w, _)| ACTOR_AFTER.contains(w))
    {
        return false;
    }
    let mut pos = start;
    for _ in 0..4 {
        let Some((w_start, word)) = word_before(text, pos) else {
            return false;
        };
        let w = lower_inline(word);
        if preps.contains(&w.as_str()) {
            return true;
        }
        if w == "of" {
            let noun =
                word_before(text, w_start).map(|(_, n)| lower_inline(n));
            return noun.is_some_and(|n| {
                PLACE_OF.contains(&n.as_str()) || n == "out"
            });
        }
        let skippable = LOCATIVE_SKIP.contains(&w)
            || GAZETTEER.by_alias.get(word).is_some_and(|s| {
                GAZETTEER
                    .entry(s.entry)
                    .is_some_and(|e| e.kind == EntityKind::Country)
            });
        if !skippable {
            return false;
        }
        pos = w_start;
    }
    false
}

/// The word characters `s` starts with.
fn word_at_start(s: &str) -> &str {
    let len: usize =
        s.chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
    &s[..len]
}

/// Whether a place noun follows ("Syrian town", "Syrian air base").
fn place_noun_after(text: &str, end: usize) -> bool {
    let Some((w, w_end)) = word_after(text, end) else { return false };
    let w = lower(w);
    if PLACE_AFTER.contains(&w.as_str()) {
        return true;
    }
    w == "air"
        && word_after(text, w_end).is_some_and(|(n, _)| {
            matches!(lower(n).as_str(), "base" | "field")
        })
}

// ---------------------------------------------------------------------
// People by title
// ---------------------------------------------------------------------

/// Titles that introduce a name, matched word by word; abbreviations
/// match with or without their period. Capitalised titles match in any
/// case ("former president Barack Obama"); lower-case ones only in
/// lower case, because capitalised they start names of things ("Leader
/// Call", a newspaper). "General" alone is left out ("General Motors");
/// "Gen." stays.
const TITLES: &[&str] = &[
    "President",
    "Vice President",
    "Vice-President",
    "President-elect",
    "Prime Minister",
    "Deputy Prime Minister",
    "Foreign Minister",
    "Deputy Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Interior Minister",
    "Finance Minister",
    "Minister",
    "Secretary of State",
    "Secretary of Defense",
    "Defense Secretary",
    "Foreign Secretary",
    "Home Secretary",
    "Press Secretary",
    "Secretary",
    "Secretary-General",
    "Secretary General",
    "Attorney General",
    "National Security Adviser",
    "Ambassador",
    "Envoy",
    "Special Envoy",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Crown Prince",
    "Emir",
    "Sheikh",
    "Pope",
    "Ayatollah",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov",
    "Mayor",
    "Judge",
    "Gen",
    "Lt",
    "Col",
    "Colonel",
    "Admiral",
    "Adm",
    "Capt",
    "Commander",
    "Sgt",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Professor",
    "Rev",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chief",
    "counterpart",
    "Director",
    "Chairman",
    "Chairwoman",
    "CEO",
    "Speaker",
    "Commissioner",
];

/// A title as word sequence, lower-cased, and whether it must be
/// written in lower case.
struct Title {
    words: Vec<String>,
    lower_only: bool,
}

/// The titles, longest first so that "Secretary of State" wins over
/// "Secretary".
static TITLE_WORDS: LazyLock<Vec<Title>> = LazyLock::new(|| {
    let mut titles: Vec<Title> = TITLES
        .iter()
        .map(|t| Title {
            words: t.split(' ').map(lower).collect(),
            lower_only: t.chars().next().is_some_and(char::is_lowercase),
        })
        .collect();
    titles.sort_by(|a, b| {
        (Reverse(a.words.len()), &a.words)
            .cmp(&(Reverse(b.words.len()), &b.words))
    });
    titles
});

/// Lower-case particles inside names ("Bashar al Assad", "Staffan de
/// Mistura").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der",
    "den", "la", "le", "dos", "del",
];

/// Capitalised words that end a name: the title was followed by
/// something else.
pub(crate) const NAME_STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Or",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "To",
    "For",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that show the capitalised phrase after a title is an
/// institution ("Justice Department", "King Street"): no person.
const INSTITUTION: &[&str] = &[
    "Department",
    "Ministry",
    "Council",
    "Committee",
    "Party",
    "Administration",
    "Office",
    "House",
    "Street",
    "University",
    "Company",
    "Agency",
    "Bureau",
    "Court",
    "Army",
    "Forces",
    "Force",
    "Union",
    "Bank",
    "Post",
    "News",
    "Times",
    "Church",
    "Assembly",
    "Congress",
    "Senate",
    "Parliament",
    "Government",
    "Republic",
    "Kingdom",
    "States",
    "Nations",
    "Organization",
    "Organisation",
    "Group",
    "Inc",
    "Corp",
    "Ltd",
    "Club",
    "Center",
    "Centre",
    "Institute",
    "Foundation",
    "Airlines",
    "Network",
    "Motors",
    "Fund",
    "Commission",
    "Association",
    "Federation",
    "Corps",
    "Guard",
    "Navy",
    "Police",
    "Service",
    "Island",
    "Islands",
];

/// A person found after a title.
struct Titled {
    start: usize,
    end: usize,
    /// Normalised name as written.
    name: String,
    /// The gazetteer's canonical name when it knows the person.
    known: Option<&'static str>,
}

/// Capitalised like a name: "Lavrov", "O'Brien", "Jean-Marc".
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c))
        && !NAME_STOP.contains(&word)
}

/// "al-Assad", "el-Sisi": a lower-case particle fused to a name.
fn is_fused_particle(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(p, rest)| PARTICLES.contains(&p) && is_name_word(rest))
}

/// Splits a possessive off a token: "Trump’s" → "Trump".
fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

/// People introduced by a title, with the title stripped.
fn titled_people(text: &str, toks: &[Tok]) -> Vec<Titled> {
    let word = |i: usize| -> &str {
        toks.get(i).and_then(|t| text.get(t.start..t.end)).unwrap_or("")
    };
    let mut out = Vec::new();
    // Asked of every token: dereferenced once, not once a token.
    let titles = &*TITLE_FIRST;
    // One list for every title's name, cleared, not allocated anew.
    let mut parts: Vec<Range<usize>> = Vec::with_capacity(4);
    let mut i = 0;
    while i < toks.len() {
        let Some(len) = title_at(text, toks, i, titles) else {
            i += 1;
            continue;
        };
        let mut after = toks[i + len - 1].end;
        if text.get(after..).is_some_and(|t| t.starts_with('.')) {
            after += 1;
        }
        let mut j = i + len;
        parts.clear();
        while j < toks.len() && parts.len() < 4 {
            let prev_end = parts.last().map_or(after, |p| p.end);
            if !spaced(text, prev_end, toks[j].start) {
                break;
            }
            let (w, possessive) = strip_possessive(word(j));
            let first = parts.is_empty();
            let particle = !first
                && PARTICLES.contains(&w)
                && toks.get(j + 1).is_some_and(|_| is_name_word(word(j + 1)));
            let fused = !first && is_fused_particle(w);
            if !(is_name_word(w) || particle || fused) {
                break;
            }
            let mut end = toks[j].start + w.len();
            // An initial keeps its period: "Donald J. Trump".
            if w.chars().count() == 1
                && text.get(end..).is_some_and(|t| t.starts_with('.'))
            {
                end += 1;
            }
            parts.push(toks[j].start..end);
            j += 1;
            if possessive {
                break;
            }
        }
        // A name cannot end on a particle or an initial.
        while parts.last().is_some_and(|p| {
            let w = text.get(p.clone()).unwrap_or("");
            PARTICLES.contains(&w) || w.ends_with('.')
        }) {
            parts.pop();
        }
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            i += len;
            continue;
        };
        let (start, end) = (first.start, last.end);
        let name = parts
            .iter()
            .filter_map(|p| text.get(p.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        let institutional = parts.iter().any(|p| {
            text.get(p.clone()).is_some_and(|w| INSTITUTION.contains(&w))
        });
        let g = &*GAZETTEER;
        let known = g
            .sense(&name)
            .and_then(|s| g.entry(s.entry))
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.canonical);
        // "Mr. Jordan" is a person, but a title word followed by a
        // country or an organisation is usually a title used as a
        // common noun ("the leader Syria backs").
        let first_is_thing = text
            .get(first.clone())
            .and_then(|w| g.sense(w))
            .and_then(|s| g.entry(s.entry))
            .is_some_and(|e| e.kind != EntityKind::Person);
        if !institutional && (known.is_some() || !first_is_thing) {
            out.push(Titled { start, end, name, known });
        }
        i = j.max(i + 1);
    }
    out
}

/// The titles by their first word.
struct TitleFirst {
    /// Per first word, lower-cased: the indices in [`TITLE_WORDS`] (so
    /// in its order) of the titles starting with it. A token that is
    /// none of these words starts no title.
    by_first: FastMap<&'static [u8], Vec<usize>>,
    /// The [`Shapes`] of those words: most tokens start no title, and
    /// are told so before they are lower-cased and hashed.
    shapes: Shapes,
}

static TITLE_FIRST: LazyLock<TitleFirst> = LazyLock::new(|| {
    let mut by_first: FastMap<&'static [u8], Vec<usize>> = FastMap::default();
    for (k, t) in TITLE_WORDS.iter().enumerate() {
        if let Some(first) = t.words.first() {
            by_first.entry(first.as_bytes()).or_default().push(k);
        }
    }
    let shapes = Shapes::of(by_first.keys().copied());
    TitleFirst { by_first, shapes }
});

/// The length in tokens of `title` when it starts at token `i`.
fn title_fits(
    text: &str,
    toks: &[Tok],
    i: usize,
    title: &Title,
) -> Option<usize> {
    let ok = title.words.iter().enumerate().all(|(k, want)| {
        let Some(t) = toks.get(i + k) else { return false };
        let gap_ok = k == 0 || spaced(text, toks[i + k - 1].end, t.start);
        gap_ok
            && text.get(t.start..t.end).is_some_and(|w| {
                if title.lower_only { w == want } else { lower_eq(w, want) }
            })
    });
    ok.then_some(title.words.len())
}

/// The length in tokens of the longest title starting at token `i`.
fn title_at(
    text: &str,
    toks: &[Tok],
    i: usize,
    index: &TitleFirst,
) -> Option<usize> {
    let fits = |title: &Title| title_fits(text, toks, i, title);
    // Asked of every token: only the titles that start with its word,
    // lower-cased on the stack, are tried (a lower-case-only title
    // equals its token, so it is among them too).
    // Most tokens are ASCII and the shape of no title's first word: told
    // so from their bytes, before the word is taken as text (whose
    // character-boundary checks cost as much again).
    let t = toks.get(i)?;
    let bytes = text.as_bytes().get(t.start..t.end)?;
    if !index.shapes.may_hold(bytes) && bytes.is_ascii() {
        return None;
    }
    let first = text.get(t.start..t.end)?;
    if let Some(lowered) = ascii_lower(first, &mut [0; 32]) {
        let titles = index.by_first.get(lowered)?;
        return titles.iter().find_map(|&k| fits(&TITLE_WORDS[k]));
    }
    TITLE_WORDS.iter().find_map(fits)
}

// ---------------------------------------------------------------------
// find_entities
// ---------------------------------------------------------------------

/// A candidate mention before overlaps are resolved.
enum Found {
    Gazetteer(Sense),
    /// A titled person the gazetteer knows: its name is copied only if
    /// the mention is kept.
    Known(&'static str),
    /// A person the gazetteer does not know, by the name as written.
    Person {
        canonical: String,
    },
}

struct Candidate {
    start: usize,
    end: usize,
    /// Lower wins among equal spans: titled people beat gazetteer
    /// readings ("Mr. Jordan").
    rank: u8,
    found: Found,
}

/// Every entity mention of a document, sorted by start and
/// non-overlapping (the longest mention wins), with later bare surnames
/// resolved to the full names the document gave earlier.
pub fn find_entities(text: &str) -> Vec<Entity> {
    find_entities_in(text, &Tokens::new(text))
}

/// [`find_entities`] of a text tokenized already ([`Tokens::new`] of the
/// same text).
pub fn find_entities_in(text: &str, tokens: &Tokens) -> Vec<Entity> {
    let g = &*GAZETTEER;
    // Names start at a few words in ten (`text::word_starts`), on the
    // few first bytes some name starts with (the gazetteer's filter).
    let found = g.automaton.as_ref().map_or_else(Vec::new, |(ac, filter)| {
        crate::text::matches_from(ac, filter, text, &tokens.starts, |b| b)
    });
    let titled = titled_people(text, &tokens.toks);
    // Sized at once: growing it was a reallocation every few names of a
    // long text.
    let mut cands = Vec::with_capacity(found.len() + titled.len());
    for (span, pattern) in found {
        let (start, end) = (span.start, span.end);
        if !boundary_before(text, start) || !boundary_after(text, end) {
            continue;
        }
        if let Some(sense) = g.senses.get(pattern) {
            cands.push(Candidate {
                start,
                end,
                rank: 1,
                found: Found::Gazetteer(*sense),
            });
        }
    }
    for p in titled {
        let found = match p.known {
            Some(c) => Found::Known(c),
            None => Found::Person { canonical: p.name },
        };
        cands.push(Candidate { start: p.start, end: p.end, rank: 0, found });
    }
    let mut chosen = select(cands);
    resolve_surnames(text, &mut chosen);

    let mut out: Vec<Entity> = Vec::with_capacity(chosen.len());
    for c in chosen {
        let entity = match c.found {
            Found::Person { canonical } => Entity {
                start: c.start,
                end: c.end,
                canonical,
                kind: EntityKind::Person,
                as_place: false,
            },
            Found::Known(canonical) => Entity {
                start: c.start,
                end: c.end,
                canonical: canonical.to_string(),
                kind: EntityKind::Person,
                as_place: false,
            },
            Found::Gazetteer(sense) => {
                match read_in_context(text, c.start, c.end, sense, out.last())
                {
                    Some(e) => e,
                    None => continue,
                }
            }
        };
        out.push(entity);
    }
    out
}

/// Longest non-overlapping candidates, leftmost first.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by_key(|c| (c.start, Reverse(c.end), c.rank));
    // At most all of them: grown from empty, it was copied a few times
    // a text.
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if out.last().is_none_or(|last| c.start >= last.end) {
            out.push(c);
        }
    }
    out
}

/// Adds the bare mentions ("Haley", or "Nikki Haley" without a title)
/// of people the gazetteer does not know, and gives a titled surname
/// ("Mr. Haley") its full name. A surname goes to the nearest earlier
/// full name that ends with it, else to the first later one.
fn resolve_surnames(text: &str, chosen: &mut Vec<Candidate>) {
    // name as written -> (first mention, full name), in text order
    let mut names: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for c in chosen.iter() {
        let Found::Person { canonical } = &c.found else {
            continue;
        };
        let words: Vec<&str> = canonical.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        let mut keys = vec![canonical.clone()];
        if let Some(last) = words.last() {
            keys.push((*last).to_string());
            if let Some((_, rest)) =
                last.split_once('-').filter(|_| is_fused_particle(last))
            {
                keys.push(rest.to_string());
            }
        }
        for key in keys {
            let list = names.entry(key).or_default();
            if !list.iter().any(|(_, n)| n == canonical) {
                list.push((c.start, canonical.clone()));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let resolve = |key: &str, pos: usize| -> Option<String> {
        let list = names.get(key)?;
        list.iter()
            .rev()
            .find(|(p, _)| *p <= pos)
            .or_else(|| list.first())
            .map(|(_, n)| n.clone())
    };
    // Single-word titled names first: "Mr. Haley" → "Nikki Haley".
    for c in chosen.iter_mut() {
        if let Found::Person { canonical } = &mut c.found
            && !canonical.contains(' ')
            && let Some(full) = resolve(canonical, c.start)
        {
            *canonical = full;
        }
    }
    let keys: Vec<&String> = names.keys().collect();
    let mut extra = Vec::new();
    for (start, end, key) in leftmost_longest(text, &keys) {
        if !boundary_before(text, start) || !boundary_after(text, end) {
            continue;
        }
        // Earlier readings stand; bare names only fill the gaps.
        let idx = chosen.partition_point(|c| c.end <= start);
        if chosen.get(idx).is_some_and(|c| c.start < end) {
            continue;
        }
        if let Some(full) = resolve(key, start) {
            extra.push(Candidate {
                start,
                end,
                rank: 0,
                found: Found::Person { canonical: full },
            });
        }
    }
    chosen.extend(extra);
    chosen.sort_by_key(|c| c.start);
}

/// The occurrences of `keys` in `text` that a leftmost-longest search
/// reports: from the left, at each place where some key starts the
/// longest that does, then on from its end. A document names a few
/// people; one substring search per name costs less than building an
/// automaton for them. The search is by bytes (`memmem`, which skips
/// through the text many bytes at a time where `str::find` read them
/// one by one): a key is whole UTF-8, so it matches only where a
/// character starts, where `str::find` finds it too.
fn leftmost_longest<'k>(
    text: &str,
    keys: &[&'k String],
) -> Vec<(usize, usize, &'k str)> {
    let mut all: Vec<(usize, usize, &str)> = Vec::new();
    let bytes = text.as_bytes();
    for key in keys.iter().filter(|k| !k.is_empty()) {
        let finder = memchr::memmem::Finder::new(key.as_bytes());
        let mut from = 0;
        while let Some(i) = bytes.get(from..).and_then(|t| finder.find(t)) {
            let start = from + i;
            all.push((start, start + key.len(), key.as_str()));
            // On by one character: occurrences may overlap.
            from =
                start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    all.sort_by_key(|&(start, end, _)| (start, Reverse(end)));
    let mut out: Vec<(usize, usize, &str)> = Vec::new();
    for m in all {
        if out.last().is_none_or(|last| m.0 >= last.1) {
            out.push(m);
        }
    }
    out
}

/// Reads a gazetteer mention in its context: a capital as government or
/// city, a country or an organisation as a location or not.
fn read_in_context(
    text: &str,
    start: usize,
    end: usize,
    sense: Sense,
    previous: Option<&Entity>,
) -> Option<Entity> {
    let g = &*GAZETTEER;
    let main = g.entry(sense.entry)?;
    // "in Moscow and Beijing": a place coordinated with a place.
    let coordinated = previous.is_some_and(|p| {
        p.as_place
            && text.get(p.end..start).is_some_and(|between| {
                matches!(between, ", " | " and " | " or " | ", and " | ", or ")
            })
    });
    let entity = |e: &Entry, as_place: bool| Entity {
        start,
        end,
        canonical: e.canonical.to_string(),
        kind: e.kind,
        as_place,
    };
    if let Some(place) = sense.place.and_then(|p| g.entry(p)) {
        let located = coordinated || locative(text, start, end, LOCATIVE);
        return Some(if located {
            entity(place, true)
        } else {
            entity(main, false)
        });
    }
    let as_place = match main.kind {
        EntityKind::City | EntityKind::Place | EntityKind::Region => true,
        EntityKind::Country => {
            coordinated
                || locative(text, start, end, COUNTRY_LOCATIVE)
                || place_noun_after(text, end)
        }
        // "at the White House", but not "at the G7 meeting", where the
        // organisation is the party.
        EntityKind::Org => {
            locative(text, start, end, VENUE)
                && !word_after(text, end).is_some_and(|(w, _)| {
                    w.chars().next().is_some_and(char::is_lowercase)
                })
        }
        EntityKind::Person => false,
    };
    Some(entity(main, as_place))
}

// ---------------------------------------------------------------------
// arguments
// ---------------------------------------------------------------------

/// Clamps a range to `text` and to character boundaries.
fn clamp(text: &str, r: &Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(r.start);
    let end = floor(r.end.max(r.start));
    start..end
}

/// Phrases that end one clause and start another within a sentence.
const CLAUSE_BREAKS: &[&str] = &[
    ";",
    ", but ",
    ", while ",
    ", whereas ",
    ", although ",
    ", though ",
    ", however",
];

/// Dashes, which also set off asides: "an attack - which killed dozens
/// of people - was fabricated".
const DASH_BREAKS: &[&str] = &[" \u{2014} ", "\u{2014}", " \u{2013} ", " - "];

/// A phrase of [`CLAUSE_BREAKS`] or [`DASH_BREAKS`], as
/// [`clauses_around`] looks for it: at its first byte that is not a
/// space (its `key`, `offset` bytes in).
struct BreakPhrase {
    text: &'static str,
    key: u8,
    offset: usize,
    dash: bool,
}

/// The break phrases, and the bytes that are the key of one (or the
/// colon), each once: the bytes at which [`clauses_around`] looks for a
/// break.
static BREAKS: LazyLock<(Vec<BreakPhrase>, Vec<u8>)> = LazyLock::new(|| {
    let mut keys = vec![b':'];
    let clause = CLAUSE_BREAKS.iter().map(|p| (p, false));
    let dash = DASH_BREAKS.iter().map(|p| (p, true));
    let phrases: Vec<BreakPhrase> = clause
        .chain(dash)
        .filter_map(|(text, dash)| {
            let offset = text.len() - text.trim_start_matches(' ').len();
            let key = *text.as_bytes().get(offset)?;
            keys.push(key);
            Some(BreakPhrase { text, key, offset, dash })
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    (phrases, keys)
});

/// The clause of `sentence` around `trigger`, twice: first with asides
/// between dashes set off, then without (an aside between dashes stays
/// in the clause: an amount there still belongs to the trigger, its
/// entities would be too many guesses). The sentence is searched once
/// for both.
fn clauses_around(
    text: &str,
    sentence: &Range<usize>,
    trigger: &Range<usize>,
) -> (Range<usize>, Range<usize>) {
    let Some(s) = text.get(sentence.clone()) else {
        return (sentence.clone(), sentence.clone());
    };
    // Each phrase's occurrences as a search for it alone finds them:
    // left to right, not overlapping one another. A phrase is found at
    // its first byte that is not a space (";", ",", ":", a dash), rare
    // in text: those bytes are searched for three at a time (memchr),
    // where reading every byte of the sentence again for each of its
    // triggers was a hundredth of the cost of extracting. Each phrase has
    // one key, so its occurrences still come left to right; the nearest
    // breaks chosen below do not depend on the order of the others.
    let (phrases, keys) = &*BREAKS;
    let mut free = [0usize; CLAUSE_BREAKS.len() + DASH_BREAKS.len()];
    let mut breaks = Vec::new();
    let mut dashes = Vec::new();
    let bytes = s.as_bytes();
    let at_keys = keys.chunks(3).flat_map(|c| {
        let (a, b, c) = (c[0], c[c.len().min(2) - 1], c[c.len() - 1]);
        memchr::memchr3_iter(a, b, c, bytes)
    });
    for i in at_keys {
        let b = bytes[i];
        for (k, p) in phrases.iter().enumerate() {
            if p.key != b || i < p.offset {
                continue;
            }
            let q = i - p.offset;
            // Compared as bytes: the byte before a dash may lie inside
            // another character (then it is no space, and no match).
            if q >= free[k] && s.as_bytes()[q..].starts_with(p.text.as_bytes())
            {
                free[k] = q + p.text.len();
                let at = sentence.start + q;
                let list = if p.dash { &mut dashes } else { &mut breaks };
                list.push(at..at + p.text.len());
            }
        }
        // A colon breaks a clause, unless in a time ("10:30").
        if b == b':' {
            let digit_before =
                s[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit());
            let digit_after =
                s[i + 1..].chars().next().is_some_and(|c| c.is_ascii_digit());
            if !(digit_before && digit_after) {
                let at = sentence.start + i;
                breaks.push(at..at + 1);
            }
        }
    }
    // The nearest break before the trigger and after it, from the
    // sentence's ends when there is none.
    let bounds = |breaks: &[Range<usize>]| -> Range<usize> {
        let start = breaks
            .iter()
            .filter(|b| b.end <= trigger.start)
            .map(|b| b.end)
            .max()
            .unwrap_or(sentence.start);
        let end = breaks
            .iter()
            .filter(|b| b.start >= trigger.end)
            .map(|b| b.start)
            .min()
            .unwrap_or(sentence.end);
        start..end
    };
    let wide = bounds(&breaks);
    let dash = bounds(&dashes);
    (wide.start.max(dash.start)..wide.end.min(dash.end), wide)
}

/// Words that open a noun phrase whose modifier a place can be.
const NOUN_PHRASE_START: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "last",
    "its",
    "their",
    "his",
    "her",
    "our",
    "after",
    "before",
    "since",
    "during",
    "following",
    "of",
    "in",
    "at",
    "on",
    "from",
    "to",
    "for",
    "over",
];

/// A place directly modifying the trigger ("the Khan Sheikhoun attack",
/// "the Moscow meeting"), with up to two words in between ("the Khan
/// Sheikhoun chemical attack"). Countries are left out: in "the US
/// missile strike" the country acts.
fn modifier_place(
    text: &str,
    entity: &Entity,
    trigger: &Range<usize>,
) -> Option<&'static str> {
    if entity.end > trigger.start {
        return None;
    }
    let between = text.get(entity.end..trigger.start)?;
    // Asked of every entity of a trigger's clause that is not a place,
    // however far before the trigger: three words tell that there are
    // too many, and the word before is compared, not copied.
    let mut words = between.split_whitespace();
    let modifiers_ok = words.clone().nth(2).is_none()
        && words.all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
    let joined = between.is_empty()
        || between
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '-');
    // Only a noun phrase has modifiers: "the Moscow meeting", not
    // "Moscow denounced".
    let in_noun_phrase = || {
        word_before(text, entity.start).is_some_and(|(_, w)| {
            NOUN_PHRASE_START.iter().any(|start| lower_eq(w, start))
        })
    };
    if !(modifiers_ok && joined && in_noun_phrase()) {
        return None;
    }
    let g = &*GAZETTEER;
    let sense = g.sense(text.get(entity.start..entity.end)?)?;
    g.entry(sense.place?).map(|e| e.canonical)
}

/// The actors, places and amounts of the event whose trigger is at
/// `trigger` in the sentence `sentence` (byte ranges into `text`),
/// given the document's entities from [`find_entities`].
///
/// Places are the entities of the trigger's clause used as locations
/// and places modifying the trigger; actors are the clause's other
/// entities. Amounts are counts near the trigger (within ten words, in
/// the same clause), written in digits or words; years, dates, times,
/// durations and percentages are not amounts; money is, with its
/// currency as `what`.
pub fn arguments(
    text: &str,
    entities: &[Entity],
    sentence: Range<usize>,
    trigger: Range<usize>,
) -> Arguments {
    arguments_in(text, entities, None, sentence, trigger)
}

/// [`arguments`], with the tokens of the whole text when the caller has
/// them ([`Tokens::new`] of the same text): a sentence with several
/// triggers is then not tokenized for each.
pub fn arguments_in(
    text: &str,
    entities: &[Entity],
    tokens: Option<&Tokens>,
    sentence: Range<usize>,
    trigger: Range<usize>,
) -> Arguments {
    let sentence = clamp(text, &sentence);
    let trigger = clamp(text, &trigger);
    let trigger = {
        let s = trigger.start.clamp(sentence.start, sentence.end);
        let e = trigger.end.clamp(s, sentence.end);
        s..e
    };
    let (clause, wide) = clauses_around(text, &sentence, &trigger);
    let mut actors = Vec::new();
    let mut places = Vec::new();
    for e in entities {
        let inside = e.start >= clause.start && e.end <= clause.end;
        let on_trigger = e.start < trigger.end && trigger.start < e.end;
        if !inside || on_trigger {
            continue;
        }
        if e.as_place || e.kind.is_place() {
            places.push(e.canonical.clone());
        } else if let Some(p) = modifier_place(text, e, &trigger) {
            places.push(p.to_string());
        } else {
            actors.push(e.canonical.clone());
        }
    }
    actors.sort();
    actors.dedup();
    places.sort();
    places.dedup();
    let numbers = quantities(text, tokens, &wide, &trigger);
    Arguments { actors, places, numbers }
}

// ---------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------

/// How far (in words) an amount may be from its trigger.
const MAX_NUMBER_DISTANCE: usize = 10;

/// Words before a number that qualify it, longest first.
const QUALIFIERS: &[&str] = &[
    "more than",
    "at least",
    "as many as",
    "fewer than",
    "less than",
    "up to",
    "close to",
    "upwards of",
    "an estimated",
    "at most",
    "just over",
    "just under",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "under",
];

/// Vague amounts and the smallest value they allow, longest first.
const VAGUE: &[(&str, u64)] = &[
    ("tens of thousands", 20_000),
    ("hundreds of thousands", 200_000),
    ("tens of millions", 20_000_000),
    ("hundreds of millions", 200_000_000),
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2_000),
    ("millions", 2_000_000),
];

const SMALL: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Per first byte, bit `n` set when a word of [`SMALL`] of `n` bytes
/// starts with it.
const SMALL_SHAPES: [u64; 256] = {
    let mut shapes = [0u64; 256];
    let mut i = 0;
    while i < SMALL.len() {
        let w = SMALL[i].0.as_bytes();
        shapes[w[0] as usize] |= 1 << w.len();
        i += 1;
    }
    shapes
};

const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("dozen", 12),
];

/// After a number, these make it a date, a time or a duration.
const NOT_COUNTED: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "percent",
    "per",
    "pct",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Currency words after a number.
const CURRENCIES: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "rubles", "roubles",
    "yuan", "yen",
];

/// Words that end the counted noun phrase.
const WHAT_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "with",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "had",
    "have",
    "has",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "do",
    "does",
    "this",
    "these",
    "those",
    "it",
    "its",
    "their",
    "them",
    "they",
    "he",
    "she",
    "his",
    "her",
    "as",
    "than",
    "since",
    "after",
    "before",
    "during",
    "including",
    "while",
    "each",
    "more",
    "over",
    "under",
    "about",
    "into",
    "last",
    "next",
    "ago",
    "earlier",
    "later",
    "said",
    "says",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Plurals that do not end in "s".
const PLURALS: &[&str] =
    &["people", "children", "men", "women", "police", "personnel", "staff"];

/// Determiners before which a small written number refers back ("the
/// two sides") rather than counts.
const REFERRING: &[&str] = &[
    "the", "these", "those", "both", "all", "our", "their", "its", "his",
    "her", "my", "your",
];

/// Capitalised words that may start a sentence before a number; any
/// other capitalised word before digits makes them a label
/// ("Resolution 2118", "Flight 17").
const CAPITAL_BEFORE_NUMBER: &[&str] = &[
    "The",
    "Some",
    "About",
    "Around",
    "Nearly",
    "Almost",
    "Over",
    "More",
    "At",
    "Only",
    "Just",
    "Up",
    "All",
    "Those",
    "These",
    "Another",
    "Roughly",
    "Approximately",
    "Fewer",
    "Less",
    "An",
];

/// A parsed amount: its token span and value.
struct Amount {
    first: usize,
    last: usize,
    value: u64,
    vague: Option<&'static str>,
    written: bool,
}

fn small_number(word: &str) -> Option<u64> {
    // Most words asked are none: their first byte and length turn them
    // away before the list is searched.
    let value = |w: &str| {
        let b = w.as_bytes();
        let fits = b.first().is_some_and(|&f| {
            b.len() < 64 && SMALL_SHAPES[usize::from(f)] & (1 << b.len()) != 0
        });
        if !fits {
            return None;
        }
        SMALL.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
    };
    if let Some((tens, unit)) = word.split_once('-') {
        let (t, u) = (value(tens)?, value(unit)?);
        return (t >= 20 && t % 10 == 0 && (1..10).contains(&u))
            .then_some(t + u);
    }
    value(word)
}

fn scale(word: &str) -> Option<u64> {
    SCALES.iter().find(|(s, _)| *s == word).map(|(_, v)| *v)
}

/// [`scale`] of `word` lower-cased, without copying it. Asked of the
/// word after every "a": an ASCII word is read for ASCII once, not for
/// each scale word.
fn scale_of(word: &str) -> Option<u64> {
    let found = if word.is_ascii() {
        SCALES.iter().find(|(s, _)| s.eq_ignore_ascii_case(word))
    } else {
        SCALES.iter().find(|(s, _)| lower_eq(word, s))
    };
    found.map(|(_, v)| *v)
}

/// Digits with optional thousands commas and decimals, as a fraction
/// `numerator / denominator`.
fn parse_digits(word: &str) -> Option<(u128, u128)> {
    // Asked of every word an amount may start with ("a", "al-Assad"):
    // one with anything but digits, commas and periods is none, and is
    // turned away before anything is copied.
    if !word.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return None;
    }
    let (int, frac) = match word.split_once('.') {
        Some((i, f)) => (i, f),
        None => (word, ""),
    };
    // The part before the period holds digits and commas only.
    let int = int.bytes().filter(|&b| b != b',');
    if int.clone().next().is_none()
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 6
    {
        return None;
    }
    // The digits read as one number, without copying them together;
    // too many for the type are none.
    let mut num: u128 = 0;
    for b in int.chain(frac.bytes()) {
        num = num.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
    }
    let den = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    Some((num, den))
}

/// Whether an amount may start with the word `w`: digits, a number
/// word, "a"/"an", the first word of a vague amount, or a hyphenated
/// word whose part before the hyphen is one ("fifty-nine"; a vague
/// amount, "a" and digits hold no hyphen, so that no other hyphenated
/// word is an amount). Asked of every token near a trigger before
/// anything is lower-cased: most words are turned away by the first
/// byte and length of that part, where asking the set cost a call each.
fn may_start_parse(w: &str) -> bool {
    let b = w.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    // A word is short: read by byte, not with memchr's call.
    let head = match b.iter().position(|&c| c == b'-') {
        Some(k) => w.get(..k).unwrap_or_default(),
        None => w,
    };
    // Shapes hold for ASCII words; another may lower-case to another
    // length.
    (!head.is_ascii() || AMOUNT_FIRST_SHAPES.may_hold(head.as_bytes()))
        && AMOUNT_FIRST_WORDS.contains(head)
}

/// The shapes of [`AMOUNT_FIRST_WORDS`].
static AMOUNT_FIRST_SHAPES: LazyLock<Shapes> = LazyLock::new(|| {
    let vague = VAGUE.iter().filter_map(|(p, _)| p.split(' ').next());
    let words = SMALL.iter().map(|(s, _)| *s).chain(["a", "an"]).chain(vague);
    Shapes::of(words.map(str::as_bytes))
});

/// Whether a word beginning with the byte `b` starts no amount: an ASCII
/// letter that begins no word of [`AMOUNT_FIRST_WORDS`]. Such a word is
/// no digits, "a", "an", vague amount or number word, and a hyphenated
/// one ("al-Assad") is no "fifty-nine" either: [`parse_amount`] asks
/// this of every token near a trigger before taking it as text and
/// reading it for a hyphen.
fn starts_none(b: u8) -> bool {
    b.is_ascii_alphabetic() && !AMOUNT_FIRST_BYTES[usize::from(b)]
}

/// The first bytes of the words in [`AMOUNT_FIRST_WORDS`], in either
/// case, and every byte outside ASCII (a word that is not ASCII is
/// lower-cased before it is looked up, which the set decides).
const AMOUNT_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        table[b] = true;
        b += 1;
    }
    // "a" and "an" begin with "a"; a vague amount's first letter is its
    // phrase's.
    let mut firsts = [b'a'; SMALL.len() + VAGUE.len() + 1];
    let mut i = 0;
    while i < SMALL.len() {
        firsts[i] = SMALL[i].0.as_bytes()[0];
        i += 1;
    }
    let mut i = 0;
    while i < VAGUE.len() {
        firsts[SMALL.len() + i] = VAGUE[i].0.as_bytes()[0];
        i += 1;
    }
    let mut i = 0;
    while i < firsts.len() {
        table[firsts[i].to_ascii_lowercase() as usize] = true;
        table[firsts[i].to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    table
};

/// The words an amount can start with, besides digits: number words,
/// "a", "an", the first words of vague amounts.
/// A [`WordSet`]: asked of every word near a trigger, where a tree's string
/// comparisons were most of the cost of finding amounts.
static AMOUNT_FIRST_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let vague = VAGUE.iter().filter_map(|(p, _)| p.split(' ').next());
    WordSet::new(SMALL.iter().map(|(s, _)| *s).chain(["a", "an"]).chain(vague))
});

/// Whether `w` may be a word of an amount [`parse_amount`] reads: one
/// that may start it, or a scale word, "and", or a word of a vague
/// amount ("tens of thousands").
fn in_amount(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit)
        || crate::text::holds_byte(b, b'-')
        || AMOUNT_WORDS.contains(w)
}

/// The words of [`AMOUNT_FIRST_WORDS`], "and", the scale words and the
/// words of vague amounts, in one set: [`in_amount`] compared each word
/// before a window of amounts with each of them.
static AMOUNT_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let vague = VAGUE.iter().flat_map(|(p, _)| p.split(' '));
    let first = SMALL.iter().map(|(s, _)| *s).chain(["a", "an", "and"]);
    WordSet::new(first.chain(SCALES.iter().map(|(s, _)| *s)).chain(vague))
});

/// The shapes of the first words of [`VAGUE`]: most words an amount
/// may start with ("a", digits) start no vague amount, and are turned
/// away before the phrases are compared with them one by one.
static VAGUE_HEADS: LazyLock<Shapes> = LazyLock::new(|| {
    Shapes::of(
        VAGUE
            .iter()
            .filter_map(|(p, _)| p.split(' ').next())
            .map(str::as_bytes),
    )
});

/// The words of each phrase of [`VAGUE`], split once: a phrase is tried
/// at every token that may start an amount.
static VAGUE_WORDS: LazyLock<Vec<(Vec<&'static str>, u64)>> =
    LazyLock::new(|| {
        VAGUE.iter().map(|(p, v)| (p.split(' ').collect(), *v)).collect()
    });

/// The last words of [`QUALIFIERS`].
static QUALIFIER_LASTS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(QUALIFIERS.iter().filter_map(|q| q.split(' ').next_back()))
});

/// The words of each of [`QUALIFIERS`], split once.
static QUALIFIER_WORDS: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| {
        QUALIFIERS.iter().map(|q| q.split(' ').collect()).collect()
    });

/// Parses the amount starting at token `i`.
fn parse_amount(text: &str, toks: &[Tok], i: usize) -> Option<Amount> {
    let t = toks.get(i)?;
    if text.as_bytes().get(t.start).is_some_and(|&b| starts_none(b)) {
        return None;
    }
    if !may_start_parse(text.get(t.start..t.end)?) {
        return None;
    }
    let word = |k: usize| -> Option<CompactString> {
        toks.get(k).and_then(|t| text.get(t.start..t.end)).map(lower_inline)
    };
    let joined = |k: usize| -> bool {
        k > 0
            && toks
                .get(k)
                .is_some_and(|t| spaced(text, toks[k - 1].end, t.start))
    };
    let raw = |k: usize| toks.get(k).and_then(|t| text.get(t.start..t.end));
    let first_raw = raw(i)?;
    // The shapes hold for ASCII words; another may lower-case to a
    // head of another length.
    let may_be_vague =
        !first_raw.is_ascii() || VAGUE_HEADS.may_hold(first_raw.as_bytes());
    let vague = VAGUE.iter().zip(&*VAGUE_WORDS).filter(|_| may_be_vague);
    for ((phrase, _), (words, value)) in vague {
        // Asked of every token that may start an amount: compared
        // without allocating, the token itself read once for all phrases
        // (which most do not start with).
        let matches = words.split_first().is_some_and(|(head, rest)| {
            lower_eq(first_raw, head)
                && rest.iter().enumerate().all(|(k, p)| {
                    raw(i + 1 + k).is_some_and(|w| lower_eq(w, p))
                        && joined(i + 1 + k)
                })
        });
        if matches {
            return Some(Amount {
                first: i,
                last: i + words.len() - 1,
                value: *value,
                vague: Some(phrase),
                written: true,
            });
        }
    }

    let mut j = i;
    // Digits, "a" and "an" and the scale words are compared as written,
    // without case: most words read here are "a" or digits, which need
    // no lower-cased copy (digits, commas and periods have no case).
    let (mut num, mut den, written) =
        if let Some((n, d)) = parse_digits(first_raw) {
            j += 1;
            (n, d, false)
        } else if (lower_eq(first_raw, "a") || lower_eq(first_raw, "an"))
            && raw(i + 1).and_then(scale_of).is_some()
            && joined(i + 1)
        {
            j += 1;
            (1, 1, true)
        } else if small_number(&lower_inline(first_raw)).is_some() {
            (0, 1, true)
        } else {
            return None;
        };

    // Written numbers: "fifty-nine", "two hundred and ten".
    let mut total: u128 = 0;
    let mut current: u128 = num;
    let mut last = i;
    if written {
        while let Some(w) = word(j).filter(|_| j == i || joined(j)) {
            if let Some(n) = small_number(&w) {
                current = current.checked_add(u128::from(n))?;
            } else if let Some(s) = scale(&w) {
                let s = u128::from(s);
                if s == 100 || s == 12 {
                    current = current.max(1).checked_mul(s)?;
                } else {
                    total =
                        total.checked_add(current.max(1).checked_mul(s)?)?;
                    current = 0;
                }
            } else if w == "and"
                && word(j + 1).is_some_and(|n| small_number(&n).is_some())
                && j > i
            {
                j += 1;
                continue;
            } else {
                break;
            }
            last = j;
            j += 1;
        }
        num = total.checked_add(current)?;
        den = 1;
    } else {
        // Digits take scale words: "1.5 million", "two dozen" aside.
        while let Some(s) = raw(j).filter(|_| joined(j)).and_then(scale_of) {
            num = num.checked_mul(u128::from(s))?;
            last = j;
            j += 1;
        }
    }
    if den > 1 && num % den != 0 {
        return None;
    }
    let value = u64::try_from(num / den).ok()?;
    Some(Amount { first: i, last, value, vague: None, written })
}

/// Amounts within `clause` near `trigger`.
fn quantities(
    text: &str,
    tokens: Option<&Tokens>,
    clause: &Range<usize>,
    trigger: &Range<usize>,
) -> Vec<Quantity> {
    let toks = match tokens {
        Some(t) => t.within(text, clause.clone()),
        None => Cow::Owned(tokenize(text, clause.clone())),
    };
    let (trig_first, trig_last) = trigger_tokens(&toks, trigger);
    let (Some(tf), Some(tl)) = (trig_first, trig_last.or(trig_first)) else {
        return Vec::new();
    };
    let mut out: Vec<Quantity> = Vec::new();
    // Amounts that end too far before the trigger, or start too far
    // after it, are not its own. Where one amount ends decides where the
    // next may start, so parsing starts after a word that no amount
    // takes in: the amounts a parse from the clause's start would find
    // from there on are the same.
    let mut i = tf.saturating_sub(MAX_NUMBER_DISTANCE);
    while i > 0
        && text.get(toks[i - 1].start..toks[i - 1].end).is_some_and(in_amount)
    {
        i -= 1;
    }
    while i < toks.len() && i <= tl + MAX_NUMBER_DISTANCE {
        let Some(amount) = parse_amount(text, &toks, i) else {
            i += 1;
            continue;
        };
        let next = amount.last + 1;
        let distance = if amount.last < tf {
            tf - amount.last
        } else {
            amount.first.saturating_sub(tl)
        };
        let overlaps_trigger = amount.first <= tl && amount.last >= tf;
        if distance <= MAX_NUMBER_DISTANCE
            && !overlaps_trigger
            && let Some(q) = quantity(text, &toks, &amount)
            && !out.contains(&q)
        {
            out.push(q);
        }
        i = next;
    }
    out
}

/// The first token that ends after the trigger starts and the last that
/// starts before it ends. The tokens are in text order and do not
/// overlap (their starts and ends both rise): both are found by halving,
/// where reading a wide clause from either end was a tenth of the cost
/// of finding amounts.
fn trigger_tokens(
    toks: &[Tok],
    trigger: &Range<usize>,
) -> (Option<usize>, Option<usize>) {
    let first = toks.partition_point(|t| t.end <= trigger.start);
    let last = toks.partition_point(|t| t.start < trigger.end);
    ((first < toks.len()).then_some(first), last.checked_sub(1))
}

/// Builds the quantity for a parsed amount, or `None` when the number
/// is a date, a time, a year, a percentage, a label or a reference.
fn quantity(text: &str, toks: &[Tok], a: &Amount) -> Option<Quantity> {
    let word = |k: usize| -> Option<&str> {
        toks.get(k).and_then(|t| text.get(t.start..t.end))
    };
    let joined = |k: usize| -> bool {
        k > 0
            && toks
                .get(k)
                .is_some_and(|t| spaced(text, toks[k - 1].end, t.start))
    };
    let first_tok = toks.get(a.first)?;
    let last_tok = toks.get(a.last)?;
    let first_word = word(a.first)?;
    let is_digits = !a.written && a.vague.is_none();

    // Adjacent punctuation: times, fractions, dates, percentages.
    let after = text.get(last_tok.end..).unwrap_or("");
    let mut after_chars = after.chars();
    let next_c = after_chars.next();
    let next2 = after_chars.next();
    if next_c == Some('%')
        || (matches!(next_c, Some(':' | '/'))
            && next2.is_some_and(|c| c.is_ascii_digit()))
        || text.get(..first_tok.start).is_some_and(|t| t.ends_with('/'))
    {
        return None;
    }
    if is_digits
        && first_word.len() == 4
        && a.first == a.last
        && first_word.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
    {
        return None;
    }
    if a.written
        && a.vague.is_none()
        && a.first == a.last
        && first_word == "one"
    {
        return None;
    }

    // Money sign.
    let before = text.get(..first_tok.start).unwrap_or("");
    let sign = ["$", "€", "£"].into_iter().find(|s| before.ends_with(s));
    let mut span_start = first_tok.start;
    if let Some(s) = sign {
        span_start -= s.len();
        if before.ends_with(&format!("US{s}")) {
            span_start -= 2;
        }
    }

    // What comes before: a qualifier, a month (a date), a label.
    let prev = if sign.is_none() && joined(a.first) {
        a.first.checked_sub(1).and_then(word)
    } else {
        None
    };
    let mut qualifier: Option<String> = None;
    let mut head = a.first;
    // Every qualifier ends with the word before the amount: most words
    // there end none, and the qualifiers are not compared with them.
    let may_qualify = a
        .first
        .checked_sub(1)
        .and_then(word)
        .is_some_and(|w| QUALIFIER_LASTS.contains(w));
    if may_qualify && (sign.is_none() || span_start > 0) {
        let q_end = if sign.is_some() { span_start } else { first_tok.start };
        for (q, words) in QUALIFIERS.iter().zip(&*QUALIFIER_WORDS) {
            let n = words.len();
            let Some(from) = a.first.checked_sub(n) else { continue };
            // Word by word, without lower-cased copies; the words first,
            // which most qualifiers are not, then the spaces between.
            let same = || {
                words
                    .iter()
                    .zip(from..a.first)
                    .all(|(p, k)| word(k).is_some_and(|w| lower_eq(w, p)))
            };
            let contiguous = || {
                (from + 1..a.first).all(&joined)
                    && toks
                        .get(a.first - 1)
                        .is_some_and(|t| spaced(text, t.end, q_end))
            };
            if same() && contiguous() {
                qualifier = Some((*q).to_string());
                head = from;
                span_start = toks.get(from).map_or(span_start, |t| t.start);
                break;
            }
        }
    }
    if let Some(p) = prev {
        let pl = lower_inline(p);
        if NOT_COUNTED.contains(&pl.as_str()) && qualifier.is_none() {
            return None;
        }
        if a.written && a.vague.is_none() && REFERRING.contains(&pl.as_str()) {
            return None;
        }
        if is_digits
            && qualifier.is_none()
            && p.chars().next().is_some_and(char::is_uppercase)
            && !CAPITAL_BEFORE_NUMBER.contains(&p)
        {
            return None;
        }
    }
    if let Some(v) = a.vague {
        qualifier = Some(v.to_string());
    }

    // What is counted.
    let mut k = a.last + 1;
    if word(k).map(lower_inline).as_deref() == Some("of") && joined(k) {
        k += 1;
    }
    let mut what_words: Vec<usize> = Vec::new();
    while what_words.len() < 3 && joined(k) {
        let Some(w) = word(k) else { break };
        let wl = lower_inline(w);
        let wordy = w
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c));
        if !wordy || WHAT_STOP.contains(&wl.as_str()) {
            break;
        }
        what_words.push(k);
        let plural = (wl.ends_with('s') && !wl.ends_with("ss"))
            || PLURALS.contains(&wl.as_str());
        if plural || CURRENCIES.contains(&wl.as_str()) {
            break;
        }
        k += 1;
    }
    if let Some(&w0) = what_words.first() {
        let wl = word(w0).map(lower).unwrap_or_default();
        if NOT_COUNTED.contains(&wl.as_str()) {
            return None;
        }
    }
    let (what, span_end) = match (sign, what_words.first(), what_words.last())
    {
        (Some(s), _, _) => (s.to_string(), last_tok.end),
        (None, Some(&f), Some(&l)) => {
            let (Some(tf), Some(tl)) = (toks.get(f), toks.get(l)) else {
                return None;
            };
            let w = text.get(tf.start..tl.end)?;
            let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
            let w = if CURRENCIES.contains(&lower(&w).as_str()) {
                lower(&w)
            } else {
                w
            };
            (w, tl.end)
        }
        _ => {
            // Nothing counted after it: "killed more than 80".
            let verb = head
                .checked_sub(1)
                .filter(|_| joined(head))
                .and_then(word)
                .filter(|w| looks_like_verb(w))?;
            (verb.to_string(), last_tok.end)
        }
    };
    Some(Quantity {
        value: a.value,
        qualifier,
        what,
        text: text.get(span_start..span_end)?.to_string(),
    })
}

/// A verb that can govern a bare amount: "killed 80", "killing 80".
fn looks_like_verb(word: &str) -> bool {
    let w = lower(word);
    let regular = w.chars().count() > 4
        && w.chars().all(char::is_alphabetic)
        && (w.ends_with("ed") || w.ends_with("ing"));
    regular
        || matches!(
            w.as_str(),
            "left"
                | "hit"
                | "shot"
                | "fled"
                | "lost"
                | "won"
                | "sent"
                | "struck"
                | "kill"
                | "kills"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities of `text` as (mention, canonical, kind, as_place).
    fn mentions(text: &str) -> Vec<(&str, String, EntityKind, bool)> {
        find_entities(text)
            .into_iter()
            .map(|e| (&text[e.start..e.end], e.canonical, e.kind, e.as_place))
            .collect()
    }

    /// Arguments of the first occurrence of `trigger` in `text`, the
    /// whole text being one sentence.
    fn args(text: &str, trigger: &str) -> Arguments {
        let at = text.find(trigger).expect("trigger in text");
        let entities = find_entities(text);
        arguments(text, &entities, 0..text.len(), at..at + trigger.len())
    }

    #[test]
    fn gazetteer_is_well_formed() {
        let g = &*GAZETTEER;
        assert!(g.problems.is_empty(), "{:?}", g.problems);
        let countries =
            g.entries.iter().filter(|e| e.kind == EntityKind::Country);
        assert!(countries.count() >= 195);
        let mut names: Vec<&str> =
            g.entries.iter().map(|e| e.canonical).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        // Only the metonymic place rows ("Kremlin") repeat a name.
        assert!(before - names.len() <= 2, "duplicate canonical names");
    }

    #[test]
    fn aliases_share_one_canonical_name() {
        let groups: &[(&str, &[&str])] = &[
            (
                "Russia",
                &[
                    "Russia",
                    "Russian Federation",
                    "Moscow",
                    "the Kremlin",
                    "Kremlin",
                ],
            ),
            (
                "United States",
                &[
                    "U.S.",
                    "USA",
                    "US",
                    "United States",
                    "America",
                    "Washington",
                ],
            ),
            (
                "Khan Sheikhoun",
                &["Khan Sheikhoun", "Khan Sheikhun", "Khan Shaykhun"],
            ),
            (
                "Bashar al-Assad",
                &[
                    "Bashar al-Assad",
                    "Bashar Assad",
                    "Bashar al Assad",
                    "Assad",
                ],
            ),
            ("Sergey Lavrov", &["Sergey Lavrov", "Sergei Lavrov", "Lavrov"]),
            ("Rex Tillerson", &["Rex Tillerson", "Tillerson"]),
            ("Vladimir Putin", &["Vladimir Putin", "Putin"]),
            ("Donald Trump", &["Donald Trump", "Trump"]),
            ("United Nations", &["UN", "U.N.", "United Nations"]),
            ("Shayrat", &["Shayrat", "Shayrat airfield", "Shayrat airbase"]),
            ("Ukraine", &["Kyiv", "Kiev", "Ukrainian"]),
            ("Côte d'Ivoire", &["Ivory Coast", "Côte d’Ivoire"]),
            ("Syria", &["SYRIA", "Syrian", "Damascus"]),
        ];
        for (want, aliases) in groups {
            for alias in *aliases {
                assert_eq!(canonical(alias), Some(*want), "{alias}");
            }
        }
    }

    #[test]
    fn lookups_are_case_sensitive() {
        for name in ["us", "un", "trump", "turkey", "china", "chad", "may"] {
            assert_eq!(canonical(name), None, "{name}");
        }
    }

    #[test]
    fn place_readings() {
        let cases = [
            ("Moscow", Some("Moscow")),
            ("Washington", Some("Washington")),
            ("Kiev", Some("Kyiv")),
            ("the Kremlin", Some("Kremlin")),
            ("Russia", Some("Russia")),
            ("Khan Shaykhun", Some("Khan Sheikhoun")),
            ("Putin", None),
            ("NATO", None),
        ];
        for (name, want) in cases {
            assert_eq!(place_canonical(name), want, "{name}");
        }
    }

    #[test]
    fn capitals_are_governments_unless_located() {
        use EntityKind::{City, Country};
        let cases = [
            ("Moscow denounced the strike.", "Russia", Country, false),
            (
                "He restated Washington's position.",
                "United States",
                Country,
                false,
            ),
            ("Lavrov told reporters in Moscow.", "Moscow", City, true),
            ("Tillerson's trip to Moscow ended.", "Moscow", City, true),
            ("A rebel area outside Damascus was hit.", "Damascus", City, true),
            ("A Moscow-based analyst said so.", "Moscow", City, true),
            ("Rhetoric coming out of Washington.", "Washington", City, true),
            ("Talks in central Beijing resumed.", "Beijing", City, true),
            ("An attack against Damascus.", "Syria", Country, false),
            ("The Kremlin said no.", "Russia", Country, false),
        ];
        for (text, name, kind, place) in cases {
            let found = find_entities(text);
            let e = found
                .iter()
                .find(|e| e.canonical == name)
                .unwrap_or_else(|| panic!("{name} in {text:?}: {found:?}"));
            assert_eq!((e.kind, e.as_place), (kind, place), "{text}");
        }
    }

    #[test]
    fn false_hits_are_avoided() {
        let cases = [
            "Give us the evidence.",
            "Call us now, un peu plus tard.",
            "He played his trump card.",
            "They ate turkey on fine china.",
            "Chadwick and Romania-born Romans.",
            "USAID and UNESCO-like bodies.",
        ];
        for text in cases {
            let found = mentions(text);
            let bad: Vec<_> = found
                .iter()
                .filter(|m| {
                    matches!(
                        m.1.as_str(),
                        "United States"
                            | "United Nations"
                            | "Donald Trump"
                            | "Turkey"
                            | "China"
                            | "Chad"
                            | "Oman"
                    )
                })
                .collect();
            assert!(bad.is_empty(), "{text}: {bad:?}");
        }
        // Stances are not the state.
        assert!(mentions("anti-American and pro-Russian crowds").is_empty());
    }

    #[test]
    fn demonyms_name_the_state() {
        let found =
            mentions("Russian officials met Syrian and Iranian envoys.");
        let names: Vec<&str> = found.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(names, ["Russia", "Syria", "Iran"]);
        assert!(found.iter().all(|m| !m.3));
        // A demonym before a place noun locates.
        let found = mentions("strikes on a Syrian airbase");
        assert_eq!(found[0].1, "Syria");
        assert!(found[0].3);
    }

    #[test]
    fn lower_eq_is_lower_then_equal() {
        let phrases = VAGUE.iter().map(|(p, _)| p);
        for title in TITLES.iter().chain(phrases) {
            assert!(!title.contains(['σ', 'ς', 'Σ']), "{title}");
        }
        let words =
            ["Mr", "MR", "mr", "Mrs", "Ünal", "ünal", "ÜNAL", "ΣΑΣ", ""];
        for w in words {
            for want in ["mr", "ünal", "mrs", "σας", ""] {
                if want.contains(['σ', 'ς']) {
                    continue;
                }
                assert_eq!(lower_eq(w, want), lower(w) == want, "{w} {want}");
            }
        }
    }

    #[test]
    fn titled_people() {
        let cases: &[(&str, &[&str])] = &[
            ("President Donald Trump ordered it.", &["Donald Trump"]),
            ("Secretary of State Rex Tillerson left.", &["Rex Tillerson"]),
            ("Foreign Minister Sergey Lavrov said.", &["Sergey Lavrov"]),
            ("Ambassador Nikki Haley spoke.", &["Nikki Haley"]),
            (
                "NATO Secretary-General Jens Stoltenberg came.",
                &["NATO", "Jens Stoltenberg"],
            ),
            (
                "Mr. Lavrov and Mr Tillerson met.",
                &["Sergey Lavrov", "Rex Tillerson"],
            ),
            ("Gen. Schwarzkopf led it.", &["Schwarzkopf"]),
            ("Foreign Minister Jean Asselborn said.", &["Jean Asselborn"]),
            ("spokeswoman Olga Petrova said.", &["Olga Petrova"]),
            (
                "Syrian President Bashar al-Assad",
                &["Syria", "Bashar al-Assad"],
            ),
            ("President Donald J. Trump’s order", &["Donald Trump"]),
            ("Judge Ann Lee Wu ruled.", &["Ann Lee Wu"]),
            (
                "Staffan de Mistura and envoy Hans van Dijk",
                &["Staffan de Mistura", "Hans van Dijk"],
            ),
            ("The Justice Department said.", &["Justice Department"]),
            ("© 2015 Leader Call.", &[]),
            ("President Monday said", &[]),
        ];
        for (text, want) in cases {
            let found = mentions(text);
            let names: Vec<&str> =
                found.iter().map(|m| m.1.as_str()).collect();
            assert_eq!(&names, want, "{text}");
        }
    }

    #[test]
    fn surnames_resolve_within_a_document() {
        let text = "Foreign Minister Jean Asselborn arrived. Later, \
                    Asselborn said Mr. Asselborn and Jean Asselborn agreed. \
                    Envoy Maria Ortega Ruiz spoke; Ruiz left.";
        let found = mentions(text);
        let people: Vec<(&str, &str)> = found
            .iter()
            .filter(|m| m.2 == EntityKind::Person)
            .map(|m| (m.0, m.1.as_str()))
            .collect();
        assert_eq!(
            people,
            [
                ("Jean Asselborn", "Jean Asselborn"),
                ("Asselborn", "Jean Asselborn"),
                ("Asselborn", "Jean Asselborn"),
                ("Jean Asselborn", "Jean Asselborn"),
                ("Maria Ortega Ruiz", "Maria Ortega Ruiz"),
                ("Ruiz", "Maria Ortega Ruiz"),
            ]
        );
        // Two people sharing a surname: the nearest earlier one wins.
        let text = "Minister Anna Berg spoke. Senator Tom Berg replied. \
                    Berg laughed.";
        let last = find_entities(text).pop().expect("an entity");
        assert_eq!(last.canonical, "Tom Berg");
    }

    #[test]
    fn entities_are_sorted_and_disjoint() {
        let text = "Russia-US relations: the United Nations Security Council \
                    met in New York; U.S. Ambassador Nikki Haley spoke.";
        let found = find_entities(text);
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
        let names: Vec<&str> =
            found.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(
            names,
            [
                "Russia",
                "United States",
                "UN Security Council",
                "New York",
                "United States",
                "Nikki Haley"
            ]
        );
    }

    fn q(
        value: u64,
        qualifier: Option<&str>,
        what: &str,
    ) -> (u64, Option<String>, String) {
        (value, qualifier.map(str::to_string), what.to_string())
    }

    fn numbers(a: &Arguments) -> Vec<(u64, Option<String>, String)> {
        a.numbers
            .iter()
            .map(|n| (n.value, n.qualifier.clone(), n.what.clone()))
            .collect()
    }

    #[test]
    fn arguments_of_example_sentences() {
        struct Case {
            text: &'static str,
            trigger: &'static str,
            actors: &'static [&'static str],
            places: &'static [&'static str],
        }
        let cases = [
            Case {
                text: "Lavrov told reporters in Moscow",
                trigger: "told",
                actors: &["Sergey Lavrov"],
                places: &["Moscow"],
            },
            Case {
                text: "Moscow denounced the strike",
                trigger: "denounced",
                actors: &["Russia"],
                places: &[],
            },
            Case {
                text: "the April 4 attack on Khan Sheikhoun that killed more \
                       than 80 people",
                trigger: "attack",
                actors: &[],
                places: &["Khan Sheikhoun"],
            },
            Case {
                text: "The US launched 59 cruise missiles on Shayrat airfield",
                trigger: "launched",
                actors: &["United States"],
                places: &["Shayrat"],
            },
            Case {
                text: "the Khan Sheikhun chemical attack",
                trigger: "attack",
                actors: &[],
                places: &["Khan Sheikhoun"],
            },
            Case {
                text: "after the Moscow meeting, Tillerson flew home",
                trigger: "meeting",
                actors: &["Rex Tillerson"],
                places: &["Moscow"],
            },
            Case {
                text: "Trump met NATO Secretary-General Jens Stoltenberg at \
                       the White House",
                trigger: "met",
                actors: &["Donald Trump", "Jens Stoltenberg", "NATO"],
                places: &["White House"],
            },
            Case {
                text: "Russian Federation blocked a draft resolution backed \
                       by the United States, France and Britain",
                trigger: "blocked",
                actors: &[
                    "France",
                    "Russia",
                    "United Kingdom",
                    "United States",
                ],
                places: &[],
            },
            Case {
                text: "At the G7 meeting, British officials were unable to \
                       persuade fellow members",
                trigger: "meeting",
                actors: &["G7", "United Kingdom"],
                places: &[],
            },
            Case {
                text: "Russia vetoed the text; the US voted in favour in New York",
                trigger: "vetoed",
                actors: &["Russia"],
                places: &[],
            },
            Case {
                text: "the US missile strike on Syria",
                trigger: "strike",
                actors: &["Syria", "United States"],
                places: &[],
            },
            Case {
                text: "last week's us attack on Syria",
                trigger: "attack",
                actors: &["Syria"],
                places: &[],
            },
        ];
        for c in cases {
            let a = args(c.text, c.trigger);
            assert_eq!(a.actors, c.actors, "actors of {:?}", c.text);
            assert_eq!(a.places, c.places, "places of {:?}", c.text);
        }
    }

    #[test]
    fn amounts_near_the_trigger() {
        let cases = [
            (
                "the April 4 attack on Khan Sheikhoun that killed more than \
                 80 people",
                "attack",
                vec![q(80, Some("more than"), "people")],
            ),
            (
                "The US launched 59 cruise missiles on Shayrat airfield",
                "launched",
                vec![q(59, None, "cruise missiles")],
            ),
            (
                "the chemical weapons attack, that killed over 80 people",
                "attack",
                vec![q(80, Some("over"), "people")],
            ),
            (
                "the attack that killed more than 80, while others fled",
                "attack",
                vec![q(80, Some("more than"), "killed")],
            ),
            (
                "a chemical attack which killed dozens of people",
                "attack",
                vec![q(24, Some("dozens"), "people")],
            ),
            (
                "a sarin attack outside Damascus that killed hundreds of people",
                "attack",
                vec![q(200, Some("hundreds"), "people")],
            ),
            (
                "Trump launched fifty-nine Tomahawk missiles",
                "launched",
                vec![q(59, None, "Tomahawk missiles")],
            ),
            (
                "the strike killed at least two hundred and ten civilians",
                "strike",
                vec![q(210, Some("at least"), "civilians")],
            ),
            (
                "the deal was worth $1.5 billion in cash",
                "deal",
                vec![q(1_500_000_000, None, "$")],
            ),
            (
                "the deal was worth 20 million dollars",
                "deal",
                vec![q(20_000_000, None, "dollars")],
            ),
            (
                "protests drew tens of thousands of people",
                "protests",
                vec![q(20_000, Some("tens of thousands"), "people")],
            ),
            (
                "a chemical attack in a rebel-held area - which killed \
                 dozens of people - was fabricated",
                "attack",
                vec![q(24, Some("dozens"), "people")],
            ),
            ("the talks in 2014 lasted two days", "talks", vec![]),
            ("the six-year civil war", "war", vec![]),
            ("the attack on April 4 at 10:30", "attack", vec![]),
            ("support rose 80 percent after the vote", "vote", vec![]),
            ("support rose 80% after the vote", "vote", vec![]),
            ("the two sides agreed at the meeting", "meeting", vec![]),
            (
                "one side would have to make sacrifices in the talks",
                "talks",
                vec![],
            ),
            ("Resolution 2118 was adopted in the vote", "vote", vec![]),
        ];
        for (text, trigger, want) in cases {
            let a = args(text, trigger);
            assert_eq!(numbers(&a), want, "{text}");
        }
    }

    #[test]
    fn amounts_far_from_the_trigger_are_left_out() {
        let text = "The US launched 59 cruise missiles on Shayrat airfield \
                    and nearby military infrastructure controlled by Syrian \
                    regime leader Bashar al Assad last Thursday to retaliate \
                    against the chemical weapons attack, that killed over 80 \
                    people, many of them children.";
        let launched = args(text, "launched");
        assert_eq!(numbers(&launched), [q(59, None, "cruise missiles")]);
        let attack = args(text, "attack");
        assert_eq!(numbers(&attack), [q(80, Some("over"), "people")]);
        assert_eq!(attack.numbers[0].text, "over 80 people");
    }

    #[test]
    fn ranges_out_of_bounds_do_not_panic() {
        let text = "“Moscow’s” — Khan Sheikhoun, café Zürich 80 people";
        let entities = find_entities(text);
        for (s, t) in [
            (0..999, 3..5),
            (Range { start: 5, end: 2 }, 1..1),
            (2..4, 40..90),
            (1..60, 0..3),
        ] {
            let _ = arguments(text, &entities, s, t);
        }
    }

    /// Tokens by the rule read the plain way, one character and its
    /// neighbours at a time.
    fn plain_tokens(text: &str) -> Vec<(usize, usize)> {
        let cs: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut start = None;
        for (k, &(i, c)) in cs.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| cs[p].1);
            let next = cs.get(k + 1).map(|n| n.1);
            let around = prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric);
            let joins = around
                && (matches!(c, '-' | '.' | '\'' | '\u{2019}')
                    || c == ','
                        && prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit()));
            if c.is_alphanumeric() || joins {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((s, i));
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    /// The clause breaks and dashes, each found as its own search
    /// finds it; a dash after a character of four bytes is no break
    /// and no panic (the byte before it lies inside that character).
    #[test]
    fn clause_breaks_and_dashes() {
        let text =
            "Russia said - after talks - that it vetoed; Syria denied it";
        let at = |w: &str| text.find(w).unwrap();
        let trigger = at("vetoed")..at("vetoed") + 6;
        let (clause, wide) = clauses_around(text, &(0..text.len()), &trigger);
        assert_eq!(clause, at("- that") + 2..at(";"));
        assert_eq!(wide, 0..at(";"));
        let odd = " \u{1F300}aA\u{118FF}\u{2090} - x";
        let n = odd.len();
        let (clause, wide) = clauses_around(odd, &(0..n), &(n - 1..n));
        assert_eq!((clause.end, wide), (n, 0..n));
        assert_eq!(clause.start, odd.find(" - ").unwrap() + 3);
    }

    /// [`clauses_around`] as a search for each break phrase alone finds
    /// the breaks (left to right, not overlapping).
    fn clauses_by_search(
        text: &str,
        trigger: &Range<usize>,
    ) -> (Range<usize>, Range<usize>) {
        let phrases = CLAUSE_BREAKS.iter().map(|p| (p, false));
        let phrases = phrases.chain(DASH_BREAKS.iter().map(|p| (p, true)));
        let (mut breaks, mut dashes) = (Vec::new(), Vec::new());
        for (p, dash) in phrases {
            let list = if dash { &mut dashes } else { &mut breaks };
            list.extend(text.match_indices(p).map(|(at, _)| at..at + p.len()));
        }
        for (at, _) in text.match_indices(':') {
            let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
            let bytes = text.as_bytes();
            if !(digit(at.checked_sub(1).and_then(|k| bytes.get(k)))
                && digit(bytes.get(at + 1)))
            {
                breaks.push(at..at + 1);
            }
        }
        let bounds = |breaks: &[Range<usize>]| {
            let before = breaks.iter().filter(|b| b.end <= trigger.start);
            let after = breaks.iter().filter(|b| b.start >= trigger.end);
            before.map(|b| b.end).max().unwrap_or(0)
                ..after.map(|b| b.start).min().unwrap_or(text.len())
        };
        let (wide, dash) = (bounds(&breaks), bounds(&dashes));
        (wide.start.max(dash.start)..wide.end.min(dash.end), wide)
    }

    /// Whether [`parse_amount`] reads `w` as the start of an amount: a
    /// vague amount's first word, digits, "a" or "an", a number word.
    fn reads_as_amount_start(w: &str) -> bool {
        let lowered = lower_inline(w);
        VAGUE_WORDS
            .iter()
            .any(|(ws, _)| ws.first().is_some_and(|head| lower_eq(w, head)))
            || parse_digits(&lowered).is_some()
            || matches!(&*lowered, "a" | "an")
            || small_number(&lowered).is_some()
    }

    proptest::proptest! {
        /// The first word's bytes turn away only tokens no title
        /// fits: trying every title finds the same.
        #[test]
        fn titles_are_found_as_trying_each_finds_them(
            parts in proptest::collection::vec(
                "President|president|PRIME|Minister|minister|Mr|Dr|\
                 Secretary|of|State|Vice|vice-president|\u{212A}ing|\
                 Präsident|x|é| |  |\\.|-",
                0..16,
            ),
        ) {
            let text = parts.concat();
            let toks = tokenize(&text, 0..text.len());
            for i in 0..=toks.len() {
                let every = TITLE_WORDS
                    .iter()
                    .find_map(|t| title_fits(&text, &toks, i, t));
                proptest::prop_assert_eq!(title_at(&text, &toks, i, &TITLE_FIRST), every);
            }
        }

        /// The search for the bytes that start a break finds the
        /// clauses a search for each phrase finds.
        #[test]
        fn clauses_as_each_phrase_finds_them(
            parts in proptest::collection::vec(
                "but|while|however|a|1| |;|,|:|-|\u{2014}|\u{2013}|’|é",
                0..24,
            ),
            a in 0usize..60,
            len in 0usize..8,
        ) {
            let text = parts.concat();
            let trigger = a..a + len;
            proptest::prop_assert_eq!(
                clauses_around(&text, &(0..text.len()), &trigger),
                clauses_by_search(&text, &trigger)
            );
        }

        /// The byte search finds what `str::find` found, overlapping
        /// occurrences and characters outside ASCII included.
        #[test]
        fn names_are_found_as_str_find_finds_them(
            text in "[aAbé€ -]{0,40}",
            keys in proptest::collection::vec("[aAbé€ -]{0,4}", 0..4),
        ) {
            let keys: Vec<String> = keys;
            let refs: Vec<&String> = keys.iter().collect();
            let mut all = Vec::new();
            for key in keys.iter().filter(|k| !k.is_empty()) {
                let mut from = 0;
                while let Some(i) = text[from..].find(key.as_str()) {
                    let start = from + i;
                    all.push((start, start + key.len(), key.as_str()));
                    from = start
                        + text[start..].chars().next().map_or(1, char::len_utf8);
                }
            }
            all.sort_by_key(|&(start, end, _)| (start, Reverse(end)));
            let mut want: Vec<(usize, usize, &str)> = Vec::new();
            for m in all {
                if want.last().is_none_or(|last| m.0 >= last.1) {
                    want.push(m);
                }
            }
            proptest::prop_assert_eq!(leftmost_longest(&text, &refs), want);
        }

        /// A word [`may_start_parse`] turns away is none of the words
        /// an amount starts with.
        #[test]
        fn words_not_parsed_start_no_amount(
            w in "[0-9aAnNoOtTeEbBxXkK\u{212A}hHmMdDsSzZ٣é-]{0,6}|\
                  (Fifty|twenty|TEN|al|tens|a|5|é)(-(Nine|one|Assad|5))?",
        ) {
            if !may_start_parse(&w) {
                proptest::prop_assert!(!reads_as_amount_start(&w));
            }
        }

        /// One set answers whether a word may be in an amount as the
        /// lists of its words, compared one by one, did.
        #[test]
        fn words_of_amounts_as_the_lists_say(
            w in "[0-9aAnNdDtThHoOsSfFkK\u{212A}mMiIlLeEzZ٣é-]{0,9}|\
                  tens|Thousands|AND|of|Dozen|hundred|Scores|Millions",
        ) {
            let listed = w.starts_with(|c: char| c.is_ascii_digit())
                || w.contains('-')
                || AMOUNT_FIRST_WORDS.contains(&w)
                || lower_eq(&w, "and")
                || SCALES.iter().any(|(s, _)| lower_eq(&w, s))
                || VAGUE_WORDS
                    .iter()
                    .flat_map(|(ws, _)| ws)
                    .any(|p| lower_eq(&w, p));
            proptest::prop_assert_eq!(in_amount(&w), listed);
        }

        /// Digits read as they did joined and parsed, too many for the
        /// type none.
        #[test]
        fn digits_read_as_joined_and_parsed(w in "[0-9,.]{0,45}|[0-9]{38,41}") {
            let want = (|| {
                let (int, frac) = w.split_once('.').unwrap_or((&w, ""));
                let int: String = int.chars().filter(|&c| c != ',').collect();
                if int.is_empty()
                    || !frac.chars().all(|c| c.is_ascii_digit())
                    || frac.len() > 6
                {
                    return None;
                }
                let num: u128 = format!("{int}{frac}").parse().ok()?;
                Some((num, 10u128.pow(u32::try_from(frac.len()).ok()?)))
            })();
            proptest::prop_assert_eq!(parse_digits(&w), want);
        }

        /// The shapes of the number words turn away only what the list
        /// does not hold.
        #[test]
        fn number_words_as_the_list_says(
            w in "[a-z-]{0,10}|(one|two|twenty|ninety|sixty|seven)\
                  (-(one|nine|ten|five))?",
        ) {
            let value = |w: &str| {
                SMALL.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
            };
            let listed = match w.split_once('-') {
                Some((tens, unit)) => value(tens).zip(value(unit)).and_then(
                    |(t, u)| {
                        (t >= 20 && t % 10 == 0 && (1..10).contains(&u))
                            .then_some(t + u)
                    },
                ),
                None => value(&w),
            };
            proptest::prop_assert_eq!(small_number(&w), listed);
        }

        /// A word whose first byte [`starts_none`] turns away reads as
        /// none of the words an amount starts with.
        #[test]
        fn words_turned_away_start_no_amount(
            parts in proptest::collection::vec(
                "fifty|Nine|ten|-|a|An|hundred|tens|Dozens|of|thousands|\
                 al|Assad|x|Kelvin|5|,| ",
                1..8,
            ),
        ) {
            let w = parts.concat();
            if w.bytes().next().is_some_and(starts_none) {
                proptest::prop_assert!(!reads_as_amount_start(&w));
            }
        }

        /// Halving finds the trigger's tokens that reading the clause
        /// from either end found.
        #[test]
        fn trigger_tokens_as_read_from_the_ends(
            text in "[a-z0-9 ,.-]{0,40}",
            a in 0usize..45,
            len in 0usize..10,
        ) {
            let toks = tokenize(&text, 0..text.len());
            let trigger = a..a + len;
            let want = (
                toks.iter().position(|t| t.end > trigger.start),
                toks.iter().rposition(|t| t.start < trigger.end),
            );
            proptest::prop_assert_eq!(trigger_tokens(&toks, &trigger), want);
        }

        #[test]
        fn tokens_follow_the_plain_rule(
            text in "[a-zA-Z0-9 ,.'’é٣-]{0,40}",
        ) {
            let toks: Vec<(usize, usize)> = tokenize(&text, 0..text.len())
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            proptest::prop_assert_eq!(toks, plain_tokens(&text));
        }

        #[test]
        fn tokens_from_the_lexicons_are_the_same(
            text in "[a-zA-Z0-9 ,.&'’é٣-]{0,40}|\\PC{0,40}",
        ) {
            let span = |t: &Tokens| -> Vec<(usize, usize)> {
                t.toks.iter().map(|t| (t.start, t.end)).collect()
            };
            let words = super::super::lexicon::Tokens::new(&text);
            proptest::prop_assert_eq!(
                span(&Tokens::from_words(&text, &words)),
                span(&Tokens::new(&text))
            );
        }

        #[test]
        fn tokens_within_a_range_are_its_own(
            text in "[a-zA-Z0-9 ,.'’é٣-]{0,40}",
            a in 0usize..45,
            b in 0usize..45,
        ) {
            let whole = Tokens::new(&text);
            let range = a.min(b)..a.max(b);
            let span = |t: &[Tok]| -> Vec<(usize, usize)> {
                t.iter().map(|t| (t.start, t.end)).collect()
            };
            proptest::prop_assert_eq!(
                span(&whole.within(&text, range.clone())),
                span(&tokenize(&text, range))
            );
        }

        #[test]
        fn never_panics(text in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
            let entities = find_entities(&text);
            for w in entities.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
            let _ = arguments(&text, &entities, a.min(b)..a.max(b), b..a);
        }

        #[test]
        fn never_panics_on_news_like_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Moscow", "in", "the", "US", "us", "President", "Mr.",
                    "Lavrov", "80", "more", "than", "people", "$", "1.5",
                    "million", "fifty-nine", "’s", "—", "Khan", "Sheikhoun",
                    "al-", "Zürich", ",", ";", "of", "dozens", "2017", "%",
                    "April", "4", "killed", "attack",
                ]),
                0..30,
            ),
        ) {
            let text = words.join(" ");
            let entities = find_entities(&text);
            for w in entities.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
            for e in &entities {
                proptest::prop_assert!(text.get(e.start..e.end).is_some());
            }
            let n = text.len();
            let _ = arguments(&text, &entities, 0..n, n / 3..n / 2);
        }
    }
}
