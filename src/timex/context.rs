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

use compact_str::CompactString;

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

/// How far the clause reaches each side of the expression, in bytes,
/// when no sentence end comes first.
const LIMIT: usize = 240;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// An ASCII byte that is a word character.
fn is_word_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & WORD != 0
}

/// [`BYTE_CLASS`] bits: a word character; an upper-case letter.
const WORD: u8 = 1;
const UPPER: u8 = 2;

/// What a word's ASCII bytes are, read once as the reader scans them:
/// the word then needs no second pass to be lower-cased (most words
/// are lower case already), where scanning each word three times was
/// most of reading a clause.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'\'' {
            t[b] = WORD;
        }
        if c.is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        b += 1;
    }
    t
};

/// A word of the clause: borrowed from the text unless it had to be
/// respelled.
type Word<'a> = Cow<'a, str>;

/// One written word as the cue tables spell it: curly apostrophes made
/// straight, and a clitic "'ll" split off ("we'll" carries the future).
/// The stem, and the clitic if there was one.
fn split_word(w: &str) -> (Word<'_>, Option<Word<'_>>) {
    let w: Word<'_> = if !w.is_ascii() && w.contains('’') {
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
            (Cow::Borrowed(&b[..n]), Some(Cow::Borrowed("'ll")))
        }
        (Some(n), Cow::Owned(o)) => {
            (Cow::Owned(o[..n].to_string()), Some(Cow::Borrowed("'ll")))
        }
        (None, w) => (w, None),
    }
}

/// One word of the clause as written (the infinitive test reads its
/// case) and lower-cased (as the cue tables spell it).
#[derive(Default)]
struct Piece<'a> {
    cased: Word<'a>,
    lower: Lower<'a>,
}

/// A word lower-cased: borrowed when it is lower case already, as most
/// are, else held inline.
enum Lower<'a> {
    Same(&'a str),
    Own(CompactString),
}

impl Default for Lower<'_> {
    fn default() -> Self {
        Lower::Same("")
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        match self {
            Lower::Same(w) => w,
            Lower::Own(w) => w,
        }
    }
}

