//! PDF adapter: a PDF's text layer -> `Document`.
//!
//! The pure-Rust interpreter hayro (`hayro-interpret`) reports each glyph (Unicode text via
//! ToUnicode, embedded and predefined CMaps, glyph names) and each drawn path; `marks.rs`
//! records them. Per page (`page.rs`), ruled tables are rebuilt from the ruling lines
//! (`lattice.rs`) and the glyphs in each cell become the cell's text: these are grid tables,
//! read like DOCX tables. All other glyphs become lines (`lines.rs`); a line with wide gaps is a
//! positioned row whose cells keep their extents (in ens of the body text, so a CJK character
//! is 2 wide, as in laid-out text), for the normalizer's flowing-cell reader. Page furniture
//! (page numbers, running heads and footers) is dropped (`furniture`).
//!
//! Hostile input: compressed streams are measured before decoding (`guard.rs`); pages, and
//! every drawing operation (glyphs, paths, clips, forms drawing forms), are counted against
//! [`Limits`]; a panic in the interpreter is a corrupt file. A PDF that needs a password is
//! "encrypted"; one encrypted with the empty user password (copy protection only) is read.

mod decode;
mod furniture;
mod guard;
mod lattice;
mod lines;
mod marks;
mod page;
mod view;

pub use view::{view_page, PageView, Place};

use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{
    interpret_page, Context, InterpreterCache, InterpreterSettings, TransformExt,
};
use page::PageText;
use xxgk_model::{
    Adapter, Block, Cell, Diagnostic, Document, Extent, Limits, Msg, Paragraph, ReadError, Sniff,
    SourceRef, Table,
};

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
                limit: marks::MAX_PAGE_GLYPHS as u64,
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
    let texts = page_texts(&pdf, &mut budget);
    Ok(document(texts, &budget))
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

/// Every page's marks read as text, each drawing operation counted against the budget.
fn page_texts(pdf: &Pdf, budget: &mut marks::Budget) -> Vec<PageText> {
    let pages = pdf.pages();
    let cache = InterpreterCache::new();
    let mut texts = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let mut recorder = marks::Recorder::new(budget);
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, width, height),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        interpret_page(page, &mut context, &mut recorder);
        let marks = recorder.marks;
        budget.check_time();
        texts.push(page::read(marks, width, height));
    }
    texts
}

/// Lays pages out as blocks, page by page, top to bottom.
fn document(mut pages: Vec<PageText>, budget: &marks::Budget) -> Document {
    furniture::drop_furniture(&mut pages);
    let mut doc = Document::default();
    let (mut unreadable, mut angled, mut glyphs, mut latin) = (0, 0, 0, 0);
    let mut scanned = Vec::new();
    let ocr: Vec<u32> = (1..)
        .zip(&pages)
        .filter(|(_, p)| p.ocr)
        .map(|(n, _)| n)
        .collect();
    for (i, page) in pages.iter().enumerate() {
        let number = i as u32 + 1;
        unreadable += page.unreadable;
        angled += page.angled;
        glyphs += page.glyphs;
        latin += page.latin;
        if page.glyphs == 0 {
            // No text at all: a scanned page, or text drawn as outlines.
            if page.images > 0 || page.segments > 0 {
                scanned.push(number);
                doc.blocks.push(Block::Image {
                    source: at_page(number, SourceRef::Paragraph { paragraph: 1 }),
                    alt: format!("第{number}页（图像，没有文字层）"),
                });
            }
            continue;
        }
        budget.check_time();
        lay_out_page(page, number, &mut doc.blocks, &mut |_, _| {});
    }
    let counts = Counts {
        unreadable,
        angled,
        glyphs,
        latin,
    };
    doc.diagnostics = diagnostics(&scanned, &ocr, pages.len(), &counts);
    doc
}

