//! KB Search in the browser: a Leptos (CSR) front end over the indexer's
//! engine compiled to wasm. This crate holds no search logic: it loads the
//! bundle, calls [`indexer::Engine`], and renders what it returns.

mod js_api;
mod loader;
mod ui;

fn main() {
    console_error_panic_hook::set_once();
    let state = loader::start();
    js_api::install(state);
    leptos::mount::mount_to_body(move || ui::App(ui::AppProps { state }));
}
