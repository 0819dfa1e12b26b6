//! What the callout rewrite ([`super::callouts`]) writes: the body's
//! text with other tools' markup read as CommonMark, and where each line
//! came from, so that an error names the author's line.

use pulldown_cmark::BlockQuoteKind;

use super::callouts::label;

/// A body with its MkDocs and Docusaurus callouts rewritten as GitHub
/// alerts, and where each of its lines came from.
pub struct Rewritten {
    pub text: String,
    /// (byte offset of a line of `text`, byte offset of the line of the
    /// original body it came from), in order.
    origins: Vec<(usize, usize)>,
    /// What each line written now starts with: `> ` per callout open.
    prefix: String,
}

impl Rewritten {
    /// An empty text for a body of `bytes` bytes in `lines` lines.
    pub(super) fn for_body(bytes: usize, lines: usize) -> Self {
        Rewritten {
            text: String::with_capacity(bytes + 64),
            origins: Vec::with_capacity(lines),
            prefix: String::new(),
        }
    }

    /// Lines written from now on start with `prefix` (`> ` per callout
    /// open).
    pub(super) fn set_prefix(&mut self, prefix: &str) {
        self.prefix.clear();
        self.prefix.push_str(prefix);
    }

    /// The offset in the original body of the line that holds `offset` of
    /// the rewritten text: errors name the author's line.
    pub fn origin(&self, offset: usize) -> usize {
        let i = self.origins.partition_point(|&(at, _)| at <= offset);
        self.origins
            .get(i.wrapping_sub(1))
            .map_or(offset, |&(_, from)| from)
    }
}

impl Rewritten {
    /// Adds a line that came from the body's line at `from`, inside the
    /// callouts open there.
    pub(super) fn push(&mut self, from: usize, line: &str) {
        self.origins.push((self.text.len(), from));
        if line.is_empty() {
            self.text.push_str(self.prefix.trim_end());
        } else {
            self.text.push_str(&self.prefix);
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    /// A title in bold, as a paragraph of its own.
    pub(super) fn push_title(&mut self, from: usize, title: &str) {
        self.push(from, "");
        self.push(from, &format!("**{title}**"));
        self.push(from, "");
    }

    /// The alert's first line, and its title in bold.
    pub(super) fn open_callout(
        &mut self,
        from: usize,
        kind: BlockQuoteKind,
        title: Option<String>,
    ) {
        self.push(from, &marker(kind));
        if let Some(title) = title {
            self.push(from, &format!("> **{title}**"));
            self.push(from, ">");
        }
    }
}

/// The first line of a GitHub alert of this kind.
pub(super) fn marker(kind: BlockQuoteKind) -> String {
    format!("> [!{}]", label(kind).to_uppercase())
}
