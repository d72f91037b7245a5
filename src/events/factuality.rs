//! Factuality: whether a sentence says its event happened, is planned,
//! is only a possibility, or did not happen.
//!
//! Cue words are looked for in the trigger's clause: mostly the words
//! before it ("was set to vote", "calling for two investigations"), a
//! few after it ("did not happen", "a meeting set later Wednesday").
//! When several cues apply the strongest wins: Negated, then
//! Hypothetical, then Planned; without any the event is Actual.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::fast_hash::FastMap;

use super::Factuality;
use super::lexicon::{Lexicon, Token, Tokens, TriggerMatch, tokenize};
use super::word_list::{Shapes, WordList};

/// How many words before the trigger belong to its clause at most.
const MAX_BEFORE: usize = 12;

/// How many words after the trigger are looked at.
const MAX_AFTER: usize = 5;

/// The cue must be followed by the trigger itself or a light verb
/// ("due to vote", "agreed to hold talks"), so that "due to the storm"
/// (a cause) and "agreed to a ceasefire" (done) are no plans.
const NEEDS_VERB: u8 = 1;

/// The cue must come right after the trigger ("a meeting set for
/// Friday").
const ADJACENT: u8 = 2;

/// A cue: a word sequence and what it makes of the event (`None`: a
/// phrase that only stops a shorter cue from matching, as "not only"
/// stops "not"). A word starting with '#' is a word class.
struct Cue {
    words: &'static [&'static str],
    effect: Option<Factuality>,
    flags: u8,
}

const fn cue(words: &'static [&'static str], effect: Factuality) -> Cue {
    Cue { words, effect: Some(effect), flags: 0 }
}

const fn cue_with(
    words: &'static [&'static str],
    effect: Factuality,
    flags: u8,
) -> Cue {
    Cue { words, effect: Some(effect), flags }
}

const fn neutral(words: &'static [&'static str]) -> Cue {
    Cue { words, effect: None, flags: 0 }
}

use Factuality::{Hypothetical as H, Negated as N, Planned as P};

/// Cues before the trigger. The longest cue at a position wins, so
/// "would likely" (planned) beats "would" (hypothetical).
const BEFORE: &[Cue] = &[
    // Negation.
    cue(&["not"], N),
    cue(&["n't"], N),
    cue(&["no"], N),
    cue(&["never"], N),
    cue(&["without"], N),
    cue(&["neither"], N),
    cue(&["nor"], N),
    // "Syria denied carrying out the attack" denies the blame, not the
    // attack: only "denied that" negates what follows.
    cue(&["denied", "that"], N),
    cue(&["denies", "that"], N),
    cue(&["deny", "that"], N),
    cue(&["denying", "that"], N),
    cue(&["refused", "to"], N),
    cue(&["refuses", "to"], N),
    cue(&["refuse", "to"], N),
    cue(&["refusing", "to"], N),
    cue(&["failed", "to"], N),
    cue(&["fails", "to"], N),
    cue(&["fail", "to"], N),
    cue(&["failing", "to"], N),
    cue(&["declined", "to"], N),
    cue(&["declines", "to"], N),
    cue(&["ruled", "out"], N),
    cue(&["rules", "out"], N),
    cue(&["cancelled"], N),
    cue(&["canceled"], N),
    cue(&["called", "off"], N),
    cue(&["scrapped"], N),
    cue(&["averted"], N),
    cue(&["prevented"], N),
    neutral(&["not", "only"]),
    neutral(&["not", "just"]),
    neutral(&["no", "doubt"]),
    neutral(&["no", "later", "than"]),
    // Possibility and condition.
    cue(&["whether", "or", "not"], H),
    cue(&["if"], H),
    cue(&["unless"], H),
    cue(&["whether"], H),
    cue(&["in", "case"], H),
    cue(&["in", "the", "event", "of"], H),
    cue(&["in", "case", "of"], H),
    cue(&["would"], H),
    cue(&["'d"], H),
    cue(&["could"], H),
    cue(&["might"], H),
    cue(&["may"], H),
    cue(&["should"], H),
    cue(&["must"], H),
    cue(&["can"], H),
    cue(&["any", "further"], H),
    cue(&["any", "such"], H),
    cue(&["any", "more"], H),
    cue(&["any", "new"], H),
    cue(&["any", "future"], H),
    cue(&["future"], H),
    cue(&["possible"], H),
    cue(&["possibly"], H),
    cue(&["potential"], H),
    cue(&["potentially"], H),
    cue(&["perhaps"], H),
    cue(&["maybe"], H),
    cue(&["unlikely"], H),
    cue(&["threat", "of"], H),
    cue(&["threats", "of"], H),
    cue(&["threatened"], H),
    cue(&["threatens"], H),
    cue(&["threaten"], H),
    cue(&["threatening"], H),
    cue(&["warned", "of"], H),
    cue(&["warns", "of"], H),
    cue(&["fear", "of"], H),
    cue(&["fears", "of"], H),
    cue(&["risk", "of"], H),
    // What is called for, demanded or proposed has not happened yet.
    cue(&["call", "for"], H),
    cue(&["calls", "for"], H),
    cue(&["called", "for"], H),
    cue(&["calling", "for"], H),
    cue(&["push", "for"], H),
    cue(&["pushed", "for"], H),
    cue(&["pushing", "for"], H),
    cue(&["demand", "for"], H),
    cue(&["demands", "for"], H),
    cue(&["demanded"], H),
    cue(&["demanding"], H),
    // What someone wants or needs done is not done yet.
    cue(&["want"], H),
    cue(&["wants"], H),
    cue(&["wanted"], H),
    cue(&["wanting"], H),
    cue(&["need"], H),
    cue(&["needs"], H),
    cue(&["persuade"], H),
    cue(&["persuaded"], H),
    cue(&["urge"], H),
    cue(&["urged"], H),
    cue(&["urges"], H),
    cue(&["urging"], H),
    cue(&["seek"], H),
    cue(&["seeks"], H),
    cue(&["seeking"], H),
    cue(&["sought"], H),
    cue(&["request"], H),
    cue(&["requests"], H),
    cue(&["requested"], H),
    cue(&["requesting"], H),
    cue(&["propose"], H),
    cue(&["proposes"], H),
    cue(&["proposed"], H),
    cue(&["proposal", "for"], H),
    cue(&["consider"], H),
    cue(&["considers"], H),
    cue(&["considered"], H),
    cue(&["considering"], H),
    cue(&["weighing"], H),
    cue(&["mulling"], H),
    cue(&["willing", "to"], H),
    cue(&["ready", "to"], H),
    cue(&["prepared", "to"], H),
    // Plans, schedules, expectations.
    cue(&["would", "likely"], P),
    cue(&["would", "probably"], P),
    cue(&["will"], P),
    cue(&["'ll"], P),
    cue(&["shall"], P),
    cue(&["set", "to"], P),
    cue_with(&["due", "to"], P, NEEDS_VERB),
    cue_with(&["is", "to"], P, NEEDS_VERB),
    cue_with(&["are", "to"], P, NEEDS_VERB),
    cue_with(&["was", "to"], P, NEEDS_VERB),
    cue_with(&["were", "to"], P, NEEDS_VERB),
    cue_with(&["agreed", "to"], P, NEEDS_VERB),
    cue_with(&["agree", "to"], P, NEEDS_VERB),
    cue_with(&["agrees", "to"], P, NEEDS_VERB),
    cue_with(&["vowed", "to"], P, NEEDS_VERB),
    cue_with(&["vows", "to"], P, NEEDS_VERB),
    cue_with(&["pledged", "to"], P, NEEDS_VERB),
    cue_with(&["promised", "to"], P, NEEDS_VERB),
    cue(&["plan", "to"], P),
    cue(&["plans", "to"], P),
    cue(&["planned", "to"], P),
    cue(&["planning", "to"], P),
    cue(&["plans", "for"], P),
    cue(&["planned"], P),
    cue(&["scheduled"], P),
    cue(&["expected"], P),
    cue(&["intend", "to"], P),
    cue(&["intends", "to"], P),
    cue(&["intended", "to"], P),
    cue(&["intending", "to"], P),
    cue(&["aim", "to"], P),
    cue(&["aims", "to"], P),
    cue(&["likely", "to"], P),
    cue(&["about", "to"], P),
    // "Forces were going to carry out more attacks": an intention
    // stated as fact, with no condition attached, so Planned.
    cue(&["going", "to"], P),
    cue(&["prepare", "to"], P),
    cue(&["prepares", "to"], P),
    cue(&["preparing", "to"], P),
    cue(&["preparing", "for"], P),
    cue(&["upcoming"], P),
    cue(&["forthcoming"], P),
    cue(&["postponed"], P),
    cue(&["delayed"], P),
    cue(&["rescheduled"], P),
    cue(&["next", "#time"], P),
    cue(&["later", "this", "#time"], P),
];

