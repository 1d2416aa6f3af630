"""Assignment rows read straight from ``graph.ttl`` in one streamed pass (no triple store).

Gives the same ``GraphData`` as the SPARQL queries of ``rows.read_graph`` (several values of a
property are resolved the same way: the largest, or every combination for the assignment's
required properties), several times faster and without holding the graph: only the properties
the analysis reads are kept, one small record per subject.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.analysis.rows import PLANKG, AnalysisInputError, GraphData

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# properties kept in a subject's record (assignments, tasks, indicators: many subjects)
RECORD_FIELDS = (RDF_TYPE, PLANKG + "ofTask", PROV + "agent", PROV + "hadRole", PLANKG + "position",
                 PLANKG + "basis", PLANKG + "inferred", PLANKG + "inPlan", DCT + "title", PLANKG + "section")
TYPES, OF_TASK, AGENT, ROLE, POSITION, BASIS, INFERRED, IN_PLAN, TITLE, SECTION = range(len(RECORD_FIELDS))
FIELD_OF = {p: i for i, p in enumerate(RECORD_FIELDS)}
# properties of few subjects (units, plans, regions, documents, concepts, roles): subject → values
SIDE_PROPERTIES = (SKOS + "prefLabel", PLANKG + "region", PLANKG + "kind", PLANKG + "function", RDFS + "label",
                   PLANKG + "leadConvention", PROV + "wasDerivedFrom", DCT + "identifier", PLANKG + "code")
KEPT_TYPES = {PLANKG + name for name in ("Assignment", "Unit", "Plan", "Indicator")}
DERIVED_FROM = PROV + "wasDerivedFrom"


def _add(slot_value, value):
    """A property's values so far plus ``value``: one value is kept as itself, more as a list."""
    if slot_value is None:
        return value
    if isinstance(slot_value, list):
        if value not in slot_value:
            slot_value.append(value)
        return slot_value
    return slot_value if slot_value == value else [slot_value, value]


def _values(slot_value) -> list:
    return [] if slot_value is None else slot_value if isinstance(slot_value, list) else [slot_value]


SPLIT_FROM = 32 * 1024 * 1024     # bytes of Turtle from which the file is read in parts at once (and
                                  # run_analysis starts its workers before the read)


def read_turtle(path: Path, pool=None) -> GraphData:
    """Assignment rows, plans, indicator counts and function labels from a Turtle file.

    With a ``WorkerPool`` of n workers and a large file, the file is cut at statement boundaries
    into 1 + n parts: each worker reads one of the later parts while this process reads the
    first; the records are merged. Any doubt about the split (no boundary found, a parse error
    in any part) falls back to one pass over the whole file.
    """
    path = Path(path)
    parts = 1 + len(pool.workers) if pool is not None else 1
    splits = _split_points(path, parts) if parts > 1 else None
    if splits:
        ends = [start for _, start in splits] + [None]
        for part, ((header, start), end) in enumerate(zip(splits, ends[1:])):
            pool.submit(read_part, (str(path), header, start, end), tag=part, cost=1)
        try:
            first = _scan(_FileRange(path, b"", 0, ends[0]))
        except (SyntaxError, ValueError, OSError):
            first = None
        answers = dict(pool.next_done() for _ in splits)
        others = [answers[part] for part in range(len(splits))]
        if first is not None and not any(isinstance(other, str) for other in others):
            for other in others:
                first = _merge(first, other)
            return _graph_data(*first, str(path))
    try:
        records, side = _scan(path)
    except (SyntaxError, ValueError, OSError) as exc:
        raise AnalysisInputError(f"{path}: cannot read Turtle: {exc}") from exc
    return _graph_data(records, side, str(path))


def read_part(job: tuple[str, bytes, int, int | None]):
    """(records, side properties) of the bytes [start, end) of the Turtle file, read after
    ``header`` (its prefix declarations); the error message as a string when that part does not parse."""
    path, header, start, end = job
    try:
        return _scan(_FileRange(Path(path), header, start, end))
    except (SyntaxError, ValueError, OSError) as exc:
        return str(exc)


class _FileRange:
    """A binary reader of ``header`` then the bytes [start, end) of a file (to its end when ``end`` is None)."""

    def __init__(self, path: Path, header: bytes, start: int, end: int | None):
        self.file = open(path, "rb")
        self.file.seek(start)
        self.header = header
        self.left = None if end is None else end - start

    def read(self, size: int = -1) -> bytes:
        if self.header:
            data, self.header = self.header, b""
            return data
        if self.file.closed:
            return b""
        if self.left is not None:
            size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.file.read(size)
        if self.left is not None:
            self.left -= len(data)
        if not data:
            self.file.close()
        return data


