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
    let (style, scripts) = match page.scripts {
        // The home page carries its stylesheet and starts the engine from
        // an inline script ([`start_script`]), both allowed by hash in the
        // site's Content-Security-Policy ([`content_security_policy`]).
        Scripts::App => (
            format!("<style>{}</style>", home_style()),
            format!(
                "<script>{start}</script>\n\
                 <script src=\"{root}{api_js}\" defer></script>\n\
                 <script type=\"module\" src=\"{root}{boot_js}\"></script>",
                start = start_script(),
                api_js = names::API_JS,
                boot_js = names::BOOT_JS,
            ),
        ),
        // The page script: copy buttons and "back to results" on answer pages.
        Scripts::Widget => (
            format!(
                "<link rel=\"stylesheet\" href=\"{root}{}\">",
                names::STYLE_CSS
            ),
            format!(
                "<script type=\"module\" src=\"{root}{widget_js}\"></script>\n\
                 <script src=\"{root}{page_js}\" defer></script>",
                widget_js = names::WIDGET_JS,
                page_js = names::PAGE_JS,
            ),
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
         {style}\n\
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
        noscript = names::NOSCRIPT_CSS,
        home = names::HOME_PAGE,
    )
}

/// Starts fetching the engine (its module, wasm and index) from the home
/// page after the first paint, so that the page paints with its own HTML
/// and style alone (the wasm is most of the bytes), or at once for a `?q=`
/// link, whose results need it (and in a hidden tab, which paints nothing,
/// or a browser that does not report paints; after 3 s at the latest). Inline, so
/// the requests do not wait for a script's round trip: with the stylesheet
/// inline too, the first paint comes right after the HTML, and the engine
/// is ready when it was with `<link rel="preload">` in the head
/// (`ready-bench.mjs`). `window.__kbStart` resolves when the preloads are
/// in; `kb-boot.js` waits for it before it starts the engine.
pub(super) fn start_script() -> String {
    format!(
        "(function(){{var d=document,w=window;w.__kbStart=new Promise(function(go){{\
var P=w.PerformanceObserver;\
if(/[?&]q=/.test(location.search)||d.visibilityState=='hidden'||!P||(P.supportedEntryTypes||[]).indexOf('paint')<0)return go();\
try{{new P(function(l,o){{o.disconnect();go();}}).observe({{type:'paint',buffered:true}});}}catch(e){{go();}}\
setTimeout(go,3000);}}).then(function(){{\
[['modulepreload','{app_js}'],['preload','{app_wasm}','application/wasm'],['preload','{bundle}']].forEach(function(f){{\
var l=d.createElement('link');l.rel=f[0];l.href=f[1];if(f[0]=='preload'){{l.as='fetch';l.crossOrigin='anonymous';if(f[2])l.type=f[2];}}d.head.appendChild(l);}});}});}})();",
        app_js = names::APP_JS,
        app_wasm = names::APP_WASM,
        bundle = names::BUNDLE_FILE,
    )
}

/// The stylesheet the home page carries inline: `style.css`, which the
/// other pages link to.
pub(super) fn home_style() -> &'static str {
    crate::app_assets::FILES
        .iter()
        .find(|(name, _)| *name == names::STYLE_CSS)
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The Content-Security-Policy the site works under: nothing inline but
/// the home page's stylesheet and start script, each allowed by its hash.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' '{script}'; style-src 'self' '{style}'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
        script = csp_hash(&start_script()),
        style = csp_hash(home_style()),
    )
}

/// A CSP source for inline text: `sha256-` and its digest in base64.
fn csp_hash(text: &str) -> String {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
