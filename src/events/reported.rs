//! Who makes a statement, and the dated statements of named speakers.
//!
//! A plain "said" is how news quotes, not an event. One that names its
//! speaker and a day of its own ("Dmitry Peskov on Thursday said",
//! "Donald Trump said Wednesday") is a statement a timeline can show:
//! the Kremlin's comment on a meeting comes a day after the meeting.
//! Statement triggers of the lexicon ("a press conference", "in
//! remarks") get their speaker here too, so that two statements by
//! different people are not taken for one.

use super::arguments::{Entity, EntityKind, lower_eq};
use super::lexicon::TriggerMatch;
use super::word_list::Shapes;
use super::{EventType, anchor::Anchor};
use crate::timex::Timex;
use std::sync::LazyLock;

/// Reporting verbs that make a statement when a speaker and a day of
/// their own come with them, and the lemma each is reported under.
/// ("announced" and "declared" are triggers of the lexicon already.)
const VERBS: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("tells", "tell"),
    ("stated", "state"),
    ("warned", "warn"),
    ("insisted", "insist"),
    ("commented", "comment"),
    ("wrote", "write"),
];

/// Words that may stand between a reporting verb and the time
/// expression that dates it: "told reporters on Wednesday".
const BETWEEN: &[&str] = &["on", "reporters", "journalists"];

/// Whether an entity can speak: a person or an organisation ("the
/// Kremlin said on Thursday"), not a country or a place.
fn speaks(e: &Entity) -> bool {
    matches!(e.kind, EntityKind::Person | EntityKind::Org)
}

/// Whether `c` belongs to a word: letters, digits, apostrophes.
fn word_char(c: char) -> bool {
    // Asked of every character read back from each time expression:
    // ASCII by table.
    if c.is_ascii() {
        return crate::text::ASCII_ALNUM[c as usize] || c == '\'';
    }
    c.is_alphanumeric() || c == '’'
}

/// The words of `s` with their byte offsets in `s`.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// How many bytes before a place its words are read: a speaker, a verb
/// and what stands between them, never the whole text before (which
/// made reading a long text quadratic).
const LOOK_BACK: usize = 400;

/// The words of the [`LOOK_BACK`] bytes before `at`, nearest first,
/// with their offsets in `text`. Lazy: the callers read a few words
/// back from each time expression, and most stop at the first.
fn words_before(
    text: &str,
    at: usize,
) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut from = at.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // Read back by byte: ASCII, most of a text, needs no decoding (this
    // runs before every time expression); a character outside it is
    // decoded from its first byte.
    let at = at.min(text.len());
    let char_before = move |p: usize| char_before(text, from, p);
    let mut pos = at;
    std::iter::from_fn(move || {
        // Past the non-word characters, to the end of the next word.
        loop {
            let (i, c) = char_before(pos)?;
            if word_char(c) {
                break;
            }
            pos = i;
        }
        let end = pos;
        while let Some((i, c)) = char_before(pos) {
            if !word_char(c) {
                break;
            }
            pos = i;
        }
        Some((pos, &text[pos..end]))
    })
}

/// The character of `text` that ends at byte `p`, with where it starts,
/// if it starts at or after `from` (a char boundary).
#[inline(always)]
fn char_before(text: &str, from: usize, p: usize) -> Option<(usize, char)> {
    if p <= from {
        return None;
    }
    let b = *text.as_bytes().get(p - 1)?;
    if b.is_ascii() {
        return Some((p - 1, char::from(b)));
    }
    let mut s = p - 1;
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    text.get(s..p)?.chars().next().map(|c| (s, c))
}

/// The first word after `at`, with its offset in `text`.
fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let mut to = (at + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let s = &text[at..to];
    let (start, _) = s.char_indices().find(|&(_, c)| word_char(c))?;
    let end = s[start..]
        .char_indices()
        .find(|&(_, c)| !word_char(c))
        .map_or(s.len(), |(i, _)| start + i);
    Some((at + start, &s[start..end]))
}

