//! Seeded random reports: valid by construction (R1–R5 hold, prose agrees with table 三), with
//! realistic agencies, years 2021–2024, mostly-zero request counts and section prose; and
//! [`break_rule`] to break exactly one chosen rule. The same seed always gives the same report.

use xxgk_model::layout::SECTION_HEADINGS;
use xxgk_model::{FormatVersion, Num, Report, Section, SourceRef, Trio};

/// Rules [`break_rule`] can break, each alone.
pub const BREAKABLE: [&str; 5] = ["R1", "R2", "R3", "R4", "R5"];

const PLACES: [&str; 10] = [
    "济宁市",
    "金乡县",
    "嘉兴市",
    "上海市黄浦区",
    "杭州市西湖区",
    "成都市",
    "武汉市江汉区",
    "广州市",
    "西安市雁塔区",
    "长沙县",
];

const OFFICES: [&str; 10] = [
    "人民政府办公室",
    "教育局",
    "财政局",
    "自然资源和规划局",
    "行政审批服务局",
    "卫生健康委员会",
    "生态环境局",
    "交通运输局",
    "市场监督管理局",
    "住房和城乡建设局",
];

fn n(v: u32) -> Option<Num> {
    Some(Num(f64::from(v)))
}

/// A count that is 0 about half the time, else up to `max`.
fn count(rng: &mut fastrand::Rng, max: u32) -> u32 {
    if rng.bool() {
        0
    } else {
        rng.u32(0..=max)
    }
}

/// A valid report from `seed`.
pub fn report(seed: u64) -> Report {
    let mut rng = fastrand::Rng::with_seed(seed);
    let agency = format!(
        "{}{}",
        PLACES[rng.usize(..PLACES.len())],
        OFFICES[rng.usize(..OFFICES.len())]
    );
    let year = rng.i32(2021..=2024);
    let mut r = Report {
        agency: Some(agency.clone()),
        year: Some(year),
        format: Some(FormatVersion::V2021),
        ..Report::default()
    };
    let trio = |rng: &mut fastrand::Rng| Trio {
        issued: n(count(rng, 6)),
        repealed: n(count(rng, 3)),
        in_force: n(rng.u32(0..60)),
    };
    r.active.rules = trio(&mut rng);
    r.active.normative_documents = trio(&mut rng);
    r.active.licensing = n(rng.u32(0..20_000));
    r.active.punishment = n(count(&mut rng, 3_000));
    r.active.enforcement = n(count(&mut rng, 300));
    r.active.fees = Some(Num(f64::from(rng.u32(0..100_000)) / 100.0));

    // Table 三, column by column (natural persons file most requests), then the 总计 column.
    for c in 0..6 {
        let max = if c == 0 { 40 } else { 3 };
        let mut handled = 0;
        for row in 2..23 {
            let v = if row == 2 && c == 0 {
                rng.u32(1..=max)
            } else {
                count(&mut rng, if row <= 3 { max } else { max / 4 + 1 })
            };
            r.applications.row_mut(row)[c] = n(v);
            handled += v;
        }
        let forward = count(&mut rng, max / 4 + 1);
        let over = rng.u32(0..=(handled + forward).min(max / 4 + 1));
        r.applications.row_mut(23)[c] = n(handled);
        r.applications.row_mut(24)[c] = n(forward);
        r.applications.row_mut(1)[c] = n(over);
        r.applications.row_mut(0)[c] = n(handled + forward - over);
    }
    for row in 0..25 {
        let total: f64 = r.applications.row(row)[..6]
            .iter()
            .map(|v| v.map_or(0.0, |x| x.0))
            .sum();
        r.applications.row_mut(row)[6] = Some(Num(total));
    }
    for g in 0..3 {
        let group = r.review_litigation.group_mut(g);
        let mut total = 0;
        for v in group.iter_mut().take(4) {
            let x = count(&mut rng, 2);
            *v = n(x);
            total += x;
        }
        group[4] = n(total);
    }

    let new = r.applications.row(0)[6].map_or(0.0, |x| x.0);
    let title = format!("{agency}{year}年政府信息公开工作年度报告");
    let prose = [
        format!(
            "本年度报告中所列数据统计期限为{year}年1月1日至12月31日。{year}年，{agency}认真贯彻落实\
             《中华人民共和国政府信息公开条例》，全年新收政府信息公开申请{new}件，均在法定期限内答复。"
        ),
        "本机关通过门户网站、政务新媒体等渠道主动公开政府信息。".to_string(),
        "本机关依法办理政府信息公开申请，情况如下。".to_string(),
        "本年度因政府信息公开工作被申请行政复议、提起行政诉讼情况如下。".to_string(),
        "一是公开内容的针对性有待加强；二是政策解读形式较为单一。下一步将加强培训，提升公开质量。"
            .to_string(),
        "本年度未收取信息处理费。".to_string(),
    ];
    r.sections = SECTION_HEADINGS
        .iter()
        .zip(prose)
        .enumerate()
        .map(|(i, (heading, text))| Section {
            number: i as u8 + 1,
            heading: heading.to_string(),
            printed_number: None,
            text,
            source: SourceRef::Paragraph {
                paragraph: i as u32 + 2,
            },
        })
        .collect();
    r.metadata.title = Some(title);
    r
}

/// Breaks `rule` (one of [`BREAKABLE`]) and no other rule; false for any other id.
pub fn break_rule(r: &mut Report, rule: &str) -> bool {
    let add = |v: &mut Option<Num>, d: f64| {
        *v = Some(Num(v.map_or(0.0, |x| x.0) + d));
    };
    match rule {
        // One more carried forward in a column and its total: rows still add up (R3), results
        // still add up (R2), but new + carried over no longer equals handled + forward.
        "R1" => {
            add(&mut r.applications.row_mut(24)[0], 1.0);
            add(&mut r.applications.row_mut(24)[6], 1.0);
        }
        // One more granted in a column and its total: R3 holds, （七）总计 does not.
        "R2" => {
            add(&mut r.applications.row_mut(2)[0], 1.0);
            add(&mut r.applications.row_mut(2)[6], 1.0);
        }
        // Move one request between two result rows of a column, totals unchanged: the column
        // still adds up (R2), the two rows' 总计 do not.
        "R3" => {
            add(&mut r.applications.row_mut(2)[0], -1.0);
            add(&mut r.applications.row_mut(3)[0], 1.0);
        }
        "R4" => add(&mut r.review_litigation.review[4], 1.0),
        "R5" => {
            let v = r.active.licensing.map_or(0.0, |x| x.0);
            r.active.licensing = Some(Num(-v - 1.0));
        }
        _ => return false,
    }
    true
}
