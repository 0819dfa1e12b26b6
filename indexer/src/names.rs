//! Every name the parts of KB Search must agree on, in one place: the
//! files and folders of a built site, the files inside a bundle, the
//! content folder's special files, page URLs, and the DOM ids and labels
//! that the static pages (`site`) and the app both write.
//!
//! `static/*.js` repeats some of these names (JavaScript cannot import
//! them); `indexer/tests/names_in_js.rs` checks that the copies match.

// ── Files and folders of a built site ────────────────────────────────────

/// The search index bundle.
pub const BUNDLE_FILE: &str = "kb.bundle";
/// Folder of the entry shard files of a large knowledge base.
pub const SHARD_DIR: &str = "kb-entries";
/// Folder of the postings files a large knowledge base reads by range.
pub const POSTINGS_DIR: &str = "kb-postings";
/// Folder of the entry pages.
pub const ENTRIES_DIR: &str = "entries";
/// Folder of the pages of categories too long for the home page.
pub const CATEGORIES_DIR: &str = "categories";
/// The home page (the search page).
pub const HOME_PAGE: &str = "index.html";
/// Every page, for crawlers.
pub const SITEMAP: &str = "sitemap.xml";
/// The app's JavaScript glue and its WebAssembly module.
pub const APP_JS: &str = "app.js";
pub const APP_WASM: &str = "app_bg.wasm";
/// The one stylesheet of the pages and the app.
pub const STYLE_CSS: &str = "style.css";
/// Hides what needs JavaScript, linked inside `<noscript>`.
pub const NOSCRIPT_CSS: &str = "noscript.css";
pub const FAVICON: &str = "favicon.svg";
/// Defines `window.kbReady` / `window.kbSearch` before the app loads.
pub const API_JS: &str = "kb-api.js";
/// Starts the app on the home page.
pub const BOOT_JS: &str = "kb-boot.js";
/// Copy buttons and "back" on answer pages.
pub const PAGE_JS: &str = "kb-page.js";
/// The `<kb-search>` element and its stylesheet.
pub const WIDGET_JS: &str = "widget.js";
pub const WIDGET_CSS: &str = "widget.css";
/// The widget inside a mock docs page with hostile CSS.
pub const WIDGET_DEMO_HTML: &str = "widget-demo.html";
pub const WIDGET_DEMO_CSS: &str = "widget-demo.css";
/// Shown by static hosts (and `kb serve`) for a missing page.
pub const NOT_FOUND_PAGE: &str = "404.html";
/// Tells crawlers where the sitemap is.
pub const ROBOTS: &str = "robots.txt";

/// The path of an entry shard file, relative to the bundle's folder (the
/// same name is used for a shard embedded in the bundle).
pub fn shard_path(shard: u32) -> String {
    format!("{SHARD_DIR}/{shard:05}.json")
}

/// Where a postings file of the index (its path inside the index) is
/// fetched from, relative to the bundle's folder.
pub fn postings_path(index_path: &std::path::Path) -> String {
    format!("{POSTINGS_DIR}/{}", index_path.display())
}

/// The index path of the file fetched from `postings_path` (the inverse
/// of [`postings_path`]), if it is one.
pub fn index_path_of(postings_path: &str) -> Option<&std::path::Path> {
    let inner = postings_path
        .strip_prefix(POSTINGS_DIR)?
        .strip_prefix('/')?;
    Some(std::path::Path::new(inner))
}

/// The URL path of an entry's page, relative to the site root.
pub fn entry_path(id: &str) -> String {
    format!("{ENTRIES_DIR}/{}.html", encode_component(id))
}

/// The URL of an entry's page (and section anchor), relative to `base`
/// (the site root as seen from the linking page: `""`, `"../"` or a URL).
pub fn entry_href(base: &str, id: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("{base}{}#{}", entry_path(id), encode_component(a)),
        None => format!("{base}{}", entry_path(id)),
    }
}

/// Percent-encodes like JavaScript's `encodeURIComponent`.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ── Files inside a bundle ────────────────────────────────────────────────

/// The entry catalog (id, title, category, statuses of every entry).
pub const BUNDLE_CATALOG: &str = "catalog.json";
/// The synonym groups, as JSON.
pub const BUNDLE_SYNONYMS: &str = "synonyms.json";
/// Prefix of the tantivy index files.
pub const BUNDLE_INDEX_PREFIX: &str = "index/";
/// Prefix of the loaded parts of a postings file kept outside the bundle.
pub const BUNDLE_SPARSE_PREFIX: &str = "sparse/";
/// In a split bundle: the Bloom filter of the error phrases' first two
/// parts ([`crate::phrase_filter`]).
pub const BUNDLE_PHRASE_FILTER: &str = "phrase-starts.bloom";

// ── The content folder ───────────────────────────────────────────────────

/// Optional synonym groups at the root of a content folder.
pub const CONTENT_SYNONYMS: &str = "synonyms.txt";

// ── The DOM the static pages and the app share ───────────────────────────

/// Element the search app mounts into (the home page's placeholder).
pub const APP_ROOT_ID: &str = "kb-app";
/// The search box.
pub const SEARCH_BOX_ID: &str = "kb-q";
/// The home page's static list of every entry.
pub const STATIC_LIST_ID: &str = "kb-static";
/// The result listbox.
pub const RESULTS_ID: &str = "kb-results";
/// The facet chips, which fold behind the filter button on phones.
pub const FACETS_ID: &str = "kb-facets";
/// The filter button's text (with the number of filters on after it).
pub const FILTER_LABEL: &str = "Filter";
/// `<meta name=...>` through which a page names its bundle URL.
pub const BUNDLE_META: &str = "kb-bundle";
/// The search box's accessible name.
pub const SEARCH_LABEL: &str = "Search the knowledge base";
/// The search page box's placeholder.
pub const SEARCH_PLACEHOLDER: &str = "Paste an error or ask a question…";

/// Id of the `i`-th result option (the box's `aria-activedescendant`).
pub fn option_id(i: usize) -> String {
    format!("kb-opt-{i}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_urls_encode_like_encode_uri_component() {
        assert_eq!(entry_path("E0382"), "entries/E0382.html");
        assert_eq!(
            entry_href("../", "a b", Some("über-fix")),
            "../entries/a%20b.html#%C3%BCber-fix"
        );
        assert_eq!(entry_href("", "x.y_z-1", None), "entries/x.y_z-1.html");
    }

    #[test]
    fn shard_and_postings_paths_sit_in_their_folders() {
        assert_eq!(shard_path(3), "kb-entries/00003.json");
        assert_eq!(
            postings_path(std::path::Path::new("abc.idx")),
            "kb-postings/abc.idx"
        );
    }
}
