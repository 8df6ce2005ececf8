//! Integration tests, one binary. Each module is one concern:
//! - `cli`: the command line (exit codes, stdin, help, `ptsm text`);
//! - `batch`: batch conversion (threads, isolation, reruns, shards);
//! - `analyst`: export, themes, acronyms, stats, diff, check, validate;
//! - `schema`: outputs against `schemas/ptsm.schema.json`.

mod analyst;
mod batch;
mod cli;
mod schema;

mod normalize;

// Placeholder until the corpus tests land.
#[test]
fn corpus_texts_process() {
    for name in ["normandie-ptsm-2026.txt", "meuse-ctsm-2023.txt"] {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        let done = ptsm::process(&p, &ptsm::Options::default()).unwrap();
        assert!(!done.document.blocks.is_empty());
    }
}
