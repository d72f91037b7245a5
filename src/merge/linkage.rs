//! The order in which one block's mentions are joined into events:
//! average-link clustering over a sparse graph, close to n log n.
//!
//! What makes two mentions alike, and what keeps them apart, is in
//! [`super::cluster`]; this module only decides which groups join, and
//! does it without comparing every pair of a large block:
//!
//! - identical mentions from different documents (an article syndicated
//!   a thousand times) are one weighted node, scored once;
//! - the cannot-links of two groups are checked on their summaries
//!   ([`Constraints`]), not pair by pair;
//! - up to [`DENSE_LIMIT`] distinct mentions every pair is scored (the
//!   exact average-link); in a larger block only the pairs that share a
//!   feature (an actor, a site, a word, the trigger) within a week or so
//!   are, and the pairs never compared count as a score of zero;
//! - the best pair of groups comes off a heap, which holds each group's
//!   best pair as it was found (one entry a group, not one a pair); a
//!   join sums the two groups' links into one list, and its neighbours'
//!   lists stay as they are (their entries lead to the joined group
//!   through `Roots`) until their best pair is found again.
//!
//! Scores are summed as integers (millionths), so the result does not
//! depend on the order sums were made in, and ties go to the pair whose
//! groups hold the earliest mentions: the output is a function of the
//! (sorted) input alone.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use super::cluster::{
    self, Constraints, Item, STRONG_LINK, THRESHOLD, WordFlags,
};
use super::fast_hash::FastMap;
use super::store::Store;

/// Blocks with up to this many distinct mentions are scored pair by
/// pair.
pub const DENSE_LIMIT: usize = 400;

/// In a larger block, a feature that more than this many mentions of
/// one week share (a country, "attack") says too little to make them
/// candidates: rarer shared features (a town, a minister) do.
const MAX_POSTING: usize = 64;

/// A feature of a mention ([`Item::features`]).
type Feature = (u8, u32);

/// Scores are kept in millionths.
fn fixed(x: f64) -> i64 {
    // `f64::round` is a call into libm on the baseline x86-64 (no
    // SSE4.1 rounding instruction), and the merge rounds twice a link.
    // This is the same rounding, half away from zero: below 2^52 a
    // number less its integer part is exact.
    let y = x * 1e6;
    let whole = y as i64;
    let rest = y - whole as f64;
    if rest >= 0.5 {
        whole + 1
    } else if rest <= -0.5 {
        whole - 1
    } else {
        whole
    }
}

/// Mentions that are the same in all the scores read.
struct Node {
    rep: usize,
    members: Vec<usize>,
    /// The documents of the members ([`Item::doc_number`]), sorted.
    docs: Vec<u32>,
}

/// Two nodes (or groups) by number, and the link between them: 32-bit
/// numbers, as a large block holds hundreds of thousands.
type Linked = (u32, u32, Link);

/// The sum and the best of the scores between two groups' mentions.
#[derive(Debug, Clone, Copy)]
struct Link {
    sum: i64,
    max: i64,
}

struct Group {
    /// Its mentions: listed once the part's joins are made
    /// ([`join_part`]), not at each join, where a group's list would
    /// grow again and again.
    members: Vec<usize>,
    size: i64,
    first: usize,
    version: u32,
    alive: bool,
    constraints: Constraints,
    /// Its links, each with the group at the other end as that group
    /// was numbered when the link was listed here: that group may have
    /// joined others since ([`Roots`]). The links of a group to one
    /// group today are the sum (and the best) of the entries whose
    /// groups joined into it. A join rewrites the list of the group it
    /// keeps and leaves its neighbours' lists alone.
    links: Vec<(u32, Link)>,
}

/// A pair of groups that may join, with its average score as a
/// fraction `sum / pairs`: the best pair of one of them, its `owner`
/// (0 or 1, which of `groups`), when it was found.
#[derive(Debug, PartialEq, Eq)]
struct Candidate {
    sum: i64,
    pairs: i64,
    /// The first mentions of the two groups: ties go to the earliest.
    first: (u32, u32),
    groups: (u32, u32),
    versions: (u32, u32),
    owner: u8,
}

