//! Recent searches, kept in local storage (per browser, never sent
//! anywhere) and clearable, and the dropdown that offers them.

use leptos::prelude::*;

const KEY: &str = "kb-search:recent";
/// How many recent searches are kept.
const MAX_RECENT: usize = 8;
/// Longer queries (whole logs) are kept cut to this many bytes.
const MAX_BYTES: usize = 4096;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The recent searches, newest first.
pub fn load() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok()?)
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .unwrap_or_default()
}

/// Records a search (when an answer was opened from it); returns the new list.
pub fn remember(query: &str) -> Vec<String> {
    let query = query.trim();
    let mut list = load();
    if query.is_empty() {
        return list;
    }
    let mut end = query.len().min(MAX_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    let query = &query[..end];
    list.retain(|q| q != query);
    list.insert(0, query.to_string());
    list.truncate(MAX_RECENT);
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&list)) {
        let _ = s.set_item(KEY, &json);
    }
    list
}

/// Forgets every recent search.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// One line to show for a query: its first non-empty line, shortened.
pub fn label(query: &str) -> String {
    const MAX_CHARS: usize = 90;
    let line = query
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let more = query.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    if line.chars().count() > MAX_CHARS {
        format!("{}…", line.chars().take(MAX_CHARS).collect::<String>())
    } else if more {
        format!("{line} …")
    } else {
        line.to_string()
    }
}

/// Recent searches: a dropdown under the empty, focused box (so it never
/// moves the page), with a way to clear them. Its buttons keep the focus in
/// the box (mousedown is cancelled), so a click lands before the blur.
#[component]
pub fn Recent(recent: RwSignal<Vec<String>>, query: RwSignal<String>) -> impl IntoView {
    let keep_focus = |ev: leptos::ev::MouseEvent| ev.prevent_default();
    move || {
        let list = recent.get();
        (!list.is_empty()).then(|| view! {
            <section class="recent" aria-label="Recent searches" on:mousedown=keep_focus>
                <h2>"Recent searches"</h2>
                <ul>
                    {list.into_iter().map(|q| {
                        let label = label(&q);
                        view! { <li><button type="button" class="link recent-query" on:click=move |_| query.set(q.clone())>{label}</button></li> }
                    }).collect_view()}
                </ul>
                <button type="button" class="link clear-recent" on:click=move |_| { clear(); recent.set(Vec::new()); }>"Clear recent searches"</button>
            </section>
        })
    }
}
