//! The batch's output files, written as results arrive (in input order) into a staging folder
//! and switched into OUTDIR by [`Outputs::finish`] once all are complete (see [`crate::folder`]):
//! `manifest.csv`, `reports.jsonl`, `findings.csv`, `values.csv` (and `values.parquet`, the
//! same rows typed), `reports_wide.csv`,
//! `compare.csv` (where each agency stands, written at the end), `xxgk.xlsx`, `xxgk.sqlite`
//! (schema in the README) and the review page `report.html`.

use crate::columnar::{ValueRow, ValuesParquet};
use crate::database::Database;
use crate::folder::{self, Staging};
use crate::workbook::{Book, Sheet};
use crate::{BatchError, Outcome, Status, Summary};
use rusqlite::{params, Connection};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use xxgk::model::{catalogue::table_name, codebook, Finding, Lang, Num, Severity, SourceRef, Text};
use xxgk::standing::{Standing, FIGURES, MIN_PEERS};
use xxgk_review::ReviewPage;

/// The output files, in the order they are listed.
pub const FILES: [&str; 11] = [
    "manifest.csv",
    "codebook.csv",
    "reports.jsonl",
    "findings.csv",
    "values.csv",
    "values.parquet",
    "reports_wide.csv",
    "compare.csv",
    "xxgk.xlsx",
    "xxgk.sqlite",
    "report.html",
];

const SCHEMA: &str = "
CREATE TABLE reports (id INTEGER PRIMARY KEY, path TEXT NOT NULL, file_type TEXT, status TEXT NOT NULL,
  agency TEXT, year INTEGER, template TEXT, errors INTEGER, warnings INTEGER, json TEXT);
CREATE TABLE report_values (report_id INTEGER NOT NULL REFERENCES reports(id), tbl TEXT NOT NULL,
  row_key TEXT NOT NULL, col_key TEXT, value REAL, text TEXT, location TEXT, source TEXT);
CREATE TABLE findings (report_id INTEGER REFERENCES reports(id), path TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, origin TEXT NOT NULL, tbl TEXT, row_key TEXT, col_key TEXT, location TEXT,
  expected REAL, found REAL, message TEXT NOT NULL, source TEXT);
";

/// The identifying columns of `compare.csv`: name, and what each holds (Chinese, English),
/// for the codebook.
const COMPARE_ID: [(&str, &str, &str); 7] = [
    ("file", "报告文件（同一机关同一年度的第一份）", "the report (the first of its agency and year)"),
    ("agency", "发布机关，按报告所印", "the agency as printed"),
    (
        "agency_key",
        "机关标识：同一机关各年度报告据此对应（标题与正文名称互补地名后的规范写法）",
        "the agency key, by which one agency's reports meet across years",
    ),
    (
        "level",
        "机关层级，按名称判断：province 省级政府、city 市级政府（含县级市）、county 县级政府、township 乡镇（街道）、zone 开发区（管委会）、province_department 省级部门、city_department 市级部门、county_department 县级部门、department 部门（名称不带地名，层级不明）；无法判断为空",
        "the agency's level, from its name: province, city (county-level cities too), county, township, zone, province_department, city_department, county_department, department (a department whose name begins with no place); empty where the name does not show it",
    ),
    ("year", "报告年度", "the report year"),
    (
        "peers",
        "本批次同一层级、同一年度的机关数（含本机关；层级无法判断时为空）",
        "agencies of the same level and year in the batch, this one included (empty where the level is not known)",
    ),
    (
        "previous_file",
        "本机关上一年度的报告（本批次中有时）",
        "the agency's report of the year before, where the batch has it",
    ),
];

/// The columns of `compare.csv` and of the SQLite table `compare` (there `file` is `path`
/// and `previous_file` `previous_path`, beside `report_id`): who, then per key figure its
/// value, last year's and its percentile among peers; with what each holds (Chinese,
/// English).
fn compare_columns() -> Vec<[String; 3]> {
    let mut out: Vec<[String; 3]> = COMPARE_ID
        .iter()
        .map(|c| [c.0, c.1, c.2].map(String::from))
        .collect();
    for (key, zh, en) in FIGURES {
        out.extend([
            [key.to_string(), zh.to_string(), en.to_string()],
            [
                format!("{key}_previous"),
                format!("上年报告的“{zh}”"),
                format!("{en}, in last year's report"),
            ],
            [
                format!("{key}_percentile"),
                format!(
                    "“{zh}”在本批次同级同年度机关中的百分位（0–100，并列各计一半；印有该数的同级机关不足{MIN_PEERS}个时为空）"
                ),
                format!(
                    "{en}: percentile among the batch's agencies of the same level and year (0–100, ties counted half; empty where fewer than {MIN_PEERS} print it)"
                ),
            ],
        ]);
    }
    out
}