/// The speaking entity that ends right before byte `at` (only spaces
/// and a comma between), or starts right after it.
fn entity_ending_at<'e>(
    text: &str,
    entities: &'e [Entity],
    at: usize,
) -> Option<&'e Entity> {
    entities
        .iter()
        .filter(|e| speaks(e) && e.end <= at)
        .max_by_key(|e| e.end)
        .filter(|e| {
            text[e.end..at].chars().all(|c| c.is_whitespace() || c == ',')
        })
}

/// Capitalised words that are no part of a speaker's name, beyond
/// those that end a name after a title
/// ([`super::arguments::NAME_STOP`]): "Officials said Wednesday".
const NOT_NAMES: &[&str] =
    &["Officials", "Sources", "Police", "Mr", "Mrs", "Ms", "Dr"];

/// Who is named right before byte `at`: a person or organisation of
/// the gazetteer, else a name of two or three capitalised words ("Omar
/// Diallo said Wednesday"), as its start and its name.
fn named_before(
    text: &str,
    entities: &[Entity],
    at: usize,
) -> Option<(usize, String)> {
    if let Some(e) = entity_ending_at(text, entities, at) {
        return Some((e.start, e.canonical.clone()));
    }
    let lead = &text[..at];
    if !lead.ends_with(|c: char| c.is_alphabetic() || c.is_whitespace()) {
        return None;
    }
    let mut name: Vec<(usize, &str)> = Vec::new();
    for (i, w) in words_before(text, at).take(3) {
        let gap_ok = name.last().is_none_or(|(next, _)| {
            text[i + w.len()..*next].chars().all(|c| c == ' ')
        }) && (!name.is_empty()
            || text[i + w.len()..at].trim().is_empty());
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && w.len() > 1;
        if !gap_ok
            || !capitalised
            || NOT_NAMES.contains(&w)
            || super::arguments::NAME_STOP.contains(&w)
        {
            break;
        }
        name.push((i, w));
    }
    if name.len() < 2 {
        return None;
    }
    name.reverse();
    let start = name[0].0;
    let end = name.last().map_or(start, |(i, w)| i + w.len());
    Some((start, text[start..end].to_string()))
}

fn entity_starting_at<'e>(
    text: &str,
    entities: &'e [Entity],
    at: usize,
) -> Option<&'e Entity> {
    entities
        .iter()
        .filter(|e| speaks(e) && e.start >= at)
        .min_by_key(|e| e.start)
        .filter(|e| text[at..e.start].chars().all(char::is_whitespace))
}

/// The reporting verbs that a dating expression modifies, each with
/// its named speaker, as statement triggers: "Dmitry Peskov on
/// Thursday said", "Donald Trump said Wednesday", "said Peskov on
/// Thursday", "said alongside Stoltenberg … on April 12". `anchors` are
/// the text's dating expressions, and `dated` gives the one each
/// expression dates ([`dated_by`], which the caller may keep per
/// expression); the first of each verb is kept, in text order.
pub(crate) fn collect_dated(
    anchors: &[Anchor],
    mut dated: impl FnMut(&Timex) -> Option<(TriggerMatch, String)>,
) -> Vec<(TriggerMatch, String)> {
    let mut out: Vec<(TriggerMatch, String)> = Vec::new();
    for a in anchors {
        if let Some(found) = dated(a.timex)
            && !out.iter().any(|(m, _)| m.start == found.0.start)
        {
            out.push(found);
        }
    }
    out.sort_by_key(|(m, _)| m.start);
    out
}

/// The reporting verb, with its speaker, that the time expression `t`
/// dates, if any; `triggers` are the lexicon's, in text order. It
/// depends on where `t` stands, not on its value.
pub(crate) fn dated_by(
    text: &str,
    entities: &[Entity],
    t: &Timex,
    triggers: &[TriggerMatch],
) -> Option<(TriggerMatch, String)> {
    // The words before `t` are read as far as each reading needs: most
    // end at the first or second word, and reading all the words the
    // furthest may need was half the cost of finding these verbs.
    dated_further_on(
        text,
        entities,
        t,
        words_before(text, t.start_byte),
        triggers,
    )
    .or_else(|| {
        let before: Vec<(usize, &str)> =
            words_before(text, t.start_byte).take(NEXT_TO_REACH).collect();
        dated_next_to(text, entities, t, &before)
    })
}

