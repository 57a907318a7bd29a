// The workbench driven as a reviewer drives it, in headless Chromium (playwright-core, which
// `.ci/run` installs; `tests/serve.rs` runs this script and shows as ignored without it):
// pick a folder of drafts and a zip, see the run's counts, filter the list, open a report and
// see a finding's cell in its DOCX table, correct the value and see its findings go (and come
// back when the correction is taken back), see every finding on its original, see a PDF
// page with the place outlined, export the dataset, the corrected report and the department's
// 问题清单 workbook, and open them. Screenshots go to OUT for a person to look at.
//
// usage: node workbench.cjs XXGK_BIN CHROMIUM FIXTURES OUT
"use strict";

const { chromium } = require("playwright-core");
const { execFileSync, spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const assert = require("assert");

const [bin, browserPath, fixtures, out] = process.argv.slice(2);

// A folder of 20 mixed drafts (DOCX, XLSX, PDF, web pages, web text, DOC; a subfolder), most
// with errors: the eleven inconsistent reports among them.
const DRAFTS = 20;
function drafts() {
  const dir = path.join(out, "drafts");
  fs.mkdirSync(path.join(dir, "乡镇"), { recursive: true });
  const copy = (from, to) => fs.copyFileSync(path.join(fixtures, from), path.join(dir, to));
  copy("inconsistent/inc01.R3-granted.docx", "审批局.docx");
  copy("pdf/004.labels.utf8.wk.pdf", "乡镇/金斗营镇.pdf");
  for (const f of fs.readdirSync(path.join(fixtures, "inconsistent")).sort()) {
    if (!f.endsWith(".truth.json") && !f.startsWith("inc01")) copy("inconsistent/" + f, f);
  }
  for (const f of ["docx/003.docx", "xlsx/001.xlsx", "pdf/000.utf8.wk.pdf", "html/000.utf8.html",
    "html/001.gbk.html", "seeds/000_5bcf35f9dc66c78b.txt", "realtext/h001.txt", "doc/000.tracked.doc"]) {
    copy(f, "乡镇/" + path.basename(f));
  }
  assert.strictEqual(fs.readdirSync(dir, { recursive: true }).filter((f) => f.includes(".")).length, DRAFTS);
  return dir;
}

// A zip holding one file (made by Python's zipfile: Node has no zip writer).
function zipOf(file) {
  const zip = path.join(out, "more.zip");
  execFileSync("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').write(sys.argv[2], 'more/' + sys.argv[2].split('/')[-1])", zip, file]);
  return zip;
}

