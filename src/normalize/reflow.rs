//! Line reflow: physical source lines → logical lines (one per paragraph,
//! heading or list item), with de-hyphenation and stray page numbers
//! dropped.
//!
//! # Two modes
//! - **Laid out** (`RawDoc::laid_out`, PDF): the layout layer already
//!   grouped lines into blocks separated by an empty line. Within a block
//!   every line is joined to the previous one, except a line that starts
//!   with a list marker, which starts a new logical line. Across a page
//!   break a block is continued only when the text evidently continues
//!   (see *strong continuation* below).
//! - **Guessed** (text files). Each pair of consecutive non-blank lines is
//!   judged, in this order:
//!   1. the second starts with a list marker → break;
//!   2. *strong continuation* → join: the second starts in lowercase, or
//!      the first ends with a comma, a hyphen after a letter, an article,
//!      preposition or conjunction ("de", "la", "à", "et"…, any case, so
//!      that "… DE LA MEUSE : UN" / "ENGAGEMENT COLLECTIF" joins), or leaves
//!      a guillemet or parenthesis open;
//!   3. the first ends with two or more spaces (PDF-to-text tools write a
//!      paragraph end that way, a wrapped line with one) or the second is
//!      indented while the first is not → break;
//!   4. more blank lines between them than the local norm → break. The
//!      norm is the smallest blank count among the neighbouring pairs: 1 in
//!      a region where the extractor put a blank line between every line
//!      (the raw Meuse release), 0 in ordinary wrapped text;
//!   5. the text is not hard-wrapped here (fewer than two strong
//!      continuations among the 6 pairs before and after, e.g. one
//!      paragraph per line as in the Normandie release) → break;
//!   6. *fit test*: join when the first word of the second line would not
//!      have fitted on the first one within the local wrap width (the
//!      wider of the nearest lines before and after, within 8 pairs, that
//!      evidently wrapped, i.e. began a strong continuation; no such line,
//!      no join; and never less than the widest line within 3), i.e. the
//!      line was full and its
//!      end was a wrap, even after a full stop; break otherwise.
//!
//! `gap_before` is true when at least one blank line (or, laid out, a block
//! boundary or page break) preceded the logical line in the source.

use std::borrow::Cow;

use super::{french, toc_entry, NormDoc, NormLine, Origin};
use crate::error::Warning;
use crate::ingest::{BBox, RawDoc, RawLine, TableRow};

/// Words after which a line cannot end a phrase: articles, prepositions,
/// conjunctions, elided forms. Compared in lowercase.
const HANGING: &[&str] = &[
    "le", "la", "les", "l’", "un", "une", "des", "du", "de", "d’", "à", "au", "aux", "en", "et",
    "ou", "pour", "par", "sur", "dans", "avec", "vers", "chez", "sans", "sous", "entre", "que",
    "qu’", "qui", "dont", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs",
    "notre", "nos", "votre", "vos", "mais", "ni", "car", "afin", "selon", "auprès", "lors", "dès",
    "depuis", "contre", "parmi", "via",
];

/// First parts of French compounds written with a hyphen: a line ending in
/// one of them followed by "-" keeps the hyphen ("médico-\\nsocial"). Kept
/// small on purpose: a syllable such as "ré-" or "pré-" is an ordinary
/// hyphenation point ("ré-\\nunion", "pré-\\nvention") and is joined.
/// "psycho-" is deliberately absent: "psychologue", "psychotraumatisme" are
/// written solid; the document's own spelling decides first (see
/// [`dehyphenate`]).
const COMPOUND_PREFIXES: &[&str] = &[
    "médico", "socio", "co", "post", "non", "sous", "semi", "demi", "mi", "vice", "ex", "sans",
    "extra", "grand", "grande", "arrière", "avant", "après", "bien", "rendez",
];

/// Second parts that always follow a hyphen ("celle-\\nci", "peut-\\nêtre").
const COMPOUND_SUFFIXES: &[&str] = &[
    "ci", "là", "même", "mêmes", "être", "il", "ils", "elle", "elles", "on", "t", "vous", "nous",
];

