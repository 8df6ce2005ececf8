//! Regexes for French text, searched at DFA speed and compiled cheaply,
//! with exactly the matches of `regex::Regex`.
//!
//! Two costs of `regex::Regex` on these patterns:
//! - its lazy DFA cannot evaluate a Unicode `\b` next to a non-ASCII
//!   character: it gives up, and the search falls back to the PikeVM, one to
//!   two orders of magnitude slower per byte. French text has an accented
//!   letter every few words, so `\b(\d+)\s+actions\b` ran the PikeVM over
//!   whole documents;
//! - compiling: big Unicode classes (`\p{L}`, `\p{Lu}`, case-insensitive
//!   literals) make big NFAs, built forwards and backwards for the DFA, and
//!   literal prefilters for case-insensitive alternations take milliseconds
//!   to build. All of it is paid at the start of every process.
//!
//! A [`Pattern`] holds the pattern twice:
//! - *scan*: a relaxed pattern — no Unicode word-boundary assertion, every
//!   class widened to its ASCII part plus all non-ASCII characters, no
//!   capture group. It matches wherever the exact pattern matches (each
//!   change only adds matches), it is small, and the lazy DFA runs it over
//!   any text;
//! - *exact*: the pattern as written, only ever run **anchored** at a
//!   position where *scan* found a match start, over the whole haystack (so
//!   its assertions see the text around the span): forward NFA only.
//!
//! The leftmost start of *scan* is never after the leftmost start of the
//! exact pattern; an anchored leftmost-first search at the exact pattern's
//! leftmost start yields the match an unanchored search yields. So
//! iterating "scan for a start, confirm anchored, else move on by one
//! character" gives the same matches, in the same order, as
//! `Regex::captures_iter`. Patterns that can match the empty string are
//! refused, so the iterators' rules for empty matches never come up.

use std::cell::Cell;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures as Slots;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// A compiled pattern. See the module documentation.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    /// See [`Pattern::starting_with_rare_literal`].
    prefilter: bool,
    /// Built by [`Pattern::new`], or by the first search that needs it
    /// for a [`Pattern::lazy`] one (`None` if it does not compile).
    compiled: OnceLock<Option<Compiled>>,
    /// See [`Pattern::with_skip`].
    skip: Option<Skip>,
}

/// The automata of a [`Pattern`].
#[derive(Debug)]
struct Compiled {
    exact: Regex,
    /// `None` when the pattern has no Unicode word boundary.
    scan: Option<Regex>,
}

/// For a haystack and a position `at` (a character boundary): a [`Window`]
/// of the matches that start at or after `at`, or `None` when none does.
pub type Skip = fn(&str, usize) -> Option<Window>;

/// What a [`Skip`] function says: every match starting in `at..=last`
/// (`at` given to the function, `last` a character boundary at or after
/// it) starts at or after `from` and ends at or before `end`; `from` is a
/// character boundary and `from <= last <= end`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: usize,
    pub last: usize,
    pub end: usize,
}

/// A match: a span of the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        self.hay.get(self.start..self.end).unwrap_or_default()
    }
}

/// The groups of one match.
#[derive(Debug)]
pub struct Captures<'h> {
    hay: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    fn at(&self, span: Option<regex_automata::Span>) -> Option<Match<'h>> {
        span.map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
    /// Group `i` (0 is the whole match).
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.at(self.slots.get_group(i))
    }
    /// The group named `name`.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.at(self.slots.get_group_by_name(name))
    }
}

/// Why a pattern was refused.
#[derive(Debug)]
pub enum Error {
    Syntax(Box<regex_syntax::Error>),
    Build(Box<meta::BuildError>),
    /// The pattern can match the empty string.
    MatchesEmpty,
}

impl Pattern {
    /// Compiles `pattern` with the `regex` crate's default syntax.
    pub fn new(pattern: &str) -> Result<Pattern, Error> {
        Pattern::eager(pattern, false)
    }

    /// [`Pattern::new`] for a pattern whose matches start with one of a few
    /// literals that are rare in running text ("ARS", "PTSM", "+33"/"0"):
    /// the scan jumps from one occurrence of them to the next (memchr and
    /// SIMD literal search, about 0.1 ns per byte) instead of running the
    /// lazy DFA over every byte (about 2 ns per byte), at no extra
    /// compile cost for such short literal sets. Not for patterns that
    /// start with common words or with case-insensitive alternations, whose
    /// literal sets are large and whose prefilters cost more than they save.
    pub fn starting_with_rare_literal(pattern: &str) -> Result<Pattern, Error> {
        Pattern::eager(pattern, true)
    }