// The server's address (with its token) from its first line.
function serve(workspace) {
  const child = spawn(bin, ["serve", "--no-browser", "--workspace", workspace], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    let said = "";
    child.stdout.on("data", (d) => {
      said += d;
      const url = said.match(/http:\/\/\S+/);
      if (url) resolve({ child, url: url[0] });
    });
    child.on("exit", () => reject(new Error("the server stopped: " + said)));
  });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const folder = drafts();
  const { child, url } = await serve(path.join(out, "ws"));
  const browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // A page's own script, style or image refused by its Content-Security-Policy.
    page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
    await page.goto(url);
    // Pick a folder (its paths kept) and a zip.
    await page.setInputFiles("#pick-dir", folder);
    await reviewFrame(page, DRAFTS);
    await page.setInputFiles("#pick", zipOf(path.join(fixtures, "inconsistent/inc02.R1-total.docx")));
    const frame = await reviewFrame(page, DRAFTS + 1);
    await page.screenshot({ path: path.join(out, "1-overview.png") });

    // Filter the list of issues by a rule.
    await frame.fill("#f-q", "R3");
    const shown = await frame.$$eval("#issues tbody tr", (rows) => rows.filter((r) => r.offsetParent !== null).map((r) => r.innerText));
    assert.ok(shown.length >= 1 && shown.every((t) => t.includes("R3")), "filtered rows: " + shown.join(" | "));
    await frame.fill("#f-q", "");

    // Open the report with R3 and correct the value the agency misprinted (19 -> 18).
    await openReport(frame, "审批局.docx");
    // Its finding's original: the DOCX table as read, the misprinted cell marked.
    await frame.click("ol.findings li:has(b:text-is('R3')) a.original");
    const here = await frame.waitForSelector("table.source-table td.here");
    assert.strictEqual((await here.textContent()).trim(), "19");
    await here.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, "2-report.png") });
    const answers = ["18", "原件为18"];
    page.on("dialog", (d) => d.accept(answers.shift()));
    const before = await generation(page);
    await frame.click("td.bad.editable >> text=/^19$/");
    let after = await reviewFrame(page, DRAFTS + 1, before + 1);
    await openReport(after, "审批局.docx");
    const rules = await after.$$eval("ol.findings li b", (bs) => bs.map((b) => b.textContent));
    assert.ok(rules.includes("K1") && !rules.includes("R3") && !rules.includes("R2"), "rules after the correction: " + rules);
    assert.ok(await after.$("td.corrected"), "the corrected cell is marked");
    await page.screenshot({ path: path.join(out, "3-corrected.png") });

    // Taken back (a click on the corrected cell, confirmed), then corrected again.
    let at = await generation(page);
    await after.click("td.corrected");
    let again = await reviewFrame(page, DRAFTS + 1, at + 1);
    await openReport(again, "审批局.docx");
    let back = await again.$$eval("ol.findings li b", (bs) => bs.map((b) => b.textContent));
    assert.ok(back.includes("R3") && !back.includes("K1"), "rules after undoing: " + back);
    answers.push("18", "原件为18");
    at = await generation(page);
    await again.click("td.bad.editable >> text=/^19$/");
    after = await reviewFrame(page, DRAFTS + 1, at + 1);
    await openReport(after, "审批局.docx");
    back = await after.$$eval("ol.findings li b", (bs) => bs.map((b) => b.textContent));
    assert.ok(back.includes("K1") && !back.includes("R3"), "rules after correcting again: " + back);

    // A finding on the PDF: its page drawn, its place outlined.
    await openReport(after, "金斗营镇.pdf");
    await after.click("ol.findings li a.original");
    await after.waitForSelector(".pageview img");
    const mark = await after.$(".pageview .mark");
    assert.ok(mark, "the place is outlined");
    const box = await mark.boundingBox();
    assert.ok(box && box.width > 20 && box.height > 5, "the outline has a size: " + JSON.stringify(box));
    await mark.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, "4-pdf-page.png") });

    // Every finding with a place, in every report (but the zip's entry), on its original.
    const reports = await after.$$eval("a[href^='#report=']", (as) => [...new Set(as.map((a) => a.getAttribute("href")))]);
    let seen = 0;
    for (const href of reports) {
      await after.evaluate((h) => { location.hash = h; }, href);
      await after.waitForSelector("ol.findings, .tables");
      const links = await after.$$("ol.findings li a.original");
      for (const link of links) {
        await link.click();
        const li = await link.evaluateHandle((a) => a.closest("li"));
        await after.waitForFunction((li) => li.querySelector(".original:not(a)") || li.querySelectorAll("span.place").length > 1, li);
        const shown = await li.evaluate((li) => !!li.querySelector("pre.original mark, table.source-table td.here, div.original mark, .pageview .mark"));
        assert.ok(shown, "the place is marked on the original: " + (await li.evaluate((li) => li.innerText)));
        seen += 1;
      }
    }
    assert.ok(seen >= 15, "findings seen on their original: " + seen);
    console.log("findings seen on their original: " + seen + " in " + reports.length + " reports");
    await page.screenshot({ path: path.join(out, "5-last-original.png") });

    // Export: the dataset's workbook and the corrected report, opened as the zips they are.
    for (const [link, name] of [["a[href$='xxgk.xlsx']", "xxgk.xlsx"]]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(link)]);
      const file = path.join(out, name);
      await download.saveAs(file);
      assert.strictEqual(fs.readFileSync(file).subarray(0, 2).toString(), "PK", name);
    }
    await openReport(after, "审批局.docx");
    for (const [link, name] of [["a[href*='to=docx']", "corrected.docx"], ["a.issues", "department.xlsx"]]) {
      const [download] = await Promise.all([page.waitForEvent("download"), after.click(link)]);
      const saved = path.join(out, name);
      await download.saveAs(saved);
      assert.strictEqual(fs.readFileSync(saved).subarray(0, 2).toString(), "PK", name);
    }
    assert.deepStrictEqual(errors, [], "no script errors");
    console.log("ok: uploaded, filtered, corrected, PDF page outlined, exported");
  } finally {
    await browser.close();
    child.kill();
  }
}

// The run counter the shell shows (status polled from /status).
async function generation(page) {
  return page.evaluate(() => fetch("/status").then((r) => r.json()).then((j) => j.generation));
}

// The review page's frame once a run of at least `n` files has finished (and, when given,
// the run counter has reached `at`).
async function reviewFrame(page, n, at) {
  await page.waitForFunction(
    ([n, at]) => fetch("/status").then((r) => r.json()).then((j) =>
      !j.running && j.counts && j.counts[0] >= n && (at === undefined || j.generation >= at)),
    [n, at], { polling: 200, timeout: 60000 });
  await page.waitForTimeout(1500); // the shell reloads the frame on its next poll
  const frame = page.frames().find((f) => f.url().includes("/out/report.html"));
  assert.ok(frame, "the review page is framed");
  await frame.waitForSelector("#issues");
  return frame;
}

// Opens one report's view by its file name.
async function openReport(frame, name) {
  const href = await frame.$eval(`a[href^='#report=']:has-text('${name}')`, (a) => a.getAttribute("href"));
  await frame.evaluate((h) => { location.hash = h; }, href);
  await frame.waitForSelector("ol.findings, .tables");
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