/// Cues after the trigger: modals of a clause whose subject the event
/// is, "did not happen", and schedules ("set for Friday").
const AFTER: &[Cue] = &[
    cue(&["#neg", "#happen"], N),
    cue(&["#neg", "be", "#happen"], N),
    cue(&["#neg", "been", "#happen"], N),
    cue(&["#be", "cancelled"], N),
    cue(&["#be", "canceled"], N),
    cue(&["#be", "called", "off"], N),
    cue(&["#be", "scrapped"], N),
    cue(&["#be", "averted"], N),
    // A modal after the trigger is about the event only when it says
    // whether it takes place: "their talks could narrow differences"
    // were held.
    cue(&["#modal", "#happen"], H),
    cue(&["#modal", "be", "#happen"], H),
    cue(&["would", "likely", "#happen"], P),
    cue(&["would", "likely", "be", "#happen"], P),
    cue(&["will", "#happen"], P),
    cue(&["will", "be", "#happen"], P),
    cue(&["'ll", "#happen"], P),
    cue_with(&["set"], P, ADJACENT),
    cue_with(&["scheduled"], P, ADJACENT),
    cue_with(&["planned"], P, ADJACENT),
    cue_with(&["slated"], P, ADJACENT),
    cue_with(&["due"], P, ADJACENT),
    cue_with(&["expected"], P, ADJACENT),
    cue(&["#be", "set"], P),
    cue(&["#be", "scheduled"], P),
    cue(&["#be", "planned"], P),
    cue(&["#be", "slated"], P),
    cue(&["#be", "due"], P),
    cue(&["#be", "expected"], P),
    cue(&["#be", "postponed"], P),
    cue(&["#be", "delayed"], P),
    cue_with(&["#be", "to"], P, NEEDS_VERB),
    cue(&["next", "#time"], P),
    cue(&["later", "this", "#time"], P),
    cue(&["tomorrow"], P),
];

/// Words of the classes used in cues.
fn class(name: &str) -> &'static [&'static str] {
    match name {
        "#time" => &[
            "week",
            "month",
            "year",
            "weekend",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "session",
            "quarter",
            "term",
            "morning",
            "afternoon",
            "evening",
            "time",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        "#be" => &["is", "are", "was", "were", "be", "been", "'s", "being"],
        "#neg" => &["not", "n't", "never"],
        "#modal" => &["would", "could", "might", "may", "should"],
        "#happen" => &[
            "happen",
            "happened",
            "happens",
            "occur",
            "occurred",
            "occurs",
            "take",
            "took",
            "taken",
            "taking",
            "materialize",
            "materialized",
            "materialise",
            "materialised",
            "go",
            "gone",
            "went",
            "proceed",
            "proceeded",
            "held",
            "carried",
            "exist",
            "existed",
            "come",
            "came",
            "begin",
            "began",
            "start",
            "started",
            "resume",
            "resumed",
            "continue",
            "continued",
        ],
        _ => &[],
    }
}

/// Verbs that may follow a `NEEDS_VERB` cue and carry the event ("due
/// to hold talks").
static LIGHT_VERBS: WordList = WordList::new(&[
    "be",
    "hold",
    "meet",
    "vote",
    "visit",
    "sign",
    "take",
    "make",
    "carry",
    "conduct",
    "launch",
    "stage",
    "attend",
    "give",
    "deliver",
    "begin",
    "start",
    "host",
    "face",
    "announce",
    "travel",
    "go",
    "resume",
    "open",
    "impose",
    "lift",
    "join",
    "appear",
    "testify",
    "undergo",
    "seek",
    "pursue",
    "discuss",
    "negotiate",
    "issue",
    "send",
    "present",
    "reach",
    "adopt",
    "approve",
    "pass",
    "strike",
    "attack",
    "veto",
    "hear",
    "rule",
    "decide",
    "introduce",
    "put",
    "table",
    "submit",
    "release",
    "publish",
]);

/// Verbs whose "that" opens a new clause: the cues of "X said that"
/// or "X warned that" do not reach into it.
static SAY_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "warned",
    "warns",
    "believe",
    "believes",
    "believed",
    "claimed",
    "claims",
    "argued",
    "argues",
    "noted",
    "notes",
    "added",
    "adds",
    "announced",
    "stated",
    "insisted",
    "insists",
    "reported",
    "confirmed",
    "confirms",
    "think",
    "thinks",
    "thought",
    "know",
    "knew",
    "knows",
    "feared",
    "fears",
    "hoped",
    "hopes",
    "suggested",
    "suggests",
    "alleged",
    "alleges",
    "acknowledged",
    "admitted",
    "admits",
    "realized",
    "showed",
    "shows",
    "indicated",
    "concluded",
    "found",
    "explained",
    "stressed",
    "recalled",
    "declared",
    "maintained",
    "maintains",
    "assessed",
]);

