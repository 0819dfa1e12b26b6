//! KB Search in the browser: a Leptos (CSR) front end over the indexer's
//! engine compiled to wasm. This crate holds no search logic: it loads the
//! bundle, calls [`indexer::Engine`], and renders what it returns.
//!
//! One module serves two front ends:
//! - the search page: on a page with `<div id="kb-app">` (the home page
//!   `kb build` writes), `main` mounts the app over its static placeholder;
//! - the `<kb-search>` widget: `widget.js` imports this module into any page
//!   and calls [`mount_widget`] inside the element's shadow root.

mod js_api;
mod loader;
mod ui;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Id of the element the search page mounts into.
const APP_ROOT_ID: &str = "kb-app";

fn main() {
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(APP_ROOT_ID))
    else {
        return; // a widget host page: mount_widget does the work
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    // The page stays as `kb build` wrote it (readable, and its box takes
    // typing) until the index is loaded; then the app replaces the
    // placeholder with the same-looking live parts, carrying the text over.
    js_api::install_ready();
    wasm_bindgen_futures::spawn_local(async move {
        let state = RwSignal::new(loader::load(&loader::page_bundle_url()).await);
        js_api::install_search(state);
        let typed = ui::take_placeholder(&root);
        leptos::mount::mount_to(root, move || ui::App(ui::AppProps { state, typed })).forget();
    });
}

/// Mounts the search widget into `container` (inside a shadow root).
///
/// `base` is the KB site's URL (where `kb.bundle` and `entries/` live),
/// `query` what was typed before the engine arrived; `limit` caps the
/// results and `target` is where answers open (`_blank`, `_self`).
#[wasm_bindgen]
pub fn mount_widget(
    container: web_sys::HtmlElement,
    base: String,
    query: String,
    placeholder: String,
    limit: usize,
    target: String,
) {
    console_error_panic_hook::set_once();
    let state = loader::start(format!("{base}{}", loader::DEFAULT_BUNDLE_URL));
    leptos::mount::mount_to(container, move || {
        ui::widget::Widget(ui::widget::WidgetProps {
            state,
            base,
            query,
            placeholder,
            limit,
            target,
        })
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
