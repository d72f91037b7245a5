//! Event extraction: the events an article reports, typed, placed in
//! time, with who and where.
//!
//! A mention is one trigger word ("attack", "vetoed", "talks") with
//! what the sentence around it says: its type, factuality, actors,
//! places, numbers, and the time it is anchored to.

pub mod arguments;
pub mod factuality;
pub mod lexicon;

use serde::Serialize;

/// The kinds of event a news timeline is made of.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
pub enum EventType {
    /// An armed or chemical attack by a non-state or unnamed actor, a
    /// bombing, a shooting.
    Attack,
    /// A strike by a state's armed forces: air strikes, missile strikes,
    /// raids, shelling.
    MilitaryStrike,
    /// Deaths reported as events: killings, executions, deaths.
    Death,
    /// A vote, a referendum, a ballot in a council or parliament.
    Vote,
    /// A veto or a blocked resolution.
    Veto,
    /// A meeting, talks, a summit, a conference between parties.
    Meeting,
    /// A visit or a trip somewhere.
    Visit,
    /// A public statement: press conference, speech, announcement,
    /// address, briefing.
    Statement,
    /// An interview.
    Interview,
    /// An investigation, a probe, an inquiry.
    Investigation,
    /// Sanctions, embargoes.
    Sanction,
    /// An agreement, a deal, a treaty, a ceasefire.
    Agreement,
    /// An election, a primary, a campaign vote.
    Election,
    /// Appointments, resignations, dismissals.
    Personnel,
    /// Arrests, charges, trials, rulings, lawsuits, sentences.
    Legal,
    /// Mergers, acquisitions, earnings, layoffs, bankruptcies.
    Business,
    /// Earthquakes, floods, storms, fires, crashes.
    Disaster,
    /// Protests, demonstrations, rallies, strikes by workers.
    Protest,
}

impl EventType {
    /// The name used in JSON and in the lexicon file.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Attack => "Attack",
            EventType::MilitaryStrike => "MilitaryStrike",
            EventType::Death => "Death",
            EventType::Vote => "Vote",
            EventType::Veto => "Veto",
            EventType::Meeting => "Meeting",
            EventType::Visit => "Visit",
            EventType::Statement => "Statement",
            EventType::Interview => "Interview",
            EventType::Investigation => "Investigation",
            EventType::Sanction => "Sanction",
            EventType::Agreement => "Agreement",
            EventType::Election => "Election",
            EventType::Personnel => "Personnel",
            EventType::Legal => "Legal",
            EventType::Business => "Business",
            EventType::Disaster => "Disaster",
            EventType::Protest => "Protest",
        }
    }

    /// Every type, in declaration order.
    pub const ALL: [EventType; 18] = [
        EventType::Attack,
        EventType::MilitaryStrike,
        EventType::Death,
        EventType::Vote,
        EventType::Veto,
        EventType::Meeting,
        EventType::Visit,
        EventType::Statement,
        EventType::Interview,
        EventType::Investigation,
        EventType::Sanction,
        EventType::Agreement,
        EventType::Election,
        EventType::Personnel,
        EventType::Legal,
        EventType::Business,
        EventType::Disaster,
        EventType::Protest,
    ];

    /// Reads the name back.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Whether the text says an event happened.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Factuality {
    /// It happened (or is happening).
    Actual,
    /// It is planned, scheduled or expected ("was set to vote", "will
    /// likely veto").
    Planned,
    /// A condition or a possibility ("any further such action would
    /// entail"): not an event.
    Hypothetical,
    /// Denied or said not to have happened: not an event.
    Negated,
}
