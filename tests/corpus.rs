//! The sample releases end to end: every fact issue 2 lists, asserted on the
//! clean and the raw (PDF-extracted) Meuse text, and golden JSON files.
//!
//! Golden files: `tests/golden/<corpus file name>.json` hold the whole
//! output of each file in `corpus/`, compared byte for byte. After a
//! deliberate change, rewrite them with
//! `PTSM_BLESS=1 cargo test --test integration corpus::golden` and review
//! the diff before committing.

use std::path::{Path, PathBuf};

use ptsm::model::{CountStatus, Document, Territory};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Processes `corpus/<name>` under the machine-independent name
/// `corpus/<name>`.
fn process(name: &str) -> Document {
    let path = corpus_dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ptsm::process_bytes(&format!("corpus/{name}"), &bytes, &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

fn territory<'a>(doc: &'a Document, id: &str) -> &'a Territory {
    doc.territories
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no territory {id}: {:?}", ids(doc)))
}

fn ids(doc: &Document) -> Vec<&str> {
    doc.territories.iter().map(|t| t.id.as_str()).collect()
}

// ---------------------------------------------------------------- Normandie

mod normandie {
    use super::*;

    fn doc() -> Document {
        process("normandie-ptsm-2026.txt")
    }

    #[test]
    fn issuer_is_ars_normandie() {
        let d = doc();
        let issuer = d.issuer.as_ref().expect("issuer");
        assert_eq!(issuer.name, "ARS Normandie");
        assert_eq!(issuer.region.as_deref(), Some("Normandie"));
        assert_eq!(d.kind, ptsm::model::DocKind::PressRelease);
    }

    #[test]
    fn seven_territories_in_order_with_departement_codes() {
        let d = doc();
        let got: Vec<(&str, Option<&str>)> = d
            .territories
            .iter()
            .map(|t| (t.normalized_name.as_str(), t.departement.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Orne", Some("61")),
                ("Eure", Some("27")),
                ("Calvados", Some("14")),
                ("Manche", Some("50")),
                ("Rouen – Elbeuf – Pays-de-Bray", None),
                ("Le Havre – Fécamp – Lillebonne", None),
                ("Dieppe", None),
            ]
        );
        assert_eq!(d.territories[0].name, "Orne");
        // The sub-departmental territories lie in Seine-Maritime.
        assert!(d.territories[4..]
            .iter()
            .all(|t| t.parent_departement.as_deref() == Some("76")));
        assert_eq!(d.territories[4].id, "rouen-elbeuf-pays-de-bray");
    }

    #[test]
    fn working_groups_listed_and_declared() {
        let d = doc();
        let listed: Vec<usize> = d
            .territories
            .iter()
            .map(|t| t.working_groups.len())
            .collect();
        assert_eq!(listed, [8, 7, 8, 8, 7, 9, 8]);
        let declared: Vec<Option<u32>> = d
            .territories
            .iter()
            .map(|t| t.declared.working_groups.as_ref().map(|c| c.count))
            .collect();
        assert_eq!(declared, [8, 7, 8, 8, 6, 9, 8].map(Some));
    }

    #[test]
    fn actions_listed_and_declared_with_status() {
        let d = doc();
        let listed: Vec<usize> = d.territories.iter().map(|t| t.actions.len()).collect();
        assert_eq!(listed, [5, 18, 9, 10, 7, 5, 4]);
        let declared: Vec<Option<u32>> = d
            .territories
            .iter()
            .map(|t| t.declared.actions.as_ref().map(|c| c.count))
            .collect();
        assert_eq!(declared, [5, 25, 9, 10, 7, 5, 4].map(Some));
        let status = |id: &str| {
            territory(&d, id)
                .declared
                .actions
                .as_ref()
                .and_then(|c| c.status)
        };
        assert_eq!(status("orne"), Some(CountStatus::ToBeContracted));
        assert_eq!(status("eure"), Some(CountStatus::Contracted));
        // "à contractualisée" (sic) is still "to be contracted".
        assert_eq!(status("calvados"), Some(CountStatus::ToBeContracted));
    }

