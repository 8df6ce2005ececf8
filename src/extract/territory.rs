//! Territories: one per "Projet Territorial de santé …" heading in regional
//! releases, or the département a single-territory document is about;
//! their declared counts, listed working groups, actions and axes, and the
//! checks between what is declared and what is listed.

use std::ops::Range;
use std::sync::LazyLock;

use crate::error::Warning;
use crate::model::{BlockKind, Count, Declared, DeclaredCount, Item, Period, Territory, TextValue};
use crate::normalize::{key, key_within, NormDoc};
use crate::segment::{territory_heading_name, BlockId, BlockTree, Node};

use super::pattern::Pattern;
use super::{counts, departements, items, span};

/// "PTSM 55", "CTSM 2A": a département code after the acronym.
pub(crate) static PTSM_CODE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::starting_with_rare_literal(r"\b(?:PTSM|CTSM)\s+(\d{2,3}|2A|2B)\b")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Which list of a territory an announcer opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    WorkingGroups,
    Actions,
    Axes,
}

impl ListKind {
    fn of(announcer: &str) -> Option<ListKind> {
        // Only a line ending with ":" needs its whole key; any other must
        // be one of the short keys below.
        let colon = announcer.trim_end().ends_with(':');
        let k = if colon {
            key(announcer)
        } else {
            key_within(announcer, "groupes de reflexion".len())?
        };
        match k.as_str() {
            "groupes de travail" | "groupes de reflexion" => Some(ListKind::WorkingGroups),
            "actions" | "fiches action" | "fiches actions" => Some(ListKind::Actions),
            "axes" | "axes strategiques" | "themes" | "objectifs" | "priorites" => {
                Some(ListKind::Axes)
            }
            // "Quatre thèmes clés ont émergé de cette collaboration :"
            _ if colon
                && (k.contains("themes") || k.contains("axes") || k.contains("priorites")) =>
            {
                Some(ListKind::Axes)
            }
            _ => None,
        }
    }
    fn slug(self) -> &'static str {
        match self {
            ListKind::WorkingGroups => "working_groups",
            ListKind::Actions => "actions",
            ListKind::Axes => "axes",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            ListKind::WorkingGroups => "working groups",
            ListKind::Actions => "actions",
            ListKind::Axes => "axes",
        }
    }
}

/// "Rouen – Elbeuf – Pays-de-Bray" → "rouen-elbeuf-pays-de-bray".
pub fn slug(name: &str) -> String {
    key(name).replace(' ', "-")
}

fn text_of<'a>(doc: &'a NormDoc, n: &Node) -> &'a str {
    doc.text.get(n.content.clone()).unwrap_or("")
}

pub fn extract(
    doc: &NormDoc,
    tree: &BlockTree,
    title: Option<&TextValue>,
    doc_periods: &[Period],
    doc_counts: &[DeclaredCount],
    warnings: &mut Vec<Warning>,
) -> Vec<Territory> {
    let headings: Vec<(&Node, &str)> = tree
        .roots
        .iter()
        .map(|&r| tree.get(r))
        .filter(|n| n.kind == BlockKind::Heading)
        .filter_map(|n| Some((n, territory_heading_name(text_of(doc, n))?)))
        .collect();
    if headings.is_empty() {
        return single(doc, tree, title, doc_periods, doc_counts, warnings)
            .into_iter()
            .collect();
    }
    let mut out = Vec::new();
    for (i, (node, name)) in headings.iter().enumerate() {
        let end = headings
            .get(i + 1)
            .map_or(doc.text.len(), |(n, _)| n.range.start);
        let section = node.range.start..end;
        let dept = departements::by_name(name);
        let normalized = match dept {
            Some((_, official)) => official.to_string(),
            None => departements::strip_preposition(name).to_string(),
        };
        let id = slug(&normalized);
        // Declared counts: the first paragraph of the section.
        let para = tree
            .starting_in(section.clone())
            .map(|(_, n)| n)
            .find(|n| n.kind == BlockKind::Paragraph);
        let declared = para
            .map(|p| declared(doc, p.range.clone()))
            .unwrap_or_default();
        let mut t = Territory {
            id: id.clone(),
            name: name.to_string(),
            normalized_name: normalized.clone(),
            key: key(&normalized),
            departement: dept.map(|(c, _)| c.to_string()),
            declared,
            axes: Vec::new(),
            working_groups: Vec::new(),
            actions: Vec::new(),
            periods: doc_periods
                .iter()
                .filter(|p| p.span.start >= section.start && p.span.start < section.end)
                .cloned()
                .collect(),
            span: span(doc, node.range.clone()),
        };
        fill_lists(doc, tree, &section, &mut t, warnings);
        check(&t, warnings);
        out.push(t);
    }
    out
}