    /// [`Pattern::new`] compiled by the first search that needs it, so
    /// that a pattern with a [`Skip`] function is never compiled for a
    /// text without a candidate window. Compiling costs tens to hundreds
    /// of microseconds per pattern, paid in full by a process that
    /// converts one small file (docs/benchmarks.md, "Start-up"). For the
    /// patterns written in the source, each of which a unit test
    /// compiles: one that did not compile would match nothing.
    pub fn lazy(pattern: &str) -> Pattern {
        Pattern::deferred(pattern, false)
    }

    /// [`Pattern::lazy`] with the prefilter of
    /// [`Pattern::starting_with_rare_literal`].
    pub fn lazy_starting_with_rare_literal(pattern: &str) -> Pattern {
        Pattern::deferred(pattern, true)
    }

    fn deferred(pattern: &str, prefilter: bool) -> Pattern {
        Pattern {
            source: pattern.to_string(),
            prefilter,
            compiled: OnceLock::new(),
            skip: None,
        }
    }

    fn eager(pattern: &str, prefilter: bool) -> Result<Pattern, Error> {
        let compiled = compile(pattern, prefilter)?;
        Ok(Pattern {
            source: pattern.to_string(),
            prefilter,
            compiled: OnceLock::from(Some(compiled)),
            skip: None,
        })
    }

    /// The automata, compiled now if they were not yet.
    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| compile(&self.source, self.prefilter).ok())
            .as_ref()
    }

    /// The pattern with a cheap search (memchr for a literal that every
    /// match holds, then bounded walks back and forth) telling where the
    /// next match may be: the lazy DFA runs at about 2 ns per byte, so a
    /// pattern searched over whole documents and matching a few times in
    /// each is run only around its literals. See [`Window`] for what `skip`
    /// must guarantee (the unit tests compare the matches with
    /// `regex::Regex`'s).
    pub fn with_skip(self, skip: Skip) -> Pattern {
        Pattern {
            skip: Some(skip),
            ..self
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The successive non-overlapping matches, as `Regex::captures_iter`.
    pub fn captures_iter<'p, 'h>(&'p self, hay: &'h str) -> CapturesIter<'p, 'h> {
        CapturesIter {
            pattern: self,
            hay,
            at: Some(0),
        }
    }

    /// The successive non-overlapping matches, as `Regex::find_iter`.
    pub fn find_iter<'p, 'h>(&'p self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'p
    where
        'h: 'p,
    {
        self.captures_iter(hay).filter_map(|c| c.get(0))
    }

    /// The first match, as `Regex::captures`.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_iter(hay).next()
    }

    /// The first match, as `Regex::find`.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.captures(hay).and_then(|c| c.get(0))
    }

    /// The leftmost-first match starting at or after `at`.
    fn next_at<'h>(&self, hay: &'h str, mut at: usize) -> Option<Captures<'h>> {
        let Some(skip) = self.skip else {
            return self.first_in(hay, at, hay.len(), hay.len());
        };
        loop {
            let w = skip(hay, at)?;
            let end = w.end.min(hay.len());
            if let Some(c) = self.first_in(hay, w.from.max(at), end, w.last) {
                return Some(c);
            }
            // No match starts in `at..=w.last`.
            at = after_char(hay, w.last);
        }
    }

    /// The leftmost-first match starting in `at..=last`, when every match
    /// starting there ends at or before `end`: searched in `at..end` only
    /// (assertions still see the text around).
    fn first_in<'h>(
        &self,
        hay: &'h str,
        mut at: usize,
        end: usize,
        last: usize,
    ) -> Option<Captures<'h>> {
        let Compiled { exact, scan } = self.compiled()?;
        let Some(scan) = scan else {
            let mut slots = exact.create_captures();
            exact.search_captures(&Input::new(hay).range(at..end), &mut slots);
            let starts_in = slots.get_match().is_some_and(|m| m.start() <= last);
            return starts_in.then_some(Captures { hay, slots });
        };
        // Allocated at the first candidate only: most searches (each
        // paragraph of a document, the end of every iteration) find none.
        let mut slots: Option<Slots> = None;
        let mut misses = 0;
        while at <= last {
            if misses == MAX_MISSES {
                // Candidates that fail one after the other: the widened
                // classes match a long run of text (`\d{1,2}\s+janvier`
                // widened matches from every character of a line of
                // non-ASCII text), and each new scan would cross that run
                // again, quadratic in its length. The exact pattern's own
                // unanchored search (its NFA, linear) takes over from here.
                let s = slots.get_or_insert_with(|| exact.create_captures());
                exact.search_captures(&Input::new(hay).range(at..end), s);
                let starts_in = s.get_match().is_some_and(|m| m.start() <= last);
                return starts_in
                    .then_some(slots)
                    .flatten()
                    .map(|slots| Captures { hay, slots });
            }
            let start = scan.find(Input::new(hay).range(at..end))?.start();
            if start > last {
                return None;
            }
            let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
            let s = slots.get_or_insert_with(|| exact.create_captures());
            exact.search_captures(&input, s);
            if s.is_match() {
                return slots.map(|slots| Captures { hay, slots });
            }
            // No exact match starts here: go on after this character.
            at = after_char(hay, start);
            misses += 1;
        }
        None
    }
}

