//! The analysts' features on the shipped corpus: tables read back with a
//! CSV parser, the theme matrix, diff, check and validate (the last two
//! through the built binary, for their exit codes).

use std::path::{Path, PathBuf};
use std::process::Command;

use ptsm::analyst::diff::{diff_sets, Change};
use ptsm::analyst::load::{load_all, Loaded};
use ptsm::analyst::{export, stats};
use ptsm::model::Document;

const BIN: &str = env!("CARGO_BIN_EXE_ptsm");
const NORMANDIE: &str = "normandie-ptsm-2026.txt";
const MEUSE: &str = "meuse-ctsm-2023.txt";
/// The seven territories of the Normandie release.
const NORMANDIE_TERRITORIES: usize = 7;
/// Working groups as listed under each territory (Orne 8, Eure 7, Calvados
/// 8, Manche 8, Rouen 7, Le Havre 9, Dieppe 8).
const NORMANDIE_GROUPS: usize = 55;
/// Actions as listed (Orne 5, Eure 18, Calvados 9, Manche 10, Rouen 7,
/// Le Havre 5, Dieppe 4).
const NORMANDIE_ACTIONS: usize = 58;
/// The Meuse release's "Quatre thèmes clés", its one territory's axes.
const MEUSE_AXES: usize = 4;

fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-tmp/analyst")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn process(name: &str) -> Document {
    ptsm::process(&corpus(name), &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

fn write_json(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let p = dir.join(format!("{name}.json"));
    std::fs::write(&p, serde_json::to_vec_pretty(doc).expect("serialises")).expect("writes");
    p
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rd = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rd
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = rd
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("valid CSV");
    (headers, rows)
}

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn count_with_sub_items(items: &[ptsm::model::Item]) -> usize {
    items.len()
        + items
            .iter()
            .map(|i| count_with_sub_items(&i.sub_items))
            .sum::<usize>()
}

fn normandie_territory_count(doc: &Document) -> usize {
    doc.territories.len()
}

#[test]
fn exported_csv_tables_read_back_with_the_corpus_row_counts() {
    let out = scratch("export-out");
    let normandie = process(NORMANDIE);
    let meuse = process(MEUSE);
    write_json(&out, NORMANDIE, &normandie);
    write_json(&out, MEUSE, &meuse);
    let docs = load_all(&[out]).expect("loads");
    let dir = scratch("export-tables");
    export::write_tables(&export::tables(&docs), &dir, export::Format::Csv).expect("exports");

    let (_, documents) = read_csv(&dir.join("documents.csv"));
    assert_eq!(documents.len(), 2);

    let (th, territories) = read_csv(&dir.join("territories.csv"));
    let norm_rows: Vec<_> = territories
        .iter()
        .filter(|r| &r[col(&th, "document_id")] == NORMANDIE)
        .collect();
    assert_eq!(norm_rows.len(), NORMANDIE_TERRITORIES);
    assert_eq!(normandie_territory_count(&normandie), NORMANDIE_TERRITORIES);
    let meuse_rows: Vec<_> = territories
        .iter()
        .filter(|r| &r[col(&th, "document_id")] == MEUSE)
        .collect();
    assert_eq!(meuse_rows.len(), meuse.territories.len());
    assert!(
        meuse_rows
            .iter()
            .any(|r| &r[col(&th, "departement")] == "55"),
        "the Meuse territory carries département 55"
    );

    let (ah, axes) = read_csv(&dir.join("axes.csv"));
    let meuse_axes = axes
        .iter()
        .filter(|r| &r[col(&ah, "document_id")] == MEUSE && &r[col(&ah, "depth")] == "0")
        .count();
    assert_eq!(meuse_axes, MEUSE_AXES);

    // Every item and sub-item is one row; top-level rows match the lists.
    for (table, listed, expected_top) in [
        (
            "working_groups.csv",
            "listed_working_groups",
            NORMANDIE_GROUPS,
        ),
        ("actions.csv", "listed_actions", NORMANDIE_ACTIONS),
    ] {
        let (h, rows) = read_csv(&dir.join(table));
        // actions.csv: the item columns, then those of the action's fiche.
        let want = if table == "actions.csv" {
            ptsm::analyst::fiches::ACTION_COLUMNS
        } else {
            export::ITEM_COLUMNS
        };
        assert_eq!(h, want);
        assert_eq!(&h[..export::ITEM_COLUMNS.len()], export::ITEM_COLUMNS);
        let top_norm = rows
            .iter()
            .filter(|r| &r[col(&h, "document_id")] == NORMANDIE && &r[col(&h, "depth")] == "0")
            .count();
        assert_eq!(top_norm, expected_top, "{table}: Normandie top-level rows");
        let all_items: usize = [&normandie, &meuse]
            .iter()
            .flat_map(|d| &d.territories)
            .map(|t| {
                let list = if table == "actions.csv" {
                    &t.actions
                } else {
                    &t.working_groups
                };
                count_with_sub_items(list)
            })
            .sum();
        assert_eq!(
            rows.len(),
            all_items,
            "{table}: one row per item and per sub-item"
        );
        let listed_sum: usize = territories
            .iter()
            .map(|r| r[col(&th, listed)].parse::<usize>().expect("a count"))
            .sum();
        let top_all = rows.iter().filter(|r| &r[col(&h, "depth")] == "0").count();
        assert_eq!(
            top_all, listed_sum,
            "{table}: top-level rows = listed counts"
        );
        for r in &rows {
            assert!(!r[col(&h, "item_id")].is_empty());
            let depth: u32 = r[col(&h, "depth")].parse().expect("depth");
            assert_eq!(depth == 0, r[col(&h, "parent_id")].is_empty());
        }
    }

    // The lists table holds every list item of every document, with its
    // list's kind and territory.
    let (lh, lists) = read_csv(&dir.join("lists.csv"));
    assert_eq!(lh, export::LIST_COLUMNS);
    let in_lists: usize = [&normandie, &meuse]
        .iter()
        .flat_map(|d| &d.lists)
        .map(|l| count_with_sub_items(&l.items))
        .sum();
    assert_eq!(lists.len(), in_lists);
    let orne_groups = lists
        .iter()
        .filter(|r| {
            &r[col(&lh, "territory_id")] == "orne" && &r[col(&lh, "list_kind")] == "groupes"
        })
        .count();
    assert_eq!(orne_groups, 8);
    assert!(lists.iter().any(|r| &r[col(&lh, "document_id")] == MEUSE
        && &r[col(&lh, "list_kind")] == "thematiques"
        && &r[col(&lh, "departement")] == "55"));

    // The dates table: the Meuse release's own date is marked, its
    // period has two ends, each a day (the first and the last of the
    // period).
    let (dh, dates) = read_csv(&dir.join("dates.csv"));
    assert_eq!(dh, export::DATE_COLUMNS);
    assert_eq!(dates.len(), normandie.dates.len() + meuse.dates.len());
    assert!(dates.iter().any(|r| &r[col(&dh, "document_id")] == MEUSE
        && &r[col(&dh, "value")] == "2023-12-13"
        && &r[col(&dh, "document_date")] == "true"
        && &r[col(&dh, "role")] == "publication"));
    assert!(dates.iter().any(|r| &r[col(&dh, "value")] == "2023/2028"
        && &r[col(&dh, "start")] == "2023-01-01"
        && &r[col(&dh, "end")] == "2028-12-31"));

    // The counts table: one row per declared count, with its category.
    let (ch, counts) = read_csv(&dir.join("counts.csv"));
    assert_eq!(ch, export::COUNT_COLUMNS);
    assert_eq!(counts.len(), normandie.counts.len() + meuse.counts.len());
    assert!(counts.iter().any(|r| &r[col(&ch, "what")] == "groupes"
        && &r[col(&ch, "count")] == "8"
        && &r[col(&ch, "territory_id")] == "orne"));
}

#[test]
fn theme_matrix_shows_perinatalite_in_all_seven_normandie_territories() {
    let normandie = process(NORMANDIE);
    let docs = vec![Loaded {
        id: NORMANDIE.into(),
        path: PathBuf::from("n.json"),
        doc: normandie.clone(),
    }];
    let m = stats::matrix(&docs, ptsm::extract::themes::Taxonomy::builtin());
    assert_eq!(m.rows.len(), NORMANDIE_TERRITORIES);
    let with = m.territories_with("perinatalite");
    assert_eq!(
        with.len(),
        NORMANDIE_TERRITORIES,
        "périnatalité in: {with:?}"
    );
    // Each territory's périnatalité comes (at least) from a working group.
    for t in &normandie.territories {
        assert!(
            t.working_groups
                .iter()
                .any(|g| g.themes.iter().any(|x| x.id == "perinatalite")),
            "{}: no périnatalité working group",
            t.id
        );
    }
}

#[test]
fn every_theme_tag_explains_itself_with_triggers_found_in_the_item() {
    let mut tags = 0;
    for name in [NORMANDIE, MEUSE] {
        let doc = process(name);
        for t in &doc.territories {
            let mut stack: Vec<&ptsm::model::Item> = t
                .axes
                .iter()
                .chain(&t.working_groups)
                .chain(&t.actions)
                .collect();
            while let Some(i) = stack.pop() {
                for tag in &i.themes {
                    tags += 1;
                    assert!(
                        !tag.triggers.is_empty(),
                        "{}: {} has no trigger",
                        i.id,
                        tag.id
                    );
                    for trig in &tag.triggers {
                        let in_text = i.text.contains(trig.as_str())
                            || i.notes.iter().any(|n| n.contains(trig.as_str()));
                        assert!(in_text, "{}: trigger {trig:?} not in the item", i.id);
                    }
                }
                stack.extend(&i.sub_items);
            }
        }
    }
    assert!(tags > 0, "the corpus items carry theme tags");
}

#[test]
fn acronyms_of_the_normandie_release_are_expanded_or_listed() {
    let doc = process(NORMANDIE);
    let get = |a: &str| doc.acronyms.iter().find(|x| x.acronym == a);
    for a in [
        "PTSM", "CLSM", "GEM", "MDA", "EMPP", "SAS", "IPA", "TND", "TCA", "DAC", "CPTS", "QPV",
        "ESMS", "EHPAD", "CROUS", "MSP", "EMSL", "CTSM", "ARS",
    ] {
        let x = get(a).unwrap_or_else(|| panic!("{a} not detected"));
        assert!(x.expansion.is_some(), "{a} not expanded");
    }
    // Defined in the text itself: the document's meaning wins.
    let msp = get("MSP").expect("MSP");
    assert_eq!(msp.expansion.as_deref(), Some("médiateur santé pair"));
    assert_eq!(
        msp.expansion_source,
        Some(ptsm::model::ExpansionSource::Document)
    );
    // Unknown to the glossary: listed so that the glossary can grow.
    let dape = get("DAPE").expect("DAPE listed");
    assert_eq!(dape.expansion, None);
    // Meuse: capitals of headings and surnames are not acronyms.
    let meuse = process(MEUSE);
    for not in [
        "COMMUNIQUE",
        "SIGNATURE",
        "PRESSE",
        "CAYRE",
        "DELARUE",
        "DUMONT",
        "DE",
        "LA",
    ] {
        assert!(
            meuse.acronyms.iter().all(|x| x.acronym != not),
            "{not} taken for an acronym"
        );
    }
}

/// The Normandie output and a copy with one action reworded, one removed
/// and one declared count changed.
fn normandie_and_edited_copy() -> (Document, Document) {
    let a = process(NORMANDIE);
    let mut b = a.clone();
    let orne = b
        .territories
        .iter_mut()
        .find(|t| t.id == "orne")
        .expect("orne");
    let act = orne
        .actions
        .iter_mut()
        .find(|i| i.key.starts_with("structurer les cooperations"))
        .expect("the CPTS action of the Orne");
    act.text = act.text.replacen("Structurer", "Renforcer", 1);
    act.key = ptsm::normalize::key(&act.text);
    let dieppe = b
        .territories
        .iter_mut()
        .find(|t| t.id == "dieppe")
        .expect("dieppe");
    dieppe.actions.pop().expect("Dieppe has actions");
    let eure = b
        .territories
        .iter_mut()
        .find(|t| t.id == "eure")
        .expect("eure");
    let c = eure
        .declared
        .actions
        .as_mut()
        .expect("Eure declares its actions");
    c.count += 1;
    (a, b)
}

#[test]
fn diff_reports_exactly_the_reworded_removed_and_recounted_items() {
    let (a, b) = normandie_and_edited_copy();
    let la = vec![Loaded {
        id: "a".into(),
        path: "a.json".into(),
        doc: a,
    }];
    let lb = vec![Loaded {
        id: "b".into(),
        path: "b.json".into(),
        doc: b,
    }];
    let d = diff_sets(&la, &lb);
    let changes: Vec<&Change> = d.documents.iter().flat_map(|x| &x.changes).collect();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    assert!(changes
        .iter()
        .any(|c| matches!(c, Change::ItemReworded { territory, .. } if territory == "orne")));
    assert!(changes.iter().any(|c| matches!(c, Change::ItemRemoved { territory, list, .. } if territory == "dieppe" && list == "actions")));
    assert!(changes.iter().any(|c| matches!(c, Change::DeclaredCountChanged { territory, what, old: Some(25), new: Some(26), .. } if territory == "eure" && what == "actions")));
}

#[test]
fn diff_command_prints_the_changes_and_json_on_request() {
    let (a, b) = normandie_and_edited_copy();
    let dir = scratch("diff-cli");
    let pa = write_json(&dir, "a", &a);
    let pb = write_json(&dir, "b", &b);
    let out = Command::new(BIN)
        .arg("diff")
        .arg(&pa)
        .arg(&pb)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 changes"), "{text}");
    assert!(text.contains("reworded"), "{text}");
    assert!(
        text.contains("declared actions 25 (contracted) → 26 (contracted)"),
        "{text}"
    );
    let out = Command::new(BIN)
        .arg("diff")
        .arg("--json")
        .arg(&pa)
        .arg(&pb)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON diff");
    assert_eq!(
        v["documents"][0]["changes"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn check_exits_1_on_the_edited_copy_and_0_on_the_true_output() {
    let (a, b) = normandie_and_edited_copy();
    let inputs = scratch("check-in");
    std::fs::copy(corpus(NORMANDIE), inputs.join(NORMANDIE)).expect("copies");
    let edited = scratch("check-edited");
    write_json(&edited, NORMANDIE, &b);
    let out = Command::new(BIN)
        .args(["check"])
        .arg(&inputs)
        .arg("--expected")
        .arg(&edited)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 changes"), "{text}");

    let good = scratch("check-good");
    write_json(&good, NORMANDIE, &a);
    let out = Command::new(BIN)
        .arg("check")
        .arg(&inputs)
        .arg("--expected")
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn validate_exits_1_and_names_the_json_path_of_a_hand_broken_file() {
    let dir = scratch("validate");
    let doc = process(NORMANDIE);
    write_json(&dir, "good", &doc);
    let mut v = serde_json::to_value(&doc).expect("serialises");
    v["source"]["sha256"] = serde_json::Value::from("not-a-hash");
    v["acronyms"][0]["occurrences"] = serde_json::Value::from(0);
    let broken = dir.join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&v).expect("json")).expect("writes");

    let out = Command::new(BIN)
        .arg("validate")
        .arg(dir.join("good.json"))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = Command::new(BIN)
        .arg("validate")
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("broken.json: /source/sha256:"), "{text}");
    assert!(
        text.contains("broken.json: /acronyms/0/occurrences:"),
        "{text}"
    );
    assert!(!text.contains("good.json"), "{text}");
}

#[test]
fn stats_command_writes_the_matrix_to_the_file_given() {
    let out = scratch("stats-out");
    write_json(&out, NORMANDIE, &process(NORMANDIE));
    let csv_path = scratch("stats-csv").join("matrix.csv");
    let res = Command::new(BIN)
        .arg("stats")
        .arg(&out)
        .arg("-o")
        .arg(&csv_path)
        .output()
        .expect("runs");
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    // The table went to the file (-o), as CSV (its extension).
    assert!(res.stdout.is_empty());
    let (h, rows) = read_csv(&csv_path);
    assert_eq!(rows.len(), NORMANDIE_TERRITORIES);
    let c = col(&h, "perinatalite");
    assert!(rows
        .iter()
        .all(|r| r[c].parse::<u32>().is_ok_and(|n| n > 0)));
}
