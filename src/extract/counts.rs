//! Declared counts ("38 actions", "six groupes de travail", "une vingtaine
//! d’actions", "plus d’une trentaine d’actions et projets", "vingt-six
//! signataires", "Ils étaient plus de deux cents") and periods ("CTSM
//! 2023-2028").
//!
//! A count is a number ([`numbers`]) followed by a counted noun of the
//! PTSM's vocabulary, mapped to a category (`actions`, `fiches_action`,
//! `axes`, `groupes`, `participants`…). Not counts: durations, ages,
//! percentages, statistics (not in the vocabulary), ranges ("de 6 à 33
//! personnes", "entre 10 et 25 membres"), subsets of a total ("dont 4",
//! "11 des 18 fiches", "trois de ces axes"), targets of an action ("Former
//! 48 professionnels"), counts of another plan ("ses 12 actions
//! prioritaires" of the Projet régional de santé). The same count said
//! twice is kept once; an approximate count given exactly elsewhere is
//! kept exact.

use std::sync::LazyLock;

use crate::model::{Count, CountScope, CountStatus, DeclaredCount, Period, Qualifier};
use crate::normalize::NormDoc;

use super::gazetteer::{self, Place};
use super::numbers::{self, Number};
use super::pattern::{self, Pattern, Window};
use super::span;
use super::territory::Territories;
use super::tokens::{Kind, Tokens};

/// The counted nouns: word keys (after the number and an optional "de"/
/// "d’") and their category. Longest first within a first word.
const NOUNS: &[(&[&str], &str)] = &[
    (
        &["projets", "territoriaux", "de", "sante", "mentale"],
        "ptsm",
    ),
    (&["projets", "territoriaux"], "ptsm"),
    (&["ptsm"], "ptsm"),
    (
        &["contrats", "territoriaux", "de", "sante", "mentale"],
        "ctsm",
    ),
    (&["contrats", "territoriaux"], "ctsm"),
    (&["contrats"], "ctsm"),
    (&["ctsm"], "ctsm"),
    (&["fiches", "actions"], "fiches_action"),
    (&["fiches", "action"], "fiches_action"),
    (&["fiche", "action"], "fiches_action"),
    (&["fiches"], "fiches_action"),
    (&["actions", "prioritaires"], "actions"),
    // "sept propositions d’actions" (a working group's).
    (&["propositions", "d", "actions"], "actions"),
    (&["actions", "concretes"], "actions"),
    (&["actions"], "actions"),
    (&["chantiers"], "actions"),
    (&["axes"], "axes"),
    (&["orientations"], "orientations"),
    (&["volets"], "volets"),
    (&["priorites"], "priorites"),
    (&["objectifs", "strategiques"], "objectifs_strategiques"),
    (&["objectifs", "operationnels"], "objectifs_operationnels"),
    (&["objectifs", "generaux"], "objectifs_generaux"),
    (&["objectifs"], "objectifs"),
    (&["thematiques"], "thematiques"),
    (&["themes"], "thematiques"),
    (&["enjeux"], "enjeux"),
    (&["constats"], "constats"),
    (&["ambitions"], "ambitions"),
    (&["pistes", "d", "ameliorations"], "pistes_amelioration"),
    (&["pistes", "d", "amelioration"], "pistes_amelioration"),
    (&["pistes"], "pistes_amelioration"),
    (&["groupes", "de", "travail"], "groupes"),
    (&["groupes", "de", "reflexion"], "groupes"),
    (&["groupes", "de", "projet"], "groupes"),
    (&["groupes", "thematiques"], "groupes"),
    (&["groupes"], "groupes"),
    (&["participants"], "participants"),
    (&["contributeurs"], "participants"),
    (&["structures"], "structures"),
    (&["partenaires"], "partenaires"),
    (&["signataires"], "signataires"),
    (&["acteurs"], "participants"),
    (&["professionnels"], "participants"),
    (&["representants"], "participants"),
    (&["personnes"], "participants"),
    // "présenté devant quelque 250 soignants, élus …" (when they took part).
    (&["soignants"], "participants"),
    // "Participants (41 présents – …)".
    (&["presents"], "participants"),
    (&["membres"], "membres"),
    (&["journees", "de", "lancement"], "journees_lancement"),
    (&["departements"], "territoires"),
    (&["territoires"], "territoires"),
    // After "un seul".
    (&["territoire"], "territoires"),
    (&["bassins"], "territoires"),
    (&["microregions"], "territoires"),
    (&["arrondissements"], "territoires"),
    // "les huit pays du département".
    (&["pays"], "territoires"),
];

/// Categories that only count people taking part when the sentence says
/// they took part ("80 professionnels … ont participé", "près de 110
/// représentants … invités"), not when they are an action's target
/// ("former 48 professionnels") or its result ("412 personnes rencontrées").
fn needs_participation(noun: &str) -> bool {
    matches!(
        noun,
        "professionnels" | "representants" | "personnes" | "acteurs" | "membres" | "soignants"
    )
}

/// Words that say people took part.
fn participation_word(k: &str) -> bool {
    k.starts_with("particip")
        || k.starts_with("mobilis")
        || k.starts_with("reuni")
        || k.starts_with("retrouv")
        || k.starts_with("associ")
        || k.starts_with("contribu")
        || k.starts_with("invit")
        || k.starts_with("present")
        || k == "mene"
        || k == "menee"
        || k.starts_with("compos")
        || k.starts_with("rassembl")
        || k == "fruit"
        || k == "travail"
        || k == "elaboration"
        || k == "implique"
        || k == "impliques"
        || k.starts_with("elabor")
        || k.starts_with("travaill")
        // "les 15 actions ont été définies avec près de 90 acteurs".
        || k.starts_with("defini")
        || k.starts_with("construit")
        || k.starts_with("redige")
        || k.starts_with("concert")
        || k == "etaient"
        || k == "etions"
        || k.starts_with("assist")
        // "une centaine de professionnels … ont découvert la version finale",
        // "ont échangé", "ont débattu": an audience that took part.
        || k == "decouvert"
        // "… avaient fait le déplacement".
        || k == "deplacement"
        || k.starts_with("echange")
        || k.starts_with("debattu")
        || k == "conduit"
        || k == "conduite"
        // "le document a été écrit … par plus de 120 professionnels".
        || k == "ecrit"
        || k == "ecrite"
}

/// Verbs whose object is an action's target: "Former 48 professionnels",
/// "Aller au-devant de 300 personnes", "accompagner".
fn target_verb(k: &str) -> bool {
    matches!(
        k,
        "former"
            | "accompagner"
            | "recruter"
            | "sensibiliser"
            | "toucher"
            | "aider"
            | "suivre"
            | "devant"
            | "accueillir"
            | "orienter"
            | "rencontrer"
            | "informer"
            | "pour"
    )
}

/// Words of the sentence before a count that make it another plan's
/// ("le Projet régional de santé … parmi ses 12 actions prioritaires").
fn other_plan(t: &Tokens, from: usize, at: usize) -> bool {
    let mut j = from;
    while j < at {
        if t.key(j) == "regional" && t.key(j + 1) == "de" && t.key(j + 2) == "sante" {
            return true;
        }
        if t.key(j) == "prs" || (t.key(j) == "schema" && t.key(j + 1) == "regional") {
            return true;
        }
        j += 1;
    }
    false
}

/// The counted noun after token `i`: `(category, noun key, end token)`.
fn noun_at(t: &Tokens, mut i: usize) -> Option<(&'static str, String, usize)> {
    // "une vingtaine d’actions", "plus d’une trentaine de participants":
    // "de"/"d’" after an approximate noun.
    if matches!(t.key(i), "de" | "d") {
        i += 1;
        if matches!(t.punct(i), Some('’' | '\'')) {
            i += 1;
        }
    }
    // An adjective between the number and the noun: "7 nouveaux PTSM",
    // "deux grands axes".
    let mut tries = [Some(i), None];
    // ("un seul territoire" too.)
    if t.is_word(i) && (numbers::count_adjective(t.key(i)) || matches!(t.key(i), "seul" | "seule"))
    {
        tries[1] = Some(i + 1);
    }
    // The nouns by their first word, in table order (a noun matches only
    // where its first word does): most numbers are followed by no counted
    // noun, and their first word rules the table out at one look-up.
    static BY_FIRST: std::sync::LazyLock<rustc_hash::FxHashMap<&str, Vec<usize>>> =
        std::sync::LazyLock::new(|| {
            let mut m = rustc_hash::FxHashMap::<&str, Vec<usize>>::default();
            for (n, (w, _)) in NOUNS.iter().enumerate() {
                m.entry(w[0]).or_default().push(n);
            }
            m
        });
    for start in tries.into_iter().flatten() {
        let Some(cands) = BY_FIRST.get(t.key(start)) else {
            continue;
        };
        for &(words, cat) in cands.iter().filter_map(|&n| NOUNS.get(n)) {
            if let Some(end) = t.seq(start, words) {
                return Some((cat, words.join(" "), end));
            }
        }
    }
    None
}

