//! Territories: the places the text names ([`places::mentions`]) grouped
//! into one [`Territory`] each, which of them the document is about, and
//! which territory a position of the text belongs to (for counts and
//! lists of multi-territory releases).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{Declared, Period, Territory, TerritoryKind, TextValue};
use crate::normalize::{key, NormDoc};

use super::gazetteer;
use super::places::{self, Entity, Form, Mention};
use super::span;
use super::tokens::Tokens;

/// "Rouen – Elbeuf – Pays-de-Bray" → "rouen-elbeuf-pays-de-bray".
pub fn slug(name: &str) -> String {
    key(name).replace(' ', "-")
}

/// The territories of a document and where each is named.
#[derive(Debug, Clone, Default)]
pub struct Territories {
    pub list: Vec<Territory>,
    /// Per territory, the byte ranges of its mentions (names and codes).
    pub mentions: Vec<Vec<Range<usize>>>,
    /// Sections: `(start byte, territory index)` in text order, where a
    /// line starts with a territory's name ("Loire-Atlantique (44)", "En
    /// Corse-du-Sud (2A), …", "1. Métropole lilloise").
    pub sections: Vec<(usize, usize)>,
    /// Every mention as `(start, end, territory index)`, by start: for
    /// [`Territories::near`] in O(log n).
    by_start: Vec<(usize, usize, usize)>,
    /// [`Territories::main`], computed once.
    main_index: Option<usize>,
}

impl Territories {
    /// Builds the lookup tables once the list is final.
    fn index(&mut self) {
        let mut v: Vec<(usize, usize, usize)> = self
            .mentions
            .iter()
            .enumerate()
            .flat_map(|(t, ms)| ms.iter().map(move |r| (r.start, r.end, t)))
            .collect();
        v.sort_unstable();
        self.by_start = v;
        self.main_index = self.compute_main();
    }

    /// The mentions (of any territory) that start in `from..=to`, by
    /// start, in O(log n) to find the first.
    pub fn mentions_starting_in(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = Range<usize>> + '_ {
        let i = self.by_start.partition_point(|m| m.0 < from);
        self.by_start
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(move |m| m.0 <= to)
            .map(|m| m.0..m.1)
    }

    /// Whether a mention of a territory starts in `from..=to`: the
    /// territory, for the first such mention.
    pub fn mention_starting_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let i = self.by_start.partition_point(|m| m.0 < from);
        self.by_start
            .get(i)
            .filter(|m| m.0 <= to)
            .map(|m| (m.1, m.2))
    }
    /// The territory that the text at byte `at` belongs to: the section it
    /// is in, else the territory the document is about when there is one.
    pub fn at(&self, at: usize) -> Option<usize> {
        let i = self.sections.partition_point(|&(s, _)| s <= at);
        if i > 0 {
            return self.sections.get(i - 1).map(|&(_, t)| t);
        }
        self.main()
    }

    /// The territory named last before `at` within `line` (the caller's
    /// sentence or line), else [`Territories::at`].
    pub fn near(&self, at: usize, line: Range<usize>) -> Option<usize> {
        // The mentions that start before `at`, from the last one back to
        // the start of `line`: the first that ends before `at`.
        let i = self.by_start.partition_point(|m| m.0 < at);
        self.by_start[..i]
            .iter()
            .rev()
            .take_while(|m| m.0 >= line.start)
            .find(|m| m.1 <= at)
            .map(|m| m.2)
            .or_else(|| self.at(at))
    }

    /// The one territory the document is about, if there is exactly one
    /// (a sub-territory's parent counts as the same).
    pub fn main(&self) -> Option<usize> {
        self.main_index
    }

    fn compute_main(&self) -> Option<usize> {
        let about: Vec<usize> = (0..self.list.len())
            .filter(|&i| self.list[i].about)
            .collect();
        match about.as_slice() {
            [one] => Some(*one),
            _ => {
                // A département and its own sub-territories: the
                // département.
                let depts: Vec<usize> = about
                    .iter()
                    .copied()
                    .filter(|&i| self.list[i].departement.is_some())
                    .collect();
                if depts.len() == 1 {
                    let code = self.list[depts[0]].departement.clone();
                    if about
                        .iter()
                        .all(|&i| i == depts[0] || self.list[i].parent_departement == code)
                    {
                        return Some(depts[0]);
                    }
                }
                None
            }
        }
    }
}

