//! The files for machines: `sitemap.xml` and `robots.txt`.

use std::fmt::Write as _;

use super::shell::esc;
use super::SiteOptions;
use crate::model::Entry;
use crate::names::{self, entry_path};

pub(super) fn sitemap(site: &SiteOptions, entries: &[Entry], category_pages: &[String]) -> String {
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

/// `robots.txt`: everything may be crawled; the sitemap is named when the
/// site's URL is known (the directive takes an absolute URL).
pub(super) fn robots(site: &SiteOptions) -> String {
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
