//! The tense of the clause around an expression, from cue words.
//!
//! A bare weekday or month is before or after the DCT depending on how
//! the clause speaks of it: "said Wednesday" is past, "will meet
//! Wednesday" and "is set to vote Wednesday" are future. News reports
//! mostly what happened, so with no cue the answer is the past.
//!
//! This is deliberately light: no part-of-speech model, only the verb
//! group nearest the expression, looked up in the tables below.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::fast_hash::FastMap;

/// Which side of the DCT the clause points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Happened ("said", "was", "-ed").
    Past,
    /// Is happening ("is", "says").
    Present,
    /// Will happen ("will", "is set to", "plans to").
    Future,
}

/// What the clause says about an expression's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// The tense of the nearest verb group.
    pub tense: Tense,
    /// "later Wednesday": a same-day reading is meant, so a future
    /// weekday equal to the DCT's is the DCT itself.
    pub later_same_day: bool,
    /// Whether a cue word decided the tense; without one it is the
    /// news default, the past.
    pub explicit: bool,
    /// An infinitive "to" stands nearer the expression than any verb
    /// ("agreed to acquire the bank in January"). Months and dates read
    /// it as pointing ahead; weekdays, nearly always the news of the
    /// week, do not.
    pub infinitive: bool,
}

/// Words that mark the future on their own or as auxiliaries.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "wo",
    "would",
    "going",
    "upcoming",
    "scheduled",
    "slated",
    "plans",
    "plan",
    "planning",
    "intends",
    "expected",
    "expects",
    "tomorrow",
    "coming",
    "due",
    "awaiting",
    "ahead",
    "soon",
];

/// Words that mark the past. Regular "-ed" forms are found by shape.
const PAST: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "met",
    "held",
    "took",
    "gave",
    "made",
    "came",
    "went",
    "began",
    "spoke",
    "saw",
    "won",
    "lost",
    "fell",
    "rose",
    "hit",
    "left",
    "struck",
    "sold",
    "bought",
    "paid",
    "became",
    "brought",
    "built",
    "chose",
    "drew",
    "fought",
    "found",
    "got",
    "grew",
    "heard",
    "kept",
    "knew",
    "led",
    "meant",
    "ran",
    "sent",
    "shot",
    "stood",
    "spent",
    "thought",
    "wrote",
    "yesterday",
    "earlier",
    "since",
    "been",
];

/// Words that mark the present.
const PRESENT: &[&str] =
    &["is", "are", "am", "says", "say", "now", "currently", "today"];

/// Auxiliaries that make the verb after them future ("will be released",
/// "to meet").
const FUTURE_AUX: &[&str] =
    &["will", "'ll", "would", "shall", "to", "wo", "going", "might", "may"];

/// "-ed" words that are not past-tense verbs.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "speed",
    "red",
    "bed",
    "indeed",
    "hundred",
    "feed",
    "seed",
    "proceed",
    "succeed",
    "exceed",
    "breed",
    "united",
    "limited",
    "interested",
    "related",
    "based",
    "scheduled",
    "expected",
    "planned",
    "alleged",
];

fn is_sentence_end(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'!' | b'?' | b';' => true,
        b'\n' => i > 0 && text[i - 1] == b'\n',
        // "U.S." and "Mr." are not sentence ends: a period only counts
        // when the next character is a space and the one after it is an
        // upper-case letter or a quote, and the word before is not a
        // one-letter initial.
        b'.' => {
            let next_space = text.get(i + 1).is_some_and(|c| *c == b' ');
            let then_upper = text
                .get(i + 2)
                .is_some_and(|c| c.is_ascii_uppercase() || *c == b'"');
            let initial = i >= 2 && text[i - 2] == b'.';
            next_space && then_upper && !initial
        }
        _ => false,
    }
}

/// The byte range of the sentence (or `;`-clause) around `start..end`,
/// at most `LIMIT` bytes each side.
fn clause_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    const LIMIT: usize = 240;
    let bytes = text.as_bytes();
    let mut lo = start;
    let floor = start.saturating_sub(LIMIT);
    while lo > floor && !is_sentence_end(bytes, lo - 1) {
        lo -= 1;
    }
    let mut hi = end;
    let ceil = (end + LIMIT).min(bytes.len());
    while hi < ceil && !is_sentence_end(bytes, hi) {
        hi += 1;
    }
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    (lo, hi.max(lo))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// A word of the clause: borrowed from the text unless it had to be
/// respelled. Clauses are read for most expressions, and copying every
/// word twice (as written, then lower-cased) was most of the cost.
type Word<'a> = Cow<'a, str>;

