"""Plain typed records passed from one pipeline stage to the next.

The stages are ``ingest`` → ``structure`` → ``units`` → ``agencies`` (and
``indicators``) → ``model``. Each stage reads the records of the one before and
returns new ones; none of them knows RDF or the terminal.

Offsets (``start``/``end``) are character offsets into ``SourceText.text``, so
``text[start:end]`` is always the quoted source of a record.

No stage changes a record it was given (``dataclasses.replace`` makes a new one). The records
made by the thousand per document (``UnitMention``, ``Task``, ``Indicator``) are plain slotted
dataclasses rather than frozen ones: a frozen dataclass costs two to three times as much to build.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text on one line and its span in ``SourceText.text``.

    ``text`` is the cell as printed, on one line; ``text[start:end]`` of the source is where it
    stands (an empty cell has ``start == end``).
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table of a document: rows of cells on the table's grid.

    Every row has one cell per grid column. A merged cell (a Word ``gridSpan``/``vMerge``, an
    HTML ``colspan``/``rowspan``) is the same :class:`Cell` (same offsets) in every row and
    column it spans, so its value belongs to each of them. ``start``/``end`` delimit the
    table's cells in ``SourceText.text``. ``kind`` says where the table came from: ``docx``,
    ``html`` or ``pdf`` (read from the file's own table structure), ``script`` (records of a page's
    script data, :mod:`graph.ingest.script_data`) or ``text`` (recovered from cells flattened into
    text by :mod:`graph.structure.table_recovery`).
    """

    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class SourceText:
    """A document read into text: what ``ingest`` produces."""

    path: str            # path as given by the user
    name: str            # file name, used as ``doc`` in query results
    sha256: str          # hash of the file's bytes: the document's identity
    text: str            # decoded text, one paragraph or table cell per line
    format: str          # txt | html | docx | pdf
    encoding: str = ""   # the encoding the bytes were decoded with (text formats)
    tables: tuple[Table, ...] = ()  # the tables the file itself structures (Word, web page, PDF)
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class UnitMention:
    """One unit as printed for a task, cleaned, with its role."""

    name: str            # cleaned surface form (``县发改局``)
    role: str            # lead | cooperating | responsible
    basis: str           # column | star | text | listed
    start: int           # span of the name in the source text
    end: int
    alias: str = ""      # ``区委宣传部<区文明办>`` → alias ``区文明办``
    inferred: bool = False  # role inferred by a lead policy, not printed


@dataclass(slots=True)
class Task:
    """The smallest numbered or titled item that carries units or targets."""

    key: str             # stable id within the document: ``b2-1-3`` or ``a12``
    source: str          # body | annex
    number: str          # as printed: ``(一)``, ``3``, ``12``
    title: str
    section: tuple[str, ...]  # headings above the task, outermost first
    text: str            # the task's whole text (heading line and body)
    start: int
    end: int
    units: tuple[UnitMention, ...] = ()
    deadline: str = ""
    units_text: str = ""  # the raw text the units were read from
    units_start: int = -1
    units_end: int = -1
    # targets given as table cells (指标 | 单位 | 基数 | 目标): (value cell, unit cell, start, end, baseline cell, year)
    target_cells: tuple[tuple[str, str, int, int, str, int | None], ...] = ()
    table: str = ""      # for a table row: the kind of table it was read from (docx | html | pdf | text)


@dataclass(frozen=True)
class PlanMeta:
    """Metadata of a plan (the plan, not its covering notice)."""

    title: str
    region: str = ""
    parent_region: str = ""
    issuer: str = ""
    doc_number: str = ""
    issued: str = ""     # ISO date, or ""
    period_start: int | None = None
    period_end: int | None = None
    lead_convention: str = ""  # column | star | listed | text | first-listed
    references: tuple[str, ...] = ()
    title_start: int = -1
    title_end: int = -1


@dataclass(frozen=True)
class Plan:
    """A plan document after ``structure`` and ``units``."""

    source: SourceText
    meta: PlanMeta
    tasks: tuple[Task, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agency:
    """A unit resolved within its region: what ``agencies`` produces."""

    key: str             # region-scoped identity: ``嘉善县/发改局``
    name: str            # display name (``县发改局``)
    region: str
    kind: str            # government | party | congress | mass | soe | township | collective | other
    function: str = ""   # function concept id from ontology/functions.ttl, or ""
    surface_forms: tuple[str, ...] = ()


@dataclass(slots=True)
class Indicator:
    """A quantitative target stated in a task."""

    text: str            # the clause the target was read from
    start: int
    end: int
    value: float
    unit: str            # normalised unit: ``%``, ``个``, ``亿元`` …, or "" for a ratio
    op: str              # >= | <= | ~ | =
    kind: str            # count | percentage | money | area | length | ratio | rate | mass | time … (ontology/measure_units.json)
    metric: str = ""     # metric name as printed, when the text gives one
    metric_concept: str = ""  # id of the SKOS metric concept, when recognised
    year: int | None = None
    baseline: float | None = None
    value_text: str = ""  # the number as printed


@dataclass
class ExtractedPlan:
    """Everything extracted from one document, ready for the model stage."""

    plan: Plan
    agencies: dict[str, Agency] = field(default_factory=dict)   # unit key → Agency
    unit_keys: dict[tuple[str, int], str] = field(default_factory=dict)  # (task key, mention index) → unit key
    indicators: dict[str, tuple[Indicator, ...]] = field(default_factory=dict)  # task key → indicators
