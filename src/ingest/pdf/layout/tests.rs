//! Tests of the layout steps, through [`super::layout`].

use super::*;
use crate::ingest::pdf::Glyph;
use crate::model::FurnitureKind;

/// Glyphs of `s` at 0.5 em advance from x, with `gap` extra between
/// letters; spaces are drawn as space glyphs.
fn run(s: &str, x: f32, y: f32, size: f32, gap: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut cx = x;
    for c in s.chars() {
        let w = 0.5 * size;
        out.push(Glyph {
            text: c.to_string().into(),
            x: cx,
            y,
            width: w,
            size,
            font: 0,
            dir: 0,
            space: c == ' ',
        });
        cx += w + gap;
    }
    out
}

fn page(number: u32, glyphs: Vec<Glyph>) -> PageGlyphs {
    PageGlyphs {
        number,
        bbox: [0.0, 0.0, 595.0, 842.0],
        glyphs,
        rules: Vec::new(),
    }
}

fn texts(p: &RawPage) -> Vec<&str> {
    p.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn gaps_without_space_glyphs_become_spaces() {
    let mut g = run("Bonjour", 100.0, 500.0, 10.0, 0.0);
    g.extend(run("monde", 100.0 + 35.0 + 3.0, 500.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["Bonjour monde"]);
}

#[test]
fn letter_spaced_label_is_one_word() {
    let mut g = run("COMMUNIQUE", 100.0, 700.0, 10.0, 2.5);
    let end = g.last().map_or(0.0, |g| g.x + g.width);
    g.extend(run(" DE", end + 2.5, 700.0, 10.0, 2.5));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["COMMUNIQUE DE"]);
}

#[test]
fn letter_spacing_survives_a_kerning_pair() {
    // Chromium's "P R E S S E": 2 pt letter-spacing, but the "SS" pair
    // is kerned to 1.5 pt, under the word-gap threshold (1.8 pt).
    let mut g = Vec::new();
    let mut x = 341.0;
    for (c, gap) in [
        ("P", 2.0),
        ("R", 2.0),
        ("E", 2.0),
        ("S", 1.5),
        ("S", 2.0),
        ("E", 0.0),
    ] {
        g.extend(run(c, x, 715.0, 12.0, 0.0));
        x += 6.0 + gap;
    }
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["PRESSE"]);
}

#[test]
fn single_digits_at_word_spacing_stay_apart() {
    // LaTeX draws no space glyphs: "1 2 3 Enfant propose" has the same
    // gaps between the digits as between the words.
    let mut g = Vec::new();
    let mut x = 87.0;
    for w in ["1", "2", "3", "Enfant", "propose", ":"] {
        g.extend(run(w, x, 655.0, 10.9, 0.0));
        x += 5.45 * w.chars().count() as f32 + 3.6;
    }
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["1 2 3 Enfant propose :"]);
}