/// The list marker at the start of `s`, if any: "•", "→", "·", "-", "–",
/// "—", "▪", "■", "◦", "►", "➢", "✓", "✔", "*", a checklist's boxes ("☐",
/// "☒ 2."), the plain-text arrows "->"
/// and "=>", "1.", "1)", "1|", "1°", "a)", "ii)", "IV.", section numbers
/// ("4.3.1.") and their lettered parts ("1.a"), and labelled markers ("Axe 2 :", "Action 3.1 –", "FA n°9 –",
/// "Fiche action n°4 –", "Orientation 1 –"), followed by a space (or a
/// tab) and some text. Both reflow and segmentation decide with this one
/// function.
pub fn list_marker(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    let after = |n: usize| -> Option<&str> {
        let rest = s.get(n..)?;
        (rest.starts_with([' ', '\t']) && !rest.trim().is_empty())
            .then(|| s.get(..n))
            .flatten()
    };
    // Plain-text renderings write "→" as "->" (enscript, e-mails).
    if let Some(m) = ["->", "=>"].into_iter().find(|m| s.starts_with(m)) {
        return after(m.len());
    }
    // "» Former les équipes …": a site's arrow bullet, drawn as a closing
    // guillemet; a quotation's closing one is followed by its attribution
    // or punctuation, not by a capital.
    if first == '»' {
        let rest = s.get(first.len_utf8()..)?;
        if rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase) {
            return after(first.len_utf8());
        }
        return None;
    }
    // A checklist: "☒ 2. Parcours de santé …". The box and the number
    // are one marker, the item's text what follows them.
    if matches!(first, '☐' | '☒' | '☑' | '❑') {
        let n = first.len_utf8();
        let rest = s.get(n..)?;
        let spaces = rest.len() - rest.trim_start().len();
        if let Some(m) =
            list_marker(rest.trim_start()).filter(|m| m.starts_with(|c: char| c.is_ascii_digit()))
        {
            return after(n + spaces + m.len());
        }
        return after(n);
    }
    if matches!(
        first,
        '•' | '→'
            | '·'
            | '-'
            | '–'
            | '—'
            | '▪'
            | '■'
            | '◦'
            | '►'
            | '➢'
            | '✓'
            | '✔'
            | '➤'
            | '▶'
            | '◆'
            | '❖'
            | '□'
            | '▸'
            | '*'
            | '○'
            | '●'
            | '➔'
            // "> Fiche 1.2 : …", "› Fiche 3" (newsletters).
            | '>'
            | '›'
            // Circled numbers: "① Créer une équipe mobile", "➊ Promouvoir
            // la santé mentale", "❶", "➀".
            | '①'..='⑳'
            | '❶'..='❿'
            | '➀'..='➓'
    ) {
        return after(first.len_utf8());
    }
    // "o Action 1.1 – …": a word processor's second-level bullet (a
    // lowercase "o" in the Courier font) as text extraction gives it;
    // "o" alone before a capital is no French word.
    if first == 'o'
        && s.get(1..2) == Some(" ")
        && s[2..].trim_start().starts_with(|c: char| c.is_uppercase())
    {
        return after(1);
    }
    if first.is_alphabetic() {
        if let Some(n) = labelled_marker(s) {
            return after(n);
        }
    }
    // "1." "12)" "1|" "1°" "a)" "iv)" "IV.": up to 3 digits, or a letter /
    // short roman numeral closed by ")", or capital roman numerals closed
    // by "."; such a marker is at most 6 bytes long: the space after it is
    // looked for in the first 7 bytes only, not in the whole line.
    let word_end = s.bytes().take(7).position(|b| b == b' ' || b == b'\t');
    if let Some(word_end) = word_end {
        let word = s.get(..word_end)?;
        let close = word.chars().last()?;
        let body = word.get(..word.len().checked_sub(close.len_utf8())?)?;
        if !body.is_empty() {
            // "1°)": the degree sign before the parenthesis.
            let degree = close == ')'
                && body.strip_suffix('°').is_some_and(|d| {
                    !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
                });
            let digits = body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit()) || degree;
            // "a)", "iv)", and "a." / "A." (one letter and a dot).
            let letter = close == ')'
                && (body.chars().count() == 1 && body.chars().all(|c| c.is_alphabetic())
                    || body.len() <= 4 && body.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
                || close == '.' && body.len() == 1 && body.bytes().all(|b| b.is_ascii_alphabetic());
            // "IV.", and "ii." / "iii." after "i." (lowercase roman
            // numerals as a fiche's objectives are numbered).
            let roman = close == '.'
                && body.len() <= 4
                && (body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                    || body.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
            // ("1- Repérage précoce": a hyphen closes a number too.)
            if (digits && matches!(close, '.' | ')' | '|' | '°' | '/' | '-')) || letter || roman {
                return after(word_end);
            }
        }
    }
    // A section's lettered sub-part: "1.a", "2.b)" (a numbered section's
    // items, as tables of contents write them), then a capitalised word.
    if first.is_ascii_digit() {
        let b = s.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&digits)
            && b.get(digits) == Some(&b'.')
            && b.get(digits + 1).is_some_and(|c| c.is_ascii_lowercase())
        {
            let mut end = digits + 2;
            if matches!(b.get(end), Some(b')' | b'.')) {
                end += 1;
            }
            if s.get(end..).is_some_and(|r| {
                r.starts_with([' ', '\t']) && r.trim_start().starts_with(char::is_uppercase)
            }) {
                return after(end);
            }
        }
    }
    // A number and a spaced dash: "1 - la régulation des urgences", "2 –
    // la prévention".
    if first.is_ascii_digit() {
        let b = s.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits <= 2 && b.get(digits) == Some(&b' ') {
            let rest = &s[digits + 1..];
            if let Some(dash) = ["- ", "– ", "— "].iter().find(|d| rest.starts_with(**d)) {
                return after(digits + 1 + dash.len() - 1);
            }
            // "1 | déployer des équipes mobiles …" (a table's row has
            // other bars).
            if rest.starts_with("| ") && !rest[2..].contains(" | ") {
                return after(digits + 2);
            }
        }
    }
    // A lettered part's numbered items: "A.1. Former …", "B.12 Créer …"
    // (an objective's actions, as contracts number them), and "A1. Former
    // …", "D5. Associer …" (an axis's letter and the action's number).
    if first.is_ascii_uppercase() {
        let b = s.as_bytes();
        let digits = b
            .get(1..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        if (1..=2).contains(&digits) && matches!(b.get(1 + digits), Some(b'.' | b')')) {
            let end = 2 + digits;
            if s.get(end..).is_some_and(|r| {
                r.starts_with(' ') && r.trim_start().starts_with(char::is_uppercase)
            }) {
                return after(end);
            }
        }
        let digits = b
            .get(2..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        if b.get(1) == Some(&b'.') && (1..=2).contains(&digits) {
            let mut end = 2 + digits;
            if b.get(end) == Some(&b'.') {
                end += 1;
            }
            if s.get(end..).is_some_and(|r| {
                r.starts_with([' ', '\t']) && r.trim_start().starts_with(char::is_uppercase)
            }) {
                return after(end);
            }
        }
    }
    // Section numbers "1.1.", "4.3.1.", "2.3" (two to four levels).
    if first.is_ascii_digit() {
        let end = s
            .bytes()
            .take(12)
            .position(|b| !(b.is_ascii_digit() || b == b'.'))?;
        let num = s.get(..end)?;
        let parts: Vec<&str> = num.trim_end_matches('.').split('.').collect();
        if (2..=4).contains(&parts.len())
            && parts.iter().all(|p| (1..=2).contains(&p.len()))
            && s.get(end..)?.starts_with([' ', '\t'])
            && s.get(end..)?
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
            && !s
                .get(end..)?
                .split_whitespace()
                .next()
                .is_some_and(|w| w.len() <= 4 && w.chars().all(|c| c.is_uppercase()))
        {
            return after(end);
        }
    }
    None
}

/// Label words of labelled markers, longest first: "Fiche action n°4 –",
/// "FA n°9 –", "Axe 2 :", "Action 3.1 –", "Orientation 1 –".
const MARKER_LABELS: &[&str] = &[
    "fiche-action",
    "fiche action",
    "fiches action",
    "orientation",
    "thématique",
    "objectif",
    "priorité",
    "chantier",
    "mesure",
    "action",
    "fiche",
    "volet",
    "enjeu",
    "groupe",
    "axe",
    "fa",
    "gt",
];

/// Qualifiers that may follow a label before its number: "Orientation
/// stratégique n°1 :", "Objectif opérationnel 1.1 –", "Groupe de travail
/// 2 :".
const LABEL_QUALIFIERS: &[&str] = &[
    "stratégique",
    "stratégiques",
    "opérationnel",
    "opérationnelle",
    "opérationnels",
    "prioritaire",
    "prioritaires",
    "spécifique",
    "général",
    "générale",
    "de travail",
    "thématique",
];

/// The byte length of a labelled marker at the start of `s` (label,
/// optional "n°", a number such as "3", "3.1" or "IV", and a separator
/// ":", "–", "-", "—", "."), if there is one.
/// The first `n` characters of `s`, lowercased. An ASCII start (most
/// lines) is its own characters, one a byte: lowercased without decoding
/// (every list item is asked for its label).
fn lower_start(s: &str, n: usize) -> String {
    let b = s.as_bytes();
    let k = b.len().min(n);
    match (b.get(..k), s.get(..k)) {
        (Some(head), Some(start)) if head.is_ascii() => start.to_ascii_lowercase(),
        _ => s.chars().take(n).flat_map(char::to_lowercase).collect(),
    }
}

fn labelled_marker(s: &str) -> Option<usize> {
    // "P2 – Parcours de santé …": a decree priority's number as fiches
    // write it, a capital P and the digit, then a separator.
    let b = s.as_bytes();
    if b.first() == Some(&b'P') && b.get(1).is_some_and(|d| (b'1'..=b'6').contains(d)) {
        let mut i = 2;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        let rest = s.get(i..)?;
        // ("P1 = l’accès aux soins …", as a list of priorities writes it.)
        return ["–", "—", "-", ":", "="]
            .iter()
            .find(|sep| rest.starts_with(**sep))
            .filter(|_| i > 2 || !rest.starts_with('-'))
            .map(|sep| i + sep.len());
    }
    // The label, compared in lowercase on at most its own length.
    let head = lower_start(s, 14);
    let label = MARKER_LABELS.iter().find(|l| head.starts_with(*l))?;
    // "FA" and "GT" only in capitals: "fa" is no French word, but "Fa"
    // could start a name.
    if (*label == "fa" && !s.starts_with("FA")) || (*label == "gt" && !s.starts_with("GT")) {
        return None;
    }
    // Byte length of the label in `s` (same number of chars).
    let mut i = s
        .char_indices()
        .nth(label.chars().count())
        .map_or(s.len(), |(i, _)| i);
    let bytes = s.as_bytes();
    let skip_spaces = |i: &mut usize| {
        while bytes.get(*i).is_some_and(|&b| b == b' ') {
            *i += 1;
        }
    };
    // The label is a whole word.
    if bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    skip_spaces(&mut i);
    // "stratégique", "opérationnel", "de travail".
    let rest = s.get(i..)?;
    let lower = lower_start(rest, 16);
    if let Some(q) = LABEL_QUALIFIERS.iter().find(|q| {
        lower.starts_with(*q) && !lower[q.len()..].starts_with(|c: char| c.is_alphabetic())
    }) {
        // Same number of chars in `rest` as in its lowercase form.
        i += rest
            .char_indices()
            .nth(q.chars().count())
            .map_or(rest.len(), |(n, _)| n);
        skip_spaces(&mut i);
    }
    // "n°", "N°", "n °", "no".
    let rest = s.get(i..)?;
    for p in ["n°", "N°", "n °", "N °", "n.", "no "] {
        if rest.starts_with(p) {
            i += p.len();
            skip_spaces(&mut i);
            break;
        }
    }
    // The number: digits with dots, or capital roman numerals.
    let start = i;
    while bytes
        .get(i)
        .is_some_and(|&b| b.is_ascii_digit() || b == b'.')
    {
        i += 1;
    }
    if i == start {
        while bytes
            .get(i)
            .is_some_and(|&b| matches!(b, b'I' | b'V' | b'X'))
        {
            i += 1;
        }
    }
    // "Orientation A –": one capital letter, with a separator after it.
    let mut letter = false;
    if i == start
        && bytes.get(i).is_some_and(u8::is_ascii_uppercase)
        && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        i += 1;
        letter = true;
    }
    if i == start || i - start > 6 {
        return None;
    }
    if letter {
        let mut j = i;
        skip_spaces(&mut j);
        let rest = s.get(j..)?;
        // ("Objectif stratégique A. Mieux repérer": a dot too.)
        return [":", "–", "—", "-", ")", "."]
            .iter()
            .find(|sep| rest.starts_with(**sep))
            .map(|sep| j + sep.len());
    }
    // "3." ends the number: the dot is the separator.
    let number_dot = bytes.get(i - 1) == Some(&b'.');
    let number_end = i;
    skip_spaces(&mut i);
    let rest = s.get(i..)?;
    // ("GT1 · Crise et urgence": a middle dot too.)
    for sep in [":", "–", "—", "-", ".", ")", "|", "·"] {
        if rest.starts_with(sep) {
            return Some(i + sep.len());
        }
    }
    // "Action 3. Former": the number's own dot.
    if number_dot {
        return Some(number_end);
    }
    // "Action 1.1 Former les médecins …" (a table of contents writes no
    // separator): a number with a dot inside, then a capitalised word;
    // "FA 3 Renforcer les CMP": a fiche's own label needs no dot.
    let inner_dot = s.get(start..number_end).is_some_and(|n| n.contains('.'));
    let fiche_label = matches!(*label, "fa" | "fiche action" | "fiche-action");
    ((inner_dot || fiche_label) && i > number_end && rest.starts_with(|c: char| c.is_uppercase()))
        .then_some(number_end)
}

/// A line that is only a rule: three or more of one of `=`, `-`, `_`, `*`,
/// `~` ("=====" under a plain-text heading, "-----" between sections). It
/// is never joined to a neighbour.
pub fn is_rule_line(s: &str) -> bool {
    let t = s.trim();
    let mut chars = t.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    matches!(c, '=' | '-' | '_' | '*' | '~') && t.len() >= 3 && chars.all(|d| d == c)
}

/// True when `s` is nothing but a list marker: extractors often put the
/// bullet on a line of its own, the item text on the next.
pub fn is_lone_marker(s: &str) -> bool {
    // A marker has no space or tab and is at most 5 bytes long ("iv)",
    // "12)", "a)" with any one letter): longer lines need no probe.
    if s.len() > 5 {
        return false;
    }
    let probe = format!("{s} x");
    list_marker(&probe) == Some(s)
}

/// The page number a line consists of, if it is only that: "12", "- 12 -",
/// "– 12 –", "12/30", "Page 12", "page 12 sur 30".
pub fn page_number(s: &str) -> Option<u32> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    // Lowercased, the line must start with "page" or a digit, and only
    // "p"/"P" lowercase to a leading "p", only digits to a digit (see the
    // test `only_p_and_digits_lowercase_to_p_and_digits`): most lines are
    // refused before anything is lowercased.
    if !t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'p' | 'P')) {
        return None;
    }
    // A line starting with "p" can only be "page …": only ASCII letters
    // lowercase to "a", "g" or "e" (see the test
    // `only_ascii_lowercases_to_a_g_e`), so its lowercase starts with
    // "page" only when it does in ASCII, and whatever else follows a "p"
    // is no number. Most such lines ("pour", "Plan") are refused here,
    // not lowercased.
    if !t.starts_with(|c: char| c.is_ascii_digit())
        && !t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("page"))
    {
        return None;
    }
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("page")
        .map(str::trim_start)
        .unwrap_or(&lower);
    let num = match t.split_once(['/', ' ']) {
        Some((n, rest)) => {
            let rest = rest
                .trim()
                .strip_prefix("sur")
                .map(str::trim)
                .unwrap_or(rest.trim());
            if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            n
        }
        None => t,
    };
    if num.is_empty() || num.len() > 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    num.parse().ok()
}

/// How a wrapped line is joined to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// With a space.
    Space,
    /// The line ended with a hyphenation hyphen: drop it, no space.
    DropHyphen,
    /// The line ended with a real hyphen ("médico-"): keep it, no space.
    KeepHyphen,
    /// The line ended with a soft hyphen (already removed): no space.
    Direct,
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

/// True when `a` ends with a letter followed by a hyphen.
fn ends_with_word_hyphen(a: &str) -> bool {
    let mut rev = a.chars().rev();
    matches!(rev.next(), Some('-' | '\u{2010}')) && rev.next().is_some_and(char::is_alphanumeric)
}

