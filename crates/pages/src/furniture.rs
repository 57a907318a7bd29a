//! Page furniture: page numbers (`-3-`, `第3页 共9页`, `3/9`) and running heads or footers
//! (the same text at the top or bottom of most pages) are not content. Only lines in the top
//! or bottom tenth of a page are candidates, and only outside ruled tables.

use crate::page::PageText;
use std::collections::HashMap;
use xxgk_model::furniture::is_page_number;

/// The share of the page height at the top and at the bottom where furniture sits.
const MARGIN: f32 = 0.1;

/// Removes page numbers and running heads and footers from every page's lines.
pub fn drop_furniture(pages: &mut [PageText]) {
    // How many pages show each margin text (digits masked, so `第3页` and `第4页` are one).
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<(bool, String)> = page
            .lines
            .iter()
            .filter_map(|l| margin(page, l.base).map(|top| (top, mask(&l.text()))))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeated = pages.len().div_ceil(2).max(2);
    for page in pages.iter_mut() {
        let (top, bottom) = (page.top, page.bottom);
        let height = bottom - top;
        page.lines.retain(|l| {
            let Some(at_top) = edge(top, height, l.base) else {
                return true;
            };
            let text = l.text();
            // A line of numbers only is never a running head: it may be a table row.
            let words = text.chars().any(char::is_alphabetic);
            let running =
                words && seen.get(&(at_top, mask(&text))).copied().unwrap_or(0) >= repeated;
            !(is_page_number(&text, true) || running)
        });
    }
}

/// Whether a baseline lies in the top (`Some(true)`) or bottom (`Some(false)`) margin.
fn margin(page: &PageText, base: f32) -> Option<bool> {
    edge(page.top, page.bottom - page.top, base)
}

fn edge(top: f32, height: f32, base: f32) -> Option<bool> {
    if base - top < MARGIN * height {
        Some(true)
    } else if top + height - base < MARGIN * height {
        Some(false)
    } else {
        None
    }
}

/// Text with digits masked and spaces removed.
fn mask(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
