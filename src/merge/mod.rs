//! The merger: one deduplicated, dated timeline from the event mentions
//! of many documents.

pub mod cluster;
pub mod date;
use crate::fast_hash;
pub mod linkage;
pub mod partition;
pub mod store;
pub mod title;

use chrono::NaiveDate;
use rayon::slice::ParallelSliceMut;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::DctSource;
use crate::events::anchor::{Precision, TimeEvidence};
use crate::events::{EventType, Factuality};
use store::{Store, Stored};

/// The version of the timeline JSON format.
pub const SCHEMA_VERSION: u32 = 1;

/// A timeline: the documents read and the events they report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Timeline {
    /// The version of this format (1).
    pub schema_version: u32,
    /// The documents, sorted by id.
    pub documents: Vec<DocumentInfo>,
    /// The events, sorted by date (undated last), then id.
    pub events: Vec<Event>,
}

/// A document of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DocumentInfo {
    /// The document id.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its DCT.
    pub dct: Option<NaiveDate>,
    /// Where the DCT came from.
    pub dct_source: DctSource,
}

/// One event, with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// A stable hash of the event's content.
    pub id: String,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// A headline made from the best mention.
    pub title: String,
    /// The best source sentence.
    pub summary: String,
    /// The date at its precision ("2017-04-04", "2017-W15", "2017-04"),
    /// or null.
    pub date: Option<String>,
    /// The last day, when the event lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The date's precision, or null.
    pub precision: Option<Precision>,
    /// How sure the date is, in [0, 1].
    pub confidence: f64,
    /// `actual` when any source says it happened, else `planned`.
    pub factuality: Factuality,
    /// Actors (canonical names), sorted.
    pub actors: Vec<String>,
    /// Places (canonical names), sorted.
    pub places: Vec<String>,
    /// Dates that some sources give and the event's date contradicts.
    pub date_conflicts: Vec<DateConflict>,
    /// Every mention, by document and offset.
    pub mentions: Vec<EventMention>,
    /// The first day of `date`, for sorting.
    #[serde(skip)]
    #[schemars(skip)]
    pub first_day: Option<NaiveDate>,
}

/// A source whose date disagrees with the event's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DateConflict {
    /// The document.
    pub doc: String,
    /// The date that source gives.
    pub date: String,
    /// The expression it comes from.
    pub text: String,
}

/// One mention of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventMention {
    /// The document id.
    pub doc: String,
    /// Code point offset of the trigger in the document text.
    pub start: usize,
    /// End of the trigger, exclusive.
    pub end: usize,
    /// The sentence.
    // Shared with the mention it comes from, not copied: a merge holds
    // millions.
    pub sentence: std::sync::Arc<str>,
    /// Code point offset of the sentence in the document text: the
    /// trigger is at `start - sentence_start` within it.
    pub sentence_start: usize,
    /// The trigger as written.
    pub trigger: String,
    /// The date this mention gives, if any.
    pub date: Option<String>,
    /// What placed the mention in time.
    pub time_evidence: TimeEvidence,
}

