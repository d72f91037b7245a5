//! Sentences: the unit in which event mentions find their time, actors
//! and places.

use std::ops::Range;
use std::sync::LazyLock;

use crate::events::word_list::WordSet;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "maj", "pres", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thurs", "fri", "sat", "sun", "a.m", "p.m", "u.s", "u.n", "u.k",
    "e.g", "i.e", "approx", "est", "dept", "gov't", "mt", "ft",
];

/// [`ABBREVIATIONS`] as a set: a word before a full stop is told by its
/// first letter and length that it is none of most of them, where each
/// was compared.
static ABBREVIATION_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(ABBREVIATIONS.iter().copied()));

/// The sentences of `text` as byte ranges, trimmed of surrounding white
/// space, in order. A line break always ends a sentence (news text keeps
/// paragraphs and titles on lines of their own); inside a line, `.`,
/// `!` or `?` (with any closing quotes) followed by white space and a
/// capital, digit or quote ends one, unless the period belongs to an
/// abbreviation or an initial ("U.S.", "Mr.", "Sept.").
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    // Room for a sentence of every hundred bytes, about what news text
    // has: growing from empty was a reallocation every few sentences.
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    // Lines found by byte, several at a time (a line break is one byte
    // of no other character), where the split by `char` read each.
    let mut line_start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        split_line(text, line_start, nl + 1, &mut out);
        line_start = nl + 1;
    }
    if line_start < text.len() {
        split_line(text, line_start, text.len(), &mut out);
    }
    out
}

fn split_line(text: &str, lo: usize, hi: usize, out: &mut Vec<Range<usize>>) {
    let line = &text[lo..hi];
    let mut start = 0;
    // The marks that may end a sentence are ASCII, so they are found by
    // byte (no byte of another character equals one; every byte of
    // every text is searched, several at a time), and only the text
    // after each is decoded.
    let bytes = line.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes[i];
        // Closing quotes and brackets stay with the sentence they end.
        let after =
            line[i + 1..].trim_start_matches(['"', '\'', '”', '’', ')']);
        let end = line.len() - after.len();
        if !after.starts_with(char::is_whitespace) {
            continue;
        }
        let next_word = after.chars().find(|ch| !ch.is_whitespace());
        let opens = next_word.is_some_and(|ch| {
            ch.is_uppercase()
                || ch.is_ascii_digit()
                || matches!(ch, '"' | '“' | '‘' | '\'' | '(')
        });
        if !opens || (b == b'.' && is_abbreviation(&line[start..i])) {
            continue;
        }
        push_trimmed(text, lo + start, lo + end, out);
        start = end;
    }
    push_trimmed(text, lo + start, hi, out);
}

/// Whether the text before a period ends with an abbreviation or an
/// initial. Asked at most full stops of a text: an ASCII word (most)
/// is compared ignoring case, not lower-cased into a copy (the
/// abbreviations are lower-case ASCII, and no character lower-cases to
/// a period).
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let single_letter =
        word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single_letter || word.contains('.') || ABBREVIATION_SET.contains(word)
}

/// Whether `bytes` holds `b`. For the few bytes of a word, reading them
/// costs less than the call of a search (`contains`, `memchr`), which
/// was asked of every word near a trigger.
#[expect(clippy::manual_contains, reason = "a word is a few bytes")]
pub(crate) fn holds_byte(bytes: &[u8], b: u8) -> bool {
    bytes.iter().any(|&c| c == b)
}

fn push_trimmed(
    text: &str,
    lo: usize,
    hi: usize,
    out: &mut Vec<Range<usize>>,
) {
    let s = &text[lo..hi];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(lo + lead..hi - trail);
    }
}

/// The tokens of `tokens` (in text order, not overlapping; `span`
/// gives each one's bytes) that lie in `range`, or `None` when one runs
/// across an end of it: a text's tokens read once serve each range a
/// tokenizer is asked for, which must read a range again only where a
/// token was cut.
pub(crate) fn tokens_within<T>(
    tokens: &[T],
    range: Range<usize>,
    span: impl Fn(&T) -> Range<usize>,
) -> Option<&[T]> {
    let lo = tokens.partition_point(|t| span(t).end <= range.start);
    let hi = tokens.partition_point(|t| span(t).start < range.end).max(lo);
    let crosses = tokens.get(lo).is_some_and(|t| span(t).start < range.start)
        || hi.checked_sub(1).is_some_and(|k| span(&tokens[k]).end > range.end);
    (!crosses).then(|| &tokens[lo..hi])
}

