//! `static/*.js` cannot import `indexer::names`, so it repeats some names:
//! every file name it mentions must be one the site really has, and each
//! script must name what it loads exactly as `kb build` writes it.

mod common;

use common::repo_path;
use indexer::names;

/// The site's files that a script may name.
const SITE_FILES: &[&str] = &[
    names::BUNDLE_FILE,
    names::HOME_PAGE,
    names::SITEMAP,
    names::APP_JS,
    names::APP_WASM,
    names::STYLE_CSS,
    names::NOSCRIPT_CSS,
    names::FAVICON,
    names::API_JS,
    names::BOOT_JS,
    names::PAGE_JS,
    names::WIDGET_JS,
    names::WIDGET_CSS,
];

fn script(name: &str) -> String {
    std::fs::read_to_string(repo_path("static").join(name)).unwrap()
}

/// The string literals of a script ('…', "…" and `…` without `${`).
fn literals(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in js.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut chars = code.char_indices();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '\'' | '"' | '`') {
                continue;
            }
            let rest = &code[i + 1..];
            if let Some(end) = rest.find(c) {
                out.push(rest[..end].to_string());
                for _ in 0..=rest[..end].chars().count() {
                    chars.next();
                }
            }
        }
    }
    out
}

/// The file names among a script's literals (`./app.js` → `app.js`).
fn file_names(js: &str) -> Vec<String> {
    let exts = [
        ".js", ".wasm", ".css", ".bundle", ".json", ".html", ".xml", ".svg",
    ];
    literals(js)
        .into_iter()
        .map(|l| l.trim_start_matches("./").to_string())
        .filter(|l| !l.contains([' ', '/', '$']) && exts.iter().any(|e| l.ends_with(e)))
        .collect()
}

#[test]
fn every_file_a_script_names_is_a_file_of_the_site() {
    for entry in std::fs::read_dir(repo_path("static")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        let js = std::fs::read_to_string(&path).unwrap();
        for name in file_names(&js) {
            assert!(
                SITE_FILES.contains(&name.as_str()),
                "{} names {name:?}, which no built site has (indexer::names)",
                path.display()
            );
        }
    }
}

#[test]
fn the_widget_loads_the_app_the_bundle_and_its_stylesheet_by_their_names() {
    let names_used = file_names(&script(names::WIDGET_JS));
    for needed in [
        names::BUNDLE_FILE,
        names::APP_JS,
        names::APP_WASM,
        names::WIDGET_CSS,
    ] {
        assert!(
            names_used.iter().any(|n| n == needed),
            "widget.js lacks {needed}"
        );
    }
    assert!(
        literals(&script(names::WIDGET_JS)).contains(&names::SEARCH_LABEL.to_string()),
        "widget.js labels its placeholder box like the app"
    );
}

#[test]
fn the_boot_script_starts_the_app_where_the_page_has_it() {
    let js = script(names::BOOT_JS);
    let names_used = file_names(&js);
    assert!(names_used.iter().any(|n| n == names::APP_JS));
    assert!(names_used.iter().any(|n| n == names::APP_WASM));
    let root = format!("#{}", names::APP_ROOT_ID);
    assert!(
        literals(&js).iter().any(|l| l.contains(&root)),
        "kb-boot.js finds the app root {root}"
    );
}

#[test]
fn the_literal_scanner_finds_names_in_each_quote_style() {
    let js =
        "import x from './app.js';\nnew URL(\"kb.bundle\", b); const u = `widget.css`; // 'not.js'";
    assert_eq!(file_names(js), ["app.js", "kb.bundle", "widget.css"]);
}
