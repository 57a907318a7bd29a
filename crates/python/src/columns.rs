//! A dataset as columns in Apache Arrow's layout, built in Rust a chunk at a time and handed to
//! Python as buffers: `pyarrow.Array.from_buffers` wraps them without a copy, and the pandas
//! side views the numbers with `numpy.frombuffer`. The columns are those of
//! `reports_wide.csv`: file, agency, year, file type, template, then the 200 values.
//!
//! Layout (Arrow columnar format): a validity bitmap (bit i of byte i/8, least significant
//! first; 1 = present), omitted where nothing is missing; `float64` and `int32` values as
//! little-endian; `large_string` as `i64` offsets (rows + 1) and UTF-8 bytes. A missing number
//! also holds NaN, so the values read right as plain floats too.

use crate::Who;
use pyo3::prelude::*;
use pyo3::types::PyByteArray;

/// Which bits are present, and how many are not.
#[derive(Default)]
struct Validity {
    bits: Vec<u8>,
    len: usize,
    missing: usize,
}

impl Validity {
    fn push(&mut self, present: bool) {
        if self.len.is_multiple_of(8) {
            self.bits.push(0);
        }
        if present {
            self.bits[self.len / 8] |= 1 << (self.len % 8);
        } else {
            self.missing += 1;
        }
        self.len += 1;
    }
}

/// One column's buffers.
enum Column {
    Text {
        valid: Validity,
        offsets: Vec<u8>,
        data: Vec<u8>,
    },
    Int {
        valid: Validity,
        data: Vec<u8>,
    },
    Float {
        valid: Validity,
        data: Vec<u8>,
    },
}

impl Column {
    fn text() -> Self {
        Column::Text {
            valid: Validity::default(),
            offsets: 0i64.to_le_bytes().to_vec(),
            data: Vec::new(),
        }
    }

    fn push_text(&mut self, value: Option<&str>) {
        if let Column::Text {
            valid,
            offsets,
            data,
        } = self
        {
            valid.push(value.is_some());
            data.extend_from_slice(value.unwrap_or_default().as_bytes());
            offsets.extend_from_slice(&(data.len() as i64).to_le_bytes());
        }
    }

    fn push_int(&mut self, value: Option<i32>) {
        if let Column::Int { valid, data } = self {
            valid.push(value.is_some());
            data.extend_from_slice(&value.unwrap_or(0).to_le_bytes());
        }
    }

    fn push_float(&mut self, value: Option<f64>) {
        if let Column::Float { valid, data } = self {
            valid.push(value.is_some());
            data.extend_from_slice(&value.unwrap_or(f64::NAN).to_le_bytes());
        }
    }
}

/// What one column crosses as: its type (`str`, `i32`, `f64`), how many rows miss it, the
/// validity bitmap (none where none miss), the offsets (strings only) and the data.
type Buffers = (
    &'static str,
    usize,
    Option<Py<PyByteArray>>,
    Option<Py<PyByteArray>>,
    Py<PyByteArray>,
);

/// A dataset's columns, a row per report.
#[pyclass(module = "xxgk._xxgk")]
pub(crate) struct Columns {
    rows: usize,
    columns: Vec<Column>,
}

impl Columns {
    /// Adds a report's row: its input, who, and its values in codebook order.
    pub(crate) fn push(&mut self, file: String, who: Who, values: &[Option<f64>]) {
        let (agency, year, file_type, template) = who;
        let [c_file, c_agency, c_year, c_type, c_template, numbers @ ..] = &mut self.columns[..]
        else {
            return;
        };
        c_file.push_text(Some(&file));
        c_agency.push_text(agency.as_deref());
        c_year.push_int(year);
        c_type.push_text(file_type.as_deref());
        c_template.push_text(Some(&template));
        for (column, value) in numbers.iter_mut().zip(values) {
            column.push_float(*value);
        }
        self.rows += 1;
    }
}

#[pymethods]
impl Columns {
    /// No rows yet; the columns of `reports_wide.csv`.
    #[new]
    fn new() -> Self {
        let mut columns = vec![Column::text(), Column::text()];
        columns.push(Column::Int {
            valid: Validity::default(),
            data: Vec::new(),
        });
        columns.extend([Column::text(), Column::text()]);
        columns.extend(xxgk::model::codebook().iter().map(|_| Column::Float {
            valid: Validity::default(),
            data: Vec::new(),
        }));
        Columns { rows: 0, columns }
    }

    /// How many rows (reports).
    fn __len__(&self) -> usize {
        self.rows
    }

    /// Every column's buffers, in column order (`reports_wide.csv`'s); the columns are left
    /// empty.
    fn take_buffers(&mut self, py: Python<'_>) -> Vec<Buffers> {
        let bytes = |b: &[u8]| PyByteArray::new(py, b).unbind();
        let valid = |v: &Validity| (v.missing > 0).then(|| bytes(&v.bits));
        let columns = std::mem::replace(self, Columns::new()).columns;
        columns
            .iter()
            .map(|c| match c {
                Column::Text {
                    valid: v,
                    offsets,
                    data,
                } => (
                    "str",
                    v.missing,
                    valid(v),
                    Some(bytes(offsets)),
                    bytes(data),
                ),
                Column::Int { valid: v, data } => ("i32", v.missing, valid(v), None, bytes(data)),
                Column::Float { valid: v, data } => ("f64", v.missing, valid(v), None, bytes(data)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_arrows_least_significant_first() {
        let mut v = Validity::default();
        for present in [true, false, true, true, false, false, false, false, true] {
            v.push(present);
        }
        assert_eq!(v.bits, vec![0b0000_1101, 0b0000_0001]);
        assert_eq!((v.len, v.missing), (9, 5));
    }

    #[test]
    fn strings_are_offsets_into_one_buffer() {
        let mut c = Column::text();
        c.push_text(Some("济宁"));
        c.push_text(None);
        c.push_text(Some("a"));
        let Column::Text {
            valid,
            offsets,
            data,
        } = c
        else {
            unreachable!()
        };
        let offsets: Vec<i64> = offsets
            .chunks(8)
            .map(|b| i64::from_le_bytes(b.try_into().unwrap_or_default()))
            .collect();
        assert_eq!(offsets, vec![0, 6, 6, 7]);
        assert_eq!(data, "济宁a".as_bytes());
        assert_eq!(valid.missing, 1);
    }
}
