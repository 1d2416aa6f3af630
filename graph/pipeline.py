"""Run the stages over a corpus and write the outputs: extraction, graph, report.

:func:`extract_document` runs ``ingest → structure → agencies / indicators`` on one
file and returns an :class:`graph.records.ExtractedPlan`; :func:`build_corpus`
does it for a folder, then writes ``graph.ttl``, the build report and the store.
A file that cannot be read becomes a :class:`Problem`; the others still build.
"""
from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from graph import agencies, indicators, structure
from graph.ingest import IngestError, read_document
from graph.records import ExtractedPlan, Plan

SKIP_NAMES = ("readme", "license", ".")


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


@dataclass
class BuildResult:
    """The outcome of a build: documents built, problems met, files written."""

    out_dir: Path
    documents: list[DocumentReport]
    problems: list[Problem]
    triples: int = 0
    shacl: dict = field(default_factory=dict)
    written: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the terminal."""
        tasks = sum(d.tasks for d in self.documents)
        roles = {r: sum(d.assignments.get(r, 0) for d in self.documents) for r in ("lead", "cooperating", "responsible")}
        lines = [f"built {len(self.documents)} document(s): {tasks} tasks, "
                 f"{sum(roles.values())} assignments (lead {roles['lead']}, cooperating {roles['cooperating']}, "
                 f"responsible {roles['responsible']}), {sum(d.indicators for d in self.documents)} indicators, "
                 f"{self.triples} triples"]
        for d in self.documents:
            lines.append(f"  {d.doc}: {d.region or '?'} · {d.title[:40]} · {d.tasks} tasks · "
                         f"lead convention {d.lead_convention or 'none'}")
        if self.shacl:
            lines.append(f"SHACL: {'conforms' if self.shacl.get('conforms') else str(self.shacl.get('violations')) + ' violation(s)'}")
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s), see report.md")
        lines.append(f"outputs in {self.out_dir}/")
        return "\n".join(lines)


def corpus_files(corpus: Path) -> list[Path]:
    """The documents of a corpus folder (or a single file), in a stable order."""
    if corpus.is_file():
        return [corpus]
    return sorted(p for p in corpus.rglob("*") if p.is_file()
                  and not p.name.lower().startswith(SKIP_NAMES)
                  and not any(part.startswith(".") for part in p.relative_to(corpus).parts))


def resolve_region(plan: Plan) -> Plan:
    """Fill the plan's region and parent region from the gazetteer."""
    meta = plan.meta
    for text in (meta.region, meta.title, meta.issuer):
        info = agencies.lookup_region(text) if text else None
        if info:
            meta = dataclasses.replace(meta, region=info.name, parent_region=info.parent or meta.parent_region)
            break
    return dataclasses.replace(plan, meta=meta)


def extract_document(path: str | Path) -> ExtractedPlan:
    """Run every extraction stage on one file. Raises IngestError for unreadable files."""
    source = read_document(path)
    plan = resolve_region(structure.parse_plan(source))
    year = plan.meta.period_end
    found = {t.key: tuple(indicators.extract_indicators(t.text, t.start, year)) for t in plan.tasks}
    tasks = tuple(t for t in plan.tasks if t.units or found[t.key])
    warnings = tuple(source.warnings) + (() if tasks else ("no tasks with units or targets found",))
    plan = dataclasses.replace(plan, tasks=tasks, warnings=warnings)
    units, unit_keys = agencies.resolve_agencies(plan, plan.meta.region)
    return ExtractedPlan(plan=plan, agencies=units, unit_keys=unit_keys,
                         indicators={k: v for k, v in found.items() if v and any(t.key == k for t in tasks)})


def document_report(ex: ExtractedPlan) -> DocumentReport:
    """Counts and metadata of one extracted document."""
    from graph.model import plan_iri

    plan, meta = ex.plan, ex.plan.meta
    roles = {"lead": 0, "cooperating": 0, "responsible": 0}
    for t in plan.tasks:
        for m in t.units:
            roles[m.role] += 1
    return DocumentReport(
        doc=plan.source.name, path=plan.source.path, sha256=plan.source.sha256,
        plan_iri=str(plan_iri(plan.source.sha256)), title=meta.title, region=meta.region,
        parent_region=meta.parent_region, issuer=meta.issuer, doc_number=meta.doc_number, issued=meta.issued,
        period_start=meta.period_start, period_end=meta.period_end, lead_convention=meta.lead_convention,
        tasks=len(plan.tasks), units=len(ex.agencies), assignments=roles,
        indicators=sum(len(v) for v in ex.indicators.values()), warnings=list(plan.warnings))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def report_markdown(result: BuildResult) -> str:
    """The build report for people."""
    out = ["# plankg build report", ""]
    out.append("| document | region | title | tasks | units | lead | cooperating | responsible | indicators | lead convention |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for d in result.documents:
        a = d.assignments
        out.append(f"| {d.doc} | {d.region} | {d.title} | {d.tasks} | {d.units} | {a['lead']} | {a['cooperating']} "
                   f"| {a['responsible']} | {d.indicators} | {d.lead_convention} |")
    warned = [(d.doc, w) for d in result.documents for w in d.warnings]
    if warned or result.problems:
        out += ["", "## Problems and warnings", ""]
        out += [f"- {p.doc}: {p.problem}" for p in result.problems]
        out += [f"- {doc}: {w}" for doc, w in warned]
    if result.shacl:
        out += ["", "## SHACL validation", "", f"conforms: {result.shacl.get('conforms')}, "
                f"violations: {result.shacl.get('violations', 0)}"]
        out += [f"- {m}" for m in result.shacl.get("messages", [])[:50]]
    return "\n".join(out) + "\n"


def extract_all(files: list[Path]) -> tuple[list[ExtractedPlan], list[Problem]]:
    """Extract every file; unreadable ones become problems."""
    extracted, problems = [], []
    for f in files:
        try:
            extracted.append(extract_document(f))
        except IngestError as exc:
            problems.append(Problem(f.name, str(exc)))
    return extracted, problems


def build_corpus(corpus: Path, out_dir: Path, validate: bool = True, store: bool = True) -> BuildResult:
    """Extract a corpus and write ``graph.ttl``, ``report.json``/``report.md`` and the store."""
    from graph import model

    files = corpus_files(corpus)
    extracted, problems = extract_all(files)
    result = BuildResult(out_dir=out_dir, documents=[document_report(ex) for ex in extracted], problems=problems)
    for d in result.documents:
        result.problems.extend(Problem(d.doc, w) for w in d.warnings)
    if not extracted:
        return result
    g = model.build_graph(extracted)
    result.triples = len(g)
    ttl = g.serialize(format="turtle", encoding="utf-8")
    if validate:
        from graph.validate import validate_graph
        result.shacl = validate_graph(g)
    write_atomically(out_dir / "graph.ttl", ttl)
    result.written.append("graph.ttl")
    if store:
        from graph.store import write_store
        write_store(g, out_dir / "store")
        result.written.append("store/")
    payload = {"documents": [dataclasses.asdict(d) for d in result.documents],
               "problems": [dataclasses.asdict(p) for p in result.problems], "shacl": result.shacl,
               "triples": result.triples}
    write_atomically(out_dir / "report.json", json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    write_atomically(out_dir / "report.md", report_markdown(result).encode("utf-8"))
    result.written += ["report.json", "report.md"]
    return result
