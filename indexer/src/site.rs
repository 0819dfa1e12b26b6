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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::engine::{facet_counts, SearchOptions};
use crate::model::Entry;
use crate::names::{self, entry_path, CATEGORIES_DIR, ENTRIES_DIR};
use crate::store::Summary;
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

/// Escapes text for HTML element content and double-quoted attribute
/// values (and XML).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// A short plain-text description of an entry: the start of its first
/// paragraph, or its title.
fn description(entry: &Entry) -> String {
    const MAX_CHARS: usize = 160;
    let text = entry
        .sections
        .iter()
        .map(|s| s.text.trim())
        .find(|t| !t.is_empty())
        .unwrap_or(&entry.title);
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Which scripts a page loads.
enum Scripts {
    /// The search app (home page).
    App,
    /// The lazy `<kb-search>` widget (entry pages).
    Widget,
}

struct Page<'a> {
    /// From the page to the site root: `""` or `"../"`.
    root: &'a str,
    /// Path from the site root, for the canonical link.
    path: &'a str,
    title: String,
    description: String,
    scripts: Scripts,
    header: String,
    main: String,
}

fn render(site: &SiteOptions, page: &Page) -> String {
    let root = page.root;
    // A canonical link must be absolute: without the site's URL there is none.
    let canonical = match &site.url {
        Some(url) => format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            esc(&format!("{}/{}", url.trim_end_matches('/'), page.path))
        ),
        None => String::new(),
    };
    let scripts = match page.scripts {
        Scripts::App => format!(
            "<link rel=\"modulepreload\" href=\"{root}{app_js}\">\n\
             <link rel=\"preload\" href=\"{root}{app_wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
             <link rel=\"preload\" href=\"{root}{bundle}\" as=\"fetch\" crossorigin>\n\
             <script src=\"{root}{api_js}\" defer></script>\n\
             <script type=\"module\" src=\"{root}{boot_js}\"></script>",
            app_js = names::APP_JS,
            app_wasm = names::APP_WASM,
            bundle = names::BUNDLE_FILE,
            api_js = names::API_JS,
            boot_js = names::BOOT_JS,
        ),
        // The page script: copy buttons and "back to results" on answer pages.
        Scripts::Widget => format!(
            "<script type=\"module\" src=\"{root}{widget_js}\"></script>\n\
             <script src=\"{root}{page_js}\" defer></script>",
            widget_js = names::WIDGET_JS,
            page_js = names::PAGE_JS,
        ),
    };
    let scripts = match &site.extra_script {
        Some(src) => format!("{scripts}\n<script src=\"{}\" defer></script>", esc(src)),
        None => scripts,
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <meta name=\"description\" content=\"{description}\">\n\
         {canonical}\
         <meta name=\"{bundle_meta}\" content=\"{root}{bundle}\">\n\
         <link rel=\"icon\" href=\"{root}{favicon}\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"{root}{style}\">\n\
         <noscript><link rel=\"stylesheet\" href=\"{root}{noscript}\"></noscript>\n\
         {scripts}\n\
         </head>\n<body>\n\
         <header class=\"top\">\n<a class=\"brand\" href=\"{root}{home}\">{site_title}</a>\n{header}</header>\n\
         <main class=\"page\">\n{main}</main>\n\
         </body>\n</html>\n",
        title = esc(&page.title),
        description = esc(&page.description),
        canonical = canonical,
        site_title = esc(&site.title),
        header = page.header,
        main = page.main,
        bundle_meta = names::BUNDLE_META,
        bundle = names::BUNDLE_FILE,
        favicon = names::FAVICON,
        style = names::STYLE_CSS,
        noscript = names::NOSCRIPT_CSS,
        home = names::HOME_PAGE,
    )
}

fn badges(statuses: &[String]) -> String {
    let mut out = String::from("<span class=\"badges\">");
    for s in statuses {
        let _ = write!(out, "<span class=\"badge\">{}</span>", esc(s));
    }
    out.push_str("</span>");
    out
}

/// Entries grouped by category (categories and titles in order).
fn by_category(entries: &[Entry]) -> BTreeMap<&str, Vec<&Entry>> {
    let mut groups: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        groups.entry(e.category.as_str()).or_default().push(e);
    }
    for list in groups.values_mut() {
        list.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    }
    groups
}

