//! The mentions of a merge, held compactly: every string a mention
//! carries (its trigger, dates, names, amounts) is kept once per merge
//! and named by a number, and every list of names once per distinct
//! list. A mention read from a line takes about 0.9 KB as a
//! [`Mention`]; stored here, about 0.2 KB besides its sentence (which
//! the mentions of one sentence share). Nothing is lost: [`Store::mention`]
//! gives the mention back as it came, so the events built from stored
//! mentions, and the hashes of stored documents, are those of the
//! mentions themselves.
//!
//! Equal strings (and lists) get equal numbers, so two stored mentions
//! are equal exactly when their fields and numbers are.

use std::borrow::Borrow;
use std::hash::Hash;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use super::fast_hash::FastMap;
use crate::events::anchor::{Precision, TimeEvidence};
use crate::events::arguments::Quantity;
use crate::events::{EventType, Factuality, Mention};
use crate::{DctSource, DocumentMentions};

/// Values numbered in the order they come, each kept once.
struct Table<K> {
    ids: FastMap<K, u32>,
    values: Vec<K>,
}

impl<K> Default for Table<K> {
    fn default() -> Table<K> {
        Table { ids: FastMap::default(), values: Vec::new() }
    }
}

impl<K: Hash + Eq + Clone> Table<K> {
    /// The number of `key`, made with `own` the first time.
    fn id<Q>(&mut self, key: &Q, own: impl FnOnce(&Q) -> K) -> u32
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(&n) = self.ids.get(key) {
            return n;
        }
        // A merge of 2^32 distinct strings would not fit in memory.
        let n = self.values.len() as u32;
        let value = own(key);
        self.values.push(value.clone());
        self.ids.insert(value, n);
        n
    }

    fn get(&self, n: u32) -> &K {
        &self.values[n as usize]
    }
}

/// An amount ([`Quantity`]) with its strings numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    /// The number.
    pub value: u64,
    /// Its qualifier ("more than", "dozens").
    pub qualifier: Option<u32>,
    /// What is counted.
    pub what: u32,
    /// The amount as written.
    pub text: u32,
}

/// [`TimeEvidence`] with its strings numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Time {
    /// [`TimeEvidence::Timex`].
    Timex {
        /// Which rule chose it.
        how: &'static str,
        /// The expression as written.
        text: u32,
        /// Its code point offsets.
        start: usize,
        /// End, exclusive.
        end: usize,
        /// Its TIMEX3 value.
        value: u32,
    },
    /// [`TimeEvidence::DctBound`].
    DctBound {
        /// `on_or_before` or `on_or_after`.
        relation: &'static str,
        /// The DCT.
        dct: NaiveDate,
    },
    /// [`TimeEvidence::Holds`].
    Holds {
        /// The trigger held.
        trigger: u32,
        /// Its code point offsets.
        start: usize,
        /// End, exclusive.
        end: usize,
    },
    /// [`TimeEvidence::None`].
    None,
}

/// A stored [`Mention`]: its fields, strings and lists as numbers.
#[derive(Debug, Clone)]
pub struct Compact {
    /// [`Mention::start`].
    pub start: usize,
    /// [`Mention::end`].
    pub end: usize,
    phrase_start: usize,
    phrase_end: usize,
    /// [`Mention::sentence_start`].
    pub sentence_start: usize,
    /// [`Mention::bytes`].
    pub bytes: Range<usize>,
    /// The sentence, shared as the mention shared it.
    pub sentence: Arc<str>,
    /// [`Mention::lemma`].
    pub lemma: &'static str,
    /// [`Mention::time_evidence`].
    pub time: Time,
    confidence: f64,
    /// [`Mention::span`].
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// [`Mention::trigger`].
    pub trigger: u32,
    date: Option<u32>,
    end_date: Option<u32>,
    /// [`Mention::body`].
    pub body: Option<u32>,
    /// [`Mention::actors`], a list.
    pub actors: u32,
    /// [`Mention::places`], a list.
    pub places: u32,
    /// [`Mention::with`], a list.
    pub with: u32,
    /// [`Mention::numbers`], a list of amounts.
    pub numbers: u32,
    /// [`Mention::kind`].
    pub kind: EventType,
    precision: Option<Precision>,
    /// [`Mention::factuality`].
    pub factuality: Factuality,
    /// [`Mention::located`].
    pub located: bool,
}

/// Mentions held compactly.
#[derive(Default)]
pub struct Store {
    strings: Table<Box<str>>,
    lists: Table<Box<[u32]>>,
    amounts: Table<Box<[Amount]>>,
    mentions: Vec<Compact>,
    /// A list's string numbers while it is looked up, kept between
    /// lists: a merge looks up three lists a mention, millions of
    /// them, on the one thread that reads the input.
    ids: Vec<u32>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("mentions", &self.mentions.len())
            .field("strings", &self.strings.values.len())
            .finish()
    }
}

