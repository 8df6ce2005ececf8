//! The character encoding of a web page: byte-order mark, else the page's
//! declaration, else detection as for text files ([`text::decode`]).
//!
//! A declaration is looked for by the HTML parser itself in the first
//! 8 KB, read as Windows-1252 (every byte is a character, and ASCII, which
//! all markup is, stays ASCII): `<meta charset>` and `<meta http-equiv=
//! "Content-Type" content="…; charset=…">`, never inside a comment or a
//! script. The bytes overrule a declaration they contradict, with a
//! `charset_mismatch` warning: a page declared UTF-8 that is not valid
//! UTF-8 is detected as for a text file; a page declared in a single-byte
//! encoding whose bytes are valid UTF-8 with non-ASCII characters is UTF-8
//! (text in Windows-1252 or Latin-9 is practically never valid UTF-8 by
//! chance).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::error::{IngestError, Warning};
use crate::ingest::text;

/// A decoded page.
pub struct Decoded {
    pub text: String,
    /// The encoding's name, as [`crate::ingest::text`] names them
    /// (`UTF-8`, `windows-1252`…), or as encoding_rs names the others
    /// (`ISO-8859-15`, `Shift_JIS`…).
    pub encoding: String,
    pub warnings: Vec<Warning>,
}

/// How far the declaration is looked for.
const PRESCAN: usize = 8 * 1024;

pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|m| bytes.starts_with(m));
    // A byte-order mark decides; a NUL byte is binary data (or UTF-16
    // without a mark): the text reader says which, as it does for text.
    if bom || bytes.contains(&0) {
        let (text, name) = text::decode(bytes)?;
        return Ok(finish(text, name.to_string(), Vec::new()));
    }
    let mut warnings = Vec::new();
    let Some((label, declared)) = declared(bytes) else {
        let (text, name) = text::decode(bytes)?;
        return Ok(finish(text, name.to_string(), warnings));
    };
    let utf8 = std::str::from_utf8(bytes).ok();
    if declared == UTF_8 {
        if let Some(s) = utf8 {
            text::check_not_binary(s)?;
            return Ok(finish(s.to_string(), "UTF-8".into(), warnings));
        }
        // Not UTF-8 after all: detected as a text file is (Windows-1252
        // when every byte is defined there), else read as UTF-8 with
        // replacement characters.
        return Ok(match text::decode(bytes) {
            Ok((text, name)) => {
                warnings.push(mismatch(&label, name));
                finish(text, name.to_string(), warnings)
            }
            Err(_) => {
                let (text, _) = UTF_8.decode_without_bom_handling(bytes);
                text::check_not_binary(&text)?;
                warnings.push(Warning::new(
                    "charset_mismatch",
                    format!(
                        "the page declares {label} but is not valid UTF-8, nor text in \
                         Windows-1252: invalid bytes are read as U+FFFD"
                    ),
                ));
                finish(text.into_owned(), "UTF-8".into(), warnings)
            }
        });
    }
    if let Some(s) = utf8.filter(|s| !s.is_ascii()) {
        text::check_not_binary(s)?;
        warnings.push(mismatch(&label, "UTF-8"));
        return Ok(finish(s.to_string(), "UTF-8".into(), warnings));
    }
    let (text, malformed) = declared.decode_without_bom_handling(bytes);
    text::check_not_binary(&text)?;
    if malformed {
        warnings.push(Warning::new(
            "charset_mismatch",
            format!("the page declares {label}, and some bytes are invalid in it: read as U+FFFD"),
        ));
    }
    Ok(finish(
        text.into_owned(),
        declared.name().to_string(),
        warnings,
    ))
}

fn mismatch(label: &str, used: &str) -> Warning {
    Warning::new(
        "charset_mismatch",
        format!("the page declares {label} but its bytes are {used}: read as {used}"),
    )
}

