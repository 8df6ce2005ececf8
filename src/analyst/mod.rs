//! Features for analysts, on top of the extraction: theme tags and
//! acronyms ([`enrich`]), flat tables ([`export`]), the territory × theme
//! matrix ([`stats`]), schema validation ([`validate`]), and comparison of
//! outputs ([`diff`], [`check`]).
//!
//! Everything here reads or post-processes [`model::Document`] values; none
//! of it feeds back into the extraction stages.

pub mod check;
pub mod diff;
pub mod export;
pub mod fiches;
pub mod load;
pub mod stats;
#[cfg(feature = "tables")]
pub mod typed;
pub mod validate;

#[cfg(test)]
pub(crate) mod testdoc;

use crate::extract::acronyms::{self, Glossary};
use crate::extract::themes::{TagScratch, Taxonomy};
use crate::model::{self, Item};
use crate::normalize::NormDoc;

/// Post-pass after extraction: fills every item's (sub-item's, axis's)
/// `themes` from `data/themes.json` and the document's `acronyms` from the
/// text and `data/acronyms.json`.
pub fn enrich(doc: &mut model::Document, norm: &NormDoc) {
    enrich_with(doc, norm, Taxonomy::builtin(), Glossary::builtin());
}

/// [`enrich`] with an explicit taxonomy and glossary.
pub fn enrich_with(
    doc: &mut model::Document,
    norm: &NormDoc,
    taxonomy: &Taxonomy,
    glossary: &Glossary,
) {
    // The acronyms read the text alone: found on the pool while the items
    // are tagged, for a long text.
    let (lists, territories) = (&mut doc.lists, &mut doc.territories);
    let ((), found) = crate::par::join(
        norm.text.len() >= crate::par::MIN_TEXT,
        || {
            let mut scratch = TagScratch::default();
            for l in lists.iter_mut() {
                for item in l.items.iter_mut() {
                    tag_item(item, taxonomy, &mut scratch);
                }
            }
            // The lists' items are tagged; a territory's items are copies of
            // them (same key), which take their tags instead of being tagged
            // again. The first item of a key gives its tags; the map borrows
            // keys and tags from the lists (no copy of either per item).
            let mut tags: rustc_hash::FxHashMap<&str, &[model::ThemeTag]> =
                rustc_hash::FxHashMap::default();
            for l in lists.iter() {
                for item in &l.items {
                    remember(item, &mut tags);
                }
            }
            for t in territories.iter_mut() {
                for list in [&mut t.axes, &mut t.working_groups, &mut t.actions] {
                    for item in list.iter_mut() {
                        copy_or_tag(item, &tags, taxonomy, &mut scratch);
                    }
                }
            }
        },
        || acronyms::acronyms(norm, glossary),
    );
    doc.acronyms = found;
}

fn remember<'a>(item: &'a Item, tags: &mut rustc_hash::FxHashMap<&'a str, &'a [model::ThemeTag]>) {
    tags.entry(item.key.as_str())
        .or_insert(item.themes.as_slice());
    for s in &item.sub_items {
        remember(s, tags);
    }
}

fn copy_or_tag(
    item: &mut Item,
    tags: &rustc_hash::FxHashMap<&str, &[model::ThemeTag]>,
    taxonomy: &Taxonomy,
    scratch: &mut TagScratch,
) {
    // Notes count in the tags too: only an item with the same key and
    // notes is a copy; others are tagged.
    match tags.get(item.key.as_str()) {
        Some(t) => item.themes = t.to_vec(),
        None => {
            let texts =
                std::iter::once(item.text.as_str()).chain(item.notes.iter().map(String::as_str));
            item.themes = taxonomy.tag_with(texts, scratch);
        }
    }
    for s in &mut item.sub_items {
        copy_or_tag(s, tags, taxonomy, scratch);
    }
}

fn tag_item(item: &mut Item, taxonomy: &Taxonomy, scratch: &mut TagScratch) {
    let texts = std::iter::once(item.text.as_str()).chain(item.notes.iter().map(String::as_str));
    item.themes = taxonomy.tag_with(texts, scratch);
    for sub in &mut item.sub_items {
        tag_item(sub, taxonomy, scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyst::testdoc::{item, sample_document};

    #[test]
    fn enrich_tags_axes_items_and_sub_items_and_fills_acronyms() {
        let mut doc = sample_document();
        for t in &mut doc.territories {
            for i in t.working_groups.iter_mut().chain(&mut t.actions) {
                i.themes.clear();
            }
        }
        doc.territories[0]
            .axes
            .push(item("orne/axes/1", "Accès au logement", &[]));
        doc.territories[0].actions[1].sub_items[0].text = "Volet psychiatrique du SAS".into();
        let norm = NormDoc {
            text: "Le GEM et la Maison Des Adolescents (MDA).".into(),
            ..Default::default()
        };
        enrich(&mut doc, &norm);
        let orne = &doc.territories[0];
        assert_eq!(orne.axes[0].themes[0].id, "logement");
        assert_eq!(orne.working_groups[0].themes[0].id, "perinatalite");
        let sub = &orne.actions[1].sub_items[0];
        assert!(
            sub.themes.iter().any(|t| t.id == "urgences-crise"),
            "{sub:?}"
        );
        let acr: Vec<(&str, Option<&str>)> = doc
            .acronyms
            .iter()
            .map(|a| (a.acronym.as_str(), a.expansion.as_deref()))
            .collect();
        assert_eq!(
            acr,
            vec![
                ("GEM", Some("Groupe d'entraide mutuelle")),
                ("MDA", Some("Maison Des Adolescents"))
            ]
        );
        assert_eq!(doc.acronyms[1].span.start, 37);
    }
}
