//! The batch's output files, written as results arrive (in input order) under temporary names
//! and renamed into place by [`Outputs::finish`]:
//! `manifest.csv`, `reports.jsonl`, `findings.csv`, `values.csv`, `reports_wide.csv`,
//! `xxgk.xlsx`, `xxgk.sqlite` (schema in the README) and the review page `report.html`.

use crate::{BatchError, Outcome, Summary};
use rusqlite::{params, Connection};
use rust_xlsxwriter::{Workbook, Worksheet};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use xxgk::model::{Finding, Lang, Report, Severity};
use xxgk_review::ReviewPage;

const FILES: [&str; 8] = [
    "manifest.csv",
    "reports.jsonl",
    "findings.csv",
    "values.csv",
    "reports_wide.csv",
    "xxgk.xlsx",
    "xxgk.sqlite",
    "report.html",
];

const SCHEMA: &str = "
CREATE TABLE reports (id INTEGER PRIMARY KEY, path TEXT NOT NULL, adapter TEXT, status TEXT NOT NULL,
  agency TEXT, year INTEGER, format TEXT, errors INTEGER, warnings INTEGER, json TEXT);
CREATE TABLE report_values (report_id INTEGER NOT NULL REFERENCES reports(id), tbl TEXT NOT NULL,
  row_key TEXT NOT NULL, col_key TEXT, value REAL, text TEXT, location TEXT);
CREATE TABLE findings (report_id INTEGER REFERENCES reports(id), path TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, origin TEXT NOT NULL, tbl TEXT, row_key TEXT, col_key TEXT, location TEXT,
  expected REAL, found REAL, message TEXT NOT NULL);
CREATE INDEX reports_agency_year ON reports(agency, year);
CREATE INDEX values_cell ON report_values(tbl, row_key, col_key);
CREATE INDEX values_report ON report_values(report_id);
CREATE INDEX findings_rule ON findings(rule, severity);
CREATE INDEX findings_report ON findings(report_id);
";

pub(crate) struct Outputs {
    dir: PathBuf,
    manifest: csv::Writer<BufWriter<File>>,
    jsonl: BufWriter<File>,
    findings: csv::Writer<BufWriter<File>>,
    values: csv::Writer<BufWriter<File>>,
    wide: csv::Writer<BufWriter<File>>,
    db: Connection,
    book: Workbook,
    rows: [u32; 4],
    next_id: i64,
    ids: BTreeMap<String, i64>,
    review: ReviewPage,
}

fn tmp(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.partial"))
}

