//! OFD adapter: an OFD document (开放版式文档, GB/T 33190-2016) -> `Document`.
//!
//! An OFD is a zip of XML parts (`package.rs`): `OFD.xml` names the document's root
//! (`DocBody/DocRoot`) and its signatures; `Document.xml` lists the pages, the page templates
//! and the default page size; each page's `Content.xml` holds layers of text objects and paths
//! (`content.rs`; paths in `path.rs`), read through one XML walk (`xml.rs`). What each page draws
//! is recorded as `xxgk-pages` marks — glyphs placed by `TextCode`'s `X`/`Y`/`DeltaX`/`DeltaY`,
//! the straight segments of `PathObject`s — and from there an OFD page is read exactly as a PDF
//! page is: ruled tables from the ruling lines, other text as lines, page furniture dropped.
//!
//! Not content: annotations (watermarks, stamps), signatures (the file says it is signed; a
//! signature is not verified), attachments. A page with no text (images only, or text drawn
//! as paths) is a scanned page. Bounded as every package is (entry sizes, ratio, total bytes,
//! XML depth) and as PDF drawing is (every object, glyph and path element counted against
//! [`Limits::max_drawn`]; a page of more than 50,000 glyphs refused; the time limit).

mod content;
mod package;
mod path;
mod view;
mod xml;

use package::Package;
use std::collections::HashMap;
use std::time::Instant;
use xml::{attr, kept, numbers, walk, Item};
use xxgk_model::{Adapter, Diagnostic, Document, Limits, Msg, ReadError, Sniff};
use xxgk_pages::{PageMarks, PageText};

pub use view::view_page;

const FORMAT: &str = "OFD";

/// Points per millimetre: OFD measures in millimetres, the page reader in points.
const MM: f64 = 72.0 / 25.4;

/// A page box (`PhysicalBox`: x, y, width, height in millimetres) a page can have: finite, of a
/// size from 1 mm to 10 m; anything else is not a page's size (the page is then A4).
fn page_box(text: &str) -> Option<[f64; 4]> {
    match numbers(text)[..] {
        [x, y, w, h, ..] if (1.0..=10_000.0).contains(&w) && (1.0..=10_000.0).contains(&h) => {
            Some([x, y, w, h])
        }
        _ => None,
    }
}

/// Reads OFD documents by their text objects.
#[derive(Debug, Default, Clone, Copy)]
pub struct OfdAdapter;

impl Adapter for OfdAdapter {
    fn name(&self) -> &'static str {
        "ofd"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["ofd"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        // The entry point, as the standard names it or in lower case (reading looks it up in
        // any case).
        if xxgk_ooxml::has_entry(bytes, "OFD.xml") || xxgk_ooxml::has_entry(bytes, "ofd.xml") {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        read_ofd(bytes, limits)
    }
}

/// What a document may still spend: drawing operations (objects, glyphs, path elements) and
/// time.
pub(crate) struct Budget {
    drawn: usize,
    limit: usize,
    deadline: Instant,
    seconds: u64,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Budget {
            drawn: limits.max_drawn,
            limit: limits.max_drawn,
            deadline: Instant::now() + std::time::Duration::from_secs(limits.max_seconds),
            seconds: limits.max_seconds,
        }
    }

    /// Spends `n` operations; past the limit, or past the time, the document is refused.
    fn spend(&mut self, n: usize) -> Result<(), ReadError> {
        self.drawn = self.drawn.checked_sub(n).ok_or_else(|| self.over())?;
        if Instant::now() > self.deadline {
            return Err(ReadError::LimitExceeded {
                what: Msg::new("读取 OFD 的秒数", "seconds reading the OFD"),
                limit: self.seconds,
            });
        }
        Ok(())
    }

    /// Operations left.
    fn left(&self) -> usize {
        self.drawn
    }

    /// The error of a document that draws more than the limit.
    fn over(&self) -> ReadError {
        ReadError::LimitExceeded {
            what: Msg::new(
                "OFD 的绘制操作（文字、路径、图像）",
                "drawing operations (text, paths, images) in the OFD",
            ),
            limit: self.limit as u64,
        }
    }
}

