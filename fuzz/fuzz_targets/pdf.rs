//! Fuzz target: any bytes named as a PDF go through the whole pipeline
//! (`ptsm::process_bytes`: PDF load, interpretation, layout, normalize,
//! segment, extract, analyst) with the default options, as `ptsm convert`
//! runs them. They must give a document or a typed error, never a panic,
//! a hang or an allocation blow-up. OCR is off: it runs the `tesseract`
//! program, not ptsm's code, and would make each image-only input take
//! seconds. So the decoding of scanned page images
//! (`ingest::pdf::ocr::image`) is not fuzzed by this target.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::init(), |data: &[u8]| {
    let mut options = ptsm::Options::default();
    options.ingest.ocr = ptsm::ingest::OcrMode::Never;
    let _ = ptsm::process_bytes("fuzz/input.pdf", data, &options);
});
