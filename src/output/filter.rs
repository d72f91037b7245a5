//! Narrowing a timeline down to the events about someone or somewhere.

use crate::events::arguments::{canonical, place_canonical};
use crate::merge::{Event, Timeline};

/// The timeline with only the events about any of `names` (all of them
/// when `names` is empty); `documents` are kept as they are.
///
/// A name is looked up in the gazetteer in both its readings, as the
/// extractor would read it in a text: its actor reading is matched
/// against the event's actors and its place reading against its places.
/// So "Russian Federation" and "the Kremlin" find the events whose
/// actors include "Russia", "Russia" also finds the visits to Russia,
/// and "Moscow" finds both the events in Moscow and those of the
/// Russian government (which the extractor cannot tell apart from
/// "Moscow said"). A name the gazetteer does not know, or any name
/// spelled as the timeline spells it, is matched as written against
/// both actors and places. Gazetteer aliases are case-sensitive, as in
/// the texts ("us" is not the US); matching the resulting names is not
/// ("russia" finds "Russia").
pub fn about(timeline: &Timeline, names: &[String]) -> Timeline {
    let wanted: Vec<Wanted> = names.iter().map(|n| Wanted::new(n)).collect();
    let events = timeline
        .events
        .iter()
        .filter(|e| wanted.is_empty() || wanted.iter().any(|w| w.matches(e)))
        .cloned()
        .collect();
    Timeline {
        schema_version: timeline.schema_version,
        documents: timeline.documents.clone(),
        events,
    }
}

/// The forms of one name to look for, lowercased.
struct Wanted {
    actor: Option<String>,
    place: Option<String>,
    literal: String,
}

impl Wanted {
    fn new(name: &str) -> Wanted {
        Wanted {
            actor: canonical(name).map(str::to_lowercase),
            place: place_canonical(name).map(str::to_lowercase),
            literal: name.trim().to_lowercase(),
        }
    }

    fn matches(&self, event: &Event) -> bool {
        let is = |names: &[String], form: &str| {
            !form.is_empty() && names.iter().any(|n| n.to_lowercase() == form)
        };
        self.actor.as_deref().is_some_and(|a| is(&event.actors, a))
            || self.place.as_deref().is_some_and(|p| is(&event.places, p))
            || is(&event.actors, &self.literal)
            || is(&event.places, &self.literal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventType, Factuality};
    use crate::merge::SCHEMA_VERSION;

    fn event(id: &str, actors: &[&str], places: &[&str]) -> Event {
        Event {
            id: id.to_owned(),
            kind: EventType::Meeting,
            title: "talks".to_owned(),
            summary: "They held talks.".to_owned(),
            date: None,
            end_date: None,
            precision: None,
            confidence: 0.5,
            factuality: Factuality::Actual,
            actors: actors.iter().map(|s| s.to_string()).collect(),
            places: places.iter().map(|s| s.to_string()).collect(),
            date_conflicts: Vec::new(),
            mentions: Vec::new(),
            first_day: None,
        }
    }

    fn timeline() -> Timeline {
        Timeline {
            schema_version: SCHEMA_VERSION,
            documents: Vec::new(),
            events: vec![
                event("a", &["Russia", "Sergey Lavrov"], &[]),
                event("b", &["Rex Tillerson"], &["Moscow"]),
                event("c", &["Rex Tillerson"], &["Russia"]),
                event("d", &["United States"], &["Syria"]),
            ],
        }
    }

    fn ids(t: &Timeline) -> Vec<&str> {
        t.events.iter().map(|e| e.id.as_str()).collect()
    }

    fn about_(names: &[&str]) -> Vec<String> {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        ids(&about(&timeline(), &names))
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn aliases_find_the_canonical_actor_and_place() {
        assert_eq!(about_(&["Russia"]), ["a", "c"]);
        assert_eq!(about_(&["Russian Federation"]), ["a", "c"]);
        assert_eq!(about_(&["Moscow"]), ["a", "b"]);
        assert_eq!(about_(&["russia"]), ["a", "c"]);
    }

    #[test]
    fn several_names_keep_events_about_any() {
        assert_eq!(about_(&["Syria", "Sergey Lavrov"]), ["a", "d"]);
        assert_eq!(about_(&[]), ["a", "b", "c", "d"]);
        assert!(about_(&["Atlantis"]).is_empty());
        assert!(about_(&[""]).is_empty());
    }
}
