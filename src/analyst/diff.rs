//! Comparison of two ptsm outputs: the year-over-year view of a
//! territory's plan, and the regression view behind `ptsm check`.
//!
//! What is compared: territories (by id), their working groups, actions
//! and axes (with sub-items), and their declared counts. Items are matched
//! in two passes within a list:
//! 1. same matching key (`normalize::key`), one to one, in order — moving
//!    an item or renumbering the list is not a change;
//! 2. among the rest, pairs whose keys have a token Jaccard similarity of at
//!    least [`REWORD_THRESHOLD`] are *reworded*, best pairs first.
//!
//! What is left is *removed* (only in A) or *added* (only in B). Titles,
//! dates, people and the other document fields are not compared.

use std::collections::HashSet;

use serde::Serialize;

use crate::analyst::load::{source_name, Loaded};
use crate::model::{Count, CountStatus, Document, Item, Territory};

/// Minimum token Jaccard similarity of two keys for an item to count as
/// reworded rather than removed and added. 0.6 keeps one or two words
/// changed in a typical 8–15-word action, and rejects items that only share
/// their function words.
pub const REWORD_THRESHOLD: f64 = 0.6;

/// One difference between A and B.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    DocumentAdded {
        document: String,
    },
    DocumentRemoved {
        document: String,
    },
    TerritoryAdded {
        territory: String,
        name: String,
    },
    TerritoryRemoved {
        territory: String,
        name: String,
    },
    ItemAdded {
        territory: String,
        list: String,
        id: String,
        text: String,
    },
    ItemRemoved {
        territory: String,
        list: String,
        id: String,
        text: String,
    },
    ItemReworded {
        territory: String,
        list: String,
        old_id: String,
        new_id: String,
        old_text: String,
        new_text: String,
        similarity: f64,
    },
    DeclaredCountChanged {
        territory: String,
        /// `working_groups` or `actions`.
        what: String,
        old: Option<u32>,
        new: Option<u32>,
        old_status: Option<CountStatus>,
        new_status: Option<CountStatus>,
    },
}

/// The changes of one document (matched by source file name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocDiff {
    pub document: String,
    pub changes: Vec<Change>,
}

/// The changes between two sets of outputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub documents: Vec<DocDiff>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.documents.iter().all(|d| d.changes.is_empty())
    }

    pub fn change_count(&self) -> usize {
        self.documents.iter().map(|d| d.changes.len()).sum()
    }
}

/// Token Jaccard similarity of two keys (1.0 for two empty keys).
pub fn similarity(a: &str, b: &str) -> f64 {
    let ta: HashSet<&str> = a.split_whitespace().collect();
    let tb: HashSet<&str> = b.split_whitespace().collect();
    let union = ta.union(&tb).count();
    if union == 0 {
        return 1.0;
    }
    ta.intersection(&tb).count() as f64 / union as f64
}

/// Changes from `a` to `b`.
pub fn diff_documents(a: &Document, b: &Document) -> Vec<Change> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for ta in &a.territories {
        match b.territories.iter().find(|t| t.id == ta.id) {
            Some(tb) => {
                seen.insert(tb.id.as_str());
                diff_territory(ta, tb, &mut out);
            }
            None => out.push(Change::TerritoryRemoved {
                territory: ta.id.clone(),
                name: ta.normalized_name.clone(),
            }),
        }
    }
    for tb in &b.territories {
        if !seen.contains(tb.id.as_str()) {
            out.push(Change::TerritoryAdded {
                territory: tb.id.clone(),
                name: tb.normalized_name.clone(),
            });
        }
    }
    out
}

fn diff_territory(a: &Territory, b: &Territory, out: &mut Vec<Change>) {
    for (what, ca, cb) in [
        (
            "working_groups",
            &a.declared.working_groups,
            &b.declared.working_groups,
        ),
        ("actions", &a.declared.actions, &b.declared.actions),
    ] {
        let parts = |c: &Option<Count>| {
            (
                c.as_ref().map(|c| c.count),
                c.as_ref().and_then(|c| c.status),
            )
        };
        let (na, sa) = parts(ca);
        let (nb, sb) = parts(cb);
        if na != nb || sa != sb {
            out.push(Change::DeclaredCountChanged {
                territory: a.id.clone(),
                what: what.to_string(),
                old: na,
                new: nb,
                old_status: sa,
                new_status: sb,
            });
        }
    }
    for (list, la, lb) in [
        ("axes", &a.axes, &b.axes),
        ("working_groups", &a.working_groups, &b.working_groups),
        ("actions", &a.actions, &b.actions),
    ] {
        diff_items(&a.id, list, la, lb, out);
    }
}

