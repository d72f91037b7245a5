//! Event mentions end to end: triggers, factuality, anchoring, and the
//! DCT inferred for undated documents.

use chrono::NaiveDate;
use timeline::document::{ReadOptions, read_file};
use timeline::events::{EventType, Factuality, extract};
use timeline::timex::Tagger;
use timeline::{DctSource, Document, mentions};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        title: None,
        url: None,
        dct: None,
        dct_source: DctSource::None,
        text: text.into(),
    }
}

/// (trigger, type, date, factuality) of each mention of `text`.
fn found(
    text: &str,
    dct: NaiveDate,
) -> Vec<(String, EventType, Option<String>, Factuality)> {
    let timexes = Tagger::new().tag(text, Some(dct));
    extract(text, Some(dct), &timexes)
        .into_iter()
        .map(|m| (m.trigger, m.kind, m.date, m.factuality))
        .collect()
}

#[test]
fn mentions_are_typed_dated_and_judged() {
    let dct = d(2017, 4, 13);
    let text = "The US launched 59 cruise missiles at an airbase last Thursday. \
                Russia vetoed the resolution on Wednesday. \
                The council was set to vote on Friday. \
                Any further such attacks would entail grave consequences. \
                Officials said the April 4 attack killed more than 80 people.";
    let got = found(text, dct);
    let want = [
        (
            "launched",
            EventType::MilitaryStrike,
            Some("2017-04-06"),
            Factuality::Actual,
        ),
        ("vetoed", EventType::Veto, Some("2017-04-12"), Factuality::Actual),
        ("vote", EventType::Vote, Some("2017-04-14"), Factuality::Planned),
        ("attack", EventType::Attack, Some("2017-04-04"), Factuality::Actual),
        ("killed", EventType::Death, None, Factuality::Actual),
    ];
    let got: Vec<_> = got
        .iter()
        .map(|(t, k, date, f)| (t.as_str(), *k, date.as_deref(), *f))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_state_attack_is_a_strike() {
    let dct = d(2017, 4, 17);
    for text in [
        "Lavrov denounced last week's US attack on Syria.",
        "Lavrov denounced last week's us attack on Syria.",
    ] {
        assert_eq!(found(text, dct)[0].1, EventType::MilitaryStrike, "{text}");
    }
    let got = found("Lavrov denounced an unlawful attack against Syria.", dct);
    assert_eq!(got[0].1, EventType::MilitaryStrike);
    let got = found("Lavrov denounced the chemical attack on the town.", dct);
    assert_eq!(got[0].1, EventType::Attack);
}

#[test]
fn reporting_dates_and_missing_times_leave_events_undated() {
    let dct = d(2017, 4, 13);
    // "Wednesday" dates the saying, a statement of a named speaker, not
    // the strike.
    let got = found(
        "Trump said Wednesday that the missile strike was justified.",
        dct,
    );
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].0.as_str(), got[0].1, got[0].2.as_deref()),
        ("said", EventType::Statement, Some("2017-04-12"))
    );
    assert_eq!(
        (got[1].1, got[1].2.as_deref()),
        (EventType::MilitaryStrike, None)
    );
    // Nobody named: a plain "said" is no event.
    let got = found(
        "Officials said Wednesday that the missile strike was justified.",
        dct,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, None);
    // Without a DCT nothing is dated, and nothing gets today's date.
    let text = "Russia vetoed the resolution on Wednesday.";
    let timexes = Tagger::new().tag(text, None);
    let m = extract(text, None, &timexes);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].date, None);
}

#[test]
fn a_dct_is_inferred_from_a_weekday_and_its_date() {
    // April 12 is a Wednesday in 2017 (not in 2016, the year named).
    let text = "Talks failed in 2016. The ministers met again on Wednesday, \
                and on April 12 they signed the accord.";
    let out = mentions(&[doc("a", text)], None);
    assert_eq!(out[0].dct_source, DctSource::Inferred);
    assert_eq!(out[0].dct, Some(d(2017, 4, 12)));
    assert!(
        out[0].dct_evidence.iter().any(|e| e.contains("agree on 2017-04-12"))
    );
}