/// Every declared count of the text.
pub fn extract(doc: &NormDoc, t: &Tokens, terr: &Territories) -> Vec<DeclaredCount> {
    let mut out: Vec<DeclaredCount> = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        // "un seul territoire": one, only when said so.
        let one = matches!(t.key(i + 1), "seul" | "seule");
        let Some(num) = numbers::at(t, i, one) else {
            i += 1;
            continue;
        };
        if num.decimal || num.value < 1.0 || num.value > 100_000.0 {
            i = num.end.max(i + 1);
            continue;
        }
        if let Some(c) = count_at(doc, t, terr, &num).or_else(|| elided_noun(doc, t, terr, &num)) {
            out.push(c);
            i = num.end.max(i + 1);
            continue;
        }
        i = num.end.max(i + 1);
    }
    // "Ils étaient plus de deux cents": people who were there.
    ils_etaient(doc, t, terr, &mut out);
    table_counts(doc, terr, &mut out);
    dedupe(out)
}

/// The category of a table's column header that counts ("Actions",
/// "Nombre d’actions", "Fiches action", "Axes").
fn count_column(cell: &str) -> Option<&'static str> {
    let k = crate::normalize::key(cell);
    let k = k
        .strip_prefix("nombre d ")
        .or_else(|| k.strip_prefix("nombre de "))
        .or_else(|| k.strip_prefix("nb d "))
        .or_else(|| k.strip_prefix("nb de "))
        .or_else(|| k.strip_prefix("nb "))
        .unwrap_or(&k);
    Some(match k {
        "actions" | "actions prevues" | "actions retenues" => "actions",
        "fiches action" | "fiches actions" | "fiches" => "fiches_action",
        "axes" => "axes",
        "groupes de travail" | "groupes" => "groupes",
        "signataires" => "signataires",
        _ => return None,
    })
}

/// The category of the first of several column titles kept as one cell
/// ("Fiches actions Arrêté du PTSM Signature du CTSM" → fiches_action).
fn first_title(cell: &str) -> Option<&'static str> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    (1..words.len())
        .rev()
        .find_map(|w| count_column(&words[..w].join(" ")))
}

/// A table's cells: a row written with bars ("Paris (75) | 14/12/2020 |
/// 42") or with the tabs of a laid-out row; `None` for other lines.
fn cells(line: &str) -> Option<Vec<&str>> {
    let cells: Vec<&str> = if line.contains('\t') {
        line.split('\t').map(str::trim).collect()
    } else if line.matches(" | ").count() >= 1 {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect()
    } else {
        return None;
    };
    (cells.len() >= 2).then_some(cells)
}

