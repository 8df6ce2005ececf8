//! Fiches-action as records (`src/extract/fiches.rs`): every fiche of the
//! test documents, in every rendering, with every field exactly as its
//! source writes it (`tests/data/ptsm-docs/fiches-expected.json`, made by
//! `scripts/testdocs/fiches-expected.py` from the generator's content), and
//! the fiches and action sheets of the development set (`../shared/realworld`,
//! skipped visibly when absent).

use std::path::{Path, PathBuf};

use ptsm::model::{ActorKind, Document, Fiche, FicheLayout};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn process(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ptsm::process_bytes(&path.to_string_lossy(), &bytes, &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .document
}

fn expected(set: &str) -> Vec<Value> {
    let path = root().join("tests/data/ptsm-docs/fiches-expected.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("expected fiches"))
        .expect("JSON");
    v[set].as_array().expect("array").clone()
}

fn realworld(prefix: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/realworld/texts");
    let found = std::fs::read_dir(&dir).ok().and_then(|rd| {
        rd.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{prefix}_")))
        })
    });
    if found.is_none() {
        println!("skipped: {}/{prefix}_*.txt is absent", dir.display());
    }
    found
}

/// "a) organiser … ;" → "organiser …": the items of a list value.
fn items(value: &str) -> Vec<String> {
    value
        .split(" ; ")
        .map(|s| {
            let s = s.trim().trim_end_matches(';').trim();
            let b = s.as_bytes();
            if b.len() > 3 && b[1] == b')' && b[2] == b' ' {
                s[3..].to_string()
            } else {
                s.to_string()
            }
        })
        .collect()
}

