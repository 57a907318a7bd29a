//! The phrases metadata is read from — a year, the statistical period, a website, a phone, an
//! address, the sentence that names who compiled or announces the report, the request count
//! stated in prose — matched in plain code. Each function's doc gives the pattern it matches,
//! written as a regex, and finds what that pattern finds (leftmost-first, lazy and greedy
//! repetition as a backtracking engine tries them); the tests check it against the `regex`
//! crate on generated text. Compiling those patterns took most of a small report's parse.

/// A place in a text, and the steps a pattern takes from it.
#[derive(Clone, Copy)]
struct At<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> At<'t> {
    fn rest(self) -> &'t str {
        &self.text[self.pos..]
    }

    fn to(self, pos: usize) -> Self {
        At { pos, ..self }
    }

    fn str_to(self, end: At<'t>) -> &'t str {
        &self.text[self.pos..end.pos]
    }

    /// `s` (compared byte by byte: the literals are a few characters, most fail at the
    /// first byte, and a call to `memcmp` per try cost more than the search).
    fn lit(self, s: &str) -> Option<Self> {
        let rest = self.rest().as_bytes();
        let same = rest.len() >= s.len() && rest.iter().zip(s.as_bytes()).all(|(a, b)| a == b);
        same.then(|| self.to(self.pos + s.len()))
    }

    /// `(?:a|b|…)`: after each alternative that follows, in order.
    fn any(self, alternatives: &'static [&'static str]) -> impl Iterator<Item = Self> {
        alternatives.iter().filter_map(move |a| self.lit(a))
    }

    /// `(?:s)?`: after `s` where it follows, then here.
    fn optional(self, s: &'static str) -> impl Iterator<Item = Self> {
        self.lit(s).into_iter().chain(std::iter::once(self))
    }

    /// One character that `class` takes.
    fn char(self, class: impl Fn(char) -> bool) -> Option<Self> {
        let c = self.rest().chars().next().filter(|&c| class(c))?;
        Some(self.to(self.pos + c.len_utf8()))
    }

    /// `class*`, greedy, where what follows cannot start with `class`.
    fn all(self, class: impl Fn(char) -> bool) -> Self {
        let len = self.rest().find(|c| !class(c)).unwrap_or(self.rest().len());
        self.to(self.pos + len)
    }

    /// `\s*` where what follows is no space.
    fn spaces(self) -> Self {
        self.all(char::is_whitespace)
    }

    /// `[0-9]{least,most}`, greedy: as many digits as there are up to `most` (fewer are never
    /// tried: callers follow it with no digit, or use `least == most`).
    fn digits(self, least: usize, most: usize) -> Option<Self> {
        // Counted only up to `most`: a long run of digits tried at each of its digits stays
        // linear.
        let n = self
            .rest()
            .bytes()
            .take(most)
            .take_while(u8::is_ascii_digit)
            .count();
        (n >= least).then(|| self.to(self.pos + n))
    }

    /// `(?:19|20)[0-9]{2}`.
    fn year(self) -> Option<Self> {
        let at = self.lit("19").or_else(|| self.lit("20"))?;
        at.char(|c| c.is_ascii_digit())?
            .char(|c| c.is_ascii_digit())
    }

    /// `class{0,most}?`: after 0, 1, … `most` characters of `class`, in that order, with how
    /// many.
    fn lazy(
        self,
        most: usize,
        class: impl Fn(char) -> bool,
    ) -> impl Iterator<Item = (usize, Self)> {
        let run = self
            .rest()
            .char_indices()
            .take_while(move |&(_, c)| class(c));
        std::iter::once((0, self))
            .chain(
                run.map(move |(i, c)| self.to(self.pos + i + c.len_utf8()))
                    .enumerate()
                    .map(|(n, at)| (n + 1, at)),
            )
            .take(most + 1)
    }
}

/// The leftmost match of `pattern` starting at or after byte `from` of `text`: `pattern` is
/// tried at each character that `first` says can begin it, in turn.
fn search<'t, T>(
    text: &'t str,
    from: usize,
    first: impl Fn(char) -> bool,
    mut pattern: impl FnMut(At<'t>) -> Option<T>,
) -> Option<T> {
    let at = At { text, pos: from };
    at.rest()
        .char_indices()
        .filter(|&(_, c)| first(c))
        .find_map(|(i, _)| pattern(at.to(from + i)))
}

