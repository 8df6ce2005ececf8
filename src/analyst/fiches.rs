//! The fiches of `export`: the `action_fields` table (one row per action
//! and field value) and the wide columns the `actions` table gains
//! (pilots, partners, calendar, budget), so that an analyst filters actions
//! by pilot or by budget in DuckDB or a spreadsheet.

use serde_json::Value;

use crate::model::{Actor, Document, Fiche, Span, TextValue};
use crate::normalize::key;

pub const ACTION_FIELD_COLUMNS: &[&str] = &[
    "document_id",
    "action_id",
    "number",
    "field",
    "label",
    "position",
    "value",
    "kind",
    "role",
    "start",
    "end",
    "amount_eur",
    "funder",
    "per_year",
    "page",
    "line",
];

/// The columns of the `actions` table: those of the other item tables,
/// then [`ACTION_WIDE_COLUMNS`].
pub const ACTION_COLUMNS: &[&str] = &[
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
    "fiche_number",
    "pilots",
    "partners",
    "calendar",
    "budget",
    "funders",
];

/// The columns the `actions` table has after the item columns.
pub const ACTION_WIDE_COLUMNS: &[&str] = &[
    "fiche_number",
    "pilots",
    "partners",
    "calendar",
    "budget",
    "funders",
];

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// "2020/2022", "2021-04-01", "2020/..": a calendar entry as an ISO interval.
fn interval(start: Option<&str>, end: Option<&str>) -> Option<String> {
    let s = start?;
    Some(match end {
        Some(e) if e == s => s.to_string(),
        Some(e) => format!("{s}/{e}"),
        None => format!("{s}/.."),
    })
}

/// The wide columns of an action that has a fiche (nulls for one without).
pub fn wide(fiche: Option<&Fiche>) -> Vec<Value> {
    let Some(f) = fiche else {
        return vec![Value::Null; ACTION_WIDE_COLUMNS.len()];
    };
    let names = |a: &[Actor]| Value::Array(a.iter().map(|x| x.name.clone().into()).collect());
    let mut funders: Vec<Value> = Vec::new();
    for b in &f.budget {
        if let Some(x) = &b.funder {
            let v = Value::from(x.clone());
            if !funders.contains(&v) {
                funders.push(v);
            }
        }
    }
    vec![
        opt(f.number.clone()),
        names(&f.pilots),
        names(&f.partners),
        Value::Array(
            f.calendar
                .iter()
                .filter_map(|c| interval(c.start.as_deref(), c.end.as_deref()))
                .map(Value::from)
                .collect(),
        ),
        Value::Array(f.budget.iter().map(|b| Value::from(b.value)).collect()),
        Value::Array(funders),
    ]
}

/// An `actions` row for a fiche that no list of the document names: the
/// item columns it has (document, id, title, key, page, line), the rest null.
pub fn unlisted_action_row(doc_id: &str, f: &Fiche, item_columns: &[&str]) -> Vec<Value> {
    let title = f.title.as_ref().map(|t| t.text.clone());
    let mut row: Vec<Value> = item_columns
        .iter()
        .map(|c| match *c {
            "document_id" => doc_id.into(),
            "item_id" => f.id.clone().into(),
            "depth" => 0.into(),
            "text" => opt(title.clone()),
            "key" => opt(title.as_deref().map(key)),
            "themes" | "theme_triggers" | "notes" => Value::Array(Vec::new()),
            "page" => opt(f.span.page),
            "line" => f.span.line.into(),
            _ => Value::Null,
        })
        .collect();
    row.extend(wide(Some(f)));
    row
}

struct Row<'a> {
    field: Option<&'a str>,
    label: Option<&'a str>,
    value: String,
    span: &'a Span,
    extra: [Value; 7],
}

fn plain<'a>(field: &'a str, label: Option<&'a str>, t: &'a TextValue) -> Row<'a> {
    Row {
        field: Some(field),
        label,
        value: t.text.clone(),
        span: &t.span,
        extra: Default::default(),
    }
}

/// Adds the wide columns to the `actions` rows of document `d` made from
/// its lists (from `first` on), and a row for each fiche no list names.
pub fn complete_actions(
    doc_id: &str,
    d: &Document,
    rows: &mut [Vec<Value>],
    out_new: &mut Vec<Vec<Value>>,
    item_columns: &[&str],
) {
    let id_col = item_columns.iter().position(|c| *c == "item_id");
    let mut listed = Vec::new();
    for row in rows.iter_mut() {
        let id = id_col
            .and_then(|i| row.get(i))
            .and_then(Value::as_str)
            .map(str::to_string);
        let fiche = id
            .as_deref()
            .and_then(|id| d.fiches.iter().find(|f| f.id == id));
        if let Some(f) = fiche {
            listed.push(f.id.clone());
        }
        row.extend(wide(fiche));
    }
    for f in &d.fiches {
        if !listed.contains(&f.id) {
            out_new.push(unlisted_action_row(doc_id, f, item_columns));
        }
    }
}

