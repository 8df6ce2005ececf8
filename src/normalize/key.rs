//! Matching keys: lowercase, accents folded, punctuation folded, so that
//! analysts can join items across documents.

use unicode_normalization::UnicodeNormalization;

/// "Réhabilitation par le logement" → "rehabilitation par le logement".
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'œ' | 'Œ' => {
                out.push_str(if space && !out.is_empty() {
                    " oe"
                } else {
                    "oe"
                });
                space = false;
                continue;
            }
            'æ' | 'Æ' => {
                out.push_str(if space && !out.is_empty() {
                    " ae"
                } else {
                    "ae"
                });
                space = false;
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(
            key("Réhabilitation par le logement"),
            "rehabilitation par le logement"
        );
        assert_eq!(key("l’ARS Normandie"), "l ars normandie");
        assert_eq!(
            key("Rouen – Elbeuf – Pays-de-Bray"),
            "rouen elbeuf pays de bray"
        );
        assert_eq!(key("Mise en œuvre"), "mise en oeuvre");
        assert_eq!(
            key("  « Urgences psychiatriques »  "),
            "urgences psychiatriques"
        );
    }
}