/// A mention or group number as the heap keeps it: 32 bits make its
/// entries smaller, and a merge of 2^32 mentions would not fit in
/// memory anyway.
fn narrow(n: usize) -> u32 {
    n as u32
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        let lhs = i128::from(self.sum) * i128::from(other.pairs);
        let rhs = i128::from(other.sum) * i128::from(self.pairs);
        lhs.cmp(&rhs).then_with(|| other.first.cmp(&self.first))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// How many pairs of mentions across two nodes share a document.
fn same_doc_pairs(a: &[u32], b: &[u32]) -> i64 {
    let (mut i, mut j, mut n) = (0, 0, 0i64);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let d = a[i];
                let ca = a[i..].iter().take_while(|x| **x == d).count();
                let cb = b[j..].iter().take_while(|x| **x == d).count();
                n += (ca * cb) as i64;
                i += ca;
                j += cb;
            }
        }
    }
    n
}

/// The link of nodes `a` and `b`, `words` set to the words of `a`.
fn link(items: &[Item], a: &Node, b: &Node, words: &WordFlags) -> Link {
    let (x, y) = (&items[a.rep], &items[b.rep]);
    let apart = fixed(cluster::score_apart_sharing(x, y, words.shared(y)));
    let same = same_doc_pairs(&a.docs, &b.docs);
    let weights = a.members.len() as i64 * b.members.len() as i64;
    // The bonus compares sentences: only asked for when it counts.
    let bonus =
        if same > 0 { fixed(cluster::same_doc_bonus(x, y)) } else { 0 };
    Link { sum: apart * weights + bonus * same, max: apart + bonus }
}

/// Groups the `members` of a block (item indices, ascending) into nodes
/// of identical mentions. A mention too weak to link to its own copy
/// (nothing but its type) stays a node of its own.
fn nodes(store: &Store, items: &[Item], members: &[usize]) -> Vec<Node> {
    // Nodes by the hash of their signature: items alike hash alike,
    // and the few others that share a hash are told apart in full. The
    // map gives the last node of a hash, and each node the one before
    // it of its hash (rather than a list per hash, made and grown for
    // each). Which of them is asked first changes nothing: at most one
    // is alike, for signatures alike are equal in every field, and two
    // nodes alike would have been one.
    let mut by_signature: FastMap<u64, usize> = FastMap::default();
    let mut before: Vec<usize> = Vec::with_capacity(members.len());
    let mut nodes: Vec<Node> = Vec::with_capacity(members.len());
    for &i in members {
        let item = &items[i];
        let hash = item.signature_hash(store);
        let mut alike = by_signature.get(&hash).copied();
        while let Some(n) = alike
            && !items[nodes[n].rep].same_signature(item, store)
        {
            alike = Some(before[n]).filter(|&b| b != usize::MAX);
        }
        if let Some(n) = alike {
            nodes[n].members.push(i);
            nodes[n].docs.push(item.doc_number);
            continue;
        }
        let alone = cluster::cannot_link(item, item)
            || cluster::score_apart(item, item) < STRONG_LINK.max(THRESHOLD);
        before.push(usize::MAX);
        if !alone {
            let n = nodes.len();
            if let Some(last) = by_signature.insert(hash, n) {
                before[n] = last;
            }
        }
        nodes.push(Node {
            rep: i,
            members: vec![i],
            docs: vec![item.doc_number],
        });
    }
    for node in &mut nodes {
        node.docs.sort_unstable();
    }
    nodes
}

/// Many short lists of numbers, laid one after another in one vector
/// rather than each in a vector of its own.
struct Lists {
    all: Vec<u32>,
    /// Where each list ends in `all`.
    ends: Vec<usize>,
}

impl Lists {
    /// Lists of the given sizes, zeroed.
    fn of_sizes(sizes: &[usize]) -> Lists {
        let ends: Vec<usize> = sizes
            .iter()
            .scan(0, |end, &size| {
                *end += size;
                Some(*end)
            })
            .collect();
        let all = vec![0; ends.last().copied().unwrap_or(0)];
        Lists { all, ends }
    }

    /// Where list `i` starts in `all`.
    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1] }
    }

    fn get(&self, i: usize) -> &[u32] {
        &self.all[self.start(i)..self.ends[i]]
    }
}

