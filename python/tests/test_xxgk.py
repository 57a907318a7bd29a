"""The Python package, from the installed wheel: reading, checking, many files in order with the
GIL released, the dataset's columns, and errors as exceptions."""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import xxgk

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def truth(doc: Path) -> dict:
    return json.loads(doc.with_suffix(".truth.json").read_text(encoding="utf-8"))


def test_a_report_reads_as_its_truth_and_as_parse_writes_it():
    doc = FIXTURES / "docx" / "003.docx"
    r = xxgk.read(doc)
    want = truth(doc)
    assert (r.agency, r.year) == (want["agency"], want["year"])
    assert r.applications["granted"] == want["applications"]["granted"]
    d = r.to_dict()
    assert d["schema_version"] == 1 and d["agency"] == r.agency
    assert r.path == str(doc)
    # The parse JSON's shape: the same keys as the truth file's tables, and provenance.
    assert set(want["applications"]) <= set(d["applications"]) and d["provenance"]
    assert r.values["applications.granted.total"] == want["applications"]["granted"][6]
    assert len(r.values) == 200
    # From bytes, named: the same report.
    again = xxgk.read(doc.read_bytes(), name="003.docx")
    assert again.to_dict()["applications"] == d["applications"]


def test_findings_and_languages():
    doc = FIXTURES / "inconsistent" / "inc01.R3-granted.docx"
    rules = sorted(f.rule for f in xxgk.check(doc))
    assert rules == ["R2", "R3"]
    zh = xxgk.check(doc)[0].message
    en = xxgk.check(doc, lang="en")[0].message
    assert zh != en and any("\u4e00" <= c <= "\u9fff" for c in zh)
    html = xxgk.read(doc)._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "R3" in html


def test_what_cannot_be_read_raises_with_kind_and_path(tmp_path):
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(tmp_path / "missing.docx")
    assert e.value.kind == "io" and e.value.path.endswith("missing.docx")
    notice = tmp_path / "notice.txt"
    notice.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(notice)
    assert e.value.kind == "not_a_report"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(broken)
    assert e.value.kind in ("corrupt", "unknown_format", "not_this_format"), e.value.kind
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(tmp_path / "missing.docx", lang="en")
    assert "cannot" in str(e.value) or "No such" in str(e.value), str(e.value)


def test_many_inputs_come_in_input_order_each_a_report_or_an_error():
    folder = FIXTURES / "inconsistent"
    items = list(xxgk.read_many(folder, workers=2, progress=False))
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert len(items) == len(names)
    reports = [i for i in items if isinstance(i, xxgk.Report)]
    errors = [i for i in items if isinstance(i, xxgk.ReadError)]
    assert reports and errors and all(e.kind == "skipped" for e in errors)
    # Every item names its input, in input order.
    paths = [i.path for i in items]
    assert [Path(p).name for p in paths] == names
    # Reports name their input as errors do.
    assert all(i.path.startswith(str(folder)) for i in reports)


def test_the_gil_is_released_while_reading():
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    for _ in range(3):
        list(xxgk.read_many(FIXTURES / "layouts", workers=1, progress=False))
    took = time.perf_counter() - start
    stop.set()
    t.join()
    during = [x for x in ticks if start <= x <= start + took]
    # The other thread ran all along (a tick every few ms; at least one per 50 ms of reading,
    # where a held GIL would give none until the end).
    assert took > 0.05 and len(during) >= took / 0.05, (took, len(during))


def test_the_dataset_has_the_columns_of_reports_wide():
    pd = pytest.importorskip("pandas")
    df = xxgk.dataset([FIXTURES / "inconsistent", FIXTURES / "seeds"])
    book = xxgk.codebook()
    assert list(df.columns) == xxgk.ID_COLUMNS + list(book["column"])
    assert len(book) == 200 and df.shape[1] == 205
    assert str(df["year"].dtype) == "Int64"
    row = df[df["file"].str.endswith("inc01.R3-granted.docx")].iloc[0]
    assert row["applications.granted.total"] == 19 and row["template"] == "2021"
    assert isinstance(df, pd.DataFrame)
    assert all(str(t) == "float64" for t in df.dtypes[len(xxgk.ID_COLUMNS):])


def test_the_long_tables_are_those_of_the_batch():
    pytest.importorskip("pandas")
    doc = FIXTURES / "inconsistent" / "inc01.R3-granted.docx"
    values = xxgk.values(doc)
    assert list(values.columns) == xxgk.VALUE_COLUMNS and len(values) == 200
    granted = values[(values["row"] == "granted") & (values["column"] == "total")].iloc[0]
    assert granted["value"] == 19 and granted["text"] == "19"
    assert granted["location"].startswith("第") and '"kind"' in granted["source"]
    found = xxgk.findings(doc, lang="en")
    assert list(found.columns) == xxgk.FINDING_COLUMNS
    assert sorted(found["rule"]) == ["R2", "R3"]
    r3 = found[found["rule"] == "R3"].iloc[0]
    assert (r3["expected"], r3["found"]) == (18, 19) and r3["row"] == "granted"