/// Glyph counts over a document's pages.
#[derive(Debug, Clone, Copy)]
struct Counts {
    /// Characters whose font has no Unicode map.
    unreadable: usize,
    /// Characters drawn at an angle (watermarks, stamps).
    angled: usize,
    /// All characters.
    glyphs: usize,
    /// Characters read as accented Latin letters (a wrong Unicode map).
    latin: usize,
}

/// What the reader says about a document's pages: scanned pages, an OCR text layer,
/// characters it could not read, a garbled text layer, angled text.
fn diagnostics(scanned: &[u32], ocr: &[u32], page_count: usize, c: &Counts) -> Vec<Diagnostic> {
    let Counts {
        unreadable,
        angled,
        glyphs,
        latin,
    } = *c;
    let mut out = Vec::new();
    if !scanned.is_empty() {
        let all = scanned.len() == page_count;
        out.push(Diagnostic {
            message: if all {
                let n = page_count;
                Msg::new(
                    format!(
                        "扫描件：PDF 没有文字层，{n} 页都是图像（或转为曲线的文字），需要 OCR 才能读取"
                    ),
                    format!(
                        "a scanned PDF: no text layer, {n} pages of images or of text drawn as \
                         outlines; reading it needs OCR"
                    ),
                )
            } else {
                Msg::new(
                    format!(
                        "第{}页只有图像（或转为曲线的文字），没有文字层",
                        join(scanned, "、")
                    ),
                    format!(
                        "pages with no text layer, images or text drawn as outlines only: {}",
                        join(scanned, ", ")
                    ),
                )
            },
            source: None,
        });
    }
    if !ocr.is_empty() {
        out.push(Diagnostic {
            message: Msg::new(
                format!(
                    "第{}页的文字是扫描图像上的 OCR 文字层，数值可能有识别错误，请对照原件",
                    join(ocr, "、")
                ),
                format!(
                    "the text of pages {} is an OCR layer over a scanned image: values may carry \
                     recognition errors; check them against the page",
                    join(ocr, ", ")
                ),
            ),
            source: None,
        });
    }
    if unreadable > 0 {
        out.push(Diagnostic {
            message: Msg::new(
                format!("{unreadable} 个字符无法识别：字体没有 Unicode 映射，这些字符读作 �"),
                format!("{unreadable} characters could not be read: their font has no Unicode map"),
            ),
            source: None,
        });
    }
    if latin > 20 && latin * 4 > glyphs {
        out.push(Diagnostic {
            message: Msg::new(
                format!(
                    "文字层乱码：{latin} 个字符读作拉丁字母，字体的 Unicode 映射可能有误，表格无法可靠读取"
                ),
                format!(
                    "garbled text layer: {latin} characters read as accented Latin letters; a \
                     font's Unicode map is probably wrong, so its text cannot be trusted"
                ),
            ),
            source: None,
        });
    }
    if angled > 0 {
        out.push(Diagnostic {
            message: Msg::new(
                format!("{angled} 个斜排字符（水印、印章）未读取"),
                format!(
                    "{angled} characters drawn at an angle, such as a watermark or a stamp, were \
                     not read"
                ),
            ),
            source: None,
        });
    }
    out
}

fn join(numbers: &[u32], sep: &str) -> String {
    let parts: Vec<String> = numbers.iter().map(u32::to_string).collect();
    parts.join(sep)
}

/// A place on a line of a page (a cell when `cell` is given).
fn on_line(page: u32, line: u32, cell: Option<u32>) -> SourceRef {
    at_page(page, SourceRef::Line { line, cell })
}

fn at_page(page: u32, at: SourceRef) -> SourceRef {
    SourceRef::Page {
        page,
        at: Box::new(at),
    }
}

/// Told where each place laid out on a page is, in the page's reading frame (left, top, right,
/// bottom): the page view outlines a finding's place; reading needs nothing of it.
type Seen<'a> = &'a mut dyn FnMut(&SourceRef, [f32; 4]);