/// The `action_fields` rows of a document.
pub fn action_field_rows(doc_id: &str, d: &Document, out: &mut Vec<Vec<Value>>) {
    for f in &d.fiches {
        // The label each typed field was read from.
        let label_of = |field: &str| {
            f.fields
                .iter()
                .find(|x| x.field.as_deref() == Some(field))
                .map(|x| x.label.text.as_str())
        };
        let mut rows: Vec<Row> = Vec::new();
        let single = [
            ("title", &f.title),
            ("axis", &f.axis),
            ("priority", &f.priority),
            ("general_objective", &f.general_objective),
            ("description", &f.description),
            ("target_public", &f.target_public),
            ("territory", &f.territory),
        ];
        for (name, v) in single {
            if let Some(t) = v {
                rows.push(plain(name, label_of(name), t));
            }
        }
        for (name, list) in [
            ("operational_objectives", &f.operational_objectives),
            ("indicators", &f.indicators),
        ] {
            rows.extend(list.iter().map(|t| plain(name, label_of(name), t)));
        }
        for (name, list) in [("pilots", &f.pilots), ("partners", &f.partners)] {
            rows.extend(list.iter().map(|a| Row {
                field: Some(name),
                label: label_of(name),
                value: a.name.clone(),
                span: &a.span,
                extra: [
                    serde_json::to_value(a.kind).unwrap_or(Value::Null),
                    opt(a.role.clone()),
                    Value::Null,
                    Value::Null,
                    Value::Null,
                    Value::Null,
                    Value::Null,
                ],
            }));
        }
        rows.extend(f.calendar.iter().map(|c| Row {
            field: Some("calendar"),
            label: label_of("calendar"),
            value: c.text.clone(),
            span: &c.span,
            extra: [
                Value::Null,
                Value::Null,
                opt(c.start.clone()),
                opt(c.end.clone()),
                Value::Null,
                Value::Null,
                Value::Null,
            ],
        }));
        rows.extend(f.budget.iter().map(|b| Row {
            field: Some("budget"),
            label: label_of("budget").or(label_of("funders")),
            value: b.text.clone(),
            span: &b.span,
            extra: [
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                b.value.into(),
                opt(b.funder.clone()),
                b.per_year.into(),
            ],
        }));
        if let Some(c) = &f.contact {
            rows.push(Row {
                field: Some("contact"),
                label: label_of("contact"),
                value: c.text.clone(),
                span: &c.span,
                extra: Default::default(),
            });
        }
        // Every other label/value pair as found: the fields the record has
        // no typed place for (themes, status, funders without an amount…)
        // and the labels the table does not know (field null).
        const TYPED: &[&str] = &[
            "title",
            "number",
            "axis",
            "priority",
            "general_objective",
            "operational_objectives",
            "description",
            "pilots",
            "partners",
            "target_public",
            "territory",
            "calendar",
            "indicators",
            "budget",
            "contact",
        ];
        for x in &f.fields {
            let field = x.field.as_deref();
            if field.is_some_and(|n| TYPED.contains(&n)) {
                continue;
            }
            if field == Some("funders") && !f.budget.is_empty() {
                continue;
            }
            rows.push(Row {
                field,
                label: Some(x.label.text.as_str()),
                value: x.value.text.clone(),
                span: &x.value.span,
                extra: Default::default(),
            });
        }
        let mut position: Vec<(Option<&str>, u32)> = Vec::new();
        for r in rows {
            let n = match position.iter_mut().find(|p| p.0 == r.field) {
                Some(p) => {
                    p.1 += 1;
                    p.1
                }
                None => {
                    position.push((r.field, 1));
                    1
                }
            };
            let mut row = vec![
                doc_id.into(),
                f.id.clone().into(),
                opt(f.number.clone()),
                opt(r.field),
                opt(r.label),
                n.into(),
                r.value.into(),
            ];
            row.extend(r.extra);
            row.push(opt(r.span.page));
            row.push(r.span.line.into());
            out.push(row);
        }
    }
}
