"""xxgk 的类型说明。Type stubs of xxgk (see the module's docstring)."""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, Union, overload

if TYPE_CHECKING:
    import pandas
    import pyarrow

PathLike = Union[str, os.PathLike[str]]
#: 数据集中数值之前的列。The dataset's columns before the values.
ID_COLUMNS: List[str]
#: ``format=`` 可用的格式。The formats ``format=`` may name.
FORMATS: Tuple[str, ...]
VALUE_COLUMNS: List[str]
FINDING_COLUMNS: List[str]
__version__: str

class ReadError(Exception):
    """无法读取，或不是年度报告。A file that could not be read, or is not a report."""

    kind: str
    path: str
    def __init__(self, message: str, kind: str, path: str) -> None: ...

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

class Report:
    """一份年度报告。One annual report, as ``xxgk parse`` writes it."""

    #: 读取的输入（压缩包内的条目写作 ``压缩包!/条目``）。The input read.
    path: str
    @property
    def agency(self) -> Optional[str]: ...
    @property
    def year(self) -> Optional[int]: ...
    @property
    def metadata(self) -> Dict[str, Any]: ...
    @property
    def active(self) -> Dict[str, Any]: ...
    @property
    def applications(self) -> Dict[str, Any]: ...
    @property
    def review_litigation(self) -> Dict[str, Any]: ...
    @property
    def sections(self) -> List[Dict[str, Any]]: ...
    @property
    def provenance(self) -> Dict[str, Any]: ...
    @property
    def findings(self) -> List[Finding]:
        """全部问题。Every finding."""
    @property
    def values(self) -> Dict[str, Optional[float]]:
        """按代码表列名的 200 个数值。The 200 values by codebook column name."""
    def to_dict(self) -> Dict[str, Any]:
        """与 ``xxgk parse`` 输出相同的字典。The report as ``xxgk parse`` prints it."""
    def _repr_html_(self) -> str: ...

Paths = Union[PathLike, Iterable[PathLike]]

def read(
    path_or_bytes: Union[PathLike, bytes],
    *,
    name: Optional[str] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    isolate: bool = ...,
) -> Report:
    """读取一份报告（默认在子进程中读取）。Read one report (in a worker process unless
    ``isolate=False``); ``format``: one of ``FORMATS``, else the content decides. Raises
    ``ReadError``."""

def check(
    path_or_bytes: Union[PathLike, bytes],
    *,
    name: Optional[str] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    isolate: bool = ...,
) -> List[Finding]:
    """检查一份报告。Every finding of one report."""

def read_many(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    progress: bool = ...,
    isolate: bool = ...,
) -> Iterator[Union[Report, ReadError]]:
    """按输入顺序读取多个输入。Files, folders and zips, in input order, read in parallel."""

@overload
def dataset(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    progress: bool = ...,
    isolate: bool = ...,
    arrow: Literal[False] = ...,
) -> "pandas.DataFrame":
    """数据集，每份报告一行。One row per report, the columns of ``reports_wide.csv``."""

@overload
def dataset(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    progress: bool = ...,
    isolate: bool = ...,
    arrow: Literal[True],
) -> "pyarrow.Table":
    """数据集（Arrow 表）。The dataset as a ``pyarrow.Table`` over the column buffers Rust filled."""

@overload
def dataset(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    progress: bool = ...,
    isolate: bool = ...,
    arrow: bool = ...,
) -> Union["pandas.DataFrame", "pyarrow.Table"]: ...

def values(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    isolate: bool = ...,
) -> "pandas.DataFrame":
    """数值长表。One row per report and value, as ``values.csv``."""

def findings(
    paths: Paths,
    *,
    workers: Optional[int] = ...,
    format: Optional[str] = ...,
    lang: str = ...,
    isolate: bool = ...,
) -> "pandas.DataFrame":
    """问题长表。One row per finding, as ``findings.csv``."""

def codebook() -> "pandas.DataFrame":
    """代码表。What each value column holds."""
