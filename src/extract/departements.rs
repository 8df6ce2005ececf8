//! The 101 French départements, kept as data in `data/departements.tsv`.

use std::sync::LazyLock;

use crate::normalize::key;

static TABLE: &str = include_str!("../../data/departements.tsv");

/// `(code, name)` for every département, in table order.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

/// Drops a leading preposition (with the article it contains): "de
/// l’Orne" → "Orne", "du Calvados" → "Calvados", but "Le Havre – Fécamp"
/// keeps its article, which is part of the name.
pub fn strip_preposition(name: &str) -> &str {
    let s = name.trim();
    for p in ["de l’", "de l'", "de la ", "du ", "des ", "de ", "d’", "d'"] {
        if let Some(head) = s.get(..p.len()) {
            if head.eq_ignore_ascii_case(p) {
                return s.get(p.len()..).unwrap_or(s).trim_start();
            }
        }
    }
    s
}

/// Drops a leading preposition and article: "de l’Orne" → "Orne", "du
/// Calvados" → "Calvados", "de la Manche" → "Manche", "des Vosges" →
/// "Vosges".
pub fn strip_article(name: &str) -> &str {
    let mut s = name.trim();
    for p in [
        "de l’",
        "de l'",
        "de la ",
        "du ",
        "des ",
        "de ",
        "en ",
        "dans l’",
        "dans la ",
        "dans le ",
        "l’",
        "l'",
        "la ",
        "le ",
        "les ",
    ] {
        if let Some(head) = s.get(..p.len()) {
            if head.eq_ignore_ascii_case(p) {
                s = s.get(p.len()..).unwrap_or(s).trim_start();
                break;
            }
        }
    }
    s
}

/// Key of a name without its article, for matching ("La Réunion" and
/// "Réunion" match).
fn bare_key(name: &str) -> String {
    let k = key(strip_article(name));
    k.strip_prefix("la ").map(str::to_string).unwrap_or(k)
}

/// `(code, name, bare key of the name)` for every département, in table
/// order: the keys are computed once.
fn keyed() -> &'static [(&'static str, &'static str, String)] {
    static KEYED: LazyLock<Vec<(&'static str, &'static str, String)>> =
        LazyLock::new(|| all().map(|(c, n)| (c, n, bare_key(n))).collect());
    &KEYED
}

/// The indices in [`keyed`] of the names whose key starts with each byte,
/// in table order.
fn by_first_byte() -> &'static [Vec<usize>; 256] {
    static BY_FIRST: LazyLock<[Vec<usize>; 256]> = LazyLock::new(|| {
        let mut t: [Vec<usize>; 256] = std::array::from_fn(|_| Vec::new());
        for (i, (_, _, bk)) in keyed().iter().enumerate() {
            if let Some(&b) = bk.as_bytes().first() {
                t[usize::from(b)].push(i);
            }
        }
        t
    });
    &BY_FIRST
}

/// The département called `name` (article allowed, case and accents
/// ignored): `(code, official name)`.
pub fn by_name(name: &str) -> Option<(&'static str, &'static str)> {
    let k = bare_key(name);
    if k.is_empty() {
        return None;
    }
    keyed()
        .iter()
        .find(|(_, _, bk)| *bk == k)
        .map(|&(c, n, _)| (c, n))
}

/// The département with code `code` ("55", "2A", "974").
pub fn by_code(code: &str) -> Option<(&'static str, &'static str)> {
    let c = code.trim();
    all().find(|(k, _)| k.eq_ignore_ascii_case(c))
}

/// The first département named in `text` as a whole word sequence, by
/// position in the text: `(code, official name)`.
pub fn find_in(text: &str) -> Option<(&'static str, &'static str)> {
    let hay = format!(" {} ", key(text));
    // " {key} " at the first space where one occurs: the names are tried at
    // each word start of the text, in order, rather than each name
    // searched through the whole text.
    let by_first = by_first_byte();
    for (pos, _) in hay.match_indices(' ') {
        let rest = hay.get(pos + 1..).unwrap_or_default();
        // Only the names whose key starts with the word's first byte: a
        // line of words no name starts like (a title of Arabic or Greek)
        // is not compared 101 times per word.
        let Some(&first) = rest.as_bytes().first() else {
            continue;
        };
        let mut found: Option<(&'static str, &'static str)> = None;
        for &i in &by_first[usize::from(first)] {
            let Some(&(c, n, ref bk)) = keyed().get(i) else {
                continue;
            };
            let whole = rest.starts_with(bk.as_str())
                && rest.get(bk.len()..).is_some_and(|r| r.starts_with(' '));
            // Longest name first at the same position ("Haute-Marne" over
            // "Marne"), then table order.
            if whole && found.is_none_or(|(_, f)| n.len() > f.len()) {
                found = Some((c, n));
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_all_101_departements() {
        assert_eq!(all().count(), 101);
        assert_eq!(by_code("2A"), Some(("2A", "Corse-du-Sud")));
        assert_eq!(by_code("976"), Some(("976", "Mayotte")));
    }

    #[test]
    fn names_match_with_articles_and_apostrophes() {
        assert_eq!(by_name("de l’Orne"), Some(("61", "Orne")));
        assert_eq!(by_name("du Calvados"), Some(("14", "Calvados")));
        assert_eq!(by_name("de la Manche"), Some(("50", "Manche")));
        assert_eq!(by_name("des Vosges"), Some(("88", "Vosges")));
        assert_eq!(by_name("de La Réunion"), Some(("974", "La Réunion")));
        assert_eq!(by_name("Côte-d’Or"), Some(("21", "Côte-d'Or")));
        assert_eq!(by_name("Rouen – Elbeuf – Pays-de-Bray"), None);
        assert_eq!(by_name("de Dieppe"), None);
        assert_eq!(strip_preposition("Le Havre – Fécamp"), "Le Havre – Fécamp");
        assert_eq!(strip_preposition("de Dieppe"), "Dieppe");
    }

    #[test]
    fn finds_the_departement_named_in_a_title() {
        assert_eq!(
            find_in("SIGNATURE DU CONTRAT TERRITORIAL DE SANTE MENTALE DE LA MEUSE"),
            Some(("55", "Meuse"))
        );
        assert_eq!(
            find_in("la Haute-Marne et la Marne"),
            Some(("52", "Haute-Marne"))
        );
    }
}
