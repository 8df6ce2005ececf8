//! Fuzz target: any bytes named as a text file go through the whole
//! pipeline (`ptsm::process_bytes`: encoding detection, mojibake repair,
//! normalize, segment, extract, analyst). Bytes with `%PDF-` in their first
//! kilobyte are sniffed as PDF, as in real use.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::init(), |data: &[u8]| {
    let _ = ptsm::process_bytes("fuzz/input.txt", data, &ptsm::Options::default());
});
