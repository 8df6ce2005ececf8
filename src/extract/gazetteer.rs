//! Places and names kept as data in `data/`: the départements (INSEE
//! codes, names, articles, chefs-lieux, demonyms), the regions, the
//! communes of 2,000 inhabitants or more, the arrondissements, the pays
//! and natural regions, and French first names. `scripts/gazetteer/build.py` builds the files from public
//! data packages (see the README); this module only reads them, once, the
//! first time they are needed.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::tokens::Tokens;
use crate::normalize::key;

static DEPARTEMENTS: &str = include_str!("../../data/departements.tsv");
static FORMS: &str = include_str!("../../data/departement-forms.tsv");
static REGIONS: &str = include_str!("../../data/regions.tsv");
static COMMUNES: &str = include_str!("../../data/communes.tsv");
static ARRONDISSEMENTS: &str = include_str!("../../data/arrondissements.tsv");
static PRENOMS: &str = include_str!("../../data/prenoms.txt");
static PAYS: &str = include_str!("../../data/pays.tsv");
static EPCI: &str = include_str!("../../data/epci.tsv");

fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// A département (or an overseas collectivité with a code of its own).
#[derive(Debug, Clone)]
pub struct Departement {
    pub code: &'static str,
    /// Official spelling ("Côte-d'Or", "La Réunion").
    pub name: &'static str,
    /// INSEE article type: 0 "de" + consonant, 1 "d’" + vowel, 2 "du",
    /// 3 "de la", 4 "des", 5 "de l’".
    pub tncc: u8,
    /// INSEE region code.
    pub region: &'static str,
    pub chef_lieu: &'static str,
    /// Demonyms, masculine singular ("meusien").
    pub demonyms: Vec<&'static str>,
    /// Other names ("Réunion", "Corse du Sud").
    pub other_names: Vec<&'static str>,
    /// An overseas collectivité (975, 977, 978), not a département.
    pub collectivite: bool,
}

impl Departement {
    /// "de l’Orne", "du Calvados", "des Vosges": the name after "de".
    pub fn with_de(&self) -> String {
        let bare = self.name.strip_prefix("La ").unwrap_or(self.name);
        match self.tncc {
            1 => format!("d’{bare}"),
            2 => format!("du {bare}"),
            3 => format!("de la {bare}"),
            4 => format!("des {bare}"),
            5 => format!("de l’{bare}"),
            _ => format!("de {}", self.name),
        }
    }
}

static DEPTS: LazyLock<Vec<Departement>> = LazyLock::new(|| {
    let forms: HashMap<&str, (Vec<&str>, Vec<&str>)> = rows(FORMS)
        .filter_map(|r| {
            let split = |s: Option<&&'static str>| -> Vec<&'static str> {
                s.map(|s| {
                    s.split(',')
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default()
            };
            Some((*r.first()?, (split(r.get(1)), split(r.get(2)))))
        })
        .collect();
    rows(DEPARTEMENTS)
        .filter_map(|r| {
            let code = *r.first()?;
            let (demonyms, other_names) = forms.get(code).cloned().unwrap_or_default();
            Some(Departement {
                code,
                name: r.get(1)?,
                tncc: r.get(2)?.parse().ok()?,
                region: r.get(3)?,
                chef_lieu: r.get(4).copied().unwrap_or(""),
                demonyms,
                other_names,
                collectivite: matches!(code, "975" | "977" | "978"),
            })
        })
        .collect()
});

/// The 101 départements and the three collectivités with a code (975,
/// 977, 978), in code order.
pub fn departements() -> &'static [Departement] {
    &DEPTS
}

/// The département (or collectivité) with `code` ("55", "2A", "974";
/// "2a" too).
pub fn by_code(code: &str) -> Option<&'static Departement> {
    let c = code.trim();
    // "1" is not "01": codes are written with their zero.
    DEPTS.iter().find(|d| d.code.eq_ignore_ascii_case(c))
}

