//! The official layout of the report (2021 format, 国办公开办函〔2021〕30号 附件): the six section
//! headings and the three statutory tables cell by cell — every header with its merge, every
//! row label, and which value of [`Report::values`](crate::Report::values) sits in each data
//! cell.
//!
//! One description used by every writer (the HTML review page, the DOCX and XLSX render), so
//! they cannot disagree with each other or with format.md §2.

/// The six section headings as printed in the 2021 format.
pub const SECTION_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// Index in [`Report::values`](crate::Report::values) of the first table 三 value.
pub const APP_OFFSET: usize = 10;
/// Index in [`Report::values`](crate::Report::values) of the first table 四 value.
pub const RL_OFFSET: usize = APP_OFFSET + 25 * 7;
/// Number of table values of a report.
pub const VALUE_COUNT: usize = RL_OFFSET + 15;

/// What a layout cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutKind {
    /// A column header or caption.
    Header(&'static str),
    /// A row label.
    Label(&'static str),
    /// A data cell: the index of its value in `Report::values()`.
    Value(usize),
}

/// One cell of the official layout: its top-left grid position, its merge and its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutCell {
    /// Grid row (0-based).
    pub row: usize,
    /// Grid column (0-based).
    pub col: usize,
    /// Rows covered (1 when not merged).
    pub row_span: usize,
    /// Columns covered (1 when not merged).
    pub col_span: usize,
    /// Content.
    pub kind: LayoutKind,
}

/// One statutory table in the official layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutTable {
    /// `active`, `applications` or `review_litigation`.
    pub key: &'static str,
    /// The section the table belongs to (index into [`SECTION_HEADINGS`]).
    pub section: usize,
    /// Grid width.
    pub columns: usize,
    /// Grid height.
    pub rows: usize,
    /// The cells, row by row, left to right (covered positions of a merge have no cell).
    pub cells: Vec<LayoutCell>,
}

/// Builds a table row by row: tracks the grid position under the merges already placed.
struct Grid {
    columns: usize,
    row: usize,
    taken: Vec<Vec<bool>>,
    cells: Vec<LayoutCell>,
}

impl Grid {
    fn new(columns: usize) -> Self {
        Grid {
            columns,
            row: 0,
            taken: Vec::new(),
            cells: Vec::new(),
        }
    }

    fn taken(&mut self, row: usize) -> &mut Vec<bool> {
        while self.taken.len() <= row {
            self.taken.push(vec![false; self.columns]);
        }
        &mut self.taken[row]
    }

    /// Places `kind` at the next free column of the current row.
    fn put(&mut self, kind: LayoutKind, row_span: usize, col_span: usize) -> &mut Self {
        let row = self.row;
        let col = self.taken(row).iter().position(|t| !t).unwrap_or(0);
        for r in row..row + row_span {
            for c in col..(col + col_span).min(self.columns) {
                self.taken(r)[c] = true;
            }
        }
        self.cells.push(LayoutCell {
            row,
            col,
            row_span,
            col_span,
            kind,
        });
        self
    }

    fn header(&mut self, text: &'static str) -> &mut Self {
        self.put(LayoutKind::Header(text), 1, 1)
    }

    fn label(&mut self, text: &'static str) -> &mut Self {
        self.put(LayoutKind::Label(text), 1, 1)
    }

    fn value(&mut self, index: usize) -> &mut Self {
        self.put(LayoutKind::Value(index), 1, 1)
    }

    fn next(&mut self) -> &mut Self {
        self.row += 1;
        self
    }

    fn finish(self, key: &'static str, section: usize) -> LayoutTable {
        LayoutTable {
            key,
            section,
            columns: self.columns,
            rows: self.taken.len(),
            cells: self.cells,
        }
    }
}

/// Table 二 (format.md §2.2): four captioned blocks of a 4-column table.
fn active() -> LayoutTable {
    use LayoutKind::*;
    let mut g = Grid::new(4);
    let counts = "本年处理决定数量";
    g.put(Header("第二十条第（一）项"), 1, 4).next();
    g.header("信息内容")
        .header("本年制发件数")
        .header("本年废止件数")
        .header("现行有效件数")
        .next();
    g.label("规章").value(0).value(1).value(2).next();
    g.label("行政规范性文件").value(3).value(4).value(5).next();
    for (caption, head, rows) in [
        ("第二十条第（五）项", counts, &[("行政许可", 6)][..]),
        (
            "第二十条第（六）项",
            counts,
            &[("行政处罚", 7), ("行政强制", 8)][..],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            &[("行政事业性收费", 9)][..],
        ),
    ] {
        g.put(Header(caption), 1, 4).next();
        g.header("信息内容").put(Header(head), 1, 3).next();
        for &(label, index) in rows {
            g.label(label).put(Value(index), 1, 3).next();
        }
    }
    g.finish("active", 1)
}

