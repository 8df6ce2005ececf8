//! File names as data: the output name of any input path (whatever its
//! bytes), and names made safe to print on a terminal.
//!
//! A file name on Unix is any bytes but `/` and NUL; it need not be UTF-8
//! (a Latin-1 "résumé" is `r\xE9sum\xE9`). Output names, manifest entries and
//! `source.path` are strings, so such bytes are written `%XX`. Two names
//! that `to_string_lossy` would make equal (`r\xE9sum\xE9` and `r\xE8sum\xE8`
//! both become `r�sum�`) stay distinct: [`escape_bytes`] is injective
//! ([`unescape`] is its inverse, checked by the tests).

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt::Write as _;

/// `s` as UTF-8 text that names it without loss: valid UTF-8 is kept, each
/// byte of an invalid sequence is written `%XX` (upper-case hex), and a
/// `%` that is followed by two hexadecimal digits in `s` is written `%25`
/// so that it cannot be read back as an escape. Any other `%` is kept as
/// it is: `100%.pdf` stays `100%.pdf`, `a%20b.pdf` becomes `a%2520b.pdf`.
pub fn escape_bytes(s: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(s) {
        if !needs_percent_escape(text.as_bytes()) {
            return Cow::Borrowed(text);
        }
    }
    let mut out = String::with_capacity(s.len() + 8);
    for chunk in s.utf8_chunks() {
        let valid = chunk.valid();
        let bytes = valid.as_bytes();
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'%' && hex_pair_at(s, chunk_offset(s, bytes) + i + 1) {
                out.push_str(valid.get(from..i).unwrap_or_default());
                out.push_str("%25");
                from = i + 1;
            }
        }
        out.push_str(valid.get(from..).unwrap_or_default());
        for &b in chunk.invalid() {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Cow::Owned(out)
}

/// [`escape_bytes`] of an OS string (its bytes on Unix; elsewhere its
/// lossy text, since names there are always Unicode).
pub fn escape_os(s: &OsStr) -> Cow<'_, str> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(s.as_bytes())
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy()
    }
}

/// The inverse of [`escape_bytes`].
#[cfg(test)]
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' && hex_pair_at(b, i + 1) {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where `part` (a slice of `whole`) starts in `whole`.
fn chunk_offset(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

fn hex_pair_at(b: &[u8], i: usize) -> bool {
    matches!((b.get(i), b.get(i + 1)), (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit())
}

fn needs_percent_escape(b: &[u8]) -> bool {
    memchr::memchr_iter(b'%', b).any(|i| hex_pair_at(b, i + 1))
}

/// `s` safe to print in a line on a terminal or in a log: control
/// characters (line breaks, escape sequences, C1 controls), the Unicode
/// line and paragraph separators and the bidirectional overrides are
/// written as Rust escapes (`\n`, `\u{1b}`, `\u{202e}`), and so is a
/// backslash, so that a printed name cannot forge a line, move the cursor,
/// colour the terminal or reorder what follows it. Anything else,
/// accented letters included, is printed as it is.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_terminal_escape(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_terminal_escape(c: char) -> bool {
    c.is_control()
        || c == '\\'
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_names_stay_distinct_and_readable() {
        let e = escape_bytes(b"r\xE9sum\xE9.txt");
        let g = escape_bytes(b"r\xE8sum\xE8.txt");
        assert_eq!(e, "r%E9sum%E9.txt");
        assert_eq!(g, "r%E8sum%E8.txt");
        assert_ne!(e, g);
        assert_eq!(escape_bytes("résumé.txt".as_bytes()), "résumé.txt");
        assert_eq!(escape_bytes(b"100%.pdf"), "100%.pdf");
        assert_eq!(escape_bytes(b"a%20b.pdf"), "a%2520b.pdf");
        assert_eq!(escape_bytes(b"%"), "%");
        assert_eq!(escape_bytes(b"%\xE9"), "%%E9");
    }

    /// Exhaustive over short byte strings from a small alphabet that holds
    /// everything that matters (`%`, hex digits, a non-digit, bytes of
    /// invalid and of valid multi-byte UTF-8): no two distinct names share
    /// an escape, and each escape reads back to its name.
    #[test]
    fn escaping_is_injective() {
        let alphabet: [&[u8]; 7] = [b"%", b"E", b"9", b"x", b"\xE9", b"\xC3", "é".as_bytes()];
        let mut seen = std::collections::HashMap::new();
        let mut names: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for n in &names {
                for a in alphabet {
                    let mut m = n.clone();
                    m.extend_from_slice(a);
                    next.push(m);
                }
            }
            for n in &next {
                let e = escape_bytes(n).into_owned();
                assert_eq!(unescape(&e), *n, "{e}");
                if let Some(prev) = seen.insert(e.clone(), n.clone()) {
                    assert_eq!(prev, *n, "{e} names two inputs");
                }
            }
            names = next;
        }
        assert!(seen.len() > 10_000);
    }

    #[test]
    fn terminal_escapes_what_could_forge_or_colour_a_line() {
        assert_eq!(terminal("a.pdf"), "a.pdf");
        assert_eq!(terminal("résumé"), "résumé");
        assert_eq!(
            terminal("a\nforged.pdf: converted fine\x1b[31m.pdf"),
            "a\\nforged.pdf: converted fine\\u{1b}[31m.pdf"
        );
        assert_eq!(
            terminal("x\u{2028}y\u{202E}z\r\\"),
            "x\\u{2028}y\\u{202e}z\\r\\\\"
        );
        assert_eq!(terminal("\u{9b}2J"), "\\u{9b}2J");
    }
}