fn err(path: &Path, e: impl std::fmt::Display) -> BatchError {
    BatchError::Output {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

fn csv_writer(dir: &Path, name: &str) -> Result<csv::Writer<BufWriter<File>>, BatchError> {
    let p = tmp(dir, name);
    let f = File::create(&p).map_err(|e| err(&p, e))?;
    let mut w = BufWriter::new(f);
    // A UTF-8 BOM so that Excel on Chinese Windows opens the CSV correctly.
    w.write_all(b"\xEF\xBB\xBF").map_err(|e| err(&p, e))?;
    Ok(csv::Writer::from_writer(w))
}

fn value_columns() -> Vec<String> {
    Report::default()
        .values()
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// Splits a value path into (table, row, column): `applications.granted[6]` ->
/// (`applications`, `granted`, `total`).
fn split_path(path: &str) -> (String, String, String) {
    let (table, rest) = path.split_once('.').unwrap_or((path, ""));
    if let Some((row, idx)) = rest.split_once('[') {
        let i: usize = idx.trim_end_matches(']').parse().unwrap_or(0);
        let cols: &[&str] = if table == "applications" {
            &xxgk::model::APP_COLUMNS
        } else {
            &xxgk::model::RL_COLUMNS
        };
        return (
            table.into(),
            row.into(),
            cols.get(i).copied().unwrap_or("").into(),
        );
    }
    match rest.split_once('.') {
        Some((row, col)) => (table.into(), row.into(), col.into()),
        None => (table.into(), rest.into(), String::new()),
    }
}

fn num(v: Option<xxgk::model::Num>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

impl Outputs {
    pub(crate) fn create(dir: &Path, lang: Lang, title: &str) -> Result<Self, BatchError> {
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
        let mut manifest = csv_writer(dir, "manifest.csv")?;
        let mut findings = csv_writer(dir, "findings.csv")?;
        let mut values = csv_writer(dir, "values.csv")?;
        let mut wide = csv_writer(dir, "reports_wide.csv")?;
        let header_err = |e: csv::Error| err(dir, e);
        manifest
            .write_record([
                "path", "format", "status", "reason", "agency", "year", "errors", "warnings",
            ])
            .map_err(header_err)?;
        findings
            .write_record([
                "file", "rule", "severity", "origin", "table", "row", "column", "location",
                "expected", "found", "message",
            ])
            .map_err(header_err)?;
        values
            .write_record([
                "file", "table", "row", "column", "value", "text", "location",
            ])
            .map_err(header_err)?;
        let mut head = vec![
            "file".to_string(),
            "agency".into(),
            "year".into(),
            "format".into(),
        ];
        head.extend(value_columns());
        wide.write_record(&head).map_err(header_err)?;
        let jp = tmp(dir, "reports.jsonl");
        let jsonl = BufWriter::new(File::create(&jp).map_err(|e| err(&jp, e))?);
        let dbp = tmp(dir, "xxgk.sqlite");
        let _ = std::fs::remove_file(&dbp);
        let db = Connection::open(&dbp).map_err(|e| err(&dbp, e))?;
        db.execute_batch(SCHEMA).map_err(|e| err(&dbp, e))?;
        db.execute_batch("BEGIN").map_err(|e| err(&dbp, e))?;
        let mut book = Workbook::new();
        let xp = tmp(dir, "xxgk.xlsx");
        let sheet_err = |e: rust_xlsxwriter::XlsxError| err(&xp, e);
        book.add_worksheet().set_name("汇总").map_err(sheet_err)?;
        for (name, head) in [
            (
                "文件",
                vec![
                    "文件", "格式", "状态", "原因", "机关", "年度", "错误", "警告",
                ],
            ),
            (
                "问题清单",
                vec![
                    "文件", "规则", "级别", "来源", "表", "行", "列", "位置", "应为", "实为",
                    "说明",
                ],
            ),
            (
                "数值",
                vec!["文件", "表", "行", "列", "数值", "原文", "位置"],
            ),
        ] {
            let ws = book
                .add_worksheet_with_constant_memory()
                .map_err(sheet_err)?;
            ws.set_name(name).map_err(sheet_err)?;
            for (c, h) in head.iter().enumerate() {
                ws.write_string(0, c as u16, *h).map_err(sheet_err)?;
            }
        }
        Ok(Outputs {
            dir: dir.to_path_buf(),
            manifest,
            jsonl,
            findings,
            values,
            wide,
            db,
            book,
            rows: [0, 1, 1, 1],
            next_id: 1,
            ids: BTreeMap::new(),
            review: ReviewPage::new(lang, title),
        })
    }

    fn sheet(&mut self, i: usize) -> Result<&mut Worksheet, BatchError> {
        let p = tmp(&self.dir, "xxgk.xlsx");
        self.book.worksheet_from_index(i).map_err(|e| err(&p, e))
    }

    fn sheet_row(&mut self, i: usize, cells: &[String]) -> Result<(), BatchError> {
        let row = self.rows[i];
        self.rows[i] += 1;
        let p = tmp(&self.dir, "xxgk.xlsx");
        let ws = self.sheet(i)?;
        for (c, v) in cells.iter().enumerate() {
            let r = match v.parse::<f64>() {
                Ok(n) if !v.is_empty() && c > 0 => ws.write_number(row, c as u16, n),
                _ => ws.write_string(row, c as u16, v),
            };
            r.map_err(|e| err(&p, e))?;
        }
        Ok(())
    }

    pub(crate) fn write(&mut self, o: &Outcome) -> Result<(), BatchError> {
        let r = o.report.as_ref();
        self.review
            .add(&o.input.display, o.status.as_str(), &o.reason, r);
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
        let mp = tmp(&self.dir, "manifest.csv");
        self.manifest.write_record(&row).map_err(|e| err(&mp, e))?;
        self.sheet_row(1, &row)?;
        let id = self.next_id;
        self.next_id += 1;
        let dbp = tmp(&self.dir, "xxgk.sqlite");
        let json = r.map(|r| serde_json::to_string(r).unwrap_or_default());
        self.db
            .prepare_cached("INSERT INTO reports VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    o.input.display,
                    r.and_then(|r| r.adapter.clone()),
                    o.status.as_str(),
                    r.and_then(|r| r.agency.clone()),
                    r.and_then(|r| r.year),
                    r.and_then(|r| r.format)
                        .map(|f| if f == xxgk::model::FormatVersion::V2019 {
                            "2019"
                        } else {
                            "2021"
                        }),
                    count(Severity::Error) as i64,
                    count(Severity::Warning) as i64,
                    json
                ])
            })
            .map_err(|e| err(&dbp, e))?;
        let Some(report) = r else {
            return Ok(());
        };
        self.ids.insert(o.input.display.clone(), id);
        let jp = tmp(&self.dir, "reports.jsonl");
        if let Some(j) = &json {
            writeln!(self.jsonl, "{j}").map_err(|e| err(&jp, e))?;
        }
        let file = &o.input.display;
        let mut wide = vec![
            file.clone(),
            report.agency.clone().unwrap_or_default(),
            report.year.map(|y| y.to_string()).unwrap_or_default(),
            row[1].clone(),
        ];
        let vp = tmp(&self.dir, "values.csv");
        for (path, v) in report.values() {
            wide.push(num(v));
            let (table, row_key, col) = split_path(&path);
            let prov = report.provenance.get(&path);
            let text = prov.map(|p| p.text.clone()).unwrap_or_default();
            let loc = prov.map(|p| p.source.to_string()).unwrap_or_default();
            let cells = vec![
                file.clone(),
                table.clone(),
                row_key.clone(),
                col.clone(),
                num(v),
                text.clone(),
                loc.clone(),
            ];
            self.values.write_record(&cells).map_err(|e| err(&vp, e))?;
            self.sheet_row(3, &cells)?;
            self.db
                .prepare_cached("INSERT INTO report_values VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .and_then(|mut s| {
                    s.execute(params![id, table, row_key, col, v.map(|n| n.0), text, loc])
                })
                .map_err(|e| err(&dbp, e))?;
        }
        let wp = tmp(&self.dir, "reports_wide.csv");
        self.wide.write_record(&wide).map_err(|e| err(&wp, e))?;
        for f in &report.findings {
            self.finding(file, Some(id), f)?;
        }
        Ok(())
    }

    fn finding(&mut self, file: &str, id: Option<i64>, f: &Finding) -> Result<(), BatchError> {
        let origin = match f.origin {
            xxgk::model::Origin::Source => "source",
            xxgk::model::Origin::Extraction => "extraction",
        };
        let loc = f.source.as_ref().map(|s| s.to_string()).unwrap_or_default();
        let cells = vec![
            file.to_string(),
            f.rule.clone(),
            f.severity.as_str().to_string(),
            origin.to_string(),
            f.table.clone().unwrap_or_default(),
            f.row.clone().unwrap_or_default(),
            f.column.clone().unwrap_or_default(),
            loc.clone(),
            num(f.expected),
            num(f.found),
            f.message.clone(),
        ];
        let fp = tmp(&self.dir, "findings.csv");
        self.findings
            .write_record(&cells)
            .map_err(|e| err(&fp, e))?;
        self.sheet_row(2, &cells)?;
        let dbp = tmp(&self.dir, "xxgk.sqlite");
        self.db
            .prepare_cached(
                "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    file,
                    f.rule,
                    f.severity.as_str(),
                    origin,
                    f.table,
                    f.row,
                    f.column,
                    loc,
                    f.expected.map(|n| n.0),
                    f.found.map(|n| n.0),
                    f.message
                ])
            })
            .map_err(|e| err(&dbp, e))?;
        Ok(())
    }

    pub(crate) fn finish(
        mut self,
        cross: &[(String, Finding)],
        summary: &Summary,
    ) -> Result<(), BatchError> {
        for (file, f) in cross {
            let id = self.ids.get(file).copied();
            self.finding(file, id, f)?;
            self.review.add_cross(file, f);
        }
        let hp = tmp(&self.dir, "report.html");
        std::fs::write(&hp, self.review.finish()).map_err(|e| err(&hp, e))?;
        let last = self.rows[2].saturating_sub(1);
        let xp = tmp(&self.dir, "xxgk.xlsx");
        self.sheet(2)?
            .autofilter(0, 0, last, 10)
            .map_err(|e| err(&xp, e))?;
        let lines: Vec<(&str, f64)> = vec![
            ("文件 files", summary.files as f64),
            ("正常 ok", summary.ok as f64),
            ("有问题 with findings", summary.with_findings as f64),
            ("失败 failed", summary.failed as f64),
            ("跳过 skipped", summary.skipped as f64),
        ];
        let ws = self.sheet(0)?;
        for (r, (label, n)) in lines.iter().enumerate() {
            ws.write_string(r as u32, 0, *label)
                .map_err(|e| err(&xp, e))?;
            ws.write_number(r as u32, 1, *n).map_err(|e| err(&xp, e))?;
        }
        self.book.save(&xp).map_err(|e| err(&xp, e))?;
        let dbp = tmp(&self.dir, "xxgk.sqlite");
        self.db.execute_batch("COMMIT").map_err(|e| err(&dbp, e))?;
        self.db.close().map_err(|(_, e)| err(&dbp, e))?;
        for (w, name) in [
            (&mut self.manifest, "manifest.csv"),
            (&mut self.findings, "findings.csv"),
            (&mut self.values, "values.csv"),
            (&mut self.wide, "reports_wide.csv"),
        ] {
            w.flush().map_err(|e| err(&tmp(&self.dir, name), e))?;
        }
        self.jsonl
            .flush()
            .map_err(|e| err(&tmp(&self.dir, "reports.jsonl"), e))?;
        for name in FILES {
            let (from, to) = (tmp(&self.dir, name), self.dir.join(name));
            std::fs::rename(&from, &to).map_err(|e| err(&to, e))?;
        }
        Ok(())
    }
}
