//! Fixed-layout pages -> `Document`: what PDF and OFD share once their marks are known.
//!
//! A format's reader records what each page draws as [`PageMarks`] (glyphs with their text,
//! origin, advance and size; straight segments of paths; images), in points with the origin
//! at the top left. From there every fixed-layout format is read the same way: per page
//! ([`read_page`]) the reading frame (`page.rs`), ruled tables rebuilt from the ruling lines
//! (`lattice.rs`) with the glyphs in each cell as the cell's text, other glyphs as lines
//! (`lines.rs`); page furniture dropped (`furniture.rs`); and the pages laid out as blocks
//! ([`document`], `layout.rs`): grid tables, positioned rows, paragraphs, images for pages with
//! no text; and where each place read on a page is, for a drawing of it ([`places`], `view.rs`).
//! Knows pages, glyphs and lines, not file formats and not reports.

mod furniture;
mod lattice;
mod layout;
mod lines;
mod marks;
mod page;
mod view;

pub use furniture::drop_furniture;
pub use lattice::ruled_cells;
pub use layout::{document, lay_out_page, Seen};
pub use lines::{is_wide, Frame};
pub use marks::{Glyph, PageMarks, Segment, TooManyGlyphs, MAX_PAGE_GLYPHS};
pub use page::{read as read_page, PageText};
pub use view::{places, PageView, Place};
