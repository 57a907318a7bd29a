//! The format-neutral `Document` every adapter emits: paragraphs and tables in reading order.

use crate::SourceRef;
use serde::{Deserialize, Serialize};

/// A document as read from a file, before anything about annual reports is known.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Body blocks in reading order.
    pub blocks: Vec<Block>,
    /// Content the adapter skipped or could not read with certainty (never dropped silently).
    pub diagnostics: Vec<Diagnostic>,
}

/// One body block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph (or line) of prose.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
    /// An image where content might be expected (e.g. a table published as a picture).
    Image {
        /// Where the image is.
        source: SourceRef,
        /// Alternative text or file name, if any.
        alt: String,
    },
}

/// A paragraph of prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text, runs joined.
    pub text: String,
    /// Where it is.
    pub source: SourceRef,
}

/// A table: rows of cells. Cells covered by a merge are absent; the anchor cell carries spans.
/// Adapters that cannot know merges (raw text) emit every cell with spans of 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Rows, top to bottom.
    pub rows: Vec<Vec<Cell>>,
    /// Where the table starts.
    pub source: SourceRef,
}

/// Cell text longer than this is prose, not a value or a label: its table lays out a page.
const CONTAINER_TEXT: usize = 300;

impl Table {
    /// A table used for page layout rather than data (the one rule for every format): a cell
    /// holds blocks (adapters give a cell blocks only for structure: a table, an image, a
    /// heading or a list), or prose longer than a label. Its cells are read as blocks in
    /// reading order, row by row; only the tables inside are data.
    pub fn is_container(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .any(|c| !c.blocks.is_empty() || c.text.chars().nth(CONTAINER_TEXT).is_some())
    }

    /// True for a table with no grid, whose cells are placed by their extents on lines
    /// (text laid out by a converter, PDF text without ruling lines).
    pub fn is_positioned(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .next()
            .is_some_and(|c| c.extent.is_some())
    }
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell text, as shown (paragraphs inside the cell joined with `\n`).
    pub text: String,
    /// 0-based grid column where the cell starts (after earlier cells' spans).
    pub col: u32,
    /// Rows this cell spans (1 = no merge).
    pub row_span: u32,
    /// Columns this cell spans (1 = no merge).
    pub col_span: u32,
    /// Where it is.
    pub source: SourceRef,
    /// The cell is in a hidden row, column or sheet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// What the cell holds when it is more than text (a table, an image, a heading or a list:
    /// a page's layout table holding the whole report): its paragraphs, tables and images in
    /// order. Empty for a cell of plain text, whose text is `text`. See
    /// [`Table::is_container`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Where the cell sits on its line, for layouts with no grid (text in display columns,
    /// where a CJK character is 2 wide; PDF in points). `None` for grid cells (DOCX, XLSX,
    /// HTML, tab-separated text), whose place is `col`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent: Option<Extent>,
    /// The text was recognised from an image (OCR), with this confidence (0..1, its least
    /// sure character's); `None` for text a file holds as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognised: Option<f32>,
}

/// A horizontal extent on a line: `start..end`, in the adapter's unit (display columns for
/// text, points for PDF).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Extent {
    /// Left edge.
    pub start: f32,
    /// Right edge (exclusive).
    pub end: f32,
}

impl Extent {
    /// The middle of the extent.
    pub fn center(self) -> f32 {
        (self.start + self.end) / 2.0
    }
    /// How much two extents overlap (0 when they do not).
    pub fn overlap(self, other: Extent) -> f32 {
        (self.end.min(other.end) - self.start.max(other.start)).max(0.0)
    }
}

impl Cell {
    /// A plain cell with no spans.
    pub fn new(text: impl Into<String>, col: u32, source: SourceRef) -> Self {
        Cell {
            text: text.into(),
            col,
            row_span: 1,
            col_span: 1,
            source,
            hidden: false,
            blocks: Vec::new(),
            extent: None,
            recognised: None,
        }
    }

    /// A cell placed on a line by its horizontal extent (a layout with no grid).
    pub fn on_line(text: impl Into<String>, col: u32, source: SourceRef, extent: Extent) -> Self {
        Cell {
            extent: Some(extent),
            ..Cell::new(text, col, source)
        }
    }
}

/// Something an adapter skipped or could not read with certainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What happened, in plain words, in both languages.
    pub message: crate::Msg,
    /// Where, if known.
    pub source: Option<SourceRef>,
}