/// Counts in a table of territories: a header row with a counting column
/// ("Département | PTSM arrêté le | CTSM signé le | Actions") and one row
/// per territory under it ("Paris (75) | 14/12/2020 | 05/10/2022 | 42"),
/// each row's number that territory's; a total row ("Total ⇥ 98") the
/// document's. A regional overview states its counts so.
fn table_counts(doc: &NormDoc, terr: &Territories, out: &mut Vec<DeclaredCount>) {
    let text_of = |n: usize| {
        doc.lines
            .get(n)
            .and_then(|l| doc.text.get(l.range.clone()))
            .unwrap_or("")
    };
    let mut n = 0;
    while n < doc.lines.len() {
        let header = cells(text_of(n)).and_then(|cs| {
            // A header whose last titles the layout kept as one cell, their
            // gaps narrower than the rows' ("Département ⇥ Actions Signature
            // Crédits 2023" over "Ardennes (08) ⇥ 14 ⇥ 09/2022 ⇥ 520"): the
            // merged cell's first title is its column's.
            let row_width = cells(text_of(n + 1)).map_or(0, |r| r.len());
            let merged = row_width > cs.len();
            let last = cs.len() - 1;
            let found: Vec<(usize, &'static str)> = cs
                .iter()
                .enumerate()
                .filter_map(|(c, cell)| {
                    count_column(cell)
                        .or_else(|| (merged && c == last).then(|| first_title(cell)).flatten())
                        .map(|cat| (c, cat))
                })
                .collect();
            let width = if merged { row_width } else { cs.len() };
            (!found.is_empty() && width >= 3).then_some((width, found))
        });
        let Some((width, columns)) = header else {
            n += 1;
            continue;
        };
        let mut r = n + 1;
        while r < doc.lines.len() {
            let line = &doc.lines[r];
            let text = text_of(r);
            // A rule under the header or above a total.
            if !text.is_empty()
                && text
                    .chars()
                    .all(|c| matches!(c, '-' | '=' | '_' | '+' | '|' | ' '))
            {
                r += 1;
                continue;
            }
            // (A blank line between the header and its rows.)
            if text.trim().is_empty() && r <= n + 3 {
                r += 1;
                continue;
            }
            let Some(mut cs) = cells(text) else { break };
            // A long first cell that the layout left one narrow gap from
            // the next ("Meurthe-et-Moselle (54)  29"): the number after
            // it is the second cell.
            if cs.len() + 1 == width {
                if let Some((name, last)) = cs[0].rsplit_once(' ') {
                    if last.len() <= 3 && last.bytes().all(|b| b.is_ascii_digit()) {
                        let name = name.trim_end();
                        cs.splice(0..1, [name, last]);
                    }
                }
            }
            let first_end = line.range.start + text.find(cs[0]).unwrap_or(0) + cs[0].len();
            let number = |cell: &str| {
                cell.parse::<u32>()
                    .ok()
                    .filter(|v| (1..=999).contains(v) && cell.len() <= 3)
            };
            let row = |count: u32, cat: &str, scope: CountScope, territory: Option<String>| {
                DeclaredCount {
                    count,
                    what: cat.to_string(),
                    noun: cat.replace('_', " "),
                    qualifier: None,
                    scope,
                    territory,
                    status: None,
                    text: text.to_string(),
                    span: span(doc, line.range.clone()),
                }
            };
            if crate::normalize::key(cs[0]).starts_with("total") {
                // The total under the one counting column, whatever the
                // cells the row leaves out.
                let values: Vec<u32> = cs[1..].iter().filter_map(|c| number(c)).collect();
                if let ([v], [(_, cat)]) = (values.as_slice(), columns.as_slice()) {
                    out.push(row(*v, cat, CountScope::Document, None));
                }
                r += 1;
                break;
            }
            // (A header that the layout joined with its second line has
            // more cells than the rows: the counting columns before the
            // joined ones keep their place.)
            let joined_header =
                cs.len() >= 3 && cs.len() < width && columns.iter().all(|(c, _)| *c + 1 < cs.len());
            if cs.len() == width || joined_header {
                if let Some((_, ti)) = terr.mention_starting_in(line.range.start, first_end) {
                    let id = terr.list.get(ti).map(|tr| tr.id.clone());
                    for &(c, cat) in &columns {
                        if let Some(v) = cs.get(c).and_then(|cell| number(cell)) {
                            out.push(row(v, cat, CountScope::Territory, id.clone()));
                        }
                    }
                }
            }
            r += 1;
        }
        n = r.max(n + 1);
    }
}

/// A count whose noun was said just before: "en actions concrètes :
/// dix-sept au total", "27 actions réalisées sur 34 prévues" (34 is the
/// total of actions; 27, part of it, is not counted).
fn elided_noun(
    doc: &NormDoc,
    t: &Tokens,
    terr: &Territories,
    num: &Number,
) -> Option<DeclaredCount> {
    if num.decimal || num.value < 2.0 || t.punct(num.end) == Some('%') {
        return None;
    }
    let first = num.first;
    let total = t.key(num.end) == "au" && t.key(num.end + 1) == "total";
    let planned = t.prev_word(first, 0).is_some_and(|p| t.key(p) == "sur")
        && t.is_word(num.end)
        && matches!(
            t.key(num.end),
            "prevues"
                | "prevus"
                | "programmees"
                | "programmes"
                | "inscrites"
                | "inscrits"
                | "initiales"
                | "initiaux"
                | "retenues"
                | "retenus"
        );
    if !total && !planned {
        return anaphoric(doc, t, terr, num).or_else(|| parallel(doc, t, terr, num));
    }
    // The last counted noun of the sentence before the number, within a
    // dozen words. (The sentence's start is looked for over those only:
    // searched back to the start of a long line for every number, it was
    // quadratic.)
    let floor = first.saturating_sub(12).max(t.line_start(first));
    let mut from = first;
    while from > floor && !matches!(t.punct(from - 1), Some('.' | ';' | '!' | '?')) {
        from -= 1;
    }
    let (cat, _, _) = (from..first).rev().find_map(|q| {
        t.is_word(q)
            .then(|| noun_at(t, q))
            .flatten()
            .filter(|&(_, _, e)| e <= first)
    })?;
    let end = if total { num.end + 2 } else { num.end + 1 };
    let mut c = count_of(doc, t, terr, num, first, num.end, cat)?;
    c.text = doc.text.get(t.range(first, end)).unwrap_or("").to_string();
    c.span = span(doc, t.range(first, end));
    Some(c)
}

/// Tokens an elliptic count looks back over for the count it repeats: a
/// few sentences.
const ANTECEDENT_REACH: usize = 80;

/// A count whose noun is the pronoun "en" before its verb, the verb of an
/// earlier count: "Le PTSM drômois compte 28 fiches actions ; … Le PTSM
/// ardéchois en compte 19". The earlier count with the same verb gives
/// the noun (not merely the last count, which may be of something else:
/// "il s’appuie sur trois territoires"). Without one, the plan's content
/// named last in the sentence: "l’une des actions du projet territorial
/// …, qui en compte une cinquantaine" (not a PTSM, a territory or people,
/// which are the subjects of such sentences more often than what they
/// count).
fn anaphoric(doc: &NormDoc, t: &Tokens, terr: &Territories, num: &Number) -> Option<DeclaredCount> {
    let first = num.first;
    let verb = t.prev_word(first, 0)?;
    let en = t.prev_word(verb, 0)?;
    // A verb that counts what it holds ("il en reste deux" is what is
    // left; "en juin 2018" no verb at all).
    let counting = matches!(
        t.key(verb),
        "compte"
            | "comptent"
            | "comptait"
            | "comptaient"
            | "comptera"
            | "prevoit"
            | "prevoient"
            | "comporte"
            | "comportent"
            | "contient"
            | "recense"
            | "denombre"
            | "totalise"
            | "regroupe"
            | "reunit"
            | "retient"
            | "propose"
            | "decline"
            | "identifie"
            | "affiche"
    );
    if t.key(en) != "en" || !counting {
        return None;
    }
    let floor = first.saturating_sub(ANTECEDENT_REACH);
    let same_verb = (floor..en).rev().find_map(|v| {
        if t.key(v) != t.key(verb) || !t.is_word(v) {
            return None;
        }
        let n = numbers::at(t, v + 1, false)?;
        noun_at(t, n.end).map(|(cat, _, _)| cat)
    });
    let cat = same_verb.or_else(|| {
        (sentence_start(t, en)..en).rev().find_map(|q| {
            let (cat, _, _) = t.is_word(q).then(|| noun_at(t, q)).flatten()?;
            matches!(
                cat,
                "actions"
                    | "fiches_action"
                    | "axes"
                    | "orientations"
                    | "volets"
                    | "priorites"
                    | "objectifs"
                    | "thematiques"
                    | "enjeux"
                    | "groupes"
            )
            .then_some(cat)
        })
    })?;
    count_of(doc, t, terr, num, first, num.end, cat)
}

/// The second of two parallel counts, its noun not repeated: "18 actions
/// au nord, 21 au sud", "deux PTSM dans l’Eure, trois en Seine-Maritime".
/// The number follows a comma or "et" and comes before a place's
/// preposition, as the count before it in the sentence did.
fn parallel(doc: &NormDoc, t: &Tokens, terr: &Territories, num: &Number) -> Option<DeclaredCount> {
    const PREPOSITIONS: &[&str] = &["au", "aux", "a", "en", "dans", "pour", "sur", "chez"];
    let first = num.first;
    let after = t.key(num.end);
    if !t.is_word(num.end) || !PREPOSITIONS.contains(&after) {
        return None;
    }
    // "3 en 2021": a year after the preposition is a period's split, not
    // a place's.
    if numbers::at(t, num.end + 1, false).is_some() {
        return None;
    }
    let joined = first > 0 && (t.punct(first - 1) == Some(',') || t.key(first - 1) == "et");
    if !joined {
        return None;
    }
    let floor = sentence_start(t, first).max(first.saturating_sub(30));
    let cat = (floor..first.saturating_sub(1)).rev().find_map(|q| {
        let n = numbers::at(t, q, false).filter(|n| n.end < first)?;
        let (cat, _, e) = noun_at(t, n.end)?;
        PREPOSITIONS.contains(&t.key(e)).then_some(cat)
    })?;
    count_of(doc, t, terr, num, first, num.end, cat)
}

fn count_at(doc: &NormDoc, t: &Tokens, terr: &Territories, num: &Number) -> Option<DeclaredCount> {
    let first = num.first;
    // "Ils réunissent respectivement 31 et 27 signataires": the first
    // number counts the noun after the second.
    let respectively = t
        .prev_word(first, 0)
        .is_some_and(|p| t.key(p) == "respectivement")
        && t.key(num.end) == "et";
    let (cat, noun_key, end) = noun_at(t, num.end).or_else(|| {
        respectively
            .then(|| numbers::at(t, num.end + 1, false))
            .flatten()
            .and_then(|n2| noun_at(t, n2.end))
    })?;
    // Not a year ("2023 actions"), a time, nor part of a code or legal
    // number ("décret 2017-1200", "PTSM 35 actions"?).
    if num.digits {
        let s = t.text(first);
        if s.len() == 4 && (1900..=2100).contains(&(num.value as i32)) {
            return None;
        }
        if matches!(t.punct(first.wrapping_sub(1)), Some('-' | '/' | '.'))
            && t.get(first).is_some_and(|x| !x.space_before)
        {
            return None;
        }
        if t.prev_word(first, 0)
            .is_some_and(|p| matches!(t.key(p), "ptsm" | "ctsm" | "n" | "article" | "page" | "p"))
        {
            return None;
        }
    }
    // Ranges: "de 6 à 33 personnes", "entre 10 et 25 membres", "2 à 4".
    let prev = t.prev_word(first, 1);
    let prev_k = prev.map(|p| t.key(p)).unwrap_or("");
    if matches!(t.key(num.end), "a" | "et")
        && numbers::at(t, num.end + 1, false).is_some()
        && !respectively
    {
        return None;
    }
    if matches!(prev_k, "a" | "et") {
        if let Some(p) = prev {
            let from = t
                .prev_word(p, 0)
                .filter(|&q| numbers::at(t, q, false).is_some_and(|n| n.end == p));
            // "qui passe de 17 à 20 actions": a change, whose second
            // number is the new total.
            let change = prev_k == "a"
                && from
                    .and_then(|q| t.prev_word(q, 0))
                    .filter(|&d| t.key(d) == "de")
                    .and_then(|d| t.prev_word(d, 0))
                    .is_some_and(|v| {
                        let k = t.key(v);
                        k.starts_with("pass") || k.starts_with("augment") || k.starts_with("evolu")
                    });
            // "respectivement 31 et 27 signataires": both count.
            let respective = prev_k == "et"
                && from
                    .and_then(|q| t.prev_word(q, 0))
                    .is_some_and(|r| t.key(r) == "respectivement");
            if from.is_some() && !change && !respective {
                return None;
            }
        }
    }
    if prev_k == "entre" && t.key(num.end) == "et" {
        return None;
    }
    // Subsets: "dont 4", "11 des 18", "trois de ces axes", "N sur M".
    if prev_k == "dont"
        || matches!(t.key(num.end), "des" | "sur") && numbers::at(t, num.end + 1, false).is_some()
    {
        return None;
    }
    if t.key(num.end) == "de" && t.key(num.end + 1) == "ces" {
        return None;
    }
    // An organisation's share: "Nous co-pilotons deux fiches", "le
    // Département en pilote quatre", "l’établissement copilote 3 actions".
    if prev_k.starts_with("pilot")
        || prev_k.starts_with("copilot")
        || prev_k.starts_with("co-pilot")
        || (prev_k == "pilotons" || prev_k == "portons")
    {
        return None;
    }
    // A list item's own share, in parentheses at its end: "- Crise et
    // urgence (5 actions)". It is the item's note, a part of the total
    // the document gives, not a count of the document.
    if first > 0 && t.punct(first - 1) == Some('(') && t.punct(end) == Some(')') {
        let ls = t.line_start(first);
        let item = matches!(
            t.punct(ls),
            Some('-' | '–' | '—' | '•' | '→' | '·' | '▪' | '*' | '►' | '➢')
        ) || (t.get(ls).is_some_and(|x| x.kind == Kind::Number)
            && matches!(t.punct(ls + 1), Some('.' | ')')));
        let closes = (end + 1..t.line_end(first)).all(|q| !t.is_word(q));
        if item && closes {
            return None;
        }
    }
    // "27 actions réalisées sur 34 prévues", "11 actions sur 18": a part
    // of the total after it.
    if t.key(end + 1) == "sur" && t.is_word(end) && numbers::at(t, end + 2, false).is_some() {
        return None;
    }
    if t.key(end) == "sur" && numbers::at(t, end + 1, false).is_some() {
        return None;
    }
    // "1er", ordinals, are not numbers here; "une" alone is not a count
    // ("une action").
    // ("un seul territoire de proximité" is one.)
    if num.value == 1.0 && !num.digits && !matches!(t.key(num.end), "seul" | "seule") {
        return None;
    }
    // Percentages.
    if t.punct(num.end) == Some('%') {
        return None;
    }
    // A page number before a running header: "2 PTSM DE ROUEN ELBEUF".
    if num.digits && first == t.line_start(first) && {
        let le = t.line_end(first);
        (num.end..le)
            .filter(|&q| t.is_word(q))
            .all(|q| t.get(q).is_some_and(|x| x.upper))
    } {
        return None;
    }
    // Referrals ("156 orientations vers un CMP") are no orientations.
    if cat == "orientations" && matches!(t.key(end), "vers" | "de" | "des") {
        return None;
    }
    // A status of part of a total: "17 actions sont engagées, 3 sont
    // achevées".
    let status_word = |k: &str| {
        k.starts_with("engage")
            || k.starts_with("acheve")
            || k.starts_with("realise")
            || k.starts_with("demarre")
            || k.starts_with("lance")
            || k.starts_with("termine")
            || k.starts_with("finalise")
            || k == "cours"
            || k.starts_with("suspend")
            || k.starts_with("abandonne")
            // An amendment's changes: "Trois actions sont ajoutées".
            || k.starts_with("ajoute")
            || k.starts_with("supprime")
            || k.starts_with("retire")
    };
    // ("11 des 18 fiches actions sont engagées": 18 is the total.)
    let total_of_subset = matches!(prev_k, "des" | "sur")
        && prev
            .and_then(|p| t.prev_word(p, 0))
            .is_some_and(|q| numbers::at(t, q, false).is_some());
    // ("200 participants ont lancé les travaux" is no status: "ont"
    // needs "été" to make one.)
    let auxiliary = matches!(t.key(end), "sont" | "restent" | "etaient")
        || (t.key(end) == "ont" && t.key(end + 1) == "ete");
    if auxiliary && !total_of_subset {
        let mut q = end + 1;
        while matches!(t.key(q), "ete" | "deja" | "en") {
            q += 1;
        }
        if status_word(t.key(q)) {
            return None;
        }
    }
    // The status right after the noun: "les trois fiches non démarrées",
    // "12 actions engagées".
    if !total_of_subset {
        let mut q = end;
        while matches!(t.key(q), "non" | "pas" | "deja" | "en") {
            q += 1;
        }
        if t.is_word(q) && q < t.line_end(first) && status_word(t.key(q)) {
            return None;
        }
    }
    // A part with a property, without an article that makes it the whole:
    // "14 fiches ont un pilote" (not "Les 14 fiches ont un pilote").
    let determined = matches!(prev_k, "les" | "ses" | "leurs" | "nos" | "vos" | "ces");
    if t.key(end) == "ont"
        && matches!(
            t.key(end + 1),
            "un" | "une" | "des" | "deja" | "leur" | "leurs"
        )
        && !determined
        && !total_of_subset
    {
        return None;
    }
    // "seules les 9 actions bénéficiant de crédits": a part.
    if prev_k == "les"
        && prev
            .and_then(|p| t.prev_word(p, 0))
            .is_some_and(|q| matches!(t.key(q), "seules" | "seuls"))
    {
        return None;
    }
    // An organisation's share: "Deux actions portées par l’Unafam", "Le
    // Département y porte ou co-porte sept actions" (not "le contrat porte
    // 29 actions").
    let carried_after = matches!(
        t.key(end),
        "portees" | "pilotees" | "copilotees" | "coportees"
    ) && t.key(end + 1) == "par";
    let carried_before = prev.is_some_and(|p| {
        matches!(
            t.key(p),
            "porte" | "pilote" | "copilote" | "coporte" | "portent" | "pilotent"
        ) && t.key(p.wrapping_sub(1)) != "a"
    }) && {
        let s = sentence_start(t, first);
        !(s..first).any(|q| {
            matches!(
                t.key(q),
                "ptsm" | "ctsm" | "contrat" | "projet" | "plan" | "programme"
            )
        })
    };
    if carried_after || carried_before {
        return None;
    }
    let sentence = sentence_start(t, first);
    let sentence_end = sentence_end(t, first, end);
    if other_plan(t, sentence, first) || other_plan(t, end, sentence_end) {
        return None;
    }
    // "un comité de 24 membres", "comité de pilotage composé de 12
    // professionnels": the steering committee's members.
    let committee = {
        let from = first.saturating_sub(8).max(sentence);
        (from..first).any(|q| matches!(t.key(q), "pilotage" | "comite" | "copil"))
    };
    if noun_key == "membres" && (committee || composed_committee(t, sentence, first)) {
        return count_of(doc, t, terr, num, first, end, "membres_comite_pilotage");
    }
    // People counted as participants only when they took part.
    // "signé … par l’ARS et une trentaine d’acteurs": the count is in the
    // agent of a signing, who signed.
    let mut cat = cat;
    let signed_by = (sentence..first)
        .find(|&q| t.key(q).starts_with("signe"))
        .is_some_and(|sg| (sg..first).any(|q| t.key(q) == "par"));
    // (Partners stay partners: "signé par 48 partenaires" counts the
    // partners the text names, a category of its own.)
    if signed_by && matches!(cat, "participants" | "structures") {
        cat = "signataires";
    }
    if (needs_participation(&noun_key)
        || cat == "participants" && noun_key != "participants" && noun_key != "contributeurs")
        && cat != "signataires"
    {
        // ("auxquels quelque 150 professionnels et usagers ont pris part".)
        let took_part = (sentence..sentence_end).any(|q| {
            t.is_word(q)
                && (participation_word(t.key(q))
                    || t.key(q) == "part" && q > 0 && t.key(q - 1) == "pris")
        });
        let target = prev.is_some_and(|p| target_verb(t.key(p)))
            || (prev_k == "de"
                && prev
                    .and_then(|p| t.prev_word(p, 1))
                    .is_some_and(|q| target_verb(t.key(q))));
        let result = t.is_word(end)
            && (t.key(end).starts_with("rencontr")
                || t.key(end).starts_with("accompagn")
                || t.key(end).starts_with("form"));
        if !took_part || target || result {
            return None;
        }
    }
    // "comité de pilotage composé de 12 professionnels".
    if matches!(noun_key.as_str(), "professionnels" | "membres") {
        let from = first.saturating_sub(8).max(sentence);
        if (from..first).any(|q| t.key(q) == "pilotage") {
            cat = "membres_comite_pilotage";
        } else if noun_key == "membres" {
            return None;
        }
    }
    // "Signé le 12 juillet 2022 par dix-sept partenaires": who signed.
    if matches!(cat, "participants" | "structures")
        && (sentence..first).any(|q| {
            let k = t.key(q);
            k.starts_with("signe") || k == "signataires"
        })
        && prev_k == "par"
    {
        cat = "signataires";
    }
    count_of(doc, t, terr, num, first, end, cat)
}

/// The count `num` of category `cat`, its noun ending at token `end`.
fn count_of(
    doc: &NormDoc,
    t: &Tokens,
    terr: &Territories,
    num: &Number,
    first: usize,
    end: usize,
    cat: &str,
) -> Option<DeclaredCount> {
    // "groupes" of a size ("groupes de 12 personnes") are counted; group
    // sizes are ranges, handled above.
    let qualifier = qualifier_before(t, first).or(num.approx_noun.then_some(Qualifier::Approx));
    let qualifier = match (qualifier, num.approx_noun) {
        (Some(Qualifier::AtLeast), _) => Some(Qualifier::AtLeast),
        (q, _) => q,
    };
    let start_tok = qualifier_start(t, first).unwrap_or(first);
    let bytes = t.range(start_tok, end);
    let (status, status_end) = match status_after(doc, bytes.end) {
        Some((s, e)) => (Some(s), e),
        None => (None, bytes.end),
    };
    let text = doc
        .text
        .get(bytes.start..status_end)
        .unwrap_or("")
        .to_string();
    let noun_text = t.slice(noun_start(t, num.end), end).to_string();
    let (scope, territory) = scope_of(t, terr, cat, first, end, &text, doc);
    Some(DeclaredCount {
        count: num.value as u32,
        what: cat.to_string(),
        noun: noun_text,
        qualifier,
        scope,
        territory,
        status,
        text,
        span: span(doc, bytes.start..status_end),
    })
}

fn noun_start(t: &Tokens, mut i: usize) -> usize {
    if matches!(t.key(i), "de" | "d") {
        i += 1;
        if matches!(t.punct(i), Some('’' | '\'')) {
            i += 1;
        }
    }
    i
}

/// The first token of the sentence holding token `i` (after ".", ";",
/// ":" or the line start).
/// Tokens a count's sentence is read over at most, each side of the count:
/// more than any sentence has. A text without full stops (a line of
/// megabytes, commas only) was read whole for each of its counts.
const SENTENCE_REACH: usize = 400;

/// The end of the sentence of the count at `first..end` (a full stop,
/// semicolon, exclamation or question mark, the end of the line, or
/// [`SENTENCE_REACH`] tokens on).
fn sentence_end(t: &Tokens, first: usize, end: usize) -> usize {
    let limit = t.line_end(first).min(end + SENTENCE_REACH);
    (end..limit)
        .find(|&q| matches!(t.punct(q), Some('.' | ';' | '!' | '?')))
        .unwrap_or(limit)
}

fn sentence_start(t: &Tokens, i: usize) -> usize {
    let s = t.line_start(i).max(i.saturating_sub(SENTENCE_REACH));
    let mut j = i;
    while j > s {
        if matches!(t.punct(j - 1), Some('.' | ';' | '!' | '?')) {
            return j;
        }
        j -= 1;
    }
    s
}

/// Whether the number at `first` counts what a steering committee is
/// made of, the committee the subject of the verb before it: named
/// earlier in the sentence ("c’est le comité de pilotage du PTSM …, qui
/// compte 32 membres") or, after a pronoun, in the sentence before ("Le
/// comité de pilotage est co-présidé par … . Il réunit 22 membres").
fn composed_committee(t: &Tokens, sentence: usize, first: usize) -> bool {
    // Another body between the committee and the verb counts its own
    // members ("le comité de pilotage et ses groupes, qui comptent …", "…
    // Le CLSM est actif. Il réunit …").
    let body = |q: usize| {
        let k = t.key(q);
        k.starts_with("groupe")
            || k.starts_with("atelier")
            || matches!(
                k,
                "clsm"
                    | "conseil"
                    | "collectif"
                    | "reseau"
                    | "gem"
                    | "association"
                    | "bureau"
                    | "cellule"
                    | "commission"
            ) && subject_np(t, q)
    };
    // The committee named last before `to`, with no other body after.
    let committee_before = |from: usize, to: usize| {
        (from..to)
            .rev()
            .find(|&q| matches!(t.key(q), "pilotage" | "copil"))
            .is_some_and(|c| !(c..to).any(|q| t.is_word(q) && body(q)))
    };
    // The count opens its sentence, the committee the subject of the one
    // before: "Le comité de pilotage … a validé la feuille de route.
    // Vingt-huit membres, représentant …".
    if first == sentence && first > 0 && t.punct(first - 1) == Some('.') {
        return committee_before(first.saturating_sub(PRONOUN_REACH), first);
    }
    let Some(verb) = t.prev_word(first, 0) else {
        return false;
    };
    let composes = |k: &str| {
        ["compt", "reuni", "rassembl", "compren", "regroup", "associ"]
            .iter()
            .any(|v| k.starts_with(v))
    };
    let verb = if t.key(verb) == "de" {
        // "composé de", "constitué de".
        match t.prev_word(verb, 0) {
            Some(v) if t.key(v).starts_with("compos") || t.key(v).starts_with("constitu") => v,
            _ => return false,
        }
    } else if composes(t.key(verb)) {
        verb
    } else {
        return false;
    };
    if (sentence..verb).any(|q| matches!(t.key(q), "pilotage" | "copil")) {
        return committee_before(sentence, verb);
    }
    // A pronoun: the committee named in the last few dozen words, across
    // a paragraph's end and the full stops of titles ("M.", "Dr.").
    let pronoun = t
        .prev_word(verb, 0)
        .is_some_and(|p| matches!(t.key(p), "il" | "elle"));
    pronoun && committee_before(verb.saturating_sub(PRONOUN_REACH), verb)
}

/// Words looked back for what a pronoun stands for.
const PRONOUN_REACH: usize = 120;

/// Whether the noun at `q` heads a noun phrase that can be a subject:
/// after a determiner that no preposition governs ("Le CLSM", "ses
/// groupes"; not "de la commission spécialisée", "du conseil territorial").
fn subject_np(t: &Tokens, q: usize) -> bool {
    let Some(d) = t.prev_word(q, 1) else {
        return false;
    };
    let det = matches!(
        t.key(d),
        "le" | "la"
            | "les"
            | "l"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "un"
            | "une"
    );
    det && !t.prev_word(d, 1).is_some_and(|p| {
        matches!(
            t.key(p),
            "de" | "du" | "des" | "d" | "a" | "au" | "aux" | "par" | "pour" | "en" | "sur" | "avec"
        )
    })
}

/// "plus de", "plus d’une", "près de", "environ", "au moins", "moins de".
fn qualifier_before(t: &Tokens, first: usize) -> Option<Qualifier> {
    let p = t.prev_word(first, 1)?;
    let k = t.key(p);
    let pp = t.prev_word(p, 1).map(|q| t.key(q)).unwrap_or("");
    match (pp, k) {
        (_, "environ" | "quelque") => Some(Qualifier::Approx),
        ("pres", "de" | "d") => Some(Qualifier::Approx),
        ("plus", "de" | "d") => Some(Qualifier::AtLeast),
        ("moins", "de" | "d") => Some(Qualifier::AtMost),
        ("au", "moins") => Some(Qualifier::AtLeast),
        (_, "jusqu") => Some(Qualifier::AtMost),
        _ => None,
    }
}

/// The first token of the qualifier before a count, if any.
fn qualifier_start(t: &Tokens, first: usize) -> Option<usize> {
    qualifier_before(t, first)?;
    let p = t.prev_word(first, 1)?;
    if matches!(t.key(p), "environ" | "quelque") {
        return Some(p);
    }
    t.prev_word(p, 1)
}

/// Whom a count is about: the decree's six priorities are national; a
/// count followed by the region's name is regional; else the territory of
/// its place in the text.
fn scope_of(
    t: &Tokens,
    terr: &Territories,
    cat: &str,
    first: usize,
    end: usize,
    text: &str,
    doc: &NormDoc,
) -> (CountScope, Option<String>) {
    let sentence = sentence_start(t, first);
    let line_end = t.line_end(first).min(end + SENTENCE_REACH);
    let around = |w: &str| (sentence..line_end).any(|q| t.key(q) == w);
    if cat == "priorites"
        && (around("decret") || around("nationale") || around("reglementaire") || around("loi"))
    {
        return (CountScope::National, None);
    }
    // "… de Normandie", "des Pays de la Loire", "de la région".
    let mut j = end;
    while j < (end + 8).min(line_end) {
        if let Some((_, Place::Region(code, false))) = gazetteer::place_at(t, j) {
            if code != "94" {
                return (CountScope::Region, None);
            }
        }
        if t.key(j) == "region" {
            return (CountScope::Region, None);
        }
        j += 1;
    }
    let _ = text;
    // The territory named in the count's sentence, else the section's.
    let line = t.range(sentence, line_end);
    match terr
        .near(t.get(first).map_or(0, |x| x.start as usize), line)
        .and_then(|i| terr.list.get(i))
    {
        Some(tr) => {
            let _ = doc;
            (CountScope::Territory, Some(tr.id.clone()))
        }
        None => (CountScope::Document, None),
    }
}

/// "Ils étaient plus de deux cents", "elles étaient 80".
fn ils_etaient(doc: &NormDoc, t: &Tokens, terr: &Territories, out: &mut Vec<DeclaredCount>) {
    let n = t.len();
    for i in 0..n.saturating_sub(2) {
        // ("Ils sont une trentaine autour de la table": the present, only
        // with the gathering said after the number.)
        let present = t.key(i + 1) == "sont";
        if !(matches!(t.key(i), "ils" | "elles") && (t.key(i + 1) == "etaient" || present)) {
            continue;
        }
        let mut j = i + 2;
        let mut qualifier = None;
        if t.key(j) == "plus" && matches!(t.key(j + 1), "de" | "d") {
            qualifier = Some(Qualifier::AtLeast);
            j += 2;
        } else if t.key(j) == "pres" && matches!(t.key(j + 1), "de" | "d") {
            qualifier = Some(Qualifier::Approx);
            j += 2;
        }
        // ("plus d’une centaine": the elision's apostrophe.)
        if matches!(t.punct(j), Some('’' | '\'')) {
            j += 1;
        }
        let Some(num) = numbers::at(t, j, false) else {
            continue;
        };
        if num.value < 5.0 {
            continue;
        }
        if present
            && !(num.end..(num.end + 6).min(n)).any(|q| {
                let k = t.key(q);
                k == "autour"
                    || k.starts_with("reuni")
                    || k.starts_with("rassembl")
                    || k.starts_with("present")
            })
        {
            continue;
        }
        let r = t.range(i, num.end);
        let line = t.range(t.line_start(i), t.line_end(i));
        let territory = terr
            .near(r.start, line)
            .and_then(|x| terr.list.get(x))
            .map(|tr| tr.id.clone());
        out.push(DeclaredCount {
            count: num.value as u32,
            what: "participants".into(),
            noun: String::new(),
            qualifier: qualifier.or(num.approx_noun.then_some(Qualifier::Approx)),
            scope: if territory.is_some() {
                CountScope::Territory
            } else {
                CountScope::Document
            },
            territory,
            status: None,
            text: doc.text.get(r.clone()).unwrap_or("").to_string(),
            span: span(doc, r),
        });
    }
}

/// The same count said twice is kept once; an approximate count of the
/// same thing given exactly elsewhere gives way to the exact one.
fn dedupe(counts: Vec<DeclaredCount>) -> Vec<DeclaredCount> {
    let mut out: Vec<DeclaredCount> = Vec::new();
    // Actions and fiches-action of the same number are the same thing
    // said twice ("17 actions spécifiques", "17 fiches-action").
    let same = |a: &str, b: &str| {
        a == b
            || matches!(
                (a, b),
                ("actions", "fiches_action") | ("fiches_action", "actions")
            )
    };
    for c in counts {
        if out
            .iter()
            .any(|o| same(&o.what, &c.what) && o.count == c.count && o.territory == c.territory)
        {
            continue;
        }
        out.push(c);
    }
    let exact: Vec<(String, Option<String>, u32)> = out
        .iter()
        .filter(|c| c.qualifier.is_none())
        .map(|c| (c.what.clone(), c.territory.clone(), c.count))
        .collect();
    out.retain(|c| {
        c.qualifier != Some(Qualifier::Approx)
            || !exact.iter().any(|(w, tr, n)| {
                *w == c.what
                    && *tr == c.territory
                    && (*n as f64 - c.count as f64).abs() <= c.count as f64 * 0.25
            })
    });
    out
}

/// "5 actions à contractualiser", "25 actions contractualisées".
pub(crate) static STATUS: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::lazy(r"(?i)^\s*(à contractualis\p{L}*|contractualis\p{L}*)"));

