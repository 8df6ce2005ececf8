//! Words of the normalized text with their matching keys, computed once
//! per document and shared by the extractors (territories, dates, counts,
//! people, issuer): each of them walks tokens and compares short folded
//! keys instead of running its own regular expressions over the text.
//!
//! A token is a run of letters and digits ("Seine", "2A", "1er", "06h08"),
//! one punctuation character (",", "’", "–", "«"), or a line break (the
//! normalized text has one logical line per paragraph, heading or list
//! item, so most phrases never cross one). White space separates tokens
//! and is not kept; [`Tok::space_before`] tells whether there was any.

use crate::normalize::key::{key_prefix, push_word_key};

/// The longest key of a token, in bytes: the key of a longer word is its
/// start. No word is that long (French words have at most some 25
/// letters); a run of 1,000 U+FDFA, each folded into 15 Arabic letters,
/// made a 30 KB key, and a text of them keys ten times its size.
pub const TOKEN_KEY_MAX: usize = 256;

/// Cuts the key written into `keys` from `from` to [`TOKEN_KEY_MAX`]
/// bytes, at a character boundary.
fn cut_key(keys: &mut String, from: usize) {
    let mut at = from + TOKEN_KEY_MAX;
    if keys.len() <= at {
        return;
    }
    while !keys.is_char_boundary(at) {
        at -= 1;
    }
    keys.truncate(at);
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, possibly with digits ("Axe", "1er", "2A", "T2").
    Word,
    /// Digits only ("2023", "12").
    Number,
    /// One punctuation or symbol character.
    Punct,
    /// The end of a logical line.
    Newline,
}

/// One token: where it is in the text and where its key is in
/// `Tokens::keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    /// Where its key starts in `Tokens::keys` (keys are written in token
    /// order, and only words and numbers have one).
    key_start: u32,
    /// Its length (at most [`TOKEN_KEY_MAX`]): the key is read from its own
    /// token, not the next one too (the field fits in the padding: a token
    /// is 20 bytes either way).
    key_len: u16,
    pub kind: Kind,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Has letters, all uppercase ("ARS", "MEUSE").
    pub upper: bool,
    /// White space (or the start of a line) before it.
    pub space_before: bool,
    /// A tab before it: the parts of a line that stood apart on the page
    /// (see `normalize::french::clean_line_cells`).
    pub gap_before: bool,
}

/// The tokens of a text.
#[derive(Debug, Clone, Default)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Keys of word and number tokens end to end (lowercase, accents
    /// folded: "Réunion" → "reunion", "œuvre" → "oeuvre").
    keys: String,
    /// Per block of [`LINE_STEP`] tokens, the line of its first token (a
    /// line break belongs to the line it ends): a token's line is found
    /// from there in [`Tokens::bounds`] in a step or two (a line of prose
    /// or of a list has more than 16 tokens). A line per token was 4 bytes
    /// a token, a sixth of the tokens' memory.
    line: Vec<u32>,
    /// Per line, its first token and the token after its last one (its
    /// line break, or the token count).
    bounds: Vec<(u32, u32)>,
    /// Keys the text writes in lowercase somewhere (built on first use), as
    /// the index of one token of each: the keys are read in `keys`, not
    /// copied into a `String` each (a set of owned keys, hashed with
    /// SipHash, was 2 % of a batch's time).
    lower: std::sync::OnceLock<hashbrown::HashTable<u32>>,
}

/// Tokens per entry of [`Tokens::line`].
const LINE_STEP: usize = 16;

