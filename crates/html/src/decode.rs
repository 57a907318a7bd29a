//! HTML decoding: BOM, then the charset a `<meta>` declares, then detection (`xxgk-charset`, as
//! for text files).

use encoding_rs::{Encoding, GB18030, GBK};
use xxgk_model::ReadError;

/// The charset a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` names.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: String = bytes
        .iter()
        .take(4096)
        .map(|&b| {
            if b.is_ascii() {
                (b as char).to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let enc = Encoding::for_label(label.as_bytes())?;
    Some(if enc == GBK { GB18030 } else { enc })
}

pub(crate) fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if Encoding::for_bom(bytes).is_none() {
        if let Some(enc) = declared_charset(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok(text.into_owned());
        }
    }
    xxgk_charset::decode(bytes).map(|d| d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charsets() {
        assert_eq!(
            declared_charset(br#"<meta charset="gb2312">"#),
            Some(GB18030)
        );
        assert_eq!(
            declared_charset(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=GBK" />"#
            ),
            Some(GB18030)
        );
        assert_eq!(
            declared_charset(b"<meta charset='utf-8'>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_charset(b"<html><body>x</body></html>"), None);
    }

    #[test]
    fn gbk_page_without_declaration_is_detected() {
        let (bytes, _, _) =
            GB18030.encode("<html><body><p>政府信息公开工作年度报告，行政许可</p></body></html>");
        assert!(decode(&bytes)
            .map(|t| t.contains("年度报告"))
            .unwrap_or(false));
    }
}
