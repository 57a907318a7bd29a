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
}