/// Characters a request-count phrase does not run across (`，。；,;`).
fn in_clause(c: char) -> bool {
    !matches!(c, '，' | '。' | '；' | ',' | ';')
}

fn in_clause_no_digit(c: char) -> bool {
    in_clause(c) && !c.is_ascii_digit()
}

/// A year and `年`: `((?:19|20)[0-9]{2})\s*年` — the year and where the match starts and ends.
pub(crate) fn year(text: &str) -> Option<(i32, usize, usize)> {
    search(
        text,
        0,
        |c| c == '1' || c == '2',
        |at| {
            let digits = at.year()?;
            let end = digits.spaces().lit("年")?;
            Some((at.str_to(digits).parse().ok()?, at.pos, end.pos))
        },
    )
}

/// The statistical period, its six numbers (the second year may be empty):
/// `([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:至|到|-|~)\s?(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日`.
pub(crate) fn period<'t>(text: &'t str) -> Option<[&'t str; 6]> {
    search(
        text,
        0,
        |c| c.is_ascii_digit(),
        |at| {
            let y1 = at.digits(4, 4)?;
            let m1 = y1.lit("年")?;
            let m1_end = m1.digits(1, 2)?;
            let d1 = m1_end.lit("月")?;
            let d1_end = d1.digits(1, 2)?;
            let after = d1_end.lit("日")?;
            let after = after.lit("起").unwrap_or(after);
            let to = after.any(&["至", "到", "-", "~"]).next()?;
            let to = to.char(char::is_whitespace).unwrap_or(to);
            let rest = |from: At<'t>| {
                let m2_end = from.digits(1, 2)?;
                let d2 = m2_end.lit("月")?;
                let d2_end = d2.digits(1, 2)?;
                d2_end.lit("日")?;
                Some((from, m2_end, d2, d2_end))
            };
            let with_year = to.digits(4, 4).and_then(|y2| {
                let (m2, m2_end, d2, d2_end) = rest(y2.lit("年")?)?;
                Some((to.str_to(y2), m2, m2_end, d2, d2_end))
            });
            let (y2, m2, m2_end, d2, d2_end) =
                with_year.or_else(|| rest(to).map(|(m2, a, b, c)| ("", m2, a, b, c)))?;
            Some([
                at.str_to(y1),
                m1.str_to(m1_end),
                d1.str_to(d1_end),
                y2,
                m2.str_to(m2_end),
                d2.str_to(d2_end),
            ])
        },
    )
}

/// A website: `https?://[A-Za-z0-9./:_\-?=&%#]+[A-Za-z0-9/]` or
/// `www\.[A-Za-z0-9.\-]+[A-Za-z0-9](?:/[A-Za-z0-9./_\-]*)?`.
pub(crate) fn website<'t>(text: &'t str) -> Option<&'t str> {
    // `run+last`: the longest run whose last character `last` takes, two characters or more.
    let run_ending = |from: At<'t>, run: fn(char) -> bool, last: fn(char) -> bool| {
        let end = from.all(run);
        let taken = from.str_to(end);
        let (i, c) = taken
            .char_indices()
            .rev()
            .find(|&(i, c)| i > 0 && last(c))?;
        Some(from.to(from.pos + i + c.len_utf8()))
    };
    search(
        text,
        0,
        |c| c == 'h' || c == 'w',
        |at| {
            let end = if let Some(after) = at.lit("http") {
                let after = after.lit("s").unwrap_or(after).lit("://")?;
                run_ending(
                    after,
                    |c| {
                        c.is_ascii_alphanumeric()
                            || matches!(
                                c,
                                '.' | '/' | ':' | '_' | '-' | '?' | '=' | '&' | '%' | '#'
                            )
                    },
                    |c| c.is_ascii_alphanumeric() || c == '/',
                )?
            } else {
                let after = at.lit("www.")?;
                let end = run_ending(
                    after,
                    |c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'),
                    |c| c.is_ascii_alphanumeric(),
                )?;
                match end.lit("/") {
                    Some(path) => path
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '_' | '-')),
                    None => end,
                }
            };
            Some(at.str_to(end))
        },
    )
}

