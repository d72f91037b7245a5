//! The merger on small made-up corpora: the same event across articles
//! becomes one event; different events stay apart, even on one day.

use chrono::NaiveDate;
use timeline::merge::{Event, Timeline};
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

/// The events of one type.
fn of_type<'a>(tl: &'a Timeline, kind: &str) -> Vec<&'a Event> {
    tl.events.iter().filter(|e| e.kind.as_str() == kind).collect()
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
    let bombing: Vec<_> = of_type(&t, "Attack");
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
    let veto: Vec<_> = of_type(&tl, "Veto");
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
    let veto: Vec<_> = of_type(&tl, "Veto");
    assert_eq!(veto.len(), 1, "{:#?}", tl.events);
    assert_eq!(veto[0].date.as_deref(), Some("2019-W10"));
}

fn example_docs() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/syria-2017");
    timeline::document::read_paths(&[dir], &Default::default())
        .into_iter()
        .map(|d| d.expect("example article reads"))
        .collect()
}

/// (type, date, number of mentions) of each event.
fn shape(
    tl: &timeline::merge::Timeline,
) -> Vec<(String, Option<String>, usize)> {
    tl.events
        .iter()
        .map(|e| {
            (e.kind.as_str().to_string(), e.date.clone(), e.mentions.len())
        })
        .collect()
}

#[test]
fn syndicated_copies_join_the_same_events() {
    // Each article three times under other ids (one story on three
    // sites): the same events on the same dates, each with every copy's
    // mentions.
    let docs = example_docs();
    let once = build(&docs, None);
    let mut copies = Vec::new();
    for d in &docs {
        for k in 0..3 {
            let mut c = d.clone();
            c.id = format!("{}-copy{k}", d.id);
            copies.push(c);
        }
    }
    let thrice = build(&copies, None);
    let expected: Vec<_> =
        shape(&once).into_iter().map(|(t, d, n)| (t, d, 3 * n)).collect();
    let mut got = shape(&thrice);
    let mut want = expected;
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn group_limits_are_the_pairwise_cannot_links() {
    use timeline::merge::cluster::{Constraints, Item, Symbols, cannot_link};
    use timeline::merge::store::Store;
    let docs = example_docs();
    let found = timeline::mentions(&docs, None);
    let mut store = Store::default();
    let stored: Vec<(&timeline::DocumentMentions, usize)> = found
        .iter()
        .flat_map(|d| d.mentions.iter().map(move |m| (d, m)))
        .map(|(d, m)| (d, store.add(m)))
        .collect();
    let mut symbols = Symbols::default();
    let items: Vec<Item> = stored
        .iter()
        .map(|&(d, i)| Item::new(&store, i, &d.id, d.dct, &mut symbols))
        .collect();
    assert!(items.len() > 50);
    for a in &items {
        for b in &items {
            assert_eq!(
                Constraints::of(a).clash(&Constraints::of(b)),
                cannot_link(a, b),
                "{} / {}",
                a.sentence(),
                b.sentence()
            );
        }
    }
    // Groups of every third and every fifth mention, shifted: a clash of
    // the groups is a clash of some pair across them.
    for shift in 0..7 {
        let g1: Vec<&Item> = items.iter().skip(shift).step_by(3).collect();
        let g2: Vec<&Item> = items.iter().skip(shift + 1).step_by(5).collect();
        for n1 in 1..g1.len().min(6) {
            for n2 in 1..g2.len().min(6) {
                let mut c1 = Constraints::of(g1[0]);
                for x in &g1[1..n1] {
                    c1.absorb(Constraints::of(x));
                }
                let mut c2 = Constraints::of(g2[0]);
                for y in &g2[1..n2] {
                    c2.absorb(Constraints::of(y));
                }
                let pairwise = g1[..n1]
                    .iter()
                    .any(|x| g2[..n2].iter().any(|y| cannot_link(x, y)));
                assert_eq!(c1.clash(&c2), pairwise);
            }
        }
    }
}

#[test]
fn a_large_block_keeps_distinct_events_apart_and_joins_their_reports() {
    // 261 bombings, each reported by two articles: three on each of 87
    // days, told apart by their death tolls. More distinct mentions than
    // are scored pair by pair, so the sparse comparison must still find
    // each pair and keep the rest apart.
    let mut docs = Vec::new();
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    for i in 0..261u64 {
        let day = start + chrono::Days::new(i % 87);
        let dead = [20, 300, 4000][(i / 87) as usize];
        let when = day.format("%B %-d").to_string();
        let reports = [
            format!(
                "A bombing in the market of Qaryat{i} on {when} killed \
                 {dead} people."
            ),
            format!(
                "The bombing of the Qaryat{i} market on {when} killed \
                 {dead} people, officials said."
            ),
        ];
        for (k, text) in reports.iter().enumerate() {
            docs.push(doc(&format!("d{i:03}-{k}"), (2019, 4, 2), text));
        }
    }
    let tl = build(&docs, None);
    let attacks: Vec<_> = of_type(&tl, "Attack");
    assert_eq!(attacks.len(), 261);
    for e in &attacks {
        let mut ds: Vec<&str> =
            e.mentions.iter().map(|m| &m.doc[..4]).collect();
        ds.dedup();
        assert_eq!(ds.len(), 1, "one bombing per event: {e:#?}");
        let mut reports: Vec<&str> =
            e.mentions.iter().map(|m| m.doc.as_str()).collect();
        reports.dedup();
        assert_eq!(reports.len(), 2, "both reports: {e:#?}");
    }
    // And the same timeline, byte for byte, from the reversed input.
    docs.reverse();
    let again = build(&docs, None);
    assert_eq!(
        serde_json::to_string(&tl).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
}

#[test]
fn saying_what_a_known_event_was_refers_back_to_it() {
    // "it was a deliberate bombing" names no date, place or actor, but
    // it can only mean the bombing in the news.
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "The bombing of the Zarqa market on March 5 killed 12 people.",
        ),
        doc(
            "b",
            (2019, 3, 9),
            "Inspectors insisted it was a deliberate bombing.",
        ),
    ];
    assert_eq!(
        events(&docs),
        [("Attack".to_string(), Some("2019-03-05".to_string()), 2)]
    );
}