/// Decides a line-end hyphen: `a` ends with "-", `b` is the next line.
/// `seen` tells whether the document writes a word elsewhere (lowercase).
///
/// In order: the document's own usage (the hyphenated form seen elsewhere
/// → keep, even if the solid one is seen too; only the solid one → drop); the second part capitalised
/// or a digit ("Pays-de-\\nBray", "2023-\\n2028") → keep; the first part
/// already a compound ("Pays-de-") or a number → keep; a known second part
/// ("-ci", "-même") or first part (`COMPOUND_PREFIXES`) → keep; otherwise
/// a hyphenation point → drop ("dé-\\nveloppement").
pub fn dehyphenate(a: &str, b: &str, seen: &dyn Fn(&str) -> bool) -> Join {
    let Some((stem, left, right)) = hyphen_parts(a, b) else {
        return Join::KeepHyphen;
    };
    let Some(first) = right.chars().next() else {
        return Join::KeepHyphen;
    };
    // An e-mail address or a web address broken at one of its own
    // hyphens ("clsm.montlucon@ville-/montlucon.fr"): no word to rebuild.
    let address = |w: &str| w.contains('@') || w.contains("://") || w.starts_with("www.");
    if address(stem) || address(right) {
        return Join::KeepHyphen;
    }
    let l = left.to_lowercase();
    let r = right.to_lowercase();
    let [hyphenated, solid] = joined(&l, &r).map(|w| seen(&w));
    // Both seen: keep. A compound always breaks at its hyphen, a solid
    // word only sometimes at that very syllable.
    if hyphenated {
        return Join::KeepHyphen;
    }
    if solid {
        return Join::DropHyphen;
    }
    if first.is_uppercase() || first.is_ascii_digit() {
        return Join::KeepHyphen;
    }
    // "Pays-de-", "d’ores-et-": already a compound, the hyphen is one of
    // its own. Not when the last part is a one- or two-letter syllable
    // that is no word ("médico-so-/cial" is médico-social hyphenated).
    let syllable = left.chars().count() <= 2 && !HANGING.contains(&l.as_str());
    if stem.contains(['-', '\u{2010}']) && !syllable || left.chars().all(|c| c.is_ascii_digit()) {
        return Join::KeepHyphen;
    }
    if COMPOUND_SUFFIXES.contains(&r.as_str()) || COMPOUND_PREFIXES.contains(&l.as_str()) {
        return Join::KeepHyphen;
    }
    Join::DropHyphen
}

/// The parts [`dehyphenate`] looks at for `a` ending with a hyphen and
/// its next line `b`: the last word of `a` without its final hyphen (the
/// stem), the stem's last part, and the first word of `b` without trailing
/// punctuation; `None` when either part is empty (the hyphen is kept
/// without looking anything up).
fn hyphen_parts<'a, 'b>(a: &'a str, b: &'b str) -> Option<(&'a str, &'a str, &'b str)> {
    let word = last_word(a);
    let stem = word.trim_end_matches(['-', '\u{2010}']);
    let left = stem.rsplit(['-', '\u{2010}']).next().unwrap_or(stem);
    let right_word = first_word(b);
    let right: &str = right_word.trim_end_matches(|c: char| !c.is_alphanumeric());
    (!left.is_empty() && !right.is_empty()).then_some((stem, left, right))
}

/// The two words [`dehyphenate`] asks `seen` about for `a` and `b`, known
/// before the document is scanned (see `Vocabulary`).
fn lookups(a: &str, b: &str) -> Option<[String; 2]> {
    let (_, left, right) = hyphen_parts(a, b)?;
    Some(joined(&left.to_lowercase(), &right.to_lowercase()))
}

/// The compound and the solid word of lowercase parts `l` and `r`:
/// "l-r" and "lr", what [`dehyphenate`] looks up.
fn joined(l: &str, r: &str) -> [String; 2] {
    [format!("{l}-{r}"), format!("{l}{r}")]
}

/// A non-blank source line, cleaned: borrowed from the source line when
/// cleaning left it as it was (most lines), so that no line is copied
/// before the logical lines are written.
#[derive(Debug, Clone)]
struct Phys<'a> {
    text: Cow<'a, str>,
    /// Chars of `text`.
    width: usize,
    source_line: u32,
    page: u32,
    bbox: Option<BBox>,
    /// Blank lines between this line and the previous non-blank one.
    blanks_before: usize,
    page_break_before: bool,
    /// The raw line ended with two or more spaces.
    hard_end: bool,
    /// The raw line started with a space.
    indented: bool,
    /// The raw line ended with a soft hyphen.
    soft_hyphen_end: bool,
    /// A table row: a logical line of its own, its cells written from
    /// [`RawDoc::tables`] (see [`write_row`]).
    table: Option<TableRow>,
}

/// Source line `n` (1-based, in the whole document) of page `page`,
/// cleaned, without the blank lines before it and the page break (set by
/// [`collect`], which knows the lines before): French typography is the
/// line's alone, so that a long document's lines are cleaned on the pool.
/// `None` for a blank line.
fn clean((page, n, line): (u32, u32, &RawLine)) -> Option<Phys<'_>> {
    // A table row keeps its fields (one per grid column, empty ones
    // included); other lines have the parts that stand apart on the page
    // joined by a tab.
    let text = if line.table.is_some() {
        french::clean_line(&line.text)
    } else {
        french::clean_line_cells(&line.text)
    };
    if text.is_empty() && line.table.is_none() {
        return None;
    }
    // A line `clean_line` left as it was has no control character
    // (removing them is its first rule).
    let no_ctrl = match &text {
        Cow::Borrowed(_) => Cow::Borrowed(line.text.as_str()),
        Cow::Owned(_) => french::remove_controls(&line.text),
    };
    let trimmed_end = no_ctrl.trim_end_matches(|c: char| c.is_whitespace());
    let trailing = no_ctrl.len() - trimmed_end.len();
    Some(Phys {
        width: text.chars().count(),
        text,
        source_line: line.source_line.unwrap_or(n),
        page,
        bbox: line.bbox,
        blanks_before: 0,
        page_break_before: false,
        hard_end: trailing >= 2,
        indented: no_ctrl.starts_with(|c: char| c.is_whitespace()),
        soft_hyphen_end: trimmed_end.ends_with('\u{AD}'),
        table: line.table,
    })
}

fn collect(raw: &RawDoc) -> Vec<Phys<'_>> {
    let lines: Vec<(u32, u32, &RawLine)> = raw
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(move |l| (p.number, l)))
        .zip(1u32..)
        .map(|((page, l), n)| (page, n, l))
        .collect();
    let bytes: usize = lines.iter().map(|(_, _, l)| l.text.len()).sum();
    let cleaned = crate::par::map(bytes >= crate::par::MIN_TEXT, lines, clean);
    let mut blanks = 0usize;
    let mut last_page: Option<u32> = None;
    // (Collected in place: one buffer of lines, not two.)
    cleaned
        .into_iter()
        .filter_map(|phys| {
            let Some(mut phys) = phys else {
                blanks += 1;
                return None;
            };
            phys.blanks_before = blanks;
            phys.page_break_before = last_page.is_some_and(|p| p != phys.page);
            last_page = Some(phys.page);
            blanks = 0;
            Some(phys)
        })
        .collect()
}

/// Strong evidence that `b` continues the phrase `a` leaves open.
/// `b` starts higher on the same page than `a` ends: the text went on to
/// the top of the next column. Like a page break, the layout cannot tell
/// from geometry alone whether the paragraph continues there.
fn column_break(a: &Phys, b: &Phys) -> bool {
    match (a.bbox, b.bbox) {
        (Some(ab), Some(bb)) => a.page == b.page && bb[1] > ab[3],
        _ => false,
    }
}

/// `b` sits right under `a`, at about the distance of wrapped lines: the
/// layout's block boundary came from how `a` ends (short of the column),
/// not from paragraph spacing, and the words may still say that the
/// sentence goes on ("… DE LA MEUSE : UN" / "ENGAGEMENT COLLECTIF" in a
/// monospace rendering of a hard-wrapped text).
fn set_close(a: &Phys, b: &Phys) -> bool {
    match (a.bbox, b.bbox) {
        (Some(ab), Some(bb)) if a.page == b.page => {
            let height = (ab[3] - ab[1]).max(bb[3] - bb[1]);
            let step = ab[1] - bb[1];
            height > 0.0 && step > 0.0 && step < 1.3 * height
        }
        _ => false,
    }
}

fn strong_continuation(a: &Phys, b: &Phys) -> bool {
    let b_lower = b
        .text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
        && !b
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !address_alone(&b.text)
        && !b.text.starts_with("(c) ");
    let word = lowercase(last_word(&a.text));
    let open_quote = a.text.matches('«').count() > a.text.matches('»').count();
    let open_paren = a.text.matches('(').count() > a.text.matches(')').count();
    // "▪ Orienter vers la ressource adaptée" / "(CMP, psychiatre libéral,
    // psychologue)": a parenthesis that opens the next line is a
    // complement of this one, unless this one ended its sentence.
    // ("(c) Copyright 2024 …" is a copyright line.)
    let complement = b.text.starts_with('(')
        && !b.text.starts_with("(c)")
        && !b.text.starts_with("(C)")
        && b.text.contains(')')
        && !a.text.trim_end().ends_with(['.', '!', '?', ':', ';']);
    b_lower
        || complement
        || a.text.ends_with(',')
        || a.soft_hyphen_end
        || ends_with_word_hyphen(&a.text)
        || HANGING.contains(&word.as_ref())
        || open_quote
        || open_paren
}

/// A web or e-mail address alone on its line ("www.exemple.fr",
/// "https://…", "lamontagne.fr", "contact@exemple.fr"): a page's address
/// or a site's name printed at its head or foot, a contact's address,
/// lowercase but no continuation of the line above.
fn address_alone(s: &str) -> bool {
    let t = s.trim();
    !t.contains(char::is_whitespace)
        && (t.starts_with("http://")
            || t.starts_with("https://")
            || t.starts_with("www.")
            || [".fr", ".com", ".org", ".net", ".eu", ".re", ".info"]
                .iter()
                .any(|tld| t.trim_end_matches('/').ends_with(tld)))
}

/// A fiche's label alone on its line ("Pilote(s)", "Public cible",
/// "Objectifs opérationnels"), or its number ("FICHE ACTION N°8"): a table
/// flattened into lines, each label over its value. It is a line of its own, never the end of the value
/// above it nor the start of the one below.
fn label_alone(l: &Phys) -> bool {
    let t = l.text.trim();
    t.len() <= 60
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', ',', ';'])
        && t.split_whitespace().count() <= 6
        && (super::labels::field_of(t).is_some() || super::labels::NUMBER_ONLY.is_match(t))
}

/// A row of a table of labels and values laid out with spaces in a text
/// file ("Calendrier ⇥ Recrutement : 1er semestre 2022", "Pilote(s) ⇥
/// Centre hospitalier …"): it starts at the margin with a label of one to
/// four words, capitalised, then a gap. The row before it may end without
/// a full stop; it still ends there.
fn label_row(b: &Phys) -> bool {
    if b.indented {
        return false;
    }
    let Some((label, value)) = b.text.split_once('\t') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words)
        && label.starts_with(char::is_uppercase)
        && !label.ends_with(['.', ',', ';'])
        && !value.trim().is_empty()
}

