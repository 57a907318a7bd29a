//! The OCR engine: Tesseract 5's command line, found on this machine, never required.
//!
//! `XXGK_OCR` chooses: `off`, a path to the `tesseract` program, or unset/`auto` (the first
//! `tesseract` on `PATH`). An engine counts only with its Chinese model (`chi_sim`); the
//! English one (`eng`), where present, reads digits. Images go to one run of the program per
//! batch of images (a list file of PGM images in a private folder, read as pages; the words
//! come back as TSV with boxes and confidences). Each run is a child process with a deadline
//! and bounded output: an engine that crashes or hangs costs the page, never the reader.

use crate::raster::Grey;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable that chooses the engine: `off`, `auto`, or the program's path.
pub const OCR_VAR: &str = "XXGK_OCR";

/// The most bytes of TSV one run may write (a page of words is about 100 KB).
const MAX_OUTPUT: u64 = 32 << 20;

/// An engine failed to read images.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The program could not be started, or its files written.
    #[error("OCR engine {program}: {source}")]
    Io {
        /// The program.
        program: String,
        /// Why.
        source: std::io::Error,
    },
    /// The program ran out of time and was stopped.
    #[error("OCR engine {program} ran past its deadline and was stopped")]
    Time {
        /// The program.
        program: String,
    },
    /// The program failed.
    #[error("OCR engine {program} failed: {detail}")]
    Failed {
        /// The program.
        program: String,
        /// Its exit and last message.
        detail: String,
    },
}

/// How the engine reads each image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The text around a page's tables: one column of lines (Tesseract's page segmentation 4).
    Page,
    /// A cell: one block of text, maybe several lines (segmentation 6), Chinese.
    Block,
    /// A cell of one line, Chinese (segmentation 7): a lone digit the Chinese model reads as
    /// an ideograph in a block (UMing's `4` as 革) it reads as itself in a line.
    Line,
    /// A cell of a number: one line in the Latin model, which reads digits best
    /// (segmentation 7).
    Digits,
}

/// One word the engine read, in the image's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The text.
    pub text: String,
    /// How sure the engine is, 0..1.
    pub confidence: f32,
    /// Left, top, width and height in pixels.
    pub left: f32,
    /// Top edge.
    pub top: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Which line of the image the word is on (block, paragraph, line).
    pub line: (u32, u32, u32),
}

/// A local OCR engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    program: PathBuf,
    /// The model that reads digits: `eng` where installed, else `chi_sim`.
    digits_model: &'static str,
    /// The version line it prints.
    pub version: String,
}

/// Why no engine is used, for the one line a scanned document's message adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absent {
    /// `XXGK_OCR=off`.
    Off,
    /// No `tesseract` program found (or the one named does not run).
    NotFound,
    /// Tesseract without its Chinese model.
    NoChinese,
}

impl Engine {
    /// The program `XXGK_OCR` names, else the first `tesseract` on `PATH`, found once and
    /// without running it: whether a reader should keep page images and allow OCR time. Only
    /// [`Engine::found`] runs it, when a page needs reading.
    pub fn program() -> Result<&'static Path, &'static Absent> {
        static PROGRAM: OnceLock<Result<PathBuf, Absent>> = OnceLock::new();
        PROGRAM
            .get_or_init(|| {
                let choice = std::env::var_os(OCR_VAR).unwrap_or_default();
                match choice.to_str() {
                    Some("off") | Some("0") | Some("no") => Err(Absent::Off),
                    Some("") | Some("auto") => on_path("tesseract").ok_or(Absent::NotFound),
                    _ => Ok(PathBuf::from(choice)),
                }
            })
            .as_ref()
            .map(PathBuf::as_path)
    }

    /// The engine this process uses, found once: [`Engine::program`], if it runs and has the
    /// Chinese model (asking it costs tens of milliseconds: done at the first page to read).
    pub fn found() -> Result<&'static Engine, &'static Absent> {
        static FOUND: OnceLock<Result<Engine, Absent>> = OnceLock::new();
        FOUND
            .get_or_init(|| Engine::at(Engine::program().map_err(Clone::clone)?))
            .as_ref()
    }

