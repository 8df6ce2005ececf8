//! Fuzz target: any bytes named as a web page go through the whole pipeline
//! (`ptsm::process_bytes`: encoding detection, html5ever's parser,
//! Readability's main content and metadata, then normalize, segment,
//! extract, analyst). Bytes that start like a PDF are sniffed as PDF, as in
//! real use.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::init(), |data: &[u8]| {
    let _ = ptsm::process_bytes("fuzz/input.html", data, &ptsm::Options::default());
});