/// The tokens of `text[from..to]` (`from` at the text's start or after a
/// line break), at their offsets in `text`, and their keys end to end
/// (each token's `key_start` counted from the start of these).
fn scan(text: &str, from: usize, to: usize) -> (Vec<Tok>, String) {
    let part = text.get(from..to).unwrap_or_default();
    let mut toks = Vec::with_capacity(part.len() / 5);
    let mut keys = String::with_capacity(part.len());
    let mut chars = part.char_indices().map(|(i, c)| (from + i, c)).peekable();
    let mut space = true;
    let mut gap = false;
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            toks.push(Tok {
                start: i as u32,
                end: i as u32 + 1,
                key_start: keys.len() as u32,
                key_len: 0,
                kind: Kind::Newline,
                cap: false,
                upper: false,
                space_before: space,
                gap_before: false,
            });
            space = true;
            gap = false;
            continue;
        }
        if c == ' ' || (!c.is_ascii_alphanumeric() && c.is_whitespace()) {
            space = true;
            gap |= c == '\t';
            continue;
        }
        if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric() && !superscript(c)) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                // ASCII first: no Unicode table for most letters. A
                // superscript digit is a footnote call ("Côte-d’Or¹"),
                // not part of the word.
                let alnum = if d.is_ascii() {
                    d.is_ascii_alphanumeric()
                } else {
                    d.is_alphanumeric() && !superscript(d)
                };
                if !alnum {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let word = &text[i..end];
            let key_start = keys.len();
            if !push_word_key(word, &mut keys) {
                // Twice the length kept: at most half a key is spaces.
                keys.push_str(&key_prefix(word, 2 * TOKEN_KEY_MAX + 4).replace(' ', ""));
            }
            cut_key(&mut keys, key_start);
            let digits = word.bytes().all(|b| b.is_ascii_digit());
            let (mut any, mut all_up) = (false, true);
            if word.is_ascii() {
                for b in word.bytes().filter(u8::is_ascii_alphabetic) {
                    any = true;
                    all_up &= b.is_ascii_uppercase();
                }
            } else {
                for l in word.chars().filter(|c| c.is_alphabetic()) {
                    any = true;
                    all_up &= l.is_uppercase();
                }
            }
            toks.push(Tok {
                start: i as u32,
                end: end as u32,
                key_start: key_start as u32,
                key_len: (keys.len() - key_start) as u16,
                kind: if digits { Kind::Number } else { Kind::Word },
                cap: c.is_uppercase(),
                upper: any && all_up,
                space_before: space,
                gap_before: gap,
            });
        } else {
            toks.push(Tok {
                start: i as u32,
                end: (i + c.len_utf8()) as u32,
                key_start: keys.len() as u32,
                key_len: 0,
                kind: Kind::Punct,
                cap: false,
                upper: false,
                space_before: space,
                gap_before: gap,
            });
        }
        space = false;
        gap = false;
    }
    (toks, keys)
}

