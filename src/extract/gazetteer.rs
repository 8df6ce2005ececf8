//! Places and names kept as data in `data/`: the départements (INSEE
//! codes, names, articles, chefs-lieux, demonyms), the regions, the
//! communes of 2,000 inhabitants or more, the arrondissements, the pays
//! and natural regions, and French first names. `scripts/gazetteer/build.py` builds the files from public
//! data packages (see the README). The name look-ups are perfect-hash
//! tables that `build.rs` keys and builds from the same files at compile
//! time, so that a process pays nothing for them at start-up; the few
//! rows of départements and regions are read here, the first time they
//! are needed.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::tokens::Tokens;
use crate::normalize::key;

static DEPARTEMENTS: &str = include_str!("../../data/departements.tsv");
static FORMS: &str = include_str!("../../data/departement-forms.tsv");
static REGIONS: &str = include_str!("../../data/regions.tsv");
static PAYS: &str = include_str!("../../data/pays.tsv");

/// Phrases by their first word: (word keys, what they name), longest first.
type Phrases<T> = &'static [(&'static [&'static str], T)];

/// Intercommunalities' names by their first word: (word keys, name as
/// written, département of the seat), longest first.
type EpciNames = &'static [(&'static [&'static str], &'static str, &'static str)];

// NAMES, BY_FIRST, COMMUNE_MAP, ARR_MAP, FIRST_NAMES, PAYS_BY_FIRST and
// EPCI_BY_FIRST, built by build.rs from data/.
include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));

/// The keys of a table as a bitmap of their hashes (FxHash, 2^16 bits,
/// 8 KB): the tables are looked up at every word of a text, and most
/// words are none of their keys; the bitmap tells so for most of them
/// without the perfect hash's SipHash. Never a false "no".
struct KeyFilter(Vec<u64>);

impl KeyFilter {
    const BITS: u32 = 16;

    fn new<'a>(keys: impl Iterator<Item = &'a str>) -> KeyFilter {
        let mut bits = vec![0u64; (1 << Self::BITS) / 64];
        for k in keys {
            let h = Self::slot(k);
            bits[h / 64] |= 1 << (h % 64);
        }
        KeyFilter(bits)
    }

    fn slot(k: &str) -> usize {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(k.as_bytes());
        (h.finish() >> (64 - Self::BITS)) as usize
    }

    /// Whether `k` may be a key (false: it is none).
    #[inline]
    fn may_hold(&self, k: &str) -> bool {
        let h = Self::slot(k);
        self.0.get(h / 64).is_some_and(|w| w >> (h % 64) & 1 == 1)
    }
}

static BY_FIRST_KEYS: LazyLock<KeyFilter> =
    LazyLock::new(|| KeyFilter::new(BY_FIRST.keys().copied()));
static COMMUNE_KEYS: LazyLock<KeyFilter> =
    LazyLock::new(|| KeyFilter::new(COMMUNE_MAP.keys().copied()));
/// The first words of the communes' keys.
static COMMUNE_FIRST_WORDS: LazyLock<KeyFilter> =
    LazyLock::new(|| KeyFilter::new(COMMUNE_MAP.keys().map(|k| k.split(' ').next().unwrap_or(k))));
static PAYS_KEYS: LazyLock<KeyFilter> =
    LazyLock::new(|| KeyFilter::new(PAYS_BY_FIRST.keys().copied()));
static EPCI_KEYS: LazyLock<KeyFilter> =
    LazyLock::new(|| KeyFilter::new(EPCI_BY_FIRST.keys().copied()));

#[path = "gazetteer_forms.rs"]
mod forms;
use forms::strip_article_key;

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