/// The byte offsets where a word or a name may start: the start of the
/// text and every character after one that is not a letter or a digit.
/// Found once per text for both the trigger lexicon and the gazetteer,
/// each of which walks its automaton from those of them that begin one
/// of its patterns: this reads every byte of a text, most of them in a
/// run of ASCII letters and digits where nothing starts, and decodes
/// only characters outside ASCII.
pub(crate) fn word_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let (mut i, mut after_alnum) = (0, false);
    while let Some(&b) = bytes.get(i) {
        if !after_alnum {
            out.push(i);
        }
        if ASCII_ALNUM[usize::from(b)] {
            i += 1 + ascii_alnum_run(&bytes[i + 1..]);
            after_alnum = true;
        } else if b.is_ascii() {
            i += 1;
            after_alnum = false;
        } else {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            after_alnum = c.is_alphanumeric();
        }
    }
    out
}

/// Where an anchored walk of an automaton may find a pattern, read off
/// the automaton by the first three bytes: most word starts begin no
/// pattern, and a look-up here costs less than the walk that would find
/// so (each of whose steps reads a transition table too large to stay
/// in the processor's nearest cache).
pub(crate) struct StartFilter {
    /// Per hash of three bytes ([`StartFilter::slot`]), a bit set when
    /// an anchored walk over them reaches a match or a state that is
    /// not dead: a walk over three bytes whose bit is clear stops there
    /// with nothing found. Hashed, as the live triples are few of the
    /// 2^24 there are; two that share a bit only cost a walk.
    triples: Box<[u64; SLOTS / 64]>,
}

/// The bits of a [`StartFilter`]: 16 KiB, with the built-in lexicon's
/// live triples (each in every case) a few in a hundred of them.
const SLOTS: usize = 1 << 17;

impl StartFilter {
    /// The filter of `automaton` walked anchored, each byte read as
    /// `byte` gives it (as [`matches_from`] is then asked to).
    pub(crate) fn of<A: aho_corasick::automaton::Automaton>(
        automaton: &A,
        byte: impl Fn(u8) -> u8,
    ) -> StartFilter {
        let mut filter = StartFilter { triples: Box::new([0; SLOTS / 64]) };
        let Ok(start) = automaton.start_state(aho_corasick::Anchored::Yes)
        else {
            return filter;
        };
        let next = |sid, b| {
            automaton.next_state(aho_corasick::Anchored::Yes, sid, byte(b))
        };
        let bytes = || 0..=255u8;
        for b1 in bytes() {
            let s1 = next(start, b1);
            if automaton.is_dead(s1) {
                continue;
            }
            for b2 in bytes() {
                let s2 = next(s1, b2);
                // A match within two bytes: every third byte is walked.
                let early = automaton.is_match(s1) || automaton.is_match(s2);
                if !early && automaton.is_dead(s2) {
                    continue;
                }
                for b3 in bytes() {
                    if early || !automaton.is_dead(next(s2, b3)) {
                        let slot = Self::slot(b1, b2, b3);
                        filter.triples[slot / 64] |= 1 << (slot % 64);
                    }
                }
            }
        }
        filter
    }

    /// The bit of three bytes.
    fn slot(b1: u8, b2: u8, b3: u8) -> usize {
        let x = u32::from_be_bytes([0, b1, b2, b3]);
        // The high bits of a product by an odd constant (Fibonacci
        // hashing) mix all three bytes into each.
        let bits = SLOTS.trailing_zeros();
        (x.wrapping_mul(0x9e37_79b1) >> (32 - bits)) as usize
    }

    /// Whether a walk from `at` in `bytes` may find a pattern. Within
    /// two bytes of the end the walk is short, and taken.
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        match bytes.get(at..at + 3) {
            Some(&[b1, b2, b3]) => {
                let slot = Self::slot(b1, b2, b3);
                self.triples[(slot / 64) % (SLOTS / 64)] & (1 << (slot % 64))
                    != 0
            }
            _ => true,
        }
    }
}