/// The département named `name` (article allowed, case, accents,
/// hyphens ignored).
pub fn by_name(name: &str) -> Option<&'static Departement> {
    let k = key(name);
    let k = strip_article_key(&k);
    NAMES.get(k).and_then(|e| match e {
        Place::Departement(i) => DEPTS.get(*i),
        _ => None,
    })
}

fn strip_article_key(k: &str) -> &str {
    for a in [
        "de la ", "de l ", "des ", "du ", "de ", "d ", "la ", "le ", "les ", "l ",
    ] {
        if let Some(rest) = k.strip_prefix(a) {
            return rest;
        }
    }
    k
}

/// A region: INSEE code and name.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

static REGS: LazyLock<Vec<Region>> = LazyLock::new(|| {
    rows(REGIONS)
        .filter_map(|r| {
            Some(Region {
                code: r.first()?,
                name: r.get(1)?,
            })
        })
        .collect()
});

/// The 18 regions.
pub fn regions() -> &'static [Region] {
    &REGS
}

/// The region with INSEE `code`.
pub fn region(code: &str) -> Option<&'static Region> {
    REGS.iter().find(|r| r.code == code)
}

/// Canonical region name for the way ARS names are written ("PACA",
/// "Grand-Est", "Océan Indien"…): `(key of the written form, region
/// code)`. Historical regions map to their successor.
const REGION_FORMS: &[(&str, &str)] = &[
    ("paca", "93"),
    ("ara", "84"),
    ("bfc", "27"),
    ("hdf", "32"),
    ("idf", "11"),
    ("cvl", "24"),
    ("pdl", "52"),
    ("grandest", "44"),
    ("centre", "24"),
    ("ocean indien", "04"),
    ("reunion", "04"),
    ("ile de la reunion", "04"),
    ("aquitaine", "75"),
    ("limousin", "75"),
    ("poitou charentes", "75"),
    ("midi pyrenees", "76"),
    ("languedoc roussillon", "76"),
    ("rhone alpes", "84"),
    ("auvergne", "84"),
    ("bourgogne", "27"),
    ("franche comte", "27"),
    ("alsace", "44"),
    ("lorraine", "44"),
    ("champagne ardenne", "44"),
    ("nord pas de calais", "32"),
    ("picardie", "32"),
    ("haute normandie", "28"),
    ("basse normandie", "28"),
];

/// What a phrase of the gazetteer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Index in [`departements`] (official or other name).
    Departement(usize),
    /// A demonym of the département at this index.
    Demonym(usize),
    /// A region, by INSEE code; `true` for a historical or short form.
    Region(&'static str, bool),
}

/// Key of every département name, other name, demonym (with its feminine
/// and plural forms) and region name.
static NAMES: LazyLock<HashMap<String, Place>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (i, d) in DEPTS.iter().enumerate() {
        let k = key(d.name);
        // "La Réunion" with its article, and "Réunion".
        m.insert(k.clone(), Place::Departement(i));
        m.insert(strip_article_key(&k).to_string(), Place::Departement(i));
        for o in &d.other_names {
            m.insert(key(o), Place::Departement(i));
        }
    }
    // The overseas regions are their départements: the département wins.
    for r in REGS.iter() {
        let k = key(r.name);
        m.entry(strip_article_key(&k).to_string())
            .or_insert(Place::Region(r.code, false));
    }
    for (k, code) in REGION_FORMS {
        m.entry((*k).to_string())
            .or_insert(Place::Region(code, true));
    }
    for (i, d) in DEPTS.iter().enumerate() {
        for dem in &d.demonyms {
            for form in demonym_forms(dem) {
                m.entry(key(&form)).or_insert(Place::Demonym(i));
            }
        }
    }
    m
});

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

/// Phrases of the gazetteer by their first word key: `(word keys, place)`,
/// longest first.
/// Names by the key of their first word: (word keys, what they name).
type ByFirst<T> = HashMap<String, Vec<(Vec<String>, T)>>;