/// Whether `k` (a key) is a type of street that starts an address ("12 rue
/// de la Somme", "132, boulevard de Paris").
pub fn street_type(k: &str) -> bool {
    matches!(
        k,
        "rue"
            | "boulevard"
            | "bd"
            | "avenue"
            | "av"
            | "place"
            | "quai"
            | "allee"
            | "chemin"
            | "route"
            | "impasse"
    )
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

/// The longest gazetteer phrase starting at token `i`: `(end token,
/// place)`. Words may be separated by spaces, hyphens or apostrophes
/// ("Hautes Alpes", "INDRE-et- LOIRE", "Côte d’Or").
pub fn place_at(t: &Tokens, i: usize) -> Option<(usize, Place)> {
    if !t.is_word(i) || !BY_FIRST_KEYS.may_hold(t.key(i)) {
        return None;
    }
    let cands = BY_FIRST.get(t.key(i))?;
    cands
        .iter()
        .find_map(|(words, p)| t.seq(i, words).map(|end| (end, *p)))
}

/// A commune: its département code and population.
#[derive(Debug, Clone, Copy)]
pub struct Commune {
    pub departement: &'static str,
    pub population: u32,
}

/// The commune called `name` (key comparison), if it has 2,000
/// inhabitants or more.
pub fn commune(name: &str) -> Option<Commune> {
    COMMUNE_MAP.get(key(name).as_str()).copied()
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
    // Most words start no commune's name (a word's key has no space; the
    // test is skipped if one had).
    let first = t.key(i);
    if !first.contains(' ') && !COMMUNE_FIRST_WORDS.may_hold(first) {
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
        if !COMMUNE_KEYS.may_hold(&k) {
            continue;
        }
        if let Some(c) = COMMUNE_MAP.get(k.as_str()) {
            best = Some((j, *c));
        }
    }
    best
}

/// The département of the arrondissement whose chef-lieu is called
/// `name`.
pub fn arrondissement(name: &str) -> Option<&'static str> {
    ARR_MAP.get(key(name).as_str()).copied()
}

/// Whether `word` is a French first name ("Michèle", "Jean-Marc"; key
/// comparison).
pub fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(key(word).as_str())
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

    /// The tables build.rs generated hold what the data files say, keyed
    /// as the library keys at run time.
    #[test]
    fn generated_tables_agree_with_the_data_files() {
        let prenoms = include_str!("../../data/prenoms.txt");
        let mut names = std::collections::HashSet::new();
        for l in prenoms
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            assert!(is_first_name(l.trim()), "{l}");
            names.insert(key(l.trim()));
        }
        assert_eq!(FIRST_NAMES.len(), names.len());
        let mut communes = HashMap::new();
        for r in rows(include_str!("../../data/communes.tsv")) {
            communes.entry(key(r[0])).or_insert(r[1]);
        }
        assert_eq!(COMMUNE_MAP.len(), communes.len());
        for (k, dep) in &communes {
            assert_eq!(commune_key(k).map(|c| c.departement), Some(*dep), "{k}");
        }
        for r in rows(include_str!("../../data/arrondissements.tsv")) {
            assert!(arrondissement(r[0]).is_some(), "{}", r[0]);
        }
        // Every département name and region name is a phrase of BY_FIRST.
        for (i, d) in departements().iter().enumerate() {
            let t = Tokens::new(d.name);
            assert_eq!(
                place_at(&t, 0),
                Some((t.toks.len(), Place::Departement(i))),
                "{}",
                d.name
            );
        }
        for r in regions() {
            let t = Tokens::new(r.name);
            assert!(place_at(&t, 0).is_some(), "{}", r.name);
        }
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

/// The longest pays name starting at token `i`: `(end token, pays)`.
pub fn pays_at(t: &Tokens, i: usize) -> Option<(usize, &'static Pays)> {
    if !t.is_word(i) || !PAYS_KEYS.may_hold(t.key(i)) {
        return None;
    }
    let cands = PAYS_BY_FIRST.get(t.key(i))?;
    cands.iter().find_map(|(words, n)| {
        let mut j = i;
        for (w, word) in words.iter().enumerate() {
            if w > 0 {
                j = name_joint(t, j, false);
            }
            if !t.is_word(j) || t.key(j) != *word {
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

/// The longest intercommunality name of two words or more starting at
/// token `i` ("Caen la Mer", "Grand-Orly Seine Bièvre", "Laval
/// Agglomération"): `(end token, name, département of its seat)`.
pub fn epci_at(t: &Tokens, i: usize) -> Option<(usize, &'static str, &'static str)> {
    if !t.is_word(i) || !EPCI_KEYS.may_hold(t.key(i)) {
        return None;
    }
    let cands = EPCI_BY_FIRST.get(t.key(i))?;
    cands.iter().find_map(|(words, name, dep)| {
        let mut j = i;
        for (w, word) in words.iter().enumerate() {
            if w > 0 {
                j = name_joint(t, j, true);
            }
            if !t.is_word(j) || t.key(j) != *word {
                return None;
            }
            j += 1;
        }
        Some((j, *name, *dep))
    })
}