/// Mojibake repaired as in text files (UTF-8 once read as Windows-1252 and
/// saved again), with the same warning.
fn finish(text: String, encoding: String, mut warnings: Vec<Warning>) -> Decoded {
    let (repaired, report) = text::repair_mojibake(&text);
    let text = if report.count > 0 {
        warnings.push(Warning::new(
            "mojibake_repaired",
            format!(
                "repaired {} mojibake sequence(s) (UTF-8 text once read as Windows-1252), e.g. {}",
                report.count,
                report.examples.join(", ")
            ),
        ));
        repaired.into_owned()
    } else {
        text
    };
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// The encoding a page declares in its first [`PRESCAN`] bytes, with the
/// label as written. UTF-16 labels mean UTF-8 (a page that could declare
/// itself in ASCII is not UTF-16), and `x-user-defined` Windows-1252, as
/// the HTML standard says.
fn declared(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    let head = bytes.get(..bytes.len().min(PRESCAN)).unwrap_or_default();
    let (head, _) = WINDOWS_1252.decode_without_bom_handling(head);
    let doc = dom_query::Document::from(head.as_ref());
    for meta in doc.select("meta").nodes() {
        let label = match meta.attr("charset") {
            Some(c) => c.to_string(),
            None => {
                let equiv = meta.attr("http-equiv").unwrap_or_default();
                if !equiv.trim().eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let content = meta.attr("content").unwrap_or_default().to_string();
                match charset_param(&content) {
                    Some(c) => c,
                    None => continue,
                }
            }
        };
        let label = label.trim().to_string();
        let Some(enc) = Encoding::for_label(label.as_bytes()) else {
            continue;
        };
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        };
        return Some((label, enc));
    }
    None
}

/// The `charset` parameter of a Content-Type value, unquoted.
pub(crate) fn charset_param(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let v = rest.get(..end)?;
    (!v.is_empty()).then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(charset_decl: &str, body: &[u8]) -> Vec<u8> {
        let mut v =
            format!("<!doctype html><html><head>{charset_decl}<title>t</title></head><body><p>")
                .into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"</p></body></html>");
        v
    }

    #[test]
    fn declarations_are_read_by_the_parser() {
        let d = decode(&page(r#"<meta charset="windows-1252">"#, b"sant\xE9")).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("santé"));
        assert!(d.warnings.is_empty());
        let d = decode(&page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">"#,
            b"\xA4 ",
        ))
        .unwrap();
        assert_eq!(d.encoding, "ISO-8859-15");
        assert!(d.text.contains('€'));
        // A declaration in a comment is none.
        let d = decode(&page(
            r#"<!-- <meta charset="iso-8859-15"> -->"#,
            "é".as_bytes(),
        ))
        .unwrap();
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn a_wrong_declaration_is_overruled_with_a_warning() {
        // Declared UTF-8, bytes in Windows-1252.
        let d = decode(&page(r#"<meta charset="utf-8">"#, b"sant\xE9 mentale")).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("santé"));
        assert_eq!(d.warnings[0].code, "charset_mismatch");
        // Declared Latin-1, bytes in UTF-8.
        let d = decode(&page(r#"<meta charset="iso-8859-1">"#, "santé".as_bytes())).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("santé"));
        assert_eq!(d.warnings[0].code, "charset_mismatch");
    }

    #[test]
    fn no_declaration_is_detected_as_for_text() {
        assert_eq!(
            decode(&page("", b"sant\xE9")).unwrap().encoding,
            "windows-1252"
        );
        assert_eq!(
            decode(&page("", "santé".as_bytes())).unwrap().encoding,
            "UTF-8"
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(page(r#"<meta charset="windows-1252">"#, "santé".as_bytes()));
        assert_eq!(decode(&bom).unwrap().encoding, "UTF-8 (BOM)");
    }

    #[test]
    fn binary_data_is_refused() {
        let mut v = page("", b"x");
        v.extend_from_slice(b"\x00\x01\x02\x03");
        assert!(matches!(decode(&v), Err(IngestError::Encoding(_))));
    }

    #[test]
    fn charset_parameters() {
        assert_eq!(
            charset_param("text/html; charset=UTF-8").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            charset_param("text/html;charset=\"iso-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