fn diff_items(territory: &str, list: &str, a: &[Item], b: &[Item], out: &mut Vec<Change>) {
    let mut used_b = vec![false; b.len()];
    let mut pair_of_a: Vec<Option<(usize, f64)>> = vec![None; a.len()];
    // Pass 1: same key.
    for (i, ia) in a.iter().enumerate() {
        let hit = b
            .iter()
            .enumerate()
            .find(|(j, ib)| !used_b.get(*j).copied().unwrap_or(true) && ib.key == ia.key);
        if let Some((j, _)) = hit {
            if let Some(u) = used_b.get_mut(j) {
                *u = true;
            }
            if let Some(p) = pair_of_a.get_mut(i) {
                *p = Some((j, 1.0));
            }
        }
    }
    // Pass 2: best similar pairs among the rest.
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, ia) in a.iter().enumerate() {
        if pair_of_a.get(i).is_some_and(Option::is_some) {
            continue;
        }
        for (j, ib) in b.iter().enumerate() {
            if used_b.get(j).copied().unwrap_or(true) {
                continue;
            }
            let s = similarity(&ia.key, &ib.key);
            if s >= REWORD_THRESHOLD {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (s, i, j) in cands {
        let free_a = pair_of_a.get(i).is_some_and(Option::is_none);
        let free_b = !used_b.get(j).copied().unwrap_or(true);
        if free_a && free_b {
            if let Some(u) = used_b.get_mut(j) {
                *u = true;
            }
            if let Some(p) = pair_of_a.get_mut(i) {
                *p = Some((j, s));
            }
        }
    }
    for (i, ia) in a.iter().enumerate() {
        match pair_of_a.get(i).copied().flatten() {
            Some((j, s)) => {
                let Some(ib) = b.get(j) else { continue };
                if ia.key != ib.key {
                    out.push(Change::ItemReworded {
                        territory: territory.to_string(),
                        list: list.to_string(),
                        old_id: ia.id.clone(),
                        new_id: ib.id.clone(),
                        old_text: ia.text.clone(),
                        new_text: ib.text.clone(),
                        similarity: (s * 1000.0).round() / 1000.0,
                    });
                }
                diff_items(territory, list, &ia.sub_items, &ib.sub_items, out);
            }
            None => out.push(Change::ItemRemoved {
                territory: territory.to_string(),
                list: list.to_string(),
                id: ia.id.clone(),
                text: ia.text.clone(),
            }),
        }
    }
    for (j, ib) in b.iter().enumerate() {
        if !used_b.get(j).copied().unwrap_or(true) {
            out.push(Change::ItemAdded {
                territory: territory.to_string(),
                list: list.to_string(),
                id: ib.id.clone(),
                text: ib.text.clone(),
            });
        }
    }
}

/// Changes from the documents of `a` to those of `b`, matched by source
/// file name (so that `2025/x.txt.json` and `2026/x.txt.json` compare).
pub fn diff_sets(a: &[Loaded], b: &[Loaded]) -> Diff {
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for la in a {
        let name = source_name(&la.doc);
        match b.iter().find(|lb| source_name(&lb.doc) == name) {
            Some(lb) => {
                seen.insert(name.clone());
                docs.push(DocDiff {
                    document: name,
                    changes: diff_documents(&la.doc, &lb.doc),
                });
            }
            None => docs.push(DocDiff {
                document: name.clone(),
                changes: vec![Change::DocumentRemoved { document: name }],
            }),
        }
    }
    for lb in b {
        let name = source_name(&lb.doc);
        if !seen.contains(&name) {
            docs.push(DocDiff {
                document: name.clone(),
                changes: vec![Change::DocumentAdded { document: name }],
            });
        }
    }
    Diff { documents: docs }
}

fn count_text(n: Option<u32>, s: Option<CountStatus>) -> String {
    let n = n.map_or_else(|| "none".to_string(), |n| n.to_string());
    match s {
        Some(CountStatus::Contracted) => format!("{n} (contracted)"),
        Some(CountStatus::ToBeContracted) => format!("{n} (to be contracted)"),
        None => n,
    }
}

/// Human-readable rendering: one block per document with changes.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    for doc in d.documents.iter().filter(|d| !d.changes.is_empty()) {
        let n = doc.changes.len();
        s.push_str(&format!(
            "{}: {n} change{}\n",
            doc.document,
            if n == 1 { "" } else { "s" }
        ));
        for c in &doc.changes {
            let line = match c {
                Change::DocumentAdded { .. } => "  + document only in B".to_string(),
                Change::DocumentRemoved { .. } => "  - document only in A".to_string(),
                Change::TerritoryAdded { territory, name } => {
                    format!("  + territory {territory} ({name})")
                }
                Change::TerritoryRemoved { territory, name } => {
                    format!("  - territory {territory} ({name})")
                }
                Change::ItemAdded { list, id, text, .. } => {
                    format!("  + {list} {id}: {text}")
                }
                Change::ItemRemoved { list, id, text, .. } => {
                    format!("  - {list} {id}: {text}")
                }
                Change::ItemReworded {
                    list,
                    old_id,
                    new_id,
                    old_text,
                    new_text,
                    similarity,
                    ..
                } => format!(
                    "  ~ {list} {old_id} reworded (similarity {similarity:.2})\n      A {old_id}: {old_text}\n      B {new_id}: {new_text}"
                ),
                Change::DeclaredCountChanged {
                    territory,
                    what,
                    old,
                    new,
                    old_status,
                    new_status,
                } => format!(
                    "  # {territory}: declared {what} {} → {}",
                    count_text(*old, *old_status),
                    count_text(*new, *new_status)
                ),
            };
            s.push_str(&line);
            s.push('\n');
        }
    }
    if s.is_empty() {
        s.push_str("no differences\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyst::testdoc::{item, sample_document};

    #[test]
    fn identical_documents_have_no_changes() {
        let a = sample_document();
        assert!(diff_documents(&a, &a).is_empty());
    }

    #[test]
    fn reordering_a_list_is_not_a_change() {
        let a = sample_document();
        let mut b = a.clone();
        b.territories[0].actions.reverse();
        assert!(diff_documents(&a, &b).is_empty());
    }

    #[test]
    fn reworded_removed_and_count_changed_are_reported_exactly() {
        let a = sample_document();
        let mut b = a.clone();
        let act = &mut b.territories[0].actions[1];
        act.text = act.text.replace("Déploiement", "Généralisation");
        act.key = crate::normalize::key(&act.text);
        b.territories[1].actions.clear();
        if let Some(c) = b.territories[1].declared.working_groups.as_mut() {
            c.count = 8;
        }
        let changes = diff_documents(&a, &b);
        // Territory order, then declared counts before lists.
        assert_eq!(changes.len(), 3, "{changes:#?}");
        assert!(
            matches!(&changes[1], Change::DeclaredCountChanged { territory, what, old: Some(7), new: Some(8), .. } if territory == "eure" && what == "working_groups")
        );
        assert!(
            matches!(&changes[0], Change::ItemReworded { old_id, similarity, .. } if old_id == "orne/actions/2" && *similarity >= REWORD_THRESHOLD)
        );
        assert!(matches!(&changes[2], Change::ItemRemoved { id, .. } if id == "eure/actions/1"));
    }

    #[test]
    fn dissimilar_replacement_is_a_removal_and_an_addition() {
        let a = sample_document();
        let mut b = a.clone();
        b.territories[1].actions[0] = item("eure/actions/1", "Création d’un GEM à Caen", &[]);
        let changes = diff_documents(&a, &b);
        assert_eq!(changes.len(), 2, "{changes:#?}");
        assert!(matches!(changes[0], Change::ItemRemoved { .. }));
        assert!(matches!(changes[1], Change::ItemAdded { .. }));
    }

    #[test]
    fn sub_item_changes_are_found_under_a_matched_parent() {
        let a = sample_document();
        let mut b = a.clone();
        b.territories[0].actions[1].sub_items.clear();
        let changes = diff_documents(&a, &b);
        assert!(
            matches!(&changes[..], [Change::ItemRemoved { id, .. }] if id == "orne/actions/2/1"),
            "{changes:#?}"
        );
    }

    #[test]
    fn territories_added_and_removed_and_documents_matched_by_source_name() {
        let a = sample_document();
        let mut b = a.clone();
        b.territories.remove(0);
        b.source.path = "/elsewhere/normandie-ptsm-2026.txt".into();
        let la = vec![Loaded {
            id: "x".into(),
            path: "a.json".into(),
            doc: a,
        }];
        let lb = vec![Loaded {
            id: "y".into(),
            path: "b.json".into(),
            doc: b,
        }];
        let d = diff_sets(&la, &lb);
        assert_eq!(d.documents.len(), 1);
        assert!(
            matches!(&d.documents[0].changes[..], [Change::TerritoryRemoved { territory, .. }] if territory == "orne")
        );
        assert!(render(&d).contains("- territory orne (Orne)"));
    }

    #[test]
    fn jaccard_similarity_of_keys() {
        assert_eq!(similarity("a b c d", "a b c d"), 1.0);
        assert_eq!(similarity("a b c d", "a b c e"), 0.6);
        assert_eq!(similarity("a b", "c d"), 0.0);
    }
}