def test_a_format_can_be_named_and_an_unknown_one_is_refused():
    page = (FIXTURES / "html" / "000.utf8.html").read_bytes()
    assert xxgk.read(page, name="000.txt").to_dict()["adapter"] == "html"
    assert xxgk.read(page, name="000.txt", format="html").values == xxgk.read(page).values
    # Named: the same bytes read as plain text, whatever their look (markup is no report).
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(page, name="000.html", format="text")
    assert e.value.kind == "not_a_report"
    with pytest.raises(xxgk.ReadError):
        xxgk.read(FIXTURES / "docx" / "003.docx", format="pdf")
    with pytest.raises(xxgk.ReadError):
        xxgk.read(FIXTURES / "docx" / "003.docx", format="ofd")
    with pytest.raises(ValueError, match="formats: text, docx"):
        xxgk.read(FIXTURES / "docx" / "003.docx", format="scan")
    assert set(xxgk.FORMATS) == {"text", "docx", "xlsx", "html", "doc", "pdf", "ofd", "image"}


def test_a_file_that_exhausts_its_worker_fails_that_file_only(tmp_path, monkeypatch):
    seed = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    one = seed.read_text(encoding="utf-8")
    # 600 reports in one text file: about 5 MB, some 40 MB to read; the worker gets 8 MiB.
    long = tmp_path / "long.txt"
    long.write_text((one + "\n") * 600, encoding="utf-8")
    (tmp_path / "seed.txt").write_text(one, encoding="utf-8")
    monkeypatch.setenv("XXGK_MEMORY_MIB", "8")
    with pytest.raises(xxgk.ReadError) as e:
        xxgk.read(long, lang="en")
    assert e.value.kind == "limit_exceeded" and "MiB" in str(e.value), str(e.value)
    items = list(xxgk.read_many(tmp_path, workers=1, progress=False))
    assert [type(i).__name__ for i in items] == ["ReadError", "Report"]
    assert items[0].kind == "failed"
    # The interpreter lives on, and reading in this process has no such limit.
    monkeypatch.delenv("XXGK_MEMORY_MIB")
    assert xxgk.read(seed).year == xxgk.read(seed, isolate=False).year


def test_the_arrow_table_holds_what_the_data_frame_holds():
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    inputs = [FIXTURES / "inconsistent", FIXTURES / "seeds"]
    frame = xxgk.dataset(inputs, progress=False)
    table = xxgk.dataset(inputs, progress=False, arrow=True)
    assert isinstance(table, pa.Table) and table.column_names == list(frame.columns)
    assert table.num_rows == len(frame) > 10
    assert table.schema.field("year").type == pa.int32()
    assert table.schema.field("agency").type == pa.large_string()
    for name in frame.columns:
        mine = table.column(name).to_pylist()
        theirs = [None if pd.isna(v) else v for v in frame[name].astype(object)]
        assert mine == theirs, name
    # A value the report does not show is null in Arrow (NaN in pandas), never 0.
    values = frame.columns[len(xxgk.ID_COLUMNS):]
    assert sum(table.column(n).null_count for n in values) == int(frame[values].isna().sum().sum()) > 0


def readme_example(name: str):
    """The Python example of a README and the output it shows."""
    text = (ROOT / name).read_text(encoding="utf-8")
    section = text[text.index("\n## Python"):]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    return code, shown


def test_the_readme_example_prints_what_the_readme_shows():
    pytest.importorskip("pandas")
    code, shown = readme_example("README.md")
    assert readme_example("README.en.md") == (code, shown)
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert run.stdout == shown, run.stdout


def test_reading_from_threads_that_come_and_go_never_loses_a_worker():
    # Linux kills a child with the thread that started it unless told otherwise: workers
    # started by short-lived threads must outlive them.
    doc = FIXTURES / "docx" / "003.docx"
    failures = []

    def one():
        try:
            xxgk.read(doc)
        except xxgk.ReadError as e:
            failures.append(str(e))

    for _ in range(10):
        threads = [threading.Thread(target=one) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not failures, failures[:3]
    assert xxgk.read(doc).year == 2024


def _year_in_child(path):
    return xxgk.read(path).year


def test_a_forked_process_reads_with_workers_of_its_own():
    import multiprocessing

    doc = str(FIXTURES / "docx" / "003.docx")
    xxgk.read(doc)  # the parent keeps an idle worker
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        years = pool.map(_year_in_child, [doc] * 4)
    assert years == [2024] * 4 and time.perf_counter() - start < 5
    assert xxgk.read(doc).year == 2024  # and the parent's worker still answers
