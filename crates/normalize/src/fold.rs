//! Text folding for matching: NFKC (full-width digits and brackets to ASCII), whitespace removed,
//! traditional characters mapped to simplified. The original text is kept elsewhere.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Traditional -> simplified for the characters that occur in the national format's labels,
/// headings and metadata. Reports circulate in traditional characters too.
const TRAD: &[(char, char)] = &[
    ('開', '开'),
    ('報', '报'),
    ('請', '请'),
    ('數', '数'),
    ('處', '处'),
    ('結', '结'),
    ('轉', '转'),
    ('辦', '办'),
    ('訊', '讯'),
    ('決', '决'),
    ('與', '与'),
    ('發', '发'),
    ('廢', '废'),
    ('現', '现'),
    ('規', '规'),
    ('範', '范'),
    ('許', '许'),
    ('強', '强'),
    ('製', '制'),
    ('費', '费'),
    ('額', '额'),
    ('單', '单'),
    ('萬', '万'),
    ('項', '项'),
    ('條', '条'),
    ('內', '内'),
    ('資', '资'),
    ('機', '机'),
    ('關', '关'),
    ('務', '务'),
    ('權', '权'),
    ('類', '类'),
    ('過', '过'),
    ('執', '执'),
    ('詢', '询'),
    ('無', '无'),
    ('補', '补'),
    ('確', '确'),
    ('認', '认'),
    ('複', '复'),
    ('復', '复'),
    ('訴', '诉'),
    ('議', '议'),
    ('審', '审'),
    ('維', '维'),
    ('糾', '纠'),
    ('總', '总'),
    ('計', '计'),
    ('況', '况'),
    ('問', '问'),
    ('題', '题'),
    ('進', '进'),
    ('業', '业'),
    ('構', '构'),
    ('組', '组'),
    ('織', '织'),
    ('續', '续'),
    ('繼', '继'),
    ('國', '国'),
    ('祕', '秘'),
    ('險', '险'),
    ('穩', '稳'),
    ('區', '区'),
    ('後', '后'),
    ('訟', '讼'),
    ('實', '实'),
    ('際', '际'),
    ('統', '统'),
    ('據', '据'),
    ('間', '间'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('門', '门'),
    ('戶', '户'),
    ('網', '网'),
    ('聯', '联'),
    ('繫', '系'),
    ('係', '系'),
    ('電', '电'),
    ('話', '话'),
    ('員', '员'),
    ('會', '会'),
    ('體', '体'),
    ('設', '设'),
    ('臺', '台'),
    ('號', '号'),
    ('級', '级'),
    ('當', '当'),
    ('層', '层'),
    ('導', '导'),
    ('頭', '头'),
    ('禮', '礼'),
    ('錄', '录'),
    ('準', '准'),
    ('幣', '币'),
    ('歲', '岁'),
    ('時', '时'),
    ('個', '个'),
    ('們', '们'),
    ('產', '产'),
    ('書', '书'),
    ('長', '长'),
    ('義', '义'),
    ('東', '东'),
    ('這', '这'),
    ('將', '将'),
    ('對', '对'),
    ('從', '从'),
    ('來', '来'),
    ('為', '为'),
    ('於', '于'),
    ('並', '并'),
    ('應', '应'),
    ('經', '经'),
    ('營', '营'),
    ('財', '财'),
    ('護', '护'),
    ('舉', '举'),
    ('訪', '访'),
    ('衛', '卫'),
    ('醫', '医'),
    ('藥', '药'),
    ('傳', '传'),
    ('廳', '厅'),
    ('聽', '听'),
    ('證', '证'),
    ('閱', '阅'),
    ('覽', '览'),
    ('圖', '图'),
    ('價', '价'),
    ('齊', '齐'),
    ('齡', '龄'),
    ('獲', '获'),
    ('雜', '杂'),
    ('難', '难'),
    ('顯', '显'),
    ('讀', '读'),
    ('編', '编'),
    ('寫', '写'),
    ('點', '点'),
    ('負', '负'),
    ('責', '责'),
    ('績', '绩'),
    ('評', '评'),
    ('訂', '订'),
    ('頒', '颁'),
    ('佈', '布'),
    ('廣', '广'),
    ('選', '选'),
    ('盡', '尽'),
    ('勞', '劳'),
    ('動', '动'),
    ('農', '农'),
    ('漁', '渔'),
    ('學', '学'),
    ('術', '术'),
    ('約', '约'),
    ('環', '环'),
    ('氣', '气'),
    ('車', '车'),
    ('輛', '辆'),
    ('貨', '货'),
    ('運', '运'),
    ('輸', '输'),
    ('稅', '税'),
    ('徵', '征'),
    ('預', '预'),
    ('調', '调'),
    ('罰', '罚'),
    ('託', '托'),
    ('滿', '满'),
    ('辭', '辞'),
];

/// [`TRAD`] sorted by the traditional character, for binary search, and a bitmap of the
/// traditional characters among the common ideographs (U+4E00..U+9FFF), built once: most
/// characters of a report are simplified already, and the bitmap says so without a search.
struct Simplified {
    sorted: Vec<(char, char)>,
    common: Vec<u64>,
}

/// The common ideographs' block, where [`Simplified::common`] answers.
const COMMON: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

static SIMPLIFIED: LazyLock<Simplified> = LazyLock::new(|| {
    let mut sorted = TRAD.to_vec();
    sorted.sort_unstable();
    let mut common = vec![0u64; (0x9FFF - 0x4E00) / 64 + 1];
    for &(t, _) in &sorted {
        if COMMON.contains(&t) {
            let i = t as usize - 0x4E00;
            common[i / 64] |= 1 << (i % 64);
        }
    }
    Simplified { sorted, common }
});

/// Maps one traditional character to its simplified form (others unchanged).
fn simplify(c: char) -> char {
    if c < '\u{4E00}' {
        return c;
    }
    let table = &*SIMPLIFIED;
    if COMMON.contains(&c) {
        let i = c as usize - 0x4E00;
        if table.common[i / 64] & (1 << (i % 64)) == 0 {
            return c;
        }
    }
    table
        .sorted
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |k| table.sorted[k].1)
}

