//! Flat tables from ptsm JSON, for DuckDB, pandas, R or a spreadsheet:
//! `documents`, `territories`, `working_groups`, `actions` and `axes` (one
//! row per item and per sub-item of the territories), `lists` (one row per
//! item and sub-item of every list of the document), `dates` (one row per
//! date expression), `counts` (one row per declared count) and
//! `action_fields` (one row per action and field value of its fiche, see
//! [`super::fiches`]). The columns are described in
//! `schemas/tables.schema.json` and in the README.
//!
//! One row model serves every format: a row is a list of JSON values, in
//! column order. CSV writes them as text (null → empty field, lists joined
//! with `;`) through the `csv` crate, which does the quoting; JSON Lines
//! writes one object per row with typed values; Parquet and XLSX (feature
//! `tables`, [`crate::analyst::typed`]) give each column its declared type.
//!
//! Dates: a document's `date` is the first day of what the text gives
//! ("décembre 2023" → 2023-12-01) with `date_precision` saying how much it
//! gives (`day`, `month`, `year`); a date expression's `start` and `end`
//! are the first and last days of its value ("2023" → 2023-01-01 and
//! 2023-12-31; "2021-Q2" → 2021-04-01 and 2021-06-30), its `value` the ISO
//! text as extracted.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::analyst::fiches;
use crate::analyst::load::Loaded;
use crate::model::{Count, CountStatus, DateMention, DeclaredCount, Item, List, Territory};

/// Output format of [`write_tables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// CSV for a spreadsheet set up for French: UTF-8 with a byte-order
    /// mark (without it Excel reads UTF-8 as Windows-1252) and `;` between
    /// fields (the separator French Excel expects, `,` being the decimal
    /// comma).
    CsvExcel,
    Jsonl,
    /// One Parquet file per table (feature `tables`).
    #[cfg(feature = "tables")]
    Parquet,
    /// One workbook, `tables.xlsx`, one sheet per table (feature `tables`).
    #[cfg(feature = "tables")]
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv | Format::CsvExcel => "csv",
            Format::Jsonl => "jsonl",
            #[cfg(feature = "tables")]
            Format::Parquet => "parquet",
            #[cfg(feature = "tables")]
            Format::Xlsx => "xlsx",
        }
    }
}

/// The workbook [`Format::Xlsx`] writes in the output folder.
pub const XLSX_NAME: &str = "tables.xlsx";

/// A table: a name, columns, and rows of values in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

pub const DOCUMENT_COLUMNS: &[&str] = &[
    "document_id",
    "source_path",
    "source_format",
    "sha256",
    "kind",
    "subject",
    "title",
    "issuer",
    "issuer_kind",
    "region",
    "date",
    "date_precision",
    "territories",
    "working_groups",
    "actions",
    "acronyms",
    "unknown_acronyms",
    "warnings",
];

pub const TERRITORY_COLUMNS: &[&str] = &[
    "document_id",
    "territory_id",
    "name",
    "normalized_name",
    "key",
    "territory_kind",
    "departement",
    "parent_departement",
    "about",
    "declared_working_groups",
    "declared_working_groups_status",
    "listed_working_groups",
    "declared_actions",
    "declared_actions_status",
    "listed_actions",
    "listed_axes",
    "page",
    "line",
];

pub const ITEM_COLUMNS: &[&str] = &[
    "document_id",
    "territory_id",
    "territory_name",
    "departement",
    "item_id",
    "parent_id",
    "depth",
    "text",
    "key",
    "themes",
    "theme_triggers",
    "priority",
    "notes",
    "page",
    "line",
    "marker",
];

pub const LIST_COLUMNS: &[&str] = &[
    "document_id",
    "list_id",
    "list_kind",
    "territory_id",
    "departement",
    "list_title",
    "item_id",
    "parent_id",
    "depth",
    "item_kind",
    "number",
    "text",
    "key",
    "decree_priority",
    "themes",
    "notes",
    "page",
    "line",
    "marker",
];