    #[test]
    fn rouen_gets_a_working_group_count_mismatch() {
        let d = doc();
        let w: Vec<_> = d
            .warnings
            .iter()
            .filter(|w| w.code == "count_mismatch")
            .collect();
        assert!(
            w.iter().any(|w| w
                .message
                .starts_with("Rouen – Elbeuf – Pays-de-Bray: 6 working groups declared")
                && w.message.contains("7 listed")),
            "{w:#?}"
        );
        assert!(w.iter().all(|w| w.span.is_some()));
    }

    #[test]
    fn eure_sub_actions_reconcile_the_declared_count() {
        let d = doc();
        let eure = territory(&d, "eure");
        let subs: Vec<usize> = eure
            .actions
            .iter()
            .map(|a| a.sub_items.len())
            .filter(|&n| n > 0)
            .collect();
        assert_eq!(subs, [2, 4, 4]);
        assert_eq!(eure.actions[7].id, "eure/actions/8");
        assert_eq!(eure.actions[9].sub_items[1].id, "eure/actions/10/2");
        assert_eq!(
            eure.actions[9].sub_items[1].text,
            "Contribution à l’évaluation du dispositif EMSL au regard des autres dispositifs existants"
        );
        let w = d
            .warnings
            .iter()
            .find(|w| w.code == "count_mismatch" && w.message.starts_with("Eure:"))
            .expect("Eure mismatch warning");
        assert!(w.message.contains("25 actions declared"), "{}", w.message);
        assert!(w.message.contains("18 listed"), "{}", w.message);
        assert!(
            w.message.contains(
                "counting sub-items reconciles it: 18 − 3 parents + 10 sub-items (2 + 4 + 4) = 25"
            ),
            "{}",
            w.message
        );
    }

    #[test]
    fn descriptions_after_a_colon_are_not_sub_items() {
        let d = doc();
        let calvados = territory(&d, "calvados");
        let habitat = calvados
            .working_groups
            .iter()
            .find(|g| g.text.starts_with("Habitat intermédiaire"))
            .expect("Habitat intermédiaire");
        assert!(habitat.sub_items.is_empty());
        assert!(habitat.text.contains("réfléchir à des solutions"));
    }

    #[test]
    fn calvados_lists_one_action_twice() {
        let d = doc();
        let dup: Vec<_> = d
            .warnings
            .iter()
            .filter(|w| w.code == "duplicate_item")
            .collect();
        assert_eq!(dup.len(), 1, "{dup:#?}");
        assert!(
            dup[0]
                .message
                .contains("calvados/actions/4 repeats calvados/actions/3"),
            "{}",
            dup[0].message
        );
    }

    #[test]
    fn orne_telemedicine_action_has_priority_2() {
        let d = doc();
        let orne = territory(&d, "orne");
        let tele = orne
            .actions
            .iter()
            .find(|a| a.text.contains("télémédecine"))
            .expect("telemedicine action");
        assert_eq!(tele.priority, Some(2));
        assert!(!tele.text.contains("priorité"));
        assert_eq!(tele.id, "orne/actions/2");
    }

    #[test]
    fn orne_groups_mix_arrow_and_unmarked_items() {
        let d = doc();
        let orne = territory(&d, "orne");
        let markers: Vec<Option<&str>> = orne
            .working_groups
            .iter()
            .map(|g| g.marker.as_deref())
            .collect();
        assert_eq!(
            markers,
            [
                None,
                Some("→"),
                Some("→"),
                Some("→"),
                None,
                None,
                None,
                Some("→")
            ]
        );
        assert_eq!(
            orne.working_groups[0].notes,
            ["en lien avec l’expérimentation parcours dépression post-partum"]
        );
    }

