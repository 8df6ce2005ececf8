//! Web pages: structure from the DOM, page metadata, the contract, bad
//! HTML (unclosed tags, 100 MB of nested `div`s, a binary file named
//! `.html`, a wrong charset), a page saved with its `_files` folder, and
//! other formats refused by name.

use std::path::Path;

use ptsm::analyst::validate::validate_value;
use ptsm::model::{
    BlockKind, DateRole, DocKind, Document, IssuerEvidence, SourceFormat, WebContent,
};
use ptsm::IngestError;

use super::cli::{ptsm, scratch};

fn process(name: &str, html: &str) -> Document {
    ptsm::process_bytes(name, html.as_bytes(), &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

fn ingest_error(name: &str, bytes: &[u8]) -> IngestError {
    match ptsm::process_bytes(name, bytes, &ptsm::Options::default()) {
        Ok(_) => panic!("{name}: converted, an error was expected"),
        Err(e) => match e.source {
            ptsm::error::StageError::Ingest(i) => i,
            other => panic!("{name}: {other}"),
        },
    }
}

/// A page with everything the structure walk reads, inside an article with
/// furniture around it.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Le PTSM du Calvados adopté | ARS Normandie</title>
<meta property="og:site_name" content="ARS Normandie">
<meta property="article:published_time" content="2023-12-13T10:00:00+01:00">
<link rel="canonical" href="https://www.normandie.ars.sante.fr/le-ptsm-du-calvados">
</head>
<body>
<nav class="menu"><ul><li><a href="/">Accueil</a></li><li><a href="/orne">Le PTSM de l’Orne</a></li></ul></nav>
<main>
<article>
<h1>Le PTSM du Calvados adopté</h1>
<p>Le projet territorial de santé mentale du Calvados a été arrêté le 12 décembre 2023 par le directeur général de l’ARS. Il est le fruit de deux années de travail avec les acteurs du département, réunis en groupes de travail thématiques.</p>
<h2>Les axes du projet</h2>
<ol>
<li>Axe 1 : Prévenir et repérer tôt<ul><li>former les repéreurs</li><li>ouvrir une consultation jeunes</li></ul></li>
<li>Axe 2 : Organiser la crise</li>
</ol>
<p>Contact presse :<br>ARS Normandie<br>02 31 70 96 96</p>
<blockquote><p>« Un projet partagé », souligne la directrice.</p></blockquote>
<table>
<thead><tr><th>Groupe</th><th>Pilote</th></tr></thead>
<tbody><tr><td rowspan="2">Enfants</td><td>CH de Caen</td></tr><tr><td>EPSM</td></tr></tbody>
</table>
<pre>ligne 1
ligne 2</pre>
<p><a href="/media/1/download?inline">Télécharger le PTSM (PDF, 2 Mo)</a></p>
</article>
</main>
<footer><p>ARS Normandie – Caen</p><a href="/rapport-2022.pdf">Rapport 2022 (PDF)</a></footer>
</body>
</html>"#;

#[test]
fn blocks_come_from_the_elements() {
    let d = process(
        "https://www.normandie.ars.sante.fr/le-ptsm-du-calvados",
        PAGE,
    );
    assert_eq!(d.source.format, SourceFormat::Html);
    assert_eq!(
        d.source.path,
        "https://www.normandie.ars.sante.fr/le-ptsm-du-calvados"
    );
    let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [
            Title,
            Paragraph,
            Heading,
            List,
            Paragraph,
            Paragraph,
            Paragraph,
            Quote,
            Table,
            Preformatted,
            Preformatted,
            Paragraph
        ],
        "{:#?}",
        d.blocks
    );
    // The ordered list: labelled markers from the text, its nested list.
    let list = &d.blocks[3];
    assert_eq!(list.children[0].marker.as_deref(), Some("Axe 1 :"));
    assert_eq!(list.children[0].text, "Prévenir et repérer tôt");
    let sub = &list.children[0].children[0];
    assert_eq!(sub.kind, List);
    assert_eq!(sub.level, 2);
    let markers: Vec<_> = sub.children.iter().map(|i| i.marker.as_deref()).collect();
    assert_eq!(markers, [Some("◦"), Some("◦")]);
    assert!(
        list.path
            .as_deref()
            .is_some_and(|p| p.ends_with("article > ol")),
        "{:?}",
        list.path
    );
    // A br splits a paragraph into lines.
    assert_eq!(d.blocks[4].text, "Contact presse :");
    assert_eq!(d.blocks[5].text, "ARS Normandie");
    // The table's grid.
    let t = d.blocks[8].table.as_ref().expect("table");
    assert_eq!(t.columns, 2);
    assert!(t.regions.is_empty());
    assert!(t.rows[0].header);
    assert_eq!(t.rows[1].cells[0].rowspan, 2);
    assert_eq!(t.rows[2].cells[0].text, "EPSM");
    assert_eq!(t.rows[2].cells[0].col, 1);
    assert_eq!(t.rows[2].cells[0].page, None);
    // Furniture left out: the menu's Orne and the footer's Caen.
    assert!(
        !d.territories.iter().any(|t| t.id == "orne"),
        "{:?}",
        d.territories
    );
    // The lists read as in a text: axes with their actions.
    let axes = d
        .lists
        .iter()
        .find(|l| l.kind == ptsm::model::ListKind::Axes)
        .expect("axes");
    assert_eq!(axes.items.len(), 2);
    assert_eq!(axes.items[0].sub_items.len(), 2);
}

#[test]
fn page_metadata_goes_into_the_output() {
    let d = process(
        "https://www.normandie.ars.sante.fr/le-ptsm-du-calvados",
        PAGE,
    );
    let web = d.web.as_ref().expect("web");
    assert_eq!(web.lang.as_deref(), Some("fr"));
    assert_eq!(
        web.canonical_url.as_deref(),
        Some("https://www.normandie.ars.sante.fr/le-ptsm-du-calvados")
    );
    assert_eq!(web.site_name.as_deref(), Some("ARS Normandie"));
    assert_eq!(web.content, WebContent::Readability);
    // The attached PDF, resolved against the page's address; not the
    // footer's report.
    assert_eq!(web.attachments.len(), 1, "{:?}", web.attachments);
    assert_eq!(
        web.attachments[0].url,
        "https://www.normandie.ars.sante.fr/media/1/download?inline"
    );
    assert_eq!(web.attachments[0].format, "pdf");
    // The title without the site's name, on the title block.
    let title = d.title.as_ref().expect("title");
    assert_eq!(title.text, "Le PTSM du Calvados adopté");
    assert_eq!(title.span.line, 1);
    // The publication date of the markup, and the text's own dates.
    let date = d.date.as_ref().expect("date");
    assert_eq!(
        (date.value.as_str(), date.role),
        ("2023-12-13", DateRole::Publication)
    );
    assert!(d
        .dates
        .iter()
        .any(|m| m.value.as_deref() == Some("2023-12-12")));
    // The output validates.
    let v = serde_json::to_value(&d).expect("serialises");
    let errs = validate_value(&v).expect("schema");
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn a_site_without_stated_issuer_is_the_issuer() {
    let html = r#"<html><head><title>Semaine d'information sur la santé mentale</title>
        <meta property="og:site_name" content="Centre hospitalier de Thuir"></head>
        <body><article><h1>Semaine d'information sur la santé mentale</h1>
        <p>Du 10 au 23 octobre, des portes ouvertes et des débats sont organisés dans les services de psychiatrie adulte et de pédopsychiatrie, avec les usagers et leurs familles.</p></article></body></html>"#;
    let d = process("semaine.html", html);
    let issuer = d.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.evidence, IssuerEvidence::SiteName);
    assert_eq!(issuer.kind, ptsm::model::IssuerKind::Hospital);
    assert_eq!(issuer.span.line, 0);
}

#[test]
fn a_press_release_label_and_a_date_line_are_read() {
    let html = r#"<html><head><title>Signature du CTSM de la Manche</title></head><body>
        <div class="page"><div class="type">Communiqué de presse</div>
        <h1>Signature du CTSM de la Manche</h1>
        <div class="date-publication">Publié le 4 mars 2024</div>
        <div class="body"><p>Le contrat territorial de santé mentale de la Manche a été signé à Saint-Lô. Il engage l’ARS et ses partenaires sur vingt actions, dont la création d’une équipe mobile.</p></div></div></body></html>"#;
    let d = process("manche.html", html);
    assert_eq!(d.kind, DocKind::PressRelease);
    let date = d.date.as_ref().expect("date");
    assert_eq!(date.value, "2024-03-04");
    let web = d.web.as_ref().expect("web");
    let published = web.published.as_ref().expect("published");
    assert_eq!(published.value.as_deref(), Some("2024-03-04"));
    assert_eq!(published.from, ptsm::model::WebDateSource::Text);
}

#[test]
fn unclosed_tags_still_give_the_text() {
    let html = "<html><body><div><h2>Les actions<p>Première action<p>Seconde action<ul><li>un<li>deux</div><table><tr><td>a<td>b";
    let d = process("unclosed.html", html);
    let text: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(text.contains(&"Première action"), "{text:?}");
    let list = d
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::List)
        .expect("list");
    assert_eq!(list.children.len(), 2);
}