/// A phone number: `(?:联系电话|咨询电话|电话)[:：]?\s*(\(?0[0-9]{2,3}\)?[-－]?[0-9]{7,8}|1[0-9]{10})`,
/// the number.
pub(crate) fn phone(text: &str) -> Option<&str> {
    search(
        text,
        0,
        |c| matches!(c, '联' | '咨' | '电'),
        |at| {
            let label = at.any(&["联系电话", "咨询电话", "电话"]).next()?;
            let label = label.char(|c| matches!(c, ':' | '：')).unwrap_or(label);
            let number = label.spaces();
            let fixed = || {
                let zero = number.lit("(").unwrap_or(number).lit("0")?;
                // `[0-9]{2,3}` gives back its third digit if the rest needs it.
                [3, 2].into_iter().find_map(|n| {
                    let area = zero.digits(n, n)?;
                    let area = area.lit(")").unwrap_or(area);
                    let line = area.char(|c| matches!(c, '-' | '－')).unwrap_or(area);
                    line.digits(7, 8)
                })
            };
            let mobile = || number.lit("1")?.digits(10, 10);
            Some(number.str_to(fixed().or_else(mobile)?))
        },
    )
}

/// The first address after `地址：` of 4 characters or more, its first 60 kept, as
/// `(?:联系地址|通讯地址|地址)[:：]\s*([^，,；;。）)\n]{4,60})` reads it: the spaces give back as
/// many of their last characters as the text needs to reach four (a line break never), and
/// the address is the first 60 characters from there.
pub(crate) fn address(text: &str) -> Option<String> {
    search(
        text,
        0,
        |c| matches!(c, '联' | '通' | '地'),
        |at| {
            let label = at.any(&["联系地址", "通讯地址", "地址"]).next()?;
            let spaces_from = label.char(|c| matches!(c, ':' | '：'))?;
            let spaces_to = spaces_from.spaces();
            let run =
                spaces_to.all(|c| !matches!(c, '，' | ',' | '；' | ';' | '。' | '）' | ')' | '\n'));
            let (spaces, run) = (spaces_from.str_to(spaces_to), spaces_to.str_to(run));
            let short = 4usize.saturating_sub(run.chars().count());
            let given: Vec<char> = spaces.chars().rev().take_while(|&c| c != '\n').collect();
            // Too short here: the pattern fails at this start and is tried from the next
            // character (an address may start inside this one's label).
            let lead = given.get(..short)?.iter().rev();
            Some(lead.copied().chain(run.chars()).take(60).collect())
        },
    )
}

/// Who compiled the report: `本报告(?:是)?由(.{2,40}?)(?:按照|根据|依据|依照|遵照|编制)`, the
/// name.
pub(crate) fn compiled_by(text: &str) -> Option<&str> {
    search(
        text,
        0,
        |c| c == '本',
        |at| {
            let by = at.lit("本报告")?;
            by.optional("是").find_map(|by| {
                let name = by.lit("由")?;
                name.lazy(40, |c| c != '\n').find_map(|(n, end)| {
                    let verb = end
                        .any(&["按照", "根据", "依据", "依照", "遵照", "编制"])
                        .next();
                    (n >= 2 && verb.is_some()).then(|| name.str_to(end))
                })
            })
        },
    )
}

/// The year an overview opens with (`2024年，我局…`):
/// `(?:^|。)\s*((?:19|20)[0-9]{2})\s*年\s*[，,]\s*(?:我|本)`.
pub(crate) fn opening_year(text: &str) -> Option<i32> {
    let after = |at: At<'_>| {
        let digits = at.spaces();
        let end = digits.year()?;
        let comma = end
            .spaces()
            .lit("年")?
            .spaces()
            .char(|c| matches!(c, '，' | ','))?;
        comma.spaces().any(&["我", "本"]).next()?;
        digits.str_to(end).parse().ok()
    };
    // `^` first, then each `。` (the one at the start included).
    after(At { text, pos: 0 }).or_else(|| search(text, 0, |c| c == '。', |at| after(at.lit("。")?)))
}

/// The agency an overview's first sentence names (`2024年，XX市城市管理局坚持以…`), where the
/// text starts with it: `^\s*(?:19|20)[0-9]{2}\s*年\s*[，,]\s*([^，,。；;、\n]{4,30}?)(?:坚持|认真|深入|全面|严格|持续|始终|紧紧)`.
pub(crate) fn opening_agency(text: &str) -> Option<&str> {
    let end = At { text, pos: 0 }.spaces().year()?;
    let name = end
        .spaces()
        .lit("年")?
        .spaces()
        .char(|c| matches!(c, '，' | ','))?
        .spaces();
    name.lazy(30, |c| !"，,。；;、\n".contains(c))
        .find_map(|(n, end)| {
            let verb = end
                .any(&[
                    "坚持", "认真", "深入", "全面", "严格", "持续", "始终", "紧紧",
                ])
                .next();
            (n >= 4 && verb.is_some()).then(|| name.str_to(end))
        })
}

