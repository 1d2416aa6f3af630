"""Run the stages over a corpus and write the outputs: extraction, graph, report, store.

:func:`extract_document` runs ``ingest → structure → agencies / indicators`` on one
file and returns an :class:`graph.records.ExtractedPlan`. :func:`build_corpus`
does it for a folder — in parallel processes or on a Dask cluster, reusing a cache
keyed by document content and extractor version — and streams every document's
triples into ``graph.ttl`` (and ``graph.nt``/``graph.nq`` on request), then writes
the build report and loads the Oxigraph store. A file that cannot be read becomes
a :class:`Problem`; the others still build. Outputs are replaced atomically.
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import re
import shutil
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph import agencies, indicators, markdown, model, structure, traditional
from graph.corpus import Skipped, scan_corpus
from graph.files import data_dir, write_atomically
from graph.generations import current_generation, new_generation, publish_generation, reading_dir, sweep_generations
from graph.graphfiles import GraphFiles, GraphIndex
from graph.ingest import IngestError, max_bytes_limit, read_document
from graph.processes import process_pool
from graph.records import ExtractedPlan, Indicator, Task

PACKAGE_DIR = Path(__file__).resolve().parent
EXTRACTOR_MODULES = ("records", "chars", "ingest", "traditional", "regions", "structure", "units",
                     "agencies", "indicators", "model", "pipeline", "graphfiles")
VALIDATE_MAX_TRIPLES = 300_000  # SHACL with pyshacl is slow beyond this; `plankg validate` runs it anyway
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, or a warning about one that was."""

    doc: str
    problem: str


@dataclass
class DocumentReport:
    """What was extracted from one document (one entry of ``report.json``)."""

    doc: str
    path: str
    sha256: str
    plan_iri: str
    title: str
    region: str
    parent_region: str
    issuer: str
    doc_number: str
    issued: str
    period_start: int | None
    period_end: int | None
    lead_convention: str
    tasks: int
    units: int
    assignments: dict[str, int]
    indicators: int
    warnings: list[str] = field(default_factory=list)
    # tasks read from table rows, by the kind of table: docx | html | pdf (the file's own tables), text (recovered)
    table_tasks: dict[str, int] = field(default_factory=dict)


@dataclass
class DocumentOutput:
    """One document's extraction as it travels between processes and the cache.

    ``shared``: triples about units and regions (other documents may state them too);
    ``turtle``: the document's own ``triples``, already written out.
    """

    name: str
    report: dict | None
    shared: list[list[str]] = field(default_factory=list)
    turtle: str = ""
    triples: int = 0
    problem: str = ""


@dataclass
class BuildResult:
    """The outcome of a build: documents built, problems met, files written, time per phase."""

    out_dir: Path
    documents: list[DocumentReport]
    problems: list[Problem]
    triples: int = 0
    shacl: dict = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0
    cached: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # corpus entries not read, with the reason

    def summary(self) -> str:
        """A few lines for the terminal."""
        tasks = sum(d.tasks for d in self.documents)
        roles = {r: sum(d.assignments.get(r, 0) for d in self.documents) for r in ("lead", "cooperating", "responsible")}
        lines = [f"built {len(self.documents)} document(s) ({self.extracted} extracted, {self.cached} from cache): "
                 f"{tasks} tasks, {sum(roles.values())} assignments (lead {roles['lead']}, cooperating "
                 f"{roles['cooperating']}, responsible {roles['responsible']}), "
                 f"{sum(d.indicators for d in self.documents)} indicators, {self.triples} triples"]
        for d in self.documents[:20]:
            lines.append(f"  {d.doc}: {d.region or '?'} · {d.title[:40]} · {d.tasks} tasks · "
                         f"lead convention {d.lead_convention or 'none'}")
        if len(self.documents) > 20:
            lines.append(f"  … and {len(self.documents) - 20} more (see report.md)")
        if self.shacl:
            lines.append("SHACL: " + ("conforms" if self.shacl.get("conforms") else
                                      self.shacl.get("skipped") or f"{self.shacl.get('violations')} violation(s)"))
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s), see report.md")
        lines.append(f"outputs in {self.out_dir}/")
        return "\n".join(lines)


# ---------------------------------------------------------------- one document

def corpus_files(corpus: Path) -> list[Path]:
    """The documents of a corpus folder (or a single file), in a stable order."""
    return scan_corpus(corpus).files


