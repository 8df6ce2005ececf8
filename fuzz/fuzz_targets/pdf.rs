//! Fuzz target: any bytes fed to the PDF reader must give a document or a
//! typed error, never a panic, a hang or an allocation blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ptsm::ingest::IngestOptions;

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        // Small limits keep each run fast and catch limit bugs.
        max_stream_bytes: 16 * 1024 * 1024,
        max_depth: 16,
        ..IngestOptions::default()
    };
    let _ = ptsm::ingest::read("fuzz.pdf", data, &opts);
});