/// One written word as the cue tables spell it: curly apostrophes made
/// straight, and a clitic "'ll" split off ("we'll" carries the future).
fn push_word<'a>(w: &'a str, out: &mut Vec<Word<'a>>) {
    let w: Word<'a> = if w.contains('’') {
        Cow::Owned(w.replace('’', "'"))
    } else {
        Cow::Borrowed(w)
    };
    let stem_len = w
        .strip_suffix("'ll")
        .or_else(|| w.strip_suffix("'LL"))
        .map(str::len)
        .filter(|n| *n > 0);
    match (stem_len, w) {
        (Some(n), Cow::Borrowed(b)) => {
            out.push(Cow::Borrowed(&b[..n]));
            out.push(Cow::Borrowed("'ll"));
        }
        (Some(n), Cow::Owned(o)) => {
            out.push(Cow::Owned(o[..n].to_string()));
            out.push(Cow::Borrowed("'ll"));
        }
        (None, w) => out.push(w),
    }
}

/// The word lower-cased, copied only when that changes it.
fn lower<'a>(w: &Word<'a>) -> Word<'a> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(w.to_lowercase())
    } else {
        w.clone()
    }
}

/// The first words of `s` (at least `n` of them when there are), in
/// order. Only the words near the expression are read, so the rest of
/// the clause is not copied.
fn first_words(s: &str, n: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for w in s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if out.len() >= n {
            break;
        }
        push_word(w, &mut out);
    }
    out
}

/// The last words of `s` (at least `n` of them when there are), in
/// order.
fn last_words(s: &str, n: usize) -> Vec<Word<'_>> {
    let mut rev: Vec<Word<'_>> = Vec::new();
    let mut one = Vec::new();
    for w in s.rsplit(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if rev.len() >= n {
            break;
        }
        push_word(w, &mut one);
        rev.extend(one.drain(..).rev());
    }
    rev.reverse();
    rev
}

/// The cue tables as one map, read once per word instead of three
/// lists scanned in turn; a word in two tables keeps the first's tense.
static CUES: LazyLock<FastMap<&'static str, Tense>> = LazyLock::new(|| {
    let mut cues = FastMap::default();
    for (words, tense) in [
        (FUTURE, Tense::Future),
        (PAST, Tense::Past),
        (PRESENT, Tense::Present),
    ] {
        for w in words {
            cues.entry(*w).or_insert(tense);
        }
    }
    cues
});

fn classify(word: &str) -> Option<Tense> {
    if let Some(tense) = CUES.get(word) {
        return Some(*tense);
    }
    let regular_past = word.len() > 4
        && word.ends_with("ed")
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_PAST_ED.contains(&word);
    regular_past.then_some(Tense::Past)
}

/// A participle or verb is future when an auxiliary such as "will" or
/// an infinitive "to" stands just before it ("will be released",
/// "is set to vote"); "set" itself is future when "to" or "for" follows.
fn adjust(words: &[Word<'_>], i: usize, tense: Tense) -> Tense {
    if words[i] == "set" || words[i] == "poised" {
        return Tense::Future;
    }
    if tense == Tense::Future {
        return tense;
    }
    let from = i.saturating_sub(3);
    if words[from..i].iter().any(|w| FUTURE_AUX.contains(&w.as_ref())) {
        return Tense::Future;
    }
    // "is heard", "are expected": a participle after a present form of
    // "be" is present, not past.
    if tense == Tense::Past
        && i > 0
        && matches!(words[i - 1].as_ref(), "is" | "are" | "am" | "being")
    {
        return Tense::Present;
    }
    tense
}

/// Words after "to" that show it is not an infinitive marker ("rose to
/// 5%", "went to the capital", "to Moscow").
const NOT_VERB_AFTER_TO: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
    "this", "that", "these", "those", "be", "date", "him", "them", "us", "me",
    "it", "what", "which", "whom", "about", "around", "some", "all", "each",
    "every", "one", "two", "three", "four", "ten", "more", "less", "near",
    "nearly", "as", "and", "or", "where", "when", "and", "last", "next",
    "early", "late", "mid", "in", "on", "at", "from", "for", "death", "power",
    "office", "court", "prison", "trial", "war", "work", "school", "market",
    "rest", "light", "bed", "jail", "market",
];

