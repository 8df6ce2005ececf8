//! The development set of real-world documents (`../shared/realworld/`):
//! every field keeps the recall and precision issue 14 asks for, measured
//! as `../shared/tools/realworld-score` measures them (the rules are
//! ported here so that the test needs no Python): territories by
//! département code or folded name, the issuer where the text states it,
//! the document date, declared counts by value and category, listed items
//! by the start of their first eight words, people by name, amounts by
//! value, phones and e-mails. Skipped, with a message on stderr, where the
//! shared folder is absent.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld"));
    p.join("manifest.json").is_file().then_some(p)
}

/// `realworld-score`'s fold: NFKD, no combining marks, lowercase, "œ" →
/// "oe", every run of other characters one space.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut space = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        for l in c.to_lowercase() {
            let l = if l == 'œ' { 'o' } else { l };
            if l.is_ascii_lowercase() || l.is_ascii_digit() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(l);
                if c == 'œ' || c == 'Œ' {
                    out.push('e');
                }
            } else {
                space = true;
            }
        }
    }
    out
}

/// Stems a predicted count's `what` must contain for each gold category.
fn stems(what: &str) -> Vec<String> {
    let table: &[(&str, &[&str])] = &[
        ("actions", &["action"]),
        ("fiches_action", &["fiche", "action"]),
        ("axes", &["axe"]),
        ("priorites", &["priorit"]),
        ("thematiques", &["themati", "theme"]),
        ("enjeux", &["enjeu"]),
        ("groupes", &["groupe"]),
        ("signataires", &["signataire"]),
        ("ptsm", &["ptsm", "projet"]),
        ("acteurs", &["acteur"]),
        ("partenaires", &["partenaire"]),
        (
            "participants",
            &["participant", "professionnel", "personne"],
        ),
        ("objectifs", &["objectif"]),
        ("orientations", &["orientation"]),
    ];
    match table.iter().find(|(w, _)| *w == what) {
        Some((_, s)) => s.iter().map(|x| x.to_string()).collect(),
        None => vec![fold(what).trim_end_matches('s').to_string()],
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    hit: usize,
    gold: usize,
    pred: usize,
    phit: usize,
}

impl Tally {
    fn add(&mut self, hit: usize, gold: usize, pred: usize, phit: usize) {
        self.hit += hit;
        self.gold += gold;
        self.pred += pred;
        self.phit += phit;
    }
    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.hit as f64 / self.gold as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.phit as f64 / self.pred as f64
        }
    }
}

