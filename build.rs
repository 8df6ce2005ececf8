//! Builds the gazetteer's look-up tables from the files in `data/` at
//! compile time, so that a process pays nothing for them at start-up
//! (see docs/benchmarks.md, "Start-up, one process per file").
//!
//! The names are keyed with the library's own `normalize::key` (the same
//! source file, compiled into this script), and each table is written as
//! a perfect-hash map (`phf`) into `$OUT_DIR/gazetteer_tables.rs`, which
//! `src/extract/gazetteer.rs` includes. The data stays in `data/`; what is
//! generated is only the keyed index of it, and it is rebuilt whenever a
//! data file changes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/normalize/key.rs"]
mod key;

#[path = "src/extract/gazetteer_forms.rs"]
mod forms;

use forms::strip_article_key;
use key::key;

const FILES: &[&str] = &[
    "data/departements.tsv",
    "data/departement-forms.tsv",
    "data/regions.tsv",
    "data/region-forms.tsv",
    "data/communes.tsv",
    "data/arrondissements.tsv",
    "data/prenoms.txt",
    "data/pays.tsv",
    "data/epci.tsv",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/normalize/key.rs");
    println!("cargo::rerun-if-changed=src/extract/gazetteer_forms.rs");
    for f in FILES {
        println!("cargo::rerun-if-changed={f}");
    }
    no_pie();
    let read = |name: &str| {
        std::fs::read_to_string(name).unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    };
    let mut out = String::new();
    places(
        &read("data/departements.tsv"),
        &read("data/departement-forms.tsv"),
        &read("data/regions.tsv"),
        &mut out,
    );
    communes(&read("data/communes.tsv"), &mut out);
    arrondissements(&read("data/arrondissements.tsv"), &mut out);
    first_names(&read("data/prenoms.txt"), &mut out);
    pays(&read("data/pays.tsv"), &mut out);
    epci(&read("data/epci.tsv"), &mut out);
    let dir = std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo");
    let path = Path::new(&dir).join("gazetteer_tables.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Links the `ptsm` binary as a position-dependent executable on Linux.
/// A position-independent one is relocated by the dynamic loader at every
/// start: some 90,000 pointers in its read-only data (string tables,
/// vtables, the gazetteer's tables) rewritten, each page of them copied on
/// write, which was a third of the CPU time of converting one small file.
/// Linked at a fixed address, the linker resolves them once. The code is
/// still compiled position-independent (the libraries are the same for
/// tests); only the executable loses address-space randomisation of its
/// own image, which a tool that reads files it is given can spare.
fn no_pie() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

/// The rows of a table: lines that are not comments nor blank, split at
/// tabs (as `gazetteer::rows` reads them).
fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// A Rust literal for `s`.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `&["a", "b"]`.
fn words_lit(words: &[String]) -> String {
    let inner: Vec<String> = words.iter().map(|w| lit(w)).collect();
    format!("&[{}]", inner.join(", "))
}

/// Writes `static NAME: phf::Map<&'static str, TYPE>` with `entries`.
fn write_map(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    mut entries: Vec<(String, String)>,
) {
    // In key order: the same source, hence the same binary, at every build.
    entries.sort();
    let mut map = phf_codegen::Map::new();
    map.phf_path("phf");
    for (k, v) in entries {
        map.entry(k, v);
    }
    let _ = writeln!(
        out,
        "{doc}\nstatic {name}: phf::Map<&'static str, {ty}> = {};\n",
        map.build()
    );
}

/// Sorts each first-word list longest phrase first, then by words (the
/// order in which look-ups try them).
fn sort_longest_first<T>(v: &mut [(Vec<String>, T)]) {
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
}

/// "meusien" → meusien, meusienne, meusiens, meusiennes.
fn demonym_forms(m: &str) -> Vec<String> {
    let fem = if m.ends_with("ien") || m.ends_with("éen") || m.ends_with("on") {
        format!("{m}ne")
    } else if m.ends_with("eau") {
        format!("{}elle", m.trim_end_matches("eau"))
    } else if m.ends_with('e') {
        m.to_string()
    } else {
        format!("{m}e")
    };
    let plural = |s: &str| {
        if s.ends_with('s') || s.ends_with('x') {
            s.to_string()
        } else if s.ends_with("eau") {
            format!("{s}x")
        } else {
            format!("{s}s")
        }
    };
    vec![m.to_string(), plural(m), plural(&fem), fem]
}

/// `NAMES` (every département name, other name, demonym form and region
/// name by key) and `BY_FIRST` (the same phrases by their first word).
/// Départements are numbered as `gazetteer::departements()` lists them:
/// the rows of departements.tsv that parse.
fn places(departements: &str, forms: &str, regions: &str, out: &mut String) {
    let split = |s: Option<&&str>| -> Vec<String> {
        s.map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
    };
    let forms: HashMap<&str, (Vec<String>, Vec<String>)> = rows(forms)
        .filter_map(|r| Some((*r.first()?, (split(r.get(1)), split(r.get(2))))))
        .collect();
    // (name, demonyms, other names) of each département, in list order.
    let depts: Vec<(&str, Vec<String>, Vec<String>)> = rows(departements)
        .filter_map(|r| {
            let code = *r.first()?;
            let name = *r.get(1)?;
            r.get(2)?.parse::<u8>().ok()?;
            r.get(3)?;
            let (demonyms, other_names) = forms.get(code).cloned().unwrap_or_default();
            Some((name, demonyms, other_names))
        })
        .collect();
    let regions: Vec<(&str, &str)> = rows(regions)
        .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
        .collect();
    let region_forms = region_forms();

    let mut names: HashMap<String, String> = HashMap::new();
    for (i, (name, _, other_names)) in depts.iter().enumerate() {
        let k = key(name);
        let v = format!("Place::Departement({i})");
        names.insert(k.clone(), v.clone());
        names.insert(strip_article_key(&k).to_string(), v.clone());
        for o in other_names {
            names.insert(key(o), v.clone());
        }
    }
    for (code, name) in &regions {
        let k = key(name);
        names
            .entry(strip_article_key(&k).to_string())
            .or_insert(format!("Place::Region({}, false)", lit(code)));
    }
    for (k, code) in &region_forms {
        names
            .entry(k.to_string())
            .or_insert(format!("Place::Region({}, true)", lit(code)));
    }
    for (i, (_, demonyms, _)) in depts.iter().enumerate() {
        for dem in demonyms {
            for form in demonym_forms(dem) {
                names
                    .entry(key(&form))
                    .or_insert(format!("Place::Demonym({i})"));
            }
        }
    }
    let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
    for (k, p) in &names {
        let words: Vec<String> = k.split(' ').map(str::to_string).collect();
        if let Some(first) = words.first() {
            by_first
                .entry(first.clone())
                .or_default()
                .push((words, p.clone()));
        }
    }
    write_map(
        out,
        "/// Key of every département name, other name, demonym (with its\n/// feminine and plural forms) and region name.",
        "NAMES",
        "Place",
        names.into_iter().collect(),
    );
    let entries = by_first
        .into_iter()
        .map(|(first, mut v)| {
            sort_longest_first(&mut v);
            let items: Vec<String> = v
                .iter()
                .map(|(w, p)| format!("({}, {p})", words_lit(w)))
                .collect();
            (first, format!("&[{}]", items.join(", ")))
        })
        .collect();
    write_map(
        out,
        "/// The phrases of [`NAMES`] by the key of their first word: (word\n/// keys, place), longest first.",
        "BY_FIRST",
        "Phrases<Place>",
        entries,
    );
}

/// `data/region-forms.tsv`: (key of the written form, region code).
fn region_forms() -> Vec<(String, String)> {
    let table = std::fs::read_to_string("data/region-forms.tsv")
        .expect("cannot read data/region-forms.tsv");
    rows(&table)
        .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.to_string())))
        .collect()
}