/// In any text, the lines after one that ends with ":" that each end with
/// ";" but the last, which ends with "." or ";": an unmarked enumeration
/// ("Le PTSM prévoit de :" / "créer une équipe mobile ;" / "ouvrir un
/// centre de crise ;" / "renforcer les CMP."), two items at least, each a
/// line of its own.
fn semicolon_items(lines: &[Phys], out: &mut [bool]) {
    let mut k = 0;
    while k + 2 < lines.len() {
        // The announcer ends with ":", or is a short heading ("Les quatre
        // priorités du projet").
        let a = lines[k].text.trim_end();
        let heading = a.chars().count() <= 60
            && !a.contains('\t')
            && a.starts_with(char::is_uppercase)
            && !a.ends_with(['.', ',', ';', '!', '?', ':'])
            && a.split_whitespace().count() <= 8;
        if !(a.ends_with(':') || heading) {
            k += 1;
            continue;
        }
        // The same block: no blank line nor page break before the line.
        let ends_with = |n: usize, c: char| {
            lines.get(n).is_some_and(|l| {
                l.blanks_before == 0 && !l.page_break_before && l.text.trim_end().ends_with(c)
            })
        };
        let mut end = k + 1;
        while ends_with(end, ';') {
            end += 1;
        }
        // The last item ends the sentence.
        if end > k + 1 && ends_with(end, '.') {
            end += 1;
        }
        if end - k > 2 {
            for slot in out.iter_mut().take(end).skip(k + 1) {
                *slot = true;
            }
        }
        k = end.max(k + 1);
    }
}

/// Lines that start with the same word and the numbers that follow each
/// other, two or more after a line ending with ":" ("cinq groupes de
/// travail vont se réunir :" / "groupe 1 « périnatalité … »" / "groupe 2
/// « crise … »"): each starts a logical line, though in lowercase and in
/// a text wrapped by hand.
fn numbered_labels(lines: &[Phys], out: &mut [bool]) {
    let label = |l: &Phys| -> Option<(String, u32)> {
        let mut w = l.text.split_whitespace();
        let word = w.next()?;
        let num = w.next()?.trim_end_matches([':', '.', ')']);
        if word.chars().count() > 12 || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        Some((lowercase(word).into_owned(), num.parse().ok()?))
    };
    let mut k = 0;
    while k + 2 < lines.len() {
        if !lines[k].text.trim_end().ends_with(':') {
            k += 1;
            continue;
        }
        let Some((word, first)) = label(&lines[k + 1]) else {
            k += 1;
            continue;
        };
        let mut end = k + 2;
        let mut next = first + 1;
        while end < lines.len()
            && lines[end].blanks_before == 0
            && !lines[end].page_break_before
            && label(&lines[end]).is_some_and(|(w, n)| w == word && n == next)
        {
            end += 1;
            next += 1;
        }
        if end - k > 2 && first <= 1 {
            for slot in out.iter_mut().take(end).skip(k + 1) {
                *slot = true;
            }
        }
        k = end.max(k + 1);
    }
}