impl Store {
    fn string(&mut self, s: &str) -> u32 {
        self.strings.id(s, |x| Box::from(x))
    }

    fn names(&mut self, names: &[String]) -> u32 {
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        ids.extend(names.iter().map(|n| self.string(n)));
        let n = self.lists.id(&ids[..], |x| Box::from(x));
        self.ids = ids;
        n
    }

    fn time(&mut self, t: &TimeEvidence) -> Time {
        match t {
            TimeEvidence::Timex { how, text, start, end, value } => {
                Time::Timex {
                    how,
                    text: self.string(text),
                    start: *start,
                    end: *end,
                    value: self.string(value),
                }
            }
            TimeEvidence::DctBound { relation, dct } => {
                Time::DctBound { relation, dct: *dct }
            }
            TimeEvidence::Holds { trigger, start, end } => Time::Holds {
                trigger: self.string(trigger),
                start: *start,
                end: *end,
            },
            TimeEvidence::None => Time::None,
        }
    }

    /// Stores a mention; returns its number.
    pub fn add(&mut self, m: &Mention) -> usize {
        let amounts: Vec<Amount> = m
            .numbers
            .iter()
            .map(|q| Amount {
                value: q.value,
                qualifier: q.qualifier.as_deref().map(|s| self.string(s)),
                what: self.string(&q.what),
                text: self.string(&q.text),
            })
            .collect();
        let compact = Compact {
            start: m.start,
            end: m.end,
            phrase_start: m.phrase_start,
            phrase_end: m.phrase_end,
            sentence_start: m.sentence_start,
            bytes: m.bytes.clone(),
            sentence: m.sentence.clone(),
            lemma: m.lemma,
            time: self.time(&m.time_evidence),
            confidence: m.confidence,
            span: m.span,
            trigger: self.string(&m.trigger),
            date: m.date.as_deref().map(|s| self.string(s)),
            end_date: m.end_date.as_deref().map(|s| self.string(s)),
            body: m.body.as_deref().map(|s| self.string(s)),
            actors: self.names(&m.actors),
            places: self.names(&m.places),
            with: self.names(&m.with),
            numbers: self.amounts.id(&amounts[..], |x| Box::from(x)),
            kind: m.kind,
            precision: m.precision,
            factuality: m.factuality,
            located: m.located,
        };
        self.mentions.push(compact);
        self.mentions.len() - 1
    }

    /// Stored mention `i`.
    pub fn get(&self, i: usize) -> &Compact {
        &self.mentions[i]
    }

    /// How many mentions are stored.
    pub fn len(&self) -> usize {
        self.mentions.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
    }

    /// String number `n`.
    pub fn str(&self, n: u32) -> &str {
        self.strings.get(n)
    }

    /// The string numbers of list `n`, in the order of the list.
    pub fn list(&self, n: u32) -> &[u32] {
        self.lists.get(n)
    }

    /// The amounts of list `n`, in order.
    pub fn amounts(&self, n: u32) -> &[Amount] {
        self.amounts.get(n)
    }

    fn owned(&self, n: u32) -> String {
        self.str(n).to_owned()
    }

    fn owned_list(&self, n: u32) -> Vec<String> {
        self.list(n).iter().map(|&s| self.owned(s)).collect()
    }

    /// Mention `i` as it was stored.
    pub fn mention(&self, i: usize) -> Mention {
        let c = &self.mentions[i];
        let time_evidence = match c.time {
            Time::Timex { how, text, start, end, value } => {
                TimeEvidence::Timex {
                    how,
                    text: self.owned(text),
                    start,
                    end,
                    value: self.owned(value),
                }
            }
            Time::DctBound { relation, dct } => {
                TimeEvidence::DctBound { relation, dct }
            }
            Time::Holds { trigger, start, end } => TimeEvidence::Holds {
                trigger: self.owned(trigger),
                start,
                end,
            },
            Time::None => TimeEvidence::None,
        };
        Mention {
            start: c.start,
            end: c.end,
            phrase_start: c.phrase_start,
            phrase_end: c.phrase_end,
            trigger: self.owned(c.trigger),
            lemma: c.lemma,
            kind: c.kind,
            date: c.date.map(|s| self.owned(s)),
            precision: c.precision,
            span: c.span,
            end_date: c.end_date.map(|s| self.owned(s)),
            time_evidence,
            confidence: c.confidence,
            factuality: c.factuality,
            actors: self.owned_list(c.actors),
            places: self.owned_list(c.places),
            numbers: self
                .amounts(c.numbers)
                .iter()
                .map(|a| Quantity {
                    value: a.value,
                    qualifier: a.qualifier.map(|s| self.owned(s)),
                    what: self.owned(a.what),
                    text: self.owned(a.text),
                })
                .collect(),
            sentence: c.sentence.clone(),
            sentence_start: c.sentence_start,
            located: c.located,
            with: self.owned_list(c.with),
            body: c.body.map(|s| self.owned(s)),
            bytes: c.bytes.clone(),
        }
    }