pub const DATE_COLUMNS: &[&str] = &[
    "document_id",
    "text",
    "value",
    "start",
    "end",
    "role",
    "year_inferred",
    "document_date",
    "page",
    "line",
];

pub const COUNT_COLUMNS: &[&str] = &[
    "document_id",
    "what",
    "count",
    "qualifier",
    "scope",
    "territory_id",
    "noun",
    "status",
    "text",
    "page",
    "line",
];

/// Separator of list values in a CSV cell (theme ids, notes).
pub const LIST_SEPARATOR: &str = ";";

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

fn status(s: Option<CountStatus>) -> Value {
    match s {
        Some(CountStatus::Contracted) => "contracted".into(),
        Some(CountStatus::ToBeContracted) => "to_be_contracted".into(),
        None => Value::Null,
    }
}

fn json_enum<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn count_items(items: &[Item]) -> usize {
    items.len()
        + items
            .iter()
            .map(|i| count_items(&i.sub_items))
            .sum::<usize>()
}

/// Builds the five tables from loaded documents.
pub fn tables(docs: &[Loaded]) -> Vec<Table> {
    let mut documents = Vec::new();
    let mut territories = Vec::new();
    let mut groups = Vec::new();
    let mut actions = Vec::new();
    let mut axes = Vec::new();
    let mut action_fields = Vec::new();
    let mut list_rows = Vec::new();
    let mut date_rows = Vec::new();
    let mut count_rows = Vec::new();
    for l in docs {
        let d = &l.doc;
        let first_action = actions.len();
        let n_groups: usize = d
            .territories
            .iter()
            .map(|t| count_items(&t.working_groups))
            .sum();
        let n_actions: usize = d.territories.iter().map(|t| count_items(&t.actions)).sum();
        documents.push(vec![
            l.id.clone().into(),
            d.source.path.clone().into(),
            json_enum(&d.source.format),
            d.source.sha256.clone().into(),
            json_enum(&d.kind),
            d.subject.as_ref().map_or(Value::Null, json_enum),
            opt(d.title.as_ref().map(|t| t.text.clone())),
            opt(d.issuer.as_ref().map(|i| i.name.clone())),
            d.issuer
                .as_ref()
                .map_or(Value::Null, |i| json_enum(&i.kind)),
            opt(d.region.clone()),
            opt(d.date.as_ref().and_then(|x| bounds(&x.value)).map(|b| b.0)),
            opt(d.date.as_ref().and_then(|x| precision(&x.value))),
            d.territories.len().into(),
            n_groups.into(),
            n_actions.into(),
            d.acronyms.len().into(),
            d.acronyms
                .iter()
                .filter(|a| a.expansion.is_none())
                .count()
                .into(),
            d.warnings.len().into(),
        ]);
        for t in &d.territories {
            territories.push(territory_row(&l.id, t));
            item_rows(&l.id, t, &t.working_groups, None, 0, &mut groups);
            item_rows(&l.id, t, &t.actions, None, 0, &mut actions);
            item_rows(&l.id, t, &t.axes, None, 0, &mut axes);
        }
        // Fiches-action: wide columns on the actions, their fields apart.
        let mut unlisted = Vec::new();
        fiches::complete_actions(
            &l.id,
            d,
            &mut actions[first_action..],
            &mut unlisted,
            ITEM_COLUMNS,
        );
        actions.extend(unlisted);
        fiches::action_field_rows(&l.id, d, &mut action_fields);
        for list in &d.lists {
            let dept = list
                .territory
                .as_ref()
                .and_then(|id| d.territories.iter().find(|t| &t.id == id))
                .and_then(|t| t.departement.clone().or(t.parent_departement.clone()));
            list_item_rows(
                &l.id,
                list,
                dept.as_deref(),
                &list.items,
                None,
                0,
                &mut list_rows,
            );
        }
        for m in &d.dates {
            let own = d
                .date
                .as_ref()
                .is_some_and(|x| x.span.start == m.span.start);
            date_rows.push(date_row(&l.id, m, own));
        }
        for c in &d.counts {
            count_rows.push(count_row(&l.id, c));
        }
    }
    vec![
        Table {
            name: "documents",
            columns: DOCUMENT_COLUMNS,
            rows: documents,
        },
        Table {
            name: "territories",
            columns: TERRITORY_COLUMNS,
            rows: territories,
        },
        Table {
            name: "working_groups",
            columns: ITEM_COLUMNS,
            rows: groups,
        },
        Table {
            name: "actions",
            columns: fiches::ACTION_COLUMNS,
            rows: actions,
        },
        Table {
            name: "action_fields",
            columns: fiches::ACTION_FIELD_COLUMNS,
            rows: action_fields,
        },
        Table {
            name: "axes",
            columns: ITEM_COLUMNS,
            rows: axes,
        },
        Table {
            name: "lists",
            columns: LIST_COLUMNS,
            rows: list_rows,
        },
        Table {
            name: "dates",
            columns: DATE_COLUMNS,
            rows: date_rows,
        },
        Table {
            name: "counts",
            columns: COUNT_COLUMNS,
            rows: count_rows,
        },
    ]
}

