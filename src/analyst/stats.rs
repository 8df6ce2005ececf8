//! The territory × theme matrix: for each territory of each document, how
//! many of its items (working groups, actions, axes and their sub-items)
//! carry each theme of the taxonomy; and the [`Report`] of `ptsm stats`:
//! that matrix with each territory's declared and listed counts, the themes
//! ranked by how many territories work on them, and the warnings by code.

use std::collections::BTreeMap;
use std::path::Path;

use crate::analyst::load::Loaded;
use crate::extract::themes::Taxonomy;
use crate::model::Item;

/// Rows are territories, columns the taxonomy's themes in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// (theme id, label), in taxonomy order.
    pub themes: Vec<(String, String)>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    pub document_id: String,
    pub territory_id: String,
    pub territory: String,
    /// One count per theme, aligned with [`Matrix::themes`].
    pub counts: Vec<u32>,
}

impl Matrix {
    /// The count for `territory_id` (first match across documents) and
    /// `theme_id`, if both exist.
    pub fn get(&self, territory_id: &str, theme_id: &str) -> Option<u32> {
        let col = self.themes.iter().position(|(id, _)| id == theme_id)?;
        let row = self.rows.iter().find(|r| r.territory_id == territory_id)?;
        row.counts.get(col).copied()
    }

    /// Territories (normalized names) with at least one item on `theme_id`.
    pub fn territories_with(&self, theme_id: &str) -> Vec<&str> {
        let Some(col) = self.themes.iter().position(|(id, _)| id == theme_id) else {
            return Vec::new();
        };
        self.rows
            .iter()
            .filter(|r| r.counts.get(col).is_some_and(|&n| n > 0))
            .map(|r| r.territory.as_str())
            .collect()
    }
}

fn add(items: &[Item], themes: &[(String, String)], counts: &mut [u32]) {
    for i in items {
        for tag in &i.themes {
            if let Some(c) = themes
                .iter()
                .position(|(id, _)| *id == tag.id)
                .and_then(|k| counts.get_mut(k))
            {
                *c += 1;
            }
        }
        add(&i.sub_items, themes, counts);
    }
}

/// Builds the matrix. Tags whose id is not in `taxonomy` (outputs made
/// with another taxonomy) are not counted.
pub fn matrix(docs: &[Loaded], taxonomy: &Taxonomy) -> Matrix {
    let themes: Vec<(String, String)> = taxonomy
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect();
    let mut rows = Vec::new();
    for l in docs {
        for t in &l.doc.territories {
            let mut counts = vec![0; themes.len()];
            for list in [&t.working_groups, &t.actions, &t.axes] {
                add(list, &themes, &mut counts);
            }
            rows.push(MatrixRow {
                document_id: l.id.clone(),
                territory_id: t.id.clone(),
                territory: t.normalized_name.clone(),
                counts,
            });
        }
    }
    Matrix { themes, rows }
}

/// Writes the matrix as CSV: `document_id,territory_id,territory,<theme ids…>`.
pub fn write_csv<W: std::io::Write>(m: &Matrix, w: W) -> Result<(), csv::Error> {
    let mut wr = csv::Writer::from_writer(w);
    let mut header = vec!["document_id", "territory_id", "territory"];
    header.extend(m.themes.iter().map(|(id, _)| id.as_str()));
    wr.write_record(&header)?;
    for r in &m.rows {
        let mut rec = vec![
            r.document_id.clone(),
            r.territory_id.clone(),
            r.territory.clone(),
        ];
        rec.extend(r.counts.iter().map(u32::to_string));
        wr.write_record(&rec)?;
    }
    wr.flush()?;
    Ok(())
}

/// Writes the matrix as CSV to `path`.
pub fn write_csv_file(m: &Matrix, path: &Path) -> Result<(), csv::Error> {
    let f = std::fs::File::create(path)?;
    write_csv(m, f)
}

