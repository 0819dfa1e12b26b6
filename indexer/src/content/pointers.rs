//! Code quoted to point at another entry is that entry's, not this one's.
//!
//! A hub entry often lists the messages other entries answer: "`self-signed
//! certificate`: see [Self-signed certificate](self-signed-certificate.md)".
//! Indexed as the hub's own code, such a string makes the hub outrank the
//! entry it points to for exactly that error. A paragraph or list item
//! that links to another entry is a pointer: its inline code stays in the
//! text (its words still count) but is not the entry's code, so it is
//! neither matched exactly nor keyed as an error string nor shown as a chip.
//!
//! The whole block points, not only the sentence with the link: "`module
//! 'json' has no attribute 'dumps'` for a module that has it: a file of
//! yours is imported instead. See [a local file shadows a module](…)."
//! (Measured: by sentence instead, three pastes and two questions fewer on
//! the development sets, one question more.)

/// The open paragraphs and list items, innermost last.
#[derive(Debug, Default)]
pub(super) struct Pointers {
    blocks: Vec<Block>,
}

#[derive(Debug, Default)]
struct Block {
    /// Positions, in the current section's code list, of the inline code
    /// this block quotes.
    code: Vec<usize>,
    /// The block links to another entry.
    links_elsewhere: bool,
}

impl Pointers {
    /// A paragraph or list item starts.
    pub(super) fn open(&mut self) {
        self.blocks.push(Block::default());
    }

    /// The innermost block quotes inline code, at `position` in its
    /// section's code list.
    pub(super) fn code(&mut self, position: usize) {
        if let Some(block) = self.blocks.last_mut() {
            block.code.push(position);
        }
    }

    /// The innermost block links to another entry.
    pub(super) fn link_elsewhere(&mut self) {
        if let Some(block) = self.blocks.last_mut() {
            block.links_elsewhere = true;
        }
    }

    /// The innermost block ends: the positions of the code it quotes to
    /// point elsewhere, last first (to remove them in that order).
    pub(super) fn close(&mut self) -> Vec<usize> {
        match self.blocks.pop() {
            Some(Block {
                mut code,
                links_elsewhere: true,
            }) => {
                code.reverse();
                code
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_in_a_block_linking_elsewhere_is_a_pointer() {
        let mut p = Pointers::default();
        p.open();
        p.code(3);
        p.code(4);
        p.link_elsewhere();
        assert_eq!(p.close(), vec![4, 3]);
    }

    #[test]
    fn code_in_a_block_without_such_a_link_is_the_entrys() {
        let mut p = Pointers::default();
        p.open();
        p.code(0);
        assert!(p.close().is_empty());
    }

    #[test]
    fn a_link_in_an_inner_item_leaves_the_outer_items_code_alone() {
        let mut p = Pointers::default();
        p.open();
        p.code(0);
        p.open();
        p.code(1);
        p.link_elsewhere();
        assert_eq!(p.close(), vec![1]);
        assert!(p.close().is_empty());
    }
}