fn list_item_rows(
    doc_id: &str,
    list: &List,
    dept: Option<&str>,
    items: &[Item],
    parent: Option<&str>,
    depth: u32,
    out: &mut Vec<Vec<Value>>,
) {
    for i in items {
        out.push(vec![
            doc_id.into(),
            list.id.clone().into(),
            json_enum(&list.kind),
            opt(list.territory.clone()),
            opt(dept.map(str::to_string)),
            opt(list.title.as_ref().map(|t| t.text.clone())),
            i.id.clone().into(),
            opt(parent.map(str::to_string)),
            depth.into(),
            json_enum(&i.kind),
            opt(i.number.clone()),
            i.text.clone().into(),
            i.key.clone().into(),
            opt(i.decree_priority),
            Value::Array(i.themes.iter().map(|x| x.id.clone().into()).collect()),
            Value::Array(i.notes.iter().cloned().map(Value::from).collect()),
            opt(i.span.page),
            i.span.line.into(),
            opt(i.marker.clone()),
        ]);
        list_item_rows(
            doc_id,
            list,
            dept,
            &i.sub_items,
            Some(&i.id),
            depth + 1,
            out,
        );
    }
}

fn date_row(doc_id: &str, m: &DateMention, own: bool) -> Vec<Value> {
    // The first and last days of the value: an interval "A/B" from the
    // start of A to the end of B.
    let (start, end) = match m.value.as_deref().and_then(bounds) {
        Some((a, b)) => (Value::from(a), Value::from(b)),
        None => (Value::Null, Value::Null),
    };
    vec![
        doc_id.into(),
        m.text.clone().into(),
        opt(m.value.clone()),
        start,
        end,
        json_enum(&m.role),
        m.year_inferred.into(),
        own.into(),
        opt(m.span.page),
        m.span.line.into(),
    ]
}

/// The first and last days (`YYYY-MM-DD`) of an ISO date value: a day, a
/// month `2023-12`, a year `2023`, a quarter `2021-Q2`, or an interval
/// `A/B` of those. `None` for anything else.
pub fn bounds(value: &str) -> Option<(String, String)> {
    if let Some((a, b)) = value.split_once('/') {
        return Some((bounds(a)?.0, bounds(b)?.1));
    }
    let parts: Vec<&str> = value.split('-').collect();
    let year: u32 = parts
        .first()?
        .parse()
        .ok()
        .filter(|_| parts[0].len() == 4)?;
    let (m1, m2, d1, d2) = match parts.as_slice() {
        [_] => (1, 12, 1, 31),
        [_, q] if q.starts_with('Q') => {
            let q: u32 = q.get(1..)?.parse().ok().filter(|q| (1..=4).contains(q))?;
            let m2 = 3 * q;
            (m2 - 2, m2, 1, days_in_month(year, m2))
        }
        [_, m] => {
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            (m, m, 1, days_in_month(year, m))
        }
        [_, m, d] => {
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            let d: u32 = d
                .parse()
                .ok()
                .filter(|d| (1..=days_in_month(year, m)).contains(d))?;
            (m, m, d, d)
        }
        _ => return None,
    };
    Some((
        format!("{year:04}-{m1:02}-{d1:02}"),
        format!("{year:04}-{m2:02}-{d2:02}"),
    ))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How much of a date an ISO value gives: `day`, `month`, `quarter` or
/// `year` (of its start, for an interval).
pub fn precision(value: &str) -> Option<&'static str> {
    let first = value.split('/').next()?;
    bounds(first)?;
    Some(match first.split('-').collect::<Vec<_>>().as_slice() {
        [_] => "year",
        [_, q] if q.starts_with('Q') => "quarter",
        [_, _] => "month",
        _ => "day",
    })
}

