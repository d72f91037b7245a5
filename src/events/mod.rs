//! Event extraction: the events an article reports, typed, placed in
//! time, with who and where.
//!
//! A mention is one trigger word ("attack", "vetoed", "talks") with
//! what the sentence around it says: its type, factuality, actors,
//! places, numbers, and the time it is anchored to.

pub mod anchor;
pub mod arguments;
pub mod dct;
pub mod factuality;
pub mod lexicon;
mod line;
pub mod reported;
pub(crate) mod word_list;

use serde::{Deserialize, Serialize};

use crate::fast_hash::FastMap;

/// The kinds of event a news timeline is made of.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
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
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
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

/// One event mention: a trigger word and what its sentence says.
///
/// Offsets are Unicode code points into the document text; `start` and
/// `end` span the trigger word itself, as TimeML marks events, and
/// `phrase_start`/`phrase_end` the multiword phrase it heads ("press
/// conference").
///
/// A mention serialises to everything the merger needs and reads back
/// from it (the `line` module), so `timeline mentions` then `timeline
/// merge` gives what `timeline extract` gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First code point of the trigger.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// First code point of the phrase.
    pub phrase_start: usize,
    /// One past the phrase.
    pub phrase_end: usize,
    /// The trigger as written.
    pub trigger: String,
    /// Its lemma.
    pub lemma: &'static str,
    /// The event type.
    pub kind: EventType,
    /// The date at its precision ("2017-04-04", "2017-W15"), or null.
    pub date: Option<String>,
    /// The date's precision.
    pub precision: Option<anchor::Precision>,
    /// The first and last day the date covers, for the merger.
    pub span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// The last date, when the text gives the event a range ("from
    /// April 11 to April 13").
    pub end_date: Option<String>,
    /// What placed it in time.
    pub time_evidence: anchor::TimeEvidence,
    /// How sure the date is, in [0, 1].
    pub confidence: f64,
    /// Actual or planned (hypothetical and negated mentions are dropped).
    pub factuality: Factuality,
    /// Countries, organisations and people taking part (canonical names).
    pub actors: Vec<String>,
    /// Where it happened (canonical names).
    pub places: Vec<String>,
    /// Numbers that matter ("59 cruise missiles").
    pub numbers: Vec<arguments::Quantity>,
    /// The sentence it stands in: shared, not copied, by the other
    /// mentions of the sentence that read it back and by the events
    /// built from it.
    pub sentence: std::sync::Arc<str>,
    /// First code point of `sentence` in the document text, so a viewer
    /// can place the trigger and the time expression within it.
    pub sentence_start: usize,
    /// Whether `places` come from a locative phrase of the trigger
    /// itself ("the attack on Khan Sheikhoun") rather than its sentence.
    pub located: bool,
    /// Who the trigger's own "with …" or "between …" phrase names
    /// ("talks with Sergei Lavrov", "a dinner with Xi"): the other side
    /// of a meeting.
    pub with: Vec<String>,
    /// The body a meeting trigger names ("the G7 meeting"): which
    /// meeting it is, as a town is for an attack.
    pub body: Option<String>,
    /// Byte offsets of the trigger, for Rust callers.
    pub bytes: std::ops::Range<usize>,
}

/// Places that a locative phrase right after a nominal trigger names
/// ("the attack on Khan Sheikhoun", "talks in Moscow"): where the event
/// was, rather than every place of its sentence.
fn places_after(
    text: &str,
    entities: &[arguments::Entity],
    t: &lexicon::TriggerMatch,
) -> Vec<String> {
    if !t.nominal {
        return Vec::new();
    }
    const LOCATIVE: &[&str] =
        &["on", "in", "at", "near", "against", "outside", "of"];
    let mut out: Vec<String> = entities
        .iter()
        .filter(|e| e.start >= t.end && e.start <= t.end + 60)
        .filter(|e| {
            // "on Khan Sheikhoun", "in the town of Khan Sheikhoun", "on a
            // rebel area outside Damascus": a locative first, then a few
            // words, nothing that ends the phrase.
            let gap_text = &text[t.end..e.start];
            // Read as it goes, not collected: asked of every entity
            // near every nominal trigger.
            let mut gap = gap_text.split_whitespace();
            matches!(gap.clone().next(), Some(w) if LOCATIVE.contains(&w))
                && gap.clone().nth(5).is_none()
                && !gap_text.contains([',', ';', '.', '(', '"', '“'])
                && !gap.any(|w| {
                    matches!(w, "that" | "which" | "who" | "and" | "by")
                })
                && matches!(
                    e.kind,
                    arguments::EntityKind::Country
                        | arguments::EntityKind::City
                        | arguments::EntityKind::Place
                        | arguments::EntityKind::Region
                )
        })
        .map(|e| e.canonical.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// An organisation named right before a trigger phrase ("the G7
/// meeting", "a NATO summit"): the body that meets.
fn org_before<'e>(
    text: &str,
    entities: &'e [arguments::Entity],
    t: &lexicon::TriggerMatch,
) -> Option<&'e arguments::Entity> {
    entities.iter().find(|e| {
        e.kind == arguments::EntityKind::Org
            && e.end <= t.phrase_start
            && text[e.end..t.phrase_start].trim().is_empty()
    })
}