pub(crate) static PERIOD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::lazy(r"(?i)\b(?:(CTSM|PTSM|feuille de route|contrat|projet|plan)\s+)?((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\b")
        .with_skip(period_window)
});

/// Where the [`PERIOD`] matches starting at or after `at` may be. A match
/// starts with its first "19"/"20" (ASCII digits) or with a label of at
/// most 16 characters (letters, no digit) and spaces before it. So the
/// first "19"/"20" at or after `at` is the first year of any match that
/// starts at or after `at` and not after it; such a match starts at most
/// spaces and 16 characters before it, and ends at most 4 characters,
/// spaces, 1 character, spaces and 4 characters after it.
fn period_window(hay: &str, at: usize) -> Option<Window> {
    const LABEL_CHARS: usize = "feuille de route".len();
    let bytes = hay.as_bytes();
    let mut from = at;
    let year = loop {
        let k = from + memchr::memchr2(b'1', b'2', bytes.get(from..)?)?;
        if matches!(bytes.get(k..k + 2), Some(b"19" | b"20")) {
            break k;
        }
        from = k + 1;
    };
    let spaces = pattern::back_over(hay, year, pattern::is_wide_space);
    let mut end = pattern::forward_chars(hay, year, 4);
    end = pattern::forward_over(hay, end, pattern::is_wide_space);
    end = pattern::forward_chars(hay, end, 1);
    end = pattern::forward_over(hay, end, pattern::is_wide_space);
    end = pattern::forward_chars(hay, end, 4);
    Some(Window {
        from: pattern::back_chars(hay, spaces, LABEL_CHARS),
        last: year,
        end,
    })
}

