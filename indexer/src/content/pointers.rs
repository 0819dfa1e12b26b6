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
//! the development sets, one question more.) Code that says only the
//! entry's own statuses stays its own (`502 Bad Gateway` in the 502 hub),
//! and so does code naming its subject (`Reason: OOMKilled` in the
//! OOMKilled entry) or, in an entry that lists no error strings, its id
//! (`…OutOfMemoryError: Metaspace` in `metaspace-oom`, beside a link back
//! to the general heap entry).
//! The code in the very sentence of a link is recorded as a pointer to
//! that entry (`Entry::points_to`): a query with that string is answered
//! there, and the search lets that entry go first.

use std::collections::HashSet;

/// The open paragraphs and list items, innermost last, and the pointers
/// found so far.
#[derive(Debug, Default)]
pub(super) struct Pointers {
    blocks: Vec<Block>,
    /// The words of the entry's statuses.
    status_words: HashSet<String>,
    /// The entry's own names: identifier-like statuses (`OOMKilled`,
    /// `CrashLoopBackOff`) that its title names too.
    own_names: HashSet<String>,
    /// Its statuses' identifier-like words, until the title is known.
    named_statuses: HashSet<String>,
    /// The words of the entry's id (`metaspace`, `oom`), of three letters
    /// or more; none for an entry that lists its error strings.
    id_words: HashSet<String>,
    /// (entry id, the code pointing there) of each pointer so far.
    pub(super) points_to: Vec<(String, String)>,
}

/// The lowercase words of a text (runs of letters and digits).
pub(super) fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A word written like an identifier, not a word of prose: a capital
/// after its first letter (`OOMKilled`, `ImagePullBackOff`, `EACCES`), so
/// that `Failed` or `Waiting` in a title do not count.
fn is_identifier_like(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase) && word.chars().count() >= 3
}

/// A block that pointed elsewhere: the positions of its code, last first
/// (to remove them in that order), the entries it links to, and the
/// positions of the code in the very sentence of a link ("`self-signed
/// certificate`: see [Self-signed](…)"), which names what is answered there.
#[derive(Debug, Default, PartialEq)]
struct Pointing {
    code: Vec<usize>,
    to: Vec<String>,
    beside_link: Vec<usize>,
}

#[derive(Debug, Default)]
struct Block {
    /// Positions, in the current section's code list, of the inline code
    /// this block quotes.
    code: Vec<usize>,
    /// The ids of the entries the block links to.
    links: Vec<String>,
    /// The code of the current sentence, and whether it links elsewhere.
    sentence_code: Vec<usize>,
    sentence_links: bool,
    /// The code of the block's sentences that link elsewhere.
    beside_link: Vec<usize>,
}

impl Block {
    fn end_sentence(&mut self) {
        if std::mem::take(&mut self.sentence_links) {
            self.beside_link.append(&mut self.sentence_code);
        }
        self.sentence_code.clear();
    }
}

/// Text that ends a sentence, or a clause that can point on its own
/// ("…see [A](a.md); when the log says `x`, …").
fn ends_sentence(text: &str) -> bool {
    [". ", "? ", "! ", "; "]
        .iter()
        .any(|end| text.contains(end))
        || text.trim_end().ends_with(['.', '?', '!', ';'])
}