impl<'a> Piece<'a> {
    /// A word of ASCII word bytes only, and whether one is upper case:
    /// what [`Piece::new`] makes of it, without reading it again.
    fn ascii(cased: &'a str, upper: bool) -> Piece<'a> {
        if !upper {
            return Piece {
                cased: Cow::Borrowed(cased),
                lower: Lower::Same(cased),
            };
        }
        let mut l = CompactString::from(cased);
        l.make_ascii_lowercase();
        Piece { cased: Cow::Borrowed(cased), lower: Lower::Own(l) }
    }

    fn new(cased: Word<'a>) -> Piece<'a> {
        let lower = match &cased {
            Cow::Borrowed(w)
                if w.bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase()) =>
            {
                Lower::Same(w)
            }
            w if w.is_ascii() => {
                let mut l = CompactString::from(w.as_ref());
                l.make_ascii_lowercase();
                Lower::Own(l)
            }
            w => Lower::Own(w.to_lowercase().into()),
        };
        Piece { cased, lower }
    }
}

/// How many words a reader holds at most: the scans look at most
/// [`BACK`] words back and three before those, and a word may split in
/// two ("we'll").
const HELD: usize = BACK + 4;

/// The words of the clause on one side of an expression, nearest
/// first, read only as far as they are asked for: the cue nearest the
/// expression decides, and is most often within a few words of it, so
/// reading the whole clause (up to [`LIMIT`] bytes each side) and
/// copying its words was most of the cost.
///
/// The clause ends at a sentence end or [`LIMIT`] bytes away, at a
/// character boundary; its words are the runs of word characters
/// inside it.
struct Reader<'a> {
    text: &'a str,
    /// Going back, the start of what has been read; going ahead, its
    /// end. Always a character boundary.
    at: usize,
    /// The first byte (going back) or one past the last (going ahead)
    /// that the clause may take, before sentence ends are considered.
    limit: usize,
    ahead: bool,
    /// The clause has no more words.
    done: bool,
    /// The words read, nearest first: the first `len` of `pieces`.
    pieces: [Piece<'a>; HELD],
    len: usize,
}

impl<'a> Reader<'a> {
    /// The words before byte `start`, nearest first.
    fn back(text: &'a str, start: usize) -> Reader<'a> {
        let limit = start.saturating_sub(LIMIT);
        Reader::new(text, start, limit, false)
    }

    /// The words after byte `end`, nearest first.
    fn ahead(text: &'a str, end: usize) -> Reader<'a> {
        let limit = (end + LIMIT).min(text.len());
        Reader::new(text, end, limit, true)
    }

    fn new(text: &'a str, at: usize, limit: usize, ahead: bool) -> Self {
        Reader {
            text,
            at,
            limit,
            ahead,
            done: false,
            pieces: Default::default(),
            len: 0,
        }
    }

    /// The character next to `at` on the reader's side, if the clause
    /// holds it: its other end, and whether it is a word character.
    fn next_char(&self) -> Option<(usize, bool)> {
        let bytes = self.text.as_bytes();
        if self.ahead {
            let p = self.at;
            let b = *bytes.get(p)?;
            if b.is_ascii() {
                let in_clause = p < self.limit && !is_sentence_end(bytes, p);
                let word = is_word_byte(b);
                return in_clause.then_some((p + 1, word));
            }
            let c = self.text[p..].chars().next()?;
            let q = p + c.len_utf8();
            (q <= self.limit).then_some((q, is_word_char(c)))
        } else {
            let q = self.at.checked_sub(1)?;
            let b = bytes[q];
            if b.is_ascii() {
                let in_clause = q >= self.limit && !is_sentence_end(bytes, q);
                let word = is_word_byte(b);
                return in_clause.then_some((q, word));
            }
            let c = self.text[..self.at].chars().next_back()?;
            let q = self.at - c.len_utf8();
            (q >= self.limit).then_some((q, is_word_char(c)))
        }
    }

    /// Reads the next word into `pieces`; false at the clause's end.
    fn read_word(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        loop {
            // A space, the gap between most words, is stepped over
            // here: it is never a sentence end, and `next_char` cost a
            // call for it.
            if self.ahead {
                if self.at < self.limit && bytes[self.at] == b' ' {
                    self.at += 1;
                    continue;
                }
            } else if self.at > self.limit && bytes[self.at - 1] == b' ' {
                self.at -= 1;
                continue;
            }
            match self.next_char() {
                None => return false,
                Some((_, true)) => break,
                Some((q, false)) => self.at = q,
            }
        }
        let from = self.at;
        // The classes of the word's ASCII bytes, and whether it has any
        // other character.
        let mut seen = 0;
        let mut plain = true;
        loop {
            // Runs of ASCII letters and digits, never sentence ends,
            // byte by byte; anything else through `next_char`.
            let mut at = self.at;
            if self.ahead {
                while at < self.limit {
                    let class = BYTE_CLASS[usize::from(bytes[at])];
                    if class & WORD == 0 {
                        break;
                    }
                    seen |= class;
                    at += 1;
                }
            } else {
                while at > self.limit {
                    let class = BYTE_CLASS[usize::from(bytes[at - 1])];
                    if class & WORD == 0 {
                        break;
                    }
                    seen |= class;
                    at -= 1;
                }
            }
            self.at = at;
            match self.next_char() {
                Some((q, true)) => {
                    plain = false;
                    self.at = q;
                }
                _ => break,
            }
        }
        let w = if self.ahead {
            &self.text[from..self.at]
        } else {
            &self.text[self.at..from]
        };
        // An ASCII word without a clitic, as most are, is held as read.
        if plain && !w.ends_with("'ll") && !w.ends_with("'LL") {
            self.push(Piece::ascii(w, seen & UPPER != 0));
            return true;
        }
        let (stem, clitic) = split_word(w);
        match clitic {
            Some(clitic) if !self.ahead => {
                self.push(Piece::new(clitic));
                self.push(Piece::new(stem));
            }
            Some(clitic) => {
                self.push(Piece::new(stem));
                self.push(Piece::new(clitic));
            }
            None => self.push(Piece::new(stem)),
        }
        true
    }

    fn push(&mut self, piece: Piece<'a>) {
        self.pieces[self.len] = piece;
        self.len += 1;
    }

    /// Reads until `n` words are held (at most [`HELD`] less one) or
    /// the clause ends; the words read, nearest first.
    fn fill(&mut self, n: usize) -> &[Piece<'a>] {
        // Room for the two pieces of a split word.
        let n = n.min(HELD - 1);
        while self.len < n && !self.done {
            self.done = !self.read_word();
        }
        &self.pieces[..self.len]
    }
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
/// `earlier` are the (at most three) words before `word`, `previous`
/// the one right before it.
fn adjust<'w>(
    word: &str,
    mut earlier: impl Iterator<Item = &'w str>,
    previous: Option<&str>,
    tense: Tense,
) -> Tense {
    if word == "set" || word == "poised" {
        return Tense::Future;
    }
    if tense == Tense::Future {
        return tense;
    }
    if earlier.any(|w| FUTURE_AUX.contains(&w)) {
        return Tense::Future;
    }
    // "is heard", "are expected": a participle after a present form of
    // "be" is present, not past.
    if tense == Tense::Past
        && matches!(previous, Some("is" | "are" | "am" | "being"))
    {
        return Tense::Present;
    }
    tense
}

/// "set to vote", "set for Friday", "a meeting set later Wednesday",
/// "planned for early March": the participle right before the time
/// also counts. `next` is the word after `word`.
fn set_to(word: &str, next: Option<&str>) -> bool {
    matches!(word, "set" | "planned" | "scheduled" | "slated")
        && next.is_none_or(|n| {
            matches!(n, "to" | "for" | "later" | "next" | "this")
        })
        || word == "poised"
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
/// (`next`, as written) must be a lower-case word that is not a
/// determiner or a number.
fn infinitive(word: &str, next: Option<&str>) -> bool {
    word.eq_ignore_ascii_case("to")
        && next.is_some_and(|w| {
            w.chars().all(|c| c.is_ascii_lowercase())
                && !NOT_VERB_AFTER_TO.contains(&w)
                && !PAST.contains(&w)
                && !MONTH_WORDS.contains(&w)
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
/// The verb group nearest the expression wins, looking first up to
/// twelve words back (where news puts the verb: "said Wednesday") and
/// then up to four words ahead.
pub fn clause_at(text: &str, start: usize, end: usize) -> Clause {
    // A public function: offsets that are not a range of `text` are
    // clamped to one rather than panic when sliced below.
    let end = text.floor_char_boundary(end);
    let start = text.floor_char_boundary(start.min(end));
    let mut before = Reader::back(text, start);
    let later_same_day =
        before.fill(1).first().is_some_and(|p| p.lower.as_ref() == "later");
    let mut infinitive_first = false;
    let mut found = None;
    'scan: {
        for k in 0..BACK {
            // The word, the one after it, and the three before it (for
            // an auxiliary).
            let ws = before.fill(k + 4);
            let Some(w) = ws.get(k) else { break };
            let next = k.checked_sub(1).map(|j| &ws[j]);
            if !infinitive_first
                && infinitive(&w.cased, next.map(|n| n.cased.as_ref()))
            {
                infinitive_first = true;
                continue;
            }
            let tense =
                if set_to(w.lower.as_ref(), next.map(|n| n.lower.as_ref())) {
                    Some(Tense::Future)
                } else {
                    classify(w.lower.as_ref())
                };
            if let Some(t) = tense {
                let earlier = ws[k + 1..].iter().take(3);
                found = Some(adjust(
                    w.lower.as_ref(),
                    earlier.map(|p| p.lower.as_ref()),
                    ws.get(k + 1).map(|p| p.lower.as_ref()),
                    t,
                ));
                break 'scan;
            }
        }
        let mut after = Reader::ahead(text, end);
        for i in 0..AHEAD {
            let ws = after.fill(i + 2);
            let Some(w) = ws.get(i) else { break };
            if set_to(
                w.lower.as_ref(),
                ws.get(i + 1).map(|p| p.lower.as_ref()),
            ) {
                found = Some(Tense::Future);
                break 'scan;
            }
            if let Some(t) = classify(w.lower.as_ref()) {
                let earlier = ws[i.saturating_sub(3)..i].iter();
                found = Some(adjust(
                    w.lower.as_ref(),
                    earlier.map(|p| p.lower.as_ref()),
                    i.checked_sub(1).map(|j| ws[j].lower.as_ref()),
                    t,
                ));
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

    /// The clause around `start..end` as bounds: a sentence end or
    /// [`LIMIT`] bytes each side, at character boundaries. What the
    /// readers must stop at, found the plain way.
    fn clause_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
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

    /// Every word of `s`, in order, as the readers split them.
    fn all_words(s: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        for w in s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
        {
            let (stem, clitic) = split_word(w);
            out.push(stem);
            out.extend(clitic);
        }
        out
    }

    /// [`clause_at`] over every word of the clause, read first: the
    /// scans as they were before the words were read lazily.
    fn clause_at_eagerly(text: &str, start: usize, end: usize) -> Clause {
        let end = text.floor_char_boundary(end);
        let start = text.floor_char_boundary(start.min(end));
        let (lo, hi) = clause_bounds(text, start, end);
        let before_cased = all_words(&text[lo..start]);
        let before: Vec<String> =
            before_cased.iter().map(|w| w.to_lowercase()).collect();
        let after: Vec<String> = all_words(&text[end..hi])
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let later_same_day = before.last().is_some_and(|w| w == "later");
        let mut infinitive_first = false;
        let mut found = None;
        'scan: {
            for i in (before.len().saturating_sub(BACK)..before.len()).rev() {
                let next = before_cased.get(i + 1).map(|w| w.as_ref());
                if !infinitive_first && infinitive(&before_cased[i], next) {
                    infinitive_first = true;
                    continue;
                }
                let next = before.get(i + 1).map(String::as_str);
                let tense = if set_to(&before[i], next) {
                    Some(Tense::Future)
                } else {
                    classify(&before[i])
                };
                if let Some(t) = tense {
                    let earlier = &before[i.saturating_sub(3)..i];
                    let previous = i.checked_sub(1).map(|j| &*before[j]);
                    let earlier = earlier.iter().map(String::as_str);
                    found = Some(adjust(&before[i], earlier, previous, t));
                    break 'scan;
                }
            }
            for i in 0..after.len().min(AHEAD) {
                if set_to(&after[i], after.get(i + 1).map(String::as_str)) {
                    found = Some(Tense::Future);
                    break 'scan;
                }
                if let Some(t) = classify(&after[i]) {
                    let earlier = &after[i.saturating_sub(3)..i];
                    let previous = i.checked_sub(1).map(|j| &*after[j]);
                    let earlier = earlier.iter().map(String::as_str);
                    found = Some(adjust(&after[i], earlier, previous, t));
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

    /// Pieces of text where clauses, words and cues begin and end:
    /// sentence ends and periods that are not, clitics, curly
    /// apostrophes, capitals, non-ASCII letters (the Kelvin sign
    /// lower-cases to an ASCII "k") and long words that push the clause
    /// past its byte limit.
    fn soup() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "said",
                "Said",
                "SAID",
                "will",
                "Will",
                "to",
                "To",
                "set",
                "for",
                "later",
                "is",
                "are",
                "being",
                "planned",
                "poised",
                "meet",
                "agreed",
                "acquire",
                "ended",
                "Ended",
                "need",
                "the",
                "We'll",
                "we’ll",
                "’ll",
                "'ll",
                "They'LL",
                "l",
                "\u{212A}new",
                "\u{130}s",
                "é",
                "日本",
                "2017",
                " ",
                " ",
                "  ",
                ". ",
                ". The",
                ". the",
                "U.S. ",
                "Mr. ",
                "\n",
                "\n\n",
                ";",
                "!",
                "?",
                "-",
                ", ",
                "'",
                "’",
                "\"",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "éééééééééééééééééééééééééééééééééééééé",
            ]),
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// The readers give the clause's words, nearest first (as many
        /// as they hold), and stop where the clause does.
        #[test]
        fn readers_read_the_clause_words(
            s in soup(),
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let end = s.floor_char_boundary(a.max(b));
            let start = s.floor_char_boundary(a.min(b));
            let (lo, hi) = clause_bounds(&s, start, end);
            let mut back_words = all_words(&s[lo..start]);
            back_words.reverse();
            let ahead_words = all_words(&s[end..hi]);
            for (mut reader, want) in [
                (Reader::back(&s, start), back_words),
                (Reader::ahead(&s, end), ahead_words),
            ] {
                let got: Vec<&str> =
                    reader.fill(HELD).iter().map(|p| &*p.cased).collect();
                let want: Vec<&str> = want.iter().map(|w| &**w).collect();
                proptest::prop_assert!(got.len() >= want.len().min(HELD - 1));
                proptest::prop_assert_eq!(&got[..], &want[..got.len()]);
            }
        }

        /// Reading only the words the scans ask for decides as reading
        /// them all first.
        #[test]
        fn lazy_clause_is_the_eager_one(
            s in soup(),
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let (start, end) = (a.min(b), a.max(b));
            proptest::prop_assert_eq!(
                clause_at(&s, start, end),
                clause_at_eagerly(&s, start, end)
            );
        }
    }

    /// A word read byte by byte as ASCII is held as the general path
    /// holds it: the same spelling, the same lower case.
    #[test]
    fn ascii_pieces_are_the_general_ones() {
        for w in ["said", "Said", "SAID", "2017", "o'clock", "US", "x"] {
            let upper = w.bytes().any(|b| b.is_ascii_uppercase());
            let fast = Piece::ascii(w, upper);
            let slow = Piece::new(Cow::Borrowed(w));
            assert_eq!(fast.cased, slow.cased, "{w}");
            assert_eq!(fast.lower.as_ref(), slow.lower.as_ref(), "{w}");
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
