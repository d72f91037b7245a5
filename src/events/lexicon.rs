//! Trigger lexicon (temporary stub until the real lexicon lands).

use super::EventType;

/// A trigger found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerMatch {
    /// Byte span of the trigger word.
    pub start: usize,
    /// End of the trigger word.
    pub end: usize,
    /// Byte span of the whole phrase.
    pub phrase_start: usize,
    /// End of the phrase.
    pub phrase_end: usize,
    /// The lemma.
    pub lemma: &'static str,
    /// The event type.
    pub kind: EventType,
    /// Whether the trigger is a noun.
    pub nominal: bool,
}

/// The compiled lexicon.
pub struct Lexicon;

impl Lexicon {
    /// The shared lexicon.
    pub fn get() -> &'static Lexicon {
        &Lexicon
    }

    /// Finds the triggers of `text`.
    pub fn find(&self, text: &str) -> Vec<TriggerMatch> {
        let words: &[(&str, EventType)] = &[
            ("attack", EventType::Attack),
            ("strike", EventType::MilitaryStrike),
            ("strikes", EventType::MilitaryStrike),
            ("launched", EventType::MilitaryStrike),
            ("veto", EventType::Veto),
            ("vetoed", EventType::Veto),
            ("meeting", EventType::Meeting),
            ("talks", EventType::Meeting),
            ("vote", EventType::Vote),
        ];
        let mut out = Vec::new();
        let lower = text.to_ascii_lowercase();
        for (w, kind) in words {
            let mut from = 0;
            while let Some(i) = lower[from..].find(w) {
                let s = from + i;
                let e = s + w.len();
                let before_ok =
                    s == 0 || !lower.as_bytes()[s - 1].is_ascii_alphanumeric();
                let after_ok = e == lower.len()
                    || !lower.as_bytes()[e].is_ascii_alphanumeric();
                if before_ok && after_ok {
                    out.push(TriggerMatch {
                        start: s,
                        end: e,
                        phrase_start: s,
                        phrase_end: e,
                        lemma: w,
                        kind: *kind,
                        nominal: true,
                    });
                }
                from = e;
            }
        }
        out.sort_by_key(|t| t.start);
        out
    }
}