static BY_FIRST: LazyLock<ByFirst<Place>> = LazyLock::new(|| {
    let mut m: ByFirst<Place> = HashMap::new();
    for (k, p) in NAMES.iter() {
        let words: Vec<String> = k.split(' ').map(str::to_string).collect();
        if let Some(first) = words.first() {
            m.entry(first.clone()).or_default().push((words, *p));
        }
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }
    m
});

/// The longest gazetteer phrase starting at token `i`: `(end token,
/// place)`. Words may be separated by spaces, hyphens or apostrophes
/// ("Hautes Alpes", "INDRE-et- LOIRE", "Côte d’Or").
pub fn place_at(t: &Tokens, i: usize) -> Option<(usize, Place)> {
    if !t.is_word(i) {
        return None;
    }
    let cands = BY_FIRST.get(t.key(i))?;
    cands.iter().find_map(|(words, p)| {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        t.seq(i, &refs).map(|end| (end, *p))
    })
}

/// A commune: its département code and population.
#[derive(Debug, Clone, Copy)]
pub struct Commune {
    pub departement: &'static str,
    pub population: u32,
}

/// Communes of 2,000 inhabitants or more by key; the most populated of
/// homonyms.
static COMMUNE_MAP: LazyLock<HashMap<String, Commune>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for r in rows(COMMUNES) {
        let (Some(name), Some(dep), Some(pop)) = (r.first(), r.get(1), r.get(2)) else {
            continue;
        };
        let c = Commune {
            departement: dep,
            population: pop.parse().unwrap_or(0),
        };
        // Rows are sorted by population: the first of homonyms is kept.
        m.entry(key(name)).or_insert(c);
    }
    m
});

/// The commune called `name` (key comparison), if it has 2,000
/// inhabitants or more.
pub fn commune(name: &str) -> Option<Commune> {
    COMMUNE_MAP.get(&key(name)).copied()
}

/// The commune whose key is `k`.
pub fn commune_key(k: &str) -> Option<Commune> {
    COMMUNE_MAP.get(k).copied()
}

/// The longest commune name starting at token `i` (up to five words):
/// `(end token, commune)`.
pub fn commune_at(t: &Tokens, i: usize) -> Option<(usize, Commune)> {
    if !t.is_word(i) {
        return None;
    }
    let mut best = None;
    let mut k = String::new();
    let mut j = i;
    for n in 0..5 {
        if n > 0 {
            // Words of a commune name are joined by hyphens or spaces
            // ("Saint-Dié-des-Vosges", "Le Mans").
            while matches!(t.punct(j), Some('-' | '’' | '\'')) {
                j += 1;
            }
            if !t.is_word(j) {
                break;
            }
            k.push(' ');
        }
        k.push_str(t.key(j));
        j += 1;
        if let Some(c) = COMMUNE_MAP.get(&k) {
            best = Some((j, *c));
        }
    }
    best
}

static ARR_MAP: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    rows(ARRONDISSEMENTS)
        .filter_map(|r| Some((key(r.first()?), *r.get(1)?)))
        .collect()
});

/// The département of the arrondissement whose chef-lieu is called
/// `name`.
pub fn arrondissement(name: &str) -> Option<&'static str> {
    ARR_MAP.get(&key(name)).copied()
}

static FIRST_NAMES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    PRENOMS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| key(l.trim()))
        .collect()
});

/// Whether `word` is a French first name ("Michèle", "Jean-Marc"; key
/// comparison).
pub fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(&key(word))
}