/// Verbs whose "that" clause they deny: "that" stays in the scope.
static DENY_VERBS: WordList =
    WordList::new(&["denied", "denies", "deny", "denying"]);

/// Words that open a new clause in the middle of a sentence.
static CONTRAST: WordList = WordList::new(&[
    "but", "while", "whereas", "although", "though", "however",
]);

/// Conjunctions that open a new clause after a comma.
static COMMA_CONJ: WordList = WordList::new(&[
    "and", "or", "but", "so", "yet", "while", "whereas", "although", "though",
    "because", "as", "since", "after", "before", "when",
]);

/// Prepositions: a trigger after one is an argument of what comes
/// before it ("responsible for the attack", "action after a sarin
/// attack"), so the scope stops there unless a cue ends with it
/// ("calling for", "threat of"). "to" is left out: it is mostly an
/// infinitive ("could lead to more strikes").
static PREPOSITIONS: WordList = WordList::new(&[
    "of",
    "for",
    "on",
    "in",
    "at",
    "by",
    "with",
    "into",
    "over",
    "against",
    "about",
    "from",
    "after",
    "following",
    "before",
    "since",
    "amid",
    "amidst",
    "despite",
    "during",
    "until",
    "behind",
    "near",
    "toward",
    "towards",
    "under",
    "upon",
    "across",
    "through",
    "between",
    "among",
]);

/// Words that, after "and"/"or", start a new subject and so a new
/// clause ("... never went away and last week's attack ...").
static SUBJECT_STARTS: WordList = WordList::new(&[
    "the", "a", "an", "this", "that", "these", "those", "last", "its", "his",
    "her", "their", "our", "my", "some", "many", "several", "he", "she", "it",
    "they", "we", "i", "you",
]);

/// Clause openers that are themselves cues: kept in the scope, and the
/// scope ends there.
static OPENERS: WordList = WordList::new(&["if", "unless", "whether"]);

/// Words that end the few words looked at after the trigger: a
/// relative clause or a new clause says nothing of the trigger.
static AFTER_STOP: WordList = WordList::new(&[
    "that", "which", "who", "whom", "whose", "where", "when", "and", "or",
    "but", "while", "whereas", "because", "as", "after", "before", "since",
    "until", "said", "says",
]);

/// Prepositions that, after a noun trigger, make the next trigger its
/// topic ("an investigation into the attack").
static TOPIC_PREPS: WordList = WordList::new(&[
    "into",
    "of",
    "on",
    "over",
    "against",
    "about",
    "for",
    "in",
    "at",
    "by",
    "with",
    "after",
    "following",
]);

/// A word (lower case, contractions split off) or a punctuation mark.
#[derive(Debug, Clone)]
struct Word {
    /// Where its text lies in its sentence's lower-cased text
    /// ([`Sentence::lowered`]): most words are the sentence's own bytes,
    /// which then are not copied word by word.
    text: Range<usize>,
    start: usize,
    end: usize,
    punct: bool,
    /// Written all lower case: "may" the modal, not "May" the month.
    lower: bool,
}

impl Word {
    /// The word's lower-cased text, in the `lowered` text of its
    /// sentence.
    fn text<'a>(&self, lowered: &'a str) -> &'a str {
        lowered.get(self.text.clone()).unwrap_or_default()
    }
}

/// The factuality of the event whose trigger is `trigger` in the
/// sentence `sentence` (byte ranges into `text`). Out-of-range or
/// inconsistent ranges are clamped, never a panic.
pub fn factuality(
    text: &str,
    sentence: Range<usize>,
    trigger: Range<usize>,
) -> Factuality {
    Reader::default().factuality(text, sentence, trigger, None)
}

/// Reads the factuality of one trigger after another, keeping what the
/// last sentence gave (its words and the triggers in it): the triggers
/// of one sentence, asked in a row, read it once.
#[derive(Default)]
pub struct Reader {
    last: Option<Sentence>,
    /// The tokens of the whole text, when the caller has them: each
    /// sentence's are taken from them.
    tokens: Option<Tokens>,
}

/// One sentence read for cues.
#[derive(Default)]
struct Sentence {
    range: Range<usize>,
    /// The sentence's text with its ASCII capitals lower-cased, then
    /// the lower-cased texts of the words that are not ASCII and the
    /// words no contraction in the text spells ("gonna" → "going to").
    lowered: String,
    words: Vec<Word>,
    /// The triggers found in the sentence alone, where the clauses of
    /// the others stop.
    triggers: Vec<TriggerMatch>,
}

impl Reader {
    /// A reader of the text `tokens` were read from ([`Tokens::new`]),
    /// which every call must then pass.
    pub fn with_tokens(tokens: Tokens) -> Reader {
        Reader { last: None, tokens: Some(tokens) }
    }

