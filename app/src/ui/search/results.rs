//! The results as the combobox's ARIA grid: one row per answer, one cell
//! holding its card (a grid cell may hold links and buttons, which a
//! listbox option may not); and opening a result.

use indexer::{names, Hit};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::card::Card;

#[component]
pub fn ResultList(
    hits: Vec<Hit>,
    active: RwSignal<Option<usize>>,
    /// Site root the answer pages live under ("" on the site itself).
    base: String,
    #[prop(optional, into)] target: Option<String>,
    on_open: Callback<()>,
    #[prop(optional)] compact: bool,
    /// No answer matches well: these are only the closest.
    #[prop(optional)]
    weak: bool,
) -> impl IntoView {
    let label = if weak { "Closest answers" } else { "Answers" };
    view! {
        <div class="results" class:weak=weak id=names::RESULTS_ID role="grid" aria-label=label>
            {hits.into_iter().enumerate().map(|(i, hit)| view! {
                <div role="row" class="option" class:active=move || active.get() == Some(i)>
                    <div role="gridcell" id=names::option_id(i)
                        aria-selected=move || (active.get() == Some(i)).to_string()>
                        <Card hit base=base.clone() target=target.clone().unwrap_or_default() on_open compact closest=weak />
                    </div>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Keeps the active option in view (looked up in the box's own tree, which
/// is a shadow root in the widget).
pub(super) fn scroll_to_option(ev: &web_sys::KeyboardEvent, i: usize) {
    let root = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .map(|n| n.get_root_node());
    let id = names::option_id(i);
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

/// Opens a result's answer page in `target` (`_self` when empty).
pub fn open(base: &str, hit: &Hit, target: &str) {
    let href = names::entry_href(base, &hit.id, hit.anchor.as_deref());
    let Some(w) = web_sys::window() else {
        return;
    };
    if target.is_empty() || target == "_self" {
        let _ = w.location().set_href(&href);
    } else {
        let _ = w.open_with_url_and_target(&href, target);
    }
}
