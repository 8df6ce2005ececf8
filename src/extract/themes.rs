//! Thematic tags for items, from the taxonomy in `data/themes.json`.
//!
//! The taxonomy is data: analysts add patterns without touching code. A
//! pattern is a sequence of folded words (see [`crate::normalize::key`])
//! matched at word boundaries; a trailing `*` makes its last word a prefix
//! (`perinat*` matches "périnatale" and "périnatalité"). Every tag carries
//! the words that triggered it, as written in the item, so a tag can always
//! be checked by a reader.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::ThemeTag;
use crate::normalize::key;

/// The taxonomy shipped with ptsm, embedded at build time.
pub const THEMES_JSON: &str = include_str!("../../data/themes.json");

/// Whether a theme is a topic or one of the six national priorities of
/// décret n° 2017-1200.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeKind {
    Theme,
    NationalPriority,
}

#[derive(Debug, Clone, Deserialize)]
struct RawTheme {
    id: String,
    label: String,
    kind: ThemeKind,
    patterns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawTaxonomy {
    themes: Vec<RawTheme>,
}

/// One word of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatWord {
    Exact(String),
    Prefix(String),
}

impl PatWord {
    fn matches(&self, word: &str) -> bool {
        match self {
            PatWord::Exact(w) => w == word,
            PatWord::Prefix(p) => word.starts_with(p.as_str()),
        }
    }

    /// The first byte a matching word has (pattern words are never empty).
    fn first_byte(&self) -> Option<u8> {
        match self {
            PatWord::Exact(w) | PatWord::Prefix(w) => w.as_bytes().first().copied(),
        }
    }
}

/// A theme of the taxonomy with its compiled patterns.
#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub kind: ThemeKind,
    /// Sorted by the first byte of their first word, stably: only patterns
    /// with the same first byte compete at a word, and they keep their
    /// order of the taxonomy among themselves (it breaks ties).
    patterns: Vec<Vec<PatWord>>,
    /// That first byte, for each pattern.
    first: Vec<u8>,
    /// The set of those bytes (a bit per byte value).
    first_set: [u64; 4],
}

/// A compiled taxonomy.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
}

/// Why a taxonomy file was refused.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("invalid taxonomy JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("theme `{id}`: pattern {pattern:?} has no words")]
    EmptyPattern { id: String, pattern: String },
    #[error("theme id `{0}` appears twice")]
    DuplicateId(String),
}

impl Taxonomy {
    /// Parses and compiles a taxonomy in the format of `data/themes.json`.
    pub fn from_json(json: &str) -> Result<Taxonomy, TaxonomyError> {
        let raw: RawTaxonomy = serde_json::from_str(json)?;
        let mut themes: Vec<Theme> = Vec::with_capacity(raw.themes.len());
        for t in raw.themes {
            if themes.iter().any(|x| x.id == t.id) {
                return Err(TaxonomyError::DuplicateId(t.id));
            }
            let mut patterns = Vec::with_capacity(t.patterns.len());
            for p in &t.patterns {
                let compiled = compile_pattern(p);
                if compiled.is_empty() {
                    return Err(TaxonomyError::EmptyPattern {
                        id: t.id.clone(),
                        pattern: p.clone(),
                    });
                }
                patterns.push(compiled);
            }
            patterns.sort_by_key(|p| p.first().and_then(PatWord::first_byte));
            let first: Vec<u8> = patterns
                .iter()
                .map(|p| p.first().and_then(PatWord::first_byte).unwrap_or(0))
                .collect();
            themes.push(Theme {
                id: t.id,
                label: t.label,
                kind: t.kind,
                first_set: byte_set(&first),
                first,
                patterns,
            });
        }
        Ok(Taxonomy { themes })
    }