/// Every pattern of `automaton` (by id, with its span) read from one of
/// `starts` (where a word may start, [`word_starts`]) that `filter`
/// (the automaton's, [`StartFilter::of`] with the same `byte`) lets
/// through, overlapping ones too, each byte of the text read as `byte`
/// gives it. The automaton is built anchored: a whole word or name
/// starts nowhere else, and walking from those places only costs less
/// than searching every byte for every pattern.
pub(crate) fn matches_from<A: aho_corasick::automaton::Automaton>(
    automaton: &A,
    filter: &StartFilter,
    text: &str,
    starts: &[usize],
    byte: impl Fn(u8) -> u8,
) -> Vec<(Range<usize>, usize)> {
    use aho_corasick::Anchored;
    let bytes = text.as_bytes();
    // Room for a match every sixteen word starts, more than news text
    // has of triggers or of names: grown from empty, the list was
    // copied a few times a text.
    let mut out = Vec::with_capacity(starts.len() / 16);
    let Ok(start_state) = automaton.start_state(Anchored::Yes) else {
        return out;
    };
    let starts = starts.iter().filter(|&&i| filter.may_start(bytes, i));
    for &start in starts {
        let mut sid = start_state;
        for (end, &b) in (start + 1..).zip(&bytes[start..]) {
            sid = automaton.next_state(Anchored::Yes, sid, byte(b));
            if automaton.is_dead(sid) {
                break;
            }
            if !automaton.is_match(sid) {
                continue;
            }
            // A state also holds the patterns that end its text, built
            // for unanchored search: only those read from `start` are
            // matches here.
            for k in 0..automaton.match_len(sid) {
                let pattern = automaton.match_pattern(sid, k);
                if end - start == automaton.pattern_len(pattern) {
                    out.push((start..end, pattern.as_usize()));
                }
            }
        }
    }
    out
}