/// The sentence that announces the report, its name and year:
/// `(?:现公布|现发布|特编制|特向社会公布|现将|编制了?)([^，。；、：:,;()（）《》〔〕\s]{0,40}?)((?:19|20)[0-9]{2})\s*年度?(?:政府)?信息公开`.
pub(crate) fn announced(text: &str) -> Option<(&str, i32)> {
    // `编制了?` is `编制了|编制`: the longer first, as a greedy `?` tries it.
    const VERBS: &[&str] = &[
        "现公布",
        "现发布",
        "特编制",
        "特向社会公布",
        "现将",
        "编制了",
        "编制",
    ];
    let class = |c: char| {
        !c.is_whitespace()
            && !matches!(
                c,
                '，' | '。'
                    | '；'
                    | '、'
                    | '：'
                    | ':'
                    | ','
                    | ';'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '《'
                    | '》'
                    | '〔'
                    | '〕'
            )
    };
    search(
        text,
        0,
        |c| matches!(c, '现' | '特' | '编'),
        |at| {
            at.any(VERBS).find_map(|name| {
                name.lazy(40, class).find_map(|(_, end)| {
                    let year_end = end.year()?;
                    let after = year_end.spaces().lit("年")?;
                    let after = after.lit("度").unwrap_or(after);
                    let after = after.lit("政府").unwrap_or(after);
                    after.lit("信息公开")?;
                    Some((name.str_to(end), end.str_to(year_end).parse().ok()?))
                })
            })
        },
    )
}

const RECEIVED: &[&str] = &["收到", "受理", "新收", "接收"];
const REQUESTS: &[&str] = &["政府信息公开申请", "依申请公开", "信息公开申请", "公开申请"];
const UNITS: &[&str] = &["件", "条", "项", "个", "份"];

/// `[^，。；,;0-9]{0,most}?([0-9]+)(?:件|条|项|个|份)`: where the count ends, and the count.
fn count(at: At<'_>, most: usize) -> Option<(At<'_>, &str)> {
    at.lazy(most, in_clause_no_digit).find_map(|(_, from)| {
        let to = from.digits(1, usize::MAX)?;
        Some((to.any(UNITS).next()?, from.str_to(to)))
    })
}

/// The numbers of decisions section 一's prose states for a table 二 item (`行政处罚` in
/// `作出行政许可决定434件、行政处罚决定14件`), every match of
/// `(?:^|[^予销更回])行政处罚决定([0-9]+)件` in order: decisions not to act or undoing one
/// (`不予行政处罚决定`, `撤销行政许可决定`) are other figures.
pub(crate) fn decisions<'t>(text: &'t str, item: &str) -> Vec<&'t str> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(item) {
        let start = from + at + item.len();
        let undoing = text[..from + at].ends_with(['予', '销', '更', '回']);
        from = start;
        let Some(rest) = text[start..].strip_prefix("决定").filter(|_| !undoing) else {
            continue;
        };
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && rest[digits..].starts_with('件') {
            found.push(&rest[..digits]);
        }
    }
    found
}

/// The request counts section 一's prose states, in the order of two patterns' matches:
/// `(?:收到|受理|新收|接收)(?:了)?[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请)[^，。；,;0-9]{0,6}?([0-9]+)(?:件|条|项|个|份)`,
/// then
/// `(?:收到|受理|新收|接收)(?:了)?[^，。；,;0-9]{0,8}?([0-9]+)(?:件|条|项|个|份)[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请|申请)`.
pub(crate) fn request_counts(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for pattern in [
        named_first as fn(At<'_>) -> Option<(At<'_>, &str)>,
        counted_first,
    ] {
        let mut from = 0;
        while let Some((end, n)) = search(
            text,
            from,
            |c| matches!(c, '收' | '受' | '新' | '接'),
            pattern,
        ) {
            found.push(n);
            from = end.pos;
        }
    }
    found
}