/// Status words right after a count ("actions à contractualiser").
pub fn status_after(doc: &NormDoc, end: usize) -> Option<(CountStatus, usize)> {
    let rest = doc.text.get(end..)?;
    // A match is made of white space and letters only, on this line: the
    // text is read up to the first character that is neither, not to the
    // end of the line (a long line holds many counts, and finding its end
    // for each was quadratic).
    let line_end = rest
        .find(|c: char| c == '\n' || !(c.is_whitespace() || c.is_alphabetic()))
        .unwrap_or(rest.len());
    let line = rest.get(..line_end)?;
    // A match is spaces then "à"/"À" or "c"/"C": most counts are followed
    // by something else ("," "de" "sont"), ruled out without a search. The
    // test is on the first non-space character when it is ASCII only, so
    // that it never differs from `\s` on what is a space.
    if line
        .trim_start()
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii() && b | 0x20 != b'c')
    {
        return None;
    }
    let c = STATUS.captures(line)?;
    let m = c.get(1)?;
    let status = if m.as_str().to_lowercase().starts_with('à') {
        CountStatus::ToBeContracted
    } else {
        CountStatus::Contracted
    };
    Some((status, end + m.end()))
}

/// Turns a declared count into a territory count with its status.
pub fn as_count(doc: &NormDoc, d: &DeclaredCount) -> Count {
    Count {
        count: d.count,
        status: d.status,
        text: d.text.clone(),
        span: span(doc, d.span.start..d.span.end),
    }
}

