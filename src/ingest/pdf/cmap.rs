//! CMap parsing: `/ToUnicode` maps (bfchar, bfrange with base or array
//! targets) and embedded encoding CMaps of Type0 fonts (cidchar, cidrange),
//! with their codespace ranges for splitting a string into codes of 1–4
//! bytes.
//!
//! A CMap is a PostScript program; we read it with a small tolerant
//! tokenizer and ignore what we do not need. `usecmap` (inheriting from a
//! predefined CMap) is not followed: [`CMap::usecmap`] records it so the
//! caller can warn.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Codespace {
    len: u8,
    lo: u32,
    hi: u32,
}

#[derive(Debug, Clone)]
enum Target {
    /// UTF-16 units of the first code; the last unit grows with the code.
    Base(Vec<u16>),
    /// One string per code of the range.
    Array(Vec<String>),
}

#[derive(Debug, Clone)]
struct BfRange {
    len: u8,
    lo: u32,
    hi: u32,
    target: Target,
}

#[derive(Debug, Clone, Copy)]
struct CidRange {
    len: u8,
    lo: u32,
    hi: u32,
    cid: u32,
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    codespaces: Vec<Codespace>,
    chars: HashMap<u64, String>,
    ranges: Vec<BfRange>,
    cids: Vec<CidRange>,
    /// Name of the CMap given to `usecmap`, which is not followed.
    pub usecmap: Option<String>,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
}

