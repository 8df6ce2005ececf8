//! Matching keys: lowercase, accents folded, punctuation folded, so that
//! analysts can join items across documents.
//!
//! The rule: compatibility decomposition (NFKD, which also splits "ﬁ" and
//! turns "²" into "2"), combining marks dropped, "œ"/"æ" spelled "oe"/"ae",
//! letters and digits lowercased, every run of anything else (spaces,
//! apostrophes, hyphens, dashes, quotes, punctuation, symbols, emoji)
//! folded into one space, no space at either end. So "l’ARS" and "l'ARS"
//! both give "l ars", and "Pays-de-Bray" gives "pays de bray".

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// The longest key [`key`] makes, in bytes: the key of a longer text is
/// the start of its key. No line of a real document comes near (64 KB is
/// some 10,000 words); a pathological text of one line of 100 MB, whose
/// key some scripts make 10 times longer (U+FDFA decomposes into 18
/// characters), was folded whole by every check of a line's first words:
/// seconds and a gigabyte each.
pub const KEY_MAX: usize = 64 << 10;

/// "Réhabilitation par le logement" → "rehabilitation par le logement".
/// At most [`KEY_MAX`] bytes (see there).
pub fn key(s: &str) -> String {
    key_prefix(s, KEY_MAX)
}

/// The key of `s` cut to at most `max` bytes, at a character boundary and
/// without a final space: the start of [`key`]`(s)`, which is all of it
/// when it is short enough. Only as much of `s` as the cut key needs is
/// folded.
pub fn key_prefix(s: &str, max: usize) -> String {
    let (mut k, over) = fold(s, max);
    if over {
        let mut at = max.min(k.out.len());
        // Back to the start of a UTF-8 character.
        while at > 0 && k.out.get(at).is_some_and(|&b| b & 0xC0 == 0x80) {
            at -= 1;
        }
        k.out.truncate(at);
        while k.out.last() == Some(&b' ') {
            k.out.pop();
        }
    }
    k.into_string()
}

/// [`key`], or `None` as soon as the key is longer than `bound` bytes: a
/// character can decompose into many (U+FDFA into 18), so a short key is
/// told apart from a long one without building the long one.
fn key_bounded(s: &str, bound: usize) -> Option<String> {
    let (k, over) = fold(s, bound);
    (!over).then(|| k.into_string())
}

/// Input bytes of an ASCII run folded between two checks of the bound.
const ASCII_CHUNK: usize = 4096;