/// A stable 64-bit FNV-1a hash, written as 16 hex digits (event ids
/// must not change between runs, machines or Rust versions), of parts
/// each ended by a zero byte, fed one piece at a time.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A whole part: its bytes and the end of it.
    fn part(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
        self.bytes(&[0]);
    }

    /// A number as its decimal digits (as `{}` writes it), written by
    /// `itoa` into a buffer on the stack rather than into a string:
    /// the ids and fingerprints of a million mentions hash one each.
    fn decimal(&mut self, n: usize) {
        self.bytes(itoa::Buffer::new().format(n).as_bytes());
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// What identifies an article's content among the mentions: its DCT
/// and every mention's offset, trigger and sentence. Copies of one
/// article under other ids share it. `mentions` are the article's
/// stored mentions, in text order.
fn article_fingerprint(
    store: &Store,
    id: &str,
    dct: Option<NaiveDate>,
    mentions: std::ops::Range<usize>,
) -> String {
    // A document without mentions is never compared: its id will do.
    if mentions.is_empty() {
        return id.to_string();
    }
    let mut h = Fnv::default();
    h.part(format!("{dct:?}").as_bytes());
    // Each mention's part is "start|trigger|sentence", fed piece by
    // piece rather than written out.
    for i in mentions {
        let m = store.get(i);
        h.decimal(m.start);
        h.bytes(b"|");
        h.bytes(store.str(m.trigger).as_bytes());
        h.bytes(b"|");
        h.part(m.sentence.as_bytes());
    }
    h.hex()
}

/// A casualty mention ("killed") in the same sentence as an attack,
/// strike or disaster is part of that event, not one of its own.
/// `mentions` are a document's stored mentions, in text order.
fn host_of(
    store: &Store,
    mentions: std::ops::Range<usize>,
    i: usize,
) -> Option<usize> {
    let m = store.get(i);
    if m.kind != EventType::Death {
        return None;
    }
    mentions
        .map(|j| (j, store.get(j)))
        .filter(|(j, h)| {
            *j != i
                && h.sentence == m.sentence
                && matches!(
                    h.kind,
                    EventType::Attack
                        | EventType::MilitaryStrike
                        | EventType::Disaster
                )
        })
        .min_by_key(|(_, h)| h.bytes.start.abs_diff(m.bytes.start))
        .map(|(j, _)| j)
}

/// Where a document stands in the merge's fixed order: by id, and
/// documents that share an id by a hash of their content. Each
/// document gives its key alone, wherever it is processed, and the
/// order of the input cannot leak into the output. Keys of different
/// ids never reach the hash, which is why a merge that sees every
/// document may leave it out for the ids it sees once.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct DocKey {
    /// The document id.
    pub id: String,
    /// A 128-bit FNV-1a hash of its mention line, as 32 hex digits.
    pub content: String,
}

impl DocKey {
    /// The key of a document.
    pub fn of(d: &crate::DocumentMentions) -> DocKey {
        // Serialising these types cannot fail (see `output::to_json`).
        let json = serde_json::to_vec(d).unwrap_or_default();
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        for &b in &json {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
        DocKey { id: d.id.clone(), content: format!("{h:032x}") }
    }

    /// The key of a document whose id no other document of the merge
    /// has: its content is never compared, so it is not hashed (that
    /// would mean serialising every document).
    pub fn unique(d: &crate::DocumentMentions) -> DocKey {
        DocKey::unique_id(&d.id)
    }

    /// [`DocKey::unique`] of the document with id `id`.
    fn unique_id(id: &str) -> DocKey {
        DocKey { id: id.to_string(), content: String::new() }
    }
}

/// A document made ready for clustering: what the merge needs of it
/// that depends on the whole document (its key, its article
/// fingerprint, which mentions a host absorbs). Its mentions can then
/// be clustered block by block, in one process or spread over many
/// ([`partition`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Its place in the order.
    pub key: DocKey,
    /// Its article fingerprint: copies of one article share it.
    pub article: String,
    /// Its DCT.
    pub dct: Option<NaiveDate>,
    /// Its mentions that are clustered, in text order (or some of them:
    /// the pieces of one block).
    pub mentions: Vec<Hosted>,
}

/// A mention that is clustered, with the casualty mentions that its
/// sentence's attack, strike or disaster absorbs (`host_of`).
#[derive(Debug, Clone)]
pub struct Hosted {
    /// Its index among its document's mentions.
    pub index: usize,
    /// Its number in the store.
    pub mention: usize,
    /// The absorbed mentions, with their indices, in text order: each
    /// its index and its number in the store.
    pub guests: Vec<(usize, usize)>,
}

