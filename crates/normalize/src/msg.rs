//! Message language selection: every message is written in Chinese and English.

use xxgk_model::Lang;

/// Picks the message in the requested language.
pub(crate) fn t(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