/// A page with more glyphs than a page of text can hold.
fn too_many_glyphs() -> ReadError {
    ReadError::LimitExceeded {
        what: Msg::new("OFD 一页上的字形", "glyphs on one page of the OFD"),
        limit: xxgk_pages::MAX_PAGE_GLYPHS as u64,
    }
}

/// The document's parts as `Document.xml` lists them.
#[derive(Debug, Default)]
struct Listing {
    /// Each page's content part, in order.
    pages: Vec<String>,
    /// Page templates by ID: their content part.
    templates: HashMap<String, String>,
    /// The default page box (`CommonData/PageArea/PhysicalBox`), millimetres.
    page_box: Option<[f64; 4]>,
}

/// An OFD's pages read as text, with what else reading needs.
struct Pages {
    texts: Vec<PageText>,
    /// The marks of the page asked for (a drawing of it), and its size in points.
    kept: Option<(PageMarks, f64, f64)>,
    /// Signatures the file lists.
    signatures: usize,
    budget: Budget,
}

fn read_ofd(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let Pages {
        texts,
        signatures,
        mut budget,
        ..
    } = read_pages(bytes, limits, None)?;
    let mut late = None;
    let mut doc = xxgk_pages::document(texts, FORMAT, &mut || {
        if late.is_none() {
            late = budget.spend(0).err();
        }
    });
    if let Some(e) = late {
        return Err(e);
    }
    if signatures > 0 {
        doc.diagnostics.push(Diagnostic {
            message: Msg::new(
                format!("文件带有 {signatures} 个电子签章或签名（已读取内容，未验证签章）"),
                format!(
                    "the file carries {signatures} electronic seals or signatures (content \
                     read; not verified)"
                ),
            ),
            source: None,
        });
    }
    Ok(doc)
}

/// Reads every page of an OFD within the limits, keeping the marks of page `keep` (1-based).
fn read_pages(bytes: &[u8], limits: &Limits, keep: Option<u32>) -> Result<Pages, ReadError> {
    let mut package = Package::open(bytes, limits)?;
    let Some(main) = package.entry("OFD.xml") else {
        return Err(ReadError::NotThisFormat {
            format: FORMAT,
            detail: Msg::new("zip 包中没有 OFD.xml", "a zip package with no OFD.xml"),
        });
    };
    let (root, signatures) = entry_points(&package.part(&main)?, limits)?;
    let Some(root) = package.resolve(&main, &root) else {
        return Err(package::missing(&root));
    };
    let listing = list(&package.part(&root)?, &root, &package, limits)?;
    if listing.pages.len() > limits.max_pages {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("OFD 共 {} 页", listing.pages.len()),
                format!("an OFD of {} pages", listing.pages.len()),
            ),
            limit: limits.max_pages as u64,
        });
    }
    let mut budget = Budget::new(limits);
    let mut texts = Vec::with_capacity(listing.pages.len());
    let mut kept = None;
    for (n, page) in (1..).zip(&listing.pages) {
        let mut marks = PageMarks::default();
        let mut info = content::read(&package.part(page)?, page, &mut marks, &mut budget, limits)?;
        // A template drawn twice is read once.
        let mut seen = std::collections::HashSet::new();
        info.templates.retain(|id| seen.insert(id.clone()));
        for id in &info.templates {
            if let Some(template) = listing.templates.get(id) {
                let xml = package.part(template)?;
                content::read(&xml, template, &mut marks, &mut budget, limits)?;
            }
        }
        let [_, _, width, height] = info
            .physical_box
            .or(listing.page_box)
            .unwrap_or([0.0, 0.0, 210.0, 297.0]);
        let (width, height) = (width * MM, height * MM);
        if keep == Some(n) {
            kept = Some((marks.clone(), width, height));
        }
        texts.push(xxgk_pages::read_page(marks, width, height));
        budget.spend(0)?;
    }
    let signatures = match signatures.and_then(|s| package.resolve(&main, &s)) {
        Some(part) => count_signatures(&package.part(&part)?, &part, limits)?,
        None => 0,
    };
    Ok(Pages {
        texts,
        kept,
        signatures,
        budget,
    })
}

