"""End-to-end scale benchmark of plankg on generated plans (not a test).

    .venv/bin/python benchmarks/run.py --docs 1000 [--jobs 2] [--json] [--keep DIR]

Generates N documents with ``benchmarks/make_corpus.py`` (cached by N and seed), then:
a bare regex pass over the same text (the floor: read every file, one ``re.finditer``
per line); the build (``graph.pipeline.build_corpus``), ``run_analysis`` and
``build_views``, each timed (wall and CPU); the check of the build's assignments
(the library query ``assignments.rq``) against the generator's expected ones; a
rebuild of the unchanged corpus (the cache); a rebuild after adding one document;
``plankg build`` end to end into a new folder, then after adding, changing and removing one
document (``add_one_seconds`` …); and, with ``--determinism``, the ``graph.ttl`` bytes of ``--jobs 1`` and ``--jobs 2``.
``--json`` prints one JSON object on stdout; progress goes to stderr.
``--extract-only`` times only the extraction (serial unless ``--jobs``; for ``python -m cProfile``).
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import inspect
import json
import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "plankg-bench"
FLOOR_PATTERN = re.compile(r"[\u4e00-\u9fa5]+局")
QUERY = ROOT / "queries" / "assignments.rq"


def log(message: str) -> None:
    """Progress for people, on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- measuring

def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process, of its largest child, and their sum."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(kids, 1), "total": round(own + kids, 1)}


def reset_peak_rss() -> None:
    """Restart this process's peak-RSS counter (``VmHWM``); Linux only, ignored elsewhere."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_since_reset_mb() -> float | None:
    """This process's peak RSS (MB) since :func:`reset_peak_rss`, from ``/proc/self/status``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


@dataclasses.dataclass
class Clock:
    """Wall and CPU seconds of named phases."""

    wall: dict[str, float] = dataclasses.field(default_factory=dict)
    cpu: dict[str, float] = dataclasses.field(default_factory=dict)
    rss: dict[str, float | None] = dataclasses.field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the enclosed block as phase ``name`` (and this process's peak RSS during it)."""
        reset_peak_rss()
        w0, c0 = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            self.wall[name] = round(time.perf_counter() - w0, 3)
            self.cpu[name] = round(cpu_seconds() - c0, 3)
            self.rss[name] = peak_rss_since_reset_mb()
            log(f"{name}: {self.wall[name]:.2f} s wall, {self.cpu[name]:.2f} s CPU")


def machine() -> dict[str, Any]:
    """What the benchmark ran on."""
    model = ""
    try:
        model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                      if ln.startswith("model name")), "")
    except OSError:
        pass
    mem_gb = None
    try:
        kb = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                  if ln.startswith("MemTotal"))
        mem_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpu_count": os.cpu_count(), "cpu_model": model, "memory_gb": mem_gb,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


# ---------------------------------------------------------------- corpus

def corpus_for(docs: int, seed: int, cache_root: Path) -> Path:
    """The folder of N generated documents for a seed, generated once and reused."""
    base = cache_root / f"n{docs}-s{seed}-g{make_corpus.GENERATOR_VERSION}"
    docs_dir = base / "docs"
    meta_path = base / "corpus.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        ok = meta.get("docs") == docs and meta.get("seed") == seed and \
            meta.get("generator_version") == make_corpus.GENERATOR_VERSION and \
            sum(1 for _ in docs_dir.glob("*.txt")) == docs
    except (OSError, ValueError):
        ok = False
    if not ok:
        log(f"generating {docs} documents (seed {seed}) in {docs_dir}")
        t0 = time.perf_counter()
        make_corpus.make_corpus(docs, seed, docs_dir)
        log(f"generated in {time.perf_counter() - t0:.1f} s")
    else:
        log(f"reusing {docs_dir}")
    return docs_dir


def regex_floor(files: list[Path]) -> int:
    """The floor: read every file and run one ``re.finditer`` per line; returns the matches."""
    found = 0
    for f in files:
        for line in f.read_text(encoding="utf-8").split("\n"):
            for _ in FLOOR_PATTERN.finditer(line):
                found += 1
    return found


# ---------------------------------------------------------------- the project's API

def call_supported(fn: Callable, *args: Any, **wanted: Any) -> Any:
    """Call ``fn`` with the keyword arguments it accepts (the API grows while we measure)."""
    params = inspect.signature(fn).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return fn(*args, **wanted)
    return fn(*args, **{k: v for k, v in wanted.items() if k in params})


