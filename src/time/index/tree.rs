//! The centered interval tree that finds the long spans reaching into a
//! window.

use super::{Day, NONE, Visibility};

/// One node of the centered interval tree. Its intervals all contain `center`
/// and sit at `start..start + len` in both the `bs_*` and the `be_*` arrays.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    center: Day,
    start: u32,
    len: u32,
    pub(super) left: u32,
    pub(super) right: u32,
}

/// Centered interval tree in flat arrays (no boxes): nodes plus, per node, its
/// intervals in two orders, each as a struct of arrays.
#[derive(Debug, Clone)]
pub(super) struct Tree {
    pub(super) nodes: Vec<Node>,
    pub(super) root: u32,
    // Each node's intervals by earliest_start ascending ...
    bs_key: Vec<Day>,
    bs_ls: Vec<Day>,
    bs_ee: Vec<Day>,
    bs_id: Vec<u32>,
    // ... and by latest_end descending.
    be_key: Vec<Day>,
    be_ls: Vec<Day>,
    be_ee: Vec<Day>,
    be_id: Vec<u32>,
}

impl Tree {
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            nodes: Vec::new(),
            root: NONE,
            bs_key: Vec::with_capacity(n),
            bs_ls: Vec::with_capacity(n),
            bs_ee: Vec::with_capacity(n),
            bs_id: Vec::with_capacity(n),
            be_key: Vec::with_capacity(n),
            be_ls: Vec::with_capacity(n),
            be_ee: Vec::with_capacity(n),
            be_id: Vec::with_capacity(n),
        }
    }

    /// Pushes the intervals that start before day `a` and reach it (end on
    /// or after it), each with `vis(latest start, earliest end)`.
    pub(super) fn stab(
        &self,
        a: Day,
        vis: impl Fn(Day, Day) -> Visibility,
        out: &mut Vec<(u32, Visibility)>,
    ) {
        let mut node = self.root;
        while let Some(nd) = self.nodes.get(node as usize) {
            let (s, e) = (nd.start as usize, (nd.start + nd.len) as usize);
            if a > nd.center {
                // All start before `a`; those ending at or after it stab.
                let run = self.be_key[s..e]
                    .iter()
                    .zip(&self.be_id[s..e])
                    .zip(&self.be_ls[s..e])
                    .zip(&self.be_ee[s..e]);
                for (((&le, &id), &ls), &ee) in run {
                    if le < a {
                        break;
                    }
                    out.push((id, vis(ls, ee)));
                }
                node = nd.right;
            } else {
                // All end at or after `a`; those starting strictly before it stab.
                let run = self.bs_key[s..e]
                    .iter()
                    .zip(&self.bs_id[s..e])
                    .zip(&self.bs_ls[s..e])
                    .zip(&self.bs_ee[s..e]);
                for (((&es, &id), &ls), &ee) in run {
                    if es >= a {
                        break;
                    }
                    out.push((id, vis(ls, ee)));
                }
                // At the center itself nothing below can start before `a` and reach it.
                node = if a < nd.center { nd.left } else { NONE };
            }
        }
    }
}

/// Builds the centered interval tree into flat arrays. Items are positions in
/// the earliest_start order, so keeping their order keeps them sorted by start.
pub(super) struct TreeBuilder<'a> {
    pub(super) es: &'a [Day],
    pub(super) ls: &'a [Day],
    pub(super) ee: &'a [Day],
    pub(super) le: &'a [Day],
    pub(super) id: &'a [u32],
    pub(super) tree: Tree,
}

impl TreeBuilder<'_> {
    /// Returns the node index, or [`NONE`] for no items. The center is the
    /// median start (items are sorted by start): intervals ending before it sit
    /// before the median and ones starting after it after, so each child gets at
    /// most m/2 intervals and the recursion is at most log2(n) + 1 deep.
    /// `by_le` holds the same items by latest end, descending.
    pub(super) fn build(&mut self, items: Vec<u32>, by_le: Vec<u32>) -> u32 {
        let Some(&median) = items.get(items.len() / 2) else {
            return NONE;
        };
        let center = self.es[median as usize];
        // Left (ends before the center), right (starts after it), or here.
        let side = |p: u32| -> u8 {
            if self.le[p as usize] < center {
                0
            } else if self.es[p as usize] > center {
                2
            } else {
                1
            }
        };
        let split = |list: Vec<u32>| {
            let (mut left, mut mid, mut right) = (Vec::new(), Vec::new(), Vec::new());
            for p in list {
                match side(p) {
                    0 => left.push(p),
                    2 => right.push(p),
                    _ => mid.push(p),
                }
            }
            (left, mid, right)
        };
        let (left, mid, right) = split(items);
        let (left_le, mid_le, right_le) = split(by_le);

        let node = self.tree.nodes.len() as u32;
        let start = self.tree.bs_key.len() as u32;
        for &p in &mid {
            let p = p as usize;
            self.tree.bs_key.push(self.es[p]);
            self.tree.bs_ls.push(self.ls[p]);
            self.tree.bs_ee.push(self.ee[p]);
            self.tree.bs_id.push(self.id.get(p).copied().unwrap_or(p as u32));
        }
        for &p in &mid_le {
            let p = p as usize;
            self.tree.be_key.push(self.le[p]);
            self.tree.be_ls.push(self.ls[p]);
            self.tree.be_ee.push(self.ee[p]);
            self.tree.be_id.push(self.id.get(p).copied().unwrap_or(p as u32));
        }
        self.tree.nodes.push(Node {
            center,
            start,
            len: mid.len() as u32,
            left: NONE,
            right: NONE,
        });
        drop((mid, mid_le));
        let l = self.build(left, left_le);
        let r = self.build(right, right_le);
        if let Some(nd) = self.tree.nodes.get_mut(node as usize) {
            nd.left = l;
            nd.right = r;
        }
        node
    }
}