#[test]
fn a_hundred_megabytes_of_nested_divs_is_refused_quickly() {
    let deep = "<div>".repeat(20_000_000);
    assert_eq!(deep.len(), 100_000_000);
    // Refused by the scan, before any tree is built (the scan stops at the
    // 513th div); how fast is measured by the HTML benchmark, not here.
    let e = ingest_error("deep.html", deep.as_bytes());
    assert!(matches!(e, IngestError::Limit(_)), "{e}");
    // So are 100 MB of elements side by side.
    let wide = "<p>x</p>".repeat(12_500_000);
    assert!(matches!(
        ingest_error("wide.html", wide.as_bytes()),
        IngestError::Limit(_)
    ));
}

#[test]
fn nesting_under_the_limit_converts_on_a_small_stack() {
    // 500 nested divs, on a thread with the 2 MB default stack of tests.
    let html = format!(
        "<html><body>{}<p>Au fond du document, le texte du projet territorial de santé mentale.</p>{}</body></html>",
        "<div>".repeat(500),
        "</div>".repeat(500)
    );
    let d = process("nested.html", &html);
    assert!(d
        .blocks
        .iter()
        .any(|b| b.text.contains("Au fond du document")));
}

#[test]
fn a_binary_file_named_html_is_an_error() {
    let mut bytes = b"<html><body>".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7919 % 256) as u8));
    let e = ingest_error("image.html", &bytes);
    assert!(matches!(e, IngestError::Encoding(_)), "{e}");
    assert!(e.to_string().contains("binary"), "{e}");
}

