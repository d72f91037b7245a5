//! The merge spread over many processes, partitioned by blocking key
//! (event type × quarter), giving the timeline [`super::merge`] gives.
//!
//! Three steps, each a `timeline merge --step`:
//!
//! 1. [`key`], one document at a time: the document is prepared as the
//!    merge prepares it ([`super::prepare`]: its key, its article
//!    fingerprint, the casualty mentions its attacks absorb, all of
//!    which need the whole document), and its clustered mentions are
//!    split by block ([`cluster::block_of`]), absorbed ones with their
//!    host. Each block piece goes to the partition of its own block and,
//!    as halo, to the partitions of the same type's blocks of the
//!    quarters before and after. A line lists the document.
//! 2. [`cluster()`], one partition at a time: the pieces of the home block
//!    and of its two neighbours are clustered as the whole corpus would
//!    cluster them ([`super::events_of`]), and only the events whose
//!    block is the home block are kept.
//! 3. [`assemble`]: the events and listed documents of every partition
//!    make the timeline ([`super::assemble`]).
//!
//! The rule at a window's boundary: a block's clustering never looks
//! past its own mentions, so mentions on either side of a quarter's
//! first day are never one event, as in the single merge. The one step
//! that crosses a boundary is a lone definite description ("the strikes
//! had been launched", undated, in an article dated 3 April) joining the
//! one event of its type in its article's last two weeks, which may lie
//! in the quarter before. Such a description has no date of its own, so
//! nothing ever joins it: the move is one hop, from a block to the block
//! of the same quarter or the quarter before. What an event of quarter
//! q finally holds therefore depends on the blocks of q - 1 (rival
//! events for q's descriptions), q and q + 1 (descriptions that may
//! join q's events), which is the halo. The event belongs to the
//! partition of the block it ends in, the block of its dated mentions:
//! a description that moved is written by the partition it moved to,
//! and by no other. Undated mentions of undated documents form a block
//! of their own per type, with no neighbours.
//!
//! Everything else that is global in the single merge is made local:
//! documents are ordered by id and a hash of their content
//! ([`super::DocKey`]), which each document gives alone; the numbers
//! that names and words get in a partition differ from the single
//! merge's, but only their equality is ever read (scores and candidate
//! pairs included); event ids hash the event's own content; and events
//! of the same day and id keep the order of their first mentions.
//!
//! Every line is `KEY<TAB>JSON`: the key names the partition a block
//! piece goes to (`Attack:2017-Q2`, `Veto:undated`), or is `document` or
//! `event`, so that an engine can route lines by the text before the
//! tab without reading the JSON.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cluster::{self, BlockKey};
use super::store::Store;
use super::{DocKey, Event, Hosted, Listed, Placed, Prepared, Timeline};
use crate::DocumentMentions;
use crate::events::Mention;

/// A clustered mention of a block piece, with the mentions it absorbs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PieceMention<M> {
    /// Its index among its document's mentions.
    pub index: usize,
    /// The mention.
    pub mention: M,
    /// The absorbed mentions, with their indices.
    pub guests: Vec<(usize, M)>,
}

/// One document's clustered mentions of one block, sent to one
/// partition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Piece<M> {
    /// The partition it goes to: its block, or a block of the same type
    /// in the quarter before or after.
    pub partition: BlockKey,
    /// Its block.
    pub block: BlockKey,
    /// Its document's key.
    pub key: DocKey,
    /// Its document's article fingerprint.
    pub article: String,
    /// Its document's DCT.
    pub dct: Option<NaiveDate>,
    /// The mentions, in text order.
    pub mentions: Vec<PieceMention<M>>,
}

/// An event of a partition, with what orders it in the timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventLine {
    /// The document key and index of its first clustered mention.
    pub first: (DocKey, usize),
    /// The first day of its date (not part of the event's JSON).
    pub first_day: Option<NaiveDate>,
    /// The event.
    pub event: Event,
}

/// One line of the partitioned merge.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record<M> {
    /// A document, for the timeline's list.
    Document(Listed),
    /// A block piece.
    Piece(Piece<M>),
    /// An event.
    Event(EventLine),
}