/// The first step of the merge, one document at a time, with its key
/// ([`DocKey::of`], or [`DocKey::unique`] when no other document has
/// its id): its mentions go to `store`.
pub fn prepare(
    store: &mut Store,
    d: &crate::DocumentMentions,
    key: DocKey,
) -> Prepared {
    let first = store.len();
    for m in &d.mentions {
        store.add(m);
    }
    prepare_stored(store, &d.id, d.dct, first..store.len(), key)
}

/// [`prepare`] of a document whose mentions are stored already
/// (`mentions`, in text order).
pub fn prepare_stored(
    store: &Store,
    id: &str,
    dct: Option<NaiveDate>,
    mentions: std::ops::Range<usize>,
    key: DocKey,
) -> Prepared {
    let first = mentions.start;
    let hosts: Vec<Option<usize>> = mentions
        .clone()
        .map(|i| host_of(store, mentions.clone(), i))
        .collect();
    // A host is an attack, a strike or a disaster, never itself a guest.
    let mut at: Vec<Option<usize>> = vec![None; mentions.len()];
    let mut hosted: Vec<Hosted> = Vec::new();
    for (i, host) in hosts.iter().enumerate() {
        if host.is_none() {
            at[i] = Some(hosted.len());
            hosted.push(Hosted {
                index: i,
                mention: first + i,
                guests: Vec::new(),
            });
        }
    }
    for (i, host) in hosts.iter().enumerate() {
        if let Some(pos) = host.and_then(|h| at[h - first]) {
            hosted[pos].guests.push((i, first + i));
        }
    }
    Prepared {
        key,
        article: article_fingerprint(store, id, dct, mentions),
        dct,
        mentions: hosted,
    }
}

/// An event, with the key of its first clustered mention: events of the
/// same day and id keep the order of their first mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The document and index of its first clustered mention.
    pub first: (DocKey, usize),
    /// The event.
    pub event: Event,
}

/// The mentions of one event: each its prepared document (a place in
/// the list clustered), its index among that document's mentions and
/// its number in the store, in the merge's order.
struct Members {
    /// Its mentions.
    mentions: Vec<(usize, usize, usize)>,
    /// The document and index of its first clustered mention.
    first: (usize, usize),
}

/// Each document's place in the order of the keys of `docs`, documents
/// of equal keys sharing one: a million mentions are then sorted by two
/// numbers each instead of a key's strings, in the same order.
fn key_ranks(docs: &[Prepared]) -> Vec<usize> {
    let mut by_key: Vec<usize> = (0..docs.len()).collect();
    // Sorts on every core (here and below): the order is the one
    // sort_by gives, both being stable, and a merge of a million
    // mentions waited for these on one.
    by_key.par_sort_by(|&a, &b| docs[a].key.cmp(&docs[b].key));
    let mut rank = vec![0; docs.len()];
    let mut r = 0;
    for (k, &p) in by_key.iter().enumerate() {
        if k > 0 && docs[by_key[k - 1]].key != docs[p].key {
            r += 1;
        }
        rank[p] = r;
    }
    rank
}

