//! Pages read as text laid out as a `Document`: ruled tables as grid tables whose cells are
//! named by page, table, row and cell; other lines as paragraphs, or as positioned rows where
//! they split at wide gaps; pages with no text as images; and what the reader says about the
//! whole document (scanned pages, an OCR layer, unreadable or angled characters).

use crate::furniture;
use crate::lines;
use crate::page::{PageText, RuledTable};
use xxgk_model::{Block, Cell, Diagnostic, Document, Extent, Msg, Paragraph, SourceRef, Table};

/// Lays pages out as blocks, page by page, top to bottom, page furniture dropped. `format`
/// names the file's format in what the reader says (`PDF`, `OFD`); `between_pages` is called
/// before each page is laid out (a reader's time budget may stop the work there).
pub fn document(
    mut pages: Vec<PageText>,
    format: &str,
    between_pages: &mut dyn FnMut(),
) -> Document {
    furniture::drop_furniture(&mut pages);
    let mut doc = Document::default();
    let (mut unreadable, mut angled, mut glyphs, mut latin) = (0, 0, 0, 0);
    let mut scanned = Vec::new();
    let ocr: Vec<u32> = (1..)
        .zip(&pages)
        .filter(|(_, p)| p.ocr)
        .map(|(n, _)| n)
        .collect();
    let recognised: Vec<u32> = (1..)
        .zip(&pages)
        .filter(|(_, p)| p.recognised)
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
        between_pages();
        lay_out_page(page, number, &mut doc.blocks, &mut |_, _| {});
    }
    let counts = Counts {
        unreadable,
        angled,
        glyphs,
        latin,
    };
    doc.diagnostics = diagnostics(format, &scanned, &ocr, pages.len(), &counts);
    if !recognised.is_empty() {
        doc.diagnostics.push(Diagnostic {
            message: Msg::new(
                format!(
                    "第{}页是扫描图像，文字由 xxgk 用 OCR 识别：每个数值标有识别置信度，没有把握的数字按空值处理，请对照原件核对",
                    join(&recognised, "、")
                ),
                format!(
                    "pages {} are scanned images whose text xxgk recognised (OCR): every value \
                     carries its recognition confidence, digits read without certainty are left \
                     null; check against the page",
                    join(&recognised, ", ")
                ),
            ),
            source: None,
        });
    }
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
fn diagnostics(
    format: &str,
    scanned: &[u32],
    ocr: &[u32],
    page_count: usize,
    c: &Counts,
) -> Vec<Diagnostic> {
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
                        "扫描件：{format} 没有文字层，{n} 页都是图像（或转为曲线的文字），需要 OCR 才能读取"
                    ),
                    format!(
                        "a scanned {format}: no text layer, {n} pages of images or of text drawn \
                         as outlines; reading it needs OCR"
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
pub type Seen<'a> = &'a mut dyn FnMut(&SourceRef, [f32; 4]);

/// One page's tables and lines in reading order. Lines are numbered from the top of the
/// page; a vertical gap of more than 1.6 line pitches counts as a blank line, so lines with
/// no gap between them keep consecutive numbers (one band of a laid-out table).
pub fn lay_out_page(page: &PageText, number: u32, blocks: &mut Vec<Block>, seen: Seen) {
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
                    Cell {
                        recognised: c.confidence,
                        ..Cell::on_line(c.text.clone(), k as u32, source, extent)
                    }
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
fn ruled(table: &RuledTable, page: u32, index: u32, seen: Seen) -> Table {
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
                            recognised: c.confidence,
                            ..Cell::new(c.text.clone(), c.col, place(r, k))
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}