/// `OFD.xml`: the first document's root part and its signatures part, as written.
fn entry_points(xml: &str, limits: &Limits) -> Result<(String, Option<String>), ReadError> {
    let (mut root, mut signatures) = (None::<String>, None::<String>);
    let mut bodies = 0;
    let mut field: Option<&str> = None;
    let mut text = String::new();
    walk(xml, "OFD.xml", limits, |item| {
        match item {
            Item::Open("DocBody", _) => bodies += 1,
            Item::Open(name @ ("DocRoot" | "Signatures"), _) if bodies == 1 => {
                field = Some(if name == "DocRoot" {
                    "root"
                } else {
                    "signatures"
                });
                text.clear();
            }
            Item::Text(t) if field.is_some() => text.push_str(t),
            Item::Close("DocRoot" | "Signatures") => match field.take() {
                Some("root") => root = Some(text.trim().to_string()),
                Some(_) => signatures = Some(text.trim().to_string()),
                None => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    match root.filter(|r| !r.is_empty()) {
        Some(root) => Ok((root, signatures.filter(|s| !s.is_empty()))),
        None => Err(ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::new(
                "OFD.xml 没有指明文档（DocBody/DocRoot）",
                "OFD.xml names no document (DocBody/DocRoot)",
            ),
        }),
    }
}

/// `Document.xml`: its pages and templates (each resolved to a part) and the page size.
fn list(xml: &str, part: &str, package: &Package, limits: &Limits) -> Result<Listing, ReadError> {
    let mut listing = Listing::default();
    // The open elements, by the names whose place in the tree is looked at (others "").
    const WATCHED: [&str; 4] = ["Pages", "CommonData", "PageArea", "PhysicalBox"];
    let mut open: Vec<&'static str> = Vec::new();
    let mut text = String::new();
    let resolve = |location: Option<String>| -> Result<Option<String>, ReadError> {
        let Some(location) = location else {
            return Ok(None);
        };
        match package.resolve(part, &location) {
            Some(found) => Ok(Some(found)),
            None => Err(package::missing(&location)),
        }
    };
    walk(xml, part, limits, |item| {
        match item {
            Item::Open(name, e) => {
                let parent = open.last().copied();
                match (name, parent) {
                    ("Page", Some("Pages")) => {
                        if let Some(p) = resolve(attr(e, "BaseLoc"))? {
                            listing.pages.push(p);
                        }
                    }
                    ("TemplatePage", Some("CommonData")) => {
                        if let (Some(id), Some(p)) = (attr(e, "ID"), resolve(attr(e, "BaseLoc"))?) {
                            listing.templates.insert(id, p);
                        }
                    }
                    ("PhysicalBox", Some("PageArea")) => text.clear(),
                    _ => {}
                }
                open.push(kept(name, &WATCHED));
            }
            Item::Text(t) => text.push_str(t),
            Item::Close(name) => {
                open.pop();
                if name == "PhysicalBox" && open.last() == Some(&"PageArea") {
                    listing.page_box = page_box(&text).or(listing.page_box);
                }
            }
        }
        Ok(())
    })?;
    Ok(listing)
}

/// How many signatures `Signatures.xml` lists.
fn count_signatures(xml: &str, part: &str, limits: &Limits) -> Result<usize, ReadError> {
    let mut count = 0;
    walk(xml, part, limits, |item| {
        if let Item::Open("Signature", _) = item {
            count += 1;
        }
        Ok(())
    })?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An OFD of one page holding `content` (the body of its `Layer`).
    fn one_page(content: &str) -> Vec<u8> {
        one_page_bytes(content.as_bytes())
    }

    fn one_page_bytes(content: &[u8]) -> Vec<u8> {
        let mut page = format!("<ofd:Page {NS}><ofd:Content><ofd:Layer>").into_bytes();
        page.extend_from_slice(content);
        page.extend_from_slice(b"</ofd:Layer></ofd:Content></ofd:Page>");
        package(&page)
    }

    const NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;

    /// An OFD whose one page's `Content.xml` is `page`, named with backslashes in another case.
    fn package(page: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let parts = [
            ("OFD.xml", format!("<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")),
            ("Doc_0/Document.xml", format!(r#"<ofd:Document {NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages\P0\content.xml"/></ofd:Pages></ofd:Document>"#)),
        ];
        let parts = parts.map(|(n, b)| (n, b.into_bytes()));
        for (name, body) in parts
            .iter()
            .chain([&("Doc_0/Pages/P0/Content.xml", page.to_vec())])
        {
            let _ = zip.start_file(*name, zip::write::SimpleFileOptions::default());
            let _ = zip.write_all(body);
        }
        zip.finish().map(|c| c.into_inner()).unwrap_or_default()
    }

    #[test]
    fn a_text_code_without_x_takes_the_previous_codes_x() {
        let bytes = one_page(
            r#"<ofd:TextObject Boundary="20 20 100 30" Size="5"><ofd:TextCode X="0" Y="5">第一行文字</ofd:TextCode><ofd:TextCode Y="12">第二行</ofd:TextCode></ofd:TextObject>"#,
        );
        let limits = Limits::default();
        let mut package = Package::open(&bytes, &limits).unwrap_or_else(|e| panic!("{e:?}"));
        let part = package
            .entry("Doc_0/Pages/P0/Content.xml")
            .unwrap_or_default();
        let xml = package.part(&part).unwrap_or_default();
        let mut marks = PageMarks::default();
        let mut budget = Budget::new(&limits);
        content::read(&xml, &part, &mut marks, &mut budget, &limits).unwrap_or_default();
        // The second code's first glyph starts where the first code's did, a line lower.
        let (one, two) = (marks.glyphs[0].origin, marks.glyphs[5].origin);
        assert_eq!(marks.glyphs[5].text, "第");
        assert!(one.x == two.x && two.y > one.y, "{marks:?}");
    }

    #[test]
    fn a_page_size_that_is_no_size_is_a4_and_its_view_is_drawn() {
        let page = format!(
            r#"<ofd:Page {NS}><ofd:Area><ofd:PhysicalBox>0 0 -210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer><ofd:TextObject Boundary="20 20 100 10" Size="5"><ofd:TextCode X="0" Y="5">年度报告</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#
        );
        let view = view_page(&package(page.as_bytes()), 1, &Limits::default())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            (view.width - 595.3).abs() < 0.1 && view.places.len() == 1,
            "{view:?}"
        );
        assert_eq!(page_box("0 0 1e308 297"), None);
        assert_eq!(page_box("0 0 210 297"), Some([0.0, 0.0, 210.0, 297.0]));
    }

    #[test]
    fn a_page_named_with_backslashes_in_another_case_is_found_and_read() {
        let bytes = one_page(
            r#"<ofd:TextObject Boundary="20 20 100 10" Size="5"><ofd:TextCode X="0" Y="5">二〇二三年</ofd:TextCode></ofd:TextObject>"#,
        );
        assert_eq!(OfdAdapter.sniff(&bytes), Sniff::Yes);
        let doc = OfdAdapter
            .read(&bytes, &Limits::default())
            .unwrap_or_default();
        assert!(
            matches!(&doc.blocks[..], [xxgk_model::Block::Paragraph(p)] if p.text == "二〇二三年"),
            "{doc:?}"
        );
    }

    #[test]
    fn a_page_in_gb18030_is_read_as_its_encoding_says() {
        // 年度 in GB18030 (a producer that writes what its declaration names).
        let text: &[u8] = b"<ofd:TextObject Boundary=\"20 20 100 10\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\">\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6</ofd:TextCode></ofd:TextObject>";
        let doc = OfdAdapter
            .read(&one_page_bytes(text), &Limits::default())
            .unwrap_or_default();
        assert!(
            matches!(&doc.blocks[..], [xxgk_model::Block::Paragraph(p)] if p.text == "年度报告"),
            "{doc:?}"
        );
    }

    #[test]
    fn drawing_past_the_budget_is_a_limit_error() {
        let path = format!(
            r#"<ofd:PathObject Boundary="0 0 10 10"><ofd:AbbreviatedData>M 0 0 {}</ofd:AbbreviatedData></ofd:PathObject>"#,
            "L 1 1 ".repeat(2_000)
        );
        let limits = Limits {
            max_drawn: 1_000,
            ..Limits::default()
        };
        let e = OfdAdapter.read(&one_page(&path), &limits).err();
        assert!(
            matches!(&e, Some(ReadError::LimitExceeded { limit: 1_000, .. })),
            "{e:?}"
        );
        assert!(OfdAdapter
            .read(&one_page(&path), &Limits::default())
            .is_ok());
    }
}