    /// The engine at `program`, if it runs and has the Chinese model.
    pub fn at(program: &Path) -> Result<Engine, Absent> {
        // Asked with a deadline: a program that hangs is no engine.
        let probe = Engine {
            program: program.to_path_buf(),
            digits_model: "eng",
            version: String::new(),
        };
        let run = |arg: &str| {
            let mut cmd = Command::new(program);
            cmd.arg(arg);
            probe
                .run(cmd, Instant::now() + Duration::from_secs(10))
                .ok()
        };
        let langs = run("--list-langs").ok_or(Absent::NotFound)?;
        let has = |l: &str| langs.lines().any(|x| x.trim() == l);
        if !has("chi_sim") {
            return Err(Absent::NoChinese);
        }
        let version = run("--version")
            .and_then(|v| v.lines().next().map(str::to_string))
            .unwrap_or_else(|| "tesseract".into());
        Ok(Engine {
            program: program.to_path_buf(),
            digits_model: if has("eng") { "eng" } else { "chi_sim" },
            version,
        })
    }

    /// Reads `images` in one run, each as `mode` says: the words of each image, in order.
    pub fn read(
        &self,
        images: &[Grey],
        mode: Mode,
        deadline: Instant,
    ) -> Result<Vec<Vec<Word>>, EngineError> {
        let mut out = vec![Vec::new(); images.len()];
        if images.is_empty() {
            return Ok(out);
        }
        let io = |source| EngineError::Io {
            program: self.program.display().to_string(),
            source,
        };
        let folder = Scratch::new().map_err(io)?;
        let mut list = String::new();
        for (i, image) in images.iter().enumerate() {
            let path = folder.0.join(format!("{i}.pgm"));
            std::fs::write(&path, image.to_pgm()).map_err(io)?;
            list.push_str(&path.to_string_lossy());
            list.push('\n');
        }
        let list_path = folder.0.join("images.txt");
        std::fs::write(&list_path, list).map_err(io)?;
        let mut cmd = Command::new(&self.program);
        cmd.arg(&list_path).arg("stdout");
        match mode {
            // One column of text (`--psm 4`), not Tesseract's page layout analysis (3): that
            // splits a heading from its end at a scanner's edge shadow or a seal's ring, and
            // the text around the tables is one column.
            Mode::Page => cmd.args(["-l", "chi_sim", "--psm", "4"]),
            Mode::Block => cmd.args(["-l", "chi_sim", "--psm", "6"]),
            Mode::Line => cmd.args(["-l", "chi_sim", "--psm", "7"]),
            // No whitelist: Tesseract's LSTM models with one drop some lone digits entirely;
            // what the reading means as digits is decided by the caller.
            Mode::Digits => cmd.args(["-l", self.digits_model, "--psm", "7"]),
        };
        cmd.arg("tsv");
        let tsv = self.run(cmd, deadline)?;
        for line in tsv.lines().skip(1) {
            if let Some((page, word)) = parse_tsv_word(line) {
                if let Some(words) = out.get_mut(page) {
                    words.push(word);
                }
            }
        }
        Ok(out)
    }

    /// How many quarter turns clockwise set `image` upright, by the engine's orientation and
    /// script detection (`--psm 0`, Tesseract's `osd` model); 0 where it is unsure
    /// (confidence under 2) or cannot tell.
    pub fn orientation(&self, image: &Grey, deadline: Instant) -> Result<u32, EngineError> {
        let io = |source| EngineError::Io {
            program: self.program.display().to_string(),
            source,
        };
        let folder = Scratch::new().map_err(io)?;
        let path = folder.0.join("page.pgm");
        std::fs::write(&path, image.to_pgm()).map_err(io)?;
        let mut cmd = Command::new(&self.program);
        cmd.arg(&path).arg("stdout").args(["--psm", "0"]);
        // Without the `osd` model the engine fails: the page is read as it is.
        let Ok(said) = self.run(cmd, deadline) else {
            return Ok(0);
        };
        Ok(parse_orientation(&said))
    }

