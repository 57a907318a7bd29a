"""xxgk：读取政府信息公开工作年度报告（任何格式），得到统一、经过核对的数据。

Read Chinese government information-disclosure annual reports in any format (web text, HTML,
DOCX, DOC, XLSX, PDF) into one checked data model. Everything is read in Rust (the extension
``xxgk._xxgk``), with the GIL released; this module only shapes the results for Python:

- ``read(path_or_bytes)`` -> ``Report`` (``Report.to_dict()`` equals ``xxgk parse``'s JSON)
- ``check(path_or_bytes)`` -> ``list[Finding]``
- ``read_many(paths, workers=None)`` -> an iterator in input order of ``Report`` or ``ReadError``
  (each report read on its own: the checks across reports, R8/D1/J1/P1, are ``xxgk batch``'s)
- ``dataset(paths)`` -> ``pandas.DataFrame`` with the columns of ``reports_wide.csv``
  (``arrow=True``: a ``pyarrow.Table`` over the column buffers Rust filled in Arrow's layout)
- ``values(paths)`` / ``findings(paths)`` -> the long tables of ``values.csv`` / ``findings.csv``
- ``codebook()`` -> ``pandas.DataFrame``: what each value column holds

Each file is read in a worker process (this Python, started by the extension) as ``xxgk batch``
reads it: a file that crashes a reader or exceeds the memory or time limit fails with a
``ReadError`` (``kind`` ``crashed`` or ``limit_exceeded``), never the interpreter.
``isolate=False`` reads in this process (faster; for trusted files), as does a program with no
Python to start (a frozen one; ``XXGK_PYTHON`` names one).

Errors are ``ReadError`` exceptions with ``.kind`` and ``.path``; messages are in Chinese
unless ``lang="en"``.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _xxgk

__version__ = _xxgk.__version__

#: The formats ``format=`` may name (otherwise the content decides): the registry's adapters.
FORMATS = tuple(_xxgk.FORMATS)

def _worker_python() -> Optional[str]:
    """The Python that reads files in worker processes: ``XXGK_PYTHON``, else this one (none in
    a frozen program, whose executable is not a Python)."""
    named = os.environ.get("XXGK_PYTHON")
    if named:
        return named
    return None if getattr(sys, "frozen", False) else (sys.executable or None)


if _worker_python():
    # Workers are that Python importing this very package (-I: no environment, no user site;
    # the package's folder after the standard library's).
    _xxgk.set_worker(_worker_python(), [
        "-I", "-c",
        f"import sys; p = {os.path.dirname(os.path.dirname(os.path.abspath(__file__)))!r}; "
        "p in sys.path or sys.path.append(p); from xxgk import _xxgk; _xxgk.worker()",
    ])

__all__ = [
    "FORMATS",
    "ID_COLUMNS",
    "Finding",
    "ReadError",
    "Report",
    "check",
    "codebook",
    "dataset",
    "findings",
    "read",
    "read_many",
    "values",
]

#: The columns of ``values()`` (those of the batch's ``values.csv``).
VALUE_COLUMNS = ["file", "table", "row", "column", "value", "text", "location", "source"]
#: The columns of ``findings()`` (those of the batch's ``findings.csv``).
FINDING_COLUMNS = ["file", "rule", "severity", "origin", "table", "row", "column", "location",
                   "expected", "found", "message", "source"]

PathLike = Union[str, "os.PathLike[str]"]

#: The identifying columns of ``dataset()`` (and ``reports_wide.csv``), before the values.
ID_COLUMNS = ["file", "agency", "year", "file_type", "template"]


class ReadError(Exception):
    """一个文件无法读取，或不是年度报告。A file that could not be read, or is not a report.

    ``kind``: from ``read``, the error class — ``io``, ``unknown_format``, ``not_this_format``,
    ``encrypted``, ``corrupt``, ``limit_exceeded``, ``unsupported``, ``encoding``,
    ``not_a_report``, ``crashed`` (a bug in xxgk met on this file); from ``read_many``, the
    input's status as the batch counts it — ``failed`` or ``skipped``.
    ``path``: the file (an archive entry as ``archive!/entry``).
    """

    def __init__(self, message: str, kind: str, path: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


@dataclass(frozen=True)
class Finding:
    """一个问题。One finding: a rule broken by the report, or a note on its reading."""

    rule: str
    severity: str
    origin: str
    message: str
    table: Optional[str]
    row: Optional[str]
    column: Optional[str]
    row_label: Optional[str]
    column_label: Optional[str]
    expected: Optional[float]
    found: Optional[float]
    source: Optional[Dict[str, Any]]

    @classmethod
    def _from(cls, f: Dict[str, Any]) -> "Finding":
        return cls(
            rule=f.get("rule", ""),
            severity=f.get("severity", ""),
            origin=f.get("origin", ""),
            message=f.get("message", ""),
            table=f.get("table"),
            row=f.get("row"),
            column=f.get("column"),
            row_label=f.get("row_label"),
            column_label=f.get("column_label"),
            expected=f.get("expected"),
            found=f.get("found"),
            source=f.get("source"),
        )


class Report:
    """一份年度报告。One annual report, as ``xxgk parse`` writes it.

    Attributes: ``agency``, ``year``, ``metadata``, ``active`` (table 二), ``applications``
    (table 三), ``review_litigation`` (table 四), ``sections``, ``findings``
    (``list[Finding]``), ``provenance``; ``values`` maps each codebook column name to its value
    (``None`` where the report shows none); ``path``: the input it was read from (an archive
    entry as ``archive!/entry``).
    """

    def __init__(self, data: Dict[str, Any], values: Sequence[Optional[float]], path: str,
                 lang: str = "zh", text: Optional[str] = None) -> None:
        self._data = data
        self._json = text if text is not None else json.dumps(data, ensure_ascii=False)
        self._lang = lang
        self._values = list(values)
        self.path = path

    @classmethod
    def _from(cls, got, path: str, lang: str) -> "Report":
        text, values, _who = got
        return cls(json.loads(text), values, path, lang, text)

    def to_dict(self) -> Dict[str, Any]:
        """The report as ``xxgk parse`` prints it (a deep copy)."""
        return json.loads(json.dumps(self._data))

    agency = property(lambda self: self._data.get("agency"))
    year = property(lambda self: self._data.get("year"))
    metadata = property(lambda self: self._data.get("metadata", {}))
    active = property(lambda self: self._data.get("active", {}))
    applications = property(lambda self: self._data.get("applications", {}))
    review_litigation = property(lambda self: self._data.get("review_litigation", {}))
    sections = property(lambda self: self._data.get("sections", []))
    provenance = property(lambda self: self._data.get("provenance", {}))

    @property
    def findings(self) -> List[Finding]:
        return [Finding._from(f) for f in self._data.get("findings", [])]

    @property
    def values(self) -> Dict[str, Optional[float]]:
        return dict(zip(_names(), self._values))

    def __repr__(self) -> str:
        errors = sum(1 for f in self._data.get("findings", []) if f.get("severity") == "error")
        return f"<xxgk.Report {self.agency or '?'} {self.year or '?'}: {errors} errors>"

    def _repr_html_(self) -> str:
        page = _xxgk.review_html(json.dumps(self._data, ensure_ascii=False), self._lang)
        escaped = page.replace("&", "&amp;").replace('"', "&quot;")
        return (f'<iframe srcdoc="{escaped}" style="width:100%;height:720px;border:1px solid #ddd">'
                "</iframe>")


def _names() -> List[str]:
    """The value columns' names, in codebook order."""
    return [row[0] for row in _xxgk.codebook_rows()]


