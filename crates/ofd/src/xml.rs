//! One walk over an OFD part's XML for every reader of the package: elements by their local
//! name (producers use `ofd:`, other prefixes or none, and non-standard namespaces), text with
//! XML's references resolved, nesting bounded by [`Limits::max_depth`], and errors that name
//! the part and the byte.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use xxgk_model::{Limits, Msg, ReadError};

/// What the walk meets, in document order. An empty element is an `Open` then a `Close`.
pub(crate) enum Item<'x> {
    /// An element opens: its local name and its start tag (for attributes).
    Open(&'x str, &'x BytesStart<'x>),
    /// An element closes: its local name.
    Close(&'x str),
    /// Character data (references resolved).
    Text(&'x str),
}

/// Walks `xml`, the part named `part`, calling `visit` on each item.
pub(crate) fn walk(
    xml: &str,
    part: &str,
    limits: &Limits,
    mut visit: impl FnMut(Item<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ReadError::Corrupt {
            format: crate::FORMAT,
            detail: Msg::quoting(
                &format!("{part} 第 {at} 字节处 XML 有误"),
                &format!("{part} at byte {at}"),
                e,
            ),
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(ReadError::LimitExceeded {
                        what: Msg::new(
                            format!("{part} 的 XML 嵌套深度"),
                            format!("XML nesting depth of {part}"),
                        ),
                        limit: limits.max_depth as u64,
                    });
                }
                visit(Item::Open(e.local_name().as_ref(), &e))?;
            }
            Event::Empty(e) => {
                let name = e.local_name();
                visit(Item::Open(name.as_ref(), &e))?;
                visit(Item::Close(name.as_ref()))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                visit(Item::Close(e.local_name().as_ref()))?;
            }
            Event::Text(t) => visit(Item::Text(&t.xml10_content()))?,
            Event::CData(t) => visit(Item::Text(&t))?,
            Event::GeneralRef(r) => {
                if let Some(c) = xxgk_ooxml::xml::reference(&r) {
                    visit(Item::Text(c.encode_utf8(&mut [0; 4])))?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute's value by its local name (`Boundary`, `ofd:Boundary`).
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let [value] = attrs(e, [name]);
    value
}

/// The values of the attributes named, by local name, in one pass over the tag (the first
/// of a repeated name).
pub(crate) fn attrs<const N: usize>(e: &BytesStart<'_>, names: [&str; N]) -> [Option<String>; N] {
    let mut out = [const { None }; N];
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        if let Some(i) = names.iter().position(|n| *n == key.as_ref()) {
            if out[i].is_none() {
                out[i] = Some(
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default(),
                );
            }
        }
    }
    out
}

/// `name` as a reader keeps it on its stack of open elements: one of `watched` (the names
/// whose place in the tree it looks at), else "" (no allocation per element).
pub(crate) fn kept(name: &str, watched: &[&'static str]) -> &'static str {
    watched.iter().find(|n| **n == name).copied().unwrap_or("")
}

/// The finite numbers of a space-separated list (`Boundary`, `CTM`, `PhysicalBox`).
pub(crate) fn numbers(text: &str) -> Vec<f64> {
    text.split_ascii_whitespace()
        .map_while(|t| t.parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect()
}

/// A boolean attribute's value (`true`/`false`, `1`/`0`), else `default`.
pub(crate) fn flag(value: &Option<String>, default: bool) -> bool {
    match value.as_deref().map(str::trim) {
        Some("true" | "1") => true,
        Some("false" | "0") => false,
        _ => default,
    }
}