/// How many places [`Outputs::place`] keeps (a few MB).
const PLACES: usize = 1 << 15;

/// The SQLite table `compare`, from [`compare_columns`].
fn compare_schema() -> String {
    let figures: String = FIGURES
        .iter()
        .map(|(key, ..)| format!(", {key} REAL, {key}_previous REAL, {key}_percentile INTEGER"))
        .collect();
    format!(
        "CREATE TABLE compare (report_id INTEGER REFERENCES reports(id), path TEXT NOT NULL, \
         agency TEXT, agency_key TEXT NOT NULL, level TEXT, year INTEGER NOT NULL, \
         peers INTEGER, previous_path TEXT{figures});"
    )
}

/// A place as a program reads it: the `SourceRef` as the `parse` JSON writes it
/// (`{"kind":"table_cell","table":2,"row":28,"col":8}`).
fn source_json(source: &xxgk::model::SourceRef) -> String {
    serde_json::to_string(source).unwrap_or_default()
}

/// Indexes, built once after the bulk insert (one sort each instead of a B-tree insert per row:
/// keeps the load linear in the batch size).
const INDEXES: &str = "
CREATE INDEX reports_agency_year ON reports(agency, year);
CREATE INDEX values_cell ON report_values(tbl, row_key, col_key);
CREATE INDEX values_report ON report_values(report_id);
CREATE INDEX findings_rule ON findings(rule, severity);
CREATE INDEX findings_report ON findings(report_id);
";

/// A manifest status key (`ok`, `failed`, …) as a person reads it ([`Status::label`]).
fn status_label(key: &str, lang: Lang) -> &str {
    Status::ALL
        .into_iter()
        .find(|s| s.as_str() == key)
        .map_or(key, |s| s.label(lang))
}

pub(crate) struct Outputs {
    manifest: csv::Writer<BufWriter<File>>,
    jsonl: BufWriter<File>,
    findings: csv::Writer<BufWriter<File>>,
    values: csv::Writer<BufWriter<File>>,
    parquet: ValuesParquet,
    wide: csv::Writer<BufWriter<File>>,
    compare: csv::Writer<BufWriter<File>>,
    db: Database,
    book: Book,
    next_id: i64,
    ids: BTreeMap<String, i64>,
    /// Agency and year of each report read, for the findings sheet.
    who: BTreeMap<String, [String; 2]>,
    /// Manifest rows (also the files sheet), in input order: id - 1 is the index.
    files: Vec<Vec<String>>,
    /// Places (of values and findings) in words and as JSON: reports of one template put their
    /// values in the same places, so most are written once ([`Outputs::place`]).
    places: HashMap<SourceRef, [Arc<str>; 2]>,
    lang: Lang,
    /// Removes the staging folder unless the run finished.
    staging: Staging,
    review: ReviewPage,
}

fn err(path: &Path, e: impl std::fmt::Display) -> BatchError {
    BatchError::Output {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// A CSV row with its text fields made inert for spreadsheets (OWASP CSV injection): a text
/// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`. The
/// columns in `numeric` are numbers and are written as they are.
fn csv_safe<'a, S: AsRef<str>>(
    cells: &'a [S],
    numeric: &'a [usize],
) -> impl Iterator<Item = Cow<'a, [u8]>> + 'a {
    cells.iter().enumerate().map(|(i, c)| {
        let c = c.as_ref();
        let risky = c.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if risky && !numeric.contains(&i) {
            Cow::Owned(format!("'{c}").into_bytes())
        } else {
            Cow::Borrowed(c.as_bytes())
        }
    })
}

fn csv_writer(staging: &Staging, name: &str) -> Result<csv::Writer<BufWriter<File>>, BatchError> {
    let p = staging.file(name);
    let f = File::create(&p).map_err(|e| err(&p, e))?;
    let mut w = BufWriter::new(f);
    // A UTF-8 BOM so that Excel on Chinese Windows opens the CSV correctly.
    w.write_all(b"\xEF\xBB\xBF").map_err(|e| err(&p, e))?;
    Ok(csv::Writer::from_writer(w))
}

/// The national template a report follows, as the dataset writes it (`2019`, `2021`, or empty).
pub fn template(r: &xxgk::model::Report) -> &'static str {
    match r.format {
        Some(xxgk::model::FormatVersion::V2019) => "2019",
        Some(_) => "2021",
        None => "",
    }
}

