"""The query library: the ``.rq`` files of ``queries/`` (installed as graph/data/queries).

In: a query NAME or the path of a ``.rq`` file. Out: the library's queries with the description
of their leading ``#`` lines (``LibraryQuery``), the file a NAME resolves to (always inside the
library; ``UnknownQuery`` naming close matches when there is none), and a query file's text.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from graph.files import data_dir
from graph.store.errors import QueryError, UnknownQuery

QUERIES_DIR = data_dir("queries")
_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class LibraryQuery:
    """A query file of the library, with the description from its leading comment lines."""

    name: str
    path: Path
    description: tuple[str, ...]

    @property
    def summary(self) -> str:
        return self.description[0] if self.description else ""


def read_description(text: str) -> tuple[str, ...]:
    """The leading ``#`` comment lines of a query, without the ``#``."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        lines.append(stripped[1:].strip())
    while lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


def list_queries(queries_dir: Path = QUERIES_DIR) -> list[LibraryQuery]:
    """The library's queries, by name."""
    found = []
    for path in sorted(queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found.append(LibraryQuery(path.stem, path, read_description(text)))
    return found


def resolve_query(name_or_file: str, queries_dir: Path = QUERIES_DIR) -> Path:
    """The file of a library query NAME, or the given FILE (a path ending in ``.rq``).

    A NAME is letters, digits, ``-`` and ``_`` only and always resolves inside ``queries/``.
    """
    if name_or_file.endswith(".rq"):
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError(f"query file '{name_or_file}' does not exist")
        return path
    if not _QUERY_NAME.fullmatch(name_or_file):
        raise QueryError(f"'{name_or_file}' is neither a query name (letters, digits, - and _) "
                         "nor a .rq file")
    root = queries_dir.resolve()
    path = (root / f"{name_or_file}.rq").resolve()
    if path.parent != root:
        raise QueryError(f"query name '{name_or_file}' leaves the query library")
    if not path.is_file():
        names = [q.name for q in list_queries(queries_dir)]
        close = difflib.get_close_matches(name_or_file, names, n=2, cutoff=0.6)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UnknownQuery(f"no query named '{name_or_file}'; {hint}(plankg query --list shows them all: "
                           f"{', '.join(names)})")
    return path


def read_query(path: Path) -> str:
    """The text of a query file (UTF-8), with a clear message when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file '{path}': {exc}") from exc
