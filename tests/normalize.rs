//! Normalization on the real corpus files: reflow acceptance tests and the
//! hard French cases.

use std::path::Path;

use ptsm::ingest::{self, IngestOptions};
use ptsm::normalize::{self, NormDoc};

fn norm_file(name: &str) -> NormDoc {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw = ingest::read(name, &bytes, &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    normalize::normalize(&raw)
}

fn norm_text(s: &str) -> NormDoc {
    let raw = ingest::read("t.txt", s.as_bytes(), &IngestOptions::default()).unwrap();
    normalize::normalize(&raw)
}

fn logical(doc: &NormDoc) -> Vec<&str> {
    doc.lines
        .iter()
        .filter_map(|l| doc.text.get(l.range.clone()))
        .collect()
}

#[test]
fn meuse_raw_and_clean_give_the_same_logical_lines() {
    let raw = norm_file("meuse-ctsm-2023.raw.txt");
    let clean = norm_file("meuse-ctsm-2023.txt");
    let (r, c) = (logical(&raw), logical(&clean));
    for (i, (a, b)) in r.iter().zip(&c).enumerate() {
        assert_eq!(a, b, "logical line {} differs", i + 1);
    }
    assert_eq!(
        r.len(),
        c.len(),
        "raw:\n{}\n\nclean:\n{}",
        r.join("\n"),
        c.join("\n")
    );
    let pages: Vec<_> = raw
        .warnings
        .iter()
        .filter(|w| w.code == "page_number_removed")
        .collect();
    assert_eq!(pages.len(), 1, "{:?}", raw.warnings);
    assert!(
        pages[0].message.contains("number 1"),
        "{}",
        pages[0].message
    );
    assert!(clean.warnings.is_empty(), "{:?}", clean.warnings);
}

#[test]
fn normandie_keeps_every_paragraph_and_list_item_on_its_own_line() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/normandie-ptsm-2026.txt");
    let source = std::fs::read_to_string(path).unwrap();
    let nonblank: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let doc = norm_file("normandie-ptsm-2026.txt");
    let lines = logical(&doc);
    assert_eq!(lines.len(), nonblank.len());
    assert!(doc.lines.iter().all(|l| l.origins.len() == 1));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // Under the Orne's "Groupes de travail": no marker, a blank line
    // between them, exactly like the raw Meuse wrapping, yet two items.
    let ipa = lines
        .iter()
        .position(|l| *l == "Intégration des IPA dans les maisons de santé")
        .expect("IPA item on its own line");
    assert_eq!(lines.get(ipa + 1), Some(&"Réhabilitation par le logement"));
    assert_eq!(
        lines.get(ipa + 2),
        Some(&"→ Directives anticipées en santé mentale")
    );
    assert!(lines.contains(&"Projet Territorial de santé Rouen – Elbeuf – Pays-de-Bray"));
    assert!(lines.contains(&"→ Psycho-traumatisme"));
    // Source line numbers map back: the first line is line 1.
    assert_eq!(doc.origins_of(&doc.lines[0])[0].source_line, 1);
}

#[test]
fn meuse_raw_reflows_the_wrapped_capital_heading_and_paragraphs() {
    let doc = norm_file("meuse-ctsm-2023.raw.txt");
    let lines = logical(&doc);
    assert!(lines.contains(
        &"SIGNATURE DU CONTRAT TERRITORIAL DE SANTE MENTALE DE LA MEUSE : UN ENGAGEMENT COLLECTIF"
    ));
    assert!(lines.contains(
        &"– Un accueil inconditionnel de tous les enfants de 3 à 11 ans et de leurs parents"
    ));
    let genese = lines.iter().find(|l| l.starts_with("La genèse")).unwrap();
    assert!(
        genese.ends_with("tout au long de leur parcours de vie."),
        "{genese}"
    );
    let money = lines
        .iter()
        .find(|l| l.starts_with("L’accompagnement financier"))
        .unwrap();
    assert!(
        money.contains("plus de 2 millions d’euros. A date 625 616 € euros"),
        "{money}"
    );
    // The removed page number is reported where it was: before line 1.
    let w = doc
        .warnings
        .iter()
        .find(|w| w.code == "page_number_removed")
        .unwrap();
    assert_eq!(w.location.range, Some(0..0));
    // A logical line made of several source lines keeps all its origins.
    let first_para = doc
        .lines
        .iter()
        .find(|l| doc.text[l.range.clone()].starts_with("Le 13 décembre 2023,"))
        .unwrap();
    assert_eq!(doc.origins_of(first_para).len(), 5);
    assert_eq!(doc.origins_of(first_para)[0].source_line, 29);
}