/// Lines of an unmarked list in a text that is not hard-wrapped (a web
/// page copied as text: one paragraph per line, some lines 150 characters
/// and more): after a line that ends with ":", two or more short lines
/// with no blank line between them, none ending with a comma or a word
/// that leaves the phrase open, up to a blank line. Each starts a logical
/// line of its own, although it may start in lowercase ("Les actions
/// retenues visent en priorité à :" / "renforcer l’équipe mobile …" /
/// "ouvrir une unité …").
fn unmarked_list_lines(lines: &[Phys]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    related_links(lines, &mut out);
    semicolon_items(lines, &mut out);
    numbered_labels(lines, &mut out);
    let widest = lines.iter().map(|l| l.width).max().unwrap_or(0);
    if widest < 150 {
        return out;
    }
    let open = |l: &Phys| {
        let word = lowercase(last_word(&l.text));
        l.text.ends_with(',') || HANGING.contains(&word.as_ref()) || ends_with_word_hyphen(&l.text)
    };
    let mut k = 0;
    while k < lines.len() {
        let announces = lines[k].text.trim_end().ends_with(':');
        if !announces {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < lines.len()
            && lines[end].blanks_before == 0
            && !lines[end].page_break_before
            && lines[end].width * 10 < widest * 7
            && !open(&lines[end])
        {
            end += 1;
        }
        // The block must end at a blank line (or the end of the text).
        let closed =
            end == lines.len() || lines[end].blanks_before > 0 || lines[end].page_break_before;
        if end - k > 2 && closed {
            for slot in out.iter_mut().take(end).skip(k + 1) {
                *slot = true;
            }
        }
        k = end.max(k + 1);
    }
    out
}

/// Whether the word keys of a short line are a web page's heading of
/// links to other articles: "À lire aussi", "Voir également", "Sur le même
/// thème", "Dans la même rubrique", "Les plus lus" (and "Les + lus", its
/// "+" no word), "Articles liés".
pub fn related_heading(words: &[&str]) -> bool {
    let w: &[&str] = if words.first() == Some(&"a") {
        &words[1..]
    } else {
        words
    };
    w.len() <= 5
        && matches!(
            w,
            ["lire" | "voir", "aussi" | "egalement"]
                | ["sur", "le", "meme", "sujet" | "theme"]
                | ["dans", "la", "meme", "rubrique"]
                | ["les", "plus", "lus" | "partages" | "commentes"]
                | ["les", "lus"]
                | ["articles", "lies" | "similaires"]
        )
}

/// The lines under a web page's heading of links to other articles ("Sur
/// le même sujet", "À lire aussi", "Voir aussi", "Les plus lus"), up to
/// a blank line, and the line after that blank: each is a title of its
/// own ("Eure-et-Loir : la maison des adolescents déménage" / "Cher : le
/// centre hospitalier recrute"), though none ends with a full stop and
/// the next may start with a capital or in lowercase.
fn related_links(lines: &[Phys], out: &mut [bool]) {
    for (k, l) in lines.iter().enumerate() {
        // (A heading is short: the words of longer lines are not looked at.)
        if l.width > 32 {
            continue;
        }
        let words: Vec<String> = l
            .text
            .split_whitespace()
            .take(6)
            .map(|w| crate::normalize::key(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .collect();
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        if !related_heading(&w) {
            continue;
        }
        let mut end = k + 1;
        while end < lines.len() && lines[end].blanks_before == 0 && !lines[end].page_break_before {
            end += 1;
        }
        if end < lines.len() {
            end += 1;
        }
        for slot in out.iter_mut().take(end).skip(k + 1) {
            *slot = true;
        }
    }
}

/// A removed page number, to be reported once offsets are known.
struct Removed {
    number: u32,
    page: Option<u32>,
    source_line: u32,
    /// Index in the kept lines of the line that followed it.
    before_kept: usize,
}

/// Drops lines that are only a page number, isolated between blank lines
/// (or first or last in the text with a blank line on one side, as
/// extractors leave the number of the first page), in a text of several pages (text files: estimated at 25 lines a page;
/// PDF: the real page count). The number must not exceed the page count
/// by more than one: "1" is dropped, a lone "2023" is not.
fn drop_page_numbers<'a>(raw: &RawDoc, lines: Vec<Phys<'a>>) -> (Vec<Phys<'a>>, Vec<Removed>) {
    let pages = if raw.paged {
        raw.pages.len()
    } else {
        lines.len().div_ceil(25)
    };
    if !raw.paged && pages < 2 {
        return (lines, Vec::new());
    }
    let max = u32::try_from(pages).unwrap_or(u32::MAX).saturating_add(1);
    let isolated_after: Vec<bool> = (0..lines.len())
        .map(|i| {
            lines
                .get(i + 1)
                .is_none_or(|n| n.blanks_before > 0 || n.page_break_before)
        })
        .collect();
    let count = lines.len();
    let mut kept = Vec::with_capacity(count);
    let mut removed = Vec::new();
    let mut carry_blanks = 0usize;
    let mut carry_break = false;
    for (i, mut l) in lines.into_iter().enumerate() {
        let first = i == 0;
        let last = i + 1 == count;
        let before = l.blanks_before > 0 || l.page_break_before;
        let after = isolated_after.get(i).copied().unwrap_or(true);
        // Between blank lines; or the first (last) line of the text, with
        // a blank line or the start (end) of the text on one side.
        let isolated = (after && (first || before)) || (before && (first || last));
        // A paged source tells the page: its number must be that one, give
        // or take a cover page ("2" alone on page 1 of a chart is a label).
        let num = page_number(&l.text)
            .filter(|_| l.table.is_none())
            .filter(|&n| n >= 1 && n <= max && (!raw.paged || n == l.page || n + 1 == l.page));
        if let (Some(number), true) = (num, isolated) {
            removed.push(Removed {
                number,
                page: raw.paged.then_some(l.page),
                source_line: l.source_line,
                before_kept: kept.len(),
            });
            // Its line and the blanks around it become one gap.
            carry_blanks += l.blanks_before + 1;
            carry_break |= l.page_break_before;
            continue;
        }
        l.blanks_before += carry_blanks;
        l.page_break_before |= carry_break;
        carry_blanks = 0;
        carry_break = false;
        kept.push(l);
    }
    (kept, removed)
}

/// Decides, for each line after the first, whether it is joined to the
/// previous one. `None` = break.
fn decide(raw: &RawDoc, lines: &[Phys], seen: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Option<Join>> {
    let join_kind = |a: &Phys, b: &Phys| -> Join {
        if a.soft_hyphen_end {
            Join::Direct
        } else if ends_with_word_hyphen(&a.text)
            && b.text.starts_with(|c: char| c.is_alphanumeric())
        {
            dehyphenate(&a.text, &b.text, seen)
        } else {
            Join::Space
        }
    };
    let pairs = || lines.iter().zip(lines.iter().skip(1));
    if raw.laid_out {
        // Each pair is decided alone: on the pool for a long document.
        let bytes: usize = lines.iter().map(|l| l.text.len()).sum();
        let pairs: Vec<(&Phys, &Phys)> = pairs().collect();
        let decided = crate::par::map(bytes >= crate::par::MIN_TEXT, pairs, |(a, b)| {
            // (A table row is a line of its own; so is an entry of a table
            // of contents, which ends with its page number.)
            let join = if a.table.is_some()
                || b.table.is_some()
                || toc_entry(&a.text).is_some()
                || list_marker(&b.text).is_some()
                || is_rule_line(&a.text)
                || is_rule_line(&b.text)
            {
                false
            } else if is_lone_marker(&a.text) {
                true
            } else if b.page_break_before
                || b.blanks_before > 0 && (column_break(a, b) || set_close(a, b))
            {
                strong_continuation(a, b)
            } else {
                b.blanks_before == 0
            };
            join.then(|| join_kind(a, b))
        });
        // The first line is joined to nothing.
        return (!lines.is_empty())
            .then_some(None)
            .into_iter()
            .chain(decided)
            .collect();
    }
    let mut joins = vec![None; lines.len()];
    let in_list = unmarked_list_lines(lines);
    let strong: Vec<bool> = pairs()
        .enumerate()
        .map(|(i, (a, b))| {
            list_marker(&b.text).is_none()
                && strong_continuation(a, b)
                && !in_list.get(i + 1).copied().unwrap_or(false)
        })
        .collect();
    // strong_before[i] = strong pairs among the first i pairs.
    let strong_before: Vec<usize> = std::iter::once(0)
        .chain(strong.iter().scan(0, |n, &s| {
            *n += usize::from(s);
            Some(*n)
        }))
        .collect();
    const WRAP_WINDOW: usize = 6;
    const WIDTH_WINDOW: usize = 8;
    let wrapped_near = |i: usize| -> bool {
        let lo = i.saturating_sub(WRAP_WINDOW);
        let hi = (i + WRAP_WINDOW + 1).min(strong.len());
        let n = strong_before.get(hi).copied().unwrap_or(0)
            - strong_before.get(lo).copied().unwrap_or(0);
        n >= 2
    };
    // The indented lines under a label row go on with its value
    // ("Partenaires ⇥ …, CH d’Espalion, MSA" / "      Midi-Pyrénées Nord").
    let mut row_goes_on = vec![false; lines.len()];
    let mut open = false;
    for (i, l) in lines.iter().enumerate() {
        if label_row(l) {
            open = true;
        } else if open && l.indented && l.blanks_before == 0 && !l.text.contains('\t') {
            row_goes_on[i] = true;
        } else {
            open = false;
        }
    }
    const WINDOW: usize = 3;
    // A row of a table laid out with spaces that has all its cells, as
    // many as the row before (three or more), starts a line: "FA 2.2 ⇥
    // Renforcer … ⇥ CH de Saint-Quentin ⇥ Non engagée" after a row as
    // wide as the wrap. (A row's second line lacks its first cell: "la
    // nuit ⇥ GHT Aisne Nord ⇥ Réalisée".)
    let own_row = |a: &Phys, b: &Phys| {
        let cells = |l: &Phys| l.text.matches('\t').count();
        cells(b) >= 2 && cells(a) == cells(b)
    };
    for (i, (a, b)) in pairs().enumerate() {
        let join = if list_marker(&b.text).is_some()
            || own_row(a, b)
            || label_row(b)
            || label_alone(a)
            || label_alone(b)
            || is_rule_line(&a.text)
            || is_rule_line(&b.text)
            || toc_entry(&a.text).is_some()
            || in_list.get(i + 1).copied().unwrap_or(false)
        {
            false
        } else if is_lone_marker(&a.text)
            || strong.get(i).copied().unwrap_or(false)
            || row_goes_on.get(i + 1).copied().unwrap_or(false)
        {
            true
        } else if a.hard_end || (b.indented && !a.indented) || !wrapped_near(i) {
            false
        } else {
            // Pairs i-WINDOW..=i+WINDOW, as line indices of their second line.
            let lo = (i + 1).saturating_sub(WINDOW).max(1);
            let hi = (i + 1 + WINDOW).min(lines.len() - 1);
            let base = lines
                .get(lo..=hi)
                .and_then(|w| w.iter().map(|l| l.blanks_before).min())
                .unwrap_or(0);
            // The wrap width: the wider of the nearest lines before and
            // after that evidently wrapped (first line of a strong pair),
            // within WIDTH_WINDOW pairs. Short list items next to each
            // other say nothing about it, and the nearest lines belong to
            // the same paragraph more often than farther ones.
            let strong_width = |j: usize| -> Option<usize> {
                strong
                    .get(j)
                    .copied()
                    .unwrap_or(false)
                    .then(|| lines.get(j).map(|l| l.width))
                    .flatten()
            };
            let before = (i.saturating_sub(WIDTH_WINDOW)..i)
                .rev()
                .find_map(strong_width);
            let after = (i + 1..=i + WIDTH_WINDOW).find_map(strong_width);
            // Never narrower than the widest line close by (±WINDOW):
            // a wider neighbour proves there was room.
            let near = lines
                .get(i.saturating_sub(WINDOW)..=(i + 1 + WINDOW).min(lines.len() - 1))
                .and_then(|w| w.iter().map(|l| l.width).max());
            let width = before.max(after).map(|w| near.map_or(w, |n| n.max(w)));
            width.is_some_and(|w| {
                b.blanks_before <= base && a.width + 1 + first_word(&b.text).chars().count() > w
            })
        };
        if let Some(slot) = joins.get_mut(i + 1) {
            *slot = join.then(|| join_kind(a, b));
        }
    }
    joins
}

/// `s` in lowercase, borrowed when it has no uppercase ASCII and nothing
/// else than ASCII (the common case): `to_lowercase` would copy it as is.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Which of the words [`dehyphenate`] will look up the document writes
/// (lowercase words, hyphenated compounds both whole and split). The
/// look-ups are known before the document is scanned (a few per
/// document), so the scan only checks its words against them rather than
/// putting every word of the document in a set.
/// Lines a job of the pool scans for [`Vocabulary::scan`].
const LINES_PER_SCAN: usize = 4096;

struct Vocabulary {
    /// Sorted, distinct.
    wanted: Vec<String>,
    /// Per word of `wanted`: written in the document.
    seen: Vec<bool>,
    /// By first byte, bit `len.min(63)` for the byte length of each
    /// wanted word: most words of the document are ruled out by their
    /// first byte and length before being lowercased.
    shapes: Vec<u64>,
}

impl Vocabulary {
    fn new(mut wanted: Vec<String>) -> Vocabulary {
        wanted.sort_unstable();
        wanted.dedup();
        let mut shapes = vec![0u64; 256];
        for w in &wanted {
            if let Some(s) = w
                .bytes()
                .next()
                .and_then(|b| shapes.get_mut(usize::from(b)))
            {
                *s |= 1 << w.len().min(63);
            }
        }
        Vocabulary {
            seen: vec![false; wanted.len()],
            wanted,
            shapes,
        }
    }

    /// Whether a word of `len` bytes starting with byte `first` may be
    /// wanted.
    fn may_want(&self, len: usize, first: u8) -> bool {
        self.shapes
            .get(usize::from(first))
            .is_some_and(|s| s & (1 << len.min(63)) != 0)
    }

    /// Whether a word whose lowercase starts with byte `first` may be
    /// wanted, whatever its length.
    fn may_start_with(&self, first: u8) -> bool {
        self.shapes.get(usize::from(first)).is_some_and(|&s| s != 0)
    }

    /// Marks `w` in `seen` (one flag per wanted word) when it is wanted.
    fn mark(&self, w: &str, seen: &mut [bool]) {
        if let Ok(i) = self.wanted.binary_search_by(|x| x.as_str().cmp(w)) {
            if let Some(s) = seen.get_mut(i) {
                *s = true;
            }
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.wanted
            .binary_search_by(|x| x.as_str().cmp(w))
            .is_ok_and(|i| self.seen.get(i) == Some(&true))
    }

    /// Marks the wanted words the document writes. A word is marked
    /// whatever line writes it: a long document's lines are scanned in
    /// chunks on the pool, and the chunks' marks put together.
    fn scan(&mut self, lines: &[Phys]) {
        let bytes: usize = lines.iter().map(|l| l.text.len()).sum();
        let chunks: Vec<&[Phys]> = lines.chunks(LINES_PER_SCAN).collect();
        let this = &*self;
        let marks = crate::par::map(bytes >= crate::par::MIN_TEXT, chunks, |chunk| {
            let mut seen = vec![false; this.wanted.len()];
            this.scan_lines(chunk, &mut seen);
            seen
        });
        for m in marks {
            for (s, m) in self.seen.iter_mut().zip(m) {
                *s |= m;
            }
        }
    }

    /// [`Vocabulary::scan`] of some lines, into `seen`.
    fn scan_lines(&self, lines: &[Phys], seen: &mut [bool]) {
        for l in lines {
            // A line-final "dé-" is not evidence of anything.
            let skip_last = l.text.ends_with('-');
            for (w, end) in words(&l.text) {
                if skip_last && end == l.text.len() {
                    continue;
                }
                let w = w.trim_matches('-');
                // An ASCII word without a hyphen gives only its lowercase:
                // same length, first byte lowercased.
                if w.is_ascii()
                    && !w.contains('-')
                    && !w
                        .bytes()
                        .next()
                        .is_some_and(|b| self.may_want(w.len(), b.to_ascii_lowercase()))
                {
                    continue;
                }
                // Any other word without a hyphen gives only its lowercase,
                // which starts with the lowercase of its first character
                // (length may change): no wanted word starting with that
                // byte, nothing to lowercase.
                if !w.is_ascii()
                    && !w.contains('-')
                    && !w
                        .chars()
                        .next()
                        .and_then(|c| c.to_lowercase().next())
                        .and_then(|c| c.encode_utf8(&mut [0; 4]).bytes().next())
                        .is_some_and(|b| self.may_start_with(b))
                {
                    continue;
                }
                let w = lowercase(w);
                if w.contains('-') {
                    for part in w.split('-') {
                        self.mark(part, seen);
                    }
                    let parts: Vec<&str> = w.split('-').collect();
                    for pair in parts.windows(2) {
                        if let [x, y] = pair {
                            self.mark(&format!("{x}-{y}"), seen);
                        }
                    }
                }
                self.mark(&w, seen);
            }
        }
    }
}

/// The words of `s` with the byte offset of their end: the runs of
/// alphanumeric characters and hyphens, as `s.split(|c: char|
/// !(c.is_alphanumeric() || c == '-'))` without the empty pieces. ASCII
/// bytes are told apart without decoding a char (most of the text), and no
/// `Vec` of words is collected per line.
fn words(s: &str) -> impl Iterator<Item = (&str, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < bytes.len() {
            let b = bytes.get(i).copied().unwrap_or(0);
            let (word_char, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric() || b == b'-', 1)
            } else {
                let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    let w = s.get(from..i).unwrap_or_default();
                    i += len;
                    return Some((w, i - len));
                }
                _ => {}
            }
            i += len;
        }
        let from = start?;
        Some((s.get(from..).unwrap_or_default(), s.len()))
    })
}

