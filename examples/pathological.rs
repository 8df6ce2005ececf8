//! Benchmark of the slow paths (issue 20, part 6): each stage of the
//! pipeline on generated pathological text inputs of 1, 10 and 100 MB,
//! with its throughput and the peak memory of the whole conversion.
//!
//! ```text
//! cargo run --release --example pathological               # every kind at 1, 10, 100 MB
//! cargo run --release --example pathological -- 1 10        # sizes in MB
//! cargo run --release --example pathological -- --one fdfa 10   # one case
//! ```
//!
//! Each case runs in a process of its own (the example starts itself with
//! `--one`), so that its peak RSS (`VmHWM`) is that of one document. The
//! inputs are made in memory (a few seconds for 100 MB):
//!
//! - `fdfa`: U+FDFA repeated, 3 bytes that NFKC expands to 18 characters
//!   (`slow-nfkc` in `../shared/reliability`), 80 per line;
//! - `one-line`: French words on one line, no line break at all;
//! - `items`: `- Action N : mettre en place un dispositif` lines, each a
//!   list item, so that extraction makes an action of each;
//! - `ligatures`: ligatures, no-break spaces, apostrophes and quotes that
//!   normalization rewrites, mojibake that repair rewrites, in paragraphs;
//! - `fdfa-dates`: one line of U+FDFA with a date every thousand characters
//!   (what the text fuzz target found quadratic in the extraction's
//!   pattern scan);
//! - `prose`: the two sample releases of `corpus/`, repeated (the reference:
//!   real text);
//! - `prose-flat`: the same with every line break made a space, one line
//!   (a text exported without its paragraphs);
//! - `mixed`: one line of the phrases extraction looks for, repeated: counts,
//!   names, dates, places, amounts, contacts, list labels;
//! - `places`: one line of coordinated territories ("le Trégor, le Goëlo,
//!   …, Ardenne Métropole, le Doubs voisin, …"), one sentence with no full
//!   stop (each name's sentence used to be read whole for it: quadratic).
//!
//! Output: one line per case, MB/s of each stage (ingest, normalize,
//! segment, extract, enrich, JSON written to a sink), the whole, and the
//! peak RSS in MB and as a multiple of the input size.

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use ptsm::{analyst, extract, ingest, model, normalize, output, segment};

const KINDS: [&str; 9] = [
    "fdfa",
    "one-line",
    "items",
    "ligatures",
    "fdfa-dates",
    "prose",
    "prose-flat",
    "mixed",
    "places",
];

const RELEASES: [&str; 2] = [
    include_str!("../corpus/normandie-ptsm-2026.txt"),
    include_str!("../corpus/meuse-ctsm-2023.txt"),
];

fn make(kind: &str, bytes: usize) -> Vec<u8> {
    let unit: Vec<u8> = match kind {
        "fdfa" => {
            let mut l = "\u{FDFA}".repeat(80);
            l.push('\n');
            l.into_bytes()
        }
        "one-line" => "le projet territorial de santé mentale de la Meuse réunit les acteurs ".into(),
        "items" => "- Action 1.2 : mettre en place un dispositif d’accueil\n".into(),
        "places" => "le Trégor, le Goëlo, le pays de Vannes - Auray, l’Argonne ardennaise, \
                     Ardenne Métropole, le Doubs voisin, les proches du Nord, le Périgord \
                     Noir-Sarladais, "
            .into(),
        "fdfa-dates" => format!("{} 3 janvier 2024 ", "\u{FDFA}".repeat(1000)).into_bytes(),
        "prose" => RELEASES.join("\n\n").into_bytes(),
        "prose-flat" => RELEASES.join(" ").replace('\n', " ").into_bytes(),
        "mixed" => "le PTSM de la Meuse compte 12 actions et 3 groupes de travail, sign\u{e9} par \
            Jean Dupont le 3 janvier 2024 \u{e0} Bar-le-Duc (55) ; Axe 1 : pr\u{e9}vention ; Action 2.3 \
            \u{2013} \u{e9}quipe mobile (GT 4) pour 1 200 000 \u{20ac}, contact : jean.dupont@ars.sante.fr \
            03 83 39 30 30 ; les 5 actions sont : a, b, c, d et e ; CTSM 2021-2026 ; Mme Claire Martin, \
            directrice g\u{e9}n\u{e9}rale de l\u{2019}ARS Grand Est, "
            .into(),
        "ligatures" => "L\u{2019}ARS a sign\u{e9} le contrat\u{A0}: \u{FB01}nancement \u{AB}\u{A0}PTSM\u{A0}\u{BB} \
            de l\u{2019}\u{E9}quipe mobile, soit 1\u{A0}200\u{A0}\u{20AC} \u{2014} Ã©tÃ© \u{FB03}cace.\n\n"
            .into(),
        _ => panic!("unknown kind {kind}"),
    };
    let mut out = Vec::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.extend_from_slice(&unit);
    }
    out
}

