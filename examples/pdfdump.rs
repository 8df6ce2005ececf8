//! Debug tool: prints the text of a PDF as `ptsm text` will (pages
//! separated by form feeds), its laid-out lines with their boxes with
//! `--lines` (an empty line is a block boundary), or its raw glyphs with
//! `--glyphs` (then the rulings drawn: lines and filled rectangles).
//!
//! Usage: `cargo run --example pdfdump -- [--glyphs|--lines] [--password PW] FILE.pdf`

use std::process::ExitCode;

use ptsm::ingest::IngestOptions;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut opts = IngestOptions::default();
    let mut glyphs = false;
    let mut lines = false;
    let mut file = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--glyphs" => glyphs = true,
            "--lines" => lines = true,
            "--password" => opts.password = args.next(),
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: pdfdump [--glyphs|--lines] [--password PW] FILE.pdf");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if glyphs {
        match ptsm::ingest::pdf::glyphs(&bytes, &opts) {
            Ok((pages, warnings)) => {
                for p in pages {
                    println!("page {} bbox {:?}", p.number, p.bbox);
                    for g in p.glyphs {
                        println!(
                            "{:8.2} {:8.2} w{:6.2} s{:5.2} f{} d{} {}{:?}",
                            g.x,
                            g.y,
                            g.width,
                            g.size,
                            g.font,
                            g.dir,
                            if g.space { "_" } else { " " },
                            g.text
                        );
                    }
                    for r in p.rules {
                        println!(
                            "rule {:8.2} {:8.2} {:8.2} {:8.2}{}",
                            r.bbox[0],
                            r.bbox[1],
                            r.bbox[2],
                            r.bbox[3],
                            if r.filled { " filled" } else { "" }
                        );
                    }
                }
                for w in warnings {
                    eprintln!(
                        "warning {}: {} (page {:?})",
                        w.code, w.message, w.location.page
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                ExitCode::FAILURE
            }
        }
    } else {
        match ptsm::ingest::read(&file, &bytes, &opts) {
            Ok(doc) if lines => {
                for p in &doc.pages {
                    println!("page {}", p.number);
                    for l in &p.lines {
                        match l.bbox {
                            Some([x0, y0, x1, y1]) => {
                                println!("{x0:7.1} {y0:7.1} {x1:7.1} {y1:7.1}  {}", l.text)
                            }
                            None => println!("{}", l.text),
                        }
                    }
                }
                ExitCode::SUCCESS
            }
            Ok(doc) => {
                let pages: Vec<String> = doc
                    .pages
                    .iter()
                    .map(|p| {
                        p.lines
                            .iter()
                            .map(|l| l.text.as_str())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect();
                print!("{}", pages.join("\n\u{c}"));
                println!();
                for w in doc.warnings {
                    eprintln!(
                        "warning {}: {} (page {:?})",
                        w.code, w.message, w.location.page
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
