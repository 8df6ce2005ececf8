//! Thematic tags for items, from the taxonomy in `data/themes.json`.
//!
//! The taxonomy is data: analysts add patterns without touching code. A
//! pattern is a sequence of folded words (see [`key`](fn@crate::normalize::key))
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
}

/// A theme of the taxonomy with its compiled patterns.
#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub kind: ThemeKind,
    /// In the order of the taxonomy.
    patterns: Vec<Vec<PatWord>>,
}

/// A compiled taxonomy.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
    /// The (theme, pattern) pairs whose first word is exact, by that word
    /// (by its first byte, then sorted by word), and those whose first word
    /// is a prefix, by its first byte (pattern words are never empty): one
    /// pass over the words of a text tries, at each word, only the patterns
    /// that can start there, whatever the number of themes.
    by_word: Vec<Vec<(String, Vec<PatRef>)>>,
    by_prefix: Vec<Vec<PatRef>>,
    /// Per entry of `heads`: the patterns whose first word has that head.
    /// A word can only start those (an exact first word equal to it, a
    /// prefix of three bytes or more it starts with, have its head): the
    /// binary search that finds its head finds its candidates, with no
    /// look-up by first byte.
    by_head: Vec<HeadCands>,
    /// The first three bytes ([`head`]) of every pattern's first word,
    /// sorted: a word whose head is not here starts no match, and most
    /// words of a text are ruled out by one binary search instead of
    /// trying every pattern that shares their first byte. `None` when a
    /// prefix first word is shorter than three bytes (its words have no
    /// single head).
    heads: Option<Vec<u32>>,
    /// The first two bytes of every entry of `heads`, as a bitset of
    /// 65,536 bits: most words are ruled out by one look-up here, before
    /// the binary search in `heads`.
    heads2: Vec<u64>,
}

/// A pattern of the taxonomy: (theme index, pattern index in the theme,
/// number of words). The length is kept here so that a one-word pattern
/// found by its exact first word is matched without reading its words.
type PatRef = (usize, usize, usize);

