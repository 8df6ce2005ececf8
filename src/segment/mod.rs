//! Stage 3: [`NormDoc`] → [`BlockTree`]. Cannot fail, loses no text.
//!
//! Every logical line of the normalized text becomes exactly one leaf
//! block (title, heading, paragraph or list item); list items are grouped
//! under list nodes and nested by marker and indentation. Lists announced
//! by a heading such as "Actions" or "Groupes de travail" are recognised
//! even when their items carry no marker.

use std::num::NonZeroU32;
use std::ops::Range;

use crate::normalize::NormDoc;

pub use crate::model::BlockKind;

/// Index of a node in [`BlockTree::nodes`]; 1-based so that
/// `Option<BlockId>` costs no more than a `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(NonZeroU32);

impl BlockId {
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
    pub fn from_index(i: usize) -> Self {
        BlockId(NonZeroU32::new(i as u32 + 1).expect("block index overflow"))
    }
}

/// The block tree, stored as an arena in document order.
#[derive(Debug, Clone, Default)]
pub struct BlockTree {
    pub nodes: Vec<Node>,
    /// Top-level blocks in order.
    pub roots: Vec<BlockId>,
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

    /// All nodes in document order (pre-order).
    pub fn iter(&self) -> impl Iterator<Item = (BlockId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (BlockId::from_index(i), n))
    }
}

/// Segments a normalized document.
pub fn segment(doc: &NormDoc) -> BlockTree {
    // Placeholder until the real segmenter lands: every line a paragraph.
    let mut tree = BlockTree::default();
    for line in &doc.lines {
        tree.push(Node {
            kind: BlockKind::Paragraph,
            level: 1,
            marker: None,
            range: line.range.clone(),
            content: line.range.clone(),
            parent: None,
            children: Vec::new(),
        });
    }
    tree
}