pub fn periods(doc: &NormDoc) -> Vec<Period> {
    PERIOD
        .captures_iter(&doc.text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let start: i32 = c.get(2)?.as_str().parse().ok()?;
            let end: i32 = c.get(3)?.as_str().parse().ok()?;
            (end > start && end - start <= 15).then(|| Period {
                label: c.get(1).map(|m| m.as_str().to_string()),
                start,
                end,
                text: whole.as_str().to_string(),
                span: span(doc, whole.range()),
            })
        })
        .collect()
}

/// Whether a token is a line break (for callers that scan lines).
pub fn is_break(t: &Tokens, i: usize) -> bool {
    t.get(i).is_some_and(|x| x.kind == Kind::Newline)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts of `text` run through the whole pipeline (territories
    /// and tables included): count, category, territory.
    fn document_counts(text: &str) -> Vec<(u32, String, Option<String>)> {
        let p = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        p.document
            .counts
            .into_iter()
            .map(|c| (c.count, c.what, c.territory))
            .collect()
    }

    fn counts(text: &str) -> Vec<(u32, String, Option<Qualifier>)> {
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        extract(&doc, &t, &Territories::default())
            .into_iter()
            .map(|c| (c.count, c.what, c.qualifier))
            .collect()
    }

    #[test]
    fn digits_words_and_approximations() {
        assert_eq!(
            counts("Le CTSM porte 38 actions réparties en 4 axes, élaboré par six groupes de travail réunissant près de 150 participants ; vingt-six signataires ; une vingtaine d’actions ; plus d’une trentaine d’actions et projets concrets."),
            [
                (38, "actions".to_string(), None),
                (4, "axes".to_string(), None),
                (6, "groupes".to_string(), None),
                (150, "participants".to_string(), Some(Qualifier::Approx)),
                (26, "signataires".to_string(), None),
                (20, "actions".to_string(), Some(Qualifier::Approx)),
                (30, "actions".to_string(), Some(Qualifier::AtLeast)),
            ]
        );
    }

    /// A count whose noun is "en" takes it from the earlier count with the
    /// same verb, not from the last count; a parallel count after a comma
    /// takes the noun of the count before it. A year after the
    /// preposition, or a number with no earlier count, is no count.
    #[test]
    fn elliptic_counts_take_the_noun_they_repeat() {
        let got = counts("Le PTSM drômois compte 28 fiches actions ; il s’appuie sur trois territoires de proximité. Le PTSM ardéchois en compte 19, réparties entre le nord et le sud.");
        assert!(
            got.contains(&(19, "fiches_action".to_string(), None)),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|c| c.0 == 19 && c.1 != "fiches_action"),
            "{got:?}"
        );
        let got = counts("Le plan prévoit 18 actions au nord, 21 au sud et 9 en ville.");
        for want in [18, 21, 9] {
            assert!(
                got.contains(&(want, "actions".to_string(), None)),
                "{want}: {got:?}"
            );
        }
        let got = counts("On compte deux PTSM dans l’Eure, trois en Seine-Maritime.");
        assert!(got.contains(&(3, "ptsm".to_string(), None)), "{got:?}");
        assert_eq!(
            counts("Il y a eu 5 actions en 2020, 3 en 2021."),
            [(5, "actions".to_string(), None)]
        );
        assert_eq!(counts("Âgés de 12 ans, 15 en moyenne."), []);
        assert_eq!(counts("Le comité en compte 12."), []);
        let got = counts("Le CLSM est l’une des actions du projet territorial de santé mentale, qui en compte une cinquantaine.");
        assert_eq!(got, [(50, "actions".to_string(), Some(Qualifier::Approx))]);
        assert_eq!(
            counts("Les PTSM de la région : la Bretagne en compte quatre."),
            []
        );
        // People who took part, wrote, or sat on the committee the
        // sentence before names.
        assert_eq!(
            counts(
                "Deux ans de travaux auxquels quelque 150 professionnels et usagers ont pris part."
            ),
            [(150, "participants".to_string(), Some(Qualifier::Approx))]
        );
        assert_eq!(
            counts("Le document a été écrit pendant deux ans par plus de 120 professionnels, élus et familles."),
            [(120, "participants".to_string(), Some(Qualifier::AtLeast))]
        );
        assert_eq!(
            counts("Le comité de pilotage du PTSM a validé la feuille de route. Vingt-huit membres, représentant les établissements, étaient là. Le groupe a validé sa charte. Douze membres sont venus."),
            [(28, "membres_comite_pilotage".to_string(), None)]
        );
        assert_eq!(
            counts("Le groupe de travail a rendu sept propositions d’actions."),
            [(7, "actions".to_string(), None)]
        );
        assert_eq!(
            counts(
                "Sur les 31 actions, la feuille de route publiée en juin 2018 ; il en reste deux."
            ),
            [(31, "actions".to_string(), None)]
        );
    }

    /// A table of territories with a counting column: each row's number
    /// is its territory's, the total the document's.
    #[test]
    fn counts_in_a_table_of_territories() {
        let text =
            "Les PTSM de la région\n\nDépartement | PTSM arrêté le | CTSM signé le | Actions\n\
                    Paris (75) | 14/12/2020 | 05/10/2022 | 42\n\
                    Essonne (91) | 09/11/2020 | 30/01/2023 | 25\n\
                    Total | | | 67\n\nLe texte suit.\n";
        let got = document_counts(text);
        for want in [
            (42, "actions".to_string(), Some("paris".to_string())),
            (25, "actions".to_string(), Some("essonne".to_string())),
            (67, "actions".to_string(), None),
        ] {
            assert!(got.contains(&want), "{want:?}: {got:?}");
        }
        // A date or a code in a cell is no count; a row of another shape
        // neither.
        assert!(!got.iter().any(|c| c.0 == 75 || c.0 == 14));
        // A header whose last titles stand closer than the rows' cells
        // (kept as one cell): the first of them is the counting column.
        let text = "Situation\n\nTerritoire       Fiches actions   Arrêté du PTSM   Signature\n\
                    Calvados         21               déc. 2020        12/05/2022\n\
                    Orne             15               déc. 2020        17/03/2022\n\nLa suite.\n";
        let got: Vec<(u32, String)> = document_counts(text)
            .into_iter()
            .map(|(n, what, _)| (n, what))
            .collect();
        assert!(got.contains(&(21, "fiches_action".into())), "{got:?}");
        assert!(got.contains(&(15, "fiches_action".into())), "{got:?}");
        // A long first cell one narrow gap from its number.
        let text = "Situation\n\nDépartement              Actions   Signature   Crédits\n\
                    Ardennes (08)            14        09/2022     520\n\
                    Meurthe-et-Moselle (54)  29        06/2022     1 080\n\nLa suite.\n";
        let got: Vec<(u32, Option<String>)> = document_counts(text)
            .into_iter()
            .map(|(n, _, territory)| (n, territory))
            .collect();
        assert!(
            got.contains(&(29, Some("meurthe-et-moselle".into()))),
            "{got:?}"
        );
        assert!(got.contains(&(14, Some("ardennes".into()))), "{got:?}");
        // A header on two lines that the layout joined, a blank line
        // before the rows.
        let text = "Annexe\n\n   Département              Nombre d’actions      Signature        Crédits FIR 2022\n\
                    \x20                           contractualisées      du CTSM          (k€)\n\n\
                    \x20  Ardennes (08)                   14             05/07/2021                 412\n\
                    \x20  Aube (10)                       12             22/09/2021                 388\n\n\
                    \x20  Total                           26                                        800\n";
        let got: Vec<(u32, Option<String>)> = document_counts(text)
            .into_iter()
            .map(|(n, _, territory)| (n, territory))
            .collect();
        assert!(got.contains(&(14, Some("ardennes".into()))), "{got:?}");
        assert!(got.contains(&(12, Some("aube".into()))), "{got:?}");
        // Not when the merged cell does not start with a counting title.
        let text = "Situation\n\nTerritoire       Arrêté du PTSM   Fiches actions\n\
                    Calvados         déc. 2020        21\n\
                    Orne             déc. 2020        15\n\nLa suite.\n";
        let got = document_counts(text);
        assert!(got.iter().all(|c| c.0 != 21), "{got:?}");
    }

    /// The members of a steering committee named as the subject of a
    /// verb of composition, or by a pronoun in the next sentence; not
    /// when another body stands between; an audience in the present.
    #[test]
    fn committee_members_by_subject_and_pronoun() {
        let c =
            |s: &str| -> Vec<(u32, String)> { counts(s).into_iter().map(|c| (c.0, c.1)).collect() };
        let m = |n: u32| (n, "membres_comite_pilotage".to_string());
        assert!(c("Psychiatres, infirmières, élus : c’est le comité de pilotage du projet territorial de santé mentale (PTSM) des Côtes-d’Armor, qui compte 32 membres.").contains(&m(32)));
        assert!(c("Le comité de pilotage est co-présidé par le Dr Bernard LACOSTE, président de la commission spécialisée en santé mentale du CTS, et par Mme Claire Roux. Il réunit 22 membres représentant les établissements.").contains(&m(22)));
        assert!(c("Le comité de pilotage a été installé ce jeudi.\n\nCo-présidé par M. Gérald NIRELEP, directeur général de l’ARS, et par le Dr Marie LUCE, présidente de la commission spécialisée du conseil territorial de santé, il réunit 18 membres :\n").contains(&m(18)));
        assert!(c("Le comité de pilotage a validé le projet. Le CLSM de la ville est aussi actif. Il réunit 25 membres.").is_empty());
        assert!(c("Le comité de pilotage s’appuie sur six groupes de travail, qui comptent 12 membres chacun.").iter().all(|x| x.1 != "membres_comite_pilotage"));
        assert!(c("Ils sont une trentaine autour de la table, ce mardi.")
            .contains(&(30, "participants".to_string())));
        assert!(c("Ils sont une trentaine à vivre en foyer.").is_empty());
    }

    /// A section per territory, its heading led by a bullet ("► Tarn"):
    /// each section's count is its territory's.
    #[test]
    fn counts_under_bulleted_territory_headings() {
        let text = "Tour d’horizon\n\n► Tarn\nLe contrat couvre le Tarn Nord et le Tarn Sud. 25 actions \
                    sont inscrites au contrat.\n\n► Tarn-et-Garonne\nLe contrat n’est pas signé. Une \
                    vingtaine d’actions ont été identifiées.\n";
        let got: Vec<(u32, Option<String>)> = document_counts(text)
            .into_iter()
            .map(|(n, _, territory)| (n, territory))
            .collect();
        assert!(got.contains(&(25, Some("tarn".into()))), "{got:?}");
        assert!(
            got.contains(&(20, Some("tarn-et-garonne".into()))),
            "{got:?}"
        );
    }

    #[test]
    fn respectively_present_and_worked() {
        assert_eq!(
            counts("Ils réunissent respectivement 31 et 27 signataires."),
            [
                (31, "signataires".to_string(), None),
                (27, "signataires".to_string(), None)
            ]
        );
        assert_eq!(
            counts("Participants (41 présents – liste en annexe) :"),
            [(41, "participants".to_string(), None)]
        );
        assert_eq!(
            counts("Quelque 80 acteurs du soin avaient travaillé un an.").len(),
            1
        );
        // A range is none.
        assert!(counts("entre 10 et 25 membres").is_empty());
    }

    #[test]
    fn an_organisations_share_is_no_count() {
        assert!(counts("Nous co-pilotons deux fiches :").is_empty());
        assert!(counts("L’établissement copilote 3 actions du PTSM.").is_empty());
        assert_eq!(
            counts("Le PTSM porte 38 actions."),
            [(38, "actions".to_string(), None)]
        );
    }

    #[test]
    fn pays_and_actors_who_defined_the_actions() {
        assert_eq!(
            counts("Les actions seront déployées dans les huit pays du département."),
            [(8, "territoires".to_string(), None)]
        );
        assert_eq!(
            counts("Les 15 actions ont été définies avec près de 90 acteurs du territoire."),
            [
                (15, "actions".to_string(), None),
                (90, "participants".to_string(), Some(Qualifier::Approx)),
            ]
        );
    }

    #[test]
    fn what_is_not_a_count() {
        for s in [
            "pour une durée de cinq ans",
            "le décret 2017-1200",
            "dont 4 actions spécifiques",
            "11 des 18 fiches actions sont engagées",
            "Chaque groupe compte entre 10 et 25 membres",
            "Former 48 professionnels de l’insertion",
            "l’une des 12 actions prioritaires définies par le Projet régional de santé",
            "de 6 à 33 personnes",
            "38 % des jeunes",
            "- Crise et urgence (5 actions)",
            // Parts: a status, a property, a carrier's share, "N sur M".
            "Au 30 juin 2023, 12 fiches actions étaient engagées.",
            "• engager les trois fiches non démarrées ;",
            "À ce jour, 14 fiches ont un pilote.",
            "seules les 9 actions bénéficiant de crédits dédiés figurent ci-dessous",
            "Deux actions portées par l’Unafam 94",
            "Le Département y porte ou co-porte sept actions, parmi lesquelles :",
            "- 11 actions sur 18 sont engagées ou achevées ;",
            "Trois actions sont ajoutées à l’axe 2.",
        ] {
            let got = counts(s);
            let only_18 = got.iter().all(|c| c.0 == 18);
            assert!(got.is_empty() || only_18, "{s}: {got:?}");
        }
        assert_eq!(counts("Le Projet régional de santé range la santé mentale parmi ses 12 actions prioritaires."), []);
        // A share in parentheses is no count inside a sentence's item but
        // one in running text.
        assert_eq!(counts("Le PTSM (34 actions) a été adopté.")[0].0, 34);
        // One, said so; a change's new total.
        assert_eq!(
            counts("le comité a jugé qu’un seul territoire de proximité était pertinent."),
            [(1, "territoires".to_string(), None)]
        );
        assert!(counts("une action").is_empty());
        assert_eq!(
            counts("la liste des actions du contrat, qui passe de 17 à 20 actions, et")
                .iter()
                .map(|c| c.0)
                .collect::<Vec<_>>(),
            [20]
        );
        // The whole, said with its article, or carried by the plan itself.
        assert_eq!(counts("Les 14 fiches ont un pilote.")[0].0, 14);
        assert_eq!(counts("Le contrat porte 29 actions.")[0].0, 29);
        assert_eq!(
            counts("30 actions ont été identifiées en lien avec :")[0].0,
            30
        );
    }

    #[test]
    fn participants_only_when_they_took_part() {
        assert_eq!(
            counts("80 professionnels ont participé")[0].1,
            "participants"
        );
        assert!(counts("Former 30 professionnels aux outils").is_empty());
        assert_eq!(
            counts("Ils étaient plus de deux cents, lundi")[0],
            (200, "participants".to_string(), Some(Qualifier::AtLeast))
        );
        assert_eq!(
            counts("son comité de pilotage composé de 12 professionnels")[0].1,
            "membres_comite_pilotage"
        );
    }

    #[test]
    fn the_exact_count_wins() {
        assert_eq!(
            counts("Une trentaine d’actions y sont inscrites. Parmi les trente et une actions retenues."),
            [(31, "actions".to_string(), None)]
        );
    }

    #[test]
    fn totals_said_after_their_noun_and_who_signed() {
        let c = |text: &str| {
            counts(text)
                .into_iter()
                .map(|(n, w, _)| (n, w))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            c("Le bilan fait état de 27 actions réalisées sur 34 prévues."),
            [(34, "actions".to_string())]
        );
        assert_eq!(
            c("Le contrat, signé en juin 2023 par l'Agence régionale de santé et une trentaine d'acteurs du département, décline le PTSM."),
            [(30, "signataires".to_string())]
        );
        assert_eq!(
            c("Plus de 200 personnes ont assisté au bilan d'étape du PTSM."),
            [(200, "participants".to_string())]
        );
        assert_eq!(
            c("Chaque orientation se décline en actions concrètes : dix-sept au total."),
            [(17, "actions".to_string())]
        );
        assert_eq!(
            c("Ils étaient plus d’une centaine, jeudi, dans l’auditorium."),
            [(100, "participants".to_string())]
        );
        assert_eq!(
            c("Le projet a été présenté devant quelque 250 soignants, élus et usagers."),
            [(250, "participants".to_string())]
        );
        assert_eq!(
            c("Une soixantaine de professionnels, d’élus et de représentants des familles avaient fait le déplacement."),
            [(60, "participants".to_string())]
        );
        // (Partners who signed are counted as the partners the text says.)
        assert_eq!(
            c("Signé le 12 juillet 2022 par dix-sept partenaires, le contrat."),
            [(17, "partenaires".to_string())]
        );
        assert_eq!(
            c("Le PTSM est piloté par un comité de 24 membres."),
            [(24, "membres_comite_pilotage".to_string())]
        );
        assert_eq!(
            c("Ce jeudi, plus de 200 participants ont lancé les travaux."),
            [(200, "participants".to_string())]
        );
    }
}
