//! Text files: encoding detection (UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1252/Latin-1), evident mojibake repair, split into lines.
//!
//! Encoding names written into [`RawDoc::encoding`] (stable, part of the
//! output contract):
//!
//! | name            | when                                                  |
//! |-----------------|-------------------------------------------------------|
//! | `UTF-8`         | valid UTF-8, no BOM                                    |
//! | `UTF-8 (BOM)`   | valid UTF-8 after an EF BB BF byte-order mark          |
//! | `UTF-16LE`      | FF FE byte-order mark, valid UTF-16                    |
//! | `UTF-16BE`      | FE FF byte-order mark, valid UTF-16                    |
//! | `windows-1252`  | not UTF-8, every byte defined in Windows-1252 (this covers printable Latin-1) |
//!
//! Anything else is an [`IngestError::Encoding`] saying why: NUL bytes or
//! other binary control bytes, UTF-16 without a BOM, bytes undefined in
//! Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D) in a file that is not UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{RawDoc, RawLine, RawPage};
use crate::error::{IngestError, Warning};
use crate::model::SourceFormat;

/// Bytes that Windows-1252 leaves undefined.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

pub fn read(bytes: &[u8]) -> Result<RawDoc, IngestError> {
    let (text, encoding) = decode(bytes)?;
    let mut warnings = Vec::new();
    let (text, repaired) = repair_mojibake(&text);
    if repaired.count > 0 {
        warnings.push(Warning::new(
            "mojibake_repaired",
            format!(
                "repaired {} mojibake sequence(s) (UTF-8 text once read as Windows-1252), e.g. {}",
                repaired.count,
                repaired.examples.join(", ")
            ),
        ));
    }
    // A form feed is a page break: keep it as a line separator so that
    // normalization sees a break (it then drops the control character).
    let mut lines: Vec<RawLine> = text
        .split(['\n', '\u{C}'])
        .map(|l| RawLine::new(l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    let split = split_columns(&mut lines);
    if split > 0 {
        warnings.push(Warning::new(
            "columns_split",
            format!(
                "{split} line(s) hold two columns side by side (a PDF converted with its layout): \
                 each column is read as a whole, the left one first"
            ),
        ));
    }
    Ok(RawDoc {
        format: SourceFormat::Text,
        encoding: Some(encoding.to_string()),
        paged: false,
        laid_out: false,
        pages: vec![RawPage { number: 1, lines }],
        furniture: Vec::new(),
        tables: Vec::new(),
        warnings,
        markup: None,
        ocr: None,
    })
}

/// Reads two columns laid side by side in a text file (what a PDF-to-text
/// converter writes in layout mode) as one column after the other: finds
/// the position where a right column starts (after three or more spaces,
/// at the same character position on several lines, with no text crossing
/// it), and rewrites each region of such lines as its left parts, a blank
/// line, then its right parts, each keeping its source line number.
/// Returns how many lines were split.
fn split_columns(lines: &mut Vec<RawLine>) -> usize {
    // Candidate starts: char positions of text after 3+ spaces in a line
    // that has text before them; both sides at least two words. (Lines are
    // read as they are: a copy of each as a `Vec<char>`, four bytes a
    // character, was the largest allocation of reading a text file.)
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let gutters: Vec<Option<usize>> = lines.iter().map(|l| gutter_start(&l.text)).collect();
    for p in gutters.iter().flatten() {
        *counts.entry(*p).or_default() += 1;
    }
    let Some((&col, &n)) = counts
        .iter()
        .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
    else {
        return 0;
    };
    if n < 4 {
        return 0;
    }
    // Regions: runs of lines each split at `col`, short of it, or starting
    // at it; a line crossing the gutter ends a region.
    let nth_ws = |s: &str, n: usize| s.chars().nth(n).is_some_and(char::is_whitespace);
    // A line whose own gutter is a char or two off the column's is split
    // at its own ("Le directeur général de l'ARS Occitanie,        Le
    // président …" over "Bertrand SOULIÉ                                  Michel
    // ESCANDE"): hand-aligned columns drift.
    let near = |g: Option<usize>| g.filter(|&g| g + 2 >= col && g <= col);
    let fits_at = |s: &str, g: Option<usize>| -> bool {
        near(g).is_some()
            || s.chars().nth(col.saturating_sub(1)).is_none()
            || nth_ws(s, col.saturating_sub(1)) && nth_ws(s, col.saturating_sub(2))
    };
    // The byte offset of char `col`, or of the line's own gutter near it
    // (the end when the line is shorter).
    let cut_of = |s: &str, g: Option<usize>| {
        let at = near(g).unwrap_or(col);
        s.char_indices().nth(at).map_or(s.len(), |(b, _)| b)
    };
    let splits_at = |k: usize| near(gutters.get(k).copied().flatten()).is_some();
    let mut out: Vec<RawLine> = Vec::with_capacity(lines.len() + 8);
    let mut split_total = 0;
    let mut i = 0;
    while i < lines.len() {
        if !splits_at(i) {
            out.push(std::mem::take(&mut lines[i]).with_source(i));
            i += 1;
            continue;
        }
        // Grow the region both ways over fitting lines (backwards only
        // over lines not already emitted as they are: none, since we stop
        // at the first split line).
        let mut j = i;
        let mut splits = 0;
        let fits = |k: usize| fits_at(&lines[k].text, gutters.get(k).copied().flatten());
        let cut_at = |k: usize| cut_of(&lines[k].text, gutters.get(k).copied().flatten());
        while j < lines.len() && fits(j) {
            splits += usize::from(splits_at(j));
            j += 1;
        }
        // A table, not two columns of prose: the part after the gutter is
        // itself cut by gaps in most lines ("LEBAS Thierry ⇥ Vice-président
        // … ⇥ UDAF du Calvados ⇥ P"). Its rows stay whole.
        let gapped = (i..j)
            .filter(|&k| {
                let s = &lines[k].text;
                let cut = cut_at(k);
                cut < s.len() && gutter_start(&s[cut..]).is_some()
            })
            .count();
        // A table of labels and values, not two columns of prose: the
        // left parts are labels of a few words ("Intitulé de l’action",
        // "Pilote(s)", "Calendrier"), where a column of prose fills its
        // width. Two signature blocks side by side are columns too: their
        // left parts end with a comma ("La Déléguée départementale,") or
        // hold a surname in capitals ("Monique RAVIER").
        let lefts: Vec<&str> = (i..j)
            .map(|k| {
                let s = &lines[k].text;
                &s[..cut_at(k)]
            })
            .filter(|l| !l.trim().is_empty())
            .collect();
        let label_like = |l: &str| {
            let l = l.trim();
            l.split_whitespace().count() <= 4
                && !l.ends_with(',')
                && !l.split_whitespace().any(|w| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                        && !w.chars().any(char::is_lowercase)
                })
        };
        let labels = !lefts.is_empty()
            && lefts.iter().filter(|l| label_like(l)).count() * 3 >= lefts.len() * 2;
        if splits < 4 || gapped * 2 >= splits || labels {
            out.push(std::mem::take(&mut lines[i]).with_source(i));
            i += 1;
            continue;
        }
        let mut left = Vec::new();
        let mut right = Vec::new();
        for (k, line) in lines.iter().enumerate().take(j).skip(i) {
            let s = &line.text;
            let (l, r) = s.split_at(cut_at(k));
            left.push(RawLine::new(l.trim_end()).with_source(k));
            right.push(RawLine::new(r.trim()).with_source(k));
        }
        split_total += splits;
        out.extend(left);
        out.push(RawLine::new(""));
        out.extend(right);
        i = j;
    }
    *lines = out;
    split_total
}

/// Where text resumes after a gap of three or more spaces in the middle
/// of a line (both sides at least two words), in chars.
fn gutter_start(s: &str) -> Option<usize> {
    let first = s.char_indices().position(|(_, c)| !c.is_whitespace())?;
    let first_byte = s.char_indices().nth(first).map_or(0, |(b, _)| b);
    let mut run = 0;
    for (p, (b, c)) in s.char_indices().enumerate().skip(first) {
        if c.is_whitespace() {
            run += 1;
            continue;
        }
        if run >= 3 {
            let words = |s: &str| {
                s.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count()
            };
            let (left, right) = (&s[first_byte..b], &s[b..]);
            return (words(left) >= 2 && words(right) >= 2).then_some(p);
        }
        run = 0;
    }
    None
}

impl RawLine {
    fn with_source(mut self, index: usize) -> RawLine {
        self.source_line = Some(index as u32 + 1);
        self
    }
}

/// Detects the encoding and decodes. Returns the text and the encoding name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let s = std::str::from_utf8(rest).map_err(|e| {
            IngestError::Encoding(format!("UTF-8 byte-order mark but invalid UTF-8: {e}"))
        })?;
        check_not_binary(s)?;
        return Ok((s.to_string(), "UTF-8 (BOM)"));
    }
    for (bom, enc, name) in [
        (b"\xFF\xFE", UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return decode_utf16(rest, enc, name);
        }
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Encoding(if looks_like_utf16(bytes) {
            "NUL bytes at every other position: UTF-16 without a byte-order mark is not supported"
                .to_string()
        } else {
            format!("NUL byte at offset {pos}: binary data, not text")
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_not_binary(s)?;
            Ok((s.to_string(), "UTF-8"))
        }
        Err(utf8_err) => {
            if let Some(pos) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
                return Err(IngestError::Encoding(format!(
                    "invalid UTF-8 ({utf8_err}) and byte 0x{:02X} at offset {pos} is undefined in Windows-1252",
                    bytes.get(pos).copied().unwrap_or_default()
                )));
            }
            let (s, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            check_not_binary(&s)?;
            Ok((s.into_owned(), "windows-1252"))
        }
    }
}