/// How many words before a time expression [`dated_next_to`] reads: the
/// verb's place is past at most two words ("told reporters on").
const NEXT_TO_REACH: usize = 3;

/// A reporting verb right next to the time expression `t`, with its
/// speaker: "Dmitry Peskov on Thursday said", "Donald Trump said
/// Wednesday", "told reporters on Wednesday", "said Vladimir Putin on
/// Wednesday". `before` are the words before `t`, nearest first, at
/// least [`NEXT_TO_REACH`] of them when there are ([`words_before`]).
fn dated_next_to(
    text: &str,
    entities: &[Entity],
    t: &crate::timex::Timex,
    before: &[(usize, &str)],
) -> Option<(TriggerMatch, String)> {
    // The verb after the expression: "on Thursday said".
    let verb_after = word_after(text, t.end_byte)
        .filter(|(i, _)| text[t.end_byte..*i].trim().is_empty())
        .and_then(|(i, w)| Some((i, verb(w)?, w.len())));
    // The verb before it, past "on" and "reporters".
    let mut back = before.iter().peekable();
    let mut at = t.start_byte;
    let mut skipped = 0;
    while skipped < 2
        && back.peek().is_some_and(|(i, w)| {
            BETWEEN.iter().any(|b| lower_eq(w, b))
                && text[i + w.len()..at].trim().is_empty()
        })
    {
        at = back.next().map_or(at, |(i, _)| *i);
        skipped += 1;
    }
    let inverted = named_before(text, entities, at);
    let verb_end = inverted.as_ref().map_or(at, |(start, _)| *start);
    let verb_before =
        words_before(text, verb_end).next().and_then(|(i, w)| {
            let plain = text[i + w.len()..verb_end].trim().is_empty();
            plain.then_some((i, verb(w)?, w.len()))
        });
    let (i, lemma, len, who) = match (verb_after, verb_before) {
        (Some((i, lemma, len)), _) => {
            // The speaker stands before the expression: "Dmitry
            // Peskov on Thursday said".
            let on = before
                .first()
                .filter(|(_, w)| w.eq_ignore_ascii_case("on"))
                .map_or(t.start_byte, |(j, _)| *j);
            let (_, who) = named_before(text, entities, on)?;
            (i, lemma, len, who)
        }
        (None, Some((i, lemma, len))) => {
            let (_, who) =
                inverted.or_else(|| named_before(text, entities, i))?;
            (i, lemma, len, who)
        }
        (None, None) => return None,
    };
    Some((said(i, len, lemma), who))
}

/// A reporting verb at byte `start`, `len` bytes long, as a statement
/// trigger.
fn said(start: usize, len: usize, lemma: &'static str) -> TriggerMatch {
    TriggerMatch {
        start,
        end: start + len,
        phrase_start: start,
        phrase_end: start + len,
        lemma,
        kind: EventType::Statement,
        nominal: false,
    }
}

/// How many words a verb's own phrases may put between it and the
/// expression that dates it: "said alongside NATO Secretary-General
/// Jens Stoltenberg at the White House on April 12".
const FURTHER_REACH: usize = 14;

/// A reporting verb with its speaker before it and the time expression
/// `t` further on in its own clause: nothing between them starts what
/// is said ("that", a quotation, a comma) or names another event ("said
/// the attack on April 4", where the date is the attack's).
/// `ws` are the words before `t`, nearest first ([`words_before`]).
fn dated_further_on<'t>(
    text: &'t str,
    entities: &[Entity],
    t: &crate::timex::Timex,
    ws: impl Iterator<Item = (usize, &'t str)>,
    triggers: &[TriggerMatch],
) -> Option<(TriggerMatch, String)> {
    // Whether a word between the one read and `t` starts a clause.
    let mut relative = false;
    // The gap from a word to `t` is the last word's gap and what lies
    // between the two words' ends: only that is searched.
    let mut gap_end = t.start_byte;
    for (i, w) in ws.take(FURTHER_REACH) {
        let more = &text[i + w.len()..gap_end];
        gap_end = i + w.len();
        if more.contains([
            '"', '“', '”', ',', ';', ':', '(', ')', '—', '–', '.', '!', '?',
        ]) || relative
            || {
                // Triggers come in text order: the first after the word.
                let next = triggers.partition_point(|x| x.start < i + w.len());
                triggers.get(next).is_some_and(|x| x.end <= t.start_byte)
            }
        {
            return None;
        }
        let Some(lemma) = verb(w) else {
            relative |=
                ["that", "which", "who"].iter().any(|r| lower_eq(w, r));
            continue;
        };
        let (_, who) = named_before(text, entities, i)?;
        return Some((said(i, w.len(), lemma), who));
    }
    None
}

