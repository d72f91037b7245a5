//! Actors, places and numbers (temporary stub until the real one lands).

use std::ops::Range;

use serde::Serialize;

/// An entity kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A country.
    Country,
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A city.
    City,
    /// A place.
    Place,
    /// A region.
    Region,
}

/// A named entity in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Canonical name.
    pub canonical: String,
    /// Kind.
    pub kind: EntityKind,
    /// Used as a place.
    pub as_place: bool,
}

/// A number that matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// The value.
    pub value: u64,
    /// "more than" …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// What is counted.
    pub what: String,
    /// As written.
    pub text: String,
}

/// The arguments of one mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Arguments {
    /// Actors.
    pub actors: Vec<String>,
    /// Places.
    pub places: Vec<String>,
    /// Numbers.
    pub numbers: Vec<Quantity>,
}

/// Entities of a text.
pub fn find_entities(text: &str) -> Vec<Entity> {
    let _ = text;
    Vec::new()
}

/// Arguments of the trigger.
pub fn arguments(
    text: &str,
    entities: &[Entity],
    sentence: Range<usize>,
    trigger: Range<usize>,
) -> Arguments {
    let _ = (text, entities, sentence, trigger);
    Arguments::default()
}

/// Canonical name of an alias.
pub fn canonical(name: &str) -> Option<&'static str> {
    let _ = name;
    None
}
