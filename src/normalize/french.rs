//! French typographic rules, each a small function that borrows when the
//! input is already clean.
//!
//! They work on one line of text (no `\n` inside). [`clean_line`] chains the
//! rules that are independent of context; quote pairing needs the whole
//! logical line and is done by [`straight_quotes`] then [`guillemet_spacing`]
//! once reflow has decided which pieces belong together.

use std::borrow::Cow;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// The canonical apostrophe: U+2019 RIGHT SINGLE QUOTATION MARK, as French
/// typography and most French public documents use it ("aujourd’hui").
pub const APOSTROPHE: char = '\u{2019}';

/// Applies `f` to a `Cow` and keeps the borrow when nothing changed.
fn then<'a>(c: Cow<'a, str>, f: impl Fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match c {
        Cow::Borrowed(s) => f(s),
        Cow::Owned(s) => match f(&s) {
            Cow::Borrowed(_) => Cow::Owned(s),
            Cow::Owned(t) => Cow::Owned(t),
        },
    }
}

/// Rewrites `s` char by char when `dirty` says some char needs it.
fn map_chars<'a>(
    s: &'a str,
    dirty: impl Fn(char) -> bool,
    mut f: impl FnMut(char, &mut String),
) -> Cow<'a, str> {
    if !s.chars().any(&dirty) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        f(c, &mut out);
    }
    Cow::Owned(out)
}

/// Unicode NFC: "e\u{301}" (e + combining acute) becomes "é", so that
/// searching and keys see one form.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Invisible characters that carry nothing for a reader: zero-width space,
/// word joiner, and a byte-order mark met in the middle of a text.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Removes control characters (C0, DEL, C1) and invisible format characters.
/// A tab becomes a space: it separated words.
pub fn remove_controls(s: &str) -> Cow<'_, str> {
    map_chars(
        s,
        |c| c.is_control() || is_invisible(c),
        |c, out| {
            if c == '\t' {
                out.push(' ');
            } else if !c.is_control() && !is_invisible(c) {
                out.push(c);
            }
        },
    )
}

/// Removes soft hyphens (U+00AD): they only mark where a word may break.
pub fn remove_soft_hyphens(s: &str) -> Cow<'_, str> {
    if !s.contains('\u{AD}') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace('\u{AD}', ""))
}

/// Splits the Latin typographic ligatures that PDF fonts emit (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ
/// ﬆ). Œ/œ and Æ/æ are French letters, not ligatures here: they stay.
pub fn split_ligatures(s: &str) -> Cow<'_, str> {
    map_chars(
        s,
        |c| ('\u{FB00}'..='\u{FB06}').contains(&c),
        |c, out| match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        },
    )
}

/// Whether `c` is a bullet of the Symbol or Wingdings fonts that a PDF
/// without a Unicode map leaves in the Private Use Area ("" U+F0B7 is
/// Symbol's bullet).
fn is_symbol_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F0D8}'
            | '\u{F0FC}'
            | '\u{F076}'
            | '\u{F0E0}'
            | '\u{F0E8}'
            | '\u{F06C}'
            | '\u{F06E}'
            | '\u{F0A8}'
            | '\u{F0F0}'
            | '\u{F0C4}'
    )
}

/// The bullets of the Symbol and Wingdings fonts written as the Unicode
/// characters they draw: U+F0B7 "•", U+F0A7 "▪", U+F0D8 "➢", U+F0FC "✔",
/// U+F076 "❖", U+F0E0 and U+F0F0 "→", U+F0E8 and U+F0C4 "➔", U+F06C "●",
/// U+F06E "■", U+F0A8 "◦". List markers then read the same whatever the
/// font.
pub fn symbol_bullets(s: &str) -> Cow<'_, str> {
    map_chars(s, is_symbol_bullet, |c, out| {
        out.push(match c {
            '\u{F0B7}' => '•',
            '\u{F0A7}' => '▪',
            '\u{F0D8}' => '➢',
            '\u{F0FC}' => '✔',
            '\u{F076}' => '❖',
            '\u{F0E0}' | '\u{F0F0}' => '→',
            '\u{F0E8}' | '\u{F0C4}' => '➔',
            '\u{F06C}' => '●',
            '\u{F06E}' => '■',
            '\u{F0A8}' => '◦',
            c => c,
        })
    })
}