    /// [`factuality`], with the sentence read before when it is the
    /// same as the last one's.
    ///
    /// `found` are the triggers the lexicon found in the whole text, in
    /// text order, when the caller has them: the sentence's are taken
    /// from them instead of being looked up again.
    pub fn factuality(
        &mut self,
        text: &str,
        sentence: Range<usize>,
        trigger: Range<usize>,
        found: Option<&[TriggerMatch]>,
    ) -> Factuality {
        let trigger = clamp(text, trigger);
        let sentence = clamp(
            text,
            sentence.start.min(trigger.start)..sentence.end.max(trigger.end),
        );
        let read = match &mut self.last {
            Some(s) if s.range == sentence => s,
            last => {
                // The last sentence's room is this one's.
                let mut read = last.take().unwrap_or_default();
                let tokens = match &self.tokens {
                    Some(t) => t.within(text, sentence.clone()),
                    None => Cow::Owned(tokenize(text, sentence.clone())),
                };
                words(text, &sentence, &tokens, &mut read);
                read.triggers = match found {
                    Some(found) => within(found, &sentence),
                    None => text
                        .get(sentence.clone())
                        .map(|slice| Lexicon::get().find(slice))
                        .unwrap_or_default(),
                };
                read.range = sentence;
                last.insert(read)
            }
        };
        let words = &read.words;
        let lowered = read.lowered.as_str();
        let sentence = &read.range;
        let first = words.partition_point(|w| w.end <= trigger.start);
        let last = words.partition_point(|w| w.start < trigger.end).max(first);
        let barriers =
            barriers(&read.triggers, sentence, &trigger, words, lowered);
        let before = before_scope(words, lowered, first, &barriers);
        let mut effects =
            scan(words, lowered, before..first, first, &BEFORE_INDEX, first);
        let after = after_scope(words, lowered, last);
        effects.extend(scan(
            words,
            lowered,
            last..after,
            last,
            &AFTER_INDEX,
            first,
        ));
        let f = effects
            .into_iter()
            .max_by_key(|f| rank(*f))
            .unwrap_or(Factuality::Actual);
        let triggers = || {
            read.triggers
                .iter()
                .map(|m| sentence.start + m.start..sentence.start + m.end)
        };
        if matches!(f, Factuality::Actual | Factuality::Planned)
            && proposal_holds(words, lowered, first, &trigger, triggers())
        {
            Factuality::Hypothetical
        } else {
            f
        }
    }
}

/// The triggers of `found` (in text order) that lie in `sentence`, with
/// offsets from its start.
fn within(
    found: &[TriggerMatch],
    sentence: &Range<usize>,
) -> Vec<TriggerMatch> {
    let from = found.partition_point(|m| m.phrase_start < sentence.start);
    found[from..]
        .iter()
        .take_while(|m| m.phrase_start < sentence.end)
        .filter(|m| m.phrase_end <= sentence.end)
        .map(|m| TriggerMatch {
            start: m.start - sentence.start,
            end: m.end - sentence.start,
            phrase_start: m.phrase_start - sentence.start,
            phrase_end: m.phrase_end - sentence.start,
            ..m.clone()
        })
        .collect()
}

/// Words that open what a text asks for or puts to a vote: what
/// follows them has not happened ("a resolution demanding ... cooperate
/// with an investigation", "asked to vote on the imposition of
/// sanctions", "calling for two investigations, an independent probe
/// ... and another investigation").
const PROPOSALS: &[&[&str]] = &[
    &["resolution", "demanding"],
    &["resolution", "calling", "for"],
    &["resolution", "urging"],
    &["resolution", "requiring"],
    &["draft", "demanding"],
    &["draft", "calling", "for"],
    &["measure", "demanding"],
    &["vote", "on"],
    &["voted", "on"],
    &["voting", "on"],
    &["calling", "for"],
    &["called", "for"],
    &["calls", "for"],
    &["call", "for"],
];

/// Words that, between a proposal and an event, attach the event to
/// something else than the proposal: a cause ("condemning the
/// government for the attack"), a time ("calm after the attack").
static NOT_PROPOSED: WordList = WordList::new(&[
    "after",
    "following",
    "since",
    "before",
    "because",
    "despite",
    "amid",
    "for",
    "over",
    "against",
    "during",
    "when",
    "while",
    "which",
    "who",
    "that",
]);

/// Texts put to a vote: what follows them with a topic preposition is
/// what they are about.
static TEXTS: WordList = WordList::new(&[
    "resolution",
    "resolutions",
    "draft",
    "text",
    "measure",
    "motion",
    "bill",
    "proposal",
]);

/// How many words after a proposal its content may reach.
const PROPOSAL_REACH: usize = 20;

/// [`PROPOSALS`] by their first word, each list in table order: every
/// word before a trigger is asked whether a proposal starts there. (No
/// proposal starts with a word class or "may", which [`matches_at`]
/// reads otherwise; a test checks.)
static PROPOSALS_BY_FIRST: LazyLock<FastMap<&str, Vec<&[&str]>>> =
    LazyLock::new(|| {
        let mut by_first: FastMap<&str, Vec<&[&str]>> = FastMap::default();
        for p in PROPOSALS {
            if let Some(first) = p.first() {
                by_first.entry(first).or_default().push(p);
            }
        }
        by_first
    });

/// The shapes of the words [`PROPOSALS`] start with: most words before
/// a trigger are turned away by them before they are hashed.
static PROPOSAL_SHAPES: LazyLock<Shapes> = LazyLock::new(|| {
    Shapes::of(
        PROPOSALS.iter().filter_map(|p| p.first()).map(|w| w.as_bytes()),
    )
});