#[test]
fn a_space_glyph_drawn_over_is_no_space() {
    // groff: "av", a space glyph, then "ec" drawn back over the space.
    let mut g = run("av", 75.9, 248.6, 10.0, 0.0);
    g.extend(run(" ", 84.9, 248.6, 10.0, 0.0));
    g.extend(run("ec des", 85.0, 248.6, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["avec des"]);
}

#[test]
fn kerned_ellipsis_and_french_thin_spaces() {
    // LaTeX's \textellipsis: periods 0.17 em apart, the last one
    // followed by a parenthesis.
    let mut g = run("psychiatrie.", 100.0, 500.0, 10.0, 0.0);
    g.extend(run(".", 161.7, 500.0, 10.0, 0.0));
    g.extend(run(".)", 168.4, 500.0, 10.0, 0.0));
    // A 0.13 em thin space before a semicolon (XeLaTeX, babel french).
    g.extend(run("avancées", 100.0, 480.0, 10.0, 0.0));
    g.extend(run(";", 141.3, 480.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    let lines: Vec<&str> = texts(&pages[0])
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(lines, ["psychiatrie...)", "avancées ;"]);
}

#[test]
fn a_small_size_change_between_uniform_lines_starts_a_block() {
    let mut g = run(
        "Projets territoriaux de santé mentale",
        72.0,
        769.0,
        13.0,
        0.0,
    );
    g.extend(run(
        "route annuelles de chaque territoire",
        72.0,
        753.0,
        13.0,
        0.0,
    ));
    g.extend(run("Communiqué de presse", 72.0, 735.4, 12.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(
        texts(&pages[0]),
        [
            "Projets territoriaux de santé mentale",
            "route annuelles de chaque territoire",
            "",
            "Communiqué de presse"
        ]
    );
}

#[test]
fn fake_bold_duplicates_are_dropped() {
    let mut g = run("Titre", 100.0, 700.0, 12.0, 0.0);
    g.extend(run("Titre", 100.3, 700.0, 12.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["Titre"]);
}

#[test]
fn rows_of_rule_characters_are_dropped() {
    let mut g = run("Un financement dédié", 72.0, 700.0, 10.0, 0.0);
    g.extend(run("====================", 72.0, 688.0, 10.0, 0.0));
    g.extend(run("---------- ----------", 72.0, 676.0, 10.0, 0.0));
    g.extend(run("Note -- ---- fin", 72.0, 664.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(
        texts(&pages[0]),
        ["Un financement dédié", "", "Note -- ---- fin"]
    );
}

#[test]
fn latex_logo_stays_one_word() {
    // L, a small raised A, T, a lowered E, X.
    let mut g = run("L", 100.0, 500.0, 10.0, 0.0);
    g.extend(run("A", 103.6, 502.2, 7.0, 0.0));
    g.extend(run("T", 107.0, 500.0, 10.0, 0.0));
    g.extend(run("E", 112.0, 497.8, 10.0, 0.0));
    g.extend(run("X", 117.0, 500.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["LATEX"]);
}

#[test]
fn superscript_stays_on_its_line() {
    let mut g = run("le 1", 100.0, 500.0, 10.0, 0.0);
    g.extend(run("er", 120.0, 503.5, 6.0, 0.0));
    g.extend(run(" mars", 126.0, 500.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&pages[0]), ["le 1er mars"]);
}

#[test]
fn paragraphs_are_separated_by_an_empty_line_and_keep_hyphens() {
    let mut g = Vec::new();
    g.extend(run("Une ligne qui se coupe au mi-", 72.0, 700.0, 10.0, 0.0));
    g.extend(run("lieu du mot.", 72.0, 688.0, 10.0, 0.0));
    g.extend(run("Autre paragraphe.", 72.0, 664.0, 10.0, 0.0));
    let Layout { pages, .. } = layout(&[page(1, g)]);
    assert_eq!(
        texts(&pages[0]),
        [
            "Une ligne qui se coupe au mi-",
            "lieu du mot.",
            "",
            "Autre paragraphe."
        ]
    );
    assert!(pages[0].lines[0].bbox.is_some());
}

#[test]
fn two_columns_are_read_column_by_column() {
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 700.0 - 12.0 * k as f32;
        // 36 characters (180 pt) per column line, a 20 pt gutter.
        g.extend(run(
            &format!("gauche ligne {k} du texte en colonne"),
            72.0,
            y,
            10.0,
            0.0,
        ));
        g.extend(run(
            &format!("droite ligne {k} du texte en colonne"),
            272.0,
            y,
            10.0,
            0.0,
        ));
    }
    let Layout { pages, .. } = layout(&[page(1, g)]);
    let t = texts(&pages[0]);
    let pos = |s: &str| t.iter().position(|l| l.starts_with(s));
    assert!(pos("gauche ligne 5").is_some(), "{t:?}");
    assert!(pos("gauche ligne 5") < pos("droite ligne 0"), "{t:?}");
    // The left column's last line is full and unpunctuated: the text
    // goes on at the top of the right column, no block boundary.
    assert_eq!(t.len(), 12, "{t:?}");
}

/// Lines (text, x, baseline) at size 10, 0.5 em per character.
fn lines_at(lines: &[(&str, f32, f32)]) -> Vec<String> {
    let g = lines
        .iter()
        .flat_map(|(t, x, y)| run(t, *x, *y, 10.0, 0.0))
        .collect();
    let Layout { pages, .. } = layout(&[page(1, g)]);
    texts(&pages[0]).iter().map(|s| s.to_string()).collect()
}

#[test]
fn paragraph_spacing_a_little_above_the_line_pitch_separates_items() {
    // Wrapped lines 12 pt apart, one-line items 14 pt apart (a word
    // processor's "space after" of 2 pt): each item is its own block.
    let wide = "Mettre en place une dynamique collective territoriale pour";
    let t = lines_at(&[
        (wide, 72.0, 700.0),
        ("diminuer les hospitalisations", 72.0, 688.0),
        ("Psychotraumatisme : offre jeune", 72.0, 674.0),
        ("Réhabilitation par le logement", 72.0, 660.0),
        (wide, 72.0, 646.0),
        ("encore une ligne", 72.0, 634.0),
    ]);
    assert_eq!(
        t,
        [
            wide,
            "diminuer les hospitalisations",
            "",
            "Psychotraumatisme : offre jeune",
            "",
            "Réhabilitation par le logement",
            "",
            wide,
            "encore une ligne"
        ]
    );
}

#[test]
fn a_line_ending_short_of_the_column_ends_its_paragraph() {
    // Same pitch everywhere; "Intégration" would have fitted after the
    // short line, so the break was the author's. "hospitalisations"
    // would not have fitted after the full line: a wrap.
    let wide = "Mettre en place une dynamique collective territoriale pour";
    let t = lines_at(&[
        (wide, 72.0, 700.0),
        ("hospitalisations au long cours", 72.0, 688.0),
        ("Intégration des IPA", 72.0, 676.0),
        (wide, 72.0, 664.0),
        ("fin", 72.0, 652.0),
    ]);
    assert_eq!(
        t,
        [
            wide,
            "hospitalisations au long cours",
            "",
            "Intégration des IPA",
            "",
            wide,
            "fin"
        ]
    );
}

#[test]
fn justified_text_breaks_where_a_body_line_stops_short() {
    // Justified: every wrap reaches x = 372 exactly. "Tréport" stops
    // 15 pt short although "Déploiement" would not have fitted there.
    let full = "Ligne justifiée qui atteint le bord droit";
    let mut rows = Vec::new();
    for k in 0..6 {
        rows.push((full, 72.0, 700.0 - 24.0 * k as f32));
        rows.push(("suite en minuscules", 72.0, 688.0 - 24.0 * k as f32));
    }
    // 38 characters: ends at 262, 15 pt short of the edge.
    rows.push(("Mise en place d’un GEM sur Eu/Le Trépo", 72.0, 550.0));
    rows.push(("Déploiement des directives", 72.0, 538.0));
    // 41 characters at 5 pt: 205 pt wide, from 72 to 277.
    let full_w = 72.0 + 0.5 * 10.0 * full.chars().count() as f32;
    assert!((full_w - 277.0).abs() < 0.01);
    let t = lines_at(&rows);
    let k = t.iter().position(|l| l.starts_with("Déploiement")).unwrap();
    assert_eq!(t[k - 1], "", "{t:?}");
}

#[test]
fn indented_list_items_stay_in_one_column() {
    let mut g = Vec::new();
    for k in 0..5 {
        let y = 700.0 - 14.0 * k as f32;
        g.extend(run("→", 80.0, y, 10.0, 0.0));
        g.extend(run(
            &format!("action numéro {k} du groupe"),
            100.0,
            y,
            10.0,
            0.0,
        ));
    }
    let Layout { pages, .. } = layout(&[page(1, g)]);
    let t = texts(&pages[0]);
    assert_eq!(
        t.first().copied(),
        Some("→ action numéro 0 du groupe"),
        "{t:?}"
    );
}

#[test]
fn running_footer_and_page_numbers_become_furniture() {
    let pages: Vec<PageGlyphs> = (1..=3)
        .map(|n| {
            let mut g = run("Corps du texte de la page.", 72.0, 700.0, 10.0, 0.0);
            g.extend(run(
                &format!("CTSM de la Meuse – page {n} sur 3"),
                72.0,
                40.0,
                9.0,
                0.0,
            ));
            g.extend(run(&format!("{n}"), 500.0, 800.0, 9.0, 0.0));
            page(n, g)
        })
        .collect();
    let Layout {
        pages: raw,
        furniture: furn,
        ..
    } = layout(&pages);
    for p in &raw {
        assert_eq!(texts(p), ["Corps du texte de la page."]);
    }
    assert_eq!(furn.len(), 6);
    assert!(furn.iter().any(|f| f.kind == FurnitureKind::Footer
        && f.page == 2
        && f.text == "CTSM de la Meuse – page 2 sur 3"));
    assert!(furn
        .iter()
        .any(|f| f.kind == FurnitureKind::PageNumber && f.page == 3 && f.text == "3"));
}

#[test]
fn a_page_and_its_copy_have_no_running_header() {
    // An invoice and its duplicate: everything repeats, nothing is
    // furniture (but a page number still is).
    let pages: Vec<PageGlyphs> = (1..=2)
        .map(|n| {
            let mut g = run("Faktura nr FV 1/2021", 380.0, 800.0, 10.0, 0.0);
            g.extend(run("Sprzedawca Test itp", 72.0, 600.0, 10.0, 0.0));
            g.extend(run("Wydruk pochodzi z systemu", 240.0, 20.0, 6.0, 0.0));
            page(n, g)
        })
        .collect();
    let Layout {
        pages: raw,
        furniture: furn,
        ..
    } = layout(&pages);
    assert!(furn.is_empty(), "{furn:?}");
    assert_eq!(texts(&raw[1])[0], "Faktura nr FV 1/2021");
}

#[test]
fn a_running_header_stays_at_one_place() {
    // The title of page 1 has the words of the running header of the
    // next pages, but lower on the page: it is not furniture.
    let pages: Vec<PageGlyphs> = (1..=3)
        .map(|n| {
            let mut g = Vec::new();
            if n == 1 {
                g.extend(run("Communiqué de presse", 240.0, 735.0, 12.0, 0.0));
            } else {
                g.extend(run("Communiqué de presse", 430.0, 800.0, 10.0, 0.0));
            }
            g.extend(run(
                &format!("Texte de la page {n}."),
                72.0,
                600.0,
                10.0,
                0.0,
            ));
            page(n, g)
        })
        .collect();
    let Layout {
        pages: raw,
        furniture: furn,
        ..
    } = layout(&pages);
    assert_eq!(texts(&raw[0])[0], "Communiqué de presse");
    assert_eq!(furn.len(), 2, "{furn:?}");
    assert!(furn
        .iter()
        .all(|f| f.page > 1 && f.kind == FurnitureKind::Header));
}

#[test]
fn axis_labels_are_not_page_numbers() {
    // A chart's x axis along the bottom edge, and the bottom of its y
    // axis: numbers, but several at one edge, and 0 is never a page.
    let mut g = Vec::new();
    for (k, t) in ["0", "2", "4", "6", "8"].iter().enumerate() {
        g.extend(run(t, 33.0 + 72.0 * k as f32, 9.0, 10.0, 0.0));
    }
    g.extend(run("0", 7.0, 32.0, 10.0, 0.0));
    g.extend(run("8", 7.0, 247.0, 10.0, 0.0));
    let Layout {
        pages: raw,
        furniture: furn,
        ..
    } = layout(&[PageGlyphs {
        number: 1,
        bbox: [0.0, 0.0, 388.0, 300.0],
        glyphs: g,
        rules: Vec::new(),
    }]);
    assert!(furn.is_empty(), "{furn:?}");
    assert_eq!(
        texts(&raw[0])
            .join(" ")
            .split(' ')
            .filter(|w| !w.is_empty())
            .count(),
        7
    );
    // A lone 0 at the foot of a page is not a page number either.
    let Layout {
        furniture: furn, ..
    } = layout(&[page(1, run("0", 300.0, 30.0, 10.0, 0.0))]);
    assert!(furn.is_empty(), "{furn:?}");
}

#[test]
fn long_page_numbers_in_sequence_are_furniture() {
    // Journal pages 1572, 1573, 1574: four digits, but they follow the
    // page index; a year at the foot of one page does not.
    let pages: Vec<PageGlyphs> = (1..=3)
        .map(|n| {
            let mut g = run(&format!("{}", 1571 + n), 520.0, 800.0, 9.0, 0.0);
            g.extend(run("Corps du texte.", 72.0, 600.0, 10.0, 0.0));
            page(n, g)
        })
        .collect();
    let Layout {
        furniture: furn, ..
    } = layout(&pages);
    assert_eq!(furn.len(), 3, "{furn:?}");
    assert!(furn.iter().all(|f| f.kind == FurnitureKind::PageNumber));
    let mut g = run("Corps du texte.", 72.0, 600.0, 10.0, 0.0);
    g.extend(run("2023", 300.0, 30.0, 10.0, 0.0));
    let Layout {
        furniture: furn, ..
    } = layout(&[page(1, g)]);
    assert!(furn.is_empty(), "{furn:?}");
}

#[test]
fn single_page_keeps_its_last_line_unless_it_is_a_number() {
    let mut g = run("Texte.", 72.0, 700.0, 10.0, 0.0);
    g.extend(run("Fin du communiqué", 72.0, 50.0, 10.0, 0.0));
    let Layout {
        pages: raw,
        furniture: furn,
        ..
    } = layout(&[page(1, g)]);
    assert_eq!(texts(&raw[0]), ["Texte.", "", "Fin du communiqué"]);
    assert!(furn.is_empty());
}

#[test]
fn page_number_forms() {
    for s in [
        "1",
        "page 3",
        "3 / 5",
        "Page 2 sur 3",
        "- 2 -",
        "4/5",
        "p. 7",
    ] {
        assert!(is_page_number(s), "{s}");
    }
    for s in ["2023", "12345", "Page de garde", "1 2 3 Enfant", ""] {
        assert!(!is_page_number(s), "{s}");
    }
}

#[test]
fn arabic_visual_order_becomes_logical() {
    // "سلام عليكم" drawn in visual order: the last word leftmost, each
    // word's letters reversed.
    let mut g = run("مكيلع", 100.0, 500.0, 10.0, 0.0);
    g.extend(run("مالس", 130.0, 500.0, 10.0, 0.0));
    let Layout { pages: raw, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&raw[0]), ["سلام عليكم"]);
}

#[test]
fn rotated_glyphs_are_laid_out_in_their_own_frame() {
    let g: Vec<Glyph> = run("Vertical", 0.0, 0.0, 10.0, 0.0)
        .into_iter()
        .map(|mut g| {
            // Baseline going up the page at x = 50.
            g.y = 100.0 + g.x;
            g.x = 50.0;
            g.dir = 90;
            g
        })
        .collect();
    let Layout { pages: raw, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&raw[0]), ["Vertical"]);
}

#[test]
fn wide_gap_between_short_phrases_is_a_table_not_columns() {
    let mut g = Vec::new();
    for k in 0..4 {
        let y = 700.0 - 100.0 * k as f32;
        g.extend(run("Hello", 100.0, y, 24.0, 0.0));
        g.extend(run("World", 260.0, y, 24.0, 0.0));
    }
    let Layout { pages: raw, .. } = layout(&[page(1, g)]);
    let t: Vec<&str> = texts(&raw[0])
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(t, ["Hello World"; 4]);
}

/// poppler writes Arabic words reversed (visual order); ptsm must give
/// logical order: the first word of the file read right to left.
#[test]
fn arabic_file_reads_in_logical_order() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pdf-corpus/real/sf-habibi-arabic.pdf"
    );
    let Ok(bytes) = std::fs::read(path) else {
        println!("skipped: {path} is absent");
        return;
    };
    let doc = match crate::ingest::read(path, &bytes, &crate::IngestOptions::default()) {
        Ok(d) => d,
        Err(e) => panic!("{path}: {e}"),
    };
    let text: String = doc
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // "حَبيبي" (habibi) in logical order; poppler gives "يبيبَح".
    assert!(text.contains("ح\u{64e}بيبي"), "{text}");
    assert!(!text.contains("يبيبَح"), "{text}");
}

#[test]
fn oversized_font_sizes_are_rescaled_from_advances() {
    // Advances of 5 pt but a reported size of 60 (a Type 3 font):
    // two lines 10 pt apart must stay two lines.
    let big = |mut g: Glyph| {
        g.size = 60.0;
        g
    };
    let mut g: Vec<Glyph> = run("Booked and", 36.0, 582.0, 10.0, 0.0)
        .into_iter()
        .map(big)
        .collect();
    g.extend(run("interest", 36.0, 572.0, 10.0, 0.0).into_iter().map(big));
    let Layout { pages: raw, .. } = layout(&[page(1, g)]);
    assert_eq!(texts(&raw[0]), ["Booked and", "interest"]);
}

#[test]
fn garbage_coordinates_do_not_panic() {
    let mut g = run("abc", f32::NAN, 10.0, 0.0, 0.0);
    g.extend(run("def", 10.0, f32::INFINITY, -3.0, 0.0));
    g.extend(run("ghi", 1e30, -1e30, 1e30, 0.0));
    let _ = layout(&[page(1, g), page(2, Vec::new())]);
}

/// The rulings of a grid: horizontal lines at `ys` and vertical lines at
/// `xs`, each across the whole grid (stroked, 0.5 pt).
fn grid_rules(xs: &[f32], ys: &[f32]) -> Vec<crate::ingest::pdf::Rule> {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (y0, y1) = (ys[ys.len() - 1], ys[0]);
    let mut out = Vec::new();
    for &y in ys {
        out.push(crate::ingest::pdf::Rule {
            bbox: [x0, y - 0.25, x1, y + 0.25],
            filled: false,
        });
    }
    for &x in xs {
        out.push(crate::ingest::pdf::Rule {
            bbox: [x - 0.25, y0, x + 0.25, y1],
            filled: false,
        });
    }
    out
}

/// A ruled label/value table: two columns, a row per label.
fn fiche_page(number: u32, rows: &[(&str, &[&str])], top: f32) -> PageGlyphs {
    let mut g = Vec::new();
    let mut ys = vec![top];
    let mut y = top;
    for (label, value) in rows {
        let h = 4.0 + 12.0 * value.len().max(1) as f32;
        g.extend(run(label, 76.0, y - 12.0, 10.0, 0.0));
        for (k, line) in value.iter().enumerate() {
            g.extend(run(line, 206.0, y - 12.0 - 12.0 * k as f32, 10.0, 0.0));
        }
        y -= h;
        ys.push(y);
    }
    let mut p = page(number, g);
    p.rules = grid_rules(&[72.0, 200.0, 520.0], &ys);
    p
}

#[test]
fn a_ruled_table_becomes_rows_of_tab_separated_cells() {
    let mut p = fiche_page(
        1,
        &[
            ("Pilote", &["CH de Moulins"]),
            (
                "Partenaires",
                &["SAMU 03, SDIS 03,", "médecins généralistes"],
            ),
            ("Calendrier", &["2021-2022"]),
        ],
        700.0,
    );
    p.glyphs
        .extend(run("Texte avant le tableau.", 72.0, 740.0, 10.0, 0.0));
    p.glyphs
        .extend(run("Texte après le tableau.", 72.0, 600.0, 10.0, 0.0));
    let out = layout(&[p]);
    assert_eq!(
        texts(&out.pages[0]),
        [
            "Texte avant le tableau.",
            "",
            "Pilote\tCH de Moulins",
            "Partenaires\tSAMU 03, SDIS 03, médecins généralistes",
            "Calendrier\t2021-2022",
            "",
            "Texte après le tableau."
        ]
    );
    let t = &out.tables[0];
    assert_eq!((t.cols, t.rows.len(), t.regions.len()), (2, 3, 1));
    let cell = &t.rows[1].cells[1];
    assert_eq!(
        cell.parts[0].lines,
        ["SAMU 03, SDIS 03,", "médecins généralistes"]
    );
    assert_eq!((cell.col, cell.colspan, cell.rowspan), (1, 1, 1));
    assert_eq!(out.pages[0].lines[2].table.map(|r| r.row), Some(0));
}

#[test]
fn a_table_split_by_a_page_break_is_one_table() {
    // The row "Partenaires" starts at the foot of page 1 and ends at the
    // top of page 2, where the label column is empty.
    let p1 = fiche_page(
        1,
        &[
            ("Pilote", &["CH de Moulins"]),
            ("Partenaires", &["SAMU 03, SDIS 03,"]),
        ],
        100.0,
    );
    let mut p2 = fiche_page(
        2,
        &[("", &["médecins généralistes"]), ("Calendrier", &["2021"])],
        780.0,
    );
    p2.glyphs
        .extend(run("Suite du document.", 72.0, 500.0, 10.0, 0.0));
    let mut p1 = p1;
    p1.glyphs
        .extend(run("Fiche action 4", 72.0, 300.0, 10.0, 0.0));
    let out = layout(&[p1, p2]);
    assert_eq!(out.tables.len(), 1, "{:?}", out.tables);
    let t = &out.tables[0];
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.regions.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2]);
    let split = &t.rows[1].cells[1];
    assert_eq!(split.parts.len(), 2);
    assert_eq!(split.parts[1].page, 2);
    assert_eq!(
        texts(&out.pages[0]),
        [
            "Fiche action 4",
            "",
            "Pilote\tCH de Moulins",
            "Partenaires\tSAMU 03, SDIS 03, médecins généralistes"
        ]
    );
    assert_eq!(
        texts(&out.pages[1]),
        ["Calendrier\t2021", "", "Suite du document."]
    );
}

#[test]
fn boxes_that_are_no_table_stay_text() {
    // A framed paragraph (one column), a row of boxes (a page header) and
    // the axes of a chart crossing in the middle of their labels.
    let mut p = page(1, run("Encadré de texte seul.", 80.0, 700.0, 10.0, 0.0));
    p.rules = grid_rules(&[72.0, 300.0], &[715.0, 690.0]);
    p.glyphs.extend(run("Date", 80.0, 800.0, 10.0, 0.0));
    p.glyphs.extend(run("Titre", 200.0, 800.0, 10.0, 0.0));
    p.rules
        .extend(grid_rules(&[72.0, 150.0, 400.0], &[815.0, 790.0]));
    for (t, x, y) in [
        ("4", 100.0, 450.0),
        ("2", 250.0, 450.0),
        ("-2", 100.0, 350.0),
    ] {
        p.glyphs.extend(run(t, x, y, 10.0, 0.0));
    }
    p.rules.push(crate::ingest::pdf::Rule {
        bbox: [80.0, 399.75, 400.0, 400.25],
        filled: false,
    });
    p.rules.push(crate::ingest::pdf::Rule {
        bbox: [199.75, 300.0, 200.25, 500.0],
        filled: false,
    });
    let out = layout(&[p]);
    assert!(out.tables.is_empty(), "{:?}", out.tables);
    assert!(out.pages[0].lines.iter().all(|l| l.table.is_none()));
}

#[test]
fn cells_drawn_as_filled_rectangles_make_a_table() {
    // Shaded cells with white gaps between them, and a padding rectangle
    // inside one of them (HTML converters draw both).
    let mut p = page(1, Vec::new());
    let cells = [
        ([72.0, 680.0, 200.0, 700.0], "Axe"),
        ([201.0, 680.0, 500.0, 700.0], "Prévenir"),
        ([72.0, 659.0, 200.0, 679.0], "Pilote"),
        ([201.0, 659.0, 500.0, 679.0], "IREPS"),
    ];
    for (b, t) in cells {
        p.glyphs.extend(run(t, b[0] + 4.0, b[1] + 6.0, 10.0, 0.0));
        p.rules.push(crate::ingest::pdf::Rule {
            bbox: b,
            filled: true,
        });
    }
    p.rules.push(crate::ingest::pdf::Rule {
        bbox: [206.0, 682.0, 495.0, 698.0],
        filled: true,
    });
    let out = layout(&[p]);
    assert_eq!(texts(&out.pages[0]), ["Axe\tPrévenir", "Pilote\tIREPS"]);
}

#[test]
fn words_aligned_in_columns_make_an_unruled_table() {
    // A header over a rule, then rows of a label and two numbers.
    let mut g = run("Territoire", 72.0, 700.0, 10.0, 0.0);
    g.extend(run("Groupes", 260.0, 700.0, 10.0, 0.0));
    g.extend(run("Actions", 360.0, 700.0, 10.0, 0.0));
    for (k, (t, a, b)) in [
        ("Orne", "8", "5"),
        ("Calvados", "7", "12"),
        ("Manche", "8", "10"),
        ("Eure", "6", "9"),
    ]
    .iter()
    .enumerate()
    {
        let y = 684.0 - 14.0 * k as f32;
        g.extend(run(t, 72.0, y, 10.0, 0.0));
        g.extend(run(a, 280.0, y, 10.0, 0.0));
        g.extend(run(b, 380.0, y, 10.0, 0.0));
    }
    g.extend(run("Une phrase après le tableau.", 72.0, 600.0, 10.0, 0.0));
    let mut p = page(1, g);
    p.rules.push(crate::ingest::pdf::Rule {
        bbox: [70.0, 694.0, 420.0, 694.5],
        filled: false,
    });
    let out = layout(&[p]);
    assert_eq!(
        texts(&out.pages[0]),
        [
            "Territoire\tGroupes\tActions",
            "Orne\t8\t5",
            "Calvados\t7\t12",
            "Manche\t8\t10",
            "Eure\t6\t9",
            "",
            "Une phrase après le tableau."
        ]
    );
    assert!(out.tables[0].rows[0].header);
    assert!(!out.tables[0].rows[1].header);
}

#[test]
fn two_columns_of_text_and_lists_are_no_table() {
    // Two columns of running text, then a list with its markers apart.
    let left = [
        "Les projets territoriaux de santé",
        "mentale sont élaborés par les acteurs",
        "du territoire et validés par l’agence",
        "régionale de santé après avis du",
    ];
    let right = [
        "conseil territorial de santé qui en",
        "suit la mise en œuvre chaque année",
        "avec les contrats territoriaux de",
        "santé mentale signés pour cinq ans.",
    ];
    let mut g = Vec::new();
    for k in 0..4 {
        let y = 700.0 - 12.0 * k as f32;
        g.extend(run(left[k], 72.0, y, 10.0, 0.0));
        g.extend(run(right[k], 272.0, y, 10.0, 0.0));
    }
    for k in 0..4 {
        let y = 600.0 - 12.0 * k as f32;
        g.extend(run("•", 80.0, y, 10.0, 0.0));
        g.extend(run(&format!("Action numéro {k}"), 100.0, y, 10.0, 0.0));
    }
    let out = layout(&[page(1, g)]);
    assert!(out.tables.is_empty(), "{:?}", out.tables);
}
