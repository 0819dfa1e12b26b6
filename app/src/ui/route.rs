//! URL state: `#/entry/<id>[/<anchor>]` opens an answer; `?q=` holds the query.

use wasm_bindgen::JsValue;

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Search,
    Entry { id: String, anchor: Option<String> },
}

impl Route {
    /// The route of the current location.
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }

    /// Parses a location hash.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        match path.strip_prefix("/entry/") {
            Some(rest) if !rest.is_empty() => {
                let (id, anchor) = match rest.split_once('/') {
                    Some((id, a)) => (id, Some(decode(a))),
                    None => (rest, None),
                };
                Route::Entry {
                    id: decode(id),
                    anchor,
                }
            }
            _ => Route::Search,
        }
    }
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

/// `?q=` of the current URL.
pub fn query_param() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("q"))
        .unwrap_or_default()
}

/// Keeps `?q=` in step with the box, without adding history entries.
pub fn write_query_param(q: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    if params.get("q").unwrap_or_default() == q {
        return;
    }
    if q.is_empty() {
        params.delete("q");
    } else {
        params.set("q", q);
    }
    let search: String = params.to_string().into();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if search.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{search}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
