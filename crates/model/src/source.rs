//! `SourceRef`: where in the original file a block, cell or value came from.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in the source file, precise enough for a user to find it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SourceRef {
    /// Raw text: 1-based line, and for a table cell the 1-based cell index on that row.
    Line {
        /// 1-based line number.
        line: u32,
        /// 1-based cell (tab column) on a table row, if this is a cell.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        cell: Option<u32>,
    },
    /// Text laid out by position (a converter's column layout, one cell per line): 1-based line
    /// and the 1-based display column where the cell starts (a CJK character is 2 wide).
    LineColumn {
        /// 1-based line number.
        line: u32,
        /// 1-based display column.
        column: u32,
    },
    /// A prose paragraph of a structured document (DOCX, HTML), 1-based in body order.
    Paragraph {
        /// 1-based paragraph index.
        paragraph: u32,
    },
    /// A cell of a structured document's table (DOCX, HTML): all indexes 1-based.
    TableCell {
        /// 1-based table index in document order.
        table: u32,
        /// 1-based row within that table.
        row: u32,
        /// 1-based cell within that row (in reading order, not grid index).
        col: u32,
    },
    /// A place inside a cell of a layout table: the outer cell, then the place inside it
    /// (`第1个表格第2行第2格 › 第3个表格第6行第9格`).
    Nested {
        /// The cell of the enclosing table.
        outer: Box<SourceRef>,
        /// The place inside that cell.
        inner: Box<SourceRef>,
    },
    /// A place on a page of a paged document (PDF): the 1-based page, then the place on it, a
    /// line (`第3页第12行第2格`) or a ruled table's cell (`第3页第1个表格第6行第9格`).
    Page {
        /// 1-based page number.
        page: u32,
        /// The place on that page; its line and table numbers count from the top of the page.
        at: Box<SourceRef>,
    },
    /// A spreadsheet cell, shown as `Sheet!B7`.
    SheetCell {
        /// Sheet name.
        sheet: String,
        /// A1-style cell address.
        cell: String,
    },
}

impl SourceRef {
    /// The place in the reader's language: `第57行第9格` / `line 57 cell 9`, `Sheet1!B7`.
    pub fn describe(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            SourceRef::Line { line, cell: None } => format!("第{line}行"),
            SourceRef::Line {
                line,
                cell: Some(c),
            } => format!("第{line}行第{c}格"),
            SourceRef::LineColumn { line, column } => format!("第{line}行第{column}列"),
            SourceRef::Paragraph { paragraph } => format!("第{paragraph}段"),
            SourceRef::TableCell { table, row, col } => {
                format!("第{table}个表格第{row}行第{col}格")
            }
            SourceRef::Nested { outer, inner } => {
                format!("{} › {}", outer.describe(lang), inner.describe(lang))
            }
            SourceRef::Page { page, at } => format!("第{page}页{}", at.describe(lang)),
            SourceRef::SheetCell { sheet, cell } => format!("{sheet}!{cell}"),
        }
    }

    /// The line a place of laid-out text is on, as a key that orders lines and tells
    /// neighbours apart (`a + 1 == b`): the line number, within its page for a paged document.
    /// `None` for places that are not lines (paragraphs, grid cells).
    pub fn line_key(&self) -> Option<u64> {
        match self {
            SourceRef::Line { line, .. } | SourceRef::LineColumn { line, .. } => {
                Some(u64::from(*line))
            }
            SourceRef::Page { page, at } => at.line_key().map(|l| (u64::from(*page) << 32) | l),
            _ => None,
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceRef::Line { line, cell: None } => write!(f, "line {line}"),
            SourceRef::Line {
                line,
                cell: Some(c),
            } => write!(f, "line {line} cell {c}"),
            SourceRef::LineColumn { line, column } => write!(f, "line {line} column {column}"),
            SourceRef::Paragraph { paragraph } => write!(f, "paragraph {paragraph}"),
            SourceRef::TableCell { table, row, col } => {
                write!(f, "table {table} row {row} cell {col}")
            }
            SourceRef::Nested { outer, inner } => write!(f, "{outer} › {inner}"),
            SourceRef::Page { page, at } => write!(f, "page {page} {at}"),
            SourceRef::SheetCell { sheet, cell } => write!(f, "{sheet}!{cell}"),
        }
    }
}

/// Converts 0-based (row, column) indexes to an A1 address (`(6, 1)` -> `B7`).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = [0u8; 8];
    let mut n = 0;
    let mut c = u64::from(col) + 1;
    while c > 0 && n < letters.len() {
        letters[n] = b'A' + ((c - 1) % 26) as u8;
        c = (c - 1) / 26;
        n += 1;
    }
    let mut out = String::with_capacity(n + 10);
    out.extend(letters[..n].iter().rev().map(|&b| char::from(b)));
    out.push_str(itoa_u64(u64::from(row) + 1).as_str());
    out
}

