//! Acronyms: detection in the normalized text, expansion from the glossary
//! in `data/acronyms.json` or from the document's own definitions.
//!
//! An all-caps token is not always an acronym: headings are often written in
//! capitals ("COMMUNIQUE DE PRESSE") and press releases write surnames in
//! capitals ("Virginie CAYRE"). A token of 2–8 ASCII capitals (digits
//! allowed after the first letter) is an acronym when
//! - the glossary knows it, or
//! - the document defines it ("Maison Des Adolescents (MDA)"), or
//! - it stands in a line that is not itself in capitals, is not in the
//!   glossary's `not_acronyms` list, is not a Roman numeral, and does not
//!   follow a capitalised word (a first name before a surname).
//!
//! Definitions are learned from "words (ABC)" when the initials of the words
//! before the parenthesis spell the acronym, French function words ("de",
//! "l'", "à"…) being optional. A definition found in the document wins over
//! the glossary (the document says what it means: "médiateur santé pair
//! (MSP)" is not the glossary's "maison de santé pluriprofessionnelle"), and
//! the output says where each expansion came from.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Acronym, ExpansionSource};
use crate::normalize::{key, NormDoc};

/// The glossary shipped with ptsm, embedded at build time.
pub const ACRONYMS_JSON: &str = include_str!("../../data/acronyms.json");

/// Words that may be left out of an acronym's initials.
const FUNCTION_WORDS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour",
    "sur", "un", "une",
];

#[derive(Debug, Clone, Deserialize)]
struct RawGlossary {
    glossary: HashMap<String, String>,
    #[serde(default)]
    not_acronyms: Vec<String>,
}

/// A compiled glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub expansions: HashMap<String, String>,
    pub not_acronyms: HashSet<String>,
}

impl Glossary {
    pub fn from_json(json: &str) -> Result<Glossary, serde_json::Error> {
        let raw: RawGlossary = serde_json::from_str(json)?;
        Ok(Glossary {
            expansions: raw.glossary,
            not_acronyms: raw.not_acronyms.into_iter().collect(),
        })
    }

    /// The glossary in `data/acronyms.json`. Embedded and checked by a unit
    /// test; degrades to an empty glossary rather than panicking.
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| Glossary::from_json(ACRONYMS_JSON).unwrap_or_default())
    }
}

/// An acronym found in the text, before it becomes a [`Acronym`].
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub acronym: String,
    pub expansion: Option<String>,
    pub source: Option<ExpansionSource>,
    pub occurrences: u32,
    /// Byte range of the first occurrence in the text.
    pub first: Range<usize>,
}

/// A word of a line: byte range in the text.
#[derive(Debug, Clone)]
struct Tok {
    range: Range<usize>,
}

fn tokens(text: &str, base: usize) -> Vec<Tok> {
    crate::normalize::key::alnum_runs(text)
        .map(|r| Tok {
            range: base + r.start..base + r.end,
        })
        .collect()
}

/// 2–8 ASCII capitals or digits, starting with a letter, at least two letters.
fn acronym_shape(t: &str) -> bool {
    let n = t.len();
    (2..=8).contains(&n)
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && t.chars().filter(char::is_ascii_uppercase).count() >= 2
}

fn roman_numeral(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
        && t.len() <= 4
        && !matches!(t, "CM" | "MC" | "CC" | "CL" | "LC" | "ML")
}

/// A line "in capitals": fewer than one letter in five is lowercase.
fn caps_line(line: &str) -> bool {
    let (mut letters, mut lower) = (0usize, 0usize);
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_lowercase() {
            lower += 1;
        }
    }
    letters > 0 && lower * 5 < letters
}

/// "Virginie", "Jérôme": a capital followed by lowercase letters only.
fn titlecase(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            let rest: Vec<char> = cs.collect();
            !rest.is_empty() && rest.iter().all(|c| c.is_lowercase())
        }
        _ => false,
    }
}