/// Folds text for matching: NFKC, no whitespace, simplified characters, `、`/`．` kept as is.
/// Whitespace between two values stays as one space: `409 47` (or `- 5`) is two values a
/// converter put in one cell, never the number 40947 (or -5).
pub fn fold(text: &str) -> String {
    if text.bytes().all(|b| b.is_ascii_graphic()) {
        return text.to_string();
    }
    if text.chars().all(is_fast) {
        // The common case — ASCII, CJK ideographs, CJK punctuation and full-width ASCII — needs
        // no Unicode tables: NFKC only maps full-width ASCII (U+FF01..U+FF5E) to ASCII here.
        return collect_folded(text.chars().map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        }));
    }
    fold_nfkc(text)
}

/// [`fold`] through the full NFKC tables.
fn fold_nfkc(text: &str) -> String {
    collect_folded(text.nfkc().filter(|c| *c != '\u{feff}' && *c != '\u{200b}'))
}

/// A digit, or a character of a mark of nothing (`-`, `/`, `无`, `—`): text on both sides
/// of a space made of these is two values, not one.
fn is_value_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '/' | '\\' | '无' | '無' | '—' | '–')
}

/// Drops whitespace (one space is kept between two values), simplifies and unifies.
fn collect_folded(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(chars.size_hint().0);
    let mut gap = false;
    for c in chars {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && is_value_char(c) && out.ends_with(is_value_char) {
            out.push(' ');
        }
        gap = false;
        out.push(unify(simplify(c)));
    }
    out
}

/// [`fold`] without a copy when folding would change nothing (number cells, most labels).
pub(crate) fn fold_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let unchanged = text.chars().all(|c| {
        (c.is_ascii_graphic() || ('\u{4E00}'..='\u{9FFF}').contains(&c))
            && simplify(c) == c
            && unify(c) == c
    });
    if unchanged {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold(text))
    }
}

/// Characters NFKC leaves unchanged, or (full-width ASCII) maps to one ASCII character.
fn is_fast(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF5E}'
        | '\u{3000}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}'
        | '\u{2014}'..='\u{2015}'
        | '\u{2018}'..='\u{2019}'
        | '\u{201C}'..='\u{201D}'
        | '\u{00B7}')
}

/// One spelling for quotes, brackets and dashes.
fn unify(c: char) -> char {
    match c {
        '“' | '”' | '「' | '」' | '＂' => '"',
        '〔' | '［' => '[',
        '〕' | '］' => ']',
        '—' | '－' | '―' | '─' => '-',
        _ => c,
    }
}

