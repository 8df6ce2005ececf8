//! Document-level facts: title, kind (genre), subject and region.

use crate::model::{BlockKind, DocKind, SourceFormat, Subject, TextValue};
use crate::normalize::{key, NormDoc};
use crate::segment::BlockTree;

use super::gazetteer::{self, Place};
use super::span;
use super::tokens::Tokens;

pub fn title(doc: &NormDoc, tree: &BlockTree) -> Option<TextValue> {
    let node = tree.iter().find(|(_, n)| n.kind == BlockKind::Title)?.1;
    Some(TextValue {
        text: doc.text.get(node.content.clone())?.to_string(),
        span: span(doc, node.range.clone()),
    })
}

/// The keys of the first `n` lines.
fn head_keys(doc: &NormDoc, n: usize) -> Vec<String> {
    doc.lines
        .iter()
        .take(n)
        .filter_map(|l| doc.text.get(l.range.clone()))
        .map(key)
        .collect()
}

/// The key of every line of a document, computed once for the extractors
/// that look for words on whole lines.
pub fn line_keys(doc: &NormDoc, t: &Tokens) -> Vec<String> {
    // A line's key is its words' keys joined by spaces: what `key` gives
    // for the line, from the keys the tokens already hold.
    let mut out = Vec::with_capacity(doc.lines.len());
    let mut i = 0;
    for _ in &doc.lines {
        let end = t.line_end(i);
        // Sized first: grown from nothing, a key holds up to twice its
        // length (a key a line, held while the issuer is read).
        let words = (i..end).filter(|&q| t.is_word(q));
        let len = words.map(|q| t.key(q).len() + 1).sum::<usize>();
        let mut k = String::with_capacity(len.saturating_sub(1));
        for q in i..end {
            if t.is_word(q) {
                if !k.is_empty() {
                    k.push(' ');
                }
                k.push_str(t.key(q));
            }
        }
        out.push(k);
        i = end + 1;
    }
    out
}