/// Compiles `pattern`: see the module documentation.
fn compile(pattern: &str, prefilter: bool) -> Result<Compiled, Error> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| Error::Syntax(Box::new(e)))?;
    if hir.properties().minimum_len().is_none_or(|n| n == 0) {
        return Err(Error::MatchesEmpty);
    }
    // Literal prefilters of case-insensitive alternations cost more to
    // build than they save on documents of a few pages.
    let config = || meta::Config::new().auto_prefilter(prefilter);
    let build = |config: meta::Config, hir: &Hir| {
        meta::Builder::new()
            .configure(config)
            .build_from_hir(hir)
            .map_err(|e| Error::Build(Box::new(e)))
    };
    let changed = Cell::new(false);
    let scan_hir = relaxed(&hir, &changed);
    if !changed.get() {
        return Ok(Compiled {
            exact: build(config(), &hir)?,
            scan: None,
        });
    }
    // Only anchored searches, which stop where the match attempt
    // fails: no DFA (and no reverse NFA), and no bounded backtracker
    // (it clears a bitmap as long as the rest of the haystack).
    let exact = build(
        config()
            .auto_prefilter(false)
            .hybrid(false)
            .dfa(false)
            .backtrack(false),
        &hir,
    )?;
    let scan = build(config(), &scan_hir)?;
    Ok(Compiled {
        exact,
        scan: Some(scan),
    })
}

/// Classes of at most this many ranges are not widened (Unicode `\d` has
/// 64 ranges, `\s` 10; `\p{L}` has hundreds).
const KEPT_CLASS_RANGES: usize = 80;

/// Failed candidates of the scan in a row after which the exact pattern
/// searches on its own (see [`Pattern::first_in`]). In French text a
/// candidate rarely fails; a few dozen in a row means a run of text that
/// the widened classes match as a whole.
const MAX_MISSES: usize = 32;