/// Folds `s` into its key, stopping as soon as the key is longer than
/// `bound` bytes (then true, and the key is longer than `bound` but a
/// prefix of the whole key).
fn fold(s: &str, bound: usize) -> (Key, bool) {
    let mut k = Key {
        out: Vec::with_capacity(s.len().min(bound.saturating_add(64))),
        space: false,
    };
    // ASCII characters are their own NFKD and start no reordering (they are
    // starters), so the decomposition of the text is that of its ASCII and
    // non-ASCII runs put end to end: only the non-ASCII runs go through
    // `nfkd`.
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (head, tail) = rest.split_at(ascii);
        // In chunks (any byte of ASCII is a character boundary): a line of
        // 100 MB is not folded whole when a short key is asked for.
        for chunk in head.as_bytes().chunks(ASCII_CHUNK) {
            k.ascii_run(chunk);
            if k.out.len() > bound {
                return (k, true);
            }
        }
        // A non-ASCII run, taken a few kilobytes at a time, so that the
        // bound is checked along a long one.
        let limit = tail.len().min(ASCII_CHUNK);
        let other = match tail
            .as_bytes()
            .get(..limit)
            .unwrap_or_default()
            .iter()
            .position(|b| b.is_ascii())
        {
            Some(n) => n,
            None if limit < tail.len() => cut_point(tail, limit),
            None => limit,
        };
        let (head, tail) = tail.split_at(other);
        if head
            .chars()
            .all(|c| ('\u{A0}'..='\u{FF}').contains(&c) || plain_separator(c))
        {
            // French accents: Latin-1 characters are starters whose NFKD
            // starts with a starter (see the test
            // `latin1_decompositions_start_with_a_starter`), so the NFKD of
            // a run of them is their decompositions end to end (canonical
            // reordering only moves non-starters past one another): looked
            // up, not recomputed, and so is what `Key::char` does with it.
            // The typographic punctuation of French text ("’", "–", "…")
            // is a starter too, and only a separator (see
            // `plain_separator`).
            // Dereferenced once per run, not per character.
            let latin1_ops: &[Vec<Option<String>>] = &LATIN1_OPS;
            for c in head.chars() {
                if plain_separator(c) {
                    k.space = true;
                    continue;
                }
                let ops = latin1_ops
                    .get(c as usize - 0xA0)
                    .map_or(&[][..], Vec::as_slice);
                for op in ops {
                    match op {
                        Some(word) => {
                            k.word_char();
                            k.out.extend_from_slice(word.as_bytes());
                        }
                        None => k.space = true,
                    }
                }
                if k.out.len() > bound {
                    return (k, true);
                }
            }
        } else if head.chars().all(starts_with_starter) {
            // The same reasoning for any run of starters whose NFKD starts
            // with a starter: their decompositions end to end, each looked
            // up once per thread ([`other_ops`]). A text of one repeated
            // wide character (U+FDFA decomposes into 18) was folded at about
            // 3 s per megabyte, every character decomposed, lowercased and
            // classified again.
            OTHER_OPS.with(|memo| {
                let mut memo = memo.borrow_mut();
                for c in head.chars() {
                    for op in other_ops(&mut memo, c).iter() {
                        match op {
                            Some(word) => {
                                k.word_char();
                                k.out.extend_from_slice(word.as_bytes());
                            }
                            None => k.space = true,
                        }
                    }
                    if k.out.len() > bound {
                        break;
                    }
                }
            });
        } else {
            for c in head.nfkd() {
                k.char(c);
                if k.out.len() > bound {
                    return (k, true);
                }
            }
        }
        if k.out.len() > bound {
            return (k, true);
        }
        rest = tail;
    }
    (k, false)
}

/// Where to cut a long run of non-ASCII text `run` at or after byte
/// `from`: before the first character from there whose NFKD starts with a
/// starter (see [`starts_with_starter`]), so that the NFKD of the run is
/// that of its two parts end to end; the run's length when there is none.
fn cut_point(run: &str, from: usize) -> usize {
    let mut at = from.min(run.len());
    while !run.is_char_boundary(at) {
        at -= 1;
    }
    run.get(at..)
        .and_then(|rest| {
            rest.char_indices()
                .find(|&(i, c)| (i > 0 || at > 0) && starts_with_starter(c))
        })
        .map_or(run.len(), |(i, _)| at + i)
}

/// Whether `c` is a starter whose NFKD starts with a starter: the NFKD of a
/// run of such characters is their decompositions end to end (canonical
/// reordering only moves non-starters past one another, and none crosses
/// into the next character's decomposition).
fn starts_with_starter(c: char) -> bool {
    use unicode_normalization::char::canonical_combining_class as ccc;
    if ccc(c) != 0 {
        return false;
    }
    let mut first = None;
    unicode_normalization::char::decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    first.is_none_or(|d| ccc(d) == 0)
}

/// What [`Key::char`] does with the NFKD of one character (see
/// [`LATIN1_OPS`]).
type Ops = std::rc::Rc<[Option<String>]>;

/// Characters past Latin-1 whose [`Ops`] are remembered per thread at most:
/// the memo is emptied when full (a text in another script, or a corpus
/// of many, fills it; French text seldom enters it).
const OTHER_OPS_MAX: usize = 4096;