/// Clusters the mentions of `docs`: the events of the blocks that
/// `keep` accepts, as lists of mentions, in block order and within a
/// block in the order of their first mention.
fn members_of(
    store: &Store,
    docs: &[Prepared],
    keep: impl Fn(cluster::BlockKey) -> bool,
) -> Vec<Members> {
    let mut order: Vec<(usize, &Hosted)> = docs
        .iter()
        .enumerate()
        .flat_map(|(p, d)| d.mentions.iter().map(move |h| (p, h)))
        .collect();
    let rank = key_ranks(docs);
    order.par_sort_by_key(|(p, h)| (rank[*p], h.index));
    let mentions: Vec<cluster::ToCluster> = order
        .iter()
        .map(|&(p, h)| (h.mention, docs[p].article.as_str(), docs[p].dct))
        .collect();
    // The clustering's items are gone when it returns, before the
    // events are built: with millions of mentions, both at once are
    // hundreds of megabytes.
    let clustered = cluster::cluster(store, &mentions);
    drop(mentions);
    // Each event's list is made and sorted on every core, in order, and
    // each block's clusters are freed as soon as its lists are made.
    use rayon::prelude::*;
    let blocks: Vec<Vec<linkage::Cluster>> = clustered
        .into_iter()
        .filter(|(block, _)| keep(*block))
        .map(|(_, clusters)| clusters)
        .collect();
    blocks
        .into_par_iter()
        .flat_map_iter(|clusters| clusters.into_iter())
        .filter(|c| !c.members.is_empty())
        .map(|c| {
            let mut mentions = Vec::with_capacity(c.members.len());
            for &i in &c.members {
                let (p, h) = order[i];
                mentions.push((p, h.index, h.mention));
                mentions.extend(h.guests.iter().map(|&(g, m)| (p, g, m)));
            }
            mentions.sort_by_key(|&(p, index, _)| (rank[p], index));
            let (p, h) = order[c.members[0]];
            Members { mentions, first: (p, h.index) }
        })
        .collect()
}

/// The second step: clusters the mentions of `docs` and builds the
/// events of the blocks that `keep` accepts. Mentions are taken in the
/// order of their document's key and their index, so any set of
/// prepared documents (or block pieces of them) that holds whole
/// blocks clusters those blocks as the whole corpus would.
pub fn events_of(
    store: &Store,
    docs: &[Prepared],
    keep: impl Fn(cluster::BlockKey) -> bool,
) -> Vec<Placed> {
    let members = members_of(store, docs, keep);
    let keys: Vec<&DocKey> = docs.iter().map(|d| &d.key).collect();
    build_events(store, &keys, members)
}

/// The events of clustered mentions, their documents' keys `keys`.
fn build_events(
    store: &Store,
    keys: &[&DocKey],
    members: Vec<Members>,
) -> Vec<Placed> {
    // Each event depends on its own mentions alone: built on every
    // core, collected in cluster order, each from its mentions taken
    // out of the store for it alone.
    use rayon::prelude::*;
    members
        .into_par_iter()
        .map(|m| {
            let owned: Vec<crate::events::Mention> =
                m.mentions.iter().map(|&(_, _, i)| store.mention(i)).collect();
            let mentions: Vec<(&str, &crate::events::Mention)> = m
                .mentions
                .iter()
                .zip(&owned)
                .map(|(&(p, _, _), mention)| (keys[p].id.as_str(), mention))
                .collect();
            Placed {
                first: (keys[m.first.0].clone(), m.first.1),
                event: build_event(&mentions),
            }
        })
        .collect()
}

/// A document as the timeline lists it, with its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    /// Its place in the order.
    pub key: DocKey,
    /// Its title.
    pub title: Option<String>,
    /// Its DCT.
    pub dct: Option<NaiveDate>,
    /// Where the DCT came from.
    pub dct_source: DctSource,
}

/// The last step: the timeline of the listed documents and their
/// events, in any order. Events are sorted by date (undated last), id,
/// and first mention; documents by key, each with the least title of
/// its id, the same whatever order titles come in.
pub fn assemble(docs: Vec<Listed>, mut events: Vec<Placed>) -> Timeline {
    date_held(&mut events);
    sort_large(
        &mut events,
        |p| {
            let e = &p.event;
            (e.first_day.is_none(), e.first_day, prefix(&e.id))
        },
        |a, b| {
            let (x, y) = (&a.event, &b.event);
            (x.first_day.is_none(), x.first_day, &x.id, &a.first).cmp(&(
                y.first_day.is_none(),
                y.first_day,
                &y.id,
                &b.first,
            ))
        },
    );
    let mut least: std::collections::HashMap<&str, &Option<String>> =
        std::collections::HashMap::new();
    for d in &docs {
        let e = least.entry(d.key.id.as_str()).or_insert(&d.title);
        if d.title < **e {
            *e = &d.title;
        }
    }
    let mut documents: Vec<(&DocKey, DocumentInfo)> = docs
        .iter()
        .map(|d| {
            let info = DocumentInfo {
                id: d.key.id.clone(),
                title: least.get(d.key.id.as_str()).and_then(|t| (*t).clone()),
                dct: d.dct,
                dct_source: d.dct_source,
            };
            (&d.key, info)
        })
        .collect();
    sort_large(&mut documents, |d| prefix(&d.0.id), |a, b| a.0.cmp(b.0));
    Timeline {
        schema_version: SCHEMA_VERSION,
        documents: documents.into_iter().map(|(_, d)| d).collect(),
        events: events.into_iter().map(|p| p.event).collect(),
    }
}

