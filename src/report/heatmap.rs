//! Territory × theme: rows are the corpus's territories (the same
//! département or sub-territory across documents is one row), columns the
//! themes of `data/themes.json` and the six national priorities of décret
//! 2017-1200; a cell counts the actions and working groups (sub-items
//! included) of the territory on that theme. A click lists them, from a
//! script per row loaded on demand, so the page stays small whatever the
//! number of items.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicU64;

use maud::html;
use serde_json::json;

use super::map::Scale;
use super::pages::{layout, Page};
use super::summary::Corpus;
use super::{write, ReportError};
use crate::extract::gazetteer;

#[derive(Default)]
struct Row {
    label: String,
    sub: bool,
    docs: Vec<usize>,
    /// Per column: (actions, groups, items as [action?, text, slug, pointer]).
    cells: Vec<(u32, u32, Vec<serde_json::Value>)>,
}

/// Sort key and label of a territory's row.
fn row_key(
    name: &str,
    departement: Option<&str>,
    parent: Option<&str>,
) -> ((String, u8, String), String, bool) {
    let fold = crate::normalize::key(name);
    match (departement, parent) {
        (Some(d), _) => {
            let label = gazetteer::by_code(d).map_or(name, |g| g.name);
            (
                (d.to_string(), 0, String::new()),
                format!("{label} ({d})"),
                false,
            )
        }
        (None, Some(p)) => ((p.to_string(), 1, fold), format!("{name} (in {p})"), true),
        (None, None) => (("~".to_string(), 2, fold), name.to_string(), false),
    }
}

pub fn page(c: &Corpus, out: &Path, bytes: &AtomicU64) -> Result<(), ReportError> {
    let ncols = c.columns.len();
    let mut rows: BTreeMap<(String, u8, String), Row> = BTreeMap::new();
    for d in &c.docs {
        for t in &d.territories {
            if t.items.is_empty() {
                continue;
            }
            let (key, label, sub) = row_key(&t.name, t.departement.as_deref(), t.parent.as_deref());
            let r = rows.entry(key).or_insert_with(|| Row {
                label,
                sub,
                cells: vec![(0, 0, Vec::new()); ncols],
                ..Row::default()
            });
            if r.docs.last() != Some(&d.index) {
                r.docs.push(d.index);
            }
            for it in &t.items {
                for &col in &it.columns {
                    let cell = &mut r.cells[col as usize];
                    if it.action {
                        cell.0 += 1;
                    } else {
                        cell.1 += 1;
                    }
                    cell.2.push(json!([it.action, it.text, d.slug, it.pointer]));
                }
            }
        }
    }
    let scale = Scale::new(
        rows.values()
            .flat_map(|r| r.cells.iter().map(|c| c.0 + c.1)),
    );
    let rows: Vec<Row> = rows.into_values().collect();
    for (i, r) in rows.iter().enumerate() {
        let cells: BTreeMap<usize, &Vec<serde_json::Value>> = r
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.2.is_empty())
            .map(|(j, c)| (j, &c.2))
            .collect();
        let js = format!("PTSM_HM_ROW({i}, {});\n", json!(cells));
        write(
            &out.join(format!("data/heatmap/{i}.js")),
            js.as_bytes(),
            bytes,
        )?;
    }
    let short = |label: &str, prio: Option<u32>| -> String {
        match prio {
            Some(n) => format!("P{n}"),
            None => label.split(" (").next().unwrap_or(label).to_string(),
        }
    };
    let content = html! {
        p { "Rows: the territories that list actions or working groups (a département or a sub-territory is one row across documents). "
            "Columns: the themes of the taxonomy, then the six national priorities of décret 2017-1200 (P1–P6). "
            "A cell counts the actions and working groups, sub-items included, tagged with the theme (or mapped to the priority); select it to list them." }
        div.legend {
            span.lt { "Items per cell: " }
            @for (label, cls) in scale.legend() { span.li { span class={ "key h" (cls) } {} " " (label) } }
        }
        div.tablewrap.heatwrap {
            table.heat #heat data-rows=(rows.len()) {
                caption.sr { "Territories × themes: number of actions and working groups" }
                thead { tr {
                    th scope="col" { "Territory" }
                    th.num scope="col" { "Docs" }
                    @for (id, label, prio) in &c.columns {
                        th.rot scope="col" title=(label) data-col=(id) { span { (short(label, *prio)) } }
                    }
                } }
                tbody {
                    @for (i, r) in rows.iter().enumerate() {
                        tr {
                            th.rowh.sub[r.sub] scope="row" { (r.label) }
                            td.num { (r.docs.len()) }
                            @for (j, cell) in r.cells.iter().enumerate() {
                                @let n = cell.0 + cell.1;
                                @if n == 0 { td.h0 {} } @else {
                                    td class={ "h" (scale.class(n)) } {
                                        button.cell type="button" data-r=(i) data-c=(j)
                                            aria-label={ (r.label) " × " (c.columns[j].1) ": " (cell.0) " action(s), " (cell.1) " working group(s)" } { (n) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if rows.is_empty() { p.notice { "No territory of the corpus lists actions or working groups." } }
        section.panel #cell-detail aria-live="polite" tabindex="-1" { p.muted { "Select a cell to list its actions and working groups." } }
        section aria-labelledby="h-prio" {
            h2 #h-prio { "National priorities" }
            ol.plain { @for (_, label, prio) in c.columns.iter().filter(|c| c.2.is_some()) { li { b { "P" (prio.unwrap_or(0)) } " " (label) } } }
        }
    };
    let page = layout("Territories × themes", Page::Heatmap, "", &[], content);
    write(&out.join("heatmap.html"), page.as_bytes(), bytes)
}