/// Compares one fiche with its source, field by field, and checks that
/// each field is also in its typed place. Returns the number of fields.
fn check_fiche(name: &str, f: &Fiche, want: &Value, paged: bool) -> usize {
    let ctx = format!("{name}: fiche {:?}", f.number);
    assert_eq!(f.number.as_deref(), want["number"].as_str(), "{ctx}");
    assert_eq!(
        f.title.as_ref().map(|t| t.text.as_str()),
        want["title"].as_str(),
        "{ctx}"
    );
    let fields: Vec<(String, String)> = want["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap_or_default().to_string(),
                p[1].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let got: Vec<(String, String)> = f
        .fields
        .iter()
        .map(|x| (x.label.text.clone(), x.value.text.clone()))
        .collect();
    assert_eq!(got, fields, "{ctx}");
    assert!(f.fields.iter().all(|x| x.field.is_some()), "{ctx}");
    for (label, value) in &fields {
        let text = |t: &Option<ptsm::model::TextValue>| t.as_ref().map(|t| t.text.clone());
        match label.as_str() {
            "Axe" => assert_eq!(text(&f.axis).as_ref(), Some(value), "{ctx}"),
            "Priorité du décret n° 2017-1200" => {
                assert_eq!(text(&f.priority).as_ref(), Some(value), "{ctx}");
                let want: Vec<u32> = value
                    .match_indices('°')
                    .filter_map(|(i, _)| value[..i].chars().last()?.to_digit(10))
                    .collect();
                assert_eq!(f.priorities, want, "{ctx}");
            }
            "Objectif général" => {
                assert_eq!(text(&f.general_objective).as_ref(), Some(value), "{ctx}")
            }
            "Objectifs opérationnels" => {
                let got: Vec<String> = f
                    .operational_objectives
                    .iter()
                    .map(|t| t.text.clone())
                    .collect();
                assert_eq!(got, items(value), "{ctx}");
            }
            "Description" => assert_eq!(text(&f.description).as_ref(), Some(value), "{ctx}"),
            "Public cible" | "Public" => {
                assert_eq!(text(&f.target_public).as_ref(), Some(value), "{ctx}")
            }
            "Territoire" => assert_eq!(text(&f.territory).as_ref(), Some(value), "{ctx}"),
            "Indicateurs" => {
                let got: Vec<String> = f.indicators.iter().map(|t| t.text.clone()).collect();
                assert_eq!(got, items(value), "{ctx}");
            }
            "Calendrier" => {
                let got: Vec<String> = f.calendar.iter().map(|c| c.text.clone()).collect();
                assert_eq!(got.join(" ; "), *value, "{ctx}");
                assert!(f.calendar.iter().all(|c| c.start.is_some()), "{ctx}");
            }
            "Pilote(s)" => {
                assert!(!f.pilots.is_empty(), "{ctx}");
                assert!(f.pilots.iter().all(|p| value.contains(&p.name)), "{ctx}");
            }
            "Partenaires" => {
                assert!(!f.partners.is_empty(), "{ctx}");
                assert!(f.partners.iter().all(|p| value.contains(&p.name)), "{ctx}");
            }
            "Budget / financement" | "Financement" => {
                let euros = value.contains('€') || value.contains("euros");
                assert_eq!(!f.budget.is_empty(), euros, "{ctx}");
                assert!(f.budget.iter().all(|b| value.contains(&b.text)), "{ctx}");
            }
            "Contact" => {
                let c = f.contact.as_ref().expect("contact");
                assert_eq!(&c.text, value, "{ctx}");
                assert!(!c.emails.is_empty() || !c.phones.is_empty(), "{ctx}");
            }
            other => panic!("{ctx}: label {other} has no check"),
        }
    }
    // Provenance: every value has its line, and its page in a PDF.
    for x in &f.fields {
        assert!(x.value.span.line > 0 && x.value.span.end > x.value.span.start);
        assert_eq!(x.value.span.page.is_some(), paged, "{ctx}");
    }
    fields.len()
}

#[test]
fn every_fiche_of_the_allier_plan_in_every_rendering() {
    let want = expected("allier");
    assert_eq!(want.len(), 16);
    for name in [
        "ptsm-allier-libreoffice",
        "ptsm-allier-actions-latex",
        "ptsm-allier-actions-chromium",
    ] {
        let doc = process(&root().join(format!("tests/data/ptsm-docs/{name}.pdf")));
        assert_eq!(doc.fiches.len(), want.len(), "{name}");
        let mut n = 0;
        for (f, w) in doc.fiches.iter().zip(&want) {
            assert_eq!(f.layout, FicheLayout::Table, "{name}");
            // The recap table lists it: one action, one id.
            assert!(f.recap.is_some(), "{name}: {:?}", f.number);
            n += check_fiche(name, f, w, true);
        }
        assert_eq!(n, 165, "{name}");
        // "le plan d’actions compte 16 fiches actions": reconciled.
        // Declared twice (the preamble in words, the recap in digits)
        // before the fiches: one claim.
        let c: Vec<(u32, u32)> = doc
            .fiche_counts
            .iter()
            .map(|c| (c.declared, c.found))
            .collect();
        assert_eq!(c, [(16, 16)], "{name}");
        assert!(!doc.warnings.iter().any(|w| w.code.starts_with("fiche")));
        // A few values parsed, the same in every rendering.
        let f4 = &doc.fiches[3];
        assert_eq!(
            f4.calendar
                .iter()
                .map(|c| (c.start.as_deref(), c.end.as_deref()))
                .collect::<Vec<_>>(),
            [
                (Some("2020"), Some("2020")),
                (Some("2021-04-01"), Some("2021-04-01"))
            ]
        );
        assert_eq!(f4.budget[0].value, 850_000.0);
        assert!(f4.budget[0].per_year);
        assert_eq!(
            f4.budget[0].funder.as_deref(),
            Some("ARS – mesures nouvelles psychiatrie")
        );
        let f3 = &doc.fiches[2];
        assert_eq!(f3.pilots.len(), 2);
        assert_eq!(f3.pilots[1].kind, ActorKind::Person);
        assert_eq!(f3.pilots[1].name, "Dr Claire FAURE");
        assert_eq!(
            f3.pilots[1].role.as_deref(),
            Some("cheffe du pôle de psychiatrie adulte")
        );
        assert_eq!(
            f3.pilots[1].organization.as_deref(),
            Some("Centre hospitalier de Moulins-Yzeure")
        );
        let f10 = &doc.fiches[9];
        let money: Vec<(f64, Option<&str>)> = f10
            .budget
            .iter()
            .map(|b| (b.value, b.funder.as_deref()))
            .collect();
        assert_eq!(
            money,
            [
                (8000.0, None),
                (5000.0, Some("ARS")),
                (3000.0, Some("communes"))
            ]
        );
    }
}

#[test]
fn the_labelled_fiches_of_the_development_set() {
    let Some(path) = realworld("45") else { return };
    let doc = process(&path);
    let want = expected("allier");
    assert_eq!(doc.fiches.len(), 10);
    let mut n = 0;
    for (f, w) in doc.fiches.iter().zip(&want) {
        assert_eq!(f.layout, FicheLayout::Labelled);
        assert!(f.recap.is_some(), "{:?}", f.number);
        n += check_fiche("45", f, w, false);
    }
    assert_eq!(n, 99);
    // The recap list ("FA n°4 – …" under its axis) and the fiche are one
    // action: the fiche takes the listed item's id.
    fn walk<'a>(items: &'a [ptsm::model::Item], out: &mut Vec<&'a ptsm::model::Item>) {
        for i in items {
            out.push(i);
            walk(&i.sub_items, out);
        }
    }
    let mut items = Vec::new();
    for l in &doc.lists {
        walk(&l.items, &mut items);
    }
    for f in &doc.fiches {
        let item = items.iter().find(|i| i.id == f.id);
        let title = f.title.as_ref().map(|t| t.text.as_str()).unwrap_or("?");
        assert!(
            item.is_some_and(|i| i.text.ends_with(title)),
            "{}: {title}",
            f.id
        );
    }
    let c: Vec<(u32, u32)> = doc
        .fiche_counts
        .iter()
        .map(|c| (c.declared, c.found))
        .collect();
    assert_eq!(c, [(10, 10)]);
}