/// Sorts `items` as `sort_by(order)` would (a stable sort), on every
/// core and without a copy of them: their places are sorted, and the
/// items then moved to theirs. (A parallel sort of the events themselves
/// would hold a second list of them, tens of megabytes for a million
/// mentions, at the merge's peak of memory.)
///
/// `key` is a small part of the order that the places carry with them
/// (where `key(a) < key(b)`, `order(a, b)` must be `Less`): most
/// comparisons end there, without reading the items, which lie
/// scattered in memory; a million mentions' events sorted by reading
/// them took a third of a second.
fn sort_large<T: Sync, K: Ord + Send>(
    items: &mut [T],
    key: impl Fn(&T) -> K + Sync,
    order: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    use rayon::prelude::*;
    let mut keyed: Vec<(K, usize)> =
        items.par_iter().enumerate().map(|(k, x)| (key(x), k)).collect();
    // Ties of the whole order keep the items' order, as a stable sort
    // does: with it, no two places are equal, and the faster unstable
    // sort gives the one order there is.
    keyed.par_sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb).then_with(|| order(&items[*a], &items[*b])).then(a.cmp(b))
    });
    let mut places: Vec<usize> = keyed.into_iter().map(|(_, k)| k).collect();
    // Place k takes the item at `places[k]`: each cycle of the
    // permutation is followed once, and a place done is marked as its
    // own.
    for start in 0..items.len() {
        let mut k = start;
        while places[k] != start {
            let from = places[k];
            items.swap(k, from);
            places[k] = k;
            k = from;
        }
        places[k] = k;
    }
}

/// The first sixteen bytes of `s` (zeros where it is shorter) as a
/// number that orders as they do: where the numbers of two strings
/// differ, the strings compare as they do; where they are equal, the
/// strings must still be compared. Sixteen bytes hold an event's whole
/// id, and tell most document ids apart ("APW19980807.0261#0": eight
/// bytes would leave the day).
fn prefix(s: &str) -> u128 {
    let mut first = [0; 16];
    let n = s.len().min(16);
    first[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(first)
}

/// Dates each undated event by the event that happened during it
/// ("the news of the strike during a dinner": the dinner was when the
/// strike was), when one of its mentions holds a mention of a dated
/// event. The date is the other event's, with half its confidence.
/// Done once every event is dated, as the two are of different types
/// and so of different blocks.
fn date_held(events: &mut [Placed]) {
    let holds = |p: &Placed| {
        p.event.date.is_none()
            && p.event
                .mentions
                .iter()
                .any(|m| matches!(m.time_evidence, TimeEvidence::Holds { .. }))
    };
    // Most runs hold nothing: then no mention need be indexed.
    if !events.iter().any(holds) {
        return;
    }
    let mut dated: std::collections::HashMap<(&str, usize), usize> =
        std::collections::HashMap::new();
    for (k, p) in events.iter().enumerate() {
        if p.event.date.is_some() {
            for m in &p.event.mentions {
                dated.insert((m.doc.as_str(), m.start), k);
            }
        }
    }
    let found: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, p)| p.event.date.is_none())
        .filter_map(|(k, p)| {
            p.event.mentions.iter().find_map(|m| match m.time_evidence {
                TimeEvidence::Holds { start, .. } => {
                    dated.get(&(m.doc.as_str(), start)).map(|&f| (k, f))
                }
                _ => None,
            })
        })
        .collect();
    for (k, f) in found {
        // The date's fields only: the event's mentions stay its own.
        let from = &events[f].event;
        let (date, end_date) = (from.date.clone(), from.end_date.clone());
        let (precision, first_day) = (from.precision, from.first_day);
        let confidence = (from.confidence * 0.5 * 100.0).round() / 100.0;
        let e = &mut events[k].event;
        e.date = date;
        e.end_date = end_date;
        e.precision = precision;
        e.first_day = first_day;
        e.confidence = confidence;
    }
}

