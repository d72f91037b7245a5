//! Which mentions are the same event: a scored, constrained,
//! average-link clustering.
//!
//! Mentions are compared only within a block of compatible types (a vote
//! and a veto of the same resolution are one event; an attack and a
//! strike are not). Two mentions cannot be joined when two written dates
//! do not overlap or any two dates lie more than a month apart, when an
//! article reporting the event as past was written before the other's
//! date, when the triggers' own phrases name different towns, or when
//! their casualty figures cannot agree. Among the rest, the pair of
//! clusters with the best average score merges first, as long as some
//! pair across them links strongly ([`STRONG_LINK`]) and the average
//! stays above [`THRESHOLD`]. Undated definite descriptions left alone
//! then join the one recent event of their type, if there is one. The
//! order of joining is [`super::linkage`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::fast_hash::{FastMap, short_word};
use super::linkage::{Cluster, cluster_block};
use super::store::{Store, Time};
use crate::events::arguments::{EntityKind, place_kind};
use crate::events::{EventType, Factuality, Mention};

/// The best single link two clusters need to merge: one pair of
/// mentions must clearly be the same event.
pub const STRONG_LINK: f64 = 2.6;

/// The average score two clusters need to merge, over all pairs of
/// their mentions: low, because reports of one event vary, but the
/// strong link and the cannot-links keep events apart.
pub const THRESHOLD: f64 = 1.3;

/// One mention, with what the clustering compares, taken out of its
/// stored mention ([`Store`]) so that the scores read one small record.
/// A merge holds one per mention, millions: its sets are kept in one
/// boxed slice, one after another, and the mentions of one sentence
/// share its words.
pub struct Item {
    /// The number of its mention in the store.
    pub index: usize,
    /// Its document's DCT.
    pub dct: Option<NaiveDate>,
    kind: EventType,
    span: Option<(NaiveDate, NaiveDate)>,
    factuality: Factuality,
    lemma: &'static str,
    /// The number of its lemma among the strings of the merge: the
    /// scores compare lemmas millions of times.
    lemma_number: u32,
    /// The DCT that bounds it when its document reports it as past
    /// without a date of its own (`on_or_before`).
    past_by: Option<NaiveDate>,
    /// Its actors, places, sites, phrase words, speakers and the other
    /// side of a meeting (`with`), in this order, each ending where
    /// `ends` says. (Names are numbered by the store, words by
    /// [`Symbols`]: only a set of one kind is ever compared with
    /// another of that kind.)
    sets: Set,
    ends: [u32; 6],
    /// The ranges of its casualty figures ([`casualty_range`]), in
    /// order, then the exact figures ([`casualties_agree`]), the first
    /// `ranges` of them ranges.
    casualties: Box<[(u64, u64)]>,
    ranges: u32,
    /// Content words of the sentence.
    words: Words,
    /// Which numbers modulo 256 its words have ([`mask`]).
    word_mask: Mask,
    /// The sentence.
    sentence: std::sync::Arc<str>,
    /// The number of its document (its article fingerprint) among the
    /// strings of the merge: the linkage compares documents millions of
    /// times.
    pub(super) doc_number: u32,
    /// Whether its date is written out ([`explicit`]).
    written_date: bool,
}

/// A set of interned strings, as a sorted list of their numbers: the
/// scores compare millions of pairs, and comparing numbers is cheaper
/// than comparing strings.
type Set = Box<[u32]>;

/// A sentence's content words, shared by the mentions of the sentence.
type Words = std::sync::Arc<[u32]>;

/// Numbers for the strings of one merge (names, words). Which number a
/// string gets depends on the order they came in, but only equality is
/// ever asked of them, so results do not.
#[derive(Default)]
pub struct Symbols {
    numbers: FastMap<String, u32>,
    /// The numbers of the strings of up to eight bytes, most words,
    /// keyed by their bytes as a number ([`short_key`]): one number is
    /// hashed and compared for a fraction of what a string costs.
    short: FastMap<u64, u32>,
    /// The last sentence whose words were numbered, and its set: the
    /// mentions of one sentence come one after another.
    last_sentence: Option<(std::sync::Arc<str>, Words)>,
    /// A word being lower-cased.
    buf: String,
    /// The numbers of a sentence's words being gathered: one list for
    /// all sentences, rather than one grown for each.
    numbers_buf: Vec<u32>,
}

impl std::fmt::Debug for Symbols {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Symbols")
            .field("strings", &(self.numbers.len() + self.short.len()))
            .finish()
    }
}

impl Symbols {
    /// The number of `s`.
    pub fn id(&mut self, s: &str) -> u32 {
        let next = u32::try_from(self.numbers.len() + self.short.len())
            .unwrap_or(u32::MAX);
        if let Some(key) = short_key(s) {
            return *self.short.entry(key).or_insert(next);
        }
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        self.numbers.insert(s.to_string(), next);
        next
    }

    /// The set of a sentence's content words: its words of three bytes
    /// or more, lower-cased, but for [`STOP`] words.
    fn words(&mut self, sentence: &std::sync::Arc<str>) -> Words {
        if let Some((last, set)) = &self.last_sentence
            && last == sentence
        {
            return set.clone();
        }
        let mut buf = std::mem::take(&mut self.buf);
        let mut v = std::mem::take(&mut self.numbers_buf);
        v.clear();
        for_each_word(sentence, |w| {
            if w.len() <= 2 {
                return;
            }
            // What `str::to_lowercase` gives, without a new string for
            // each word.
            let lower = if !w.is_ascii() {
                buf = w.to_lowercase();
                buf.as_str()
            } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
                buf.clear();
                buf.push_str(w);
                buf.make_ascii_lowercase();
                buf.as_str()
            } else {
                w
            };
            if !is_stop(lower) {
                v.push(self.id(lower));
            }
        });
        self.buf = buf;
        v.sort_unstable();
        v.dedup();
        let set: Words = v.as_slice().into();
        self.numbers_buf = v;
        self.last_sentence = Some((sentence.clone(), set.clone()));
        set
    }

    fn set<'s>(&mut self, strings: impl Iterator<Item = &'s str>) -> Set {
        let mut v: Vec<u32> = strings.map(|s| self.id(s)).collect();
        v.sort_unstable();
        v.dedup();
        v.into_boxed_slice()
    }
}

/// Calls `each` on the pieces of `s` between the characters that are
/// not alphanumeric, as `s.split(|c: char| !c.is_alphanumeric())`
/// gives them; ASCII text, most of it, a byte at a time rather than a
/// decoded character at a time.
fn for_each_word<'s>(s: &'s str, mut each: impl FnMut(&'s str)) {
    if !s.is_ascii() {
        s.split(|c: char| !c.is_alphanumeric()).for_each(each);
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if !b.is_ascii_alphanumeric() {
            each(&s[start..i]);
            start = i + 1;
        }
    }
    each(&s[start..]);
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but",
    "with", "by", "from", "that", "this", "it", "its", "is", "was", "were",
    "are", "be", "been", "has", "have", "had", "as", "said", "says", "he",
    "she", "they", "his", "her", "their", "which", "who", "would", "will",
    "not", "after", "over", "into", "about", "than", "more", "also",
];