#[test]
fn an_event_given_a_range_has_an_end_date() {
    let docs = [
        doc(
            "a",
            (2019, 3, 20),
            "Leaders of Chad and Mali held talks in Bamako from March 11 to \
             March 13.",
        ),
        doc(
            "b",
            (2019, 3, 14),
            "The talks in Bamako between Chad and Mali ended on Wednesday.",
        ),
    ];
    let tl = build(&docs, None);
    let talks: Vec<_> = of_type(&tl, "Meeting");
    assert_eq!(talks.len(), 1, "{:#?}", tl.events);
    assert_eq!(talks[0].date.as_deref(), Some("2019-03-11"));
    assert_eq!(talks[0].end_date.as_deref(), Some("2019-03-13"));
    assert_eq!(talks[0].mentions.len(), 2);
}

#[test]
fn an_undated_reference_with_a_definite_object_joins_the_event_in_the_news() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "Norway vetoed the Security Council resolution on Yemen on \
             Wednesday.",
        ),
        doc(
            "b",
            (2019, 3, 8),
            "Chad praised Mali for its decision to abstain from voting on \
             the resolution.",
        ),
    ];
    let tl = build(&docs, None);
    let votes: Vec<_> = tl
        .events
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "Veto" | "Vote"))
        .collect();
    assert_eq!(votes.len(), 1, "{:#?}", tl.events);
    assert!(votes[0].mentions.iter().any(|m| m.doc == "b"));
    assert_eq!(votes[0].date.as_deref(), Some("2019-03-06"));
}

#[test]
fn a_reference_that_names_a_body_joins_only_an_event_of_that_body() {
    // "the G7 meeting" is not the one meeting of the week that names no
    // body.
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "Chad's foreign minister met Mali's president in Bamako on \
             Wednesday.",
        ),
        doc(
            "b",
            (2019, 3, 8),
            "At the G7 meeting, officials were unable to agree on new \
             sanctions.",
        ),
    ];
    let tl = build(&docs, None);
    let meetings: Vec<_> = of_type(&tl, "Meeting");
    assert_eq!(meetings.len(), 2, "{:#?}", tl.events);
}