impl<'a> Tokens<'a> {
    /// Tokenizes `text`.
    pub fn new(text: &'a str) -> Tokens<'a> {
        // A long text is tokenized in two halves at once on the pool, cut
        // after a line break: a line break ends a token and starts the next
        // line as the text's start does (white space before, no tab), so
        // the halves' tokens end to end are the whole text's.
        let cut = (text.len() >= crate::par::MIN_TEXT)
            .then(|| {
                let mid = text.len() / 2;
                memchr::memchr(b'\n', text.as_bytes().get(mid..)?).map(|n| mid + n + 1)
            })
            .flatten()
            .filter(|&c| c < text.len());
        let (mut toks, mut keys) = match cut {
            None => scan(text, 0, text.len()),
            Some(cut) => {
                let ((mut toks, mut keys), (rest, rest_keys)) =
                    rayon::join(|| scan(text, 0, cut), || scan(text, cut, text.len()));
                let shift = keys.len() as u32;
                // Exactly: `extend` would double the first half's
                // capacity (20 bytes a token, a token every 4 bytes of a
                // list: 3 × the text spare).
                toks.reserve_exact(rest.len());
                keys.reserve_exact(rest_keys.len());
                toks.extend(rest.into_iter().map(|t| Tok {
                    key_start: t.key_start + shift,
                    ..t
                }));
                keys.push_str(&rest_keys);
                (toks, keys)
            }
        };
        let mut line = Vec::with_capacity(toks.len().div_ceil(LINE_STEP));
        let mut bounds = Vec::new();
        let mut first = 0u32;
        for (i, t) in toks.iter().enumerate() {
            if i % LINE_STEP == 0 {
                line.push(bounds.len() as u32);
            }
            if t.kind == Kind::Newline {
                bounds.push((first, i as u32));
                first = i as u32 + 1;
            }
        }
        bounds.push((first, toks.len() as u32));
        // Held through most of extraction: no spare room (the scan's
        // guesses and doublings leave up to half of each).
        toks.shrink_to_fit();
        keys.shrink_to_fit();
        bounds.shrink_to_fit();
        Tokens {
            text,
            toks,
            keys,
            line,
            bounds,
            lower: std::sync::OnceLock::new(),
        }
    }

    /// Whether the text writes the word of key `k` in lowercase somewhere
    /// (then it is a common noun, not a name).
    pub fn written_lowercase(&self, k: &str) -> bool {
        let hash = |key: &str| {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            key.hash(&mut h);
            h.finish()
        };
        let key_of = |i: &u32| self.key(*i as usize);
        self.lower
            .get_or_init(|| {
                let mut set = hashbrown::HashTable::new();
                for i in 0..self.toks.len() {
                    if !(self.is_word(i) && self.toks.get(i).is_some_and(|t| !t.cap && !t.upper)) {
                        continue;
                    }
                    let key = self.key(i);
                    let h = hash(key);
                    if set.find(h, |j| key_of(j) == key).is_none() {
                        set.insert_unique(h, i as u32, |j| hash(key_of(j)));
                    }
                }
                set
            })
            .find(hash(k), |j| key_of(j) == k)
            .is_some()
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The key of token `i` ("" for punctuation, line breaks and out of
    /// range).
    #[inline]
    pub fn key(&self, i: usize) -> &str {
        let Some(t) = self.toks.get(i) else {
            return "";
        };
        let start = t.key_start as usize;
        self.keys
            .get(start..start + t.key_len as usize)
            .unwrap_or("")
    }

    /// The text of token `i`.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start as usize..t.end as usize))
            .unwrap_or("")
    }

    /// The punctuation character of token `i`, if it is one.
    #[inline]
    pub fn punct(&self, i: usize) -> Option<char> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Punct {
            return None;
        }
        // ASCII, most punctuation, without decoding (rules ask for the
        // punctuation around every word).
        match self.text.as_bytes().get(t.start as usize) {
            Some(&b) if b.is_ascii() => Some(b as char),
            _ => self.text(i).chars().next(),
        }
    }

    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Word | Kind::Number))
    }

    #[inline]
    pub fn is_newline(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Newline)
    }

    /// Byte range of tokens `a..b` (`b` exclusive, `a < b`).
    #[inline]
    pub fn range(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let s = self.toks.get(a).map_or(0, |t| t.start as usize);
        let e = b
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(s, |t| t.end as usize);
        s..e.max(s)
    }

    /// The text of tokens `a..b`, as written.
    #[inline]
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(self.range(a, b)).unwrap_or("")
    }

    /// The first token at or after byte `offset`.
    pub fn at_byte(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| (t.end as usize) <= offset)
    }

    /// The line of token `i` (`None` past the last token): from the line
    /// of its block of [`LINE_STEP`] tokens, the first line whose end
    /// (its line break, or the token count) is at or after it.
    #[inline]
    fn line_of(&self, i: usize) -> Option<usize> {
        if i >= self.toks.len() {
            return None;
        }
        let mut l = *self.line.get(i / LINE_STEP)? as usize;
        while self.bounds.get(l).is_some_and(|b| (b.1 as usize) < i) {
            l += 1;
        }
        Some(l)
    }

    /// Index of the first token of the line that holds token `i`.
    #[inline]
    pub fn line_start(&self, i: usize) -> usize {
        match self.line_of(i) {
            Some(l) => self.bounds.get(l).map_or(0, |b| b.0 as usize),
            // Past the end: the start of the last, unterminated line.
            None => self
                .bounds
                .last()
                .map_or(0, |b| b.0 as usize)
                .min(self.toks.len()),
        }
    }

    /// Index of the line break that ends the line of token `i` (or the
    /// token count).
    #[inline]
    pub fn line_end(&self, i: usize) -> usize {
        match self.line_of(i) {
            Some(l) => self.bounds.get(l).map_or(i, |b| b.1 as usize),
            None => i,
        }
    }

    /// Whether the words of `words` (keys, e.g. `["projet", "territorial"]`)
    /// follow from token `i`, with only hyphens and apostrophes allowed
    /// between them; the index after the last one.
    pub fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        let mut j = i;
        for (n, w) in words.iter().enumerate() {
            if n > 0 {
                while matches!(self.punct(j), Some('-' | '’' | '\'')) {
                    j += 1;
                }
            }
            if !self.is_word(j) || self.key(j) != *w {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The next word or number token at or after `i` on the same line,
    /// skipping at most `max_punct` punctuation tokens.
    pub fn next_word(&self, i: usize, max_punct: usize) -> Option<usize> {
        let mut skipped = 0;
        let mut j = i;
        while j < self.toks.len() {
            if self.is_word(j) {
                return Some(j);
            }
            if self.is_newline(j) || skipped == max_punct {
                return None;
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    /// The word or number token before `i` on the same line, skipping at
    /// most `max_punct` punctuation tokens.
    pub fn prev_word(&self, i: usize, max_punct: usize) -> Option<usize> {
        let mut skipped = 0;
        let mut j = i;
        while j > 0 {
            j -= 1;
            if self.is_word(j) {
                return Some(j);
            }
            if self.is_newline(j) || skipped == max_punct {
                return None;
            }
            skipped += 1;
        }
        None
    }

    /// Whether tokens `i-1` and `i` are glued by a hyphen with no space on
    /// either side ("Est" "-" "Var"): `i` then continues a compound.
    pub fn hyphen_before(&self, i: usize) -> bool {
        i >= 2
            && matches!(self.punct(i - 1), Some('-' | '‐'))
            && self.toks.get(i).is_some_and(|t| !t.space_before)
            && self.toks.get(i - 1).is_some_and(|t| !t.space_before)
            && self.is_word(i - 2)
    }

    /// Whether token `i` is glued by a hyphen to the word after it.
    pub fn hyphen_after(&self, i: usize) -> bool {
        self.hyphen_before(i + 2) && self.is_word(i)
    }
}

/// Whether `text` has more than `n` word or number tokens (the tokens
/// [`Tokens::new`] would make of it), without tokenizing it: reading stops
/// at the word after the `n`th, so a whole one-line document is not
/// tokenized again to learn that it is longer than a name.
pub fn more_words_than(text: &str, n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let alnum =
            c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric() && !superscript(c));
        if alnum && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = alnum;
    }
    false
}

/// Superscript digits, written for footnote calls.
fn superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_tokenized_at_once_are_the_whole_text() {
        let line = "- Action 1.2 : mettre en place un dispositif d’accueil\tÀ ÉPINAL, l’ARS «\u{a0}ﬁnance\u{a0}» 12 CMP.\n";
        let text = format!("{}\n\t{}", line.repeat(1500), line.repeat(1500));
        assert!(text.len() >= crate::par::MIN_TEXT);
        let t = Tokens::new(&text);
        let (toks, keys) = scan(&text, 0, text.len());
        assert_eq!(t.toks, toks);
        assert_eq!(t.keys, keys);
    }

    /// Each token's line bounds, found from its block's line, are those
    /// of a line per token: short, empty and long lines, at a block's
    /// edges and past the last token.
    #[test]
    fn line_bounds_of_every_token() {
        let mut text = String::new();
        for n in 0..300 {
            text.push_str(&"mot ".repeat(n % 23 + (n % 7 == 0) as usize * 70));
            text.push_str(&"\n".repeat(1 + (n % 5 == 0) as usize * 20));
        }
        text.push_str("fin sans saut");
        let t = Tokens::new(&text);
        let (mut first, mut starts) = (0, Vec::new());
        for i in 0..t.len() {
            starts.push(first);
            if t.is_newline(i) {
                first = i + 1;
            }
        }
        for i in 0..t.len() + 3 {
            let start = starts.get(i).copied().unwrap_or(first.min(t.len()));
            let end = (i..t.len()).find(|&j| t.is_newline(j)).unwrap_or(t.len());
            let end = if i < t.len() { end } else { i };
            assert_eq!((t.line_start(i), t.line_end(i)), (start, end), "token {i}");
        }
    }

    #[test]
    fn words_numbers_punctuation_and_lines() {
        let t = Tokens::new("L’ARS de Seine-Saint-Denis : 38 actions\nMême « œuvre »");
        let keys: Vec<&str> = (0..t.len()).map(|i| t.key(i)).collect();
        assert_eq!(
            keys,
            [
                "l", "", "ars", "de", "seine", "", "saint", "", "denis", "", "38", "actions", "",
                "meme", "", "oeuvre", ""
            ]
        );
        assert_eq!(t.text(2), "ARS");
        assert!(t.toks[2].upper && t.toks[2].cap);
        assert_eq!(t.toks[10].kind, Kind::Number);
        assert!(t.is_newline(12));
        assert_eq!(t.seq(4, &["seine", "saint", "denis"]), Some(9));
        assert!(t.hyphen_before(6));
        assert!(!t.hyphen_before(3));
        assert_eq!(t.slice(4, 9), "Seine-Saint-Denis");
        assert_eq!(t.line_start(14), 13);
        assert_eq!(t.line_end(3), 12);
        assert_eq!(t.line_start(12), 0);
        assert_eq!(t.line_end(12), 12);
        assert_eq!(t.line_end(t.len()), t.len());
        assert_eq!(t.line_start(t.len()), 13);
        assert!(t.written_lowercase("actions"));
        assert!(!t.written_lowercase("ars"));
        assert_eq!(t.at_byte(t.range(10, 11).start), 10);
    }

    /// A word's key is cut at [`TOKEN_KEY_MAX`] bytes (a run of 1,000
    /// U+FDFA folds into 30 KB), and the keys of the tokens after it are
    /// whole: each ends where the next begins.
    #[test]
    fn keys_of_very_long_words_are_cut() {
        let wide = "\u{FDFA}".repeat(1_000);
        let long = "x".repeat(1_000);
        let text = format!("{wide} 3 janvier, {long} é\n{wide}");
        let t = Tokens::new(&text);
        let whole = crate::normalize::key(&wide).replace(' ', "");
        assert_eq!(t.key(0).len(), TOKEN_KEY_MAX - TOKEN_KEY_MAX % 2);
        assert!(whole.starts_with(t.key(0)));
        assert_eq!((t.key(1), t.key(2), t.key(3)), ("3", "janvier", ""));
        assert_eq!(t.key(4), "x".repeat(TOKEN_KEY_MAX));
        assert_eq!((t.key(5), t.key(6)), ("e", ""));
        assert!(whole.starts_with(t.key(7)) && !t.key(7).is_empty());
        assert_eq!(t.key(8), "");
    }

    /// Words counted as the tokenizer makes them: "Saint-Dié" is two,
    /// a superscript footnote call none.
    #[test]
    fn words_are_counted_as_tokens() {
        for (text, n) in [
            ("", 0),
            ("Saint-Dié-des-Vosges", 4),
            ("Côte-d’Or¹ (21), 3 janvier", 6),
            ("  l’ARS  ", 2),
        ] {
            let words = (0..Tokens::new(text).len())
                .filter(|&i| Tokens::new(text).is_word(i))
                .count();
            assert_eq!(words, n, "{text}");
            assert!(!more_words_than(text, n), "{text}");
            assert_eq!(more_words_than(text, n.saturating_sub(1)), n > 0, "{text}");
        }
    }

    #[test]
    fn keys_of_non_latin1_words_fold_too() {
        let t = Tokens::new("Œuvre ﬁnancement");
        assert_eq!(t.key(0), "oeuvre");
        assert_eq!(t.key(1), "financement");
    }
}
