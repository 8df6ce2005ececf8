//! Profiling helper: runs each pipeline stage on the given files, in
//! process, and prints the time per file spent in each stage.
//!
//! ```text
//! cargo run --release --example stages -- [-r ROUNDS] FILE…
//! ```
//!
//! A first, unmeasured round warms up what is initialised once per process
//! (regex compilation, embedded data); then `ROUNDS` rounds (default 5) are
//! timed. Under `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect='stages::measured'` only the measured rounds are
//! counted, so the instruction counts are per-file costs without the
//! start-up.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ptsm::{analyst, extract, ingest, model, normalize, output, segment};

#[derive(Default)]
struct Times {
    ingest: Duration,
    normalize: Duration,
    segment: Duration,
    extract: Duration,
    enrich: Duration,
    json: Duration,
    files: u32,
}

fn one(name: &str, bytes: &[u8], t: &mut Times) {
    let opts = ptsm::Options::default();
    let s = Instant::now();
    let Ok(raw) = ingest::read(name, bytes, &opts.ingest) else {
        return;
    };
    let a = Instant::now();
    let norm = normalize::normalize(&raw);
    let b = Instant::now();
    let tree = segment::segment(&norm);
    let c = Instant::now();
    let source = model::Source {
        path: name.to_string(),
        format: raw.format,
        sha256: ptsm::sha256_hex(bytes),
        encoding: raw.encoding.clone(),
        bytes: bytes.len() as u64,
        pages: raw.paged.then_some(raw.pages.len() as u32),
        ocr_pages: Vec::new(),
        ocr: None,
    };
    let mut doc = extract::extract(&raw, &norm, &tree, extract::SourceInfo { source });
    let d = Instant::now();
    analyst::enrich(&mut doc, &norm);
    let e = Instant::now();
    let json = output::to_json_bytes(&doc).unwrap_or_default();
    black_box(json);
    let f = Instant::now();
    t.ingest += a - s;
    t.normalize += b - a;
    t.segment += c - b;
    t.extract += d - c;
    t.enrich += e - d;
    t.json += f - e;
    t.files += 1;
}

#[inline(never)]
fn measured(files: &[(String, Vec<u8>)], rounds: u32, t: &mut Times) {
    for _ in 0..rounds {
        for (name, bytes) in files {
            one(name, bytes, t);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut rounds = 5;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "-r" {
            rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or(rounds);
        } else if let Ok(b) = std::fs::read(&a) {
            files.push((a, b));
        } else {
            eprintln!("{a}: cannot read");
        }
    }
    let mut warm = Times::default();
    warmup(&files, &mut warm);
    let mut t = Times::default();
    measured(&files, rounds, &mut t);
    let n = f64::from(t.files.max(1));
    let ms = |d: Duration| d.as_secs_f64() * 1e3 / n;
    let total = t.ingest + t.normalize + t.segment + t.extract + t.enrich + t.json;
    println!(
        "{} files × {rounds} rounds, ms per file: ingest {:.3}  normalize {:.3}  segment {:.3}  extract {:.3}  enrich {:.3}  json {:.3}  total {:.3}",
        files.len(),
        ms(t.ingest),
        ms(t.normalize),
        ms(t.segment),
        ms(t.extract),
        ms(t.enrich),
        ms(t.json),
        ms(total),
    );
}

#[inline(never)]
fn warmup(files: &[(String, Vec<u8>)], t: &mut Times) {
    for (name, bytes) in files {
        one(name, bytes, t);
    }
}