/// Removes a leading outline number such as `一、`, `（三）`, `(3)`, `1.`, `2、`, `四．`.
pub fn strip_numbering(folded: &str) -> &str {
    let mut s = folded;
    let open = s.starts_with('(');
    if open {
        s = &s[1..];
    }
    let digits_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
        .map_or(s.len(), |(i, _)| i);
    if digits_end == 0 {
        return folded;
    }
    let mut rest = &s[digits_end..];
    if open {
        match rest.strip_prefix(')') {
            Some(r) => rest = r,
            None => return folded,
        }
    }
    let rest = rest.trim_start_matches(['、', '.', ',', ':', '．']);
    if !open && rest.len() == s[digits_end..].len() && !rest.is_empty() {
        // `1属于…` without punctuation is not numbering, except for Chinese numerals.
        if s[..digits_end].chars().all(|c| c.is_ascii_digit()) {
            return folded;
        }
    }
    rest
}

/// The outline number a heading starts with (`二` in `二、收到…`), if any.
pub fn leading_numeral(folded: &str) -> Option<String> {
    let n: String = folded
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    if n.is_empty() {
        return None;
    }
    let rest = &folded[n.len()..];
    if rest.starts_with(['、', '.', ',', '．']) || rest.chars().count() > 0 {
        Some(n)
    } else {
        None
    }
}

/// The value of a Chinese numeral 一..十.
/// The Chinese numeral of a section number (`三`); `?` past ten.
pub(crate) fn zh_numeral(n: u8) -> &'static str {
    [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ]
    .get(n as usize)
    .copied()
    .unwrap_or("?")
}

pub fn numeral_value(n: &str) -> Option<u8> {
    let digits = "一二三四五六七八九十";
    let mut chars = n.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    digits.chars().position(|d| d == c).map(|p| p as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_space_and_traditional() {
        assert_eq!(fold("（一） 予以公開"), "(一)予以公开");
        assert_eq!(fold("尚 未 审 结"), "尚未审结");
        assert_eq!(fold("政府信息公開工作年度報告"), "政府信息公开工作年度报告");
        assert_eq!(fold("\u{3000}\u{3000}０"), "0");
        assert_eq!(fold("商业\n企业"), "商业企业");
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc_on_every_character_it_takes() {
        let mut checked = 0;
        for c in (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| is_fast(*c))
        {
            let s = format!("a{c}b");
            assert_eq!(fold(&s), fold_nfkc(&s), "U+{:04X}", c as u32);
            checked += 1;
        }
        assert!(checked > 21_000);
    }

    #[test]
    fn the_bitmap_agrees_with_the_table_on_every_character() {
        let table: std::collections::HashMap<char, char> = TRAD.iter().copied().collect();
        let mut mapped = 0;
        for c in (0..=0x2FFFFu32).filter_map(char::from_u32) {
            let expected = table.get(&c).copied().unwrap_or(c);
            assert_eq!(simplify(c), expected, "{c}");
            mapped += usize::from(expected != c);
        }
        assert!(mapped > 100, "{mapped}");
    }

    #[test]
    fn borrowed_folds_equal_copied_ones() {
        for s in [
            "12",
            "（一）予以公开",
            "予以公開",
            "a b",
            "规章",
            "—",
            "１２",
            "",
        ] {
            assert_eq!(fold_cow(s), fold(s), "{s}");
        }
        assert!(matches!(fold_cow("规章"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn strips_outline_numbers() {
        assert_eq!(strip_numbering("(三)不予公开"), "不予公开");
        assert_eq!(strip_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_numbering("1、属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_numbering("一、总体情况"), "总体情况");
        assert_eq!(strip_numbering("3.其他"), "其他");
        assert_eq!(strip_numbering("其他"), "其他");
        assert_eq!(strip_numbering("2023年"), "2023年");
    }

    #[test]
    fn reads_heading_numerals() {
        assert_eq!(leading_numeral("二、收到和处理").as_deref(), Some("二"));
        assert_eq!(leading_numeral("收到和处理"), None);
        assert_eq!(numeral_value("三"), Some(3));
        assert_eq!(numeral_value("十"), Some(10));
    }
}