def extract_document(path: str | Path) -> ExtractedPlan:
    """Run every extraction stage on one file. Raises IngestError for unreadable files."""
    source = read_document(path)
    reading = traditional.simplified_reading(source.text)  # a 繁體 page is read in simplified characters
    read = traditional.reading_source(source, reading) if reading else source
    plan = structure.parse_plan(read)  # region and parent from graph.regions
    year = plan.meta.period_end
    found = {t.key: tuple(i for i in task_indicators(t, year)
                          if not is_past_figure(i, plan.meta.period_start, read.text))
             for t in plan.tasks if not states_no_targets(t)}
    found.update({t.key: () for t in plan.tasks if t.key not in found})
    if reading:
        plan = traditional.printed_plan(plan, reading, source)
        found = {k: tuple(traditional.printed_indicator(i, reading) for i in v) for k, v in found.items()}
    tasks = tuple(t for t in plan.tasks if t.units or found[t.key])
    warnings = tuple(source.warnings) + tuple(w for w in plan.warnings if w != structure.NO_TASKS) \
        + (() if tasks else ("no tasks with units or targets found",))
    plan = dataclasses.replace(plan, tasks=tasks, warnings=warnings)
    units, unit_keys = agencies.resolve_agencies(plan, plan.meta.region)
    kept = {t.key for t in tasks}
    return ExtractedPlan(plan=plan, agencies=units, unit_keys=unit_keys,
                         indicators={k: v for k, v in found.items() if v and k in kept})


BACKGROUND_SECTION = re.compile(r"现状|形势|发展基础|工作基础|基本情况|总体情况|进展情况|完成情况|取得成效|主要成效|工作成效|背景|存在问题|面临")
#: a section of a plan's frame, which states no target: its purpose, its legal basis, what it applies to (``一、适用范围`` /
#: ``…是指本镇行政区域内总投资额在100万元以下的建设工程``, f36 七宝镇; ``1.2编制依据`` / ``《中华人民共和国突发事件应对法》…``, g34
#: 嘉定), its principles; not its 指导思想, which may state its targets (i92 衡阳 ``指导思想和总体目标``)
FRAME_SECTION = re.compile(r"(?:编制目的|编制依据|适用范围|工作原则|基本原则)$")
#: a section that defines the grades of an emergency (``1.4转移安置分级``, ``(1)Ⅰ级(特别重大)道路交通事故``,
#: ``一、特别重大危险化学品事故``, ``二、二级（重大）油气管道突发事件``, ``1预警级别``)
EVENT_GRADE = re.compile(r"(?:事件|事故|灾害|灾情|险情|转移安置|响应|预警)(?:分级|级别)|分级标准|[ⅠⅡⅢⅣ]级|[一二三四]级[(（]"
                         r"|(?<!处置|应对|防范|预防|遏制|防止|减少|杜绝)(?:特别重大|重大|较大|一般)[^,，。;；:：]{0,16}(?:事故|事件|灾害)$")
RETROSPECT = re.compile(r"\s*(?:近年来|近几年|过去|以往|截[至止](?:目前|\d{4}年\d{1,2}月)|(?:此项|该项)?工作已(?:全面)?完成|[^,，。;；]{0,12}以来)")


def is_past_figure(ind: Indicator, period_start: int | None, text: str) -> bool:
    """A record, not a target: a figure for a year before the plan's period, or in a paragraph
    that looks back (``近年来…``, ``“十四五”以来…``)."""
    if ind.year and period_start and ind.year < period_start:
        return True
    paragraph = text.rfind("\n", 0, ind.start) + 1
    return RETROSPECT.match(text, paragraph) is not None


def states_no_targets(task: Task) -> bool:
    """A task whose figures are no targets: a look back (:data:`BACKGROUND_SECTION`), the plan's frame
    (:data:`FRAME_SECTION`) or the grades of an emergency (:func:`grades_events`)."""
    return BACKGROUND_SECTION.search(task.title) is not None or FRAME_SECTION.match(task.title) is not None \
        or grades_events(task)


