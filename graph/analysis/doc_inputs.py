"""Analysis input kept document by document, so that an update reads only the documents that changed.

Each document's own part of ``graph.ttl`` (see graph.graphfiles) gives a :class:`DocInput`: its
tasks, its assignments as stated (before their units and roles are looked up), its indicator
counts and its plans. The file's head (prefixes, ontology) and the documents' shared parts (unit
and region triples, a few MB) are read on every run; :func:`combine` joins them with the
documents' inputs into the ``GraphData`` that one pass over the whole file gives. A generation
keeps each document's input in ``analysis/.inputs/`` (named by the document's key in the graph
index), so that the next build reads again only the parts of documents it does not find there.

Documents are read apart only when each talks about its own subjects alone (``plan/{sha12}…``,
``doc/{sha12}…``) and no two share them; otherwise the whole file is read in one pass.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, product
from pathlib import Path

from graph.analysis.rows import (NO_UNIT, PLANKG, Assignment, GraphData, PlanInfo, _local, _row_key,
                                 add_untyped_plans, assignment_row, preferred_labels, role_of)
from graph.analysis.turtle_read import (AGENT, BASIS, IN_PLAN, INFERRED, OF_TASK, POSITION, ROLE, SECTION,
                                        SIDE_PROPERTIES, TITLE, TYPES, _first, _scan, _values)

ID = "https://w3id.org/plankg/id/"
INPUTS = ".inputs"   # in analysis/: one file per document


@dataclass(slots=True)
class DocInput:
    """What one document's own triples give the analysis (units, roles and regions not looked up yet)."""

    tasks: dict[str, tuple[str, str, str]]   # task → (plan, title, section), the largest values
    assignments: list[tuple]                 # (iri, tasks, units, role nodes, positions, basis, inferred)
    indicators: dict[str, int]               # task → its indicators stated here
    plans: list[tuple]                       # (iri, title, region IRIs, lead convention, document names)
    functions: list[str]                     # function concepts named here
    foreign: bool = False                    # it needs what other parts state about its subjects

    def plain(self) -> tuple:
        """The input as plain values (for ``marshal`` and the worker pipes)."""
        return (self.tasks, self.assignments, self.indicators, self.plans, self.functions, self.foreign)


def own_prefixes(sha: str) -> tuple[str, str]:
    """The IRI prefixes of the subjects a document states (its plan, tasks, assignments …; its source)."""
    return f"{ID}plan/{sha[:12]}", f"{ID}doc/{sha[:12]}"


def doc_input(records: dict[str, list], side: dict[str, dict[str, list]], own: tuple[str, ...] = ()) -> DocInput:
    """A document's input from the records and side properties of its part (``turtle_read._scan``);
    ``own``: the prefixes of its subjects (any other subject, or a unit, role or concept among
    them, marks the input ``foreign``)."""
    label_of, region_of, kind_of, function_of, rdfs_label, convention_of, derived, identifier, code = (
        side[p] for p in SIDE_PROPERTIES)
    tasks: dict[str, tuple[str, str, str]] = {}
    indicators: dict[str, int] = {}
    plans, assignments = [], []
    for subject, record in records.items():
        plans_in = _values(record[IN_PLAN])
        if plans_in:
            tasks[subject] = (max(plans_in), max(_values(record[TITLE]), default=""),
                              max(_values(record[SECTION]), default=""))
        types = _values(record[TYPES])
        if PLANKG + "Indicator" in types:
            for task in _values(record[OF_TASK]):
                indicators[task] = indicators.get(task, 0) + 1
        if PLANKG + "Plan" in types:
            docs = [name for doc in _first(derived, subject) for name in _first(identifier, doc)]
            plans.append((subject, max(_values(record[TITLE]), default=""), _first(region_of, subject),
                          max(_first(convention_of, subject), default=""), docs))
        if PLANKG + "Assignment" in types:
            assignments.append((subject, _values(record[OF_TASK]), _values(record[AGENT]), _values(record[ROLE]),
                                _values(record[POSITION]) or [""], max(_values(record[BASIS]), default=""),
                                max(_values(record[INFERRED]), default="")))
    functions = sorted({f for values in function_of.values() for f, _ in values})
    result = DocInput(tasks, assignments, indicators, plans, functions)
    result.foreign = bool(own) and _is_foreign(result, records, side, own)
    return result


