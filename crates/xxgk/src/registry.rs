//! The adapter registry: one line per built-in adapter, more at run time, and content sniffing
//! that picks the adapter (the extension only breaks ties).

use crate::Error;
use std::path::Path;
use xxgk_model::{Adapter, Msg, Sniff};

/// The adapters xxgk knows, in priority order.
pub struct Registry {
    adapters: Vec<Box<dyn Adapter>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::with_builtin()
    }
}

impl Registry {
    /// An empty registry.
    pub fn empty() -> Self {
        Registry {
            adapters: Vec::new(),
        }
    }

    /// The built-in adapters. Adding a format = one line here.
    pub fn with_builtin() -> Self {
        let mut r = Self::empty();
        r.register(Box::new(xxgk_text::TextAdapter));
        r.register(Box::new(xxgk_docx::DocxAdapter));
        r.register(Box::new(xxgk_xlsx::XlsxAdapter));
        r.register(Box::new(xxgk_html::HtmlAdapter));
        r.register(Box::new(xxgk_doc::DocAdapter));
        r.register(Box::new(xxgk_pdf::PdfAdapter));
        r.register(Box::new(xxgk_ofd::OfdAdapter));
        r.register(Box::new(xxgk_image::ImageAdapter));
        r
    }

    /// Adds an adapter; later adapters win ties over earlier ones.
    pub fn register(&mut self, adapter: Box<dyn Adapter>) {
        self.adapters.push(adapter);
    }

    /// The registered adapters.
    pub fn adapters(&self) -> impl Iterator<Item = &dyn Adapter> {
        self.adapters.iter().map(|a| a.as_ref())
    }

    /// The adapter of this name (`text`, `docx`, `xlsx`, `html`, `doc`, `pdf`, or one
    /// registered at run time).
    pub fn named(&self, name: &str) -> Option<&dyn Adapter> {
        self.adapters().find(|a| a.name() == name)
    }

    /// Picks the adapter for some bytes: the surest sniff wins; among equals, the one whose
    /// extensions include the file's, then the latest registered.
    pub fn detect(&self, bytes: &[u8], name: &Path) -> Result<&dyn Adapter, Error> {
        let ext = name
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let best = (!bytes.is_empty()).then(|| {
            self.adapters
                .iter()
                .enumerate()
                .map(|(i, a)| (a.sniff(bytes), a.extensions().contains(&ext.as_str()), i, a))
                .filter(|(s, ..)| *s != Sniff::No)
                .max_by_key(|(s, by_ext, i, _)| (*s, *by_ext, *i))
        });
        match best.flatten() {
            Some((_, _, _, a)) => Ok(a.as_ref()),
            None => Err(Error::UnknownFormat {
                path: name.to_path_buf(),
                reason: unknown_reason(bytes),
            }),
        }
    }
}

/// Says what the bytes look like when no adapter takes them.
fn unknown_reason(bytes: &[u8]) -> Msg {
    let (zh, en) = if bytes.is_empty() {
        ("文件为空", "the file is empty")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        (
            "既没有 Word 文档（WordDocument）流也没有工作簿（Workbook）流的 OLE 复合文件，\
             例如 Microsoft Works 或旧版金山 WPS 文件；请另存为 .docx",
            "an OLE compound file with neither a Word document (WordDocument) nor a workbook \
             (Workbook) stream, such as a Microsoft Works or an old Kingsoft WPS file; save it \
             as .docx",
        )
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
    {
        (
            "这是一张图片，不是年度报告；如为报告的扫描件，请找到原文件（DOCX、PDF 等），或先做文字识别（OCR）",
            "an image, not an annual report; if it is a scan of a report, find the original \
             (DOCX, PDF, …) or run OCR on it first",
        )
    } else if matches!(
        bytes.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    ) {
        ("JSON 数据，不是报告", "JSON data, not a report")
    } else if bytes.starts_with(b"<?xml") {
        ("XML 数据，不是报告", "XML data, not a report")
    } else if bytes.starts_with(b"PK\x03\x04") {
        (
            "不是 xxgk 能读取的文档格式的 zip 压缩包",
            "a zip archive that is not a document format xxgk reads",
        )
    } else {
        (
            "无法识别的二进制数据；年度报告通常是 DOCX、DOC、PDF、XLSX、网页或文本文件",
            "binary data of no known format; reports come as DOCX, DOC, PDF, XLSX, web pages or text",
        )
    };
    Msg::new(zh, en)
}