/// How many bytes at the start of `bytes` are ASCII letters or digits:
/// the length of the run [`ASCII_ALNUM`] would find byte by byte, read
/// eight bytes at a time, as the tokenizer and [`word_starts`] read
/// every run of letters of a text.
pub(crate) fn ascii_alnum_run(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // In each byte's high bit, whether its low seven bits are at least
    // `lo` and at most `hi`: adding to seven bits carries into the high
    // bit and never into the next byte.
    let within = |x: u64, lo: u8, hi: u8| {
        let at_least = x + u64::from(0x80 - lo) * 0x0101_0101_0101_0101;
        let above = x + u64::from(0x7f - hi) * 0x0101_0101_0101_0101;
        at_least & !above & HIGH
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let x = w & LOW;
        // A byte at or above 0x80 ends the run, whatever its low bits;
        // setting bit 5 folds upper case letters onto lower case ones
        // and no other byte onto them.
        let alnum = (within(x, b'0', b'9')
            | within(x | 0x2020_2020_2020_2020, b'a', b'z'))
            & !w;
        let other = !alnum & HIGH;
        if other != 0 {
            return run + (other.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    let tail = chunks.remainder();
    run + tail
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(tail.len())
}

/// Per byte, whether it is an ASCII letter or digit: one load where
/// [`u8::is_ascii_alphanumeric`] tests three ranges, in loops over
/// every byte of a text.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The index of the sentence that contains byte `at`.
pub fn sentence_of(sentences: &[Range<usize>], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|r| r.end <= at);
    sentences.get(i).filter(|r| r.start <= at).map(|_| i)
}

/// Code point offsets for sorted byte offsets (each on a char boundary),
/// in one pass over the text.
pub fn char_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let (mut byte, mut chars) = (0, 0);
    for &b in sorted_bytes {
        let b = b.min(text.len());
        if b >= byte {
            chars += text.get(byte..b).map_or(0, |s| s.chars().count());
            byte = b;
        }
        out.push(chars);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_abbreviation`] compares ASCII words ignoring case.
    #[test]
    fn abbreviations_are_lower_case_ascii() {
        for a in ABBREVIATIONS {
            assert!(a.is_ascii() && a.to_ascii_lowercase() == *a, "{a}");
        }
    }

    proptest::proptest! {
        /// Compared in place, the word before a full stop is an
        /// abbreviation exactly when its lower-cased copy was.
        #[test]
        fn abbreviations_are_read_as_copies_were(
            before in "[a-zA-Z .(\"'ÉΣσ]{0,8}(Mr|MR|u.S|Gov't|No|ST|é|É)?",
        ) {
            let word = before
                .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
                .next()
                .unwrap_or("");
            let lower = word.to_lowercase();
            let single_letter = word.chars().count() == 1
                && word.chars().all(char::is_alphabetic);
            let copied = single_letter
                || lower.contains('.')
                || ABBREVIATIONS.contains(&lower.as_str());
            proptest::prop_assert_eq!(is_abbreviation(&before), copied);
        }

        #[test]
        fn a_byte_is_held_as_contains_finds_it(
            bytes in proptest::collection::vec(0u8..=255, 0..12),
            b in 0u8..=255,
        ) {
            proptest::prop_assert_eq!(holds_byte(&bytes, b), bytes.contains(&b));
        }

        /// Read eight bytes at a time, a run of ASCII letters and digits
        /// ends where the byte by byte reading ends it, at any byte.
        #[test]
        fn alnum_runs_end_where_bytes_end_them(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(
                        b"09azAZ5mQ".to_vec(),
                    ),
                    1 => 0u8..=255,
                ],
                0..40,
            ),
        ) {
            let by_byte = bytes
                .iter()
                .position(|&b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(ascii_alnum_run(&bytes), by_byte);
        }
    }

    /// [`matches_from`] with a filter that lets every start through.
    fn every_walk<A: aho_corasick::automaton::Automaton>(
        automaton: &A,
        text: &str,
        starts: &[usize],
        byte: fn(u8) -> u8,
    ) -> Vec<(Range<usize>, usize)> {
        let all = StartFilter { triples: Box::new([!0; SLOTS / 64]) };
        matches_from(automaton, &all, text, starts, byte)
    }

    fn filtered_and_full_walks_agree<A: aho_corasick::automaton::Automaton>(
        automaton: &A,
        text: &str,
        byte: fn(u8) -> u8,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let filter = StartFilter::of(automaton, byte);
        // Every byte, not only where words start: the filter is the
        // automaton's, whatever the starts.
        let starts: Vec<usize> = (0..text.len()).collect();
        proptest::prop_assert_eq!(
            matches_from(automaton, &filter, text, &starts, byte),
            every_walk(automaton, text, &starts, byte)
        );
        Ok(())
    }

    proptest::proptest! {
        /// The filter turns away only walks that find nothing, for any
        /// patterns (one byte long ones too), in either automaton, with
        /// bytes read as they are or as the trigger lexicon reads them.
        #[test]
        fn a_start_filter_loses_no_match(
            patterns in proptest::collection::vec("[abAB \n-]{1,4}", 1..6),
            text in "[abcAB \n-]{0,24}",
        ) {
            use aho_corasick::{MatchKind, StartKind};
            let dfa = aho_corasick::dfa::DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(&patterns)
                .expect("a small automaton");
            let nfa = aho_corasick::nfa::contiguous::NFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("a small automaton");
            let space = |b: u8| if b == b'\n' { b' ' } else { b };
            for byte in [(|b| b) as fn(u8) -> u8, space] {
                filtered_and_full_walks_agree(&dfa, &text, byte)?;
                filtered_and_full_walks_agree(&nfa, &text, byte)?;
            }
        }
    }

    #[test]
    fn a_start_filter_turns_away_what_begins_no_pattern() {
        let nfa = aho_corasick::nfa::contiguous::NFA::new(["abc", "cd"])
            .expect("a small automaton");
        let filter = StartFilter::of(&nfa, |b| b);
        let at = |text: &str, i| filter.may_start(text.as_bytes(), i);
        assert!(at("abc", 0) && at("cdx", 0) && at("xabc", 1) && at("a", 0));
        assert!(!at("axb", 0) && !at("cxd", 0) && !at("xyz", 0));
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_not_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two!  Three? four", &["One.", "Two!", "Three? four"]),
            (
                "U.S. President Donald Trump said so. Mr. Lavrov agreed.",
                &[
                    "U.S. President Donald Trump said so.",
                    "Mr. Lavrov agreed.",
                ],
            ),
            (
                "It ended Sept. 30. Sales rose.",
                &["It ended Sept. 30.", "Sales rose."],
            ),
            (
                "\"We want an honest investigation.\" He left.",
                &["\"We want an honest investigation.\"", "He left."],
            ),
            (
                "Title\n\nBody one. Body two.\n",
                &["Title", "Body one.", "Body two."],
            ),
            ("Pi is 3.14 today.", &["Pi is 3.14 today."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn finds_the_sentence_of_an_offset() {
        let text = "One. Two.";
        let s = sentences(text);
        assert_eq!(sentence_of(&s, 0), Some(0));
        assert_eq!(sentence_of(&s, 6), Some(1));
        assert_eq!(sentence_of(&s, 4), None);
    }

    #[test]
    fn words_start_after_what_is_not_a_letter_or_digit() {
        assert_eq!(word_starts("ab-c d"), [0, 3, 5]);
        assert_eq!(word_starts("xé y"), [0, 4]);
        assert_eq!(word_starts(", (x"), [0, 1, 2, 3]);
        assert_eq!(word_starts(""), [0usize; 0]);
    }

    #[test]
    fn any_text_splits_without_panic() {
        for text in ["", ".", "é. É", "a.\u{2019} B", "?\n!", "x. \u{201c}Y"]
        {
            for r in sentences(text) {
                assert!(
                    text.is_char_boundary(r.start)
                        && text.is_char_boundary(r.end)
                );
            }
        }
    }
}
