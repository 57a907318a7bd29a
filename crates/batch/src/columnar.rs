//! `values.parquet`: the rows of `values.csv`, typed, in Apache Parquet, for DuckDB, Spark,
//! polars and pandas — the value a nullable double (null where the report shows none), every
//! other column text as in `values.csv` but without the spreadsheet guard (no leading `'`).
//!
//! Rows are gathered column by column — each text column's bytes in one buffer, so that a row
//! costs no allocation — and written as a row group every [`ROWS`] rows, so memory stays
//! bounded however many reports a batch holds. Pages are Snappy-compressed (the codec every
//! Parquet reader has) and dictionary-encoded (reports of one layout repeat their places; a
//! column whose dictionary outgrows its page falls back to plain values); the file, the keys
//! and the value carry minimum and maximum per row group, for readers that skip groups.
//! Measured on 10,000 DOCX (BENCHMARKS.md): about 4% of a batch's time, a file 1/300 the size
//! of `values.csv`. The same rows give the same bytes: no time or host is written.

use bytes::Bytes;
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType};
use parquet::errors::ParquetError;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::sync::Arc;

/// Rows in a row group: about 250 reports, a few megabytes held before they are written.
pub(crate) const ROWS: usize = 50_000;

/// The text columns, in file order around `value` (which comes fifth, as in `values.csv`).
const BEFORE: [&str; 4] = ["file", "table", "row", "column"];
const AFTER: [&str; 3] = ["text", "location", "source"];

/// One row of `values.parquet`.
pub(crate) struct ValueRow<'a> {
    pub file: &'a str,
    pub table: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub value: Option<f64>,
    pub text: &'a str,
    pub location: &'a str,
    pub source: &'a str,
}

/// The writer of `values.parquet`.
pub(crate) struct ValuesParquet {
    writer: SerializedFileWriter<BufWriter<File>>,
    /// The file, then [`AFTER`]: text made for each row.
    text: [Strings; 4],
    /// Table, row and column: the codebook's own strings, borrowed.
    keys: [Vec<ByteArray>; 3],
    /// The values shown, and for every row whether it has one (definition level 1) or not (0).
    values: Vec<f64>,
    defined: Vec<i16>,
}

impl ValuesParquet {
    pub(crate) fn create(path: &Path) -> Result<Self, ParquetError> {
        let text = |name: &str| {
            Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                .with_repetition(Repetition::REQUIRED)
                .with_logical_type(Some(LogicalType::String))
                .build()
                .map(Arc::new)
        };
        let mut fields = BEFORE
            .iter()
            .map(|n| text(n))
            .collect::<Result<Vec<_>, _>>()?;
        fields.push(Arc::new(
            Type::primitive_type_builder("value", Physical::DOUBLE)
                .with_repetition(Repetition::OPTIONAL)
                .build()?,
        ));
        for n in AFTER {
            fields.push(text(n)?);
        }
        let schema = Type::group_type_builder("values")
            .with_fields(fields)
            .build()?;
        let mut props = WriterProperties::builder()
            .set_writer_version(WriterVersion::PARQUET_1_0)
            .set_compression(Compression::SNAPPY)
            .set_statistics_enabled(EnabledStatistics::Chunk);
        for name in AFTER {
            props = props.set_column_statistics_enabled(name.into(), EnabledStatistics::None);
        }
        let props = props.build();
        let file = BufWriter::new(File::create(path)?);
        Ok(ValuesParquet {
            writer: SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props))?,
            text: Default::default(),
            keys: Default::default(),
            values: Vec::new(),
            defined: Vec::new(),
        })
    }

    /// Adds a row; a row group is written once [`ROWS`] are held.
    pub(crate) fn push(&mut self, row: &ValueRow<'_>) -> Result<(), ParquetError> {
        for (column, cell) in
            self.text
                .iter_mut()
                .zip([row.file, row.text, row.location, row.source])
        {
            column.push(cell);
        }
        for (column, key) in self.keys.iter_mut().zip([row.table, row.row, row.column]) {
            column.push(ByteArray::from(Bytes::from_static(key.as_bytes())));
        }
        self.defined.push(i16::from(row.value.is_some()));
        self.values.extend(row.value);
        if self.defined.len() >= ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows held as one row group.
    fn flush(&mut self) -> Result<(), ParquetError> {
        if self.defined.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        let [file, text, location, source] = &mut self.text;
        write_text(&mut group, &file.take())?;
        for keys in &mut self.keys {
            write_text(&mut group, keys)?;
            keys.clear();
        }
        if let Some(mut c) = group.next_column()? {
            c.typed::<DoubleType>()
                .write_batch(&self.values, Some(&self.defined), None)?;
            c.close()?;
        }
        for cells in [text, location, source] {
            write_text(&mut group, &cells.take())?;
        }
        group.close()?;
        self.values.clear();
        self.defined.clear();
        Ok(())
    }

    /// Writes the last rows and the file's footer.
    pub(crate) fn finish(mut self) -> Result<(), ParquetError> {
        self.flush()?;
        self.writer.close().map(drop)
    }
}