#[test]
fn hard_cases_medico_social_and_pays_de_bray() {
    let d = norm_text("secteurs sanitaire, social et médico-social\n\nLe secteur médico-\nsocial et le dé-\nveloppement");
    assert_eq!(
        logical(&d),
        [
            "secteurs sanitaire, social et médico-social",
            "Le secteur médico-social et le développement"
        ]
    );
    let d = norm_text("Projet Territorial de santé Rouen – Elbeuf – Pays-de-\nBray");
    assert_eq!(
        d.text,
        "Projet Territorial de santé Rouen – Elbeuf – Pays-de-Bray"
    );
    let d = norm_text("la signature du CTSM 2023-\n2028.");
    assert_eq!(d.text, "la signature du CTSM 2023-2028.");
}

#[test]
fn hard_cases_apostrophes() {
    let d = norm_text("aujourd'hui, l'ARS et aujourd\u{2019}hui l\u{02BC}ARS");
    assert_eq!(d.text, "aujourd’hui, l’ARS et aujourd’hui l’ARS");
}

#[test]
fn hard_cases_guillemets() {
    for input in [
        "programme «génération sans carie»",
        "programme «\u{A0}génération sans carie\u{A0}»",
        "programme \u{201C}génération sans carie\u{201D}",
        "programme \"génération sans carie\"",
    ] {
        assert_eq!(
            norm_text(input).text,
            "programme « génération sans carie »",
            "{input:?}"
        );
    }
}

#[test]
fn hard_cases_amount_with_narrow_and_no_break_spaces() {
    let d = norm_text("A date 625\u{202F}616\u{A0}€ euros sont engagés, dont 238\u{A0}000€");
    assert_eq!(d.text, "A date 625 616 € euros sont engagés, dont 238 000€");
}

#[test]
fn meuse_in_every_encoding_normalizes_alike() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/meuse-ctsm-2023.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let expected = norm_text(&text).text;
    let opts = IngestOptions::default();
    let mut variants: Vec<(Vec<u8>, &str)> = Vec::new();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    variants.push((bom, "UTF-8 (BOM)"));
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    variants.push((le, "UTF-16LE"));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    variants.push((be, "UTF-16BE"));
    // Windows-1252 cannot hold the 📞 of the phone line: drop it first.
    let text_1252 = text.replace("📞 ", "");
    let (b, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text_1252);
    assert!(!unmappable);
    let expected_1252 = norm_text(&text_1252).text;
    for (bytes, name) in &variants {
        let raw = ingest::read("m.txt", bytes, &opts).unwrap();
        assert_eq!(raw.encoding.as_deref(), Some(*name));
        assert_eq!(normalize::normalize(&raw).text, expected, "{name}");
    }
    let raw = ingest::read("m.txt", &b, &opts).unwrap();
    assert_eq!(raw.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(normalize::normalize(&raw).text, expected_1252);
}

