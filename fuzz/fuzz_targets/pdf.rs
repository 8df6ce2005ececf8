//! Fuzz target: any bytes named as a PDF go through the whole pipeline
//! (`ptsm::process_bytes`: PDF load, interpretation, layout, normalize,
//! segment, extract, analyst) with the default options, as `ptsm convert`
//! runs them. They must give a document or a typed error, never a panic,
//! a hang or an allocation blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::init(), |data: &[u8]| {
    let _ = ptsm::process_bytes("fuzz/input.pdf", data, &ptsm::Options::default());
});