    /// The taxonomy shipped in `data/themes.json`.
    ///
    /// The file is embedded and checked by a unit test, so failing to parse
    /// it is a build defect; it still degrades to an empty taxonomy rather
    /// than panicking.
    pub fn builtin() -> &'static Taxonomy {
        static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Taxonomy::from_json(THEMES_JSON).unwrap_or(Taxonomy { themes: Vec::new() })
        })
    }

    /// Tags `texts` (an item's text and notes): one tag per theme that
    /// matched, in taxonomy order, each with its distinct triggers in order
    /// of first appearance.
    pub fn tag<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<ThemeTag> {
        let words: Vec<(&'a str, Vec<Word>)> =
            texts.into_iter().map(|t| (t, split_words(t))).collect();
        let mut tags = Vec::new();
        for theme in &self.themes {
            let mut triggers: Vec<String> = Vec::new();
            for (text, ws) in &words {
                for range in find_matches(ws, theme) {
                    let Some(text) = text.get(range) else {
                        continue;
                    };
                    if !triggers.iter().any(|t| t == text) {
                        triggers.push(text.to_string());
                    }
                }
            }
            if !triggers.is_empty() {
                tags.push(ThemeTag {
                    id: theme.id.clone(),
                    label: theme.label.clone(),
                    triggers,
                });
            }
        }
        tags
    }
}

fn compile_pattern(p: &str) -> Vec<PatWord> {
    p.split_whitespace()
        .flat_map(|w| {
            let (body, prefix) = match w.strip_suffix('*') {
                Some(b) => (b, true),
                None => (w, false),
            };
            // A pattern word can fold into several words ("l'enfance").
            let folded: Vec<String> = key(body).split(' ').map(str::to_string).collect();
            let n = folded.len();
            folded
                .into_iter()
                .enumerate()
                .filter(|(_, f)| !f.is_empty())
                .map(move |(i, f)| {
                    if prefix && i + 1 == n {
                        PatWord::Prefix(f)
                    } else {
                        PatWord::Exact(f)
                    }
                })
        })
        .collect()
}

/// A word of the text: its folded form and where it is.
#[derive(Debug, Clone)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// Splits `s` into alphanumeric runs (the same boundaries as `key`).
fn split_words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(b) = start.take() {
            push_word(&mut out, s, b, i);
        }
    }
    if let Some(b) = start {
        push_word(&mut out, s, b, s.len());
    }
    out
}

fn push_word(out: &mut Vec<Word>, s: &str, start: usize, end: usize) {
    if let Some(text) = s.get(start..end) {
        // `key` may put a space before a ligature it expands ("œ" → " oe"
        // after other letters); inside one word we keep the run whole.
        let folded = key(text).replace(' ', "");
        out.push(Word { folded, start, end });
    }
}

/// All pattern matches in `words`, as byte ranges of the source text.
/// Matches do not overlap per pattern; the longest pattern wins at a
/// position so that "post urgence" is reported rather than "urgence".
fn byte_set(bytes: &[u8]) -> [u64; 4] {
    let mut set = [0u64; 4];
    for &b in bytes {
        if let Some(w) = set.get_mut(usize::from(b >> 6)) {
            *w |= 1 << (b & 63);
        }
    }
    set
}

fn in_set(set: &[u64; 4], b: u8) -> bool {
    set.get(usize::from(b >> 6))
        .is_some_and(|w| w & (1 << (b & 63)) != 0)
}