/// `COMMUNE_MAP`: communes by key, the most populated of homonyms (rows
/// are sorted by population).
fn communes(table: &str, out: &mut String) {
    let mut m: HashMap<String, String> = HashMap::new();
    for r in rows(table) {
        let (Some(name), Some(dep), Some(pop)) = (r.first(), r.get(1), r.get(2)) else {
            continue;
        };
        let population: u32 = pop.parse().unwrap_or(0);
        m.entry(key(name)).or_insert(format!(
            "Commune {{ departement: {}, population: {population} }}",
            lit(dep)
        ));
    }
    write_map(
        out,
        "/// Communes of 2,000 inhabitants or more by key; the most populated of\n/// homonyms.",
        "COMMUNE_MAP",
        "Commune",
        m.into_iter().collect(),
    );
}

/// `ARR_MAP`: the département of each arrondissement's chef-lieu, by key.
fn arrondissements(table: &str, out: &mut String) {
    // As a `collect` into a map: the last of homonyms wins.
    let m: HashMap<String, String> = rows(table)
        .filter_map(|r| Some((key(r.first()?), lit(r.get(1)?))))
        .collect();
    write_map(
        out,
        "/// The département of the arrondissement whose chef-lieu has this key.",
        "ARR_MAP",
        "&'static str",
        m.into_iter().collect(),
    );
}

