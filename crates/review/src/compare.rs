//! `xxgk compare A B --html`: two reports side by side in one self-contained page — who each
//! is, every table value of both with the differing ones marked (and a toggle to see only
//! those), and each section of both with the passages they share highlighted.

use crate::html::{esc, tr};
use std::fmt::Write as _;
use xxgk_model::catalogue::table_name;
use xxgk_model::{codebook, Lang, Num, Report, Text};
use xxgk_normalize::cross::{compare, shared_passages};

const STYLE: &str = "\
.pair td.diff{background:#fdecea;font-weight:bold}.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px}\
.sides div{border:1px solid #ddd;padding:6px 10px;white-space:pre-wrap}mark{background:#ffe58f}\
body:has(#only:checked) tr.same,body:has(#only:checked) section.values:not(:has(tr.diff)){display:none}";

/// Text with the characters marked in `marks` highlighted, escaped.
fn highlighted(text: &str, marks: &[bool]) -> String {
    let mut out = String::new();
    let mut open = false;
    for (c, &m) in text
        .chars()
        .zip(marks.iter().chain(std::iter::repeat(&false)))
    {
        if m != open {
            out.push_str(if m { "<mark>" } else { "</mark>" });
            open = m;
        }
        out.push_str(&esc(c.encode_utf8(&mut [0; 4])));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

/// Section `n` of a report, where it has one.
fn section(r: &Report, n: u8) -> Option<&xxgk_model::Section> {
    r.sections.iter().find(|x| x.number == n)
}

/// The page comparing report `a` (read from the file named `names[0]`) with `b`.
pub fn compare_page(lang: Lang, names: [&str; 2], a: &Report, b: &Report) -> String {
    let c = compare(a, b);
    let mut s = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{}{STYLE}</style></head><body><header><h1>{}</h1><p class=sub>{} · {}</p>\
         </header><main><section>",
        tr(lang, "zh-CN", "en"),
        Text::CompareTitle.get(lang),
        include_str!("assets/page.css"),
        Text::CompareTitle.get(lang),
        esc(names[0]),
        esc(names[1]),
    );
    let who = |r: &Report| {
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        format!("{} {year}", r.agency.as_deref().unwrap_or("?"))
    };
    for (text, name, r) in [
        (Text::CompareFirst, names[0], a),
        (Text::CompareSecond, names[1], b),
    ] {
        let _ = write!(s, "<p>{}</p>", esc(&text.fill(lang, &[&name, &who(r)])));
    }
    let agency = if c.same_agency {
        let key = a.metadata.agency_key.clone().unwrap_or_default();
        Text::CompareSameAgency.fill(lang, &[&key])
    } else {
        Text::CompareOtherAgency.get(lang).to_string()
    };
    let _ = write!(
        s,
        "<p><b>{}</b> · {}</p><label><input type=checkbox id=only> {}</label></section>",
        esc(&agency),
        Text::CompareValues.fill(lang, &[&c.differing.len(), &c.equal]),
        Text::CompareOnlyDiffering.get(lang),
    );
    let (va, vb) = (a.numbers(), b.numbers());
    let show = |v: Option<Num>| v.map(|n| n.to_string()).unwrap_or_default();
    let mut table = "";
    for (i, code) in codebook().iter().enumerate() {
        if code.table != table {
            if !table.is_empty() {
                s.push_str("</tbody></table></section>");
            }
            table = code.table;
            let _ = write!(
                s,
                "<section class=values><h2>{}</h2><table class=\"list pair\"><thead><tr><th>{}</th>\
                 <th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                table_name(table, lang),
                Text::ColRow.get(lang),
                Text::ColColumn.get(lang),
                esc(names[0]),
                esc(names[1]),
            );
        }
        let (x, y) = (va[i], vb[i]);
        let class = if x == y { "same" } else { "diff" };
        let (row, column) = match lang {
            Lang::En => (code.row, code.column.unwrap_or("")),
            _ => (code.row_label, code.column_label.unwrap_or("")),
        };
        let _ = write!(
            s,
            "<tr class={class}><td>{}</td><td>{}</td><td class=\"n {class}\">{}</td>\
             <td class=\"n {class}\">{}</td></tr>",
            esc(row),
            esc(column),
            show(x),
            show(y),
        );
    }
    s.push_str("</tbody></table></section>");
    let _ = write!(
        s,
        "<section><h2>{}</h2><p class=sub>{}</p>",
        Text::CompareSections
            .get(lang)
            .trim_end_matches(['：', ':']),
        Text::CompareMarked.get(lang)
    );
    for n in 1..=6u8 {
        let (sa, sb) = (section(a, n), section(b, n));
        let Some(heading) = sa.or(sb).map(|x| x.heading.clone()) else {
            continue;
        };
        let blank = |x: Option<&xxgk_model::Section>| x.is_none_or(|x| x.text.trim().is_empty());
        if blank(sa) && blank(sb) {
            continue;
        }
        let share = c
            .sections
            .iter()
            .find(|(m, _)| *m == n)
            .map(|(_, share)| format!(" — {}%", (share * 100.0).floor()))
            .unwrap_or_default();
        let _ = write!(s, "<h3>{}{share}</h3><div class=sides>", esc(&heading));
        for (this, other) in [(sa, sb), (sb, sa)] {
            let body = match (this, other) {
                (Some(t), Some(o)) => highlighted(&t.text, &shared_passages(&t.text, &o.text)),
                (Some(t), None) => esc(&t.text),
                (None, _) => Text::CompareNoSection.get(lang).to_string(),
            };
            let _ = write!(s, "<div>{body}</div>");
        }
        s.push_str("</div>");
    }
    s.push_str("</section></main></body></html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_is_marked_and_escaped() {
        assert_eq!(
            highlighted("a<b", &[false, true, true]),
            "a<mark>&lt;b</mark>"
        );
        assert_eq!(highlighted("ab", &[true]), "<mark>a</mark>b");
    }

    #[test]
    fn differing_values_are_marked() {
        let a = Report::default();
        let mut b = Report::default();
        b.active.licensing = Some(Num(7.0));
        let page = compare_page(Lang::Zh, ["a.docx", "b.docx"], &a, &b);
        assert_eq!(page.matches("<tr class=diff>").count(), 1, "{page}");
        assert!(page.contains("<td class=\"n diff\">7</td>"));
        assert!(page.contains("只看不同的数值"));
    }
}