def _split_points(path: Path, parts: int) -> list[tuple[bytes, int]] | None:
    """For each part after the first: (the prefix declarations before it, its byte offset just after
    a statement); None for a small file or when no clear boundary is found."""
    size = path.stat().st_size
    if size < SPLIT_FROM:
        return None
    offsets = []
    with open(path, "rb") as f:
        for k in range(1, parts):
            f.seek(size * k // parts)
            window = f.read(4 * 1024 * 1024)
            cut = window.find(b" .\n\n")
            if cut < 0:
                return None
            offsets.append(size * k // parts + cut + len(b" .\n\n"))
        if offsets != sorted(set(offsets)):
            return None
        f.seek(0)
        declarations: list[tuple[int, bytes]] = []
        done, tail, last = 0, b"\n", offsets[-1]
        while done < last:   # every declaration line before the last split, in order
            chunk = tail + f.read(min(CHUNK, last - done))
            base = done - len(tail)
            for keyword in DECLARATIONS:
                at = chunk.find(b"\n" + keyword)
                while at >= 0:
                    end = chunk.find(b"\n", at + 1)
                    if end < 0:   # the line goes on in the next chunk: read on from its start
                        break
                    declarations.append((base + at, chunk[at + 1:end]))
                    at = chunk.find(b"\n" + keyword, end)
            done += len(chunk) - len(tail)
            tail = chunk[chunk.rfind(b"\n"):]
    ordered = sorted(set(declarations))
    return [(b"\n".join(line for at, line in ordered if at < offset) + b"\n", offset) for offset in offsets]


CHUNK = 16 * 1024 * 1024
DECLARATIONS = (b"@prefix ", b"@base ", b"PREFIX ", b"BASE ", b"prefix ", b"base ")


def _merge(first: tuple[dict, dict], second: tuple[dict, dict]) -> tuple[dict, dict]:
    """The records and side properties of two parts of one file, as if read in one pass."""
    records, side = first
    for subject, record in second[0].items():
        mine = records.get(subject)
        if mine is None:
            records[subject] = record
            continue
        for field, value in enumerate(record):
            for v in _values(value):
                mine[field] = _add(mine[field], v)
    for predicate, values in second[1].items():
        mine = side[predicate]
        for subject, pairs in values.items():
            mine.setdefault(subject, []).extend(pairs)
    return records, side


def _scan(source) -> tuple[dict[str, list], dict[str, dict[str, list]]]:
    """Records (subject → values of ``RECORD_FIELDS``) and side properties of a Turtle file or reader."""
    records: dict[str, list] = {}
    side: dict[str, dict[str, list]] = {p: {} for p in SIDE_PROPERTIES}
    strings: dict[str, str] = {}   # one copy of each repeated IRI (tasks, units, roles, plans)
    last_subject, last_types = None, None
    parsed = (ox.parse(path=str(source), format=ox.RdfFormat.TURTLE) if isinstance(source, Path)
              else ox.parse(input=source, format=ox.RdfFormat.TURTLE))
    for triple in parsed:
        predicate = triple.predicate.value
        field = FIELD_OF.get(predicate)
        if field is None:
            values = side.get(predicate)
            if values is None:
                continue
            subject = triple.subject.value
            if (predicate == DERIVED_FROM and subject == last_subject and last_types is not None
                    and PLANKG + "Plan" not in _values(last_types)):
                continue   # provenance of tasks, assignments, quotes …: only a plan's is read
            obj = triple.object
            values.setdefault(subject, []).append(
                (obj.value, obj.language or "") if isinstance(obj, ox.Literal) else (obj.value, ""))
            continue
        subject = triple.subject.value
        value = triple.object.value
        if field == TYPES and value not in KEPT_TYPES:
            if subject != last_subject:
                last_subject, last_types = subject, None
            last_types = _add(last_types, value)
            continue
        value = strings.setdefault(value, value)
        record = records.get(subject)
        if record is None:
            record = records[subject] = [None] * len(RECORD_FIELDS)
        record[field] = _add(record[field], value)
        if field == TYPES:
            if subject != last_subject:
                last_subject, last_types = subject, None
            last_types = _add(last_types, value)
    return records, side


def _first(values: dict[str, list], subject: str) -> list[str]:
    return [v for v, _ in values.get(subject, ())]


def _graph_data(records: dict[str, list], side: dict[str, dict[str, list]], source: str) -> GraphData:
    """The ``GraphData`` of the records and side properties of a whole file."""
    from graph.analysis.doc_inputs import combine, doc_input

    return combine([doc_input(records, side)], records, side, source)