fn count_row(doc_id: &str, c: &DeclaredCount) -> Vec<Value> {
    vec![
        doc_id.into(),
        c.what.clone().into(),
        c.count.into(),
        c.qualifier.as_ref().map_or(Value::Null, json_enum),
        json_enum(&c.scope),
        opt(c.territory.clone()),
        c.noun.clone().into(),
        status(c.status),
        c.text.clone().into(),
        opt(c.span.page),
        c.span.line.into(),
    ]
}

fn territory_row(doc_id: &str, t: &Territory) -> Vec<Value> {
    let c = |c: &Option<Count>| opt(c.as_ref().map(|c| c.count));
    let s = |c: &Option<Count>| status(c.as_ref().and_then(|c| c.status));
    vec![
        doc_id.into(),
        t.id.clone().into(),
        t.name.clone().into(),
        t.normalized_name.clone().into(),
        t.key.clone().into(),
        json_enum(&t.kind),
        opt(t.departement.clone()),
        opt(t.parent_departement.clone()),
        t.about.into(),
        c(&t.declared.working_groups),
        s(&t.declared.working_groups),
        t.working_groups.len().into(),
        c(&t.declared.actions),
        s(&t.declared.actions),
        t.actions.len().into(),
        t.axes.len().into(),
        opt(t.span.page),
        t.span.line.into(),
    ]
}

fn item_rows(
    doc_id: &str,
    t: &Territory,
    items: &[Item],
    parent: Option<&str>,
    depth: u32,
    out: &mut Vec<Vec<Value>>,
) {
    for i in items {
        let themes: Vec<Value> = i.themes.iter().map(|x| x.id.clone().into()).collect();
        let triggers: Vec<Value> = i
            .themes
            .iter()
            .map(|x| format!("{}={}", x.id, x.triggers.join("|")).into())
            .collect();
        out.push(vec![
            doc_id.into(),
            t.id.clone().into(),
            t.normalized_name.clone().into(),
            opt(t.departement.clone()),
            i.id.clone().into(),
            opt(parent.map(str::to_string)),
            depth.into(),
            i.text.clone().into(),
            i.key.clone().into(),
            Value::Array(themes),
            Value::Array(triggers),
            opt(i.priority),
            Value::Array(i.notes.iter().cloned().map(Value::from).collect()),
            opt(i.span.page),
            i.span.line.into(),
            opt(i.marker.clone()),
        ]);
        item_rows(doc_id, t, &i.sub_items, Some(&i.id), depth + 1, out);
    }
}

/// Why export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: cannot write: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: {error}", path.display())]
    Csv { path: PathBuf, error: csv::Error },
    #[error("{}: {error}", path.display())]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
    /// A Parquet or XLSX writer's error.
    #[error("{}: {message}", path.display())]
    Typed { path: PathBuf, message: String },
}

/// A CSV cell: null is empty, lists are joined with [`LIST_SEPARATOR`].
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join(LIST_SEPARATOR),
        other => other.to_string(),
    }
}

