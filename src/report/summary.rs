//! What the index, the map and the heatmap keep of each document.

use std::collections::BTreeMap;

use crate::extract::themes::{Taxonomy, ThemeKind};
use crate::model::{Document, Item, ListKind, Territory, TerritoryKind};

/// One document, as the corpus pages need it.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// Position in the report (JSON files in sorted order).
    pub index: usize,
    /// The JSON file's path under the folder read, without `.json`.
    pub id: String,
    /// Its page: `doc/<slug>.html`.
    pub slug: String,
    /// The document's title, else its file name.
    pub title: String,
    pub source: String,
    pub format: String,
    pub kind: String,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub region: Option<String>,
    pub date: Option<String>,
    pub pages: Option<u32>,
    pub territories: Vec<TerInfo>,
    /// Working groups and actions: (declared, listed).
    pub groups: (Option<u32>, u32),
    pub actions: (Option<u32>, u32),
    /// (code, index in `warnings`, message).
    pub warnings: Vec<(String, usize, String)>,
    /// The text was rebuilt and the items drawn in it.
    pub text_ok: bool,
    pub unplaced: usize,
    pub thumbnails: usize,
}

/// A territory of a document.
#[derive(Debug, Clone)]
pub struct TerInfo {
    /// Index in the document's `territories`.
    pub index: usize,
    pub id: String,
    pub name: String,
    pub kind: TerritoryKind,
    pub departement: Option<String>,
    pub parent: Option<String>,
    /// The document is about it (or it is one of the territories of a
    /// document about none in particular).
    pub about: bool,
    pub groups: u32,
    pub actions: u32,
    pub items: Vec<ItemRef>,
}

impl TerInfo {
    /// The département it is, or lies in.
    pub fn dep(&self) -> Option<&str> {
        self.departement.as_deref().or(self.parent.as_deref())
    }
}

/// An action or working group (or a sub-item of one), for the heatmap.
#[derive(Debug, Clone)]
pub struct ItemRef {
    pub action: bool,
    /// At most 200 characters.
    pub text: String,
    /// JSON Pointer, the id of its highlight (`f` + pointer).
    pub pointer: String,
    /// Heatmap columns (see [`columns`]).
    pub columns: Vec<u16>,
}

/// A JSON file that could not be read as a ptsm document.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub id: String,
    pub reason: String,
}

/// An input `ptsm extract` could not convert (from `errors.jsonl`).
#[derive(Debug, Clone)]
pub struct Failed {
    pub input: String,
    pub kind: String,
    pub message: String,
}

/// Everything the corpus pages are made from.
#[derive(Debug)]
pub struct Corpus {
    pub docs: Vec<DocInfo>,
    pub unreadable: Vec<Unreadable>,
    pub failed: Vec<Failed>,
    /// Heatmap columns: (id, label, national priority number).
    pub columns: Vec<(String, String, Option<u32>)>,
}

impl Corpus {
    pub fn new(docs: Vec<DocInfo>, unreadable: Vec<Unreadable>, failed: Vec<Failed>) -> Corpus {
        Corpus {
            docs,
            unreadable,
            failed,
            columns: columns(Taxonomy::builtin()),
        }
    }
}

/// The heatmap's columns: the taxonomy's themes, then the six national
/// priorities, in taxonomy order.
pub fn columns(tax: &Taxonomy) -> Vec<(String, String, Option<u32>)> {
    let mut themes = Vec::new();
    let mut priorities = Vec::new();
    for t in &tax.themes {
        match t.kind {
            ThemeKind::NationalPriority => {
                let n =
                    t.id.strip_prefix("priorite-")
                        .and_then(|r| r.split('-').next())
                        .and_then(|n| n.parse().ok());
                priorities.push((t.id.clone(), t.label.clone(), n));
            }
            _ => themes.push((t.id.clone(), t.label.clone(), None)),
        }
    }
    themes.extend(priorities);
    themes
}