/// Merges the event mentions of documents into one timeline.
///
/// `titles` gives each document's title by id. The result does not
/// depend on the order of `docs`: mentions are taken in the order of
/// their document's [`DocKey`] and their offset, every tie is broken by
/// content, and events are sorted by date (undated last), then id. The
/// three steps ([`prepare`], [`events_of`], [`assemble`]) are those the
/// partitioned merge ([`partition`]) runs apart.
pub fn merge(
    docs: &[crate::DocumentMentions],
    titles: &[(String, Option<String>)],
) -> Timeline {
    let keys =
        doc_keys(docs.iter().map(|d| d.id.as_str()), |k| DocKey::of(&docs[k]));
    let mut store = Store::default();
    let prepared: Vec<Prepared> = docs
        .iter()
        .zip(&keys)
        .map(|(d, k)| prepare(&mut store, d, k.clone()))
        .collect();
    let events = events_of(&store, &prepared, |_| true);
    let metas: Vec<_> = docs.iter().map(|d| (d.dct, d.dct_source)).collect();
    assemble(listed(&metas, keys, titles), events)
}

/// [`merge`] of stored documents, each with its own title: what
/// `timeline merge` runs on the mention lines it read, holding only the
/// store (the timeline is the same).
pub fn merge_stored(stored: Stored) -> Timeline {
    // Run on a thread of the pool: the events are built there, and a
    // thread's allocator reuses the memory that thread freed (the
    // clustering's items, a few hundred megabytes for a million
    // mentions), which memory freed on another thread it may not.
    rayon::scope(|_| merge_stored_here(stored))
}

fn merge_stored_here(stored: Stored) -> Timeline {
    use rayon::prelude::*;
    let keys = doc_keys(stored.documents.iter().map(|d| d.id.as_str()), |k| {
        DocKey::of(&stored.document(k))
    });
    let Stored { store, documents } = stored;
    let prepared: Vec<Prepared> = documents
        .par_iter()
        .zip(keys)
        .map(|(d, k)| {
            prepare_stored(&store, &d.id, d.dct, d.mentions.clone(), k)
        })
        .collect();
    let members = members_of(&store, &prepared, |_| true);
    // Only the keys are read from here on: the lists of mentions go
    // before the events come.
    let keys: Vec<DocKey> = prepared.into_iter().map(|p| p.key).collect();
    let events = {
        let keys: Vec<&DocKey> = keys.iter().collect();
        build_events(&store, &keys, members)
    };
    let titles: Vec<(String, Option<String>)> =
        documents.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
    let metas: Vec<_> =
        documents.iter().map(|d| (d.dct, d.dct_source)).collect();
    // The store (a million mentions' strings, each on its own) is freed
    // on another core while the timeline is assembled: freed first, on
    // this one, it kept the other core idle while it ran (a perf
    // profile of the million merged).
    let (timeline, ()) = rayon::join(
        || assemble(listed(&metas, keys, &titles), events),
        move || drop((store, documents)),
    );
    timeline
}