/// The longest of [`STOP`], in bytes.
const STOP_MAX: usize = 5;

/// A word of up to eight bytes as a number, its first byte lowest: two
/// such words without zero bytes are equal exactly when their numbers
/// are.
const fn packed(w: &[u8]) -> u64 {
    let mut k = 0;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// A string of one to eight bytes, the last not zero, as a number, its
/// first byte lowest: two such strings are equal exactly when their
/// numbers are (the last byte not zero, the number's highest byte that
/// is not says where the string ends).
fn short_key(s: &str) -> Option<u64> {
    match s.as_bytes() {
        b @ [.., last] if b.len() <= 8 && *last != 0 => Some(short_word(b)),
        _ => None,
    }
}

/// [`STOP`] as numbers ([`packed`]).
const STOP_PACKED: [u64; STOP.len()] = {
    let mut out = [0; STOP.len()];
    let mut i = 0;
    while i < STOP.len() {
        out[i] = packed(STOP[i].as_bytes());
        i += 1;
    }
    out
};

/// Whether a lower-cased word is one of [`STOP`]: most words are longer
/// than any, and are not looked for; the others are compared as numbers
/// (as strings, a call to compare bytes for each stop word of their
/// length, tens of millions of calls for a million mentions).
fn is_stop(w: &str) -> bool {
    w.len() <= STOP_MAX && STOP_PACKED.contains(&packed(w.as_bytes()))
}

/// [`Symbols::words`] spelled out, to check it against.
#[cfg(test)]
fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

impl Item {
    /// Prepares stored mention `index` of document `doc`, numbering its
    /// words in `symbols`.
    pub fn new(
        store: &Store,
        index: usize,
        doc: &str,
        dct: Option<NaiveDate>,
        symbols: &mut Symbols,
    ) -> Item {
        let mention = store.get(index);
        let set = |list: &[u32]| -> Set {
            let mut v = list.to_vec();
            v.sort_unstable();
            v.dedup();
            v.into_boxed_slice()
        };
        let places = store.list(mention.places);
        // Only a place the trigger's own phrase names ("the attack on
        // Khan Sheikhoun") is sure enough to keep events apart; the other
        // places of a sentence may belong to its other clauses.
        let mut sites: Vec<u32> = if mention.located {
            places
                .iter()
                .copied()
                .filter(|&p| {
                    !matches!(
                        place_kind(store.str(p)),
                        Some(EntityKind::Country | EntityKind::Region)
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        sites.extend(mention.body);
        let written_date = match mention.time {
            Time::Timex { text, .. } => {
                store.str(text).chars().any(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        let past_by = match mention.time {
            Time::DctBound { relation: "on_or_before", dct } => Some(dct),
            _ => None,
        };
        let with = set(store.list(mention.with));
        let parts = [
            set(store.list(mention.actors)),
            set(places),
            set(&sites),
            symbols.set(mention.lemma.split(' ')),
            if mention.kind == EventType::Statement {
                with.clone()
            } else {
                Set::default()
            },
            with,
        ];
        let mut sets = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 6];
        for (end, part) in ends.iter_mut().zip(&parts) {
            sets.extend_from_slice(part);
            *end = u32::try_from(sets.len()).unwrap_or(u32::MAX);
        }
        let amounts = store.amounts(mention.numbers);
        let mut casualties: Vec<(u64, u64)> = amounts
            .iter()
            .filter_map(|a| {
                casualty_range(
                    a.value,
                    a.qualifier.map(|q| store.str(q)),
                    store.str(a.what),
                )
            })
            .collect();
        let ranges = casualties.len() as u32;
        casualties.extend(
            amounts
                .iter()
                .filter(|a| {
                    a.qualifier.is_none()
                        && casualty_range(a.value, None, store.str(a.what))
                            .is_some()
                })
                .map(|a| (a.value, a.value)),
        );
        let words = symbols.words(&mention.sentence);
        Item {
            index,
            doc_number: symbols.id(doc),
            written_date,
            dct,
            kind: mention.kind,
            span: mention.span,
            factuality: mention.factuality,
            lemma: mention.lemma,
            lemma_number: symbols.id(mention.lemma),
            past_by,
            sets: sets.into_boxed_slice(),
            ends,
            casualties: casualties.into_boxed_slice(),
            ranges,
            word_mask: mask(&words),
            words,
            sentence: mention.sentence.clone(),
        }
    }
}

impl Item {
    /// The `k`th of its sets.
    fn part(&self, k: usize) -> &[u32] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.sets[start..self.ends[k] as usize]
    }

    fn actors(&self) -> &[u32] {
        self.part(0)
    }

    fn places(&self) -> &[u32] {
        self.part(1)
    }

    /// Towns and sites (not countries or regions): two different ones
    /// mean two events.
    fn sites(&self) -> &[u32] {
        self.part(2)
    }

    /// The words of the trigger phrase ("chemical", "sarin",
    /// "attack").
    fn phrase(&self) -> &[u32] {
        self.part(3)
    }

    /// Who makes a statement (its `with`): two speakers, two
    /// statements.
    fn speakers(&self) -> &[u32] {
        self.part(4)
    }

    /// The other side of a meeting, or whom a mention is with.
    fn with(&self) -> &[u32] {
        self.part(5)
    }

    /// The ranges of its casualty figures.
    fn casualty_ranges(&self) -> &[(u64, u64)] {
        &self.casualties[..self.ranges as usize]
    }

    /// Its exact casualty figures ("12 people"), each as a range of
    /// one.
    fn exact_casualties(&self) -> &[(u64, u64)] {
        &self.casualties[self.ranges as usize..]
    }

    /// The sentence it stands in.
    pub fn sentence(&self) -> &str {
        &self.sentence
    }

    /// Its event type.
    pub fn kind(&self) -> EventType {
        self.kind
    }

    /// Its date's first and last day.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.span
    }

    /// What two mentions of a large block must share to be compared at
    /// all: an actor, a place, the other side of a meeting, the trigger,
    /// a content word of the sentence.
    /// Each is a kind (0 actor, 1 place, 2 phrase word, 3 sentence
    /// word) and a symbol.
    /// (Given one by one, not as a list: a large block asks every
    /// node for them, and a list would be made and grown for each.)
    pub fn features(&self) -> impl Iterator<Item = (u8, u32)> + '_ {
        let actors = self.actors().iter().map(|&a| (0, a));
        let places = self.places().iter().map(|&p| (1, p));
        let phrase = self.phrase().iter().map(|&w| (2, w));
        let words = self.words.iter().map(|&w| (3, w));
        actors.chain(places).chain(phrase).chain(words)
    }

    /// How many [`Item::features`] it has.
    pub fn feature_count(&self) -> usize {
        self.ends[1] as usize + self.phrase().len() + self.words.len()
    }

    /// Whether two items are alike in everything about their mentions
    /// that the scores and limits above read, except their documents:
    /// two such items from different documents (one article syndicated
    /// twice) compare alike with every other item. (Stored strings and
    /// lists are equal exactly when their numbers are.)
    pub fn same_signature(&self, other: &Item, store: &Store) -> bool {
        let (a, b) = (store.get(self.index), store.get(other.index));
        a.kind == b.kind
            && a.span == b.span
            && self.dct == other.dct
            && a.factuality == b.factuality
            && a.located == b.located
            && a.lemma == b.lemma
            && a.trigger == b.trigger
            && a.time == b.time
            && a.actors == b.actors
            && a.places == b.places
            && a.body == b.body
            && a.with == b.with
            && a.numbers == b.numbers
            && a.sentence == b.sentence
    }

    /// A hash of some of what [`Item::same_signature`] compares: items
    /// alike have the same one.
    pub fn signature_hash(&self, store: &Store) -> u64 {
        use std::hash::{BuildHasher, Hash, Hasher};
        let m = store.get(self.index);
        let mut h = super::fast_hash::FastState::default().build_hasher();
        (m.kind, m.span, self.dct, m.lemma).hash(&mut h);
        (m.trigger, m.actors, m.places, m.time).hash(&mut h);
        h.finish()
    }
}

/// Types that one real event can be reported as: a vote and the veto
/// cast in it.
fn compatible(a: EventType, b: EventType) -> bool {
    use EventType::{Veto, Vote};
    a == b || matches!((a, b), (Vote, Veto) | (Veto, Vote))
}

/// The block a type is compared in: types that can be one event share
/// one. Visits and statements share the block of meetings without
/// being compatible with them: a visit and the talks held during it, or
/// talks and the press conference their parties give, are joined
/// afterwards (`attach_to_meetings`), when the evidence points to one
/// meeting.
pub fn block(kind: EventType) -> EventType {
    match kind {
        EventType::Vote => EventType::Veto,
        EventType::Visit | EventType::Statement => EventType::Meeting,
        k => k,
    }
}

fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Whether the DCT bound of an undated mention rules out a date: a
/// document that reports an event as past was written after it. (A
/// plan, "will likely veto", may be reported after the day it was set
/// for: no hard limit there.)
fn bound_clash(item: &Item, span: (NaiveDate, NaiveDate)) -> bool {
    item.past_by.is_some_and(|dct| span.0 > dct)
}

/// A date written out ("April 4", "2013") rather than worked out from a
/// DCT ("last week"), which a rehash written days later gets wrong.
fn explicit(item: &Item) -> bool {
    item.written_date
}

/// How far apart two date spans are, in days (0 when they overlap).
fn gap_days(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if overlaps(a, b) {
        0
    } else if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else {
        (a.0 - b.1).num_days()
    }
}

/// Two mentions that cannot be one event: incompatible types, two
/// written dates that do not overlap, dates more than a month apart, or
/// a date after the DCT of a document that reports the event as past.
pub fn cannot_link(a: &Item, b: &Item) -> bool {
    if !compatible(a.kind, b.kind) {
        return true;
    }
    match (a.span, b.span) {
        (Some(x), Some(y)) => {
            let gap = gap_days(x, y);
            if gap > 31 || (gap > 0 && explicit(a) && explicit(b)) {
                return true;
            }
        }
        (Some(x), None) if bound_clash(b, x) => return true,
        (None, Some(y)) if bound_clash(a, y) => return true,
        _ => {}
    }
    if casualties_clash(a, b) {
        return true;
    }
    // A statement is made on one day: said on two days, said twice.
    if let (Some(x), Some(y)) = (statement_day(a), statement_day(b))
        && !overlaps(x, y)
    {
        return true;
    }
    // What one person said is not what another said.
    if !a.speakers().is_empty()
        && !b.speakers().is_empty()
        && shared(a.speakers(), b.speakers()) == 0
    {
        return true;
    }
    // An attack, a strike, a meeting happen in one place: two different
    // towns are two events. (A veto's places are what the resolution is
    // about, not where it happened.)
    located(a.kind)
        && !a.sites().is_empty()
        && !b.sites().is_empty()
        && shared(a.sites(), b.sites()) == 0
}

/// The day a statement dated to the day was made on.
fn statement_day(item: &Item) -> Option<(NaiveDate, NaiveDate)> {
    item.span.filter(|s| item.kind == EventType::Statement && s.0 == s.1)
}

/// The range of a casualty figure as news writes it: "more than 80" is
/// 80 to 160, "dozens" 24 to 99, "hundreds" 200 to 999.
fn casualty_range(
    value: u64,
    qualifier: Option<&str>,
    what: &str,
) -> Option<(u64, u64)> {
    if !matches!(
        what,
        "people" | "killed" | "dead" | "civilians" | "children" | "persons"
    ) {
        return None;
    }
    let n = value;
    Some(match qualifier {
        Some("dozens") => (24, 99),
        Some("scores") => (40, 99),
        Some("hundreds") => (200, 999),
        Some("thousands") => (2000, 9999),
        Some("more than" | "over" | "at least" | "upwards of") => {
            (n, n.saturating_mul(2))
        }
        _ => (n * 3 / 4, n.saturating_mul(5) / 4),
    })
}

/// Two casualty figures that cannot describe one event ("more than 80"
/// and "hundreds").
fn casualties_clash(a: &Item, b: &Item) -> bool {
    // Most mentions give no figure: told without reading the figures.
    if a.ranges == 0 || b.ranges == 0 {
        return false;
    }
    let (ra, rb) = (a.casualty_ranges(), b.casualty_ranges());
    ra.iter().all(|x| rb.iter().all(|y| x.1 < y.0 || y.1 < x.0))
}

/// Two mentions that give the same casualty figure ("12 people").
fn casualties_agree(a: &Item, b: &Item) -> bool {
    let eb = b.exact_casualties();
    a.exact_casualties().iter().any(|v| eb.contains(v))
}

/// Types of events that happen at one place.
fn located(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Attack
            | EventType::MilitaryStrike
            | EventType::Death
            | EventType::Disaster
            | EventType::Meeting
            | EventType::Visit
            | EventType::Protest
    )
}

/// How many members two sets share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    // Without branches on the comparison, which no predictor guesses:
    // the scores call this millions of times.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// A set's numbers modulo 256, as bits: a number whose bit another
/// set's mask lacks is not in that set. (With 64 bits, a sentence's
/// twenty words left a quarter of the bits set, and as many of the
/// words not shared were looked for in vain.)
type Mask = [u64; 4];

/// Where number `x`'s bit is in a [`Mask`]: its word, and the bit.
fn mask_bit(x: u32) -> (usize, u64) {
    ((x as usize / 64) % 4, 1 << (x % 64))
}

/// The [`Mask`] of a set.
fn mask(set: &[u32]) -> Mask {
    let mut m = [0; 4];
    for &x in set {
        let (word, bit) = mask_bit(x);
        m[word] |= bit;
    }
    m
}

/// [`shared`] of two sentences' words, which are the longest sets the
/// scores compare: a word of the smaller set is only looked for in the
/// larger when the larger's mask has its bit, which most words' bits
/// are not (a block numbers its words from zero, so their bits are
/// spread).
fn shared_words(a: &Item, b: &Item) -> usize {
    // Masks with no bit in common share no word: most pairs of a large
    // block are answered here without reading either list.
    if a.word_mask.iter().zip(&b.word_mask).all(|(x, y)| x & y == 0) {
        return 0;
    }
    let (small, large, large_mask) = if a.words.len() <= b.words.len() {
        (&a.words, &b.words, &b.word_mask)
    } else {
        (&b.words, &a.words, &a.word_mask)
    };
    shared_masked(small, large, large_mask)
}

/// [`shared`] of `small` and `large`, `large_mask` the [`mask`] of
/// `large`.
fn shared_masked(small: &[u32], large: &[u32], large_mask: &Mask) -> usize {
    // Both lists are sorted: each search starts where the last one
    // ended, so the searches shorten as they go and stop once `large`
    // is used up.
    let (mut rest, mut n) = (large, 0);
    for &x in small {
        let (word, bit) = mask_bit(x);
        if large_mask[word] & bit == 0 {
            continue;
        }
        match rest.binary_search(&x) {
            Ok(at) => {
                n += 1;
                rest = &rest[at + 1..];
            }
            Err(at) => rest = &rest[at..],
        }
        if rest.is_empty() {
            break;
        }
    }
    n
}

/// Shared words over the smaller set: a short sentence that repeats a
/// long one's key words is as close as two long ones.
fn overlap(a: &Item, b: &Item, shared: usize) -> f64 {
    let small = a.words.len().min(b.words.len());
    if small == 0 {
        return 0.0;
    }
    shared as f64 / small as f64
}

/// The words of one item as flags over the word numbers of a block: the
/// linkage scores each item against many others in a row, and each word
/// of another is then one flag to read, where `shared_words` searches
/// for it. (A byte a flag rather than a bit: fewer steps a word, and a
/// block has some thousands of words.)
pub struct WordFlags {
    flags: Vec<u8>,
    /// The words whose flags are set, and their mask.
    words: Option<(Words, Mask)>,
}

impl WordFlags {
    /// Room for the words of `items`.
    pub fn new(items: &[Item]) -> WordFlags {
        let top = items.iter().flat_map(|i| i.words.iter()).max();
        WordFlags::up_to(top.map_or(0, |&w| w as usize + 1))
    }

    /// Room for the word numbers below `top`.
    fn up_to(top: usize) -> WordFlags {
        WordFlags { flags: vec![0; top], words: None }
    }

    /// Sets the flags of `item`'s words, and no others.
    pub fn set_to(&mut self, item: &Item) {
        self.set_words(&item.words, item.word_mask);
    }

    fn set_words(&mut self, words: &Words, mask: Mask) {
        if let Some((old, _)) = &self.words {
            // The mentions of one sentence share its words.
            if std::sync::Arc::ptr_eq(old, words) {
                return;
            }
            for &w in old.iter() {
                self.flags[w as usize] = 0;
            }
        }
        for &w in words.iter() {
            self.flags[w as usize] = 1;
        }
        self.words = Some((words.clone(), mask));
    }

    /// `shared_words` of the item set and `other`.
    pub fn shared(&self, other: &Item) -> usize {
        self.shared_with(&other.words, &other.word_mask)
    }

    fn shared_with(&self, words: &[u32], mask: &Mask) -> usize {
        let Some((_, own)) = &self.words else { return 0 };
        // As in [`shared_words`]: most pairs share no bit of their masks.
        if own.iter().zip(mask).all(|(x, y)| x & y == 0) {
            return 0;
        }
        words.iter().map(|&w| usize::from(self.flags[w as usize])).sum()
    }
}

/// How strongly two compatible mentions look like one event.
pub fn score(a: &Item, b: &Item) -> f64 {
    let same_doc =
        if a.doc_number == b.doc_number { same_doc_bonus(a, b) } else { 0.0 };
    score_apart(a, b) + same_doc
}

/// An article returns to the event it reports: within one article,
/// mentions of a type mostly mean the same event; one sentence saying
/// it twice ("In the latest veto, Russia blocked the draft") surely
/// does. Kept apart from [`score_apart`] so that the linkage can count
/// it for the pairs of mentions that share a document.
///
/// Not so for statements: an article quotes many people on many
/// occasions, and only one sentence telling of one statement twice
/// ("said in a press conference") is sure to be one.
pub fn same_doc_bonus(a: &Item, b: &Item) -> f64 {
    let statement = |i: &Item| i.kind == EventType::Statement;
    if a.sentence == b.sentence {
        1.5
    } else if statement(a) || statement(b) {
        0.0
    } else {
        0.8
    }
}

/// [`score`] of two mentions from different documents.
pub fn score_apart(a: &Item, b: &Item) -> f64 {
    score_apart_sharing(a, b, shared_words(a, b))
}

/// [`score_apart`] of two mentions whose sentences share `words` words
/// (`shared_words`), counted by the caller ([`WordFlags`]).
pub fn score_apart_sharing(a: &Item, b: &Item, words: usize) -> f64 {
    let (ma, mb) = (a, b);
    let mut s = if ma.kind == mb.kind { 1.0 } else { 0.5 };
    match (ma.span, mb.span) {
        (Some(x), Some(y)) if x == y => s += 1.5,
        (Some(x), Some(y)) if overlaps(x, y) => s += 0.8,
        // Dates that disagree by less than a month: kept apart only if
        // nothing else ties them; less so when one was worked out from a
        // DCT ("last week" in a rehash written days later).
        (Some(_), Some(_)) if explicit(a) && explicit(b) => s -= 1.5,
        (Some(_), Some(_)) => s -= 0.8,
        (Some(x), None) => s += recency(x, b.dct),
        (None, Some(y)) => s += recency(y, a.dct),
        (None, None) => {
            // Undated reports from documents of the same days.
            if let (Some(x), Some(y)) = (a.dct, b.dct)
                && (x - y).num_days().abs() <= 7
            {
                s += 0.3;
            }
        }
    }
    let actors = shared(a.actors(), b.actors());
    s += (actors as f64).min(2.0);
    if shared(a.sites(), b.sites()) > 0 {
        s += 2.0;
    }
    // The other side of a meeting: "talks with Lavrov" and "a dinner
    // with Xi" are two meetings.
    if !ma.with().is_empty() && !mb.with().is_empty() {
        if shared(ma.with(), mb.with()) > 0 {
            s += 1.5;
        } else {
            s -= 3.0;
        }
    }
    let who_where_a = a.actors().len() + a.places().len();
    let who_where_b = b.actors().len() + b.places().len();
    if who_where_a > 0
        && who_where_b > 0
        && actors == 0
        && shared(a.places(), b.places()) == 0
    {
        s -= 0.5;
    }
    if ma.lemma_number == mb.lemma_number {
        s += 0.5;
    } else if shared(a.phrase(), b.phrase()) > 1 {
        // "chemical attack" and "chemical weapons attack".
        s += 0.3;
    }
    s += 1.5 * overlap(a, b, words);
    // The same casualty figure.
    if casualties_agree(a, b) {
        s += 1.0;
    }
    // A plan and its outcome are one event, but less surely.
    if ma.factuality != mb.factuality {
        s -= 0.3;
    }
    s
}

/// An undated mention in a document dated within two weeks after a
/// date: news refers back to what just happened.
fn recency(span: (NaiveDate, NaiveDate), dct: Option<NaiveDate>) -> f64 {
    match dct {
        Some(d) if span.0 <= d && (d - span.1).num_days() <= 14 => 0.7,
        _ => 0.0,
    }
}

/// A block: a type's block and a quarter (years times four plus the
/// quarter from zero), or none for undated mentions of undated
/// documents.
pub type BlockKey = (EventType, Option<i32>);

/// The block a mention is clustered in: its type's block and the
/// quarter of its date (or of its document's DCT), so that the work
/// grows with the size of the blocks, not of the corpus. Dates more
/// than a month apart cannot be one event anyway; a quarter leaves room
/// for "last week" across a month's end. Mentions in different blocks
/// are never one event, even on either side of a quarter's first day.
pub fn blocking_key(item: &Item) -> BlockKey {
    block_at(item.kind, item.span, item.dct)
}

/// [`blocking_key`] of a mention of a document with DCT `dct`.
pub fn block_of(mention: &Mention, dct: Option<NaiveDate>) -> BlockKey {
    block_at(mention.kind, mention.span, dct)
}

fn block_at(
    kind: EventType,
    span: Option<(NaiveDate, NaiveDate)>,
    dct: Option<NaiveDate>,
) -> BlockKey {
    use chrono::Datelike;
    let day = span.map(|s| s.0).or(dct);
    let quarter = day.map(|d| d.year() * 4 + (d.month0() / 3) as i32);
    (block(kind), quarter)
}

/// A mention to cluster: its number in the store, its document's
/// article fingerprint and its document's DCT.
pub type ToCluster<'a> = (usize, &'a str, Option<NaiveDate>);

/// The items of a merge, made block by block: each block's items lie
/// together in memory, where its scores read them millions of times,
/// and are made on the core that clusters the block. Indexed by the
/// mention's place in the merge's order.
struct Items {
    blocks: Vec<Vec<Item>>,
    /// Each mention's block and place in it.
    at: Vec<(u32, u32)>,
}

impl std::ops::Index<usize> for Items {
    type Output = Item;

    fn index(&self, i: usize) -> &Item {
        let (block, k) = self.at[i];
        &self.blocks[block as usize][k as usize]
    }
}

/// Clusters `mentions` (already in a fixed order), block by block, then
/// lets the lone definite descriptions join their event and visits and
/// press conferences their meeting; returns each block's clusters
/// (lists of indices into `mentions`, each sorted; a cluster that
/// joined another is left empty). A block's clusters depend only on the
/// mentions of that block and of the blocks of the quarters either side
/// of it (see `attach_definite`; `attach_to_meetings` stays within
/// a block), which the partitioned merge relies on.
pub fn cluster(
    store: &Store,
    mentions: &[ToCluster],
) -> BTreeMap<BlockKey, Vec<Cluster>> {
    let mut blocks: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (i, &(m, _, dct)) in mentions.iter().enumerate() {
        let stored = store.get(m);
        blocks
            .entry(block_at(stored.kind, stored.span, dct))
            .or_default()
            .push(i);
    }
    // Blocks are independent until `attach_definite`: each is made into
    // items and clustered on every core, and collected in key order all
    // the same. A block numbers its words and names apart from the
    // others ([`Symbols`]): numbers are only ever compared within a
    // block. Its items are numbered by their place in the block, which
    // keeps their order, and its clusters are given back the mentions'
    // own numbers.
    let blocks: Vec<(BlockKey, Vec<usize>)> = blocks.into_iter().collect();
    let made = largest_first(&blocks, |(_, members)| {
        let mut symbols = Symbols::default();
        let items: Vec<Item> = members
            .iter()
            .map(|&i| {
                let (m, doc, dct) = mentions[i];
                Item::new(store, m, doc, dct, &mut symbols)
            })
            .collect();
        drop(symbols);
        let local: Vec<usize> = (0..items.len()).collect();
        let mut clusters = cluster_block(store, &items, &local);
        for c in &mut clusters {
            for m in &mut c.members {
                *m = members[*m];
            }
        }
        (items, clusters)
    });
    let mut at = vec![(0u32, 0u32); mentions.len()];
    for (b, (_, members)) in blocks.iter().enumerate() {
        for (k, &i) in members.iter().enumerate() {
            at[i] = (b as u32, k as u32);
        }
    }
    let mut clustered: BTreeMap<_, Vec<Cluster>> = BTreeMap::new();
    let mut items = Items { blocks: Vec::with_capacity(made.len()), at };
    for ((key, _), (block_items, clusters)) in blocks.into_iter().zip(made) {
        items.blocks.push(block_items);
        clustered.insert(key, clusters);
    }
    attach_definite(&items, &mut clustered);
    attach_to_meetings(store, &items, &mut clustered);
    // Hundreds of megabytes of items for a million mentions, freed on
    // every core rather than one after another on this one.
    items.blocks.into_par_iter().for_each(drop);
    clustered
}

/// `work` of each block, on every core, the results in the blocks'
/// order. The largest blocks go first, each to the next core free: a
/// block's clustering cannot be split, and a large block taken last
/// left the other cores idle for its whole time (a million mentions,
/// in two-thirds of a block taken alone: about a second on one core
/// of two).
fn largest_first<T: Send>(
    blocks: &[(BlockKey, Vec<usize>)],
    work: impl Fn(&(BlockKey, Vec<usize>)) -> T + Sync,
) -> Vec<T> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(blocks[b].1.len()));
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, T)>> =
        Mutex::new(Vec::with_capacity(blocks.len()));
    rayon::scope(|s| {
        for _ in 0..rayon::current_num_threads() {
            s.spawn(|_| {
                let mut mine = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&b) = order.get(k) else { break };
                    mine.push((b, work(&blocks[b])));
                }
                // A worker's lock is poisoned only if another panicked,
                // and the scope passes that panic on.
                if let Ok(mut all) = done.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|&(b, _)| b);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Gives each undated definite description that stands alone ("the
/// strikes had been launched") to the one event of its type that its
/// document's recent days hold, when exactly one can take it: the
/// salient event a reader would think of. The two weeks before a DCT
/// reach at most into the quarter before, so only that block and the
/// mention's own are searched. A group that refers back has no dated
/// mention, so it never takes another in: every move is one hop, and
/// what a block holds afterwards depends on its own quarter and the
/// quarters either side (the partitioned merge's halo).
fn attach_definite(
    items: &Items,
    blocks: &mut BTreeMap<BlockKey, Vec<Cluster>>,
) {
    // The moves are found on every core, each block's apart (reading
    // only), and made in the blocks' order; a million mentions waited
    // for them on one core.
    let blocks_read: &BTreeMap<BlockKey, Vec<Cluster>> = blocks;
    let moves: Vec<(BlockKey, usize, BlockKey, usize)> = blocks_read
        .par_iter()
        .flat_map_iter(|(&key, clusters)| {
            clusters.iter().enumerate().filter_map(move |(k, lone)| {
                lone_move(items, blocks_read, key, k, lone)
            })
        })
        .collect();
    for (from_block, from, to_block, to) in moves {
        let Some(moved) = blocks
            .get_mut(&from_block)
            .map(|cs| std::mem::take(&mut cs[from].members))
        else {
            continue;
        };
        if let Some(target) = blocks.get_mut(&to_block) {
            target[to].members.extend(moved);
            target[to].members.sort_unstable();
        }
    }
}

/// Where the cluster `k` of block `key`, `lone`, moves: the one
/// cluster of its own block or the quarter before that holds a recent
/// dated mention and may be what it refers back to, if there is
/// exactly one (as `attach_definite` gives).
fn lone_move(
    items: &Items,
    blocks: &BTreeMap<BlockKey, Vec<Cluster>>,
    key: BlockKey,
    k: usize,
    lone: &Cluster,
) -> Option<(BlockKey, usize, BlockKey, usize)> {
    if !lone.refers_back {
        return None;
    }
    let dct = items[lone.members[0]].dct?;
    let (kind, quarter) = key;
    let searched = [Some((kind, quarter.map(|q| q - 1))), Some(key)];
    let mut found = searched
        .iter()
        .flatten()
        .filter_map(|b| blocks.get(b).map(|cs| (*b, cs)))
        .flat_map(|(b, cs)| cs.iter().enumerate().map(move |(j, c)| (b, j, c)))
        .filter(|(b, j, c)| {
            (*b, *j) != (key, k)
                && c.members.iter().any(|&m| {
                    items[m].span.is_some_and(|s| recent_for(s, dct))
                })
                && !c.constraints.clash(&lone.constraints)
                && lone.constraints.may_refer_to(&c.constraints)
        });
    match (found.next(), found.next()) {
        (Some((b, j, _)), None) => Some((key, k, b, j)),
        _ => None,
    }
}

/// Lemmas of statements that the parties of a meeting give together,
/// as part of it.
const JOINT_STATEMENTS: &[&str] =
    &["press conference", "news conference", "press briefing"];

/// Gives each cluster of visit mentions ("on his first visit to
/// Russia", "Tillerson's trip to Moscow"), and each cluster of
/// statements that holds a press conference, to the one meeting of its
/// block that they belong to: the talks are what the visit was for, and
/// the press conference is how their parties told of them; a timeline
/// that lists both tells one occasion twice. The meeting must be dated,
/// share a party with the cluster that is not a state (the visitor, the
/// speaker, whom they met), fall within the visit's dates or, for an
/// undated visit, in the two weeks before an article that reports it,
/// fall on a press conference's day, and no cannot-link other than the
/// types may stand between them. Among such meetings the one that
/// shares the most parties takes it, the meeting's own sides counting
/// double; a cluster with no such meeting, or with two alike, stays an
/// event of its own.
fn attach_to_meetings(
    store: &Store,
    items: &Items,
    blocks: &mut BTreeMap<BlockKey, Vec<Cluster>>,
) {
    // The people and bodies (not states or places) that mentions name:
    // as actors of their sentences, or as the other side of a meeting
    // or the speaker of a statement.
    // (Names as the store numbers them: equal names, equal numbers.)
    let named = |members: &[usize], actors: bool| -> Vec<u32> {
        let mut out: Vec<u32> = members
            .iter()
            .flat_map(|&m| {
                let item = &items[m];
                let of_sentence: &[u32] =
                    if actors { item.actors() } else { &[] };
                of_sentence.iter().chain(item.with())
            })
            .copied()
            .filter(|&a| {
                !matches!(
                    place_kind(store.str(a)),
                    Some(
                        EntityKind::Country
                            | EntityKind::Region
                            | EntityKind::City
                    )
                )
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let visit = |c: &Cluster| {
        !c.members.is_empty()
            && c.members.iter().all(|&m| items[m].kind == EventType::Visit)
    };
    let joint = |c: &Cluster| {
        !c.members.is_empty()
            && c.members.iter().all(|&m| items[m].kind == EventType::Statement)
            && c.members
                .iter()
                .any(|&m| JOINT_STATEMENTS.contains(&items[m].lemma))
    };
    // The meeting of each guest is found on every core, a guest at a
    // time (reading only), and the moves are made afterwards in the
    // blocks' order. Searched block by block on one core, the guests of
    // a million mentions kept the other core idle for a tenth of a
    // second.
    let read: &BTreeMap<BlockKey, Vec<Cluster>> = blocks;
    // The meetings of each block, each with its sides and everyone its
    // sentences name, read once for all the guests.
    let meetings: Vec<(BlockKey, &[Cluster], Vec<Meeting>)> = read
        .par_iter()
        .filter(|(key, _)| key.0 == EventType::Meeting)
        .map(|(&key, clusters)| {
            let meetings = clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.members
                        .iter()
                        .any(|&m| items[m].kind == EventType::Meeting)
                })
                .map(|(k, c)| Meeting {
                    cluster: k,
                    sides: named(&c.members, false),
                    all: named(&c.members, true),
                })
                .collect();
            (key, clusters.as_slice(), meetings)
        })
        .collect();
    // Each guest as its block's place in `meetings` and its own place
    // in the block.
    let guest_at: Vec<(usize, usize)> = meetings
        .iter()
        .enumerate()
        .flat_map(|(b, (_, clusters, _))| {
            clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| visit(c) || joint(c))
                .map(move |(v, _)| (b, v))
        })
        .collect();
    let moves: Vec<(BlockKey, usize, usize)> = guest_at
        .par_iter()
        .filter_map(|&(b, v)| {
            let (key, clusters, meetings) = &meetings[b];
            let guest = &clusters[v];
            let is_visit = visit(guest);
            let spans: Vec<(NaiveDate, NaiveDate)> =
                guest.members.iter().filter_map(|&m| items[m].span).collect();
            // A press conference is dated: it is on the meeting's day.
            if !is_visit && spans.is_empty() {
                return None;
            }
            let dcts: Vec<NaiveDate> =
                guest.members.iter().filter_map(|&m| items[m].dct).collect();
            let guests = named(&guest.members, true);
            // A party the meeting has as a side counts twice as much as
            // one its sentences only name ("talks with Lavrov" against
            // "Trump" named in passing).
            let shared_parties = |meeting: &Meeting| {
                let count = |set: &[u32]| {
                    guests
                        .iter()
                        .filter(|p| set.binary_search(p).is_ok())
                        .count()
                };
                2 * count(&meeting.sides) + count(&meeting.all)
            };
            let candidates = meetings.iter().filter(|meeting| {
                let c = &clusters[meeting.cluster];
                let during = c.members.iter().any(|&m| {
                    items[m].span.is_some_and(|s| {
                        if spans.is_empty() {
                            dcts.iter().any(|&d| recent_for(s, d))
                        } else {
                            spans.iter().all(|&v| overlaps(v, s))
                        }
                    })
                });
                during
                    && !guest.constraints.clash_besides_types(&c.constraints)
            });
            let mut scored: Vec<(usize, usize)> = candidates
                .map(|meeting| (shared_parties(meeting), meeting.cluster))
                .filter(|(n, _)| *n > 0)
                .collect();
            scored.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
            // The one meeting that shares the most, if one does.
            match scored.as_slice() {
                [(_, m)] => Some((*key, v, *m)),
                [(a, m), (b, _), ..] if a > b => Some((*key, v, *m)),
                _ => None,
            }
        })
        .collect();
    for (key, v, m) in moves {
        if let Some(clusters) = blocks.get_mut(&key) {
            let moved = std::mem::take(&mut clusters[v].members);
            clusters[m].members.extend(moved);
            clusters[m].members.sort_unstable();
        }
    }
}

/// A meeting cluster of a block, as `attach_to_meetings` reads it.
struct Meeting {
    /// Its place in the block.
    cluster: usize,
    /// The parties it has as sides (the other side of a meeting, not
    /// states or places).
    sides: Vec<u32>,
    /// Everyone its sentences name, sides included.
    all: Vec<u32>,
}

/// Whether a mention is a definite description ("the strikes", "the
/// attack") or says what a known event was ("it was a deliberate
/// attack"): either way it refers back to an event its readers already
/// know of.
fn definite(store: &Store, item: &Item) -> bool {
    let sentence = item.sentence.to_lowercase();
    let trigger = store.str(store.get(item.index).trigger).to_lowercase();
    sentence.match_indices(&trigger).any(|(i, _)| {
        // "voting on the resolution", "the vote over the draft": a
        // definite object names the one already in the news.
        let after: Vec<&str> =
            sentence[i + trigger.len()..].split_whitespace().take(2).collect();
        let object = matches!(after.as_slice(), ["on" | "over", "the", ..]);
        let before: Vec<&str> =
            sentence[..i].split_whitespace().rev().take(4).collect();
        let determiner = before
            .iter()
            .take(3)
            .any(|w| matches!(*w, "the" | "these" | "those" | "this"));
        // "it was a deliberate attack", "this is an attack": a copula
        // right before the article.
        let predicate = before.windows(2).take(3).any(|w| {
            matches!(w[0], "a" | "an")
                && matches!(w[1], "was" | "is" | "were" | "are")
        });
        determiner || predicate || object
    })
}

/// Whether a group of mentions (item indices) only refers back to an
/// event in the news: undated, all from one dated article, and one of
/// them a definite description ("the strikes had been launched",
/// "China's decision to abstain from voting on the resolution"). Such a
/// group may join the one recent event of its type.
pub fn refers_back(store: &Store, items: &[Item], members: &[usize]) -> bool {
    let Some(&first) = members.first() else { return false };
    let article = items[first].doc_number;
    items[first].dct.is_some()
        && members.iter().all(|&m| {
            items[m].doc_number == article && items[m].span.is_none()
        })
        && members.iter().any(|&m| definite(store, &items[m]))
}

/// Whether an event with a mention dated `span` is recent news for a
/// document written on `dct`: within the two weeks before it.
fn recent_for(span: (NaiveDate, NaiveDate), dct: NaiveDate) -> bool {
    span.0 <= dct && (dct - span.1).num_days() <= 14
}

/// The limits a group of mentions sets on what may join it: the
/// cannot-links of [`cannot_link`], summed up per group so that two
/// groups are checked in one step instead of pair by pair. Joining two
/// groups is forbidden exactly when some pair across them cannot link.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    kinds: Vec<EventType>,
    dated: Option<Extent>,
    explicit: Option<Extent>,
    /// The days of statements dated to the day.
    said: Option<Extent>,
    /// The earliest DCT of a member reported as past without a date.
    before: Option<NaiveDate>,
    /// The distinct casualty ranges of members that give any.
    casualties: Vec<Vec<(u64, u64)>>,
    /// The distinct site sets of members of located types.
    sites: Vec<Set>,
    /// The distinct speaker sets of statements that name one.
    speakers: Vec<Set>,
}

/// The first and last days of a group's date spans.
#[derive(Debug, Clone, Copy)]
struct Extent {
    min_start: NaiveDate,
    max_start: NaiveDate,
    min_end: NaiveDate,
    max_end: NaiveDate,
}

impl Extent {
    fn of(span: (NaiveDate, NaiveDate)) -> Extent {
        Extent {
            min_start: span.0,
            max_start: span.0,
            min_end: span.1,
            max_end: span.1,
        }
    }

    fn join(a: Option<Extent>, b: Option<Extent>) -> Option<Extent> {
        match (a, b) {
            (Some(x), Some(y)) => Some(Extent {
                min_start: x.min_start.min(y.min_start),
                max_start: x.max_start.max(y.max_start),
                min_end: x.min_end.min(y.min_end),
                max_end: x.max_end.max(y.max_end),
            }),
            (x, y) => x.or(y),
        }
    }

    /// The largest gap in days between a span of `a` and one of `b`
    /// (zero or less when every pair overlaps).
    fn widest_gap(a: Extent, b: Extent) -> i64 {
        let ab = (b.max_start - a.min_end).num_days();
        let ba = (a.max_start - b.min_end).num_days();
        ab.max(ba)
    }
}

impl Constraints {
    /// The limits one mention sets.
    pub fn of(item: &Item) -> Constraints {
        let m = item;
        let before = m.past_by.filter(|_| m.span.is_none());
        let casualties = m.casualty_ranges().to_vec();
        Constraints {
            kinds: vec![m.kind],
            dated: m.span.map(Extent::of),
            explicit: m.span.filter(|_| explicit(item)).map(Extent::of),
            said: statement_day(item).map(Extent::of),
            before,
            casualties: if casualties.is_empty() {
                Vec::new()
            } else {
                vec![casualties]
            },
            sites: if located(m.kind) && !item.sites().is_empty() {
                vec![item.sites().into()]
            } else {
                Vec::new()
            },
            speakers: if item.speakers().is_empty() {
                Vec::new()
            } else {
                vec![item.speakers().into()]
            },
        }
    }

    /// Whether some mention of `self` and some of `other` cannot link.
    pub fn clash(&self, other: &Constraints) -> bool {
        self.kinds
            .iter()
            .any(|&a| other.kinds.iter().any(|&b| !compatible(a, b)))
            || self.clash_besides_types(other)
    }

    /// [`Constraints::clash`] but for the types: dates, casualties and
    /// sites.
    pub fn clash_besides_types(&self, other: &Constraints) -> bool {
        if let (Some(a), Some(b)) = (self.dated, other.dated)
            && Extent::widest_gap(a, b) > 31
        {
            return true;
        }
        for (a, b) in
            [(self.explicit, other.explicit), (self.said, other.said)]
        {
            if let (Some(a), Some(b)) = (a, b)
                && Extent::widest_gap(a, b) > 0
            {
                return true;
            }
        }
        let after = |dated: Option<Extent>, before: Option<NaiveDate>| matches!((dated, before), (Some(d), Some(b)) if d.max_start > b);
        if after(self.dated, other.before) || after(other.dated, self.before) {
            return true;
        }
        let ranges_apart = |ra: &Vec<(u64, u64)>, rb: &Vec<(u64, u64)>| {
            ra.iter().all(|x| rb.iter().all(|y| x.1 < y.0 || y.1 < x.0))
        };
        if self
            .casualties
            .iter()
            .any(|ra| other.casualties.iter().any(|rb| ranges_apart(ra, rb)))
        {
            return true;
        }
        let apart = |a: &[Set], b: &[Set]| {
            a.iter().any(|x| b.iter().any(|y| shared(x, y) == 0))
        };
        apart(&self.sites, &other.sites)
            || apart(&self.speakers, &other.speakers)
    }

    /// Whether a lone reference with these limits may be given to a
    /// group with `target`'s: when it names a site ("the G7 meeting",
    /// "the attack on Zarqa") the group must name it too; a definite
    /// description is too weak evidence to add a place.
    pub fn may_refer_to(&self, target: &Constraints) -> bool {
        self.sites.iter().all(|mine| {
            target.sites.iter().any(|theirs| shared(mine, theirs) > 0)
        })
    }

    /// Takes in the limits of `other`, joined to this group.
    pub fn absorb(&mut self, other: Constraints) {
        for k in other.kinds {
            if !self.kinds.contains(&k) {
                self.kinds.push(k);
            }
        }
        self.dated = Extent::join(self.dated, other.dated);
        self.explicit = Extent::join(self.explicit, other.explicit);
        self.said = Extent::join(self.said, other.said);
        self.before = match (self.before, other.before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for c in other.casualties {
            if !self.casualties.contains(&c) {
                self.casualties.push(c);
            }
        }
        for s in other.sites {
            if !self.sites.contains(&s) {
                self.sites.push(s);
            }
        }
        for s in other.speakers {
            if !self.speakers.contains(&s) {
                self.speakers.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_words_are_the_lowercased_content_words() {
        let sentences = [
            "The attack on Khan Sheikhoun killed 87 people, it said.",
            "ÉTATS-UNIS: Frappe américaine sur la base aérienne d'Al-Chaayrate",
            "The attack on Khan Sheikhoun killed 87 people, it said.",
            "",
            "Russia's veto, the eighth, blocked the UN resolution",
        ];
        let mut symbols = Symbols::default();
        for s in sentences {
            let words = symbols.words(&s.into());
            let expected =
                symbols.set(content_words(s).iter().map(String::as_str));
            assert_eq!(words[..], expected[..], "{s}");
        }
        assert!(!symbols.words(&sentences[0].into()).is_empty());
    }

    #[test]
    fn short_and_long_strings_are_numbered_apart() {
        let strings =
            ["", "a", "a\0", "\0", "abcdefgh", "abcdefghi", "ab", "b"];
        let mut symbols = Symbols::default();
        let numbers: Vec<u32> =
            strings.iter().map(|s| symbols.id(s)).collect();
        let again: Vec<u32> = strings.iter().map(|s| symbols.id(s)).collect();
        assert_eq!(numbers, again);
        let mut distinct = numbers.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), strings.len());
        assert_eq!(short_key("a"), Some(u64::from(b'a')));
        assert_eq!(short_key("a\0"), None);
    }

    #[test]
    fn words_are_those_split_at_each_character() {
        for s in
            ["", "a", "-", "Al-Chaayrate, 87!", "Frappe américaine ", "x--y"]
        {
            let mut words = Vec::new();
            for_each_word(s, |w| words.push(w));
            let split: Vec<&str> =
                s.split(|c: char| !c.is_alphanumeric()).collect();
            assert_eq!(words, split, "{s:?}");
        }
    }

    #[test]
    fn no_stop_word_is_longer_than_the_longest() {
        assert!(STOP.iter().all(|w| w.len() <= STOP_MAX));
        assert!(STOP.iter().any(|w| w.len() == STOP_MAX));
        assert!(is_stop("which") && !is_stop("whichever"));
        // Compared as numbers, each word is still itself alone.
        assert!(STOP.iter().all(|w| is_stop(w)));
        for w in ["thee", "th", "hte", "wich", "wer", "é", "thé", "aa", ""] {
            assert!(!is_stop(w), "{w}");
        }
    }

    #[test]
    fn shared_words_are_the_shared_members() {
        let mut symbols = Symbols::default();
        let sentences = [
            "The attack on Khan Sheikhoun killed 87 people, it said.",
            "Khan Sheikhoun was hit by a chemical attack on Tuesday",
            "Russia vetoed the resolution on the attack",
            "",
        ];
        let words: Vec<Words> =
            sentences.iter().map(|s| symbols.words(&(*s).into())).collect();
        for a in &words {
            for b in &words {
                assert_eq!(shared_masked(a, b, &mask(b)), shared(a, b));
                assert_eq!(shared_masked(b, a, &mask(a)), shared(a, b));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn shared_masked_is_shared(
            a in proptest::collection::btree_set(0u32..600, 0..40),
            b in proptest::collection::btree_set(0u32..600, 0..40),
        ) {
            let a: Vec<u32> = a.into_iter().collect();
            let b: Vec<u32> = b.into_iter().collect();
            proptest::prop_assert_eq!(
                shared_masked(&a, &b, &mask(&b)),
                shared(&a, &b)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn word_flags_count_the_shared_words(
            sets in proptest::collection::vec(
                proptest::collection::btree_set(0u32..700, 0..40),
                1..6,
            ),
        ) {
            let sets: Vec<Vec<u32>> =
                sets.into_iter().map(|s| s.into_iter().collect()).collect();
            let mut flags = WordFlags::up_to(700);
            for a in &sets {
                // Set over whatever was set before.
                flags.set_words(&Words::from(a.as_slice()), mask(a));
                for b in &sets {
                    proptest::prop_assert_eq!(
                        flags.shared_with(b, &mask(b)),
                        shared(a, b)
                    );
                }
            }
        }
    }

    #[test]
    fn shared_counts_common_members() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(shared(&[], &[1]), 0);
        assert_eq!(shared(&[4], &[4]), 1);
        assert_eq!(shared(&[1, 2, 3], &[4, 5]), 0);
    }
}
