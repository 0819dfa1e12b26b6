//! The search box: a textarea (pastes are multi-line) that drives the
//! result grid as a combobox does (ARIA 1.2's keyboard model: focus stays in
//! the box, ↑/↓ move an active descendant, Enter opens it). HTML allows a
//! textarea no `combobox` role, so it keeps its own (a textbox) with the
//! attributes a textbox may carry: `aria-autocomplete`, `aria-controls`,
//! `aria-activedescendant`; the live region says how many results there are. A paste of a megabyte stays fluid: the text goes from the box
//! to the query signal, never back into the box unless it came from
//! elsewhere (a recent search, Esc, back and forward).

use indexer::analysis::paste;
use indexer::names;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::results::scroll_to_option;

/// A paste longer than this is replaced, in the box, by the part of it that
/// is searched (its head and tail): the answers are the same.
const MAX_BOX_BYTES: usize = 64 * 1024;

#[component]
pub fn SearchBox(
    query: RwSignal<String>,
    /// The result the keyboard is on.
    active: RwSignal<Option<usize>>,
    /// How many results the grid shows.
    #[prop(into)]
    count: Signal<usize>,
    /// Whether the result grid is showing.
    #[prop(into)]
    expanded: Signal<bool>,
    /// Enter: open this result.
    on_open: Callback<usize>,
    /// Esc with no result active.
    on_escape: Callback<web_sys::KeyboardEvent>,
    #[prop(into)] placeholder: String,
    /// The box grows with the text up to this many rows.
    max_rows: usize,
    /// Focus the box once mounted (taking over from a placeholder).
    #[prop(optional)]
    focus: bool,
    #[prop(optional)] on_focus: Option<Callback<bool>>,
    /// Shown under the box (recent searches).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let box_ref = NodeRef::<leptos::html::Textarea>::new();
    let typed = write_text_from_elsewhere(query, box_ref);
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
    let rows = move || query.with(|q| rows_for(q, max_rows));
    let focus_changed = move |f: bool| {
        if let Some(cb) = on_focus {
            cb.run(f);
        }
    };
    view! {
        <div class="search">
            <label class="visually-hidden" for=names::SEARCH_BOX_ID>{names::SEARCH_LABEL}</label>
            <textarea
                node_ref=box_ref
                id=names::SEARCH_BOX_ID
                class="search-box"
                aria-autocomplete="list"
                aria-controls=move || expanded.get().then_some(names::RESULTS_ID)
                aria-activedescendant=move || active.get().filter(|_| expanded.get()).map(names::option_id)
                rows=rows
                placeholder=placeholder
                spellcheck="false"
                autocomplete="off"
                on:input=move |ev| take_input(event_target_value(&ev), box_ref, typed, query)
                on:keydown=on_keydown
                on:focus=move |_| focus_changed(true)
                on:blur=move |_| focus_changed(false)
            ></textarea>
            {children.map(|c| c())}
        </div>
    }
}

/// The box already holds what was typed: only text set from elsewhere (a
/// recent search, Esc, back and forward) is written into it (a megabyte
/// written back per keystroke froze it). Returns the flag that input sets
/// to say the query came from the box.
fn write_text_from_elsewhere(
    query: RwSignal<String>,
    box_ref: NodeRef<leptos::html::Textarea>,
) -> StoredValue<bool> {
    let typed = StoredValue::new(false);
    Effect::new(move |_| {
        query.track();
        if typed.get_value() {
            typed.set_value(false);
        } else if let Some(el) = box_ref.get() {
            query.with_untracked(|q| el.set_value(q));
        }
    });
    typed
}

/// Text typed or pasted into the box becomes the query. A huge paste: the
/// box keeps only what is searched (a textarea holding a megabyte takes
/// half a second to lay out, every time).
fn take_input(
    text: String,
    box_ref: NodeRef<leptos::html::Textarea>,
    typed: StoredValue<bool>,
    query: RwSignal<String>,
) {
    let text = match (text.len() > MAX_BOX_BYTES)
        .then(|| paste::searched_part(&text))
        .flatten()
    {
        Some(part) => {
            if let Some(el) = box_ref.get_untracked() {
                el.set_value(&part);
            }
            part
        }
        None => text,
    };
    typed.set_value(true);
    query.set(text);
}

/// Rows for a text: one per line up to `max` (counting stops there, so a
/// megabyte of lines costs no more than a few).
fn rows_for(text: &str, max: usize) -> usize {
    (text.bytes().filter(|&b| b == b'\n').take(max).count() + 1).min(max)
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
/// first), Esc leaves the results. In a multi-line box ↓ only enters the
/// results from the last line, so the caret can still move through a paste.
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
                !value
                    .encode_utf16()
                    .skip(caret)
                    .any(|u| u == u16::from(b'\n'))
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
fn focus_at_end(box_ref: NodeRef<leptos::html::Textarea>) {
    Effect::new(move |_| {
        if let Some(el) = box_ref.get() {
            let _ = el.focus();
            let end = el.value().encode_utf16().count() as u32;
            let _ = el.set_selection_range(end, end);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::rows_for;

    #[test]
    fn rows_follow_the_lines_up_to_the_cap() {
        assert_eq!(rows_for("", 12), 1);
        assert_eq!(rows_for("a\nb\nc", 12), 3);
        assert_eq!(rows_for(&"x\n".repeat(1_000_000), 12), 12);
    }
}