/// Writes table row `row` as one logical line: its cells separated by
/// tabs, one field per column of the table (empty where a cell spans from
/// the left or above), each cell's lines cleaned like any line and joined
/// as wrapped lines are (de-hyphenated). Each part of a cell (one per page
/// it is drawn on) is an origin with its page and box.
fn write_row(
    raw: &RawDoc,
    row: TableRow,
    source_line: u32,
    seen: &dyn Fn(&str) -> bool,
    doc: &mut NormDoc,
) {
    let Some(table) = raw.tables.get(row.table as usize) else {
        return;
    };
    let Some(cells) = table.rows.get(row.row as usize).map(|r| &r.cells) else {
        return;
    };
    for col in 0..table.cols {
        if col > 0 {
            doc.text.push('\t');
        }
        let Some(cell) = cells.iter().find(|c| c.col == col) else {
            continue;
        };
        let mut prev: Option<String> = None;
        for part in &cell.parts {
            let mut from = None;
            for line in &part.lines {
                let t = french::clean_line(line);
                let t = french::guillemet_spacing(&t);
                if t.is_empty() {
                    continue;
                }
                if let Some(p) = &prev {
                    let join = if ends_with_word_hyphen(p) && t.starts_with(char::is_alphanumeric) {
                        dehyphenate(p, &t, seen)
                    } else {
                        Join::Space
                    };
                    match join {
                        Join::Space => doc.text.push(' '),
                        Join::DropHyphen => {
                            doc.text.pop();
                            let end = doc.text.len();
                            if let Some(o) = doc.origins.last_mut() {
                                o.range.end = o.range.end.min(end);
                            }
                        }
                        Join::KeepHyphen | Join::Direct => {}
                    }
                }
                from.get_or_insert(doc.text.len());
                doc.text.push_str(&t);
                prev = Some(t.into_owned());
            }
            if let Some(from) = from {
                doc.origins.push(Origin {
                    range: from..doc.text.len(),
                    page: raw.paged.then_some(part.page),
                    bbox: Some(part.bbox),
                    source_line,
                });
            }
        }
    }
}

