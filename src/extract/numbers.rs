//! Numbers as French texts write them: digits ("38", "1 200", "1,5"),
//! words ("six", "vingt-six", "trente et une", "quatre-vingt-dix",
//! "deux cents") and approximate nouns ("une vingtaine" → 20, "une
//! centaine" → 100), read from [`Tokens`].

use super::tokens::{Kind, Tokens};

/// A number found at some tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// First token of the number (the article of "une vingtaine" included).
    pub first: usize,
    /// Token after the number.
    pub end: usize,
    pub value: f64,
    /// Written with digits.
    pub digits: bool,
    /// An approximate noun ("vingtaine", "centaine").
    pub approx_noun: bool,
    /// Has a decimal part ("1,5").
    pub decimal: bool,
}

fn unit(k: &str) -> Option<u32> {
    Some(match k {
        "zero" => 0,
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        _ => return None,
    })
}

fn tens(k: &str) -> Option<u32> {
    Some(match k {
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        _ => return None,
    })
}

/// Whether a word may stand between a count and its noun: "7 nouveaux
/// PTSM", "deux grands axes", "trois grandes thématiques".
pub fn count_adjective(k: &str) -> bool {
    matches!(
        k,
        "nouveaux"
            | "nouvelles"
            | "grands"
            | "grandes"
            | "principaux"
            | "principales"
            | "premiers"
            | "premieres"
    )
}

/// The approximate nouns and their values.
pub fn approx_noun(k: &str) -> Option<u32> {
    Some(match k {
        "dizaine" | "dizaines" => 10,
        "douzaine" | "douzaines" => 12,
        "quinzaine" | "quinzaines" => 15,
        "vingtaine" | "vingtaines" => 20,
        "trentaine" | "trentaines" => 30,
        "quarantaine" | "quarantaines" => 40,
        "cinquantaine" | "cinquantaines" => 50,
        "soixantaine" | "soixantaines" => 60,
        "centaine" | "centaines" => 100,
        "millier" | "milliers" => 1000,
        _ => return None,
    })
}

/// Whether the word key is one a number written in words can start with.
pub fn is_number_word(k: &str) -> bool {
    unit(k).is_some()
        || tens(k).is_some()
        || matches!(k, "cent" | "cents" | "mille")
        || approx_noun(k).is_some()
}

/// Reads the number written in words from token `i`, below a million.
fn words(t: &Tokens, i: usize) -> Option<(u32, usize)> {
    // Parts separated by hyphens, "et", or spaces.
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    let mut j = i;
    let mut any = false;
    let mut last_end = i;
    loop {
        if !t.is_word(j) {
            break;
        }
        let k = t.key(j);
        if let Some(u) = unit(k) {
            // "vingt et un", "quatre-vingt-dix-sept", "dix-sept".
            if any && current % 10 != 0 && current < 100 && !(current == 10 && u >= 7) {
                break;
            }
            current += u;
        } else if let Some(v) = tens(k) {
            if any && current % 100 != 0 && !(current % 100 == 4 && v == 20) {
                break;
            }
            if current % 100 == 4 && v == 20 {
                current = current - 4 + 80;
            } else {
                current += v;
            }
        } else if k == "cent" || k == "cents" {
            current = current.max(1) * 100;
        } else if k == "mille" {
            total += current.max(1) * 1000;
            current = 0;
        } else {
            break;
        }
        any = true;
        j += 1;
        last_end = j;
        // Joiners: "-", "et".
        let hyphen =
            matches!(t.punct(j), Some('-')) && t.is_word(j + 1) && is_number_word(t.key(j + 1));
        let et =
            t.key(j) == "et" && t.is_word(j + 1) && matches!(t.key(j + 1), "un" | "une" | "onze");
        if hyphen || et {
            j += 1;
        }
    }
    any.then_some((total + current, last_end))
}

