"""What the views take from analysis/units.json, gathered scope by scope: the dashboard's units
table, the function labels and the unit kinds. A scope's summary is kept in ``views/.summaries.json``
with the digest of its analysis, so that an update reads from units.json (by byte range, from
``analysis/.parts.json``) only the rows of scopes analysed again; without those files every row is read.
"""
from __future__ import annotations

import hashlib
import heapq
import json
from dataclasses import dataclass, fields
from pathlib import Path

from graph.views import dashboard
from graph.views.dashboard import UnitRow, UnitTable, json_row_rank, unit_row
from graph.views.inputs import Scope, ViewsInputError, as_flag, as_text, iter_unit_rows

SUMMARIES = ".summaries.json"   # in views/
ROW_FIELDS = tuple(f.name for f in fields(UnitRow))


@dataclass
class ScopeSummary:
    """One scope's rows of units.json as the views use them."""

    rows: int
    overloaded: int
    kept: list[UnitRow]          # its heaviest leads, best first (none for scopes the table does not list)
    functions: dict[str, str]    # function → its first label in the scope's rows
    kinds: list[str]             # the kinds of its units ("unknown" for none)

    def plain(self) -> list:
        return [self.rows, self.overloaded, [[getattr(r, name) for name in ROW_FIELDS] for r in self.kept], self.functions, self.kinds]

    @classmethod
    def from_plain(cls, plain: list) -> "ScopeSummary":
        rows, overloaded, kept, functions, kinds = plain
        return cls(rows, overloaded, [UnitRow(*r) for r in kept], functions, kinds)


def summarise(rows: list[dict], keep: bool) -> ScopeSummary:
    """The summary of a scope's rows (dicts of units.json); ``keep``: keep its heaviest leads (only
    they are made into ``UnitRow``s)."""
    summary = ScopeSummary(0, 0, [], {}, [])
    kinds: set[str] = set()
    for row in rows:
        function, label = as_text(row.get("function")), as_text(row.get("function_label"))
        if function and label:
            summary.functions.setdefault(function, label)
        kinds.add(as_text(row.get("kind")) or "unknown")
        summary.rows += 1
        if keep:
            summary.overloaded += as_flag(row.get("overloaded"))
    if keep:   # as sorting every row by row_rank and keeping the first ones
        heaviest = heapq.nsmallest(dashboard.MAX_TABLE_ROWS_PER_SCOPE, rows, key=json_row_rank)
        summary.kept = [unit_row(row) for row in heaviest]
    summary.kinds = sorted(kinds)
    return summary


def read_unit_table(out_dir: Path, scopes: tuple[Scope, ...],
                    previous: Path | None) -> tuple[UnitTable, dict[str, str], set[str]]:
    """The dashboard's units table, function → label and the kinds of units, from the summaries of
    the ``previous`` views/ folder where a scope's analysis did not change, else from units.json."""
    table = UnitTable(scopes)
    units = out_dir / "analysis" / "units.json"
    summaries = _summaries_by_range(out_dir, scopes, table, previous)
    if summaries is None:
        return _read_all(units, table)
    functions: dict[str, str] = {}
    kinds: set[str] = set()
    for scope in scopes:
        summary = summaries[scope.id]
        for function, label in summary.functions.items():
            functions.setdefault(function, label)
        kinds.update(summary.kinds)
        table.add_summary(scope.id, summary.rows, summary.overloaded, summary.kept)
    return table, functions, kinds


def _read_all(units: Path, table: UnitTable) -> tuple[UnitTable, dict[str, str], set[str]]:
    """Every row of units.json, one at a time."""
    functions: dict[str, str] = {}
    kinds: set[str] = set()
    for row in iter_unit_rows(units):
        function, label = as_text(row.get("function")), as_text(row.get("function_label"))
        if function and label:
            functions.setdefault(function, label)
        kinds.add(as_text(row.get("kind")) or "unknown")
        table.add(row)
    return table, functions, kinds


def _summaries_by_range(out_dir: Path, scopes: tuple[Scope, ...], table: UnitTable,
                        previous: Path | None) -> dict[str, ScopeSummary] | None:
    """Each scope's summary: the previous one when its analysis digest is the same, else read from
    its rows in units.json; None when analysis/.parts.json does not describe the scopes."""
    if any(scope.rows is None for scope in scopes):
        return None
    salt = _salt()
    old = _load(previous / SUMMARIES) if previous else {}
    kept: dict[str, dict] = {}
    summaries = {}
    with open(out_dir / "analysis" / "units.json", "rb") as handle:
        for scope in scopes:
            keep = scope.id not in table.unlisted
            digest = hashlib.sha256(f"{salt}{keep}{scope.digest}".encode()).hexdigest() if scope.digest else ""
            if digest and old.get(scope.id, {}).get("digest") == digest:
                summaries[scope.id] = ScopeSummary.from_plain(old[scope.id]["summary"])
            else:
                handle.seek(scope.rows.start)
                text = handle.read(scope.rows.length).decode("utf-8")
                summaries[scope.id] = summarise(_rows(text, units_path=handle.name), keep)
            if digest:
                kept[scope.id] = {"digest": digest, "summary": summaries[scope.id].plain()}
    (out_dir / "views").mkdir(parents=True, exist_ok=True)
    (out_dir / "views" / SUMMARIES).write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return summaries


def _rows(text: str, units_path: str) -> list[dict]:
    """The row objects of one scope's part of units.json."""
    try:
        rows = json.loads(f"[{text}]")
    except ValueError as exc:
        raise ViewsInputError(f"{units_path}: cannot read a scope's rows: {exc}") from exc
    if not all(isinstance(row, dict) for row in rows):
        raise ViewsInputError(f"{units_path}: expected a list of row objects")
    return rows


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _salt() -> str:
    """The code the summaries are made by."""
    here = Path(__file__).resolve().parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in ("unit_summaries.py", "dashboard.py",
                                                                          "inputs.py"))).hexdigest()