pub(super) fn normalize(raw: &RawDoc) -> NormDoc {
    let (lines, removed) = drop_page_numbers(raw, collect(raw));
    // Every pair `decide` may dehyphenate (and more: joined or not).
    let mut wanted = Vec::new();
    for pair in lines.windows(2) {
        if let [a, b] = pair {
            if ends_with_word_hyphen(&a.text) && b.text.starts_with(|c: char| c.is_alphanumeric()) {
                wanted.extend(lookups(&a.text, &b.text).into_iter().flatten());
            }
        }
    }
    // And the lines of table cells.
    for t in &raw.tables {
        for cell in t.rows.iter().flat_map(|r| &r.cells) {
            let mut lines = cell.parts.iter().flat_map(|p| &p.lines);
            let mut prev = lines.next();
            for b in lines {
                if let Some(a) = prev {
                    if ends_with_word_hyphen(a) && b.starts_with(|c: char| c.is_alphanumeric()) {
                        wanted.extend(lookups(a, b).into_iter().flatten());
                    }
                }
                prev = Some(b);
            }
        }
    }
    let mut vocab = Vocabulary::new(wanted);
    if !vocab.wanted.is_empty() {
        vocab.scan(&lines);
    }
    let seen = |w: &str| vocab.contains(w);
    let joins = decide(raw, &lines, &seen);

    // Group into logical lines: (first index, last index exclusive).
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, j) in joins.iter().enumerate() {
        match (j, groups.last_mut()) {
            (Some(_), Some(g)) => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }

    // Grown once: one origin per piece, one line per group, and the text
    // is the pieces and a separator after each (quote and guillemet
    // changes aside).
    let mut doc = NormDoc {
        paged: raw.paged,
        text: String::with_capacity(lines.iter().map(|p| p.text.len() + 1).sum()),
        lines: Vec::with_capacity(groups.len()),
        origins: Vec::with_capacity(lines.len()),
        ..Default::default()
    };
    let mut line_starts = Vec::with_capacity(groups.len());
    for g in &groups {
        let Some(pieces) = lines.get(g.clone()) else {
            continue;
        };
        let quotes = pieces
            .iter()
            .map(|p| p.text.matches('"').count())
            .sum::<usize>();
        let mut open = false;
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        line_starts.push(start);
        let first_origin = doc.origins.len();
        if let (Some(row), [p]) = (pieces.first().and_then(|p| p.table), pieces) {
            write_row(raw, row, p.source_line, &seen, &mut doc);
        }
        for (k, p) in pieces.iter().enumerate().filter(|(_, p)| p.table.is_none()) {
            // Quotes and guillemets piece by piece, in order, straight into
            // the text: no String per piece.
            let t = if quotes % 2 == 0 {
                french::straight_quotes(&p.text, &mut open)
            } else {
                std::borrow::Cow::Borrowed(&*p.text)
            };
            let t = french::guillemet_spacing(&t);
            let join_after = joins.get(g.start + k + 1).copied().flatten();
            let is_last = k + 1 == pieces.len();
            let mut piece: &str = &t;
            if !is_last && join_after == Some(Join::DropHyphen) {
                piece = piece
                    .strip_suffix('-')
                    .or_else(|| piece.strip_suffix('\u{2010}'))
                    .unwrap_or(piece);
            }
            let from = doc.text.len();
            doc.text.push_str(piece);
            doc.origins.push(Origin {
                range: from..doc.text.len(),
                page: raw.paged.then_some(p.page),
                bbox: p.bbox,
                source_line: p.source_line,
            });
            if !is_last && join_after == Some(Join::Space) {
                doc.text.push(' ');
            }
        }
        let first = pieces.first();
        doc.lines.push(NormLine {
            range: start..doc.text.len(),
            gap_before: first.is_some_and(|p| p.blanks_before > 0 || p.page_break_before),
            origins: first_origin..doc.origins.len(),
            table: first.and_then(|p| p.table),
        });
    }
    for r in removed {
        let at = line_starts
            .get(r.before_kept)
            .copied()
            .unwrap_or(doc.text.len());
        let mut w = Warning::new(
            "page_number_removed",
            format!(
                "stray page number {} removed (source line {})",
                r.number, r.source_line
            ),
        )
        .at(at..at);
        if let Some(p) = r.page {
            w = w.on_page(p);
        }
        doc.warnings.push(w);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawLine, RawPage};
    use crate::model::SourceFormat;

    /// `words` finds the pieces of the split it replaces, with their ends.
    #[test]
    fn words_are_the_split_on_non_word_chars() {
        let alphabet = [
            "a", "Z", "9", "-", " ", ",", "é", "É", "’", "«", "\u{A0}", "²", "ß", ".",
        ];
        let mut next = crate::test_support::xorshift(7);
        for _ in 0..4000 {
            let s = crate::test_support::random_text(&mut next, &alphabet, 13);
            let want: Vec<(&str, usize)> = s
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
                .map(|w| (w, w.as_ptr() as usize - s.as_ptr() as usize + w.len()))
                .collect();
            assert_eq!(words(&s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    fn text_doc(s: &str) -> RawDoc {
        RawDoc {
            format: SourceFormat::Text,
            encoding: Some("UTF-8".into()),
            paged: false,
            laid_out: false,
            pages: vec![RawPage {
                number: 1,
                lines: s.split('\n').map(RawLine::new).collect(),
            }],
            furniture: Vec::new(),
            tables: Vec::new(),
            warnings: Vec::new(),
            markup: None,
            ocr: None,
        }
    }

    fn pdf_doc(pages: &[&[&str]]) -> RawDoc {
        RawDoc {
            format: SourceFormat::Pdf,
            encoding: None,
            paged: true,
            laid_out: true,
            pages: pages
                .iter()
                .enumerate()
                .map(|(i, lines)| RawPage {
                    number: i as u32 + 1,
                    lines: lines
                        .iter()
                        .enumerate()
                        .map(|(k, t)| RawLine {
                            table: None,
                            source_line: None,
                            text: t.to_string(),
                            bbox: Some([
                                10.0,
                                700.0 - 12.0 * k as f32,
                                500.0,
                                710.0 - 12.0 * k as f32,
                            ]),
                        })
                        .collect(),
                })
                .collect(),
            furniture: Vec::new(),
            tables: Vec::new(),
            warnings: Vec::new(),
            markup: None,
            ocr: None,
        }
    }

    fn logical(doc: &NormDoc) -> Vec<&str> {
        doc.text.split('\n').collect()
    }

    fn never(_: &str) -> bool {
        false
    }

    #[test]
    fn only_p_and_digits_lowercase_to_p_and_digits() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let first = c.to_lowercase().next();
            if first.is_some_and(|l| l == 'p' || l.is_ascii_digit()) {
                assert!(c.is_ascii_digit() || matches!(c, 'p' | 'P'), "{c:?}");
            }
        }
    }

    #[test]
    fn only_ascii_lowercases_to_a_g_e() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.to_lowercase().any(|l| matches!(l, 'a' | 'g' | 'e')) {
                assert!(matches!(c, 'a' | 'g' | 'e' | 'A' | 'G' | 'E'), "{c:?}");
            }
        }
        assert_eq!(page_number("Page 12"), Some(12));
        assert_eq!(page_number("PAGE 3 sur 30"), Some(3));
        assert_eq!(page_number("pour 12"), None);
    }

    #[test]
    fn a_lone_marker_is_at_most_five_bytes() {
        for s in ["iv)", "123.", "é)", "\u{1D400})", "->", "•"] {
            assert!(s.len() <= 5 && is_lone_marker(s), "{s}");
        }
    }

    #[test]
    fn list_markers_are_recognised() {
        for (s, m) in [
            ("• Améliorer", "•"),
            ("→ Logement inclusif", "→"),
            ("- priorité", "-"),
            ("– Un accueil", "–"),
            ("1. Axe", "1."),
            ("12) Action", "12)"),
            ("a) sous-action", "a)"),
            ("iv) quatrième", "iv)"),
            ("ii. Réduire de 20 %", "ii."),
            ("iii. Accompagner", "iii."),
            ("P2 – Parcours de santé", "P2 –"),
            ("P1 = l’accès aux soins", "P1 ="),
            ("A1. Former aux premiers secours", "A1."),
            ("D5) Associer les pairs aidants", "D5)"),
            ("FA 3 Renforcer les CMP", "FA 3"),
            ("② Ouvrir un CMP", "②"),
            ("-> Volet psychiatrique", "->"),
            ("=> Directives", "=>"),
            ("» Former les équipes", "»"),
            ("GT1 · Crise et urgence", "GT1 ·"),
            ("➊ Promouvoir la santé mentale", "➊"),
            ("o Action 1.1 – Former les professionnels", "o"),
            ("1| Prévenir et repérer", "1|"),
            ("1 | déployer des équipes mobiles", "1 |"),
            ("1° Repérage précoce", "1°"),
            ("2°) l’accès au logement", "2°)"),
            ("1/ le déploiement", "1/"),
            ("b. renforcer le repérage", "b."),
            ("C. Réponse aux situations", "C."),
            ("IV. Mieux accompagner", "IV."),
            ("4.3.1. Développer la connaissance", "4.3.1."),
            ("1.1.     Le PTSM", "1.1."),
            ("1.a Un guichet unique", "1.a"),
            ("2.b) La régulation", "2.b)"),
            ("A.1. Former les médecins", "A.1."),
            ("1- Repérage précoce", "1-"),
            ("> Fiche 1.2 : Déployer", ">"),
            ("1 - la régulation des urgences", "1 -"),
            ("2 – la prévention", "2 –"),
            ("B.12 Créer une équipe", "B.12"),
            (
                "OBJECTIF STRATÉGIQUE A. Mieux repérer",
                "OBJECTIF STRATÉGIQUE A.",
            ),
            ("☒ 2. Parcours de santé", "☒ 2."),
            ("☐ Accès aux soins", "☐"),
            ("✔ Catalyseur", "✔"),
            ("Axe 1 : Prévenir", "Axe 1 :"),
            ("AXE 2 – Organiser", "AXE 2 –"),
            ("Action 3.1 – Créer une plateforme", "Action 3.1 –"),
            ("FA n°9 – Favoriser", "FA n°9 –"),
            ("Fiche action n°1 – Repérer", "Fiche action n°1 –"),
            ("Orientation 1 – Agir tôt", "Orientation 1 –"),
            (
                "Orientation A – Renforcer l’attractivité",
                "Orientation A –",
            ),
            ("Axe B : Fluidifier", "Axe B :"),
            ("Action 1.1 Former les médecins", "Action 1.1"),
            (
                "Orientation stratégique n°2 : Répondre",
                "Orientation stratégique n°2 :",
            ),
        ] {
            assert_eq!(list_marker(s), Some(m), "{s}");
        }
        for s in [
            "1 2 3 Enfant propose",
            "» a déclaré la directrice.",
            "2023. L’aboutissement",
            "A l’issue",
            "-10 %",
            "•",
            "médico-social",
            "->",
            "-->",
            "Axe : 1 – Prévenir",
            "Action 2.3 « Former »",
            "Fabrice Durand",
            "Axes stratégiques",
            "2.3 %",
            "12.12.2019 version",
            "Action A la une",
            "Axe Nord-Sud",
        ] {
            assert_eq!(list_marker(s), None, "{s}");
        }
    }

    #[test]
    fn rule_lines_stay_apart_from_their_heading() {
        assert!(is_rule_line("=====") && is_rule_line("---") && !is_rule_line("--"));
        assert!(!is_rule_line("==-==") && !is_rule_line("- 12 -"));
        let doc = normalize(&pdf_doc(&[&[
            "Projet Territorial de santé de l’Orne",
            "=====================================",
            "8 groupes de réflexion",
        ]]));
        assert_eq!(
            logical(&doc),
            [
                "Projet Territorial de santé de l’Orne",
                "=====================================",
                "8 groupes de réflexion",
            ]
        );
        let doc = normalize(&text_doc(
            "Une feuille de route
=====
C’est dans ce contexte",
        ));
        assert_eq!(logical(&doc).len(), 3);
    }

    #[test]
    fn a_web_address_alone_is_no_continuation() {
        let doc = normalize(&text_doc(
            "Une phrase complète.\n\nwww.exemple.fr\n\nhttps://www.lamontagne.fr/a/b.html",
        ));
        assert_eq!(logical(&doc).len(), 3);
        // After a word that leaves the phrase open it continues it.
        let doc = normalize(&text_doc("Le programme est en ligne sur\nwww.exemple.fr"));
        assert_eq!(logical(&doc).len(), 1);
    }

    #[test]
    fn a_lone_marker_joins_its_item() {
        assert!(is_lone_marker("→") && is_lone_marker("1.") && !is_lone_marker("→ Logement"));
        let doc = normalize(&text_doc(
            "•\nGroupes de travail\n→\nLogement inclusif\n→\n\n→ Addictologie",
        ));
        assert_eq!(
            logical(&doc),
            [
                "• Groupes de travail",
                "→ Logement inclusif",
                "→",
                "→ Addictologie"
            ]
        );
        let doc = normalize(&pdf_doc(&[&["•", "Actions", "", "→", "Logement inclusif"]]));
        assert_eq!(logical(&doc), ["• Actions", "→ Logement inclusif"]);
    }

    #[test]
    fn page_numbers_are_recognised() {
        assert_eq!(page_number("1"), Some(1));
        assert_eq!(page_number("- 12 -"), Some(12));
        assert_eq!(page_number("– 3 –"), Some(3));
        assert_eq!(page_number("3/12"), Some(3));
        assert_eq!(page_number("Page 4 sur 9"), Some(4));
        assert_eq!(page_number("1 2 3 Enfant"), None);
        assert_eq!(page_number("17 actions"), None);
        assert_eq!(page_number("12345"), None);
    }

    #[test]
    fn dehyphenation_drops_hyphenation_points() {
        assert_eq!(
            dehyphenate("le dé-", "veloppement des", &never),
            Join::DropHyphen
        );
        assert_eq!(dehyphenate("la ré-", "union", &never), Join::DropHyphen);
    }

    #[test]
    fn dehyphenation_keeps_real_hyphens() {
        assert_eq!(
            dehyphenate("secteur médico-", "social", &never),
            Join::KeepHyphen
        );
        assert_eq!(dehyphenate("CTSM 2023-", "2028", &never), Join::KeepHyphen);
        assert_eq!(
            dehyphenate("Rouen – Elbeuf – Pays-de-", "Bray", &never),
            Join::KeepHyphen
        );
        assert_eq!(
            dehyphenate("d’ores-et-", "déjà engagés", &never),
            Join::KeepHyphen
        );
        assert_eq!(dehyphenate("celle-", "ci", &never), Join::KeepHyphen);
        assert_eq!(dehyphenate("le post-", "partum", &never), Join::KeepHyphen);
        assert_eq!(dehyphenate("co-", "construire", &never), Join::KeepHyphen);
        assert_eq!(
            dehyphenate("du médico-so-", "cial et de", &never),
            Join::DropHyphen
        );
        assert_eq!(dehyphenate("vis-à-", "vis", &never), Join::KeepHyphen);
        // xelatex breaks "rendez-vous" at its hyphen.
        assert_eq!(
            dehyphenate("sans rendez-", "vous avec", &never),
            Join::KeepHyphen
        );
        assert_eq!(dehyphenate("pouvez-", "vous", &never), Join::KeepHyphen);
    }

    #[test]
    fn dehyphenation_follows_the_documents_spelling() {
        let hyphenated = |w: &str| w == "psycho-traumatisme";
        assert_eq!(
            dehyphenate("du psycho-", "traumatisme", &hyphenated),
            Join::KeepHyphen
        );
        let solid = |w: &str| w == "psychologue";
        assert_eq!(
            dehyphenate("une psycho-", "logue", &solid),
            Join::DropHyphen
        );
        assert_eq!(
            dehyphenate("une psycho-", "logue", &never),
            Join::DropHyphen
        );
        let both = |w: &str| w == "psycho-traumatisme" || w == "psychotraumatisme";
        assert_eq!(
            dehyphenate("Psycho-", "traumatisme", &both),
            Join::KeepHyphen
        );
        let coherence = |w: &str| w == "cohérence";
        assert_eq!(
            dehyphenate("la co-", "hérence", &coherence),
            Join::DropHyphen
        );
    }

    #[test]
    fn wrapped_text_with_blank_lines_between_reflows() {
        let doc = normalize(&text_doc(
            "Le Contrat Territorial de Santé Mentale (CTSM) constitue un engagement mutuel entre les acteurs \n\n\
             améliorer la santé mentale et les trajectoires de soins liées aux troubles psychiques en Meuse. À travers 17 \n\n\
             actions spécifiques, ce contrat donne vie au Projet Territorial de Santé Mentale (PTSM), s'inscrivant dans \n\n\
             la feuille de route nationale. \n\n\
             Un projet né de l'écoute et de la collaboration \n\n\
             Le point de départ de ce projet remonte à 2019.",
        ));
        assert_eq!(logical(&doc).len(), 3, "{:#?}", logical(&doc));
        assert!(doc.text.contains("À travers 17 actions spécifiques"));
        assert!(doc.text.contains("s’inscrivant dans la feuille"));
        assert_eq!(doc.origins_of(&doc.lines[0]).len(), 4);
        assert_eq!(doc.origins_of(&doc.lines[1])[0].source_line, 9);
    }

    #[test]
    fn one_paragraph_per_line_text_is_not_joined() {
        let doc = normalize(&text_doc(
            "  • Groupes de travail\n\nPsychotraumatisme : déploiement de l’offre pour le public jeune\n\n\
             Intégration des IPA dans les maisons de santé\n\nRéhabilitation par le logement\n\n→ Directives anticipées",
        ));
        assert_eq!(
            logical(&doc),
            [
                "• Groupes de travail",
                "Psychotraumatisme : déploiement de l’offre pour le public jeune",
                "Intégration des IPA dans les maisons de santé",
                "Réhabilitation par le logement",
                "→ Directives anticipées",
            ]
        );
        assert!(doc.lines.iter().skip(1).all(|l| l.gap_before));
    }

    #[test]
    fn wrapping_far_away_does_not_reflow_a_one_item_per_line_list() {
        let mut s = String::from(
            "Le point de départ de ce projet remonte à 2019 avec un diagnostic territorial partagé\n\
             identifiant les insuffisances dans l’offre de prévention et de services sanitaires et\n\
             sociaux, et dans l’accessibilité, la coordination et la continuité de ces services.\n\n",
        );
        for k in 1..=6 {
            s.push_str(&format!("Paragraphe numéro {k} du document.\n\n"));
        }
        s.push_str(
            "Psychotraumatisme : déploiement de l’offre pour le public jeune\n\n\
             Intégration des IPA dans les maisons de santé\n\nRéhabilitation par le logement",
        );
        let doc = normalize(&text_doc(&s));
        let lines = logical(&doc);
        assert_eq!(lines.len(), 10, "{lines:#?}");
        assert_eq!(lines[9], "Réhabilitation par le logement");
        assert!(lines[0].ends_with("continuité de ces services."));
    }

    #[test]
    fn a_table_row_with_all_its_cells_starts_a_line() {
        // Wide rows laid out with spaces, two of them on two lines (the
        // second line without its first cell): a row after a row as wide
        // as the wrap is not its continuation.
        let rows = [
            "  FA 2.1    Ouvrir une équipe mobile de crise départementale         EPSMD de l’Aisne           En cours",
            "  FA 2.2    Renforcer la pédopsychiatrie de liaison                  CH de Saint-Quentin        Non engagée",
            "  FA 2.3    Organiser l’accueil des urgences psychiatriques",
            "            la nuit                                                  GHT Aisne Nord             Réalisée",
            "  FA 2.4    Déployer des consultations avancées dans le Sud de",
            "            l’Aisne                                                  CH de Château-Thierry      En cours",
        ]
        .join("\n");
        let doc = normalize(&text_doc(&rows));
        let lines = logical(&doc);
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines[1].starts_with("FA 2.2\tRenforcer"));
        assert!(lines[2].contains("psychiatriques la nuit\tGHT Aisne Nord"));
    }

    #[test]
    fn a_parenthesis_opening_the_next_line_completes_the_item() {
        let doc = normalize(&text_doc(
            "Objectifs opérationnels\n▪ Orienter vers la ressource adaptée\n(CMP, psychiatre libéral, psychologue)\n\
             ▪ Réduire les délais\nFin de la fiche.\n(Voir l’annexe 2.)\n",
        ));
        assert_eq!(
            logical(&doc),
            [
                "Objectifs opérationnels",
                "▪ Orienter vers la ressource adaptée (CMP, psychiatre libéral, psychologue)",
                "▪ Réduire les délais",
                "Fin de la fiche.",
                "(Voir l’annexe 2.)",
            ]
        );
    }

    #[test]
    fn an_enumeration_by_semicolons_keeps_its_lines_in_a_short_text() {
        let doc = normalize(&text_doc(
            "Le PTSM prévoit de :\ncréer une équipe mobile ;\nouvrir un centre de crise ;\nrenforcer les CMP.\n",
        ));
        assert_eq!(
            logical(&doc),
            [
                "Le PTSM prévoit de :",
                "créer une équipe mobile ;",
                "ouvrir un centre de crise ;",
                "renforcer les CMP.",
            ]
        );
    }

    /// Lines that start "groupe 1", "groupe 2"… after a colon are lines of
    /// their own though in lowercase; numbers that do not follow each
    /// other, or a line that is no label, join as wrapped text.
    #[test]
    fn numbered_labels_after_a_colon_keep_their_lines() {
        let doc = normalize(&text_doc(
            "Cinq groupes de travail vont se réunir de février à juin :\ngroupe 1 « périnatalité »\ngroupe 2 « crise et urgences »\ngroupe 3 « logement »\n",
        ));
        assert_eq!(
            logical(&doc),
            [
                "Cinq groupes de travail vont se réunir de février à juin :",
                "groupe 1 « périnatalité »",
                "groupe 2 « crise et urgences »",
                "groupe 3 « logement »",
            ]
        );
        let doc = normalize(&text_doc(
            "Il a réuni :\nles membres 3 fois\nles membres 9 fois.\n",
        ));
        assert_eq!(
            logical(&doc),
            ["Il a réuni : les membres 3 fois les membres 9 fois."]
        );
    }

    #[test]
    fn capital_heading_wrapping_on_an_article_joins() {
        let doc = normalize(&text_doc(
            "COMMUNIQUE DE PRESSE\n\n\n\nSIGNATURE DU CONTRAT TERRITORIAL DE SANTE MENTALE DE LA MEUSE : UN\n\nENGAGEMENT COLLECTIF",
        ));
        assert_eq!(
            logical(&doc),
            [
                "COMMUNIQUE DE PRESSE",
                "SIGNATURE DU CONTRAT TERRITORIAL DE SANTE MENTALE DE LA MEUSE : UN ENGAGEMENT COLLECTIF"
            ]
        );
    }

    #[test]
    fn line_end_hyphens_in_text() {
        let doc = normalize(&text_doc(
            "le dé-\nveloppement du secteur médico-\nsocial à Rouen – Elbeuf – Pays-de-\nBray pour 2023-\n2028.",
        ));
        assert_eq!(
            doc.text,
            "le développement du secteur médico-social à Rouen – Elbeuf – Pays-de-Bray pour 2023-2028."
        );
    }

    #[test]
    fn soft_hyphen_at_line_end_joins_without_space() {
        let doc = normalize(&text_doc("le dé\u{AD}\nveloppement de l’offre"));
        assert_eq!(doc.text, "le développement de l’offre");
    }

    #[test]
    fn straight_quotes_pair_over_a_wrapped_line() {
        let doc = normalize(&text_doc(
            "le programme \"génération sans carie\" et la convention \"Urgences\nsychiatriques\" dans l'Orne",
        ));
        assert_eq!(
            doc.text,
            "le programme « génération sans carie » et la convention « Urgences sychiatriques » dans l’Orne"
        );
    }

    #[test]
    fn odd_straight_quotes_are_left_unpaired() {
        let doc = normalize(&text_doc("un \"seul guillemet"));
        assert_eq!(doc.text, "un \"seul guillemet");
    }

    #[test]
    fn laid_out_blocks_join_within_and_markers_split() {
        let doc = normalize(&pdf_doc(&[&[
            "Quatre thèmes clés ont émergé de cette",
            "collaboration :",
            "",
            "• Améliorer la nature de l’offre existante en",
            "santé mentale (Adultes et Enfants),",
            "• Développer la formation des professionnels",
            "",
            "Un financement dédié",
        ]]));
        assert_eq!(
            logical(&doc),
            [
                "Quatre thèmes clés ont émergé de cette collaboration :",
                "• Améliorer la nature de l’offre existante en santé mentale (Adultes et Enfants),",
                "• Développer la formation des professionnels",
                "Un financement dédié",
            ]
        );
        assert!(!doc.lines[2].gap_before);
        assert!(doc.lines[3].gap_before);
        assert_eq!(doc.page_of(doc.lines[1].range.start), Some(1));
        let b = doc.bbox_of(doc.lines[1].range.clone()).unwrap();
        assert_eq!(b, [10.0, 652.0, 500.0, 674.0]);
    }

    /// Gives the lines of the first page of `raw` these boxes, in order.
    fn set_boxes<const N: usize>(raw: &mut RawDoc, boxes: [Option<BBox>; N]) {
        for (l, b) in raw.pages[0].lines.iter_mut().zip(boxes) {
            l.bbox = b;
        }
    }

    #[test]
    fn laid_out_close_lines_join_when_the_words_go_on() {
        // Lines 12 pt apart, 10 pt high: close; the date 30 pt below.
        let mut raw = pdf_doc(&[&[
            "SIGNATURE DU CONTRAT DE LA MEUSE : UN",
            "",
            "ENGAGEMENT COLLECTIF",
            "",
            "Le 13 décembre 2023",
        ]]);
        set_boxes(
            &mut raw,
            [
                Some([10.0, 700.0, 500.0, 710.0]),
                None,
                Some([10.0, 688.0, 200.0, 698.0]),
                None,
                Some([10.0, 658.0, 200.0, 668.0]),
            ],
        );
        let doc = normalize(&raw);
        assert_eq!(
            logical(&doc),
            [
                "SIGNATURE DU CONTRAT DE LA MEUSE : UN ENGAGEMENT COLLECTIF",
                "Le 13 décembre 2023"
            ]
        );
    }

    #[test]
    fn laid_out_paragraph_continues_at_the_top_of_the_next_column() {
        let mut raw = pdf_doc(&[&[
            "et les missions des dispositifs de coordination,",
            "",
            "Organisation de temps de travail",
            "",
            "Soutien à l’organisation",
        ]]);
        set_boxes(
            &mut raw,
            [
                Some([70.0, 24.0, 400.0, 32.0]),
                None,
                Some([460.0, 528.0, 670.0, 536.0]),
                None,
                Some([460.0, 510.0, 670.0, 518.0]),
            ],
        );
        let doc = normalize(&raw);
        assert_eq!(
            logical(&doc),
            [
                "et les missions des dispositifs de coordination, Organisation de temps de travail",
                "Soutien à l’organisation",
            ]
        );
    }

    #[test]
    fn laid_out_paragraph_continues_over_a_page_break_and_drops_the_number() {
        let doc = normalize(&pdf_doc(&[
            &["La signature du contrat permet de", "", "1"],
            &["démultiplier les possibilités.", "", "2"],
        ]));
        assert_eq!(
            logical(&doc),
            ["La signature du contrat permet de démultiplier les possibilités."]
        );
        assert_eq!(doc.warnings.len(), 2);
        assert!(doc.warnings.iter().all(|w| w.code == "page_number_removed"));
        assert_eq!(doc.warnings[0].location.page, Some(1));
        assert_eq!(doc.page_of(doc.text.len() - 1), Some(2));
    }

    #[test]
    fn a_number_that_is_not_its_page_is_kept_in_a_pdf() {
        // A chart's axis label "2" alone on page 1 of a one-page PDF.
        let doc = normalize(&pdf_doc(&[&["Figure", "", "2", "", "1"]]));
        assert_eq!(logical(&doc), ["Figure", "2"]);
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn page_number_is_kept_in_a_short_text() {
        let doc = normalize(&text_doc("Actions\n\n1\n\nFin"));
        assert!(doc.warnings.is_empty());
        assert!(logical(&doc).contains(&"1"));
    }

    #[test]
    fn empty_and_blank_documents_give_empty_text() {
        for s in ["", "\n\n \n\t\n"] {
            let doc = normalize(&text_doc(s));
            assert_eq!(doc.text, "");
            assert!(doc.lines.is_empty());
        }
    }

    #[test]
    fn odd_inputs_never_panic_and_stay_clean() {
        let odd = [
            "-",
            "•",
            "« ",
            "»",
            "\"",
            "1.",
            "a)",
            "- 1 -",
            "page",
            "\u{AD}",
            "\u{301}",
            "\r",
            "📞",
            "dé-",
            "-\n-",
            "ﬁ-\nﬂ",
            "«\n»",
            "(\n)",
            "1\n\n2\n\n3",
            "\u{202F}\u{A0}",
            "l'",
            "'l",
            "de\n\n\n",
            "\n\n\nde la",
            "Pays-de-\n",
            "-\nBray",
            "→\n→ x",
        ];
        for a in odd {
            for b in odd {
                let s = format!("{a}\n{b}\n\n{a}{b}\n{b} {a}");
                let doc = normalize(&text_doc(&s));
                assert!(!doc.text.contains("  "), "{s:?} → {:?}", doc.text);
                assert!(
                    !doc.text.chars().any(|c| c.is_control() && c != '\n'),
                    "{s:?}"
                );
                for l in &doc.lines {
                    let t = doc.text.get(l.range.clone()).unwrap();
                    assert!(!t.is_empty() && !t.contains('\n'), "{s:?}");
                    assert!(doc
                        .origins_of(l)
                        .iter()
                        .all(|o| o.range.start >= l.range.start && o.range.end <= l.range.end));
                }
                let _ = doc.line_of(doc.text.len());
                let _ = doc.bbox_of(0..doc.text.len());
            }
        }
    }
}