/// The facet chips as the app renders them (same markup, same counts), so
/// that the app replaces them without a jump. They only work with
/// JavaScript, so without it they are hidden (`js-only`).
fn facet_chips(entries: &[Entry]) -> String {
    let summaries: Vec<Summary> = entries.iter().map(Summary::of).collect();
    let facets = facet_counts(summaries.iter(), &SearchOptions::default());
    let mut out = format!(
        "<div class=\"facets-wrap js-only\"><button type=\"button\" class=\"filter-toggle\" aria-controls=\"{id}\" aria-expanded=\"false\">{label}</button><div class=\"facets\" id=\"{id}\">",
        id = names::FACETS_ID,
        label = names::FILTER_LABEL
    );
    for (name, label, counts) in [
        ("category", "Category", &facets.categories),
        ("status", "Status", &facets.statuses),
    ] {
        if counts.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<div class=\"chip-row\" role=\"group\" aria-label=\"Filter by {name}\"><span class=\"chip-label\">{label}</span>"
        );
        for c in counts {
            let value = esc(&c.value);
            let _ = write!(
                out,
                "<button type=\"button\" class=\"chip\" data-facet=\"{name}\" data-value=\"{value}\" aria-pressed=\"false\">{value} <span class=\"chip-count\">{}</span></button>",
                c.count
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div></div>\n");
    out
}

/// `categories/<slug>.html` for each category longer than the home page
/// shows (slugs made unique).
fn category_paths(groups: &BTreeMap<&str, Vec<&Entry>>) -> BTreeMap<String, String> {
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (category, list) in groups {
        if list.len() <= HOME_ENTRIES_PER_CATEGORY {
            continue;
        }
        let base: String = category
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() {
            "category".to_string()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        out.insert(
            category.to_string(),
            format!("{CATEGORIES_DIR}/{slug}.html"),
        );
    }
    out
}

/// A category's entries as a list of links (`root`: from the page to the
/// site root).
fn entry_links(list: &[&Entry], root: &str) -> String {
    let mut out = String::from("<ul>\n");
    for e in list {
        let _ = writeln!(
            out,
            "<li><a href=\"{root}{}\">{}</a></li>",
            esc(&entry_path(&e.id)),
            esc(&e.title)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// The `<kb-search>` widget in a page's header (`root`: from the page to
/// the site root), with a link home until it loads.
fn header_search(root: &str) -> String {
    format!(
        "<kb-search class=\"top-search\" base=\"{root}\" target=\"_self\">\
         <a href=\"{root}{}\">Search all answers</a></kb-search>\n",
        names::HOME_PAGE
    )
}

fn category_page(site: &SiteOptions, category: &str, path: &str, list: &[&Entry]) -> String {
    let header = header_search("../");
    let main = format!(
        "<nav class=\"back\"><a href=\"../{home}\">← All answers</a></nav>\n\
         <section class=\"browse\">\n<div class=\"category-group\">\n\
         <h1>{} <span class=\"count\">{}</span></h1>\n{}</div>\n</section>\n",
        esc(category),
        list.len(),
        entry_links(list, "../"),
        home = names::HOME_PAGE,
    );
    render(
        site,
        &Page {
            root: "../",
            path,
            title: format!("{category} · {}", site.title),
            description: format!("All {} answers about {category}.", list.len()),
            scripts: Scripts::Widget,
            header,
            main,
        },
    )
}

fn home_page(site: &SiteOptions, entries: &[Entry]) -> String {
    let mut main = String::new();
    // The app mounts here once the index is loaded. Until then this box
    // takes the typing (the app carries it over) and the chips hold their
    // place, so nothing jumps.
    // The page's one heading stays while the app replaces the list below it.
    let _ = writeln!(
        main,
        "<h1 class=\"visually-hidden\">{}</h1>",
        esc(&site.title)
    );
    let _ = write!(
        main,
        "<div id=\"{app}\" class=\"app\">\n\
         <div class=\"search\"><label class=\"visually-hidden\" for=\"{q}\">{label}</label>\
         <textarea id=\"{q}\" class=\"search-box\" rows=\"1\" autofocus placeholder=\"{placeholder}\" spellcheck=\"false\" autocomplete=\"off\"></textarea></div>\n\
         <div class=\"status\" role=\"status\" aria-live=\"polite\"><noscript>Searching needs JavaScript; every answer is listed below.</noscript></div>\n",
        app = names::APP_ROOT_ID,
        q = names::SEARCH_BOX_ID,
        label = names::SEARCH_LABEL,
        placeholder = names::SEARCH_PLACEHOLDER,
    );
    main.push_str(&facet_chips(entries));
    main.push_str("</div>\n");
    let groups = by_category(entries);
    let _ = writeln!(
        main,
        "<section id=\"{}\" class=\"browse\" aria-label=\"Browse by category\">\n\
         <h2 class=\"visually-hidden\">All {} answers</h2>",
        names::STATIC_LIST_ID,
        entries.len()
    );
    let pages = category_paths(&groups);
    for (category, list) in &groups {
        let _ = write!(
            main,
            "<div class=\"category-group\">\n<h2>{} <span class=\"count\">{}</span></h2>\n",
            esc(category),
            list.len()
        );
        let shown = &list[..list.len().min(HOME_ENTRIES_PER_CATEGORY)];
        main.push_str(&entry_links(shown, ""));
        if let Some(path) = pages.get(*category) {
            let _ = writeln!(
                main,
                "<p class=\"more\"><a href=\"{}\">All {} answers in {} →</a></p>",
                esc(path),
                list.len(),
                esc(category)
            );
        }
        main.push_str("</div>\n");
    }
    main.push_str("</section>\n");
    render(
        site,
        &Page {
            root: "",
            path: names::HOME_PAGE,
            title: site.title.clone(),
            description: format!(
                "Paste the error you are looking at and get the answer: {} answers in {} categories.",
                entries.len(),
                groups.len()
            ),
            scripts: Scripts::App,
            header: String::new(),
            main,
        },
    )
}

fn entry_page(site: &SiteOptions, entry: &Entry) -> String {
    let path = entry_path(&entry.id);
    let header = header_search("../");
    let main = format!(
        "<nav class=\"back\"><a href=\"../{home}\" data-kb-back>← All answers</a></nav>\n\
         <article class=\"answer\" data-id=\"{id}\">\n\
         <h1>{title}</h1>\n\
         <div class=\"meta\"><span class=\"category\">{category}</span>{badges}\
         <button type=\"button\" class=\"copy copy-link\" data-kb-copy-link>Copy link</button></div>\n\
         <div class=\"answer-body\">\n{html}\n</div>\n\
         </article>\n",
        id = esc(&entry.id),
        title = esc(&entry.title),
        category = esc(&entry.category),
        badges = badges(&entry.statuses),
        html = entry.html,
        home = names::HOME_PAGE,
    );
    render(
        site,
        &Page {
            root: "../",
            path: &path,
            title: format!("{} · {}", entry.title, site.title),
            description: description(entry),
            scripts: Scripts::Widget,
            header,
            main,
        },
    )
}

fn sitemap(site: &SiteOptions, entries: &[Entry], category_pages: &[String]) -> String {
    let base = site
        .url
        .as_deref()
        .map(|u| format!("{}/", u.trim_end_matches('/')))
        .unwrap_or_default();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = writeln!(
        out,
        "<url><loc>{}{}</loc></url>",
        esc(&base),
        names::HOME_PAGE
    );
    for path in category_pages {
        let _ = writeln!(out, "<url><loc>{}{}</loc></url>", esc(&base), esc(path));
    }
    for e in entries {
        let _ = writeln!(
            out,
            "<url><loc>{}{}</loc></url>",
            esc(&base),
            esc(&entry_path(&e.id))
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// The page for a URL that leads nowhere. Static hosts serve it at any
/// depth, so its links start from the site's URL (or the host's root).
fn not_found_page(site: &SiteOptions) -> String {
    let root = esc(&site
        .url
        .as_deref()
        .map(|u| format!("{}/", u.trim_end_matches('/')))
        .unwrap_or_else(|| "/".to_string()));
    let main = format!(
        "<article class=\"answer\">\n<h1>This page does not exist</h1>\n\
         <p>The answer may have moved. Search for it above, or <a href=\"{root}{home}\">browse every answer</a>.</p>\n\
         </article>\n",
        home = names::HOME_PAGE
    );
    render(
        site,
        &Page {
            root: &root,
            path: names::NOT_FOUND_PAGE,
            title: format!("Not found · {}", site.title),
            description: "This page does not exist.".to_string(),
            scripts: Scripts::Widget,
            header: header_search(&root),
            main,
        },
    )
}

/// `robots.txt`: everything may be crawled; the sitemap is named when the
/// site's URL is known (the directive takes an absolute URL).
fn robots(site: &SiteOptions) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = &site.url {
        let _ = writeln!(
            out,
            "Sitemap: {}/{}",
            url.trim_end_matches('/'),
            names::SITEMAP
        );
    }
    out
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
