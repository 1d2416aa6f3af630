"""What each plan adds to the scopes that hold it: the parts of its nodes' loads and its
collaboration and co-assignment weights, at the unit and at the function level.

A task belongs to one plan, so the loads and weights of a scope are those of its plans added up
(``scope_measures``): the all-regions scopes of an update are summed from the plans' contributions,
each kept per plan in ``analysis/.contributions/`` under the digest of the plan's scope
(graph.analysis.digests), instead of being measured again from every row.
"""
from __future__ import annotations

import marshal
import sys
from dataclasses import dataclass
from pathlib import Path

from graph.analysis.graphs import co_assignment_weights, collaboration_weights, merged_weights, rows_by_task
from graph.analysis.loads import LoadPart, ScopeLoads, load_part, loads_of_parts, plan_groups
from graph.analysis.scopes import Scope

LEVELS = ("unit", "function")
FOLDER = ".contributions"   # in analysis/: one file per plan, named by its scope's digest


@dataclass(slots=True)
class Contribution:
    """One plan's part of a scope's loads and weights at one level."""

    loads: LoadPart
    collaboration: dict[tuple[str, str], int]   # (lead, other) → tasks, in the order first met
    co_assignment: dict[tuple[str, str], int]   # (unit, unit) → tasks, in the order first met

    def plain(self) -> tuple:
        """The contribution as plain values (for ``marshal``)."""
        return (self.loads.plain(), self.collaboration, self.co_assignment)

    @classmethod
    def from_plain(cls, plain: tuple) -> "Contribution":
        loads, collaboration, co_assignment = plain
        return cls(LoadPart.from_plain(loads), collaboration, co_assignment)


def contribution(rows: list, level: str, indicators: dict[str, int]) -> Contribution:
    """The contribution of one plan's rows (sorted) at ``level`` (unit | function)."""
    by_task = rows_by_task(rows, level)
    return Contribution(load_part(rows, level, indicators), collaboration_weights(by_task),
                        dict(co_assignment_weights(by_task)))


def row_contributions(scope: Scope, indicators: dict[str, int]) -> list[Contribution]:
    """The contributions of a scope's plans, made from its rows."""
    return [contribution(rows, scope.level, indicators) for rows in plan_groups(scope.rows)]


def scope_measures(contributions: list[Contribution], scope: Scope, function_labels: dict[str, str]) \
        -> tuple[ScopeLoads, dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """The loads, collaboration and co-assignment weights of ``scope`` from its plans'
    contributions (in the order of its rows)."""
    loads = loads_of_parts([c.loads for c in contributions], scope, function_labels)
    return (loads, merged_weights([c.collaboration for c in contributions]),
            merged_weights([c.co_assignment for c in contributions]))


class ContributionCache:
    """The plans' contributions of one analysis (``folder``), taken over from the ``previous`` one,
    by the digest of each plan's scope; a file holds both levels."""

    def __init__(self, folder: Path, previous: Path | None):
        self.folder, self.previous = folder, previous
        self.found: dict[str, Path] = {}   # digest → the previous analysis's file, when it was read

    @staticmethod
    def name(digest: str) -> str:
        return f"{digest}.py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}"

    def get(self, digest: str) -> dict[str, Contribution] | None:
        """A plan's contributions by level, as the previous analysis kept them, or None."""
        if not digest or self.previous is None:
            return None
        path = self.previous / self.name(digest)
        try:
            plain = marshal.loads(path.read_bytes())
            found = {level: Contribution.from_plain(plain[level]) for level in LEVELS}
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            return None
        self.found[digest] = path
        return found

    def save(self, by_digest: dict[str, dict[str, Contribution]]) -> None:
        """Keep every plan's contributions (hard links to the previous analysis's files where it can)."""
        from graph.parts import link_or_copy

        self.folder.mkdir(parents=True, exist_ok=True)
        kept = {self.name(digest) for digest in by_digest if digest}
        for stale in self.folder.iterdir():   # plans gone, or measured by other code or settings
            if stale.name not in kept:
                stale.unlink()
        for digest, levels in by_digest.items():
            target = self.folder / self.name(digest)
            if not digest or target.exists():
                continue
            if digest in self.found:
                link_or_copy(self.found[digest], target)
            else:
                target.write_bytes(marshal.dumps({level: c.plain() for level, c in levels.items()}))