def _pandas():
    try:
        import pandas
    except ImportError as e:  # an optional dependency
        raise ImportError('xxgk.dataset and xxgk.codebook need pandas: pip install "xxgk[pandas]"') from e
    return pandas


def _source(path_or_bytes: Union[PathLike, bytes], name: Optional[str]):
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return (name or "report"), bytes(path_or_bytes)
    return os.fspath(path_or_bytes), None


def read(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = None,
         format: Optional[str] = None, lang: str = "zh", isolate: bool = True) -> Report:
    """读取一份报告。Read one report from a file, or from bytes (``name``: its file name, which
    helps with the agency and year and the format). ``format``: one of ``FORMATS`` to read it
    as, whatever its content looks like (default: the content decides). ``isolate=False``:
    read in this process.

    Raises ``ReadError`` when the file cannot be read or is not an annual report.
    """
    path, data = _source(path_or_bytes, name)
    got, failed = _xxgk.read(path, data, lang, format, isolate)
    if failed is not None:
        kind, where, message = failed
        raise ReadError(message, kind, where)
    return Report._from(got, path, lang)


def check(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = None,
          format: Optional[str] = None, lang: str = "zh", isolate: bool = True) -> List[Finding]:
    """检查一份报告，返回全部问题。Every finding of one report."""
    return read(path_or_bytes, name=name, format=format, lang=lang, isolate=isolate).findings


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _bar(total: int, progress: bool):
    """A tqdm progress bar where tqdm is installed and one is wanted."""
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm  # optional
    except ImportError:
        return None
    return tqdm(total=total, unit="file")


def read_many(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = None,
              format: Optional[str] = None, lang: str = "zh", progress: bool = True,
              isolate: bool = True) -> Iterator[Union[Report, ReadError]]:
    """读取多个文件、文件夹和 zip 压缩包。Files, folders and zips, read in parallel in Rust (the
    GIL released), yielded in input order: a ``Report``, or a ``ReadError`` for an input that
    failed or was skipped (not a report). A progress bar shows where ``tqdm`` is installed.
    """
    inputs = _xxgk.Inputs(_paths(paths), workers, lang, format, isolate)
    bar = _bar(len(inputs), progress)
    try:
        while True:
            chunk = inputs.take(64)
            if not chunk:
                return
            for display, status, reason, got in chunk:
                if bar is not None:
                    bar.update(1)
                if got is not None:
                    yield Report._from(got, display, lang)
                else:
                    yield ReadError(reason or status, status, display)
    finally:
        if bar is not None:
            bar.close()


