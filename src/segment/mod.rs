//! Stage 3: [`NormDoc`] → [`BlockTree`]. Cannot fail, loses no text.
//!
//! Every logical line of the normalized text becomes exactly one leaf
//! block (title, heading, paragraph or list item); list items are grouped
//! under list nodes and nested by marker kind. Lists announced by a heading
//! such as "Actions" or "Groupes de travail", or by a line ending with ":",
//! are recognised even when their items carry no marker.

mod classify;
mod markup;
mod sections;

use std::num::NonZeroU32;
use std::ops::Range;

use crate::normalize::{is_rule_line, NormDoc};

pub use crate::model::BlockKind;
pub use classify::{
    announces_by_words, is_list_announcer, is_territory_heading, list_marker,
    territory_heading_name, LabelKind, MarkerClass,
};

/// Index of a node in [`BlockTree::nodes`]; 1-based so that
/// `Option<BlockId>` costs no more than a `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(NonZeroU32);

impl BlockId {
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
    /// The id of the node at arena index `i`. Saturates instead of
    /// panicking: a document with 4 billion blocks is refused upstream by
    /// the ingest size limit long before this matters.
    pub fn from_index(i: usize) -> Self {
        let n = u32::try_from(i).unwrap_or(u32::MAX - 1).saturating_add(1);
        BlockId(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
    }
}

/// The block tree, stored as an arena in document order.
#[derive(Debug, Clone, Default)]
pub struct BlockTree {
    pub nodes: Vec<Node>,
    /// Top-level blocks in order.
    pub roots: Vec<BlockId>,
    /// For a tree built from markup (HTML), one entry per node: the index
    /// of the block of [`NormDoc::structure`] it comes from (`None` for a
    /// list that paragraphs with markers make). Empty otherwise.
    pub origin: Vec<Option<usize>>,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: BlockKind,
    /// Heading level or list depth (1-based).
    pub level: u32,
    /// The marker as written (`"→"`, `"•"`, `"1."`), for list items.
    pub marker: Option<String>,
    /// Whole range in the normalized text, marker included. For a list, the
    /// range from its first to its last item.
    pub range: Range<usize>,
    /// The content without the marker (empty for lists).
    pub content: Range<usize>,
    pub parent: Option<BlockId>,
    pub children: Vec<BlockId>,
    /// For a table: its index in [`crate::ingest::RawDoc::tables`]; its
    /// range covers its rows (see [`crate::normalize::NormLine::table`]).
    pub table: Option<u32>,
    /// For an entry of a table of contents: the page it gives.
    pub page_ref: Option<u32>,
}

impl BlockTree {
    pub fn get(&self, id: BlockId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn push(&mut self, node: Node) -> BlockId {
        let parent = node.parent;
        self.nodes.push(node);
        let id = BlockId::from_index(self.nodes.len() - 1);
        match parent {
            Some(p) => self.nodes[p.index()].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    /// A top-level leaf block (title, heading, paragraph, rule).
    fn push_root(
        &mut self,
        kind: BlockKind,
        range: Range<usize>,
        content: Range<usize>,
    ) -> BlockId {
        self.push(Node {
            kind,
            level: 1,
            marker: None,
            range,
            content,
            parent: None,
            children: Vec::new(),
            table: None,
            page_ref: None,
        })
    }

    /// The last top-level block, to amend it.
    fn last_root_mut(&mut self) -> Option<&mut Node> {
        let id = *self.roots.last()?;
        self.nodes.get_mut(id.index())
    }

    /// All nodes in document order (pre-order).
    pub fn iter(&self) -> impl Iterator<Item = (BlockId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (BlockId::from_index(i), n))
    }

    /// Nodes whose range starts inside `range`, in document order. Nodes
    /// are pushed in text order, so their starts never decrease and a
    /// binary search finds the first one.
    pub fn starting_in(&self, range: Range<usize>) -> impl Iterator<Item = (BlockId, &Node)> {
        let first = self.nodes.partition_point(|n| n.range.start < range.start);
        self.nodes
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |n| n.range.start < range.end)
            .enumerate()
            .map(move |(i, n)| (BlockId::from_index(first + i), n))
    }

    /// The top-level block after root `id`, if any.
    pub fn next_root(&self, id: BlockId) -> Option<BlockId> {
        let start = self.get(id).range.start;
        let from = self
            .roots
            .partition_point(|&r| self.get(r).range.start < start);
        let pos = from + self.roots.get(from..)?.iter().position(|&r| r == id)?;
        self.roots.get(pos + 1).copied()
    }

    /// Leaf blocks (everything but lists and tables of contents, whose
    /// entries are leaves) in document order.
    pub fn leaves(&self) -> impl Iterator<Item = (BlockId, &Node)> {
        self.iter()
            .filter(|(_, n)| !matches!(n.kind, BlockKind::List | BlockKind::Toc))
    }

    /// Grows the range of list `id` and of its ancestor lists so
    /// that it covers `end`.
    fn extend_to(&mut self, id: BlockId, end: usize) {
        let mut cur = Some(id);
        while let Some(c) = cur {
            let n = &mut self.nodes[c.index()];
            // Items keep their own line; only lists span their items.
            if n.kind == BlockKind::List && n.range.end < end {
                n.range.end = end;
            }
            cur = n.parent;
        }
    }
}

/// One open list while segmenting: the list node, the marker class its
/// items carry, and whether unmarked lines are items of it.
#[derive(Debug, Clone)]
struct OpenList {
    id: BlockId,
    /// Marker class of its items; `None` while only unmarked items were seen.
    class: Option<MarkerClass>,
    /// Announced by a heading-like item ("Actions", "Groupes de travail"):
    /// unmarked lines are items until the next heading.
    announced_by_heading: bool,
    /// Announced by a line ending with ":": unmarked lines are items only
    /// while no marked item was seen.
    announced_by_colon: bool,
    /// The last item pushed, parent of a nested list.
    last_item: Option<BlockId>,
}

/// Segments a normalized document. A marked-up document (HTML) gets the
/// blocks of its markup (`markup`).
pub fn segment(doc: &NormDoc) -> BlockTree {
    if let Some(s) = &doc.structure {
        return markup::build(doc, s);
    }
    let mut tree = BlockTree::default();
    let title_line = classify::title_line(doc);
    // Table of contents and section headings (long documents).
    let roles = sections::roles(doc);
    // Stack of open lists, outermost first.
    let mut stack: Vec<OpenList> = Vec::new();
    // A line that announces a list (heading "Actions", "… :") not yet opened.
    let mut pending: Option<(Option<BlockId>, bool, bool)> = None;
    // The last ordinal of each marker class met at the top level ("II."
    // of "I. … II. …"): a later "III." continues that numbering at the
    // top, even when lists of other markers are open ("III. LA
    // GOUVERNANCE" after "Action 3.3 –").
    let mut top_ordinal: Vec<(MarkerClass, u32)> = Vec::new();

    for (i, line) in doc.lines.iter().enumerate() {
        let Some(text) = doc.text.get(line.range.clone()) else {
            continue;
        };
        // The rows of a table are one block; it closes lists.
        if let Some(row) = line.table {
            stack.clear();
            pending = None;
            match tree.last_root_mut() {
                Some(prev) if prev.kind == BlockKind::Table && prev.table == Some(row.table) => {
                    prev.range.end = line.range.end;
                    prev.content.end = line.range.end;
                }
                _ => {
                    let id =
                        tree.push_root(BlockKind::Table, line.range.clone(), line.range.clone());
                    if let Some(n) = tree.nodes.get_mut(id.index()) {
                        n.table = Some(row.table);
                    }
                }
            }
            continue;
        }
        match roles.get(i).copied() {
            Some(sections::Role::TocEntry {
                level,
                title_len,
                page,
            }) => {
                stack.clear();
                pending = None;
                let toc = match tree.roots.last().copied() {
                    Some(id) if tree.get(id).kind == BlockKind::Toc => id,
                    _ => tree.push_root(
                        BlockKind::Toc,
                        line.range.start..line.range.start,
                        line.range.start..line.range.start,
                    ),
                };
                let start = line.range.start;
                tree.push(Node {
                    kind: BlockKind::TocEntry,
                    level,
                    marker: None,
                    range: line.range.clone(),
                    content: start..start + title_len,
                    parent: Some(toc),
                    children: Vec::new(),
                    table: None,
                    page_ref: page,
                });
                if let Some(n) = tree.nodes.get_mut(toc.index()) {
                    n.range.end = line.range.end;
                }
                continue;
            }
            Some(sections::Role::Heading { level }) => {
                stack.clear();
                pending = None;
                let id = tree.push_root(BlockKind::Heading, line.range.clone(), line.range.clone());
                if let Some(n) = tree.nodes.get_mut(id.index()) {
                    n.level = level;
                }
                if announces_by_words(text) {
                    pending = Some((Some(id), true, false));
                }
                continue;
            }
            _ => {}
        }
        let marker = list_marker(text);
        let content = match marker {
            Some(m) => {
                let rest = text.get(m.len()..).unwrap_or("");
                let skip = rest.len() - rest.trim_start().len();
                line.range.start + m.len() + skip..line.range.end
            }
            None => line.range.clone(),
        };

        // A rule under a heading or between sections: its own block, which
        // closes lists; the line it underlines is a heading.
        if marker.is_none() && is_rule_line(text) {
            stack.clear();
            pending = None;
            if let Some(prev) = tree.last_root_mut() {
                if prev.kind == BlockKind::Paragraph {
                    prev.kind = BlockKind::Heading;
                }
            }
            tree.push_root(BlockKind::Rule, line.range.clone(), content);
            continue;
        }

        // Titles and strong headings close every list.
        let strong_heading = marker.is_none()
            && (Some(i) == title_line
                || is_territory_heading(text)
                || classify::is_caps_line(text));
        if strong_heading {
            stack.clear();
            pending = None;
            let kind = if Some(i) == title_line {
                BlockKind::Title
            } else {
                BlockKind::Heading
            };
            let id = tree.push_root(kind, line.range.clone(), content);
            if announces_by_words(text) {
                pending = Some((Some(id), true, false));
            }
            continue;
        }

        if let Some(m) = marker {
            let class = MarkerClass::of(m);
            // Find where this marker class lives in the stack.
            let mut found = stack.iter().rposition(|l| l.class == Some(class));
            // "i." read as a letter, then "ii.": the list was numbered in
            // lowercase roman numerals from its first item.
            if found.is_none() && class == MarkerClass::Roman {
                let body = m.trim_end_matches(['.', ')']);
                if body == "ii" {
                    found = stack.iter().rposition(|l| {
                        l.class == Some(MarkerClass::Letter)
                            && l.last_item
                                .and_then(|id| tree.get(id).marker.as_deref())
                                .is_some_and(|mk| mk.trim_end_matches(['.', ')']) == "i")
                    });
                    if let Some(l) = found.and_then(|pos| stack.get_mut(pos)) {
                        l.class = Some(MarkerClass::Roman);
                    }
                }
            }
            match found {
                Some(pos) => {
                    stack.truncate(pos + 1);
                    pending = None;
                }
                None => {
                    let continues_top = !stack.is_empty()
                        && classify::marker_ordinal(m).is_some_and(|n| {
                            top_ordinal
                                .iter()
                                .any(|&(c, last)| c == class && last + 1 == n)
                        });
                    if continues_top {
                        stack.clear();
                    }
                    // A mixed announced list takes the first marker class it
                    // meets (Orne: unmarked items and "→" items together).
                    let mixed = stack.last().is_some_and(|l| {
                        l.class.is_none() && l.announced_by_heading && pending.is_none()
                    });
                    if mixed {
                        if let Some(top) = stack.last_mut() {
                            top.class = Some(class);
                        }
                    } else {
                        open_list(
                            &mut tree,
                            &mut stack,
                            &mut pending,
                            Some(class),
                            line.range.start,
                        );
                    }
                }
            }
            push_item(&mut tree, &mut stack, Some(m), line.range.clone(), content);
            if stack.len() == 1 {
                if let Some(n) = classify::marker_ordinal(m) {
                    top_ordinal.retain(|&(c, _)| c != class);
                    top_ordinal.push((class, n));
                }
            }
            if let Some(top) = stack.last() {
                let item_text = doc.text.get(top_item_content(&tree, top)).unwrap_or("");
                if announces_by_words(item_text) {
                    pending = Some((top.last_item, true, false));
                } else if text.trim_end().ends_with(':') {
                    pending = Some((top.last_item, false, true));
                }
            }
            continue;
        }

        // Unmarked line. A list name ("Actions") on its own line starts a
        // new list rather than continuing the open one (renderings that
        // draw the bullets as shapes leave it unmarked).
        let announcer = announces_by_words(text);
        if pending.is_some() && !announcer && classify::could_be_item(text) {
            open_list(&mut tree, &mut stack, &mut pending, None, line.range.start);
            push_item(&mut tree, &mut stack, None, line.range.clone(), content);
            continue;
        }
        // An enumeration by semicolons ends with its full stop: "… ;" / "…
        // ;" / "renforcer les CMP." and the next line is a paragraph.
        let ended = stack.last().is_some_and(|l| {
            let items = &tree.get(l.id).children;
            let text_of = |k: usize| {
                items
                    .get(k)
                    .and_then(|&c| doc.text.get(tree.get(c).content.clone()))
                    .map(str::trim_end)
                    .unwrap_or("")
            };
            let n = items.len();
            n >= 2 && text_of(n - 1).ends_with('.') && text_of(n - 2).ends_with(';')
        });
        // A sentence after a blank line closes a list of unpunctuated
        // items: "Ouvrir un centre de crise" / "" / "La suite du texte.".
        let closes = line.gap_before
            && text.trim_end().ends_with('.')
            && stack.last().is_some_and(|l| {
                tree.get(l.id).children.last().is_some_and(|&c| {
                    !doc.text
                        .get(tree.get(c).content.clone())
                        .unwrap_or("")
                        .trim_end()
                        .ends_with(['.', ';', ','])
                })
            });
        let joins_open = !announcer
            && !ended
            && !closes
            && stack.last().is_some_and(|l| {
                (l.announced_by_heading || (l.announced_by_colon && l.class.is_none()))
                    && classify::could_be_item(text)
            });
        if joins_open {
            push_item(&mut tree, &mut stack, None, line.range.clone(), content);
            continue;
        }

        // A paragraph or a heading: lists end here.
        stack.clear();
        pending = None;
        let heading = classify::is_heading_shape(text);
        let kind = if heading {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let id = tree.push_root(kind, line.range.clone(), content);
        // A heading over an enumeration by semicolons announces it as a
        // colon would: "Les quatre priorités du projet" / "L’accès aux
        // soins … ;" / "la pédopsychiatrie … ;" / … / "la prévention du
        // suicide."
        // (Not a table's label row: "Public ⇥ Adultes …" / "Objectifs ⇥
        // – réduire … ;".)
        let semicolons = heading
            && !text.contains('\t')
            && (1..=2).all(|k| {
                doc.lines
                    .get(i + k)
                    .and_then(|l| doc.text.get(l.range.clone()))
                    .is_some_and(|l| l.trim_end().ends_with(';') && !l.contains('\t'))
            });
        if announces_by_words(text) {
            pending = Some((Some(id), true, false));
        } else if text.trim_end().ends_with(':') || semicolons {
            pending = Some((Some(id), false, true));
        }
    }
    // Grown by doubling, a node a line: up to half of it spare, held
    // through extraction (a text of list items: 10 MB of spare nodes for
    // 10 MB of text). A large block shrinks in place.
    tree.nodes.shrink_to_fit();
    tree.roots.shrink_to_fit();
    tree
}

fn top_item_content(tree: &BlockTree, top: &OpenList) -> Range<usize> {
    top.last_item
        .map(|id| tree.get(id).content.clone())
        .unwrap_or(0..0)
}

/// Opens a list: nested under the last item of the innermost open list when
/// a list is open, else at top level.
fn open_list(
    tree: &mut BlockTree,
    stack: &mut Vec<OpenList>,
    pending: &mut Option<(Option<BlockId>, bool, bool)>,
    class: Option<MarkerClass>,
    start: usize,
) {
    let (announcer, by_heading, by_colon) = pending.take().unwrap_or((None, false, false));
    // A list announced by a top-level heading or paragraph is a sibling
    // after it; one announced by a list item nests under that item.
    let parent = match announcer {
        Some(a) if tree.get(a).kind == BlockKind::ListItem => Some(a),
        Some(_) => {
            stack.clear();
            None
        }
        None => stack.last().and_then(|l| l.last_item),
    };
    if parent.is_none() {
        stack.clear();
    }
    let level = stack.len() as u32 + 1;
    let id = tree.push(Node {
        kind: BlockKind::List,
        level,
        marker: None,
        range: start..start,
        content: start..start,
        parent,
        children: Vec::new(),
        table: None,
        page_ref: None,
    });
    stack.push(OpenList {
        id,
        class,
        announced_by_heading: by_heading,
        announced_by_colon: by_colon,
        last_item: None,
    });
}

fn push_item(
    tree: &mut BlockTree,
    stack: &mut [OpenList],
    marker: Option<&str>,
    range: Range<usize>,
    content: Range<usize>,
) {
    let Some(top) = stack.last_mut() else {
        return;
    };
    let level = tree.get(top.id).level;
    let end = range.end;
    let id = tree.push(Node {
        kind: BlockKind::ListItem,
        level,
        marker: marker.map(str::to_string),
        range,
        content,
        parent: Some(top.id),
        children: Vec::new(),
        table: None,
        page_ref: None,
    });
    top.last_item = Some(id);
    let list = top.id;
    tree.extend_to(list, end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> NormDoc {
        match crate::ingest::read("t.txt", text.as_bytes(), &Default::default()) {
            Ok(raw) => crate::normalize::normalize(&raw),
            Err(_) => NormDoc::default(),
        }
    }

    fn leaves_cover_every_line(doc: &NormDoc, tree: &BlockTree) {
        let leaves: Vec<_> = tree.leaves().map(|(_, n)| n.range.clone()).collect();
        let lines: Vec<_> = doc.lines.iter().map(|l| l.range.clone()).collect();
        assert_eq!(leaves, lines);
    }

    #[test]
    fn a_saved_pages_consent_banner_masthead_and_breadcrumb_are_no_title() {
        let doc = norm("Nous respectons votre vie privée\nAvec votre accord, nous et nos partenaires utilisons des cookies ou technologies similaires pour stocker des informations.\nAccepter et fermer\nParamétrer\n\nLa Montagne\nMenu\nS'abonner\n\nAccueil\nAuvergne-Rhône-Alpes\nHaute-Loire\nLe Puy-en-Velay\n\nSanté\nSanté mentale : la Haute-Loire lance son deuxième projet territorial\n\nPrès de 250 professionnels ont participé aux assises.\n");
        let title = classify::title_line(&doc).and_then(|i| doc.lines.get(i));
        assert_eq!(
            title.and_then(|l| doc.text.get(l.range.clone())),
            Some("Santé mentale : la Haute-Loire lance son deuxième projet territorial")
        );
        // A site's official banner neither.
        let doc = norm("Nous utilisons des cookies pour améliorer votre expérience.\nTout accepter   Tout refuser   Personnaliser\n\nSaint-Brieuc\nSite officiel de la Ville de Saint-Brieuc\nAccueil\nMa ville\n\nAccueil > Actualités > Santé\n\nSanté mentale : deux semaines pour en parler\n\nPublié le 25 septembre 2023\n");
        let title = classify::title_line(&doc).and_then(|i| doc.lines.get(i));
        assert_eq!(
            title.and_then(|l| doc.text.get(l.range.clone())),
            Some("Santé mentale : deux semaines pour en parler")
        );
    }

    #[test]
    fn a_sentence_after_a_blank_line_closes_a_list_of_unpunctuated_items() {
        let doc = norm("Le projet territorial de santé mentale du Calvados\n\nLe PTSM a été arrêté en 2020. Les 3 actions du PTSM :\nCréer une équipe mobile de crise\nFormer les médecins généralistes\nOuvrir un centre de crise\n\nLa suite du texte.\n");
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let kinds: Vec<_> = tree.roots.iter().map(|&r| tree.get(r).kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::List,
                BlockKind::Paragraph
            ]
        );
        let list = tree.get(tree.roots[2]);
        assert_eq!(list.children.len(), 3);
    }

    #[test]
    fn orne_mixed_arrow_and_unmarked_items_form_one_list() {
        let doc = norm(
            "Titre du communiqué\n\nProjet Territorial de santé de l’Orne\n\n8 groupes de réflexion et 5 actions\n\n• Groupes de travail\n\nPsychiatrie périnatale\n\n→ Parcours des Personnes âgées\n\n→ Volet psychiatrique du SAS\n\nRéhabilitation par le logement\n\n• Actions\n\nStructuration du parcours\n\nDéploiement des consultations - priorité 2\n",
        );
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let kinds: Vec<_> = tree.roots.iter().map(|&r| tree.get(r).kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::List
            ]
        );
        let outer = tree.get(tree.roots[3]);
        assert_eq!(outer.children.len(), 2);
        let groups = tree.get(outer.children[0]);
        assert_eq!(groups.children.len(), 1);
        let inner = tree.get(groups.children[0]);
        assert_eq!(inner.kind, BlockKind::List);
        assert_eq!(inner.level, 2);
        assert_eq!(inner.children.len(), 4);
        let actions = tree.get(outer.children[1]);
        let inner = tree.get(actions.children[0]);
        assert_eq!(inner.children.len(), 2);
    }

    /// A short heading over lines that end with ";" and a last with "."
    /// announces them; a table's label row does not.
    #[test]
    fn a_heading_announces_an_enumeration_by_semicolons() {
        let doc = norm(
            "Titre de l’article\n\nUn long paragraphe d’introduction qui se termine par un point.\n\nLes quatre priorités du projet\nL’accès aux soins de proximité ;\nla pédopsychiatrie ;\nle logement ;\nla prévention du suicide.\n\nUn paragraphe après la liste, qui se termine.\n",
        );
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let kinds: Vec<_> = tree.roots.iter().map(|&r| tree.get(r).kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::List,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(tree.get(tree.roots[3]).children.len(), 4);
    }

    /// A fiche's labelled fields after its objectives are no items.
    #[test]
    fn a_fiches_fields_close_its_objectives() {
        let doc = norm(
            "FICHE N°1 : RENFORCER LA PSYCHIATRIE DE SECTEUR\nObjectifs\n- ouvrir une antenne de CMP\n- assurer une présence infirmière\nPilote : CHM – Dr Anrifa Soilihi\nFinancement : 1 200 000 €\nIndicateurs : nombre d’antennes ouvertes\n",
        );
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        // (The fiche's title is a labelled item of its own list.)
        let list = tree
            .roots
            .iter()
            .map(|&r| tree.get(r))
            .rfind(|n| n.kind == BlockKind::List)
            .expect("a list");
        assert_eq!(list.children.len(), 2);
    }

    #[test]
    fn colon_announces_marked_list_and_dash_nests_under_bullet() {
        let doc = norm(
            "Titre\n\nQuatre thèmes clés ont émergé :\n\n• Premier thème,\n\n• Second thème.\n\n– sous-point a\n\n– sous-point b\n\n• Troisième\n\nUn paragraphe assez long qui se termine par un point et ferme la liste.\n",
        );
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let list = tree.get(tree.roots[2]);
        assert_eq!(list.kind, BlockKind::List);
        assert_eq!(list.children.len(), 3);
        let second = tree.get(list.children[1]);
        let nested = tree.get(second.children[0]);
        assert_eq!(nested.level, 2);
        assert_eq!(nested.children.len(), 2);
        assert_eq!(tree.get(nested.children[0]).marker.as_deref(), Some("–"));
        assert_eq!(tree.get(tree.roots[3]).kind, BlockKind::Paragraph);
    }

    #[test]
    fn numbered_and_lettered_markers_nest() {
        let doc = norm("Plan\n\n1. Premier\n\na) sous a\n\nb) sous b\n\n2. Second\n");
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let list = tree.get(tree.roots[1]);
        assert_eq!(list.children.len(), 2);
        let first = tree.get(list.children[0]);
        assert_eq!(tree.get(first.children[0]).children.len(), 2);
    }

    #[test]
    fn lowercase_roman_numerals_from_i_are_one_list() {
        for m in [".", ")"] {
            let doc = norm(&format!(
                "Objectifs\ni{m} Proposer une évaluation ;\nii{m} Réduire les délais ;\niii{m} Accompagner 30 projets.\n"
            ));
            let tree = segment(&doc);
            leaves_cover_every_line(&doc, &tree);
            let list = tree.get(tree.roots[1]);
            assert_eq!(list.kind, BlockKind::List);
            assert_eq!(list.children.len(), 3, "{m}");
        }
        // A lettered list keeps its "i)" after "h)".
        let doc = norm("Plan\n\ng) sept\n\nh) huit\n\ni) neuf\n");
        let tree = segment(&doc);
        assert_eq!(tree.get(tree.roots[1]).children.len(), 3);
    }

    #[test]
    fn an_enumeration_by_semicolons_ends_with_its_full_stop() {
        let doc = norm("Le PTSM du Cher est adopté\n\nLe PTSM prévoit de :\ncréer une équipe mobile ;\nouvrir un centre de crise ;\nrenforcer les CMP.\n\nTexte suivant.\n");
        let tree = segment(&doc);
        leaves_cover_every_line(&doc, &tree);
        let kinds: Vec<BlockKind> = tree.roots.iter().map(|&r| tree.get(r).kind).collect();
        let at = kinds
            .iter()
            .position(|&k| k == BlockKind::List)
            .unwrap_or_else(|| panic!("{kinds:?}"));
        assert_eq!(tree.get(tree.roots[at]).children.len(), 3);
        assert_eq!(kinds[at + 1..], [BlockKind::Paragraph]);
    }

    #[test]
    fn starting_in_and_next_root_follow_document_order() {
        let doc =
            norm("Titre\n\nActions\n\nPremière action\n\nSeconde action\n\nUN FINANCEMENT DÉDIÉ\n");
        let tree = segment(&doc);
        let heading = tree.roots[1];
        let list = tree.next_root(heading).expect("list after heading");
        assert_eq!(tree.get(list).kind, BlockKind::List);
        assert_eq!(tree.get(list).children.len(), 2);
        let r = tree.get(list).range.clone();
        let kinds: Vec<_> = tree.starting_in(r).map(|(_, n)| n.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::List, BlockKind::ListItem, BlockKind::ListItem]
        );
        assert_eq!(tree.next_root(*tree.roots.last().expect("roots")), None);
    }

    #[test]
    fn odd_lines_never_panic_and_keep_every_line() {
        let inputs = [
            "•\n→\n- \n1.\na)\n:\n",
            "Actions\n\n",
            "Groupes de travail :\n• a\n→ b\n– c\n1. d\na) e\nii) f\n· g\nfin.",
            "→ orphelin\n\n  •   espace\n\n😀 émoji : x\n\nPROJET TERRITORIAL DE SANTÉ",
            "Projet Territorial de santé\nProjet Territorial de santé de\n",
        ];
        for s in inputs {
            let doc = norm(s);
            let tree = segment(&doc);
            leaves_cover_every_line(&doc, &tree);
        }
    }

    #[test]
    fn empty_document_gives_empty_tree() {
        let doc = norm("");
        let tree = segment(&doc);
        assert!(tree.nodes.is_empty());
    }
}