/// Each document's key, the documents given by their ids:
/// [`DocKey::of`] (`of(k)` for document `k`) where another document has
/// its id, [`DocKey::unique`] elsewhere.
fn doc_keys<'a>(
    ids: impl Iterator<Item = &'a str> + Clone,
    of: impl Fn(usize) -> DocKey,
) -> Vec<DocKey> {
    let mut count: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::new();
    for id in ids.clone() {
        *count.entry(id).or_default() += 1;
    }
    ids.enumerate()
        .map(
            |(k, id)| {
                if count[id] > 1 { of(k) } else { DocKey::unique_id(id) }
            },
        )
        .collect()
}

/// The documents (their DCTs and where they came from, and their keys)
/// as the timeline lists them, with the least title of their id
/// (`assemble` takes the least of those again).
fn listed(
    docs: &[(Option<NaiveDate>, DctSource)],
    keys: Vec<DocKey>,
    titles: &[(String, Option<String>)],
) -> Vec<Listed> {
    let mut by_id: std::collections::HashMap<&str, &Option<String>> =
        std::collections::HashMap::new();
    for (id, t) in titles {
        let e = by_id.entry(id.as_str()).or_insert(t);
        if t < *e {
            *e = t;
        }
    }
    docs.iter()
        .zip(keys)
        .map(|(&(dct, dct_source), key)| Listed {
            title: by_id.get(key.id.as_str()).and_then(|t| (*t).clone()),
            key,
            dct,
            dct_source,
        })
        .collect()
}

/// The distinct `names`, sorted. Each is copied once: an event's
/// mentions name the same few actors and places again and again.
fn distinct<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut names: Vec<&str> = names.map(String::as_str).collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(str::to_owned).collect()
}

