//! Where a block comes from in the page: every element is tagged with its
//! index (`data-ptsm`) before the content is extracted, which moves and
//! renames elements but keeps their attributes; a block then names the
//! element it came from by a CSS selector from the root, as it was in the
//! page (`html > body > div:nth-of-type(2) > article > p:nth-of-type(3)`).

use dom_query::{Document, NodeRef};

/// The attribute that carries an element's index.
pub const ATTR: &str = "data-ptsm";

#[derive(Debug, Default)]
pub struct Paths {
    nodes: Vec<PathNode>,
}

#[derive(Debug)]
struct PathNode {
    parent: Option<u32>,
    tag: Box<str>,
    /// 1-based position among the siblings with the same name, 0 when the
    /// element is the only one.
    nth: u32,
}

impl Paths {
    /// Tags every element of `doc` with its index, in document order.
    pub fn annotate(doc: &Document) -> Paths {
        let mut paths = Paths::default();
        let root = doc.root();
        // Explicit stack: the walk does not recurse, however deep the page.
        let mut stack: Vec<(NodeRef<'_>, Option<u32>, u32)> = Vec::new();
        push_children(&root, None, &mut stack);
        while let Some((node, parent, nth)) = stack.pop() {
            let index = u32::try_from(paths.nodes.len()).unwrap_or(u32::MAX);
            node.set_attr(ATTR, &index.to_string());
            paths.nodes.push(PathNode {
                parent,
                tag: node
                    .node_name()
                    .map_or_else(|| "?".into(), |n| n.to_string().into()),
                nth,
            });
            push_children(&node, Some(index), &mut stack);
        }
        paths
    }

    /// The index `node` was tagged with, or that of its nearest tagged
    /// ancestor (an element the content extraction made).
    pub fn index_of(node: &NodeRef) -> Option<usize> {
        let own = |n: &NodeRef| n.attr(ATTR).and_then(|v| v.parse::<usize>().ok());
        own(node).or_else(|| node.ancestors_it(None).find_map(|a| own(&a)))
    }

    /// The selector of element `index`.
    pub fn path(&self, index: usize) -> String {
        let mut parts = Vec::new();
        let mut cur = self.nodes.get(index);
        // Bounded by the number of elements: a parent always has a
        // smaller index.
        while let Some(n) = cur {
            parts.push(if n.nth > 0 {
                format!("{}:nth-of-type({})", n.tag, n.nth)
            } else {
                n.tag.to_string()
            });
            cur = n.parent.and_then(|p| self.nodes.get(p as usize));
        }
        parts.reverse();
        parts.join(" > ")
    }

    /// The selector of `node` (see [`Paths::index_of`]); empty when it has
    /// no tagged ancestor.
    pub fn path_of(&self, node: &NodeRef) -> String {
        Paths::index_of(node).map_or_else(String::new, |i| self.path(i))
    }
}

/// Pushes the element children of `node` on the stack, last first, with
/// their position among same-named siblings.
fn push_children<'a>(
    node: &NodeRef<'a>,
    parent: Option<u32>,
    stack: &mut Vec<(NodeRef<'a>, Option<u32>, u32)>,
) {
    let children: Vec<NodeRef<'a>> = node.children_it(false).filter(|c| c.is_element()).collect();
    let names: Vec<String> = children
        .iter()
        .map(|c| c.node_name().map(|n| n.to_string()).unwrap_or_default())
        .collect();
    // Count per name, then number in order: two passes over the children.
    let mut totals: Vec<(&str, u32)> = Vec::new();
    for n in &names {
        match totals.iter_mut().find(|(t, _)| t == n) {
            Some((_, c)) => *c += 1,
            None => totals.push((n, 1)),
        }
    }
    let mut seen: Vec<(&str, u32)> = Vec::new();
    let mut numbered = Vec::with_capacity(children.len());
    for (c, n) in children.into_iter().zip(&names) {
        let total = totals.iter().find(|(t, _)| t == n).map_or(1, |(_, k)| *k);
        let k = match seen.iter_mut().find(|(t, _)| t == n) {
            Some((_, k)) => {
                *k += 1;
                *k
            }
            None => {
                seen.push((n, 1));
                1
            }
        };
        numbered.push((c, parent, if total > 1 { k } else { 0 }));
    }
    stack.extend(numbered.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_each_element_from_the_root() {
        let doc = Document::from(
            "<html><body><div><p>a</p><p>b</p><ul><li>x</li></ul></div><div id=x></div></body></html>",
        );
        let paths = Paths::annotate(&doc);
        let second = doc.select("p").nodes().get(1).cloned().expect("two p");
        assert_eq!(
            paths.path_of(&second),
            "html > body > div:nth-of-type(1) > p:nth-of-type(2)"
        );
        let li = doc.select("li").nodes().first().cloned().expect("li");
        assert_eq!(
            paths.path_of(&li),
            "html > body > div:nth-of-type(1) > ul > li"
        );
    }
}