/// Whether `k` (a key) is a French first name.
pub fn is_first_name_key(k: &str) -> bool {
    FIRST_NAMES.contains(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let metro_and_overseas = departements().iter().filter(|d| !d.collectivite).count();
        assert_eq!(metro_and_overseas, 101);
        assert_eq!(regions().len(), 18);
        assert_eq!(by_code("2A").map(|d| d.name), Some("Corse-du-Sud"));
        assert_eq!(by_code("01").map(|d| d.name), Some("Ain"));
        assert_eq!(by_code("1").map(|d| d.name), None);
        assert_eq!(by_code("977").map(|d| d.name), Some("Saint-Barthélemy"));
        assert_eq!(by_name("de l’Orne").map(|d| d.code), Some("61"));
        assert_eq!(by_name("des Vosges").map(|d| d.code), Some("88"));
        assert_eq!(by_name("la Réunion").map(|d| d.code), Some("974"));
        assert_eq!(by_name("Hautes Alpes").map(|d| d.code), Some("05"));
        assert!(by_name("Rouen – Elbeuf").is_none());
        assert_eq!(
            by_code("61").map(|d| d.with_de()),
            Some("de l’Orne".to_string())
        );
        assert_eq!(
            by_code("14").map(|d| d.with_de()),
            Some("du Calvados".to_string())
        );
        assert_eq!(
            by_code("974").map(|d| d.with_de()),
            Some("de La Réunion".to_string())
        );
    }

    #[test]
    fn phrases_match_on_tokens_longest_first() {
        let t = Tokens::new("INDRE-et- LOIRE, Haute-Vienne, Pays de la Loire, les Meusiens");
        assert!(matches!(place_at(&t, 0), Some((5, Place::Departement(_)))));
        let hv = t.at_byte(t.text.find("Haute").unwrap_or(0));
        let (_, p) = place_at(&t, hv).expect("haute-vienne");
        assert!(matches!(p, Place::Departement(i) if departements()[i].code == "87"));
        let pl = t.at_byte(t.text.find("Pays").unwrap_or(0));
        assert!(matches!(
            place_at(&t, pl),
            Some((_, Place::Region("52", false)))
        ));
        let me = t.at_byte(t.text.find("Meusiens").unwrap_or(0));
        assert!(
            matches!(place_at(&t, me), Some((_, Place::Demonym(i))) if departements()[i].code == "55")
        );
    }

    #[test]
    fn communes_arrondissements_first_names() {
        assert_eq!(commune("Vienne").map(|c| c.departement), Some("38"));
        assert_eq!(
            commune("Saint-Dié-des-Vosges").map(|c| c.departement),
            Some("88")
        );
        assert_eq!(arrondissement("Lille"), Some("59"));
        assert_eq!(arrondissement("Saint-Flour"), Some("15"));
        assert!(is_first_name("Michèle"));
        assert!(is_first_name("jean-marc"));
        assert!(!is_first_name("Santé"));
        let t = Tokens::new("à Saint-Dié-des-Vosges");
        assert!(matches!(commune_at(&t, 1), Some((8, c)) if c.departement == "88"));
    }
}

/// A pays, natural region, island, coast, valley… (`data/pays.tsv`).
#[derive(Debug)]
pub struct Pays {
    /// The name as usually written, without its article ("Morvan").
    pub name: &'static str,
    /// The départements it lies in, main one first.
    pub departements: Vec<&'static str>,
    /// Also an ordinary word, a first name or a bare cardinal point: read
    /// only right after its article ("le Morvan", "du Perche").
    pub ambiguous: bool,
    /// Also the name of a commune of 2,000 inhabitants or more.
    pub commune: bool,
}

static PAYS_LIST: LazyLock<Vec<Pays>> = LazyLock::new(|| {
    rows(PAYS)
        .filter_map(|r| {
            Some(Pays {
                name: r.first()?,
                departements: r.get(3)?.split(',').filter(|c| !c.is_empty()).collect(),
                ambiguous: *r.get(5)? == "yes",
                commune: *r.get(6)? == "yes",
            })
        })
        .collect()
});

/// Pays by the key of the first word of each written form: (form's word
/// keys, index in [`PAYS_LIST`]), longest forms first.
static PAYS_BY_FIRST: LazyLock<ByFirst<usize>> = LazyLock::new(|| {
    let mut m: ByFirst<usize> = HashMap::new();
    for (n, r) in rows(PAYS).enumerate() {
        let forms = r.get(2).copied().unwrap_or("");
        for form in std::iter::once(r[0]).chain(forms.split('|').filter(|f| !f.is_empty())) {
            let words: Vec<String> = key(form).split(' ').map(str::to_string).collect();
            if let Some(first) = words.first() {
                m.entry(first.clone()).or_default().push((words, n));
            }
        }
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        v.dedup();
    }
    m
});

