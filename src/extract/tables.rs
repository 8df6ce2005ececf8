//! Tables (PDF): the rows and cells of a `table` block, from the layout's
//! table ([`RawDoc::tables`]: grid, spans, boxes) and the normalized text
//! of its rows (one line each, a tab-separated field per grid column).

use super::span;
use crate::ingest::{RawDoc, TableRow as RowRef};
use crate::model::{Table, TableCell, TableRegion, TableRow};
use crate::normalize::NormDoc;
use crate::segment::Node;

/// The table of block `node`, when it is one.
pub fn table(raw: &RawDoc, doc: &NormDoc, node: &Node) -> Option<Table> {
    let ti = node.table?;
    let t = raw.tables.get(ti as usize)?;
    let first = doc
        .lines
        .partition_point(|l| l.range.end < node.range.start);
    let lines = doc.lines.get(first..).unwrap_or_default();
    let mut rows = Vec::new();
    for line in lines.iter().take_while(|l| l.range.start <= node.range.end) {
        let Some(RowRef { table, row }) = line.table else {
            continue;
        };
        let Some(raw_row) = t.rows.get(row as usize).filter(|_| table == ti) else {
            continue;
        };
        // The byte range of each field of the line.
        let text = doc.text.get(line.range.clone()).unwrap_or_default();
        let mut fields = Vec::with_capacity(t.cols as usize);
        let mut at = line.range.start;
        for f in text.split('\t') {
            fields.push(at..at + f.len());
            at += f.len() + 1;
        }
        let cells = raw_row
            .cells
            .iter()
            .filter_map(|c| {
                let range = fields.get(c.col as usize)?.clone();
                let part = c.parts.first()?;
                Some(TableCell {
                    row,
                    col: c.col,
                    rowspan: c.rowspan,
                    colspan: c.colspan,
                    header: raw_row.header,
                    text: doc.text.get(range.clone())?.to_string(),
                    page: Some(part.page),
                    bbox: Some(part.bbox),
                    span: span(doc, range),
                })
            })
            .collect();
        rows.push(TableRow {
            header: raw_row.header,
            cells,
        });
    }
    Some(Table {
        columns: t.cols,
        regions: t
            .regions
            .iter()
            .map(|&(page, bbox)| TableRegion { page, bbox })
            .collect(),
        rows,
    })
}
