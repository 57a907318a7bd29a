"""Type stubs of xxgk (see the module's docstring)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

import pandas

PathLike = Union[str, os.PathLike[str]]
ID_COLUMNS: List[str]
__version__: str

class ReadError(Exception):
    kind: str
    path: str
    def __init__(self, message: str, kind: str, path: str) -> None: ...

class Finding:
    rule: str
    severity: str
    origin: str
    message: str
    table: Optional[str]
    row: Optional[str]
    column: Optional[str]
    expected: Optional[float]
    found: Optional[float]
    source: Optional[Dict[str, Any]]

class Report:
    agency: Optional[str]
    year: Optional[int]
    metadata: Dict[str, Any]
    active: Dict[str, Any]
    applications: Dict[str, Any]
    review_litigation: Dict[str, Any]
    sections: List[Dict[str, Any]]
    provenance: Dict[str, Any]
    @property
    def findings(self) -> List[Finding]: ...
    @property
    def values(self) -> Dict[str, Optional[float]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def read(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = ..., lang: str = ...) -> Report: ...
def check(path_or_bytes: Union[PathLike, bytes], *, name: Optional[str] = ..., lang: str = ...) -> List[Finding]: ...
def read_many(
    paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ..., progress: bool = ...
) -> Iterator[Union[Report, ReadError]]: ...
def dataset(paths: Union[PathLike, Iterable[PathLike]], *, workers: Optional[int] = ..., lang: str = ...) -> pandas.DataFrame: ...
def codebook() -> pandas.DataFrame: ...