def _is_foreign(doc: DocInput, records: dict, side: dict, own: tuple[str, ...]) -> bool:
    """Whether a document's part states something about another subject than its own, or names
    as unit, role, region or function concept one of its own subjects (looked up in the shared parts)."""
    if not all(s.startswith(own) for s in chain(records, *side.values())):
        return True
    named = chain(doc.functions, (r for plan in doc.plans for r in plan[2]),
                  (v for a in doc.assignments for v in chain(a[2], a[3])))
    return any(v.startswith(own) for v in named) or any(PLANKG + "Unit" in _values(r[TYPES]) for r in records.values())


def combine(inputs: list[DocInput], records: dict[str, list], side: dict[str, dict[str, list]],
            source: str) -> GraphData:
    """The ``GraphData`` of the documents' ``inputs`` with units, role codes, region and function
    labels looked up in ``records`` and ``side`` (the head and shared parts, or the whole file)."""
    label_of, region_of, kind_of, function_of, rdfs_label, _, _, _, code = (side[p] for p in SIDE_PROPERTIES)
    units: dict[str, tuple[str, str, str, str]] = {}
    for subject, record in records.items():
        if PLANKG + "Unit" in _values(record[TYPES]):
            regions = [label for r in _first(region_of, subject) for label in _first(rdfs_label, r)]
            units[subject] = (max(_first(label_of, subject), default=""), max(regions, default=""),
                              max((_local(k, "kind-") for k in _first(kind_of, subject)), default=""),
                              max(_first(function_of, subject), default=""))
    tasks, indicators, plans = {}, {}, {}
    for doc in inputs:
        tasks.update(doc.tasks)
        for task, count in doc.indicators.items():
            indicators[task] = indicators.get(task, 0) + count
        for iri, title, region_iris, convention, docs in doc.plans:
            regions = [(label, r) for r in region_iris for label in (_first(rdfs_label, r) or [""])]
            region_label, region_iri = max(regions, default=("", ""))
            plans[iri] = PlanInfo(iri=iri, title=title, region=region_label, region_iri=region_iri,
                                  lead_convention=convention, doc=max(docs, default=""))
    roles: dict[str, str] = {}
    rows = []
    for doc in inputs:
        rows += _assignment_rows(doc.assignments, tasks, units, code, roles)
    rows.sort(key=_row_key)
    functions = {f for values in function_of.values() for f, _ in values}.union(*(doc.functions for doc in inputs))
    labels = preferred_labels((concept, label, lang) for concept in sorted(functions)
                              for label, lang in label_of.get(concept, ()))
    add_untyped_plans(plans, rows)
    return GraphData(rows, plans, indicators, labels, source)


def _assignment_rows(assignments: list[tuple], tasks: dict, units: dict, code: dict, roles: dict) -> list[Assignment]:
    """One row per assignment: of every combination of its values, the one with the smallest row key."""
    rows = []
    for subject, task_list, unit_list, role_nodes, positions, basis, inferred in assignments:
        best = None
        if len(task_list) == len(unit_list) == len(role_nodes) == len(positions) == 1:   # the usual case
            combinations = ((task_list[0], unit_list[0], role_nodes[0], positions[0]),)
        else:
            combinations = product(task_list, unit_list, role_nodes, positions)
        for task, unit, role_node, position in combinations:
            role = roles.get(role_node)
            if role is None:
                role = roles[role_node] = role_of(max(_first(code, role_node), default=""), role_node)
            if not role or task not in tasks:
                continue
            row = assignment_row(subject, task, tasks[task], unit, units.get(unit, NO_UNIT),
                                 (role, basis, position, inferred))
            if best is None or _row_key(row) < _row_key(best):
                best = row
        if best is not None:
            rows.append(best)
    return rows


def read_by_document(out_dir: Path, pool=None, previous: Path | None = None) -> GraphData | None:
    """The ``GraphData`` of ``out_dir/graph.ttl`` read document by document (see the module's
    docstring), taking the inputs of unchanged documents from ``previous`` (an analysis/ folder)
    and keeping every document's input in ``out_dir/analysis/.inputs/``; None when the file has
    no graph index that describes it, or its documents cannot be read apart."""
    from graph.graphfiles import GraphIndex

    ttl = Path(out_dir) / "graph.ttl"
    index = GraphIndex.load(Path(out_dir))
    if index is None or "ttl" not in index.formats or not _describes(index, ttl):
        return None
    if len({d.sha[:12] for d in index.docs}) < len(index.docs):
        return None   # two copies of one document state the same subjects
    starts = index.starts("ttl")
    with open(ttl, "rb") as handle:
        head = os.pread(handle.fileno(), index.head["ttl"], 0)
        shared = [os.pread(handle.fileno(), d.lengths["ttl"][0], at) for d, at in zip(index.docs, starts)]
    records, side = _scan_bytes(head + b"".join(shared))
    if any(s.startswith((f"{ID}plan/", f"{ID}doc/")) for s in chain(records, *side.values())):
        return None
    cache = InputCache(Path(out_dir) / "analysis" / INPUTS, previous / INPUTS if previous else None)
    inputs = {n: cache.get(d.key) for n, d in enumerate(index.docs)}
    missing = [(n, starts[n] + d.lengths["ttl"][0], d.lengths["ttl"][1], own_prefixes(d.sha))
               for n, d in enumerate(index.docs) if inputs[n] is None]
    inputs.update(_read_documents(ttl, _prefix_lines(head), missing, pool))
    if any(doc.foreign for doc in inputs.values()):
        return None
    cache.save({d.key: inputs[n] for n, d in enumerate(index.docs) if d.key})
    return combine([inputs[n] for n in range(len(index.docs))], records, side, str(ttl))