/// Whether the event whose trigger starts at word `first` of a
/// sentence's `words` is part of what a resolution, a vote or a call
/// proposes, rather than something that happened: it comes after a
/// proposal of [`PROPOSALS`] in its sentence, with no clause or cause
/// between, and it is not the topic of another event named in the
/// proposal ("an investigation into the attack": the investigation is
/// proposed, the attack happened). `triggers` are the byte ranges of the
/// sentence's triggers. [`Reader::factuality`] applies it: such an
/// event is hypothetical.
fn proposal_holds(
    words: &[Word],
    lowered: &str,
    first: usize,
    trigger: &Range<usize>,
    triggers: impl Iterator<Item = Range<usize>>,
) -> bool {
    let lo = first.saturating_sub(PROPOSAL_REACH);
    // The nearest proposal before the trigger.
    let Some(open) = (lo..first).rev().find_map(|i| {
        let w = words.get(i).filter(|w| !w.punct)?;
        let text = w.text(lowered);
        if !PROPOSAL_SHAPES.may_hold(text.as_bytes()) {
            return None;
        }
        PROPOSALS_BY_FIRST
            .get(text)?
            .iter()
            .find(|p| i + p.len() <= first && matches_at(words, lowered, i, p))
            .map(|p| i + p.len())
    }) else {
        return false;
    };
    let between = &words[open..first];
    if between.iter().any(|w| {
        NOT_PROPOSED.contains(w.text(lowered))
            || (w.punct && matches!(w.text(lowered), ";" | ":" | "." | "("))
    }) {
        return false;
    }
    // "a resolution about the attack": what the proposed text is about
    // is not proposed.
    let about_a_text = between.iter().enumerate().any(|(k, w)| {
        TEXTS.contains(w.text(lowered))
            && between[k + 1..]
                .iter()
                .take(3)
                .any(|w| TOPIC_PREPS.contains(w.text(lowered)))
    });
    if about_a_text {
        return false;
    }
    // The nearest other trigger between the proposal and this one: when
    // a topic preposition follows it before this trigger, this trigger
    // is its topic.
    let from = words.get(open).map_or(trigger.start, |w| w.start);
    let nearest = triggers
        .filter(|r| r.start >= from && r.end <= trigger.start)
        .max_by_key(|r| r.end);
    if let Some(r) = nearest {
        let after = words.partition_point(|w| w.end <= r.end);
        let topical = words[after..first]
            .iter()
            .take(3)
            .any(|w| TOPIC_PREPS.contains(w.text(lowered)));
        if topical {
            return false;
        }
    }
    true
}

/// Negated > Hypothetical > Planned > Actual.
fn rank(f: Factuality) -> u8 {
    match f {
        Factuality::Actual => 0,
        Factuality::Planned => 1,
        Factuality::Hypothetical => 2,
        Factuality::Negated => 3,
    }
}

/// A range within `text`, on char boundaries, with start <= end.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut start = r.start.min(text.len());
    let mut end = r.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// [`BYTE_MARKS`] of a byte outside ASCII.
const NOT_ASCII: u8 = 1;
/// [`BYTE_MARKS`] of an ASCII capital.
const CAPITAL: u8 = 2;
/// [`BYTE_MARKS`] of the ASCII apostrophe.
const APOSTROPHE: u8 = 4;