/// `FIRST_NAMES`: the keys of the first names.
fn first_names(list: &str, out: &mut String) {
    let mut keys: Vec<String> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| key(l.trim()))
        .collect();
    keys.sort();
    keys.dedup();
    let mut set = phf_codegen::Set::new();
    set.phf_path("phf");
    for k in keys {
        set.entry(k);
    }
    let _ = writeln!(
        out,
        "/// The keys of French first names.\nstatic FIRST_NAMES: phf::Set<&'static str> = {};\n",
        set.build()
    );
}

/// `PAYS_BY_FIRST`: each written form of a pays by the key of its first
/// word: (form's word keys, row of the pays), longest forms first.
fn pays(table: &str, out: &mut String) {
    let mut m: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
    for (n, r) in rows(table).enumerate() {
        let forms = r.get(2).copied().unwrap_or("");
        for form in std::iter::once(r[0]).chain(forms.split('|').filter(|f| !f.is_empty())) {
            let words: Vec<String> = key(form).split(' ').map(str::to_string).collect();
            if let Some(first) = words.first() {
                m.entry(first.clone()).or_default().push((words, n));
            }
        }
    }
    let entries = m
        .into_iter()
        .map(|(first, mut v)| {
            sort_longest_first(&mut v);
            v.dedup();
            let items: Vec<String> = v
                .iter()
                .map(|(w, n)| format!("({}, {n})", words_lit(w)))
                .collect();
            (first, format!("&[{}]", items.join(", ")))
        })
        .collect();
    write_map(
        out,
        "/// Pays by the key of the first word of each written form: (form's\n/// word keys, row of the pays in `data/pays.tsv`), longest forms first.",
        "PAYS_BY_FIRST",
        "Phrases<usize>",
        entries,
    );
}

/// `EPCI_BY_FIRST`: intercommunalities by the key of the first word of
/// each of their names of two words or more (official name without its
/// kind, full name, short names; "et" left out): (word keys, name as written,
/// département of the seat), longest names first.
fn epci(table: &str, out: &mut String) {
    type Entry<'a> = (Vec<String>, (&'a str, &'a str));
    let mut m: HashMap<String, Vec<Entry>> = HashMap::new();
    for r in rows(table) {
        let (Some(name), Some(full), Some(shorts), Some(dep)) =
            (r.get(1), r.get(2), r.get(3), r.get(5))
        else {
            continue;
        };
        let bare = ["CU ", "CA ", "CC ", "EPT "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        // The full name too ("Communauté de communes des Savanes"): a
        // list of a département's intercommunalities writes them so.
        for form in [bare, full]
            .into_iter()
            .chain(shorts.split('|').filter(|f| !f.is_empty()))
        {
            let words: Vec<String> = key(form)
                .split(' ')
                .filter(|w| !w.is_empty() && *w != "et")
                .map(str::to_string)
                .collect();
            if words.len() < 2 {
                continue;
            }
            if let Some(first) = words.first() {
                m.entry(first.clone())
                    .or_default()
                    .push((words, (form, *dep)));
            }
        }
    }
    let entries = m
        .into_iter()
        .map(|(first, mut v)| {
            // Stable: of names with the same words, the first row's wins.
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            v.dedup_by(|a, b| a.0 == b.0);
            let items: Vec<String> = v
                .iter()
                .map(|(w, (name, dep))| format!("({}, {}, {})", words_lit(w), lit(name), lit(dep)))
                .collect();
            (first, format!("&[{}]", items.join(", ")))
        })
        .collect();
    write_map(
        out,
        "/// Intercommunalities by the key of the first word of each of their\n/// names: (name's word keys, name as written, département of the seat),\n/// longest names first.",
        "EPCI_BY_FIRST",
        "EpciNames",
        entries,
    );
}
