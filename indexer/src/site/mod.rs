//! The static site: one plain HTML page per entry, a home page listing the
//! entries by category (at most [`HOME_ENTRIES_PER_CATEGORY`] each; longer
//! categories get a page of their own), and `sitemap.xml`.
//!
//! These pages need no JavaScript to read, and a crawler can index them.
//! With JavaScript on they are progressively enhanced: the home page
//! mounts the search app over its static list (`kb-boot.js`), entry pages
//! get the `<kb-search>` widget in their header (`widget.js`). The app and
//! the pages share one stylesheet (`style.css`), so they look the same.
//!
//! Entry HTML was sanitised when the markdown was parsed
//! ([`crate::content`]); every other value is escaped here.
//!
//! `shell` writes what every page shares (head, scripts, header), `pages`
//! the pages themselves, `files` `sitemap.xml` and `robots.txt`; this
//! module writes them all into a folder.

mod files;
mod pages;
mod shell;

pub use shell::content_security_policy;

use std::collections::BTreeSet;
use std::path::Path;

use crate::model::Entry;
use crate::names::{self, entry_path, CATEGORIES_DIR, ENTRIES_DIR};
use files::{robots, sitemap};
use pages::{by_category, category_page, category_paths, entry_page, home_page, not_found_page};

/// The home page lists at most this many entries per category (a home page
/// listing 20,000 entries is megabytes of HTML the browser must parse
/// before the search box works); longer categories link to their page.
pub const HOME_ENTRIES_PER_CATEGORY: usize = 50;

/// Settings of the generated site.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// Name shown in the header and in every `<title>`.
    pub title: String,
    /// Absolute URL the site is served from (`https://kb.example/`), for
    /// canonical links and `sitemap.xml`. Without it both use relative URLs.
    pub url: Option<String>,
    /// A script every page loads, given by its absolute path (`kb serve`'s
    /// live reload); `None` for a site to deploy.
    pub extra_script: Option<String>,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions {
            title: "KB Search".to_string(),
            url: None,
            extra_script: None,
        }
    }
}

/// What [`write_site`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteSummary {
    pub pages: usize,
    /// Entry pages of an earlier build whose entries are gone, removed.
    pub stale_removed: usize,
}