/// The pairs of nodes to score, each given to `visit` as it is found
/// (a large block has hundreds of thousands, which are not held): all
/// of them in a small block; in a large one, those sharing a rare
/// feature in the same or the next week. Given by their first node;
/// its later nodes in the order found (which no result depends on:
/// links are summed as integers, and joins are taken in the order of
/// their scores and first mentions).
fn candidate_pairs(
    items: &[Item],
    nodes: &[Node],
    mut visit: impl FnMut(usize, usize),
) {
    let n = nodes.len();
    if n <= DENSE_LIMIT {
        for i in 0..n {
            for j in i + 1..n {
                visit(i, j);
            }
        }
        return;
    }
    // Each (feature, week) numbered once, so that a node's keys are
    // looked up in the map once each, not once per week searched.
    let epoch = NaiveDate::MIN;
    let mut numbers: FastMap<(Feature, Option<i64>), u32> = FastMap::default();
    // The nodes' keys, and how many nodes have each key: counted first,
    // the postings are made their sizes at once.
    let mut keys = Lists {
        all: Vec::with_capacity(
            nodes.iter().map(|x| items[x.rep].feature_count()).sum(),
        ),
        ends: Vec::with_capacity(n),
    };
    let mut sizes: Vec<usize> = Vec::new();
    for node in nodes {
        let item = &items[node.rep];
        let day = item.span().map(|s| s.0).or(item.dct);
        let week = day.map(|d| (d - epoch).num_days() / 7);
        for f in item.features() {
            let next = narrow(sizes.len());
            let key = *numbers.entry((f, week)).or_insert(next);
            if key == next {
                sizes.push(0);
            }
            sizes[key as usize] += 1;
            keys.all.push(key);
        }
        keys.ends.push(keys.all.len());
    }
    let mut postings = Lists::of_sizes(&sizes);
    let mut filled: Vec<usize> =
        (0..sizes.len()).map(|p| postings.start(p)).collect();
    for i in 0..n {
        for &key in keys.get(i) {
            // Nodes come in order: each posting is ascending.
            postings.all[filled[key as usize]] = narrow(i);
            filled[key as usize] += 1;
        }
    }
    // The postings searched from each key: its own and, when dated, the
    // same feature's in the weeks either side; a feature too common to
    // make candidates is searched nowhere.
    let mut searched: Vec<[Option<u32>; 3]> = vec![[None; 3]; sizes.len()];
    for (&(feature, week), &key) in &numbers {
        let usable = |w: Option<i64>| {
            numbers
                .get(&(feature, w))
                .copied()
                .filter(|&p| sizes[p as usize] <= MAX_POSTING)
        };
        searched[key as usize] = match week {
            Some(w) => {
                [usable(Some(w - 1)), usable(week), usable(Some(w + 1))]
            }
            None => [usable(None), None, None],
        };
    }
    // Each node's later neighbours; a stamp per node skips the ones
    // already found, so no pair is listed twice.
    let mut seen: Vec<u32> = vec![u32::MAX; n];
    for i in 0..n {
        let me = narrow(i);
        for &key in keys.get(i) {
            for &p in searched[key as usize].iter().flatten() {
                let posting = postings.get(p as usize);
                let from = posting.partition_point(|&j| j <= me);
                for &j in &posting[from..] {
                    if seen[j as usize] != me {
                        seen[j as usize] = me;
                        visit(i, j as usize);
                    }
                }
            }
        }
    }
}

/// The pair of groups `a`, `b` joined by `l` as the heap holds it, if
/// their scores let them join (their limits are [`may_join`]'s).
fn candidate(
    groups: &[Group],
    a: usize,
    b: usize,
    l: Link,
) -> Option<Candidate> {
    // The link's own best first: it rules out most pairs without
    // reading the groups, which lie all over memory.
    if l.max < fixed(STRONG_LINK) {
        return None;
    }
    let (ga, gb) = (&groups[a], &groups[b]);
    let pairs = ga.size * gb.size;
    if i128::from(l.sum) < i128::from(fixed(THRESHOLD)) * i128::from(pairs) {
        return None;
    }
    let (x, y) = if ga.first < gb.first { (a, b) } else { (b, a) };
    Some(Candidate {
        sum: l.sum,
        pairs,
        first: (narrow(groups[x].first), narrow(groups[y].first)),
        groups: (narrow(x), narrow(y)),
        versions: (groups[x].version, groups[y].version),
        owner: u8::from(x != a),
    })
}