/// An infinitive "to" just before a verb points ahead: "agreed to
/// acquire the bank in January" speaks of a January to come. Its verb
/// must be a lower-case word that is not a determiner or a number.
fn infinitive(words: &[Word<'_>], i: usize) -> bool {
    words[i].eq_ignore_ascii_case("to")
        && words.get(i + 1).is_some_and(|w| {
            w.chars().all(|c| c.is_ascii_lowercase())
                && !NOT_VERB_AFTER_TO.contains(&w.as_ref())
                && !PAST.contains(&w.as_ref())
                && !MONTH_WORDS.contains(&w.as_ref())
        })
}

/// Month names, which lower-cased look like ordinary words.
const MONTH_WORDS: &[&str] = &[
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
];

/// Reads the clause around bytes `start..end` of `text`.
///
/// The verb group nearest the expression wins, looking first up to eight
/// words back (where news puts the verb: "said Wednesday") and then up
/// to six words ahead.
pub fn clause_at(text: &str, start: usize, end: usize) -> Clause {
    // A public function: offsets that are not a range of `text` are
    // clamped to one rather than panic when sliced below.
    let end = text.floor_char_boundary(end);
    let start = text.floor_char_boundary(start.min(end));
    let (lo, hi) = clause_bounds(text, start, end);
    // The scans below look at most BACK words back (and three more
    // before those, for an auxiliary) and AHEAD words ahead (and one
    // after): only those are read.
    let before_cased = last_words(&text[lo..start], BACK + 4);
    let before: Vec<Word<'_>> = before_cased.iter().map(lower).collect();
    let after: Vec<Word<'_>> =
        first_words(&text[end..hi], AHEAD + 2).iter().map(lower).collect();
    let later_same_day = before.last().is_some_and(|w| w == "later");

    let set_to = |ws: &[Word<'_>], i: usize| {
        // "set to vote", "set for Friday", "a meeting set later
        // Wednesday", "planned for early March": the participle right
        // before the time also counts.
        matches!(ws[i].as_ref(), "set" | "planned" | "scheduled" | "slated")
            && ws.get(i + 1).is_none_or(|n| {
                matches!(n.as_ref(), "to" | "for" | "later" | "next" | "this")
            })
            || ws[i] == "poised"
    };
    let mut infinitive_first = false;
    let mut found = None;
    'scan: {
        for i in (before.len().saturating_sub(BACK)..before.len()).rev() {
            if !infinitive_first
                && found.is_none()
                && infinitive(&before_cased, i)
            {
                infinitive_first = true;
                continue;
            }
            let tense = if set_to(&before, i) {
                Some(Tense::Future)
            } else {
                classify(&before[i])
            };
            if let Some(t) = tense {
                found = Some(adjust(&before, i, t));
                break 'scan;
            }
        }
        for i in 0..after.len().min(AHEAD) {
            if set_to(&after, i) {
                found = Some(Tense::Future);
                break 'scan;
            }
            if let Some(t) = classify(&after[i]) {
                found = Some(adjust(&after, i, t));
                break 'scan;
            }
        }
    }
    Clause {
        tense: found.unwrap_or(Tense::Past),
        explicit: found.is_some(),
        later_same_day,
        infinitive: infinitive_first,
    }
}

/// How many words before the expression the verb group is looked for.
const BACK: usize = 12;
/// How many words after it.
const AHEAD: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    /// The expression is the text between `[` and `]`.
    fn tense(marked: &str) -> Tense {
        let start = marked.find('[').unwrap();
        let end = marked.find(']').unwrap() - 1;
        let text = marked.replace(['[', ']'], "");
        clause_at(&text, start, end).tense
    }

    #[test]
    fn tense_cues() {
        let cases = [
            ("Trump said [Wednesday] that ties were low.", Tense::Past),
            ("The council will vote [Wednesday].", Tense::Future),
            ("The council is set to vote [Wednesday].", Tense::Future),
            ("Results will be released [Friday].", Tense::Future),
            ("The talks ended [Friday].", Tense::Past),
            ("He plans to travel to Moscow on [Tuesday].", Tense::Future),
            ("[Friday] the market fell sharply.", Tense::Past),
            ("Shares rose. They'll meet [Monday].", Tense::Future),
            ("A meeting [Friday] in Geneva.", Tense::Past),
        ];
        for (text, want) in cases {
            assert_eq!(tense(text), want, "{text}");
        }
    }

    /// Every word of `s`, the way the first and last words are read.
    fn all_words(s: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        for w in s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
        {
            push_word(w, &mut out);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn first_and_last_words_are_the_ends_of_all_words(
            s in "[a-zA-Z’' .,;L-]{0,80}",
            n in 0usize..8,
        ) {
            let all = all_words(&s);
            let first = first_words(&s, n);
            let last = last_words(&s, n);
            proptest::prop_assert!(first.len() >= n.min(all.len()));
            proptest::prop_assert!(last.len() >= n.min(all.len()));
            proptest::prop_assert_eq!(&all[..first.len()], &first[..]);
            proptest::prop_assert_eq!(&all[all.len() - last.len()..], &last[..]);
        }
    }

    #[test]
    fn later_same_day_cue() {
        let text = "Tillerson has a meeting set later Wednesday in Moscow.";
        let start = text.find("Wednesday").unwrap();
        let c = clause_at(text, start, start + 9);
        assert_eq!(c.tense, Tense::Future);
        assert!(c.later_same_day);
    }
}