/// The event of a cluster's mentions (with their documents' ids), in
/// the merge's order.
fn build_event(mentions: &[(&str, &crate::events::Mention)]) -> Event {
    let plain: Vec<&crate::events::Mention> =
        mentions.iter().map(|(_, m)| *m).collect();
    // The event's type: the most frequent among its mentions (a veto
    // outranks the vote it happened in; talks outrank the visit they
    // were held during and the press conference that told of them).
    let kind = {
        let mut count: std::collections::BTreeMap<EventType, usize> =
            std::collections::BTreeMap::new();
        for m in &plain {
            if m.kind != EventType::Death || plain.len() == 1 {
                *count.entry(m.kind).or_default() += 1;
            }
        }
        if count.contains_key(&EventType::Veto) {
            EventType::Veto
        } else if count.contains_key(&EventType::Meeting) {
            EventType::Meeting
        } else {
            count
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map_or(plain[0].kind, |(k, _)| k)
        }
    };
    let chosen = date::choose(mentions);
    let actors = distinct(plain.iter().flat_map(|m| &m.actors));
    let places = distinct(plain.iter().flat_map(|m| &m.places));
    // The best source: reporting it as done rather than expected, on
    // the event's date (not one of the conflicting ones), dated, sure,
    // telling the most; ties go to the first document and
    // offset.
    let agrees = |m: &crate::events::Mention| match (&chosen, m.span) {
        (Some(c), Some(s)) => s.0 <= c.span.0 && c.span.1 <= s.1,
        _ => false,
    };
    let key = |m: &crate::events::Mention| {
        let info = m.numbers.len() + m.places.len() + m.actors.len();
        (
            m.factuality == Factuality::Actual,
            agrees(m),
            m.span.is_some(),
            (m.confidence * 100.0).round() as i64,
            info,
        )
    };
    let best = mentions
        .iter()
        .max_by(|(da, a), (db, b)| {
            key(a).cmp(&key(b)).then(db.cmp(da)).then(b.start.cmp(&a.start))
        })
        .map_or(plain[0], |(_, m)| *m);
    let event_mentions: Vec<EventMention> = mentions
        .iter()
        .map(|(doc, m)| EventMention {
            doc: (*doc).to_string(),
            start: m.start,
            end: m.end,
            sentence: m.sentence.clone(),
            sentence_start: m.sentence_start,
            trigger: m.trigger.clone(),
            date: m.date.clone(),
            time_evidence: m.time_evidence.clone(),
        })
        .collect();
    let date = chosen.as_ref().map(|c| c.value.clone());
    // The parts of its stable id: "kind|date", then each mention's
    // "doc:start", fed piece by piece.
    let id = {
        let mut h = Fnv::default();
        h.part(
            format!("{kind:?}|{}", date.as_deref().unwrap_or("")).as_bytes(),
        );
        for (doc, m) in mentions {
            h.bytes(doc.as_bytes());
            h.bytes(b":");
            h.decimal(m.start);
            h.bytes(&[0]);
        }
        h.hex()
    };
    Event {
        id,
        kind,
        title: title::headline(kind, &plain),
        summary: best.sentence.to_string(),
        date,
        end_date: chosen.as_ref().and_then(|c| c.end.clone()),
        precision: chosen.as_ref().map(|c| c.precision),
        confidence: chosen.as_ref().map_or(0.0, |c| c.confidence),
        // Actual when any source says it happened.
        factuality: if plain.iter().any(|m| m.factuality == Factuality::Actual)
        {
            Factuality::Actual
        } else {
            Factuality::Planned
        },
        actors,
        places,
        date_conflicts: chosen
            .as_ref()
            .map(|c| c.conflicts.clone())
            .unwrap_or_default(),
        mentions: event_mentions,
        first_day: chosen.as_ref().map(|c| c.span.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Fnv`] of whole parts.
    fn stable_id(parts: &[String]) -> String {
        let mut h = Fnv::default();
        for part in parts {
            h.part(part.as_bytes());
        }
        h.hex()
    }

    #[test]
    fn numbers_hash_as_their_digits() {
        for n in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            let mut h = Fnv::default();
            h.decimal(n);
            let mut g = Fnv::default();
            g.bytes(n.to_string().as_bytes());
            assert_eq!(h.hex(), g.hex(), "{n}");
        }
    }

    #[test]
    fn sort_large_orders_as_the_stable_sort_does() {
        // Pairs compared by their first number only: ties keep their
        // order, as sort_by keeps it.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 1000, 5000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|k| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (seed >> 58, k)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut sorted = items;
            sort_large(&mut sorted, |a| a.0 >> 2, |a, b| a.0.cmp(&b.0));
            assert_eq!(sorted, expected, "{len}");
        }
    }

    #[test]
    fn prefixes_order_as_the_strings_do() {
        let words = [
            "",
            "a",
            "a\0",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgi",
            "b",
            "\u{e9}t\u{e9}",
            "ba",
            "0123456789abcdef",
            "0123456789abcdf0",
            "0123456789abcdef0",
            "0123456789abcdef1",
            "0123456789abcde",
            "APW19980807.0261#0",
            "APW19980807.0261#1",
            "APW19980807.0262",
        ];
        for a in words {
            for b in words {
                let (x, y) = (prefix(a), prefix(b));
                if x != y {
                    assert_eq!(x.cmp(&y), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn the_fingerprint_hashes_the_parts_it_names() {
        let found = crate::mentions(
            &[crate::Document {
                id: "a".into(),
                title: None,
                url: None,
                dct: NaiveDate::from_ymd_opt(2017, 4, 12),
                dct_source: DctSource::Given,
                text: "Russia vetoed the resolution on Monday. The attack \
                       killed 87 people."
                    .into(),
            }],
            None,
        );
        let d = &found[0];
        assert!(d.mentions.len() >= 2, "{d:?}");
        let parts: Vec<String> =
            std::iter::once(format!("{:?}", d.dct))
                .chain(d.mentions.iter().map(|m| {
                    format!("{}|{}|{}", m.start, m.trigger, m.sentence)
                }))
                .collect();
        let mut store = Store::default();
        let p = prepare(&mut store, d, DocKey::unique(d));
        assert_eq!(p.article, stable_id(&parts));
    }
}