/// The columns of `reports_wide.csv` before the values: name, and what each holds (Chinese,
/// English) for the codebook.
const ID_COLUMNS: [(&str, &str, &str); 5] = [
    (
        "file",
        "输入文件（压缩包内的条目写作 压缩包!/条目）",
        "the input file (an archive entry as archive!/entry)",
    ),
    (
        "agency",
        "发布机关，按报告标题或正文",
        "the reporting agency, from the title or the body",
    ),
    (
        "year",
        "报告年度（统计年度，不是发布年份）",
        "the report year (the year reported on, not the year published)",
    ),
    (
        "file_type",
        "文件类型：读取它的格式（docx、pdf、text……）",
        "the file type: the format it was read as (docx, pdf, text, …)",
    ),
    (
        "template",
        "报告采用的国家格式：2019 或 2021 版",
        "the national template the report follows: 2019 or 2021",
    ),
];

/// `codebook.csv`: what each column of `reports_wide.csv` holds — the identifying columns, and
/// every value with its labels as printed in the national format — then each column of
/// `compare.csv` (table `compare`). Written whole when the outputs are created.
fn write_codebook(staging: &Staging, lang: Lang) -> Result<(), BatchError> {
    let p = staging.file("codebook.csv");
    let mut w = csv_writer(staging, "codebook.csv")?;
    let rows = std::iter::once(
        [
            "column",
            "table",
            "table_label",
            "row",
            "row_label",
            "column_key",
            "column_label",
            "unit",
            "description",
        ]
        .map(String::from),
    )
    .chain(ID_COLUMNS.iter().map(|(name, zh, en)| {
        let what = if lang == Lang::En { en } else { zh };
        [name, "", "", "", "", "", "", "", what].map(|c| c.to_string())
    }))
    .chain(codebook().iter().map(|c| {
        [
            c.name.clone(),
            c.table.to_string(),
            table_name(c.table, Lang::Zh).to_string(),
            c.row.to_string(),
            c.row_label.to_string(),
            c.column.unwrap_or("").to_string(),
            c.column_label.unwrap_or("").to_string(),
            c.unit.to_string(),
            String::new(),
        ]
    }))
    // Then `compare.csv`'s columns, under the table `compare`.
    .chain(compare_columns().into_iter().map(|[name, zh, en]| {
        let what = if lang == Lang::En { en } else { zh };
        let label = Text::SheetCompare.get(lang).to_string();
        let blank = String::new;
        [
            name,
            "compare".into(),
            label,
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            what,
        ]
    }));
    for row in rows {
        w.write_record(&row).map_err(|e| err(&p, e))?;
    }
    w.flush().map_err(|e| err(&p, e))
}