/// True for the Unicode space characters other than U+0020 that appear in
/// French text: no-break space (before « : ; ! ? » and in "625 616 €"),
/// narrow no-break space, the fixed-width spaces, ideographic space.
pub fn is_special_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Every space character becomes a plain space, so that "625 616 €" written
/// with U+202F and U+00A0 reads "625 616 €" with ordinary spaces.
pub fn plain_spaces(s: &str) -> Cow<'_, str> {
    map_chars(s, is_special_space, |c, out| {
        out.push(if is_special_space(c) { ' ' } else { c })
    })
}

/// Characters used for an apostrophe besides the canonical one.
fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`')
}

/// One canonical apostrophe, U+2019: "l'ARS", "aujourdʼhui", "l‘offre" →
/// "l’ARS", "aujourd’hui", "l’offre". U+02BC (modifier letter apostrophe) is
/// always an apostrophe. The others (`'`, U+2018, `´`, `` ` ``) are only
/// taken for one between two letters, where an elision or "aujourd’hui"
/// puts it; elsewhere they may be quotes and stay as written.
pub fn apostrophes(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_apostrophe_like) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let between_letters = prev.is_some_and(char::is_alphabetic)
            && chars.peek().is_some_and(|n| n.is_alphabetic());
        if c == '\u{02BC}' || (is_apostrophe_like(c) && between_letters) {
            out.push(APOSTROPHE);
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Collapses runs of spaces into one and trims both ends.
pub fn collapse_spaces(s: &str) -> Cow<'_, str> {
    let clean = !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ");
    if clean && !s.chars().any(|c| c.is_whitespace() && c != ' ') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// A line whose parts stand apart on the page ("PTSM du Finistère
/// [40 spaces] Sommaire", two logos side by side, a table row laid out
/// with spaces): each part cleaned by [`clean_line`], the parts joined by
/// a tab, so that later stages do not read them as one phrase. A run of
/// four spaces or more, or a tab, between two parts separates them.
pub fn clean_line_cells(s: &str) -> Cow<'_, str> {
    let inner = s.trim();
    if !inner.contains("    ") && !inner.contains('\t') {
        return clean_line(s);
    }
    let mut cells: Vec<String> = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let cut = next_gap(rest);
        let cell = clean_line(&rest[..cut]);
        if !cell.is_empty() {
            cells.push(cell.into_owned());
        }
        rest = rest[cut..].trim_start_matches([' ', '\t']);
    }
    Cow::Owned(cells.join("\t"))
}

/// Where the first gap of `s` starts (four spaces or a tab), or its
/// length: both looked for in one pass (finding each to the end of the
/// line at every cell was quadratic in a long line).
fn next_gap(s: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = b
        .get(from..)
        .and_then(|rest| memchr::memchr2(b' ', b'\t', rest))
    {
        let at = from + p;
        if b.get(at) == Some(&b'\t') || b.get(at..at + 4) == Some(b"    ") {
            return at;
        }
        from = at + 1;
    }
    s.len()
}

/// Every context-free rule, in order: controls, soft hyphens, ligatures,
/// Symbol-font bullets, NFC, spaces, apostrophes, curly double quotes, whitespace collapse.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if already_clean(s) {
        return Cow::Borrowed(s);
    }
    let c = remove_controls(s);
    let c = then(c, remove_soft_hyphens);
    let c = then(c, split_ligatures);
    let c = then(c, symbol_bullets);
    let c = then(c, nfc);
    let c = then(c, plain_spaces);
    let c = then(c, apostrophes);
    let c = then(c, curly_quotes);
    let c = then(c, ellipsis);
    let c = then(c, collapse_spaces);
    then(c, spaced_dash)
}

