//! Short fixed lists of lower-case words, asked word by word whether
//! they hold a word of a sentence.

use crate::fast_hash::FastSet;

/// A fixed list of words with, per first byte, the lengths of its
/// words: asked of every word near a trigger, most words are answered
/// by that table alone, where searching the list compared strings.
pub(crate) struct WordList {
    words: &'static [&'static str],
    /// Per first byte, bit `n` set when a word of `n` bytes starts with
    /// it (words of 64 bytes or more are not marked).
    lengths: [u64; 256],
}

impl WordList {
    /// The list of `words`, as written (matching is exact).
    pub(crate) const fn new(words: &'static [&'static str]) -> WordList {
        let mut lengths = [0u64; 256];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if !w.is_empty() && w.len() < 64 {
                lengths[w[0] as usize] |= 1 << w.len();
            }
            i += 1;
        }
        WordList { words, lengths }
    }

    /// Whether `w` is one of the words.
    pub(crate) fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let marked = match b.first() {
            Some(&first) if b.len() < 64 => {
                self.lengths[usize::from(first)] & (1 << b.len()) != 0
            }
            // The table says nothing of these: searched.
            _ => true,
        };
        marked && self.words.contains(&w)
    }
}

/// Per first byte, in either ASCII case, the lengths of the words of a
/// set: whether a word may be in it, asked before the word is
/// lower-cased and hashed. Most words asked about are turned away here.
#[derive(Debug, Clone)]
pub(crate) struct Shapes([u64; 256]);

impl Shapes {
    /// The shapes of lower-case `words`.
    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> Shapes {
        let mut lengths = [0u64; 256];
        for w in words {
            if let Some(&b) = w.first().filter(|_| w.len() < 64) {
                let bit = 1 << w.len();
                lengths[usize::from(b.to_ascii_lowercase())] |= bit;
                lengths[usize::from(b.to_ascii_uppercase())] |= bit;
            }
        }
        Shapes(lengths)
    }

    /// Whether `w`, lower-cased, may be one of the words (an empty word
    /// or one of 64 bytes or more may always be).
    pub(crate) fn may_hold(&self, w: &[u8]) -> bool {
        match w.first() {
            Some(&b) if w.len() < 64 => {
                self.0[usize::from(b)] & (1 << w.len()) != 0
            }
            _ => true,
        }
    }
}

/// A set of lower-case words with their [`Shapes`]: asked of every word
/// near a trigger or a time expression, a word whose first letter and
/// length no member has is answered without reading it further. An
/// ASCII word is compared, lower-cased byte by byte, with the few
/// members that start with its first letter (copying it lower-cased and
/// hashing it cost more than that); any other is lower-cased and
/// hashed.
pub(crate) struct WordSet {
    words: FastSet<&'static [u8]>,
    shapes: Shapes,
    /// The members by their first byte.
    by_first: Box<[Vec<&'static [u8]>; 256]>,
}

impl WordSet {
    /// The set of lower-case `words`.
    pub(crate) fn new(
        words: impl IntoIterator<Item = &'static str>,
    ) -> WordSet {
        let words: FastSet<&'static [u8]> =
            words.into_iter().map(str::as_bytes).collect();
        let mut by_first: Box<[Vec<&'static [u8]>; 256]> =
            Box::new(std::array::from_fn(|_| Vec::new()));
        for &w in &words {
            if let Some(&b) = w.first() {
                by_first[usize::from(b)].push(w);
            }
        }
        WordSet { shapes: Shapes::of(words.iter().copied()), words, by_first }
    }

    /// Whether `w` lower-cased is one of the words.
    pub(crate) fn contains(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return self.words.contains(w.to_lowercase().as_bytes());
        }
        let b = w.as_bytes();
        if !self.shapes.may_hold(b) {
            return false;
        }
        let Some(&first) = b.first() else {
            return self.words.contains(b);
        };
        self.by_first[usize::from(first.to_ascii_lowercase())].iter().any(
            |m| {
                m.len() == b.len()
                    && m.iter()
                        .zip(b)
                        .all(|(&m, &c)| m == c.to_ascii_lowercase())
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_turn_away_what_no_word_fits() {
        let shapes = Shapes::of(["of", "one"].map(str::as_bytes));
        for w in ["of", "Of", "OF", "one", "Ono", "", &"x".repeat(70)] {
            assert!(shapes.may_hold(w.as_bytes()), "{w}");
        }
        for w in ["o", "oops", "in", "a"] {
            assert!(!shapes.may_hold(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn a_set_holds_its_words_in_any_case() {
        // Longer than the buffer an ASCII word is lower-cased in.
        const LONG: &str = "abcdefghijklmnopqrstuvwxyzabcdefghijklmn";
        let set = WordSet::new(["said", "a", "über", LONG]);
        let long_upper = LONG.to_uppercase();
        for w in ["said", "SAID", "Said", "a", "A", "über", "ÜBER", LONG] {
            assert!(set.contains(w), "{w}");
        }
        assert!(set.contains(&long_upper));
        let longer = long_upper + "x";
        for w in ["", "sai", "saidx", "b", "uber", "ÜBERx", &longer] {
            assert!(!set.contains(w), "{w}");
        }
    }

    proptest::proptest! {
        /// Compared with the members of its first letter, an ASCII word
        /// is in the set exactly when its lower-cased copy is.
        #[test]
        fn a_set_answers_as_its_lower_cased_copy_is_hashed(
            w in "[oOnNeEaAtTwW]{0,5}|[a-z]{30,40}|x{64,66}",
        ) {
            let words = ["one", "on", "a", "an", "at", "two", "ten", "tee"];
            let long: &'static str = "x".repeat(65).leak();
            let set = WordSet::new(words.into_iter().chain([long]));
            let lower = w.to_ascii_lowercase();
            let want = words.contains(&lower.as_str()) || lower == long;
            proptest::prop_assert_eq!(set.contains(&w), want);
        }
    }

    #[test]
    fn holds_its_words_and_no_other() {
        static LIST: WordList = WordList::new(&["of", "on", "", "a"]);
        for w in ["of", "on", "", "a"] {
            assert!(LIST.contains(w), "{w}");
        }
        for w in ["o", "off", "in", "A", "an", "b", &"x".repeat(70)] {
            assert!(!LIST.contains(w), "{w}");
        }
    }
}