def _describes(index, ttl: Path) -> bool:
    """Whether the index accounts for every byte of the Turtle file."""
    try:
        size = ttl.stat().st_size
    except OSError:
        return False
    return size == index.head["ttl"] + sum(sum(d.lengths["ttl"]) for d in index.docs)


def _prefix_lines(head: bytes) -> bytes:
    """The prefix declarations at the start of the file."""
    lines = []
    for line in head.split(b"\n"):
        if not line.startswith(b"@prefix"):
            break
        lines.append(line + b"\n")
    return b"".join(lines)


def _scan_bytes(data: bytes):
    import io

    return _scan(io.BytesIO(data))


def _read_documents(ttl: Path, header: bytes, parts: list[tuple], pool) -> dict[int, DocInput]:
    """The inputs of the documents whose own parts are ``parts`` ((position, start, length, own
    prefixes)): in 1 + n batches at once given a ``WorkerPool`` of n workers and many parts."""
    workers = len(pool.workers) if pool is not None else 0
    if workers and len(parts) >= 8 * (workers + 1):
        size = -(-len(parts) // (workers + 1))
        batches = [parts[i:i + size] for i in range(0, len(parts), size)]
        for number, batch in enumerate(batches[1:]):
            pool.submit(read_documents, (str(ttl), header, batch), tag=number, cost=1)
        answers = read_documents((str(ttl), header, batches[0]))
        for _ in batches[1:]:
            answers += pool.next_done()[1]
    else:
        answers = read_documents((str(ttl), header, parts))
    return {n: DocInput(*plain) for n, plain in answers}


def read_documents(job: tuple[str, bytes, list[tuple]]) -> list[tuple[int, tuple]]:
    """(position, plain input) of each document part of a job (runs in worker processes too)."""
    path, header, parts = job
    out = []
    with open(path, "rb") as handle:
        for position, start, length, own in parts:
            records, side = _scan_bytes(header + os.pread(handle.fileno(), length, start))
            out.append((position, doc_input(records, side, tuple(own)).plain()))
    return out


@lru_cache(maxsize=1)
def input_version() -> str:
    """What a kept input depends on besides the document: the code that reads it, the marshal format."""
    h = hashlib.sha256(repr((sys.version_info[:2], marshal.version)).encode())
    for name in ("doc_inputs.py", "turtle_read.py", "rows.py"):
        h.update((Path(__file__).resolve().parent / name).read_bytes())
    return h.hexdigest()[:12]


class InputCache:
    """The documents' inputs of one generation (``folder``), taken over from the ``previous`` one."""

    def __init__(self, folder: Path, previous: Path | None):
        self.folder, self.previous = folder, previous
        self.found: dict[str, Path] = {}   # key → the previous generation's file, when it was read

    def name(self, key: str) -> str:
        return f"{key}.{input_version()}"

    def get(self, key: str) -> DocInput | None:
        """A document's input kept by the previous generation, or None."""
        if not key or self.previous is None:
            return None
        path = self.previous / self.name(key)
        try:
            plain = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        self.found[key] = path
        return DocInput(*plain)

    def save(self, inputs: dict[str, DocInput]) -> None:
        """Keep every document's input (hard links to the previous generation's files where it can)."""
        from graph.parts import link_or_copy

        self.folder.mkdir(parents=True, exist_ok=True)
        for key, doc in inputs.items():
            target = self.folder / self.name(key)
            if target.exists():
                continue
            if key in self.found:
                link_or_copy(self.found[key], target)
            else:
                target.write_bytes(marshal.dumps(doc.plain()))