    /// Whether stored mentions `i` and `j` are equal.
    pub fn same(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.mentions[i], &self.mentions[j]);
        a.start == b.start
            && a.end == b.end
            && a.phrase_start == b.phrase_start
            && a.phrase_end == b.phrase_end
            && a.sentence_start == b.sentence_start
            && a.bytes == b.bytes
            && a.lemma == b.lemma
            && a.time == b.time
            && a.confidence == b.confidence
            && a.span == b.span
            && a.trigger == b.trigger
            && a.date == b.date
            && a.end_date == b.end_date
            && a.body == b.body
            && a.actors == b.actors
            && a.places == b.places
            && a.with == b.with
            && a.numbers == b.numbers
            && a.kind == b.kind
            && a.precision == b.precision
            && a.factuality == b.factuality
            && a.located == b.located
            && a.sentence == b.sentence
    }
}

/// A stored document: all of it but its mentions, which are in the
/// store.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// [`DocumentMentions::id`].
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its DCT.
    pub dct: Option<NaiveDate>,
    /// Where the DCT came from.
    pub dct_source: DctSource,
    dct_evidence: Vec<String>,
    warnings: Vec<String>,
    /// Its mentions' numbers in the store, in text order.
    pub mentions: Range<usize>,
}

/// Documents read for a merge, their mentions in one [`Store`]: what
/// `timeline merge` holds of its input.
#[derive(Debug, Default)]
pub struct Stored {
    /// The mentions.
    pub store: Store,
    /// The documents, in the order they came.
    pub documents: Vec<StoredDocument>,
}

impl Stored {
    /// Room for the mentions of `bytes` of mention lines, reserved at
    /// once: grown by doubling, the list of a million mentions (about
    /// 200 MB) was copied whole several times, and each copy's pages
    /// faulted in anew. A line takes 600-700 bytes a mention (its
    /// sentence, its keys), so one mention a 512 bytes is room enough
    /// for most inputs; room never written is never touched and takes
    /// no memory. The size is only a hint: room the system refuses
    /// (input far larger than memory) is left to grow as it is needed,
    /// where asking for it outright would end the process.
    pub fn for_input(bytes: u64) -> Stored {
        let mut stored = Stored::default();
        let mentions = usize::try_from(bytes / 512).unwrap_or(usize::MAX);
        // Refused room changes nothing but the speed: no error to give.
        let _ = stored.store.mentions.try_reserve(mentions);
        stored
    }

    /// Stores a document and its mentions.
    pub fn push(&mut self, d: DocumentMentions) {
        let first = self.store.len();
        for m in &d.mentions {
            self.store.add(m);
        }
        self.documents.push(StoredDocument {
            id: d.id,
            title: d.title,
            dct: d.dct,
            dct_source: d.dct_source,
            dct_evidence: d.dct_evidence,
            warnings: d.warnings,
            mentions: first..self.store.len(),
        });
    }

    /// Document `k` as it was pushed.
    pub fn document(&self, k: usize) -> DocumentMentions {
        let d = &self.documents[k];
        DocumentMentions {
            id: d.id.clone(),
            title: d.title.clone(),
            dct: d.dct,
            dct_source: d.dct_source,
            dct_evidence: d.dct_evidence.clone(),
            warnings: d.warnings.clone(),
            mentions: d
                .mentions
                .clone()
                .map(|i| self.store.mention(i))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_hint_beyond_memory_is_no_error() {
        let stored = Stored::for_input(u64::MAX);
        assert_eq!(stored.store.len(), 0);
        assert!(stored.documents.is_empty());
    }

    #[test]
    fn stored_documents_come_back_as_they_went_in() {
        let text = "Russia vetoed the resolution on Monday, officials said. \
                    More than 80 people were killed in the attack on Khan \
                    Sheikhoun on April 4. Tillerson held talks with Lavrov \
                    in Moscow.";
        let found = crate::mentions(
            &[crate::Document {
                id: "a".into(),
                title: Some("T".into()),
                url: None,
                dct: NaiveDate::from_ymd_opt(2017, 4, 12),
                dct_source: DctSource::Given,
                text: text.into(),
            }],
            None,
        );
        let mut stored = Stored::default();
        for d in &found {
            stored.push(d.clone());
        }
        assert!(stored.store.len() >= 3);
        assert_eq!(stored.document(0), found[0]);
        let ms = &found[0].mentions;
        for i in 0..ms.len() {
            for j in 0..ms.len() {
                assert_eq!(stored.store.same(i, j), ms[i] == ms[j]);
            }
        }
    }
}
