//! The normalized text of a document, rebuilt from its block tree.
//!
//! The JSON contract does not carry the normalized text, but its block
//! tree covers it without loss: every leaf block is its marker, spaces and
//! its text, exactly at its span; a list item with children starts with
//! its own line; a table is one line per row, its cells separated by tabs
//! (one field per grid column); lines are separated by `\n`. So the report
//! reads the JSON only and still shows every span in its text: no source
//! file, no second extraction, no contract change. Anything that does not
//! fit (a block whose marker and text overflow its span, two blocks
//! writing the same bytes differently, a result that is not UTF-8) is an
//! error, never a guess: the document page then says the text could not be
//! rebuilt.

use crate::model::{Block, Table};

/// Why the text could not be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebuildError {
    #[error("block at {start}..{end} cannot hold its marker and text ({need} bytes)")]
    Overflow {
        start: usize,
        end: usize,
        need: usize,
    },
    #[error("table cell at {start}..{end} is not where its row puts it")]
    Cell { start: usize, end: usize },
    #[error("the rebuilt text is not UTF-8 at byte {0}")]
    NotUtf8(usize),
}

/// The normalized text the spans of a document index into.
pub fn rebuild(blocks: &[Block]) -> Result<String, RebuildError> {
    let len = blocks.iter().map(max_end).max().unwrap_or(0);
    let mut buf = vec![b'\n'; len];
    for b in blocks {
        place(b, &mut buf)?;
    }
    String::from_utf8(buf).map_err(|e| RebuildError::NotUtf8(e.utf8_error().valid_up_to()))
}

fn max_end(b: &Block) -> usize {
    b.children.iter().map(max_end).fold(b.span.end, usize::max)
}

fn place(b: &Block, buf: &mut [u8]) -> Result<(), RebuildError> {
    if let Some(t) = &b.table {
        return place_table(b, t, buf);
    }
    for c in &b.children {
        place(c, buf)?;
    }
    let marker = b.marker.as_deref().unwrap_or("");
    if b.children.is_empty() {
        return put_line(b.span.start, b.span.end, marker, &b.text, buf);
    }
    if marker.is_empty() && b.text.is_empty() {
        return Ok(());
    }
    // Its own line, before its first child's.
    let end = b.children[0].span.start.saturating_sub(1).max(b.span.start);
    put_line(b.span.start, end, marker, &b.text, buf)
}

/// `marker`, spaces, `text` filling `start..end`: the text ends the range,
/// the marker starts it.
fn put_line(
    start: usize,
    end: usize,
    marker: &str,
    text: &str,
    buf: &mut [u8],
) -> Result<(), RebuildError> {
    let need = marker.len() + text.len() + usize::from(!marker.is_empty() && !text.is_empty());
    let fits = end <= buf.len() && start <= end && need <= end - start;
    if !fits || (marker.is_empty() && text.len() != end - start) {
        return Err(RebuildError::Overflow { start, end, need });
    }
    let range = &mut buf[start..end];
    range.fill(b' ');
    range[..marker.len()].copy_from_slice(marker.as_bytes());
    let at = range.len() - text.len();
    range[at..].copy_from_slice(text.as_bytes());
    Ok(())
}

/// One line per row: `columns` fields separated by tabs, a field empty
/// where no cell starts.
fn place_table(b: &Block, t: &Table, buf: &mut [u8]) -> Result<(), RebuildError> {
    let columns = t.columns.max(1) as usize;
    let mut at = b.span.start;
    for row in &t.rows {
        let mut fields: Vec<&str> = vec![""; columns];
        for c in &row.cells {
            if let Some(f) = fields.get_mut(c.col as usize) {
                *f = &c.text;
            }
        }
        let line = fields.join("\t");
        let end = at + line.len();
        if end > buf.len() {
            return Err(RebuildError::Overflow {
                start: at,
                end: buf.len(),
                need: line.len(),
            });
        }
        buf[at..end].copy_from_slice(line.as_bytes());
        // Each cell must be where its row puts it.
        let mut offset = at;
        for (col, f) in fields.iter().enumerate() {
            if let Some(c) = row.cells.iter().find(|c| c.col as usize == col) {
                if c.span.start != offset || c.span.end != offset + f.len() {
                    return Err(RebuildError::Cell {
                        start: c.span.start,
                        end: c.span.end,
                    });
                }
            }
            offset += f.len() + 1;
        }
        at = end + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The rebuilt text is the normalized text, byte for byte, on every
    /// corpus file (text and PDF renderings).
    #[test]
    fn rebuilds_the_normalized_text_of_the_corpus() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let p = crate::process(&path, &crate::Options::default()).unwrap();
            let text = rebuild(&p.document.blocks).unwrap();
            assert_eq!(text, p.norm.text, "{}", path.display());
            n += 1;
        }
        assert!(n >= 20, "{n} corpus files");
    }

    #[test]
    fn a_table_is_one_line_per_row_with_tab_separated_fields() {
        let html = "<html><body><h1>Suivi</h1><table><tr><th>Action</th><th>Pilote</th></tr>\
                    <tr><td>Former les aidants</td><td></td></tr>\
                    <tr><td colspan=2>Fin</td></tr></table><p>Après.</p></body></html>";
        let p =
            crate::process_bytes("t.html", html.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(rebuild(&p.document.blocks).unwrap(), p.norm.text);
        assert!(p.norm.text.contains('\t'), "{:?}", p.norm.text);
    }

    #[test]
    fn a_block_that_cannot_hold_its_text_is_an_error() {
        let p = crate::process_bytes(
            "t.txt",
            "Titre\n\n- un\n- deux\n".as_bytes(),
            &crate::Options::default(),
        )
        .unwrap();
        let mut blocks = p.document.blocks.clone();
        blocks[0].text.push_str(" de trop");
        assert!(matches!(
            rebuild(&blocks),
            Err(RebuildError::Overflow { .. })
        ));
    }
}
