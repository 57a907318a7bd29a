//! PDF adapter: a PDF's text layer -> `Document`.
//!
//! The pure-Rust interpreter hayro (`hayro-interpret`) reports each glyph (Unicode text via
//! ToUnicode, embedded and predefined CMaps, glyph names) and each drawn path; `marks.rs`
//! records them as `xxgk-pages`' marks. From there a page is read as every fixed-layout page
//! is (`xxgk-pages`): ruled tables rebuilt from the ruling lines, the glyphs in each cell the
//! cell's text (grid tables, read like DOCX tables); other glyphs as lines, a line with wide
//! gaps a positioned row whose cells keep their extents; page furniture dropped.
//!
//! Hostile input: compressed streams are measured before decoding (`guard.rs`); pages, and
//! every drawing operation (glyphs, paths, clips, forms drawing forms), are counted against
//! [`Limits`]; a panic in the interpreter is a corrupt file. A PDF that needs a password is
//! "encrypted"; one encrypted with the empty user password (copy protection only) is read.

mod decode;
mod guard;
mod marks;
mod view;

pub use view::view_page;
pub use xxgk_pages::{PageView, Place};

use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{
    interpret_page, Context, InterpreterCache, InterpreterSettings, TransformExt,
};
use xxgk_model::{Adapter, Document, Limits, Msg, ReadError, Sniff};
use xxgk_pages::PageText;

const FORMAT: &str = "PDF";

/// Reads PDF files by their text layer. Scanned pages (images only) are reported as images.
#[derive(Debug, Default, Clone, Copy)]
pub struct PdfAdapter;

impl Adapter for PdfAdapter {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        // The header may follow some junk (the specification allows 1024 bytes of it).
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        guard::check_raw(bytes, limits)?;
        contained(limits, || read_pdf(bytes, limits))
    }
}

/// Runs `f` on a PDF, a panic in the interpreter (a limit hit while drawing, or malformed
/// data) said as a read error.
fn contained<T>(limits: &Limits, f: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(match payload.downcast_ref::<marks::LimitHit>() {
            Some(marks::LimitHit::Drawn) => ReadError::LimitExceeded {
                what: Msg::new(
                    "PDF 的绘制操作（字形、路径、表单）",
                    "drawing operations (glyphs, paths, forms) in the PDF",
                ),
                limit: limits.max_drawn as u64,
            },
            Some(marks::LimitHit::PageGlyphs) => ReadError::LimitExceeded {
                what: Msg::new("PDF 一页上的字形", "glyphs on one page of the PDF"),
                limit: xxgk_pages::MAX_PAGE_GLYPHS as u64,
            },
            Some(marks::LimitHit::Time) => ReadError::LimitExceeded {
                what: Msg::new("解读 PDF 的秒数", "seconds interpreting the PDF"),
                limit: limits.max_seconds,
            },
            None => ReadError::Corrupt {
                format: FORMAT,
                detail: Msg::new(
                    "PDF 解释器遇到格式错误的数据",
                    "the PDF interpreter failed on malformed data",
                ),
            },
        })
    })
}

/// Interprets every page and lays the text out as a `Document`.
fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let pdf = open(bytes, limits)?;
    let mut budget = marks::Budget::new(limits.max_drawn, limits.max_seconds);
    let mut ocr = xxgk_scan::Recogniser::new(limits);
    let texts = page_texts(&pdf, &mut budget, &mut ocr);
    let mut doc = xxgk_pages::document(texts, FORMAT, &mut || budget.check_time());
    ocr.finish(&mut doc);
    Ok(doc)
}

/// Opens a PDF within the limits: its objects measured, its pages counted.
fn open(bytes: &[u8], limits: &Limits) -> Result<Pdf, ReadError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => {
            ReadError::Encrypted { format: FORMAT }
        }
        LoadPdfError::Decryption(e) => ReadError::Unsupported(Msg::new(
            format!("无法解读加密方式的 PDF（{e:?}）；请另存为不加保护的文件"),
            format!("a PDF whose encryption cannot be read ({e:?}); save it without protection"),
        )),
        LoadPdfError::Invalid => ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::new(
                "没有可读的交叉引用表、文件尾或页面树",
                "no readable cross-reference table, trailer or page tree",
            ),
        },
    })?;
    guard::check_objects(&pdf, limits)?;
    let pages = pdf.pages();
    if pages.len() > limits.max_pages {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("PDF 共 {} 页", pages.len()),
                format!("a PDF of {} pages", pages.len()),
            ),
            limit: limits.max_pages as u64,
        });
    }
    Ok(pdf)
}

/// Every page's marks read as text, each drawing operation counted against the budget; a page
/// with no text, or only an OCR layer, over a large image recognised by `ocr` where it can.
fn page_texts(
    pdf: &Pdf,
    budget: &mut marks::Budget,
    ocr: &mut xxgk_scan::Recogniser,
) -> Vec<PageText> {
    let pages = pdf.pages();
    let cache = InterpreterCache::new();
    let mut texts = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let mut recorder = marks::Recorder::new(budget, ocr.enabled().then_some(width * height));
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, width, height),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        interpret_page(page, &mut context, &mut recorder);
        let (mut marks, scan, visible) = (recorder.marks, recorder.scan, recorder.visible);
        // A page of no text, or whose only text is an invisible OCR layer over its image
        // (another program's reading, of unknown quality and without confidence: Tesseract's
        // own layer gave 2–16% of a table's values where xxgk's reading gives 99%), is read
        // by OCR. A page with any text drawn visibly keeps its text.
        let layer = visible == 0 && !marks.glyphs.is_empty();
        // Where recognition fails, or reads under half the layer's characters (an image that
        // is not the page the layer reads), the page is kept as it was.
        if let (true, Some((_, image))) = (marks.glyphs.is_empty() || layer, scan) {
            let started = std::time::Instant::now();
            let kept = layer.then(|| marks.clone());
            marks = ocr.page(texts.len() as u32 + 1, &image, marks);
            if let Some(kept) = kept {
                if marks.glyphs.len() * 2 < kept.glyphs.len() {
                    marks = kept;
                }
            }
            budget.pause(started.elapsed());
        }
        budget.check_time();
        texts.push(xxgk_pages::read_page(marks, width, height));
    }
    texts
}
