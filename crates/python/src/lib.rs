//! The Python extension `xxgk._xxgk` (`pip install xxgk`; the package's Python side is
//! `python/xxgk/`). Reports are read here, in Rust, with the GIL released: one file or bytes
//! (`read`), or files, folders and zips in input order, a chunk at a time in parallel
//! (`Inputs`), as the batch reads them. By default each file is read in a worker process, as
//! `xxgk batch` reads it (`xxgk-isolate`): the worker is this Python with this extension
//! (`set_worker`, `worker`), so a file that crashes a reader or exceeds its memory fails that
//! file, never the interpreter. A report crosses to Python as its `parse` JSON (the contract
//! `Report.to_dict()` equals) and, for datasets, as Arrow column buffers ([`Columns`]); its
//! long tables (values and findings, as the batch's CSV files hold them) on request. Errors
//! cross as (kind, path, message) for the Python side to raise as `xxgk.ReadError`.

mod columns;

use columns::Columns;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};
use xxgk::model::{codebook, Lang};
use xxgk::{ParseOptions, Registry};
use xxgk_batch::{Archives, Input, Reader};

/// Every adapter, once per process.
static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

/// The worker command (this Python, running [`worker`]), once the Python side has named it.
static WORKER: OnceLock<(PathBuf, Vec<String>)> = OnceLock::new();

/// The isolated reader of `read`, its idle worker kept from one call to the next.
static ISOLATED: LazyLock<Reader<'static>> = LazyLock::new(|| reader(true));

/// A read that failed: its error class, the file, and why in the language asked for.
type Failure = (String, String, String);

/// Parse options: the language, the adapter where `format` names one, and the memory limit
/// as `XXGK_MEMORY_MIB` sets it (as for the command line).
fn options(lang: &str, format: Option<&str>) -> PyResult<ParseOptions> {
    let format = match format {
        None => None,
        Some(name) => Some(REGISTRY.named(name).map(|a| a.name()).ok_or_else(|| {
            let known: Vec<_> = REGISTRY.adapters().map(|a| a.name()).collect();
            PyValueError::new_err(format!(
                "unknown format {name:?}; formats: {}",
                known.join(", ")
            ))
        })?),
    };
    let lang = if lang.eq_ignore_ascii_case("en") {
        Lang::En
    } else {
        Lang::Zh
    };
    Ok(ParseOptions {
        format,
        ..ParseOptions::from_env(lang)
    })
}

/// A reader in worker processes when `isolate` (and the worker command is known), else here.
fn reader(isolate: bool) -> Reader<'static> {
    match WORKER.get() {
        Some((program, args)) if isolate => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            Reader::isolated(&REGISTRY, program.clone(), &args)
        }
        _ => Reader::in_process(&REGISTRY),
    }
}

/// Names the worker command: `program args…` starts a process that calls [`worker`]. The
/// first call wins (the package calls it once, on import).
#[pyfunction]
fn set_worker(program: PathBuf, args: Vec<String>) {
    let _ = WORKER.set((program, args));
}