#[test]
fn meuse_with_mojibake_is_repaired_and_reported() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/meuse-ctsm-2023.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let (garbled, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
    let raw = ingest::read("m.txt", garbled.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(normalize::normalize(&raw).text, norm_text(&text).text);
    let w = raw
        .warnings
        .iter()
        .find(|w| w.code == "mojibake_repaired")
        .unwrap();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    assert!(
        w.message.contains(&format!("repaired {non_ascii} ")),
        "{}",
        w.message
    );
}

#[test]
fn bad_text_inputs_are_clear_errors() {
    let opts = IngestOptions::default();
    let e = ingest::read("e.txt", b"", &opts).unwrap_err();
    assert_eq!(e.kind(), "empty");
    let e = ingest::read(
        "b.txt",
        &[0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00],
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "encoding");
    let e = ingest::read("i.txt", b"sant\xE9 \x8D\x90", &opts).unwrap_err();
    assert_eq!(e.kind(), "encoding");
    assert!(e.to_string().contains("undefined in Windows-1252"), "{e}");
}

#[test]
fn large_text_normalizes_without_trouble() {
    // ~5 MB of the raw Meuse release, repeated: linear time, no panic.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/meuse-ctsm-2023.raw.txt");
    let one = std::fs::read_to_string(path).unwrap();
    let big = one.repeat(5_000_000 / one.len() + 1);
    let raw = ingest::read("big.txt", big.as_bytes(), &IngestOptions::default()).unwrap();
    let doc = normalize::normalize(&raw);
    let per_copy = norm_file("meuse-ctsm-2023.raw.txt").lines.len();
    assert!(
        doc.lines.len() >= per_copy * (5_000_000 / one.len()),
        "{}",
        doc.lines.len()
    );
}

#[test]
#[ignore = "debug dump: PTSM_DUMP=file cargo test -- --ignored dump"]
fn dump() {
    let name = std::env::var("PTSM_DUMP").unwrap_or_else(|_| "meuse-ctsm-2023.raw.txt".into());
    let d = norm_file(&name);
    for (l, t) in d.lines.iter().zip(logical(&d)) {
        println!(
            "{}{} | {t}",
            if l.gap_before { "+" } else { " " },
            d.origins_of(l).first().map_or(0, |o| o.source_line)
        );
    }
}

#[test]
#[ignore = "measurement: cargo test --release --test integration throughput -- --ignored --nocapture"]
fn throughput() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/meuse-ctsm-2023.raw.txt");
    let one = std::fs::read_to_string(path).unwrap();
    let big = one.repeat(50_000_000 / one.len() + 1);
    let mb = big.len() as f64 / 1e6;
    let t = std::time::Instant::now();
    let raw = ingest::read("big.txt", big.as_bytes(), &IngestOptions::default()).unwrap();
    let t_ingest = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let doc = normalize::normalize(&raw);
    let t_norm = t.elapsed().as_secs_f64();
    println!(
        "{mb:.1} MB: ingest {t_ingest:.2} s ({:.0} MB/s), normalize {t_norm:.2} s ({:.0} MB/s), {} logical lines",
        mb / t_ingest,
        mb / t_norm,
        doc.lines.len()
    );
    assert!(!doc.lines.is_empty());
}

/// Share of the expected logical lines found, exactly, among the logical
/// lines of `got`.
fn line_recall(got: &NormDoc, expected: &NormDoc) -> (usize, usize) {
    let have: std::collections::HashSet<&str> = logical(got).into_iter().collect();
    let want = logical(expected);
    (
        want.iter().filter(|l| have.contains(*l)).count(),
        want.len(),
    )
}

#[test]
#[ignore = "measurement: cargo test --test integration poppler_reflow -- --ignored --nocapture"]
fn poppler_reflow_recall() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pdf-corpus/reference"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        crate::skip::skip("poppler_reflow_recall", &format!("{dir} is absent"));
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdftotext.txt"))
        .collect();
    names.sort();
    let (mut found, mut total) = (0, 0);
    for name in names {
        let stem = name.trim_end_matches(".pdftotext.txt");
        let Ok(expected) = std::fs::read(format!("{dir}/{stem}.expected.txt")) else {
            continue;
        };
        let Ok(got) = std::fs::read(format!("{dir}/{name}")) else {
            continue;
        };
        let opts = IngestOptions::default();
        let (Ok(e), Ok(g)) = (
            ingest::read("e.txt", &expected, &opts),
            ingest::read("g.txt", &got, &opts),
        ) else {
            continue;
        };
        // The expected texts hold one paragraph per line: take their lines
        // as they are (cleaned), not reflowed.
        let mut en = normalize::normalize(&e);
        let exp_lines: Vec<String> = String::from_utf8_lossy(&expected)
            .lines()
            .map(|l| {
                normalize::french::guillemet_spacing(&normalize::french::clean_line(l)).into_owned()
            })
            .filter(|l| !l.is_empty())
            .collect();
        en.text = exp_lines.join("\n");
        let mut at = 0;
        en.lines = exp_lines
            .iter()
            .map(|l| {
                let r = at..at + l.len();
                at = r.end + 1;
                normalize::NormLine {
                    range: r,
                    ..Default::default()
                }
            })
            .collect();
        let gn = normalize::normalize(&g);
        let (f, t) = line_recall(&gn, &en);
        if std::env::var("PTSM_MISSES").is_ok_and(|v| stem.contains(&v)) {
            let have: std::collections::HashSet<&str> = logical(&gn).into_iter().collect();
            for l in logical(&en).iter().filter(|l| !have.contains(*l)) {
                println!("  missing: {l}");
            }
            for l in logical(&gn) {
                println!("  got: {l}");
            }
        }
        println!(
            "{stem:50} {f:3}/{t:3} lines ({:.0} %)",
            100.0 * f as f64 / t as f64
        );
        found += f;
        total += t;
    }
    println!(
        "total {found}/{total} ({:.1} %)",
        100.0 * found as f64 / total.max(1) as f64
    );
}