/// The people, states and organisations that a "with …" or "between …"
/// phrase right after a nominal trigger names, and an organisation
/// right before it.
fn participants(
    text: &str,
    entities: &[arguments::Entity],
    t: &lexicon::TriggerMatch,
) -> Vec<String> {
    if !t.nominal {
        return Vec::new();
    }
    let mut out: Vec<String> = org_before(text, entities, t)
        .map(|e| e.canonical.clone())
        .into_iter()
        .collect();
    let rest = &text[t.end..];
    let opener = rest.trim_start();
    if !(opener.starts_with("with ") || opener.starts_with("between ")) {
        out.sort();
        out.dedup();
        return out;
    }
    out.extend(
        entities
            .iter()
            .filter(|e| e.start >= t.end && e.start <= t.end + 100)
            .filter(|e| {
                // The phrase runs on through names and commas of a list, and
                // stops at a clause or another preposition's place.
                let gap = &text[t.end..e.start];
                // "between Mr. Tillerson, Mr. Lavrov and Mr. Putin": the
                // titles' periods do not end the phrase.
                let gap = gap
                    .replace("Mr.", "")
                    .replace("Mrs.", "")
                    .replace("Ms.", "");
                !gap.contains(['.', ';', ':', '(', '"', '“', '—'])
                    && !gap.split_whitespace().any(|w| {
                        matches!(
                            w,
                            "that"
                                | "which"
                                | "who"
                                | "at"
                                | "in"
                                | "on"
                                | "to"
                                | "for"
                                | "after"
                                | "before"
                                | "said"
                        )
                    })
                    && !matches!(
                        e.kind,
                        arguments::EntityKind::City
                            | arguments::EntityKind::Place
                            | arguments::EntityKind::Region
                    )
            })
            .map(|e| e.canonical.clone()),
    );
    out.sort();
    out.dedup();
    out
}

/// "the US attack on Syria": an attack that a state's name modifies is
/// a military strike. (Kinds of attack such as "chemical attack" keep
/// their type: who carried them out is what the article disputes.)
fn state_attack(
    text: &str,
    entities: &[arguments::Entity],
    t: &lexicon::TriggerMatch,
) -> Option<EventType> {
    if t.kind != EventType::Attack || t.lemma != "attack" {
        return None;
    }
    let state = entities.iter().any(|e| {
        e.kind == arguments::EntityKind::Country
            && e.end <= t.start
            && text[e.end..t.start].trim().is_empty()
    });
    // Lower-cased copy writes the US as "us"; between a possessive or an
    // article and a noun it cannot be the pronoun ("last week's us
    // attack").
    let before = text[..t.start].trim_end();
    let lowercase_us = before.strip_suffix("us").is_some_and(|b| {
        let b = b.trim_end();
        b.len() < before.len() - 2
            && (b.ends_with("'s")
                || b.ends_with("’s")
                || b.ends_with(" the")
                || b.ends_with(" a"))
    });
    // "an unlawful attack against Syria": a whole state as the target is
    // struck by another state's forces, not by a bomber.
    let on_a_state = t.nominal
        && entities.iter().any(|e| {
            if e.kind != arguments::EntityKind::Country || e.start < t.end {
                return false;
            }
            // Two words tell whether the gap is one word: the gap to a
            // state named far later can be most of a long text, and this
            // runs for every trigger and state.
            let gap: Vec<&str> = text
                .get(t.end..e.start)
                .unwrap_or("")
                .split_whitespace()
                .take(2)
                .collect();
            // The state itself, not "a Syrian town".
            let noun_follows = text[e.end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_lowercase());
            matches!(gap.as_slice(), ["on" | "against"]) && !noun_follows
        });
    (state || lowercase_us || on_a_state).then_some(EventType::MilitaryStrike)
}