/// The worker's side: reads files sent on stdin and answers on stdout until stdin ends (the
/// command named by [`set_worker`] calls it; not for people).
#[pyfunction]
fn worker(py: Python<'_>) -> PyResult<()> {
    // Not tied to the thread that started it: Python threads come and go.
    py.detach(|| xxgk_isolate::serve_until_eof(&REGISTRY))
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// A bug met reading a file, said as a failure of that file (never a crash of the caller).
fn crashed(path: &str, lang: Lang) -> Failure {
    let why = match lang {
        Lang::En => "xxgk failed on this file (an internal error; please report it)",
        Lang::Zh => "xxgk 读取此文件时出错（内部错误，请报告）",
    };
    ("crashed".into(), path.to_string(), format!("{path}: {why}"))
}

fn failure(e: &xxgk::Error, path: &str, lang: Lang) -> Failure {
    (e.kind().to_string(), path.to_string(), e.describe(lang))
}

/// What a dataset row needs of a report besides its values: agency, year, the format it was
/// read as, the national template (`2019`, `2021` or empty).
pub(crate) type Who = (Option<String>, Option<i32>, Option<String>, String);

/// A report as it crosses to Python: its `parse` JSON, its values in codebook order, and who.
type Read = (String, Vec<Option<f64>>, Who);

fn crossing(r: &xxgk::model::Report, with_json: bool) -> Option<Read> {
    // A dataset needs no JSON: none is made for it.
    let json = if with_json {
        serde_json::to_string(r).ok()?
    } else {
        String::new()
    };
    let values = r.numbers().into_iter().map(|v| v.map(|n| n.0)).collect();
    let who = (
        r.agency.clone(),
        r.year,
        r.adapter.clone(),
        xxgk_batch::template(r).to_string(),
    );
    Some((json, values, who))
}

/// Reads one report from a file, or from `data` named `path`: the report, or why not.
#[pyfunction]
#[pyo3(signature = (path, data=None, lang="zh", format=None, isolate=true))]
fn read(
    py: Python<'_>,
    path: String,
    data: Option<Vec<u8>>,
    lang: &str,
    format: Option<&str>,
    isolate: bool,
) -> PyResult<(Option<Read>, Option<Failure>)> {
    let opts = options(lang, format)?;
    Ok(py.detach(move || {
        let here;
        let reader = if isolate {
            &*ISOLATED
        } else {
            here = Reader::in_process(&REGISTRY);
            &here
        };
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &data {
            Some(bytes) => reader.parse_bytes(bytes, Path::new(&path), &opts),
            None => reader.parse_path(Path::new(&path), &opts),
        }));
        let Ok(read) = read else {
            return (None, Some(crashed(&path, opts.lang)));
        };
        match read {
            Ok(r) if !r.is_annual_report() => (
                None,
                Some((
                    "not_a_report".into(),
                    path.clone(),
                    xxgk::model::Report::not_a_report_reason(opts.lang).to_string(),
                )),
            ),
            Ok(r) => (crossing(&r, true), None),
            Err(e) => (None, Some(failure(&e, &path, opts.lang))),
        }
    }))
}

/// One input's outcome: its name, status, reason, and the report where one was read.
type Item = (String, String, String, Option<Read>);

/// Files, folders and zips, as the batch lists them, read a chunk at a time in parallel.
#[pyclass(module = "xxgk._xxgk")]
struct Inputs {
    items: Vec<Input>,
    next: usize,
    archives: Archives,
    opts: ParseOptions,
    pool: rayon::ThreadPool,
    reader: Reader<'static>,
}

impl Inputs {
    /// The next `n` inputs' outcomes, read in parallel with the GIL released; `each` makes
    /// what crosses of one.
    fn read<T: Send>(
        &mut self,
        py: Python<'_>,
        n: usize,
        each: impl Fn(xxgk_batch::Outcome) -> T + Sync,
        crashed_one: impl Fn(&Input) -> T + Sync,
    ) -> Vec<T> {
        let end = (self.next + n.max(1)).min(self.items.len());
        let chunk = &self.items[self.next..end];
        self.next = end;
        let (archives, opts, pool, reader) = (&self.archives, &self.opts, &self.pool, &self.reader);
        py.detach(|| {
            pool.install(|| {
                use rayon::prelude::*;
                chunk
                    .par_iter()
                    .map(|input| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            xxgk_batch::process(reader, input, archives, opts)
                        }))
                        .map_or_else(|_| crashed_one(input), &each)
                    })
                    .collect()
            })
        })
    }
}

#[pymethods]
impl Inputs {
    #[new]
    #[pyo3(signature = (paths, workers=None, lang="zh", format=None, isolate=true))]
    fn new(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        workers: Option<usize>,
        lang: &str,
        format: Option<&str>,
        isolate: bool,
    ) -> PyResult<Self> {
        let opts = options(lang, format)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers.unwrap_or(0))
            .build()
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        // Listing walks folders and opens zips: other Python threads go on meanwhile.
        let items = py.detach(|| xxgk_batch::collect(&paths, &opts.limits, None));
        Ok(Inputs {
            items,
            next: 0,
            archives: Archives::default(),
            opts,
            pool,
            reader: reader(isolate),
        })
    }

    /// How many inputs there are.
    fn __len__(&self) -> usize {
        self.items.len()
    }

    /// The next `n` inputs' outcomes, in input order (empty at the end); `json`: with each
    /// report's `parse` JSON.
    #[pyo3(signature = (n, json=true))]
    fn take(&mut self, py: Python<'_>, n: usize, json: bool) -> Vec<Item> {
        let lang = self.opts.lang;
        self.read(
            py,
            n,
            |o| {
                let read = o.report.as_ref().and_then(|r| crossing(r, json));
                let status = o.status.as_str().to_string();
                (o.input.display, status, o.reason, read)
            },
            |input| {
                let (_, _, why) = crashed(&input.display, lang);
                (input.display.clone(), "failed".into(), why, None)
            },
        )
    }

    /// Reads the next `n` inputs into `columns` (a row per report; the rest are not rows);
    /// how many inputs were read (0 at the end).
    fn fill(&mut self, py: Python<'_>, n: usize, mut columns: PyRefMut<'_, Columns>) -> usize {
        let before = self.next;
        let rows = self.read(
            py,
            n,
            |o| {
                let report = o.report?;
                Some((o.input.display, crossing(&report, false)?))
            },
            |_| None,
        );
        for (file, (_, values, who)) in rows.into_iter().flatten() {
            columns.push(file, who, &values);
        }
        self.next - before
    }
}