/// Writes one table to `w` in `format`.
pub fn write_table<W: std::io::Write>(
    table: &Table,
    format: Format,
    w: W,
    path: &Path,
) -> Result<(), ExportError> {
    match format {
        Format::Csv | Format::CsvExcel => {
            let err = |error| ExportError::Csv {
                path: path.to_path_buf(),
                error,
            };
            let mut w = w;
            let mut b = csv::WriterBuilder::new();
            b.flexible(false);
            if format == Format::CsvExcel {
                w.write_all("\u{feff}".as_bytes())
                    .map_err(|error| ExportError::Io {
                        path: path.to_path_buf(),
                        error,
                    })?;
                b.delimiter(b';');
            }
            let mut wr = b.from_writer(w);
            wr.write_record(table.columns).map_err(err)?;
            for row in &table.rows {
                wr.write_record(row.iter().map(cell)).map_err(err)?;
            }
            wr.flush().map_err(|error| ExportError::Io {
                path: path.to_path_buf(),
                error,
            })?;
        }
        #[cfg(feature = "tables")]
        Format::Parquet | Format::Xlsx => {
            return Err(ExportError::Typed {
                path: path.to_path_buf(),
                message: "Parquet and XLSX are written to files (write_tables)".into(),
            });
        }
        Format::Jsonl => {
            let mut w = std::io::BufWriter::new(w);
            for row in &table.rows {
                let obj: Map<String, Value> = table
                    .columns
                    .iter()
                    .map(|c| c.to_string())
                    .zip(row.iter().cloned())
                    .collect();
                serde_json::to_writer(&mut w, &obj).map_err(|error| ExportError::Json {
                    path: path.to_path_buf(),
                    error,
                })?;
                std::io::Write::write_all(&mut w, b"\n").map_err(|error| ExportError::Io {
                    path: path.to_path_buf(),
                    error,
                })?;
            }
            std::io::Write::flush(&mut w).map_err(|error| ExportError::Io {
                path: path.to_path_buf(),
                error,
            })?;
        }
    }
    Ok(())
}