#[test]
fn a_visit_and_the_talks_held_during_it_are_one_event() {
    let docs = [
        doc(
            "a",
            (2019, 3, 7),
            "Mike Pompeo arrived in Beijing on Wednesday on his first visit to China.",
        ),
        doc(
            "b",
            (2019, 3, 8),
            "Mike Pompeo held talks with Xi Jinping in Beijing on Wednesday.",
        ),
    ];
    let tl = build(&docs, None);
    assert_eq!(of_type(&tl, "Visit").len(), 0, "{:#?}", tl.events);
    let meetings = of_type(&tl, "Meeting");
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    assert_eq!(meetings[0].date.as_deref(), Some("2019-03-06"));
    // "arrived", "visit" and "talks".
    assert_eq!(meetings[0].mentions.len(), 3);
    // A visit held when nobody it shares met anyone stays a visit.
    let alone = [
        docs[0].clone(),
        doc(
            "b",
            (2019, 3, 8),
            "John Kerry held talks with Xi Jinping in Beijing on Wednesday.",
        ),
    ];
    let tl = build(&alone, None);
    assert_eq!(of_type(&tl, "Visit").len(), 1, "{:#?}", tl.events);
    assert_eq!(of_type(&tl, "Meeting").len(), 1);
}

#[test]
fn what_two_people_said_on_one_day_is_two_statements() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "Omar Diallo said Wednesday that the talks had failed. \
             Ibrahim Keita on Wednesday said that the talks went well.",
        ),
        doc(
            "b",
            (2019, 3, 9),
            "Omar Diallo said on Wednesday that the talks in Bamako had failed.",
        ),
    ];
    let tl = build(&docs, None);
    let mut said: Vec<(String, usize)> = of_type(&tl, "Statement")
        .iter()
        .map(|e| (e.title.clone(), e.mentions.len()))
        .collect();
    said.sort();
    assert_eq!(
        said,
        [
            ("Statement by Ibrahim Keita".to_string(), 1),
            ("Statement by Omar Diallo".to_string(), 2)
        ]
    );
}

#[test]
fn a_press_conference_of_the_sides_of_a_meeting_is_part_of_it() {
    let docs = [
        doc(
            "a",
            (2019, 3, 8),
            "Angela Merkel held talks with Xi Jinping in Beijing on Wednesday.",
        ),
        doc(
            "b",
            (2019, 3, 8),
            "Xi Jinping told a press conference with Angela Merkel on Wednesday \
             that trade would grow. Angela Merkel said on Thursday that she \
             was pleased.",
        ),
    ];
    let tl = build(&docs, None);
    let meetings = of_type(&tl, "Meeting");
    assert_eq!(meetings.len(), 1, "{:#?}", tl.events);
    let triggers: Vec<&str> =
        meetings[0].mentions.iter().map(|m| m.trigger.as_str()).collect();
    assert_eq!(triggers, ["talks", "conference"]);
    // What one side said the next day is a statement of its own.
    let said = of_type(&tl, "Statement");
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].date.as_deref(), Some("2019-03-07"));
}

#[test]
fn an_event_is_dated_by_what_happened_during_it() {
    let docs = [
        doc(
            "a",
            (2019, 3, 9),
            "Rebels attacked the town of Zarqa on March 5. The minister \
             learned of the attack on Zarqa during a dinner with Xi Jinping.",
        ),
        doc(
            "b",
            (2019, 3, 9),
            "The attack on Zarqa on Tuesday killed 12 people.",
        ),
    ];
    let tl = build(&docs, None);
    let dinner = of_type(&tl, "Meeting");
    assert_eq!(dinner.len(), 1, "{:#?}", tl.events);
    assert_eq!(dinner[0].date.as_deref(), Some("2019-03-05"));
    assert!(dinner[0].confidence < of_type(&tl, "Attack")[0].confidence);
    // Without a dated event to hold, it stays undated.
    let alone = [doc(
        "a",
        (2019, 3, 9),
        "The minister learned of it during a dinner with Xi Jinping.",
    )];
    let tl = build(&alone, None);
    assert_eq!(of_type(&tl, "Meeting")[0].date, None);
}
