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
/// the unit it governs, read from its name; a department by the government it belongs to,
/// where its name begins with that place; a zone's management committee apart.
pub const LEVELS: [(&str, &str, &str); 9] = [
    ("province", "省级政府", "provincial government"),
    ("city", "市级政府", "city government"),
    ("county", "县级政府", "county government"),
    ("township", "乡镇（街道）", "township or street office"),
    ("zone", "开发区（管委会）", "zone management committee"),
    ("province_department", "省级部门", "provincial department"),
    ("city_department", "市级部门", "city department"),
    ("county_department", "县级部门", "county department"),
    (
        "department",
        "部门（层级不明）",
        "department (level not shown)",
    ),
];

/// The province-level cities, whose governments are provincial.
const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// What a zone's name holds (`…经济技术开发区管理委员会`, `长春新区`); a committee without
/// one is a department (`…国有资产监督管理委员会`, `…城市管理委员会`).
const ZONES: [&str; 10] = [
    "开发区",
    "高新区",
    "新区",
    "园区",
    "示范区",
    "试验区",
    "合作区",
    "保税区",
    "度假区",
    "自贸区",
];

/// Words for the reporting agency itself, not a name (`本机关`, `我局`); `本溪市` is a name.
const SELF: [&str; 8] = [
    "本机关",
    "本单位",
    "本部门",
    "本局",
    "本委",
    "本办",
    "本院",
    "本级",
];

/// Names of a government other than `人民政府` (a prefecture's or league's 行政公署).
const GOVERNMENT: [&str; 3] = ["人民政府", "行政公署", "政府"];

/// The rank of a place by how its name ends: `province`, `city` (a county-level city too: the
/// name does not tell), `county`, `township`.
fn rank(place: &str) -> Option<&'static str> {
    let ends = |suffixes: &[&str]| suffixes.iter().any(|s| place.ends_with(s));
    if place.chars().count() < 2 || place.ends_with("社区") {
        None
    } else if MUNICIPALITIES.iter().any(|m| place.ends_with(m)) || ends(&["省", "自治区"]) {
        Some("province")
    } else if ends(&["市", "自治州", "州", "盟", "地区"]) {
        Some("city")
    } else if ends(&["县", "区", "旗"]) {
        Some("county")
    } else if ends(&["乡", "镇", "苏木", "街道"]) {
        Some("township")
    } else {
        None
    }
}

/// The places a department's name begins with (`西安市高陵区` of `西安市高陵区行政审批服务局`):
/// runs of 2 to 8 characters each ending like a place, from the start; `市场`, `区域`, `县域`
/// and `城市` are words, not places.
fn place_prefix(name: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let (mut unit_start, mut end) = (0, None);
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let closes = match c {
            '省' | '州' | '盟' | '旗' => true,
            '市' => next != Some('场'),
            '县' | '区' => next != Some('域'),
            _ => false,
        };
        if !closes {
            continue;
        }
        let unit = &name[chars[unit_start].0..at + c.len_utf8()];
        if !(2..=8).contains(&(i + 1 - unit_start)) || unit == "城市" {
            break;
        }
        end = Some(at + c.len_utf8());
        unit_start = i + 1;
    }
    end.map(|e| &name[..e])
}

/// The kind of agency a key names ([`LEVELS`]), where its name shows it: a government by the
/// unit it governs, named with or without `人民政府` (`…县人民政府`, `…县政府`, `茅坪回族镇`,
/// `…地区行政公署`); `…街道办事处` a township's; a zone's committee (`…开发区管委会`, or a
/// bare zone name) `zone`; any other office a department, of the rank of the place its name
/// begins with (`淮安市财政局`, `…县人民政府办公室`; `department` where it begins with none).
/// None where the name is a word for the agency itself (`本机关`, `我局`) or too short.
pub fn level(key: &str) -> Option<&'static str> {
    let word = key.starts_with('我') || SELF.iter().any(|w| key.starts_with(w));
    if key.chars().count() < 3 || word || key.ends_with("社区") {
        return None;
    }
    if ["街道办事处", "街道", "地区办事处"]
        .iter()
        .any(|s| key.ends_with(s))
    {
        return Some("township");
    }
    let zone = |name: &str| ZONES.iter().any(|z| name.contains(z));
    if let Some(body) = key
        .strip_suffix("管委会")
        .or_else(|| key.strip_suffix("管理委员会"))
    {
        if zone(body) {
            return Some("zone");
        }
    }
    if let Some(place) = GOVERNMENT.iter().find_map(|g| key.strip_suffix(g)) {
        return rank(place);
    }
    if ZONES.iter().any(|z| key.ends_with(z)) {
        return Some("zone");
    }
    if let Some(place) = rank(key) {
        return Some(place); // a government named by its place alone (`茅坪回族镇`)
    }
    Some(match place_prefix(key).and_then(rank) {
        Some("province") => "province_department",
        Some("city") => "city_department",
        Some("county") => "county_department",
        _ => "department",
    })
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
            ("阿克苏地区行政公署", Some("city")),
            ("本溪市人民政府", Some("city")),
            ("淮安市洪泽区人民政府", Some("county")),
            ("某市某区政府", Some("county")),
            ("某某自治县人民政府", Some("county")),
            ("上海市浦东新区人民政府", Some("county")),
            ("金乡县", Some("county")),
            ("某县某某镇人民政府", Some("township")),
            ("茅坪回族镇", Some("township")),
            ("海城市西四镇", Some("township")),
            ("某区某某街道办事处", Some("township")),
            ("义乌市东城街道人民政府", Some("township")),
            ("某市高新技术产业开发区管委会", Some("zone")),
            ("某市经济技术开发区管理委员会", Some("zone")),
            ("长春新区", Some("zone")),
            (
                "某省人民政府国有资产监督管理委员会",
                Some("province_department"),
            ),
            ("北京市城市管理委员会", Some("province_department")),
            ("淮安市市场监督管理局", Some("city_department")),
            ("湛江市人民政府地方志办公室", Some("city_department")),
            ("某县人民政府办公室", Some("county_department")),
            ("某县市场监督管理局", Some("county_department")),
            ("西安市高陵区行政审批服务局", Some("county_department")),
            ("国家税务总局某某某某县税务局", Some("department")),
            ("区统计局", Some("department")),
            ("市政府办公室", Some("department")),
            ("某区某某社区", None),
            ("我局", None),
            ("本机关", None),
            ("本单位信息公开办公室", None),
        ];
        for (name, want) in cases {
            assert_eq!(level(&name_key(name)), want, "{name}");
        }
    }
}