#[test]
fn a_wrong_charset_is_overruled_with_a_warning() {
    let mut bytes = b"<html><head><meta charset=\"utf-8\"><title>Sant\xE9</title></head><body><p>Le projet territorial de sant\xE9 mentale de l'Eure est sign\xE9.</p></body></html>".to_vec();
    let d = ptsm::process_bytes("latin.html", &bytes, &ptsm::Options::default())
        .expect("converts")
        .document;
    assert_eq!(d.source.encoding.as_deref(), Some("windows-1252"));
    assert!(d.blocks.iter().any(|b| b.text.contains("santé mentale")));
    assert!(d.warnings.iter().any(|w| w.code == "charset_mismatch"));
    // The other way round: UTF-8 declared as Latin-1.
    bytes =
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Santé mentale</p></body></html>"
            .as_bytes()
            .to_vec();
    let d = ptsm::process_bytes("utf8.html", &bytes, &ptsm::Options::default())
        .expect("converts")
        .document;
    assert!(d.blocks.iter().any(|b| b.text == "Santé mentale"));
}

#[test]
fn a_page_saved_with_its_files_converts_once() {
    let d = scratch("saved-page");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("Communiqué_files")).unwrap();
    std::fs::write(input.join("Communiqué.html"), PAGE).unwrap();
    // What a browser saves beside the page: frames as pages, styles, images.
    std::fs::write(
        input.join("Communiqué_files/cookie-frame.html"),
        "<html><body><p>Acceptez-vous les cookies du PTSM de l’Orne ?</p></body></html>",
    )
    .unwrap();
    std::fs::write(input.join("Communiqué_files/style.css"), "p { color: red }").unwrap();
    std::fs::write(
        input.join("Communiqué_files/logo.png"),
        b"\x89PNG\r\n\x1a\n",
    )
    .unwrap();
    let out = d.join("out");
    let o = ptsm(&[
        "extract",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(out.join("Communiqué.html.json").is_file());
    assert!(!out.join("Communiqué_files").exists());
    assert!(
        stderr.contains("skipped 1 entry") && stderr.contains("saved page"),
        "{stderr}"
    );
}

#[test]
fn other_formats_are_refused_by_name() {
    let d = scratch("unsupported");
    let docx = d.join("contrat.docx");
    std::fs::write(
        &docx,
        b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml",
    )
    .unwrap();
    let png = d.join("scan.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    for (f, what) in [(&docx, "DOCX"), (&png, "PNG")] {
        let o = ptsm(&["extract", f.to_str().unwrap(), "--stdout"]);
        assert_eq!(o.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains(&format!("unsupported format: {what}")),
            "{stderr}"
        );
    }
    // In a folder: skipped and counted, the run goes on.
    std::fs::write(
        d.join("note.txt"),
        "Le PTSM du Cher compte 5 groupes de travail.",
    )
    .unwrap();
    let out = d.join("out");
    let o = ptsm(&["extract", d.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 unsupported format (1 .docx, 1 .png)"),
        "{stderr}"
    );
}

#[test]
fn the_crates_own_cases_read_through_the_cli() {
    // `ptsm text` prints the reader view's text; no HTML is left in it.
    let d = scratch("html-text");
    let f = d.join("page.html");
    std::fs::write(&f, PAGE).unwrap();
    let o = ptsm(&["text", f.to_str().unwrap()]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("Le PTSM du Calvados adopté\n"), "{text}");
    assert!(
        text.contains("\n1. Axe 1 : Prévenir") || text.contains("\nAxe 1 : Prévenir"),
        "{text}"
    );
    assert!(!text.contains('<') && !text.contains("Accueil"), "{text}");
    let _ = Path::new(&f);
}
