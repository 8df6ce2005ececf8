//! The block tree of a marked-up document (HTML), built from its
//! [`Structure`] rather than from the shapes of its lines: headings, title,
//! paragraphs, quotations, preformatted lines, tables, and lists nested as
//! the markup nests them.
//!
//! Two things are read from the text, as in a text file, because the
//! markup does not say them:
//! - a list item's marker is the one its line starts with: its own
//!   ("Axe 2 : …", "Action 3.1 – …", "FA n°4 – …"), so that extraction
//!   knows what a list enumerates, else the one the markup draws ("•",
//!   "1.", "a)"), which normalization wrote there;
//! - paragraphs in a row that start with a marker ("- …", "• …", "Axe 1 :
//!   …"), as pages written in a word processor or a rich-text editor have
//!   them, are the items of a list, nested by marker kind as in a text file.
//!
//! No other guessing runs: no heading from a line's shape, no list
//! announced by a heading, no title from capitals.

use std::ops::Range;

use super::{BlockId, BlockTree, MarkerClass, Node};
use crate::model::BlockKind;
use crate::normalize::markup::Structure;
use crate::normalize::{list_marker, NormDoc};

pub(super) fn build(doc: &NormDoc, s: &Structure) -> BlockTree {
    let mut b = Builder {
        s,
        tree: BlockTree::default(),
        node_of: vec![None; s.blocks.len()],
        auto: None,
    };
    for (i, block) in s.blocks.iter().enumerate() {
        if block.kind == BlockKind::List {
            // Made when its first item comes: a list left without items
            // makes no node.
            continue;
        }
        let (Some(first), Some(last)) = (
            doc.lines.get(block.lines.start),
            doc.lines.get(block.lines.end.saturating_sub(1)),
        ) else {
            continue;
        };
        let range = first.range.start..last.range.end;
        let text = doc.text.get(range.clone()).unwrap_or("");
        let marker = list_marker(text);
        if block.kind == BlockKind::Paragraph {
            if let Some(m) = marker {
                let parent = b.resolve(block.parent, range.start);
                let content = after_marker(text, range.clone(), m);
                let id = b.marked_paragraph(parent, m, range, content, i);
                b.node_of[i] = Some(id);
                continue;
            }
        }
        b.auto = None;
        let parent = b.resolve(block.parent, range.start);
        let (marker, content) = match (block.kind, marker) {
            (BlockKind::ListItem, Some(m)) => {
                (Some(m.to_string()), after_marker(text, range.clone(), m))
            }
            (BlockKind::ListItem, None) => (block.marker.clone(), range.clone()),
            // A table's text is in its cells.
            (BlockKind::Table, _) => (None, range.start..range.start),
            _ => (None, range.clone()),
        };
        let level = match block.kind {
            BlockKind::Heading | BlockKind::ListItem => block.level,
            _ => 1,
        };
        let end = range.end;
        let id = b.push(
            Node {
                kind: block.kind,
                level,
                marker,
                range,
                content,
                parent,
                children: Vec::new(),
                table: None,
                page_ref: None,
            },
            Some(i),
        );
        if let Some(p) = parent {
            b.tree.extend_to(p, end);
        }
        b.node_of[i] = Some(id);
    }
    b.tree
}

/// The content of a line after its marker and the spaces after it.
fn after_marker(text: &str, range: Range<usize>, marker: &str) -> Range<usize> {
    let rest = text.get(marker.len()..).unwrap_or("");
    let skip = rest.len() - rest.trim_start().len();
    (range.start + marker.len() + skip).min(range.end)..range.end
}

/// The list that paragraphs with markers make: its parent, and the open
/// lists from the outermost (marker class, list node, last item).
struct Auto {
    parent: Option<BlockId>,
    stack: Vec<(MarkerClass, BlockId, Option<BlockId>)>,
}

struct Builder<'a> {
    s: &'a Structure,
    tree: BlockTree,
    /// The node made for each block of the structure.
    node_of: Vec<Option<BlockId>>,
    auto: Option<Auto>,
}

impl Builder<'_> {
    fn push(&mut self, node: Node, origin: Option<usize>) -> BlockId {
        let id = self.tree.push(node);
        self.tree.origin.push(origin);
        id
    }

    /// The node that block `parent` stands for, making it when it is a
    /// list not made yet (starting at `start`); the parent of a block that
    /// made no node stands in for it.
    fn resolve(&mut self, parent: Option<usize>, start: usize) -> Option<BlockId> {
        let p = parent?;
        if let Some(id) = self.node_of.get(p).copied().flatten() {
            return Some(id);
        }
        let block = self.s.blocks.get(p)?;
        let up = self.resolve(block.parent, start);
        if block.kind != BlockKind::List {
            return up;
        }
        let id = self.push(
            Node {
                kind: BlockKind::List,
                level: block.level,
                marker: None,
                range: start..start,
                content: start..start,
                parent: up,
                children: Vec::new(),
                table: None,
                page_ref: None,
            },
            Some(p),
        );
        if let Some(slot) = self.node_of.get_mut(p) {
            *slot = Some(id);
        }
        Some(id)
    }

    /// How many lists enclose `id`.
    fn depth(&self, mut id: Option<BlockId>) -> u32 {
        let mut d = 0;
        while let Some(i) = id {
            let n = self.tree.get(i);
            if n.kind == BlockKind::List {
                d += 1;
            }
            id = n.parent;
        }
        d
    }

    /// A paragraph that starts with marker `m`: an item of the list such
    /// paragraphs make under `parent`, nested by marker class.
    fn marked_paragraph(
        &mut self,
        parent: Option<BlockId>,
        m: &str,
        range: Range<usize>,
        content: Range<usize>,
        origin: usize,
    ) -> BlockId {
        let class = MarkerClass::of(m);
        let mut auto = match self.auto.take() {
            Some(a) if a.parent == parent && !a.stack.is_empty() => a,
            _ => Auto {
                parent,
                stack: Vec::new(),
            },
        };
        let list = match auto.stack.iter().rposition(|(c, _, _)| *c == class) {
            Some(pos) => {
                auto.stack.truncate(pos + 1);
                auto.stack.get(pos).map(|t| t.1)
            }
            None => None,
        };
        let list = match list {
            Some(l) => l,
            None => {
                let under = auto.stack.last().and_then(|(_, _, last)| *last).or(parent);
                let level = self.depth(under) + 1;
                let list = self.push(
                    Node {
                        kind: BlockKind::List,
                        level,
                        marker: None,
                        range: range.start..range.start,
                        content: range.start..range.start,
                        parent: under,
                        children: Vec::new(),
                        table: None,
                        page_ref: None,
                    },
                    None,
                );
                auto.stack.push((class, list, None));
                list
            }
        };
        let level = self.tree.get(list).level;
        let end = range.end;
        let id = self.push(
            Node {
                kind: BlockKind::ListItem,
                level,
                marker: Some(m.to_string()),
                range,
                content,
                parent: Some(list),
                children: Vec::new(),
                table: None,
                page_ref: None,
            },
            Some(origin),
        );
        self.tree.extend_to(list, end);
        if let Some(top) = auto.stack.last_mut() {
            top.2 = Some(id);
        }
        self.auto = Some(auto);
        id
    }
}