/// Groups mentions into territories.
pub fn extract(
    doc: &NormDoc,
    t: &Tokens,
    title: Option<&Range<usize>>,
    periods: &[Period],
    guesses: &mut Vec<crate::error::Warning>,
) -> Territories {
    let ms = places::mentions(t);
    // Group by entity, in order of first mention.
    let mut order: Vec<Entity> = Vec::new();
    let mut groups: HashMap<Entity, Vec<&Mention>> = HashMap::new();
    for m in &ms {
        if !groups.contains_key(&m.entity) {
            order.push(m.entity.clone());
        }
        groups.entry(m.entity.clone()).or_default().push(m);
    }
    // A département known only by a demonym, or only by a weak code ("DAC
    // 27"), is not named: no territory.
    order.retain(|e| {
        groups.get(e).is_some_and(|g| {
            g.iter()
                .any(|m| m.form == Form::Name || (m.form == Form::Code && m.subject))
        })
    });
    // A département named only inside a care organisation's name ("l’EPSM
    // de la Sarthe") or as the place of one ("le CHU de Tours
    // (Indre-et-Loire)") is where that organisation is, not a territory of
    // the document.
    order.retain(|e| {
        !matches!(e, Entity::Departement(_))
            || groups.get(e).is_none_or(|g| {
                !g.iter()
                    .all(|m| m.form == Form::Name && !m.subject && care_org_place(t, m.toks.start))
            })
    });
    // A place named inside an agency's name ("l’agence régionale de santé de
    // Corse", "ARS Guadeloupe, Saint-Martin, Saint-Barthélemy") is the
    // agency's.
    let in_ars_name = |m: &Mention| {
        (m.toks.start.saturating_sub(16)..m.toks.start.max(1))
            .any(|q| super::issuer::ars_at(t, q).is_some_and(|(_, _, end)| end >= m.toks.end))
    };
    // A place named only as a neighbour ("dans le Doubs voisin", "l’Oise
    // et l’Aisne voisines", "nos voisins du Haut-Rhin"), in the links to
    // other articles ("Lire aussi : Finistère : le PTSM 29 …") or inside
    // an agency's name is not one of the document's territories, unless
    // its title names it.
    order.retain(|e| {
        groups.get(e).is_none_or(|g| {
            // (A menu of editions taken for the title is still a menu,
            // though the place is named again in a link to another
            // article.)
            let in_title = title.is_some_and(|r| {
                g.iter().any(|m| {
                    m.bytes.start >= r.start && m.bytes.end <= r.end && !menu_line(t, m.toks.start)
                })
            });
            in_title
                || !g.iter().all(|m| {
                    neighbour(t, m.toks.clone())
                        || related_link(t, m.toks.start)
                        || menu_line(t, m.toks.start)
                        || compared_or_left_out(t, m.toks.clone())
                        || (matches!(m.entity, Entity::Departement(_))
                            && patient_flow(t, m.toks.clone()))
                        || in_ars_name(m)
                })
        })
    });
    // A département named once, in passing, in a text about another one
    // ("des patients venant de Seine-Saint-Denis", "Le Calvados et la
    // Manche ont proposé …") is a place the text mentions, not one of its
    // territories; not the PTSM of another one a pronoun names ("après
    // celui des Hauts-de-Seine"), a part of Corse in a text about Corse,
    // or a collectivité beside its archipelago's other.
    let in_title_of = |g: &Vec<&Mention>| {
        title.is_some_and(|r| {
            g.iter()
                .any(|m| m.bytes.start >= r.start && m.bytes.end <= r.end)
        })
    };
    let strong = |e: &Entity| {
        groups
            .get(e)
            .is_some_and(|g| g.iter().any(|m| m.subject) || in_title_of(g) || g.len() >= 3)
    };
    let corse = order.contains(&Entity::Corse);
    let once_in_passing: HashSet<Entity> = order
        .iter()
        .filter(|e| {
            let Entity::Departement(c) = e else {
                return false;
            };
            let Some(g) = groups.get(*e) else {
                return false;
            };
            let m = g[0];
            let pronoun = places::back_over_particles(t, m.toks.start, |k| {
                matches!(k, "de" | "du" | "des" | "la" | "l" | "le" | "d")
            });
            let of_another = t
                .prev_word(pronoun, 0)
                .is_some_and(|p| matches!(t.key(p), "celui" | "celle" | "ceux" | "celles"))
                && pronoun < m.toks.start;
            // The exceptions: said with evidence, or a part of the text's
            // whole.
            let kept = m.subject
                || m.line_start
                || in_title_of(g)
                || of_another
                || (corse && matches!(*c, "2A" | "2B"))
                || matches!(*c, "977" | "978");
            g.len() == 1
                && !kept
                // (A text about several départements — a regional
                // overview — may name one of them once.)
                && order
                    .iter()
                    .filter(|o| *o != *e && matches!(o, Entity::Departement(_)) && strong(o))
                    .count()
                    == 1
        })
        .cloned()
        .collect();
    order.retain(|e| !once_in_passing.contains(e));
    // A pays named once, in passing, as the place of an action ("en
    // Brenne") is not one of the PTSM's territories; named again, or in
    // the title, it is one the document is organised by.
    // (One coordinated with a territory that is not in passing is one of
    // the same kind: "dans le Perche, le Pays d’Argentan et le Bocage
    // ornais".)
    // (Nor is one of three sub-territories coordinated: "le Grand
    // Périgueux, le Bergeracois et le Périgord Noir-Sarladais"; nor one
    // coordinated with a territory that is not in passing: "dans le
    // Perche, le Pays d’Argentan et le Bocage ornais".)
    let joined = |a: &Mention, b: &Mention| {
        matches!(b.entity, Entity::Sub(_))
            && matches!(a.entity, Entity::Sub(_))
            && a.toks.end <= b.toks.start
            && b.toks.start <= a.toks.end + 4
            && (a.toks.end..b.toks.start).all(|q| {
                t.punct(q) == Some(',')
                    || matches!(t.key(q), "et" | "le" | "la" | "les" | "l")
                    || matches!(t.punct(q), Some('’' | '\''))
            })
            && (a.toks.end..b.toks.start).any(|q| t.punct(q) == Some(',') || t.key(q) == "et")
    };
    let coordinated = |m: &Mention| {
        let at = ms.partition_point(|o| o.toks.start < m.toks.start);
        // The chain of coordinated mentions around it.
        // (Three items either side are enough to tell: the walk stays
        // bounded whatever the length of an enumeration.)
        let mut lo = at;
        while lo > 0 && at - lo < 3 && joined(&ms[lo - 1], &ms[lo]) {
            lo -= 1;
        }
        let mut hi = at;
        while hi + 1 < ms.len() && hi - at < 3 && joined(&ms[hi], &ms[hi + 1]) {
            hi += 1;
        }
        // (Examples in a parenthesis are no enumeration of territories:
        // "les secteurs les plus éloignés (vallée de l’Ubaye, Haut-Verdon,
        // pays de Forcalquier)".)
        let ls = t
            .line_start(m.toks.start)
            .max(m.toks.start.saturating_sub(200));
        let in_parenthesis = (ls..m.toks.start)
            .rev()
            .find(|&q| matches!(t.punct(q), Some('(' | ')')))
            .is_some_and(|q| t.punct(q) == Some('('));
        hi > lo
            && ((hi - lo >= 2 && !in_parenthesis)
                || ms[lo..=hi]
                    .iter()
                    .any(|o| o.sub.as_ref().is_some_and(|s| !s.in_passing)))
    };
    order.retain(|e| {
        groups.get(e).is_some_and(|g| {
            let passing = g
                .iter()
                .all(|m| m.sub.as_ref().is_some_and(|s| s.in_passing) && !coordinated(m));
            let in_title = title.is_some_and(|r| {
                g.iter()
                    .any(|m| m.bytes.start >= r.start && m.bytes.end <= r.end)
            });
            !passing || g.len() >= 2 || in_title
        })
    });
    // A sub-territory's aliases ("Métropole lilloise (arrondissement de
    // Lille)") are other forms of it, not territories of their own.
    let mut alias_of: HashMap<Entity, Entity> = HashMap::new();
    let mut part_of: HashSet<Entity> = HashSet::new();
    let in_order: HashSet<&Entity> = order.iter().collect();
    for e in &order {
        for m in groups.get(e).into_iter().flatten() {
            // A parenthesis of several names lists the territory's parts
            // ("les îles du Sud (Marie-Galante, les Saintes, la
            // Désirade)"): a part, named elsewhere too, is no territory
            // of its own.
            let parts = m.sub.as_ref().is_some_and(|s| s.aliases.len() >= 2);
            for a in m.sub.iter().flat_map(|s| s.aliases.iter()) {
                // The entities mentioned inside the alias (`ms` is in text
                // order), each taken once.
                let lo = ms.partition_point(|o| o.bytes.start < a.start);
                let hi = ms.partition_point(|o| o.bytes.start <= a.end);
                let mut tried: Vec<&Entity> = Vec::new();
                for o in ms.get(lo..hi).into_iter().flatten() {
                    let other = &o.entity;
                    if other == e
                        || !in_order.contains(other)
                        || !matches!(other, Entity::Sub(_))
                        || tried.contains(&other)
                    {
                        continue;
                    }
                    tried.push(other);
                    // Every mention of it is inside the alias, and one ends
                    // there.
                    let inside = groups.get(other).is_some_and(|g| {
                        g.iter()
                            .all(|o| o.bytes.start >= a.start && o.bytes.end <= a.end + 1)
                    });
                    let any_inside = groups.get(other).is_some_and(|g| {
                        g.iter()
                            .any(|o| o.bytes.start >= a.start && o.bytes.end <= a.end)
                    });
                    if any_inside && inside {
                        alias_of.insert(other.clone(), e.clone());
                    } else if any_inside && parts {
                        part_of.insert(other.clone());
                    }
                }
                // A part the reading skipped inside the parenthesis, named
                // elsewhere: the same name.
                if parts {
                    let k = crate::normalize::key(doc.text.get(a.clone()).unwrap_or(""));
                    let k = ["les ", "la ", "le ", "l "]
                        .iter()
                        .find_map(|art| k.strip_prefix(art))
                        .unwrap_or(&k);
                    let part = Entity::Sub(k.to_string());
                    if part != *e && in_order.contains(&part) {
                        part_of.insert(part);
                    }
                }
            }
        }
    }
    order.retain(|e| !part_of.contains(e) || alias_of.contains_key(e));
    // A sub-territory whose name ends another's ("Grand Avignon" in
    // "Communauté d’agglomération du Grand Avignon") is that one.
    let subs: Vec<(Entity, String)> = order
        .iter()
        .filter_map(|e| match e {
            Entity::Sub(k) => Some((e.clone(), k.clone())),
            _ => None,
        })
        .collect();
    // Each longer name under what follows its "de", "du", "d’" or "des"
    // ("grand avignon" → the communauté d’agglomération), first one kept.
    let mut by_tail: HashMap<&str, &Entity> = HashMap::new();
    for (o, ok) in &subs {
        for prep in [" de ", " du ", " d ", " des "] {
            for (at, _) in ok.match_indices(prep) {
                by_tail.entry(&ok[at + prep.len()..]).or_insert(o);
            }
        }
    }
    for (e, k) in &subs {
        if alias_of.contains_key(e) {
            continue;
        }
        if let Some(&longer) = by_tail.get(k.as_str()).filter(|&&o| o != e) {
            alias_of.insert(e.clone(), longer.clone());
        }
    }
    // One point under a shorter type is the same territory: "Territoire
    // Centre" in a fiche's field is the "Territoire de proximité Centre"
    // the document enumerates.
    // So is the point alone ("Territoire : Centre, Sud").
    let cardinal = |w: &str| matches!(w, "nord" | "sud" | "est" | "ouest" | "centre");
    for (e, k) in &subs {
        if alias_of.contains_key(e) {
            continue;
        }
        let (head, point) = match k.split_once(' ') {
            Some((h, p)) if matches!(h, "territoire" | "bassin" | "secteur") => (Some(h), p),
            _ if k.split(' ').all(cardinal) => (None, k.as_str()),
            _ => continue,
        };
        let longer = subs.iter().find(|(o, ok)| {
            o != e
                && ok.len() > k.len()
                && ok.ends_with(&format!(" {point}"))
                && match head {
                    Some(h) => ok.starts_with(&format!("{h} ")),
                    None => ok.split(' ').next().is_some_and(|h| {
                        matches!(h, "territoire" | "bassin" | "secteur" | "microregion")
                    }),
                }
        });
        if let Some((o, _)) = longer {
            alias_of.insert(e.clone(), o.clone());
        }
    }
    // A name the document also writes with a place adjective is that
    // territory: "du Genevois" beside "Genevois haut-savoyard" (not "Grand
    // Paris" beside "Grand Paris Sud": a capital starts another name).
    let written_name = |e: &Entity| {
        groups
            .get(e)
            .and_then(|g| g.iter().find_map(|m| m.sub.as_ref()))
            .map(|s| s.normalized.as_str())
    };
    for (e, k) in &subs {
        if alias_of.contains_key(e) {
            continue;
        }
        let Some(short) = written_name(e) else {
            continue;
        };
        let longer = subs.iter().find(|(o, ok)| {
            o != e
                && ok.starts_with(k.as_str())
                && written_name(o).is_some_and(|w| {
                    w.strip_prefix(short).is_some_and(|rest| {
                        rest.strip_prefix(' ').is_some_and(|adj| {
                            !adj.contains(' ') && adj.starts_with(|c: char| c.is_lowercase())
                        })
                    })
                })
        });
        if let Some((o, _)) = longer {
            alias_of.insert(e.clone(), o.clone());
        }
    }
    // The parts of a coordinated name are that territory ("Béarn" and
    // "Soule" in "celui du Béarn et de la Soule", beside "Béarn et
    // Soule").
    // So are the parts of a dashed one ("du Boulonnais" beside
    // "Boulonnais – Montreuillois").
    for (o, ok) in &subs {
        let parts: Vec<String> = match ok.split_once(" et ") {
            Some((a, b)) => vec![a.to_string(), b.to_string()],
            None => written_name(o)
                .filter(|w| w.contains(" – ") || w.contains(" - "))
                .map(|w| w.split([' ']).collect::<Vec<_>>().join(" "))
                .map(|w| {
                    w.split(" – ")
                        .flat_map(|p| p.split(" - "))
                        .map(crate::normalize::key)
                        .collect()
                })
                .unwrap_or_default(),
        };
        if parts.len() < 2 {
            continue;
        }
        for (e, k) in &subs {
            if e != o && parts.iter().any(|p| p == k) && !alias_of.contains_key(e) {
                alias_of.insert(e.clone(), o.clone());
            }
        }
    }
    let mut list = Vec::new();
    let mut mentions = Vec::new();
    let mut index: HashMap<Entity, usize> = HashMap::new();
    for e in &order {
        if alias_of.contains_key(e) {
            continue;
        }
        let Some(g) = groups.get(e) else { continue };
        let Some(first) = g.iter().find(|m| m.form == Form::Name).or(g.first()) else {
            continue;
        };
        let written = doc.text.get(first.bytes.clone()).unwrap_or("").to_string();
        let (kind, code, parent, normalized) = match e {
            Entity::Departement(c) => {
                let d = gazetteer::by_code(c);
                let kind = if d.is_some_and(|d| d.collectivite) {
                    TerritoryKind::Collectivite
                } else {
                    TerritoryKind::Departement
                };
                (
                    kind,
                    Some(c.to_string()),
                    None,
                    d.map_or(c.to_string(), |d| d.name.to_string()),
                )
            }
            Entity::Corse => (TerritoryKind::Region, None, None, "Corse".to_string()),
            Entity::Sub(_) => {
                let info = first.sub.clone();
                let normalized = info
                    .as_ref()
                    .map_or(written.clone(), |s| s.normalized.clone());
                let own = g.iter().find_map(|m| m.sub.as_ref().and_then(|s| s.parent));
                // A pays over several départements: the one the document
                // names.
                let own = own.or_else(|| {
                    let cands = info.as_ref().map_or(&[][..], |s| s.candidates);
                    cands
                        .iter()
                        .find(|c| order.contains(&Entity::Departement(c)))
                        .copied()
                });
                let context = own.is_none().then(|| context_parent(&ms, first)).flatten();
                if let Some(c) = context {
                    guesses.push(
                        crate::error::Warning::new(
                            "parent_guessed",
                            format!(
                                "{normalized}: its département ({c}) is the one named just before it, not one its name tells"
                            ),
                        )
                        .at(first.bytes.clone()),
                    );
                }
                let parent = own.or(context).map(str::to_string);
                (TerritoryKind::SubDepartemental, None, parent, normalized)
            }
        };
        let name = match e {
            Entity::Departement(_) if first.form == Form::Code => {
                // Only a code: the code is the name ("PTSM 35").
                written.clone()
            }
            _ => written.clone(),
        };
        // Its own mentions, then its aliases' in text order (`order`), not
        // the map's: the output must not depend on a hash seed.
        let all: Vec<&Mention> = g
            .iter()
            .copied()
            .chain(
                order
                    .iter()
                    .filter(|a| alias_of.get(*a) == Some(e))
                    .flat_map(|a| groups.get(a).into_iter().flatten().copied()),
            )
            .collect();
        let mut other_forms = Vec::new();
        let mut seen = vec![key(&name)];
        for m in &all {
            let text = doc.text.get(m.bytes.clone()).unwrap_or("");
            let k = key(text);
            if !seen.contains(&k) {
                seen.push(k);
                other_forms.push(TextValue {
                    text: text.to_string(),
                    span: span(doc, m.bytes.clone()),
                });
            }
        }
        let in_title = title.is_some_and(|r| {
            g.iter()
                .any(|m| m.bytes.start >= r.start && m.bytes.end <= r.end)
        });
        let subject = g.iter().any(|m| m.subject);
        let names = g.iter().filter(|m| m.form != Form::Demonym).count() as u32;
        index.insert(e.clone(), list.len());
        mentions.push(
            all.iter()
                .map(|m| m.bytes.clone())
                .collect::<Vec<Range<usize>>>(),
        );
        list.push(Territory {
            id: slug(&normalized),
            name: places::tidy_name(&name).replace('\n', " "),
            key: key(&normalized),
            normalized_name: normalized,
            kind,
            departement: code,
            parent_departement: parent,
            about: in_title || subject,
            other_forms,
            mentions: names,
            declared: Declared::default(),
            axes: Vec::new(),
            working_groups: Vec::new(),
            actions: Vec::new(),
            periods: Vec::new(),
            span: span(doc, first.bytes.clone()),
        });
    }
    // Ids are unique: a département and a sub-territory may share a slug.
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    for tr in &mut list {
        let n = seen_ids.entry(tr.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            tr.id = format!("{}-{n}", tr.id);
        }
    }
    // Sections: a line that starts with a territory's name, or a heading
    // naming the PTSM of a territory ("Projet Territorial de santé de
    // l’Orne").
    let mut sections = Vec::new();
    for (e, &ti) in &index {
        for m in groups.get(e).into_iter().flatten() {
            let heading = m.subject && heading_line(t, m.toks.start);
            if (m.line_start || heading) && m.form == Form::Name {
                sections.push((line_start_byte(t, m.toks.start), ti));
            }
        }
    }
    sections.sort();
    sections.dedup_by_key(|s| s.0);
    // Only a text with two or more section territories has sections.
    let distinct: std::collections::HashSet<usize> = sections.iter().map(|s| s.1).collect();
    if distinct.len() < 2 {
        sections.clear();
    }
    for &(_, ti) in &sections {
        if let Some(tr) = list.get_mut(ti) {
            tr.about = true;
        }
    }
    // No subject found: the most named département (or Corse).
    if !list.iter().any(|tr| tr.about) {
        let best = list
            .iter()
            .enumerate()
            .filter(|(_, tr)| tr.kind != TerritoryKind::SubDepartemental)
            .max_by_key(|(i, tr)| (tr.mentions, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        if let Some(b) = best {
            list[b].about = true;
        }
    }
    // Sub-territories without a parent: the département the document is
    // about, when there is one.
    let about_depts: Vec<String> = list
        .iter()
        .filter(|tr| tr.about && tr.kind == TerritoryKind::Departement)
        .filter_map(|tr| tr.departement.clone())
        .collect();
    if about_depts.len() == 1 {
        for tr in &mut list {
            if tr.kind == TerritoryKind::SubDepartemental && tr.parent_departement.is_none() {
                tr.parent_departement = Some(about_depts[0].clone());
                guesses.push(
                    crate::error::Warning::new(
                        "parent_guessed",
                        format!(
                            "{}: its département ({}) is the one the document is about, not one its name tells",
                            tr.normalized_name, about_depts[0]
                        ),
                    )
                    .at(tr.span.start..tr.span.end),
                );
            }
        }
    }
    // Periods: those in a territory's section, or all of them for the
    // territory a single-territory text is about.
    let mut out = Territories {
        list,
        mentions,
        sections,
        by_start: Vec::new(),
        main_index: None,
    };
    out.index();
    for p in periods {
        if let Some(ti) = out.at(p.span.start) {
            if let Some(tr) = out.list.get_mut(ti) {
                tr.periods.push(p.clone());
            }
        }
    }
    out
}

/// Whether the line of token `i` reads as a heading: short, no final full
/// stop or colon.
/// Heads of care organisations' names ("EPSM de la Sarthe", "Centre
/// hospitalier de …", "Unafam du Cher"): the département after them is
/// where the organisation is.
const CARE_HEADS: &[&str] = &[
    "ch",
    "chu",
    "chs",
    "chi",
    "chru",
    "epsm",
    "epsmd",
    "ght",
    "cmp",
    "gem",
    "unafam",
    "udaf",
    "clinique",
    "hopital",
    "hospitalier",
    "hospitaliere",
    "psychiatrique",
    "psychotherapique",
    "universitaire",
    "specialise",
    "mutualite",
    "fondation",
    "sauvegarde",
    "adapei",
    "apajh",
];

/// Whether the département name at token `a` follows a care
/// organisation's head ("l’EPSM de la Sarthe"), or stands in parentheses
/// after such an organisation's town ("le CHU de Tours (Indre-et-Loire)").
fn care_org_place(t: &Tokens, a: usize) -> bool {
    let head_before = |a: usize| {
        let j = places::back_over_particles(t, a, |k| {
            matches!(k, "de" | "du" | "des" | "la" | "l" | "le" | "d")
        });
        j < a
            && t.prev_word(j, 0)
                .is_some_and(|p| CARE_HEADS.contains(&t.key(p)))
    };
    if head_before(a) {
        return true;
    }
    // "(Indre-et-Loire)" after "CHU de Tours".
    if a >= 2 && t.punct(a - 1) == Some('(') && t.is_word(a - 2) && head_before(a - 2) {
        return true;
    }
    // ", en Corse-du-Sud" after "l’hôpital d’Ajaccio": where that town is.
    let mut q = a;
    while q > 0
        && (matches!(t.key(q - 1), "le" | "la" | "l" | "les")
            || matches!(t.punct(q - 1), Some('’' | '\'')))
    {
        q -= 1;
    }
    q >= 3
        && matches!(t.key(q - 1), "en" | "dans")
        && t.punct(q - 2) == Some(',')
        && t.is_word(q - 3)
        && head_before(q - 3)
}

/// Whether the place at tokens `toks` is named as a neighbour: "voisin"
/// after it, past a code, a comma or the other places of a coordination
/// ("le Doubs voisin", "l’Isère, voisin,", "Le Cantal et le Puy-de-Dôme
/// voisins"), or before it ("nos voisins du Haut-Rhin", "le département
/// voisin du Nord", "proches du Finistère", "frontaliers de la Somme",
/// "limitrophes de l’Aveyron et du Gard").
fn neighbour(t: &Tokens, toks: Range<usize>) -> bool {
    for q in toks.end..toks.end + 10 {
        let k = t.key(q);
        // ("Le Calvados et la Sarthe, départements limitrophes, …".)
        if k.starts_with("voisin") || k.starts_with("limitroph") || k.starts_with("frontali") {
            return true;
        }
        let passes = matches!(t.punct(q), Some(',' | '(' | ')' | '-' | '’' | '\''))
            || matches!(
                k,
                "et" | "le"
                    | "la"
                    | "les"
                    | "l"
                    | "de"
                    | "du"
                    | "des"
                    | "d"
                    | "departement"
                    | "departements"
            )
            || t.get(q)
                .is_some_and(|x| x.kind == super::tokens::Kind::Number || x.cap);
        if !passes || t.is_newline(q) {
            break;
        }
    }
    // Before it, past particles and the other places of a coordination:
    // "proches du Nord", "frontaliers de la Somme", "limitrophes de
    // l’Aveyron et du Gard".
    let mut q = toks.start;
    for _ in 0..12 {
        if q == 0 {
            break;
        }
        q -= 1;
        let k = t.key(q);
        if ["voisin", "proche", "frontali", "limitroph"]
            .iter()
            .any(|p| k.starts_with(p))
        {
            return true;
        }
        let passes = matches!(t.punct(q), Some(',' | '-' | '’' | '\''))
            || matches!(
                k,
                "et" | "le" | "la" | "les" | "l" | "de" | "du" | "des" | "d"
            )
            || t.get(q).is_some_and(|x| x.cap);
        if !passes || t.is_newline(q) {
            break;
        }
    }
    false
}

/// Whether token `i` is on a link to another article: a line "Lire
/// aussi : …", or one of the short lines under "À lire aussi" alone on its
/// line.
fn related_link(t: &Tokens, i: usize) -> bool {
    let heading = |s: usize| {
        let w: Vec<&str> = (s..t.line_end(s))
            .filter(|&q| t.is_word(q))
            .take(6)
            .map(|q| t.key(q))
            .collect();
        // ("Lire aussi : Finistère : …" on one line: the heading's words
        // first.)
        let rest: &[&str] = if w.first() == Some(&"a") { &w[1..] } else { &w };
        crate::normalize::related_heading(&w)
            || matches!(
                rest,
                ["lire" | "voir", "aussi" | "egalement", ..] | ["sur", "le", "meme", "sujet", ..]
            )
    };
    let mut s = t.line_start(i);
    if heading(s) {
        return true;
    }
    // Up to four link lines under a heading alone on its line.
    for _ in 0..4 {
        if s == 0 {
            return false;
        }
        let words = (s..t.line_end(s))
            .filter(|&q| t.is_word(q))
            .take(21)
            .count();
        if words > 20 {
            return false;
        }
        s = t.line_start(s - 1);
        let words = (s..t.line_end(s)).filter(|&q| t.is_word(q)).take(5).count();
        if heading(s) && words <= 4 {
            return true;
        }
    }
    false
}

/// The tokens of the sentence around `toks`, 25 at most on either side,
/// up to a full stop or a line break (and a semicolon when `semicolon`).
fn clause_around(t: &Tokens, toks: Range<usize>, semicolon: bool) -> (usize, usize) {
    let stop = |q: usize| {
        matches!(t.punct(q), Some('.' | '!' | '?'))
            || (semicolon && t.punct(q) == Some(';'))
            || t.is_newline(q)
    };
    let mut a = toks.start;
    for _ in 0..25 {
        if a == 0 || stop(a - 1) {
            break;
        }
        a -= 1;
    }
    let mut b = toks.end;
    for _ in 0..25 {
        if b >= t.len() || stop(b) {
            break;
        }
        b += 1;
    }
    (a, b)
}

/// Whether the sentence of a mention at `toks` compares with it or says
/// it is left out: "Les comparaisons avec le département du Nord figurent
/// en annexe", "retenus comme territoires de comparaison", "Saint-Martin
/// et Saint-Barthélemy … ne sont pas concernés par ce projet", "ils ne
/// relèvent pas du présent projet".
fn compared_or_left_out(t: &Tokens, toks: Range<usize>) -> bool {
    let (a, b) = clause_around(t, toks, true);
    let words: Vec<&str> = (a..b).filter(|&q| t.is_word(q)).map(|q| t.key(q)).collect();
    let has = |w: &str| words.contains(&w);
    let compared = words.iter().any(|w| {
        matches!(
            *w,
            "comparaison" | "comparaisons" | "compare" | "comparee" | "compares" | "comparees"
        )
    });
    let negated = has("pas")
        && (has("ne") || has("n"))
        && words.iter().any(|w| {
            w.starts_with("concerne") || w.starts_with("releve") || w.starts_with("inclu")
        });
    let outside = words.windows(3).any(|w| w == ["hors", "du", "perimetre"]);
    compared || negated || outside
}

/// Whether the sentence of a mention at `toks` tells where patients go:
/// "Une part des Drômois du nord consulte en Ardèche … ou en Isère", "Ces
/// flux ont été étudiés avec le PTSM de l’Ardèche" (a neighbouring
/// département, for a département only).
fn patient_flow(t: &Tokens, toks: Range<usize>) -> bool {
    // (Both sides of a semicolon: "… consulte en Ardèche ; à l’inverse,
    // les habitants de la rive ardéchoise …".)
    let (a, b) = clause_around(t, toks, false);
    (a..b)
        .filter(|&q| t.is_word(q))
        .any(|q| matches!(t.key(q), "flux" | "consulte" | "consultent" | "tournent"))
}

/// Whether token `i` is on a line of département names and nothing else,
/// three or more: a news site's menu of editions ("Meurthe-et-Moselle
/// Vosges   Meuse   Doubs   Haute-Saône   Territoire de Belfort"), not a
/// sentence nor a table's row (whose first cell is no département); or of
/// two départements or more among capitalised words, one a rubric
/// ("Montpellier  Béziers  Sète  Gard  Aveyron  Sports").
fn menu_line(t: &Tokens, i: usize) -> bool {
    let (s, e) = (t.line_start(i), t.line_end(i));
    if e - s > 80 {
        return false;
    }
    let mut places = 0;
    let mut others = 0;
    let mut rubric = false;
    let mut q = s;
    while q < e {
        if !t.is_word(q) {
            q += 1;
            continue;
        }
        match gazetteer::place_at(t, q) {
            Some((end, gazetteer::Place::Departement(_))) if end > q => {
                places += 1;
                q = end;
            }
            // A news site's menu also names its towns and its rubrics, each
            // capitalised: "Montpellier  Béziers  Sète  Gard  Aveyron
            // Sports".
            _ if t.get(q).is_some_and(|x| x.cap || x.upper) => {
                others += 1;
                rubric |= matches!(
                    t.key(q),
                    "sports"
                        | "loisirs"
                        | "culture"
                        | "economie"
                        | "politique"
                        | "societe"
                        | "faits"
                        | "meteo"
                        | "agenda"
                        | "emploi"
                        | "videos"
                        | "podcasts"
                        | "annonces"
                        | "necrologie"
                        | "services"
                );
                q += 1;
            }
            _ => return false,
        }
    }
    places >= 3 && others == 0 || places >= 2 && rubric
}

fn heading_line(t: &Tokens, i: usize) -> bool {
    let s = t.line_start(i);
    let e = t.line_end(i);
    // Counted up to 15 only: a text of one long line names territories all
    // along it, and counting the whole line for each was quadratic.
    let words = (s..e).filter(|&q| t.is_word(q)).take(15).count();
    words <= 14 && !matches!(t.punct(e.wrapping_sub(1)), Some('.' | ':' | ';'))
}

fn line_start_byte(t: &Tokens, i: usize) -> usize {
    let s = t.line_start(i);
    t.get(s).map_or(0, |x| x.start as usize)
}

/// The département named last before a sub-territory mention, on its
/// line or the lines just before it ("En Corse-du-Sud (2A), … le Pays
/// ajaccien").
fn context_parent(ms: &[Mention], m: &Mention) -> Option<&'static str> {
    // `ms` is in token order: only the mentions that start in the 60
    // tokens before this one are read.
    let lo = ms.partition_point(|o| o.toks.start + 60 < m.toks.start);
    let hi = ms.partition_point(|o| o.toks.start < m.toks.start);
    ms.get(lo..hi)?
        .iter()
        .filter(|o| o.toks.end <= m.toks.start && m.toks.start - o.toks.end < 60)
        .filter_map(|o| match o.entity {
            Entity::Departement(c) => Some(c),
            _ => None,
        })
        .next_back()
}

/// Fills each territory's declared counts and its working groups, actions
/// and axes from the document's counts and lists, and checks what is
/// declared against what is listed: a count that does not match gives a
/// `count_mismatch` warning (saying whether counting sub-items reconciles
/// it), an item listed twice a `duplicate_item` warning.
pub fn attach(
    doc: &NormDoc,
    terr: &mut Territories,
    lists: &[crate::model::List],
    counts: &[crate::model::DeclaredCount],
    warnings: &mut Vec<crate::error::Warning>,
) {
    use crate::model::ListKind;
    // Counts and lists by territory, in document order.
    let mut counts_of: HashMap<&str, Vec<&crate::model::DeclaredCount>> = HashMap::new();
    for c in counts {
        if let Some(id) = c.territory.as_deref() {
            counts_of.entry(id).or_default().push(c);
        }
    }
    let mut lists_of: HashMap<&str, Vec<&crate::model::List>> = HashMap::new();
    for l in lists {
        if let Some(id) = l.territory.as_deref() {
            lists_of.entry(id).or_default().push(l);
        }
    }
    for tr in terr.list.iter_mut() {
        let my_counts = counts_of.get(tr.id.as_str()).map_or(&[][..], Vec::as_slice);
        let my_lists = lists_of.get(tr.id.as_str()).map_or(&[][..], Vec::as_slice);
        let mine = |what: &[&str]| {
            my_counts
                .iter()
                .find(|c| what.contains(&c.what.as_str()))
                .map(|c| super::counts::as_count(doc, c))
        };
        tr.declared = Declared {
            working_groups: mine(&["groupes"]),
            actions: mine(&["actions", "fiches_action"]),
        };
        let mut groups = Vec::new();
        let mut actions = Vec::new();
        let mut axes = Vec::new();
        for l in my_lists {
            let target = match l.kind {
                ListKind::Groupes => &mut groups,
                ListKind::Actions => &mut actions,
                ListKind::Priorites if l.items.iter().any(|i| i.decree_priority.is_some()) => {
                    continue
                }
                _ => &mut axes,
            };
            target.extend(l.items.iter().cloned());
        }
        for (slug, items) in [
            ("working_groups", &mut groups),
            ("actions", &mut actions),
            ("axes", &mut axes),
        ] {
            for (n, it) in items.iter_mut().enumerate() {
                super::lists::renumber(it, &format!("{}/{slug}/{}", tr.id, n + 1));
            }
        }
        tr.working_groups = groups;
        tr.actions = actions;
        tr.axes = axes;
        check(tr, warnings);
    }
}

/// Declared ≠ listed, and duplicates in one list.
fn check(t: &Territory, warnings: &mut Vec<crate::error::Warning>) {
    for (noun, declared, listed) in [
        (
            "working groups",
            &t.declared.working_groups,
            &t.working_groups,
        ),
        ("actions", &t.declared.actions, &t.actions),
    ] {
        duplicates(t, noun, listed, warnings);
        let (Some(d), false) = (declared, listed.is_empty()) else {
            continue;
        };
        mismatch(t, noun, d, listed, warnings);
    }
    duplicates(t, "axes", &t.axes, warnings);
}

fn mismatch(
    t: &Territory,
    noun: &str,
    d: &crate::model::Count,
    listed: &[crate::model::Item],
    warnings: &mut Vec<crate::error::Warning>,
) {
    let n = listed.len() as u32;
    if n == d.count {
        return;
    }
    let parents: Vec<&crate::model::Item> =
        listed.iter().filter(|i| !i.sub_items.is_empty()).collect();
    let subs: usize = parents.iter().map(|i| i.sub_items.len()).sum();
    let with_subs = n as usize - parents.len() + subs;
    let detail = if !parents.is_empty() && with_subs == d.count as usize {
        format!(
            "; counting sub-items reconciles it: {n} − {} parents + {subs} sub-items ({}) = {with_subs}",
            parents.len(),
            parents.iter().map(|p| p.sub_items.len().to_string()).collect::<Vec<_>>().join(" + ")
        )
    } else if !parents.is_empty() {
        format!("; counting sub-items does not reconcile it either ({with_subs})")
    } else {
        "; no item has sub-items, so counting them cannot reconcile it".to_string()
    };
    warnings.push(
        crate::error::Warning::new(
            "count_mismatch",
            format!(
                "{}: {} {} declared (“{}”), {n} listed{detail}",
                t.normalized_name, d.count, noun, d.text
            ),
        )
        .at(d.span.start..d.span.end),
    );
}

fn duplicates(
    t: &Territory,
    noun: &str,
    listed: &[crate::model::Item],
    warnings: &mut Vec<crate::error::Warning>,
) {
    let mut first_of: HashMap<&str, &crate::model::Item> = HashMap::new();
    for it in listed {
        if it.key.is_empty() {
            continue;
        }
        let first = *first_of.entry(it.key.as_str()).or_insert(it);
        if !std::ptr::eq(first, it) {
            warnings.push(
                crate::error::Warning::new(
                    "duplicate_item",
                    format!(
                        "{}: {} {} repeats {} (“{}”)",
                        t.normalized_name, noun, it.id, first.id, it.text
                    ),
                )
                .at(it.span.start..it.span.end),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terr(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        let title = doc.lines.first().map(|l| l.range.clone());
        extract(&doc, &t, title.as_ref(), &[], &mut Vec::new())
            .list
            .into_iter()
            .map(|tr| {
                (
                    tr.normalized_name,
                    tr.departement,
                    tr.parent_departement,
                    tr.about,
                )
            })
            .collect()
    }

    /// A pays named once counts when one of the PTSM's actions happens
    /// there (a list item, a team, a service strengthened or opened), not
    /// when a description names it.
    #[test]
    fn pays_named_once_where_an_action_happens() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "PTSM de l’Indre\n→ Renforcement de la pédopsychiatrie de liaison en Brenne \
                 et dans le Boischaut Sud\n"
            ),
            ["Indre", "Brenne", "Boischaut Sud"]
        );
        assert_eq!(
            names(
                "PTSM des Côtes-d’Armor\nParmi les actions phares : une équipe mobile pour les \
                 adolescents dans le Trégor, une unité à Dinan.\n"
            ),
            ["Côtes-d'Armor", "Trégor"]
        );
        assert_eq!(
            names(
                "PTSM de la Martinique\nTerritoire          Ensemble de l’île ; antenne dans le \
                 Nord Atlantique (Trinité) en 2023\n"
            ),
            ["Martinique", "Nord Atlantique"]
        );
        // A clause that describes the place, even in a sentence about
        // actions; a venue.
        assert_eq!(
            names(
                "PTSM de la Lozère\nL’évaluation relève 4 constats : des difficultés qui \
                 freinent les actions de l’axe 2, et l’isolement des communes de la Margeride.\n\
                 Samedi, marche solidaire sur le front de mer de Calvi, en Balagne.\n"
            ),
            ["Lozère"]
        );
    }

    /// A neighbour, and the places of the links to other articles, are
    /// not territories of the document; its title still names its own.
    #[test]
    fn neighbours_and_related_links() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de la Haute-Loire est lancé.\nLe Cantal et le Puy-de-Dôme voisins \
                 seront invités. Une maison des adolescents, en lien avec celle du Doubs \
                 voisin. Le Département de l’Isère, voisin, suit. Avec nos voisins du \
                 Haut-Rhin.\n"
            ),
            ["Haute-Loire"]
        );
        assert_eq!(
            names(
                "Le PTSM du Morbihan est lancé.\nLire aussi : Finistère : le PTSM 29 lance sa \
                 révision\nÀ lire aussi\nBergerac : l’hôpital recrute\nLot-et-Garonne : le \
                 PTSM 47 tire un bilan\n"
            ),
            ["Morbihan"]
        );
        // Named elsewhere too, it stays.
        assert_eq!(
            names("Le PTSM du Cantal est lancé.\nLe Cantal voisin du Puy-de-Dôme.\n"),
            ["Cantal"]
        );
        // A news site's menu of editions, taken for the title or not; the
        // links under "Sur le même sujet", one per line though none ends
        // with a full stop; a meeting is no island.
        assert_eq!(
            names(
                "L’Est Républicain\nMeurthe-et-Moselle   Vosges   Meuse   Doubs   Haute-Saône\n\
                 Édition de Nancy › Santé\n\nLe PTSM de Meurthe-et-Moselle est lancé.\n\n\
                 Sur le même sujet\nEure-et-Loir : la maison des adolescents déménage\n\
                 Loir-et-Cher : à Blois, des premiers secours pour les agents municipaux\n\
                 Cher : le centre hospitalier recrute des psychiatres\n\nici, le réseau de \
                 proximité\n"
            ),
            ["Meurthe-et-Moselle"]
        );
        // A menu of editions taken for the title, its place named again in
        // a link to another article.
        assert_eq!(
            names(
                "Courrier picard\nAmiens Abbeville Santerre Vimeu Oise Aisne Sports Loisirs\n\n\
                 Le PTSM de la Somme est lancé.\n\nÀ lire aussi\nAbbeville : le CMP change \
                 d’adresse\nPublié le 14/09/2022\nClermont : le CHI de l’Oise ouvre une unité\n"
            ),
            ["Somme"]
        );
        // A menu of towns, départements and rubrics; "Les + lus" and "Sur
        // le même thème" over their links.
        assert_eq!(
            names(
                "Midi Libre\nMontpellier  Béziers  Sète  Lunel  Gard  Aveyron  Sports\n\n\
                 Le CTSM de l’Hérault est signé.\n\nLes + lus\n1. Sète : la piscine fermée\n\
                 2. Gard : le PTSM présenté aux élus d’Alès\n\nSur le même thème\n\
                 Finistère : le PTSM entre dans sa deuxième phase\n"
            ),
            ["Hérault"]
        );
        assert_eq!(
            names("PTSM DU DOUBS\nRéunion du 11 avril 2024 – CHU de Besançon\nCompte rendu de la Réunion du comité de pilotage.\n"),
            ["Doubs"]
        );
        assert_eq!(
            names("Le PTSM est présent à la Réunion du nord au sud.\n"),
            ["La Réunion"]
        );
        // Compared with, said to be left out, neighbours in apposition, a
        // site's rubrics.
        assert_eq!(
            names(
                "Le PTSM de l’Orne\n\nLe PTSM de l’Orne est lancé. Le Calvados et la Sarthe, départements \
                 limitrophes, ont été retenus comme territoires de comparaison. Les \
                 comparaisons avec le département du Nord figurent en annexe.\n"
            ),
            ["Orne"]
        );
        assert_eq!(
            names(
                "Le PTSM de la Guadeloupe\n\nLe PTSM est lancé. Saint-Martin et Saint-Barthélemy, qui \
                 relèvent de la même agence, ne sont pas concernés par ce projet.\n"
            ),
            ["Guadeloupe"]
        );
        // Where patients go, for a département.
        assert_eq!(
            names(
                "Le PTSM de la Drôme\n\nLe PTSM de la Drôme est lancé. Une part des Drômois du \
                 nord consulte en Isère. Ces flux ont été étudiés avec le PTSM de l’Ardèche.\n"
            ),
            ["Drôme"]
        );
        assert_eq!(
            names("HOSPIMEDIA\nTerritoires | Psychiatrie\n\nLe PTSM du Val-d’Oise est révisé.\n"),
            ["Val-d'Oise"]
        );
    }

    /// A pays named once where the words before it say it is one of the
    /// PTSM's territories; not after "sans découpage".
    #[test]
    fn pays_named_as_territories() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM du Pas-de-Calais est lancé.\nSur la côte, c'est le territoire du \
                 Montreuillois-Boulonnais-Calaisis qui est concerné.\n"
            ),
            ["Pas-de-Calais", "Montreuillois-Boulonnais-Calaisis"]
        );
        assert_eq!(
            names(
                "Le PTSM de la Creuse est lancé.\nLe territoire est celui du département, sans \
                 découpage : une attention portée au plateau de Millevaches.\n"
            ),
            ["Creuse"]
        );
    }

    /// An enumeration after the département its territories divide; an
    /// intercommunality coordinated with a territory.
    #[test]
    fn enumerations_of_a_departement_and_intercommunalities() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de l'Oise compte 30 actions, réparties sur les trois territoires de \
                 proximité de l'Oise : le Beauvaisis, le Compiégnois-Noyonnais et le \
                 Clermontois-Creillois.\n"
            ),
            [
                "Oise",
                "Beauvaisis",
                "Compiégnois-Noyonnais",
                "Clermontois-Creillois"
            ]
        );
        assert_eq!(
            names(
                "Le PTSM des Ardennes.\nL'équipe mobile couvre désormais le Sedanais et Ardenne \
                 Métropole ; son extension au Rethélois est prévue.\n"
            ),
            ["Ardennes", "Sedanais", "Ardenne Métropole", "Rethélois"]
        );
    }

    /// An intercommunality named as a place; not as an organisation that
    /// acts. Pays listed after a colon; not examples in a parenthesis.
    #[test]
    fn intercommunalities_as_places_and_listed_pays() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de la Côte-d'Or.\nDes avancées nettes à Dijon Métropole, où l'équipe \
                   mobile intervient.\n"
            ),
            ["Côte-d'Or", "Dijon Métropole"]
        );
        assert_eq!(
            names(
                "Le PTSM de la Somme.\nAmiens Métropole propose d’accueillir le conseil \
                   local.\n"
            ),
            ["Somme"]
        );
        assert_eq!(
            names(
                "Le PTSM du Morbihan.\nQuatre comités, calqués sur les pays : pays de Vannes, \
                   pays de Lorient et pays de Pontivy.\n"
            ),
            [
                "Morbihan",
                "pays de Vannes",
                "pays de Lorient",
                "pays de Pontivy"
            ]
        );
        assert_eq!(
            names(
                "Le PTSM des Alpes-de-Haute-Provence.\nSeront appréciés les projets couvrant \
                   les secteurs éloignés (vallée de l'Ubaye, Haut-Verdon, pays de Forcalquier).\n"
            ),
            ["Alpes-de-Haute-Provence"]
        );
    }

    /// A département named once in passing in a text about another one is
    /// no territory of it; the PTSM of another one a pronoun names, or one
    /// of a regional overview's départements, is.
    #[test]
    fn departements_named_once_in_passing() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de l’Orne est lancé.\nLe PTSM de l’Orne compte 15 actions. Le Calvados \
                 et la Manche ont proposé une journée commune. Le PTSM de l’Orne avance.\n"
            ),
            ["Orne"]
        );
        assert_eq!(
            names(
                "Le CTSM de Seine-Saint-Denis est signé.\nDeuxième contrat signé dans la région, \
                 après celui des Hauts-de-Seine, le CTSM de Seine-Saint-Denis a été paraphé.\n"
            ),
            ["Seine-Saint-Denis", "Hauts-de-Seine"]
        );
        assert_eq!(
            names(
                "Les PTSM bretons.\nLe PTSM du Finistère, le PTSM du Morbihan et le PTSM des \
                 Côtes-d’Armor sont signés. En Ille-et-Vilaine, la négociation continue.\n"
            ),
            ["Finistère", "Morbihan", "Côtes-d'Armor", "Ille-et-Vilaine"]
        );
    }

    /// Places inside an agency's name, a département where a hospital's
    /// town lies, a point inside a hospital's name are no territories.
    #[test]
    fn agencies_hospitals_and_their_places() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de Guadeloupe est lancé.\nIl est financé par l'agence régionale de santé \
                 de Guadeloupe, Saint-Martin et Saint-Barthélemy.\nÀ lire aussi\nSaint-Martin : \
                 une permanence à Marigot\n"
            ),
            ["Guadeloupe"]
        );
        assert_eq!(
            names(
                "Le PTSM 2B de Haute-Corse est présenté.\nL'agence régionale de santé de Corse a \
                 rappelé que des patients sont adressés à l'hôpital d'Ajaccio, en Corse-du-Sud.\n"
            ),
            ["Haute-Corse"]
        );
        assert_eq!(
            names(
                "Le PTSM de La Réunion est adopté.\nLe CHU et le Groupe hospitalier Est Réunion \
                 assurent la liaison.\n"
            ),
            ["La Réunion"]
        );
    }

    /// Territories one per line without a marker after an announcing
    /// colon; the parts of a dashed name are that territory.
    #[test]
    fn unmarked_lines_of_territories_and_dashed_parts() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "PTSM du Pas-de-Calais\nL’équipe mobile du Boulonnais est ouverte.\nLe PTSM \
                 sera construit à partir des trois territoires de proximité définis par le \
                 conseil :\n\nARTOIS\nBOULONNAIS – MONTREUILLOIS\nLENS-HÉNIN\n\nChaque \
                 territoire animera un groupe local.\n"
            ),
            [
                "Pas-de-Calais",
                "ARTOIS",
                "Boulonnais – Montreuillois",
                "Lens-Hénin"
            ]
        );
    }

    /// The last item of a coordination of sub-territories is one; so is
    /// an area named by its town's adjective; a pays in passing
    /// coordinated with territories is one of them; a table's header row
    /// after "Territoire" names none.
    #[test]
    fn coordinations_adjectives_and_header_rows() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM de la Dordogne est signé.\nIl distingue le Grand Périgueux, le \
                 Bergeracois et le Périgord Noir-Sarladais. C’est dans ce dernier bassin.\n"
            ),
            [
                "Dordogne",
                "Grand Périgueux",
                "Bergeracois",
                "Périgord Noir-Sarladais"
            ]
        );
        assert_eq!(
            names(
                "Le PTSM 83 est signé.\nIl couvre quatre territoires: l'aire toulonnaise, le Var \
                 Est et la Dracénie-Verdon.\n"
            ),
            ["Var", "aire toulonnaise", "Var Est", "Dracénie-Verdon"]
        );
        // A département's demonym names the département; a verb is no
        // adjective.
        assert_eq!(
            names(
                "Le PTSM de la Mayenne couvre le Nord-Mayenne et le territoire lavallois. Le \
                 territoire mayennais et le territoire décline ses actions.\n"
            ),
            ["Mayenne", "Nord-Mayenne", "territoire lavallois"]
        );
        assert_eq!(
            names(
                "Dans l’Orne, le projet.\nLe PTSM de l’Orne forme des sentinelles dans le \
                 Perche, le Pays d'Argentan et le Bocage ornais.\n"
            ),
            ["Orne", "Perche", "Pays d’Argentan", "Bocage ornais"]
        );
        assert_eq!(
            names(
                "Les PTSM bretons\n\nTerritoire\u{2007}\u{2007}\u{2007}\u{2007}Arrêté du PTSM\u{2007}\u{2007}\u{2007}\u{2007}Actions\u{2007}\u{2007}\u{2007}\u{2007}Coordination\n\
                 Morbihan (56)\u{2007}\u{2007}\u{2007}\u{2007}oct. 2020\u{2007}\u{2007}\u{2007}\u{2007}21\u{2007}\u{2007}\u{2007}\u{2007}EPSM Charcot\n"
            ),
            ["Morbihan"]
        );
    }

    /// A cardinal territory under a shorter type ("Territoire ⇥ Centre,
    /// Sud" in a fiche's field) is the one the document enumerates with
    /// its full type.
    #[test]
    fn one_cardinal_territory_under_two_types() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "PTSM de la Martinique\nLes quatre territoires de proximité du PTSM sont le \
                 Centre, le Sud, le Nord Caraïbe et le Nord Atlantique.\nFA 3.2\nTerritoire : \
                 Centre, Sud\n"
            ),
            [
                "Martinique",
                "Territoire de proximité Centre",
                "Territoire de proximité Sud",
                "Nord Caraïbe",
                "Nord Atlantique"
            ]
        );
    }

    /// Two pays coordinated without an article of their own are one
    /// territory, and their names apart are that territory.
    #[test]
    fn a_name_with_its_place_adjective_is_one_territory() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Équipe mobile du Chablais et du Genevois\nTerritoire(s) d’intervention : \
                 Haute-Savoie (74) ; Chablais ; Genevois haut-savoyard\n"
            ),
            ["Chablais", "Haute-Savoie", "Genevois haut-savoyard"]
        );
    }

    #[test]
    fn an_amount_after_ptsm_is_no_code() {
        let codes =
            |text: &str| -> Vec<Option<String>> { terr(text).into_iter().map(|t| t.1).collect() };
        assert!(codes("  A14 – Coordination du PTSM          18 000       22 000\n").is_empty());
        assert_eq!(codes("Le PTSM 18 a été signé.\n"), [Some("18".to_string())]);
        // Glued, numbered, abbreviated.
        assert_eq!(codes("Le PTSM35 est lancé.\n"), [Some("35".to_string())]);
        assert_eq!(codes("Le PTSM n°35 est lancé.\n"), [Some("35".to_string())]);
        assert_eq!(codes("Le CTSM974 est signé.\n"), [Some("974".to_string())]);
        assert!(codes("Le PTSM20 est signé.\n").is_empty());
        assert_eq!(
            codes("Le PTSM de Seine-St-Denis est signé.\n"),
            [Some("93".to_string())]
        );
    }

    #[test]
    fn the_parts_of_a_territory_are_none() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "La Guadeloupe : le PTSM retient trois territoires de proximité : la Grande-Terre, \
                 la Basse-Terre et les îles du Sud (Marie-Galante, les Saintes, la Désirade).\n\
                 Dont 61 participants à Marie-Galante. Aucun GEM à Marie-Galante.\n"
            ),
            ["Guadeloupe", "Grande-Terre", "Basse-Terre", "îles du Sud"]
        );
    }

    #[test]
    fn a_departement_only_in_a_care_organisations_name_is_none() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names("Le PTSM du Cher a été présenté. Le CHU de Tours (Indre-et-Loire) apporte son expertise, comme l'EPSM de la Sarthe.\n"),
            ["Cher"]
        );
        // Named on its own too, it is one.
        assert_eq!(
            names("Le PTSM du Cher et celui de la Sarthe. L'EPSM de la Sarthe est partenaire.\n"),
            ["Cher", "Sarthe"]
        );
    }

    #[test]
    fn a_ptsm_of_a_territory_named_as_such() {
        let got = terr("Le PTSM du territoire de Lens-Hénin a été arrêté.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Lens-Hénin");
        assert_eq!(got[0].2.as_deref(), Some("62"));
    }

    #[test]
    fn coordinated_pays_are_one_territory() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "Le PTSM du Pays basque et celui du Béarn et de la Soule ne se ressemblent \
                 guère. Le PTSM Béarn et Soule compte vingt fiches.\n"
            ),
            ["Pays basque", "Béarn et Soule"]
        );
    }

    /// An intercommunality that funds or signs is an organisation, not one
    /// of the PTSM's territories; in a "Territoire" field it is one.
    #[test]
    fn intercommunalities_that_fund_are_organisations() {
        let names = |text: &str| -> Vec<String> { terr(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(
            names(
                "CTSM de la Manche\nLa communauté d’agglomération du Cotentin et Saint-Lô \
                 Agglo ont cofinancé les conseils locaux à hauteur de 25 000 € chacune.\n"
            ),
            ["Manche"]
        );
        assert_eq!(
            names(
                "PTSM de la Haute-Marne\nLa communauté de communes du Grand Langres est \
                 associée au financement des conseils locaux de santé mentale.\n"
            ),
            ["Haute-Marne"]
        );
        assert_eq!(
            names("Fiche action\nTerritoire(s) : Vaucluse (84) ; Communauté d’agglomération du Grand Avignon\n"),
            ["Vaucluse", "Communauté d’agglomération du Grand Avignon"]
        );
    }

    /// Aliases come in the order of the text, whatever the hash seed of
    /// the maps that group them (each run of the batch gave one order).
    #[test]
    fn aliases_in_text_order_every_time() {
        let text =
            "Communiqué de presse\n\nLe territoire du Nord Sarthe (Pays du Perche sarthois, \
                    Pays de la Haute-Sarthe Alpes Mancelles) a lancé ses travaux. Le Nord Sarthe \
                    réunit les acteurs.\n";
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        for _ in 0..20 {
            let found = extract(&doc, &t, None, &[], &mut Vec::new()).list;
            let forms: Vec<Vec<String>> = found
                .iter()
                .map(|tr| tr.other_forms.iter().map(|f| f.text.clone()).collect())
                .collect();
            assert_eq!(
                forms,
                [[
                    "Pays du Perche sarthois",
                    "Pays de la Haute-Sarthe Alpes Mancelles"
                ]]
            );
        }
    }

    #[test]
    fn slugs_fold_accents_and_dashes() {
        assert_eq!(
            slug("Rouen – Elbeuf – Pays-de-Bray"),
            "rouen-elbeuf-pays-de-bray"
        );
    }

    #[test]
    fn subject_and_mentioned_territories() {
        let got = terr("Le CTSM de Seine-Saint-Denis\n\nDeuxième contrat signé après celui des Hauts-de-Seine.");
        assert_eq!(
            got,
            [
                (
                    "Seine-Saint-Denis".to_string(),
                    Some("93".to_string()),
                    None,
                    true
                ),
                (
                    "Hauts-de-Seine".to_string(),
                    Some("92".to_string()),
                    None,
                    false
                )
            ]
        );
    }

    #[test]
    fn sub_territories_take_a_parent() {
        let got = terr("Le PTSM du Gard\n\nLe Gard compte quatre territoires de proximité : Nîmes Métropole, les Cévennes (Alès), l’Uzège-Pont du Gard et la Camargue gardoise.");
        let names: Vec<_> = got.iter().map(|g| (g.0.as_str(), g.2.as_deref())).collect();
        assert_eq!(
            names,
            [
                ("Gard", None),
                ("Nîmes Métropole", Some("30")),
                ("Cévennes", Some("30")),
                ("Uzège-Pont du Gard", Some("30")),
                ("Camargue gardoise", Some("30"))
            ]
        );
        let got = terr("Corse\n\nEn Corse-du-Sud (2A), 4 sont spécifiques au Pays ajaccien. En Haute-Corse (2B), le Grand Bastia accueille.");
        let parents: Vec<_> = got
            .iter()
            .map(|g| (g.0.as_str(), g.1.as_deref().or(g.2.as_deref())))
            .collect();
        assert_eq!(
            parents,
            [
                ("Corse", None),
                ("Corse-du-Sud", Some("2A")),
                ("Pays ajaccien", Some("2A")),
                ("Haute-Corse", Some("2B")),
                ("Grand Bastia", Some("2B"))
            ]
        );
    }
}