fn num(v: Option<xxgk::model::Num>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

impl Outputs {
    pub(crate) fn create(dir: &Path, lang: Lang, title: &str) -> Result<Self, BatchError> {
        let staging = Staging::create(dir)?;
        let mut manifest = csv_writer(&staging, "manifest.csv")?;
        let mut findings = csv_writer(&staging, "findings.csv")?;
        let mut values = csv_writer(&staging, "values.csv")?;
        let mut wide = csv_writer(&staging, "reports_wide.csv")?;
        let mut compare = csv_writer(&staging, "compare.csv")?;
        let header_err = |e: csv::Error| err(dir, e);
        manifest
            .write_record([
                "path",
                "file_type",
                "status",
                "reason",
                "agency",
                "year",
                "errors",
                "warnings",
            ])
            .map_err(header_err)?;
        findings
            .write_record([
                "file", "rule", "severity", "origin", "table", "row", "column", "location",
                "expected", "found", "message", "source",
            ])
            .map_err(header_err)?;
        values
            .write_record([
                "file", "table", "row", "column", "value", "text", "location", "source",
            ])
            .map_err(header_err)?;
        let mut head: Vec<String> = ID_COLUMNS
            .iter()
            .map(|(name, ..)| name.to_string())
            .collect();
        head.extend(codebook().iter().map(|c| c.name.clone()));
        write_codebook(&staging, lang)?;
        wide.write_record(&head).map_err(header_err)?;
        compare
            .write_record(compare_columns().iter().map(|c| &c[0]))
            .map_err(header_err)?;
        let pp = staging.file("values.parquet");
        let parquet = ValuesParquet::create(&pp).map_err(|e| err(&pp, e))?;
        let jp = staging.file("reports.jsonl");
        let jsonl = BufWriter::new(File::create(&jp).map_err(|e| err(&jp, e))?);
        let dbp = staging.file("xxgk.sqlite");
        let _ = std::fs::remove_file(&dbp);
        let db = Connection::open(&dbp).map_err(|e| err(&dbp, e))?;
        // The file is a .partial until renamed: no journal, no fsync.
        db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(|e| err(&dbp, e))?;
        db.execute_batch(SCHEMA).map_err(|e| err(&dbp, e))?;
        db.execute_batch(&compare_schema())
            .map_err(|e| err(&dbp, e))?;
        db.execute_batch("BEGIN").map_err(|e| err(&dbp, e))?;
        let db = Database::start(db);
        let xp = staging.file("xxgk.xlsx");
        let book = Book::new(lang).map_err(|e| err(&xp, e))?;
        Ok(Outputs {
            manifest,
            jsonl,
            findings,
            values,
            parquet,
            wide,
            compare,
            db,
            book,
            next_id: 1,
            ids: BTreeMap::new(),
            who: BTreeMap::new(),
            files: Vec::new(),
            places: HashMap::new(),
            lang,
            staging,
            review: ReviewPage::new(lang, title),
        })
    }

    /// Appends a row to a sheet of the workbook.
    fn sheet_row(&mut self, sheet: Sheet, cells: &[String]) -> Result<(), BatchError> {
        self.book
            .row(sheet, cells)
            .map_err(|e| err(&self.staging.file("xxgk.xlsx"), e))
    }

    pub(crate) fn write(&mut self, o: &Outcome) -> Result<(), BatchError> {
        let r = o.report.as_ref();
        self.review.add(&o.input.display, o.status, &o.reason, r);
        let count =
            |s: Severity| r.map_or(0, |r| r.findings.iter().filter(|f| f.severity == s).count());
        let row = vec![
            o.input.display.clone(),
            r.and_then(|r| r.adapter.clone()).unwrap_or_default(),
            o.status.as_str().to_string(),
            o.reason.clone(),
            r.and_then(|r| r.agency.clone()).unwrap_or_default(),
            r.and_then(|r| r.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            count(Severity::Error).to_string(),
            count(Severity::Warning).to_string(),
        ];
        // Written at the end, when cross-report findings (R8, D1) have been counted in.
        self.files.push(row.clone());
        let id = self.next_id;
        self.next_id += 1;
        let json = r.map(|r| match &o.json {
            Some(json) => json.clone(),
            None => serde_json::to_string(r).unwrap_or_default(),
        });
        let cells = (
            id,
            o.input.display.clone(),
            r.and_then(|r| r.adapter.clone()),
            o.status.as_str(),
            r.and_then(|r| r.agency.clone()),
            r.and_then(|r| r.year),
            r.map(template).filter(|t| !t.is_empty()),
            count(Severity::Error) as i64,
            count(Severity::Warning) as i64,
        );
        let jp = self.staging.file("reports.jsonl");
        if let Some(j) = &json {
            writeln!(self.jsonl, "{j}").map_err(|e| err(&jp, e))?;
        }
        self.db.run(move |db| {
            let (id, file, adapter, status, agency, year, template, errors, warnings) = cells;
            db.prepare_cached(
                "INSERT INTO reports VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                id, file, adapter, status, agency, year, template, errors, warnings, json
            ])
            .map(drop)
        });
        let Some(report) = r else {
            return self.flush_db();
        };
        self.ids.insert(o.input.display.clone(), id);
        self.who
            .insert(o.input.display.clone(), [row[4].clone(), row[5].clone()]);
        let file = &o.input.display;
        let mut wide = vec![
            file.clone(),
            report.agency.clone().unwrap_or_default(),
            report.year.map(|y| y.to_string()).unwrap_or_default(),
            row[1].clone(),
            template(report).to_string(),
        ];
        // Each value as written (CSV, the workbook), in codebook order: made once.
        let shown: Vec<String> = report.numbers().into_iter().map(num).collect();
        wide.extend(shown.iter().cloned());
        self.write_values(file, id, report, &shown)?;
        self.book
            .values([file, &row[4], &row[5]], &shown)
            .map_err(|e| err(&self.staging.file("xxgk.xlsx"), e))?;
        let wp = self.staging.file("reports_wide.csv");
        let numeric: Vec<usize> = (4..wide.len()).chain([2]).collect();
        self.wide
            .write_record(csv_safe(&wide, &numeric))
            .map_err(|e| err(&wp, e))?;
        for f in &report.findings {
            self.finding(file, Some(id), f)?;
        }
        self.flush_db()
    }

    /// Hands this report's rows to the database's thread (its error, if it stopped on one).
    fn flush_db(&mut self) -> Result<(), BatchError> {
        self.db
            .flush()
            .map_err(|e| err(&self.staging.file("xxgk.sqlite"), e))
    }

    /// One row per table value of a report in `values.csv` and SQLite: the value, the text
    /// as printed, its place in the batch's language and for programs.
    fn write_values(
        &mut self,
        file: &str,
        id: i64,
        report: &xxgk::model::Report,
        shown: &[String],
    ) -> Result<(), BatchError> {
        let vp = self.staging.file("values.csv");
        let mut rows = Vec::with_capacity(codebook().len());
        let provenance = report.value_provenance();
        let values = codebook().iter().zip(report.numbers()).zip(shown);
        for (((code, v), shown), prov) in values.zip(provenance) {
            let (table, row_key, col) = (code.table, code.row, code.column.unwrap_or(""));
            let text = prov.map(|p| p.text.clone()).unwrap_or_default();
            let [place, src] = prov.map(|p| self.place(&p.source)).unwrap_or_default();
            let cells = [file, table, row_key, col, shown, &text, &place, &src];
            self.values
                .write_record(csv_safe(&cells, &[4]))
                .map_err(|e| err(&vp, e))?;
            self.parquet
                .push(&ValueRow {
                    file,
                    table,
                    row: row_key,
                    column: col,
                    value: v.map(|n| n.0),
                    text: &text,
                    location: &place,
                    source: &src,
                })
                .map_err(|e| err(&self.staging.file("values.parquet"), e))?;
            rows.push((table, row_key, col, v.map(|n| n.0), text, place, src));
        }
        self.db.run(move |db| {
            let mut insert = db.prepare_cached(
                "INSERT INTO report_values VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (table, row_key, col, v, text, place, src) in rows {
                insert.execute(params![id, table, row_key, col, v, text, place, src])?;
            }
            Ok(())
        });
        Ok(())
    }

    /// A place in words and as JSON, made once per place; the memory held is bounded (the
    /// places are forgotten past [`PLACES`] of them).
    fn place(&mut self, source: &SourceRef) -> [Arc<str>; 2] {
        if let Some(known) = self.places.get(source) {
            return known.clone();
        }
        if self.places.len() >= PLACES {
            self.places.clear();
        }
        let made: [Arc<str>; 2] = [
            source.describe(self.lang).into(),
            source_json(source).into(),
        ];
        self.places.insert(source.clone(), made.clone());
        made
    }

    fn finding(&mut self, file: &str, id: Option<i64>, f: &Finding) -> Result<(), BatchError> {
        let origin = match f.origin {
            xxgk::model::Origin::Source => "source",
            xxgk::model::Origin::Extraction => "extraction",
        };
        let lang = self.lang;
        let [loc, src] = f.source.as_ref().map(|s| self.place(s)).unwrap_or_default();
        let [agency, year] = self.who.get(file).cloned().unwrap_or_default();
        let label = |label: &Option<String>, key: &Option<String>| match lang {
            Lang::Zh => label.clone().or_else(|| key.clone()).unwrap_or_default(),
            Lang::En => key.clone().unwrap_or_default(),
        };
        // The columns a reader needs first (they print), then the keys for filtering.
        let shown = [
            file.to_string(),
            agency,
            year,
            f.rule.clone(),
            f.severity.label(lang).to_string(),
            f.message.clone(),
            loc.to_string(),
            num(f.expected),
            num(f.found),
            f.table
                .as_deref()
                .map_or("", |t| table_name(t, lang))
                .to_string(),
            label(&f.row_label, &f.row),
            label(&f.column_label, &f.column),
            f.origin.label(lang).to_string(),
        ];
        let cells = vec![
            file.to_string(),
            f.rule.clone(),
            f.severity.as_str().to_string(),
            origin.to_string(),
            f.table.clone().unwrap_or_default(),
            f.row.clone().unwrap_or_default(),
            f.column.clone().unwrap_or_default(),
            loc.to_string(),
            num(f.expected),
            num(f.found),
            f.message.clone(),
            src.to_string(),
        ];
        let fp = self.staging.file("findings.csv");
        self.findings
            .write_record(csv_safe(&cells, &[8, 9]))
            .map_err(|e| err(&fp, e))?;
        self.sheet_row(Sheet::Findings, &shown)?;
        let cells = (
            id,
            file.to_string(),
            f.rule.clone(),
            f.severity.as_str(),
            origin,
            f.table.clone(),
            f.row.clone(),
            f.column.clone(),
            loc,
            f.expected.map(|n| n.0),
            f.found.map(|n| n.0),
            f.message.clone(),
            src,
        );
        self.db.run(move |db| {
            let (id, file, rule, severity, origin, table, row, column, loc, expected, found, message, src) =
                cells;
            db.prepare_cached(
                "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                id, file, rule, severity, origin, table, row, column, loc, expected, found,
                message, src
            ])
            .map(drop)
        });
        Ok(())
    }

    /// The cross-report findings (R8, D1), each counted in its report's row: errors and
    /// warnings, and `ok` becoming `findings`.
    fn count_cross(
        &mut self,
        cross: &[(String, Finding)],
        summary: &mut Summary,
    ) -> Result<(), BatchError> {
        for (file, f) in cross {
            let id = self.ids.get(file).copied();
            self.finding(file, id, f)?;
            self.review.add_cross(file, f);
            let Some(id) = id else { continue };
            let (errors, warnings) = match f.severity {
                Severity::Error => (1i64, 0i64),
                Severity::Warning => (0, 1),
                Severity::Info => continue,
            };
            self.db.run(move |db| {
                db.execute(
                    "UPDATE reports SET errors = errors + ?2, warnings = warnings + ?3, \
                     status = CASE status WHEN 'ok' THEN 'findings' ELSE status END WHERE id = ?1",
                    params![id, errors, warnings],
                )
                .map(drop)
            });
            if let Some(row) = usize::try_from(id - 1)
                .ok()
                .and_then(|i| self.files.get_mut(i))
            {
                let add = |cell: &mut String, n: i64| {
                    *cell = (cell.parse::<i64>().unwrap_or(0) + n).to_string();
                };
                add(&mut row[6], errors);
                add(&mut row[7], warnings);
                if row[2] == "ok" {
                    row[2] = "findings".into();
                    summary.ok -= 1;
                    summary.with_findings += 1;
                }
            }
        }
        Ok(())
    }

    /// D1's copies: every report of an agency and year after the first in input order.
    fn mark_copies(&mut self, copies: &[String], summary: &mut Summary) -> Result<(), BatchError> {
        // A copy of a report read earlier (D1) is `duplicate`: the first in input order keeps
        // its status.
        for file in copies {
            let Some(&id) = self.ids.get(file) else {
                continue;
            };
            let Some(row) = usize::try_from(id - 1)
                .ok()
                .and_then(|i| self.files.get_mut(i))
            else {
                continue;
            };
            match row[2].as_str() {
                "ok" => summary.ok -= 1,
                "findings" => summary.with_findings -= 1,
                _ => continue,
            }
            summary.duplicates += 1;
            row[2] = Status::Duplicate.as_str().into();
            self.review.set_status(file, Status::Duplicate);
            self.db.run(move |db| {
                db.execute(
                    "UPDATE reports SET status = ?2 WHERE id = ?1",
                    params![id, Status::Duplicate.as_str()],
                )
                .map(drop)
            });
        }
        Ok(())
    }

    /// Where each agency stands: `compare.csv`, the 对比 sheet and the SQLite table `compare`.
    fn write_compare(&mut self, standing: &[Standing]) -> Result<(), BatchError> {
        let cp = self.staging.file("compare.csv");
        let lang = self.lang;
        self.review.add_standing(standing);
        let names = compare_columns();
        let marks = vec!["?"; names.len() + 1].join(", ");
        let insert = format!("INSERT INTO compare VALUES ({marks})");
        for s in standing {
            let show = |v: Option<f64>| v.map(|v| Num(v).to_string()).unwrap_or_default();
            let mut row = vec![
                s.file.clone(),
                s.agency.clone(),
                s.agency_key.clone(),
                s.level.unwrap_or("").to_string(),
                s.year.to_string(),
                s.peers.map(|n| n.to_string()).unwrap_or_default(),
                s.previous_file.clone().unwrap_or_default(),
            ];
            for f in &s.figures {
                row.extend([
                    show(f.value),
                    show(f.previous),
                    f.percentile.map(|p| p.to_string()).unwrap_or_default(),
                ]);
            }
            let numeric: Vec<usize> = (4..6).chain(7..row.len()).collect();
            self.compare
                .write_record(csv_safe(&row, &numeric))
                .map_err(|e| err(&cp, e))?;
            // The sheet: the level as people read it; not the key.
            let mut shown = row.clone();
            shown.remove(2);
            shown[2] = xxgk::agency::LEVELS
                .iter()
                .find(|(k, ..)| Some(*k) == s.level)
                .map_or("", |(_, zh, en)| if lang == Lang::En { en } else { zh })
                .to_string();
            self.sheet_row(Sheet::Compare, &shown)?;
            // SQLite: numbers as numbers, empty as NULL.
            let mut cells: Vec<rusqlite::types::Value> = vec![
                self.ids.get(&s.file).copied().into(),
                s.file.clone().into(),
                s.agency.clone().into(),
                s.agency_key.clone().into(),
                s.level.map(str::to_string).into(),
                i64::from(s.year).into(),
                s.peers.map(|n| n as i64).into(),
                s.previous_file.clone().into(),
            ];
            for f in &s.figures {
                cells.extend([
                    f.value.into(),
                    f.previous.into(),
                    f.percentile.map(i64::from).into(),
                ]);
            }
            let insert = insert.clone();
            self.db.run(move |db| {
                db.prepare_cached(&insert)?
                    .execute(rusqlite::params_from_iter(cells))
                    .map(drop)
            });
        }
        Ok(())
    }

    pub(crate) fn finish(
        mut self,
        cross: &[(String, Finding)],
        copies: &[String],
        standing: &[Standing],
        summary: &mut Summary,
    ) -> Result<(), BatchError> {
        self.count_cross(cross, summary)?;
        self.mark_copies(copies, summary)?;
        self.write_compare(standing)?;
        let dbp = self.staging.file("xxgk.sqlite");
        let mp = self.staging.file("manifest.csv");
        for mut row in std::mem::take(&mut self.files) {
            self.manifest
                .write_record(csv_safe(&row, &[5, 6, 7]))
                .map_err(|e| err(&mp, e))?;
            row[2] = status_label(&row[2], self.lang).to_string();
            self.sheet_row(Sheet::Files, &row)?;
        }
        let lines = [
            (Text::SummaryFiles, summary.files),
            (Text::StatusOk, summary.ok),
            (Text::StatusFindings, summary.with_findings),
            (Text::StatusDuplicate, summary.duplicates),
            (Text::StatusFailed, summary.failed),
            (Text::StatusSkipped, summary.skipped),
            (Text::StatusScanned, summary.scanned),
            (Text::SummaryRecognised, summary.recognised),
        ];
        let Outputs {
            mut manifest,
            mut jsonl,
            mut findings,
            mut values,
            parquet,
            mut wide,
            mut compare,
            db,
            book,
            staging,
            review,
            ..
        } = self;
        let (hp, xp) = (staging.file("report.html"), staging.file("xxgk.xlsx"));
        let db = db.close().map_err(|e| err(&dbp, e))?;
        // The three long closing steps (zipping the workbook, indexing the database, writing
        // the review page) run side by side: each is one thread's work on its own output.
        let (workbook, database) = std::thread::scope(|scope| {
            let workbook = scope.spawn(|| {
                // Zipped in memory, then written: a failed write is one clean error (a zip
                // writer dropped half-written prints its own message on stderr, without a
                // line end).
                let bytes = book.finish(&lines).map_err(|e| err(&xp, e))?;
                std::fs::write(&xp, bytes).map_err(|e| err(&xp, e))
            });
            let database = scope.spawn(|| {
                // The sort may use a second thread once the workbook is zipped (the index is
                // the same: its entries are unique, with their row ids).
                db.execute_batch("PRAGMA threads = 2;")
                    .and_then(|()| db.execute_batch(INDEXES))
                    .map_err(|e| err(&dbp, e))?;
                db.execute_batch("COMMIT").map_err(|e| err(&dbp, e))?;
                db.close().map_err(|(_, e)| err(&dbp, e))
            });
            let page = || -> Result<(), BatchError> {
                let mut html = BufWriter::new(File::create(&hp).map_err(|e| err(&hp, e))?);
                review
                    .write_to(&mut html)
                    .and_then(|()| html.flush())
                    .map_err(|e| err(&hp, e))?;
                for (w, name) in [
                    (&mut manifest, "manifest.csv"),
                    (&mut findings, "findings.csv"),
                    (&mut values, "values.csv"),
                    (&mut wide, "reports_wide.csv"),
                    (&mut compare, "compare.csv"),
                ] {
                    w.flush().map_err(|e| err(&staging.file(name), e))?;
                }
                let pp = staging.file("values.parquet");
                parquet.finish().map_err(|e| err(&pp, e))?;
                jsonl
                    .flush()
                    .map_err(|e| err(&staging.file("reports.jsonl"), e))
            };
            page()?;
            let joined = |h: std::thread::ScopedJoinHandle<'_, Result<(), BatchError>>| {
                h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
            };
            Ok::<_, BatchError>((joined(workbook), joined(database)))
        })?;
        workbook?;
        database?;
        staging.switch(&FILES, &[folder::LOCK, crate::journal::NAME])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Input;
    use xxgk::model::Report;

    #[test]
    fn formula_like_text_is_inert_and_numbers_are_not_touched() {
        let row: Vec<String> = ["=SUM(A1)", "+1", "-x", "@me", "\tx", "普通", "-5"]
            .map(String::from)
            .to_vec();
        let safe: Vec<String> = csv_safe(&row, &[6])
            .map(|c| String::from_utf8_lossy(&c).into_owned())
            .collect();
        assert_eq!(
            safe,
            ["'=SUM(A1)", "'+1", "'-x", "'@me", "'\tx", "普通", "-5"]
        );
    }

    #[test]
    fn every_list_sheet_opens_with_a_frozen_bold_header_and_filters() {
        let dir = std::env::temp_dir().join(format!("xxgk-sheets-{}", std::process::id()));
        let out = Outputs::create(&dir, Lang::Zh, "t").unwrap_or_else(|e| panic!("{e}"));
        out.finish(&[], &[], &[], &mut Summary::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let book = std::fs::read(dir.join("xxgk.xlsx")).unwrap_or_default();
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap_or_else(|e| panic!("{e}"));
        for sheet in 2..=7 {
            let mut xml = String::new();
            let name = format!("xl/worksheets/sheet{sheet}.xml");
            std::io::Read::read_to_string(
                &mut zip.by_name(&name).unwrap_or_else(|e| panic!("{e}")),
                &mut xml,
            )
            .unwrap_or_default();
            assert!(
                xml.contains("<pane ") && xml.contains("<autoFilter"),
                "{name}: {xml}"
            );
            assert!(xml.contains("<col "), "{name}");
            // Printing: A4 landscape, one page wide, wrapped text where it is long.
            for want in [
                "orientation=\"landscape\"",
                "paperSize=\"9\"",
                "fitToPage=\"1\"",
            ] {
                assert!(xml.contains(want), "{name}: {want}");
            }
        }
        let mut workbook = String::new();
        std::io::Read::read_to_string(
            &mut zip
                .by_name("xl/workbook.xml")
                .unwrap_or_else(|e| panic!("{e}")),
            &mut workbook,
        )
        .unwrap_or_default();
        // Every list sheet repeats its header and prints its used rows; the findings sheet
        // its first nine columns.
        assert_eq!(
            workbook.matches("_xlnm.Print_Titles").count(),
            6,
            "{workbook}"
        );
        assert_eq!(
            workbook.matches("_xlnm.Print_Area").count(),
            6,
            "{workbook}"
        );
        assert!(workbook.contains("问题清单!$A$1:$I$1<"), "{workbook}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_list_sheet_continues_on_a_new_sheet_at_the_row_limit() {
        let dir = std::env::temp_dir().join(format!("xxgk-outputs-{}", std::process::id()));
        let mut out = Outputs::create(&dir, Lang::Zh, "t").unwrap_or_else(|e| panic!("{e}"));
        out.book.row_limit = 30;
        let mut report = Report::default();
        report.applications.row_mut(0)[6] = Some(xxgk::model::Num(3.0));
        let outcome = |i: usize| Outcome {
            input: Input {
                display: format!("{i}.txt"),
                path: dir.join(format!("{i}.txt")),
                entries: Vec::new(),
                refused: None,
            },
            status: Status::Ok,
            reason: String::new(),
            report: Some(report.clone()),
            json: None,
            digest: None,
        };
        // 25 rows of table 三 per report: 3 reports make 75 rows, 29 per part.
        for i in 0..3 {
            out.write(&outcome(i)).unwrap_or_else(|e| panic!("{e}"));
        }
        let apps = "表三（收到和处理申请）";
        assert_eq!(
            out.book.names(),
            [
                "汇总",
                "文件",
                "问题清单",
                "表二（主动公开）",
                apps,
                "表四（行政复议、行政诉讼）",
                "对比",
                &format!("{apps} (2)"),
                &format!("{apps} (3)"),
            ]
        );
        assert_eq!(
            out.book.rows_on_current(Sheet::Table(1)),
            75 - 2 * 29 + 1,
            "rows on the last part, header included"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