/// What [`words`] notes of each byte of a word.
const BYTE_MARKS: [u8; 256] = {
    let mut marks = [0; 256];
    let mut b = 0;
    while b < 256 {
        marks[b] = if b >= 0x80 {
            NOT_ASCII
        } else if (b as u8).is_ascii_uppercase() {
            CAPITAL
        } else if b == b'\'' as usize {
            APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    marks
};

/// The words of `read`'s sentence, the range `sentence` of `text`,
/// from its `tokens`: lower-cased, with "didn't", "he'll", "it's",
/// "cannot" split the way the cue tables spell them. Their texts are
/// put in [`Sentence::lowered`], which with the words is cleared first.
fn words(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    read: &mut Sentence,
) {
    let (out, lowered) = (&mut read.words, &mut read.lowered);
    out.clear();
    // A split word gives two: room for a few without growing.
    out.reserve(tokens.len() + 8);
    // Lower-cased as the cue tables spell words: ASCII needs no Unicode
    // case table, and only other text can hold a curly apostrophe. An
    // ASCII word is its own bytes of the sentence lower-cased at once:
    // copying each word (this runs on every word of every sentence with
    // a trigger) was most of the cost of reading a sentence.
    lowered.clear();
    lowered.push_str(text.get(sentence.clone()).unwrap_or_default());
    lowered.make_ascii_lowercase();
    let own = lowered.len();
    for t in tokens {
        let Some(bytes) = text.as_bytes().get(t.start..t.end) else {
            continue;
        };
        // One pass over the bytes tells whether the word is ASCII, has
        // a capital and has an apostrophe (the three were read apart),
        // a table lookup a byte.
        let marks = bytes
            .iter()
            .fold(0, |marks, &b| marks | BYTE_MARKS[usize::from(b)]);
        let ascii = marks & NOT_ASCII == 0;
        let mut apostrophe = marks & APOSTROPHE != 0;
        let mut lower = marks & CAPITAL == 0;
        let in_sentence = t.start >= sentence.start
            && t.end.saturating_sub(sentence.start) <= own;
        // ASCII bytes (one at least) are whole characters, of the text
        // lower-cased in place.
        let at = if ascii && in_sentence && !bytes.is_empty() {
            t.start - sentence.start..t.end - sentence.start
        } else {
            // A token that cuts a character is no word.
            let Some(raw) = text.get(t.start..t.end) else {
                continue;
            };
            let at = lowered.len();
            if ascii {
                lowered.push_str(raw);
                lowered[at..].make_ascii_lowercase();
            } else {
                let l = raw.to_lowercase().replace('\u{2019}', "'");
                apostrophe = l.contains('\'');
                lower = !raw.chars().any(char::is_uppercase);
                lowered.push_str(&l);
            }
            at..lowered.len()
        };
        let word = |text: Range<usize>| Word {
            text,
            start: t.start,
            end: t.end,
            punct: !t.word,
            lower,
        };
        if !t.word {
            out.push(word(at));
            continue;
        }
        // Compared as bytes: the words and their parts are whole
        // characters, and every suffix is ASCII.
        let s = lowered.as_bytes().get(at.clone()).unwrap_or_default();
        // Every suffix holds an apostrophe: most words have none, and
        // are not tried against each. Where a word splits, both parts
        // are its own text ("ca|n't", "can|not").
        let cut = apostrophe
            .then(|| {
                ["n't", "'ll", "'d", "'s", "'re", "'ve"]
                    .into_iter()
                    .find(|suffix| {
                        s.len() > suffix.len()
                            && s.ends_with(suffix.as_bytes())
                    })
                    .map(|suffix| at.end - suffix.len())
            })
            .flatten()
            .or_else(|| (s == b"cannot").then_some(at.start + "can".len()));
        match cut {
            Some(cut) => {
                out.push(word(at.start..cut));
                out.push(word(cut..at.end));
            }
            None if s == b"gonna" => {
                let from = lowered.len();
                lowered.push_str("goingto");
                let to = from + "going".len();
                out.push(word(from..to));
                out.push(word(to..lowered.len()));
            }
            None => out.push(word(at)),
        }
    }
}

/// Word indexes where the backward scope stops because another event
/// takes the cues: a verb trigger ("will investigate the attack") or a
/// noun trigger with a topic preposition ("probe into the attack").
fn barriers(
    triggers: &[TriggerMatch],
    sentence: &Range<usize>,
    trigger: &Range<usize>,
    words: &[Word],
    lowered: &str,
) -> Vec<usize> {
    let mut out = Vec::new();
    for m in triggers {
        let span =
            sentence.start + m.phrase_start..sentence.start + m.phrase_end;
        if span.start < trigger.end && trigger.start < span.end {
            continue;
        }
        let first = words.partition_point(|w| w.end <= span.start);
        let after = words.partition_point(|w| w.start < span.end);
        let topical = words
            .get(after)
            .is_some_and(|w| TOPIC_PREPS.contains(w.text(lowered)));
        if !m.nominal || topical {
            out.push(first);
            if after > first {
                out.push(after - 1);
            }
        }
    }
    out
}

/// The start of the trigger's clause: the word index from which cues
/// before the trigger count.
fn before_scope(
    words: &[Word],
    lowered: &str,
    first: usize,
    barriers: &[usize],
) -> usize {
    let mut start = first;
    let mut seen = 0;
    while start > 0 && seen < MAX_BEFORE {
        let i = start - 1;
        let w = &words[i];
        let prev = i.checked_sub(1).and_then(|p| words.get(p));
        let prev_text = prev.map_or("", |p| p.text(lowered));
        if w.punct {
            if matches!(
                w.text(lowered),
                ";" | ":"
                    | "."
                    | "!"
                    | "?"
                    | "\u{2014}"
                    | "\u{2013}"
                    | "-"
                    | "("
                    | ")"
            ) {
                break;
            }
            start = i;
            continue;
        }
        let next = words.get(i + 1);
        let new_subject = next.is_some_and(|n| {
            SUBJECT_STARTS.contains(n.text(lowered)) || !n.lower
        });
        // Verbs joined by "and" share their auxiliary: "did not attack
        // and kill".
        let coordinated = i + 2 == first
            && next.is_some_and(|n| matches!(n.text(lowered), "and" | "or"));
        if (barriers.contains(&i) && !coordinated)
            || CONTRAST.contains(w.text(lowered))
            || (prev_text == "," && COMMA_CONJ.contains(w.text(lowered)))
            || (matches!(w.text(lowered), "and" | "or") && new_subject)
        {
            break;
        }
        if PREPOSITIONS.contains(w.text(lowered)) {
            // Keep a cue that ends here, then stop.
            let ending = BEFORE_BY_LAST
                .get(w.text(lowered))
                .map_or(&[][..], Vec::as_slice);
            if let Some(len) = ending
                .iter()
                .map(|&k| &BEFORE[k])
                .filter(|c| {
                    i + 1 >= c.words.len()
                        && matches_at(
                            words,
                            lowered,
                            i + 1 - c.words.len(),
                            c.words,
                        )
                })
                .map(|c| c.words.len())
                .max()
            {
                start = i + 1 - len;
            }
            break;
        }
        if w.text(lowered) == "that" {
            if DENY_VERBS.contains(prev_text) {
                start = i - 1;
            } else if !SAY_VERBS.contains(prev_text) {
                start = i;
                seen += 1;
                continue;
            }
            break;
        }
        start = i;
        seen += 1;
        if OPENERS.contains(w.text(lowered)) {
            break;
        }
    }
    start
}

/// The end (exclusive) of the words looked at after the trigger.
fn after_scope(words: &[Word], lowered: &str, last: usize) -> usize {
    let mut end = last;
    let mut seen = 0;
    while let Some(w) = words.get(end) {
        if w.punct || seen == MAX_AFTER || AFTER_STOP.contains(w.text(lowered))
        {
            break;
        }
        end += 1;
        seen += 1;
    }
    end
}

/// The effects of the cues found in `words[range]`. `anchor` is where
/// an `ADJACENT` cue must start; `trigger` the trigger's first word.
fn scan(
    words: &[Word],
    lowered: &str,
    range: Range<usize>,
    anchor: usize,
    cues: &CueIndex,
    trigger: usize,
) -> Vec<Factuality> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let found = cues
            .starting(words, lowered, i)
            .filter(|c| i + c.words.len() <= range.end)
            .filter(|c| c.flags & ADJACENT == 0 || i == anchor)
            .filter(|c| matches_at(words, lowered, i, c.words))
            .filter(|c| {
                c.flags & NEEDS_VERB == 0 || {
                    let next = i + c.words.len();
                    next == trigger
                        || words.get(next).is_some_and(|w| {
                            LIGHT_VERBS.contains(w.text(lowered))
                        })
                }
            })
            .max_by_key(|c| c.words.len());
        match found {
            Some(c) => {
                out.extend(c.effect);
                i += c.words.len();
            }
            None => i += 1,
        }
    }
    out
}

/// A cue table indexed by the words its cues can start with, so that at
/// each word only the cues that can start there are tried (in table
/// order, as the longest-match rule needs).
struct CueIndex {
    cues: &'static [Cue],
    by_first: FastMap<&'static str, Vec<usize>>,
    /// The shapes of the keys of `by_first`: most words of a scope start
    /// no cue, and are turned away by them before they are hashed.
    shapes: Shapes,
}

impl CueIndex {
    fn new(cues: &'static [Cue]) -> CueIndex {
        let mut by_first: FastMap<&'static str, Vec<usize>> =
            FastMap::default();
        for (k, c) in cues.iter().enumerate() {
            let Some(&first) = c.words.first() else { continue };
            let starts: &[&'static str] = if first.starts_with('#') {
                class(first)
            } else {
                &c.words[..1]
            };
            for &w in starts {
                let ks = by_first.entry(w).or_default();
                if ks.last() != Some(&k) {
                    ks.push(k);
                }
            }
        }
        let shapes = Shapes::of(by_first.keys().map(|w| w.as_bytes()));
        CueIndex { cues, by_first, shapes }
    }

    /// The cues whose first word can be `words[at]`, in table order (a
    /// punctuation mark starts none).
    fn starting<'a>(
        &'a self,
        words: &[Word],
        lowered: &str,
        at: usize,
    ) -> impl Iterator<Item = &'static Cue> + 'a {
        let ks = words
            .get(at)
            .filter(|w| !w.punct)
            .map(|w| w.text(lowered))
            .filter(|text| self.shapes.may_hold(text.as_bytes()))
            .and_then(|text| self.by_first.get(text))
            .map_or(&[][..], Vec::as_slice);
        ks.iter().map(|&k| &self.cues[k])
    }
}

