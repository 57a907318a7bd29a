"""The Python package, from the installed wheel: reading, checking, many files in order with the
GIL released, the dataset's columns, and errors as exceptions."""

import json
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