/// The lemma of a dated statement's verb, by name, as mention lines
/// write it ("say").
pub fn lemma(name: &str) -> Option<&'static str> {
    VERBS.iter().map(|(_, l)| *l).find(|l| *l == name)
}

fn verb(word: &str) -> Option<&'static str> {
    // Asked of many words before each statement trigger: an ASCII word
    // whose first letter and length no form has (most) is turned away
    // before the forms are tried. Another may lower-case to one (the
    // Kelvin sign gives a "k").
    if !VERB_SHAPES.may_hold(word.as_bytes()) && word.is_ascii() {
        return None;
    }
    VERBS
        .iter()
        .find(|(form, _)| lower_eq(word, form))
        .map(|(_, lemma)| *lemma)
}

/// The [`Shapes`] of the forms of [`VERBS`].
static VERB_SHAPES: LazyLock<Shapes> =
    LazyLock::new(|| Shapes::of(VERBS.iter().map(|(f, _)| f.as_bytes())));

/// How many words before a statement trigger its speaker may stand:
/// "U.S. Ambassador Nikki Haley in a speech", "Maria Zakharova said in
/// remarks".
const SUBJECT_REACH: usize = 8;

/// Who makes the statement a lexicon trigger names, if its sentence
/// says: the possessor ("Putin's statement"), the agent ("a speech by
/// Nikki Haley"), or the nearest person or organisation before it in
/// its clause, outside any quotation ("Haley in a speech", but not the
/// Assad of a quote before "he told a news conference").
pub fn speaker(
    text: &str,
    entities: &[Entity],
    sentence: std::ops::Range<usize>,
    t: &TriggerMatch,
) -> Option<String> {
    // "by Nikki Haley", "by the Kremlin".
    let rest = &text[t.phrase_end..sentence.end.max(t.phrase_end)];
    let by = rest.trim_start();
    if let Some(agent) = by.strip_prefix("by ") {
        let agent = agent.trim_start();
        let agent = agent.strip_prefix("the ").unwrap_or(agent);
        let at = text.len() - agent.len();
        if let Some(e) = entity_starting_at(text, entities, at) {
            return Some(e.canonical.clone());
        }
    }
    let start = sentence.start.min(t.phrase_start);
    let lead = &text[start..t.phrase_start];
    // Nothing before the end of the last quotation: a name inside a
    // quote is who is spoken of, not who speaks.
    let after_quote = lead.rfind(['"', '”', '“']).map_or(start, |q| {
        start + q + lead[q..].chars().next().map_or(1, char::len_utf8)
    });
    let words_before = words(&text[after_quote..t.phrase_start]);
    let reach = words_before
        .len()
        .checked_sub(SUBJECT_REACH)
        .map_or(after_quote, |k| after_quote + words_before[k].0);
    // A possessive right before the phrase ("Putin's statement") or a
    // subject further back.
    let named = entities
        .iter()
        .filter(|e| speaks(e) && e.start >= reach && e.end <= t.phrase_start)
        .max_by_key(|e| e.end);
    if let Some(e) = named {
        return Some(e.canonical.clone());
    }
    // "he told a news conference": the person news named last before
    // the sentence is who a subject pronoun stands for.
    let pronoun = words_before
        .iter()
        .any(|(_, w)| lower_eq(w, "he") || lower_eq(w, "she"));
    if !pronoun {
        return None;
    }
    entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.end <= start)
        .max_by_key(|e| e.end)
        .map(|e| e.canonical.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Factuality, extract};
    use crate::timex::Tagger;

    proptest::proptest! {
        /// The shapes turn away only words no form of a verb is.
        #[test]
        fn verbs_are_found_as_each_form_finds_them(
            parts in proptest::collection::vec(
                "said|SAID|Says|tOld|tells|stated|Warned|insisted|\
                 commented|wrote|s|d|é|\u{212A}",
                0..3,
            ),
        ) {
            let w = parts.concat();
            let each = VERBS
                .iter()
                .find(|(form, _)| lower_eq(&w, form))
                .map(|(_, lemma)| *lemma);
            proptest::prop_assert_eq!(verb(&w), each);
        }
    }

    /// Read back by byte, the words before a place are those of the
    /// text before it read forward, nearest first, wherever the place
    /// and the look-back start fall (inside a word, on a letter outside
    /// ASCII).
    #[test]
    fn words_before_are_the_words_read_forward_reversed() {
        let long = format!("{} Ünd said don’t x", "wörd it's ".repeat(60));
        let texts =
            ["", "a", "  he said,  ", "é'é ’x — 東京 y2 \u{301}z", &long];
        for text in texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut from = at.saturating_sub(LOOK_BACK);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let want: Vec<(usize, &str)> = words(&text[from..at])
                    .into_iter()
                    .rev()
                    .map(|(i, w)| (from + i, w))
                    .collect();
                let got: Vec<(usize, &str)> = words_before(text, at).collect();
                assert_eq!(got, want, "{text:?} at {at}");
            }
        }
    }

    fn statements(text: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let dct = chrono::NaiveDate::from_ymd_opt(2017, 4, 13);
        let timexes = Tagger::new().tag(text, dct);
        extract(text, dct, &timexes)
            .into_iter()
            .filter(|m| m.kind == EventType::Statement)
            .filter(|m| m.factuality == Factuality::Actual)
            .map(|m| (m.trigger, m.date, m.with))
            .collect()
    }

    #[test]
    fn a_named_speaker_and_a_day_make_a_said_a_statement() {
        let peskov = "Dmitry Peskov on Thursday said the talks went well.";
        assert_eq!(
            statements(peskov),
            [(
                "said".to_string(),
                Some("2017-04-13".to_string()),
                vec!["Dmitry Peskov".to_string()]
            )]
        );
        let trump = "Donald Trump said Wednesday that ties were low.";
        assert_eq!(statements(trump)[0].1.as_deref(), Some("2017-04-12"));
        let inverted = "Ties were low, said Vladimir Putin on Wednesday.";
        assert_eq!(statements(inverted)[0].2, ["Vladimir Putin"]);
        let alongside = "Donald Trump said alongside Nikki Haley at the \
                         White House on April 12 that ties were low.";
        assert_eq!(statements(alongside)[0].1.as_deref(), Some("2017-04-12"));
        // The date of what is said is not the saying's.
        let content = "Donald Trump said the strike on April 6 was right.";
        assert!(statements(content).is_empty());
        let reporters =
            "Rex Tillerson told reporters on Wednesday that it was over.";
        assert_eq!(statements(reporters)[0].0, "told");
    }

    #[test]
    fn a_said_without_a_name_or_a_day_is_no_event() {
        assert!(
            statements("Donald Trump said that ties were low.").is_empty()
        );
        assert!(
            statements("He said on Wednesday that ties were low.").is_empty()
        );
        assert!(
            statements("Officials said Wednesday that ties were low.")
                .is_empty()
        );
    }

    #[test]
    fn statement_triggers_get_their_speaker() {
        let cases = [
            (
                "Nikki Haley in a speech to the council called it out.",
                "Nikki Haley",
            ),
            (
                "Maria Zakharova said in remarks aired online that it was bad.",
                "Maria Zakharova",
            ),
            (
                "Therefore Vladimir Putin's statement is a warning.",
                "Vladimir Putin",
            ),
            ("It was a speech by Nikki Haley.", "Nikki Haley"),
        ];
        for (text, who) in cases {
            let got = statements(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].2, [who], "{text}");
        }
        // Assad is quoted, not speaking; "he" is who was named before.
        let quoted = "“Assad did it”, he told a news conference.";
        assert_eq!(statements(quoted)[0].2, Vec::<String>::new());
        let named = "Donald Trump met Jens Stoltenberg. “Assad did it”, \
                     he told a news conference.";
        assert_eq!(statements(named)[0].2, ["Jens Stoltenberg"]);
    }
}