/// Peak resident memory of this process, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Counts the bytes written, keeps none.
struct Sink(u64);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len() as u64;
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn one(kind: &str, mb: usize) {
    let bytes = make(kind, mb << 20);
    let size = bytes.len() as f64 / 1e6;
    let base = peak_rss();
    let opts = ptsm::Options::default();
    let t0 = Instant::now();
    // Peak RSS (MB over the base) after each stage: where memory grows.
    let mut peaks = Vec::new();
    let mut mark = || peaks.push(peak_rss().saturating_sub(base) >> 20);
    let mut raw = ingest::read("bench.txt", &bytes, &opts.ingest).expect("ingest");
    let t1 = Instant::now();
    mark();
    let norm = normalize::normalize(&raw);
    // As `ptsm::process` does: the source's lines are read no more.
    raw.release_lines();
    let t2 = Instant::now();
    mark();
    let tree = segment::segment(&norm);
    let t3 = Instant::now();
    mark();
    let source = model::Source {
        path: "bench.txt".into(),
        format: raw.format,
        sha256: String::new(),
        encoding: raw.encoding.clone(),
        bytes: bytes.len() as u64,
        pages: None,
        ocr_pages: Vec::new(),
        ocr: None,
    };
    let mut doc = extract::extract(&raw, &norm, &tree, extract::SourceInfo { source });
    let t4 = Instant::now();
    mark();
    analyst::enrich(&mut doc, &norm);
    let t5 = Instant::now();
    mark();
    drop((raw, norm, tree));
    let mut sink = Sink(0);
    output::write_json(&doc, std::io::BufWriter::new(&mut sink)).expect("json");
    let t6 = Instant::now();
    mark();
    let rate = |a: Instant, b: Instant| size / (b - a).as_secs_f64().max(1e-9);
    let peak = peak_rss().saturating_sub(base.min(peak_rss()));
    println!(
        "{kind:<10} {mb:>4} MB  ingest {:>7.1}  normalize {:>7.1}  segment {:>7.1}  extract {:>7.1}  \
         enrich {:>7.1}  json {:>7.1}  all {:>6.1} MB/s ({:>6.2} s)  peak {:>6} MB = {:.1} × input  \
         json {} MB  (peak MB after each stage: {:?})",
        rate(t0, t1),
        rate(t1, t2),
        rate(t2, t3),
        rate(t3, t4),
        rate(t4, t5),
        rate(t5, t6),
        rate(t0, t6),
        (t6 - t0).as_secs_f64(),
        peak_rss() >> 20,
        peak as f64 / bytes.len() as f64,
        sink.0 >> 20,
        peaks,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") {
        let kind = args.get(1).expect("kind");
        let mb: usize = args.get(2).and_then(|m| m.parse().ok()).expect("MB");
        one(kind, mb);
        return;
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1, 10, 100]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let me = std::env::current_exe().expect("own path");
    for mb in sizes {
        for kind in KINDS {
            let status = Command::new(&me)
                .args(["--one", kind, &mb.to_string()])
                .status()
                .expect("run a case");
            if !status.success() {
                println!("{kind:<10} {mb:>4} MB  failed: {status}");
            }
        }
    }
}