def grades_events(task: Task) -> bool:
    """A task that defines a grade of emergency (:data:`EVENT_GRADE`, in its title or a section above it): its
    figures (死亡30人以上, 直接经济损失1亿元以上, 需转移安置的人员在50万人以上) are thresholds that name a grade, not targets.

    Family: the grading of events in emergency plans (预案), in the body or an annex (g34 嘉定 2025 人员转移安置
    ``1.4转移安置分级`` / ``（1）Ⅰ级（特大规模）…50万人以上``; a57 虹口 2025 危险化学品 annex ``一、特别重大危险化学品事故`` /
    ``（三）造成1亿元以上直接经济损失的…``; f52 金山 2020 水务 ``(1)Ⅰ级（特别重大）突发水务事件``)."""
    return any(EVENT_GRADE.search(name) for name in task.section + (task.title,))


def task_indicators(task: Task, year: int | None) -> list[Indicator]:
    """The targets of a task: from its text, and from the cells of an indicator table."""
    found = indicators.extract_indicators(task.text, task.start, year)
    for value, unit, start, end, baseline, cell_year in task.target_cells:
        ind = indicators.indicator_from_cells(task.title, value, unit, start, end, cell_year or year, baseline)
        if ind:
            found.append(ind)
    return found


def document_report(ex: ExtractedPlan) -> DocumentReport:
    """Counts and metadata of one extracted document."""
    plan, meta = ex.plan, ex.plan.meta
    roles = {"lead": 0, "cooperating": 0, "responsible": 0}
    for t in plan.tasks:
        for m in t.units:
            roles[m.role] += 1
    return DocumentReport(
        doc=plan.source.name, path=plan.source.path, sha256=plan.source.sha256,
        plan_iri=model.plan_iri(plan.source.sha256), title=meta.title, region=meta.region,
        parent_region=meta.parent_region, issuer=meta.issuer, doc_number=meta.doc_number, issued=meta.issued,
        period_start=meta.period_start, period_end=meta.period_end, lead_convention=meta.lead_convention,
        tasks=len(plan.tasks), units=len(ex.agencies), assignments=roles,
        indicators=sum(len(v) for v in ex.indicators.values()), warnings=list(plan.warnings),
        table_tasks=dict(sorted(Counter(t.table for t in plan.tasks if t.table).items())))


