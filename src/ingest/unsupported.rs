//! Formats ptsm does not read (office documents, images, archives): told
//! apart by their first bytes, or by their extension when the bytes say
//! nothing, so that such a file gets "unsupported format: DOCX (Word
//! document)" instead of being read as text, or refused as binary text.

/// What a reader is told after the format's name.
const READS: &str = "ptsm reads PDF, web pages (HTML) and text files";

/// Formats by extension: (extension, name).
const BY_EXTENSION: &[(&str, &str)] = &[
    ("docx", "DOCX (Word document)"),
    ("docm", "DOCX (Word document)"),
    ("dotx", "DOCX (Word template)"),
    ("doc", "DOC (Word 97-2003 document)"),
    ("odt", "ODT (OpenDocument text)"),
    ("ott", "ODT (OpenDocument template)"),
    ("rtf", "RTF (rich text)"),
    ("xlsx", "XLSX (Excel workbook)"),
    ("xlsm", "XLSX (Excel workbook)"),
    ("xls", "XLS (Excel 97-2003 workbook)"),
    ("ods", "ODS (OpenDocument spreadsheet)"),
    ("pptx", "PPTX (PowerPoint presentation)"),
    ("ppt", "PPT (PowerPoint 97-2003 presentation)"),
    ("odp", "ODP (OpenDocument presentation)"),
    ("epub", "EPUB (e-book)"),
    ("png", "PNG image"),
    ("jpg", "JPEG image"),
    ("jpeg", "JPEG image"),
    ("gif", "GIF image"),
    ("tif", "TIFF image"),
    ("tiff", "TIFF image"),
    ("bmp", "BMP image"),
    ("webp", "WebP image"),
    ("svg", "SVG image"),
    ("heic", "HEIC image"),
    ("ico", "icon"),
    ("zip", "ZIP archive"),
    ("gz", "gzip archive"),
    ("tgz", "gzip archive"),
    ("tar", "tar archive"),
    ("7z", "7-Zip archive"),
    ("rar", "RAR archive"),
    ("bz2", "bzip2 archive"),
    ("xz", "xz archive"),
    ("zst", "Zstandard archive"),
    ("mp3", "audio file"),
    ("mp4", "video file"),
    ("exe", "program"),
];

/// The name of the format of `bytes` (named `name`) when ptsm does not
/// read it, with what it reads; `None` for anything that may be text, HTML
/// or PDF.
pub fn format(name: &str, bytes: &[u8]) -> Option<String> {
    let what = by_content(name, bytes).or_else(|| {
        let ext = extension(name)?;
        BY_EXTENSION
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, n)| (*n).to_string())
    })?;
    let later = if what.starts_with("DOC") || what.starts_with("ODT") {
        " (reading Word and OpenDocument text may come later)"
    } else {
        ""
    };
    Some(format!("{what}: {READS}{later}"))
}

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The format the first bytes show, when they show one ptsm does not read.
fn by_content(name: &str, bytes: &[u8]) -> Option<String> {
    let has = |magic: &[u8]| bytes.starts_with(magic);
    if has(b"PK\x03\x04") {
        return Some(zip_kind(name, bytes));
    }
    if has(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(match extension(name).as_deref() {
            Some("xls") => "XLS (Excel 97-2003 workbook)".into(),
            Some("ppt") => "PPT (PowerPoint 97-2003 presentation)".into(),
            _ => "DOC (Word 97-2003 document, or another Office 97-2003 file)".into(),
        });
    }
    let magic: &[(&[u8], &str)] = &[
        (b"{\\rtf", "RTF (rich text)"),
        (b"\x89PNG\r\n\x1A\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"\x1F\x8B", "gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"\x28\xB5\x2F\xFD", "Zstandard archive"),
    ];
    if let Some((_, what)) = magic.iter().find(|(m, _)| has(m)) {
        return Some((*what).to_string());
    }
    if has(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("WebP image".into());
    }
    if bytes.get(257..262) == Some(b"ustar") {
        return Some("tar archive".into());
    }
    None
}

/// Office Open XML and OpenDocument files are ZIP archives: the first
/// entry names (or the `mimetype` entry, stored first and uncompressed in
/// OpenDocument files) tell which.
fn zip_kind(name: &str, bytes: &[u8]) -> String {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let holds = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
    if holds(b"application/vnd.oasis.opendocument.text") {
        return "ODT (OpenDocument text)".into();
    }
    if holds(b"application/vnd.oasis.opendocument.spreadsheet") {
        return "ODS (OpenDocument spreadsheet)".into();
    }
    if holds(b"application/vnd.oasis.opendocument.presentation") {
        return "ODP (OpenDocument presentation)".into();
    }
    if holds(b"application/epub+zip") {
        return "EPUB (e-book)".into();
    }
    if holds(b"word/") {
        return "DOCX (Word document)".into();
    }
    if holds(b"xl/") {
        return "XLSX (Excel workbook)".into();
    }
    if holds(b"ppt/") {
        return "PPTX (PowerPoint presentation)".into();
    }
    match extension(name).as_deref() {
        Some(e) => BY_EXTENSION
            .iter()
            .find(|(x, _)| *x == e)
            .map_or_else(|| "ZIP archive".into(), |(_, n)| (*n).to_string()),
        None => "ZIP archive".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_files_images_and_archives_are_named() {
        let docx =
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml word/document.xml";
        assert!(format("a.docx", docx).is_some_and(|m| m.starts_with("DOCX")));
        // By content, whatever the name.
        assert!(format("a.txt", docx).is_some_and(|m| m.starts_with("DOCX")));
        let odt =
            b"PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.text";
        assert!(format("x", odt).is_some_and(|m| m.starts_with("ODT")));
        assert!(format("scan.png", b"\x89PNG\r\n\x1A\n....").is_some_and(|m| m.starts_with("PNG")));
        assert!(format("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
            .is_some_and(|m| m.starts_with("DOC")));
        assert!(format("a.tar.gz", b"\x1F\x8B\x08").is_some_and(|m| m.contains("gzip")));
        // By extension, when the bytes say nothing.
        assert!(format("notes.xlsx", b"garbage").is_some_and(|m| m.starts_with("XLSX")));
        assert!(format("a.docx", b"x").is_some_and(|m| m.contains("may come later")));
    }

    #[test]
    fn text_html_and_unknown_names_are_left_to_the_readers() {
        assert_eq!(format("a.txt", b"Communiqu\xC3\xA9 de presse"), None);
        assert_eq!(format("page.html", b"<!doctype html>"), None);
        assert_eq!(format("README", b"PK is a name"), None);
        assert_eq!(format(".docx", b"hidden, no extension"), None);
        assert_eq!(format("GIF89", b"GIF8 is no magic here"), None);
    }
}