/// A hyphen standing between two spaces is a dash: French typesetting
/// writes "Rouen – Elbeuf", "EHPAD – priorité 2" with an en dash, plain-text
/// renderings and typed text with "-". Only the spaced form is touched:
/// "médico-social", "2023-2028" and a leading list marker "- " are not.
pub fn spaced_dash(s: &str) -> Cow<'_, str> {
    if !s.contains(" - ") {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace(" - ", " – "))
}

/// Three full stops become the ellipsis "…" (U+2026), the form French
/// typesetting uses: word processors write "…", LaTeX's `\ldots` and
/// typed text "...", and an item must read the same from either source.
/// Runs of four or more (dot leaders, elisions "[....]") are left alone.
pub fn ellipsis(s: &str) -> Cow<'_, str> {
    if !s.contains("...") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('.') {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let run = tail.bytes().take_while(|&b| b == b'.').count();
        if run == 3 {
            out.push('…');
        } else {
            out.push_str(tail.get(..run).unwrap_or_default());
        }
        rest = tail.get(run..).unwrap_or_default();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// True when no rule of [`clean_line`] would touch `s` (then each returns
/// it borrowed): one pass over the characters instead of eight, for the
/// common case. `false` only means "run the rules".
fn already_clean(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    // The two characters before `c`, for "  ", "..." and " - ".
    let (mut prev, mut prev2) = ('\0', '\0');
    // Below U+0300 every character is NFC_QC=Yes with combining class 0
    // (see the test `below_u0300_every_char_is_nfc_stable`), and so is the
    // punctuation of French text past it ([`nfc_inert`]): the NFC quick
    // check is only needed for other characters.
    let mut beyond_u0300 = false;
    for c in s.chars() {
        let touched = match c {
            ' ' => prev == ' ' || (prev == '-' && prev2 == ' '),
            '.' => prev == '.' && prev2 == '.',
            '\'' | '`' => true,
            '!'..='~' => false,
            c if c.is_ascii() => true,
            c => {
                beyond_u0300 |= !nfc_inert(c);
                c.is_control()
                    || is_invisible(c)
                    || c == '\u{AD}'
                    || ('\u{FB00}'..='\u{FB06}').contains(&c)
                    || is_symbol_bullet(c)
                    || c.is_whitespace()
                    || is_apostrophe_like(c)
                    || matches!(c, '\u{201C}' | '\u{201D}')
            }
        };
        if touched {
            return false;
        }
        (prev2, prev) = (prev, c);
    }
    !beyond_u0300
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Characters that are NFC_QC=Yes with combining class 0: a text made of
/// them only is NFC whatever their order. Everything below U+0300, and the
/// punctuation, currency signs, arrows, shapes and dingbats that French
/// documents write past it ("’" "–" "…" "€" "→" "▪" "✓"; see the test
/// `nfc_inert_chars_are_nfc_stable`), so that a line with an apostrophe
/// is not quick-checked.
fn nfc_inert(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{2FF}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{20A0}'..='\u{20C0}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{25A0}'..='\u{25FF}'
            | '\u{2700}'..='\u{27BF}'
    )
}

/// English curly double quotes “ ” become French guillemets « ».
pub fn curly_quotes(s: &str) -> Cow<'_, str> {
    map_chars(
        s,
        |c| matches!(c, '\u{201C}' | '\u{201D}'),
        |c, out| {
            out.push(match c {
                '\u{201C}' => '«',
                '\u{201D}' => '»',
                c => c,
            })
        },
    )
}