/// Builds the tables finding mentions reads, the trigger lexicon and the
/// gazetteer, on two threads of the pool at once. Otherwise the first
/// document that needs each builds it while every other thread waits.
pub fn build_tables() {
    rayon::join(
        || {
            lexicon::Lexicon::get();
        },
        arguments::build_gazetteer,
    );
}

/// Finds the event mentions of a text whose time expressions have been
/// tagged against `dct`.
///
/// Hypothetical and negated mentions are not events and are left out;
/// planned ones are kept and marked. A mention that nothing places in
/// time keeps `date: None`: it is never given the DCT as a date.
pub fn extract(
    text: &str,
    dct: Option<chrono::NaiveDate>,
    timexes: &[crate::timex::Timex],
) -> Vec<Mention> {
    extract_prepared(text, dct, timexes, &Prepared::new(text))
}

/// What extraction finds in a text whatever its DCT: its sentences,
/// entities and trigger words. DCT inference reads one text against
/// many candidate DCTs, and prepares it once.
pub struct Prepared {
    sentences: Vec<std::ops::Range<usize>>,
    entities: Vec<arguments::Entity>,
    /// The words of the text, for its entities and amounts.
    tokens: arguments::Tokens,
    triggers: Vec<lexicon::TriggerMatch>,
    /// Per trigger, once asked: its factuality and arguments, which
    /// depend on its sentence alone.
    factuality: Vec<std::cell::OnceCell<Factuality>>,
    /// Reads each sentence once for the factuality of its triggers.
    reader: std::cell::RefCell<factuality::Reader>,
    /// A full reading, the last a text gets (DCT inference reads it at
    /// the Dating detail first), takes the arguments instead of copying
    /// them; one after it would read them again.
    arguments: Vec<std::cell::Cell<Option<arguments::Arguments>>>,
    /// Per trigger, once asked: the places of its own locative phrase
    /// and its type, which depend on the text alone (taken the same
    /// way).
    placed: Vec<std::cell::Cell<Option<Placed>>>,
    /// Per time expression (by byte span), once asked: the statement it
    /// dates, which depends on where it stands alone.
    said: std::cell::RefCell<FastMap<(usize, usize), Said>>,
    /// What the text between time expressions and triggers says.
    gaps: anchor::Gaps,
    /// The factuality and the arguments of each dated statement's verb
    /// ([`Source::Said`]), by its sentence and its bytes, once read:
    /// they depend on where it stands alone, and DCT inference finds
    /// the same statements under candidate after candidate.
    said_reads: std::cell::RefCell<FastMap<SaidAt, SaidRead>>,
}

/// Where a dated statement's verb stands: its sentence and its bytes.
type SaidAt = (usize, usize, usize, usize);

fn said_at(
    sentence: &std::ops::Range<usize>,
    t: &lexicon::TriggerMatch,
) -> SaidAt {
    (sentence.start, sentence.end, t.start, t.end)
}

/// A dated statement's verb, read: its factuality, and its arguments
/// once asked (a statement that did not happen has none to ask).
type SaidRead = (Factuality, Option<arguments::Arguments>);

/// The places a trigger's own locative phrase names, and its type.
type Placed = (Vec<String>, EventType);

/// A dated statement's verb and speaker ([`reported::dated_by`]).
type Said = Option<(lexicon::TriggerMatch, String)>;

impl Prepared {
    /// Reads `text`.
    pub fn new(text: &str) -> Prepared {
        let words = lexicon::Tokens::new(text);
        let triggers = lexicon::Lexicon::get().find_in(text, &words);
        let tokens = arguments::Tokens::from_words(text, &words);
        Prepared {
            sentences: crate::text::sentences(text),
            entities: arguments::find_entities_in(text, &tokens),
            tokens,
            factuality: vec![std::cell::OnceCell::new(); triggers.len()],
            reader: std::cell::RefCell::new(factuality::Reader::with_tokens(
                words,
            )),
            arguments: std::iter::repeat_with(std::cell::Cell::default)
                .take(triggers.len())
                .collect(),
            placed: std::iter::repeat_with(std::cell::Cell::default)
                .take(triggers.len())
                .collect(),
            said: std::cell::RefCell::default(),
            gaps: anchor::Gaps::default(),
            said_reads: std::cell::RefCell::default(),
            triggers,
        }
    }

