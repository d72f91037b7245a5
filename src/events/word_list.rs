//! Short fixed lists of lower-case words, asked word by word whether
//! they hold a word of a sentence.

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

#[cfg(test)]
mod tests {
    use super::*;

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
