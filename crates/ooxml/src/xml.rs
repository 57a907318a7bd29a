//! The one rule every package's XML reader shares (DOCX, OFD): what a reference in text names.
//! A character reference or one of XML's five entities is read; a DTD's entities never are
//! (no expansion, no fetching), so a hostile package cannot multiply its text.

use quick_xml::events::BytesRef;

/// The character a reference names: a character reference, or one of XML's five entities;
/// `None` for any other (a DTD entity, which is not expanded).
pub fn reference(r: &BytesRef<'_>) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    match r.xml10_content().as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}
