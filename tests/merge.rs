//! The merger on small made-up corpora: the same event across articles
//! becomes one event; different events stay apart, even on one day.

use chrono::NaiveDate;
use timeline::output::build;
use timeline::{DctSource, Document};

fn doc(id: &str, dct: (i32, u32, u32), text: &str) -> Document {
    Document {
        id: id.into(),
        title: None,
        url: None,
        dct: NaiveDate::from_ymd_opt(dct.0, dct.1, dct.2),
        dct_source: DctSource::Given,
        text: text.into(),
    }
}

/// (type, date, number of documents) of each event.
fn events(docs: &[Document]) -> Vec<(String, Option<String>, usize)> {
    build(docs, None)
        .events
        .iter()
        .map(|e| {
            let mut ds: Vec<&str> =
                e.mentions.iter().map(|m| m.doc.as_str()).collect();
            ds.sort();
            ds.dedup();
            (e.kind.as_str().to_string(), e.date.clone(), ds.len())
        })
        .collect()
}

#[test]
fn one_event_across_articles_and_two_on_one_day() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "Rebels attacked the town of Zarqa on March 5, killing more than 30 people. \
             On Wednesday, Norway vetoed the resolution at the UN Security Council.",
        ),
        doc(
            "b",
            (2019, 3, 7),
            "The attack on Zarqa on Tuesday killed more than 30 people, officials said. \
             The foreign ministers of Chad and Mali held talks in Bamako on Wednesday.",
        ),
    ];
    let got = events(&docs);
    let find =
        |t: &str| got.iter().filter(|e| e.0 == t).cloned().collect::<Vec<_>>();
    // The attack is one event, from both articles, dated March 5.
    assert_eq!(
        find("Attack"),
        [("Attack".into(), Some("2019-03-05".into()), 2)]
    );
    // The veto and the talks are both on Wednesday, March 6, and apart.
    assert_eq!(find("Veto"), [("Veto".into(), Some("2019-03-06".into()), 1)]);
    assert_eq!(
        find("Meeting"),
        [("Meeting".into(), Some("2019-03-06".into()), 1)]
    );
}

#[test]
fn the_same_kind_of_event_in_two_towns_is_two_events() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "A sarin attack on Zarqa killed more than 30 people.",
        ),
        doc(
            "b",
            (2019, 3, 8),
            "A sarin attack outside Damascus killed hundreds of people.",
        ),
    ];
    let got = events(&docs);
    assert_eq!(got.iter().filter(|e| e.0 == "Attack").count(), 2, "{got:?}");
}

#[test]
fn conflicting_dates_are_kept_not_hidden() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "The bombing of the Zarqa market on March 5 killed 12 people.",
        ),
        doc(
            "b",
            (2019, 3, 20),
            "Last week's bombing of the Zarqa market killed 12 people.",
        ),
    ];
    let t = build(&docs, None);
    let bombing: Vec<_> =
        t.events.iter().filter(|e| e.kind.as_str() == "Attack").collect();
    assert_eq!(bombing.len(), 1, "{:?}", t.events);
    assert_eq!(bombing[0].date.as_deref(), Some("2019-03-05"));
    assert_eq!(bombing[0].date_conflicts.len(), 1);
    assert_eq!(bombing[0].date_conflicts[0].doc, "b");
}

#[test]
fn a_plan_and_a_later_report_of_it_date_the_event_between_them() {
    // One article expects the veto (written March 6), another reports it
    // as done (written March 6 too): it happened on March 6, not on the
    // day the vote was first set for.
    let docs = [
        doc(
            "a",
            (2019, 3, 6),
            "The Security Council had been scheduled to vote on the draft \
             resolution on Yemen on March 4. Norway will likely veto it, \
             diplomats said.",
        ),
        doc(
            "b",
            (2019, 3, 6),
            "A Security Council resolution on Yemen has been vetoed by Norway.",
        ),
    ];
    let tl = build(&docs, None);
    let veto: Vec<_> =
        tl.events.iter().filter(|e| e.kind.as_str() == "Veto").collect();
    assert_eq!(veto.len(), 1, "{:#?}", tl.events);
    assert_eq!(veto[0].date.as_deref(), Some("2019-03-06"));
    // The day first set is kept as a conflict, not hidden.
    assert_eq!(veto[0].date_conflicts.len(), 1);
    assert_eq!(veto[0].date_conflicts[0].date, "2019-03-04");

    // Written two days apart, the two leave a window of three days: the
    // week holds it.
    let mut later = docs.clone();
    later[1].dct = NaiveDate::from_ymd_opt(2019, 3, 8);
    let tl = build(&later, None);
    let veto: Vec<_> =
        tl.events.iter().filter(|e| e.kind.as_str() == "Veto").collect();
    assert_eq!(veto.len(), 1, "{:#?}", tl.events);
    assert_eq!(veto[0].date.as_deref(), Some("2019-W10"));
}