/// A text column's cells: their bytes one after another, and where each ends.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Strings {
    fn push(&mut self, cell: &str) {
        self.bytes.extend_from_slice(cell.as_bytes());
        self.ends.push(self.bytes.len());
    }

    /// The cells as Parquet values, each a slice of one shared buffer; empties the column.
    fn take(&mut self) -> Vec<ByteArray> {
        let all = Bytes::from(std::mem::take(&mut self.bytes));
        let mut start = 0;
        let cells = self
            .ends
            .iter()
            .map(|&end| {
                let cell = ByteArray::from(all.slice(start..end));
                start = end;
                cell
            })
            .collect();
        self.ends.clear();
        cells
    }
}

/// Writes one text column of a row group.
fn write_text(
    group: &mut parquet::file::writer::SerializedRowGroupWriter<'_, BufWriter<File>>,
    cells: &[ByteArray],
) -> Result<(), ParquetError> {
    if let Some(mut c) = group.next_column()? {
        c.typed::<ByteArrayType>().write_batch(cells, None, None)?;
        c.close()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    /// A folder of this test's own, emptied.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xxgk-parquet-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn rows_read_back_typed_across_row_groups() {
        let dir = scratch("rows");
        let path = dir.join("values.parquet");
        let mut w = ValuesParquet::create(&path).unwrap();
        let n = ROWS + 3;
        for i in 0..n {
            let file = format!("r{}.docx", i / 200);
            w.push(&ValueRow {
                file: &file,
                table: "applications",
                row: "granted",
                column: if i % 2 == 0 { "natural_person" } else { "" },
                value: (i % 3 != 0).then_some(i as f64 + 0.5),
                text: if i % 3 != 0 { "12" } else { "" },
                location: "表三",
                source: "{\"page\":1}",
            })
            .unwrap();
        }
        w.finish().unwrap();
        let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 2);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(rows.len(), n);
        let names: Vec<&str> = rows[0].get_column_iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["file", "table", "row", "column", "value", "text", "location", "source"]
        );
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            let want = if i % 3 != 0 {
                Field::Double(i as f64 + 0.5)
            } else {
                Field::Null
            };
            assert_eq!(cells[4], &want, "row {i}");
            assert_eq!(cells[0], &Field::Str(format!("r{}.docx", i / 200)));
            let column = if i % 2 == 0 { "natural_person" } else { "" };
            assert_eq!(cells[3], &Field::Str(column.into()));
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let dir = scratch("same");
        let write = |name: &str| {
            let path = dir.join(name);
            let mut w = ValuesParquet::create(&path).unwrap();
            for i in 0..10 {
                w.push(&ValueRow {
                    file: "a.docx",
                    table: "active",
                    row: "licensing",
                    column: "",
                    value: Some(f64::from(i)),
                    text: "1",
                    location: "",
                    source: "",
                })
                .unwrap();
            }
            w.finish().unwrap();
            std::fs::read(path).unwrap()
        };
        let (a, b) = (write("a.parquet"), write("b.parquet"));
        assert!(a.starts_with(b"PAR1") && a.ends_with(b"PAR1"));
        assert_eq!(a, b);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