/// The position after the character at `at` (`at + 1` past the end).
fn after_char(hay: &str, at: usize) -> usize {
    at + hay
        .get(at..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

/// For [`Skip`] functions: the start of the run of characters ending at
/// `end` that all satisfy `f` (`end` itself when the one before does not).
pub fn back_over(hay: &str, end: usize, f: impl Fn(char) -> bool) -> usize {
    let Some(before) = hay.get(..end) else {
        return 0;
    };
    before
        .char_indices()
        .rev()
        .find(|&(_, c)| !f(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// For [`Skip`] functions: the position `n` characters before `end` (0 when
/// there are fewer).
pub fn back_chars(hay: &str, end: usize, n: usize) -> usize {
    if n == 0 {
        return end;
    }
    hay.get(..end)
        .and_then(|before| before.char_indices().rev().nth(n - 1))
        .map_or(0, |(i, _)| i)
}

/// For [`Skip`] functions: the end of the run of characters starting at
/// `start` that all satisfy `f`.
pub fn forward_over(hay: &str, start: usize, f: impl Fn(char) -> bool) -> usize {
    let Some(after) = hay.get(start..) else {
        return hay.len();
    };
    after
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(hay.len(), |(i, _)| start + i)
}

/// For [`Skip`] functions: the position `n` characters after `start` (the
/// end when there are fewer).
pub fn forward_chars(hay: &str, start: usize, n: usize) -> usize {
    hay.get(start..)
        .and_then(|after| after.char_indices().nth(n))
        .map_or(hay.len(), |(i, _)| start + i)
}

/// What a relaxed `\s` matches (see `widened`): whitespace, and any
/// non-ASCII character.
pub fn is_wide_space(c: char) -> bool {
    c.is_whitespace() || !c.is_ascii()
}

/// Iterator of [`Pattern::captures_iter`].
#[derive(Debug)]
pub struct CapturesIter<'p, 'h> {
    pattern: &'p Pattern,
    hay: &'h str,
    at: Option<usize>,
}

impl<'h> Iterator for CapturesIter<'_, 'h> {
    type Item = Captures<'h>;
    fn next(&mut self) -> Option<Captures<'h>> {
        let at = self.at?;
        let c = self.pattern.next_at(self.hay, at);
        // Matches are never empty (refused in `new`): the next search
        // starts where this one ended.
        self.at = c
            .as_ref()
            .and_then(|c| c.slots.get_match())
            .map(|m| m.end());
        c
    }
}

fn is_unicode_word(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

/// A class that holds `class`: its ASCII part, plus every non-ASCII
/// character if it holds any. Small to compile, and as fast for the DFA.
/// A class of a few ranges (`\d`, `\s`, a case-insensitive letter) is
/// kept as it is: it compiles small anyway, and widened it would match
/// any run of non-ASCII text (`\d{1,2}\s+` matched from every character of
/// a line of Arabic, where a candidate then failed at every character).
fn widened(class: &ClassUnicode) -> ClassUnicode {
    let ranges = class.ranges();
    if ranges.last().is_none_or(|r| r.end() <= '\x7F') || ranges.len() <= KEPT_CLASS_RANGES {
        return class.clone();
    }
    let ascii = ranges
        .iter()
        .filter(|r| r.start() <= '\x7F')
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7F')));
    ClassUnicode::new(ascii.chain([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]))
}

/// `hir` relaxed for scanning: no Unicode word-boundary assertion (each
/// becomes the empty regex, which always matches), classes [`widened`], no
/// capture group. It matches at least wherever `hir` matches. `changed` is
/// set when that is more than removing the groups.
fn relaxed(hir: &Hir, changed: &Cell<bool>) -> Hir {
    map(hir, &|h| match h.kind() {
        HirKind::Look(look) if is_unicode_word(*look) => {
            changed.set(true);
            Some(Hir::empty())
        }
        HirKind::Class(Class::Unicode(c)) => {
            let w = widened(c);
            if w != *c {
                changed.set(true);
            }
            Some(Hir::class(Class::Unicode(w)))
        }
        HirKind::Capture(Capture { sub, .. }) => Some(relaxed(sub, changed)),
        _ => None,
    })
}

/// Rebuilds `hir` bottom-up, replacing the nodes for which `f` says so.
fn map(hir: &Hir, f: &dyn Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(h) = f(hir) {
        return h;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(map(&r.sub, f)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(map(&c.sub, f)),
            ..c.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| map(h, f)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|h| map(h, f)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Spans = Vec<Vec<Option<(usize, usize)>>>;

    /// Every (group) span of every match, from both implementations.
    fn both(re: &regex::Regex, p: &Pattern, hay: &str) -> (Spans, Spans) {
        let want = re
            .captures_iter(hay)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect();
        let n = re.captures_len();
        let got = p
            .captures_iter(hay)
            .map(|c| {
                (0..n)
                    .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                    .collect()
            })
            .collect();
        (want, got)
    }

    fn compile(pattern: &str) -> (regex::Regex, Pattern) {
        (
            regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{e}")),
            Pattern::new(pattern).unwrap_or_else(|e| panic!("{e:?}")),
        )
    }

    #[test]
    fn same_matches_as_regex_around_accented_letters() {
        let hays = [
            "17 actions, é17 actions, 17 actionsé, 17 actions_x, 17 actions.",
            "Les 7 projets territoriaux de santé mentale, 7 projets territoriauxé",
            "été 2023-2028, 2023-2028é, CTSM 2023–2028 et plan 1999/2001",
            "Le 13 décembre 2023 à 10 h, é1 mai 2024, 1er août 2024",
            "",
            "ééé",
        ];
        let patterns = [
            r"(?i)\b(\d{1,5}|sept)\s+(projets territoriaux de santé mentale|projets territoriaux|projets|actions)\b",
            r"(?i)\b(?:(CTSM|PTSM|plan)\s+)?((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\b",
            r"(?i)\b(1er|\d{1,2})\s+(décembre|mai|août)\s+(\d{4})\b",
            r"\B\d",
            r"\b\w+\b",
            r"(?i)\b(é|e)\w*",
        ];
        for p in patterns {
            let (re, pat) = compile(p);
            for h in hays {
                let (want, got) = both(&re, &pat, h);
                assert_eq!(got, want, "{p} on {h:?}");
            }
        }
    }

    /// The patterns compiled at their first search compile: a lazy one
    /// that did not would match nothing.
    #[test]
    fn lazy_extraction_patterns_compile() {
        use crate::extract::{amounts, contacts, counts};
        for p in [
            &*amounts::AMOUNT,
            &counts::PERIOD,
            &counts::STATUS,
            &contacts::EMAIL,
            &contacts::PHONE,
        ] {
            assert!(p.compiled().is_some(), "{}", p.as_str());
        }
        let lazy = Pattern::lazy(r"\b(\d+)\s+actions\b");
        assert!(lazy.compiled.get().is_none(), "compiled before any search");
        assert_eq!(lazy.find("5 actions").map(|m| m.range()), Some(0..9));
        assert!(Pattern::lazy("(").find("(").is_none());
    }

    /// The extraction patterns give the matches of `regex::Regex` on the
    /// corpus texts and on random French-like strings.
    #[test]
    fn extraction_patterns_match_as_regex_does() {
        use crate::extract::{amounts, contacts, counts};
        let patterns: [&Pattern; 5] = [
            &amounts::AMOUNT,
            &counts::PERIOD,
            &counts::STATUS,
            &contacts::EMAIL,
            &contacts::PHONE,
        ];
        let mut hays: Vec<String> = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                hays.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
        let tokens = [
            "17",
            "2023",
            "1999",
            "5",
            "0",
            "03.76.33.01.15",
            "+33 3 76 33 01 15",
            "+33 (0)3 76 33 01 15",
            "0 800 53 01 88",
            "+33",
            "(0)",
            "+",
            "-",
            "–",
            "/",
            " ",
            " ",
            "\n",
            "\u{a0}",
            ",",
            ".",
            "é",
            "É",
            "e",
            "_",
            "x",
            "ſ",
            "K",
            "actions",
            "projets territoriaux",
            " de santé mentale",
            "fiches-action",
            "sept",
            "€",
            "euros",
            "d’euros",
            "millions",
            "plus de",
            "CTSM",
            "PTSM",
            "Le",
            "la",
            "directeur général",
            "de l’",
            "de la ",
            "ARS",
            "Agence régionale de santé",
            "Grand",
            "Est",
            "Normandie",
            "mai",
            "décembre",
            "1er",
            "2A",
            "55",
            "Meuse",
            "Écrit",
            "Virginie CAYRE",
            ", ",
            "directrice générale",
            "Préfet",
            "Jean-Luc",
            "MENGIN-LECREULX",
            "a présenté",
            "à contractualiser",
            "contractualisées",
            "ÀB",
            "x@ars.sante.fr",
            "’",
            "Ωmega",
            "2023-2028",
            "2020 – 2025",
            "plan 2019/2021",
            "CTSM 2023–2028",
            "Virginie CAYRE, directrice générale de l’ARS Grand Est",
            "François Mengin Lecreulx a plaidé",
            "le Directeur général de l’ARS Normandie",
            "13 décembre 2023",
            "Le 1er mai 2024",
            "7 Août 2026",
            "ARS Grand Est",
            "ARS-Normandie",
            "PTSM 55",
            "CTSM 2A",
            "la présidente du Conseil",
        ];
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let s = crate::test_support::random_text(&mut next, &tokens, 40);
            hays.push(s);
        }
        for p in patterns {
            let re = regex::Regex::new(p.as_str()).unwrap_or_else(|e| panic!("{e}"));
            let mut matches = 0;
            for h in &hays {
                let (want, got) = both(&re, p, h);
                assert_eq!(got, want, "{} on {h:?}", p.as_str());
                matches += want.len();
            }
            eprintln!("{matches} matches of {}", p.as_str());
            assert!(matches >= 20, "{matches} matches of {}", p.as_str());
        }
    }

    /// The patterns searched only around their literals ([`Pattern::with_skip`])
    /// give the matches of `regex::Regex` on texts made of the pieces of
    /// their matches, in their order with some left out or repeated and
    /// other text in between.
    #[test]
    fn windowed_patterns_match_as_regex_does() {
        use crate::extract::{amounts, counts};
        let spaces: &[&str] = &[" ", "  ", "\n", "\u{a0}", "\u{202f}", "\u{2003}", ""];
        let other: &[&str] = &[
            "x", "é", "É", "ſ", "K", "e", "E", "u", "U", "r", "1", "2", ",", ".", "-", "€", "eur",
            "de", "Le ", "l’", "٣", "leur", "acteurs", "_", "0x",
        ];
        let amount: &[&[&str]] = &[
            &[
                "plus de",
                "près de",
                "environ",
                "jusqu’à",
                "jusqu'à",
                "moins de",
                "au moins",
                "presque",
                "Au Moins",
                "PLUS DE",
                "pluſ de",
            ],
            spaces,
            &[
                "1",
                "12",
                "625",
                "625 616",
                "12\u{a0}500",
                "1.000.000",
                "١٢",
                "2x",
                "x2",
            ],
            &[",5", ",75", ",", ""],
            spaces,
            &[
                "milliards",
                "milliard",
                "millions",
                "million",
                "mds",
                "md",
                "m",
                "k",
                "M",
                "K",
                "MILLIARDS",
            ],
            spaces,
            &[
                "€",
                "€ euros",
                "€ d’euros",
                "€d'euros",
                "d’euros",
                "d'euros",
                "euros",
                "eur",
                "EUR",
                "Euros",
                "eurox",
                "euro",
            ],
        ];
        let period: &[&[&str]] = &[
            &[
                "CTSM",
                "PTSM",
                "ctſm",
                "feuille de route",
                "FEUILLE DE ROUTE",
                "contrat",
                "projet",
                "plan",
                "xplan",
            ],
            spaces,
            &["2023", "1999", "2019", "20٣٣", "2100", "19", "20", "202"],
            spaces,
            &["-", "–", "/", "—"],
            spaces,
            &["2028", "2001", "2021", "1999", "20٣٣", "2030x"],
        ];
        let mut next = crate::test_support::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut pick = |list: &[&'static str]| list[(next() % list.len() as u64) as usize];
        for (p, slots) in [(&*amounts::AMOUNT, amount), (&*counts::PERIOD, period)] {
            let re = regex::Regex::new(p.as_str()).unwrap_or_else(|e| panic!("{e}"));
            let mut matches = 0;
            for _ in 0..20_000 {
                let mut h = String::new();
                // One to three times the pieces in order.
                for _ in 0..pick(&["a", "bb", "ccc"]).len() {
                    for slot in slots {
                        match pick(&["a", "a", "a", "a", "a", "b", "c", "d"]) {
                            "a" => h.push_str(pick(slot)),
                            "b" => h.push_str(pick(other)),
                            "c" => {}
                            _ => {
                                h.push_str(pick(slot));
                                h.push_str(pick(slot));
                            }
                        }
                    }
                }
                let (want, got) = both(&re, p, &h);
                assert_eq!(got, want, "{} on {h:?}", p.as_str());
                matches += want.len();
            }
            assert!(matches >= 500, "{matches} matches of {}", p.as_str());
        }
    }

    #[test]
    fn long_runs_the_widened_scan_matches_stay_linear() {
        // `\d{1,2}\s+` widened matches from every character of a line of
        // U+FDFA: without the fallback each candidate rescanned the line
        // (quadratic: 150,000 characters took minutes).
        let p = Pattern::new(r"(?i)\b(1er|\d{1,2})\s+(janvier|mars)\s+(\d{4})\b").unwrap();
        let re = regex::Regex::new(p.as_str()).unwrap();
        for n in [0, 1, 31, 32, 33, 100, 150_000] {
            let run = "\u{FDFA}".repeat(n);
            for hay in [
                format!("{run} janvier {run}"),
                format!("{run} 3 janvier 2024 {run} 1er mars 2025"),
                format!("12 janvier 2023{run}4 mars 2024"),
            ] {
                let t = std::time::Instant::now();
                let (a, b) = both(&re, &p, &hay);
                assert_eq!(a, b, "{n}");
                assert!(
                    t.elapsed() < std::time::Duration::from_secs(20),
                    "{n}: {:?}",
                    t.elapsed()
                );
            }
        }
    }

    #[test]
    fn patterns_matching_empty_are_refused() {
        assert!(matches!(Pattern::new(r"\b"), Err(Error::MatchesEmpty)));
        assert!(matches!(Pattern::new(r"a*"), Err(Error::MatchesEmpty)));
    }
}
