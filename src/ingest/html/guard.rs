//! Limits on a page's markup, checked before it is parsed: a tree of
//! millions of elements, or elements nested thousands deep, is no web page
//! a person reads, and would cost gigabytes to build and deep recursion to
//! walk. The scan is linear and allocation-free: it counts start tags and
//! estimates nesting the way the parser will build it, closely enough for a
//! limit (elements whose end tag may be left out, such as `p` and `li`, and
//! void elements do not nest here; raw text such as scripts is skipped).

use crate::error::IngestError;

/// Elements in a page. Large real pages (a long Wikipedia article) have
/// some 50,000.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Nesting of elements. Browsers stop nesting at 512 (Chromium) and real
/// pages stay under 100; deeper nesting is adversarial.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Elements whose end tag may be left out: the parser closes them by
/// itself, so they are not counted as nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// Formatting elements: the parser closes and reopens them around blocks
/// (the "adoption agency"), and keeps at most three alike open; pages
/// that never close their `<font>` or `<b>` are common and harmless.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

pub fn check(html: &str) -> Result<(), IngestError> {
    let b = html.as_bytes();
    let mut i = 0usize;
    let mut elements = 0usize;
    let mut depth = 0usize;
    let mut name = [0u8; 16];
    while let Some(off) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        i += off + 1;
        match b.get(i) {
            Some(b'!') => {
                // A comment runs to "-->", a doctype or CDATA to ">".
                let rest = b.get(i..).unwrap_or_default();
                let end = if rest.starts_with(b"!--") {
                    memchr::memmem::find(rest, b"-->").map(|e| e + 3)
                } else {
                    memchr::memchr(b'>', rest).map(|e| e + 1)
                };
                i += end.unwrap_or(rest.len());
            }
            Some(b'/') => {
                let n = tag_name(b, i + 1, &mut name);
                if n > 0 && nests(name.get(..n).unwrap_or_default()) {
                    depth = depth.saturating_sub(1);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let n = tag_name(b, i, &mut name);
                let tag = name.get(..n).unwrap_or_default();
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(IngestError::Limit(format!(
                        "the page has more than {MAX_ELEMENTS} HTML elements"
                    )));
                }
                let rest = b.get(i..).unwrap_or_default();
                let close = memchr::memchr(b'>', rest).unwrap_or(rest.len());
                let self_closing = close > 0 && rest.get(close - 1) == Some(&b'/');
                i += close;
                if RAW_TEXT.iter().any(|r| r.as_bytes() == tag) {
                    i += raw_text_end(b.get(i..).unwrap_or_default(), tag);
                } else if !self_closing && nests(tag) {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(IngestError::Limit(format!(
                            "HTML elements nested more than {MAX_DEPTH} deep"
                        )));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copies the lowercase tag name at `at` into `out` (at most its length;
/// longer names are cut, which is enough to compare with known ones), and
/// returns its length.
fn tag_name(b: &[u8], at: usize, out: &mut [u8; 16]) -> usize {
    let mut n = 0;
    for &c in b.get(at..).unwrap_or_default() {
        if !(c.is_ascii_alphanumeric() || c == b'-' || c == b':') {
            break;
        }
        if let Some(slot) = out.get_mut(n) {
            *slot = c.to_ascii_lowercase();
            n += 1;
        }
    }
    n
}

fn nests(tag: &[u8]) -> bool {
    !VOID
        .iter()
        .chain(OPTIONAL_END)
        .chain(FORMATTING)
        .any(|v| v.as_bytes() == tag)
}

/// Bytes up to the end tag of raw-text element `tag` (ASCII
/// case-insensitive), or to the end.
fn raw_text_end(rest: &[u8], tag: &[u8]) -> usize {
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(rest.get(from..).unwrap_or_default(), b"</") {
        let at = from + off + 2;
        let candidate = rest.get(at..at + tag.len()).unwrap_or_default();
        if candidate.eq_ignore_ascii_case(tag) {
            return at;
        }
        from = at;
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = "<!doctype html><html><head><title>a<b</title><script>if (a<b) {x='</div>'}</script></head>\
                    <body><div><p>un<p>deux<ul><li>a<li>b</ul><br><img src=x></div></body></html>";
        assert!(check(page).is_ok());
        // Unclosed paragraphs and items do not nest.
        assert!(check(&"<p>x".repeat(10_000)).is_ok());
        assert!(check(&"<li>x".repeat(10_000)).is_ok());
        assert!(check(&"<font size=2>x".repeat(10_000)).is_ok());
    }

    #[test]
    fn deep_nesting_and_huge_trees_are_refused() {
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(matches!(check(&deep), Err(IngestError::Limit(_))));
        let closed = "<div>x</div>".repeat(MAX_DEPTH * 4);
        assert!(check(&closed).is_ok());
        let many = "<br>".repeat(MAX_ELEMENTS + 1);
        assert!(matches!(check(&many), Err(IngestError::Limit(_))));
    }
}