/// The sub-rows of results （三）–（六） of table 三, with their group label.
const RESULT_GROUPS: [(&str, &[&str]); 4] = [
    (
        "（三）不予公开",
        &[
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
    ),
    (
        "（四）无法提供",
        &[
            "1.本机关不掌握相关政府信息",
            "2.没有现成信息需要另行制作",
            "3.补正后申请内容仍不明确",
        ],
    ),
    (
        "（五）不予处理",
        &[
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "（六）其他处理",
        &[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    ),
];

/// Table 三 (format.md §2.3): 3 header rows, 25 data rows under a 3-column label area.
fn applications() -> LayoutTable {
    use LayoutKind::*;
    let mut g = Grid::new(10);
    let values = |g: &mut Grid, r: usize| {
        for c in 0..7 {
            g.value(APP_OFFSET + r * 7 + c);
        }
        g.next();
    };
    g.put(
        Header("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        3,
        3,
    )
    .put(Header("申请人情况"), 1, 7)
    .next();
    g.put(Header("自然人"), 2, 1)
        .put(Header("法人或其他组织"), 1, 5)
        .put(Header("总计"), 2, 1)
        .next();
    for label in &crate::APP_COLUMN_LABELS[1..6] {
        g.header(label);
    }
    g.next();
    g.put(Label("一、本年新收政府信息公开申请数量"), 1, 3);
    values(&mut g, 0);
    g.put(Label("二、上年结转政府信息公开申请数量"), 1, 3);
    values(&mut g, 1);
    g.put(Label("三、本年度办理结果"), 22, 1)
        .put(Label("（一）予以公开"), 1, 2);
    values(&mut g, 2);
    g.put(
        Label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        1,
        2,
    );
    values(&mut g, 3);
    let mut r = 4;
    for (group, subs) in RESULT_GROUPS {
        g.put(Label(group), subs.len(), 1);
        for sub in subs {
            g.label(sub);
            values(&mut g, r);
            r += 1;
        }
    }
    g.put(Label("（七）总计"), 1, 2);
    values(&mut g, 23);
    g.put(Label("四、结转下年度继续办理"), 1, 3);
    values(&mut g, 24);
    g.finish("applications", 2)
}

/// Table 四 (format.md §2.4): 3 header rows over one row of 15 values.
fn review_litigation() -> LayoutTable {
    use LayoutKind::*;
    let mut g = Grid::new(15);
    g.put(Header("行政复议"), 1, 5)
        .put(Header("行政诉讼"), 1, 10)
        .next();
    for label in crate::RL_COLUMN_LABELS {
        g.put(Header(label), 2, 1);
    }
    g.put(Header("未经复议直接起诉"), 1, 5)
        .put(Header("复议后起诉"), 1, 5)
        .next();
    for _ in 0..2 {
        for label in crate::RL_COLUMN_LABELS {
            g.header(label);
        }
    }
    g.next();
    for i in 0..15 {
        g.value(RL_OFFSET + i);
    }
    g.finish("review_litigation", 3)
}

/// Lines `text` takes when wrapped in a spreadsheet cell `width` characters wide (a Chinese
/// character is two, a line break starts a line): what a writer sets row heights by, since
/// Excel and LibreOffice do not size rows of wrapped or merged cells on opening.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum();
            ((units / usable).ceil() as usize).max(1)
        })
        .sum()
}

/// The three statutory tables in order (二, 三, 四).
pub fn official_tables() -> [LayoutTable; 3] {
    [active(), applications(), review_litigation()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Report;

    #[test]
    fn wrapped_lines_count_chinese_characters_double_and_line_breaks() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("abcdefghi", 10.0), 1);
        assert_eq!(wrapped_lines("abcdefghij", 10.0), 2);
        assert_eq!(wrapped_lines("政府信息公开", 10.0), 2);
        assert_eq!(wrapped_lines("a\nb", 10.0), 2);
    }

    #[test]
    fn every_value_has_exactly_one_cell_and_grids_are_covered_once() {
        let mut seen = vec![0; VALUE_COUNT];
        for t in official_tables() {
            let mut grid = vec![vec![0; t.columns]; t.rows];
            for c in &t.cells {
                for row in grid.iter_mut().skip(c.row).take(c.row_span) {
                    for x in row.iter_mut().skip(c.col).take(c.col_span) {
                        *x += 1;
                    }
                }
                if let LayoutKind::Value(i) = c.kind {
                    seen[i] += 1;
                }
            }
            assert!(
                grid.iter().flatten().all(|&n| n == 1),
                "{}: every grid position covered exactly once",
                t.key
            );
        }
        assert!(seen.iter().all(|&n| n == 1));
        assert_eq!(Report::default().values().len(), VALUE_COUNT);
    }

    #[test]
    fn table_shapes_follow_the_format() {
        let [a, b, c] = official_tables();
        assert_eq!((a.rows, a.columns), (14, 4));
        assert_eq!((b.rows, b.columns), (28, 10));
        assert_eq!((c.rows, c.columns), (4, 15));
        let values = Report::default().values();
        // The value under 商业企业 in the row （七）总计.
        let cell = b
            .cells
            .iter()
            .find(|x| x.row == 26 && x.col == 4)
            .map(|x| x.kind);
        let Some(LayoutKind::Value(i)) = cell else {
            panic!("no value cell at (26, 4): {cell:?}")
        };
        assert_eq!(values[i].0, "applications.total_handled[1]");
        assert_eq!(
            values[RL_OFFSET + 14].0,
            "review_litigation.litigation_after_review[4]"
        );
    }
}