/// The name of a block in line keys: `Attack:2017-Q2`, `Veto:undated`.
pub fn block_name(block: BlockKey) -> String {
    let (kind, quarter) = block;
    let kind = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    match quarter {
        Some(q) => {
            format!("{kind}:{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
        }
        None => format!("{kind}:undated"),
    }
}

impl<M: Serialize> Record<M> {
    /// The line's key: the partition of a piece, else its kind.
    pub fn key(&self) -> String {
        match self {
            Record::Document(_) => "document".to_owned(),
            Record::Piece(p) => block_name(p.partition),
            Record::Event(_) => "event".to_owned(),
        }
    }

    /// The record as a line, `KEY<TAB>JSON`, without the newline.
    pub fn line(&self) -> String {
        // Serialising these types cannot fail (see `output::to_json`).
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{}\t{json}", self.key())
    }
}

/// Reads a line as [`Record::line`] wrote it.
pub fn parse(line: &str) -> Result<Record<Mention>, serde_json::Error> {
    let Some((_, json)) = line.split_once('\t') else {
        return Err(serde::de::Error::custom(
            "expected KEY<TAB>JSON, as `timeline merge --step` writes",
        ));
    };
    serde_json::from_str(json)
}

/// The partitions a piece of `block` goes to: its own first, then the
/// blocks of the same type in the quarters before and after.
pub fn partitions(block: BlockKey) -> Vec<BlockKey> {
    match block {
        (kind, Some(q)) => {
            vec![block, (kind, Some(q - 1)), (kind, Some(q + 1))]
        }
        (_, None) => vec![block],
    }
}

/// Step 1: a document's lines, the document's listing first, then its
/// block pieces by block and partition.
pub fn key(doc: &DocumentMentions) -> Vec<Record<&Mention>> {
    // Other documents may have its id: only the hash can order them.
    let mut store = Store::default();
    let prepared = super::prepare(&mut store, doc, DocKey::of(doc));
    let mut records = vec![Record::Document(Listed {
        key: prepared.key.clone(),
        title: doc.title.clone(),
        dct: doc.dct,
        dct_source: doc.dct_source,
    })];
    let mut blocks: BTreeMap<BlockKey, Vec<PieceMention<&Mention>>> =
        BTreeMap::new();
    for h in &prepared.mentions {
        let mention = &doc.mentions[h.index];
        blocks.entry(cluster::block_of(mention, doc.dct)).or_default().push(
            PieceMention {
                index: h.index,
                mention,
                guests: h
                    .guests
                    .iter()
                    .map(|&(g, _)| (g, &doc.mentions[g]))
                    .collect(),
            },
        );
    }
    for (block, mentions) in blocks {
        for partition in partitions(block) {
            records.push(Record::Piece(Piece {
                partition,
                block,
                key: prepared.key.clone(),
                article: prepared.article.clone(),
                dct: prepared.dct,
                mentions: mentions.clone(),
            }));
        }
    }
    records
}

/// Step 2: the events of the partitions whose pieces `records` hold
/// (every piece of each, in any order), partitions in parallel.
/// Document and event records pass through, first.
pub fn cluster(records: Vec<Record<Mention>>) -> Vec<Record<Mention>> {
    let mut out = Vec::new();
    let mut by_partition: BTreeMap<BlockKey, Vec<Piece<Mention>>> =
        BTreeMap::new();
    for record in records {
        match record {
            Record::Piece(p) => {
                by_partition.entry(p.partition).or_default().push(p)
            }
            other => out.push(other),
        }
    }
    let events: Vec<Vec<EventLine>> = by_partition
        .par_iter()
        .map(|(&home, pieces)| cluster_partition(home, pieces))
        .collect();
    out.extend(events.into_iter().flatten().map(Record::Event));
    out
}

/// The events of the block `home`, from its pieces and its halo.
fn cluster_partition(
    home: BlockKey,
    pieces: &[Piece<Mention>],
) -> Vec<EventLine> {
    // Only a halo arrived: nothing of this block to write.
    if !pieces.iter().any(|p| p.block == home) {
        return Vec::new();
    }
    let mut store = Store::default();
    let prepared: Vec<Prepared> = pieces
        .iter()
        .map(|p| Prepared {
            key: p.key.clone(),
            article: p.article.clone(),
            dct: p.dct,
            mentions: p
                .mentions
                .iter()
                .map(|m| Hosted {
                    index: m.index,
                    mention: store.add(&m.mention),
                    guests: m
                        .guests
                        .iter()
                        .map(|(i, g)| (*i, store.add(g)))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    super::events_of(&store, &prepared, |block| block == home)
        .into_iter()
        .map(|p| EventLine {
            first: p.first,
            first_day: p.event.first_day,
            event: p.event,
        })
        .collect()
}

/// Step 3: the timeline of the listed documents and the events of every
/// partition.
pub fn assemble(docs: Vec<Listed>, events: Vec<EventLine>) -> Timeline {
    let placed = events
        .into_iter()
        .map(|e| Placed {
            first: e.first,
            event: Event { first_day: e.first_day, ..e.event },
        })
        .collect();
    super::assemble(docs, placed)
}
