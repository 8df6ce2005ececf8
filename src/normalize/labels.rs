//! The labels of fiches-action (`data/fiche-labels.tsv`): "Pilote(s)",
//! "Calendrier prévisionnel", "Indicateurs d’évaluation"… and the field each
//! fills. Normalization uses them to keep a label alone on its line apart
//! from the text around it (a table flattened into lines, label then value);
//! extraction reads the fiches' fields with them.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
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
    /// The first words of each key of `exact` ("lien", "lien avec", "lien
    /// avec les" …), and of each key of `singular`: a label whose key
    /// starts with words that begin no key is none (see
    /// [`may_be_label`]).
    prefixes: FxHashSet<String>,
    singular_prefixes: FxHashSet<String>,
}

/// Every word prefix of `k` ("a b c" → "a", "a b", "a b c").
fn word_prefixes(k: &str) -> impl Iterator<Item = &str> {
    k.match_indices(' ')
        .map(|(i, _)| &k[..i])
        .chain(std::iter::once(k))
}

/// False when the key of `label` starts with words that start no key of
/// the table, as its ASCII start alone tells. An ASCII letter or digit is
/// its own key character lowercased, and any other ASCII character a
/// separator (see `key`); so the runs of ASCII letters and digits before
/// the label's first non-ASCII character are the key's first words, but
/// the last one when a non-ASCII character follows it at once (it may go
/// on: "Priorit" + "é"). A "(s)" removed could join two words: a label
/// with "(" is not judged. Each word is looked up as it comes: most lines
/// are told by their first two.
fn may_be_label(labels: &Labels, label: &str) -> bool {
    let b = label.as_bytes();
    if b.contains(&b'(') {
        return true;
    }
    let ascii = b.iter().position(|c| !c.is_ascii()).unwrap_or(b.len());
    let head = &b[..ascii];
    // Where the last whole word ends: before a separator, or at the end
    // of an all-ASCII label.
    let end = if ascii == b.len() {
        ascii
    } else {
        match head.iter().rposition(|c| !c.is_ascii_alphanumeric()) {
            Some(e) => e,
            None => return true,
        }
    };
    let mut words = String::with_capacity(end);
    let mut singular = String::with_capacity(end);
    for w in head[..end]
        .split(|c| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !words.is_empty() {
            words.push(' ');
            singular.push(' ');
        }
        // `singular_key`'s rule: a word of more than 3 letters loses a
        // final "s" or "x".
        let cut = w.len() > 3
            && w.last()
                .is_some_and(|c| matches!(c.to_ascii_lowercase(), b's' | b'x'));
        for (i, &c) in w.iter().enumerate() {
            let l = char::from(c.to_ascii_lowercase());
            words.push(l);
            if !(cut && i + 1 == w.len()) {
                singular.push(l);
            }
        }
        if !labels.prefixes.contains(&words) && !labels.singular_prefixes.contains(&singular) {
            return false;
        }
    }
    true
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
    let prefixes = exact
        .keys()
        .flat_map(|k| word_prefixes(k))
        .map(str::to_string)
        .collect();
    let singular_prefixes = singular
        .keys()
        .flat_map(|k| word_prefixes(k))
        .map(str::to_string)
        .collect();
    Labels {
        exact,
        singular,
        max_len,
        prefixes,
        singular_prefixes,
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
    // Most lines tried as labels start with words no label starts with
    // ("Action 1.2 : mettre en place …", "Le comité s’est réuni …"): told
    // from their ASCII start, before the whole label is folded.
    if !may_be_label(labels, label) {
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

    /// `field_of` without the look at the label's ASCII start.
    fn field_of_folded(label: &str) -> Option<&'static str> {
        let k = label_key(label);
        if k.is_empty() {
            return None;
        }
        LABELS
            .exact
            .get(&k)
            .or_else(|| LABELS.singular.get(&singular_key(&k)))
            .copied()
    }

    #[test]
    fn the_ascii_start_rejects_only_what_the_key_would() {
        let labels: Vec<&str> = LABELS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split_once('\t').map(|x| x.1))
            .collect();
        let mut tried = Vec::new();
        for label in &labels {
            for (before, after) in [
                ("", ""),
                ("", " :"),
                ("- ", ""),
                ("", "s"),
                ("", "é"),
                ("", " 1.2"),
                ("", "’s"),
                ("  ", "\u{a0}:"),
                ("• ", " (s)"),
            ] {
                tried.push(format!("{before}{label}{after}"));
                tried.push(format!("{before}{}{after}", label.to_uppercase()));
                tried.push(format!("{before}{}{after}", label.replace(' ', "-")));
            }
            // Each word cut short, and the label cut after each word.
            for (i, _) in label.match_indices(' ') {
                tried.push(label[..i].to_string());
                tried.push(format!("{}s{}", &label[..i], &label[i..]));
            }
        }
        for line in [
            "- Action 1.2 : mettre en place un dispositif d’accueil",
            "Action 1.2",
            "Pilotes",
            "PILOTES",
            "Pilote e",
            "Calendriers",
            "Fiche ﬁnancement",
            "Public cible",
            "Indicateurs",
            "Indicateur d’évaluation",
            "Indicateurs d'evaluation",
            "Partenaires associes",
        ] {
            tried.push(line.to_string());
        }
        for t in &tried {
            assert_eq!(field_of(t), field_of_folded(t), "{t:?}");
        }
    }

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
