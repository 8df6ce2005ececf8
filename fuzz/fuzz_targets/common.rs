//! Shared by the fuzz targets: the panic policy.
//!
//! libfuzzer-sys installs a panic hook that aborts on *any* panic, even one
//! that the library catches with `catch_unwind` at its own boundary (lopdf is
//! run that way). The contract being fuzzed is "`process_bytes` never
//! panics", so by default the hook is replaced by one that prints the panic
//! once per location and lets it unwind: a panic caught inside the library is
//! logged (`caught?` lines in the log), one that escapes `process_bytes`
//! reaches libfuzzer-sys's own `catch_unwind`, which aborts: a crash.
//! `PTSM_FUZZ_STRICT=1` keeps the abort-on-any-panic hook instead.

use std::collections::HashSet;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();

pub fn init() {
    INIT.call_once(|| {
        if std::env::var_os("PTSM_FUZZ_STRICT").is_some() {
            return;
        }
        let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        std::panic::set_hook(Box::new(move |info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
            if seen.insert(at.clone()) {
                eprintln!("caught? panic at {at}: {info}");
            }
        }));
    });
}
