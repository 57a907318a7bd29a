//! What a format's reader does with scanned pages, once for every format (PDF, images): hand
//! each page image to the engine within the document's OCR time, keep the page as it was where
//! recognition fails, and say so — or, with no engine, say in one line how to enable OCR.

use crate::engine::{Absent, Engine, EngineError};
use crate::recognise::{recognise, PageImage};
use std::time::{Duration, Instant};
use xxgk_model::{Block, Diagnostic, Document, Limits, Msg};
use xxgk_pages::PageMarks;

/// Scanned pages of one document, recognised where an engine is at hand.
#[derive(Debug)]
pub struct Recogniser {
    /// Whether an engine may be at hand ([`Engine::program`]); it is asked at the first page.
    enabled: bool,
    deadline: Instant,
    /// Pages left unread, why, and whether the page kept a text layer of its own (another
    /// program's OCR) in place of the reading.
    failed: Vec<(u32, String, bool)>,
}

impl Recogniser {
    /// For one document: whether an engine may be at hand ([`Engine::program`]; it is asked at
    /// the first page to read), and the OCR time its limits allow.
    pub fn new(limits: &Limits) -> Self {
        Recogniser {
            enabled: Engine::program().is_ok(),
            deadline: Instant::now() + Duration::from_secs(limits.max_ocr_seconds),
            failed: Vec::new(),
        }
    }

    /// Whether scanned pages may be recognised (a reader decodes page images only then).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Page `number`'s marks recognised in `image`; where that fails, `marks` as they were.
    pub fn page(&mut self, number: u32, image: &PageImage, marks: PageMarks) -> PageMarks {
        if !self.enabled {
            return marks;
        }
        let Ok(engine) = Engine::found() else {
            return marks;
        };
        let layer = !marks.glyphs.is_empty();
        if Instant::now() >= self.deadline {
            self.failed.push((number, time_message(), layer));
            return marks;
        }
        // A fault in recognition costs the page, never the document.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            recognise(image, engine, self.deadline)
        }))
        .unwrap_or_else(|payload| {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(EngineError::Failed {
                program: "xxgk".into(),
                detail: format!("recognition failed ({why})"),
            })
        });
        match read {
            Ok(read) => read,
            Err(e) => {
                self.failed.push((
                    number,
                    match e {
                        EngineError::Time { .. } => time_message(),
                        other => other.to_string(),
                    },
                    layer,
                ));
                marks
            }
        }
    }

    /// Says what OCR did not do: pages it could not read, or, for a document with scanned
    /// pages and no engine, how to enable it.
    pub fn finish(self, doc: &mut Document) {
        for (page, why, layer) in self.failed {
            let message = if layer {
                Msg::new(
                    format!("第{page}页的文字识别（OCR）没有完成：{why}；保留文件自带的识别文字层"),
                    format!("page {page} could not be recognised again (OCR): {why}; the file's own OCR text layer is kept"),
                )
            } else {
                Msg::new(
                    format!("第{page}页的文字识别（OCR）没有完成：{why}"),
                    format!("page {page} could not be recognised (OCR): {why}"),
                )
            };
            doc.diagnostics.push(Diagnostic {
                message,
                source: None,
            });
        }
        let scanned = doc.blocks.iter().any(|b| matches!(b, Block::Image { .. }));
        // The engine is asked only for a document with scanned pages (it costs a process).
        if let Some(Err(absent)) = scanned.then(Engine::found) {
            doc.diagnostics.push(Diagnostic {
                message: absent_message(absent),
                source: None,
            });
        }
    }
}

fn time_message() -> String {
    format!(
        "OCR time limit reached (XXGK_OCR_SECONDS, default {} s)",
        Limits::default().max_ocr_seconds
    )
}

/// The one line that says how to have scanned pages read.
pub fn absent_message(absent: &Absent) -> Msg {
    match absent {
        Absent::Off => Msg::new(
            "文字识别（OCR）已关闭（XXGK_OCR=off）；去掉该设置即可识别扫描页",
            "OCR is off (XXGK_OCR=off); unset it to have scanned pages recognised",
        ),
        Absent::NotFound => Msg::new(
            "未找到 OCR 引擎：安装 Tesseract 后即可自动识别扫描页（Debian/Ubuntu：apt install tesseract-ocr tesseract-ocr-chi-sim；或用 XXGK_OCR 指定 tesseract 的路径）",
            "no OCR engine found: install Tesseract and scanned pages are recognised (Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-chi-sim; or name the tesseract program in XXGK_OCR)",
        ),
        Absent::NoChinese => Msg::new(
            "Tesseract 缺少简体中文模型：安装 tesseract-ocr-chi-sim（chi_sim.traineddata）后即可识别扫描页",
            "Tesseract has no Simplified Chinese model: install tesseract-ocr-chi-sim (chi_sim.traineddata) to have scanned pages recognised",
        ),
    }
}
