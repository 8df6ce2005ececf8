//! Integration tests, one binary. Each module is one concern:
//! - `cli`: the command line (exit codes, stdin, help, `ptsm text`);
//! - `batch`: batch conversion (threads, isolation, reruns, shards);
//! - `analyst`: export, themes, acronyms, stats, diff, check, validate;
//! - `schema`: outputs against `schemas/ptsm.schema.json`.

mod analyst;
mod batch;
mod cli;
mod schema;

mod corpus;
mod normalize;
