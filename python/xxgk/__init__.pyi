"""xxgk 的类型说明。Type stubs of xxgk (see the module's docstring)."""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Union

if TYPE_CHECKING:
    import pandas

PathLike = Union[str, os.PathLike[str]]
#: 数据集中数值之前的列。The dataset's columns before the values.
ID_COLUMNS: List[str]
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

def read(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = ..., lang: str = ...) -> Report:
    """读取一份报告。Read one report; raises ``ReadError``."""

def check(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = ..., lang: str = ...) -> List[Finding]:
    """检查一份报告。Every finding of one report."""

def read_many(
    paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ..., progress: bool = ...
) -> Iterator[Union[Report, ReadError]]:
    """按输入顺序读取多个输入。Files, folders and zips, in input order, read in parallel."""

def dataset(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ...) -> "pandas.DataFrame":
    """数据集，每份报告一行。One row per report, the columns of ``reports_wide.csv``."""

def values(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ...) -> "pandas.DataFrame":
    """数值长表。One row per report and value, as ``values.csv``."""

def findings(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ...) -> "pandas.DataFrame":
    """问题长表。One row per finding, as ``findings.csv``."""

def codebook() -> "pandas.DataFrame":
    """代码表。What each value column holds."""