/// The candidates of one head (see `Taxonomy::by_head`).
#[derive(Debug, Clone)]
struct HeadCands {
    /// Exact first words of that head, with their patterns.
    exact: Vec<(String, Vec<PatRef>)>,
    prefix: Vec<PatRef>,
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
            themes.push(Theme {
                id: t.id,
                label: t.label,
                kind: t.kind,
                patterns,
            });
        }
        Ok(Taxonomy::new(themes))
    }

    fn new(themes: Vec<Theme>) -> Taxonomy {
        let mut by_word: Vec<Vec<(String, Vec<PatRef>)>> = vec![Vec::new(); 256];
        let mut by_prefix: Vec<Vec<PatRef>> = vec![Vec::new(); 256];
        for (t, theme) in themes.iter().enumerate() {
            for (p, pattern) in theme.patterns.iter().enumerate() {
                match pattern.first() {
                    Some(PatWord::Exact(w)) => {
                        let Some(bucket) = w
                            .as_bytes()
                            .first()
                            .and_then(|&b| by_word.get_mut(usize::from(b)))
                        else {
                            continue;
                        };
                        match bucket.binary_search_by(|(x, _)| x.as_str().cmp(w)) {
                            Ok(k) => {
                                if let Some((_, v)) = bucket.get_mut(k) {
                                    v.push((t, p, pattern.len()));
                                }
                            }
                            Err(k) => bucket.insert(k, (w.clone(), vec![(t, p, pattern.len())])),
                        }
                    }
                    Some(PatWord::Prefix(w)) => {
                        let slot = w
                            .as_bytes()
                            .first()
                            .and_then(|&b| by_prefix.get_mut(usize::from(b)));
                        if let Some(slot) = slot {
                            slot.push((t, p, pattern.len()));
                        }
                    }
                    None => {}
                }
            }
        }
        let mut heads = Some(Vec::new());
        for pattern in themes.iter().flat_map(|t| &t.patterns) {
            let w = match pattern.first() {
                Some(PatWord::Exact(w)) => w,
                Some(PatWord::Prefix(w)) if w.len() >= 3 => w,
                Some(PatWord::Prefix(_)) => {
                    heads = None;
                    break;
                }
                None => continue,
            };
            if let Some(h) = heads.as_mut() {
                h.push(head(w));
            }
        }
        if let Some(h) = heads.as_mut() {
            h.sort_unstable();
            h.dedup();
        }
        let first_head = |&(t, p, _): &PatRef| {
            themes
                .get(t)
                .and_then(|th| th.patterns.get(p))
                .and_then(|pat| pat.first())
                .map_or(0, |w| match w {
                    PatWord::Exact(w) | PatWord::Prefix(w) => head(w),
                })
        };
        let by_head = heads
            .iter()
            .flatten()
            .map(|&hd| {
                let b = usize::from((hd >> 16) as u8);
                HeadCands {
                    exact: by_word
                        .get(b)
                        .map(|bucket| {
                            bucket
                                .iter()
                                .filter(|(w, _)| head(w) == hd)
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default(),
                    prefix: by_prefix
                        .get(b)
                        .map(|bucket| {
                            bucket
                                .iter()
                                .filter(|r| first_head(r) == hd)
                                .copied()
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let mut heads2 = vec![0u64; 1024];
        for &h in heads.iter().flatten() {
            let two = (h >> 8) as usize;
            if let Some(w) = heads2.get_mut(two / 64) {
                *w |= 1 << (two % 64);
            }
        }
        Taxonomy {
            themes,
            by_word,
            by_prefix,
            by_head,
            heads,
            heads2,
        }
    }

    /// The (theme, pattern) pairs that may match at a word folded as
    /// `folded` (exact first words equal to it, prefixes it may start
    /// with); `None` when no pattern's first word can match it, the case of
    /// most words, ruled out by one look-up in `heads2` or the binary
    /// search in `heads`.
    fn candidates(&self, folded: &str) -> Option<[&[PatRef]; 2]> {
        let Some(heads) = &self.heads else {
            return Some(self.by_first_byte(folded));
        };
        let hd = head(folded);
        let two = (hd >> 8) as usize;
        if self
            .heads2
            .get(two / 64)
            .is_none_or(|w| w & (1 << (two % 64)) == 0)
        {
            return None;
        }
        let c = self.by_head.get(heads.binary_search(&hd).ok()?)?;
        let exact = c
            .exact
            .iter()
            .find(|(w, _)| w == folded)
            .map_or(&[][..], |(_, v)| v.as_slice());
        Some([exact, c.prefix.as_slice()])
    }

    /// [`Taxonomy::candidates`] without heads (a prefix first word is
    /// shorter than three bytes): the first word of each is `folded` or a
    /// prefix starting with its first byte.
    fn by_first_byte(&self, folded: &str) -> [&[PatRef]; 2] {
        let Some(&b) = folded.as_bytes().first() else {
            return [&[], &[]];
        };
        let exact = self.by_word.get(usize::from(b)).and_then(|bucket| {
            let k = bucket
                .binary_search_by(|(w, _)| w.as_str().cmp(folded))
                .ok()?;
            bucket.get(k).map(|(_, v)| v.as_slice())
        });
        let prefix = self.by_prefix.get(usize::from(b)).map(Vec::as_slice);
        [exact.unwrap_or_default(), prefix.unwrap_or_default()]
    }

    /// The taxonomy shipped in `data/themes.json`.
    ///
    /// The file is embedded and checked by a unit test, so failing to parse
    /// it is a build defect; it still degrades to an empty taxonomy rather
    /// than panicking.
    pub fn builtin() -> &'static Taxonomy {
        static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Taxonomy::from_json(THEMES_JSON).unwrap_or(Taxonomy::new(Vec::new())))
    }

    /// Tags `texts` (an item's text and notes): one tag per theme that
    /// matched, in taxonomy order, each with its distinct triggers in order
    /// of first appearance.
    pub fn tag<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<ThemeTag> {
        self.tag_with(texts, &mut TagScratch::default())
    }

    /// [`Taxonomy::tag`] with buffers kept from one call to the next
    /// (tagging every item of a document).
    pub fn tag_with<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        scratch: &mut TagScratch,
    ) -> Vec<ThemeTag> {
        // (theme, trigger) in order of appearance; few per item.
        let mut found: Vec<(usize, &'a str)> = Vec::new();
        let TagScratch { words, free, best } = scratch;
        // Per theme: the first word a new match may start at (matches of a
        // theme do not overlap), and the longest match at the current word.
        free.clear();
        free.resize(self.themes.len(), 0);
        best.clear();
        best.resize(self.themes.len(), 0);
        for text in texts {
            words.split(text);
            free.fill(0);
            for i in 0..words.list.len() {
                let Some(cands) = self.candidates(words.folded(i)) else {
                    continue;
                };
                if cands.iter().all(|c| c.is_empty()) {
                    continue;
                }
                let [exact, prefix] = cands;
                let tried = exact
                    .iter()
                    .map(|r| (r, 1))
                    .chain(prefix.iter().map(|r| (r, 0)));
                for (&(t, p, len), known) in tried {
                    let Some(&f) = free.get(t) else {
                        continue;
                    };
                    if f > i || i + len > words.list.len() {
                        continue;
                    }
                    // The first word of an exact candidate is this word
                    // (found equal in `candidates`): only the next ones are
                    // compared, and a one-word pattern is not read at all
                    // (its words are a few pointers away, often out of
                    // the cache).
                    let ok = len <= known
                        || self
                            .themes
                            .get(t)
                            .and_then(|th| th.patterns.get(p))
                            .is_some_and(|pattern| {
                                pattern
                                    .iter()
                                    .enumerate()
                                    .skip(known)
                                    .all(|(k, pw)| pw.matches(words.folded(i + k)))
                            });
                    if let Some(b) = best.get_mut(t).filter(|b| ok && len > **b) {
                        *b = len;
                    }
                }
                // The longest pattern of each theme wins at this word, so
                // that "post urgence" is reported rather than "urgence".
                for &(t, _, _) in cands.into_iter().flatten() {
                    let Some(b) = best.get_mut(t) else { continue };
                    let len = std::mem::take(b);
                    if len == 0 {
                        continue;
                    }
                    if let Some(f) = free.get_mut(t) {
                        *f = i + len;
                    }
                    let (Some(first), Some(last)) =
                        (words.list.get(i), words.list.get(i + len - 1))
                    else {
                        continue;
                    };
                    let Some(slice) = text.get(first.start..last.end) else {
                        continue;
                    };
                    if !found.contains(&(t, slice)) {
                        found.push((t, slice));
                    }
                }
            }
        }
        // Taxonomy order; a stable sort keeps each theme's triggers in order.
        found.sort_by_key(|&(t, _)| t);
        let mut tags: Vec<ThemeTag> = Vec::new();
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            let Some(theme) = group.first().and_then(|&(t, _)| self.themes.get(t)) else {
                continue;
            };
            tags.push(ThemeTag {
                id: theme.id.clone(),
                label: theme.label.clone(),
                triggers: group.iter().map(|&(_, s)| s.to_string()).collect(),
            });
        }
        tags
    }
}

/// The first three bytes of `w`, zero-padded (a folded word has no zero
/// byte): equal for a word and an exact pattern word equal to it, and for
/// a word and a prefix of three bytes or more that it starts with.
fn head(w: &str) -> u32 {
    let b = w.as_bytes();
    let at = |i: usize| u32::from(b.get(i).copied().unwrap_or(0));
    at(0) << 16 | at(1) << 8 | at(2)
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

/// A word of the text: its folded form (a range of [`Words::buf`]) and
/// where it is in the text.
#[derive(Debug, Clone)]
struct Word {
    folded: std::ops::Range<usize>,
    start: usize,
    end: usize,
}

/// The buffers of [`Taxonomy::tag_with`].
#[derive(Debug, Default)]
pub struct TagScratch {
    words: Words,
    free: Vec<usize>,
    best: Vec<usize>,
}

/// The words of a text, their folded forms end to end in one buffer (no
/// allocation per word; reused from text to text).
#[derive(Debug, Default)]
struct Words {
    buf: String,
    list: Vec<Word>,
}

impl Words {
    /// Splits `s` into alphanumeric runs (the same boundaries as `key`).
    fn split(&mut self, s: &str) {
        self.buf.clear();
        self.list.clear();
        // Room for the usual case at once rather than growing word by word
        // (folding rarely lengthens a word; a word takes 5 bytes or more).
        self.buf.reserve(s.len());
        self.list.reserve(s.len() / 5 + 1);
        for r in key::alnum_runs(s) {
            self.push(s, r.start, r.end);
        }
    }

    fn push(&mut self, s: &str, start: usize, end: usize) {
        let Some(text) = s.get(start..end) else {
            return;
        };
        let from = self.buf.len();
        if text.is_ascii() {
            // The key of an ASCII alphanumeric run is its lowercase.
            self.buf.push_str(text);
            if let Some(new) = self.buf.get_mut(from..) {
                new.make_ascii_lowercase();
            }
        } else {
            // `key` may put a space before a ligature it expands ("œ" →
            // " oe" after other letters); inside one word we keep the run
            // whole.
            if !key::push_word_key(text, &mut self.buf) {
                self.buf.extend(key(text).chars().filter(|&c| c != ' '));
            }
        }
        self.list.push(Word {
            folded: from..self.buf.len(),
            start,
            end,
        });
    }

    /// The folded form of word `i` ("" past the end).
    fn folded(&self, i: usize) -> &str {
        self.list
            .get(i)
            .and_then(|w| self.buf.get(w.folded.clone()))
            .unwrap_or_default()
    }
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
    fn short_prefixes_and_short_exact_words_still_match() {
        let json = r#"{"themes":[{"id":"a","label":"A","kind":"theme","patterns":["ps*"]},{"id":"b","label":"B","kind":"theme","patterns":["au travail", "é"]}]}"#;
        let t = Taxonomy::from_json(json).expect("valid taxonomy");
        let tags = t.tag(["Le psy au travail, E."]);
        assert_eq!(ids(&tags), vec!["a", "b"]);
        assert_eq!(tags[0].triggers, vec!["psy"]);
        assert_eq!(tags[1].triggers, vec!["au travail", "E"]);
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