    /// The factuality of the dated statement's verb `t` in `sentence`,
    /// judged by `judge` the first time it is asked.
    fn said_factuality(
        &self,
        sentence: &std::ops::Range<usize>,
        t: &lexicon::TriggerMatch,
        judge: impl FnOnce() -> Factuality,
    ) -> Factuality {
        let at = said_at(sentence, t);
        let known = self.said_reads.borrow().get(&at).map(|r| r.0);
        known.unwrap_or_else(|| {
            let f = judge();
            self.said_reads.borrow_mut().insert(at, (f, None));
            f
        })
    }

    /// The arguments of the dated statement's verb `t` in `sentence`
    /// (whose factuality was asked first), read by `read` the first
    /// time they are asked.
    fn said_arguments(
        &self,
        sentence: &std::ops::Range<usize>,
        t: &lexicon::TriggerMatch,
        read: impl FnOnce() -> arguments::Arguments,
    ) -> arguments::Arguments {
        let at = said_at(sentence, t);
        let known =
            self.said_reads.borrow().get(&at).and_then(|r| r.1.clone());
        known.unwrap_or_else(|| {
            let args = read();
            if let Some(r) = self.said_reads.borrow_mut().get_mut(&at) {
                r.1 = Some(args.clone());
            }
            args
        })
    }
}

/// Where a trigger comes from: the lexicon (its index among the
/// prepared triggers) or a reporting verb dated and named
/// ([`reported::collect_dated`]), with its speaker.
enum Source {
    Lexicon(usize),
    Said(String),
}

/// [`extract`] of a text prepared already ([`Prepared::new`] of the same
/// text).
pub fn extract_prepared(
    text: &str,
    dct: Option<chrono::NaiveDate>,
    timexes: &[crate::timex::Timex],
    prepared: &Prepared,
) -> Vec<Mention> {
    extract_detail(text, dct, timexes, prepared, Detail::Full)
}

/// What a mention is read for ([`extract_detail`]; DCT inference reads
/// the two lighter ways).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything: the mentions a caller gets.
    Full,
    /// What DCT inference compares with the events of other documents:
    /// which mentions there are, their type, trigger, span, actors and
    /// places. Evidence, numbers, participants, body, sentence and the
    /// date strings are left empty and offsets are bytes: a text is
    /// read this way under every candidate DCT, and building the rest
    /// was most of the cost.
    Dating,
    /// [`Detail::Dating`] of the mentions with a date alone: what a
    /// candidate DCT is scored by (one without a day matches no event
    /// of another document), where the undated ones were read and
    /// built under every candidate to be dropped.
    Scoring,
}

/// A trigger's reading kept in `cell` ([`Prepared`]), read when it is
/// not there. A [`Detail::Dating`] reading leaves it for the next and
/// gets `part` of it; the full reading, the last a text gets, takes it.
fn kept_for<T>(
    cell: &std::cell::Cell<Option<T>>,
    detail: Detail,
    read: impl FnOnce() -> T,
    part: impl FnOnce(&T) -> T,
) -> T {
    let value = cell.take().unwrap_or_else(read);
    if detail == Detail::Full {
        return value;
    }
    let some = part(&value);
    cell.set(Some(value));
    some
}