/// Removes the entry pages in `dir` whose entries are not in this build
/// (a site built before into the same folder); returns how many.
fn remove_stale_pages(dir: &Path, entries: &[Entry]) -> std::io::Result<usize> {
    let current: BTreeSet<String> = entries.iter().map(|e| format!("{}.html", e.id)).collect();
    let mut removed = 0;
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if name.ends_with(".html") && !current.contains(&name) && item.file_type()?.is_file() {
            std::fs::remove_file(item.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes `index.html`, `entries/<id>.html`, the pages of long
/// categories, `404.html` and `sitemap.xml` into `out`, and removes the
/// entry pages of an earlier build whose entries are gone.
pub fn write_site(
    entries: &[Entry],
    out: &Path,
    site: &SiteOptions,
) -> std::io::Result<SiteSummary> {
    let dir = out.join(ENTRIES_DIR);
    std::fs::create_dir_all(&dir)?;
    let stale_removed = remove_stale_pages(&dir, entries)?;
    for e in entries {
        std::fs::write(out.join(entry_path(&e.id)), entry_page(site, e))?;
    }
    let groups = by_category(entries);
    let category_pages = category_paths(&groups);
    let categories_dir = out.join(CATEGORIES_DIR);
    if categories_dir.exists() {
        std::fs::remove_dir_all(&categories_dir)?;
    }
    for (category, path) in &category_pages {
        std::fs::create_dir_all(&categories_dir)?;
        let page = category_page(site, category, path, &groups[category.as_str()]);
        std::fs::write(out.join(path), page)?;
    }
    std::fs::write(out.join(names::HOME_PAGE), home_page(site, entries))?;
    let paths: Vec<String> = category_pages.into_values().collect();
    std::fs::write(out.join(names::SITEMAP), sitemap(site, entries, &paths))?;
    std::fs::write(out.join(names::NOT_FOUND_PAGE), not_found_page(site))?;
    std::fs::write(out.join(names::ROBOTS), robots(site))?;
    Ok(SiteSummary {
        pages: entries.len() + paths.len() + 1,
        stale_removed,
    })
}

#[cfg(test)]
mod tests {
    use super::pages::description;
    use super::*;
    use crate::content::parse_entry;

    fn entry(md: &str) -> Entry {
        parse_entry("e.md", md, &Default::default()).unwrap()
    }

    #[test]
    fn entry_page_escapes_metadata_and_keeps_steps() {
        let e = entry(
            "---\nid: e1\ncategory: \"<b>Ops</b>\"\nstatuses: [\"<img src=x onerror=alert(1)>\"]\n---\n\
             # Title with <script>alert(1)</script>\n\nIntro.\n\n## Fix\n\n1. First.\n2. Second.\n",
        );
        let html = entry_page(&SiteOptions::default(), &e);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains("&lt;b&gt;Ops"), "{html}");
        assert!(html.contains("<ol>"), "{html}");
        assert!(html.contains("<h2 id=\"fix\">"), "{html}");
    }

    #[test]
    fn without_a_site_url_there_is_no_canonical_link_and_robots_names_no_sitemap() {
        let e = entry("---\nid: e1\n---\n# T\n\nBody.\n");
        assert!(!entry_page(&SiteOptions::default(), &e).contains("rel=\"canonical\""));
        assert!(!robots(&SiteOptions::default()).contains("Sitemap"));
        let site = SiteOptions {
            url: Some("https://kb.example/".to_string()),
            ..Default::default()
        };
        assert!(robots(&site).contains("Sitemap: https://kb.example/sitemap.xml"));
    }

    #[test]
    fn canonical_and_sitemap_use_the_site_url() {
        let e = entry("---\nid: e1\n---\n# T\n\nBody.\n");
        let site = SiteOptions {
            url: Some("https://kb.example/docs/".to_string()),
            ..Default::default()
        };
        assert!(entry_page(&site, &e)
            .contains("<link rel=\"canonical\" href=\"https://kb.example/docs/entries/e1.html\">"));
        assert!(sitemap(&site, std::slice::from_ref(&e), &[])
            .contains("<loc>https://kb.example/docs/entries/e1.html</loc>"));
    }

    #[test]
    fn a_long_category_is_cut_on_the_home_page_and_listed_whole_on_its_own() {
        let mut entries: Vec<Entry> = (0..HOME_ENTRIES_PER_CATEGORY + 5)
            .map(|i| {
                entry(&format!(
                    "---\nid: big{i:03}\ncategory: Big / Ops\n---\n# Big {i:03}\n\nBody.\n"
                ))
            })
            .collect();
        entries.push(entry(
            "---\nid: small\ncategory: Small\n---\n# Small one\n\nBody.\n",
        ));
        let home = home_page(&SiteOptions::default(), &entries);
        assert_eq!(
            home.matches("href=\"entries/big").count(),
            HOME_ENTRIES_PER_CATEGORY
        );
        assert!(home.contains("href=\"entries/small.html\""));
        assert!(
            home.contains("<a href=\"categories/big-ops.html\">All 55 answers in Big / Ops →</a>"),
            "{home}"
        );
        let groups = by_category(&entries);
        let pages = category_paths(&groups);
        assert_eq!(pages.len(), 1, "only the long category gets a page");
        let page = category_page(
            &SiteOptions::default(),
            "Big / Ops",
            &pages["Big / Ops"],
            &groups["Big / Ops"],
        );
        assert_eq!(page.matches("href=\"../entries/big").count(), 55);
        assert!(sitemap(
            &SiteOptions::default(),
            &entries,
            &pages.into_values().collect::<Vec<_>>()
        )
        .contains("<loc>categories/big-ops.html</loc>"));
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let e = entry(&format!(
            "---\nid: e1\n---\n# T\n\n{}\n",
            "word ".repeat(100)
        ));
        let d = description(&e);
        assert!(d.ends_with("word…"), "{d}");
        assert!(d.chars().count() <= 161);
    }
}