#[test]
fn the_table_fiches_of_the_development_set() {
    let Some(path) = realworld("59") else { return };
    let doc = process(&path);
    let want = expected("ain");
    assert_eq!(doc.fiches.len(), 3);
    let mut n = 0;
    for (f, w) in doc.fiches.iter().zip(&want) {
        assert_eq!(f.layout, FicheLayout::Table);
        n += check_fiche("59", f, w, false);
    }
    assert_eq!(n, 24);
    let cal: Vec<_> = doc.fiches[0]
        .calendar
        .iter()
        .map(|c| (c.start.clone(), c.end.clone(), c.what.clone()))
        .collect();
    assert_eq!(
        cal[0],
        (
            Some("2021-04".into()),
            Some("2021-06".into()),
            Some("recrutement".into())
        )
    );
    assert_eq!(doc.fiches[1].budget[0].value, 180_000.0);
    assert_eq!(doc.fiches[2].calendar[0].end, None);
}

#[test]
fn oscars_action_sheets_of_the_development_set() {
    let Some(p46) = realworld("46") else { return };
    let doc = process(&p46);
    assert_eq!(doc.fiches.len(), 1);
    let f = &doc.fiches[0];
    assert_eq!(f.layout, FicheLayout::Sheet);
    assert_eq!(
        f.title.as_ref().map(|t| t.text.as_str()),
        Some(
            "Premiers secours en santé mentale pour les professionnels de l’insertion du Vaucluse"
        )
    );
    assert_eq!(
        f.pilots[0].name,
        "CoDES 84 – Comité départemental d’éducation pour la santé de Vaucluse"
    );
    let money: Vec<(f64, Option<&str>)> = f
        .budget
        .iter()
        .map(|b| (b.value, b.funder.as_deref()))
        .collect();
    assert_eq!(
        money,
        [
            (12_500.0, Some("ARS Provence-Alpes-Côte d’Azur")),
            (4_000.0, Some("Conseil départemental de Vaucluse"))
        ]
    );
    assert_eq!(f.partners.len(), 4);
    assert_eq!(f.operational_objectives.len(), 3);
    assert_eq!(f.indicators.len(), 2);
    assert!(f.description.is_some() && f.target_public.is_some() && f.territory.is_some());
    let cal: Vec<_> = f
        .calendar
        .iter()
        .map(|c| (c.start.as_deref(), c.end.as_deref()))
        .collect();
    assert_eq!(
        cal,
        [
            (Some("2019"), Some("2019")),
            (Some("2019-04-01"), Some("2019-12-31")),
            (Some("2019-05-14"), Some("2019-11-20"))
        ]
    );
    let c = f.contact.as_ref().expect("contact");
    assert_eq!(c.emails, ["julie.roux@codes84-sante.fr"]);
    assert_eq!(c.phones, ["04 65 71 84 20"]);
    // Labels the table does not know are kept as free fields.
    let free: Vec<&str> = f
        .fields
        .iter()
        .filter(|x| x.field.is_none())
        .map(|x| x.label.text.as_str())
        .collect();
    assert_eq!(free, ["Adresse", "Cadre de l’action"]);

    let Some(p47) = realworld("47") else { return };
    let doc = process(&p47);
    assert_eq!(doc.fiches.len(), 1);
    let f = &doc.fiches[0];
    assert_eq!(
        f.title.as_ref().map(|t| t.text.as_str()),
        Some("Équipe mobile psychiatrie-précarité de l’Est-Var")
    );
    let money: Vec<(f64, Option<&str>, bool)> = f
        .budget
        .iter()
        .map(|b| (b.value, b.funder.as_deref(), b.per_year))
        .collect();
    assert_eq!(
        money,
        [
            (180_000.0, Some("ARS Provence-Alpes-Côte d’Azur"), true),
            (35_000.0, Some("Département du Var"), true),
            (20_000.0, Some("Fondation partenaire"), false)
        ]
    );
    assert_eq!(f.partners.len(), 5);
    assert_eq!(f.operational_objectives.len(), 3);
    assert_eq!(
        f.calendar
            .last()
            .map(|c| (c.start.as_deref(), c.end.as_deref())),
        Some((Some("2022"), Some("2025")))
    );
    let c = f.contact.as_ref().expect("contact");
    assert_eq!(c.phones, ["+33 (0)4 65 71 18 22", "04.65.71.18.23"]);
    assert!(f
        .fields
        .iter()
        .any(|x| x.label.text == "Lien avec le PTSM" && x.field.is_none()));
}

