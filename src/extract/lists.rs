//! Lists of the document's own PTSM content: actions, fiches-action,
//! axes, orientations and volets, priorities, themes and domains, enjeux,
//! objectives, working groups.
//!
//! A list is found by its markers in the block tree ("•", "1.", "a)",
//! "1|", "I.", "Axe 2 :", "FA n°4 –"…), or inline ("• a ; • b", "P1=…,
//! P2=…", "six groupes de travail – a, b, c –", "Les publics retenus : a,
//! b, c"), or in a flattened table of contents ("4.3. Les axes de travail
//! … 4.3.1. Développer … 59"), or in the rows of a fiche-action table.
//! What it enumerates comes from, in order: the labels of its markers
//! ("Axe", "Action"); its announcer (the heading, the line ending with ":"
//! or the item before it), where a counted noun next to the colon wins
//! ("38 actions réparties en 4 axes :" → axes); its items, when they are
//! the six national priorities of décret 2017-1200. A list announced as
//! something else (activities, steps, a calendar, funders, members,
//! decisions, documents) or by nothing at all is not content and is left
//! out. An item repeated later (a recap list and the fiche's heading) is
//! listed once, at its first occurrence, unless it comes back with
//! sub-items not listed before (an annex's axes and their actions).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::error::Warning;
use crate::model::{Item, List, ListKind, TextValue};
use crate::normalize::{key, NormDoc, NormLine};
use crate::segment::{BlockId, BlockKind, BlockTree, LabelKind, MarkerClass};

use super::items;
use super::span;
use super::territory::Territories;
use super::tokens::Tokens;

/// Kind words of announcers, by key: counted or not, they say what a list
/// enumerates.
fn kind_word(k: &str) -> Option<ListKind> {
    Some(match k {
        "actions" | "action" | "chantiers" | "fiches" | "fiche" | "realisations" => {
            ListKind::Actions
        }
        "axes" | "axe" => ListKind::Axes,
        "orientations" | "orientation" | "volets" | "volet" => ListKind::Orientations,
        "priorites" | "priorite" => ListKind::Priorites,
        "thematiques" | "thematique" | "themes" | "theme" | "domaines" | "sujets" => {
            ListKind::Thematiques
        }
        "enjeux" | "enjeu" => ListKind::Enjeux,
        "objectifs" | "objectif" => ListKind::Objectifs,
        "groupes" | "groupe" | "publics" | "instances" => ListKind::Groupes,
        _ => return None,
    })
}

/// Whether the word at `i` is "avancées" naming some actions: after
/// "Parmi les" or before ", notamment :". (A list of its own that "De
/// premières avancées sont déjà en marche :" announces is not typed by
/// that word.)
fn advances(t: &Tokens, i: usize) -> bool {
    t.key(i) == "avancees"
        && (t.punct(i + 1) == Some(',')
            && t.key(i + 2) == "notamment"
            && t.punct(i + 3) == Some(':')
            || t.prev_word(i, 0).is_some_and(|p| {
                matches!(t.key(p), "les" | "ses")
                    && t.prev_word(p, 0).is_some_and(|q| t.key(q) == "parmi")
            }))
}

/// Words of announcers of lists that are not the PTSM's content: an
/// animator's activities, method or calendar steps, funders, members,
/// decisions, documents, key figures, legal bases, contacts.
fn distractor_word(k: &str) -> bool {
    matches!(
        k,
        "activites"
            | "etapes"
            | "calendrier"
            | "agenda"
            | "financeurs"
            | "financement"
            | "credits"
            | "repartis"
            | "presents"
            | "excuses"
            | "decisions"
            | "documents"
            | "telecharger"
            | "chiffres"
            | "contacts"
            | "contact"
            | "juridique"
            | "juridiques"
            | "participe"
            | "comment"
            | "fonctions"
            | "missions"
            | "acceder"
            | "acces"
            | "aspects"
            | "membres"
            | "composition"
            | "reunissant"
            | "gouvernance"
            | "glossaire"
            | "lexique"
            | "sigles"
            | "abreviations"
            | "conditions"
            | "indicateurs"
            | "partenaires"
            | "signataires"
            | "resultats"
            | "sommaire"
    )
}

/// What an announcer says a list enumerates: `Some(Ok(kind))`, `Some(Err)`
/// when it announces something that is not PTSM content, `None` when it
/// says nothing.
fn announcer_kind(t: &Tokens, range: Range<usize>) -> Option<Result<ListKind, ()>> {
    let mut a = t.at_byte(range.start);
    let b = t.at_byte(range.end).min(t.len());
    // Only the sentence that ends with the colon announces: in "Ces
    // orientations sont déclinées en 23 fiches actions. Leur mise en œuvre
    // est confiée à la coordination du PTSM :" the list is not of actions.
    if (a..b)
        .rev()
        .find(|&q| t.punct(q).is_some() || t.is_word(q))
        .is_some_and(|q| t.punct(q) == Some(':'))
    {
        if let Some(q) = (a..b.saturating_sub(1)).rev().find(|&q| {
            matches!(t.punct(q), Some('.' | '!' | '?'))
                && t.is_word(q + 1)
                && t.text(q + 1).starts_with(char::is_uppercase)
                && t.prev_word(q, 0)
                    .is_some_and(|p| t.text(p).chars().count() > 2)
        }) {
            a = q + 1;
        }
    }
    let sentence_start = a;
    let words: Vec<usize> = (a..b).filter(|&q| t.is_word(q)).collect();
    let mut first: Option<(ListKind, usize)> = None;
    let mut counted: Option<ListKind> = None;
    let mut deictic: Option<ListKind> = None;
    let mut distractor = false;
    for (pos, &i) in words.iter().enumerate() {
        let k = t.key(i);
        if distractor_word(k) {
            distractor = true;
        }
        let Some(kind) = kind_word(k).or(advances(t, i).then_some(ListKind::Actions)) else {
            continue;
        };
        // In a long sentence, only a kind word among its first words (its
        // subject) or next to the colon says what the list enumerates.
        if first.is_none() && (words.len() <= 12 || pos < 5 || pos + 6 >= words.len()) {
            first = Some((kind, pos));
        }
        // A number right before it: "4 axes", "six priorités", "une
        // vingtaine d’actions".
        let prev = t.prev_word(i, 1);
        if prev.is_some_and(|p| {
            super::numbers::at(t, p, false).is_some_and(|n| n.end == i)
                || super::numbers::approx_noun(t.key(p)).is_some()
                || (t.key(p) == "d"
                    && t.prev_word(p, 0)
                        .is_some_and(|q| super::numbers::approx_noun(t.key(q)).is_some()))
        }) {
            counted = Some(kind);
        }
        // "les domaines ci-dessous", "les axes suivants".
        let next: Vec<&str> = (i + 1..(i + 5).min(b))
            .filter(|&q| t.is_word(q))
            .take(3)
            .map(|q| t.key(q))
            .collect();
        if next
            .iter()
            .any(|w| matches!(*w, "ci" | "suivants" | "suivantes" | "voici"))
        {
            deictic = Some(kind);
        }
    }
    // In a long sentence, a kind word that is neither its subject (first
    // words) nor next to the colon is not what the list enumerates ("…
    // dans la prise en charge des enjeux de santé mentale dans le
    // département :").
    let mut chosen = deictic.or(counted).or(first.map(|(k, _)| k));
    // "Il décline six priorités en 28 actions. Parmi elles :": a pronoun
    // stands for the last kind the sentence before names.
    let start = t.at_byte(range.start);
    // "Le Département en pilote ou co-pilote quatre :": "en" and a number
    // last.
    // (Or before a comma and what they are about: "Le Département en
    // pilote ou en copilote quatre, en lien direct avec ses missions … :".)
    let counted_en = words.iter().any(|&q| t.key(q) == "en")
        && words
            .last()
            .is_some_and(|&q| super::numbers::at(t, q, false).is_some());
    let counted_en_before_comma = words.iter().enumerate().any(|(n, &q)| {
        super::numbers::at(t, q, false).is_some_and(|num| t.punct(num.end) == Some(','))
            && words[n.saturating_sub(4)..n]
                .iter()
                .any(|&e| t.key(e) == "en")
    });
    // "Les acteurs les ont traduites de la façon suivante :": an object
    // pronoun before its auxiliary.
    let object_pronoun = words.windows(2).any(|w| {
        matches!(t.key(w[0]), "les" | "la" | "l")
            && matches!(t.key(w[1]), "ont" | "a" | "avons" | "avez" | "sont" | "est")
    });
    // "Les plus attendues concernent …": a superlative standing for the
    // kind before.
    let superlative = words.len() >= 2
        && matches!(t.key(words[0]), "les" | "la" | "le")
        && t.key(words[1]) == "plus";
    // "… et porte, sur l’agglomération, trois d’entre elles :": a part of
    // the kind named before, however long the sentence.
    let partitive = words
        .windows(2)
        .any(|w| t.key(w[0]) == "entre" && matches!(t.key(w[1]), "elles" | "eux"));
    // (The part is of what the pronoun stands for: other nouns of the
    // sentence, "son comité de pilotage", do not make it another list.)
    // (So does a share's complement: "… quatre, en lien direct avec ses
    // missions …".)
    let distractor = distractor && !partitive && !counted_en_before_comma;
    if chosen.is_none()
        && !distractor
        && (words.len() <= 4
            || ((counted_en || object_pronoun || superlative) && words.len() <= 12)
            || (partitive && words.len() <= 24)
            || (counted_en_before_comma && words.len() <= 30))
        && sentence_start > start
    {
        let pronoun = counted_en
            || counted_en_before_comma
            || object_pronoun
            || superlative
            || partitive
            || words.iter().any(|&q| {
                matches!(
                    t.key(q),
                    "elles"
                        | "eux"
                        | "celles"
                        | "ceux"
                        | "lesquelles"
                        | "lesquels"
                        | "voici"
                        | "notamment"
                        // "Quelques exemples :", "Par exemple :".
                        | "exemples"
                        | "exemple"
                )
            });
        if pronoun {
            // The gender the pronoun or its participle says: "Parmi
            // elles", "Les plus attendues", "les ont traduites" stand for a
            // feminine kind (actions, priorités…), "Parmi eux" for a
            // masculine one (axes, objectifs…).
            let feminine_word = |k: &str| {
                matches!(k, "elles" | "celles" | "lesquelles")
                    || (k.len() > 4
                        && (k.ends_with("ees") || k.ends_with("ues") || k.ends_with("ites")))
            };
            let masculine_word = |k: &str| matches!(k, "eux" | "ceux" | "lesquels");
            let gender = words.iter().find_map(|&q| {
                let k = t.key(q);
                if feminine_word(k) {
                    Some(true)
                } else if masculine_word(k) {
                    Some(false)
                } else {
                    None
                }
            });
            let feminine = |k: ListKind| {
                matches!(
                    k,
                    ListKind::Actions
                        | ListKind::Orientations
                        | ListKind::Priorites
                        | ListKind::Thematiques
                )
            };
            chosen = (start..sentence_start)
                .rev()
                .filter(|&q| t.is_word(q))
                .filter_map(|q| kind_word(t.key(q)))
                .find(|&k| gender.is_none_or(|f| feminine(k) == f));
        }
    }
    // "Ce qui est prévu d’ici 2025", "Les mesures programmées": what is
    // planned is the actions.
    if chosen.is_none()
        && !distractor
        && words.len() <= 8
        && words.iter().any(|&q| {
            let k = t.key(q);
            k.starts_with("prevu")
                || k.starts_with("programme")
                || k == "mesures"
                // "Ce que prévoit le contrat", "Nos engagements dans le
                // CTSM": what a contract provides, what a party commits to.
                || k == "prevoit"
                || k == "prevoient"
                || k == "engagements"
        })
    {
        chosen = Some(ListKind::Actions);
    }
    match chosen {
        Some(k) if !distractor || counted.is_some() || deictic.is_some() => Some(Ok(k)),
        _ if distractor => Some(Err(())),
        Some(k) => Some(Ok(k)),
        None => None,
    }
}

/// Signatures of the six national priorities of décret 2017-1200: an item
/// that names one of them, however worded.
pub fn decree_priority(text: &str) -> Option<u32> {
    decree_signs(text).priority()
}

/// The words that sign the national priorities, found in one pass over a
/// text's words (keys).
#[derive(Debug, Default, Clone, Copy)]
pub struct DecreeSigns {
    determinant: bool,
    somatic: bool,
    rights: bool,
    crisis: bool,
    emergency: bool,
    pathway: bool,
    no_break: bool,
    detection: bool,
    early: bool,
}

impl DecreeSigns {
    /// The priority the signs name, if one.
    pub fn priority(&self) -> Option<u32> {
        if self.determinant {
            Some(6)
        } else if self.somatic {
            Some(3)
        } else if self.rights {
            Some(5)
        } else if self.crisis && self.emergency {
            Some(4)
        } else if self.pathway && self.no_break {
            Some(2)
        } else if self.detection && self.early {
            Some(1)
        } else {
            None
        }
    }

    /// How many different priorities the signs could name together (a
    /// bound for a whole line holding several).
    fn distinct(&self) -> u32 {
        u32::from(self.determinant)
            + u32::from(self.somatic)
            + u32::from(self.rights)
            + u32::from(self.crisis && self.emergency)
            + u32::from(self.pathway && self.no_break)
            + u32::from(self.detection && self.early)
    }
}

/// The signs of the national priorities in `text`.
pub fn decree_signs(text: &str) -> DecreeSigns {
    let t = Tokens::new(text);
    decree_signs_in(&t, 0, t.len())
}

/// The signs of the national priorities in tokens `a..b`, from the keys
/// the tokens already hold.
pub fn decree_signs_in(t: &Tokens, a: usize, b: usize) -> DecreeSigns {
    let mut s = DecreeSigns::default();
    let mut prev = "";
    let mut prev2 = "";
    for q in a..b.min(t.len()) {
        if !t.is_word(q) {
            continue;
        }
        let w = t.key(q);
        match w.as_bytes().first() {
            Some(b'd') => {
                s.determinant |= w.starts_with("determinant");
                s.rights |= w == "droits";
                s.early |= w.starts_with("diagnostic");
                // "pouvoir de décider".
                s.rights |= prev2 == "pouvoir" && w == "decider";
            }
            Some(b's') => {
                s.somatic |= w.starts_with("soma");
                s.rights |= w.starts_with("stigmati") || w == "sgamsaon";
            }
            // "pouvoir d’agir".
            Some(b'a') => s.rights |= w == "agir" && prev == "d" && prev2 == "pouvoir",
            Some(b'e') => s.rights |= w.starts_with("empowerment"),
            Some(b'c') => s.crisis |= w == "crise" || w == "crises",
            Some(b'u') => s.emergency |= w == "urgence" || w == "urgences",
            Some(b'p') => {
                s.pathway |= w == "parcours";
                s.early |= w.starts_with("precoce");
            }
            Some(b'r') => {
                s.no_break |= w == "rupture" || w.starts_with("retablissement");
                s.detection |= w == "reperage" || w == "reperer" || w == "repere" || w == "reperes";
            }
            Some(b'q') => s.no_break |= w == "qualite",
            Some(b't') => s.early |= w == "tot",
            _ => {}
        }
        prev2 = prev;
        prev = w;
    }
    s
}

