//! URL state: `?q=`, `?category=` and `?status=` hold the view, so reload,
//! share, back and forward restore it. Answers have real URLs of their own
//! (`entries/<id>.html`, written by `kb build`).

use wasm_bindgen::JsValue;

/// What the search page shows, as written in its URL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UrlState {
    pub query: String,
    pub category: Option<String>,
    pub status: Option<String>,
}

fn params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// The state in the current URL. `#q=` is accepted too (links that must
/// not send the query to the server).
pub fn read() -> UrlState {
    let p = params();
    let get = |name: &str| {
        p.as_ref()
            .and_then(|p| p.get(name))
            .filter(|v| !v.is_empty())
    };
    let hash_query = || {
        let hash = web_sys::window()?.location().hash().ok()?;
        let p = web_sys::UrlSearchParams::new_with_str(hash.strip_prefix('#')?).ok()?;
        p.get("q")
    };
    UrlState {
        query: get("q").or_else(hash_query).unwrap_or_default(),
        category: get("category"),
        status: get("status"),
    }
}

/// A query longer than this is not written into the URL (nor the history):
/// a pasted log of a megabyte made a megabyte URL and a frozen page.
pub const MAX_URL_QUERY: usize = 2048;

/// Writes the state into the URL: `push` adds a history entry (a filter
/// was chosen), otherwise the current entry is replaced (typing).
pub fn write(state: &UrlState, push: bool) {
    let state = &UrlState {
        query: if state.query.len() > MAX_URL_QUERY {
            String::new()
        } else {
            state.query.clone()
        },
        ..state.clone()
    };
    if read() == *state {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    if !state.query.is_empty() {
        params.set("q", &state.query);
    }
    for (name, value) in [("category", &state.category), ("status", &state.status)] {
        if let Some(v) = value {
            params.set(name, v);
        }
    }
    let search: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    let url = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    if let Ok(history) = window.history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Old in-app permalinks (`#/entry/<id>[/<anchor>]`) go to the answer's page.
/// Returns whether the page is navigating away.
pub fn follow_legacy_permalink() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(rest) = hash.strip_prefix("#/entry/").filter(|r| !r.is_empty()) else {
        return false;
    };
    let decode = |s: &str| {
        js_sys::decode_uri_component(s)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| s.to_string())
    };
    let (id, anchor) = match rest.split_once('/') {
        Some((id, a)) => (decode(id), Some(decode(a))),
        None => (decode(rest), None),
    };
    window
        .location()
        .replace(&indexer::names::entry_href("", &id, anchor.as_deref()))
        .is_ok()
}