def build(corpus: Path, out_dir: Path, jobs: int | None) -> tuple[Any, float, float]:
    """One build; returns (BuildResult, wall seconds, CPU seconds)."""
    from graph import pipeline

    w0, c0 = time.perf_counter(), cpu_seconds()
    if hasattr(pipeline, "BuildOptions"):   # the build options as one record
        result = call_supported(pipeline.build_corpus, corpus, out_dir, pipeline.BuildOptions(jobs=jobs), quiet=True,
                                progress=False)
    else:
        result = call_supported(pipeline.build_corpus, corpus, out_dir, jobs=jobs, quiet=True, progress=False)
    return result, time.perf_counter() - w0, cpu_seconds() - c0


def counts(result: Any) -> dict[str, Any]:
    """Documents extracted and taken from the cache, when the build reports them."""
    return {"extracted": getattr(result, "extracted", None), "cached": getattr(result, "cached", None)}


def graph_file(out_dir: Path) -> Path | None:
    """The graph file a build wrote (Turtle preferred)."""
    for name in ("graph.ttl", "graph.nt", "graph.nq"):
        if (out_dir / name).is_file():
            return out_dir / name
    return None


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------- checking the output

def built_assignments(out_dir: Path) -> Counter:
    """(doc, task_title, unit, role) of every assignment in the build, by ``assignments.rq``."""
    from graph import store

    text = QUERY.read_text(encoding="utf-8")
    text = re.sub(r"ORDER\s+BY[^}]*$", "", text, flags=re.S | re.I)  # a multiset: order is not needed
    if (out_dir / "store" / "CURRENT").is_file():
        source = store.OxigraphSource.open(out_dir / "store")
    else:
        source = store.RdflibSource.from_files(store.store_sources(out_dir))
    rows = source.run(text).values()
    return Counter((r["doc"], r["task_title"], r["unit"], r["role"]) for r in rows)


def expected_assignments(corpus: Path, docs: set[str] | None = None) -> Counter:
    """The generator's expected assignments, optionally only of some documents."""
    with make_corpus.expected_path(corpus).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    return Counter(tuple(r) for r in rows if docs is None or r[0] in docs)


def score(expected: Counter, built: Counter, examples: int = 8) -> dict[str, Any]:
    """Precision and recall of the built assignments against the expected ones (multisets)."""
    hit = sum((expected & built).values())
    n_built, n_expected = sum(built.values()), sum(expected.values())
    missed, extra = expected - built, built - expected
    by_role = {}
    for role in ("lead", "cooperating", "responsible"):
        e = Counter({k: v for k, v in expected.items() if k[3] == role})
        b = Counter({k: v for k, v in built.items() if k[3] == role})
        h = sum((e & b).values())
        by_role[role] = {"expected": sum(e.values()), "built": sum(b.values()),
                         "precision": round(h / max(1, sum(b.values())), 4),
                         "recall": round(h / max(1, sum(e.values())), 4)}
    return {"expected": n_expected, "built": n_built, "matched": hit,
            "precision": round(hit / n_built, 4) if n_built else 0.0,
            "recall": round(hit / n_expected, 4) if n_expected else 0.0,
            "by_role": by_role,
            "missed_examples": [list(k) for k in sorted(missed)[:examples]],
            "extra_examples": [list(k) for k in sorted(extra)[:examples]]}


# ---------------------------------------------------------------- the benchmark

def tasks_of(path: Path) -> int:
    """Extract one file (text → records) and count its tasks."""
    from graph.pipeline import extract_document

    return len(extract_document(path).plan.tasks)