/// The priority an item of the document names, read from its tokens.
fn item_priority(t: &Tokens, it: &Item) -> Option<u32> {
    let a = t.at_byte(it.span.start);
    let b = t.at_byte(it.span.end);
    decree_signs_in(t, a, b).priority()
}

/// Whether items (token ranges) are the national priorities: at least
/// three of them, each a different one.
fn decree_list(t: &Tokens, ranges: &[Range<usize>]) -> bool {
    let mut seen = [false; 7];
    let mut n = 0;
    for r in ranges {
        if let Some(p) = decree_signs_in(t, t.at_byte(r.start), t.at_byte(r.end)).priority() {
            if !seen[p as usize] {
                seen[p as usize] = true;
                n += 1;
            }
        }
    }
    n >= 3 && n * 2 >= ranges.len()
}

/// A list being built: its kind, announcer and items (with their ranges,
/// for ordering and de-duplication).
#[derive(Debug, Clone)]
struct Draft {
    kind: ListKind,
    title: Option<Range<usize>>,
    start: usize,
    items: Vec<Item>,
}

/// The lists of a document as far as they are found without its
/// territories, so that a long document finds them on the pool while its
/// territories are read: those of its block tree, each item with what the
/// territories decide (`Pending`), and those it writes inside its
/// lines, in its table of contents and in its table rows.
pub struct Loose {
    tree: Vec<Pending>,
    lines: Vec<Draft>,
}

/// A draft of a list of the block tree before the territories are known:
/// its items, each with the content by which the territories may drop it
/// ([`territory_keyed`]) and the drafts of its nested lists, whose kept
/// items become its sub-items.
struct Pending {
    kind: ListKind,
    title: Option<Range<usize>>,
    start: usize,
    items: Vec<PendingItem>,
}

struct PendingItem {
    content: Range<usize>,
    item: Item,
    nested: Vec<Pending>,
}

/// The draft `p` makes once the territories are known: its items but
/// those a territory keys, each with the kept items of its nested lists;
/// none when no item is left.
fn settle(p: Pending, t: &Tokens, terr: &Territories) -> Option<Draft> {
    let items: Vec<Item> = p
        .items
        .into_iter()
        .filter(|pi| !territory_keyed(t, pi.content.clone(), terr))
        .map(|pi| {
            let mut it = pi.item;
            for d in pi.nested.into_iter().filter_map(|d| settle(d, t, terr)) {
                it.sub_items.extend(d.items);
            }
            it
        })
        .collect();
    (!items.is_empty()).then_some(Draft {
        kind: p.kind,
        title: p.title,
        start: p.start,
        items,
    })
}

/// Lines whose lists are found by one job of the pool (a long document
/// has tens of thousands).
const LINES_PER_JOB: usize = 2048;

/// Finds the [`Loose`] lists of a document.
pub fn loose(doc: &NormDoc, tree: &BlockTree, t: &Tokens) -> Loose {
    let mut pending: Vec<Pending> = Vec::new();
    // Lists of the block tree, from the top.
    for (ri, &root) in tree.roots.iter().enumerate() {
        let n = tree.get(root);
        if n.kind == BlockKind::List {
            let announcer = resumed_list(doc, tree, ri)
                .map(|j| announcer_of(doc, tree, j))
                .unwrap_or_else(|| announcer_of(doc, tree, ri))
                .or_else(|| counting_paragraph(tree, t, ri));
            tree_list(doc, tree, t, root, announcer, None, &mut pending);
        }
    }
    // Each line's lists are its own: the lines are read in chunks on the
    // pool for a long text, and the chunks' drafts put back in line order.
    let parallel = doc.text.len() >= crate::par::MIN_TEXT;
    let chunks: Vec<&[NormLine]> = doc.lines.chunks(LINES_PER_JOB).collect();
    let mut drafts: Vec<Draft> = crate::par::map(parallel, chunks, |lines| {
        let mut drafts = Vec::new();
        for line in lines {
            inline_lists(doc, t, line.range.clone(), &mut drafts);
        }
        drafts
    })
    .into_iter()
    .flatten()
    .collect();
    toc_lists(doc, t, &mut drafts);
    fiche_rows(doc, t, &mut drafts);
    table_rows(doc, &mut drafts);
    pipe_table_rows(doc, &mut drafts);
    Loose {
        tree: pending,
        lines: drafts,
    }
}

/// Finds the lists of a document: those of its block tree, and the
/// [`Loose`] ones [`loose`] found.
pub fn extract(
    doc: &NormDoc,
    t: &Tokens,
    terr: &Territories,
    loose: Loose,
    warnings: &mut Vec<Warning>,
) -> Vec<List> {
    // The block tree's lists, then the others, as they were found when
    // one pass found them all: the sort keeps that order among drafts
    // that start at one place.
    let mut drafts: Vec<Draft> = loose
        .tree
        .into_iter()
        .filter_map(|p| settle(p, t, terr))
        .collect();
    drafts.extend(loose.lines);
    drafts.sort_by_key(|d| d.start);
    // An item listed earlier for the same territory is not listed again (a
    // recap and the fiche's heading); the same words in two territories'
    // lists are two items.
    // The keys listed so far, by territory (looked up without a copy of
    // each item's key).
    let mut seen: HashMap<Option<usize>, HashSet<String>> = HashMap::new();
    let mut lists = Vec::new();
    for d in drafts {
        let territory_index = terr.near(
            d.start,
            line_of(doc, d.title.as_ref().map_or(d.start, |r| r.start)),
        );
        // Filtered in place: a list of many items is not held twice (the
        // draft's and the list's) while it is filtered.
        let mut items = d.items;
        let mut this_list: HashSet<String> = HashSet::new();
        let seen_here = seen.get(&territory_index);
        let was_seen = |k: &str| seen_here.is_some_and(|s| s.contains(k));
        items.retain(|it| {
            if it.key.is_empty() {
                return false;
            }
            let earlier = was_seen(&it.key);
            // A repeated axis that holds actions not listed before (an
            // annex "Axe 1 – … / Action 1.1 – …" after the contract's
            // "1° …") is kept for them.
            let brings = || {
                it.sub_items
                    .iter()
                    .any(|s| any_key(s, &mut |k| !was_seen(k)))
            };
            if earlier && !this_list.contains(&it.key) && !brings() {
                return false;
            }
            if !this_list.contains(&it.key) {
                this_list.insert(it.key.clone());
            }
            true
        });
        let seen_here = seen.entry(territory_index).or_default();
        for it in &items {
            insert_keys(it, seen_here);
        }
        if items.is_empty() {
            continue;
        }
        // The draft's items were collected in place of larger pending
        // items: the vector keeps their room unless shrunk (in place).
        items.shrink_to_fit();
        let n = lists.len() + 1;
        let id = format!("list/{n}");
        for (m, it) in items.iter_mut().enumerate() {
            renumber(it, &format!("{id}/{}", m + 1));
        }
        let territory = territory_index
            .and_then(|i| terr.list.get(i))
            .map(|tr| tr.id.clone());
        let kind = d.kind;
        let title = d.title.map(|r| TextValue {
            text: doc.text.get(r.clone()).unwrap_or("").trim().to_string(),
            span: span(doc, r),
        });
        lists.push(List {
            id,
            kind,
            territory,
            title,
            items,
        });
    }
    check_counts(doc, t, &lists, warnings);
    lists
}

/// A list announced with a count ("réparties en 4 axes :") that lists
/// another number of items gives a `list_count_mismatch` warning, unless
/// the announcer says the list is partial ("dont", "parmi lesquelles",
/// "notamment", "par exemple", "quelques-unes").
fn check_counts(doc: &NormDoc, t: &Tokens, lists: &[List], warnings: &mut Vec<Warning>) {
    for l in lists {
        let Some(title) = &l.title else { continue };
        let a = t.at_byte(title.span.start);
        let b = t.at_byte(title.span.end);
        let partial = (a..b).any(|q| {
            matches!(
                t.key(q),
                "dont"
                    | "parmi"
                    | "notamment"
                    | "exemple"
                    | "quelques"
                    | "principales"
                    | "principaux"
                    | "extraits"
                    | "certaines"
                    | "certains"
            )
        });
        if partial {
            continue;
        }
        // The count right before a noun of the list's kind.
        let declared = (a..b).find_map(|q| {
            if !t.is_word(q) || kind_word(t.key(q)) != Some(l.kind) {
                return None;
            }
            let p = t.prev_word(q, 1)?;
            let n = super::numbers::at(t, p, false).filter(|n| n.end == q && !n.approx_noun)?;
            Some((n.value as usize, t.range(n.first, q + 1)))
        });
        let Some((n, r)) = declared else { continue };
        if n != l.items.len() && n > 1 {
            warnings.push(
                Warning::new(
                    "list_count_mismatch",
                    format!(
                        "{}: “{}” announces {n}, {} listed",
                        l.id,
                        doc.text.get(r.clone()).unwrap_or(""),
                        l.items.len()
                    ),
                )
                .at(r),
            );
        }
    }
}

/// Whether `f` holds for the key of `it` or of one of its sub-items, at
/// any depth.
fn any_key(it: &Item, f: &mut impl FnMut(&str) -> bool) -> bool {
    f(&it.key) || it.sub_items.iter().any(|s| any_key(s, f))
}

/// Adds the keys of `it` and its sub-items to `set` (each copied only
/// when new).
fn insert_keys(it: &Item, set: &mut HashSet<String>) {
    if !set.contains(&it.key) {
        set.insert(it.key.clone());
    }
    for s in &it.sub_items {
        insert_keys(s, set);
    }
}

/// Gives `it` the id `id` and its sub-items `id/<n>`.
pub fn renumber(it: &mut Item, id: &str) {
    it.id = id.to_string();
    for (n, s) in it.sub_items.iter_mut().enumerate() {
        renumber(s, &format!("{id}/{}", n + 1));
    }
}

fn line_of(doc: &NormDoc, at: usize) -> Range<usize> {
    let l = doc.line_of(at) as usize;
    doc.lines
        .get(l.saturating_sub(1))
        .map_or(at..at, |l| l.range.clone())
}

/// The block that announces the list at root index `i`: the root block
/// right before it when that is a heading or a paragraph (a title too: "Les 5 axes du
/// PTSM 54" may be one).
fn announcer_of(doc: &NormDoc, tree: &BlockTree, i: usize) -> Option<Range<usize>> {
    let prev = tree.get(*tree.roots.get(i.checked_sub(1)?)?);
    // A paragraph announces a list only when it ends with ":" (a paragraph
    // that merely comes before it says nothing of it); a heading does.
    let text = doc.text.get(prev.content.clone()).unwrap_or("").trim_end();
    let announces = match prev.kind {
        BlockKind::Heading | BlockKind::Title => true,
        // A short line without a full stop is a heading, unless it is a
        // label and its value ("Pour prendre rendez-vous : 03 …").
        BlockKind::Paragraph => {
            text.ends_with(':')
                || text.split_whitespace().nth(12).is_none()
                    && !text.ends_with('.')
                    && !text.contains(" : ")
        }
        _ => false,
    };
    announces.then(|| prev.range.clone())
}

/// The paragraph right before the list at root `i` when it counts as many
/// items of a kind as the list has ("… s’appuie sur sept groupes de
/// travail thématiques." over seven bullets): it announces the list
/// though it ends with a full stop.
fn counting_paragraph(tree: &BlockTree, t: &Tokens, i: usize) -> Option<Range<usize>> {
    let prev = tree.get(*tree.roots.get(i.checked_sub(1)?)?);
    let list = tree.get(*tree.roots.get(i)?);
    let n = list
        .children
        .iter()
        .filter(|&&c| tree.get(c).kind == BlockKind::ListItem)
        .count();
    (prev.kind == BlockKind::Paragraph && counted_kind(t, prev.range.clone(), n).is_some())
        .then(|| prev.range.clone())
}

/// The earlier top-level list that the list at root `i` resumes: the same
/// marker, after an item's own paragraphs or sub-list ("• Expérimentation
/// …", its description, "– …", then "• Favoriser …"). Such a list is
/// announced by what announced the first part, not by the paragraph that
/// happens to precede it.
fn resumed_list(doc: &NormDoc, tree: &BlockTree, i: usize) -> Option<usize> {
    let marker_of = |j: usize| {
        let l = tree.get(tree.roots[j]);
        let first = l.children.first()?;
        tree.get(*first).marker.clone()
    };
    let marker = marker_of(i)?;
    // A block that announces a list just before it announces a list of
    // its own.
    if announcer_of(doc, tree, i).is_some() {
        return None;
    }
    // A few blocks back at most, and never across a heading, unless the
    // heading opens a page (a running header left in the text).
    for j in (i.saturating_sub(8)..i).rev() {
        let n = tree.get(tree.roots[j]);
        match n.kind {
            BlockKind::List if marker_of(j).as_deref() == Some(marker.as_str()) => return Some(j),
            BlockKind::List | BlockKind::Paragraph => {}
            BlockKind::Heading if j > 0 && opens_page(doc, tree, j) => {}
            _ => return None,
        }
    }
    None
}

/// Whether the block at root `j` is the first on its page.
fn opens_page(doc: &NormDoc, tree: &BlockTree, j: usize) -> bool {
    let n = tree.get(tree.roots[j]);
    let prev = tree.get(tree.roots[j - 1]);
    let page = doc.page_of(n.range.start);
    page.is_some() && page != doc.page_of(prev.range.end.saturating_sub(1))
}

/// Whether an item's own text only announces its sub-list ("• Groupes de
/// travail", "– volet « adultes » :"): `Some(kind)` of that sub-list.
fn announcing_item(t: &Tokens, text_range: Range<usize>, text: &str) -> Option<ListKind> {
    let k = key(text);
    // Only the kind's name, with no content of its own ("Groupes de
    // travail", "Actions :"): "volet « adultes » :" is an item.
    let bare = k.split(' ').all(|w| {
        kind_word(w).is_some()
            || matches!(
                w,
                "de" | "du"
                    | "des"
                    | "les"
                    | "nos"
                    | "et"
                    | "travail"
                    | "reflexion"
                    | "prioritaires"
                    | "strategiques"
                    | "operationnels"
                    | "thematiques"
                    | "concretes"
                    | "retenues"
                    | "retenus"
            )
    });
    if !bare {
        return None;
    }
    announcer_kind(t, text_range)?.ok()
}

