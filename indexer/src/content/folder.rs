//! Walking a content folder: every `.md` file below it, recursively.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use walkdir::WalkDir;

use super::{
    faq_pages, front_matter, front_matter_only, parse_entry_with_warnings, relative_path,
    too_large, Content, ContentError, LinkMap, MAX_ENTRY_BYTES,
};
use crate::model::Entry;
use crate::synonyms::Synonyms;

/// `.md` or `.markdown`, in any case (`FAQ.MD` is an entry too).
fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "mdx", "markdown"]
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

/// Why a page of front matter alone is no entry.
const LANDING: &str = "skipped: front matter alone, with no title and no text (a site's landing or redirect page); give it a `# Heading` and text to make it an entry";

/// Why a partial is no entry.
const PARTIAL: &str = "skipped: a partial (its name starts with `_`), which Docusaurus and Jekyll pages include rather than show; rename it to make it an entry";

/// A partial: a markdown file whose name starts with `_` (Docusaurus'
/// and Jekyll's convention for text other pages include), other than
/// Hugo's `_index.md`, a folder's own page.
fn is_partial(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| stem.starts_with('_') && !stem.eq_ignore_ascii_case("_index"))
}

/// Reads and validates every markdown file under `root`. Returns all
/// problems found, not only the first.
pub fn load_folder(root: &Path) -> Result<Content, Vec<ContentError>> {
    load_folder_cached(root, &mut ParseCache::default())
}

/// Entries parsed by an earlier load, by file: a file whose text is the
/// same (and whose folder has the same entries, which links depend on) is
/// not parsed again. `kb serve` keeps one across rebuilds.
#[derive(Debug, Default)]
pub struct ParseCache {
    links: HashMap<String, String>,
    /// By file: its text, and what parsing it gave.
    parsed: HashMap<String, (String, Parsed)>,
}

/// An entry and its warnings, or the file's error.
type Parsed = Result<(Entry, Vec<ContentError>), ContentError>;

/// [`load_folder`], reusing and refreshing `cache`.
pub fn load_folder_cached(
    root: &Path,
    cache: &mut ParseCache,
) -> Result<Content, Vec<ContentError>> {
    let root_name = root.display().to_string();
    if !root.is_dir() {
        return Err(vec![ContentError::new(
            root_name,
            0,
            "content folder does not exist or is not a folder",
        )]);
    }
    let (files, mut errors, folder_warnings) = read_files(root);
    if files.is_empty() && errors.is_empty() {
        return Err(vec![ContentError::new(
            root_name,
            0,
            "no markdown files (*.md, *.mdx, *.markdown) found: nothing to index",
        )]);
    }
    let mut content = parse_files(root, &files, &mut errors, cache);
    content.warnings.extend(folder_warnings);
    match read_synonyms(root) {
        Ok(Some(s)) => content.synonyms = s,
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(errors)
    }
}

/// Every markdown file below `root` (path relative to it, text), in name
/// order; the problems met on the way (never a silent skip); warnings
/// (folders without entries).
fn read_files(root: &Path) -> (Vec<(String, String)>, Vec<ContentError>, Vec<ContentError>) {
    let root_name = root.display().to_string();
    let mut errors = Vec::new();
    let mut folders = Vec::new();
    // Files that are not entries (images, data), by relative path.
    let mut assets: Vec<String> = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    // Markdown files that are no entries, and why.
    let mut skipped: Vec<(String, &str)> = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // Hidden files and folders (`.git`, `.obsidian`, `.draft.md`) are
        // not content: skipped by design, as documented.
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root_name.clone());
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this link points back to a folder above it; remove it"
                        .to_string()
                } else {
                    format!("cannot read: {e}")
                };
                errors.push(ContentError::new(at, 0, msg));
                continue;
            }
        };
        if item.file_type().is_dir() && item.depth() > 0 {
            folders.push(item.path().to_path_buf());
        }
        if !item.file_type().is_file() {
            continue;
        }
        let rel = relative_path(root, item.path());
        if !is_markdown(item.path()) {
            assets.push(rel);
            continue;
        }
        if is_partial(item.path()) {
            // Not an entry, but no sign of a forgotten folder either.
            assets.push(rel);
            skipped.push((item.path().display().to_string(), PARTIAL));
            continue;
        }
        match read_text(item.path()) {
            Ok(text) if front_matter_only(&rel, &text) => {
                assets.push(rel);
                skipped.push((item.path().display().to_string(), LANDING));
            }
            Ok(text) => files.push((rel, text)),
            Err(e) => errors.push(e),
        }
    }
    let warnings = folders
        .iter()
        .filter(|f| {
            // A folder of images or data only is no forgotten category.
            let rel = format!("{}/", relative_path(root, f));
            !files.iter().any(|(path, _)| path.starts_with(&rel))
                && !assets.iter().any(|path| path.starts_with(&rel))
        })
        .map(|f| {
            ContentError::new(
                f.display().to_string(),
                0,
                "empty folder: no files below it, so no entries (move entries into it or remove it)",
            )
        })
        .chain(
            skipped
                .into_iter()
                .map(|(path, why)| ContentError::new(path, 0, why)),
        )
        .collect();
    (files, errors, warnings)
}

/// A markdown file's text: at most [`MAX_ENTRY_BYTES`], UTF-8.
fn read_text(path: &Path) -> Result<String, ContentError> {
    let shown = path.display().to_string();
    // Checked before reading: a huge file is never loaded into memory.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_ENTRY_BYTES as u64 {
            return Err(too_large(&shown, meta.len()));
        }
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ContentError::new(shown.clone(), 0, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ContentError::new(
            shown,
            line,
            format!("not valid UTF-8 (byte {valid}); save the file as UTF-8"),
        )
    })
}

