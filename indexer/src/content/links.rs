//! Links between entries: a relative link to another entry's `.md` file
//! names that entry, whose page it becomes.

use std::collections::{HashMap, HashSet};

use super::LinkMap;

/// A word of more ids than this names none of them
/// ([`LinkMap::shared_id_words`]).
const SHARED_ID_WORD: usize = 2;

/// The link from one entry's page to another's (pages are siblings in
/// the site's `entries/` folder).
fn permalink(id: &str) -> String {
    format!("{id}.html")
}

/// Is `dest` a relative link to a markdown file?
pub(super) fn is_relative_md(dest: &str) -> bool {
    let file = dest.split('#').next().unwrap_or("");
    !dest.contains("://")
        && !dest.starts_with('/')
        && (file.ends_with(".md") || file.ends_with(".mdx") || file.ends_with(".markdown"))
}

impl LinkMap {
    /// The page (and anchor) of the entry that `dest`, a link in the file
    /// at `from`, names.
    pub(super) fn permalink_of(&self, from: &str, dest: &str) -> Option<String> {
        let id = self.ids_by_path.get(&link_path(from, dest)?)?;
        let mut link = permalink(id);
        if let Some((_, f)) = dest.split_once('#') {
            link.push('#');
            link.push_str(f);
        }
        Some(link)
    }

    /// The page of the entry a wikilink names (`Log rotation`,
    /// `ops/Log rotation`, case aside).
    pub(super) fn wiki_target(&self, name: &str) -> Option<String> {
        let name = name.trim_end_matches(".md").to_lowercase();
        self.ids_by_name.get(&name).map(|id| permalink(id))
    }

    /// Fills [`LinkMap::ids_by_name`] from the paths: where names repeat,
    /// the file nearest the root has the name (as Obsidian resolves it).
    pub fn index_names(&mut self) {
        let mut paths: Vec<(&String, &String)> = self.ids_by_path.iter().collect();
        paths.sort_by_key(|(p, _)| (p.matches('/').count(), p.as_str()));
        for (path, id) in paths {
            let without = path.rsplit_once('.').map_or(path.as_str(), |(p, _)| p);
            let name = without.rsplit('/').next().unwrap_or(without);
            for key in [name, without] {
                self.ids_by_name
                    .entry(key.to_lowercase())
                    .or_insert_with(|| id.clone());
            }
        }
    }

    /// Fills [`LinkMap::shared_id_words`] from the ids.
    pub fn index_id_words(&mut self) {
        let mut ids_with: HashMap<String, usize> = HashMap::new();
        for id in self.ids_by_path.values() {
            let words: HashSet<String> = super::pointers::words_of(id).collect();
            for w in words {
                *ids_with.entry(w).or_default() += 1;
            }
        }
        self.shared_id_words = ids_with
            .into_iter()
            .filter(|&(_, n)| n > SHARED_ID_WORD)
            .map(|(w, _)| w)
            .collect();
    }

    /// The id of the entry `dest`, a link in the file at `from`, names, if
    /// another one's (not the linking entry's own).
    pub(super) fn entry_elsewhere(&self, from: &str, dest: &str) -> Option<String> {
        let id = self.ids_by_path.get(&link_path(from, dest)?)?;
        (self.ids_by_path.get(from) != Some(id)).then(|| id.clone())
    }
}

/// The content path a relative `.md` link in the file at `from` names.
fn link_path(from: &str, dest: &str) -> Option<String> {
    if !is_relative_md(dest) {
        return None;
    }
    let file = dest.split('#').next().unwrap_or(dest);
    let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for p in file.split('/') {
        match p {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}