/// The genre of a document, from its own signals: a release says
/// "Communiqué de presse" or gives a press contact; an article has a
/// newspaper's name, a byline, a publication time or a photo credit; an
/// action sheet is made of labelled fields; a PDF extract has a table of
/// contents, page furniture, a cover's version line; an institution's news
/// says "Actualités" or is its newsletter; anything else on the web is a
/// web page. `keys` are the keys of the document's lines.
pub fn kind(doc: &NormDoc, keys: &[String], format: SourceFormat, press_issuer: bool) -> DocKind {
    #[derive(Default)]
    struct Signals {
        fields: usize,
        fiches: usize,
        press_release: bool,
        news: bool,
        pdf: bool,
        institutional: bool,
        web: bool,
        published: bool,
        republished: bool,
    }
    let mut s = Signals::default();
    for (n, (line, k)) in doc.lines.iter().zip(keys).enumerate() {
        let l = doc.text.get(line.range.clone()).unwrap_or("");
        let head = n < 12;
        // Past the first lines only the signs that may be anywhere are
        // looked for (fields, fiches, press contacts, tables of contents,
        // page furniture): the others are cheap there too but would only
        // find what the top already told.
        if n >= 40 {
            if l.contains(':') && s.fields < 4 {
                let label = key(l.split(':').next().unwrap_or(""));
                if matches!(
                    label.as_str(),
                    "porteur"
                        | "financeur s"
                        | "financeurs"
                        | "public s vise s"
                        | "public vise"
                        | "territoire s"
                        | "theme s"
                        | "annee"
                        | "cadre de l action"
                        | "lien avec le ptsm"
                ) {
                    s.fields += 1;
                }
            }
            if k.starts_with("fiche action n") || k.starts_with("fa n") {
                s.fiches += 1;
            }
            if k.starts_with("contact presse") || k.starts_with("contacts presse") {
                s.press_release = true;
            }
            continue;
        }
        // Action sheet: labelled fields of a single action.
        if l.contains(':') {
            let label = key(l.split(':').next().unwrap_or(""));
            if matches!(
                label.as_str(),
                "porteur"
                    | "financeur s"
                    | "financeurs"
                    | "public s vise s"
                    | "public vise"
                    | "territoire s"
                    | "theme s"
                    | "thematiques"
                    | "annee"
                    | "annee de demarrage"
                    | "cadre de l action"
                    | "lien avec le ptsm"
                    | "adresse"
                    | "duree"
            ) {
                s.fields += 1;
            }
        }
        if k.starts_with("fiche action n") || k.starts_with("fa n") {
            s.fiches += 1;
        }
        if head && (k.starts_with("oscars")) {
            s.fields += 4;
        }
        if (head && (k.contains("communique de presse") || k.contains("dossier de presse")))
            || k.starts_with("contact presse")
            || k.starts_with("contacts presse")
        {
            s.press_release = true;
        }
        // News: a byline, a publication time, a view counter, a photo
        // credit, an aggregator line.
        if (k.contains("publie le")
            && k.contains(" a ")
            && l.chars().any(|c| c.is_ascii_digit())
            && (l.contains('h') || l.contains(':')))
            || l.starts_with("Par ")
            || l.contains("| Par ")
            || k.contains("first appeared on")
            || l.contains("| Lu ")
            || (l.trim_start().starts_with('©') && l.len() < 80)
            || l.contains("@pixabay")
            || l.starts_with("Hier,")
        {
            s.news = true;
        }
        if k == "sommaire"
            || k.starts_with("table des matieres")
            || k == "transcript"
            || k.contains("continuer a lire")
            || k.starts_with("page 1 ")
            || k.starts_with("upload")
            || l.contains(".....")
            || l.contains("……")
            || (k.contains(" page ") && l.contains(" / "))
            || k.starts_with("document valide")
            || k.starts_with("adopte en")
            || k.starts_with("compte rendu")
            || k.contains("document de travail")
            || k.starts_with("version ")
            || l.starts_with('|')
            || l.contains("          ")
        {
            s.pdf = true;
        }
        if k == "actualite"
            || k == "actualites"
            || k.ends_with(" actualites")
            || k.starts_with("la lettre")
            || k.starts_with("edito")
            || k.contains("veille")
            || (n < 2
                && (k.starts_with("centre hospitalier")
                    || k.starts_with("dac ")
                    || k.starts_with("maison des")))
        {
            s.institutional = true;
        }
        if l.contains(" > ")
            || l.contains(" › ")
            || k == "article"
            || k.starts_with("accueil")
            || l.matches('|').count() >= 2
            || k.starts_with("mis a jour")
        {
            s.web = true;
        }
        if k.starts_with("publie le") {
            s.published = true;
        }
        if head && republication(k) {
            s.republished = true;
        }
    }
    if s.fields >= 4 && s.fiches <= 1 {
        return DocKind::ActionSheet;
    }
    // A site that reproduces a release says so ("X nous ont transmis le
    // communiqué suivant"): a news item, whatever press contact the
    // release carries.
    if s.republished {
        return DocKind::NewsArticle;
    }
    if s.press_release {
        return DocKind::PressRelease;
    }
    if press_issuer || s.news {
        return DocKind::NewsArticle;
    }
    // Text cut into lines of a page's width, as pdftotext gives it: the
    // normalizer joined three or more of its first lines to the one before
    // (web pages and news keep a paragraph on one line).
    // (Only a piece of a page's width counts: a bare "-" bullet joined to
    // its item is no wrap.)
    let wrapped = doc
        .lines
        .iter()
        .take(60)
        .map(|l| {
            let pieces = doc.origins.get(l.origins.clone()).unwrap_or(&[]);
            pieces
                .iter()
                .take(pieces.len().saturating_sub(1))
                .filter(|o| o.range.len() >= 50)
                .count()
        })
        .sum::<usize>()
        >= 3;
    if format == SourceFormat::Pdf || s.pdf || wrapped {
        return DocKind::PdfExtract;
    }
    if s.institutional {
        return DocKind::InstitutionalNews;
    }
    if s.web || format != SourceFormat::Pdf {
        // A hospital's or a coordination's page dating its items reads as
        // institutional news.
        if s.published {
            return DocKind::InstitutionalNews;
        }
        return DocKind::WebPage;
    }
    DocKind::Unknown
}

/// Whether a line (its key) says the page reproduces someone else's
/// release: "… nous ont transmis le communiqué suivant", "communiqué
/// transmis par …", "nous a fait parvenir".
fn republication(k: &str) -> bool {
    k.contains("nous ont transmis")
        || k.contains("nous a transmis")
        || k.contains("nous ont fait parvenir")
        || k.contains("nous a fait parvenir")
        || k.contains("communique suivant")
        || k.contains("communique transmis par")
}

/// What the document is about, from its title and first lines.
pub fn subject(doc: &NormDoc, title: Option<&TextValue>) -> Option<Subject> {
    let mut keys = head_keys(doc, 4);
    if let Some(t) = title {
        keys.insert(0, key(&t.text));
    }
    let k = keys.join(" ");
    Some(
        if k.contains("compte rendu")
            || k.contains("releve de decisions")
            || k.contains("proces verbal")
        {
            Subject::Minutes
        } else if k.contains("bilan") || k.contains("rapport d activite") {
            Subject::Report
        } else if k.contains("fiche action") || k.starts_with("oscars") {
            Subject::Action
        } else if k.contains("feuille de route") {
            Subject::Roadmap
        } else if k.contains("diagnostic") {
            Subject::Diagnostic
        } else if k.contains("contrat territorial") || k.contains("ctsm") {
            Subject::Ctsm
        } else if k.contains("projet territorial")
            || k.contains("projets territoriaux")
            || k.contains("ptsm")
        {
            Subject::Ptsm
        } else {
            return None;
        },
    )
}