/// Whether the limits of groups `a` and `b` let them join.
fn may_join(groups: &[Group], a: usize, b: usize) -> bool {
    !groups[a].constraints.clash(&groups[b].constraints)
}

/// The best pair of group `a` with the groups its links lead to (which
/// must be alive: its list summed since they last joined), owned by
/// `a`.
fn best(groups: &[Group], a: usize) -> Option<Candidate> {
    // The limits, the dearest test, are only asked of a pair better
    // than the best found so far: a worse one would not be taken
    // whatever they say. (No two pairs of one group are equal: their
    // other groups' first mentions differ.)
    let mut found: Option<Candidate> = None;
    for &(o, l) in &groups[a].links {
        let Some(c) = candidate(groups, a, o as usize, l) else { continue };
        if found.as_ref().is_some_and(|f| c <= *f)
            || !may_join(groups, a, o as usize)
        {
            continue;
        }
        found = Some(c);
    }
    found
}

/// Which group each group of a part has joined into, and a place to
/// sum a joined group's links, one slot per group.
struct Roots {
    /// The group each joined into, or itself while alive.
    parent: Vec<u32>,
    /// The sums of the join being made, by group, each with the number
    /// of the sum that last wrote it (side by side: read together).
    sums: Vec<(u32, Link)>,
    /// The groups `sums` holds for the join being made, in order.
    found: Vec<u32>,
    /// Lists summed so far.
    sums_made: u32,
}

impl Roots {
    fn new(groups: usize) -> Roots {
        Roots {
            parent: (0..narrow(groups)).collect(),
            sums: vec![(u32::MAX, Link { sum: 0, max: 0 }); groups],
            found: Vec::new(),
            sums_made: 0,
        }
    }
}

/// The root of `x` in the forest `parent` (a root is its own parent),
/// halving the path on the way up.
fn root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

/// Joins group `gone` into group `keep`: `keep` takes its limits (and
/// later its members, through `Roots`), and its links are those of the
/// two, summed per live group at the other end. Another group's links to either stay as they are
/// listed: their groups now lead to `keep`, and they sum to its links
/// with `keep` as the two were joined ([`Group::links`]). So a join
/// costs as many steps as the two groups have links, without a hash
/// map per group.
fn join(groups: &mut [Group], roots: &mut Roots, keep: usize, gone: usize) {
    roots.parent[gone] = narrow(keep);
    let links = std::mem::take(&mut groups[keep].links);
    let theirs = std::mem::take(&mut groups[gone].links);
    groups[keep].links = sum_links(roots, keep, links, &theirs);
    let constraints = std::mem::take(&mut groups[gone].constraints);
    let (size, first) = (groups[gone].size, groups[gone].first);
    groups[gone].alive = false;
    let g = &mut groups[keep];
    g.constraints.absorb(constraints);
    g.size += size;
    g.first = g.first.min(first);
    g.version += 1;
}

/// The links `links` and `more` of group `g`, summed per live group at
/// the other end (in the list `links` was).
fn sum_links(
    roots: &mut Roots,
    g: usize,
    mut links: Vec<(u32, Link)>,
    more: &[(u32, Link)],
) -> Vec<(u32, Link)> {
    let stamp = roots.sums_made;
    roots.sums_made += 1;
    for &(x, l) in links.iter().chain(more) {
        // The live group `x` has joined into.
        let r = root(&mut roots.parent, x);
        if r as usize == g {
            continue;
        }
        let slot = &mut roots.sums[r as usize];
        if slot.0 == stamp {
            slot.1.sum += l.sum;
            slot.1.max = slot.1.max.max(l.max);
        } else {
            *slot = (stamp, l);
            roots.found.push(r);
        }
    }
    if links.capacity() < roots.found.len() {
        // A new list rather than a larger one: growing it would copy
        // the room of the entries just read.
        links = Vec::with_capacity(roots.found.len());
    }
    links.clear();
    let sums = &roots.sums;
    links.extend(roots.found.drain(..).map(|r| (r, sums[r as usize].1)));
    links
}

