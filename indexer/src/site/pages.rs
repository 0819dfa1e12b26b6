//! The pages: one per entry, the home page, the pages of long categories
//! and the page for a URL that leads nowhere.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::shell::{esc, render, Page, Scripts};
use super::{SiteOptions, HOME_ENTRIES_PER_CATEGORY};
use crate::engine::{facet_counts, SearchOptions};
use crate::model::Entry;
use crate::names::{self, entry_path, CATEGORIES_DIR};
use crate::store::Summary;

/// A short plain-text description of an entry: the start of its first
/// paragraph, or its title.
pub(super) fn description(entry: &Entry) -> String {
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

fn badges(statuses: &[String]) -> String {
    let mut out = String::from("<span class=\"badges\">");
    for s in statuses {
        let _ = write!(out, "<span class=\"badge\">{}</span>", esc(s));
    }
    out.push_str("</span>");
    out
}

/// Entries grouped by category (categories and titles in order).
pub(super) fn by_category(entries: &[Entry]) -> BTreeMap<&str, Vec<&Entry>> {
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
pub(super) fn category_paths(groups: &BTreeMap<&str, Vec<&Entry>>) -> BTreeMap<String, String> {
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

pub(super) fn category_page(
    site: &SiteOptions,
    category: &str,
    path: &str,
    list: &[&Entry],
) -> String {
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

pub(super) fn home_page(site: &SiteOptions, entries: &[Entry]) -> String {
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

pub(super) fn entry_page(site: &SiteOptions, entry: &Entry) -> String {
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

/// The page for a URL that leads nowhere. Static hosts serve it at any
/// depth, so its links start from the site's URL (or the host's root).
pub(super) fn not_found_page(site: &SiteOptions) -> String {
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
