//! Agency identity: one key per agency, so that the reports of one office meet across years
//! however its name is printed. The key is the name folded (full-width, traditional forms,
//! spaces and punctuation), completed with the place prefix where the title and the body name
//! the office with and without it (`洪泽区人民政府` / `淮安市洪泽区人民政府`). Offices whose
//! names differ otherwise (`人民政府` / `人民政府办公室`) stay apart; a bare name is never
//! completed by its shape alone (the batch may learn it from a report that prints both, see
//! `cross.rs`).

use crate::fold::fold;

/// A name reduced for matching: folded (NFKC, simplified characters), without whitespace and
/// punctuation.
pub fn name_key(name: &str) -> String {
    fold(name)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"（）·•、，。“”‘’《》【】：；".contains(*c)
        })
        .collect()
}

/// Where a name's key came from: the title, the body (`本报告由…编制`), both (completed), or
/// the announcing sentence or file name (`other`).
pub const KEY_SOURCES: [&str; 4] = ["title", "body", "title+body", "other"];

/// The key of a report's agency from the names it prints: in its title, in its body, or
/// elsewhere (the announcing sentence, the file name). Where title and body both name it and
/// one name ends with the other, the longer (the one with its place prefix) is the key.
pub(crate) fn identity(
    title: Option<&str>,
    body: Option<&str>,
    other: Option<&str>,
) -> Option<(String, &'static str)> {
    let key = |n: Option<&str>| n.map(name_key).filter(|k| !k.is_empty());
    match (key(title), key(body)) {
        (Some(t), Some(b)) if t != b && b.ends_with(&t) => Some((b, KEY_SOURCES[2])),
        (Some(t), Some(b)) if t != b && t.ends_with(&b) => Some((t, KEY_SOURCES[2])),
        (Some(t), _) => Some((t, KEY_SOURCES[0])),
        (None, Some(b)) => Some((b, KEY_SOURCES[1])),
        (None, None) => key(other).map(|o| (o, KEY_SOURCES[3])),
    }
}

/// The kinds of agency the batch ranks among their like (key, 中文, English): a government by
/// the unit it governs, read from its name; every other office is a department; a zone's
/// management committee is apart.
pub const LEVELS: [(&str, &str, &str); 6] = [
    ("province", "省级政府", "provincial government"),
    ("city", "市级政府", "city government"),
    ("county", "县级政府", "county government"),
    ("township", "乡镇（街道）", "township or street office"),
    ("zone", "开发区（管委会）", "zone management committee"),
    ("department", "部门", "department"),
];

/// The province-level cities, whose governments are provincial.
const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// Zones, whose bare names end like a district's (`…高新区`, `长春新区`).
const ZONES: [&str; 7] = [
    "开发区",
    "高新区",
    "新区",
    "园区",
    "示范区",
    "试验区",
    "合作区",
];

/// The kind of agency a key names ([`LEVELS`]), where its name shows it: a government by the
/// unit it governs, named with or without `人民政府` (`…县人民政府`, `…县政府`, `茅坪回族镇`):
/// a city's is `city` whatever its rank (the name alone does not tell a county-level city);
/// `…街道办事处` is a township's; a zone's committee (`…管委会`, or a bare zone name) is
/// `zone`; any other named office (`…财政局`, `…人民政府办公室`) a department. None where
/// the name is too short to tell (`本机关`, `我局`) or names no office it can read.
pub fn level(key: &str) -> Option<&'static str> {
    if key.chars().count() < 3 || key.starts_with(['我', '本']) {
        return None;
    }
    if key.ends_with("街道办事处") || key.ends_with("街道") {
        return Some("township");
    }
    if key.ends_with("管委会") || key.ends_with("管理委员会") {
        return Some("zone");
    }
    let (place, named) = match key
        .strip_suffix("人民政府")
        .or_else(|| key.strip_suffix("政府"))
    {
        Some(place) => (place, true),
        None => (key, false),
    };
    let ends = |suffixes: &[&str]| suffixes.iter().any(|s| place.ends_with(s));
    if place.chars().count() < 2 || place.ends_with("社区") {
        None
    } else if MUNICIPALITIES.iter().any(|m| place.ends_with(m)) || ends(&["省", "自治区"]) {
        Some("province")
    } else if !named && ends(&ZONES) {
        Some("zone")
    } else if ends(&["市", "自治州", "州", "盟", "地区"]) {
        Some("city")
    } else if ends(&["县", "区", "旗"]) {
        Some("county")
    } else if ends(&["乡", "镇"]) {
        Some("township")
    } else if named {
        None
    } else {
        Some("department")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_body_names_meet_with_the_place_completed() {
        assert_eq!(
            identity(Some("洪泽区人民政府"), Some("淮安市洪泽区人民政府"), None),
            Some(("淮安市洪泽区人民政府".to_string(), "title+body"))
        );
        assert_eq!(
            identity(Some("淮安市 洪泽区人民政府"), None, None),
            Some(("淮安市洪泽区人民政府".to_string(), "title"))
        );
        // Traditional forms and full-width punctuation fold.
        assert_eq!(
            name_key("某縣人民政府（辦公室）"),
            name_key("某县人民政府办公室")
        );
        // Different offices stay apart.
        assert_eq!(
            identity(Some("洪泽区人民政府办公室"), Some("洪泽区人民政府"), None),
            Some(("洪泽区人民政府办公室".to_string(), "title"))
        );
        assert_eq!(
            identity(None, None, Some("我办")),
            Some(("我办".into(), "other"))
        );
        assert_eq!(identity(None, None, None), None);
    }

    #[test]
    fn a_level_is_read_from_the_name_where_it_shows() {
        let cases = [
            ("江苏省人民政府", Some("province")),
            ("上海市人民政府", Some("province")),
            ("广西壮族自治区人民政府", Some("province")),
            ("淮安市人民政府", Some("city")),
            ("昆山市人民政府", Some("city")),
            ("延边朝鲜族自治州人民政府", Some("city")),
            ("淮安市洪泽区人民政府", Some("county")),
            ("某某自治县人民政府", Some("county")),
            ("某县某某镇人民政府", Some("township")),
            ("某区某某街道办事处", Some("township")),
            ("某市高新技术产业开发区管委会", Some("zone")),
            ("某县人民政府办公室", Some("department")),
            ("某县政府", Some("county")),
            ("茅坪回族镇", Some("township")),
            ("海城市西四镇", Some("township")),
            ("金乡县", Some("county")),
            ("长春新区", Some("zone")),
            ("上海市浦东新区人民政府", Some("county")),
            ("某区某某社区", None),
            ("区统计局", Some("department")),
            ("淮安市市场监督管理局", Some("department")),
            ("我局", None),
            ("本机关", None),
        ];
        for (name, want) in cases {
            assert_eq!(level(&name_key(name)), want, "{name}");
        }
    }
}
