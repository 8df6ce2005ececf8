//! Integration tests, one binary. Each module is one concern:
//! - `corpus`: every fact of the sample releases, and the golden JSON files;
//! - `normalize`: normalization on the real corpus texts and the hard French cases;
//! - `pdf`: PDF reading on the corpus (bad files, renderings, shared real files);
//! - `cli`: the command line (exit codes, stdin, help, `ptsm text`);
//! - `batch`: batch conversion (threads, isolation, reruns, shards);
//! - `fuzz`: the inputs fuzzing found (`tests/data/fuzz/`), through `process_bytes`;
//! - `analyst`: export, themes, acronyms, stats, diff, check, validate;
//! - `schema`: outputs against `schemas/ptsm.schema.json`;
//! - `reliability`: the reproducers of issue 20 (`../shared/reliability/`);
//! - `faults`: batches killed, a full disk, two batches into one folder.

mod analyst;
mod batch;
mod cli;
mod corpus;
mod faults;
mod fuzz;
mod normalize;
mod pdf;
mod reliability;
mod schema;
