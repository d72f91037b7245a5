//! TempEval-3 style evaluation of the tagger against gold TimeML.
//!
//! [`evaluate`] aligns system TIMEX3 annotations with gold ones, document
//! by document, and scores them the way the TempEval-3 toolkit does:
//! strict (exact extent) and relaxed (overlapping extent) precision,
//! recall and F1, and type and value accuracy over the relaxed matches.
//! Totals are micro-averaged over every document, so a large corpus
//! weighs more than a small one.
//!
//! Everything in the [`Report`] is deterministic: corpora are sorted by
//! name and errors by corpus, document and offset, so two runs over the
//! same input produce byte-identical tables and JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::timex::TimexType;

/// One TIMEX3 annotation, gold or system, as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// First code point of the expression.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value string, as annotated (not parsed: gold values
    /// the tagger cannot represent must still be comparable).
    pub value: String,
}

/// The gold and system annotations of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentPair {
    /// The corpus the document belongs to (e.g. `TimeBank`); scores
    /// are reported per corpus and in total.
    pub corpus: String,
    /// The document's id within its corpus.
    pub id: String,
    /// The reference annotations.
    pub gold: Vec<Annotation>,
    /// The tagger's annotations.
    pub system: Vec<Annotation>,
}

/// Precision, recall and F1 for one matching criterion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Matched gold/system pairs.
    pub matched: usize,
    /// `matched / system`, 0 when there are no system annotations.
    pub precision: f64,
    /// `matched / gold`, 0 when there are no gold annotations.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub f1: f64,
}

impl Prf {
    fn new(matched: usize, gold: usize, system: usize) -> Prf {
        let precision = ratio(matched, system);
        let recall = ratio(matched, gold);
        Prf { matched, precision, recall, f1: harmonic(precision, recall) }
    }
}

/// The scores of one corpus, or of everything (`TOTAL`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusScores {
    /// The corpus name, or `TOTAL`.
    pub name: String,
    /// Documents evaluated.
    pub documents: usize,
    /// Gold annotations.
    pub gold: usize,
    /// System annotations.
    pub system: usize,
    /// Matches with exactly the same extent.
    pub strict: Prf,
    /// Matches with overlapping extents (strict matches included).
    pub relaxed: Prf,
    /// Relaxed matches whose types agree.
    pub type_correct: usize,
    /// Relaxed matches whose values agree.
    pub value_correct: usize,
    /// `type_correct / relaxed.matched`, 0 without relaxed matches.
    pub type_accuracy: f64,
    /// `value_correct / relaxed.matched`, 0 without relaxed matches.
    pub value_accuracy: f64,
    /// `type_accuracy × relaxed.f1` (TempEval-3's type F1).
    pub type_f1: f64,
    /// `value_accuracy × relaxed.f1` (TempEval-3's value F1). This is
    /// also the F1 of value-correct matches against the gold and system
    /// counts.
    pub value_f1: f64,
}

/// What went wrong with an annotation (or a matched pair).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
pub enum ErrorKind {
    /// A gold annotation no system annotation overlaps.
    Missed,
    /// A system annotation no gold annotation overlaps.
    Spurious,
    /// A relaxed match whose extents differ.
    Extent,
    /// A relaxed match whose types differ.
    Type,
    /// A relaxed match whose values differ.
    Value,
}

impl ErrorKind {
    /// The kind's name, as in the error listing.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Missed => "Missed",
            ErrorKind::Spurious => "Spurious",
            ErrorKind::Extent => "Extent",
            ErrorKind::Type => "Type",
            ErrorKind::Value => "Value",
        }
    }
}

/// One evaluation error, for inspecting what the tagger got wrong.
///
/// A matched pair can produce several errors (an extent error and a
/// value error, say), each with both annotations attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvalError {
    /// The document's corpus.
    pub corpus: String,
    /// The document's id.
    pub document: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The gold annotation; `None` for [`ErrorKind::Spurious`].
    pub gold: Option<Annotation>,
    /// The system annotation; `None` for [`ErrorKind::Missed`].
    pub system: Option<Annotation>,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// One entry per distinct corpus, sorted by name.
    pub corpora: Vec<CorpusScores>,
    /// Micro-averaged over all documents of all corpora.
    pub total: CorpusScores,
    /// Every error, sorted by corpus, document, then offset.
    pub errors: Vec<EvalError>,
}

