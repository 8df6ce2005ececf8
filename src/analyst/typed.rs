//! Tables that keep their types: Parquet (one file per table) and XLSX (one
//! workbook, one sheet per table), written from the same rows as the CSV.
//!
//! A CSV cell has no type, so each reader guesses one: pandas read
//! `departement` "01" as `1.0`, DuckDB read it as a number until a "2A"
//! came along. Here every column has one declared type ([`column_type`]):
//! codes and ids are text ("01", "2A", "974" stay as written), counts,
//! priorities, depths and lines are 64-bit integers, pages are integers
//! that are null for sources without pages, flags are booleans, dates are
//! dates, and lists (themes, notes) are lists of text in Parquet and
//! `;`-joined text in a spreadsheet cell.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::analyst::export::{ExportError, Table, LIST_SEPARATOR};

/// The type of a table column, the same in every table it appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Text,
    Int,
    Bool,
    /// `YYYY-MM-DD`.
    Date,
    /// A list of text values.
    List,
}

/// The declared type of column `name` (same name, same type, in every
/// table).
pub fn column_type(name: &str) -> ColType {
    match name {
        "territories"
        | "working_groups"
        | "actions"
        | "acronyms"
        | "unknown_acronyms"
        | "warnings"
        | "declared_working_groups"
        | "listed_working_groups"
        | "declared_actions"
        | "listed_actions"
        | "listed_axes"
        | "depth"
        | "priority"
        | "decree_priority"
        | "count"
        | "page"
        | "line" => ColType::Int,
        "about" | "year_inferred" | "document_date" => ColType::Bool,
        "date" | "start" | "end" => ColType::Date,
        "themes" | "theme_triggers" | "notes" => ColType::List,
        _ => ColType::Text,
    }
}