fn decode_utf16(
    rest: &[u8],
    enc: &'static Encoding,
    name: &'static str,
) -> Result<(String, &'static str), IngestError> {
    if rest.len() % 2 != 0 {
        return Err(IngestError::Encoding(format!(
            "{name} byte-order mark but an odd number of bytes"
        )));
    }
    let s = enc
        .decode_without_bom_handling_and_without_replacement(rest)
        .ok_or_else(|| {
            IngestError::Encoding(format!(
                "{name} byte-order mark but invalid {name} (unpaired surrogate)"
            ))
        })?;
    check_not_binary(&s)?;
    Ok((s.into_owned(), name))
}

/// ASCII text in UTF-16 has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(512)).unwrap_or_default();
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    even * 10 >= pairs * 8 || odd * 10 >= pairs * 8
}

/// Refuses decoded text that is evidently binary: a NUL, or more than 1 in
/// 200 characters being control characters other than tab, line feed,
/// carriage return and form feed.
pub(crate) fn check_not_binary(s: &str) -> Result<(), IngestError> {
    if let Some(pos) = s.find('\0') {
        return Err(IngestError::Encoding(format!(
            "NUL character at offset {pos}: binary data, not text"
        )));
    }
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in s.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{C}') {
            controls += 1;
        }
    }
    if controls > 0 && controls * 200 > total {
        return Err(IngestError::Encoding(format!(
            "{controls} control characters in {total}: binary data, not text"
        )));
    }
    Ok(())
}