/// The name of the total row.
const TOTAL: &str = "TOTAL";

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num as f64 / den as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Raw counts; scores are derived from these only at the end, which is
/// what makes the total a micro-average.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    documents: usize,
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    type_correct: usize,
    value_correct: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.documents += o.documents;
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_correct += o.type_correct;
        self.value_correct += o.value_correct;
    }

    fn scores(&self, name: &str) -> CorpusScores {
        let relaxed = Prf::new(self.relaxed, self.gold, self.system);
        let type_accuracy = ratio(self.type_correct, self.relaxed);
        let value_accuracy = ratio(self.value_correct, self.relaxed);
        CorpusScores {
            name: name.to_string(),
            documents: self.documents,
            gold: self.gold,
            system: self.system,
            strict: Prf::new(self.strict, self.gold, self.system),
            relaxed,
            type_correct: self.type_correct,
            value_correct: self.value_correct,
            type_accuracy,
            value_accuracy,
            type_f1: type_accuracy * relaxed.f1,
            value_f1: value_accuracy * relaxed.f1,
        }
    }
}

/// Code points two spans share; a reversed span (`end < start`) shares
/// none rather than underflowing.
fn overlap(a: &Annotation, b: &Annotation) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn same_extent(a: &Annotation, b: &Annotation) -> bool {
    a.start == b.start && a.end == b.end
}

/// Values are compared as TempEval-3 does: trimmed, ignoring case
/// (annotators wrote `xxxx-04-04` and `XXXX-04-04` interchangeably).
fn same_value(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Indices of `anns` in offset order, so matching does not depend on
/// the order the annotations were listed in.
fn by_offset(anns: &[Annotation]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..anns.len()).collect();
    idx.sort_by_key(|&i| (anns[i].start, anns[i].end, i));
    idx
}

/// One-to-one alignment of gold and system annotations: pairs of
/// (gold index, system index).
///
/// Exact-extent pairs are taken first over the whole document, so a
/// gold annotation that merely overlaps a system span cannot take it
/// away from the gold annotation it matches exactly. Then each
/// remaining gold annotation, in offset order, takes the unmatched
/// system annotation it overlaps most (ties: the earliest start, then
/// the earliest end). A system span covering two gold spans therefore
/// matches only one of them; the other is missed.
fn align(gold: &[Annotation], system: &[Annotation]) -> Vec<(usize, usize)> {
    let gold_order = by_offset(gold);
    let sys_order = by_offset(system);
    let mut gold_taken = vec![false; gold.len()];
    let mut sys_taken = vec![false; system.len()];
    let mut pairs = Vec::new();

    for &g in &gold_order {
        let exact = sys_order
            .iter()
            .copied()
            .find(|&s| !sys_taken[s] && same_extent(&gold[g], &system[s]));
        if let Some(s) = exact {
            gold_taken[g] = true;
            sys_taken[s] = true;
            pairs.push((g, s));
        }
    }

    for &g in &gold_order {
        if gold_taken[g] {
            continue;
        }
        let mut best: Option<(usize, usize)> = None; // (system, overlap)
        for &s in &sys_order {
            let o = overlap(&gold[g], &system[s]);
            // `sys_order` is sorted by start then end, so keeping the
            // first of equal overlaps is the earliest-start tie-break.
            if !sys_taken[s] && o > 0 && best.is_none_or(|(_, b)| o > b) {
                best = Some((s, o));
            }
        }
        if let Some((s, _)) = best {
            gold_taken[g] = true;
            sys_taken[s] = true;
            pairs.push((g, s));
        }
    }

    pairs.sort_unstable();
    pairs
}