fn extract_detail(
    text: &str,
    dct: Option<chrono::NaiveDate>,
    timexes: &[crate::timex::Timex],
    prepared: &Prepared,
    detail: Detail,
) -> Vec<Mention> {
    let full = detail == Detail::Full;
    let sentences = &prepared.sentences;
    let entities = &prepared.entities;
    let anchors = anchor::anchors(text, timexes);
    // The lexicon's triggers, by their index in `prepared`, then the
    // dated statements of named speakers, by their speaker.
    let dated = reported::collect_dated(&anchors, |t| {
        prepared
            .said
            .borrow_mut()
            .entry((t.start_byte, t.end_byte))
            .or_insert_with(|| {
                reported::dated_by(text, entities, t, &prepared.triggers)
            })
            .clone()
    });
    let mut found: Vec<(Source, lexicon::TriggerMatch)> = prepared
        .triggers
        .iter()
        .cloned()
        .enumerate()
        .map(|(k, t)| (Source::Lexicon(k), t))
        .chain(dated.into_iter().map(|(t, who)| (Source::Said(who), t)))
        .collect();
    found.sort_by_key(|(_, t)| t.start);
    // The tagger gives its expressions in text order, one after the
    // other: the one that may hold a trigger is found by bisection.
    let ordered = timexes.windows(2).all(|w| w[0].end_byte <= w[1].start_byte);
    let in_timex = |r: std::ops::Range<usize>| {
        let overlaps = |x: &crate::timex::Timex| {
            x.start_byte < r.end && r.start < x.end_byte
        };
        if ordered {
            let k = timexes.partition_point(|x| x.end_byte <= r.start);
            timexes.get(k).is_some_and(overlaps)
        } else {
            timexes.iter().any(overlaps)
        }
    };
    // Sized at once: unzipped, the two grew push by push.
    let mut keys: Vec<Source> = Vec::with_capacity(found.len());
    let mut triggers = Vec::with_capacity(found.len());
    for (k, t) in found {
        // A trigger word inside a time expression ("Election Day") is
        // part of the date.
        if in_timex(t.start..t.end) {
            continue;
        }
        if let Some(si) = crate::text::sentence_of(sentences, t.start) {
            keys.push(k);
            triggers.push((t, sentences[si].clone()));
        }
    }
    let is_statement = |kind: EventType| {
        matches!(kind, EventType::Statement | EventType::Interview)
    };
    // First the expressions that modify a trigger directly: they belong
    // to it, and no other trigger of the sentence may take them.
    let choose = |t: &lexicon::TriggerMatch,
                  sentence: &std::ops::Range<usize>,
                  claimed: &[usize]| {
        anchor::choose(
            text,
            sentence.clone(),
            t.start..t.end,
            t.nominal,
            is_statement(t.kind),
            &anchors,
            claimed,
            &prepared.gaps,
        )
    };
    let mut unclaimed: Vec<Option<anchor::Choice>> = triggers
        .iter()
        .map(|(t, sentence)| choose(t, sentence, &[]))
        .collect();
    let modifiers: Vec<Option<(usize, usize)>> = triggers
        .iter()
        .zip(&unclaimed)
        .map(|((t, _), choice)| {
            choice.as_ref().filter(|c| c.how == "modifier").map(|c| {
                let x = c.anchor.timex;
                let distance = if x.end_byte <= t.start {
                    t.start - x.end_byte
                } else {
                    x.start_byte.saturating_sub(t.end)
                };
                (x.start_byte, distance)
            })
        })
        .collect();
    // A modifier wanted by several triggers goes to the nearest (ties to
    // the first). Computed once: asking per trigger and modifier made
    // this cubic in the number of triggers.
    let mut owners: std::collections::BTreeMap<usize, (usize, usize)> =
        std::collections::BTreeMap::new();
    for (j, m) in modifiers.iter().enumerate() {
        if let Some((timex, distance)) = *m {
            let best = owners.entry(timex).or_insert((distance, j));
            *best = (*best).min((distance, j));
        }
    }
    // Each trigger's modifier with its owner, in trigger order, looked
    // up once: every trigger reads the whole list for its claims.
    let owned: Vec<(usize, Option<usize>)> = modifiers
        .iter()
        .flatten()
        .map(|&(timex, _)| (timex, owners.get(&timex).map(|&(_, j)| j)))
        .collect();
    let mut out = Vec::with_capacity(triggers.len());
    // The mentions of one sentence share its text.
    let mut shared: Option<(usize, std::sync::Arc<str>)> = None;
    for (i, (t, sentence)) in triggers.iter().enumerate() {
        let judge = || {
            prepared.reader.borrow_mut().factuality(
                text,
                sentence.clone(),
                t.start..t.end,
                Some(&prepared.triggers),
            )
        };
        let factuality = match &keys[i] {
            Source::Lexicon(k) => *prepared.factuality[*k].get_or_init(judge),
            Source::Said(_) => prepared.said_factuality(sentence, t, judge),
        };
        if matches!(factuality, Factuality::Hypothetical | Factuality::Negated)
        {
            continue;
        }
        // The modifiers other triggers own are claimed from this one.
        let claimed = || {
            owned
                .iter()
                .filter(move |&&(_, owner)| owner != Some(i))
                .map(|&(timex, _)| timex)
        };
        // Claims act only on the expressions of the trigger's sentence:
        // with none there, the choice is the one made without any (and
        // the claims are not collected).
        let claims_here =
            claimed().any(|x| sentence.start <= x && x < sentence.end);
        let choice = if claims_here {
            choose(t, sentence, &claimed().collect::<Vec<usize>>())
        } else {
            unclaimed[i].take()
        };
        if choice.is_none() && detail == Detail::Scoring {
            continue;
        }
        // "from April 11 to April 13": the event lasts to the second.
        let until = choice
            .as_ref()
            .and_then(|c| anchor::range_end(text, c.anchor, &anchors));
        let (date, evidence, confidence) = match choice {
            Some(c) if !full => {
                (Some(&c.anchor.date), anchor::TimeEvidence::None, 0.0)
            }
            Some(c) => (
                Some(&c.anchor.date),
                anchor::TimeEvidence::Timex {
                    how: c.how,
                    text: c.anchor.timex.text.clone(),
                    start: c.anchor.timex.start,
                    end: c.anchor.timex.end,
                    value: c.anchor.timex.value.to_string(),
                },
                c.confidence,
            ),
            None => {
                let bound = anchor::dct_bound(dct, factuality);
                let confidence = if bound == anchor::TimeEvidence::None {
                    0.0
                } else {
                    0.3
                };
                (None, bound, confidence)
            }
        };
        let read = || {
            arguments::arguments_in(
                text,
                entities,
                Some(&prepared.tokens),
                sentence.clone(),
                t.start..t.end,
            )
        };
        let args = match &keys[i] {
            Source::Lexicon(k) => {
                kept_for(&prepared.arguments[*k], detail, read, |args| {
                    arguments::Arguments {
                        actors: args.actors.clone(),
                        places: args.places.clone(),
                        numbers: Vec::new(),
                    }
                })
            }
            Source::Said(_) => prepared.said_arguments(sentence, t, read),
        };
        // Who speaks: the named speaker of a dated "said", or who makes
        // the statement a lexicon trigger names, with the other side of
        // its "with" phrase ("a press conference with Lavrov").
        let mut with = Vec::new();
        let mut body = None;
        if full {
            with = participants(text, entities, t);
            let speaker = match &keys[i] {
                Source::Said(who) => Some(who.clone()),
                Source::Lexicon(_) if t.kind == EventType::Statement => {
                    reported::speaker(text, entities, sentence.clone(), t)
                }
                Source::Lexicon(_) => None,
            };
            if let Some(who) = speaker
                && !with.contains(&who)
            {
                with.push(who);
                with.sort();
            }
            body = (t.kind == EventType::Meeting)
                .then(|| org_before(text, entities, t))
                .flatten()
                .map(|e| e.canonical.clone());
        }
        let place = || {
            let kind = state_attack(text, entities, t).unwrap_or(t.kind);
            (places_after(text, entities, t), kind)
        };
        let (near, kind) = match &keys[i] {
            Source::Lexicon(k) => {
                kept_for(&prepared.placed[*k], detail, place, Clone::clone)
            }
            Source::Said(_) => place(),
        };
        out.push(Mention {
            start: t.start,
            end: t.end,
            phrase_start: t.phrase_start,
            phrase_end: t.phrase_end,
            trigger: text[t.start..t.end].to_string(),
            lemma: t.lemma,
            kind,
            precision: date.as_ref().map(|d| d.precision),
            span: date
                .as_ref()
                .map(|d| (d.first, until.map_or(d.last, |u| u.date.last))),
            end_date: until.filter(|_| full).map(|u| u.date.value.clone()),
            date: date.filter(|_| full).map(|d| d.value.clone()),
            time_evidence: evidence,
            confidence,
            factuality,
            actors: args.actors,
            located: !near.is_empty(),
            with,
            body,
            places: if near.is_empty() { args.places } else { near },
            numbers: args.numbers,
            sentence: match &shared {
                Some((start, s)) if *start == sentence.start || !full => {
                    s.clone()
                }
                _ => {
                    let s = if full { &text[sentence.clone()] } else { "" };
                    shared.insert((sentence.start, s.into())).1.clone()
                }
            },
            sentence_start: sentence.start,
            bytes: t.start..t.end,
        });
    }
    if !full {
        return out;
    }
    held_events(text, &mut out);
    // Offsets so far are bytes; callers get code points.
    let held = |m: &Mention| match m.time_evidence {
        anchor::TimeEvidence::Holds { start, end, .. } => [start, end],
        _ => [m.start, m.start],
    };
    let mut offsets: Vec<usize> = out
        .iter()
        .flat_map(|m| {
            let [hs, he] = held(m);
            [
                m.start,
                m.end,
                m.phrase_start,
                m.phrase_end,
                m.sentence_start,
                hs,
                he,
            ]
        })
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let chars = crate::text::char_offsets(text, &offsets);
    let cp = |b: usize| offsets.binary_search(&b).ok().map_or(0, |i| chars[i]);
    for m in &mut out {
        m.start = cp(m.start);
        m.end = cp(m.end);
        m.phrase_start = cp(m.phrase_start);
        m.phrase_end = cp(m.phrase_end);
        m.sentence_start = cp(m.sentence_start);
        if let anchor::TimeEvidence::Holds { start, end, .. } =
            &mut m.time_evidence
        {
            *start = cp(*start);
            *end = cp(*end);
        }
    }
    out
}