/// One page's tables and lines in reading order. Lines are numbered from the top of the
/// page; a vertical gap of more than 1.6 line pitches counts as a blank line, so lines with
/// no gap between them keep consecutive numbers (one band of a laid-out table).
fn lay_out_page(page: &PageText, number: u32, blocks: &mut Vec<Block>, seen: Seen) {
    let pitch = line_pitch(page);
    let columns = lines::number_columns(&page.lines);
    let mut tables = page.tables.iter().enumerate().peekable();
    let mut line_no = 0u32;
    let mut last_base: Option<f32> = None;
    let mut last_row_line: Option<u32> = None;
    for (i, line) in page.lines.iter().enumerate() {
        while let Some((t, table)) = tables.next_if(|(_, t)| t.top < line.base - line.size) {
            blocks.push(Block::Table(ruled(table, number, t as u32 + 1, seen)));
            last_base = None;
            last_row_line = None;
        }
        line_no += match last_base {
            Some(b) if line.base - b > 1.6 * pitch => 2,
            _ => 1,
        };
        last_base = Some(line.base);
        let chunks = line.chunks_at(&columns);
        let below_row = last_row_line == Some(line_no - 1);
        let next_is_row = page
            .lines
            .get(i + 1)
            .is_some_and(|n| n.base - line.base <= 1.6 * pitch && n.chunks_at(&columns).len() >= 2);
        let lone_in_table =
            chunks.len() == 1 && below_row && (lines::is_number(&chunks[0].text) || next_is_row);
        if chunks.len() >= 2 || lone_in_table {
            let cells: Vec<Cell> = chunks
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let source = on_line(number, line_no, Some(k as u32 + 1));
                    seen(&source, line.rect(c.x0, c.x1));
                    let extent = Extent {
                        start: c.x0 / page.en,
                        end: c.x1 / page.en,
                    };
                    Cell::on_line(c.text.clone(), k as u32, source, extent)
                })
                .collect();
            match blocks.last_mut() {
                Some(Block::Table(t)) if t.is_positioned() && last_row_line.is_some() => {
                    t.rows.push(cells)
                }
                _ => blocks.push(Block::Table(Table {
                    source: on_line(number, line_no, None),
                    rows: vec![cells],
                })),
            }
            last_row_line = Some(line_no);
        } else {
            let source = on_line(number, line_no, None);
            seen(&source, line.rect(line.x0(), line.x1()));
            blocks.push(Block::Paragraph(Paragraph {
                text: line.text(),
                source,
            }));
            last_row_line = None;
        }
    }
    for (t, table) in tables {
        blocks.push(Block::Table(ruled(table, number, t as u32 + 1, seen)));
    }
    for line in &page.side_lines {
        line_no += 2;
        blocks.push(Block::Paragraph(Paragraph {
            text: line.text(),
            source: on_line(number, line_no, None),
        }));
    }
}

/// The usual distance between consecutive lines on the page (the median, ignoring gaps of
/// more than three ems).
fn line_pitch(page: &PageText) -> f32 {
    let mut gaps: Vec<f32> = page
        .lines
        .windows(2)
        .map(|w| w[1].base - w[0].base)
        .filter(|&g| g > 0.0 && g < 6.0 * page.en)
        .collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(3.0 * page.en)
}

/// A ruled table as a grid `Table`: cells named by page, table on the page, row and cell.
fn ruled(table: &page::RuledTable, page: u32, index: u32, seen: Seen) -> Table {
    let place = |row: usize, cell: usize| {
        at_page(
            page,
            SourceRef::TableCell {
                table: index,
                row: row as u32 + 1,
                col: cell as u32 + 1,
            },
        )
    };
    Table {
        source: place(0, 0),
        rows: table
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(k, c)| {
                        seen(&place(r, k), c.rect);
                        Cell {
                            row_span: c.row_span,
                            col_span: c.col_span,
                            ..Cell::new(c.text.clone(), c.col, place(r, k))
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}