/// A number in decimal (no formatting machinery: this runs for every spreadsheet cell).
fn itoa_u64(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().map(|&b| char::from(b)).collect()
}

impl SourceRef {
    /// A spreadsheet cell reference from 0-based indexes.
    pub fn sheet_cell(sheet: &str, row: u32, col: u32) -> Self {
        SourceRef::SheetCell {
            sheet: sheet.to_string(),
            cell: a1(row, col),
        }
    }
}

/// Read by hand, as the derived `Serialize` writes it (`{"kind":"table_cell","table":2,…}`),
/// its fields in any order. The derived reader of an internally tagged enum first copies every
/// place into a generic tree (the tag may come last): a tenth of a batch went to that, reading
/// the reports its workers sent.
impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PlaceVisitor)
    }
}

/// The keys of a place's fields (`kind` and each variant's).
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Kind,
    Line,
    Cell,
    Column,
    Paragraph,
    Table,
    Row,
    Col,
    Page,
    Sheet,
    Outer,
    Inner,
    At,
    #[serde(other)]
    Other,
}

/// The variants' names, the values of `kind`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Line,
    LineColumn,
    Paragraph,
    TableCell,
    Nested,
    Page,
    SheetCell,
}

/// `cell`: a line's cell number, or a sheet cell's address.
enum CellField {
    Number(u32),
    Address(String),
}