/// Scores one document, appending its errors.
fn evaluate_document(
    pair: &DocumentPair,
    errors: &mut Vec<EvalError>,
) -> Counts {
    let (gold, system) = (&pair.gold, &pair.system);
    let mut counts = Counts {
        documents: 1,
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    let error =
        |kind, g: Option<&Annotation>, s: Option<&Annotation>| EvalError {
            corpus: pair.corpus.clone(),
            document: pair.id.clone(),
            kind,
            gold: g.cloned(),
            system: s.cloned(),
        };

    let pairs = align(gold, system);
    let mut gold_matched = vec![false; gold.len()];
    let mut sys_matched = vec![false; system.len()];
    for &(gi, si) in &pairs {
        gold_matched[gi] = true;
        sys_matched[si] = true;
        let (g, s) = (&gold[gi], &system[si]);
        counts.relaxed += 1;
        if same_extent(g, s) {
            counts.strict += 1;
        } else {
            errors.push(error(ErrorKind::Extent, Some(g), Some(s)));
        }
        if g.kind == s.kind {
            counts.type_correct += 1;
        } else {
            errors.push(error(ErrorKind::Type, Some(g), Some(s)));
        }
        if same_value(&g.value, &s.value) {
            counts.value_correct += 1;
        } else {
            errors.push(error(ErrorKind::Value, Some(g), Some(s)));
        }
    }
    for (g, _) in gold.iter().zip(&gold_matched).filter(|(_, m)| !**m) {
        errors.push(error(ErrorKind::Missed, Some(g), None));
    }
    for (s, _) in system.iter().zip(&sys_matched).filter(|(_, m)| !**m) {
        errors.push(error(ErrorKind::Spurious, None, Some(s)));
    }
    counts
}

/// The span an error is filed under: the gold one when there is one,
/// so an extent error sits next to the gold expression it concerns.
fn anchor(e: &EvalError) -> (usize, usize) {
    e.gold.as_ref().or(e.system.as_ref()).map_or((0, 0), |a| (a.start, a.end))
}

fn span_key(a: Option<&Annotation>) -> Option<(usize, usize, &str)> {
    a.map(|a| (a.start, a.end, a.text.as_str()))
}

/// Scores system annotations against gold, per corpus and in total.
///
/// Documents are scored independently (annotations never match across
/// documents); a `(corpus, id)` that occurs twice counts as two
/// documents. Malformed spans (`end <= start`) never panic: they match
/// only an identical span, strictly.
pub fn evaluate(pairs: &[DocumentPair]) -> Report {
    let mut per_corpus: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for pair in pairs {
        let counts = evaluate_document(pair, &mut errors);
        per_corpus.entry(pair.corpus.as_str()).or_default().add(&counts);
    }

    let mut total = Counts::default();
    for c in per_corpus.values() {
        total.add(c);
    }

    // The full key makes the order total, hence independent of input
    // order and of the sort algorithm.
    errors.sort_by(|a, b| {
        (&a.corpus, &a.document, anchor(a), a.kind)
            .cmp(&(&b.corpus, &b.document, anchor(b), b.kind))
            .then_with(|| {
                (span_key(a.gold.as_ref()), span_key(a.system.as_ref())).cmp(
                    &(span_key(b.gold.as_ref()), span_key(b.system.as_ref())),
                )
            })
    });

    Report {
        corpora: per_corpus.iter().map(|(n, c)| c.scores(n)).collect(),
        total: total.scores(TOTAL),
        errors,
    }
}

/// How a table column is aligned.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// Pads `s` to `width` characters (not bytes: corpus names may be
/// non-ASCII).
fn pad(out: &mut String, s: &str, width: usize, align: Align) {
    let fill = width.saturating_sub(s.chars().count());
    let spaces = " ".repeat(fill);
    match align {
        Align::Left => {
            out.push_str(s);
            out.push_str(&spaces);
        }
        Align::Right => {
            out.push_str(&spaces);
            out.push_str(s);
        }
    }
}

/// Writes a string as-is when it is a single plain token, otherwise
/// quoted and escaped, so each error stays on one unambiguous line.
fn token(s: &str) -> String {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        format!("{s:?}")
    } else {
        s.to_string()
    }
}

fn describe(a: Option<&Annotation>) -> String {
    match a {
        Some(a) => format!(
            "{:?} [{},{}) {} {}",
            a.text,
            a.start,
            a.end,
            a.kind.as_str(),
            token(&a.value)
        ),
        None => "-".to_string(),
    }
}