/// The codebook: every value's column name, table, row and column keys, labels and unit.
#[pyfunction]
fn codebook_rows() -> Vec<[String; 8]> {
    codebook()
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.table.to_string(),
                c.row.to_string(),
                c.row_label.to_string(),
                c.column.unwrap_or("").to_string(),
                c.column_label.unwrap_or("").to_string(),
                c.unit.to_string(),
                xxgk::model::catalogue::table_name(c.table, Lang::Zh).to_string(),
            ]
        })
        .collect()
}

/// One value as `values.csv` has it: table, row, column, value, text as printed, place (in
/// the language asked for), place for programs.
type ValueRow = (String, String, String, Option<f64>, String, String, String);

/// One finding as `findings.csv` has it: rule, severity, origin, table, row, column, place,
/// expected, found, message, place for programs.
type FindingRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<f64>,
    Option<f64>,
    String,
    String,
);

/// A report's long tables: its values and its findings, as the batch's CSV files hold them.
#[pyfunction]
#[pyo3(signature = (json, lang="zh"))]
fn long_rows(json: &str, lang: &str) -> PyResult<(Vec<ValueRow>, Vec<FindingRow>)> {
    let r: xxgk::model::Report = serde_json::from_str(json)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let lang = options(lang, None)?.lang;
    let place = |s: &xxgk::model::SourceRef| {
        (
            s.describe(lang),
            serde_json::to_string(s).unwrap_or_default(),
        )
    };
    let values = codebook()
        .iter()
        .zip(r.numbers())
        .map(|(code, v)| {
            let prov = r.provenance.get(&code.path);
            let (location, source) = prov.map(|p| place(&p.source)).unwrap_or_default();
            (
                code.table.to_string(),
                code.row.to_string(),
                code.column.unwrap_or("").to_string(),
                v.map(|n| n.0),
                prov.map(|p| p.text.clone()).unwrap_or_default(),
                location,
                source,
            )
        })
        .collect();
    let findings = r
        .findings
        .iter()
        .map(|f| {
            let (location, source) = f.source.as_ref().map(place).unwrap_or_default();
            let origin = match f.origin {
                xxgk::model::Origin::Source => "source",
                xxgk::model::Origin::Extraction => "extraction",
            };
            (
                f.rule.clone(),
                f.severity.as_str().to_string(),
                origin.to_string(),
                f.table.clone(),
                f.row.clone(),
                f.column.clone(),
                location,
                f.expected.map(|n| n.0),
                f.found.map(|n| n.0),
                f.message.clone(),
                source,
            )
        })
        .collect();
    Ok((values, findings))
}

/// A report's review page (the tables in the official layout, findings marked), for a
/// notebook.
#[pyfunction]
#[pyo3(signature = (json, lang="zh"))]
fn review_html(json: &str, lang: &str) -> PyResult<String> {
    let report: xxgk::model::Report = serde_json::from_str(json)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let lang = options(lang, None)?.lang;
    let name = report.file.clone().unwrap_or_default();
    let mut page = xxgk_review::ReviewPage::new(lang, &name);
    let status = if report.findings.is_empty() {
        xxgk::model::Status::Ok
    } else {
        xxgk::model::Status::Findings
    };
    page.add(&name, status, "", Some(&report));
    Ok(page.finish())
}

#[pymodule]
fn _xxgk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(codebook_rows, m)?)?;
    m.add_function(wrap_pyfunction!(review_html, m)?)?;
    m.add_function(wrap_pyfunction!(long_rows, m)?)?;
    m.add_function(wrap_pyfunction!(set_worker, m)?)?;
    m.add_function(wrap_pyfunction!(worker, m)?)?;
    m.add_class::<Inputs>()?;
    m.add_class::<Columns>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The registry's adapters, so that `xxgk.FORMATS` never lists another set.
    let formats: Vec<&str> = REGISTRY.adapters().map(|a| a.name()).collect();
    m.add("FORMATS", pyo3::types::PyTuple::new(m.py(), formats)?)?;
    Ok(())
}