    /// Runs the program to its end or its deadline, its output bounded.
    fn run(&self, mut cmd: Command, deadline: Instant) -> Result<String, EngineError> {
        let program = self.program.display().to_string();
        let mut child = cmd
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| EngineError::Io {
                program: program.clone(),
                source,
            })?;
        let reader = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(p) = pipe {
                    let _ = p.take(MAX_OUTPUT + 1).read_to_end(&mut buf);
                }
                buf
            })
        };
        let stdout = reader(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let stderr = reader(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(EngineError::Time { program });
                }
            }
        };
        let out = stdout.join().unwrap_or_default();
        let err = stderr.join().unwrap_or_default();
        if out.len() as u64 > MAX_OUTPUT {
            // Cut short, the last word could be a number cut short.
            return Err(EngineError::Failed {
                program,
                detail: format!("more than {MAX_OUTPUT} bytes of output"),
            });
        }
        if !status.success() {
            let last = String::from_utf8_lossy(&err)
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string();
            return Err(EngineError::Failed {
                program,
                detail: format!("{status}: {last}"),
            });
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// One word row of Tesseract's TSV (level 5): the image it is on (0-based) and the word.
fn parse_tsv_word(line: &str) -> Option<(usize, Word)> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 12 || cols[0] != "5" {
        return None;
    }
    let text = cols[11].trim();
    if text.is_empty() {
        return None;
    }
    let n = |i: usize| cols[i].trim().parse::<f32>().ok();
    let u = |i: usize| cols[i].trim().parse::<u32>().ok();
    Some((
        u(1)?.checked_sub(1)? as usize,
        Word {
            text: text.to_string(),
            confidence: (n(10)? / 100.0).clamp(0.0, 1.0),
            left: n(6)?,
            top: n(7)?,
            width: n(8)?,
            height: n(9)?,
            line: (u(2)?, u(3)?, u(4)?),
        },
    ))
}

/// The first `name` on `PATH` that is a file.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The quarter turns clockwise that Tesseract's `--psm 0` report asks for (`Rotate: 270`), where
/// it is sure enough (`Orientation confidence` 2 or more).
fn parse_orientation(said: &str) -> u32 {
    let field = |name: &str| {
        said.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    match (field("Rotate:"), field("Orientation confidence:")) {
        (Some(degrees), Some(sure)) if sure >= 2.0 && degrees % 90.0 == 0.0 => {
            (degrees / 90.0) as u32 % 4
        }
        _ => 0,
    }
}

/// A private folder for one run's images, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("xxgk-ocr-{}-{n}-{nanos:08x}", std::process::id()));
        // The page images are the user's documents: a folder only this user can read.
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path)?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orientation_report_says_how_to_turn_the_page() {
        let said = "Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 9.46\nScript: Han\n";
        assert_eq!(parse_orientation(said), 3);
        assert_eq!(parse_orientation(&said.replace("9.46", "0.8")), 0, "unsure");
        assert_eq!(parse_orientation("Error: no osd model"), 0);
    }

    #[test]
    fn tsv_word_rows_are_read_and_others_skipped() {
        let row = "5\t2\t1\t1\t1\t1\t10\t20\t30\t15\t91.5\t179";
        let (page, word) = parse_tsv_word(row).expect("a word");
        assert_eq!(page, 1);
        assert_eq!(word.text, "179");
        assert!((word.confidence - 0.915).abs() < 1e-6);
        assert_eq!(
            (word.left, word.top, word.width, word.height),
            (10.0, 20.0, 30.0, 15.0)
        );
        assert!(parse_tsv_word("4\t1\t1\t1\t1\t0\t0\t0\t1\t1\t-1\t").is_none());
        assert!(parse_tsv_word("5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t95\t ").is_none());
        assert!(parse_tsv_word("5\t0\t1\t1\t1\t1\t0\t0\t1\t1\t95\tx").is_none());
    }

    #[test]
    fn a_program_that_is_not_there_is_no_engine() {
        assert_eq!(
            Engine::at(Path::new("/nonexistent/tesseract")),
            Err(Absent::NotFound)
        );
    }
}