/// The longest pays name starting at token `i`: `(end token, pays)`.
pub fn pays_at(t: &Tokens, i: usize) -> Option<(usize, &'static Pays)> {
    if !t.is_word(i) {
        return None;
    }
    let cands = PAYS_BY_FIRST.get(t.key(i))?;
    cands.iter().find_map(|(words, n)| {
        let mut j = i;
        for (w, word) in words.iter().enumerate() {
            if w > 0 {
                j = name_joint(t, j, false);
            }
            if !t.is_word(j) || t.key(j) != word {
                return None;
            }
            j += 1;
        }
        PAYS_LIST.get(*n).map(|p| (j, p))
    })
}

/// The token after what may join two words of a name from token `j`:
/// hyphens and apostrophes, "&" and "et" when `and`, and one line break
/// (a name wrapped at the end of a line: "Grand Paris Sud / Est Avenir").
fn name_joint(t: &Tokens, mut j: usize, and: bool) -> usize {
    let mut wrapped = false;
    loop {
        match t.punct(j) {
            Some('-' | '’' | '\'') => j += 1,
            Some('&') if and => j += 1,
            _ if and && t.is_word(j) && t.key(j) == "et" => j += 1,
            _ if !wrapped && t.is_newline(j) && !t.is_newline(j + 1) => {
                wrapped = true;
                j += 1;
            }
            _ => return j,
        }
    }
}

/// Intercommunalities (métropoles, communautés urbaines, d’agglomération,
/// de communes, établissements publics territoriaux) by the key of the
/// first word of each of their names (official name without its kind,
/// short names): (name's word keys, name as written, département of the
/// seat), longest names first.
type EpciNames = HashMap<String, Vec<(Vec<String>, &'static str, &'static str)>>;

static EPCI_BY_FIRST: LazyLock<EpciNames> = LazyLock::new(|| {
    let mut m: EpciNames = HashMap::new();
    for r in rows(EPCI) {
        let (Some(name), Some(shorts), Some(dep)) = (r.get(1), r.get(3), r.get(5)) else {
            continue;
        };
        // "CU Caen la Mer" is also "Caen la Mer".
        let bare = ["CU ", "CA ", "CC ", "EPT "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        for form in std::iter::once(bare).chain(shorts.split('|').filter(|f| !f.is_empty())) {
            // "&" is written for "et" ("Paris Est Marne & Bois"): neither
            // is compared.
            let words: Vec<String> = key(form)
                .split(' ')
                .filter(|w| !w.is_empty() && *w != "et")
                .map(str::to_string)
                .collect();
            if words.len() < 2 {
                continue;
            }
            if let Some(first) = words.first() {
                m.entry(first.clone()).or_default().push((words, form, dep));
            }
        }
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        v.dedup_by(|a, b| a.0 == b.0);
    }
    m
});

/// The longest intercommunality name of two words or more starting at
/// token `i` ("Caen la Mer", "Grand-Orly Seine Bièvre", "Laval
/// Agglomération"): `(end token, name, département of its seat)`.
pub fn epci_at(t: &Tokens, i: usize) -> Option<(usize, &'static str, &'static str)> {
    if !t.is_word(i) {
        return None;
    }
    let cands = EPCI_BY_FIRST.get(t.key(i))?;
    cands.iter().find_map(|(words, name, dep)| {
        let mut j = i;
        for (w, word) in words.iter().enumerate() {
            if w > 0 {
                j = name_joint(t, j, true);
            }
            if !t.is_word(j) || t.key(j) != word {
                return None;
            }
            j += 1;
        }
        Some((j, *name, *dep))
    })
}