fn short(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn item_refs(
    items: &[Item],
    action: bool,
    ptr: &str,
    cols: &[(String, String, Option<u32>)],
    out: &mut Vec<ItemRef>,
) {
    for (i, it) in items.iter().enumerate() {
        let pointer = format!("{ptr}/{i}");
        let columns = cols
            .iter()
            .enumerate()
            .filter(|(_, (id, _, prio))| {
                it.themes.iter().any(|t| &t.id == id)
                    || (prio.is_some() && it.decree_priority == *prio)
            })
            .map(|(c, _)| c as u16)
            .collect();
        out.push(ItemRef {
            action,
            text: short(&it.text),
            pointer: pointer.clone(),
            columns,
        });
        item_refs(
            &it.sub_items,
            action,
            &format!("{pointer}/sub_items"),
            cols,
            out,
        );
    }
}

fn ter_info(
    i: usize,
    t: &Territory,
    about: bool,
    cols: &[(String, String, Option<u32>)],
) -> TerInfo {
    let mut items = Vec::new();
    item_refs(
        &t.actions,
        true,
        &format!("/territories/{i}/actions"),
        cols,
        &mut items,
    );
    item_refs(
        &t.working_groups,
        false,
        &format!("/territories/{i}/working_groups"),
        cols,
        &mut items,
    );
    TerInfo {
        index: i,
        id: t.id.clone(),
        name: t.normalized_name.clone(),
        kind: t.kind,
        departement: t.departement.clone(),
        parent: t.parent_departement.clone(),
        about,
        groups: t.working_groups.len() as u32,
        actions: t.actions.len() as u32,
        items,
    }
}

/// Snake-case name of a serde enum value.
pub fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Declared and listed counts of one kind: the territories' own when any
/// territory declares or lists some, else the document's counts and lists.
fn declared_listed(doc: &Document, actions: bool) -> (Option<u32>, u32) {
    let mut declared = None;
    let mut listed = 0;
    for t in &doc.territories {
        let d = if actions {
            &t.declared.actions
        } else {
            &t.declared.working_groups
        };
        if let Some(c) = d {
            *declared.get_or_insert(0) += c.count;
        }
        listed += if actions {
            t.actions.len()
        } else {
            t.working_groups.len()
        } as u32;
    }
    if declared.is_some() || listed > 0 {
        return (declared, listed);
    }
    let whats: &[&str] = if actions {
        &["actions", "fiches_action"]
    } else {
        &["groupes"]
    };
    let declared = doc
        .counts
        .iter()
        .filter(|c| whats.contains(&c.what.as_str()))
        .map(|c| c.count)
        .max();
    let kind = if actions {
        ListKind::Actions
    } else {
        ListKind::Groupes
    };
    let listed = doc
        .lists
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.items.len() as u32)
        .sum();
    (declared, listed)
}

impl DocInfo {
    pub fn new(
        index: usize,
        id: &str,
        slug: &str,
        doc: &Document,
        cols: &[(String, String, Option<u32>)],
    ) -> DocInfo {
        let any_about = doc.territories.iter().any(|t| t.about);
        let file = doc
            .source
            .path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&doc.source.path)
            .to_string();
        DocInfo {
            index,
            id: id.to_string(),
            slug: slug.to_string(),
            title: doc
                .title
                .as_ref()
                .map(|t| t.text.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(file),
            source: doc.source.path.clone(),
            format: enum_name(&doc.source.format),
            kind: enum_name(&doc.kind),
            subject: doc.subject.as_ref().map(enum_name),
            issuer: doc.issuer.as_ref().map(|i| i.name.clone()),
            region: doc.region.clone(),
            date: doc.date.as_ref().map(|d| d.value.clone()),
            pages: doc.source.pages,
            territories: doc
                .territories
                .iter()
                .enumerate()
                .map(|(i, t)| ter_info(i, t, t.about || !any_about, cols))
                .collect(),
            groups: declared_listed(doc, false),
            actions: declared_listed(doc, true),
            warnings: doc
                .warnings
                .iter()
                .enumerate()
                .map(|(i, w)| (w.code.clone(), i, w.message.clone()))
                .collect(),
            text_ok: false,
            unplaced: 0,
            thumbnails: 0,
        }
    }

    /// Warnings by code.
    pub fn warning_codes(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for (c, _, _) in &self.warnings {
            *m.entry(c.as_str()).or_default() += 1;
        }
        m
    }

    /// Declared and listed differ for groups or actions.
    pub fn mismatch(&self) -> bool {
        [self.groups, self.actions]
            .iter()
            .any(|(d, l)| d.is_some_and(|d| d != *l))
    }
}
