//! Integration tests, one binary. Each module is one concern:
//! - `corpus`: every fact of the sample releases, and the golden JSON files;
//! - `normalize`: normalization on the real corpus texts and the hard French cases;
//! - `pdf`: PDF reading on the corpus (bad files, renderings, shared real files);
//! - `cli`: the command line (exit codes, stdin, help, `ptsm text`);
//! - `batch`: batch conversion (threads, isolation, reruns, shards);
//! - `fuzz`: the inputs fuzzing found (`tests/data/fuzz/`), through `process_bytes`;
//! - `ocr`: scanned pages read by OCR (`tests/data/ocr/`);
//! - `analyst`: export, themes, acronyms, stats, diff, check, validate;
//! - `schema`: outputs against `schemas/ptsm.schema.json`;
//! - `realworld`: the figures on the development set of real-world documents;
//! - `html`: web pages (structure, metadata, bad HTML, saved pages, other
//!   formats);
//! - `html_sites`: web pages shaped like the sites that publish PTSM news,
//!   against the text form of their documents;
//! - `report`: the HTML review report, in headless Chromium;
//! - `fetch`: `ptsm fetch` and URLs given to `extract`, against a local
//!   HTTP server started by the test on 127.0.0.1;
//! - `users`: what a user meets: one grammar for every subcommand, nothing
//!   silent, typed tables read back by DuckDB, pandas and openpyxl,
//!   `--compact`, `stats`, completions, man pages, the progress line in a
//!   pseudo-terminal;
//! - `skip`: skipping a test so that `cargo test` shows it.
//! - `testdocs`: the long test PTSM documents (tables, contents, sections);
//! - `fiches`: fiches-action as records, in the test documents and the development set;
//! - `reliability`: the reproducers of issue 20 (`../shared/reliability/`);
//! - `faults`: batches killed, a full disk, two batches into one folder.

mod analyst;
mod batch;
mod cli;
mod corpus;
mod faults;
mod fetch;
mod fiches;
mod fuzz;
mod html;
mod html_sites;
mod normalize;
mod ocr;
mod pdf;
mod realworld;
mod reliability;
mod report;
mod schema;
mod skip;
mod testdocs;
mod users;