/// The first pattern of [`request_counts`]: where its match ends, and the count.
fn named_first(at: At<'_>) -> Option<(At<'_>, &str)> {
    let verb = at.any(RECEIVED).next()?;
    verb.optional("了").find_map(|from| {
        from.lazy(12, in_clause)
            .find_map(|(_, kind)| kind.any(REQUESTS).find_map(|after| count(after, 6)))
    })
}

/// The second pattern of [`request_counts`].
fn counted_first(at: At<'_>) -> Option<(At<'_>, &str)> {
    let verb = at.any(RECEIVED).next()?;
    verb.optional("了").find_map(|from| {
        // The count is found at most one way (its digits end the lazy run before them).
        let (after, n) = count(from, 8)?;
        after.lazy(12, in_clause).find_map(|(_, kind)| {
            let end = kind.any(REQUESTS).chain(kind.lit("申请")).next()?;
            Some((end, n))
        })
    })
}

/// Whether the prose says no request came: `未(?:收到|受理|接到)([^，。；,;0-9]{0,10}?)(?:申请|依申请公开)`.
pub(crate) fn none_received(text: &str) -> bool {
    search(
        text,
        0,
        |c| c == '未',
        |at| {
            let verb = at.lit("未")?.any(&["收到", "受理", "接到"]).next()?;
            verb.lazy(10, in_clause_no_digit)
                .find(|(_, end)| end.any(&["申请", "依申请公开"]).next().is_some())
        },
    )
    .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Spaces of several kinds (`\s` is Unicode's White_Space), a line break, what stops a
    /// phrase, and filler.
    const AROUND: &str =
        " |\u{3000}|\u{a0}|\u{2003}|\u{85}|\n|\t|某|一二三四五六七八九十|，|。|；|,|;|、|：|x|9|0";

    /// `n` texts, each a few of `pieces` (`|` between them) and of [`AROUND`] in a seeded
    /// random order: what a pattern looks for, cut, repeated and mixed with what stops it.
    fn texts(pieces: &str, n: usize) -> Vec<String> {
        let (own, around): (Vec<&str>, Vec<&str>) =
            (pieces.split('|').collect(), AROUND.split('|').collect());
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ pieces.len() as u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let len = next() % 20;
                (0..len)
                    .map(|_| {
                        // Four pieces in five the pattern's own.
                        let from = if next() % 5 == 0 { &around } else { &own };
                        from[(next() % from.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect()
    }

    /// Checks `plain` against `regex` (each answer written with `{:?}`) on `texts`; one text
    /// in `share` at least must match, so that the check means something.
    fn agree<'t, A: std::fmt::Debug, B: std::fmt::Debug>(
        texts: &'t [String],
        regex: &str,
        share: usize,
        reference: impl Fn(&Regex, &'t str) -> Option<A>,
        plain: impl Fn(&'t str) -> Option<B>,
    ) {
        let re = Regex::new(regex).expect("the reference pattern");
        let mut matched = 0;
        for text in texts {
            let want = format!("{:?}", reference(&re, text));
            matched += usize::from(want != "None");
            assert_eq!(format!("{:?}", plain(text)), want, "{regex} on {text:?}");
        }
        assert!(
            matched * share >= texts.len(),
            "{regex}: only {matched} of {} texts match",
            texts.len()
        );
    }

    /// Group `i` of the first match, empty where it took no part.
    fn group<'t>(re: &Regex, text: &'t str, i: usize) -> Option<&'t str> {
        re.captures(text)
            .map(|c| c.get(i).map_or("", |m| m.as_str()))
    }

    #[test]
    fn a_year() {
        agree(
            &texts("19|20|23|2023|年|年度", 30_000),
            r"((?:19|20)[0-9]{2})\s*年",
            20,
            |re, t| {
                let c = re.captures(t)?;
                let m = c.get(0)?;
                Some((c[1].parse::<i32>().ok()?, m.start(), m.end()))
            },
            year,
        );
    }

    #[test]
    fn a_period() {
        agree(
            &texts(
                "2023|2022年|1|12|31|01|年|月|日|起|至|到|-|~|2023年1月1日",
                30_000,
            ),
            r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:至|到|-|~)\s?(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日",
            1000,
            |re, t| (1..=6).map(|i| group(re, t, i)).collect::<Option<Vec<_>>>(),
            |t| period(t).map(Vec::from),
        );
    }

    #[test]
    fn a_website_a_phone_and_who_compiled_it() {
        type Plain = fn(&str) -> Option<&str>;
        let cases: [(&str, &str, usize, Plain); 3] = [
            (
                "http|https|://|www|www.|.|/|-|_|?|=|&|%|#|:|a|Z|gov|cn",
                r"(https?://[A-Za-z0-9./:_\-?=&%#]+[A-Za-z0-9/]|www\.[A-Za-z0-9.\-]+[A-Za-z0-9](?:/[A-Za-z0-9./_\-]*)?)",
                20,
                website,
            ),
            (
                "电话|联系电话|咨询|联系|：|:|(|)|0|1|05|537|0537|-|－|8876366|88763661|13812345678|12|123",
                r"(?:联系电话|咨询电话|电话)[:：]?\s*(\(?0[0-9]{2,3}\)?[-－]?[0-9]{7,8}|1[0-9]{10})",
                50,
                phone,
            ),
            (
                "本报告|是|由|按照|根据|编制|遵照|某某局|一二三四五六七八九十一二三四五六七八九十",
                r"本报告(?:是)?由(.{2,40}?)(?:按照|根据|依据|依照|遵照|编制)",
                30,
                compiled_by,
            ),
        ];
        for (pieces, regex, share, plain) in cases {
            agree(
                &texts(pieces, 30_000),
                regex,
                share,
                |re, t| group(re, t, 1),
                plain,
            );
        }
    }

    #[test]
    fn an_address() {
        agree(
            &texts("地址|联系地址|通讯|：|:|）|)|金乡县|路|6号|一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", 30_000),
            r"(?:联系地址|通讯地址|地址)[:：]\s*([^，,；;。）)\n]{4,60})",
            20,
            |re, t| group(re, t, 1),
            address,
        );
    }

    #[test]
    fn the_year_an_overview_opens_with() {
        agree(
            &texts(
                "2024|2024年，我|。2024 年,本|19|20|24|年|，|,|我|本|局|。",
                30_000,
            ),
            r"(?:^|。)\s*((?:19|20)[0-9]{2})\s*年\s*[，,]\s*(?:我|本)",
            50,
            |re, t| group(re, t, 1)?.parse::<i32>().ok(),
            opening_year,
        );
    }

    #[test]
    fn the_announcing_sentence() {
        agree(
            &texts("现公布|现将|编制|了|特编制|特向社会公布|区统计局|2023|2023年|2023年度政府信息公开|年度|政府信息公开|年|度|政府|信息公开|（|《|〔|一二三四五六七八九十一二三四五六七八九十", 30_000),
            r"(?:现公布|现发布|特编制|特向社会公布|现将|编制了?)([^，。；、：:,;()（）《》〔〕\s]{0,40}?)((?:19|20)[0-9]{2})\s*年度?(?:政府)?信息公开",
            50,
            |re, t| {
                let c = re.captures(t)?;
                Some((c.get(1)?.as_str(), c[2].parse::<i32>().ok()?))
            },
            announced,
        );
    }

    const REQUESTS_SAID: &str = "收到|受理|接收|接到|未|了|政府信息公开申请|依申请公开|信息公开申请|公开申请|申请|件|个|份|1|16|共|一二三四五六";

    #[test]
    fn request_counts_stated() {
        let second = Regex::new(
            r"(?:收到|受理|新收|接收)(?:了)?[^，。；,;0-9]{0,8}?([0-9]+)(?:件|条|项|个|份)[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请|申请)",
        )
        .expect("pattern");
        agree(
            &texts(REQUESTS_SAID, 30_000),
            r"(?:收到|受理|新收|接收)(?:了)?[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请)[^，。；,;0-9]{0,6}?([0-9]+)(?:件|条|项|个|份)",
            100,
            |first, t| {
                let all: Vec<&str> = [first, &second]
                    .into_iter()
                    .flat_map(|re| {
                        re.captures_iter(t)
                            .map(|c| c.get(1).map_or("", |m| m.as_str()))
                    })
                    .collect();
                Some(all).filter(|all| !all.is_empty())
            },
            |t| Some(request_counts(t)).filter(|all| !all.is_empty()),
        );
    }

    #[test]
    fn decisions_stated() {
        agree(
            &texts(
                "行政处罚决定|行政处罚|决定|件|1|16|0|行政许可决定|不予|撤销|变更",
                30_000,
            ),
            r"(?:^|[^予销更回])行政处罚决定([0-9]+)件",
            100,
            |re, t| {
                let all: Vec<&str> = re
                    .captures_iter(t)
                    .map(|c| c.get(1).map_or("", |m| m.as_str()))
                    .collect();
                Some(all).filter(|all| !all.is_empty())
            },
            |t| Some(decisions(t, "行政处罚")).filter(|all| !all.is_empty()),
        );
    }

    #[test]
    fn no_request_received() {
        agree(
            &texts(REQUESTS_SAID, 30_000),
            r"未(?:收到|受理|接到)([^，。；,;0-9]{0,10}?)(?:申请|依申请公开)",
            100,
            |re, t| re.is_match(t).then_some(()),
            |t| none_received(t).then_some(()),
        );
    }

    #[test]
    fn phrases_of_real_reports() {
        let p = crate::fold::fold(
            "本报告所列数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。",
        );
        assert_eq!(period(&p), Some(["2023", "1", "1", "2023", "12", "31"]));
        assert_eq!(
            period("统计期限为2022年1月1日至12月31日"),
            Some(["2022", "1", "1", "", "12", "31"])
        );
        assert_eq!(phone("联系电话：0537-8876366"), Some("0537-8876366"));
        assert_eq!(
            website("（www.jinxiang.gov.cn）"),
            Some("www.jinxiang.gov.cn")
        );
        assert_eq!(
            address("地址：号，联系地址：金乡县金乡街道金珠路 6 号，").as_deref(),
            Some("金乡县金乡街道金珠路 6 号")
        );
        assert_eq!(
            address(&format!("地址：{}", "路".repeat(70))).map(|a| a.chars().count()),
            Some(60)
        );
        // The spaces give back what a short address needs, as `\s*` backtracks.
        assert_eq!(address("地址：   1号，").as_deref(), Some("  1号"));
        assert_eq!(address("地址：\n1号，").as_deref(), None);
        // A label too short to hold an address, then one inside it that does.
        assert_eq!(
            address("地址：地址：\n北京市某路1号").as_deref(),
            Some("北京市某路1号")
        );
        for (text, n) in [
            (
                "2023年，县行政审批服务局收到1条政府信息公开申请，已按要求进行答复。",
                "1",
            ),
            ("2022年，县政府办公室共收到政府信息公开申请16件", "16"),
            ("2024年，我局受理依申请公开27件，其中4件", "27"),
            ("共计收到政府信息依申请公开1项，已完成答复。", "1"),
        ] {
            assert_eq!(request_counts(text).first().copied(), Some(n), "{text}");
        }
        assert!(none_received("2.依申请公开。未收到依申请公开事项。"));
        // Too far apart at the first 未收到, near enough at the second.
        assert!(!none_received(&format!("未收到{}申请。", "任何".repeat(6))));
        assert!(none_received(&format!(
            "未收到{}申请。未收到过申请",
            "任何".repeat(6)
        )));
        assert_eq!(
            announced("现将区统计局2023年度政府信息公开工作年度报告公布如下"),
            Some(("区统计局", 2023))
        );
        assert_eq!(opening_year("2024年，我局坚持…"), Some(2024));
        assert_eq!(
            opening_agency("2022 年，义乌市卫生健康委员会坚持以习近平新时代"),
            Some("义乌市卫生健康委员会")
        );
        assert_eq!(opening_agency("2024年，我局坚持…"), None);
        assert_eq!(opening_agency("2024年，全市政务公开工作"), None);
        assert_eq!(opening_agency("本机关于2024年，某某局坚持"), None);
    }

    #[test]
    fn a_long_run_of_digits_costs_time_in_proportion() {
        // Tried at each of its million digits, the period reads four of them each time (read
        // to the end of the run each time, this took hours).
        let digits = "1".repeat(1_000_000);
        assert_eq!(period(&digits), None);
        assert_eq!(year(&digits), None);
    }

    #[test]
    fn a_long_repeated_opening_costs_time_in_proportion() {
        // Each start reaches `编制` past 40 characters but the last eleven.
        let text = "本报告由".repeat(20_000) + "编制";
        assert_eq!(compiled_by(&text), Some("本报告由".repeat(10).as_str()));
    }
}