fn key(len: u8, code: u32) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// What is between `<` and `>`, decoded on use (`hex_bytes`): no
    /// allocation per token.
    Hex(&'a [u8]),
    Int(i64),
    Name(&'a [u8]),
    Op(&'a [u8]),
    Open,
    Close,
    Other,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn byte(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.i;
        while self.byte().is_some_and(&f) {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            self.take_while(|b| b.is_ascii_whitespace() || b == 0);
            let b = self.byte()?;
            match b {
                b'%' => {
                    self.take_while(|b| b != b'\n' && b != b'\r');
                }
                b'[' => {
                    self.i += 1;
                    return Some(Tok::Open);
                }
                b']' => {
                    self.i += 1;
                    return Some(Tok::Close);
                }
                b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                    self.i += 2;
                    return Some(Tok::Other);
                }
                b'>' => {
                    self.i += if self.s.get(self.i + 1) == Some(&b'>') {
                        2
                    } else {
                        1
                    };
                    return Some(Tok::Other);
                }
                b'<' => {
                    self.i += 1;
                    let digits = self.take_while(|b| b != b'>');
                    self.i += 1;
                    return Some(Tok::Hex(digits));
                }
                b'(' => {
                    // Strings only appear in the header (Registry…): skip,
                    // honouring nesting and escapes.
                    let mut depth = 0usize;
                    while let Some(c) = self.byte() {
                        self.i += 1;
                        match c {
                            b'\\' => self.i += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    return Some(Tok::Other);
                }
                b'/' => {
                    self.i += 1;
                    return Some(Tok::Name(self.take_while(|b| !is_delim(b))));
                }
                b'{' | b'}' | b')' => {
                    self.i += 1;
                    return Some(Tok::Other);
                }
                _ => {
                    let word = self.take_while(|b| !is_delim(b));
                    if word.is_empty() {
                        self.i += 1;
                        return Some(Tok::Other);
                    }
                    return Some(
                        match std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()) {
                            Some(n) => Tok::Int(n),
                            None => Tok::Op(word),
                        },
                    );
                }
            }
        }
    }
}

/// The bytes of a hex token: what is not a hex digit is skipped, a final
/// odd digit is followed by 0.
fn hex_bytes(raw: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut digits = raw
        .iter()
        .filter_map(|&d| (d as char).to_digit(16))
        .map(|d| d as u8);
    std::iter::from_fn(move || {
        let hi = digits.next()?;
        Some(hi << 4 | digits.next().unwrap_or(0))
    })
}

/// Length and big-endian value of a code of 1 to 4 bytes.
fn be(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
    Some((bytes.len() as u8, code))
}

/// `be` of the bytes of a hex token.
fn be_hex(raw: &[u8]) -> Option<(u8, u32)> {
    let mut len = 0u8;
    let mut code = 0u32;
    for b in hex_bytes(raw) {
        if len == 4 {
            return None;
        }
        len += 1;
        code = code << 8 | u32::from(b);
    }
    (len > 0).then_some((len, code))
}

/// The UTF-16 units of a hex token (a final odd byte is a unit of its own).
fn utf16(raw: &[u8]) -> impl Iterator<Item = u16> + '_ {
    let mut bytes = hex_bytes(raw);
    std::iter::from_fn(move || {
        let a = bytes.next()?;
        Some(match bytes.next() {
            Some(b) => u16::from_be_bytes([a, b]),
            None => u16::from(a),
        })
    })
}

fn utf16_string(raw: &[u8], out: &mut String) {
    out.extend(char::decode_utf16(utf16(raw)).map(|r| r.unwrap_or('\u{FFFD}')));
}

/// Reads the entries of a `begincidrange` block (`<lo> <hi> cid`) or of a
/// `begincidchar` block (`<code> cid`, a range of one code) starting at
/// token `i`; returns the index of the first token after them.
fn cid_entries(toks: &[Tok], mut i: usize, range: bool, out: &mut Vec<CidRange>) -> usize {
    let n = if range { 3 } else { 2 };
    while let Some(entry) = toks.get(i..i + n) {
        let (lo, hi, cid) = match entry {
            [Tok::Hex(lo), Tok::Hex(hi), Tok::Int(cid)] => (lo, hi, cid),
            [Tok::Hex(code), Tok::Int(cid)] => (code, code, cid),
            _ => break,
        };
        i += n;
        if let (Some((len, lo)), Some((_, hi)), Ok(cid)) =
            (be_hex(lo), be_hex(hi), u32::try_from(*cid))
        {
            out.push(CidRange { len, lo, hi, cid });
        }
    }
    i
}

/// Upper bound on the codes one range may expand (`Array` targets are
/// stored whole; a hostile range cannot allocate more than this).
const MAX_ARRAY: usize = 65_536;

impl CMap {
    /// Parses CMap program text. Never fails: what cannot be read is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let toks: Vec<Tok> = Lexer { s: data, i: 0 }.collect();
        let mut i = 0;
        let mut prev_name: Option<&[u8]> = None;
        while let Some(tok) = toks.get(i) {
            i += 1;
            match tok {
                Tok::Op(b"begincodespacerange") => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        i += 2;
                        if let (Some((len, lo)), Some((_, hi))) = (be_hex(lo), be_hex(hi)) {
                            cmap.codespaces.push(Codespace { len, lo, hi });
                        }
                    }
                }
                Tok::Op(b"beginbfchar") => {
                    while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        i += 2;
                        let Some((len, code)) = be_hex(src) else {
                            continue;
                        };
                        let mut s = String::new();
                        match dst {
                            Tok::Hex(d) => utf16_string(d, &mut s),
                            Tok::Name(n) => {
                                if let Some(t) = std::str::from_utf8(n)
                                    .ok()
                                    .and_then(super::glyphlist::to_unicode)
                                {
                                    s = t;
                                }
                            }
                            _ => continue,
                        }
                        cmap.chars.insert(key(len, code), s);
                    }
                }
                Tok::Op(b"beginbfrange") => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        i += 2;
                        let (Some((len, lo)), Some((_, hi))) = (be_hex(lo), be_hex(hi)) else {
                            continue;
                        };
                        match toks.get(i) {
                            Some(Tok::Hex(d)) => {
                                i += 1;
                                if hi >= lo {
                                    cmap.ranges.push(BfRange {
                                        len,
                                        lo,
                                        hi,
                                        target: Target::Base(utf16(d).collect()),
                                    });
                                }
                            }
                            Some(Tok::Open) => {
                                i += 1;
                                let mut items = Vec::new();
                                while let Some(Tok::Hex(d)) = toks.get(i) {
                                    i += 1;
                                    if items.len() < MAX_ARRAY {
                                        let mut s = String::new();
                                        utf16_string(d, &mut s);
                                        items.push(s);
                                    }
                                }
                                if let Some(Tok::Close) = toks.get(i) {
                                    i += 1;
                                }
                                if hi >= lo {
                                    cmap.ranges.push(BfRange {
                                        len,
                                        lo,
                                        hi,
                                        target: Target::Array(items),
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Tok::Op(b"begincidrange") => i = cid_entries(&toks, i, true, &mut cmap.cids),
                Tok::Op(b"begincidchar") => i = cid_entries(&toks, i, false, &mut cmap.cids),
                Tok::Op(b"usecmap") => {
                    if let Some(n) = prev_name {
                        cmap.usecmap = Some(String::from_utf8_lossy(n).into_owned());
                    }
                }
                Tok::Int(1) if prev_name == Some(b"WMode".as_slice()) => cmap.vertical = true,
                _ => {}
            }
            prev_name = match tok {
                Tok::Name(n) => Some(n),
                _ => None,
            };
        }
        // Later entries win over earlier ones for bfchar (HashMap insert);
        // for ranges, search from the end so a later range overrides too.
        cmap.ranges.reverse();
        cmap.cids.reverse();
        cmap
    }

    /// True when the CMap maps nothing to Unicode.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// Splits the next character code off `bytes`: `(code, byte length)`.
    /// Without codespace ranges, `default_len` bytes are taken.
    pub fn next_code(&self, bytes: &[u8], default_len: u8) -> (u32, u8) {
        if !self.codespaces.is_empty() {
            for n in 1..=4u8 {
                let Some(head) = bytes.get(..usize::from(n)) else {
                    break;
                };
                let Some((_, code)) = be(head) else { break };
                if self
                    .codespaces
                    .iter()
                    .any(|c| c.len == n && c.lo <= code && code <= c.hi)
                {
                    return (code, n);
                }
            }
            // No range matches: consume the shortest codespace length (as
            // Acrobat does), so one bad byte does not shift the rest.
            let n = self.codespaces.iter().map(|c| c.len).min().unwrap_or(1);
            return take(bytes, n);
        }
        take(bytes, default_len)
    }

    /// Appends the Unicode text of `code` to `out`; false when unmapped.
    pub fn lookup(&self, code: u32, len: u8, out: &mut String) -> bool {
        if let Some(s) = self.chars.get(&key(len, code)) {
            out.push_str(s);
            return true;
        }
        for r in &self.ranges {
            if r.len != len || code < r.lo || code > r.hi {
                continue;
            }
            let off = code - r.lo;
            match &r.target {
                Target::Base(units) => {
                    // Increment the last unit without copying the target:
                    // this runs once per shown glyph.
                    if let Some((last, head)) = units.split_last() {
                        let last = last.wrapping_add(off as u16);
                        out.extend(
                            char::decode_utf16(head.iter().copied().chain(std::iter::once(last)))
                                .map(|r| r.unwrap_or('\u{FFFD}')),
                        );
                    }
                }
                Target::Array(items) => match items.get(off as usize) {
                    Some(s) => out.push_str(s),
                    None => return false,
                },
            }
            return true;
        }
        false
    }

    /// The CID of `code` for an encoding CMap (cidchar/cidrange).
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        self.cids
            .iter()
            .find(|r| r.len == len && r.lo <= code && code <= r.hi)
            .map(|r| r.cid + (code - r.lo))
    }
}

fn take(bytes: &[u8], n: u8) -> (u32, u8) {
    let n = usize::from(n.max(1)).min(bytes.len()).max(1);
    let head = bytes.get(..n).unwrap_or(bytes);
    match be(head) {
        Some((len, code)) => (code, len),
        None => (0, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_BYTE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0044> <00660069>
endbfchar
2 beginbfrange
<0010> <0012> <0041>
<0020> <0021> [<00E9> <D83DDCDE>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(c: &CMap, code: u32, len: u8) -> Option<String> {
        let mut s = String::new();
        c.lookup(code, len, &mut s).then_some(s)
    }

    #[test]
    fn bfchar_maps_single_and_multi_char_targets() {
        let c = CMap::parse(TWO_BYTE);
        assert_eq!(text(&c, 3, 2).as_deref(), Some(" "));
        assert_eq!(text(&c, 0x44, 2).as_deref(), Some("fi"));
        assert_eq!(text(&c, 0x44, 1), None, "code length is part of the key");
    }

    #[test]
    fn bfrange_with_base_increments_last_unit() {
        let c = CMap::parse(TWO_BYTE);
        assert_eq!(text(&c, 0x10, 2).as_deref(), Some("A"));
        assert_eq!(text(&c, 0x12, 2).as_deref(), Some("C"));
        assert_eq!(text(&c, 0x13, 2), None);
    }

    #[test]
    fn bfrange_with_array_and_surrogate_pairs() {
        let c = CMap::parse(TWO_BYTE);
        assert_eq!(text(&c, 0x20, 2).as_deref(), Some("é"));
        assert_eq!(text(&c, 0x21, 2).as_deref(), Some("📞"));
    }

    #[test]
    fn codespace_splits_codes() {
        let c = CMap::parse(TWO_BYTE);
        assert_eq!(c.next_code(&[0x00, 0x44, 0x01], 1), (0x44, 2));
        // A lone trailing byte is still consumed, without panicking.
        assert_eq!(c.next_code(&[0x07], 1), (0x07, 1));
    }

    #[test]
    fn mixed_codespace_lengths() {
        let c = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
              1 begincidrange <8140> <8142> 633 endcidrange
              1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(c.next_code(b"A", 2), (0x41, 1));
        assert_eq!(c.next_code(&[0x81, 0x41], 1), (0x8141, 2));
        assert_eq!(c.cid(0x8141, 2), Some(634));
        assert_eq!(c.cid(0x41, 1), Some(34));
    }

    #[test]
    fn cid_blocks_stop_at_the_first_malformed_entry() {
        let c = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 begincidrange <0010> <0011> 5 <0020> 7 endcidrange
              2 begincidchar <0030> 9 <0031> <0032> endcidchar",
        );
        assert_eq!(c.cid(0x11, 2), Some(6));
        assert_eq!(
            c.cid(0x20, 2),
            None,
            "an entry with two tokens is not a range"
        );
        assert_eq!(c.cid(0x30, 2), Some(9));
        assert_eq!(c.cid(0x31, 2), None);
    }

    #[test]
    fn usecmap_is_recorded_not_followed() {
        let c = CMap::parse(b"/Adobe-Japan1-UCS2 usecmap 1 beginbfchar <01> <0041> endbfchar");
        assert_eq!(c.usecmap.as_deref(), Some("Adobe-Japan1-UCS2"));
        assert_eq!(text(&c, 1, 1).as_deref(), Some("A"));
    }

    #[test]
    fn garbage_does_not_panic() {
        let c = CMap::parse(b"<<<< [ ] ) ( <zz> beginbfrange <01> endbfrange %");
        assert!(c.is_empty());
        let c = CMap::parse(b"beginbfrange <FFFFFFFF> <00000000> <0041> endbfrange");
        assert!(c.is_empty());
    }

    /// Hex tokens: whitespace and non-digits skipped, a final odd digit
    /// followed by 0, a final odd byte a UTF-16 unit of its own, codes of
    /// more than 4 bytes ignored.
    #[test]
    fn hex_tokens_read_leniently() {
        let c = CMap::parse(
            b"3 beginbfchar <00 4x1> <00 6> <0042> <004> <0102030405> <0043> endbfchar",
        );
        assert_eq!(text(&c, 0x41, 2).as_deref(), Some("`"));
        assert_eq!(text(&c, 0x42, 2).as_deref(), Some("@"));
        assert!(c.chars.len() == 2);
        assert_eq!(be_hex(b"0 1 2"), Some((2, 0x0120)));
        assert_eq!(be_hex(b""), None);
        assert_eq!(utf16(b"004100").collect::<Vec<_>>(), [0x41, 0]);
    }
}