/// A readable view, one line per theme: which territories work on it, and
/// with how many items ("Orne (2), Eure (1)"); then the grid itself with
/// theme columns numbered.
pub fn render(m: &Matrix) -> String {
    let mut s = String::new();
    // The same territory in two documents (two years, two forms of one
    // release) is told apart by its document.
    let name = |r: &MatrixRow| {
        let twice = m.rows.iter().filter(|x| x.territory == r.territory).count() > 1;
        if twice {
            format!("{} [{}]", r.territory, r.document_id)
        } else {
            r.territory.clone()
        }
    };
    for (col, (_, label)) in m.themes.iter().enumerate() {
        let cells: Vec<String> = m
            .rows
            .iter()
            .filter_map(|r| {
                let n = *r.counts.get(col)?;
                (n > 0).then(|| format!("{} ({n})", name(r)))
            })
            .collect();
        let n = cells.len();
        let list = if cells.is_empty() {
            "—".to_string()
        } else {
            cells.join(", ")
        };
        s.push_str(&format!("{label} [{n}/{}]: {list}\n", m.rows.len()));
    }
    s
}

/// What `ptsm stats` shows: one row per territory of each document, the
/// themes ranked, the warnings counted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub documents: usize,
    /// Every theme of the taxonomy, the most widespread first (by
    /// territories, then items, then taxonomy order).
    pub themes: Vec<ThemeSummary>,
    pub territories: Vec<TerritoryRow>,
    /// Warnings of all documents, by code.
    pub warnings_by_code: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ThemeSummary {
    pub id: String,
    pub label: String,
    /// Territories with at least one item on the theme.
    pub territories: usize,
    /// Items and sub-items tagged with it, all territories together.
    pub items: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TerritoryRow {
    pub document_id: String,
    pub territory_id: String,
    pub territory: String,
    pub departement: Option<String>,
    /// What the text announces ("8 groupes de travail"), if it does.
    pub declared_working_groups: Option<u32>,
    /// What it lists.
    pub listed_working_groups: usize,
    pub declared_actions: Option<u32>,
    pub listed_actions: usize,
    /// Items per theme id, in taxonomy order (every theme, zeros included).
    pub themes: serde_json::Map<String, serde_json::Value>,
}

/// Builds the report of `ptsm stats`.
pub fn report(docs: &[Loaded], taxonomy: &Taxonomy) -> Report {
    let m = matrix(docs, taxonomy);
    let mut territories = Vec::new();
    let mut rows = m.rows.iter();
    let mut warnings_by_code = BTreeMap::new();
    for l in docs {
        for w in &l.doc.warnings {
            *warnings_by_code.entry(w.code.clone()).or_insert(0) += 1;
        }
        for t in &l.doc.territories {
            let Some(r) = rows.next() else { break };
            territories.push(TerritoryRow {
                document_id: r.document_id.clone(),
                territory_id: r.territory_id.clone(),
                territory: r.territory.clone(),
                departement: t.departement.clone().or(t.parent_departement.clone()),
                declared_working_groups: t.declared.working_groups.as_ref().map(|c| c.count),
                listed_working_groups: t.working_groups.len(),
                declared_actions: t.declared.actions.as_ref().map(|c| c.count),
                listed_actions: t.actions.len(),
                themes: m
                    .themes
                    .iter()
                    .zip(&r.counts)
                    .map(|((id, _), n)| (id.clone(), (*n).into()))
                    .collect(),
            });
        }
    }
    let mut themes: Vec<(usize, ThemeSummary)> = m
        .themes
        .iter()
        .enumerate()
        .map(|(col, (id, label))| {
            let counts = m.rows.iter().filter_map(|r| r.counts.get(col));
            (
                col,
                ThemeSummary {
                    id: id.clone(),
                    label: label.clone(),
                    territories: counts.clone().filter(|&&n| n > 0).count(),
                    items: counts.sum(),
                },
            )
        })
        .collect();
    themes.sort_by(|(ca, a), (cb, b)| {
        (b.territories, b.items)
            .cmp(&(a.territories, a.items))
            .then(ca.cmp(cb))
    });
    Report {
        documents: docs.len(),
        themes: themes.into_iter().map(|(_, t)| t).collect(),
        territories,
        warnings_by_code,
    }
}

/// The report as CSV, one row per territory: `document_id, territory_id,
/// territory, departement, declared_working_groups, listed_working_groups,
/// declared_actions, listed_actions`, then one column per theme id in
/// taxonomy order (items tagged). An unknown declared count is empty.
pub fn write_report_csv<W: std::io::Write>(r: &Report, w: W) -> Result<(), csv::Error> {
    let mut wr = csv::Writer::from_writer(w);
    let mut header: Vec<String> = [
        "document_id",
        "territory_id",
        "territory",
        "departement",
        "declared_working_groups",
        "listed_working_groups",
        "declared_actions",
        "listed_actions",
    ]
    .map(str::to_string)
    .to_vec();
    if let Some(first) = r.territories.first() {
        header.extend(first.themes.keys().cloned());
    }
    wr.write_record(&header)?;
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    for t in &r.territories {
        let mut rec = vec![
            t.document_id.clone(),
            t.territory_id.clone(),
            t.territory.clone(),
            t.departement.clone().unwrap_or_default(),
            opt(t.declared_working_groups),
            t.listed_working_groups.to_string(),
            opt(t.declared_actions),
            t.listed_actions.to_string(),
        ];
        rec.extend(t.themes.values().map(|v| v.to_string()));
        wr.write_record(&rec)?;
    }
    wr.flush()?;
    Ok(())
}

/// Cuts `s` to `width` characters, with "…" at the end when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Pads `s` to `width` characters (left-aligned, or right-aligned).
fn pad(s: &str, width: usize, right: bool) -> String {
    let n = s.chars().count();
    let fill = " ".repeat(width.saturating_sub(n));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The report for a terminal `width` columns wide: territories × the top
/// themes (as many as fit, at most 8, numbered T1… with a legend), the
/// working groups and actions declared and listed ("8/8"; "–" where the
/// text declares none), then the warnings by code. `bold` puts headings in
/// bold (ANSI).
pub fn render_table(r: &Report, width: usize, bold: bool) -> String {
    let b = |s: &str| {
        if bold {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let n_terr = r.territories.len();
    out.push_str(&b(&format!(
        "{n_terr} territor{} in {} document{}",
        if n_terr == 1 { "y" } else { "ies" },
        r.documents,
        if r.documents == 1 { "" } else { "s" }
    )));
    out.push('\n');
    // The same territory in two documents (two years, two forms of one
    // release) is told apart by its document.
    let label = |t: &TerritoryRow| {
        let twice = r
            .territories
            .iter()
            .filter(|x| x.territory == t.territory)
            .count()
            > 1;
        if twice {
            format!("{} [{}]", t.territory, t.document_id)
        } else {
            t.territory.clone()
        }
    };
    let fixed = 4 + 1 + 9 + 1 + 9; // dép, groups, actions
    let name_w = r
        .territories
        .iter()
        .map(|t| label(t).chars().count())
        .max()
        .unwrap_or(9)
        .clamp(9, 30);
    let name_w = name_w.min(width.saturating_sub(fixed + 2 + 5).max(12));
    let room = width.saturating_sub(name_w + 1 + fixed);
    let top: Vec<&ThemeSummary> = r
        .themes
        .iter()
        .filter(|t| t.territories > 0)
        .take((room / 5).min(8))
        .collect();
    let ratio = |d: Option<u32>, l: usize| match d {
        Some(d) => format!("{d}/{l}"),
        None => format!("–/{l}"),
    };
    let mut head = format!(
        "{} {} {} {}",
        pad("territory", name_w, false),
        pad("dép", 4, false),
        pad("groups", 9, true),
        pad("actions", 9, true)
    );
    for (i, _) in top.iter().enumerate() {
        head.push_str(&pad(&format!("T{}", i + 1), 5, true));
    }
    out.push_str(&b(head.trim_end()));
    out.push('\n');
    for t in &r.territories {
        let mut line = format!(
            "{} {} {} {}",
            pad(&fit(&label(t), name_w), name_w, false),
            pad(t.departement.as_deref().unwrap_or("–"), 4, false),
            pad(
                &ratio(t.declared_working_groups, t.listed_working_groups),
                9,
                true
            ),
            pad(&ratio(t.declared_actions, t.listed_actions), 9, true),
        );
        for th in &top {
            let n = t.themes.get(&th.id).and_then(|v| v.as_u64()).unwrap_or(0);
            let cell = if n == 0 {
                "·".to_string()
            } else {
                n.to_string()
            };
            line.push_str(&pad(&cell, 5, true));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // The legend, shorter on a narrow terminal so that no line wraps.
    let legend = "groups, actions: declared/listed (– when the text declares no count)";
    if legend.chars().count() <= width {
        out.push_str(legend);
    } else {
        out.push_str("declared/listed (– none declared)");
    }
    out.push('\n');
    if !top.is_empty() {
        out.push('\n');
        out.push_str(&b("top themes (items tagged; · none)"));
        out.push('\n');
        for (i, th) in top.iter().enumerate() {
            let line = format!(
                "T{:<2} {} – {}/{} territories, {} items",
                i + 1,
                th.label,
                th.territories,
                n_terr,
                th.items
            );
            out.push_str(&fit(&line, width.max(20)));
            out.push('\n');
        }
        let rest = r.themes.iter().filter(|t| t.territories > 0).count() - top.len();
        if rest > 0 {
            out.push_str(&format!(
                "… and {rest} more theme(s): --format csv or json gives them all\n"
            ));
        }
    }
    out.push('\n');
    let total: u64 = r.warnings_by_code.values().sum();
    out.push_str(&b(&format!("warnings by code ({total})")));
    out.push('\n');
    if r.warnings_by_code.is_empty() {
        out.push_str("none\n");
    }
    let mut codes: Vec<(&String, &u64)> = r.warnings_by_code.iter().collect();
    codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let code_w = codes
        .iter()
        .map(|(c, _)| c.len())
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(10).max(10));
    for (code, n) in codes {
        out.push_str(&format!(
            "  {} {}\n",
            pad(&fit(code, code_w), code_w, false),
            pad(&n.to_string(), 6, true)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyst::testdoc::sample_document;

    fn docs() -> Vec<Loaded> {
        vec![Loaded {
            id: "n".into(),
            path: "n.json".into(),
            doc: sample_document(),
        }]
    }

    #[test]
    fn counts_items_and_sub_items_per_territory_and_theme() {
        let m = matrix(&docs(), Taxonomy::builtin());
        assert_eq!(m.get("orne", "perinatalite"), Some(1));
        assert_eq!(m.get("eure", "perinatalite"), Some(1));
        assert_eq!(m.get("orne", "telemedecine"), Some(1));
        assert_eq!(m.get("orne", "tnd"), Some(0));
        assert_eq!(m.territories_with("perinatalite"), vec!["Orne", "Eure"]);
    }

    #[test]
    fn csv_has_one_column_per_theme_and_one_row_per_territory() {
        let m = matrix(&docs(), Taxonomy::builtin());
        let mut buf = Vec::new();
        write_csv(&m, &mut buf).expect("writes");
        let mut rd = csv::Reader::from_reader(buf.as_slice());
        assert_eq!(rd.headers().expect("header").len(), 3 + m.themes.len());
        assert_eq!(rd.records().count(), 2);
    }

    #[test]
    fn rendering_names_the_territories_of_each_theme() {
        let m = matrix(&docs(), Taxonomy::builtin());
        let text = render(&m);
        assert!(
            text.contains("Périnatalité [2/2]: Orne (1), Eure (1)"),
            "{text}"
        );
    }

    #[test]
    fn the_table_fits_its_width_and_ranks_the_themes() {
        let r = report(&docs(), Taxonomy::builtin());
        assert_eq!(r.territories.len(), 2);
        assert_eq!(r.themes[0].territories, 2, "{:?}", r.themes[0]);
        for width in [60, 80, 120] {
            let text = render_table(&r, width, false);
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
            assert!(text.contains("2 territories in 1 document"), "{text}");
            assert!(text.contains("warnings by code"), "{text}");
        }
        let text = render_table(&r, 80, false);
        assert!(
            text.contains("25/1"),
            "Eure declares 25 actions, lists 1:\n{text}"
        );
    }

    #[test]
    fn report_csv_has_counts_then_one_column_per_theme() {
        let r = report(&docs(), Taxonomy::builtin());
        let mut buf = Vec::new();
        write_report_csv(&r, &mut buf).expect("writes");
        let mut rd = csv::Reader::from_reader(buf.as_slice());
        let h = rd.headers().expect("header").clone();
        assert_eq!(&h[3], "departement");
        assert_eq!(h.len(), 8 + Taxonomy::builtin().themes.len());
        let rows: Vec<_> = rd.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(&rows[1][3], "27");
        assert_eq!(&rows[1][6], "25");
    }
}