/// Turns the list node `id` (announced by `announcer`) into drafts, for
/// the territories to [`settle`].
fn tree_list(
    doc: &NormDoc,
    tree: &BlockTree,
    t: &Tokens,
    id: BlockId,
    announcer: Option<Range<usize>>,
    inherited: Option<ListKind>,
    drafts: &mut Vec<Pending>,
) {
    let list = tree.get(id);
    let children: Vec<BlockId> = list
        .children
        .iter()
        .copied()
        .filter(|&c| tree.get(c).kind == BlockKind::ListItem)
        .collect();
    if children.is_empty() {
        return;
    }
    // Items that only announce their sub-list ("• Groupes de travail",
    // "• Actions"): each sub-list is a list of its own.
    let all_announcing = children.iter().all(|&c| {
        let n = tree.get(c);
        let text = doc.text.get(n.content.clone()).unwrap_or("");
        announcing_item(t, n.content.clone(), text).is_some()
            && n.children
                .iter()
                .any(|&s| tree.get(s).kind == BlockKind::List)
    });
    if all_announcing {
        for &c in &children {
            let n = tree.get(c);
            let text = doc.text.get(n.content.clone()).unwrap_or("");
            let kind = announcing_item(t, n.content.clone(), text);
            for &s in &n.children {
                if tree.get(s).kind == BlockKind::List {
                    tree_list(doc, tree, t, s, Some(n.content.clone()), kind, drafts);
                }
            }
        }
        return;
    }
    let first = tree.get(children[0]);
    let label_of = |m: &str| match MarkerClass::of(m) {
        MarkerClass::Label(l) => Some(l),
        _ => None,
    };
    // (Or the label right after a bullet: "▶ Action 4 – Déployer …".)
    let label = first.marker.as_deref().and_then(label_of).or_else(|| {
        let text = doc.text.get(first.content.clone()).unwrap_or("");
        crate::normalize::list_marker(text).and_then(label_of)
    });
    let mut said = announcer.clone().and_then(|r| announcer_kind(t, r));
    // Under an item of a content list, the item is content: a word such
    // as "accès" in "Améliorer l’accès aux soins somatiques" does not make
    // its sub-list a distractor; a label such as "Partenaires :" does.
    if let (Some(Err(())), Some(_), Some(r)) = (&said, inherited, &announcer) {
        let a = t.at_byte(r.start);
        let first_word = (a..t.at_byte(r.end)).find(|&q| t.is_word(q));
        if !first_word.is_some_and(|q| distractor_word(t.key(q))) {
            said = None;
        }
    }
    let ranges: Vec<Range<usize>> = children
        .iter()
        .map(|&c| tree.get(c).content.clone())
        .collect();
    let decree_items = label.is_none() && decree_list(t, &ranges);
    // Only a list that nothing announces, or a heading, is typed by its
    // items' wording: a sentence ending with ':' that names no kind says
    // the items are something else ("De premières avancées … :").
    let unannounced = announcer.as_ref().is_none_or(|r| {
        let a = doc.text.get(r.clone()).unwrap_or("").trim_end();
        !a.ends_with(':')
    });
    // A sentence that says what is planned announces actions when its
    // items say what is done: "Le PTSM prévoit de :" / "créer une équipe
    // mobile ;" / "ouvrir un centre de crise ;".
    let planned = announcer.as_ref().is_some_and(|r| {
        let (a, b) = (t.at_byte(r.start), t.at_byte(r.end));
        (a..b).any(|q| {
            matches!(
                t.key(q),
                "prevoit"
                    | "prevoient"
                    | "vise"
                    | "visent"
                    | "permettra"
                    | "permettront"
                    | "propose"
                    | "proposent"
                    | "ambitionne"
                    | "entend"
                    | "consiste"
            )
        })
    });
    // The paragraph before counts exactly these items: "… s’appuie sur
    // sept groupes de travail thématiques, ouverts à tous les acteurs : …"
    // over seven bullets (whatever else that paragraph enumerates).
    let counted = announcer
        .as_ref()
        .and_then(|r| counted_kind(t, r.clone(), children.len()));
    let kind = match (label, said, inherited) {
        (Some(l), Some(Err(())), _) if l != LabelKind::Action => None,
        (Some(l), _, _) => Some(label_kind(l)),
        (None, _, _) if decree_items => Some(ListKind::Priorites),
        (None, _, None) if counted.is_some() => counted,
        (None, Some(Ok(k)), _) => Some(k),
        (None, Some(Err(())), _) => None,
        (None, None, Some(k)) => Some(k),
        // Nothing says what the items are: actions when most of them say
        // what is done ("Ouverture d’un centre de crise …", "Créer une
        // équipe mobile …").
        (None, None, None) if (unannounced || planned) && action_items(t, &ranges) => {
            Some(ListKind::Actions)
        }
        // The sentence after the list names what its items were: "→ un
        // bilan de santé …" / "Ces actions bénéficient d’un financement".
        (None, None, None) => named_after(t, list.range.end),
    };
    // Site taxonomy: "Thématiques :" over tags that name places
    // ("Auvergne-Rhône-Alpes", "Santé mentale").
    let label_only = announcer
        .as_ref()
        .and_then(|r| doc.text.get(r.clone()))
        .is_some_and(|a| a.trim_end().ends_with(':') && a.split_whitespace().nth(2).is_none());
    let unmarked = first.marker.is_none();
    let kind = kind.filter(|_| {
        !(label_only
            && unmarked
            && children.iter().any(|&c| {
                let n = tree.get(c);
                let a = t.at_byte(n.content.start);
                super::gazetteer::place_at(t, a).is_some_and(|(e, _)| e >= t.at_byte(n.content.end))
            }))
    });
    // A day's programme, its items starting with their times ("9h00 –
    // Accueil café", "14 h 30 : ateliers"), is no content.
    let timed = children
        .iter()
        .filter(|&&c| starts_with_time(doc.text.get(tree.get(c).content.clone()).unwrap_or("")))
        .count();
    let kind = kind.filter(|_| timed * 2 <= children.len());
    let Some(kind) = kind else {
        // Not content, but its sub-lists may be (a numbered list of
        // sections, each with an announced list).
        for &c in &children {
            for &s in &tree.get(c).children {
                if tree.get(s).kind == BlockKind::List {
                    let n = tree.get(c);
                    let announcer = Some(n.content.clone());
                    tree_list(doc, tree, t, s, announcer, None, drafts);
                }
            }
        }
        return;
    };
    // Items that are territory headings ("1. Métropole lilloise
    // (arrondissement de Lille)") make no content list.
    // (Labelled ones too, and fewer than three under a title that names
    // the decree: "Priorité(s) du décret n° 2017-1200" / "P2 – Parcours
    // de santé et de vie sans rupture".)
    let decree_title = announcer.as_ref().is_some_and(|r| {
        let k = crate::normalize::key(doc.text.get(r.clone()).unwrap_or(""));
        k.contains("decret") || k.contains("2017 1200")
    });
    let decree =
        kind == ListKind::Priorites && (decree_items || decree_title || decree_list(t, &ranges));
    // At most an item a child: grown by doubling, a list of 180,000 items
    // held 25 MB spare until it was filtered.
    let mut items = Vec::with_capacity(children.len());
    for (m, &c) in children.iter().enumerate() {
        let n = tree.get(c);
        let text = doc.text.get(n.content.clone()).unwrap_or("");
        // (Whether a territory keys the item is for `settle` to say. The
        // marker's class, read once for both.)
        let class = n.marker.as_deref().map(MarkerClass::of);
        let own = class.as_ref().and_then(|c| match c {
            MarkerClass::Label(l) => Some(label_kind(*l)),
            _ => None,
        });
        // A section about kinds in a table of contents ("4.1. Orientations
        // et axes stratégiques en détail ……… 26") is no item.
        let section_marker = class.as_ref().is_some_and(|c| {
            matches!(
                c,
                MarkerClass::Section(_) | MarkerClass::Roman | MarkerClass::Number
            )
        });
        if section_marker && toc_section_about_kinds(text) {
            continue;
        }
        let item_kind = own.or_else(|| item_word_kind(text)).unwrap_or(kind);
        let Some(mut it) = items::item(doc, n, format!("x/{}", m + 1), item_kind) else {
            continue;
        };
        if decree {
            it.decree_priority = item_priority(t, &it);
        }
        // Nested lists: sub-items (an axis's actions, a volet's actions).
        let mut nested = Vec::new();
        for &s in &n.children {
            if tree.get(s).kind != BlockKind::List {
                continue;
            }
            let child_kind = sub_kind(item_kind);
            tree_list(
                doc,
                tree,
                t,
                s,
                Some(n.content.clone()),
                Some(child_kind),
                &mut nested,
            );
        }
        items.push(PendingItem {
            content: n.content.clone(),
            item: it,
            nested,
        });
    }
    if items.is_empty() {
        return;
    }
    drafts.push(Pending {
        kind,
        title: announcer,
        start: list.range.start,
        items,
    });
}