def dataset(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = None,
            format: Optional[str] = None, lang: str = "zh", progress: bool = True,
            isolate: bool = True, arrow: bool = False):
    """数据集：每份报告一行。One row per report, the columns of ``reports_wide.csv``: file,
    agency, year, file_type, template, then the 200 values by their codebook names (a missing
    value is NaN, or null in Arrow). A ``pandas.DataFrame``; with ``arrow=True`` a
    ``pyarrow.Table`` over the column buffers Rust filled (handed over once, never copied). Inputs that are not reports have
    no row (``read_many`` says why).
    """
    inputs = _xxgk.Inputs(_paths(paths), workers, lang, format, isolate)
    columns = _xxgk.Columns()
    bar = _bar(len(inputs), progress)
    try:
        while True:
            done = inputs.fill(64, columns)  # Ctrl-C is seen between chunks
            if not done:
                break
            if bar is not None:
                bar.update(done)
    finally:
        if bar is not None:
            bar.close()
    rows, names = len(columns), ID_COLUMNS + _names()
    buffers = columns.take_buffers()
    return _arrow(rows, names, buffers) if arrow else _frame(rows, names, buffers)


def _arrow(rows: int, names: List[str], buffers):
    try:
        import pyarrow as pa
    except ImportError as e:  # an optional dependency
        raise ImportError('xxgk.dataset(arrow=True) needs pyarrow: pip install "xxgk[arrow]"') from e
    types = {"str": pa.large_string(), "i32": pa.int32(), "f64": pa.float64()}
    arrays = []
    for kind, missing, valid, offsets, data in buffers:
        parts = [None if valid is None else pa.py_buffer(valid)]
        if offsets is not None:
            parts.append(pa.py_buffer(offsets))
        parts.append(pa.py_buffer(data))
        arrays.append(pa.Array.from_buffers(types[kind], rows, parts, null_count=missing))
    return pa.Table.from_arrays(arrays, names=names)


def _frame(rows: int, names: List[str], buffers):
    pd = _pandas()
    import numpy as np  # pandas's own dependency

    def missing(valid):
        if valid is None:
            return np.zeros(rows, dtype=bool)
        bits = np.unpackbits(np.frombuffer(valid, dtype=np.uint8), bitorder="little")
        return ~bits[:rows].astype(bool)

    data = {}
    for name, (kind, _missing, valid, offsets, raw) in zip(names, buffers):
        if kind == "f64":  # a missing value holds NaN already
            data[name] = np.frombuffer(raw, dtype="<f8")
        elif kind == "i32":
            data[name] = pd.arrays.IntegerArray(np.frombuffer(raw, dtype="<i4").astype("int64"),
                                                missing(valid))
        else:
            ends, text, gone = np.frombuffer(offsets, dtype="<i8"), bytes(raw), missing(valid)
            data[name] = pd.Series([None if gone[i] else text[ends[i]:ends[i + 1]].decode()
                                    for i in range(rows)], dtype=object)
    return pd.DataFrame(data, columns=names)


def _long(paths, workers: Optional[int], format: Optional[str], lang: str, isolate: bool,
          which: int, columns: List[str]):
    pd = _pandas()
    rows = []
    for item in read_many(paths, workers=workers, format=format, lang=lang, progress=False,
                          isolate=isolate):
        if isinstance(item, Report):
            part = _xxgk.long_rows(item._json, lang)[which]
            rows.extend((item.path, *row) for row in part)
    return pd.DataFrame(rows, columns=columns)


def values(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = None,
           format: Optional[str] = None, lang: str = "zh", isolate: bool = True):
    """数值长表：每份报告每个数值一行。One row per report and value, as ``values.csv``: the value,
    its text as printed and its place (in the language asked for, and for programs)."""
    frame = _long(paths, workers, format, lang, isolate, 0, VALUE_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    return frame


def findings(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = None,
             format: Optional[str] = None, lang: str = "zh", isolate: bool = True):
    """问题长表：每个问题一行。One row per finding, as ``findings.csv`` (each report's own
    findings; the checks across reports are ``xxgk batch``'s)."""
    return _long(paths, workers, format, lang, isolate, 1, FINDING_COLUMNS)


def codebook():
    """每个数值列的含义。What each value column holds (a ``pandas.DataFrame``)."""
    return _pandas().DataFrame(
        _xxgk.codebook_rows(),
        columns=["column", "table", "row", "row_label", "column_key", "column_label", "unit",
                 "table_label"],
    )
