//! Headlines for events, made from what their mentions say: the most
//! specific phrase ("chemical attack"), the place, the main actors, and
//! a number that matters ("kills more than 80 people").

use std::collections::BTreeMap;

use crate::events::arguments::{EntityKind, Quantity, place_kind};
use crate::events::{EventType, Mention};

/// Names by how many mentions give them (ties: alphabetical).
fn ranked<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names {
        *count.entry(n.as_str()).or_default() += 1;
    }
    let mut v: Vec<(usize, &str)> =
        count.into_iter().map(|(n, c)| (c, n)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    v.into_iter().map(|(_, n)| n).collect()
}

fn of_kind<'a>(names: &[&'a str], kinds: &[EntityKind]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|n| place_kind(n).is_some_and(|k| kinds.contains(&k)))
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The most specific phrase the mentions use: the longest lemma, then
/// the most frequent, then alphabetical.
fn phrase(mentions: &[&Mention]) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for m in mentions {
        *count.entry(m.lemma).or_default() += 1;
    }
    count
        .into_iter()
        .max_by(|a, b| {
            let words = |s: &str| s.split(' ').count();
            // Then the longer word: "meeting" names an event better
            // than "meet".
            (words(a.0), a.1, a.0.len())
                .cmp(&(words(b.0), b.1, b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(l, _)| l.to_string())
        .unwrap_or_default()
}

/// A casualty figure: the first exact one, in mention order.
fn deaths<'a>(mentions: &[&'a Mention]) -> Option<&'a Quantity> {
    mentions.iter().flat_map(|m| &m.numbers).find(|q| {
        matches!(
            q.what.as_str(),
            "people"
                | "civilians"
                | "killed"
                | "dead"
                | "children"
                | "persons"
        )
    })
}

fn count_phrase(q: &Quantity) -> String {
    let what = if q.what == "killed" { "people" } else { q.what.as_str() };
    match q.qualifier.as_deref() {
        // "hundreds of people", not "hundreds 200 people".
        Some(qual @ ("dozens" | "scores" | "hundreds" | "thousands")) => {
            format!("{qual} of {what}")
        }
        Some(qual) => format!("{qual} {} {what}", q.value),
        None => format!("{} {what}", q.value),
    }
}

fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => (*a).to_string(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A timeline headline for an event of type `kind` from its mentions.
pub fn headline(kind: EventType, mentions: &[&Mention]) -> String {
    let actors = ranked(mentions.iter().flat_map(|m| &m.actors));
    let places = ranked(mentions.iter().flat_map(|m| &m.places));
    let sites = of_kind(&places, &[EntityKind::City, EntityKind::Place]);
    let countries = of_kind(&actors, &[EntityKind::Country]);
    let people = of_kind(&actors, &[EntityKind::Person]);
    let orgs = of_kind(&actors, &[EntityKind::Org]);
    let place = sites.first().or(places.first()).copied();
    // "the G7 meeting": the body that met, named by the trigger's own
    // phrase, is its headline.
    let body = mentions.iter().find_map(|m| m.body.as_ref());
    if let Some(body) = body
        && kind == EventType::Meeting
    {
        return capitalise(&format!("{body} {}", phrase(mentions)));
    }
    let phrase = phrase(mentions);
    let title = match kind {
        EventType::Attack => {
            let mut t = capitalise(&phrase);
            if let Some(p) = place {
                t.push_str(&format!(" on {p}"));
            }
            if let Some(q) = deaths(mentions) {
                t.push_str(&format!(" kills {}", count_phrase(q)));
            }
            t
        }
        EventType::MilitaryStrike => {
            let what = if phrase.contains(' ') {
                phrase.clone()
            } else {
                "strike".into()
            };
            // The striking state, not the one struck ("on Syria").
            let striker = countries.iter().find(|c| !places.contains(c));
            let mut t = match striker {
                Some(c) => format!("{c} {what}"),
                None => capitalise(&what),
            };
            if let Some(p) = place {
                t.push_str(&format!(" on {p}"));
            }
            t
        }
        EventType::Veto => {
            // The vetoing state is named by the veto mentions, not by
            // the vote's (whose actors include the state the resolution
            // is about).
            let vetoes: Vec<&String> = mentions
                .iter()
                .filter(|m| m.kind == EventType::Veto)
                .flat_map(|m| &m.actors)
                .collect();
            let vetoing = ranked(vetoes.into_iter());
            let vetoing = of_kind(&vetoing, &[EntityKind::Country]);
            let by = vetoing
                .first()
                .or(countries.first())
                .copied()
                .unwrap_or("A member");
            match orgs.iter().find(|o| o.contains("Security Council")) {
                Some(o) => format!("{by} vetoes {o} resolution"),
                None => format!("{by} vetoes resolution"),
            }
        }
        EventType::Meeting | EventType::Visit => {
            // A meeting has several sides; a visit has one visitor.
            let several = kind == EventType::Meeting
                && (people.len() >= 2 || countries.len() >= 2);
            let who = if several && people.len() >= 2 {
                and_list(&people[..2])
            } else if let Some(p) = people.first() {
                (*p).to_string()
            } else if several {
                and_list(&countries[..2])
            } else {
                countries.first().map_or(String::new(), |c| (*c).to_string())
            };
            let verb = match (kind, several) {
                (EventType::Visit, _) => "visits",
                (_, true) => "meet",
                _ => "meets",
            };
            match (who.is_empty(), place, kind) {
                (true, Some(p), _) => {
                    format!("{} in {p}", capitalise(&phrase))
                }
                (true, None, _) => capitalise(&phrase),
                (false, Some(p), EventType::Visit) => {
                    format!("{who} {verb} {p}")
                }
                (false, Some(p), _)
                    if place_kind(p) == Some(EntityKind::Org) =>
                {
                    format!("{who} {verb} at the {p}")
                }
                (false, Some(p), _) => format!("{who} {verb} in {p}"),
                (false, None, _) => format!("{who} {verb}"),
            }
        }
        _ => {
            let row = TEMPLATES.iter().find(|(k, lemma, _, _)| {
                *k == kind && (lemma.is_empty() || *lemma == phrase)
            });
            // Who made a statement, as its mentions name the speaker;
            // the people its sentences speak of come after.
            let speakers = ranked(
                mentions
                    .iter()
                    .filter(|m| m.kind == EventType::Statement)
                    .flat_map(|m| &m.with),
            );
            let who = match row {
                Some((EventType::Statement, ..)) if !speakers.is_empty() => {
                    speakers.first()
                }
                Some((_, _, Who::Country, _)) => countries
                    .first()
                    .or(people.first())
                    .or(orgs.first())
                    .or(actors.first()),
                _ => people
                    .first()
                    .or(countries.first())
                    .or(orgs.first())
                    .or(actors.first()),
            };
            let template = row.map(|(_, _, _, t)| *t);
            match (who, template) {
                (Some(w), Some(t)) => {
                    t.replace("{phrase}", &phrase).replace("{who}", w)
                }
                (Some(w), None) => format!("{w}: {phrase}"),
                (None, _) => capitalise(&phrase),
            }
        }
    };
    capitalise(&title)
}

/// Whose name a headline leads with.
enum Who {
    /// A person, else a country, an organisation.
    Person,
    /// A country first: states vote, abstain and hold elections.
    Country,
}

/// How the headline of a type reads with its main actor, when nothing
/// more specific is known: (type, lemma or "" for any, whose name,
/// template with `{who}` and `{phrase}`). The first row that fits is
/// used; without one the headline is "{who}: {phrase}".
const TEMPLATES: &[(EventType, &str, Who, &str)] = &[
    (EventType::Statement, "say", Who::Person, "statement by {who}"),
    (EventType::Statement, "tell", Who::Person, "statement by {who}"),
    (EventType::Statement, "state", Who::Person, "statement by {who}"),
    (EventType::Statement, "comment", Who::Person, "comments by {who}"),
    (EventType::Statement, "warn", Who::Person, "warning by {who}"),
    (EventType::Statement, "insist", Who::Person, "statement by {who}"),
    (EventType::Statement, "write", Who::Person, "{who} writes"),
    (EventType::Statement, "", Who::Person, "{phrase} by {who}"),
    (EventType::Interview, "", Who::Person, "interview with {who}"),
    (EventType::Personnel, "take", Who::Person, "{who} takes office"),
    (EventType::Personnel, "resign", Who::Person, "{who} resigns"),
    (EventType::Personnel, "appoint", Who::Person, "{who} appointed"),
    (EventType::Vote, "abstain", Who::Country, "{who} abstains"),
    (EventType::Vote, "", Who::Country, "vote involving {who}"),
    (EventType::Election, "", Who::Person, "election of {who}"),
    (EventType::Investigation, "", Who::Person, "{phrase} involving {who}"),
    (EventType::Agreement, "", Who::Person, "{phrase} involving {who}"),
    (EventType::Sanction, "", Who::Country, "sanctions involving {who}"),
    (EventType::Legal, "", Who::Person, "{phrase} involving {who}"),
    (EventType::Protest, "", Who::Person, "{phrase} involving {who}"),
];