impl Pointers {
    /// The pointers of an entry with these front-matter `statuses` and
    /// `title` (when the front matter gives it; else see [`Pointers::title`]),
    /// and its `id` when it lists no error strings.
    pub(super) fn new(statuses: &[String], title: Option<&str>, id: Option<&str>) -> Pointers {
        let mut pointers = Pointers {
            id_words: id
                .into_iter()
                .flat_map(words_of)
                .filter(|w| w.len() >= 3)
                .collect(),
            status_words: statuses.iter().flat_map(|s| words_of(s)).collect(),
            named_statuses: statuses
                .iter()
                .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| is_identifier_like(w))
                .map(str::to_lowercase)
                .collect(),
            ..Pointers::default()
        };
        if let Some(title) = title {
            pointers.title(title);
        }
        pointers
    }

    /// The entry's title: the statuses it names are the entry's own
    /// subject, so code quoting them stays the entry's even beside a link
    /// ("`Reason: OOMKilled` …, and the pod restarts into
    /// [CrashLoopBackOff](…)" in the OOMKilled entry).
    pub(super) fn title(&mut self, title: &str) {
        self.own_names = words_of(title)
            .filter(|w| self.named_statuses.contains(w))
            .collect();
    }

    /// A paragraph or list item starts.
    pub(super) fn open(&mut self) {
        self.blocks.push(Block::default());
    }

    /// Text of the innermost block (outside code and headings).
    pub(super) fn text(&mut self, text: &str) {
        if let Some(block) = self.blocks.last_mut() {
            if ends_sentence(text) {
                block.end_sentence();
            }
        }
    }

    /// The innermost block quotes inline code, at `position` in its
    /// section's code list.
    pub(super) fn code(&mut self, position: usize) {
        if let Some(block) = self.blocks.last_mut() {
            block.code.push(position);
            block.sentence_code.push(position);
        }
    }

    /// The innermost block links to another entry, `id`.
    pub(super) fn link_elsewhere(&mut self, id: &str) {
        if let Some(block) = self.blocks.last_mut() {
            block.links.push(id.to_string());
            block.sentence_links = true;
        }
    }

    /// The innermost block ends: the code it quotes to point elsewhere
    /// leaves `code` (its section's code list), unless it is the entry's
    /// own ([`Pointers::is_own_code`]); the code in a link's own sentence is recorded in
    /// [`Pointers::points_to`].
    pub(super) fn close_into(&mut self, code: &mut Vec<String>, shared: &HashSet<String>) {
        let pointing = self.close();
        for position in pointing.code {
            if position >= code.len()
                || self.is_own_code(&code[position])
                || self.names_own_id(&code[position], &pointing.to, shared)
            {
                continue;
            }
            let quoted = code.remove(position);
            if pointing.beside_link.contains(&position) {
                let to = pointing.to.iter().map(|id| (id.clone(), quoted.clone()));
                self.points_to.extend(to);
            }
        }
    }

    /// Code that stays the entry's beside a link: it says only the entry's
    /// statuses, or names its own subject.
    fn is_own_code(&self, code: &str) -> bool {
        words_of(code).all(|w| self.status_words.contains(&w))
            || words_of(code).any(|w| self.own_names.contains(&w))
    }

    /// Code naming a word of the entry's id and no word of the ids the
    /// block links to (words many ids share, such as `nginx`, aside):
    /// `java.lang.OutOfMemoryError: Metaspace` in `metaspace-oom`, whose
    /// intro ends "For heap exhaustion see [Java heap space](…)". Only for
    /// an entry that lists no error strings ([`Pointers::new`] gets no id
    /// otherwise): it is keyed by the code it quotes, and would lose its
    /// own message to a "see also". (A class name's package is not a word
    /// of the code.)
    fn names_own_id(&self, code: &str, to: &[String], shared: &HashSet<String>) -> bool {
        let mut unqualified = code.to_string();
        for package in crate::analysis::namespace_prefixes(code).into_iter().rev() {
            unqualified.replace_range(package, " ");
        }
        let words: HashSet<String> = words_of(&unqualified).collect();
        let names = |w: &String| words.contains(w) && !shared.contains(w);
        self.id_words.iter().any(names)
            && !to
                .iter()
                .flat_map(|id| words_of(id))
                .any(|w| !self.id_words.contains(&w) && names(&w))
    }

    /// The innermost block ends: what it points to, if it links to
    /// another entry.
    fn close(&mut self) -> Pointing {
        match self.blocks.pop() {
            Some(mut block) if !block.links.is_empty() => {
                block.end_sentence();
                block.code.reverse();
                Pointing {
                    code: block.code,
                    to: block.links,
                    beside_link: block.beside_link,
                }
            }
            _ => Pointing::default(),
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
        p.link_elsewhere("other");
        let pointing = p.close();
        assert_eq!(pointing.code, [4, 3]);
        assert_eq!(pointing.to, ["other"]);
        assert_eq!(pointing.beside_link, [3, 4]);
    }

    #[test]
    fn code_in_a_block_without_such_a_link_is_the_entrys() {
        let mut p = Pointers::default();
        p.open();
        p.code(0);
        assert_eq!(p.close(), Pointing::default());
    }

    #[test]
    fn a_link_in_an_inner_item_leaves_the_outer_items_code_alone() {
        let mut p = Pointers::default();
        p.open();
        p.code(0);
        p.open();
        p.code(1);
        p.link_elsewhere("other");
        assert_eq!(p.close().code, [1]);
        assert_eq!(p.close(), Pointing::default());
    }

    #[test]
    fn only_code_in_the_sentence_of_the_link_names_what_is_answered_there() {
        let mut p = Pointers::default();
        p.open();
        p.text("Python raises ");
        p.code(0);
        p.text(" with the key. Missing variables raise the same error: ");
        p.code(1);
        p.text(", see ");
        p.link_elsewhere("env");
        p.text("KeyError for a variable");
        p.text(".");
        let pointing = p.close();
        assert_eq!(pointing.code, [1, 0], "the whole block points");
        assert_eq!(pointing.beside_link, [1]);
    }
}
