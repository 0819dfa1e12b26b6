//! The public JavaScript API of the search page, for embedders and tests:
//! `window.kbReady` (a Promise resolved when the engine can answer,
//! rejected if the bundle cannot be loaded) and `window.kbSearch(query,
//! limit)` → `Promise<[{id, title, score, section, statuses, ...}]>`.
//!
//! `static/kb-api.js` defines both at page start, so callers never race
//! the wasm; [`install`] takes them over and settles `kbReady` from the
//! client's load state.

use std::cell::RefCell;

use indexer::SearchOptions;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::client::{self, LoadState};

/// `window.kbReady` and its resolve/reject functions; `None` once settled.
type Pending = Option<(js_sys::Promise, js_sys::Function, js_sys::Function)>;

thread_local! {
    static READY: RefCell<Pending> = const { RefCell::new(None) };
}

/// Installs `window.kbSearch` and keeps `window.kbReady` in step with the
/// load state (a retry after a failure starts a new promise). Call within
/// a reactive owner (the mounted page).
pub fn install() {
    install_search();
    let state = client::state();
    Effect::new(move |_| match state.get() {
        LoadState::Loading => renew_ready(),
        LoadState::Ready(_) => {
            renew_ready();
            resolve_ready();
        }
        LoadState::Failed(message) => {
            renew_ready();
            reject_ready(&message);
        }
    });
}

/// Adopts the pending `window.kbReady` that `kb-api.js` defined at page
/// start, or makes a new one (after a failed load, or without the script).
fn new_ready_promise() -> js_sys::Promise {
    if let Some(adopted) = adopt_bootstrap() {
        return adopted;
    }
    let mut fns: Option<(js_sys::Function, js_sys::Function)> = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| fns = Some((resolve, reject)));
    let (resolve, reject) = fns.expect("the Promise executor runs synchronously");
    READY.with(|r| *r.borrow_mut() = Some((promise.clone(), resolve, reject)));
    promise
}

fn adopt_bootstrap() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let settle = js_sys::Reflect::get(&window, &JsValue::from_str("__kbSettle")).ok()?;
    if settle.is_undefined() || settle.is_null() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str("__kbSettle"));
    let get = |name: &str| {
        js_sys::Reflect::get(&settle, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    };
    let promise: js_sys::Promise = js_sys::Reflect::get(&window, &JsValue::from_str("kbReady"))
        .ok()?
        .dyn_into()
        .ok()?;
    let (resolve, reject) = (get("resolve")?, get("reject")?);
    READY.with(|r| *r.borrow_mut() = Some((promise.clone(), resolve, reject)));
    Some(promise)
}

fn set_global(name: &str, value: &JsValue) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(name), value);
    }
}

/// A pending `window.kbReady`, made if the last one was settled.
fn renew_ready() {
    if READY.with(|r| r.borrow().is_none()) {
        set_global("kbReady", &new_ready_promise());
    }
}

fn resolve_ready() {
    if let Some((_, resolve, _)) = READY.with(|r| r.borrow_mut().take()) {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

fn reject_ready(message: &str) {
    if let Some((promise, _, reject)) = READY.with(|r| r.borrow_mut().take()) {
        // Mark the rejection as handled: the page shows the error itself.
        let handled = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = promise.catch(&handled);
        handled.forget();
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(message));
    }
}

/// The engine's `window.kbSearch`: waits for a load in progress, then
/// searches (fetching what the search needs).
fn install_search() {
    let search = Closure::<dyn Fn(JsValue, JsValue) -> js_sys::Promise>::new(
        move |query: JsValue, limit: JsValue| {
            let query = query.as_string().unwrap_or_default();
            let mut options = SearchOptions::default();
            if let Some(limit) = limit.as_f64() {
                options.limit = limit.max(0.0) as usize;
            }
            future_to_promise(async move {
                match client::state().get_untracked() {
                    LoadState::Ready(_) => {}
                    LoadState::Failed(message) => return Err(JsValue::from_str(&message)),
                    LoadState::Loading => {
                        let ready = READY.with(|r| r.borrow().as_ref().map(|(p, _, _)| p.clone()));
                        if let Some(p) = ready {
                            JsFuture::from(p).await?;
                        }
                    }
                }
                let results = client::search(&query, &options)
                    .await
                    .map_err(|e| JsValue::from_str(&e))?;
                // One JSON string crosses into JS and the browser's native
                // parser builds the objects: cheaper than building them
                // field by field through the wasm boundary.
                let json = serde_json::to_string(&results.hits)
                    .map_err(|e| JsValue::from_str(&e.to_string()))?;
                js_sys::JSON::parse(&json)
            })
        },
    );
    set_global("kbSearch", search.as_ref());
    search.forget();
}