/// Words that may stand between "during" and the event it introduces:
/// "during a dinner", "during his visit", "during last week's talks".
const DURING_DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "last",
    "week's",
    "weekend's",
];

/// Undated events that another event of their sentence happened during
/// ("he broke the news of the strike during a dinner with Xi"): they
/// are when that event was, which the merger may know. The event held
/// is the nearest mention before "during" in the sentence. Offsets are
/// bytes here.
fn held_events(text: &str, out: &mut [Mention]) {
    for i in 0..out.len() {
        if out[i].span.is_some() {
            continue;
        }
        let before = &text[out[i].sentence_start..out[i].phrase_start];
        let mut words = before.split_whitespace().rev();
        let mut w = words.next();
        let mut skipped = 0;
        while skipped < 2
            && w.is_some_and(|w| {
                DURING_DETERMINERS.contains(&w.to_lowercase().as_str())
            })
        {
            w = words.next();
            skipped += 1;
        }
        if !w.is_some_and(|w| w.eq_ignore_ascii_case("during")) {
            continue;
        }
        let phrase_start = out[i].phrase_start;
        let sentence = out[i].sentence_start;
        let held = (0..out.len())
            .filter(|&j| {
                j != i
                    && out[j].sentence_start == sentence
                    && out[j].end <= phrase_start
            })
            .max_by_key(|&j| out[j].end);
        if let Some(j) = held {
            out[i].time_evidence = anchor::TimeEvidence::Holds {
                trigger: out[j].trigger.clone(),
                start: out[j].start,
                end: out[j].end,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A candidate DCT is scored by the mentions a dating reading dates:
    /// the scoring reading gives those, the same, under every candidate
    /// and in either order of the readings (which keep what they read).
    #[test]
    fn scoring_reads_the_dated_mentions_of_a_dating_reading() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/syria-2017");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        texts.push(
            "Putin said on Wednesday that the talks on April 12 went well. \
             The strike came two days after the attack."
                .to_string(),
        );
        let tagger = crate::timex::Tagger::new();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2017, 4, d);
        let (mut dated_seen, mut undated_seen) = (0, 0);
        for text in &texts {
            let prepared = Prepared::new(text);
            for (k, dct) in
                [None, day(5), day(9), day(13)].into_iter().enumerate()
            {
                let timexes = tagger.tag(text, dct);
                let read = |detail| {
                    extract_detail(text, dct, &timexes, &prepared, detail)
                };
                let (scoring, dating) = if k % 2 == 0 {
                    (read(Detail::Scoring), read(Detail::Dating))
                } else {
                    let dating = read(Detail::Dating);
                    (read(Detail::Scoring), dating)
                };
                undated_seen +=
                    dating.iter().filter(|m| m.span.is_none()).count();
                let dated: Vec<Mention> =
                    dating.into_iter().filter(|m| m.span.is_some()).collect();
                dated_seen += dated.len();
                assert_eq!(scoring, dated, "{dct:?}");
            }
        }
        // Both kinds are read: the readings could differ.
        assert!(dated_seen > 0 && undated_seen > 0);
    }
}
