//! The HTML shell every page shares: head, scripts, header and main.

use super::SiteOptions;
use crate::names;

/// Escapes text for HTML element content and double-quoted attribute
/// values (and XML).
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Which scripts a page loads.
pub(super) enum Scripts {
    /// The search app (home page).
    App,
    /// The lazy `<kb-search>` widget (entry pages).
    Widget,
}

pub(super) struct Page<'a> {
    /// From the page to the site root: `""` or `"../"`.
    pub(super) root: &'a str,
    /// Path from the site root, for the canonical link.
    pub(super) path: &'a str,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) scripts: Scripts,
    pub(super) header: String,
    pub(super) main: String,
}

pub(super) fn render(site: &SiteOptions, page: &Page) -> String {
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
