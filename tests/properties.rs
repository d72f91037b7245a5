//! Property tests over the whole pipeline: any documents are tagged,
//! mined for mentions and merged without a panic, with offsets that
//! slice the text and TIMEX3 values that exist and round-trip
//! (`common/invariants.rs`); the merge does not depend on the order of
//! its input documents, nor on being partitioned by block; any bytes go
//! through the readers.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use timeline::merge;
use timeline::{DctSource, Document};

/// Pieces of news text that reach the tagger's, the extractor's and the
/// merger's rules, mixed with arbitrary text.
const PIECES: &[&str] = &[
    "The attack on Khan Sheikhoun on April 4 killed more than 80 people. ",
    "The US launched 59 cruise missiles on Shayrat airfield last Thursday. ",
    "Russia vetoed the resolution at the UN Security Council on Wednesday. ",
    "The <script>alert(1)</script> attack & \"strike\" on <b>Homs</b> on Monday. ",
    "Tillerson held talks with Lavrov in Moscow on April 12. ",
    "The council will vote next week, officials said. ",
    "A sarin attack outside Damascus in 2013 killed hundreds. ",
    "Posted April 17, 2017\n",
    "It was February 29, 2017, 3,000,000 days ago, in the year 99999. ",
    "Sales rose in the third quarter of 1989 and a year earlier. ",
    "the day before, three years later, the following week, week 54 ",
    "Monday, April 5, 2017 ",
    "\n\n",
    ". ",
    "“Quoted” ‘text’ – dashes — é ü 😀 ",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,40}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn dct() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        Just(NaiveDate::from_ymd_opt(2017, 4, 13)),
        Just(NaiveDate::from_ymd_opt(1, 1, 1)),
        Just(NaiveDate::from_ymd_opt(9999, 12, 31)),
        (1i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

/// Up to four documents; ids from a small set, so that some repeat.
fn documents() -> impl Strategy<Value = Vec<Document>> {
    let doc =
        (proptest::sample::select(&["a", "b", "c", "d"][..]), text(), dct())
            .prop_map(|(id, text, dct)| Document {
                id: id.to_owned(),
                title: None,
                url: None,
                dct,
                dct_source: if dct.is_some() {
                    DctSource::Given
                } else {
                    DctSource::None
                },
                text,
            });
    proptest::collection::vec(doc, 1..4)
}

/// Documents with a permutation of them.
fn documents_and_order() -> impl Strategy<Value = (Vec<Document>, Vec<usize>)>
{
    documents().prop_flat_map(|docs| {
        let order = Just((0..docs.len()).collect::<Vec<_>>()).prop_shuffle();
        (Just(docs), order)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_pipeline_holds_on_any_documents(docs in documents()) {
        if let Err(e) = common::invariants::check_pipeline(&docs) {
            return Err(TestCaseError::fail(e));
        }
    }

    /// `merge` itself (not only `output::build`, which sorts first) gives
    /// the same timeline whatever the order of the documents it gets,
    /// duplicate ids included.
    #[test]
    fn merge_is_invariant_under_permutation((docs, order) in documents_and_order()) {
        let found = timeline::mentions(&docs, None);
        let titles: Vec<(String, Option<String>)> =
            docs.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
        let want = merge::merge(&found, &titles);
        let found2: Vec<_> = order.iter().map(|&i| found[i].clone()).collect();
        let titles2: Vec<_> = order.iter().map(|&i| titles[i].clone()).collect();
        prop_assert_eq!(merge::merge(&found2, &titles2), want.clone());
        // The merge of stored mentions (`timeline merge`'s) gives the
        // same timeline.
        let mut stored = merge::store::Stored::default();
        for d in found2 {
            stored.push(d);
        }
        prop_assert_eq!(merge::merge_stored(stored), want);
    }

    /// The partitioned merge, through the text of its lines (key, then
    /// cluster on the lines in reverse, then assemble), gives the
    /// timeline of the single merge, duplicate ids and dates far off
    /// included.
    #[test]
    fn the_partitioned_merge_is_the_merge(docs in documents()) {
        use timeline::merge::partition::{self, Record};
        let found = timeline::mentions(&docs, None);
        let want = timeline::timeline(found.clone());
        let mut lines: Vec<String> = found
            .iter()
            .flat_map(partition::key)
            .map(|r| r.line())
            .collect();
        lines.reverse();
        let records = lines
            .iter()
            .map(|l| partition::parse(l).expect("a line reads back"))
            .collect();
        let (mut listed, mut events) = (Vec::new(), Vec::new());
        for record in partition::cluster(records) {
            match partition::parse(&record.line()).expect("reads back") {
                Record::Document(d) => listed.push(d),
                Record::Event(e) => events.push(e),
                Record::Piece(_) => prop_assert!(false, "a piece is left"),
            }
        }
        prop_assert_eq!(partition::assemble(listed, events), want);
    }

    /// `mentions` gives each document the same result in any input
    /// order: the output is a permutation of the lines.
    #[test]
    fn mentions_do_not_depend_on_the_order((docs, order) in documents_and_order()) {
        let want = timeline::mentions(&docs, None);
        let permuted: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
        let got = timeline::mentions(&permuted, None);
        for (k, &i) in order.iter().enumerate() {
            prop_assert_eq!(&got[k], &want[i]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_go_through_the_readers(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        ext in proptest::sample::select(&["txt", "json", "jsonl", "tml"][..]),
        lossy in any::<bool>(),
    ) {
        let name = format!("in.{ext}");
        if let Err(e) = common::invariants::check_reader(&name, &bytes, lossy) {
            return Err(TestCaseError::fail(e));
        }
    }

    #[test]
    fn json_shaped_input_goes_through_the_readers(
        json in r#"\[?\{("(id|text|dct|title|url)": ?("[^"\\]{0,12}"|[0-9.e-]{1,6}|null|true|\[\]|\{\}), ?){0,5}\}\]?"#,
        ext in proptest::sample::select(&["json", "jsonl"][..]),
    ) {
        let name = format!("in.{ext}");
        if let Err(e) = common::invariants::check_reader(&name, json.as_bytes(), false) {
            return Err(TestCaseError::fail(e));
        }
    }
}