impl Report {
    /// A plain-text score table: one row per corpus, then `TOTAL`.
    ///
    /// Columns: corpus, docs, gold, sys, strict P/R/F1, relaxed P/R/F1,
    /// type accuracy, value accuracy, value F1; scores with three
    /// decimals, right-aligned. Ends with a newline.
    pub fn to_table(&self) -> String {
        const SEP: &str = "  ";
        // (group label, column label, alignment) per column.
        let columns: [(&str, &str, Align); 13] = [
            ("", "corpus", Align::Left),
            ("", "docs", Align::Right),
            ("", "gold", Align::Right),
            ("", "sys", Align::Right),
            ("strict", "P", Align::Right),
            ("", "R", Align::Right),
            ("", "F1", Align::Right),
            ("relaxed", "P", Align::Right),
            ("", "R", Align::Right),
            ("", "F1", Align::Right),
            ("type", "acc", Align::Right),
            ("value", "acc", Align::Right),
            ("", "F1", Align::Right),
        ];
        let row = |c: &CorpusScores| -> Vec<String> {
            let f = |x: f64| format!("{x:.3}");
            vec![
                c.name.clone(),
                c.documents.to_string(),
                c.gold.to_string(),
                c.system.to_string(),
                f(c.strict.precision),
                f(c.strict.recall),
                f(c.strict.f1),
                f(c.relaxed.precision),
                f(c.relaxed.recall),
                f(c.relaxed.f1),
                f(c.type_accuracy),
                f(c.value_accuracy),
                f(c.value_f1),
            ]
        };
        let body: Vec<Vec<String>> = self.corpora.iter().map(row).collect();
        let total = row(&self.total);

        let mut widths: Vec<usize> =
            columns.iter().map(|(_, label, _)| label.len()).collect();
        for r in body.iter().chain(std::iter::once(&total)) {
            for (w, cell) in widths.iter_mut().zip(r) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line_width =
            widths.iter().sum::<usize>() + SEP.len() * (widths.len() - 1);

        let write_row = |out: &mut String, cells: Vec<&str>| {
            let mut line = String::new();
            for (i, ((cell, w), (_, _, align))) in
                cells.iter().zip(&widths).zip(&columns).enumerate()
            {
                if i > 0 {
                    line.push_str(SEP);
                }
                pad(&mut line, cell, *w, *align);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        };

        // Group labels start where their group's first column starts
        // and may run over the columns of the group; they never widen a
        // column, so the numbers stay compact.
        let mut groups = String::new();
        let mut at: usize = 0;
        for ((group, _, _), w) in columns.iter().zip(&widths) {
            if !group.is_empty() {
                // An overlong previous label still gets one space.
                let fill = at.saturating_sub(groups.len()).max(1);
                if !groups.is_empty() || at > 0 {
                    groups.push_str(&" ".repeat(fill));
                }
                groups.push_str(group);
            }
            at += w + SEP.len();
        }

        let mut out = String::new();
        out.push_str(groups.trim_end());
        out.push('\n');
        write_row(&mut out, columns.iter().map(|c| c.1).collect());
        out.push_str(&"-".repeat(line_width));
        out.push('\n');
        for r in &body {
            write_row(&mut out, r.iter().map(String::as_str).collect());
        }
        out.push_str(&"-".repeat(line_width));
        out.push('\n');
        write_row(&mut out, total.iter().map(String::as_str).collect());
        out
    }

    /// The first `n` errors, one per line, each ending with a newline:
    /// kind, `corpus/document`, then the gold and the system annotation
    /// (text, `[start,end)`, type, value), `-` for a missing side.
    ///
    /// ```text
    /// Value     TimeBank/wsj_0006  gold "last year" [120,129) DATE 1988  | sys "last year" [120,129) DATE 1989
    /// ```
    pub fn errors_text(&self, n: usize) -> String {
        let mut out = String::new();
        for e in self.errors.iter().take(n) {
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{:<8}  {}/{}  gold {}  | sys {}",
                e.kind.as_str(),
                token(&e.corpus),
                token(&e.document),
                describe(e.gold.as_ref()),
                describe(e.system.as_ref()),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimexType::{Date, Duration, Time};

    fn ann(
        start: usize,
        end: usize,
        kind: TimexType,
        value: &str,
    ) -> Annotation {
        Annotation {
            start,
            end,
            text: format!("t{start}-{end}"),
            kind,
            value: value.to_string(),
        }
    }

    fn doc(
        corpus: &str,
        id: &str,
        gold: Vec<Annotation>,
        system: Vec<Annotation>,
    ) -> DocumentPair {
        DocumentPair { corpus: corpus.into(), id: id.into(), gold, system }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn kinds(r: &Report) -> Vec<ErrorKind> {
        r.errors.iter().map(|e| e.kind).collect()
    }

    /// Expected counts for one single-document case.
    struct Case {
        name: &'static str,
        gold: Vec<Annotation>,
        system: Vec<Annotation>,
        strict: usize,
        relaxed: usize,
        type_correct: usize,
        value_correct: usize,
        errors: Vec<ErrorKind>,
    }

    #[test]
    fn single_document_cases() {
        use ErrorKind::*;
        let cases = vec![
            Case {
                name: "perfect",
                gold: vec![ann(0, 4, Date, "2017"), ann(10, 15, Time, "T08")],
                system: vec![
                    ann(0, 4, Date, "2017"),
                    ann(10, 15, Time, "T08"),
                ],
                strict: 2,
                relaxed: 2,
                type_correct: 2,
                value_correct: 2,
                errors: vec![],
            },
            Case {
                name: "empty system",
                gold: vec![ann(0, 4, Date, "2017"), ann(10, 15, Time, "T08")],
                system: vec![],
                strict: 0,
                relaxed: 0,
                type_correct: 0,
                value_correct: 0,
                errors: vec![Missed, Missed],
            },
            Case {
                name: "empty gold",
                gold: vec![],
                system: vec![ann(3, 7, Date, "2017")],
                strict: 0,
                relaxed: 0,
                type_correct: 0,
                value_correct: 0,
                errors: vec![Spurious],
            },
            Case {
                name: "partial overlaps",
                gold: vec![
                    ann(0, 10, Date, "2017-04-04"),
                    ann(20, 30, Date, "2017"),
                ],
                system: vec![
                    ann(5, 12, Date, "2017-04-04"),
                    ann(18, 21, Date, "2016"),
                ],
                strict: 0,
                relaxed: 2,
                type_correct: 2,
                value_correct: 1,
                errors: vec![Extent, Extent, Value],
            },
            Case {
                name: "one system span over two gold spans",
                gold: vec![
                    ann(0, 5, Date, "XXXX-05-05"),
                    ann(6, 10, Date, "1998"),
                ],
                system: vec![ann(0, 10, Date, "1998-05-05")],
                strict: 0,
                relaxed: 1,
                type_correct: 1,
                value_correct: 0,
                errors: vec![Extent, Value, Missed],
            },
            Case {
                name: "exact match is not stolen by an earlier overlap",
                gold: vec![
                    ann(0, 10, Date, "2017"),
                    ann(5, 10, Date, "2017-04"),
                ],
                system: vec![ann(5, 10, Date, "2017-04")],
                strict: 1,
                relaxed: 1,
                type_correct: 1,
                value_correct: 1,
                errors: vec![Missed],
            },
            Case {
                name: "greatest overlap wins, ties to the earliest start",
                gold: vec![ann(10, 20, Date, "2017")],
                system: vec![
                    ann(5, 12, Date, "a"),
                    ann(12, 20, Date, "b"),
                    ann(18, 25, Date, "c"),
                ],
                strict: 0,
                relaxed: 1,
                type_correct: 1,
                value_correct: 0,
                // Overlaps 2, 8, 2: the middle one is matched.
                errors: vec![Spurious, Extent, Value, Spurious],
            },
            Case {
                name: "wrong type and wrong value",
                gold: vec![
                    ann(0, 4, Date, "2017"),
                    ann(10, 17, Duration, "P2Y"),
                    ann(20, 25, Time, "2017-04-04TMO"),
                ],
                system: vec![
                    ann(0, 4, Duration, "2017"),
                    ann(10, 17, Duration, "P3Y"),
                    ann(20, 25, Date, "2017-04-04"),
                ],
                strict: 3,
                relaxed: 3,
                type_correct: 1,
                value_correct: 1,
                errors: vec![Type, Value, Type, Value],
            },
            Case {
                name: "values compare trimmed and case-insensitively",
                gold: vec![ann(0, 4, Date, " xxxx-04-04")],
                system: vec![ann(0, 4, Date, "XXXX-04-04 ")],
                strict: 1,
                relaxed: 1,
                type_correct: 1,
                value_correct: 1,
                errors: vec![],
            },
            Case {
                name: "touching spans do not overlap",
                gold: vec![ann(0, 4, Date, "2017")],
                system: vec![ann(4, 8, Date, "2017")],
                strict: 0,
                relaxed: 0,
                type_correct: 0,
                value_correct: 0,
                errors: vec![Missed, Spurious],
            },
            Case {
                name: "duplicate system spans match once",
                gold: vec![ann(0, 4, Date, "2017")],
                system: vec![ann(0, 4, Date, "2017"), ann(0, 4, Date, "2017")],
                strict: 1,
                relaxed: 1,
                type_correct: 1,
                value_correct: 1,
                errors: vec![Spurious],
            },
        ];
        for c in cases {
            let (g, s) = (c.gold.len(), c.system.len());
            let r = evaluate(&[doc("C", "d", c.gold, c.system)]);
            let t = &r.total;
            assert_eq!(t.strict.matched, c.strict, "{}: strict", c.name);
            assert_eq!(t.relaxed.matched, c.relaxed, "{}: relaxed", c.name);
            assert_eq!(t.type_correct, c.type_correct, "{}: type", c.name);
            assert_eq!(t.value_correct, c.value_correct, "{}: value", c.name);
            assert_eq!(kinds(&r), c.errors, "{}: errors", c.name);
            assert_eq!((t.gold, t.system), (g, s), "{}: counts", c.name);
            assert_eq!(r.corpora.len(), 1, "{}", c.name);
            assert_eq!(
                r.corpora[0],
                CorpusScores { name: "C".into(), ..t.clone() }
            );
        }
    }

    #[test]
    fn perfect_system_scores_one() {
        let gold = vec![ann(0, 4, Date, "2017"), ann(10, 15, Time, "T08")];
        let r = evaluate(&[doc("C", "d", gold.clone(), gold)]);
        let t = &r.total;
        for x in [
            t.strict.precision,
            t.strict.recall,
            t.strict.f1,
            t.relaxed.f1,
            t.type_accuracy,
            t.value_accuracy,
            t.type_f1,
            t.value_f1,
        ] {
            assert_eq!(x, 1.0);
        }
        assert!(r.errors.is_empty());
    }

    #[test]
    fn empty_sides_score_zero_without_nan() {
        for (gold, system) in [
            (vec![ann(0, 4, Date, "2017")], vec![]),
            (vec![], vec![ann(0, 4, Date, "2017")]),
            (vec![], vec![]),
        ] {
            let r = evaluate(&[doc("C", "d", gold, system)]);
            let t = &r.total;
            for x in [
                t.strict.precision,
                t.strict.recall,
                t.strict.f1,
                t.relaxed.precision,
                t.relaxed.recall,
                t.relaxed.f1,
                t.type_accuracy,
                t.value_accuracy,
                t.type_f1,
                t.value_f1,
            ] {
                assert_eq!(x, 0.0);
            }
        }
        let r = evaluate(&[]);
        assert!(r.corpora.is_empty());
        assert_eq!(r.total.documents, 0);
    }

    #[test]
    fn partial_overlap_scores() {
        // Gold 3, system 4; strict 1, relaxed 2 (one extent error).
        let gold = vec![
            ann(0, 4, Date, "2017"),
            ann(10, 20, Date, "2017-04"),
            ann(30, 35, Date, "2018"),
        ];
        let system = vec![
            ann(0, 4, Date, "2017"),
            ann(12, 20, Date, "2017-05"),
            ann(40, 45, Date, "x"),
            ann(50, 55, Date, "y"),
        ];
        let r = evaluate(&[doc("C", "d", gold, system)]);
        let t = &r.total;
        assert!(close(t.strict.precision, 0.25));
        assert!(close(t.strict.recall, 1.0 / 3.0));
        assert!(close(t.strict.f1, 2.0 / 7.0));
        assert!(close(t.relaxed.precision, 0.5));
        assert!(close(t.relaxed.recall, 2.0 / 3.0));
        assert!(close(t.relaxed.f1, 4.0 / 7.0));
        assert!(close(t.value_accuracy, 0.5));
        assert!(close(t.type_accuracy, 1.0));
        assert!(close(t.value_f1, 2.0 / 7.0));
        assert!(close(t.type_f1, 4.0 / 7.0));
    }

    #[test]
    fn value_f1_is_accuracy_times_relaxed_f1_and_direct_f1() {
        let gold = vec![
            ann(0, 4, Date, "2017"),
            ann(10, 20, Date, "2017-04"),
            ann(30, 35, Date, "2018"),
            ann(40, 45, Duration, "P1D"),
            ann(60, 65, Date, "2019"),
        ];
        let system = vec![
            ann(0, 4, Date, "2017"),
            ann(12, 20, Date, "2017-05"),
            ann(30, 33, Date, "2018"),
            ann(40, 45, Duration, "P2D"),
            ann(70, 72, Date, "2020"),
            ann(80, 82, Date, "2021"),
        ];
        let r = evaluate(&[doc("C", "d", gold, system)]);
        let t = &r.total;
        assert_eq!((t.relaxed.matched, t.value_correct), (4, 2));
        assert!(close(t.value_f1, t.value_accuracy * t.relaxed.f1));
        let direct = Prf::new(t.value_correct, t.gold, t.system);
        assert!(close(t.value_f1, direct.f1));
        // 2 · 2 / (5 + 6).
        assert!(close(t.value_f1, 4.0 / 11.0));
    }

    #[test]
    fn total_is_micro_averaged() {
        // Corpus A: one document, gold 1, system 1, strict match,
        // value wrong. Corpus B: two documents, gold 3 + 1, system 1 + 0,
        // one relaxed (not strict) match, value right.
        let pairs = vec![
            doc(
                "B",
                "b1",
                vec![
                    ann(0, 4, Date, "2017"),
                    ann(10, 14, Date, "2018"),
                    ann(20, 24, Date, "2019"),
                ],
                vec![ann(1, 4, Date, "2017")],
            ),
            doc(
                "A",
                "a1",
                vec![ann(0, 4, Date, "2017")],
                vec![ann(0, 4, Date, "1999")],
            ),
            doc("B", "b2", vec![ann(0, 4, Date, "2017")], vec![]),
        ];
        let r = evaluate(&pairs);
        let names: Vec<&str> =
            r.corpora.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "B"]);

        let a = &r.corpora[0];
        assert_eq!((a.documents, a.gold, a.system), (1, 1, 1));
        assert!(close(a.strict.f1, 1.0));
        assert!(close(a.value_accuracy, 0.0));

        let b = &r.corpora[1];
        assert_eq!((b.documents, b.gold, b.system), (2, 4, 1));
        assert!(close(b.strict.f1, 0.0));
        assert!(close(b.relaxed.precision, 1.0));
        assert!(close(b.relaxed.recall, 0.25));
        assert!(close(b.relaxed.f1, 0.4));

        // Total: gold 5, system 2, strict 1, relaxed 2, value right 1.
        let t = &r.total;
        assert_eq!(t.name, "TOTAL");
        assert_eq!((t.documents, t.gold, t.system), (3, 5, 2));
        assert!(close(t.strict.precision, 0.5));
        assert!(close(t.strict.recall, 0.2));
        assert!(close(t.strict.f1, 2.0 / 7.0));
        assert!(close(t.relaxed.precision, 1.0));
        assert!(close(t.relaxed.recall, 0.4));
        assert!(close(t.relaxed.f1, 4.0 / 7.0));
        assert!(close(t.value_accuracy, 0.5));
        assert!(close(t.value_f1, 2.0 / 7.0));
        // Not the macro average of the corpus F1s ((1 + 0.4) / 2 = 0.7).
        assert!(!close(t.relaxed.f1, (a.relaxed.f1 + b.relaxed.f1) / 2.0));
    }

    #[test]
    fn errors_are_sorted_whatever_the_input_order() {
        let d1 = doc(
            "TimeBank",
            "wsj_0006",
            vec![ann(30, 34, Date, "1988"), ann(0, 4, Date, "2017")],
            vec![
                ann(50, 54, Date, "x"),
                ann(0, 4, Date, "2016"),
                ann(31, 33, Time, "T1"),
            ],
        );
        let d0 = doc("AQUAINT", "z", vec![ann(5, 6, Date, "1")], vec![]);
        let d2 = doc("TimeBank", "abc", vec![], vec![ann(9, 10, Date, "2")]);
        let mut reversed = d1.clone();
        reversed.gold.reverse();
        reversed.system.reverse();

        let r1 = evaluate(&[d1, d0.clone(), d2.clone()]);
        let r2 = evaluate(&[d2, reversed, d0]);
        assert_eq!(r1.errors, r2.errors);
        let got: Vec<(String, ErrorKind, (usize, usize))> = r1
            .errors
            .iter()
            .map(|e| {
                (format!("{}/{}", e.corpus, e.document), e.kind, anchor(e))
            })
            .collect();
        use ErrorKind::*;
        let want = [
            ("AQUAINT/z", Missed, (5, 6)),
            ("TimeBank/abc", Spurious, (9, 10)),
            ("TimeBank/wsj_0006", Value, (0, 4)),
            ("TimeBank/wsj_0006", Extent, (30, 34)),
            ("TimeBank/wsj_0006", Type, (30, 34)),
            ("TimeBank/wsj_0006", Value, (30, 34)),
            ("TimeBank/wsj_0006", Spurious, (50, 54)),
        ];
        let want: Vec<_> =
            want.iter().map(|(d, k, s)| (d.to_string(), *k, *s)).collect();
        assert_eq!(got, want);
        assert_eq!(r1.to_table(), r2.to_table());
    }

    #[test]
    fn errors_text_lists_the_first_n() {
        let gold = Annotation {
            start: 120,
            end: 129,
            text: "last year".into(),
            kind: Date,
            value: "1988".into(),
        };
        let sys = Annotation { value: "1989".into(), ..gold.clone() };
        let r = evaluate(&[
            doc("TimeBank", "wsj_0006", vec![gold], vec![sys]),
            doc("TimeBank", "wsj_0007", vec![], vec![ann(1, 3, Date, "")]),
        ]);
        assert_eq!(
            r.errors_text(10),
            "Value     TimeBank/wsj_0006  gold \"last year\" [120,129) DATE 1988  \
             | sys \"last year\" [120,129) DATE 1989\n\
             Spurious  TimeBank/wsj_0007  gold -  | sys \"t1-3\" [1,3) DATE \"\"\n"
        );
        assert_eq!(r.errors_text(1).lines().count(), 1);
        assert_eq!(r.errors_text(0), "");
    }

    #[test]
    fn table_is_aligned() {
        let r = evaluate(&[
            doc(
                "TimeBank",
                "a",
                vec![ann(0, 4, Date, "2017")],
                vec![ann(0, 4, Date, "2017")],
            ),
            doc(
                "WikiWars",
                "b",
                vec![ann(0, 4, Date, "2017"), ann(9, 12, Date, "2")],
                vec![ann(1, 4, Date, "2016")],
            ),
        ]);
        let want = [
            "                           strict               relaxed              type   value",
            "corpus    docs  gold  sys      P      R     F1      P      R     F1    acc    acc     F1",
            "----------------------------------------------------------------------------------------",
            "TimeBank     1     1    1  1.000  1.000  1.000  1.000  1.000  1.000  1.000  1.000  1.000",
            "WikiWars     1     2    1  0.000  0.000  0.000  1.000  0.500  0.667  1.000  0.000  0.000",
            "----------------------------------------------------------------------------------------",
            "TOTAL        2     3    2  0.500  0.333  0.400  1.000  0.667  0.800  1.000  0.500  0.400",
            "",
        ]
        .join("\n");
        assert_eq!(r.to_table(), want);
    }

    #[test]
    fn report_serialises_to_json() {
        let r = evaluate(&[doc(
            "C",
            "d",
            vec![ann(0, 4, Date, "2017")],
            vec![ann(0, 4, Time, "2017")],
        )]);
        let json = serde_json::to_value(&r).expect("report serialises");
        assert_eq!(json["total"]["name"], "TOTAL");
        assert_eq!(json["total"]["strict"]["matched"], 1);
        assert_eq!(json["corpora"][0]["type_accuracy"], 0.0);
        assert_eq!(json["errors"][0]["kind"], "Type");
        assert_eq!(json["errors"][0]["gold"]["type"], "DATE");
        assert_eq!(json["errors"][0]["system"]["type"], "TIME");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn annotation() -> impl Strategy<Value = Annotation> {
            // Small offsets so spans collide often; reversed and empty
            // spans included on purpose.
            (0usize..30, 0usize..30, 0usize..4, 0usize..3).prop_map(
                |(start, end, k, v)| Annotation {
                    start,
                    end,
                    text: String::new(),
                    kind: [Date, Time, Duration, TimexType::Set][k],
                    value: ["2017", "2018", "P1D"][v].to_string(),
                },
            )
        }

        proptest! {
            #[test]
            fn matching_is_one_to_one_and_counts_are_consistent(
                gold in proptest::collection::vec(annotation(), 0..8),
                system in proptest::collection::vec(annotation(), 0..8),
            ) {
                let pairs = align(&gold, &system);
                let mut gs: Vec<usize> = pairs.iter().map(|p| p.0).collect();
                let mut ss: Vec<usize> = pairs.iter().map(|p| p.1).collect();
                gs.dedup();
                ss.sort_unstable();
                ss.dedup();
                prop_assert_eq!(gs.len(), pairs.len());
                prop_assert_eq!(ss.len(), pairs.len());

                let r = evaluate(&[doc("C", "d", gold.clone(), system.clone())]);
                let t = &r.total;
                prop_assert!(t.strict.matched <= t.relaxed.matched);
                prop_assert!(t.relaxed.matched <= gold.len().min(system.len()));
                let count = |k| r.errors.iter().filter(|e| e.kind == k).count();
                prop_assert_eq!(count(ErrorKind::Missed), gold.len() - t.relaxed.matched);
                prop_assert_eq!(count(ErrorKind::Spurious), system.len() - t.relaxed.matched);
                prop_assert_eq!(
                    count(ErrorKind::Extent),
                    t.relaxed.matched - t.strict.matched
                );
                for x in [t.strict.f1, t.relaxed.f1, t.type_f1, t.value_f1] {
                    prop_assert!((0.0..=1.0).contains(&x));
                }
            }
        }
    }
}

/// How well DCTs inferred from a document's own text match the real
/// ones (the gold files' creation times).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DctInference {
    /// Documents tried.
    pub documents: usize,
    /// Documents given a DCT at all.
    pub inferred: usize,
    /// Inferred DCTs at most 1 day from the real one.
    pub within_1: usize,
    /// … at most 7 days.
    pub within_7: usize,
    /// … at most 31 days.
    pub within_31: usize,
}

impl DctInference {
    /// Counts one document.
    pub fn add(
        &mut self,
        real: chrono::NaiveDate,
        inferred: Option<chrono::NaiveDate>,
    ) {
        self.documents += 1;
        let Some(inferred) = inferred else { return };
        self.inferred += 1;
        let days = (inferred - real).num_days().unsigned_abs();
        self.within_1 += usize::from(days <= 1);
        self.within_7 += usize::from(days <= 7);
        self.within_31 += usize::from(days <= 31);
    }

    /// One line per measure, with shares of all documents.
    pub fn to_text(&self) -> String {
        let share = |n: usize| {
            if self.documents == 0 {
                0.0
            } else {
                n as f64 / self.documents as f64
            }
        };
        format!(
            "  documents  {:>5}\n  \
             inferred   {:>5}  {:.3}\n  within 1d  {:>5}  {:.3}\n  \
             within 7d  {:>5}  {:.3}\n  within 31d {:>5}  {:.3}\n",
            self.documents,
            self.inferred,
            share(self.inferred),
            self.within_1,
            share(self.within_1),
            self.within_7,
            share(self.within_7),
            self.within_31,
            share(self.within_31),
        )
    }
}

#[cfg(test)]
mod dct_tests {
    use super::*;

    #[test]
    fn dct_inference_counts_by_distance() {
        let d =
            |m, day| chrono::NaiveDate::from_ymd_opt(2017, m, day).unwrap();
        let mut r = DctInference::default();
        r.add(d(4, 13), Some(d(4, 13)));
        r.add(d(4, 13), Some(d(4, 19)));
        r.add(d(4, 13), Some(d(3, 1)));
        r.add(d(4, 13), None);
        assert_eq!(
            r,
            DctInference {
                documents: 4,
                inferred: 3,
                within_1: 1,
                within_7: 2,
                within_31: 2
            }
        );
        assert!(r.to_text().contains("within 7d      2  0.500"));
    }
}