#[test]
fn documents_without_fiches_have_none() {
    for name in ["meuse-ctsm-2023.txt", "normandie-ptsm-2026.txt"] {
        let doc = process(&root().join("corpus").join(name));
        assert!(doc.fiches.is_empty(), "{name}: {:?}", doc.fiches);
        assert!(doc.fiche_counts.is_empty(), "{name}");
    }
}

#[test]
fn the_300_page_collection_when_generated() {
    let dir = root().join("target/testdocs");
    let pdf = dir.join("ptsm-recueil-libreoffice.pdf");
    let want = dir.join("ptsm-recueil-fiches-expected.json");
    if !pdf.exists() || !want.exists() {
        println!(
            "skipped: {} or {} is absent (scripts/testdocs/generate.py recueil-libreoffice, \
             then scripts/testdocs/fiches-expected.py)",
            pdf.display(),
            want.display()
        );
        return;
    }
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&want).expect("read")).expect("JSON");
    let want = v["recueil"].as_array().expect("array");
    assert_eq!(want.len(), 12 * 19);
    let doc = process(&pdf);
    assert_eq!(doc.fiches.len(), want.len());
    let mut n = 0;
    for (f, w) in doc.fiches.iter().zip(want) {
        assert_eq!(f.layout, FicheLayout::Table);
        n += check_fiche("recueil", f, w, true);
    }
    assert_eq!(n, 2268);
    // Each of the twelve plans declares its 19 fiches before them.
    let c: Vec<(u32, u32)> = doc
        .fiche_counts
        .iter()
        .map(|c| (c.declared, c.found))
        .collect();
    assert_eq!(c, vec![(19, 19); 12]);
    // The table of contents names fiches: none is taken for a recap or a fiche.
    assert!(!doc.warnings.iter().any(|w| w.code.starts_with("fiche")));
}

#[test]
fn export_gives_action_fields_and_wide_action_columns() {
    let path = root().join("tests/data/ptsm-docs/ptsm-allier-actions-latex.pdf");
    let doc = process(&path);
    let loaded = vec![ptsm::analyst::load::Loaded {
        id: "allier".into(),
        path: path.clone(),
        doc,
    }];
    let tables = ptsm::analyst::export::tables(&loaded);
    let table = |name: &str| tables.iter().find(|t| t.name == name).expect(name);
    let fields = table("action_fields");
    let col = |c: &str| fields.columns.iter().position(|x| *x == c).expect(c);
    // Who pilots which action: one row per pilot.
    let moulins: Vec<&str> = fields
        .rows
        .iter()
        .filter(|r| r[col("field")] == "pilots")
        .filter(|r| {
            r[col("value")]
                .as_str()
                .is_some_and(|v| v.contains("Moulins-Yzeure"))
        })
        .filter_map(|r| r[col("number")].as_str())
        .collect();
    assert_eq!(moulins, ["3", "4", "11"]);
    // With what budget: the amounts in euros, with their funder.
    let ars: f64 = fields
        .rows
        .iter()
        .filter(|r| r[col("field")] == "budget" && r[col("funder")] == "ARS")
        .filter_map(|r| r[col("amount_eur")].as_f64())
        .sum();
    assert!(ars > 0.0);
    // By when: calendar rows carry ISO bounds.
    assert!(fields
        .rows
        .iter()
        .filter(|r| r[col("field")] == "calendar")
        .all(|r| r[col("start")].is_string()));
    for r in &fields.rows {
        assert_eq!(r.len(), fields.columns.len());
        assert!(r[col("page")].is_u64());
    }
    // The actions table: a row per fiche (no list names them here), with
    // the wide columns.
    let actions = table("actions");
    let acol = |c: &str| actions.columns.iter().position(|x| *x == c).expect(c);
    let with_fiche: Vec<_> = actions
        .rows
        .iter()
        .filter(|r| r[acol("fiche_number")].is_string())
        .collect();
    assert_eq!(with_fiche.len(), 16);
    let fa4 = with_fiche
        .iter()
        .find(|r| r[acol("fiche_number")] == "4")
        .expect("FA 4");
    assert_eq!(
        fa4[acol("pilots")],
        serde_json::json!(["Centre hospitalier de Moulins-Yzeure"])
    );
    assert_eq!(fa4[acol("budget")], serde_json::json!([850000.0]));
    assert_eq!(
        fa4[acol("calendar")],
        serde_json::json!(["2020", "2021-04-01"])
    );
}