/// Parses every file into an entry; ids must be unique.
fn parse_files(
    root: &Path,
    files: &[(String, String)],
    errors: &mut Vec<ContentError>,
    cache: &mut ParseCache,
) -> Content {
    let shown = |rel: &str| root.join(rel).display().to_string();
    let links = link_map(files);
    if cache.links != links.ids_by_path {
        cache.links = links.ids_by_path.clone();
        cache.parsed.clear();
    }
    let present: std::collections::HashSet<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    cache.parsed.retain(|rel, _| present.contains(rel.as_str()));
    let mut content = Content {
        files_read: files.len(),
        ..Content::default()
    };
    let mut first_use: HashMap<String, String> = HashMap::new();
    for (rel, text) in files {
        let parsed = match cache.parsed.get(rel) {
            Some((same, parsed)) if same == text => parsed.clone(),
            _ => {
                let parsed = parse_entry_with_warnings(rel, text, &links);
                cache
                    .parsed
                    .insert(rel.clone(), (text.clone(), parsed.clone()));
                parsed
            }
        };
        match parsed {
            Ok((entry, warnings)) => {
                content
                    .warnings
                    .extend(warnings.into_iter().map(|w| ContentError {
                        file: shown(&w.file),
                        ..w
                    }));
                for entry in faq_pages::split(entry) {
                    let here = shown(rel);
                    if let Some(other) = first_use.get(&entry.id) {
                        errors.push(ContentError::new(
                            here,
                            0,
                            format!("duplicate id `{}`: {other} uses it too; ids must be unique (they are permalinks)", entry.id),
                        ));
                        continue;
                    }
                    first_use.insert(entry.id.clone(), here);
                    content.entries.push(entry);
                }
            }
            Err(e) => errors.push(ContentError {
                file: shown(&e.file),
                ..e
            }),
        }
    }
    content
}

/// The id of every file (a first pass), so that links between entries can
/// be resolved and files named alike get different ids.
fn link_map(files: &[(String, String)]) -> LinkMap {
    let mut links = LinkMap {
        complete: true,
        ..LinkMap::default()
    };
    let mut given: HashSet<String> = HashSet::new();
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for (rel, text) in files {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Ok((fm, _, _)) = front_matter::parse(rel, text) {
            match fm.id {
                Some(id) => {
                    given.insert(id.clone());
                    links.ids_by_path.insert(rel.clone(), id);
                }
                None => by_name.entry(super::default_id(rel)).or_default().push(rel),
            }
        }
    }
    let mut derived: Vec<(String, String)> = Vec::new();
    for (id, paths) in by_name {
        let taken = given.contains(&id);
        derived.extend(
            ids_of_namesakes(id, &paths, taken)
                .into_iter()
                .map(|(rel, id)| (rel.to_string(), id)),
        );
    }
    for (rel, id) in numbered_apart(derived, &given) {
        links.ids_by_path.insert(rel, id);
    }
    links.index_names();
    links.index_id_words();
    links
}

/// Derived ids that are still alike after [`ids_of_namesakes`] (`clang.md`
/// and `clang++.md` both give `clang`; `a/b-c.md` and `a-b/c.md` both
/// give `a-b-c`), or that an entry's own `id:` holds: a file whose name is
/// its id unchanged keeps it (`clang.md`), else the first in path order,
/// and the others get `-2`, `-3`, … in path order. An author who wants
/// other permalinks writes `id:`.
fn numbered_apart(
    mut derived: Vec<(String, String)>,
    given: &HashSet<String>,
) -> Vec<(String, String)> {
    derived.sort();
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, (_, id)) in derived.iter().enumerate() {
        by_id.entry(id.clone()).or_default().push(k);
    }
    let mut used: HashSet<String> = given.clone();
    used.extend(derived.iter().map(|(_, id)| id.clone()));
    for (id, mut holders) in by_id {
        holders.sort_by_key(|&k| (super::renamed(&derived[k].0), k));
        let keeps = usize::from(!given.contains(&id));
        for &k in &holders[keeps..] {
            let free = (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| !used.contains(candidate))
                .expect("some number is free");
            used.insert(free.clone());
            derived[k].1 = free;
        }
    }
    derived
}

/// The ids of the files whose names give the same id (`getting-started.md`
/// at the root and in `insiders/`, as docs folders have): the one nearest
/// the root keeps it, unless another as near or an entry's own `id:` has
/// it; the others are named by their folders too
/// (`insiders-getting-started`).
fn ids_of_namesakes(id: String, paths: &[&str], taken: bool) -> Vec<(String, String)> {
    if let ([only], false) = (paths, taken) {
        return vec![(only.to_string(), id)];
    }
    let depth = |p: &&str| p.matches('/').count();
    let nearest = paths.iter().map(depth).min().unwrap_or(0);
    let mut at_nearest = paths.iter().filter(|p| depth(p) == nearest);
    let keeper = match (at_nearest.next(), at_nearest.next(), taken) {
        (Some(p), None, false) => Some(*p),
        _ => None,
    };
    paths
        .iter()
        .map(|&p| {
            let named = if Some(p) == keeper {
                id.clone()
            } else {
                super::path_id(p)
            };
            (p.to_string(), named)
        })
        .collect()
}

/// The folder's `synonyms.txt`, if it has one.
fn read_synonyms(root: &Path) -> Result<Option<Synonyms>, ContentError> {
    let path = root.join(crate::names::CONTENT_SYNONYMS);
    if !path.is_file() {
        return Ok(None);
    }
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ContentError::new(shown.clone(), 0, format!("cannot read: {e}")))?;
    Synonyms::parse(&text)
        .map(Some)
        .map_err(|(line, msg)| ContentError::new(shown, line, msg))
}