/// Straight double quotes `"` become « and » alternately. `open` carries
/// the state across the pieces of one logical line (a quotation may wrap).
/// The caller only asks for this when the logical line holds an even
/// number of `"`: an odd count cannot be paired without guessing.
pub fn straight_quotes<'a>(s: &'a str, open: &mut bool) -> Cow<'a, str> {
    if !s.contains('"') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c == '"' {
            out.push(if *open { '»' } else { '«' });
            *open = !*open;
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Exactly one space inside guillemets: "«Urgences»", "«  Urgences »" →
/// "« Urgences »". The space is a plain one (see [`plain_spaces`]). Leading
/// and trailing spaces of the result are trimmed: a guillemet at the edge
/// of a wrapped line gets its space from the join.
pub fn guillemet_spacing(s: &str) -> Cow<'_, str> {
    // One `memchr` search for the lead byte that « (C2 AB) and » (C2 BB)
    // share, rather than a char search for each or decoding every char
    // against a set: most lines have none (the byte starts only the
    // chars U+0080 to U+00BF: « » ° ² ·).
    if !s.as_bytes().contains(&0xC2) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                out.push('«');
                while chars.peek().is_some_and(|n| *n == ' ') {
                    chars.next();
                }
                out.push(' ');
            }
            '»' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push('»');
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::ptr_arg)]
    fn borrowed(c: &Cow<'_, str>) -> bool {
        // A reference so that the assertions can keep using the value.
        matches!(c, Cow::Borrowed(_))
    }

    /// The one-pass check agrees with the rules: whenever it says a line is
    /// clean, the rules leave it as it is.
    #[test]
    fn below_u0300_every_char_is_nfc_stable() {
        for c in ('\0'..'\u{300}').chain(['a']) {
            assert_eq!(
                unicode_normalization::is_nfc_quick([c, 'a'].into_iter()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn nfc_inert_chars_are_nfc_stable() {
        for c in (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| nfc_inert(c))
        {
            assert_eq!(
                unicode_normalization::is_nfc_quick([c, 'a', c].into_iter()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn already_clean_lines_are_left_alone_by_every_rule() {
        let pieces = [
            "a", "é", " ", "  ", "'", "’", "`", "\t", "\u{a0}", "\u{202f}", "\u{ad}", "ﬁ",
            "e\u{301}", "\u{301}", "“", "”", "«", "»", "\u{200b}", "\u{85}", "\u{2018}", "\u{2bc}",
            "´", "œ", "€", "–", "→", "▪", "1", "\u{2028}", "\u{3000}", "Ω", "한", ".", "..", "-",
            " - ",
        ];
        let mut next = crate::test_support::xorshift(0x5151_2323_7777_9999);
        let mut clean = 0;
        for _ in 0..50_000 {
            let s = crate::test_support::random_text(&mut next, &pieces, 8);
            if already_clean(&s) {
                clean += 1;
                let mut c = remove_controls(&s).into_owned();
                for rule in [
                    remove_soft_hyphens,
                    split_ligatures,
                    symbol_bullets,
                    nfc,
                    plain_spaces,
                    apostrophes,
                    curly_quotes,
                    ellipsis,
                    collapse_spaces,
                    spaced_dash,
                ] {
                    c = rule(&c).into_owned();
                }
                assert_eq!(c, s, "{s:?}");
            }
        }
        assert!(clean > 1000, "{clean}");
    }

    #[test]
    fn nfc_composes_decomposed_accents() {
        assert_eq!(nfc("sante\u{301} mentale"), "santé mentale");
        assert!(borrowed(&nfc("santé mentale")));
    }

    #[test]
    fn controls_are_removed_and_tabs_become_spaces() {
        assert_eq!(
            remove_controls("l’ARS\u{0}\u{7} Normandie"),
            "l’ARS Normandie"
        );
        assert_eq!(
            remove_controls("Actions\tcontractualisées"),
            "Actions contractualisées"
        );
        assert_eq!(remove_controls("mé\u{200B}dico\u{FEFF}"), "médico");
        assert_eq!(remove_controls("fin\u{85}"), "fin");
        assert!(borrowed(&remove_controls("aucun contrôle")));
    }

    #[test]
    fn soft_hyphens_are_removed() {
        assert_eq!(
            remove_soft_hyphens("dé\u{AD}ve\u{AD}lop\u{AD}pement"),
            "développement"
        );
        assert!(borrowed(&remove_soft_hyphens("développement")));
    }

    #[test]
    fn ligatures_split_but_oe_and_ae_stay() {
        assert_eq!(split_ligatures("ﬁches-action"), "fiches-action");
        assert_eq!(
            split_ligatures("eﬃcience, aﬄux, eﬀets, ﬂuidiﬁer"),
            "efficience, afflux, effets, fluidifier"
        );
        assert_eq!(split_ligatures("ﬆ ﬅ"), "st st");
        assert!(borrowed(&split_ligatures("mise en œuvre, curriculum vitæ")));
    }

    #[test]
    fn special_spaces_become_plain() {
        assert_eq!(plain_spaces("625\u{202F}616\u{A0}€"), "625 616 €");
        assert_eq!(plain_spaces("Contact presse\u{A0}:"), "Contact presse :");
        assert!(borrowed(&plain_spaces("625 616 €")));
    }

    #[test]
    fn apostrophes_become_u2019() {
        assert_eq!(apostrophes("aujourd'hui"), "aujourd’hui");
        assert_eq!(apostrophes("l'ARS"), "l’ARS");
        assert_eq!(apostrophes("l\u{02BC}offre"), "l’offre");
        assert_eq!(apostrophes("l\u{2018}évaluation"), "l’évaluation");
        assert_eq!(apostrophes("s´inscrivant"), "s’inscrivant");
        assert!(borrowed(&apostrophes("aujourd’hui")));
    }

    #[test]
    fn quoting_apostrophes_are_left_alone() {
        assert_eq!(apostrophes("le mot 'répit' seul"), "le mot 'répit' seul");
    }

    #[test]
    fn curly_quotes_become_guillemets() {
        assert_eq!(
            curly_quotes("“génération sans carie”"),
            "«génération sans carie»"
        );
    }

    #[test]
    fn straight_quotes_pair_across_pieces() {
        let mut open = false;
        assert_eq!(
            straight_quotes("le programme \"génération", &mut open),
            "le programme «génération"
        );
        assert!(open);
        assert_eq!(
            straight_quotes("sans carie\" en 2026", &mut open),
            "sans carie» en 2026"
        );
        assert!(!open);
    }

    #[test]
    fn guillemets_get_one_space_inside() {
        assert_eq!(
            guillemet_spacing("«Urgences psychiatriques»"),
            "« Urgences psychiatriques »"
        );
        assert_eq!(guillemet_spacing("«  Urgences »"), "« Urgences »");
        assert_eq!(guillemet_spacing("« Equipe mobile"), "« Equipe mobile");
        assert_eq!(guillemet_spacing("1,2,3 enfant »"), "1,2,3 enfant »");
        assert!(borrowed(&guillemet_spacing("« guillemets »")));
    }

    #[test]
    fn spaces_collapse_and_trim() {
        assert_eq!(collapse_spaces("  santé   mentale  "), "santé mentale");
        assert!(borrowed(&collapse_spaces("santé mentale")));
    }

    #[test]
    fn clean_line_chains_every_rule() {
        let s = "  l'ARS\u{A0}: \u{201C}Urgences\u{201D}\tet ﬁches, 625\u{202F}616\u{A0}€ ";
        assert_eq!(clean_line(s), "l’ARS : «Urgences» et fiches, 625 616 €");
        assert!(borrowed(&clean_line("médico-social")));
    }

    #[test]
    fn ellipsis_three_dots_only() {
        assert_eq!(ellipsis("EMPPA...)"), "EMPPA…)");
        assert_eq!(ellipsis("a... b..."), "a… b…");
        assert_eq!(ellipsis("Sommaire ....... 3"), "Sommaire ....... 3");
        assert_eq!(ellipsis("fin. Début.."), "fin. Début..");
        assert!(matches!(ellipsis("rien"), Cow::Borrowed(_)));
    }

    #[test]
    fn spaced_hyphen_is_a_dash() {
        assert_eq!(
            spaced_dash("Rouen - Elbeuf - Pays-de-Bray"),
            "Rouen – Elbeuf – Pays-de-Bray"
        );
        assert_eq!(spaced_dash("- item"), "- item");
        assert!(matches!(
            spaced_dash("médico-social 2023-2028"),
            Cow::Borrowed(_)
        ));
    }
}
