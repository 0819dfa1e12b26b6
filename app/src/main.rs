//! KB Search in the browser: a Leptos (CSR) front end over the indexer's
//! engine compiled to wasm. This crate holds no search logic: it loads the
//! bundle, calls [`indexer::Engine`], and renders what it returns.
//!
//! Layers, each using only the ones below it:
//! - [`client`]: HTTP, the engine and its load state (one signal);
//! - [`js_api`]: `window.kbReady` / `window.kbSearch` from that state;
//! - [`ui`]: the shared search parts, the search page, the widget;
//! - this file: the two entry points.
//!
//! One module serves both front ends: on a page with `<div id="kb-app">`
//! (the home page `kb build` writes), `main` mounts the search page over
//! its static placeholder; `widget.js` imports this module into any page
//! and calls [`mount_widget`] inside the element's shadow root.

mod client;
mod js_api;
mod ui;

use indexer::names;
use wasm_bindgen::prelude::*;

use ui::widget::{Widget, WidgetOptions};

fn main() {
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(names::APP_ROOT_ID))
    else {
        return; // a widget host page: mount_widget does the work
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    // The page stays as `kb build` wrote it (readable, and its box takes
    // typing) until the index is loaded; then the app replaces the
    // placeholder with the same-looking live parts, carrying the text over.
    wasm_bindgen_futures::spawn_local(async move {
        client::load(client::page_bundle_url()).await;
        let typed = ui::page::take_placeholder(&root);
        leptos::mount::mount_to(root, move || {
            js_api::install();
            ui::page::App(ui::page::AppProps { typed })
        })
        .forget();
    });
}

/// Mounts the search widget into `container` (inside a shadow root).
/// `options` is a plain object: `base` (the KB site's URL, where
/// `kb.bundle` and `entries/` live), `query` (typed before the engine
/// arrived), `placeholder`, `limit` (a number or numeric string) and
/// `target` (where answers open: `_blank`, `_self`).
#[wasm_bindgen]
pub fn mount_widget(container: web_sys::HtmlElement, options: JsValue) {
    console_error_panic_hook::set_once();
    let get = |name: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())))
            .filter(|v| !v.is_empty())
    };
    let options = WidgetOptions {
        base: get("base").unwrap_or_default(),
        query: get("query").unwrap_or_default(),
        placeholder: get("placeholder").unwrap_or_else(|| names::SEARCH_LABEL.to_string() + "…"),
        limit: get("limit")
            .and_then(|l| l.trim().parse::<f64>().ok())
            .filter(|l| l.is_finite())
            .map_or(ui::search::WIDGET_RESULTS, |l| l.max(0.0) as usize),
        target: get("target").unwrap_or_else(|| "_blank".to_string()),
    };
    client::start(format!("{}{}", options.base, names::BUNDLE_FILE));
    leptos::mount::mount_to(container, move || {
        Widget(ui::widget::WidgetProps { options })
    })
    .forget();
}

/// Bytes of the wasm linear memory (the engine, its index and the UI state
/// live there, outside the JS heap): for the benchmarks' page-memory figure.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