thread_local! {
    static OTHER_OPS: std::cell::RefCell<std::collections::HashMap<char, Ops>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The [`Ops`] of `c`, from the memo or worked out by [`Key::char`].
fn other_ops(memo: &mut std::collections::HashMap<char, Ops>, c: char) -> Ops {
    if let Some(ops) = memo.get(&c) {
        return std::rc::Rc::clone(ops);
    }
    let mut ops = Vec::new();
    unicode_normalization::char::decompose_compatible(c, |d| {
        let mut k = Key {
            out: Vec::new(),
            space: false,
        };
        k.char(d);
        if !k.out.is_empty() {
            ops.push(Some(k.into_string()));
        } else if k.space {
            ops.push(None);
        }
    });
    let ops: Ops = ops.into();
    if memo.len() >= OTHER_OPS_MAX {
        memo.clear();
    }
    memo.insert(c, std::rc::Rc::clone(&ops));
    ops
}

/// Punctuation past Latin-1 that French text is full of: each is a
/// starter whose NFKD is made of starters that are neither letters nor
/// digits ("…" is "...", U+202F is " "; see the test
/// `plain_separators_decompose_into_separators`), so its key is a
/// separator, whatever surrounds it.
fn plain_separator(c: char) -> bool {
    matches!(
        c,
        '\u{2013}'
            | '\u{2014}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2022}'
            | '\u{2026}'
            | '\u{202F}'
    )
}

/// The NFKD of U+00A0..=U+00FF, in order.
static LATIN1_NFKD: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    ('\u{A0}'..='\u{FF}')
        .map(|c| std::iter::once(c).nfkd().collect())
        .collect()
});

/// What [`Key::char`] does with the NFKD of each character of
/// U+00A0..=U+00FF, in order: `Some(s)` for a letter or digit it writes
/// as `s`, `None` for a separator; combining marks do nothing. Worked out
/// once by `Key::char` itself.
static LATIN1_OPS: LazyLock<Vec<Vec<Option<String>>>> = LazyLock::new(|| {
    LATIN1_NFKD
        .iter()
        .map(|d| {
            d.iter()
                .filter_map(|&c| {
                    let mut k = Key {
                        out: Vec::new(),
                        space: false,
                    };
                    k.char(c);
                    if !k.out.is_empty() {
                        Some(Some(k.into_string()))
                    } else {
                        k.space.then_some(None)
                    }
                })
                .collect()
        })
        .collect()
});

/// Appends to `out` the key of `word`, a run of letters and digits (see
/// [`alnum_runs`]), without the spaces `key` may put inside it ("œ"), when
/// every character of it is ASCII or Latin-1; returns false, `out`
/// unchanged, otherwise.
///
/// The key of such a word is the keys of its characters end to end (see
/// `key`: ASCII and Latin-1 characters are starters whose NFKD starts with
/// a starter, and only spaces depend on what comes before), so each
/// character is looked up rather than the word decomposed.
pub fn push_word_key(word: &str, out: &mut String) -> bool {
    let from = out.len();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(k) = LATIN1_KEYS.get((c as usize).wrapping_sub(0xA0)) {
            out.push_str(k);
        } else {
            out.truncate(from);
            return false;
        }
    }
    true
}

/// The key of each character of U+00A0..=U+00FF, in order, without spaces.
static LATIN1_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ('\u{A0}'..='\u{FF}')
        .map(|c| key(c.encode_utf8(&mut [0; 4])).replace(' ', ""))
        .collect()
});

/// The byte ranges of the runs of letters and digits of `s` (Unicode
/// `is_alphanumeric`): the words that theme tagging and acronym detection
/// look at.
pub fn alnum_runs(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = s.char_indices();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let end = chars
            .by_ref()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(s.len(), |(i, _)| i);
        Some(start..end)
    })
}

/// `key(s)` when it is at most `max` bytes long, else `None`: cheap on long
/// text, for comparisons with short keys ("actions", "groupes de
/// travail"). Every ASCII letter or digit of `s` gives one byte of the key,
/// so more than `max` of them rule it out before anything is folded.
pub fn key_within(s: &str, max: usize) -> Option<String> {
    let mut n = 0;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            n += 1;
            if n > max {
                return None;
            }
        }
    }
    key_bounded(s, max)
}

