//! The hot paths, one article at a time: tagging, finding mentions,
//! and merging mentions into a timeline (`cargo bench`). The whole-run
//! benchmark is `bench/run.sh`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput};
use timeline::document::{self, ReadOptions};
use timeline::{Document, DocumentMentions};

fn examples() -> Vec<Document> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/syria-2017");
    document::read_paths(&[dir], &ReadOptions::default())
        .into_iter()
        .map(|d| d.expect("the example articles read"))
        .collect()
}

fn tag_and_extract(c: &mut Criterion) {
    let docs = examples();
    // The first article states its date: tagging and extraction run
    // with a DCT, as for most news.
    let doc = &docs[0];
    let mut group = c.benchmark_group("one article");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.bench_function("tag", |b| {
        b.iter(|| timeline::tag(black_box(doc), None))
    });
    let tagged = timeline::tag(doc, None);
    // `tag --format jsonl`'s writer (output::tagged), one line.
    group.bench_function("write tag line", |b| {
        let mut line = Vec::new();
        b.iter(|| {
            line.clear();
            timeline::output::tagged::write_line(black_box(&tagged), &mut line)
        })
    });
    group.bench_function("extract mentions", |b| {
        b.iter(|| {
            timeline::events::extract(
                black_box(&doc.text),
                tagged.dct,
                &tagged.timexes,
            )
        })
    });
    group.finish();
}

/// The example corpus's mentions, copied `copies` times under new ids.
fn mentions(copies: usize) -> Vec<DocumentMentions> {
    let found = timeline::mentions(&examples(), None);
    (0..copies)
        .flat_map(|i| {
            found.iter().map(move |d| DocumentMentions {
                id: format!("{}-{i}", d.id),
                ..d.clone()
            })
        })
        .collect()
}

fn merge(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    for copies in [1, 4, 16] {
        let docs = mentions(copies);
        let n: usize = docs.iter().map(|d| d.mentions.len()).sum();
        let titles: Vec<(String, Option<String>)> =
            docs.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("mentions", n),
            &docs,
            |b, docs| {
                b.iter(|| timeline::merge::merge(black_box(docs), &titles))
            },
        );
    }
    group.finish();
}

criterion::criterion_group!(benches, tag_and_extract, merge);
criterion::criterion_main!(benches);