/// The region a document is about: its issuer's, else the region it
/// names, else that of the départements it is about.
pub fn region(t: &Tokens, issuer_region: Option<&str>, about_codes: &[String]) -> Option<String> {
    region_with(issuer_region, || named_region(t), about_codes)
}

/// The first region the text names, with a capital ("Grand Est", "ARS
/// Normandie"): `Some(None)` when it names one that the gazetteer does not
/// give a name for, `None` when it names none. It reads the whole text of
/// a document that names none: a long document reads it on the pool, at
/// once with the other extractors (see [`region_with`]).
pub fn named_region(t: &Tokens) -> Option<Option<String>> {
    for i in 0..t.len() {
        if let Some((_, Place::Region(code, false))) = gazetteer::place_at(t, i) {
            if t.get(i).is_some_and(|x| x.cap || x.upper) && !t.hyphen_before(i) {
                return Some(gazetteer::region(code).map(|r| r.name.to_string()));
            }
        }
        if let Some((name, _, _)) = super::issuer::ars_at(t, i) {
            return Some(Some(name.trim_start_matches("ARS ").to_string()));
        }
    }
    None
}

/// [`region`], with the text's [`named_region`] given by `named` (read
/// only when the issuer has no region).
pub fn region_with(
    issuer_region: Option<&str>,
    named: impl FnOnce() -> Option<Option<String>>,
    about_codes: &[String],
) -> Option<String> {
    if let Some(r) = issuer_region {
        return Some(r.to_string());
    }
    if let Some(r) = named() {
        return r;
    }
    let regions: Vec<&str> = about_codes
        .iter()
        .filter_map(|c| gazetteer::by_code(c))
        .map(|d| d.region)
        .collect();
    match regions.as_slice() {
        [first, rest @ ..] if rest.iter().all(|r| r == first) => {
            gazetteer::region(first).map(|r| r.name.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str) -> DocKind {
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        let keys = line_keys(&doc, &t);
        kind(&doc, &keys, SourceFormat::Text, false)
    }

    /// Text cut at a page's width is a PDF's text; a page with one
    /// paragraph a line, or bare bullets over their items, is not.
    #[test]
    fn text_wrapped_at_a_pages_width_is_a_pdf_extract() {
        let line = "La mise en œuvre du projet territorial de santé mentale repose sur";
        let wrapped = format!(
            "PTSM du Jura 2020-2025\n\n{line}\ntrois niveaux d’instances dont la composition a été arrêtée par le\ncomité de pilotage lors de sa séance inaugurale, et qui se réunissent\nrégulièrement pour suivre les actions engagées sur chacun des territoires\nde proximité du département.\n"
        );
        assert_eq!(kind_of(&wrapped), DocKind::PdfExtract);
        let paragraphs = format!(
            "PTSM du Jura 2020-2025\n\n{line} trois niveaux d’instances.\n\nLe comité de pilotage se réunit deux fois par an.\n"
        );
        assert_ne!(kind_of(&paragraphs), DocKind::PdfExtract);
        let bullets = "Le PTSM en objectifs\n-\nRepérage précoce des troubles et accès facilité aux soins.\n-\nParcours de santé coordonnés, sans rupture, jusqu’au rétablissement.\n-\nInnovation dans les organisations et les pratiques professionnelles.\n-\nPrévention et promotion de la santé mentale dans tous les milieux de vie.\n";
        assert_ne!(kind_of(bullets), DocKind::PdfExtract);
    }

    /// A site that reproduces a release is a news item, the release's
    /// press contact notwithstanding.
    #[test]
    fn a_republished_release_is_news() {
        let text = "Accueil » Actualités\n\nLe CTSM du Jura signé\n\n[Communiqué] La Préfecture du Jura et l’ARS nous ont transmis le communiqué suivant.\n\nLe contrat a été signé.\n\nContact presse : 03 53 01 22 40\n";
        assert_eq!(kind_of(text), DocKind::NewsArticle);
        let release = "COMMUNIQUÉ DE PRESSE\n\nLe CTSM du Jura signé\n\nLe contrat a été signé.\n\nContact presse : 03 53 01 22 40\n";
        assert_eq!(kind_of(release), DocKind::PressRelease);
    }
}