/// Whether `line` can hold an [`acronym_shape`] token: one starts with an
/// ASCII capital followed by a capital or a digit. Most lines cannot, and
/// are not tokenized.
fn may_hold_acronym(line: &str) -> bool {
    line.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && (w[1].is_ascii_uppercase() || w[1].is_ascii_digit()))
}

/// The runs of letters and digits of `line` (as
/// [`crate::normalize::key::alnum_runs`]) that start with an ASCII capital,
/// in order.
fn capital_runs(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(off) = bytes.get(i..)?.iter().position(u8::is_ascii_uppercase) {
            let start = i + off;
            let run_start = line
                .get(..start)
                .and_then(|head| head.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            let end = line.get(start..).map_or(start, |rest| {
                rest.char_indices()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(line.len(), |(k, _)| start + k)
            });
            // Past this run (capitals inside a word start no run).
            i = end.max(start + 1);
            if run_start {
                return Some(start..end);
            }
        }
        None
    })
}

/// The run of letters and digits of `line` before byte `start` (where a
/// run starts), if any.
fn run_before(line: &str, start: usize) -> Option<Range<usize>> {
    let head = line.get(..start)?;
    let end = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(k, c)| k + c.len_utf8())?;
    let from = head
        .get(..end)?
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(k, c)| k + c.len_utf8());
    Some(from..end)
}

/// Whether `line` has a "(" followed by an ASCII capital, as the "(ABC)"
/// of a definition.
fn paren_capital(line: &str) -> bool {
    line.match_indices('(').any(|(k, _)| {
        line.as_bytes()
            .get(k + 1)
            .is_some_and(u8::is_ascii_uppercase)
    })
}

/// Lines of `text` as byte ranges.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    // `split` finds the line ends with memchr rather than byte by byte.
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push(start..start + line.len());
        start += line.len() + 1;
    }
    out
}

/// Definitions "words (ABC)" in `text`: acronym → expansion as written.
pub fn learn_definitions(text: &str) -> HashMap<String, String> {
    definitions_in(text, &line_ranges(text))
}

/// [`learn_definitions`] over the `lines` of `text` (its [`line_ranges`]).
fn definitions_in(text: &str, lines: &[Range<usize>]) -> HashMap<String, String> {
    let mut defs = HashMap::new();
    for line in lines.iter().cloned() {
        // A definition is "(ABC)": no "(" followed by a capital in the
        // line, none there (and the line is not tokenized).
        let Some(l) = text
            .get(line.clone())
            .filter(|l| paren_capital(l) && may_hold_acronym(l))
        else {
            continue;
        };
        let toks = tokens(l, line.start);
        for (i, t) in toks.iter().enumerate() {
            let Some(word) = text.get(t.range.clone()) else {
                continue;
            };
            if !acronym_shape(word) {
                continue;
            }
            // Only "(ABC)": the token alone between parentheses.
            let before = text
                .get(..t.range.start)
                .and_then(|s| s.chars().next_back());
            let after = text.get(t.range.end..).and_then(|s| s.chars().next());
            if before != Some('(') || after != Some(')') {
                continue;
            }
            let prev = toks.get(..i).unwrap_or(&[]);
            if let Some(exp) = match_initials(text, prev, word) {
                defs.entry(word.to_string()).or_insert(exp);
            }
        }
    }
    defs
}

/// Matches the letters of `acr` against the initials of the words that end
/// `prev`, function words being optional; returns the words as written.
fn match_initials(text: &str, prev: &[Tok], acr: &str) -> Option<String> {
    let letters: Vec<char> = acr
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    // Bounded: at most two words per letter plus slack are looked at.
    let window = letters.len() * 2 + 2;
    let from = prev.len().saturating_sub(window);
    let words: Vec<(String, Range<usize>)> = prev
        .get(from..)?
        .iter()
        .filter_map(|t| Some((key(text.get(t.range.clone())?), t.range.clone())))
        .collect();
    let first = search(&words, words.len(), &letters, letters.len())?;
    let start = words.get(first)?.1.start;
    let end = words.last()?.1.end;
    // The parenthesis is right after the last word (allowing a space).
    text.get(start..end).map(str::to_string)
}