/// Whether a text starts with a time of day: "9h00", "14 h 30", "10:15".
fn starts_with_time(text: &str) -> bool {
    let b = text.trim_start().as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let rest = &b[digits..];
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    match rest.first() {
        Some(b'h' | b'H') => rest.get(1).is_none_or(|c| !c.is_ascii_alphabetic()),
        Some(b':') => rest.get(1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
}

/// The kind of the last count of exactly `n` (two or more) in `range`:
/// "sept groupes de travail", "quatre axes" (not "22 actions réparties en
/// cinq axes. Il est animé sur les cinq bassins", whose last five are
/// places).
fn counted_kind(t: &Tokens, range: Range<usize>, n: usize) -> Option<ListKind> {
    if n < 2 {
        return None;
    }
    let (a, b) = (t.at_byte(range.start), t.at_byte(range.end));
    let noun = (a..b).rev().find_map(|q| {
        let num =
            super::numbers::at(t, q, false).filter(|x| !x.approx_noun && x.value == n as f64)?;
        (num.end < b && t.is_word(num.end)).then_some(num.end)
    })?;
    kind_word(t.key(noun))
}

/// A table-of-contents entry about kinds of content ("Orientations et axes
/// stratégiques en détail ……… 26"): plural kind words first, and dot
/// leaders.
fn toc_section_about_kinds(text: &str) -> bool {
    let k = key(text);
    let plural_kind = k.split(' ').take(3).any(|w| {
        kind_word(w).is_some() && w.ends_with('s') || w.ends_with('x') && kind_word(w).is_some()
    });
    plural_kind && (text.contains("...") || text.contains('…'))
}

fn label_kind(l: LabelKind) -> ListKind {
    match l {
        LabelKind::Axe => ListKind::Axes,
        LabelKind::Action => ListKind::Actions,
        LabelKind::Orientation => ListKind::Orientations,
        LabelKind::Objectif => ListKind::Objectifs,
        LabelKind::Priorite => ListKind::Priorites,
        LabelKind::Enjeu => ListKind::Enjeux,
        LabelKind::Thematique => ListKind::Thematiques,
        LabelKind::Groupe => ListKind::Groupes,
    }
}

/// An item that names its own kind ("volet « adultes »", "groupe 2
/// « crise »").
fn item_word_kind(text: &str) -> Option<ListKind> {
    // An item that starts with another ASCII letter or digit (most do)
    // has another first word: told without folding the whole item. ASCII
    // punctuation is a separator in a key; anything else may fold to "v"
    // or "g" and is left to `key`.
    let first = text
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_alphanumeric());
    if first.is_some_and(|c| c.is_ascii() && !matches!(c, 'v' | 'V' | 'g' | 'G')) {
        return None;
    }
    let k = key(text);
    let first = k.split(' ').next()?;
    match first {
        "volet" => Some(ListKind::Orientations),
        "groupe" => Some(ListKind::Groupes),
        _ => None,
    }
}

/// The kind of the sub-items of an item of kind `k`: an axis, an
/// orientation, a group or a priority holds actions.
fn sub_kind(k: ListKind) -> ListKind {
    match k {
        ListKind::Axes
        | ListKind::Orientations
        | ListKind::Groupes
        | ListKind::Priorites
        | ListKind::Thematiques
        | ListKind::Enjeux => ListKind::Actions,
        other => other,
    }
}

/// Whether an item starts with a territory's name followed by ":" ("Grand
/// Besançon : ouverture en 2022"), or is only a territory's name: a
/// deployment step or a section heading, not content.
fn territory_keyed(t: &Tokens, content: Range<usize>, terr: &Territories) -> bool {
    let a = t.at_byte(content.start);
    let b = t.at_byte(content.end);
    // A territory's mention at the start of the item.
    let start = content.start;
    let lead = doc_lead(t, a);
    // (Looked up in the index by start: going through every mention of
    // the document for each item was quadratic in a long text.)
    for r in terr.mentions_starting_in(start, lead) {
        let e = t.at_byte(r.end);
        if e >= b
            || t.punct(e) == Some(':')
            || (t.punct(e) == Some('(') && t.punct(b.saturating_sub(1)) == Some(')'))
        {
            return true;
        }
    }
    let Some(end) = super::places::proper_phrase(t, a) else {
        return false;
    };
    // Where the phrase ends first: most items go on after it, and then
    // whether it is a place (gazetteer look-ups) does not matter.
    let keyed = end >= b
        || t.punct(end) == Some(':')
        || (t.punct(end) == Some('(') && t.line_end(a) <= b + 1 && {
            // "Métropole lilloise (arrondissement de Lille)".
            let mut j = end;
            while j < b && t.punct(j) != Some(')') {
                j += 1;
            }
            j + 1 >= b
        });
    keyed
        && (super::gazetteer::place_at(t, a).is_some_and(|(e, _)| e >= end)
            || super::gazetteer::commune_at(t, a).is_some_and(|(e, _)| e >= end)
            || matches!(
                t.key(a),
                "grand" | "pays" | "metropole" | "haut" | "bas" | "haute" | "basse"
            ))
}

/// The byte where an item's name starts after an article ("le Grand
/// Besançon").
fn doc_lead(t: &Tokens, a: usize) -> usize {
    let mut j = a;
    if matches!(t.key(j), "le" | "la" | "les") {
        j += 1;
    } else if t.key(j) == "l" && matches!(t.punct(j + 1), Some('’' | '\'')) {
        j += 2;
    }
    t.get(j).map_or(usize::MAX, |x| x.start as usize)
}

/// Lists inside one line: inline bullets ("• a ; • b"), "P1=…, P2=…", an
/// enumeration after a counted kind noun between dashes or after a colon
/// ("six groupes de travail – a, b, c –", "Les publics retenus : a, b,
/// c").
fn inline_lists(doc: &NormDoc, t: &Tokens, line: Range<usize>, drafts: &mut Vec<Draft>) {
    let Some(text) = doc.text.get(line.clone()) else {
        return;
    };
    // Inline bullets.
    if text.matches('•').count() >= 2 && !text.trim_start().starts_with('•')
        || text.matches(" • ").count() >= 1 && text.matches('•').count() >= 2
    {
        let first = text.find('•').unwrap_or(0);
        let head = line.start..line.start + first;
        let said = announcer_for_inline(doc, t, &head, line.start);
        if let Some((kind, title)) = said {
            let mut items = Vec::new();
            let parts: Vec<(usize, &str)> = text
                .match_indices('•')
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
                .windows(2)
                .map(|w| (w[0], &text[w[0]..w[1]]))
                .chain(text.rfind('•').map(|i| (i, &text[i..])))
                .collect();
            for (m, (i, part)) in parts.iter().enumerate() {
                let body = part.trim_start_matches('•');
                let lead = part.len() - body.len() + (body.len() - body.trim_start().len());
                let body = body.trim();
                let s = line.start + i + lead;
                if let Some(it) = items::item_at(
                    doc,
                    s,
                    body,
                    s..s + body.len(),
                    Some("•".into()),
                    format!("x/{}", m + 1),
                    kind,
                ) {
                    items.push(it);
                }
            }
            if !items.is_empty() {
                drafts.push(Draft {
                    kind,
                    title,
                    start: line.start + first,
                    items,
                });
            }
        }
    }
    // "P1=…, P2=…".
    let p1 = memchr::memchr(b'=', text.as_bytes())
        .and_then(|_| text.find("P1=").or_else(|| text.find("P1 =")));
    if let Some(p1) = p1 {
        if text.contains("P2=") || text.contains("P2 =") {
            let mut items = Vec::new();
            let mut marks: Vec<usize> = Vec::new();
            for n in 1..=9 {
                for pat in [format!("P{n}="), format!("P{n} =")] {
                    if let Some(i) = text[p1..].find(&pat) {
                        marks.push(p1 + i);
                        break;
                    }
                }
            }
            marks.sort();
            for (m, &s) in marks.iter().enumerate() {
                let e = marks.get(m + 1).copied().unwrap_or(text.len());
                let seg = &text[s..e];
                let eq = seg.find('=').unwrap_or(0) + 1;
                let body = seg[eq..].trim();
                let body_start =
                    line.start + s + eq + (seg[eq..].len() - seg[eq..].trim_start().len());
                if let Some(mut it) = items::item_at(
                    doc,
                    body_start,
                    body,
                    line.start + s..line.start + e,
                    Some(seg[..eq].to_string()),
                    format!("x/{}", m + 1),
                    ListKind::Priorites,
                ) {
                    it.number = Some((m + 1).to_string());
                    it.decree_priority = item_priority(t, &it).or(Some(m as u32 + 1));
                    items.push(it);
                }
            }
            if items.len() >= 2 {
                drafts.push(Draft {
                    kind: ListKind::Priorites,
                    title: Some(line.start..line.start + p1),
                    start: line.start + p1,
                    items,
                });
            }
        }
    }
    enumeration_after_noun(doc, t, line.clone(), drafts);
    groups_object_enumeration(doc, t, line.clone(), drafts);
    decree_run(doc, t, line, drafts);
}

/// Working groups enumerated by their object in the sentence that names
/// them: "des groupes de travail se sont constitués pour appuyer et
/// consolider les Conseils Locaux de Santé Mentale, les Groupements
/// d’Entraide Mutuelle, les acteurs … et les programmes …" (three or more
/// phrases that start with an article, after "groupes").
fn groups_object_enumeration(
    doc: &NormDoc,
    t: &Tokens,
    line: Range<usize>,
    drafts: &mut Vec<Draft>,
) {
    let a = t.at_byte(line.start);
    let b = t.at_byte(line.end);
    let Some(g) = (a..b).find(|&q| t.key(q) == "groupes" && t.is_word(q)) else {
        return;
    };
    // The sentence after "groupes", up to its end.
    let end = (g..b)
        .find(|&q| matches!(t.punct(q), Some('.' | ';' | ':' | '!' | '?')))
        .unwrap_or(b);
    let r = t.range(g, end);
    let Some(body) = doc.text.get(r.clone()) else {
        return;
    };
    // The enumeration starts at the first article-headed phrase followed
    // by a comma.
    let article = |s: &str| {
        let w = s.trim_start();
        ["les ", "la ", "le ", "l’", "l'", "des "]
            .iter()
            .any(|a| w.starts_with(a))
    };
    let Some(first_comma) = body.find(", ") else {
        return;
    };
    let head = &body[..first_comma];
    let Some(start) = ["les ", "la ", "le ", "l’", "des "]
        .iter()
        .filter_map(|a| head.rfind(&format!(" {a}")).map(|i| i + 1))
        .max()
    else {
        return;
    };
    let parts = split_enumeration(&body[start..]);
    if parts.len() < 3 || !parts.iter().all(|p| article(&body[start..][p.clone()])) {
        return;
    }
    if !parts.iter().all(|p| {
        body[start..][p.clone()]
            .split_whitespace()
            .nth(10)
            .is_none()
    }) {
        return;
    }
    let mut items = Vec::new();
    for (m, p) in parts.iter().enumerate() {
        let s0 = r.start + start + p.start;
        let txt = &body[start..][p.clone()];
        if let Some(it) = items::item_at(
            doc,
            s0,
            txt,
            s0..s0 + txt.len(),
            None,
            format!("x/{}", m + 1),
            ListKind::Groupes,
        ) {
            items.push(it);
        }
    }
    drafts.push(Draft {
        kind: ListKind::Groupes,
        title: Some(t.range(g, g + 1)),
        start: r.start + start,
        items,
    });
}

/// The six national priorities flattened into one line (a cover graphic
/// read as text): the line's phrases that start with a capital after a
/// lowercase word, four or more of them in a row each naming a different
/// priority.
fn decree_run(doc: &NormDoc, t: &Tokens, line: Range<usize>, drafts: &mut Vec<Draft>) {
    let Some(text) = doc.text.get(line.clone()) else {
        return;
    };
    if text.len() < 150
        || decree_signs_in(t, t.at_byte(line.start), t.at_byte(line.end)).distinct() < 4
    {
        return;
    }
    let a = t.at_byte(line.start);
    let b = t.at_byte(line.end);
    // Phrase starts: a capitalised word after a lowercase word or a number.
    let mut starts = vec![a];
    for q in a + 1..b {
        let cap = t.get(q).is_some_and(|x| x.cap && !x.upper) && t.is_word(q);
        let prev_lower = t.is_word(q - 1)
            && t.get(q - 1)
                .is_some_and(|x| !x.cap || x.kind == super::tokens::Kind::Number);
        if cap && prev_lower {
            starts.push(q);
        }
    }
    starts.push(b);
    let segs: Vec<(usize, usize)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
    // The longest run of segments naming distinct priorities.
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < segs.len() {
        let mut seen = [false; 7];
        let mut j = i;
        while j < segs.len() {
            let (s0, e0) = segs[j];
            match decree_signs_in(t, s0, e0).priority() {
                Some(p) if !seen[p as usize] => {
                    seen[p as usize] = true;
                    j += 1;
                }
                _ => break,
            }
        }
        if j - i >= 4 && best.is_none_or(|(bi, bj)| j - i > bj - bi) {
            best = Some((i, j));
        }
        i = j.max(i + 1);
    }
    let Some((i, j)) = best else { return };
    let mut items = Vec::new();
    for (m, &(s0, e0)) in segs[i..j].iter().enumerate() {
        // A period at the end of the graphic ("2019 -2024") is no part of
        // the last priority.
        let mut e = e0;
        while e > s0 + 1
            && (t
                .get(e - 1)
                .is_some_and(|x| x.kind == super::tokens::Kind::Number)
                || matches!(t.punct(e - 1), Some('-' | '–')))
        {
            e -= 1;
        }
        let r = t.range(s0, e);
        let txt = doc.text.get(r.clone()).unwrap_or("");
        if let Some(mut it) = items::item_at(
            doc,
            r.start,
            txt,
            r.clone(),
            None,
            format!("x/{}", m + 1),
            ListKind::Priorites,
        ) {
            it.decree_priority = decree_signs_in(t, s0, e).priority();
            items.push(it);
        }
    }
    drafts.push(Draft {
        kind: ListKind::Priorites,
        title: None,
        start: t.range(segs[i].0, segs[i].0 + 1).start,
        items,
    });
}

/// The kind an inline list takes from the text before its first bullet,
/// or from the line before.
fn announcer_for_inline(
    doc: &NormDoc,
    t: &Tokens,
    head: &Range<usize>,
    line_start: usize,
) -> Option<(ListKind, Option<Range<usize>>)> {
    let own = doc.text.get(head.clone()).unwrap_or("").trim();
    if !own.is_empty() {
        return match announcer_kind(t, head.clone())? {
            Ok(k) => Some((k, Some(head.clone()))),
            Err(()) => None,
        };
    }
    let l = doc.line_of(line_start) as usize;
    let prev = doc.lines.get(l.checked_sub(2)?)?.range.clone();
    if !doc.text.get(prev.clone())?.trim_end().ends_with(':') {
        return None;
    }
    match announcer_kind(t, prev.clone())? {
        Ok(k) => Some((k, Some(prev))),
        Err(()) => None,
    }
}

/// "six groupes de travail – petite enfance, adolescents, … – qui",
/// "Les publics retenus : enfants (0-15 ans), adolescents …, adultes,
/// personnes âgées.", "des groupes de travail … pour appuyer les X, les
/// Y, les Z et les W".
fn enumeration_after_noun(doc: &NormDoc, t: &Tokens, line: Range<usize>, drafts: &mut Vec<Draft>) {
    let a = t.at_byte(line.start);
    let b = t.at_byte(line.end);
    let mut i = a;
    while i < b {
        let k = t.key(i);
        let kind = kind_word(k).or(advances(t, i).then_some(ListKind::Actions));
        let Some(kind) = kind.filter(|_| t.is_word(i)) else {
            i += 1;
            continue;
        };
        // The noun phrase: "groupes de travail", "publics retenus".
        let mut j = i + 1;
        while j < b && t.is_word(j) && j < i + 4 {
            j += 1;
        }
        // Between dashes: "– a, b, c –".
        let open = (i + 1..(i + 5).min(b)).find(|&q| {
            matches!(t.punct(q), Some('–' | '—')) && t.get(q).is_some_and(|x| x.space_before)
        });
        // After a colon at the end of the noun phrase ("trois
        // thématiques prioritaires du PTSM :").
        // (Not past a comma: "42 actions, déclinés sur quatre
        // territoires :" announces the territories.)
        // A little further when the words before it announce the items:
        // "Les groupes de travail étaient les suivants :".
        let colon = (i + 1..(i + 9).min(b))
            .take_while(|&q| !matches!(t.punct(q), Some(',' | ';' | '.')))
            .find(|&q| t.punct(q) == Some(':'))
            .filter(|&q| q < i + 6 || matches!(t.key(q - 1), "suivants" | "suivantes"));
        // Another kind named nearer the colon, counted or after a
        // conjunction, is what the colon announces: "14 fiches actions et
        // trois priorités :", "18 actions réparties en trois orientations
        // :" (that noun is read in its turn).
        let nearer = colon.is_some_and(|q| {
            (i + 1..q).any(|v| {
                t.is_word(v)
                    && kind_word(t.key(v)).is_some()
                    && (t.prev_word(v, 0).is_some_and(|p| {
                        p > i && super::numbers::at(t, p, false).is_some_and(|n| n.end == v)
                    }) || (i + 1..v).any(|w| t.key(w) == "et" || t.punct(w) == Some(',')))
            })
        });
        if nearer {
            i += 1;
            continue;
        }
        let publics_or_groups = matches!(k, "groupes")
            || (k == "publics"
                && matches!(
                    t.key(i + 1),
                    "retenus" | "cibles" | "vises" | "prioritaires" | "concernes"
                ));
        // The count before the noun: "autour de trois axes :", "six
        // groupes de travail :", an adjective between them: "trois
        // grandes thématiques :".
        let counted_at = t
            .prev_word(i, 1)
            .filter(|&p| super::numbers::count_adjective(t.key(p)))
            .unwrap_or(i);
        let declared = t
            .prev_word(counted_at, 1)
            .and_then(|p| {
                super::numbers::at(t, p, false).filter(|n| n.end == counted_at && !n.approx_noun)
            })
            .map(|n| n.value as usize);
        // A label that starts its sentence: "Actions phares : …".
        // ("Les actions prioritaires : a ; b ; c": the article that starts
        // the line belongs to the label.)
        let label = t.prev_word(i, 1).is_none_or(|p| {
            matches!(t.punct(p + 1), Some('.' | ':' | ';'))
                || t.line_start(i) == i
                || (matches!(t.key(p), "les" | "nos" | "ses" | "leurs") && t.line_start(p) == p)
        });
        // "13 actions sont suivies : le Grand Bastia accueille …" goes on
        // as a sentence: a verb between the noun and the colon.
        // ("Quatre thématiques ont été retenues :", "Les groupes de travail
        // étaient les suivants :" announce their items: a participle of
        // choosing, or "les suivants".)
        let verb = colon.is_some_and(|q| {
            let announcing = (i + 1..q).any(|v| {
                let k = t.key(v);
                [
                    "retenu",
                    "identifie",
                    "defini",
                    "constitue",
                    "valide",
                    "choisi",
                    "arrete",
                    "suivant",
                    "fixe",
                    "adopte",
                    "priorise",
                    "cible",
                ]
                .iter()
                .any(|p| k.starts_with(p))
            });
            // ("que ces orientations sont : a ; b ; c": the copula right
            // before the colon announces the items.)
            let copula = t.prev_word(q, 0).is_some_and(|p| t.key(p) == "sont");
            !announcing
                && !copula
                && (i + 1..q).any(|v| {
                    matches!(
                        t.key(v),
                        "sont"
                            | "ont"
                            | "est"
                            | "a"
                            | "seront"
                            | "etaient"
                            | "sera"
                            | "vont"
                            | "font"
                    )
                })
        });
        // In parentheses after a counted noun: "Cinq groupes de travail
        // (enfance-adolescence, adultes, personnes âgées, …)"; only when
        // the parts are as many as the count says.
        // (A few words may come between: "Trois groupes de travail ont été
        // constitués (enfants, adultes, personnes âgées)".)
        let paren = (i + 1..(i + 8).min(b))
            .take_while(|&q| t.is_word(q) || t.punct(q) == Some('('))
            .find(|&q| t.punct(q) == Some('('))
            .filter(|_| declared.is_some_and(|n| n >= 2));
        if let (Some(q), Some(n), None) = (paren, declared, open) {
            if let Some(close) = (q + 1..b)
                .find(|&c| matches!(t.punct(c), Some(')' | '(')))
                .filter(|&c| t.punct(c) == Some(')'))
            {
                let r = t.range(q + 1, close);
                let body = doc.text.get(r.clone()).unwrap_or("");
                // ("(enfants et adolescents ; crise et urgences ;
                // réhabilitation, logement et emploi ; personnes âgées)":
                // semicolons part items that hold commas.)
                let parts = if body.contains(';') {
                    split_on(body, ';', None)
                } else {
                    split_on(body, ',', declared)
                };
                let short = parts
                    .iter()
                    .all(|p| body[p.clone()].split_whitespace().nth(6).is_none());
                if parts.len() == n && short {
                    let items: Vec<Item> = parts
                        .iter()
                        .enumerate()
                        .filter_map(|(m, p)| {
                            let s = r.start + p.start;
                            let txt = &body[p.clone()];
                            items::item_at(
                                doc,
                                s,
                                txt,
                                s..s + txt.len(),
                                None,
                                format!("x/{}", m + 1),
                                kind,
                            )
                        })
                        .collect();
                    if items.len() == n {
                        drafts.push(Draft {
                            kind,
                            title: Some(t.range(i, q)),
                            start: r.start,
                            items,
                        });
                        i = close + 1;
                        continue;
                    }
                }
            }
        }
        // "Parmi les actions phares : a, b et c": some of them, by commas.
        // ("Parmi les principales réalisations, a, b et c": an adjective
        // before the noun; not "Parmi les premières actions", the first of
        // them to come, which annotators leave unlisted.)
        let among_head = t
            .prev_word(i, 1)
            .filter(|&p| matches!(t.key(p), "principales" | "principaux"))
            .unwrap_or(i);
        let among = t
            .prev_word(among_head, 1)
            .and_then(|p| {
                t.prev_word(p, 0)
                    .filter(|_| matches!(t.key(p), "les" | "ses" | "nos" | "leurs"))
            })
            .is_some_and(|q| t.key(q) == "parmi");
        // "… a présenté les principales avancées, notamment : a, b, ou
        // encore c": some of them too, after the comma.
        let notamment = colon.is_none()
            && t.punct(i + 1) == Some(',')
            && t.key(i + 2) == "notamment"
            && t.punct(i + 3) == Some(':');
        // "Ces axes sont déclinés en 32 actions, dont la création …, le
        // renforcement … et l’ouverture …": some of them, named (not "dont
        // 4 …", a subset's count).
        let dont = colon.is_none()
            && !notamment
            && t.punct(i + 1) == Some(',')
            && t.key(i + 2) == "dont"
            && super::numbers::at(t, i + 3, false).is_none();
        let among = among || notamment || dont;
        let colon = if notamment {
            Some(i + 3)
        } else if dont {
            Some(i + 2)
        } else {
            colon
        };
        // Working groups named after a colon further on in the sentence
        // ("Cinq groupes de travail vont désormais plancher d’ici
        // l’automne : a, b, c, d, e"): only when the parts are exactly as
        // many as the count says.
        let far_colon = if colon.is_none()
            && open.is_none()
            && kind == ListKind::Groupes
            && declared.is_some_and(|n| n >= 2)
        {
            // (An acronym in parentheses on the way: "du projet territorial
            // de santé mentale (PTSM) de l’Indre :".)
            (i + 1..(i + 24).min(b))
                // (Nor past a comma: "… groupes de travail, ainsi que des
                // entretiens dans chacun des territoires :" lists places.)
                .take_while(|&q| {
                    let acronym =
                        t.get(q + 1).is_some_and(|x| x.upper) || t.punct(q + 2) == Some(')');
                    !matches!(t.punct(q), Some('.' | ';' | ','))
                        && (t.punct(q) != Some('(') || acronym)
                })
                .find(|&q| t.punct(q) == Some(':'))
                .filter(|&q| {
                    let end = (q + 1..b).find(|&e| t.punct(e) == Some('.')).unwrap_or(b);
                    let r = t.range(q + 1, end);
                    let body = doc.text.get(r).unwrap_or("");
                    split_on(body, ',', declared).len() == declared.unwrap_or(0)
                        || split_on(body, ';', None).len() == declared.unwrap_or(0)
                        || slashed(body, declared)
                })
        } else {
            None
        };
        // Achievements named after the noun phrase without a colon:
        // "Parmi les principales réalisations, a, b et c", "Parmi les
        // réalisations mises en avant figurent notamment a, b, ainsi que c".
        // (Their commas part clauses as often as items: each part must be
        // a noun phrase, below.)
        let among_open = if colon.is_none() && open.is_none() && among && kind == ListKind::Actions
        {
            (i + 1..(i + 10).min(b))
                .take_while(|&q| !matches!(t.punct(q), Some('.' | ';' | ':')))
                .find_map(|q| {
                    if t.punct(q) == Some(',') {
                        Some(q)
                    } else if matches!(t.key(q), "figurent" | "figure") {
                        Some(if t.key(q + 1) == "notamment" {
                            q + 1
                        } else {
                            q
                        })
                    } else {
                        None
                    }
                })
        } else {
            None
        };
        // The items in the next sentence, after a pronoun: "Cinq priorités
        // ont été retenues. Elles portent sur a, b, c, d et e." Only as
        // many as the count says.
        let pronoun_open = if colon.is_none() && open.is_none() && declared.is_some_and(|n| n >= 2)
        {
            (i + 1..(i + 10).min(b))
                .take_while(|&q| !matches!(t.punct(q), Some(';' | ':' | ',')))
                .find(|&q| t.punct(q) == Some('.'))
                .and_then(|stop| {
                    let p = t.next_word(stop + 1, 0)?;
                    let ci = matches!(t.key(p), "celles" | "ceux") && t.key(p + 2) == "ci";
                    let pronoun = matches!(t.key(p), "elles" | "ils") || ci;
                    let v = t.next_word(if ci { p + 3 } else { p + 1 }, 0)?;
                    let verb = matches!(t.key(v), "portent" | "concernent" | "visent" | "touchent");
                    if !pronoun || !verb {
                        return None;
                    }
                    let mut q = v;
                    if t.key(q + 1) == "notamment" {
                        q += 1;
                    }
                    if matches!(t.key(q + 1), "sur" | "principalement" | "essentiellement") {
                        q += 1;
                    }
                    let end = (q + 1..b).find(|&e| t.punct(e) == Some('.')).unwrap_or(b);
                    let body = doc.text.get(t.range(q + 1, end)).unwrap_or("");
                    (split_on(body, ',', declared).len() == declared.unwrap_or(0)).then_some(q)
                })
        } else {
            None
        };
        let sentence_open = dont
            || colon.is_none()
                && far_colon.is_none()
                && (among_open.is_some() || pronoun_open.is_some());
        let colon = colon.or(far_colon).or(among_open).or(pronoun_open);
        // "… comporte 4 orientations et 16 actions ; que ces orientations
        // sont : a ; b ; c ; d": the kind named again to list its items.
        let these_are = colon.is_some_and(|q| {
            t.prev_word(i, 1).is_some_and(|p| t.key(p) == "ces")
                && t.prev_word(q, 0).is_some_and(|p| t.key(p) == "sont")
        });
        let (start, stop_dash) = match (open, colon) {
            (Some(q), _) => (q + 1, true),
            (None, Some(q)) if these_are => (q + 1, false),
            (None, Some(q)) if far_colon == Some(q) => (q + 1, false),
            (None, Some(q)) if among && !verb => (q + 1, false),
            (None, Some(q)) if kind == ListKind::Groupes && publics_or_groups => (q + 1, false),
            (None, Some(q)) if declared.is_some() && !verb => (q + 1, false),
            (None, Some(q)) if label && !verb => (q + 1, false),
            _ => {
                i += 1;
                continue;
            }
        };
        // "Actions phares : a ; b", "Action prioritaire : a": a label
        // that names some of the document's actions, one or more.
        let headline = label
            && colon.is_some()
            && open.is_none()
            && kind == ListKind::Actions
            && matches!(
                t.key(i + 1),
                "phare" | "phares" | "prioritaire" | "prioritaires" | "cle" | "cles"
            );
        // Items separated by semicolons run to the end of the sentence;
        // items separated by commas to a semicolon too.
        let semicolons = {
            let mut q = start;
            let mut n = 0;
            while q < b && t.punct(q) != Some('.') {
                n += usize::from(t.punct(q) == Some(';'));
                q += 1;
            }
            n >= 2 || (headline && n >= 1)
        };
        // The items up to the closing dash, or the end of the sentence.
        let mut end = start;
        while end < b {
            if stop_dash && matches!(t.punct(end), Some('–' | '—')) {
                break;
            }
            if !stop_dash
                && (t.punct(end) == Some('.') || (!semicolons && t.punct(end) == Some(';')))
                && !t
                    .get(end + 1)
                    .is_some_and(|x| x.kind == super::tokens::Kind::Number && !x.space_before)
            {
                break;
            }
            end += 1;
        }
        if stop_dash && end >= b {
            i += 1;
            continue;
        }
        let r = t.range(start, end);
        let body = doc.text.get(r.clone()).unwrap_or("");
        let parts = if semicolons {
            split_on(body, ';', None)
        } else if slashed(body, declared) {
            split_on(body, '/', None)
        } else {
            split_on(body, ',', declared)
        };
        // Items numbered inline ("quatre axes : 1) prévenir … ; 2)
        // organiser …"): the numbers are markers, not a breakdown.
        let parts: Vec<Range<usize>> = parts
            .into_iter()
            .map(|p| {
                let txt = &body[p.clone()];
                let lead = txt.len() - txt.trim_start().len();
                // (Or between parentheses: "(1) la prévention …, (2) …".)
                let paren = usize::from(txt[lead..].starts_with('('));
                let lead = lead + paren;
                let rest = &txt[lead..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if (1..=2).contains(&digits)
                    && rest[digits..].starts_with(')')
                    && rest[digits + 1..].starts_with(' ')
                {
                    let skip = lead + digits + 1;
                    let skip = skip + (txt[skip..].len() - txt[skip..].trim_start().len());
                    p.start + skip..p.end
                } else {
                    p
                }
            })
            .collect();
        // A breakdown by status ("24 fiches-action : 15 en cours, 4
        // réalisées, …") lists numbers, not items.
        let numbered = parts
            .iter()
            .filter(|p| {
                body[(*p).clone()]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
            })
            .count();
        if numbered * 2 > parts.len() {
            i += 1;
            continue;
        }
        // (Longer items between commas when they are as many as the count
        // says: "trois priorités : l’accès aux soins psychiatriques au plus
        // près des lieux de vie, …".)
        let words = if semicolons || among {
            20
        } else if declared == Some(parts.len()) {
            16
        } else {
            10
        };
        // A label's colon ("Actions phares :", "Axe 2 :") opens a list
        // only of items between semicolons; after commas, it is one item.
        let labelled_only = colon.is_some()
            && open.is_none()
            && declared.is_none()
            && !among
            && !(kind == ListKind::Groupes && publics_or_groups);
        // A sheet's tags ("Thématiques : Santé mentale ; Précarité") are
        // no content list.
        // ("Thématiques prioritaires : a ; b ; c" are the PTSM's own.)
        let own_themes = matches!(
            t.key(i + 1),
            "prioritaires" | "retenues" | "principales" | "du" | "de"
        );
        if labelled_only
            && (!semicolons || kind == ListKind::Thematiques && !own_themes)
            && !headline
        {
            i += 1;
            continue;
        }
        let short = parts
            .iter()
            .all(|p| body[p.clone()].split_whitespace().nth(words).is_none());
        // Items in a sentence without a colon are noun phrases, each with
        // its determiner: a part that is not ("à Saint-Claude", "où aucun
        // psychiatre …") is a clause the comma set apart.
        let short = short
            && (!sentence_open
                || parts.iter().all(|p| {
                    let w = body[p.clone()].trim_start();
                    [
                        "le ", "la ", "les ", "l’", "l'", "un ", "une ", "des ", "du ", "leur ",
                        "leurs ", "son ", "sa ", "ses ",
                    ]
                    .iter()
                    .any(|d| w.starts_with(d))
                }));
        let enough = if headline { 1 } else { 3 };
        if parts.len() >= enough && short {
            let mut items = Vec::new();
            for (m, p) in parts.iter().enumerate() {
                let s = r.start + p.start;
                let txt = &body[p.clone()];
                if let Some(it) = items::item_at(
                    doc,
                    s,
                    txt,
                    s..s + txt.len(),
                    None,
                    format!("x/{}", m + 1),
                    kind,
                ) {
                    items.push(it);
                }
            }
            drafts.push(Draft {
                kind,
                title: Some(t.range(i, start)),
                start: r.start,
                items,
            });
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Splits "a, b (x, y), c et d" at commas outside parentheses and at the
/// last " et " of the last part.
fn split_enumeration(body: &str) -> Vec<Range<usize>> {
    split_on(body, ',', None)
}

/// Splits an enumeration at `sep` outside parentheses and guillemets, and
/// its last part at its last " et " — unless `declared` items are
/// announced and the separators alone give that many ("trois axes : le
/// repérage précoce et la prévention, l’accès aux soins, l’insertion
/// sociale et professionnelle").
/// Whether `body` is as many phrases as the count says, parted by
/// spaced slashes ("périnatalité et petite enfance / enfants et
/// adolescents / crise et urgences").
fn slashed(body: &str, declared: Option<usize>) -> bool {
    declared.is_some_and(|n| n >= 2 && body.matches(" / ").count() + 1 == n)
}

fn split_on(body: &str, sep: char, declared: Option<usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '(' | '«' => depth += 1,
            ')' | '»' => depth -= 1,
            c if c == sep && depth <= 0 => {
                parts.push(start..i);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(start..body.len());
    // A part that only qualifies the one before belongs to it: "la
    // prévention du suicide, notamment chez les jeunes, l’accès …".
    let mut parts = {
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(parts.len());
        for r in parts {
            let s = body[r.clone()].trim_start();
            let qualifies = ["notamment ", "en particulier ", "y compris ", "surtout "]
                .iter()
                .any(|q| s.starts_with(q));
            match merged.last_mut() {
                Some(prev) if qualifies && sep == ',' => prev.end = r.end,
                _ => merged.push(r),
            }
        }
        merged
    };
    let complete = declared.is_some_and(|n| n == parts.len());
    if let Some(last) = parts.pop() {
        let s = &body[last.clone()];
        // "; et la prévention du suicide": the conjunction opens the part
        // (", ainsi que la création …" too).
        let s_trim = s.trim_start();
        if let Some(rest) = s_trim
            .strip_prefix("et ")
            .or_else(|| s_trim.strip_prefix("ainsi que "))
            .or_else(|| s_trim.strip_prefix("ou encore "))
        {
            let off = last.start + (s.len() - rest.len());
            parts.push(off..last.end);
        } else {
            // One part short of the count: the "et" that opens a new
            // noun phrase ("… de crise et l’inclusion par le logement et
            // l’emploi": the first, before "l’inclusion").
            let short_by_one = declared.is_some_and(|n| n == parts.len() + 2);
            let determiner = |rest: &str| {
                [
                    "le ", "la ", "les ", "l’", "l'", "un ", "une ", "des ", "du ", "d’", "leur ",
                    "leurs ",
                ]
                .iter()
                .any(|d| rest.starts_with(d))
            };
            // (Not an "et" that joins two complements of the last item,
            // "… dans les maisons de santé du Saumurois et du Choletais",
            // when the items themselves do not start so: "de la
            // prévention, de l’accès et de l’insertion" do.)
            let preposition = |rest: &str| {
                [
                    "du ", "de ", "d’", "d'", "des ", "à ", "au ", "aux ", "en ", "dans ", "pour ",
                    "sur ",
                ]
                .iter()
                .find(|p| rest.starts_with(*p))
                .copied()
            };
            let first_part = parts
                .first()
                .map(|r| body[r.clone()].trim_start())
                .unwrap_or("");
            let complement = |e: usize| {
                preposition(&s[e + 4..]).is_some_and(|p| {
                    let p = if p == "d'" { "d’" } else { p };
                    !first_part.starts_with(p)
                        && !(p == "de "
                            && (first_part.starts_with("d’") || first_part.starts_with("des ")))
                })
            };
            let cut = if short_by_one {
                s.match_indices(" et ")
                    .map(|(e, _)| e)
                    .find(|&e| determiner(&s[e + 4..]))
                    .or_else(|| s.rfind(" et "))
            } else {
                s.rmatch_indices(" et ")
                    .map(|(e, _)| e)
                    .find(|&e| !complement(e))
            };
            // (Not inside parentheses: "a (x et y)"; a closed marker
            // before it is none: "(3) la réponse à la crise et (4) …".)
            let open_paren = |h: &str| h.matches('(').count() > h.matches(')').count();
            match cut {
                Some(e) if sep == ',' && !complete && !parts.is_empty() && !open_paren(&s[..e]) => {
                    parts.push(last.start..last.start + e);
                    parts.push(last.start + e + 4..last.end);
                }
                _ => parts.push(last),
            }
        }
    }
    parts
        .into_iter()
        .filter_map(|r| {
            let s = &body[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
        })
        .collect()
}

/// A flattened table of contents: section numbers inside a line ("4.3.
/// Les axes de travail … 59 4.3.1. Développer … 59 4.3.2. Consolider …").
/// The entries under one whose title names a kind ("Les axes de travail",
/// "Thématiques prioritaires") are its items.
fn toc_lists(doc: &NormDoc, t: &Tokens, drafts: &mut Vec<Draft>) {
    let _ = t;
    // Entries: (number, title range) in text order.
    let mut entries: Vec<(Vec<u32>, Range<usize>)> = Vec::new();
    // Entries without leaders (the last one, cut by the page): kept only
    // when they go on with the numbering of the entry before them.
    let mut tentative: Vec<usize> = Vec::new();
    let text = &doc.text;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || matches!(bytes[i - 1], b' ' | b'\n');
        if at_word_start && bytes[i].is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            let num = &text[i..j];
            let parts: Vec<u32> = num
                .trim_end_matches('.')
                .split('.')
                .filter_map(|p| p.parse().ok())
                .collect();
            let dotted = num.ends_with('.') && num.len() >= 2;
            if dotted
                && !parts.is_empty()
                && parts.len() <= 4
                && parts.iter().all(|&p| p < 50)
                && bytes.get(j) == Some(&b' ')
            {
                // The title runs to the leaders.
                let rest = &text[j..];
                let line_end = rest.find('\n').unwrap_or(rest.len());
                let seg = &rest[..line_end];
                if let Some(lead) = seg.find("...").or_else(|| seg.find('…')) {
                    let title = j + 1..j + lead;
                    entries.push((parts, title));
                    i = j + lead;
                    continue;
                }
                // No leaders: up to the end of the line.
                if !seg.trim().is_empty() && parts.len() >= 2 {
                    tentative.push(entries.len());
                    entries.push((parts, j + 1..j + line_end));
                    i = j + line_end;
                    continue;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    // A tentative entry stays when the entry before it is its previous
    // sibling ("4.4.2." then "4.4.3.").
    let keep: Vec<bool> = (0..entries.len())
        .map(|n| {
            if !tentative.contains(&n) {
                return true;
            }
            let (num, _) = &entries[n];
            n > 0 && {
                let (prev, _) = &entries[n - 1];
                prev.len() == num.len()
                    && prev[..num.len() - 1] == num[..num.len() - 1]
                    && prev.last().map(|x| x + 1) == num.last().copied()
            }
        })
        .collect();
    let entries: Vec<(Vec<u32>, Range<usize>)> = entries
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect();
    // Children of an entry whose own title names a kind.
    for (n, (num, title)) in entries.iter().enumerate() {
        let tk = key(&text[title.clone()]);
        let words: Vec<&str> = tk.split(' ').collect();
        let Some(kind) = words.iter().take(4).find_map(|w| kind_word(w)) else {
            continue;
        };
        let mut items = Vec::new();
        for (c, (cnum, ctitle)) in entries.iter().enumerate().skip(n + 1) {
            if cnum.len() <= num.len() || cnum[..num.len()] != num[..] {
                break;
            }
            if cnum.len() != num.len() + 1 {
                continue;
            }
            let ct = &text[ctitle.clone()];
            // A child that is itself a section about a kind ("Orientations
            // et axes stratégiques en détail") is no item.
            if key(ct)
                .split(' ')
                .take(3)
                .any(|w| kind_word(w).is_some() && w.ends_with('s'))
            {
                continue;
            }
            if let Some(it) = items::item_at(
                doc,
                ctitle.start,
                ct,
                ctitle.clone(),
                Some(format!(
                    "{}.",
                    cnum.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(".")
                )),
                format!("x/{c}"),
                kind,
            ) {
                items.push(it);
            }
        }
        if !items.is_empty() {
            drafts.push(Draft {
                kind,
                title: Some(title.clone()),
                start: title.start,
                items,
            });
        }
    }
    // A last entry cut by the page ("1 4.4.3. L’organisation du
    // dispositif"): taken when it continues a found list's numbering.
    if let Some(d) = drafts.last_mut() {
        let _ = d;
    }
}

/// Rows of fiche-action tables flattened as text ("| Fiche | Action 3.1 –
/// Créer … |"): the title cell is an action.
fn fiche_rows(doc: &NormDoc, t: &Tokens, drafts: &mut Vec<Draft>) {
    let _ = t;
    for line in &doc.lines {
        let Some(text) = doc.text.get(line.range.clone()) else {
            continue;
        };
        if !text.starts_with('|') {
            continue;
        }
        let cells: Vec<(usize, &str)> = text
            .match_indices('|')
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| (w[0] + 1, &text[w[0] + 1..w[1]]))
            .collect();
        let [(_, label), (vs, value), ..] = cells.as_slice() else {
            continue;
        };
        let lk = key(label);
        if !matches!(
            lk.as_str(),
            "fiche" | "fiche action" | "action" | "intitule" | "titre"
        ) {
            continue;
        }
        let v = value.trim_start();
        let lead = value.len() - v.len();
        let Some(marker) = crate::normalize::list_marker(v) else {
            continue;
        };
        if !matches!(
            MarkerClass::of(marker),
            MarkerClass::Label(LabelKind::Action)
        ) {
            continue;
        }
        let body = v[marker.len()..].trim();
        let s = line.range.start + vs + lead + (v.len() - v[marker.len()..].trim_start().len());
        if let Some(it) = items::item_at(
            doc,
            s,
            body,
            s..s + body.len(),
            Some(marker.to_string()),
            "x/1".into(),
            ListKind::Actions,
        ) {
            drafts.push(Draft {
                kind: ListKind::Actions,
                title: None,
                start: s,
                items: vec![it],
            });
        }
    }
}

/// The number a table row starts with: "3.1", "12", "FA 1.2", "A4",
/// "Action 2.3", "N° 5" (a cell of its own).
/// A cell that holds an action's code and its title: "A1 – Équipe mobile
/// de pédopsychiatrie", "FA 3 - Former les médecins"; the title without
/// the amounts a narrow gap left in the cell ("… (antenne de
/// Château-Gontier) 52 000").
fn coded_title(cell: &str) -> Option<(&str, &str)> {
    let c = cell.trim();
    // "1.1 Former les professionnels …": a narrow gap after the code.
    let spaced = c
        .split_once(' ')
        .filter(|(code, title)| code.contains('.') && title.starts_with(char::is_uppercase));
    let (code, title) = c
        .split_once(" – ")
        .or_else(|| c.split_once(" - "))
        .filter(|(code, _)| row_number(code))
        .or(spaced)?;
    if !row_number(code) {
        return None;
    }
    let mut title = title.trim();
    while let Some((head, last)) = title.rsplit_once(' ') {
        if last.chars().all(|d| d.is_ascii_digit()) && head.chars().any(char::is_alphabetic) {
            title = head.trim_end();
        } else {
            break;
        }
    }
    Some((code, title))
}

fn row_number(cell: &str) -> bool {
    let c = cell.trim();
    let c = [
        "Action ", "action ", "FA ", "FA", "Fiche ", "N° ", "N°", "n°",
    ]
    .iter()
    .find_map(|p| c.strip_prefix(p))
    .unwrap_or(c);
    let c = c
        .strip_prefix(|ch: char| ch.is_ascii_uppercase())
        .filter(|r| r.starts_with(|d: char| d.is_ascii_digit()))
        .unwrap_or(c);
    !c.is_empty()
        && c.len() <= 8
        && c.starts_with(|d: char| d.is_ascii_digit())
        && c.chars().all(|d| d.is_ascii_digit() || d == '.')
}

/// Rows of a table of actions laid out with spaces (cells apart by a tab
/// in the normalized text): "3.1 ⇥ Créer une plateforme … ⇥ CHS La
/// Chartreuse ⇥ 2023 ⇥ 310 k€/an", "FA 1.2 ⇥ Déployer VigilanS dans
/// l’Aisne ⇥ EPSMD ⇥ Réalisée", under a header row that names actions
/// ("N° ⇥ Intitulé de l’action ⇥ Porteur(s)", "N° ⇥ Fiche action ⇥
/// Pilote"): two rows or more, each a number then a title. Axis headings
/// among the rows ("AXE 3 – ACCOMPAGNER …") are items of the block tree.
fn table_rows(doc: &NormDoc, drafts: &mut Vec<Draft>) {
    let mut rows: Vec<Item> = Vec::new();
    let mut start = None;
    let mut header = false;
    let flush = |rows: &mut Vec<Item>, start: &mut Option<usize>, drafts: &mut Vec<Draft>| {
        if rows.len() >= 2 {
            drafts.push(Draft {
                kind: ListKind::Actions,
                title: None,
                start: start.unwrap_or(0),
                items: std::mem::take(rows),
            });
        }
        rows.clear();
        *start = None;
    };
    for line in &doc.lines {
        let Some(text) = doc.text.get(line.range.clone()) else {
            continue;
        };
        let cells: Vec<&str> = text.split('\t').collect();
        // A row: its number, then its title in the next cell; or both in
        // the first cell ("A1 – Équipe mobile … ⇥ 140 000 ⇥ …").
        let row = (header && cells.len() >= 3 && row_number(cells[0]))
            .then(|| (cells[0].trim(), cells[1]))
            .or_else(|| {
                // A coded row whose figures went to the next line ("A7 –
                // Équipe mobile … de Laval" / "Agglomération ⇥ 95 000 ⇥ …").
                (header && (cells.len() >= 3 || cells.len() == 1))
                    .then(|| coded_title(cells[0]))
                    .flatten()
            })
            .filter(|(_, title)| {
                title.split_whitespace().nth(1).is_some() && title.starts_with(char::is_alphabetic)
            });
        if let Some((code, title)) = row {
            let off = line.range.start + (title.as_ptr() as usize - text.as_ptr() as usize);
            let marker = Some(code.to_string());
            if let Some(mut it) = items::item_at(
                doc,
                off,
                title,
                off..off + title.len(),
                marker,
                "x/1".into(),
                ListKind::Actions,
            ) {
                it.number = items::marker_number(code);
                start.get_or_insert(line.range.start);
                rows.push(it);
            }
            continue;
        }
        // The rest of a row's title, then its figures.
        let figures = |c: &&str| {
            let c = c.trim();
            !c.is_empty()
                && c.chars()
                    .all(|d| d.is_ascii_digit() || matches!(d, ' ' | ',' | '.' | '€' | '%'))
        };
        if header && !rows.is_empty() && cells.len() >= 3 && cells[1..].iter().all(figures) {
            continue;
        }
        if cells.len() >= 3 {
            // A header row: its cells name an action's fields.
            let k = key(text);
            header = k.split(' ').any(|w| {
                matches!(
                    w,
                    "intitule" | "action" | "actions" | "fiche" | "mesure" | "objectif"
                )
            });
            if !header {
                flush(&mut rows, &mut start, drafts);
            }
            continue;
        }
        // An axis heading or a short line inside the table is passed; a
        // paragraph ends it.
        if text.split_whitespace().nth(12).is_some() {
            flush(&mut rows, &mut start, drafts);
            header = false;
        }
    }
    flush(&mut rows, &mut start, drafts);
}

/// The first column of a table written with pipes ("| Action du CTSM |
/// Porteur | Microrégion |" over "|---|---|---|" and one row per action),
/// when its header names a kind: its cells are that kind's items.
fn pipe_table_rows(doc: &NormDoc, drafts: &mut Vec<Draft>) {
    let mut kind: Option<ListKind> = None;
    let mut rows: Vec<Item> = Vec::new();
    let mut start = 0;
    // The header is a column header only when the separator row follows it
    // ("| Fiche | Action 3.1 – … |" heads a fiche's label/value rows).
    let mut separated = false;
    let flush = |kind: &mut Option<ListKind>,
                 rows: &mut Vec<Item>,
                 start: usize,
                 drafts: &mut Vec<Draft>| {
        if let Some(k) = kind.take() {
            if rows.len() >= 2 {
                drafts.push(Draft {
                    kind: k,
                    title: None,
                    start,
                    items: std::mem::take(rows),
                });
            }
        }
        rows.clear();
    };
    for line in &doc.lines {
        let Some(text) = doc.text.get(line.range.clone()) else {
            continue;
        };
        let t = text.trim_start();
        // (Or written without the outer bars: "Action | Pilote |
        // Participation du Département", three cells or more.)
        let bare = !t.starts_with('|') && t.matches(" | ").count() >= 2;
        if !bare && (!t.starts_with('|') || t.matches('|').count() < 3) {
            flush(&mut kind, &mut rows, start, drafts);
            continue;
        }
        // The separator under the header.
        if t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '+'))
        {
            separated = rows.is_empty();
            continue;
        }
        if kind.is_some() && !separated {
            kind = None;
        }
        let first = if bare {
            t.split(" | ").next().unwrap_or("")
        } else {
            t[1..].split('|').next().unwrap_or("")
        };
        let cell = first.trim();
        if kind.is_none() {
            // A header: a kind's word in its first cell ("Action du CTSM",
            // "Axes", "Fiche action").
            kind = key(cell).split(' ').take(3).find_map(kind_word);
            start = line.range.start;
            // (Without bars nor a separator row, a header of short titles
            // only: "Fiche | Action 3.1 – Créer …" is a fiche's row.)
            separated = bare
                && t.split(" | ")
                    .all(|c| c.split_whitespace().nth(4).is_none());
            continue;
        }
        // (A number that marks the row: "| 1. Promouvoir la santé mentale
        // … | 6 | …".)
        let digits = cell.bytes().take_while(u8::is_ascii_digit).count();
        let cell = match cell[digits..].strip_prefix(['.', ')']) {
            Some(rest) if (1..=2).contains(&digits) && rest.starts_with(' ') => rest.trim_start(),
            _ => cell,
        };
        if cell.split_whitespace().nth(1).is_none() || !cell.starts_with(char::is_alphabetic) {
            continue;
        }
        let off = line.range.start + (cell.as_ptr() as usize - text.as_ptr() as usize);
        if let Some(it) = items::item_at(
            doc,
            off,
            cell,
            off..off + cell.len(),
            None,
            "x/1".into(),
            kind.unwrap_or(ListKind::Actions),
        ) {
            rows.push(it);
        }
    }
    flush(&mut kind, &mut rows, start, drafts);
}

/// Whether most items (two or more, at least two thirds) start with a
/// noun or an infinitive of doing: an unannounced list of actions.
/// The kind the paragraphs right after a list give its items when they
/// take them up again: "Ces actions …", "Ces quatre actions …", "Ces axes
/// …" at the start of one of the next three lines (a quote may come
/// between).
fn named_after(t: &Tokens, end: usize) -> Option<ListKind> {
    let mut i = t.at_byte(end);
    for _ in 0..3 {
        while i < t.len() && !t.is_word(i) {
            i += 1;
        }
        if i >= t.len() {
            return None;
        }
        if t.key(i) == "ces" && t.line_start(i) == i {
            let mut j = i + 1;
            if super::numbers::is_number_word(t.key(j))
                || (!t.key(j).is_empty() && t.key(j).bytes().all(|b| b.is_ascii_digit()))
            {
                j += 1;
            }
            return kind_word(t.key(j)).filter(|_| t.is_word(j));
        }
        i = t.line_end(i) + 1;
    }
    None
}

fn action_items(t: &Tokens, ranges: &[Range<usize>]) -> bool {
    if ranges.len() < 2 {
        return false;
    }
    let doing = |k: &str| {
        matches!(
            k,
            "creation"
                | "ouverture"
                | "mise"
                | "deploiement"
                | "developpement"
                | "renforcement"
                | "extension"
                | "generalisation"
                | "installation"
                | "lancement"
                | "recrutement"
                | "structuration"
                | "elaboration"
                | "amelioration"
                | "organisation"
                | "formation"
                | "soutien"
                | "accompagnement"
                | "creer"
                | "ouvrir"
                | "mettre"
                | "deployer"
                | "developper"
                | "renforcer"
                | "etendre"
                | "generaliser"
                | "installer"
                | "lancer"
                | "recruter"
                | "structurer"
                | "elaborer"
                | "ameliorer"
                | "organiser"
                | "former"
                | "soutenir"
                | "accompagner"
                | "favoriser"
                | "faciliter"
                | "promouvoir"
                | "prevenir"
                | "lutter"
                | "reduire"
                | "garantir"
                | "assurer"
                | "informer"
                | "sensibiliser"
                | "coordonner"
                | "associer"
                | "proposer"
                | "diffuser"
        )
    };
    let n = ranges
        .iter()
        .filter(|r| {
            let a = t.at_byte(r.start);
            (a..t.at_byte(r.end))
                .find(|&q| t.is_word(q))
                .is_some_and(|q| doing(t.key(q)))
        })
        .count();
    n * 3 >= ranges.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Parmi ses réalisations : a, b, c et d": what the PTSM achieved are
    /// its actions.
    #[test]
    fn achievements_are_actions() {
        let text = "Le premier PTSM comptait 32 fiches actions. Parmi ses réalisations : \
                    l’équipe mobile de psychiatrie de la personne âgée, le centre de \
                    réhabilitation psychosociale, le dispositif VigilanS et la formation de \
                    600 personnes.\n";
        let doc = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .document;
        let kinds: Vec<(ListKind, usize)> =
            doc.lists.iter().map(|l| (l.kind, l.items.len())).collect();
        assert_eq!(kinds, [(ListKind::Actions, 4)]);
    }

    /// "Actions phares : a ; b" under each priority names some of the
    /// document's actions, one or more.
    #[test]
    fn headline_actions_after_a_label() {
        let text = "\
Le PTSM s’organise en 2 priorités et 12 actions.

Priorité 1 : Prévenir et repérer dès l’enfance
Actions phares : consultations de pédopsychiatrie dans les PMI ; formation des enseignants
Priorité 2 : Accompagner les familles
Action phare : groupes de parole pour parents
";
        let doc = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .document;
        let actions: Vec<&str> = doc
            .lists
            .iter()
            .filter(|l| l.kind == ListKind::Actions)
            .flat_map(|l| &l.items)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "consultations de pédopsychiatrie dans les PMI",
                "formation des enseignants",
                "groupes de parole pour parents"
            ]
        );
    }

    /// An annex that lists the axes again, each with its actions: the
    /// actions are listed, under their axes, though the axes were listed
    /// before.
    #[test]
    fn axes_repeated_with_their_actions() {
        let text = "\
Contrat territorial de santé mentale du Gers

Article 2 – Le contrat met en œuvre les axes du PTSM :
1° Agir précocement auprès des jeunes ;
2° Garantir l’accès aux soins.

ANNEXE – LISTE DES ACTIONS
Axe 1 – Agir précocement auprès des jeunes
    Action 1.1 – Déployer les premiers secours en santé mentale
    Action 1.2 – Ouvrir une consultation jeunes adultes
Axe 2 – Garantir l’accès aux soins
    Action 2.1 – Réduire les délais d’accès aux CMP
";
        let doc = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .document;
        let actions: Vec<&str> = doc
            .lists
            .iter()
            .flat_map(|l| &l.items)
            .flat_map(|i| &i.sub_items)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "Déployer les premiers secours en santé mentale",
                "Ouvrir une consultation jeunes adultes",
                "Réduire les délais d’accès aux CMP"
            ]
        );
    }

    #[test]
    fn decree_priorities_whatever_their_wording() {
        assert_eq!(
            decree_priority("le repérage précoce des troubles psychiques, l’accès au diagnostic"),
            Some(1)
        );
        assert_eq!(
            decree_priority("Des parcours de santé et de vie sans rupture et de qualité"),
            Some(2)
        );
        assert_eq!(decree_priority("l’accès aux soins somatiques"), Some(3));
        assert_eq!(
            decree_priority("la prévention et la gestion des crises et des situations d’urgence"),
            Some(4)
        );
        assert_eq!(
            decree_priority("…renforcer le pouvoir de décider et d’agir"),
            Some(5)
        );
        assert_eq!(
            decree_priority("Acon sur les déterminants sociaux"),
            Some(6)
        );
        assert_eq!(decree_priority("Animation du réseau régional"), None);
    }

    #[test]
    fn enumerations_split_at_commas_and_the_last_et() {
        let s = "enfants (0-15 ans), adolescents et jeunes adultes (15-25 ans), adultes, personnes âgées";
        let parts: Vec<&str> = split_enumeration(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            parts,
            [
                "enfants (0-15 ans)",
                "adolescents et jeunes adultes (15-25 ans)",
                "adultes",
                "personnes âgées"
            ]
        );
        let s = "Grand Nancy, Lunévillois et Pays-Haut";
        let parts: Vec<&str> = split_enumeration(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Grand Nancy", "Lunévillois", "Pays-Haut"]);
    }

    fn lists_of(text: &str) -> Vec<(ListKind, Vec<String>)> {
        let raw = crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = crate::normalize::normalize(&raw);
        let tree = crate::segment::segment(&doc);
        let t = Tokens::new(&doc.text);
        extract(
            &doc,
            &t,
            &Territories::default(),
            loose(&doc, &tree, &t),
            &mut Vec::new(),
        )
        .into_iter()
        .map(|l| (l.kind, l.items.into_iter().map(|i| i.text).collect()))
        .collect()
    }

    /// Lists a sentence gives without a colon after its noun: an adjective
    /// between the count and the noun, "(1)" markers, the items in the
    /// next sentence after a pronoun, the headline actions "figurent" after
    /// "Parmi les …" (noun phrases only), a paragraph that counts the
    /// bullets after it, a table's numbered rows, and a qualifying part
    /// kept with its item.
    #[test]
    fn enumerations_without_a_colon_after_their_noun() {
        let texts = [
            ("Titre\n\nLe PTSM s’articule autour de trois grandes thématiques : la santé mentale des jeunes, le vieillissement de la population et les conduites addictives.\n", ListKind::Thematiques, 3),
            ("Titre\n\nLe PTSM repose sur quatre axes : (1) la prévention et le repérage précoce, (2) l’accès aux soins, (3) la réponse à la crise et (4) l’inclusion sociale.\n", ListKind::Axes, 4),
            ("Titre\n\nCinq priorités ont été retenues. Elles portent sur le repérage précoce chez les enfants et les adolescents, l’accès aux soins, la prévention du suicide en milieu agricole, le logement accompagné et le soutien aux familles et aux aidants.\n", ListKind::Priorites, 5),
            ("Titre\n\nParmi les actions phares figurent l’extension de l’équipe mobile, la création d’une maison des adolescents et le déploiement du dispositif VigilanS.\n", ListKind::Actions, 3),
            ("Titre\n\nLe PTSM s’appuie sur trois groupes de travail thématiques, ouverts à tous.\n\n→ Périnatalité et petite enfance\n→ Enfants et adolescents\n→ Vieillissement et santé mentale\n\nChaque groupe se réunit.\n", ListKind::Groupes, 3),
            ("Titre\n\n| Axe | Nombre d’actions |\n|---|---|\n| 1. Promouvoir la santé mentale | 6 |\n| 2. Améliorer l’accès aux soins | 7 |\n| Total | 13 |\n", ListKind::Axes, 2),
            ("Titre\n\nLe document s’articule autour de trois priorités : la prévention du suicide, notamment chez les jeunes, l’accès aux soins somatiques et la réhabilitation psychosociale.\n", ListKind::Priorites, 3),
            ("Titre\n\nLe coordonnateur a présenté les principales avancées, notamment : le déploiement de l’équipe mobile, l’ouverture d’une consultation, ou encore la formation de 90 sentinelles.\n", ListKind::Actions, 3),
            ("Titre\n\nSur les 34 actions, 21 sont engagées. Parmi les avancées :\n\n• l’ouverture d’un centre de crise\n• l’installation d’une équipe mobile\n• la formation de sentinelles\n", ListKind::Actions, 3),
            ("Titre\n\nCes axes sont déclinés en 32 actions, dont la création d’une équipe mobile de crise, le renforcement de la pédopsychiatrie et l’ouverture d’un GEM.\n", ListKind::Actions, 3),
            // "et" between two complements of the last item is no separator.
            ("Titre\n\nParmi les réalisations mises en avant : la création d’une équipe mobile, l’ouverture d’un centre à Angers et la mise en place de permanences dans les maisons de santé du Saumurois et du Choletais.\n", ListKind::Actions, 3),
            ("Titre\n\nQuatre groupes de travail se réuniront jusqu’en décembre : périnatalité et enfance ; adolescents et jeunes adultes ; adultes et personnes âgées ; précarité et justice.\n", ListKind::Groupes, 4),
            ("Titre\n\nLe PTSM compte 32 fiches actions. Le Département en pilote ou en copilote trois, en lien direct avec ses missions d’action sociale, de protection de l’enfance et d’autonomie :\n\n• Former les professionnels\n• Développer l’accès au logement\n• Soutenir les aidants\n", ListKind::Actions, 3),
        ];
        for (text, kind, n) in texts {
            let got = lists_of(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!((got[0].0, got[0].1.len()), (kind, n), "{text}: {got:?}");
            assert!(
                !got[0]
                    .1
                    .iter()
                    .any(|i| i.starts_with('(') || i.starts_with("1.")),
                "{got:?}"
            );
        }
        // Clauses between commas are no items; places counted last are
        // no kind.
        for text in [
            "Titre\n\nParmi les actions figurent l’ouverture d’un centre de crise, à Saint-Claude, la création d’une équipe mobile, où aucun psychiatre n’exerce, et le renforcement de la liaison.\n",
            "Titre\n\nParmi les premières actions : l’ouverture d’un centre de crise, la création d’une équipe mobile et le renforcement de la liaison.\n",
            "Titre\n\nParmi les réussites : l’ouverture d’un centre de crise, la création d’une équipe mobile et le renforcement de la liaison.\n",
            "Titre\n\nLe PTSM compte 22 actions réparties en trois axes. Il est animé sur les trois bassins du département :\n• Chambéry\n• Maurienne\n• Tarentaise\n",
            "Titre\n\nAu programme de la journée :\n► 9h00 – Accueil café\n► 9h30 – Ouverture des travaux\n► 14 h : Ateliers\n",
            "Titre\n\nLe PTSM compte 32 actions, dont 4 engagées, 10 en cours et 18 à venir.\n",
        ] {
            assert_eq!(lists_of(text), [], "{text}");
        }
    }

    /// A part of the kind named before ("trois d’entre elles :"), what a
    /// contract provides or a party commits to, the kind named again before
    /// a copula, and a site's "»" bullets.
    #[test]
    fn parts_commitments_copulas_and_guillemet_bullets() {
        let got = lists_of(
            "Le CLSM et le PTSM\n\nLe PTSM du Jura comprend 18 fiches actions. Le CLSM participe à \
             son comité de pilotage et porte, sur le bassin dolois, deux d’entre elles :\n\
             → la formation des agents d’accueil des mairies\n→ la gestion des situations \
             complexes dans le logement social\n\nLa suite.\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 2));
        let got = lists_of(
            "Nos engagements dans le CTSM\n\n» Former les équipes d’évaluation au handicap \
             psychique\n» Réduire les délais de traitement des demandes\n» Mieux informer les \
             familles sur leurs droits\n\nLa suite.\n",
        );
        assert_eq!(
            (got[0].0, got[0].1.len()),
            (ListKind::Actions, 3),
            "{got:?}"
        );
        let got = lists_of(
            "Ce que prévoit le contrat\n\n– Un numéro unique d’orientation\n– Deux équipes \
             mobiles de psychiatrie\n– Des consultations avancées\n\nLa suite.\n",
        );
        assert_eq!(
            (got[0].0, got[0].1.len()),
            (ListKind::Actions, 3),
            "{got:?}"
        );
        let got = lists_of(
            "Considérant que le projet comporte 3 orientations et 12 actions ; que ces \
             orientations sont : la prévention ; l’accès aux soins ; l’inclusion sociale ;\n",
        );
        assert_eq!(
            got.iter()
                .find(|l| l.0 == ListKind::Orientations)
                .map(|l| l.1.len()),
            Some(3),
            "{got:?}"
        );
    }

    /// Counted groups named after a colon past an acronym in parentheses;
    /// not past a comma.
    #[test]
    fn counted_groups_after_an_acronym_and_not_past_a_comma() {
        let got = lists_of("Tous ont participé aux cinq groupes de travail du projet territorial de santé mentale (PTSM) de l'Indre : enfance et adolescence, adultes, personnes âgées, précarité-exclusion, addictions.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Groupes, 5));
        let got = lists_of("Le diagnostic repose sur quatre groupes de travail, ainsi que des entretiens dans chacun des territoires du département : Lunel, Biterrois, Thau, Cœur d’Hérault.\n");
        assert!(got.iter().all(|l| l.0 != ListKind::Groupes), "{got:?}");
    }

    /// The kind named nearest the colon, counted or after a conjunction;
    /// longer comma items when as many as the count; a PTSM's own
    /// "Thématiques prioritaires" (not a sheet's tags).
    #[test]
    fn the_kind_nearest_the_colon_long_counted_items_and_own_themes() {
        let got = lists_of("Il comprend 14 fiches actions et trois priorités : l’accès aux soins psychiatriques au plus près des lieux de vie, la prévention du suicide chez les jeunes et les agriculteurs, et le soutien aux aidants. La suite.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Priorites, 3));
        let got = lists_of("Dans l’Oise, le contrat retient 18 actions réparties en trois orientations : prévention et repérage précoce, parcours sans rupture, inclusion et citoyenneté.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, ListKind::Orientations);
        assert_eq!(got[0].1[2], "inclusion et citoyenneté");
        let got = lists_of("Arrêté le 15/10/2020\nThématiques prioritaires : périnatalité et petite enfance ; santé mentale des jeunes ; gestion de la crise ; logement et inclusion.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Thematiques, 4));
        // A sheet's tags stay tags.
        let got = lists_of(
            "Porteur : CH de Montfavet\nThématiques : Santé mentale ; Précarité ; Jeunes\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    /// Counted groups parted by slashes after a far colon; a table of
    /// actions written with bars but no outer ones.
    #[test]
    fn slashed_groups_and_bare_bar_tables() {
        let got = lists_of("Ils rejoindront l’un des quatre groupes de travail constitués pour les douze prochains mois : périnatalité et petite enfance / enfants et adolescents / crise et urgences / addictions.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Groupes, 4));
        let got = lists_of("Le Département porte cinq actions.\n\nAction | Pilote | Participation du Département\nÉquipe mobile enfance-famille pour les enfants confiés | CH du Pays d’Eygurande | 120 000 €/an\nConsultations de psychologues dans les maisons du Département | Département | 85 000 €/an\nPremiers secours en santé mentale pour les travailleurs sociaux | Département | 18 500 €\n\nSoit 223 500 €.\n");
        assert!(
            got.iter()
                .any(|l| l.0 == ListKind::Actions && l.1.len() == 3),
            "{got:?}"
        );
        // A fiche's row is no header.
        let got = lists_of("Fiche | Action 3.1 – Créer une équipe mobile de crise pour le territoire | Pilote\nPilote | CH de Laval | 2024\nPartenaires | GEM, UNAFAM | 2025\n");
        assert!(got.is_empty(), "{got:?}");
    }

    /// Counted groups in a parenthesis, parted by semicolons.
    #[test]
    fn counted_groups_in_a_parenthesis_with_semicolons() {
        let got = lists_of(
            "Les quatre groupes thématiques (enfants et adolescents ; crise et urgences ; \
             réhabilitation, logement et emploi ; personnes âgées) ont présenté leurs travaux.\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, ListKind::Groupes);
        assert_eq!(got[0].1[2], "réhabilitation, logement et emploi");
    }

    #[test]
    fn pronouns_plans_and_lettered_numbers_announce_lists() {
        // A pronoun stands for the last kind of the sentence before.
        let got = lists_of(
            "Le PTSM du Val-d'Oise\n\nIl décline six priorités en 28 actions. Parmi elles :\n\
             - Un centre d'accueil et de crise à Gonesse\n- Le doublement des appartements \
             thérapeutiques\n- Une formation des policiers municipaux\n\nLa suite.\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        // The first column of a pipe table whose header names a kind; not
        // a fiche's label/value rows.
        let got = lists_of(
            "Trois actions portées par la Fondation\n\n| Action du CTSM | Porteur | Microrégion \
             |\n|----------|------|------|\n| Résidence accueil pour personnes | SAMSAH | Sud |\n\
             | Job coaching et emploi accompagné | ESAT | Ouest |\n| Répit pour les aidants | \
             Plateforme | Est |\n\nLa suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        let got = lists_of(
            "| Fiche | Action 3.1 – Créer une plateforme |\n| Objectif général | Rendre la \
             réhabilitation accessible |\n| Pilote(s) | Centre psychothérapique de l’Ain |\n",
        );
        assert!(
            got.iter()
                .all(|l| l.1.iter().all(|i| i != "Objectif général")),
            "{got:?}"
        );
        // "> Fiche 1.2 :" under an axis.
        let got = lists_of(
            "Le PTSM compte 2 axes :\nAxe 1 – Prévenir et repérer\n   > Fiche 1.2 : Déployer \
             VigilanS\n   > Fiche 1.5 : Créer un réseau périnatalité\nAxe 2 – Organiser les \
             parcours\n   > Fiche 2.1 : Mettre en place une équipe mobile\n\nLa suite.\n",
        );
        assert_eq!(got[0].1.len(), 2);
        // Inline numbered items after a counted noun.
        let got = lists_of(
            "Le document s'articule autour de quatre axes : 1) prévenir et repérer ; 2) \
             organiser la réponse à la crise ; 3) développer la pair-aidance ; 4) favoriser le \
             logement. Ces axes se déclinent en 31 actions.\n",
        );
        assert_eq!(
            got[0].1,
            [
                "prévenir et repérer",
                "organiser la réponse à la crise",
                "développer la pair-aidance",
                "favoriser le logement"
            ]
        );
        // A superlative stands for the kind before.
        let got = lists_of(
            "Le PTSM prévoit 41 actions, regroupées en six axes. Les plus attendues concernent \
             les territoires éloignés :\n• une équipe mobile dans le Biterrois ;\n• une équipe \
             mobile rurale ;\n• une équipe mobile sur le bassin de Thau.\n\nLa suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        // A label right after a bullet: "▶ Action 4 – …".
        let got = lists_of(
            "Parmi les avancées de l’année :\n▶ Action 4 – Déployer les premiers secours\n\
             ▶ Action 11 – Créer une équipe mobile\n▶ Action 19 – Organiser un accueil de \
             crise\n\nLa suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        // An object pronoun.
        let got = lists_of(
            "Le décret fixe six priorités à tout projet. Les acteurs réunionnais les ont \
             traduites de la façon suivante :\n– Repérer tôt : dès la maternité ;\n– Soigner \
             sans rupture : de l’hôpital au domicile ;\n– Répondre à la crise : partout.\n\nLa \
             suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Priorites, 3));
        // "en" and a number: a share of the kind before; "1 -" markers
        // under "sujets".
        let got = lists_of(
            "Le contrat comprend 18 fiches actions. Le Département en pilote ou co-pilote \
             quatre :\n- Fiche 3 – Soutenir les familles d’accueil\n- Fiche 7 – Favoriser le \
             logement\n- Fiche 11 – Former les travailleurs sociaux\n\nLa suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        let got = lists_of(
            "Les participants ont identifié trois sujets à traiter :\n1 - la régulation des \
             urgences ;\n2 - la prévention du suicide ;\n3 - la formation des professionnels.\n\
             \nLa suite.\n",
        );
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Thematiques, 3));
        // What is planned is the actions.
        let got = lists_of(
            "Le PTSM de Guadeloupe\n\nCe qui est prévu d'ici 2025\n• une équipe mobile à \
             Marie-Galante\n• un lieu d'accueil pour adolescents\n• la formation de 300 \
             professionnels\n\nLa suite.\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, got[0].1.len()), (ListKind::Actions, 3));
        // "OBJECTIF STRATÉGIQUE A." over "A.1.", "A.2." items; "1-" items.
        let got = lists_of(
            "Le contrat retient 2 objectifs stratégiques, déclinés en 3 actions.\n\
             OBJECTIF STRATÉGIQUE A. Mieux repérer et intervenir plus tôt\n\
             A.1. Former les médecins généralistes au repérage\n\
             A.2. Créer une équipe mobile pour adolescents\n\
             OBJECTIF STRATÉGIQUE B. Garantir des parcours sans rupture\n\
             B.1. Ouvrir une unité d’accueil de crise de 8 lits\n\nLa suite.\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].1,
            [
                "Mieux repérer et intervenir plus tôt",
                "Garantir des parcours sans rupture"
            ]
        );
        let got = lists_of(
            "Les ateliers ont approfondi les priorités pour 2024 :\n1- Repérage précoce chez \
             l’enfant\n2- Accès aux soins somatiques\n3- Logement d’abord\n\nLa suite.\n",
        );
        assert_eq!(
            got[0].1,
            [
                "Repérage précoce chez l’enfant",
                "Accès aux soins somatiques",
                "Logement d’abord"
            ]
        );
    }

    #[test]
    fn a_list_named_by_the_paragraph_after_it() {
        let text = "Ce qui démarre cette année\n\
            → des consultations de médecine générale réservées aux patients suivis en CMP\n\
            → un bilan de santé somatique annuel\n\
            → un annuaire partagé des ressources\n\n\
            « On ne peut pas rester spectateurs », explique la présidente.\n\n\
            Ces actions bénéficient d’un financement de 18 000 €.\n";
        let got = lists_of(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ListKind::Actions);
        assert_eq!(got[0].1.len(), 3);
        // Without it, nothing says what the items are.
        let bare = text.replace("Ces actions bénéficient", "Elles bénéficient");
        assert!(lists_of(&bare).is_empty());
    }

    #[test]
    fn a_fiches_decree_priorities_by_their_numbers() {
        let got = lists_of(
            "Intitulé\nDéployer l’emploi accompagné\n\nPriorité(s) du décret n° 2017-1200\n\
             P2 – Parcours de santé et de vie sans rupture\n\
             P6 – Déterminants sociaux, environnementaux et territoriaux\n\nContexte\nLe taux.\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ListKind::Priorites);
        assert_eq!(
            got[0].1,
            [
                "Parcours de santé et de vie sans rupture",
                "Déterminants sociaux, environnementaux et territoriaux"
            ]
        );
    }

    #[test]
    fn enumerations_announced_by_a_participle_of_choosing() {
        let got = lists_of("Le PTSM du Cher\n\nQuatre thématiques ont été retenues : la périnatalité, l'adolescence, la précarité et le vieillissement.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ListKind::Thematiques);
        assert_eq!(got[0].1.len(), 4);
        let got = lists_of("Le PTSM du Cher\n\nLes groupes de travail étaient les suivants : parentalité, adolescents, personnes âgées et précarité.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ListKind::Groupes);
        assert_eq!(
            got[0].1,
            ["parentalité", "adolescents", "personnes âgées", "précarité"]
        );
        // A sentence that goes on, and a colon past a comma, announce none.
        assert!(
            lists_of("13 actions sont suivies : le Grand Bastia accueille une équipe.\n")
                .is_empty()
        );
        // A label with its article; a count with a few words before its
        // parenthesis.
        let got = lists_of("PTSM du Cher\n\nLes actions prioritaires : créer une équipe mobile ; ouvrir un CMP ; former les médecins.\n");
        assert_eq!(
            got[0].1,
            [
                "créer une équipe mobile",
                "ouvrir un CMP",
                "former les médecins"
            ]
        );
        let got = lists_of("PTSM du Cher\n\nTrois groupes de travail ont été constitués (enfants, adultes, personnes âgées).\n");
        assert_eq!(got[0].0, ListKind::Groupes);
        assert_eq!(got[0].1, ["enfants", "adultes", "personnes âgées"]);
        assert!(lists_of("il s'organise en 5 axes et 42 actions, déclinés sur quatre territoires : le Nord-Ouest Essonne, Grand Paris Sud et le Sud-Essonne.\n")
            .iter()
            .all(|l| l.0 != ListKind::Actions));
    }

    #[test]
    fn a_plan_announced_by_its_verb_in_a_short_text() {
        let got = lists_of("PTSM du Cher\n\nLe PTSM prévoit de :\ncréer une équipe mobile ;\nouvrir un centre de crise ;\nrenforcer les CMP.\n\nTexte suivant.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ListKind::Actions);
        assert_eq!(
            got[0].1,
            [
                "créer une équipe mobile",
                "ouvrir un centre de crise",
                "renforcer les CMP"
            ]
        );
        // A colon that announces no plan: not content.
        assert!(lists_of("PTSM du Cher\n\nIls ont dit :\ncréer une équipe mobile ;\nouvrir un centre de crise ;\nrenforcer les CMP.\n").is_empty());
    }

    #[test]
    fn enumerations_by_semicolons_labels_and_counts() {
        assert_eq!(
            lists_of("Ces acteurs se sont réunis au sein de six groupes de travail : petite enfance et parentalité ; adolescents et jeunes adultes ; adultes ; personnes âgées ; précarité et publics vulnérables ; prévention du suicide."),
            [(ListKind::Groupes, vec!["petite enfance et parentalité".to_string(), "adolescents et jeunes adultes".into(), "adultes".into(), "personnes âgées".into(), "précarité et publics vulnérables".into(), "prévention du suicide".into()])]
        );
        assert_eq!(
            lists_of("Le projet s’articule autour de quatre axes : le repérage précoce, la continuité des parcours, la réponse aux situations de crise et l’inclusion par le logement et l’emploi."),
            [(ListKind::Axes, vec!["le repérage précoce".to_string(), "la continuité des parcours".into(), "la réponse aux situations de crise".into(), "l’inclusion par le logement et l’emploi".into()])]
        );
        // A breakdown by status is no list.
        assert!(lists_of("Le contrat compte 24 fiches-action : 15 en cours, 4 réalisées, 3 en retard et 2 non engagées.").is_empty());
    }

    #[test]
    fn tables_of_actions_and_unannounced_actions() {
        let got = lists_of("N°    Intitulé de l’action    Porteur(s)    Échéance\n3.1    Créer une plateforme de réhabilitation    CHS La Chartreuse    2023\n3.2    Développer l’emploi accompagné    Cap emploi 21    2024\n");
        assert_eq!(
            got,
            [(
                ListKind::Actions,
                vec![
                    "Créer une plateforme de réhabilitation".to_string(),
                    "Développer l’emploi accompagné".into()
                ]
            )]
        );
        let got = lists_of("Ce qui a déjà changé\n• Ouverture d’un centre de crise pour adolescents\n• Création d’une équipe mobile de gérontopsychiatrie\n• Mise en place d’une plateforme téléphonique\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, ListKind::Actions);
        // The code and the title in one cell, a row's figures on the next
        // line.
        let got = lists_of("Action    2021    2022    Total\nA1 – Équipe mobile de pédopsychiatrie    140 000    145 000    285 000\nA4 – Maison des adolescents (antenne de Château-Gontier) 52 000    52 000    104 000\nA7 – Équipe mobile psychiatrie-précarité de Laval\nAgglomération    95 000    97 000    192 000\nA8 – Logement accompagné    40 000    60 000    100 000\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].1,
            [
                "Équipe mobile de pédopsychiatrie",
                "Maison des adolescents (antenne de Château-Gontier)",
                "Équipe mobile psychiatrie-précarité de Laval",
                "Logement accompagné"
            ]
        );
        // A narrow gap after the code: "1.1 Former … ⇥ CH … ⇥ En cours".
        let got = lists_of("FA    Intitulé    Pilote    État\n1.1   Former les professionnels au repérage    CH de l’Estran    En cours\n1.2   Créer une maison des adolescents    Département    Réalisée\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].1,
            [
                "Former les professionnels au repérage",
                "Créer une maison des adolescents"
            ]
        );
        // Items that do nothing stay unlisted when nothing announces them.
        assert!(lists_of("Nos partenaires\n• La mairie\n• Le département\n").is_empty());
        // A list announced by a sentence that names no kind is not typed by
        // its wording, nor is its resumption after an item's own paragraphs
        // and sub-list.
        let got = lists_of("De premières avancées sont déjà en marche dans le département :\n\n• Expérimentation d’une équipe mobile\n\nDepuis janvier, une équipe est déployée sur le département.\n\nElle propose :\n\n– Un accueil\n\n– Une orientation\n\nPour prendre rendez-vous : 03 00 00 00 00\n\n• Favoriser le décloisonnement des acteurs\n\n• Développer les espaces d’échange\n\n• Création d’un dispositif relais\n");
        assert!(got.iter().all(|(k, _)| *k != ListKind::Actions), "{got:?}");
    }

    #[test]
    fn counted_items_in_parentheses_and_the_sentence_before_the_colon() {
        let got = lists_of("Cinq groupes de travail (enfance-adolescence, adultes, personnes âgées, précarité, handicap psychique) ont réuni 180 participants.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, ListKind::Groupes);
        assert_eq!(got[0].1.len(), 5);
        // As many parts as the count, or no list.
        assert!(
            lists_of("Trois groupes de travail (adultes, enfants) se sont réunis.\n").is_empty()
        );
        // A colon further on, for working groups as many as counted.
        let got = lists_of("Cinq groupes de travail vont désormais plancher d’ici l’automne : périnatalité et petite enfance, adolescents et jeunes adultes, adultes, personnes âgées, précarité et addictions.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.len(), 5, "{got:?}");
        // "Parmi les actions phares :" names some actions, by commas.
        let got = lists_of("Parmi les actions phares : une équipe mobile pour les adolescents dans le Trégor-Goëlo, une unité de réhabilitation psychosociale à Dinan, et la généralisation des infirmiers en pratique avancée (IPA) dans les maisons de santé pluriprofessionnelles.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0, got[0].1.len()),
            (ListKind::Actions, 3),
            "{got:?}"
        );
        // Only the sentence that ends with the colon says what follows.
        let got = lists_of("Ces orientations sont déclinées en 23 fiches actions. Leur mise en œuvre est confiée à la coordination du PTSM :\nCoordinatrice : Mme Sophie Martin, centre hospitalier\n");
        assert!(got.iter().all(|(k, _)| *k != ListKind::Actions), "{got:?}");
    }
}
