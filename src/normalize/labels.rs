//! The labels of fiches-action (`data/fiche-labels.tsv`): "Pilote(s)",
//! "Calendrier prévisionnel", "Indicateurs d’évaluation"… and the field each
//! fills. Normalization uses them to keep a label alone on its line apart
//! from the text around it (a table flattened into lines, label then value);
//! extraction reads the fiches' fields with them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::key::key;

/// The label table, `data/fiche-labels.tsv`: (label key, field).
static LABELS_TSV: &str = include_str!("../../data/fiche-labels.tsv");

struct Labels {
    exact: HashMap<String, &'static str>,
    singular: HashMap<String, &'static str>,
    /// The longest key of either map.
    max_len: usize,
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    let mut exact = HashMap::new();
    let mut singular = HashMap::new();
    for line in LABELS_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let Some((field, label)) = line.split_once('\t') else {
            continue;
        };
        let k = label_key(label);
        exact.entry(k.clone()).or_insert(field);
        singular.entry(singular_key(&k)).or_insert(field);
    }
    let max_len = exact
        .keys()
        .chain(singular.keys())
        .map(String::len)
        .max()
        .unwrap_or(0);
    Labels {
        exact,
        singular,
        max_len,
    }
});

/// "Pilote(s) :" → "pilote"; "Public(s) visé(s)" → "public vise".
fn label_key(label: &str) -> String {
    let mut s = label.trim().trim_end_matches(':').trim().to_lowercase();
    // Most labels have no parenthesis: not searched four times for one.
    if s.contains('(') {
        for x in ["(s)", "(e)", "(es)", "(x)"] {
            s = s.replace(x, "");
        }
    }
    key(&s)
}

/// Each word without its plural mark: "indicateurs d evaluation" →
/// "indicateur d evaluation".
fn singular_key(k: &str) -> String {
    k.split(' ')
        .map(|w| {
            if w.len() > 3 {
                w.strip_suffix('s')
                    .or_else(|| w.strip_suffix('x'))
                    .unwrap_or(w)
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a label fills, when the label table knows it.
pub fn field_of(label: &str) -> Option<&'static str> {
    let labels = &*LABELS;
    // Most lines with a colon are sentences, not labels: too long to be
    // one, told before anything is folded. Each ASCII letter or digit
    // gives a byte of the key (lowercasing only adds some), each "(s)",
    // "(es)" … removed takes at most two and starts with "(", and the
    // singular key is more than half as long as the key: a label with more
    // than twice the longest key's letters, and two per parenthesis, is
    // none.
    let alnum = label.bytes().filter(u8::is_ascii_alphanumeric).count();
    let parens = label.bytes().filter(|&b| b == b'(').count();
    if alnum > 2 * (labels.max_len + parens) {
        return None;
    }
    let k = label_key(label);
    if k.is_empty() {
        return None;
    }
    labels
        .exact
        .get(&k)
        .or_else(|| labels.singular.get(&singular_key(&k)))
        .copied()
}

/// A fiche's number alone on its line ("FA 3.1", "Fiche action n°4"), its
/// title in an "Intitulé" row below.
pub static NUMBER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:fiche[- ]actions?|fiche|fa|action)\s*(?:n\s?°|no\.?|num[ée]ro)?\s*(\d{1,3}(?:\.\d{1,3})*)\s*$",
    )
    .expect("number regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_too_long_for_a_label() {
        let sentence = "Les partenaires du projet se sont réunis à plusieurs reprises en 2023 pour préparer \
                        le calendrier suivant, que le comité de pilotage a validé en séance plénière au \
                        mois de décembre";
        assert!(sentence.bytes().filter(u8::is_ascii_alphanumeric).count() > 2 * LABELS.max_len);
        assert_eq!(field_of(sentence), None);
        // Every label of the table, with parentheses and a colon, is still
        // read.
        let labels = LABELS_TSV.lines().filter(|l| !l.starts_with('#')).skip(1);
        for (_, label) in labels.filter_map(|l| l.split_once('\t')) {
            assert!(field_of(&format!("{label} :")).is_some(), "{label}");
        }
    }
}
