//! Integration tests, one binary. Each module is one concern:
//! - `cli`: the command line (exit codes, stdin, help, `ptsm text`);
//! - `batch`: batch conversion (threads, isolation, reruns, shards);
//! - `pdf`: PDF reading on the corpus (bad files, renderings, shared real files).

mod batch;
mod cli;
mod pdf;

mod corpus;
mod normalize;
