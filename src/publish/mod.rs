//! Static-first publishing (`stdviz publish`): a chart as an HTML fragment that shows the
//! picture with no script and no wasm, ready to be hydrated into the live chart.
//!
//! A fragment holds, for each width of [`WIDTHS`], the chart laid out natively at that
//! width and written by [`crate::svg::to_svg`] — the very SVG `stdviz render --width W`
//! writes, with the accessible summary, a `<title>` with its figure on every data mark and
//! `data-` attributes naming each mark's row. CSS container queries show the widest
//! variant that fits the fragment's box (the 320-px variant shrinks below 320 px); each
//! SVG has its width and height in its attributes, so the page reserves the chart's height
//! before anything loads. A `<script type="application/json">` block carries the spec, and
//! its data files when they are small UTF-8 text ([`INLINE_DATA_MAX`] bytes in all), for
//! the live chart that `www/stdviz-lite.js` mounts over the picture (docs/EMBED.md).
//!
//! [`publish_page`] rewrites a page: every empty `<div … data-stdviz="SPEC.json"></div>`
//! becomes that spec's fragment, so a page written for the live embed serves the
//! pre-rendered form after one build step (the Trunk post_build hook runs it on
//! `gallery.html` and `article.html`).
//!
//! The fragment itself is written by [`build`] (`fragment.rs`, pure: the browser writes
//! it too — the explorer's embed code and the pages' offline HTML); reading specs and
//! data files is `files.rs`, native only.

mod fragment;
mod table;
pub use fragment::{build, element_id, style_texts, Fragment, INLINE_DATA_MAX, WIDTHS};
pub use table::{table_html, TABLE_ROWS_MAX};

#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
pub use files::{fragment, publish_page, resolve_data_url, PageReport, PublishError, SpecFiles};