    #[test]
    fn mengin_lecreulx_is_found_with_his_role_from_the_paragraph_before() {
        let d = doc();
        let p = d
            .people
            .iter()
            .find(|p| p.name == "François Mengin Lecreulx")
            .expect("François Mengin Lecreulx");
        assert_eq!(p.role.as_deref(), Some("Directeur général"));
        assert_eq!(p.organization.as_deref(), Some("ARS Normandie"));
        let rs = p.role_span.as_ref().expect("role_span");
        assert!(rs.start < p.span.start);
        assert!(d.warnings.iter().any(|w| w.code == "role_guessed"));
    }

    #[test]
    fn declared_document_counts() {
        let d = doc();
        let c: Vec<(u32, &str, &str)> = d
            .counts
            .iter()
            .map(|c| (c.count, c.what.as_str(), c.noun.as_str()))
            .collect();
        assert!(
            c.contains(&(7, "ptsm", "projets territoriaux de santé mentale")),
            "{c:?}"
        );
        // Actors who took part are participants (the guide's category).
        assert!(c.contains(&(600, "participants", "acteurs")), "{c:?}");
        // Said four times, counted once; at least 600.
        assert_eq!(c.iter().filter(|x| x.1 == "ptsm").count(), 1, "{c:?}");
        let acteurs = d
            .counts
            .iter()
            .find(|c| c.noun == "acteurs")
            .expect("acteurs");
        assert_eq!(acteurs.qualifier, Some(ptsm::model::Qualifier::AtLeast));
    }
}

// -------------------------------------------------------------------- Meuse

/// The Meuse facts, asserted on both the clean and the raw form.
fn meuse_facts(name: &str) {
    let d = process(name);
    let issuer = d.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "ARS Grand Est", "{name}");
    assert_eq!(issuer.region.as_deref(), Some("Grand Est"), "{name}");
    assert_eq!(
        d.date.as_ref().map(|x| x.value.as_str()),
        Some("2023-12-13"),
        "{name}"
    );

    assert_eq!(ids(&d), ["meuse"], "{name}");
    let t = territory(&d, "meuse");
    assert_eq!(t.departement.as_deref(), Some("55"), "{name}");
    assert_eq!(
        t.declared.actions.as_ref().map(|c| c.count),
        Some(17),
        "{name}"
    );
    let p: Vec<_> = t
        .periods
        .iter()
        .map(|p| (p.label.as_deref(), p.start, p.end))
        .collect();
    assert_eq!(p, [(Some("CTSM"), 2023, 2028)], "{name}");
    let axes: Vec<&str> = t.axes.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        axes,
        [
            "Améliorer la nature de l’offre existante en santé mentale (Adultes et Enfants)",
            "Améliorer la connaissance, la coordination et l’interconnaissance des acteurs du territoire",
            "Développer la formation des professionnels et l’harmonisation des pratiques",
            "Améliorer l’offre d’accompagnement des aidants",
        ],
        "{name}"
    );
    assert_eq!(t.axes[0].id, "meuse/axes/1");

    let people: Vec<(&str, Option<&str>, Option<&str>, bool)> = d
        .people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.role.as_deref(),
                p.organization.as_deref(),
                p.signatory,
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (
                "Virginie Cayre",
                Some("directrice générale de l’ARS Grand Est"),
                Some("ARS Grand Est"),
                true
            ),
            (
                "Xavier Delarue",
                Some("Préfet de la Meuse"),
                Some("Préfecture de la Meuse"),
                true
            ),
            (
                "Jérôme Dumont",
                Some("Président du Conseil Départemental de la Meuse"),
                Some("Conseil Départemental de la Meuse"),
                true
            ),
        ],
        "{name}"
    );

    let amounts: Vec<(f64, Option<&str>, &str)> = d
        .amounts
        .iter()
        .map(|a| (a.value, a.qualifier.as_deref(), a.text.as_str()))
        .collect();
    assert_eq!(
        amounts,
        [
            (2_000_000.0, Some("plus de"), "plus de 2 millions d’euros"),
            (625_616.0, None, "625 616 € euros"),
            (238_000.0, None, "238 000€"),
        ],
        "{name}"
    );
    let phones: Vec<&str> = d.contacts.phones.iter().map(|p| p.e164.as_str()).collect();
    assert_eq!(phones, ["+33376330115"], "{name}");
    let emails: Vec<&str> = d
        .contacts
        .emails
        .iter()
        .map(|e| e.address.as_str())
        .collect();
    assert_eq!(emails, ["ars-grandest-presse@ars.sante.fr"], "{name}");
}