/// Reads digits from token `i`: "38", "1 200", "1 200 000" (groups of three
/// after spaces), "1,5" / "1.5" (decimal).
fn digits(t: &Tokens, i: usize) -> Option<(f64, usize, bool)> {
    let tok = t.get(i)?;
    if tok.kind != Kind::Number {
        return None;
    }
    let first = t.text(i);
    // The number as written, built only when groups or a decimal part
    // follow the first token (most numbers are one token: no allocation).
    let mut s = String::new();
    let mut j = i + 1;
    // Thousands groups: "1 200 000" (spaces only, groups of exactly three).
    if first.len() <= 3 {
        while t
            .get(j)
            .is_some_and(|n| n.kind == Kind::Number && n.space_before && n.end - n.start == 3)
        {
            if s.is_empty() {
                s.push_str(first);
            }
            s.push_str(t.text(j));
            j += 1;
        }
    }
    let mut decimal = false;
    if matches!(t.punct(j), Some(',' | '.'))
        && t.get(j).is_some_and(|p| !p.space_before)
        && t.get(j + 1)
            .is_some_and(|n| n.kind == Kind::Number && !n.space_before)
        && t.text(j + 1).len() <= 2
        && !(t.punct(j) == Some('.') && t.punct(j + 2) == Some('.'))
    {
        if s.is_empty() {
            s.push_str(first);
        }
        s.push('.');
        s.push_str(t.text(j + 1));
        j += 2;
        decimal = true;
    }
    let whole = if s.is_empty() { first } else { &s };
    Some((whole.parse().ok()?, j, decimal))
}

/// The number at token `i`, if one starts there. "une vingtaine" starts at
/// "une"; a bare "une"/"un" is not a number (it is an article far more
/// often) unless `allow_one`.
pub fn at(t: &Tokens, i: usize, allow_one: bool) -> Option<Number> {
    if let Some((v, end, decimal)) = digits(t, i) {
        return Some(Number {
            first: i,
            end,
            value: v,
            digits: true,
            approx_noun: false,
            decimal,
        });
    }
    if !t.is_word(i) {
        return None;
    }
    let k = t.key(i);
    // "une vingtaine (de)", "une centaine".
    if matches!(k, "une" | "un") {
        if let Some(v) = t.next_word(i + 1, 0).and_then(|n| approx_noun(t.key(n))) {
            return Some(Number {
                first: i,
                end: i + 2,
                value: v.into(),
                digits: false,
                approx_noun: true,
                decimal: false,
            });
        }
        if !allow_one {
            return None;
        }
    }
    if let Some(v) = approx_noun(k) {
        return Some(Number {
            first: i,
            end: i + 1,
            value: v.into(),
            digits: false,
            approx_noun: true,
            decimal: false,
        });
    }
    let (v, end) = words(t, i)?;
    Some(Number {
        first: i,
        end,
        value: v.into(),
        digits: false,
        approx_noun: false,
        decimal: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(f64, String)> {
        let t = Tokens::new(s);
        let n = at(&t, 0, true)?;
        Some((n.value, t.slice(n.first, n.end).to_string()))
    }

    #[test]
    fn number_words() {
        assert_eq!(read("six priorités"), Some((6.0, "six".into())));
        assert_eq!(
            read("vingt-six signataires"),
            Some((26.0, "vingt-six".into()))
        );
        assert_eq!(
            read("trente et une actions"),
            Some((31.0, "trente et une".into()))
        );
        assert_eq!(
            read("quatre-vingt-dix"),
            Some((90.0, "quatre-vingt-dix".into()))
        );
        assert_eq!(read("quatre-vingts"), Some((80.0, "quatre-vingts".into())));
        assert_eq!(read("dix-huit mois"), Some((18.0, "dix-huit".into())));
        assert_eq!(read("deux cents"), Some((200.0, "deux cents".into())));
        assert_eq!(read("soixante-dix"), Some((70.0, "soixante-dix".into())));
        assert_eq!(read("cent vingt"), Some((120.0, "cent vingt".into())));
        assert_eq!(read("deux mille"), Some((2000.0, "deux mille".into())));
        assert_eq!(read("douze fiches"), Some((12.0, "douze".into())));
    }

    #[test]
    fn digits_and_groups() {
        assert_eq!(read("38 actions"), Some((38.0, "38".into())));
        assert_eq!(
            read("1 200 000 euros"),
            Some((1_200_000.0, "1 200 000".into()))
        );
        assert_eq!(read("1,5 ETP"), Some((1.5, "1,5".into())));
        assert_eq!(read("2 à 4"), Some((2.0, "2".into())));
        assert_eq!(read("12.12.2019"), Some((12.0, "12".into())));
    }

    #[test]
    fn approximate_nouns() {
        assert_eq!(
            read("une vingtaine d’actions"),
            Some((20.0, "une vingtaine".into()))
        );
        assert_eq!(read("centaine"), Some((100.0, "centaine".into())));
        let t = Tokens::new("une action");
        assert!(at(&t, 0, false).is_none());
    }
}
