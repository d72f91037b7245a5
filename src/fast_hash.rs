//! Hash maps for the crate's own keys (byte offsets, mention numbers,
//! interned words, features), hashed by a multiplication per word: the
//! default hasher guards against keys crafted to collide, which these
//! are not, and costs several times as much on the merge's millions of
//! lookups. No result depends on the hash: the maps are only looked up,
//! and where one is walked the order is made not to matter. (The
//! merge's node signatures hold input text: a crafted collision costs a
//! comparison, never a wrong node.)

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map with [`MultiplyHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastState>;

/// A hash set with [`MultiplyHasher`].
pub type FastSet<K> = HashSet<K, FastState>;

/// What builds a [`MultiplyHasher`], for hashes made outside a map.
pub type FastState = BuildHasherDefault<MultiplyHasher>;

/// Folds what is written into a word, eight bytes at a time, and
/// spreads it by a multiplication (Fibonacci hashing).
#[derive(Default)]
pub struct MultiplyHasher(u64);

impl Hasher for MultiplyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.write_u64(short_word(rest));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 =
            (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

/// Up to eight bytes as a little-endian word, zero above them: what
/// copying them into a zeroed word gives, read in at most three loads
/// that may overlap rather than through a call to `memcpy` (most
/// strings hashed end in fewer than eight bytes, and most words are
/// shorter: see `merge::cluster::Symbols`).
pub(crate) fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let load4 = |at: usize| {
        u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()))
    };
    match n {
        0 => 0,
        1..4 => {
            let byte = |at: usize| u64::from(bytes[at]) << (8 * at);
            byte(0) | byte(n / 2) | byte(n - 1)
        }
        4..8 => load4(0) | load4(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes(bytes[..8].try_into().unwrap()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_the_bytes_padded_with_zeros() {
        let bytes = b"\x01\x82\x03\xf4\x05\x06\xa7\x08";
        for n in 0..=8 {
            let mut word = [0u8; 8];
            word[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                short_word(&bytes[..n]),
                u64::from_le_bytes(word),
                "{n}"
            );
        }
    }

    #[test]
    fn strings_that_differ_in_their_tail_hash_apart() {
        let hash = |s: &str| {
            let mut h = MultiplyHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(hash("attacking"), hash("attacked"));
        assert_ne!(hash("abcdefgh1"), hash("abcdefgh2"));
        assert_eq!(hash("sarin"), hash("sarin"));
    }
}