/// Writes every table as `DIR/<table>.<csv|jsonl|parquet>`, or the
/// workbook `DIR/tables.xlsx`; returns the paths, one per table (the
/// workbook's for each of its sheets).
pub fn write_tables(
    tables: &[Table],
    dir: &Path,
    format: Format,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|error| ExportError::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    let mut out = Vec::new();
    #[cfg(feature = "tables")]
    if format == Format::Xlsx {
        let path = dir.join(XLSX_NAME);
        crate::analyst::typed::write_xlsx(tables, &path)?;
        return Ok(tables.iter().map(|_| path.clone()).collect());
    }
    for t in tables {
        #[cfg(feature = "tables")]
        if format == Format::Parquet {
            let path = dir.join(format!("{}.parquet", t.name));
            crate::analyst::typed::write_parquet(t, &path)?;
            out.push(path);
            continue;
        }
        let path = dir.join(format!("{}.{}", t.name, format.extension()));
        let f = std::fs::File::create(&path).map_err(|error| ExportError::Io {
            path: path.clone(),
            error,
        })?;
        write_table(t, format, std::io::BufWriter::new(f), &path)?;
        out.push(path);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyst::testdoc::sample_document;

    fn loaded() -> Vec<Loaded> {
        vec![Loaded {
            id: "normandie-ptsm-2026.txt".into(),
            path: PathBuf::from("out/normandie-ptsm-2026.txt.json"),
            doc: sample_document(),
        }]
    }

    fn table<'a>(ts: &'a [Table], name: &str) -> &'a Table {
        ts.iter().find(|t| t.name == name).expect("table exists")
    }

    #[test]
    fn one_row_per_item_and_per_sub_item() {
        let ts = tables(&loaded());
        assert_eq!(table(&ts, "documents").rows.len(), 1);
        assert_eq!(table(&ts, "territories").rows.len(), 2);
        assert_eq!(table(&ts, "working_groups").rows.len(), 3);
        // 2 Orne actions + 1 sub-item + 1 Eure action + 1 fiche no list names.
        assert_eq!(table(&ts, "actions").rows.len(), 5);
    }

    #[test]
    fn every_row_has_as_many_values_as_columns() {
        for t in tables(&loaded()) {
            for r in &t.rows {
                assert_eq!(r.len(), t.columns.len(), "table {}", t.name);
            }
        }
    }

    #[test]
    fn csv_round_trips_quotes_semicolons_and_parent_ids() {
        let ts = tables(&loaded());
        let actions = table(&ts, "actions");
        let mut buf = Vec::new();
        write_table(actions, Format::Csv, &mut buf, Path::new("actions.csv")).expect("writes");
        let mut rd = csv::Reader::from_reader(buf.as_slice());
        let headers = rd.headers().expect("header").clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), fiches::ACTION_COLUMNS);
        let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().expect("parses");
        assert_eq!(rows.len(), 5);
        let sub = &rows[2];
        assert_eq!(&sub[4], "orne/actions/2/1");
        assert_eq!(&sub[5], "orne/actions/2");
        assert_eq!(&sub[6], "1");
        assert_eq!(
            &sub[7],
            "Consultations avancées, \"entre guillemets\"; point-virgule"
        );
        let parent = &rows[1];
        assert_eq!(&parent[9], "telemedecine;personnes-agees");
        assert_eq!(&parent[11], "2");
        assert_eq!(&parent[5], "", "top-level items have an empty parent_id");
    }

    #[test]
    fn territory_rows_carry_declared_and_listed_counts() {
        let ts = tables(&loaded());
        let t = table(&ts, "territories");
        let eure = &t.rows[1];
        let col = |name: &str| {
            TERRITORY_COLUMNS
                .iter()
                .position(|c| *c == name)
                .expect("column")
        };
        assert_eq!(eure[col("declared_actions")], Value::from(25));
        assert_eq!(
            eure[col("declared_actions_status")],
            Value::from("contracted")
        );
        assert_eq!(eure[col("listed_actions")], Value::from(1));
        assert_eq!(eure[col("departement")], Value::from("27"));
    }

    #[test]
    fn jsonl_rows_are_typed_objects() {
        let ts = tables(&loaded());
        let mut buf = Vec::new();
        write_table(
            table(&ts, "actions"),
            Format::Jsonl,
            &mut buf,
            Path::new("a.jsonl"),
        )
        .expect("writes");
        let text = String::from_utf8(buf).expect("utf-8");
        let first: Value =
            serde_json::from_str(text.lines().next().expect("a line")).expect("json");
        assert_eq!(first["parent_id"], Value::Null);
        assert_eq!(first["themes"], serde_json::json!(["enfants-adolescents"]));
        assert_eq!(first["line"], Value::from(3));
        assert_eq!(text.lines().count(), 5);
    }

    #[test]
    fn actions_carry_their_fiche_and_fiches_no_list_names_get_a_row() {
        let ts = tables(&loaded());
        let actions = table(&ts, "actions");
        let col = |c: &str| actions.columns.iter().position(|x| *x == c).expect(c);
        // 4 listed actions (one with its fiche) + the unlisted fiche.
        assert_eq!(actions.rows.len(), 5);
        let listed = actions
            .rows
            .iter()
            .find(|r| r[col("item_id")] == "orne/actions/1")
            .expect("listed");
        assert_eq!(listed[col("fiche_number")], "1");
        assert_eq!(
            listed[col("pilots")],
            serde_json::json!(["CH de Moulins", "Dr Claire FAURE"])
        );
        assert_eq!(listed[col("calendar")], serde_json::json!(["2020/2022"]));
        assert_eq!(listed[col("budget")], serde_json::json!([8000.0, 5000.0]));
        assert_eq!(listed[col("funders")], serde_json::json!(["ARS"]));
        let other = actions
            .rows
            .iter()
            .find(|r| r[col("item_id")] == "orne/actions/2")
            .expect("no fiche");
        assert_eq!(other[col("pilots")], Value::Null);
        let unlisted = actions.rows.last().expect("row");
        assert_eq!(unlisted[col("item_id")], "fiches/7");
        assert_eq!(unlisted[col("territory_id")], Value::Null);
        assert_eq!(unlisted[col("text")], "Une action sans liste");
        for r in &actions.rows {
            assert_eq!(r.len(), actions.columns.len());
        }
    }

    #[test]
    fn action_fields_have_one_row_per_action_and_field_value() {
        let ts = tables(&loaded());
        let t = table(&ts, "action_fields");
        let col = |c: &str| t.columns.iter().position(|x| *x == c).expect(c);
        let of = |id: &str| t.rows.iter().filter(|r| r[col("action_id")] == id).count();
        // title, axis, 2 objectives, 2 pilots, 1 partner, 1 step, 2 amounts, 1 free field.
        assert_eq!(of("orne/actions/1"), 11);
        assert_eq!(of("fiches/7"), 11);
        let person = t
            .rows
            .iter()
            .find(|r| r[col("value")] == "Dr Claire FAURE")
            .expect("pilot");
        assert_eq!(person[col("field")], "pilots");
        assert_eq!(person[col("label")], "Pilote(s)");
        assert_eq!(person[col("position")], 2);
        assert_eq!(person[col("kind")], "person");
        assert_eq!(person[col("role")], "cheffe de pôle");
        let ars = t
            .rows
            .iter()
            .find(|r| r[col("funder")] == "ARS")
            .expect("funded amount");
        assert_eq!(ars[col("amount_eur")], 5000.0);
        assert_eq!(ars[col("field")], "budget");
        let free = t
            .rows
            .iter()
            .find(|r| r[col("label")] == "Adresse")
            .expect("free field");
        assert_eq!(free[col("field")], Value::Null);
        for r in &t.rows {
            assert_eq!(r.len(), t.columns.len());
        }
        // Written as CSV, the rows keep their columns.
        let mut buf = Vec::new();
        write_table(t, Format::Csv, &mut buf, Path::new("f.csv")).expect("writes");
        let text = String::from_utf8(buf).expect("utf-8");
        assert_eq!(text.lines().count(), 1 + t.rows.len());
    }

    #[test]
    fn date_values_give_their_first_and_last_days() {
        let b = |v: &str| bounds(v).map(|(a, b)| format!("{a}..{b}"));
        assert_eq!(b("2023-12-13").as_deref(), Some("2023-12-13..2023-12-13"));
        assert_eq!(b("2024-02").as_deref(), Some("2024-02-01..2024-02-29"));
        assert_eq!(b("2023").as_deref(), Some("2023-01-01..2023-12-31"));
        assert_eq!(b("2021-Q2").as_deref(), Some("2021-04-01..2021-06-30"));
        assert_eq!(b("2023/2028").as_deref(), Some("2023-01-01..2028-12-31"));
        assert_eq!(
            b("2018-02-05/2018-02-10").as_deref(),
            Some("2018-02-05..2018-02-10")
        );
        assert_eq!(b("2023-02-30"), None);
        assert_eq!(b("hier"), None);
        assert_eq!(precision("2023-12"), Some("month"));
        assert_eq!(precision("2023-12-13"), Some("day"));
        assert_eq!(precision("2023/2028"), Some("year"));
    }

    #[test]
    fn excel_csv_has_a_bom_and_semicolons() {
        let ts = tables(&loaded());
        let mut buf = Vec::new();
        write_table(
            table(&ts, "territories"),
            Format::CsvExcel,
            &mut buf,
            Path::new("t.csv"),
        )
        .expect("writes");
        assert!(buf.starts_with("\u{feff}document_id;territory_id;".as_bytes()));
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&buf[3..]);
        assert_eq!(rd.records().count(), 2);
    }

    #[test]
    fn column_lists_match_schemas_tables_schema_json() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/tables.schema.json")).expect("JSON");
        for (def, cols) in [
            ("documents", DOCUMENT_COLUMNS),
            ("territories", TERRITORY_COLUMNS),
            ("item", ITEM_COLUMNS),
            ("action", fiches::ACTION_COLUMNS),
            ("action_field", fiches::ACTION_FIELD_COLUMNS),
            ("list_item", LIST_COLUMNS),
            ("date", DATE_COLUMNS),
            ("count", COUNT_COLUMNS),
        ] {
            let req: Vec<&str> = schema["$defs"][def]["required"]
                .as_array()
                .expect("required")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(req, cols, "{def}");
        }
    }
}
