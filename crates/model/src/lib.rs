//! Core types of xxgk, with no I/O.
//!
//! - [`Document`]: what every adapter emits — paragraphs and tables (cells with spans), each
//!   carrying a [`SourceRef`]. Adapters know file formats and nothing about annual reports.
//! - [`Report`]: the canonical annual report the normalizer builds from a `Document`.
//! - [`Finding`]: one rule violation or extraction limit, with its place.
//! - [`Adapter`]: the narrow trait a file-format reader implements.
//! - [`layout`]: the official layout of the three tables, shared by every writer.
//! - [`catalogue`]: every fixed word xxgk shows a person, in Chinese and English.
//! - [`furniture`]: page numbers, for every adapter that sees pages.
//!
//! **Architecture invariant:** this crate performs no I/O and knows no file format.

mod adapter;
pub mod catalogue;
mod codebook;
mod document;
mod finding;
pub mod furniture;
pub mod layout;
mod report;
mod source;
mod status;

pub use adapter::{Adapter, Limits, ReadError, Sniff};
pub use catalogue::{Msg, Text};
pub use codebook::{codebook, column_label, row_label, Code, APP_ROW_LABELS, RL_GROUP_LABELS};
pub use document::{Block, Cell, Diagnostic, Document, Extent, Paragraph, Table};
pub use finding::{Finding, Lang, Origin, Severity};
pub use report::{grid_path, Report};
pub use report::{
    Active, Applications, Correction, FormatVersion, Metadata, Num, Period, Provenance,
    ReviewLitigation, Section, Trio, APP_COLUMNS, APP_COLUMN_LABELS, APP_ROWS, RL_COLUMNS,
    RL_COLUMN_LABELS, RL_GROUPS, SCHEMA_VERSION,
};
pub use source::{a1, SourceRef};
pub use status::Status;
