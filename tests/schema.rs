//! The output contract: every document ptsm writes validates against
//! `schemas/ptsm.schema.json`, and a broken one fails at the right path.

use std::path::{Path, PathBuf};

use ptsm::analyst::validate::validate_value;
use serde_json::Value;

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file());
    v.sort();
    v
}

fn output_of(path: &Path) -> Value {
    let done = ptsm::process(path, &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(&done.document).expect("serialises")
}

#[test]
fn every_corpus_document_validates() {
    let files = corpus_files();
    assert!(files.len() >= 3, "corpus/ should hold the sample texts");
    for f in files {
        let v = output_of(&f);
        let errs = validate_value(&v).expect("schema compiles");
        assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
    }
}

#[test]
fn shared_pdf_corpus_outputs_validate_when_they_convert() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pdf-corpus/pdf"
    ));
    let Ok(rd) = std::fs::read_dir(dir) else {
        crate::skip::skip(
            "shared_pdf_corpus_outputs_validate_when_they_convert",
            &format!("{} is absent", dir.display()),
        );
        return;
    };
    let mut pdfs: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    let mut checked = 0;
    for p in &pdfs {
        // "When they work": a PDF the ingest stage refuses is the PDF
        // helpers' concern; what converts must honour the contract.
        let Ok(done) = ptsm::process(p, &ptsm::Options::default()) else {
            println!("not converted (ingest error): {}", p.display());
            continue;
        };
        let v = serde_json::to_value(&done.document).expect("serialises");
        let errs = validate_value(&v).expect("schema compiles");
        assert!(errs.is_empty(), "{}: {errs:#?}", p.display());
        checked += 1;
    }
    println!("{checked}/{} shared PDFs validated", pdfs.len());
}

#[test]
fn hand_broken_output_fails_with_the_json_path_of_each_defect() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/normandie-ptsm-2026.txt");
    let mut v = output_of(&f);
    v["source"]["bytes"] = Value::from("beaucoup");
    v["blocks"][0]["kind"] = Value::from("chapter");
    v["warnings"] = Value::from(Vec::<Value>::new());
    if let Some(w) = v["warnings"].as_array_mut() {
        w.push(serde_json::json!({"code": "Not A Code", "message": "x", "span": null}));
    }
    let errs = validate_value(&v).expect("schema compiles");
    let paths: Vec<&str> = errs.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["/source/bytes", "/blocks/0/kind", "/warnings/0/code"],
        "{errs:#?}"
    );
}

#[test]
fn schema_lists_every_field_of_the_model_as_required() {
    // A serialised document and the schema must agree on field names at the
    // top level and in every $defs object used by it: a field added to
    // model.rs without the schema is rejected by additionalProperties, a
    // field in the schema that the model lost is caught here.
    let schema: Value =
        serde_json::from_str(ptsm::analyst::validate::SCHEMA).expect("schema is JSON");
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/normandie-ptsm-2026.txt");
    let v = output_of(&f);
    let doc_keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        doc_keys.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        required
    );
}