#[test]
fn a_dct_is_inferred_from_events_dated_documents_report() {
    let opts = ReadOptions::default();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events");
    let read = |name: &str| {
        read_file(&std::path::Path::new(dir).join(name), &opts)
            .remove(0)
            .unwrap()
    };
    let (dated, undated) = (read("dated.txt"), read("undated.txt"));
    // Either order gives the same answer.
    for docs in [vec![dated.clone(), undated.clone()], vec![undated, dated]] {
        let out = mentions(&docs, None);
        let undated = out.iter().find(|m| m.id == "undated").unwrap();
        assert_eq!(undated.dct_source, DctSource::Inferred);
        // The talks were on Wednesday, June 7, 2017.
        let dct = undated.dct.unwrap();
        assert!((d(2017, 6, 7)..=d(2017, 6, 13)).contains(&dct), "{dct}");
        // The headline's "talks" has no time; the body's is dated.
        let dates: Vec<_> = undated
            .mentions
            .iter()
            .filter(|m| m.trigger == "talks")
            .map(|m| m.date.as_deref())
            .collect();
        assert_eq!(dates, [None, Some("2017-06-07")]);
    }
}

#[test]
fn nothing_to_go_on_means_no_dct() {
    let out = mentions(&[doc("a", "The ministers met on Wednesday.")], None);
    assert_eq!(out[0].dct, None);
    assert_eq!(out[0].dct_source, DctSource::None);
}

#[test]
fn a_stated_dct_that_puts_the_past_in_the_future_is_flagged() {
    let mut d0 = doc(
        "a",
        "The summit was held on May 3. The accord was signed on May 20. \
         Troops left on June 2.",
    );
    d0.dct = Some(d(2017, 4, 1));
    d0.dct_source = DctSource::Given;
    let out = mentions(&[d0], None);
    assert!(
        out[0].warnings.iter().any(|w| w.contains("looks wrong")),
        "{:?}",
        out[0].warnings
    );
}

/// The example articles with their date lines cut off: read beside the
/// other dated article, each gets a DCT within a week of the real one.
#[test]
fn example_articles_without_their_date_line() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/syria-2017");
    let read = |name: &str| {
        read_file(
            &std::path::Path::new(dir).join(name),
            &ReadOptions::default(),
        )
        .remove(0)
        .unwrap()
    };
    let a = read("000_e7b1057cd24d42ad.txt");
    let b = read("003_b096394ef1afe55d.txt");
    let cut = |d: &Document, line: &str| {
        let mut d = d.clone();
        assert!(d.text.contains(line));
        d.text = d.text.replace(line, "");
        d.id.push_str("_cut");
        d
    };
    for (undated, real, other) in [
        (cut(&a, "Posted April 17, 2017"), d(2017, 4, 17), b.clone()),
        (cut(&b, "April 14, 2017"), d(2017, 4, 14), a.clone()),
    ] {
        let out = mentions(&[undated, other], None);
        let got = out.iter().find(|m| m.id.ends_with("_cut")).unwrap();
        assert_eq!(got.dct_source, DctSource::Inferred);
        let days = (got.dct.unwrap() - real).num_days().abs();
        assert!(days <= 7, "{}: {:?} vs {real}", got.id, got.dct);
    }
}

proptest::proptest! {
    /// Any text, with or without a DCT, gives mentions whose offsets
    /// slice the text at the trigger, and a timeline, without a panic.
    #[test]
    fn any_text_gives_mentions_and_a_timeline(
        text in "(\\PC|[ .,;'\"()-]|attack|vetoed|talks|on Wednesday|April 4|in Moscow|with Putin|killed 80 people){0,40}",
        dated in proptest::bool::ANY,
    ) {
        let mut d0 = doc("p", &text);
        if dated {
            d0.dct = Some(d(2017, 4, 13));
            d0.dct_source = DctSource::Given;
        }
        let out = mentions(std::slice::from_ref(&d0), None);
        let chars: Vec<char> = text.chars().collect();
        for m in &out[0].mentions {
            proptest::prop_assert!(m.start < m.end && m.end <= chars.len());
            let slice: String = chars[m.start..m.end].iter().collect();
            proptest::prop_assert_eq!(&slice, &m.trigger);
        }
        let _ = timeline::output::build(&[d0], None);
    }
}

#[test]
fn an_undated_event_holds_what_happened_during_it() {
    use timeline::events::anchor::TimeEvidence;
    let text = "Two people were shot dead during a protest in Dhaka. \
                The protest on Monday ended.";
    let dct = d(2019, 3, 9);
    let timexes = Tagger::new().tag(text, Some(dct));
    let m = extract(text, Some(dct), &timexes);
    let protest = m.iter().find(|m| m.trigger == "protest").unwrap();
    let shot = m.iter().find(|m| m.trigger == "shot").unwrap();
    assert_eq!(
        protest.time_evidence,
        TimeEvidence::Holds {
            trigger: "shot".into(),
            start: shot.start,
            end: shot.end
        }
    );
    // A dated event keeps its own date.
    let later = m.iter().rfind(|m| m.trigger == "protest").unwrap();
    assert_eq!(later.date.as_deref(), Some("2019-03-04"));
}