fn find_matches(words: &[Word], theme: &Theme) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<usize> = None;
        // Only the patterns whose first word starts with this word's first
        // byte can match here (pattern words are never empty).
        let first = words
            .get(i)
            .and_then(|w| w.folded.as_bytes().first().copied());
        if !first.is_some_and(|b| in_set(&theme.first_set, b)) {
            i += 1;
            continue;
        }
        let lo = first.map_or(theme.first.len(), |b| {
            theme.first.partition_point(|&f| f < b)
        });
        let n_same = theme
            .first
            .get(lo..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&f| Some(f) == first)
            .count();
        for p in theme.patterns.get(lo..lo + n_same).unwrap_or_default() {
            let n = p.len();
            if n == 0 || i + n > words.len() {
                continue;
            }
            let ok = words
                .get(i..i + n)
                .is_some_and(|ws| p.iter().zip(ws).all(|(pw, w)| pw.matches(&w.folded)));
            if ok && best.is_none_or(|b| n > b) {
                best = Some(n);
            }
        }
        match best {
            Some(n) => {
                if let (Some(first), Some(last)) = (words.get(i), words.get(i + n - 1)) {
                    out.push(first.start..last.end);
                }
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(tags: &[ThemeTag]) -> Vec<&str> {
        tags.iter().map(|t| t.id.as_str()).collect()
    }

    #[test]
    fn builtin_taxonomy_parses_and_has_the_six_national_priorities() {
        let t = Taxonomy::from_json(THEMES_JSON).expect("data/themes.json must parse");
        let prios = t
            .themes
            .iter()
            .filter(|x| x.kind == ThemeKind::NationalPriority)
            .count();
        assert_eq!(prios, 6);
        assert!(t.themes.len() >= 23);
    }

    #[test]
    fn prefix_pattern_matches_and_trigger_is_written_as_in_the_text() {
        let t = Taxonomy::builtin();
        let tags = t.tag(["Psychiatrie périnatale (en lien avec l’expérimentation)"]);
        let p = tags
            .iter()
            .find(|x| x.id == "perinatalite")
            .expect("tagged");
        assert_eq!(p.triggers, vec!["périnatale"]);
    }

    #[test]
    fn multi_word_pattern_matches_across_punctuation_and_keeps_the_source_slice() {
        let t = Taxonomy::builtin();
        let tags = t.tag(["dépression post-partum et Personnes Agées"]);
        let p = tags
            .iter()
            .find(|x| x.id == "perinatalite")
            .expect("perinat");
        assert_eq!(p.triggers, vec!["post-partum"]);
        let a = tags
            .iter()
            .find(|x| x.id == "personnes-agees")
            .expect("agees");
        assert_eq!(a.triggers, vec!["Personnes Agées"]);
    }

    #[test]
    fn word_boundaries_are_respected() {
        // "sas" must not fire inside "sassenage", nor "gem" inside "gemellaire".
        let t = Taxonomy::builtin();
        let tags = t.tag(["Sassenage et suivi gémellaire"]);
        assert!(ids(&tags).is_empty(), "{tags:?}");
    }

    #[test]
    fn groupes_de_travail_is_not_the_employment_theme() {
        let t = Taxonomy::builtin();
        let tags = t.tag(["Mise en place d’un groupe de travail sur le répit"]);
        assert!(!ids(&tags).contains(&"emploi-insertion"), "{tags:?}");
        let tags = t.tag(["Santé mentale et travail"]);
        assert!(ids(&tags).contains(&"emploi-insertion"));
    }

    #[test]
    fn themes_come_in_taxonomy_order_with_distinct_triggers() {
        let t = Taxonomy::builtin();
        let tags = t.tag(["Urgences psychiatriques et urgences", "(SAS psy)"]);
        let u = tags
            .iter()
            .find(|x| x.id == "urgences-crise")
            .expect("urgences");
        assert_eq!(u.triggers, vec!["Urgences", "urgences", "SAS"]);
        let order: Vec<usize> = tags
            .iter()
            .filter_map(|tag| t.themes.iter().position(|th| th.id == tag.id))
            .collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted);
    }

    #[test]
    fn malformed_taxonomy_is_an_error_not_a_panic() {
        assert!(Taxonomy::from_json("{").is_err());
        let dup = r#"{"themes":[{"id":"a","label":"A","kind":"theme","patterns":["x"]},{"id":"a","label":"A","kind":"theme","patterns":["y"]}]}"#;
        assert!(matches!(
            Taxonomy::from_json(dup),
            Err(TaxonomyError::DuplicateId(_))
        ));
        let empty = r#"{"themes":[{"id":"a","label":"A","kind":"theme","patterns":["--"]}]}"#;
        assert!(matches!(
            Taxonomy::from_json(empty),
            Err(TaxonomyError::EmptyPattern { .. })
        ));
    }
}