/// Backward search: can `letters[..nl]` be spelled by `words[..nw]`, every
/// word either giving its initial to the next letter or being a function
/// word? Returns the index of the first word used.
fn search(
    words: &[(String, Range<usize>)],
    nw: usize,
    letters: &[char],
    nl: usize,
) -> Option<usize> {
    if nl == 0 {
        return Some(nw);
    }
    if nw == 0 {
        return None;
    }
    let (w, _) = words.get(nw - 1)?;
    let letter = letters.get(nl - 1)?;
    if w.starts_with(*letter) {
        if let Some(i) = search(words, nw - 1, letters, nl - 1) {
            return Some(i);
        }
    }
    if FUNCTION_WORDS.contains(&w.as_str()) {
        return search(words, nw - 1, letters, nl);
    }
    None
}

/// Finds the acronyms of `text`, in order of first occurrence.
pub fn detect(text: &str, glossary: &Glossary) -> Vec<Found> {
    // The lines, split once for both passes.
    let lines = line_ranges(text);
    let defs = definitions_in(text, &lines);
    let mut found: Vec<Found> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let Some(l) = text.get(line.clone()).filter(|l| may_hold_acronym(l)) else {
            continue;
        };
        // Only asked about unknown acronyms: worked out at the first one.
        let mut in_caps: Option<bool> = None;
        // Only the words that start with an ASCII capital can have the
        // shape of an acronym: found by a scan of the bytes, rather than
        // decoding every word of the line.
        for r in capital_runs(l) {
            let range = line.start + r.start..line.start + r.end;
            let Some(word) = text.get(range.clone()) else {
                continue;
            };
            if !acronym_shape(word) {
                continue;
            }
            let known = glossary.expansions.contains_key(word) || defs.contains_key(word);
            if !known {
                let after_first_name = run_before(l, r.start)
                    .map(|p| line.start + p.start..line.start + p.end)
                    .and_then(|p| text.get(p))
                    .is_some_and(titlecase);
                if *in_caps.get_or_insert_with(|| caps_line(l))
                    || glossary.not_acronyms.contains(word)
                    || roman_numeral(word)
                    || after_first_name
                {
                    continue;
                }
            }
            match index.get(word) {
                Some(&k) => {
                    if let Some(f) = found.get_mut(k) {
                        f.occurrences += 1;
                    }
                }
                None => {
                    let (expansion, source) = match defs.get(word) {
                        Some(d) => (Some(d.clone()), Some(ExpansionSource::Document)),
                        None => match glossary.expansions.get(word) {
                            Some(g) => (Some(g.clone()), Some(ExpansionSource::Glossary)),
                            None => (None, None),
                        },
                    };
                    index.insert(word.to_string(), found.len());
                    found.push(Found {
                        acronym: word.to_string(),
                        expansion,
                        source,
                        occurrences: 1,
                        first: range,
                    });
                }
            }
        }
    }
    found
}