static BEFORE_INDEX: LazyLock<CueIndex> =
    LazyLock::new(|| CueIndex::new(BEFORE));
static AFTER_INDEX: LazyLock<CueIndex> =
    LazyLock::new(|| CueIndex::new(AFTER));

/// The cues before a trigger by their last word: a preposition that
/// stops the backward scope keeps the cues that end with it, looked up
/// here instead of compared with every cue of the table.
static BEFORE_BY_LAST: LazyLock<FastMap<&'static str, Vec<usize>>> =
    LazyLock::new(|| {
        let mut by_last: FastMap<&'static str, Vec<usize>> =
            FastMap::default();
        for (k, c) in BEFORE.iter().enumerate() {
            if let Some(&last) = c.words.last() {
                by_last.entry(last).or_default().push(k);
            }
        }
        by_last
    });

fn matches_at(
    words: &[Word],
    lowered: &str,
    at: usize,
    pattern: &[&str],
) -> bool {
    pattern.iter().enumerate().all(|(k, p)| {
        let Some(w) = words.get(at + k) else {
            return false;
        };
        if w.punct {
            return false;
        }
        match *p {
            // The modal only: "in May" and "Theresa May" are capitalised.
            "may" => w.lower && w.text(lowered) == "may",
            p if p.starts_with('#') => class(p).contains(&w.text(lowered)),
            p => w.text(lowered) == p,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Factuality::{
        Actual as A, Hypothetical as H, Negated as N, Planned as P,
    };

    /// The index by first word holds only if every proposal starts with
    /// a word compared as it is written.
    #[test]
    fn proposals_start_with_plain_words() {
        for p in PROPOSALS {
            let first = p.first().copied().unwrap_or("#");
            assert!(!first.starts_with('#') && first != "may", "{p:?}");
        }
    }

    /// (sentence, trigger word — its first occurrence, expected).
    /// A word read in one pass (ASCII, capital, apostrophe) is read as
    /// the separate tests read it: lower-cased, its capital noted, a
    /// contraction split.
    #[test]
    fn words_are_read_in_one_pass() {
        let text =
            "He didn't SAY it; Kim’s men can't, Über-Élan cannot Gonna o'";
        let tokens = tokenize(text, 0..text.len());
        let mut read = Sentence::default();
        words(text, &(0..text.len()), &tokens, &mut read);
        let read: Vec<(&str, bool, bool)> = read
            .words
            .iter()
            .map(|w| (w.text(&read.lowered), w.punct, w.lower))
            .collect();
        let want = [
            ("he", false, false),
            ("did", false, true),
            ("n't", false, true),
            ("say", false, false),
            ("it", false, true),
            (";", true, true),
            ("kim", false, false),
            ("'s", false, false),
            ("men", false, true),
            ("ca", false, true),
            ("n't", false, true),
            (",", true, true),
            ("über-élan", false, false),
            ("can", false, true),
            ("not", false, true),
            ("going", false, false),
            ("to", false, false),
            ("o", false, true),
            ("'", true, true),
        ];
        assert_eq!(read, want);
    }

    const CASES: &[(&str, &str, Factuality)] = &[
        // Wants and needs are not deeds.
        (
            "Russia wants an international investigation of the attack",
            "investigation",
            H,
        ),
        (
            "We need to conduct a comprehensive investigation",
            "investigation",
            H,
        ),
        ("terrorists who want to attack both of our countries", "attack", H),
        (
            "officials failed to persuade members to adopt new sanctions",
            "sanctions",
            N,
        ),
        // The brief's examples.
        (
            "On Wednesday the United Nations Security Council was set to \
             vote yesterday on a resolution.",
            "vote",
            P,
        ),
        (
            "It is a measure that Russian Federation will likely veto.",
            "veto",
            P,
        ),
        (
            "Lavrov warned that any further such action would entail grave \
             consequences.",
            "action",
            H,
        ),
        ("Officials insist the attack did not happen.", "attack", N),
        ("The US launched 59 cruise missiles on Shayrat.", "launched", A),
        ("Russia vetoed the resolution.", "vetoed", A),
        (
            "The three countries are calling for two investigations.",
            "investigations",
            H,
        ),
        (
            "Tillerson has a meeting set later Wednesday in Moscow.",
            "meeting",
            P,
        ),
        // "were going to": a stated intention, not a condition.
        (
            "Unnamed forces were going to carry out more chemical weapons \
             attacks.",
            "attacks",
            P,
        ),
        ("He denied that the strike took place.", "strike", N),
        // More of each.
        // What a vote is on has not happened; what the text voted on is
        // about has.
        ("Members voted on new sanctions.", "sanctions", H),
        (
            "The Council was set to vote on a resolution about the attack.",
            "attack",
            A,
        ),
        (
            "They are calling for an investigation into the attack.",
            "attack",
            A,
        ),
        ("Officials said they will investigate the attack.", "attack", A),
        ("Officials said they will investigate the attack.", "investigate", P),
        ("Syria denied carrying out the attack.", "attack", A),
        ("No vote took place.", "vote", N),
        ("The strike never happened.", "strike", N),
        ("The talks were cancelled.", "talks", N),
        ("Russia refused to attend the meeting.", "meeting", N),
        ("Russia won't veto the measure.", "veto", N),
        ("Russia won’t veto the measure.", "veto", N),
        ("If the talks fail, sanctions follow.", "talks", H),
        // The consequent of a condition is as hypothetical as it.
        ("If the talks fail, sanctions follow.", "sanctions", H),
        ("He did not say whether the strike happened.", "strike", H),
        ("Russia could face sanctions.", "sanctions", H),
        ("Russia may face sanctions in May.", "sanctions", H),
        ("Theresa May announced the vote.", "vote", A),
        ("In May the vote was held.", "vote", A),
        ("Trump threatened more strikes.", "strikes", H),
        ("The proposed merger was blocked.", "merger", H),
        ("The summit is scheduled for June.", "summit", P),
        ("The upcoming summit in Beijing.", "summit", P),
        ("The vote is due to take place on Friday.", "vote", P),
        ("Flights stopped due to the storm.", "storm", A),
        ("The rebels agreed to a ceasefire.", "ceasefire", A),
        ("The sides agreed to hold talks.", "talks", P),
        ("He will travel to Moscow next week for talks.", "travel", P),
        ("The summit next week will decide.", "summit", P),
        (
            "Tillerson visited Moscow, but Putin will not meet him.",
            "visited",
            A,
        ),
        ("Putin met Tillerson; he will visit Beijing.", "met", A),
        ("Putin met Tillerson, and he will visit Beijing.", "met", A),
        ("Not only the attack but the cover-up.", "attack", A),
        (
            "Russia vetoed the resolution, which would have condemned it.",
            "vetoed",
            A,
        ),
        // The strike happened; "would" is about its effect.
        ("Trump said the strike would deter Assad.", "strike", A),
        ("The vote could be held on Friday.", "vote", H),
        ("The summit will take place in June.", "summit", P),
        ("Their talks could narrow the differences.", "talks", A),
        (
            "The agreement averted military action after a sarin attack.",
            "attack",
            A,
        ),
        (
            "Moscow will not shield anyone responsible for the attack.",
            "attack",
            A,
        ),
        (
            "The tensions never went away and last week's attack hurt.",
            "attack",
            A,
        ),
        ("They did not attack and kill civilians.", "kill", N),
        ("Russia warned of retaliation for the strike.", "retaliation", H),
        ("The threat of strikes on Syria grew.", "strikes", H),
        ("Washington is preparing for future bombing raids.", "raids", H),
        ("He left without a vote.", "vote", N),
        ("Plans were made in the event of a strike.", "strike", H),
        ("They said he'll visit Moscow.", "visit", P),
        // The condemning is hypothetical, the attack is not.
        ("Russia vetoed a draft that would condemn the attack.", "condemn", H),
        ("Russia vetoed a draft that would condemn the attack.", "attack", A),
    ];

    fn run(sentence: &str, trigger: &str) -> Factuality {
        let start = sentence.find(trigger).unwrap_or(0);
        factuality(sentence, 0..sentence.len(), start..start + trigger.len())
    }

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(sentence, trigger, want) in CASES {
            assert!(sentence.contains(trigger), "{trigger:?} in {sentence:?}");
            let got = run(sentence, trigger);
            if got != want {
                failures.push(format!(
                    "{sentence:?} / {trigger}: got {got:?}, want {want:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn sentence_inside_a_longer_text() {
        let text = "Russia will not comment. The US launched missiles. Talks \
                    could follow.";
        let s = text.find("The US").unwrap_or(0);
        let e = text.find("Talks").unwrap_or(0);
        let t = text.find("launched").unwrap_or(0);
        assert_eq!(factuality(text, s..e, t..t + 8), A);
        // A sentence range that misses the cues of its neighbours even
        // when it is too wide on one side only.
        assert_eq!(factuality(text, s..text.len(), t..t + 8), A);
    }

    #[test]
    fn odd_ranges_do_not_panic() {
        let text = "“Vote” — will they vote? é";
        for (s, t) in [
            (0..text.len(), 0..0),
            (0..0, 5..9),
            (100..200, 300..400),
            (1..2, Range { start: 2, end: 1 }),
            (0..text.len(), 1..4),
            (0..3, 0..text.len()),
        ] {
            let _ = factuality(text, s, t);
        }
        assert_eq!(factuality("", 0..0, 0..0), A);
    }
    /// [`proposal_holds`] for a trigger of `text`, by byte ranges.
    fn proposed(
        text: &str,
        sentence: Range<usize>,
        trigger: Range<usize>,
        triggers: &[Range<usize>],
    ) -> bool {
        let mut read = Sentence::default();
        words(text, &sentence, &tokenize(text, sentence.clone()), &mut read);
        let words = &read.words;
        let first = words.partition_point(|w| w.end <= trigger.start);
        let triggers = triggers.iter().cloned();
        proposal_holds(words, &read.lowered, first, &trigger, triggers)
    }

    #[test]
    fn what_a_resolution_or_a_call_proposes_has_not_happened() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Members voted on the imposition of sanctions on entities.",
                "sanctions",
                true,
            ),
            (
                "a resolution demanding the government cooperate with an \
                 investigation into the attack",
                "investigation",
                true,
            ),
            (
                "a resolution demanding the government cooperate with an \
                 investigation into the attack",
                "attack",
                false,
            ),
            (
                "They are calling for two investigations, an independent \
                 probe into the chemical attack and another investigation \
                 into the missile strike.",
                "probe",
                true,
            ),
            (
                "They are calling for two investigations, an independent \
                 probe into the chemical attack and another investigation \
                 into the missile strike.",
                "investigation",
                true,
            ),
            (
                "They are calling for two investigations, an independent \
                 probe into the chemical attack and another investigation \
                 into the missile strike.",
                "strike",
                false,
            ),
            ("The UN called for calm after the attack.", "attack", false),
            (
                "a resolution condemning the government for the attack",
                "attack",
                false,
            ),
        ];
        let lexicon = Lexicon::get();
        for (text, word, want) in cases {
            let found = lexicon.find(text);
            let ranges: Vec<Range<usize>> =
                found.iter().map(|t| t.start..t.end).collect();
            let t = found
                .iter()
                .rfind(|t| &text[t.start..t.end] == *word)
                .unwrap_or_else(|| panic!("{word} in {text}"));
            assert_eq!(
                proposed(text, 0..text.len(), t.start..t.end, &ranges),
                *want,
                "{word} in {text}"
            );
        }
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    use super::factuality;
    use crate::events::lexicon::Lexicon;

    proptest! {
        #[test]
        fn any_text_and_ranges(
            text in "(\\PC|[ ,.;'’“”—-]|not|will|strike|fire|talks|press conference){0,40}",
            a in 0usize..200, b in 0usize..200, c in 0usize..200, d in 0usize..200,
        ) {
            let found = Lexicon::get().find(&text);
            for m in &found {
                prop_assert!(text.get(m.phrase_start..m.phrase_end).is_some());
                prop_assert!(m.phrase_start <= m.start && m.end <= m.phrase_end);
                let _ = factuality(&text, 0..text.len(), m.start..m.end);
            }
            for pair in found.windows(2) {
                prop_assert!(pair[0].phrase_end <= pair[1].phrase_start);
            }
            let _ = factuality(&text, a..b, c..d);
        }
    }
}
