//! HTML building blocks of the review page: escaping, the interface strings in both languages,
//! the inline SVG bar chart and the `<template>` of the official table layout.

use std::fmt::Write as _;
use xxgk_model::layout::{official_tables, LayoutKind, SECTION_HEADINGS};
use xxgk_model::Lang;

/// Escapes text for HTML element content and double-quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Picks the interface string for the page's language.
pub(crate) fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

/// One bar of a chart: label, error count, warning count.
pub(crate) struct Bar {
    pub label: String,
    pub errors: usize,
    pub warnings: usize,
}

/// A horizontal stacked bar chart (errors, then warnings) as inline SVG.
pub(crate) fn bar_chart(title: &str, bars: &[Bar]) -> String {
    const LABEL: usize = 220;
    const WIDTH: usize = 420;
    const ROW: usize = 22;
    let max = bars
        .iter()
        .map(|b| b.errors + b.warnings)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * bars.len() + 8;
    let mut s = format!(
        "<figure class=chart><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        LABEL + WIDTH + 60,
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let we = b.errors * WIDTH / max;
        let ww = b.warnings * WIDTH / max;
        let label: String = b.label.chars().take(16).collect();
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=e x=\"{LABEL}\" y=\"{y}\" width=\"{we}\" height=\"{}\"/>\
             <rect class=w x=\"{}\" y=\"{y}\" width=\"{ww}\" height=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            LABEL - 6,
            y + 14,
            esc(&label),
            ROW - 6,
            LABEL + we,
            ROW - 6,
            LABEL + we + ww + 4,
            y + 14,
            b.errors + b.warnings
        );
    }
    s.push_str("</svg></figure>");
    s
}

/// The three statutory tables in the official layout, value cells empty and carrying
/// `data-i` (their index in `Report::values()`), for the script to fill per report.
pub(crate) fn tables_template(lang: Lang) -> String {
    let english = [
        "2 Active disclosure",
        "3 Requests received and handled",
        "4 Administrative review and litigation",
    ];
    let mut s = String::from("<template id=tables>");
    for (table, en) in official_tables().iter().zip(english) {
        let caption = tr(lang, SECTION_HEADINGS[table.section], en);
        let _ = write!(
            s,
            "<table class=\"official {}\"><caption>{}</caption>",
            table.key,
            esc(caption)
        );
        let mut row = usize::MAX;
        for cell in &table.cells {
            if cell.row != row {
                if row != usize::MAX {
                    s.push_str("</tr>");
                }
                s.push_str("<tr>");
                row = cell.row;
            }
            let span = match (cell.row_span, cell.col_span) {
                (1, 1) => String::new(),
                (1, c) => format!(" colspan={c}"),
                (r, 1) => format!(" rowspan={r}"),
                (r, c) => format!(" rowspan={r} colspan={c}"),
            };
            match cell.kind {
                LayoutKind::Header(t) => {
                    let _ = write!(s, "<th{span}>{}</th>", esc(t));
                }
                LayoutKind::Label(t) => {
                    let _ = write!(s, "<th class=label{span}>{}</th>", esc(t));
                }
                LayoutKind::Value(i) => {
                    let _ = write!(s, "<td{span} data-i={i}></td>");
                }
            }
        }
        s.push_str("</tr></table>");
    }
    s.push_str("</template>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn charts_scale_to_the_largest_bar() {
        let svg = bar_chart(
            "t",
            &[
                Bar {
                    label: "R1".into(),
                    errors: 2,
                    warnings: 0,
                },
                Bar {
                    label: "<x>".into(),
                    errors: 1,
                    warnings: 1,
                },
            ],
        );
        assert!(
            svg.contains("width=\"420\""),
            "the largest bar is full width"
        );
        assert!(svg.contains("width=\"210\""), "half bars are half width");
        assert!(svg.contains("&lt;x&gt;"));
    }
}
