//! Document-level facts: kind, title, issuer and region.

use std::sync::LazyLock;

use crate::model::{BlockKind, DocKind, Issuer, TextValue};
use crate::normalize::{key, NormDoc};
use crate::segment::BlockTree;

use super::pattern::Pattern;
use super::span;

/// The 18 regions that have an ARS, with the spellings found in texts.
/// `(canonical name, patterns)`.
pub const REGIONS: &[(&str, &[&str])] = &[
    ("Auvergne-Rhône-Alpes", &["auvergne rhone alpes", "ara"]),
    (
        "Bourgogne-Franche-Comté",
        &["bourgogne franche comte", "bfc"],
    ),
    ("Bretagne", &["bretagne"]),
    ("Centre-Val de Loire", &["centre val de loire", "cvl"]),
    ("Corse", &["corse"]),
    ("Grand Est", &["grand est", "grandest"]),
    ("Hauts-de-France", &["hauts de france", "hdf"]),
    ("Île-de-France", &["ile de france", "idf"]),
    ("Normandie", &["normandie"]),
    ("Nouvelle-Aquitaine", &["nouvelle aquitaine", "na"]),
    ("Occitanie", &["occitanie"]),
    ("Pays de la Loire", &["pays de la loire", "pdl"]),
    (
        "Provence-Alpes-Côte d’Azur",
        &["provence alpes cote d azur", "paca"],
    ),
    ("Guadeloupe", &["guadeloupe"]),
    ("Guyane", &["guyane"]),
    ("Martinique", &["martinique"]),
    ("Mayotte", &["mayotte"]),
    ("La Réunion", &["la reunion", "reunion", "ocean indien"]),
];

pub(crate) static ARS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::starting_with_rare_literal(r"\b(?:ARS|Agence [Rr]égionale de [Ss]anté)[\s-]+([\p{Lu}][\p{L}’'-]*(?:[\s-]+(?:de|la|d’|[\p{Lu}][\p{L}’'-]*)){0,4})")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// The region a text names right after "ARS": "Grand Est : …" → "Grand Est".
pub fn region_of(after_ars: &str) -> Option<&'static str> {
    let k = format!("{} ", key(after_ars));
    REGIONS
        .iter()
        .flat_map(|(name, pats)| pats.iter().map(move |p| (*name, *p)))
        .filter(|(_, p)| k.starts_with(&format!("{p} ")))
        .max_by_key(|(_, p)| p.len())
        .map(|(n, _)| n)
}

/// The issuer: the first ARS named with a region.
pub fn issuer(doc: &NormDoc) -> Option<Issuer> {
    ARS.captures_iter(&doc.text).find_map(|c| {
        let whole = c.get(0)?;
        let region = region_of(c.get(1)?.as_str())?;
        Some(Issuer {
            name: format!("ARS {region}"),
            region: Some(region.to_string()),
            span: span(
                doc,
                whole.start()..c.get(1)?.start() + region_len(c.get(1)?.as_str(), region),
            ),
        })
    })
}

/// Byte length of the region as written at the start of `s` (same number
/// of words as the canonical name).
fn region_len(s: &str, region: &str) -> usize {
    let words = region.split([' ', '-']).count();
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if c == ' ' || c == '-' {
            seen += 1;
            if seen == words {
                return i;
            }
        }
    }
    s.len()
}

pub fn title(doc: &NormDoc, tree: &BlockTree) -> Option<TextValue> {
    let node = tree.iter().find(|(_, n)| n.kind == BlockKind::Title)?.1;
    Some(TextValue {
        text: doc.text.get(node.content.clone())?.to_string(),
        span: span(doc, node.range.clone()),
    })
}

/// Press releases say so; otherwise the title names the document type.
pub fn kind(doc: &NormDoc, title: Option<&TextValue>) -> DocKind {
    let head: String = doc
        .lines
        .iter()
        .take(10)
        .filter_map(|l| doc.text.get(l.range.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    let k = key(&head);
    if k.contains("communique de presse") || k.contains("dossier de presse") {
        return DocKind::PressRelease;
    }
    let t = title.map(|t| key(&t.text)).unwrap_or(k);
    if t.contains("feuille de route") {
        DocKind::Roadmap
    } else if t.contains("contrat territorial de sante mentale") || t.contains("ctsm") {
        DocKind::Ctsm
    } else if t.contains("projet territorial de sante mentale") || t.contains("ptsm") {
        DocKind::Ptsm
    } else {
        DocKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_18_regions_are_known() {
        assert_eq!(REGIONS.len(), 18);
        assert_eq!(region_of("Grand Est : ars-grandest"), Some("Grand Est"));
        assert_eq!(region_of("Normandie a présenté"), Some("Normandie"));
        assert_eq!(region_of("Île-de-France"), Some("Île-de-France"));
        assert_eq!(region_of("Pays de la Loire"), Some("Pays de la Loire"));
        assert_eq!(region_of("Nord"), None);
    }

    #[test]
    fn region_length_as_written() {
        assert_eq!(region_len("Grand Est : x", "Grand Est"), "Grand Est".len());
        assert_eq!(region_len("Normandie", "Normandie"), "Normandie".len());
    }
}