fn items(doc: &ptsm::model::Document) -> Vec<String> {
    fn walk(it: &ptsm::model::Item, out: &mut Vec<String>) {
        out.push(fold(&it.text));
        for s in &it.sub_items {
            walk(s, out);
        }
    }
    let mut out = Vec::new();
    for t in &doc.territories {
        for it in t.axes.iter().chain(&t.working_groups).chain(&t.actions) {
            walk(it, &mut out);
        }
    }
    for l in &doc.lists {
        for it in &l.items {
            walk(it, &mut out);
        }
    }
    let mut seen = HashSet::new();
    out.retain(|x| seen.insert(x.clone()));
    out
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

#[test]
fn development_set_keeps_its_figures() {
    let Some(dir) = shared() else {
        crate::skip::skip(
            "development_set_keeps_its_figures",
            "../shared/realworld is absent",
        );
        return;
    };
    let manifest: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"),
    )
    .expect("manifest is JSON");
    let mut tally: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for m in &manifest {
        let file = m["file"].as_str().expect("file");
        let path = dir.join("texts").join(file);
        let bytes = std::fs::read(&path).expect("text");
        let doc = ptsm::process_bytes(&path.to_string_lossy(), &bytes, &ptsm::Options::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .document;
        let s = |v: &Value| v.as_str().unwrap_or("").to_string();
        // Territories.
        let gold: HashSet<String> = m["territories"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| match t["departement_code"].as_str() {
                Some(c) => c.to_string(),
                None => fold(t["normalized_name"].as_str().unwrap_or(&s(&t["name"]))),
            })
            .collect();
        let pred: HashSet<String> = doc
            .territories
            .iter()
            .map(|t| {
                t.departement
                    .clone()
                    .unwrap_or_else(|| fold(&t.normalized_name))
            })
            .collect();
        let both = gold.intersection(&pred).count();
        tally
            .entry("territories")
            .or_default()
            .add(both, gold.len(), pred.len(), both);
        if gold != pred {
            misses.push(format!("{file}: territories {gold:?} got {pred:?}"));
        }
        // Issuer: only where the text states it.
        let gname = if m["issuer_source"]
            .as_str()
            .is_some_and(|x| x.contains("text"))
        {
            fold(&s(&m["issuer"]))
        } else {
            String::new()
        };
        let gany = fold(&s(&m["issuer"]));
        let pname = doc
            .issuer
            .as_ref()
            .map(|i| fold(&i.name))
            .unwrap_or_default();
        let matches = |g: &str| {
            !g.is_empty() && !pname.is_empty() && (g.contains(&pname) || pname.contains(g))
        };
        tally.entry("issuer").or_default().add(
            usize::from(matches(&gname)),
            usize::from(!gname.is_empty()),
            usize::from(!pname.is_empty()),
            usize::from(matches(&gany)),
        );
        if !gname.is_empty() && !matches(&gname) || !pname.is_empty() && !matches(&gany) {
            misses.push(format!("{file}: issuer {gany:?} got {pname:?}"));
        }
        // Date.
        let pd = doc.date.as_ref().map(|d| d.value.clone());
        match m["date"].as_str() {
            Some(g) => {
                let ok = pd.as_deref() == Some(g);
                tally.entry("date").or_default().add(
                    usize::from(ok),
                    1,
                    usize::from(pd.is_some()),
                    usize::from(ok),
                );
                if !ok {
                    misses.push(format!("{file}: date {g} got {pd:?}"));
                }
            }
            None if pd.is_some() => {
                tally.entry("date").or_default().add(0, 0, 1, 0);
                misses.push(format!("{file}: date none got {pd:?}"));
            }
            None => {}
        }
        // Counts.
        let mut cv: Vec<(f64, String)> = doc
            .counts
            .iter()
            .map(|c| (c.count as f64, fold(&c.what)))
            .collect();
        for t in &doc.territories {
            for (k, c) in [
                ("working_groups", &t.declared.working_groups),
                ("actions", &t.declared.actions),
            ] {
                if let Some(c) = c {
                    cv.push((c.count as f64, fold(&format!("{k} {}", c.text))));
                }
            }
        }
        cv.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        cv.dedup();
        let gc = m["declared_counts"].as_array().cloned().unwrap_or_default();
        let found = |g: &Value| {
            let v = g["value"].as_f64().unwrap_or(-1.0);
            let st = stems(g["what"].as_str().unwrap_or(""));
            cv.iter()
                .any(|(pv, w)| *pv == v && st.iter().any(|x| w.contains(x.as_str())))
        };
        let h = gc.iter().filter(|g| found(g)).count();
        let gvals: Vec<f64> = gc.iter().filter_map(|g| g["value"].as_f64()).collect();
        let ph = cv.iter().filter(|(v, _)| gvals.contains(v)).count();
        tally
            .entry("counts")
            .or_default()
            .add(h, gc.len(), cv.len(), ph);
        if h < gc.len() {
            misses.push(format!(
                "{file}: counts missed {:?}",
                gc.iter()
                    .filter(|g| !found(g))
                    .map(|g| (s(&g["what"]), g["value"].clone()))
                    .collect::<Vec<_>>()
            ));
        }
        // Lists.
        let gl: Vec<String> = ["listed_actions", "listed_groups"]
            .iter()
            .flat_map(|k| m[*k].as_array().cloned().unwrap_or_default())
            .map(|x| fold(&first_words(x.as_str().unwrap_or(""), 8)))
            .collect();
        let pl = items(&doc);
        let matchl = |g: &str, p: &str| {
            !g.is_empty()
                && !p.is_empty()
                && (p.starts_with(g) || (g.starts_with(p) && p.len() >= 12))
        };
        let h = gl
            .iter()
            .filter(|g| pl.iter().any(|p| matchl(g, p)))
            .count();
        let ph = pl
            .iter()
            .filter(|p| gl.iter().any(|g| matchl(g, p)))
            .count();
        tally
            .entry("lists")
            .or_default()
            .add(h, gl.len(), pl.len(), ph);
        if h < gl.len() || ph < pl.len() {
            misses.push(format!(
                "{file}: lists {h}/{} (predicted {}, right {ph})",
                gl.len(),
                pl.len()
            ));
        }
        // People.
        let gp: HashSet<String> = m["people"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| fold(&s(&p["name"])))
            .collect();
        let pp: HashSet<String> = doc.people.iter().map(|p| fold(&p.name)).collect();
        let near =
            |a: &str, b: &str| !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a));
        let h = gp.iter().filter(|g| pp.iter().any(|q| near(g, q))).count();
        let ph = pp.iter().filter(|q| gp.iter().any(|g| near(g, q))).count();
        tally
            .entry("people")
            .or_default()
            .add(h, gp.len(), pp.len(), ph);
        if h < gp.len() || ph < pp.len() {
            misses.push(format!("{file}: people {gp:?} got {pp:?}"));
        }
        // Amounts.
        let ga: HashSet<u64> = m["amounts_eur"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["value"].as_f64())
            .map(|v| v as u64)
            .collect();
        let pa: HashSet<u64> = doc.amounts.iter().map(|a| a.value as u64).collect();
        let both = ga.intersection(&pa).count();
        tally
            .entry("amounts")
            .or_default()
            .add(both, ga.len(), pa.len(), both);
        // Contacts.
        let digits = |x: &str| {
            let d: String = x.chars().filter(char::is_ascii_digit).collect();
            d[d.len().saturating_sub(9)..].to_string()
        };
        let gk: HashSet<String> = m["phones"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| digits(&s(p)))
            .chain(
                m["emails"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| s(e).to_lowercase()),
            )
            .collect();
        let pk: HashSet<String> = doc
            .contacts
            .phones
            .iter()
            .map(|p| digits(&p.e164))
            .chain(doc.contacts.emails.iter().map(|e| e.address.to_lowercase()))
            .collect();
        let both = gk.intersection(&pk).count();
        tally
            .entry("contacts")
            .or_default()
            .add(both, gk.len(), pk.len(), both);
    }
    let mut report = String::new();
    let mut failed = Vec::new();
    for (field, t) in &tally {
        let min = match *field {
            "counts" | "lists" | "people" => 0.90,
            _ => 0.95,
        };
        report.push_str(&format!(
            "{field} R={:.3} P={:.3}  ",
            t.recall(),
            t.precision()
        ));
        if t.recall() < min || t.precision() < min {
            failed.push(format!(
                "{field}: R={:.3} P={:.3} < {min}",
                t.recall(),
                t.precision()
            ));
        }
    }
    eprintln!("realworld: {} documents | {report}", manifest.len());
    assert!(
        failed.is_empty(),
        "{}\nmisses:\n{}",
        failed.join("\n"),
        misses.join("\n")
    );
}