/// The parts of the graph of the nodes and their strong links (those
/// whose best score reaches [`STRONG_LINK`]): each node's part, as
/// the number of one node of it.
fn strong_parts(nodes: usize, linked: &[Linked]) -> Vec<usize> {
    let mut parent: Vec<u32> = (0..narrow(nodes)).collect();
    for &(i, j, l) in linked {
        if l.max >= fixed(STRONG_LINK) {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a as usize] = b;
        }
    }
    (0..narrow(nodes)).map(|x| root(&mut parent, x) as usize).collect()
}

/// A cluster of one block, with what a later join needs.
pub struct Cluster {
    /// Item indices, ascending.
    pub members: Vec<usize>,
    /// Its cannot-link summary.
    pub constraints: Constraints,
    /// Whether it only refers back to an event in the news
    /// ([`cluster::refers_back`]).
    pub refers_back: bool,
}

/// Clusters the `members` of one block (item indices, ascending), in
/// order of their first item.
pub fn cluster_block(
    store: &Store,
    items: &[Item],
    members: &[usize],
) -> Vec<Cluster> {
    let nodes = nodes(store, items, members);
    // A small block lists at most every pair: room for them all is made
    // at once rather than by growing (and copying) the list.
    let n = nodes.len();
    let mut linked: Vec<Linked> =
        Vec::with_capacity(if n <= DENSE_LIMIT { n * n / 2 } else { 0 });
    // The pairs come by their first node: its words are set as flags
    // once for all its pairs.
    let mut words = WordFlags::new(items);
    candidate_pairs(items, &nodes, |i, j| {
        // Nodes are single mentions to the limits: two mentions are
        // checked on the mentions themselves, which lie together, not on
        // summaries of limits, which do not (the two agree:
        // tests/merge.rs).
        let (x, y) = (&items[nodes[i].rep], &items[nodes[j].rep]);
        if !cluster::cannot_link(x, y) {
            words.set_to(x);
            let l = link(items, &nodes[i], &nodes[j], &words);
            linked.push((narrow(i), narrow(j), l));
        }
    });
    // Only the links within a part of the strong links are kept: about
    // half of them in large blocks. Leaving out the others changes no
    // join. Two groups join only when the best link across them is
    // strong ([`candidate`]), and that best link is the best of the links of
    // their nodes; so if every group lies within one part (as the
    // single nodes do at first), any two groups of different parts have
    // no strong link across them and never join, and every group stays
    // within its part. A link across parts therefore only ever adds to
    // the sums of pairs of groups that cannot join. (Which of two joined
    // groups keeps its number, the one with the earlier first mention,
    // changes nothing either: a group is known by its mentions, and the
    // order of joining by scores and first mentions.)
    let part = strong_parts(nodes.len(), &linked);
    // For the same reason each part is joined on its own, with a heap
    // and groups of its own that lie together in memory: the joins of a
    // part read and change that part's groups alone, so the part's
    // best pair is taken next whatever the other parts hold, and its
    // joins come in the order one heap for the whole block gives them.
    // (Each list is made the size it needs once instead of growing.)
    let mut size = vec![0usize; nodes.len()];
    for &root in &part {
        size[root] += 1;
    }
    let mut number = vec![usize::MAX; nodes.len()];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut at = vec![0usize; nodes.len()];
    for (x, &root) in part.iter().enumerate() {
        if number[root] == usize::MAX {
            number[root] = parts.len();
            parts.push(Vec::with_capacity(size[root]));
        }
        let nodes_of = &mut parts[number[root]];
        at[x] = nodes_of.len();
        nodes_of.push(x);
    }
    let within = |&(i, j, _): &Linked| part[i as usize] == part[j as usize];
    let mut count = vec![0usize; parts.len()];
    for link in linked.iter().filter(|l| within(l)) {
        count[number[part[link.0 as usize]]] += 1;
    }
    let mut links: Vec<Vec<Linked>> =
        count.into_iter().map(Vec::with_capacity).collect();
    for (i, j, l) in linked.iter().copied().filter(within) {
        let (i, j) = (i as usize, j as usize);
        links[number[part[i]]].push((narrow(at[i]), narrow(at[j]), l));
    }
    drop(linked);
    let mut clusters: Vec<Cluster> = Vec::with_capacity(parts.len());
    for (nodes_of, links_of) in parts.iter().zip(links) {
        let groups = join_part(items, &nodes, nodes_of, links_of);
        clusters.extend(groups.into_iter().filter(|g| g.alive).map(
            |mut g| {
                g.members.sort_unstable();
                Cluster {
                    refers_back: cluster::refers_back(
                        store, items, &g.members,
                    ),
                    members: g.members,
                    constraints: g.constraints,
                }
            },
        ));
    }
    clusters.sort_by_key(|c| c.members[0]);
    // Collected in place, the list would keep the room of every group
    // (a few hundred bytes a mention) for as long as the merge runs.
    clusters.shrink_to_fit();
    clusters
}

