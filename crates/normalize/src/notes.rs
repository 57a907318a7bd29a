//! What the table reader notes about its own reading, as data: values it left null and why,
//! rows it aligned, rows seen twice or shown short, a unit that contradicts its column. The
//! reader knows where things are; the rules (X2, C3, U1) say what that means, in the
//! findings they make of these notes (`rules::from_notes`).

use xxgk_model::SourceRef;

/// How a table 三 row's values were placed in its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alignment {
    /// As many values, or places, as columns.
    Exact,
    /// By the header's columns.
    Header,
    /// By the columns of the last full row.
    Reference,
    /// Eight values of which one interior zero is extra.
    DroppedExtra,
    /// Right-aligned (the total last): a guess, said as a warning.
    RightAligned,
}

/// One note of the table reader.
#[derive(Debug, Clone)]
pub(crate) enum Note {
    /// Values that could not be placed with certainty, left null: as printed, where, and the
    /// keys of the rows, items or tables they may belong to (joined by `/`).
    Unplaced {
        shown: Vec<String>,
        source: Option<SourceRef>,
        what: String,
    },
    /// Cells that hold several numbers (`409 47`), left null: as printed.
    Glued {
        shown: Vec<String>,
        source: SourceRef,
    },
    /// A cell of digits not all of which could be read (a font without a Unicode map, or
    /// digits OCR was unsure of), left null: as shown.
    Unread { shown: String, source: SourceRef },
    /// A recognised table 二 value read with doubt (`44�`) that section 一's prose states
    /// alike (`行政处罚决定44件`): taken. As shown, and as stated.
    Stated {
        shown: String,
        stated: String,
        source: SourceRef,
    },
    /// A recognised table 二 value that section 一's prose states otherwise
    /// (`行政处罚决定723件` beside a cell read as `728`), left null: as shown, and as stated.
    Contradicted {
        shown: String,
        stated: String,
        source: SourceRef,
    },
    /// An unread cell's digits taken because a statutory sum confirms them: as shown, the
    /// value taken, its place among [`xxgk_model::Report::values`], and the rules of the sums
    /// that confirm it.
    Proofread {
        shown: String,
        value: f64,
        index: usize,
        rule: String,
        source: SourceRef,
    },
    /// Numbers the layout cut short or wrapped onto another line, left null: as printed.
    Cut {
        shown: Vec<String>,
        source: SourceRef,
    },
    /// A table 三 row whose columns were not read as laid out.
    Aligned {
        row: usize,
        how: Alignment,
        source: Option<SourceRef>,
    },
    /// A recognised table 三 row whose label could not be read, placed as `row` because it
    /// stands between the rows before and after `row` and its total sums its values.
    PlacedByOrder {
        row: usize,
        shown: String,
        source: SourceRef,
    },
    /// A table 三 row seen again: the first one counts.
    Repeated { row: usize, source: SourceRef },
    /// A row of unlabelled numbers that are not table 四's fifteen.
    Unlabelled {
        count: usize,
        source: Option<SourceRef>,
    },
    /// A table 三 row that shows fewer values than its columns: how many it shows, how many
    /// it should, and the columns left blank (0..7).
    ShortRow {
        row: usize,
        shown: usize,
        expected: usize,
        blank: Vec<usize>,
        source: Option<SourceRef>,
    },
    /// Fees written in 元 in the 万元 column: the cell as printed and its number.
    FeesInYuan {
        text: String,
        yuan: f64,
        source: SourceRef,
    },
}
