//! Matching keys: lowercase, accents folded, punctuation folded, so that
//! analysts can join items across documents.
//!
//! The rule: compatibility decomposition (NFKD, which also splits "ﬁ" and
//! turns "²" into "2"), combining marks dropped, "œ"/"æ" spelled "oe"/"ae",
//! letters and digits lowercased, every run of anything else (spaces,
//! apostrophes, hyphens, dashes, quotes, punctuation, symbols, emoji)
//! folded into one space, no space at either end. So "l’ARS" and "l'ARS"
//! both give "l ars", and "Pays-de-Bray" gives "pays de bray".

use unicode_normalization::UnicodeNormalization;

/// "Réhabilitation par le logement" → "rehabilitation par le logement".
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkd() {
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
        // Modifier letters used as apostrophes or primes are letters to
        // Unicode, punctuation to a reader.
        if c.is_alphanumeric() && !matches!(c, '\u{2B9}'..='\u{2BF}' | '\u{2C8}') {
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

    #[test]
    fn apostrophe_variants_give_one_key() {
        for s in ["l’ARS", "l'ARS", "l\u{02BC}ARS", "L’ars"] {
            assert_eq!(key(s), "l ars", "{s}");
        }
        assert_eq!(key("aujourd’hui"), key("aujourd'hui"));
    }

    #[test]
    fn hyphens_and_compounds_fold_to_spaces() {
        assert_eq!(key("médico-social"), "medico social");
        assert_eq!(key("Psycho-traumatisme"), "psycho traumatisme");
        assert_eq!(key("CTSM 2023-2028"), "ctsm 2023 2028");
    }

    #[test]
    fn decomposed_ligatures_and_capitals_fold() {
        assert_eq!(key("Re\u{301}habilitation"), "rehabilitation");
        assert_eq!(key("ﬁches-action"), "fiches action");
        assert_eq!(
            key("ÉQUIPE MOBILE « 1,2,3 ENFANT »"),
            "equipe mobile 1 2 3 enfant"
        );
        assert_eq!(key("ŒUVRE"), "oeuvre");
        assert_eq!(key("vitæ"), "vitae");
        assert_eq!(key("Mise en œuvre"), "mise en oeuvre");
        assert_eq!(key("CAYRE Virginie"), "cayre virginie");
    }

    #[test]
    fn non_breaking_spaces_and_symbols_fold() {
        assert_eq!(key("625\u{202F}616\u{A0}€"), "625 616");
        assert_eq!(key("📞 03.76.33.01.15"), "03 76 33 01 15");
        assert_eq!(key("En savoir +"), "en savoir");
    }

    #[test]
    fn empty_or_punctuation_only_gives_empty_key() {
        assert_eq!(key(""), "");
        assert_eq!(key(" – … « » "), "");
    }

    #[test]
    fn key_is_idempotent() {
        let k = key("Réhabilitation psychosociale: Poursuite de la mise en place des Centres");
        assert_eq!(key(&k), k);
    }
}