/// Declared counts of groups and actions in a range, with their status.
fn declared(doc: &NormDoc, range: Range<usize>) -> Declared {
    let mut d = Declared::default();
    for c in counts::counts_in(doc, range) {
        let k = key(&c.what);
        if k.starts_with("groupes") && d.working_groups.is_none() {
            d.working_groups = Some(counts::as_count(doc, &c));
        } else if (k == "actions" || k.starts_with("fiches")) && d.actions.is_none() {
            d.actions = Some(counts::as_count(doc, &c));
        }
    }
    d
}

/// The list a node announces: its own child list (an item such as "•
/// Actions"), or the list right after it at top level (a heading).
fn announced_list(tree: &BlockTree, id: BlockId) -> Option<BlockId> {
    let n = tree.get(id);
    if let Some(&c) = n
        .children
        .iter()
        .find(|&&c| tree.get(c).kind == BlockKind::List)
    {
        return Some(c);
    }
    if n.parent.is_none() {
        let next = tree.next_root(id)?;
        return (tree.get(next).kind == BlockKind::List).then_some(next);
    }
    None
}

fn fill_lists(
    doc: &NormDoc,
    tree: &BlockTree,
    section: &Range<usize>,
    t: &mut Territory,
    warnings: &mut Vec<Warning>,
) {
    for (id, n) in tree.starting_in(section.clone()) {
        if n.kind == BlockKind::List {
            continue;
        }
        let Some(kind) = ListKind::of(text_of(doc, n)) else {
            continue;
        };
        let target = match kind {
            ListKind::WorkingGroups => &mut t.working_groups,
            ListKind::Actions => &mut t.actions,
            ListKind::Axes => &mut t.axes,
        };
        if !target.is_empty() {
            continue;
        }
        let Some(list) = announced_list(tree, id) else {
            warnings.push(
                Warning::new(
                    "empty_section",
                    format!(
                        "{}: “{}” announces {} but lists none",
                        t.normalized_name,
                        text_of(doc, n),
                        kind.noun()
                    ),
                )
                .at(n.range.clone()),
            );
            continue;
        };
        for (k, &c) in tree.get(list).children.iter().enumerate() {
            let child = tree.get(c);
            let item_id = format!("{}/{}/{}", t.id, kind.slug(), k + 1);
            if let Some(mut it) = items::item(doc, child, item_id) {
                // A nested marked list under an item holds its sub-items.
                if it.sub_items.is_empty() {
                    if let Some(sub) =
                        announced_list(tree, c).filter(|&s| tree.get(s).parent == Some(c))
                    {
                        for (m, &s) in tree.get(sub).children.iter().enumerate() {
                            if let Some(si) =
                                items::item(doc, tree.get(s), format!("{}/{}", it.id, m + 1))
                            {
                                it.sub_items.push(si);
                            }
                        }
                    }
                }
                target.push(it);
            }
        }
    }
}

/// Declared ≠ listed, and duplicates in one list.
fn check(t: &Territory, warnings: &mut Vec<Warning>) {
    for (kind, declared, listed) in [
        (
            ListKind::WorkingGroups,
            &t.declared.working_groups,
            &t.working_groups,
        ),
        (ListKind::Actions, &t.declared.actions, &t.actions),
    ] {
        duplicates(t, kind, listed, warnings);
        let (Some(d), false) = (declared, listed.is_empty()) else {
            continue;
        };
        mismatch(t, kind, d, listed, warnings);
    }
    duplicates(t, ListKind::Axes, &t.axes, warnings);
}