/// Per ASCII byte, its key: the lowercase of a letter, a digit as is, 0
/// for anything else (a separator).
static ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The key being built.
struct Key {
    /// UTF-8 (only whole characters are written): bytes, so that the
    /// ASCII letters, most of the text, are pushed as bytes.
    out: Vec<u8>,
    /// A separator is pending.
    space: bool,
}

impl Key {
    fn word_char(&mut self) {
        if self.space && !self.out.is_empty() {
            self.out.push(b' ');
        }
        self.space = false;
    }

    /// [`Key::char`] for each byte of `run`, all ASCII: a letter or digit
    /// is written lowercased, anything else is a separator. One table
    /// look-up per byte tells both.
    fn ascii_run(&mut self, run: &[u8]) {
        for &b in run {
            match ASCII_KEY.get(usize::from(b)).copied().unwrap_or(0) {
                0 => self.space = true,
                k => {
                    if self.space {
                        self.word_char();
                    }
                    self.out.push(k);
                }
            }
        }
    }

    fn into_string(self) -> String {
        // Only whole characters were written: always UTF-8.
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// One character of the NFKD text.
    fn char(&mut self, c: char) {
        if unicode_normalization::char::is_combining_mark(c) {
            return;
        }
        match c {
            'œ' | 'Œ' => {
                self.word_char();
                self.out.extend_from_slice(b"oe");
                return;
            }
            'æ' | 'Æ' => {
                self.word_char();
                self.out.extend_from_slice(b"ae");
                return;
            }
            _ => {}
        }
        // Modifier letters used as apostrophes or primes are letters to
        // Unicode, punctuation to a reader.
        if c.is_alphanumeric() && !matches!(c, '\u{2B9}'..='\u{2BF}' | '\u{2C8}') {
            self.word_char();
            for l in c.to_lowercase() {
                self.out
                    .extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
            }
        } else {
            self.space = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{key, key_bounded, key_prefix, key_within, KEY_MAX};
    use unicode_normalization::UnicodeNormalization;

    /// `key_within` stops as soon as the key is too long: a line of wide
    /// characters (U+FDFA decomposes into 18) is not folded whole.
    #[test]
    fn key_within_is_key_when_short_and_none_when_long() {
        for s in [
            "Actions",
            "Groupes de réflexion",
            "  l’ARS  ",
            "ﬁches actions",
            "",
        ] {
            assert_eq!(
                key_within(s, 20),
                Some(key(s)).filter(|k| k.len() <= 20),
                "{s}"
            );
        }
        assert_eq!(key_within("\u{FDFA}", 20), None);
        assert_eq!(key_within(&"\u{FDFA}".repeat(100_000), 20), None);
        assert_eq!(Some(key("\u{FDFA}")), key_bounded("\u{FDFA}", 1000));
    }

    /// The definition: NFKD of the whole text, character by character.
    fn reference_key(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.nfkd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            if matches!(c, 'œ' | 'Œ' | 'æ' | 'Æ') {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(if matches!(c, 'œ' | 'Œ') { "oe" } else { "ae" });
                space = false;
                continue;
            }
            if c.is_alphanumeric() && !matches!(c, '\u{2B9}'..='\u{2BF}' | '\u{2C8}') {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            } else {
                space = true;
            }
        }
        out
    }

    /// The ASCII fast path gives the key of the definition, on French text,
    /// combining marks out of order, ligatures, compatibility characters.
    #[test]
    fn ascii_runs_and_nfkd_runs_give_the_reference_key() {
        let pieces = [
            "a",
            "–",
            "…",
            "\u{202f}",
            "“",
            "•",
            "E",
            "z",
            "0",
            "9",
            " ",
            "-",
            "’",
            "'",
            "é",
            "É",
            "e\u{301}",
            "\u{301}",
            "\u{327}\u{301}",
            "\u{301}\u{327}",
            "o\u{308}\u{301}",
            "œ",
            "Œ",
            "æ",
            "ﬁ",
            "²",
            "½",
            "\u{a0}",
            "\u{2bc}",
            "ǅ",
            "ẞ",
            "ß",
            "İ",
            "Ω",
            "ｱ",
            "한",
            "\u{1e9b}\u{323}",
            "📞",
            "«",
            "à",
            "Ç",
            "ÿ",
            "¨",
            "´",
            "ª",
            "¾",
            "Ø",
            "\u{ad}",
            "\u{FDFA}",
            "\u{3392}",
            "\u{0628}\u{064E}",
            "\u{064E}",
            "\u{0F73}",
            "\u{1E0C}\u{0307}",
            "\u{2126}",
            "\u{FB2C}",
        ];
        let mut next = crate::test_support::xorshift(0x1234_5678_9abc_def1);
        for _ in 0..40_000 {
            let s = crate::test_support::random_text(&mut next, &pieces, 12);
            assert_eq!(key(&s), reference_key(&s), "{s:?}");
        }
    }

    /// The memo path: a run of U+FDFA folds as its decomposition does, and
    /// a megabyte of it folds fast (it took seconds).
    #[test]
    fn runs_of_wide_characters_fold_through_the_memo() {
        let run = "\u{FDFA}".repeat(3);
        assert_eq!(key(&run), reference_key(&run));
        let some = format!(
            "{} x {}",
            "\u{FDFA}".repeat(20_000),
            "\u{FDFA}".repeat(20_000)
        );
        assert_eq!(key_prefix(&some, usize::MAX), reference_key(&some));
        let big = "\u{FDFA}".repeat(350_000);
        let t = std::time::Instant::now();
        assert_eq!(
            key_prefix(&big, usize::MAX).len(),
            key("\u{FDFA}").len() * 350_000
        );
        assert!(
            t.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            t.elapsed()
        );
    }

    /// Texts longer than the chunks `fold` takes them in (ASCII runs and
    /// non-ASCII runs of several kilobytes, combining marks among them)
    /// give the reference key; a cut key is the start of the whole one,
    /// at most as long as asked, and `key` is cut at [`KEY_MAX`].
    #[test]
    fn long_texts_fold_in_chunks_and_cut_keys_are_prefixes() {
        let pieces = [
            "a",
            " ",
            "é",
            "e\u{301}",
            "\u{301}",
            "\u{327}\u{301}",
            "\u{FDFA}",
            "ǅ",
            "한",
            "\u{0F73}",
            "’",
            "Ω",
            "ﬁ",
            "-",
            "x",
            "\u{3392}",
        ];
        let mut next = crate::test_support::xorshift(0x0dd_ba11);
        for len in [3_000, 9_000, 20_000] {
            for _ in 0..20 {
                let s = crate::test_support::random_text(&mut next, &pieces, len);
                let whole = key_prefix(&s, usize::MAX);
                assert_eq!(whole, reference_key(&s));
                for max in [0, 1, 7, 100, 4_095, 4_096, 10_000] {
                    let cut = key_prefix(&s, max);
                    assert!(cut.len() <= max, "{} > {max}", cut.len());
                    assert!(whole.starts_with(&cut), "{max}");
                    assert!(!cut.ends_with(' '));
                }
            }
        }
        // Runs of one kind, longer than a chunk.
        for s in [
            "a".repeat(10_000),
            "é".repeat(10_000),
            "\u{FDFA}".repeat(5_000),
            format!("{}{}", "e".repeat(5_000), "\u{301}".repeat(5_000)),
        ] {
            assert_eq!(key_prefix(&s, usize::MAX), reference_key(&s));
        }
        let big = "mot ".repeat(100_000);
        assert_eq!(
            key(&big).len(),
            KEY_MAX - 1,
            "cut after a word, no final space"
        );
        assert!(reference_key(&big).starts_with(&key(&big)));
    }

    #[test]
    fn latin1_decompositions_start_with_a_starter() {
        use unicode_normalization::char::canonical_combining_class as ccc;
        for c in '\u{A0}'..='\u{FF}' {
            assert_eq!(ccc(c), 0, "{c:?}");
            let first = std::iter::once(c).nfkd().next();
            assert!(first.is_some_and(|d| ccc(d) == 0), "{c:?}");
        }
    }

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(
            key("Réhabilitation par le logement"),
            "rehabilitation par le logement"
        );
        assert_eq!(key("l’ARS Normandie"), "l ars normandie");
        assert_eq!(
            key("Rouen – Elbeuf – Pays-de-Bray"),
            "rouen elbeuf pays de bray"
        );
        assert_eq!(key("Mise en œuvre"), "mise en oeuvre");
        assert_eq!(
            key("  « Urgences psychiatriques »  "),
            "urgences psychiatriques"
        );
    }

    #[test]
    fn apostrophe_variants_give_one_key() {
        for s in ["l’ARS", "l'ARS", "l\u{02BC}ARS", "L’ars"] {
            assert_eq!(key(s), "l ars", "{s}");
        }
        assert_eq!(key("aujourd’hui"), key("aujourd'hui"));
    }

    #[test]
    fn hyphens_and_compounds_fold_to_spaces() {
        assert_eq!(key("médico-social"), "medico social");
        assert_eq!(key("Psycho-traumatisme"), "psycho traumatisme");
        assert_eq!(key("CTSM 2023-2028"), "ctsm 2023 2028");
    }

    #[test]
    fn decomposed_ligatures_and_capitals_fold() {
        assert_eq!(key("Re\u{301}habilitation"), "rehabilitation");
        assert_eq!(key("ﬁches-action"), "fiches action");
        assert_eq!(
            key("ÉQUIPE MOBILE « 1,2,3 ENFANT »"),
            "equipe mobile 1 2 3 enfant"
        );
        assert_eq!(key("ŒUVRE"), "oeuvre");
        assert_eq!(key("vitæ"), "vitae");
        assert_eq!(key("Mise en œuvre"), "mise en oeuvre");
        assert_eq!(key("CAYRE Virginie"), "cayre virginie");
    }

    #[test]
    fn non_breaking_spaces_and_symbols_fold() {
        assert_eq!(key("625\u{202F}616\u{A0}€"), "625 616");
        assert_eq!(key("📞 03.76.33.01.15"), "03 76 33 01 15");
        assert_eq!(key("En savoir +"), "en savoir");
    }

    #[test]
    fn empty_or_punctuation_only_gives_empty_key() {
        assert_eq!(key(""), "");
        assert_eq!(key(" – … « » "), "");
    }

    #[test]
    fn word_keys_by_character_are_the_key_without_spaces() {
        let latin1 = ('\u{A0}'..='\u{FF}').filter(|c| c.is_alphanumeric());
        for c in latin1 {
            for word in [format!("{c}"), format!("Ab{c}{c}9"), format!("{c}x{c}")] {
                let mut out = String::from("pre");
                assert!(super::push_word_key(&word, &mut out), "{word}");
                assert_eq!(out, format!("pre{}", key(&word).replace(' ', "")), "{word}");
            }
        }
        let mut out = String::from("pre");
        assert!(!super::push_word_key("cœur", &mut out));
        assert_eq!(out, "pre");
    }

    #[test]
    fn key_is_idempotent() {
        let k = key("Réhabilitation psychosociale: Poursuite de la mise en place des Centres");
        assert_eq!(key(&k), k);
    }

    #[test]
    fn plain_separators_decompose_into_separators() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| super::plain_separator(c))
        {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            for d in std::iter::once(c).nfkd() {
                assert_eq!(canonical_combining_class(d), 0, "{c:?}");
                assert!(!d.is_alphanumeric(), "{c:?}");
                assert!(!unicode_normalization::char::is_combining_mark(d), "{c:?}");
            }
            assert_eq!(key(&format!("a{c}b")), "a b");
        }
    }
}