def document_output(path: str, cache_file: str = "") -> DocumentOutput:
    """Extract one file into its report and Turtle (runs in worker processes); saved to
    ``cache_file`` too when one is given and the file was readable."""
    name = Path(path).name
    try:
        ex = extract_document(path)
        shared, own = model.split_shared(model.document_triples(ex))
        out = DocumentOutput(name, dataclasses.asdict(document_report(ex)), [list(t) for t in shared],
                             model.turtle_chunk(own), len(own))
        if cache_file:
            save_output(Path(cache_file), out)
        return out
    except IngestError as exc:
        return DocumentOutput(name, None, problem=str(exc))
    except Exception as exc:  # an extractor bug must not cost the other documents
        return DocumentOutput(name, None, problem=f"extraction failed: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- cache

@dataclasses.dataclass(frozen=True)
class Cache:
    """Per-document outputs keyed by file name, content and extractor version."""

    folder: Path
    version: str

    def key(self, path: Path) -> str:
        """The cache key of a file, or "" for one too large to read (ingest refuses it anyway)."""
        try:
            stat = path.stat()
        except OSError:
            return ""
        if stat.st_size > max_bytes_limit():
            return ""
        digest = file_digest(str(path), stat.st_size, stat.st_mtime_ns)
        return hashlib.sha256(f"{path.name}\0{digest}\0{self.version}".encode()).hexdigest() if digest else ""

    def path(self, key: str) -> Path:
        """The file of a cache entry."""
        return self.folder / key[:2] / f"{key}.json.gz"

    def has(self, key: str) -> bool:
        return bool(key) and self.path(key).is_file()

    def get(self, key: str) -> DocumentOutput | None:
        if not key:
            return None
        try:
            return DocumentOutput(**json.loads(gzip.decompress(self.path(key).read_bytes()).decode("utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, out: DocumentOutput) -> None:
        save_output(self.path(key), out)


def save_output(path: Path, out: DocumentOutput) -> None:
    """Write one document's output as a cache entry (gzipped JSON, atomically)."""
    fields = {f.name: getattr(out, f.name) for f in dataclasses.fields(out)}   # plain values already: no deep copy
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8")
    write_atomically(path, gzip.compress(data, compresslevel=1, mtime=0))


@lru_cache(maxsize=100_000)
def file_digest(path: str, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file's bytes, read once per build for a given size and time ("" if unreadable)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def extractor_version() -> str:
    """A hash of the extractor's code and data: a change invalidates the cache."""
    h = hashlib.sha256()
    code = [PACKAGE_DIR / f"{m}.py" for m in EXTRACTOR_MODULES]
    code += [f for m in EXTRACTOR_MODULES for f in sorted((PACKAGE_DIR / m).glob("*.py"))]   # modules that are packages
    for f in code + sorted(data_dir("ontology").glob("*")):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def build_signature(files: list[Path], cache: Cache, options: dict) -> str:
    """What a build's outputs depend on: every file's content key, the code, data and options."""
    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for f in sorted(PACKAGE_DIR.rglob("*")) + sorted(data_dir("ontology").glob("*")) \
            + sorted(data_dir("queries").glob("*.rq")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.name.encode())
            h.update(f.read_bytes())
    for f in files:
        h.update(f"{f}\0{cache.key(f)}\n".encode())
    return h.hexdigest()


SIGNATURE_FILE = ".build.json"  # in the generation, so it always describes the outputs beside it
OUTPUTS = ("graph.ttl", "report.json", "report.md")


def up_to_date(out_dir: Path, signature: str) -> bool:
    """True when ``out_dir`` holds the outputs of a build with this signature."""
    folder = reading_dir(out_dir)
    try:
        recorded = json.loads((folder / SIGNATURE_FILE).read_text(encoding="utf-8"))["signature"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return recorded == signature and all((folder / name).exists() for name in OUTPUTS)


def record_signature(generation: Path, signature: str) -> None:
    """Record the signature of the build whose outputs are in ``generation`` (before it is published)."""
    write_atomically(generation / SIGNATURE_FILE, json.dumps({"signature": signature}))


def previous_result(out_dir: Path) -> BuildResult:
    """The result of the build whose outputs are in ``out_dir`` (read back from report.json)."""
    payload = json.loads((reading_dir(out_dir) / "report.json").read_text(encoding="utf-8"))
    result = BuildResult(out_dir=out_dir, documents=[DocumentReport(**d) for d in payload["documents"]],
                         problems=[Problem(**p) for p in payload["problems"]], triples=payload.get("triples", 0),
                         shacl=payload.get("shacl", {}), skipped=[Skipped(**s) for s in payload.get("skipped", [])])
    result.cached = len(result.documents)
    return result


# ---------------------------------------------------------------- running extraction

def run_extraction(paths: list[Path], cache_files: list[str], jobs: int,
                   dask_address: str | None) -> Iterator[DocumentOutput]:
    """Extract ``paths`` in order: in this process, in ``jobs`` processes (each saving its
    outputs to ``cache_files``, "" for none), or on a Dask cluster (whose workers may not
    see this machine's disk: the caller saves those)."""
    if not paths:
        return
    names = [str(p) for p in paths]
    if dask_address:
        from dask.distributed import Client

        with Client(dask_address) as client:
            for start in range(0, len(names), 256):
                futures = client.map(document_output, names[start:start + 256], pure=False)
                yield from client.gather(futures)
        return
    pool = process_pool(jobs, "graph.pipeline") if jobs > 1 and len(names) >= 4 else None
    if pool is None:
        yield from map(document_output, names, cache_files)
        return
    with pool:
        # a bounded window of documents in flight: memory stays flat however large the corpus
        window: deque = deque()
        for name, cache_file in zip(names, cache_files):
            window.append(pool.submit(document_output, name, cache_file))
            if len(window) >= jobs * 4:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def outputs_in_order(files: list[Path], cache: Cache | None, jobs: int, dask_address: str | None,
                     counts: dict[str, int]) -> Iterator[DocumentOutput]:
    """Every file's output in corpus order, from the cache when it has it."""
    keys = [cache.key(f) if cache else "" for f in files]
    hits = {i for i, k in enumerate(keys) if cache and cache.has(k)}
    missing = [i for i in range(len(files)) if i not in hits]
    cache_files = [str(cache.path(keys[i])) if cache and keys[i] and not dask_address else "" for i in missing]
    fresh = run_extraction([files[i] for i in missing], cache_files, jobs, dask_address)
    for i, f in enumerate(files):
        cached = cache.get(keys[i]) if i in hits else None
        if cached is not None:
            counts["cached"] += 1
            yield cached
            continue
        if i in hits:  # unreadable cache entry: extract it here
            out = document_output(str(f))
            counts["extracted"] += 1
            yield out
            continue
        out = next(fresh)
        counts["extracted"] += 1
        if cache and keys[i] and dask_address and out.report is not None:
            cache.put(keys[i], out)
        yield out


# ---------------------------------------------------------------- writing

TABLE_KINDS = {"docx": "Word", "doc": "Word 97", "html": "web", "pdf": "PDF", "xlsx": "Excel", "text": "recovered text"}


def report_markdown(result: BuildResult) -> str:
    """The build report for people."""
    out = ["# plankg build report", ""]
    out.append("| document | region | title | tasks | from tables | units | lead | cooperating | responsible | indicators "
               "| lead convention |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for d in result.documents:
        a = d.assignments
        tables = ", ".join(f"{n} {TABLE_KINDS.get(k, k)}" for k, n in d.table_tasks.items()) or "0"
        cells = [markdown.cell(v) for v in (d.doc, d.region, d.title)]
        out.append(f"| {' | '.join(cells)} | {d.tasks} | {tables} | {d.units} | {a['lead']} | {a['cooperating']} "
                   f"| {a['responsible']} | {d.indicators} | {d.lead_convention} |")
    out += ["", "*from tables*: tasks read from table rows, by kind of table: Word, web page and PDF tables are read "
            "by their cells; recovered text tables were flattened into text and rebuilt."]
    if result.problems:
        out += ["", "## Problems and warnings", ""]
        out += [f"- {markdown.text(p.doc)}: {markdown.text(p.problem)}" for p in result.problems]
    if result.skipped:
        out += ["", "## Corpus entries left out", ""]
        out += [f"- {markdown.text(s.path)}: {markdown.text(s.reason)}" for s in result.skipped]
    if result.shacl:
        out += ["", "## SHACL validation", ""]
        if result.shacl.get("skipped"):
            out.append(result.shacl["skipped"])
        else:
            out.append(f"conforms: {result.shacl.get('conforms')}, violations: {result.shacl.get('violations', 0)}")
            out += [f"- {markdown.text(m)}" for m in result.shacl.get("messages", [])[:50]]
    return "\n".join(out) + "\n"


STAGING = ".staging"
CACHE = ".cache"


def sweep(out_dir: Path) -> None:
    """Remove what an interrupted build left in ``out_dir`` (unfinished generations, temp files);
    only the holder of the folder's lock may call it."""
    if not out_dir.is_dir():
        return
    sweep_generations(out_dir)
    for entry in out_dir.iterdir():
        name = entry.name
        if name.startswith(STAGING) or (name.startswith(".") and (name.endswith(".tmp") or ".new-" in name
                                                                  or ".old-" in name)):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs and what it writes besides ``graph.ttl`` and the reports.

    ``jobs``: extraction processes (default: the machine's cores); output does not depend on it.
    ``use_cache``: take unchanged documents from ``DIR/.cache``. ``formats``: also write
    ``graph.nt`` / ``graph.nq``. ``validate``: SHACL-validate the graph. ``store``: write the
    Oxigraph store. ``dask_address``: extract on that Dask cluster. ``strict``: any problem
    leaves the previous outputs in place (nothing is written)."""

    jobs: int | None = None
    use_cache: bool = True
    formats: Iterable[str] = ()
    validate: bool = True
    store: bool = True
    dask_address: str | None = None
    strict: bool = False


def build_corpus(corpus: Path, out_dir: Path, options: BuildOptions = BuildOptions(), *,
                 progress: Progress | None = None, stage: Path | None = None) -> BuildResult:
    """Extract a corpus and write ``graph.ttl`` (+ ``graph.nt``/``.nq``), ``report.json``/``.md`` and the store.

    ``options``: see :class:`BuildOptions`. ``progress(done, total)`` is called after each
    document. Outputs are written to a new
    generation of ``out_dir`` and published together at the end (see graph.generations), under
    the folder's lock; pass ``stage`` (a generation from :func:`graph.generations.new_generation`,
    the lock held) to write more outputs there and publish it yourself.
    """
    if stage is not None:
        return _build_into(corpus, out_dir, stage, options, progress)
    from graph.lock import folder_lock

    with folder_lock(out_dir, "build"):
        sweep(out_dir)
        work = new_generation(out_dir)
        try:
            result = _build_into(corpus, out_dir, work, options, progress)
            if result.documents and not (options.strict and result.problems):
                publish_generation(work, out_dir)
            return result
        finally:
            sweep_generations(out_dir)  # the generation, when it was not published


@dataclass
class Previous:
    """The generation a build updates: its graph index and its documents' reports, in order."""

    folder: Path
    index: GraphIndex
    reports: list[DocumentReport]

    def positions(self, keys: list[str]) -> dict[int, int]:
        """File number → position of the same file (name and content) in the previous build."""
        old = {d.key: i for i, d in enumerate(self.index.docs) if d.key}
        return {i: old[k] for i, k in enumerate(keys) if k in old}


def previous_build(out_dir: Path, formats: Iterable[str], version: str, store: bool) -> Previous | None:
    """The current generation of ``out_dir`` when a build can update it: built by this extractor
    with the same graph formats (and, when a store is wanted, a store it can update)."""
    from graph.store import is_updatable

    folder = current_generation(out_dir)
    index = GraphIndex.load(folder) if folder is not None else None
    if index is None or index.version != version or index.formats != graph_formats(formats):
        return None
    if store and not is_updatable(folder / "store"):
        return None
    try:
        payload = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        reports = [DocumentReport(**d) for d in payload["documents"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Previous(folder, index, reports) if len(reports) == len(index.docs) else None


def graph_formats(formats: Iterable[str]) -> list[str]:
    """The graph files a build writes: graph.ttl, and graph.nt / graph.nq when asked for."""
    return ["ttl", *[f for f in ("nt", "nq") if f in formats]]


def _write_graph(files: list[Path], work: Path, options: BuildOptions, cache: Cache | None,
                 progress: Progress | None, turtle_sink: Callable[[str], None] | None, result: BuildResult,
                 previous: Previous | None = None) -> GraphFiles | None:
    """Extract (or take from the cache, or from ``previous`` when unchanged) every file and write the
    graph files into ``work`` (the Turtle also to ``turtle_sink``), in ``options.jobs`` processes
    (resolved by the caller); fills ``result``. None when there is nothing to publish."""
    graph_files = GraphFiles(work, graph_formats(options.formats), cache.version if cache else extractor_version(),
                             turtle_sink, (previous.folder, previous.index) if previous else None)
    counts = {"extracted": 0, "cached": 0}
    t_extract = 0.0
    try:
        graph_files.head()
        keys = [cache.key(f) if cache else "" for f in files]
        reused = previous.positions(keys) if previous else {}
        stream = outputs_in_order([f for i, f in enumerate(files) if i not in reused], cache, options.jobs,
                                  options.dask_address, counts)
        for i in range(len(files)):
            if i in reused:
                graph_files.reuse_document(reused[i])
                _add_report(result, previous.reports[reused[i]])
            else:
                t = time.perf_counter()
                out = next(stream)
                t_extract += time.perf_counter() - t
                if out.report is None:
                    result.problems.append(Problem(out.name, out.problem))
                else:
                    report = _add_report(result, DocumentReport(**out.report))
                    graph_files.add_document(out, keys[i], report.sha256)
            if progress:
                progress(i + 1, len(files))
        if not result.documents or (options.strict and result.problems):
            graph_files.abort()
            return None
        result.written += graph_files.commit(work)
    except BaseException:
        graph_files.abort()
        raise
    result.extracted, result.cached = counts["extracted"], counts["cached"] + len(reused)
    result.triples = graph_files.triples
    result.timings["extract"] = round(t_extract, 3)
    return graph_files


def _add_report(result: BuildResult, report: DocumentReport) -> DocumentReport:
    result.documents.append(report)
    result.problems.extend(Problem(report.doc, w) for w in report.warnings)
    return report


def _build_into(corpus: Path, out_dir: Path, work: Path, options: BuildOptions,
                progress: Progress | None) -> BuildResult:
    """The build itself, writing into ``work`` (the cache stays in ``out_dir``); an update of the
    current generation when it can be (see :func:`previous_build`)."""
    t0 = time.perf_counter()
    scan = scan_corpus(corpus)
    options = dataclasses.replace(options, jobs=options.jobs or os.cpu_count() or 1)
    validate, store = options.validate, options.store
    cache = Cache(out_dir / CACHE, extractor_version()) if options.use_cache else None
    result = BuildResult(out_dir=out_dir, documents=[], skipped=scan.skipped,
                         problems=[Problem(s.path, s.reason) for s in scan.skipped if s.problem])
    previous = previous_build(out_dir, options.formats, cache.version, store) if cache else None
    loader = None
    if store and previous is None:  # loaded from the Turtle while it is written (see graph.store.StoreLoader)
        from graph.store import StoreLoader

        loader = StoreLoader(work / "store")
    try:
        graph_files = _write_graph(scan.files, work, options, cache, progress, loader.write if loader else None,
                                   result, previous)
        if graph_files is None:
            if loader:
                loader.abort()
            return result
        result.timings["write"] = round(time.perf_counter() - t0 - result.timings["extract"], 3)
        if validate:
            t = time.perf_counter()
            result.shacl = validate_file(work / "graph.ttl", result.triples)
            result.timings["validate"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        if loader:
            loader.commit()
        elif store:
            _update_store(previous, work, graph_files)
        if store:
            result.written.append("store/")
            result.timings["store"] = round(time.perf_counter() - t, 3)  # what was left of the load
    except BaseException:
        if loader:
            loader.abort()  # harmless after a failed commit
        raise
    _write_reports(work, result)
    return result


def _update_store(previous: Previous, work: Path, graph_files: GraphFiles) -> None:
    """The previous store with the graphs of the documents that changed replaced (see graph.store.update_store)."""
    from graph.store import update_store

    change = graph_files.store_change()
    update_store(previous.folder / "store", work / "store", change)


def _write_reports(work: Path, result: BuildResult) -> None:
    payload = {"documents": [dataclasses.asdict(d) for d in result.documents],
               "problems": [dataclasses.asdict(p) for p in result.problems], "shacl": result.shacl,
               "triples": result.triples, "skipped": [dataclasses.asdict(s) for s in result.skipped]}
    write_atomically(work / "report.json", json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    write_atomically(work / "report.md", report_markdown(result).encode("utf-8"))
    result.written += ["report.json", "report.md"]


def validate_file(path: Path, triples: int) -> dict:
    """SHACL-validate a graph file, unless it is too large for pyshacl in reasonable time."""
    if triples > VALIDATE_MAX_TRIPLES:
        return {"skipped": f"skipped: {triples} triples is more than {VALIDATE_MAX_TRIPLES}; "
                           f"run `plankg validate` to check the whole graph"}
    from rdflib import Graph

    from graph.validate import validate_graph

    return validate_graph(Graph().parse(path, format="turtle"))


@dataclass
class BuildPlan:
    """What a build of ``corpus`` into ``out_dir`` would do (``plankg build --dry-run``)."""

    extract: list[str]        # files to extract (new or changed, not in the cache)
    from_cache: list[str]     # files new to the outputs whose extraction is cached
    dropped: list[str]        # documents of the outputs that go (removed or changed)
    kept: int                 # documents taken over unchanged
    regions: list[str]        # regions whose scopes are analysed again
    update: bool              # False: a whole build (no earlier outputs this build can update)

    def lines(self) -> list[str]:
        """The plan for people."""
        mode = "update of the current outputs" if self.update else "whole build (nothing this build can update)"
        out = [f"{mode}: {self.kept} document(s) unchanged"]
        out += [f"re-extract: {name}" for name in self.extract]
        out += [f"from the cache: {name}" for name in self.from_cache]
        out += [f"drop: {name}" for name in self.dropped]
        scopes = [f"plan scopes of {len(self.extract) + len(self.from_cache)} document(s)"] if self.update else \
            ["every scope"]
        scopes += [f"region {r or '(no region)'}" for r in self.regions] + ["all regions (by unit, by function)"]
        out.append("re-analyse: " + "; ".join(scopes))
        return out


def plan_build(corpus: Path, out_dir: Path, formats: Iterable[str] = (), store: bool = True) -> BuildPlan:
    """What a build would re-extract, drop and re-analyse; reads, writes nothing."""
    files = scan_corpus(corpus).files
    cache = Cache(out_dir / CACHE, extractor_version())
    previous = previous_build(out_dir, formats, cache.version, store)
    keys = [cache.key(f) for f in files]
    reused = previous.positions(keys) if previous else {}
    fresh = [i for i in range(len(files)) if i not in reused]
    old = previous.reports if previous else []
    dropped = [old[p].doc for p in sorted(set(range(len(old))) - set(reused.values()))]
    regions = {old[p].region for p in range(len(old)) if p not in set(reused.values())}
    return BuildPlan(extract=[files[i].name for i in fresh if not cache.has(keys[i])],
                     from_cache=[files[i].name for i in fresh if cache.has(keys[i])], dropped=dropped,
                     kept=len(reused), regions=sorted(regions), update=previous is not None)