/// The document's acronyms, as output values.
pub fn acronyms(norm: &NormDoc, glossary: &Glossary) -> Vec<Acronym> {
    detect(&norm.text, glossary)
        .into_iter()
        .map(|f| Acronym {
            acronym: f.acronym,
            expansion: f.expansion,
            expansion_source: f.source,
            occurrences: f.occurrences,
            span: crate::extract::span(norm, f.first),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(v: &'a [Found], a: &str) -> Option<&'a Found> {
        v.iter().find(|f| f.acronym == a)
    }

    #[test]
    fn builtin_glossary_parses_and_knows_the_issue_list() {
        let g = Glossary::from_json(ACRONYMS_JSON).expect("data/acronyms.json must parse");
        for a in [
            "PTSM", "CLSM", "GEM", "MDA", "EMPP", "SAS", "IPA", "TND", "TCA", "DAC", "CPTS", "ASE",
            "QPV", "ESMS", "EHPAD", "CROUS", "MSP", "EMSL", "CTSM", "ARS",
        ] {
            assert!(
                g.expansions.contains_key(a),
                "{a} missing from the glossary"
            );
        }
    }

    #[test]
    fn heading_capitals_and_surnames_are_not_acronyms() {
        let g = Glossary::builtin();
        let text = "COMMUNIQUE DE PRESSE\nSIGNATURE DU CONTRAT TERRITORIAL\nVirginie CAYRE, directrice générale de l’ARS Grand Est";
        let f = detect(text, g);
        let names: Vec<&str> = f.iter().map(|x| x.acronym.as_str()).collect();
        assert_eq!(names, vec!["ARS"]);
    }

    #[test]
    fn unknown_acronym_in_running_text_is_listed_without_expansion() {
        let f = detect("Évolution du DAPE et du DAPE bis", Glossary::builtin());
        let d = find(&f, "DAPE").expect("DAPE detected");
        assert_eq!(d.expansion, None);
        assert_eq!(d.source, None);
        assert_eq!(d.occurrences, 2);
        assert_eq!(d.first, 14..18); // "É" is two bytes
    }

    #[test]
    fn definition_in_the_document_wins_over_the_glossary() {
        let text =
            "Intégration d’un médiateur santé pair (MSP) au CH de Dieppe. Le MSP intervient.";
        let f = detect(text, Glossary::builtin());
        let m = find(&f, "MSP").expect("MSP detected");
        assert_eq!(m.expansion.as_deref(), Some("médiateur santé pair"));
        assert_eq!(m.source, Some(ExpansionSource::Document));
        assert_eq!(m.occurrences, 2);
        let ch = find(&f, "CH").expect("CH detected");
        assert_eq!(ch.source, Some(ExpansionSource::Glossary));
    }

    #[test]
    fn definitions_skip_function_words_and_keep_the_words_as_written() {
        let d = learn_definitions("la prise en charge des enfants de l’aide sociale à l’enfance (ASE).\nMaison Des Adolescents (MDA) : Identifier\nConseils Locaux en Santé Mentale (CLSM)");
        assert_eq!(
            d.get("ASE").map(String::as_str),
            Some("aide sociale à l’enfance")
        );
        assert_eq!(
            d.get("MDA").map(String::as_str),
            Some("Maison Des Adolescents")
        );
        assert_eq!(
            d.get("CLSM").map(String::as_str),
            Some("Conseils Locaux en Santé Mentale")
        );
    }

    #[test]
    fn definition_whose_initials_do_not_match_is_not_learned() {
        let d = learn_definitions("avec un partenaire local (ZZT)");
        assert!(d.is_empty());
    }

    #[test]
    fn roman_numerals_and_single_letters_are_ignored() {
        let f = detect("Le chapitre IV et la partie A du plan", Glossary::builtin());
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn capital_runs_and_run_before_agree_with_alnum_runs() {
        for l in [
            "",
            "ABC",
            "Le GEM et la MDA, eCommerce (ARS) ÉTAT Île CMP2 x",
            "l’ARS–CPTS: «MDA» 3CMP ǅ ﬁN ²AB AB² ÉA",
            "  Virginie DUPONT MDPH",
        ] {
            let runs: Vec<_> = crate::normalize::key::alnum_runs(l).collect();
            let want: Vec<_> = runs
                .iter()
                .filter(|r| l.as_bytes()[r.start].is_ascii_uppercase())
                .cloned()
                .collect();
            assert_eq!(capital_runs(l).collect::<Vec<_>>(), want, "{l:?}");
            for (k, r) in runs.iter().enumerate() {
                let before = k.checked_sub(1).and_then(|j| runs.get(j)).cloned();
                assert_eq!(run_before(l, r.start), before, "{l:?} {r:?}");
            }
        }
    }
}