/// What [`repair_mojibake`] did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Repaired {
    pub count: usize,
    /// Up to three distinct examples, `"Ã©" → "é"`.
    pub examples: Vec<String>,
}

/// The Windows-1252 byte a character came from, if UTF-8 bytes were once
/// decoded as Windows-1252 (or Latin-1: C1 controls map to themselves).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Characters a repaired sequence may produce. Limiting repairs to what a
/// French text contains keeps real text such as "SANTÉ\u{A0}:" (É then a
/// no-break space, bytes C9 A0 = "ɠ" in UTF-8) from being "repaired".
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{A0}'..='\u{FF}'
        | '\u{152}' | '\u{153}' | '\u{178}'
        | '\u{2010}'..='\u{203A}'
        | '\u{20AC}'
        | '\u{2122}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{25A0}'..='\u{25FF}'
        | '\u{2700}'..='\u{27BF}'
        | '\u{1F300}'..='\u{1FAFF}')
}

/// Repairs evident mojibake: UTF-8 bytes that were decoded as Windows-1252
/// and re-encoded ("Ã©" for "é", "â€™" for "’", "Å“" for "œ"). A sequence
/// is repaired only when its characters map back to a well-formed UTF-8
/// sequence that decodes to a character French text plausibly holds.
pub fn repair_mojibake(s: &str) -> (std::borrow::Cow<'_, str>, Repaired) {
    let mut rep = Repaired::default();
    let mut out = String::new();
    // Bytes of `s` already copied to `out` (only once a repair happened).
    let mut copied = 0;
    let mut iter = s.char_indices();
    while let Some((i, c)) = iter.next() {
        // Every mojibake sequence starts with a char in Â..ô.
        if !('\u{C2}'..='\u{F4}').contains(&c) {
            continue;
        }
        let Some(rest) = s.get(i..) else { continue };
        let Some((decoded, used)) = mojibake_at(rest) else {
            continue;
        };
        rep.count += 1;
        let from = rest.get(..used).unwrap_or_default();
        if rep.examples.len() < 3 {
            let ex = format!("«{from}» → «{decoded}»");
            if !rep.examples.contains(&ex) {
                rep.examples.push(ex);
            }
        }
        if out.is_empty() {
            out.reserve(s.len());
        }
        out.push_str(s.get(copied..i).unwrap_or_default());
        out.push(decoded);
        copied = i + used;
        // Skip the rest of the sequence.
        for _ in 1..from.chars().count() {
            iter.next();
        }
    }
    if rep.count == 0 {
        return (std::borrow::Cow::Borrowed(s), rep);
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    // "à" is C3 A0 in UTF-8: once misread, the A0 (a no-break space) is
    // often turned into a plain space, leaving "Ã " that the pass above
    // cannot see. "Ã" is not French: in a text already shown to hold
    // mojibake, "Ã " is that "à".
    let lost_nbsp = out.matches("Ã ").count();
    if lost_nbsp > 0 {
        out = out.replace("Ã  ", "à ").replace("Ã ", "à ");
        rep.count += lost_nbsp;
        if rep.examples.len() < 3 {
            rep.examples.push("«Ã » → «à»".to_string());
        }
    }
    (std::borrow::Cow::Owned(out), rep)
}

/// The character a mojibake sequence at the start of `s` stands for, and
/// the byte length of the sequence in `s`.
fn mojibake_at(s: &str) -> Option<(char, usize)> {
    let mut chars = s.char_indices();
    let (_, lead_char) = chars.next()?;
    let lead = cp1252_byte(lead_char)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [0u8; 4];
    bytes[0] = lead;
    let mut end = lead_char.len_utf8();
    for slot in bytes.iter_mut().take(len).skip(1) {
        let (at, c) = chars.next()?;
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        end = at + c.len_utf8();
    }
    let decoded = std::str::from_utf8(bytes.get(..len)?).ok()?;
    let c = decoded.chars().next()?;
    plausible(c).then_some((c, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str =
        "Projet territorial de santé mentale : l’ARS présente « 625 616 € » à Évreux, œuvre.\n";

    fn text_of(doc: &RawDoc) -> String {
        doc.pages
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn utf8_without_bom() {
        let doc = read(FRENCH.as_bytes()).unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(text_of(&doc), FRENCH);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn utf8_with_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(FRENCH.as_bytes());
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("UTF-8 (BOM)"));
        assert_eq!(text_of(&doc), FRENCH);
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        for (enc, bom, name) in [
            (UTF_16LE, [0xFF, 0xFE], "UTF-16LE"),
            (UTF_16BE, [0xFE, 0xFF], "UTF-16BE"),
        ] {
            let units: Vec<u16> = FRENCH.encode_utf16().collect();
            let mut bytes = bom.to_vec();
            for u in units {
                if enc == UTF_16LE {
                    bytes.extend_from_slice(&u.to_le_bytes());
                } else {
                    bytes.extend_from_slice(&u.to_be_bytes());
                }
            }
            let doc = read(&bytes).unwrap();
            assert_eq!(doc.encoding.as_deref(), Some(name));
            assert_eq!(text_of(&doc), FRENCH);
        }
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(FRENCH);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(text_of(&doc), FRENCH);
    }

    #[test]
    fn latin1_is_read_as_windows_1252() {
        // ISO-8859-1 bytes for "Réhabilitation à Évreux": the same as 1252.
        let bytes = b"R\xE9habilitation \xE0 \xC9vreux";
        let doc = read(bytes).unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(text_of(&doc), "Réhabilitation à Évreux");
    }

    #[test]
    fn two_columns_side_by_side_are_read_one_after_the_other() {
        let text = "Titre de la page\n\
Le Gard est organisé en quatre           Au sud, la Camargue gardoise\n\
territoires de proximité : Nîmes         accueille une population\n\
Métropole, les Cévennes et la            saisonnière importante.\n\
Camargue gardoise. Chacun a disposé\n\
d’un groupe de travail local ;           Constats transversaux\n\
au total, quatre groupes.                Les groupes ont dégagé cinq enjeux.\n";
        let doc = read(text.as_bytes()).expect("reads");
        let lines: Vec<&str> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines[1], "Le Gard est organisé en quatre");
        let right = lines
            .iter()
            .position(|l| l.starts_with("Au sud"))
            .expect("right column");
        assert!(
            right
                > lines
                    .iter()
                    .position(|l| l.starts_with("au total"))
                    .expect("left end")
        );
        assert_eq!(doc.pages[0].lines[right].source_line, Some(2));
        assert!(doc.warnings.iter().any(|w| w.code == "columns_split"));
        // One line with a gap is no column.
        let doc = read("Version 1                                  Page 3 / 24\nTexte.".as_bytes())
            .expect("reads");
        assert_eq!(doc.pages[0].lines.len(), 2);
    }

    #[test]
    fn signature_blocks_whose_column_drifts_by_a_char() {
        let text = [
            "Fait à Albi, le 12 septembre 2022",
            "",
            "Le directeur général de l'ARS Occitanie,        Le président du Conseil départemental du Tarn,",
            "",
            "Bertrand SOULIÉ                                  Michel ESCANDE",
            "",
            "La directrice de la Fondation Bon Sauveur        Le directeur du CH de Lavaur,",
            "d'Alby,",
            "",
            "Anne-Laure BRU                                   Thomas VIGUIER",
            "",
            "La présidente déléguée de l'UNAFAM Tarn,         Pour le CHIC de Castres-Mazamet,",
            "                                                 le directeur par intérim,",
            "",
            "Josiane CAUSSE                                   Frédéric MAURY",
        ]
        .join("\n");
        let doc = read(text.as_bytes()).expect("reads");
        let lines: Vec<&str> = doc.pages[0]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "Fait à Albi, le 12 septembre 2022",
                "Le directeur général de l'ARS Occitanie,",
                "Bertrand SOULIÉ",
                "La directrice de la Fondation Bon Sauveur",
                "d'Alby,",
                "Anne-Laure BRU",
                "La présidente déléguée de l'UNAFAM Tarn,",
                "Josiane CAUSSE",
                "Le président du Conseil départemental du Tarn,",
                "Michel ESCANDE",
                "Le directeur du CH de Lavaur,",
                "Thomas VIGUIER",
                "Pour le CHIC de Castres-Mazamet,",
                "le directeur par intérim,",
                "Frédéric MAURY",
            ]
        );
    }

    #[test]
    fn crlf_line_ends_are_split() {
        let doc = read("Actions\r\n\r\nGroupes de travail\r\n".as_bytes()).unwrap();
        let lines: Vec<_> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["Actions", "", "Groupes de travail", ""]);
    }

    #[test]
    fn binary_with_nul_is_an_encoding_error() {
        let err = read(b"PK\x03\x04\x00\x00\x08\x00 sant\xE9").unwrap_err();
        assert!(
            matches!(err, IngestError::Encoding(ref m) if m.contains("NUL")),
            "{err}"
        );
    }

    #[test]
    fn utf16_without_bom_is_named_in_the_error() {
        let bytes: Vec<u8> = "Santé mentale"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let err = read(&bytes).unwrap_err();
        assert!(
            matches!(err, IngestError::Encoding(ref m) if m.contains("UTF-16")),
            "{err}"
        );
    }

    #[test]
    fn undefined_1252_bytes_with_invalid_utf8_are_an_error() {
        let err = read(b"sant\xE9 \x81\x8D mentale").unwrap_err();
        assert!(
            matches!(err, IngestError::Encoding(ref m) if m.contains("0x81")),
            "{err}"
        );
    }

    #[test]
    fn control_heavy_text_is_binary() {
        let bytes: Vec<u8> = (1u8..=8).cycle().take(400).collect();
        assert!(matches!(read(&bytes), Err(IngestError::Encoding(_))));
    }

    #[test]
    fn invalid_utf16_is_an_error() {
        // A lone high surrogate.
        let err = read(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap_err();
        assert!(matches!(err, IngestError::Encoding(_)), "{err}");
        assert!(read(&[0xFF, 0xFE, 0x41]).is_err());
    }

    #[test]
    fn mojibake_is_repaired_with_a_warning() {
        // UTF-8 bytes decoded as Windows-1252, then saved as UTF-8.
        let (garbled, _, _) =
            encoding_rs::UTF_8.encode("santé, l’ARS, œuvre, « guillemets », 625 €");
        let (garbled, _) = WINDOWS_1252.decode_without_bom_handling(&garbled);
        assert!(garbled.contains("Ã©") && garbled.contains("â€™"));
        let doc = read(garbled.as_bytes()).unwrap();
        assert_eq!(text_of(&doc), "santé, l’ARS, œuvre, « guillemets », 625 €");
        let w = doc
            .warnings
            .iter()
            .find(|w| w.code == "mojibake_repaired")
            .unwrap();
        assert!(w.message.contains("repaired 6"), "{}", w.message);
        assert!(w.message.contains("«Ã©» → «é»"), "{}", w.message);
    }

    #[test]
    fn mojibake_in_a_1252_file_is_repaired_too() {
        // C3 A9 ("Ã©" in 1252) then E9 (invalid UTF-8): a 1252 file that
        // already held mojibake.
        let doc = read(b"\xC3\xA9t\xE9").unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(text_of(&doc), "été");
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn real_text_is_not_taken_for_mojibake() {
        for s in ["SANTÉ\u{A0}: ÉTÉ", "Â l’époque", "À Évreux", "Ô combien"] {
            let (out, rep) = repair_mojibake(s);
            assert_eq!(out, s);
            assert_eq!(rep.count, 0);
        }
    }

    #[test]
    fn a_grave_whose_nbsp_became_a_space_is_repaired_in_mojibake_text() {
        let (out, rep) = repair_mojibake("santÃ© mentale Ã  Verdun, Ã Bar-le-Duc");
        assert_eq!(out, "santé mentale à Verdun, à Bar-le-Duc");
        assert_eq!(rep.count, 3);
        // Without other evidence of mojibake, "Ã " is left alone.
        let (out, rep) = repair_mojibake("Ã  Verdun");
        assert_eq!(out, "Ã  Verdun");
        assert_eq!(rep.count, 0);
    }

    #[test]
    fn emoji_mojibake_is_repaired() {
        let (out, rep) = repair_mojibake("rendez-vous : ðŸ“ž 03.76.33.01.15");
        assert_eq!(out, "rendez-vous : 📞 03.76.33.01.15");
        assert_eq!(rep.count, 1);
    }
}
