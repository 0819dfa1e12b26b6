//! A result card: title (the answer's permalink), category, status badges
//! (the matched ones highlighted), the cause (section) the query names with
//! its marked words, code in monospace with copy buttons and its numbered
//! steps (the code they quote set in monospace within them); or, when no
//! cause stands out, the entry's causes to pick from. When no answer
//! matches well, a card is only one of the closest: title, cause and
//! excerpt, without steps or causes to pick from.

use indexer::{names, Hit};
use leptos::prelude::*;

#[component]
fn Badges(statuses: Vec<String>, matched: Vec<String>) -> impl IntoView {
    view! {
        <span class="badges">
            {statuses.into_iter().map(|s| {
                let hit = matched.contains(&s);
                view! { <span class="badge" class:matched=hit title=if hit { "mentioned in your query" } else { "status" }>{s}</span> }
            }).collect_view()}
        </span>
    }
}

/// Copies `text` to the clipboard; the button says so for a moment.
#[component]
fn CopyButton(
    text: String,
    /// Its accessible name, which starts with its visible text.
    #[prop(into)]
    label: String,
    /// The button's text.
    #[prop(default = "Copy")]
    caption: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let aria = label;
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.stop_propagation();
        ev.prevent_default();
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&text);
            copied.set(true);
            set_timeout(
                move || copied.set(false),
                std::time::Duration::from_millis(1500),
            );
        }
    };
    view! {
        <button type="button" class="copy" aria-label=aria on:click=on_click>
            {move || if copied.get() { "Copied" } else { caption }}
        </button>
    }
}

#[component]
pub fn Card(
    hit: Hit,
    /// Site root the answer pages live under ("" on the site itself).
    base: String,
    #[prop(optional, into)] target: Option<String>,
    /// Runs when the answer is opened from this card.
    on_open: Callback<()>,
    #[prop(optional)] compact: bool,
    /// Only one of the closest answers (no answer matches well): its steps
    /// and code are left out, so a guess does not read as the fix.
    #[prop(optional)]
    closest: bool,
) -> impl IntoView {
    let href = names::entry_href(&base, &hit.id, hit.anchor.as_deref());
    let (steps, code, causes) = if closest {
        Default::default()
    } else {
        (hit.steps.clone(), hit.code.clone(), hit.causes.clone())
    };
    let step_code = hit.step_code.clone();
    let target = target.filter(|t| !t.is_empty());
    let (base_c, id_c, target_c) = (base.clone(), hit.id.clone(), target.clone());
    view! {
        <article class="card" class:compact=compact class:closest=closest data-id=hit.id.clone()>
            <h2 class="card-title">
                <a href=href.clone() target=target.clone() on:click=move |_| on_open.run(())>{hit.title.clone()}</a>
            </h2>
            <div class="meta">
                <span class="category">{hit.category.clone()}</span>
                <Badges statuses=hit.statuses.clone() matched=hit.matched_statuses.clone() />
            </div>
            {hit.section.clone().map(|s| view! { <h3 class="section">{s}</h3> })}
            <p class="excerpt">
                {hit.excerpt.iter().map(|f| if f.hl {
                    view! { <mark>{f.text.clone()}</mark> }.into_any()
                } else {
                    f.text.clone().into_any()
                }).collect_view()}
            </p>
            {(!code.is_empty() && !compact).then(|| view! {
                <ul class="code-list">
                    {code.into_iter().map(|c| view! {
                        <li><code>{c.clone()}</code><CopyButton label=format!("Copy {c}") text=c /></li>
                    }).collect_view()}
                </ul>
            })}
            {(!steps.is_empty()).then(|| view! {
                <ol class="steps">{steps.into_iter().map(|s| view! { <li>{step(&s, &step_code)}</li> }).collect_view()}</ol>
            })}
            {(!causes.is_empty()).then(|| view! {
                <div class="causes">
                    <p class="causes-label">"Which cause is yours?"</p>
                    <ul>
                        {causes.into_iter().map(|c| {
                            let href = names::entry_href(&base_c, &id_c, Some(&c.anchor));
                            view! { <li><a href=href target=target_c.clone() on:click=move |_| on_open.run(())>{c.heading}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(!compact).then(|| view! {
                <div class="card-foot">
                    <a class="permalink" href=href.clone() target=target.clone() on:click=move |_| on_open.run(())>"Open answer"</a>
                    <CopyButton text=absolute(&href) label="Copy link to this answer" caption="Copy link" />
                </div>
            })}
        </article>
    }
}

/// A step with the code it quotes in monospace.
fn step(text: &str, code: &[String]) -> impl IntoView {
    indexer::code_runs(text, code)
        .into_iter()
        .map(|(run, is_code)| {
            if is_code {
                view! { <code>{run.to_string()}</code> }.into_any()
            } else {
                run.to_string().into_any()
            }
        })
        .collect_view()
}

/// `href` resolved against the page, for sharing.
fn absolute(href: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(href, &page).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| href.to_string())
}