impl<'de> Deserialize<'de> for CellField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CellField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cell number or a cell address")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<CellField, E> {
                u32::try_from(n)
                    .map(CellField::Number)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<CellField, E> {
                Ok(CellField::Address(s.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

struct PlaceVisitor;

impl<'de> Visitor<'de> for PlaceVisitor {
    type Value = SourceRef;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a place (an object with a `kind`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourceRef, A::Error> {
        let mut kind = None;
        let [mut line, mut column, mut paragraph, mut table, mut row, mut col, mut page] =
            [None::<u32>; 7];
        let (mut cell, mut sheet) = (None, None::<String>);
        let [mut outer, mut inner, mut at] = [None::<Box<SourceRef>>, None, None];
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Kind => kind = Some(map.next_value::<Kind>()?),
                Key::Line => line = Some(map.next_value()?),
                Key::Column => column = Some(map.next_value()?),
                Key::Paragraph => paragraph = Some(map.next_value()?),
                Key::Table => table = Some(map.next_value()?),
                Key::Row => row = Some(map.next_value()?),
                Key::Col => col = Some(map.next_value()?),
                Key::Page => page = Some(map.next_value()?),
                Key::Cell => cell = map.next_value::<Option<CellField>>()?,
                Key::Sheet => sheet = Some(map.next_value()?),
                Key::Outer => outer = Some(map.next_value()?),
                Key::Inner => inner = Some(map.next_value()?),
                Key::At => at = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        fn need<T, E: de::Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
            v.ok_or_else(|| E::missing_field(name))
        }
        let wrong_cell = || de::Error::invalid_type(de::Unexpected::Str("address"), &"a number");
        Ok(match need(kind, "kind")? {
            Kind::Line => SourceRef::Line {
                line: need(line, "line")?,
                cell: match cell {
                    None => None,
                    Some(CellField::Number(n)) => Some(n),
                    Some(CellField::Address(_)) => return Err(wrong_cell()),
                },
            },
            Kind::LineColumn => SourceRef::LineColumn {
                line: need(line, "line")?,
                column: need(column, "column")?,
            },
            Kind::Paragraph => SourceRef::Paragraph {
                paragraph: need(paragraph, "paragraph")?,
            },
            Kind::TableCell => SourceRef::TableCell {
                table: need(table, "table")?,
                row: need(row, "row")?,
                col: need(col, "col")?,
            },
            Kind::Nested => SourceRef::Nested {
                outer: need(outer, "outer")?,
                inner: need(inner, "inner")?,
            },
            Kind::Page => SourceRef::Page {
                page: need(page, "page")?,
                at: need(at, "at")?,
            },
            Kind::SheetCell => SourceRef::SheetCell {
                sheet: need(sheet, "sheet")?,
                cell: match need(cell, "cell")? {
                    CellField::Address(a) => a,
                    CellField::Number(n) => {
                        let n = de::Unexpected::Unsigned(n.into());
                        return Err(de::Error::invalid_type(n, &"a cell address"));
                    }
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_back_as_written_in_any_key_order() {
        let cell = |table, row, col| SourceRef::TableCell { table, row, col };
        let places = [
            SourceRef::Line {
                line: 3,
                cell: None,
            },
            SourceRef::Line {
                line: 3,
                cell: Some(2),
            },
            SourceRef::LineColumn { line: 4, column: 9 },
            SourceRef::Paragraph { paragraph: 7 },
            cell(1, 2, 3),
            SourceRef::Nested {
                outer: Box::new(cell(1, 2, 2)),
                inner: Box::new(SourceRef::Nested {
                    outer: Box::new(cell(3, 6, 9)),
                    inner: Box::new(cell(4, 1, 1)),
                }),
            },
            SourceRef::Page {
                page: 2,
                at: Box::new(SourceRef::Line {
                    line: 5,
                    cell: Some(1),
                }),
            },
            SourceRef::sheet_cell("年度报告", 6, 1),
        ];
        for place in places {
            let json = serde_json::to_string(&place).unwrap_or_default();
            let back: SourceRef = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, place, "{json}");
            // Through a JSON value (keys in alphabetical order: `kind` after `cell`, …).
            let value = serde_json::to_value(&place).unwrap_or_default();
            let back: SourceRef = serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, place);
        }
        let last: SourceRef =
            serde_json::from_str(r#"{"row":6,"col":9,"extra":[1],"table":1,"kind":"table_cell"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(last, cell(1, 6, 9));
        for bad in [
            r#"{"kind":"table_cell","table":1,"row":6}"#,
            r#"{"kind":"line","line":1,"cell":"B7"}"#,
            r#"{"kind":"sheet_cell","sheet":"S","cell":7}"#,
            r#"{"kind":"shelf","line":1}"#,
            r#"{"line":1}"#,
            r#"{"kind":"line","line":-1}"#,
            r#"[1]"#,
        ] {
            assert!(serde_json::from_str::<SourceRef>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn places_read_in_both_languages() {
        let cell = SourceRef::TableCell {
            table: 2,
            row: 5,
            col: 3,
        };
        assert_eq!(cell.describe(crate::Lang::Zh), "第2个表格第5行第3格");
        assert_eq!(cell.describe(crate::Lang::En), "table 2 row 5 cell 3");
        let line = SourceRef::Line {
            line: 57,
            cell: Some(9),
        };
        assert_eq!(line.describe(crate::Lang::Zh), "第57行第9格");
        let column = SourceRef::LineColumn {
            line: 57,
            column: 41,
        };
        assert_eq!(column.describe(crate::Lang::Zh), "第57行第41列");
        assert_eq!(column.describe(crate::Lang::En), "line 57 column 41");
    }

    #[test]
    fn nested_places_name_the_path() {
        let cell = |table, row, col| SourceRef::TableCell { table, row, col };
        let nested = SourceRef::Nested {
            outer: Box::new(cell(1, 2, 2)),
            inner: Box::new(cell(3, 6, 9)),
        };
        assert_eq!(
            nested.describe(crate::Lang::Zh),
            "第1个表格第2行第2格 › 第3个表格第6行第9格"
        );
        assert_eq!(
            nested.to_string(),
            "table 1 row 2 cell 2 › table 3 row 6 cell 9"
        );
    }

    #[test]
    fn pages_name_the_page_then_the_place() {
        let line = |line| SourceRef::Page {
            page: 3,
            at: Box::new(SourceRef::Line {
                line,
                cell: Some(2),
            }),
        };
        assert_eq!(line(12).describe(crate::Lang::Zh), "第3页第12行第2格");
        assert_eq!(line(12).to_string(), "page 3 line 12 cell 2");
        let next_page = SourceRef::Page {
            page: 4,
            at: Box::new(SourceRef::Line {
                line: 13,
                cell: None,
            }),
        };
        // Line keys order lines and tell neighbours apart across pages.
        let (a, b) = (line(12).line_key().unwrap(), line(13).line_key().unwrap());
        assert_eq!(a + 1, b);
        assert!(next_page.line_key().unwrap() > b + 1);
        let cell = SourceRef::Page {
            page: 3,
            at: Box::new(SourceRef::TableCell {
                table: 1,
                row: 6,
                col: 9,
            }),
        };
        assert_eq!(cell.describe(crate::Lang::Zh), "第3页第1个表格第6行第9格");
        assert_eq!(cell.line_key(), None);
    }

    #[test]
    fn a1_addresses() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 1), "B7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn display_names_the_place() {
        assert_eq!(
            SourceRef::sheet_cell("年度报告", 6, 1).to_string(),
            "年度报告!B7"
        );
        let t = SourceRef::TableCell {
            table: 2,
            row: 5,
            col: 3,
        };
        assert_eq!(t.to_string(), "table 2 row 5 cell 3");
        let l = SourceRef::Line {
            line: 12,
            cell: Some(4),
        };
        assert_eq!(l.to_string(), "line 12 cell 4");
    }
}
