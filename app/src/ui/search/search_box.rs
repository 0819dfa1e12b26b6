//! The search box: a textarea (pastes are multi-line) inside an ARIA
//! combobox over the result listbox, with the keyboard that moves through
//! the results.

use indexer::names;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::results::scroll_to_option;

#[component]
pub fn SearchBox(
    query: RwSignal<String>,
    /// The option the keyboard is on.
    active: RwSignal<Option<usize>>,
    /// How many results the list shows.
    #[prop(into)]
    count: Signal<usize>,
    /// Whether the result list is showing.
    #[prop(into)]
    expanded: Signal<bool>,
    /// Enter: open this result.
    on_open: Callback<usize>,
    /// Esc with no option active.
    on_escape: Callback<web_sys::KeyboardEvent>,
    #[prop(into)] placeholder: String,
    /// The box grows with the text up to this many rows.
    max_rows: usize,
    /// Focus the box once mounted (taking over from a placeholder).
    #[prop(optional)]
    focus: bool,
    #[prop(optional)] on_focus: Option<Callback<bool>>,
    /// Shown under the box, inside the combobox (recent searches).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let box_ref = NodeRef::<leptos::html::Textarea>::new();
    if focus {
        focus_at_end(box_ref);
    }
    let on_keydown =
        move |ev: web_sys::KeyboardEvent| match handle_key(&ev, count.get_untracked(), active) {
            KeyAction::None => {}
            KeyAction::Handled => ev.prevent_default(),
            KeyAction::Open(i) => {
                ev.prevent_default();
                on_open.run(i);
            }
            KeyAction::Escape => on_escape.run(ev),
        };
    let rows = move || query.with(|q| q.lines().count().clamp(1, max_rows));
    let focus_changed = move |f: bool| {
        if let Some(cb) = on_focus {
            cb.run(f);
        }
    };
    view! {
        <div class="search" role="combobox" aria-haspopup="listbox" aria-owns=names::RESULTS_ID
            aria-expanded=move || expanded.get().to_string()>
            <label class="visually-hidden" for=names::SEARCH_BOX_ID>{names::SEARCH_LABEL}</label>
            <textarea
                node_ref=box_ref
                id=names::SEARCH_BOX_ID
                class="search-box"
                rows=rows
                placeholder=placeholder
                spellcheck="false"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=names::RESULTS_ID
                aria-activedescendant=move || active.get().map(names::option_id)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=on_keydown
                on:focus=move |_| focus_changed(true)
                on:blur=move |_| focus_changed(false)
            ></textarea>
            {children.map(|c| c())}
        </div>
    }
}

/// What a key press in the search box did.
enum KeyAction {
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
fn handle_key(
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