fn mismatch(
    t: &Territory,
    kind: ListKind,
    d: &Count,
    listed: &[Item],
    warnings: &mut Vec<Warning>,
) {
    let n = listed.len() as u32;
    if n == d.count {
        return;
    }
    let parents: Vec<&Item> = listed.iter().filter(|i| !i.sub_items.is_empty()).collect();
    let subs: usize = parents.iter().map(|i| i.sub_items.len()).sum();
    let with_subs = n as usize - parents.len() + subs;
    let detail = if !parents.is_empty() && with_subs == d.count as usize {
        format!(
            "; counting sub-items reconciles it: {n} − {} parents + {subs} sub-items ({}) = {with_subs}",
            parents.len(),
            parents.iter().map(|p| p.sub_items.len().to_string()).collect::<Vec<_>>().join(" + ")
        )
    } else if !parents.is_empty() {
        format!("; counting sub-items does not reconcile it either ({with_subs})")
    } else {
        "; no item has sub-items, so counting them cannot reconcile it".to_string()
    };
    warnings.push(
        Warning::new(
            "count_mismatch",
            format!(
                "{}: {} {} declared (“{}”), {n} listed{detail}",
                t.normalized_name,
                d.count,
                kind.noun(),
                d.text
            ),
        )
        .at(d.span.start..d.span.end),
    );
}

fn duplicates(t: &Territory, kind: ListKind, listed: &[Item], warnings: &mut Vec<Warning>) {
    for (i, it) in listed.iter().enumerate() {
        if let Some(first) = listed
            .iter()
            .take(i)
            .find(|o| o.key == it.key && !it.key.is_empty())
        {
            warnings.push(
                Warning::new(
                    "duplicate_item",
                    format!(
                        "{}: {} {} repeats {} (“{}”)",
                        t.normalized_name,
                        kind.noun(),
                        it.id,
                        first.id,
                        it.text
                    ),
                )
                .at(it.span.start..it.span.end),
            );
        }
    }
}

/// A document about one territory: the département in its title, or
/// "PTSM 55". `doc_counts`: `counts::counts_in` of the whole text.
fn single(
    doc: &NormDoc,
    tree: &BlockTree,
    title: Option<&TextValue>,
    doc_periods: &[Period],
    doc_counts: &[DeclaredCount],
    warnings: &mut Vec<Warning>,
) -> Option<Territory> {
    let from_title = title.and_then(|t| {
        let (code, name) = departements::find_in(&t.text)?;
        let lower = t.text.to_lowercase();
        let written = lower
            .find(&name.to_lowercase())
            .and_then(|p| t.text.get(p..p + name.len()).map(|w| (p, w)));
        let range = written.map_or(t.span.start..t.span.end, |(p, w)| {
            t.span.start + p..t.span.start + p + w.len()
        });
        Some((
            code,
            name,
            written.map_or(name, |(_, w)| w).to_string(),
            range,
        ))
    });
    let found = from_title.or_else(|| {
        let c = PTSM_CODE.captures(&doc.text)?;
        let m = c.get(0)?;
        let (code, name) = departements::by_code(c.get(1)?.as_str())?;
        Some((code, name, m.as_str().to_string(), m.range()))
    })?;
    let (code, official, written, range) = found;
    let id = slug(official);
    let all = 0..doc.text.len();
    let mut declared = Declared::default();
    if let Some(c) = doc_counts.iter().find(|c| key(&c.what) == "actions") {
        declared.actions = Some(counts::as_count(doc, c));
    }
    let mut t = Territory {
        id,
        name: written,
        normalized_name: official.to_string(),
        key: key(official),
        departement: Some(code.to_string()),
        declared,
        axes: Vec::new(),
        working_groups: Vec::new(),
        actions: Vec::new(),
        periods: doc_periods.to_vec(),
        span: span(doc, range),
    };
    fill_lists(doc, tree, &all, &mut t, warnings);
    check(&t, warnings);
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_dashes() {
        assert_eq!(
            slug("Rouen – Elbeuf – Pays-de-Bray"),
            "rouen-elbeuf-pays-de-bray"
        );
        assert_eq!(
            slug("Le Havre – Fécamp – Lillebonne"),
            "le-havre-fecamp-lillebonne"
        );
    }

    #[test]
    fn list_announcers_map_to_territory_lists() {
        assert_eq!(
            ListKind::of("Groupes de travail"),
            Some(ListKind::WorkingGroups)
        );
        assert_eq!(ListKind::of("Actions"), Some(ListKind::Actions));
        assert_eq!(
            ListKind::of("Quatre thèmes clés ont émergé de cette collaboration :"),
            Some(ListKind::Axes)
        );
        assert_eq!(ListKind::of("1 2 3 Enfant propose :"), None);
    }
}
