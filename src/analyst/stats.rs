//! The territory × theme matrix: for each territory of each document, how
//! many of its items (working groups, actions, axes and their sub-items)
//! carry each theme of the taxonomy.

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
}
