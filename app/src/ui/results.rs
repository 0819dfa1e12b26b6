//! The result list as an ARIA listbox, and the keyboard that moves through
//! it: shared by the search page and the widget.

use indexer::Hit;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::card::Card;
use super::url::entry_href;

/// Id of the listbox (the search box's `aria-controls`).
pub const LIST_ID: &str = "kb-results";

/// Id of the `i`-th option (the search box's `aria-activedescendant`).
pub fn option_id(i: usize) -> String {
    format!("kb-opt-{i}")
}

#[component]
pub fn ResultList(
    hits: Vec<Hit>,
    active: RwSignal<Option<usize>>,
    base: String,
    #[prop(optional, into)] target: Option<String>,
    on_open: Callback<()>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    view! {
        <ul class="results" id=LIST_ID role="listbox" aria-label="Answers">
            {hits.into_iter().enumerate().map(|(i, hit)| view! {
                <li role="option" id=option_id(i) class="option"
                    class:active=move || active.get() == Some(i)
                    aria-selected=move || (active.get() == Some(i)).to_string()>
                    <Card hit base=base.clone() target=target.clone().unwrap_or_default() on_open compact />
                </li>
            }).collect_view()}
        </ul>
    }
}

/// What a key press in the search box did.
pub enum KeyAction {
    /// Not ours: let the box handle it.
    None,
    Handled,
    /// Open this result.
    Open(usize),
    /// Esc with nothing selected.
    Escape,
}

/// ↑/↓ move through `count` results, Enter opens the active one (or the
/// first), Esc leaves the list. In a multi-line box ↓ only enters the
/// list from the last line, so the caret can still move through a paste.
pub fn handle_key(
    ev: &web_sys::KeyboardEvent,
    count: usize,
    active: RwSignal<Option<usize>>,
) -> KeyAction {
    let on_last_line = || {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .is_none_or(|b| {
                let caret = b.selection_end().ok().flatten().unwrap_or(0) as usize;
                let value = b.value();
                // selection offsets count UTF-16 units
                let after: Vec<u16> = value.encode_utf16().skip(caret).collect();
                !after.contains(&u16::from(b'\n'))
            })
    };
    match ev.key().as_str() {
        "ArrowDown" if count > 0 && (active.get_untracked().is_some() || on_last_line()) => {
            let next = active.get_untracked().map_or(0, |i| (i + 1).min(count - 1));
            active.set(Some(next));
            scroll_to_option(ev, next);
            KeyAction::Handled
        }
        "ArrowUp" if active.get_untracked().is_some() => {
            let next = active.get_untracked().and_then(|i| i.checked_sub(1));
            active.set(next);
            if let Some(i) = next {
                scroll_to_option(ev, i);
            }
            KeyAction::Handled
        }
        "Enter" if !ev.shift_key() && count > 0 => {
            KeyAction::Open(active.get_untracked().unwrap_or(0).min(count - 1))
        }
        "Escape" if active.get_untracked().is_some() => {
            active.set(None);
            KeyAction::Handled
        }
        "Escape" => KeyAction::Escape,
        _ => KeyAction::None,
    }
}

/// Keeps the active option in view (looked up in the box's own tree, which
/// is a shadow root in the widget).
fn scroll_to_option(ev: &web_sys::KeyboardEvent, i: usize) {
    let root = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .map(|n| n.get_root_node());
    let id = option_id(i);
    let el = root.and_then(|r| {
        if let Some(doc) = r.dyn_ref::<web_sys::Document>() {
            doc.get_element_by_id(&id)
        } else {
            r.dyn_ref::<web_sys::DocumentFragment>()?
                .get_element_by_id(&id)
        }
    });
    if let Some(el) = el {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Focuses the search box once it is mounted, caret at the end: the box
/// takes over from a static placeholder that had the focus and the text.
pub fn focus_at_end(box_ref: NodeRef<leptos::html::Textarea>) {
    Effect::new(move |_| {
        if let Some(el) = box_ref.get() {
            let _ = el.focus();
            let end = el.value().encode_utf16().count() as u32;
            let _ = el.set_selection_range(end, end);
        }
    });
}

/// Opens a result's answer page in `target` (`_self` when empty).
pub fn open(base: &str, hit: &Hit, target: &str) {
    let href = entry_href(base, &hit.id, hit.anchor.as_deref());
    let Some(w) = web_sys::window() else {
        return;
    };
    if target.is_empty() || target == "_self" {
        let _ = w.location().set_href(&href);
    } else {
        let _ = w.open_with_url_and_target(&href, target);
    }
}