def extract_only(files: list[Path], jobs: int = 1) -> dict[str, Any]:
    """Extraction of every file (text → records, no RDF), in ``jobs`` processes started as the
    build starts its workers (``graph.processes.process_pool``, the pipeline already imported)."""
    import graph.pipeline  # noqa: F401  (the build's workers start with it loaded)
    from graph.processes import process_pool

    t0 = time.perf_counter()
    pool = process_pool(jobs, "graph.pipeline") if jobs > 1 else None
    if pool is None:
        tasks = sum(map(tasks_of, files))
    else:
        with pool:
            tasks = sum(pool.map(tasks_of, files, chunksize=8))
    seconds = time.perf_counter() - t0
    return {"docs": len(files), "jobs": jobs, "tasks": tasks, "seconds": round(seconds, 3),
            "extract_docs_per_s": round(len(files) / seconds, 1)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement of one benchmark run."""
    cache_root = args.keep or DEFAULT_CACHE
    corpus = corpus_for(args.docs, args.seed, cache_root)
    files = sorted(corpus.glob("*.txt"))
    report: dict[str, Any] = {"docs": len(files), "seed": args.seed, "jobs": args.jobs,
                              "corpus": str(corpus), "corpus_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
                              "machine": machine()}
    jobs = args.jobs or os.cpu_count() or 1
    if args.extract_only:
        report.update(extract_only(files, args.jobs or 1))
        return report
    clock = Clock()
    with clock.phase("regex"):
        matches = regex_floor(files)
    regex_s = clock.wall["regex"]
    with clock.phase("extract"):  # text → records alone, with the build's number of processes
        extraction = extract_only(files, jobs)
    extract_s = clock.wall["extract"]

    work = Path(tempfile.mkdtemp(prefix=f"out-n{args.docs}-", dir=cache_root))
    out_dir = work / "out"
    try:
        log(f"building into {out_dir} (jobs={args.jobs})")
        reset_peak_rss()
        result, build_s, build_cpu = build(corpus, out_dir, args.jobs)
        clock.wall["build"], clock.cpu["build"] = round(build_s, 3), round(build_cpu, 3)
        clock.rss["build"] = peak_rss_since_reset_mb()
        build_children_rss = peak_rss_mb()["children"]
        log(f"build: {build_s:.2f} s wall, {build_cpu:.2f} s CPU; {getattr(result, 'triples', 0)} triples")
        phases = dict(getattr(result, "timings", None) or {})
        if not args.no_analysis:
            from graph.analysis import run_analysis
            with clock.phase("analysis"):
                analysed = run_analysis(out_dir)
            phases.update({f"analysis.{k}": v for k, v in (getattr(analysed, "timings", None) or {}).items()})
            if not args.no_views:
                from graph.views import build_views
                with clock.phase("views"):
                    viewed = build_views(out_dir)
                phases.update({f"views.{k}": v for k, v in (getattr(viewed, "timings", None) or {}).items()})
        seconds = sum(clock.wall.get(k, 0.0) for k in ("build", "analysis", "views"))
        build_extract_s = phases.get("extract") or clock.wall["build"]
        checked: dict[str, Any] = {}
        if not args.no_check:
            with clock.phase("check"):
                checked = score(expected_assignments(corpus), built_assignments(out_dir))
            log(f"assignments: precision {checked['precision']}, recall {checked['recall']}")
        triples = int(getattr(result, "triples", 0) or 0)
        report.update({
            "seconds": round(seconds, 3),
            "docs_per_s": round(len(files) / seconds, 2),
            "extract_seconds": round(extract_s, 3),
            "extract_jobs": jobs,
            "extract_docs_per_s": round(len(files) / extract_s, 2),
            "extract_tasks": extraction["tasks"],
            # the build's extract phase: extraction + RDF terms + Turtle + cache entries, in the workers
            "build_extract_docs_per_s": round(len(files) / build_extract_s, 2),
            "regex_seconds": round(regex_s, 3),
            "regex_docs_per_s": round(len(files) / regex_s, 1),
            "regex_matches": matches,
            "extract_vs_regex": round((len(files) / extract_s) / (len(files) / regex_s), 4),
            "triples": triples,
            "triples_per_s": round(triples / seconds, 1),
            "documents_built": len(getattr(result, "documents", []) or []),
            "problems": len(getattr(result, "problems", []) or []),
            "phases": {**{(k if "." in k else f"build.{k}"): round(v, 3) for k, v in phases.items()}, **clock.wall},
            "phases_cpu": clock.cpu,
            "phases_peak_rss_mb": clock.rss,
            "build_peak_rss_mb": {"main": clock.rss["build"], "largest_worker": build_children_rss,
                                  "total": round((clock.rss["build"] or 0) + build_children_rss, 1)},
            "first_build": counts(result),
            "assignments": checked,
        })
        if not args.no_rebuild:
            report["rebuild_unchanged"] = rebuild_unchanged(corpus, out_dir, args.jobs)
            report["rebuild_unchanged_cli"] = rebuild_with_cli(corpus, out_dir, args.jobs)
            report["add_one"] = add_one(corpus, out_dir, args.jobs, args.seed, len(files))
        if not args.no_updates:
            report.update(updates(corpus, work, args.jobs, args.seed, len(files)))
        if args.determinism:
            report["determinism"] = determinism(corpus, work, out_dir)
        # the per-phase counters restart the kernel's peak, so the run's peak is the largest of them
        own = max([v for v in clock.rss.values() if v] + [peak_rss_mb()["self"]])
        kids = peak_rss_mb()["children"]
        report["peak_rss_mb"] = round(own + kids, 1)
        report["peak_rss"] = {"self": own, "children": kids, "total": round(own + kids, 1)}
        report["out_mb"] = round(sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file()) / 1e6, 1)
    finally:
        if not args.keep_output:
            shutil.rmtree(work, ignore_errors=True)
        else:
            report["out_dir"] = str(out_dir)
    return report


def rebuild_unchanged(corpus: Path, out_dir: Path, jobs: int | None) -> dict[str, Any]:
    """A second build of the same documents into the same folder."""
    before = sha256_file(graph_file(out_dir)) if graph_file(out_dir) else ""
    result, wall, cpu = build(corpus, out_dir, jobs)
    after = sha256_file(graph_file(out_dir)) if graph_file(out_dir) else ""
    log(f"rebuild unchanged: {wall:.2f} s, {counts(result)}")
    return {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), **counts(result),
            "timings": dict(getattr(result, "timings", None) or {}), "same_graph": before == after}


def cli_build(corpus: Path, out_dir: Path, jobs: int | None) -> dict[str, Any]:
    """``plankg build CORPUS --out DIR --quiet`` in a subprocess (the command people run)."""
    import subprocess

    code = Path(sys.path[0]) if (Path(sys.path[0]) / "graph").is_dir() else ROOT
    cmd = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out_dir), "--quiet"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(code)}
    w0, c0 = time.perf_counter(), cpu_seconds()
    done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    return {"seconds": round(time.perf_counter() - w0, 3), "cpu_seconds": round(cpu_seconds() - c0, 3),
            "exit": done.returncode, "stderr": done.stderr.strip().splitlines()[-3:]}


def rebuild_with_cli(corpus: Path, out_dir: Path, jobs: int | None) -> dict[str, Any]:
    """``plankg build`` twice on the unchanged corpus: the first records the build's signature,
    the second finds the outputs up to date."""
    first = cli_build(corpus, out_dir, jobs)
    second = cli_build(corpus, out_dir, jobs)
    log(f"plankg build, unchanged: {first['seconds']:.2f} s, then {second['seconds']:.2f} s")
    return {"first": first, "second": second}


def add_one(corpus: Path, out_dir: Path, jobs: int | None, seed: int, index: int) -> dict[str, Any]:
    """A build after adding document ``index`` (removed again afterwards)."""
    make_corpus.write_document(index, seed, corpus)
    added = corpus / make_corpus.document_name(index)
    try:
        result, wall, cpu = build(corpus, out_dir, jobs)
    finally:
        added.unlink()
    log(f"add one document: {wall:.2f} s, {counts(result)}")
    return {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), **counts(result),
            "timings": dict(getattr(result, "timings", None) or {}),
            "documents_built": len(getattr(result, "documents", []) or [])}


def cli_in_process(corpus: Path, out_dir: Path, jobs: int | None) -> tuple[float, float | None]:
    """``plankg build`` (build, analysis, views) in this process: (wall seconds, peak RSS MB of this process)."""
    from graph.cli import cli

    args = ["build", str(corpus), "--out", str(out_dir), "--quiet"] + (["--jobs", str(jobs)] if jobs else [])
    reset_peak_rss()
    w0 = time.perf_counter()
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as exc:
        if exc.code not in (0, 1, None):
            raise
    return round(time.perf_counter() - w0, 3), peak_rss_since_reset_mb()


def updates(corpus: Path, work: Path, jobs: int | None, seed: int, docs: int) -> dict[str, Any]:
    """End to end (build, analysis, views, as ``plankg build`` runs them): a whole build into a
    new folder, then builds after adding one document, changing one and removing one (the corpus
    is restored afterwards)."""
    out_dir = work / "updates"
    full, full_rss = cli_in_process(corpus, out_dir, jobs)
    log(f"plankg build, whole: {full:.2f} s")
    added = corpus / make_corpus.document_name(docs)
    changed, removed = corpus / make_corpus.document_name(0), corpus / make_corpus.document_name(1)
    originals = {changed: changed.read_bytes(), removed: removed.read_bytes()}
    report: dict[str, Any] = {"full_build_seconds": full, "full_build_peak_rss_mb": full_rss}
    try:
        make_corpus.write_document(docs, seed, corpus)
        report["add_one_seconds"], report["add_one_peak_rss_mb"] = cli_in_process(corpus, out_dir, jobs)
        changed.write_text(make_corpus.render_document(docs + 1, seed)[0], encoding="utf-8")
        report["change_one_seconds"], report["change_one_peak_rss_mb"] = cli_in_process(corpus, out_dir, jobs)
        removed.unlink()
        report["remove_one_seconds"], report["remove_one_peak_rss_mb"] = cli_in_process(corpus, out_dir, jobs)
    finally:
        added.unlink(missing_ok=True)
        for path, data in originals.items():
            path.write_bytes(data)
    for name in ("add_one", "change_one", "remove_one"):
        report[f"{name}_share_of_full"] = round(report[f"{name}_seconds"] / full, 4)
        log(f"{name}: {report[f'{name}_seconds']:.2f} s ({report[f'{name}_share_of_full']:.1%} of the whole build)")
    shutil.rmtree(out_dir, ignore_errors=True)
    return report


def determinism(corpus: Path, work: Path, built: Path) -> dict[str, Any]:
    """``graph.ttl`` of fresh builds with 1 and 2 jobs: same bytes?"""
    digests = {}
    for jobs in (1, 2):
        out = work / f"jobs{jobs}"
        result, wall, _ = build(corpus, out, jobs)
        path = graph_file(out)
        digests[jobs] = {"sha256": sha256_file(path) if path else "", "seconds": round(wall, 3), "file": path.name if path else ""}
        shutil.rmtree(out, ignore_errors=True)
    same = bool(digests[1]["sha256"]) and digests[1]["sha256"] == digests[2]["sha256"]
    log(f"jobs 1 vs 2: {'same' if same else 'DIFFERENT'} graph bytes")
    return {"jobs1": digests[1], "jobs2": digests[2], "same_bytes": same}


def use_code(snapshot_root: Path | None) -> Path:
    """Put the project's code on the import path: the working tree, or a frozen copy of it.

    A copy (``graph/``, ``ontology/``, ``queries/``) keeps the extractor version, hence the
    cache and the output bytes, fixed for the whole run while the tree is being edited.
    """
    code = ROOT
    if snapshot_root is not None:
        code = Path(tempfile.mkdtemp(prefix="code-", dir=snapshot_root))
        for name in ("graph", "ontology", "queries"):
            shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__"))
        log(f"measuring a snapshot of the code in {code}")
    sys.path.insert(0, str(code))
    global QUERY
    QUERY = code / "queries" / "assignments.rq"
    return code


def git_head() -> str:
    """The commit the working tree is on (the tree may have uncommitted changes)."""
    try:
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            return (ROOT / ".git" / head[5:]).read_text().strip()[:12]
        return head[:12]
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of generated documents")
    ap.add_argument("--jobs", type=int, default=None, help="extraction processes (default: the build's default)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ap.add_argument("--keep", type=Path, help=f"folder for the generated corpus and outputs (default {DEFAULT_CACHE})")
    ap.add_argument("--keep-output", action="store_true", help="do not delete the build folder")
    ap.add_argument("--no-rebuild", action="store_true", help="skip the rebuild and add-one measurements")
    ap.add_argument("--no-updates", action="store_true",
                    help="skip the whole `plankg build` and the add / change / remove one document builds")
    ap.add_argument("--no-analysis", action="store_true", help="skip analysis and views")
    ap.add_argument("--no-views", action="store_true", help="skip views")
    ap.add_argument("--no-check", action="store_true", help="skip checking the assignments against the expected ones")
    ap.add_argument("--determinism", action="store_true", help="also compare graph bytes of --jobs 1 and 2")
    ap.add_argument("--extract-only", action="store_true", help="only time a serial extraction (for profiling)")
    ap.add_argument("--live-code", action="store_true",
                    help="import the working tree instead of a snapshot of it taken at the start")
    args = ap.parse_args(argv)
    if args.docs < 1:
        ap.error("--docs must be >= 1")
    cache_root = args.keep or DEFAULT_CACHE
    cache_root.mkdir(parents=True, exist_ok=True)
    commit = git_head()  # the commit the snapshot is taken on (the tree may have uncommitted changes)
    code = use_code(None if args.live_code else cache_root)
    try:
        report = run(args)
    finally:
        if code != ROOT:
            shutil.rmtree(code, ignore_errors=True)
    report["code"] = "working tree" if code == ROOT else "snapshot of the working tree"
    report["commit"] = commit
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        keys = ("docs", "seconds", "docs_per_s", "extract_docs_per_s", "regex_docs_per_s", "extract_vs_regex",
                "triples", "triples_per_s", "peak_rss_mb")
        for k in keys:
            if k in report:
                print(f"{k:>20}: {report[k]}")
        for k in ("full_build_seconds", "add_one_seconds", "change_one_seconds", "remove_one_seconds"):
            if k in report:
                print(f"{k:>20}: {report[k]}")
        for k in ("phases", "assignments", "rebuild_unchanged", "rebuild_unchanged_cli", "add_one", "determinism"):
            if report.get(k):
                value = report[k]
                if k == "assignments" and value:
                    value = {x: value[x] for x in ("expected", "built", "precision", "recall")}
                print(f"{k:>20}: {json.dumps(value, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