/// Joins the groups of one part of the strong links (`part`, its nodes,
/// and `linked`, the links among them by their places in `part`), the
/// pair with the best average first; returns its groups, those joined
/// into others no longer alive.
fn join_part(
    items: &[Item],
    nodes: &[Node],
    part: &[usize],
    linked: Vec<Linked>,
) -> Vec<Group> {
    let mut groups: Vec<Group> = part
        .iter()
        .map(|&x| {
            let node = &nodes[x];
            Group {
                members: Vec::new(),
                size: node.members.len() as i64,
                first: node.members[0],
                version: 0,
                alive: true,
                constraints: Constraints::of(&items[node.rep]),
                links: Vec::new(),
            }
        })
        .collect();
    if linked.is_empty() {
        for (group, &x) in groups.iter_mut().zip(part) {
            group.members.clone_from(&nodes[x].members);
        }
        return groups;
    }
    // Every group's list is made the size it needs once instead of
    // growing.
    let mut degree = vec![0usize; groups.len()];
    for &(i, j, _) in &linked {
        degree[i as usize] += 1;
        degree[j as usize] += 1;
    }
    for (group, &d) in groups.iter_mut().zip(&degree) {
        group.links.reserve_exact(d);
    }
    for &(i, j, l) in &linked {
        groups[i as usize].links.push((j, l));
        groups[j as usize].links.push((i, l));
    }
    drop(linked);
    // The heap holds each group's best pair as it was when found, not
    // every pair: a pair is never better than the best pair of either
    // group, and a join pushed a pair for each of the kept group's
    // neighbours, most of which the next join made stale. A group's
    // best found before one of the pair joined another is found again
    // when it comes off the heap; a kept group's, at its join. So
    // every pair that may join lies under a pair on the heap, and the
    // first current pair off it is the best of all, as before.
    // (Made whole and then ordered, in linear time.)
    let mut heap: BinaryHeap<Candidate> =
        (0..groups.len()).filter_map(|g| best(&groups, g)).collect();
    let mut roots = Roots::new(groups.len());
    while let Some(c) = heap.pop() {
        let (a, b) = (c.groups.0 as usize, c.groups.1 as usize);
        let (owner, version) =
            if c.owner == 0 { (a, c.versions.0) } else { (b, c.versions.1) };
        if !groups[owner].alive || groups[owner].version != version {
            // The owner has joined: its pairs are on the heap anew.
            continue;
        }
        let current = groups[a].alive
            && groups[b].alive
            && (groups[a].version, groups[b].version) == c.versions;
        if !current {
            let links = std::mem::take(&mut groups[owner].links);
            groups[owner].links = sum_links(&mut roots, owner, links, &[]);
            heap.extend(best(&groups, owner));
            continue;
        }
        join(&mut groups, &mut roots, a, b);
        heap.extend(best(&groups, a));
    }
    // Each node's mentions, to the group it joined into.
    for (k, &x) in part.iter().enumerate() {
        let g = &mut groups[root(&mut roots.parent, narrow(k)) as usize];
        if g.members.is_empty() {
            g.members.reserve_exact(g.size as usize);
        }
        g.members.extend_from_slice(&nodes[x].members);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn fixed_rounds_as_round_does() {
        let mut x = -12.0;
        while x < 12.0 {
            for y in [x, x + 5e-7, x - 5e-7, x + 4.999_999e-7] {
                assert_eq!(fixed(y), (y * 1e6).round() as i64, "{y}");
            }
            x += 0.012_345_6;
        }
        for y in [0.0, -0.0, 2.6, 1.3, -3.0, 0.5_f64.next_down() / 1e6] {
            assert_eq!(fixed(y), (y * 1e6).round() as i64, "{y}");
        }
    }
}