#[test]
fn meuse_clean_facts() {
    meuse_facts("meuse-ctsm-2023.txt");
}

#[test]
fn meuse_raw_pdf_text_gives_the_same_facts() {
    meuse_facts("meuse-ctsm-2023.raw.txt");
}

/// Everything but source, spans and the normalizer's page-number warning is
/// identical between the raw PDF-extracted text and the clean text.
#[test]
fn meuse_raw_and_clean_give_the_same_entities() {
    fn strip(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => m
                .into_iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "span" | "role_span" | "source" | "warnings")
                })
                .map(|(k, v)| (k, strip(v)))
                .collect(),
            serde_json::Value::Array(a) => a.into_iter().map(strip).collect(),
            v => v,
        }
    }
    let value = |name: &str| {
        serde_json::to_value(process(name))
            .map(strip)
            .expect("serialise")
    };
    assert_eq!(
        value("meuse-ctsm-2023.txt"),
        value("meuse-ctsm-2023.raw.txt")
    );
    let raw = process("meuse-ctsm-2023.raw.txt");
    let codes: Vec<&str> = raw.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["page_number_removed"]);
}

#[test]
fn blocks_lose_no_text() {
    for name in [
        "normandie-ptsm-2026.txt",
        "meuse-ctsm-2023.txt",
        "meuse-ctsm-2023.raw.txt",
    ] {
        let path = corpus_dir().join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let done = ptsm::process_bytes(name, &bytes, &ptsm::Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        fn leaves(b: &[ptsm::model::Block], out: &mut Vec<(usize, usize)>) {
            for x in b {
                if x.kind != ptsm::model::BlockKind::List {
                    out.push((x.span.start, x.span.end));
                }
                leaves(&x.children, out);
            }
        }
        let mut got = Vec::new();
        leaves(&done.document.blocks, &mut got);
        let want: Vec<(usize, usize)> = done
            .norm
            .lines
            .iter()
            .map(|l| (l.range.start, l.range.end))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

// ------------------------------------------------------------------ goldens

/// Compares every corpus document with its golden file, or rewrites the
/// golden files when `PTSM_BLESS=1`. All documents are checked before the
/// test fails.
#[test]
fn golden() {
    let bless = std::env::var("PTSM_BLESS").is_ok_and(|v| v == "1");
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden");
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus/")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "corpus/ is empty");
    let mut failures = Vec::new();
    for name in &names {
        let path = corpus_dir().join(name);
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                ptsm::process_bytes(&format!("corpus/{name}"), &bytes, &ptsm::Options::default())
                    .map_err(|e| e.to_string())
            })
            .and_then(|p| ptsm::output::to_json(&p.document).map_err(|e| e.to_string()));
        let json = match result {
            Ok(j) => j,
            Err(e) => {
                failures.push(format!("{name}: cannot process: {e}"));
                continue;
            }
        };
        let golden = golden_dir.join(format!("{name}.json"));
        if bless {
            if let Err(e) =
                std::fs::create_dir_all(&golden_dir).and_then(|_| std::fs::write(&golden, &json))
            {
                failures.push(format!("{name}: cannot write {}: {e}", golden.display()));
            }
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == json => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(json.lines())
                    .position(|(a, b)| a != b)
                    .map_or(want.lines().count().min(json.lines().count()) + 1, |i| {
                        i + 1
                    });
                failures.push(format!(
                    "{name}: output differs from {} from line {line}:\n  golden: {}\n  now:    {}",
                    golden.display(),
                    want.lines().nth(line - 1).unwrap_or("<end>"),
                    json.lines().nth(line - 1).unwrap_or("<end>")
                ));
            }
            Err(e) => failures.push(format!(
                "{name}: no golden file {} ({e}); run with PTSM_BLESS=1 to create it",
                golden.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------- PDF renderings

/// The entities of a document without provenance: what must not depend on
/// the source format.
pub fn entities(doc: &Document) -> serde_json::Value {
    fn strip(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => m
                .into_iter()
                // Markers are reported as drawn: enscript's source had "•"
                // transliterated to "*", Chromium draws bullets as shapes.
                .filter(|(k, _)| !matches!(k.as_str(), "span" | "role_span" | "marker"))
                .map(|(k, v)| (k, strip(v)))
                .collect(),
            serde_json::Value::Array(a) => a.into_iter().map(strip).collect(),
            v => v,
        }
    }
    let v = serde_json::to_value(doc).expect("serialise");
    let pick = |k: &str| strip(v.get(k).cloned().unwrap_or_default());
    let warnings: Vec<(String, String)> = doc
        .warnings
        .iter()
        .map(|w| (w.code.clone(), w.message.clone()))
        .collect();
    serde_json::json!({
        "kind": pick("kind"),
        "title": pick("title"),
        "issuer": pick("issuer"),
        "date": pick("date"),
        "periods": pick("periods"),
        "counts": pick("counts"),
        "territories": pick("territories"),
        "people": pick("people"),
        "amounts": pick("amounts"),
        "contacts": pick("contacts"),
        "warnings": warnings,
    })
}

/// Every span of the territories, groups and actions of a PDF carries a
/// page and a box.
fn assert_paged_spans(name: &str, doc: &Document) {
    let check = |what: &str, s: &ptsm::model::Span| {
        assert!(
            s.page.is_some() && s.bbox.is_some(),
            "{name}: {what} span without page or box: {s:?}"
        );
    };
    for t in &doc.territories {
        check(&t.id, &t.span);
        for i in t.working_groups.iter().chain(&t.actions) {
            check(&i.id, &i.span);
        }
    }
    for p in &doc.people {
        check(&p.name, &p.span);
    }
    fn blocks(b: &[ptsm::model::Block], f: &dyn Fn(&str, &ptsm::model::Span)) {
        for b in b {
            // A list's own span may be empty; its items carry theirs.
            if b.kind != ptsm::model::BlockKind::List {
                f("block", &b.span);
            }
            blocks(&b.children, f);
        }
    }
    blocks(&doc.blocks, &check);
    for a in &doc.amounts {
        check("amount", &a.span);
    }
}

/// Every rendering of a sample release in `corpus/` yields the entities of
/// its text source: territories, working groups, actions (with sub-items,
/// notes, priorities), declared counts, people, amounts, dates and
/// warnings; and its spans carry pages.
#[test]
fn pdf_renderings_give_the_entities_of_their_text_source() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for source in ["meuse-ctsm-2023", "normandie-ptsm-2026"] {
        let want = entities(&process(&format!("{source}.txt")));
        let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
            .expect("corpus/")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(source) && n.ends_with(".pdf"))
            .collect();
        names.sort();
        assert!(names.len() >= 9, "{source}: {names:?}");
        for name in names {
            let doc = process(&name);
            assert_paged_spans(&name, &doc);
            let got = entities(&doc);
            if got != want {
                let (g, w) = (
                    serde_json::to_string_pretty(&got).unwrap_or_default(),
                    serde_json::to_string_pretty(&want).unwrap_or_default(),
                );
                let first = g
                    .lines()
                    .zip(w.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let show = |s: &str| -> String {
                    s.lines()
                        .skip(first.saturating_sub(3))
                        .take(8)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                failures.push(format!(
                    "{name} differs from {source}.txt at line {first}:\n--- text source\n{}\n--- rendering\n{}",
                    show(&w),
                    show(&g)
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(checked, 19);
}
