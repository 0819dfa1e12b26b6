//! The UI, in two front ends over shared parts:
//! - [`search`]: what the page and the widget share (the box and its
//!   keyboard, the result listbox, the card, the status line, the search
//!   hook and the result limits);
//! - [`page`]: the search page (facets, browse, recent searches, URL state);
//! - [`widget`]: the `<kb-search>` dropdown.
//!
//! No search logic: results come from [`crate::client`].

pub mod page;
pub mod search;
pub mod widget;
