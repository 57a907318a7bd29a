//! `xxgk compare A B`: two reports side by side (the same agency or not, every value that
//! differs, the share of each prose section they have in common), as text or JSON, and with
//! `--html` as a page of both reports' values and sections, the differences and the shared
//! passages marked.

use super::*;

pub(super) fn compare(
    reader: &Reader,
    [first, second]: [&std::path::Path; 2],
    format: OutputFormat,
    html: Option<&std::path::Path>,
    opts: ParseOptions,
) -> Result<u8> {
    let lang = opts.lang;
    if let Some(page) = html {
        not_an_input(page, &[first, second])?;
    }
    let (a, b) = (
        report_from(reader, first, &opts)?,
        report_from(reader, second, &opts)?,
    );
    if let Some(page) = html {
        let names = [first, second].map(|p| p.display().to_string());
        let text = xxgk_review::compare_page(lang, [&names[0], &names[1]], &a, &b);
        write_out(page, text.into_bytes())?;
        eprintln!("xxgk: {}", Text::Wrote.fill(lang, &[&page.display()]));
    }
    let c = xxgk::compare(&a, &b);
    let codes = xxgk::model::codebook();
    let show = |v: Option<f64>| {
        v.map_or(Text::CompareBlank.get(lang).to_string(), |n| {
            xxgk::model::Num(n).to_string()
        })
    };
    match format {
        OutputFormat::Json => {
            let json = serde_json::json!({
                "first": first.display().to_string(),
                "second": second.display().to_string(),
                "same_agency": c.same_agency,
                "differing": c.differing.iter().map(|(i, x, y)| serde_json::json!({
                    "value": codes[*i].name, "first": x, "second": y,
                })).collect::<Vec<_>>(),
                "equal": c.equal,
                "sections": c.sections.iter().map(|(n, share)| serde_json::json!({
                    "section": n, "share": share,
                })).collect::<Vec<_>>(),
            });
            out!("{}", serde_json::to_string_pretty(&json)?);
        }
        OutputFormat::Text => {
            let who = |r: &Report| {
                let year = r.year.map(|y| y.to_string()).unwrap_or_default();
                format!("{} {year}", r.agency.as_deref().unwrap_or("?"))
            };
            out!(
                "{}",
                Text::CompareFirst.fill(lang, &[&first.display(), &who(&a)])
            );
            out!(
                "{}",
                Text::CompareSecond.fill(lang, &[&second.display(), &who(&b)])
            );
            let key = a.metadata.agency_key.clone().unwrap_or_default();
            out!(
                "{}",
                if c.same_agency {
                    Text::CompareSameAgency.fill(lang, &[&key])
                } else {
                    Text::CompareOtherAgency.get(lang).to_string()
                }
            );
            out!(
                "{}",
                Text::CompareValues.fill(lang, &[&c.differing.len(), &c.equal])
            );
            for (i, x, y) in &c.differing {
                let code = &codes[*i];
                let name = match lang {
                    Lang::En => code.name.clone(),
                    _ => {
                        let column = code
                            .column_label
                            .map_or(String::new(), |l| format!("“{l}”列"));
                        let table = xxgk::model::catalogue::table_name(code.table, lang);
                        format!("{table}“{}”行{column}", code.row_label)
                    }
                };
                let colon = if lang == Lang::En { ": " } else { "：" };
                out!("  {name}{colon}{} → {}", show(*x), show(*y));
            }
            if !c.sections.is_empty() {
                out!("{}", Text::CompareSections.get(lang));
                for (n, share) in &c.sections {
                    let pct = (share * 100.0).floor();
                    let n: String = match lang {
                        Lang::En => n.to_string(),
                        _ => ["一", "二", "三", "四", "五", "六"][usize::from(*n - 1)].into(),
                    };
                    out!("  {}", Text::CompareSection.fill(lang, &[&n, &pct]));
                }
            }
        }
    }
    Ok(0)
}