/// Days since 1970-01-01 of an ISO day `YYYY-MM-DD`.
pub fn epoch_days(iso: &str) -> Option<i32> {
    let (y, m, d) = ymd(iso)?;
    // Howard Hinnant's days_from_civil.
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

fn ymd(iso: &str) -> Option<(u16, u8, u8)> {
    let mut parts = iso.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn parquet_err(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError::Typed {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The Parquet schema of `table`: every column optional (null where the
/// document says nothing), lists as the standard three-level `LIST`.
fn parquet_schema(table: &Table) -> String {
    let mut s = format!("message {} {{\n", table.name);
    for c in table.columns {
        let line = match column_type(c) {
            ColType::Text => format!("  optional binary {c} (STRING);\n"),
            ColType::Int => format!("  optional int64 {c};\n"),
            ColType::Bool => format!("  optional boolean {c};\n"),
            ColType::Date => format!("  optional int32 {c} (DATE);\n"),
            ColType::List => format!(
                "  optional group {c} (LIST) {{\n    repeated group list {{\n      \
                 required binary element (STRING);\n    }}\n  }}\n"
            ),
        };
        s.push_str(&line);
    }
    s.push('}');
    s
}

/// Writes `table` as a Parquet file at `path` (one row group).
pub fn write_parquet(table: &Table, path: &Path) -> Result<(), ExportError> {
    use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;

    let err = |e: parquet::errors::ParquetError| parquet_err(path, e);
    let schema =
        Arc::new(parquet::schema::parser::parse_message_type(&parquet_schema(table)).map_err(err)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_created_by(format!("ptsm {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let file = std::fs::File::create(path).map_err(|error| ExportError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let mut writer = SerializedFileWriter::new(file, schema, props).map_err(err)?;
    let mut rg = writer.next_row_group().map_err(err)?;
    let mut col = 0usize;
    while let Some(mut cw) = rg.next_column().map_err(err)? {
        let name = table.columns.get(col).copied().unwrap_or_default();
        let cells = table
            .rows
            .iter()
            .map(|r| r.get(col).unwrap_or(&Value::Null));
        match column_type(name) {
            ColType::Text => {
                let mut values = Vec::new();
                let mut defs = Vec::new();
                for v in cells {
                    match text_of(v) {
                        Some(s) => {
                            values.push(ByteArray::from(s.into_bytes()));
                            defs.push(1);
                        }
                        None => defs.push(0),
                    }
                }
                cw.typed::<ByteArrayType>()
                    .write_batch(&values, Some(&defs), None)
                    .map_err(err)?;
            }
            ColType::Int => {
                let (values, defs) = levels(cells, Value::as_i64);
                cw.typed::<Int64Type>()
                    .write_batch(&values, Some(&defs), None)
                    .map_err(err)?;
            }
            ColType::Bool => {
                let (values, defs) = levels(cells, Value::as_bool);
                cw.typed::<BoolType>()
                    .write_batch(&values, Some(&defs), None)
                    .map_err(err)?;
            }
            ColType::Date => {
                let (values, defs) = levels(cells, |v| v.as_str().and_then(epoch_days));
                cw.typed::<Int32Type>()
                    .write_batch(&values, Some(&defs), None)
                    .map_err(err)?;
            }
            ColType::List => {
                // Definition levels: 0 null list, 1 empty list, 2 an
                // element; repetition 0 starts a row, 1 goes on in it.
                let mut values = Vec::new();
                let mut defs = Vec::new();
                let mut reps = Vec::new();
                for v in cells {
                    match v {
                        Value::Array(items) if !items.is_empty() => {
                            for (i, item) in items.iter().enumerate() {
                                values.push(ByteArray::from(
                                    text_of(item).unwrap_or_default().into_bytes(),
                                ));
                                defs.push(2);
                                reps.push(i16::from(i > 0));
                            }
                        }
                        Value::Array(_) => {
                            defs.push(1);
                            reps.push(0);
                        }
                        _ => {
                            defs.push(0);
                            reps.push(0);
                        }
                    }
                }
                cw.typed::<ByteArrayType>()
                    .write_batch(&values, Some(&defs), Some(&reps))
                    .map_err(err)?;
            }
        }
        cw.close().map_err(err)?;
        col += 1;
    }
    rg.close().map_err(err)?;
    writer.close().map_err(err)?;
    Ok(())
}

/// Values and definition levels (1 present, 0 null) of a flat column.
fn levels<'a, T>(
    cells: impl Iterator<Item = &'a Value>,
    get: impl Fn(&Value) -> Option<T>,
) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::new();
    let mut defs = Vec::new();
    for v in cells {
        match get(v) {
            Some(x) => {
                values.push(x);
                defs.push(1);
            }
            None => defs.push(0),
        }
    }
    (values, defs)
}

/// The text of a cell; `None` for null.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(text_of)
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
        ),
        other => Some(other.to_string()),
    }
}

/// Longest text an XLSX cell holds.
const XLSX_MAX_TEXT: usize = 32_767;

/// Writes every table as one sheet of the workbook at `path`: a bold
/// header row that stays in view and filters, text cells for codes and
/// ids (so a spreadsheet never turns "01" into 1), numbers, booleans, and
/// dates shown as `yyyy-mm-dd`; lists joined with `;`; null is an empty
/// cell.
pub fn write_xlsx(tables: &[Table], path: &Path) -> Result<(), ExportError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let err = |e: rust_xlsxwriter::XlsxError| parquet_err(path, e);
    let mut wb = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.name).map_err(err)?;
        for (c, name) in table.columns.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| parquet_err(path, e))?;
            ws.write_string_with_format(0, c, *name, &header)
                .map_err(err)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| parquet_err(path, e))?;
            for (c, (name, v)) in table.columns.iter().zip(row).enumerate() {
                let c = u16::try_from(c).map_err(|e| parquet_err(path, e))?;
                match (column_type(name), v) {
                    (_, Value::Null) => {}
                    (ColType::Int, Value::Number(n)) => {
                        let n = n.as_f64().unwrap_or_default();
                        ws.write_number(r, c, n).map_err(err)?;
                    }
                    (ColType::Bool, Value::Bool(b)) => {
                        ws.write_boolean(r, c, *b).map_err(err)?;
                    }
                    (ColType::Date, Value::String(s)) => match ymd(s) {
                        Some((y, m, d)) => {
                            let dt = ExcelDateTime::from_ymd(y, m, d).map_err(err)?;
                            ws.write_datetime_with_format(r, c, &dt, &date)
                                .map_err(err)?;
                        }
                        None => {
                            ws.write_string(r, c, s.as_str()).map_err(err)?;
                        }
                    },
                    (_, v) => {
                        let text = text_of(v).unwrap_or_default();
                        if text.chars().count() > XLSX_MAX_TEXT {
                            return Err(parquet_err(
                                path,
                                format!(
                                    "{} row {r} column {name}: {} characters, over the \
                                     {XLSX_MAX_TEXT} a spreadsheet cell holds; use \
                                     --format parquet or csv",
                                    table.name,
                                    text.chars().count()
                                ),
                            ));
                        }
                        ws.write_string(r, c, text).map_err(err)?;
                    }
                }
            }
        }
        let last_col = u16::try_from(table.columns.len().saturating_sub(1))
            .map_err(|e| parquet_err(path, e))?;
        let last_row = u32::try_from(table.rows.len()).map_err(|e| parquet_err(path, e))?;
        ws.set_freeze_panes(1, 0).map_err(err)?;
        ws.autofilter(0, 0, last_row, last_col).map_err(err)?;
        for (c, name) in table.columns.iter().enumerate() {
            let width = match column_type(name) {
                ColType::Int | ColType::Bool => 10.0,
                ColType::Date => 12.0,
                _ if *name == "text" || name.ends_with("title") => 60.0,
                _ => 20.0,
            };
            let c = u16::try_from(c).map_err(|e| parquet_err(path, e))?;
            ws.set_column_width(c, width).map_err(err)?;
        }
    }
    wb.save(path).map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2000-03-01"), Some(11_017));
        assert_eq!(epoch_days("2023-12-13"), Some(19_704));
        assert_eq!(epoch_days("1969-12-31"), Some(-1));
        assert_eq!(epoch_days("2023-12"), None);
        assert_eq!(epoch_days("2023-13-01"), None);
    }

    #[test]
    fn codes_are_text_and_counts_integers() {
        assert_eq!(column_type("departement"), ColType::Text);
        assert_eq!(column_type("parent_departement"), ColType::Text);
        assert_eq!(column_type("item_id"), ColType::Text);
        assert_eq!(column_type("number"), ColType::Text);
        assert_eq!(column_type("priority"), ColType::Int);
        assert_eq!(column_type("decree_priority"), ColType::Int);
        assert_eq!(column_type("page"), ColType::Int);
        assert_eq!(column_type("date"), ColType::Date);
        assert_eq!(column_type("themes"), ColType::List);
    }

    #[test]
    fn the_schema_parses() {
        for t in crate::analyst::export::tables(&[]) {
            parquet::schema::parser::parse_message_type(&parquet_schema(&t))
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        }
    }
}
