"""Interactive views: one HTML collaboration graph per scope, and the dashboard.

``build_views(DIR)`` reads ``DIR/report.json`` and ``DIR/analysis/`` only and writes
``DIR/views/*.html`` (each page its scope's data), the files they share in
``DIR/views/assets/`` (vis-network, the page's JS and CSS) and ``DIR/index.html``
(offline, escaped, deterministic). Scopes are read and written one at a time.
"""
from __future__ import annotations

import os
import re
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from graph.analysis.collector import collector_paused
from graph.processes import process_pool
from graph.views.dashboard import ViewLink, render_dashboard, view_href
from graph.parts import link_or_copy
from graph.views.html import shared_view_assets, write_atomic, write_if_changed
from graph.views.inputs import Scope, ViewsInputError, read_inputs, read_scope_graph
from graph.views.network_page import kind_colours, render_view
from graph.views.unit_summaries import read_unit_table
from graph.views.select import DEFAULT_MAX_LINKS, DEFAULT_MAX_NODES, select, unit_rank

ASSETS_DIR_NAME = "assets"
PARALLEL_MIN_SCOPES = 200      # fewer scopes are rendered in the calling process
BATCH_BYTES = 2 << 20          # GraphML bytes a worker is handed at a time

__all__ = ["ViewFile", "ViewsInputError", "ViewsResult", "build_views", "view_file_name"]


@dataclass(frozen=True)
class ViewFile:
    """One written view: its scope, file and how much of the scope's graph it shows."""

    scope_id: str
    scope_kind: str
    label: str
    path: Path
    nodes_shown: int
    edges_shown: int
    total_nodes: int
    total_edges: int


@dataclass(frozen=True)
class ViewsResult:
    """What ``build_views`` wrote."""

    out_dir: Path
    index: Path
    views: tuple[ViewFile, ...]
    removed: tuple[Path, ...] = field(default=())
    assets_written: tuple[Path, ...] = field(default=())
    timings: dict[str, float] = field(default_factory=dict)
    jobs: int = 1

    def summary(self) -> str:
        """One line for the terminal."""
        partial = sum(1 for v in self.views if (v.nodes_shown, v.edges_shown) != (v.total_nodes, v.total_edges))
        note = f" ({partial} show the top units only)" if partial else ""
        return f"views: {len(self.views)} views in {self.out_dir / 'views'}{note}; dashboard {self.index}"


def view_file_name(scope_id: str, taken: set[str]) -> str:
    """A file name for a scope's view: the id with unsafe characters replaced, unique among ``taken``."""
    stem = re.sub(r"[^\w.-]+", "-", scope_id, flags=re.UNICODE).strip(".-")[:80] or "scope"
    name, counter = f"{stem}.html", 2
    while name.lower() in taken:
        name, counter = f"{stem}-{counter}.html", counter + 1
    taken.add(name.lower())
    return name


MANIFEST = "pages.txt"   # in views/: the pages the last run wrote, one file name a line
_MADE_BEFORE_MANIFEST = re.compile(r"(plan|region)-[\w.-]+\.html|all(-functions)?\.html")


def remove_stale_pages(views_dir: Path, names: list[str]) -> tuple[Path, ...]:
    """Remove the pages an earlier run wrote that this run did not, record this run's pages; the paths removed.

    Only pages listed in ``views/pages.txt`` are removed (or, in a folder written before it
    existed, pages named like a scope's view): files a user put in views/ stay."""
    manifest = views_dir / MANIFEST
    if manifest.is_file():
        made = set(manifest.read_text(encoding="utf-8").split())
    else:
        made = {p.name for p in views_dir.glob("*.html") if _MADE_BEFORE_MANIFEST.fullmatch(p.name)}
    kept = {name.lower() for name in names}
    removed = tuple(sorted(views_dir / name for name in made
                           if name.lower() not in kept and (views_dir / name).is_file()))
    for old in removed:
        old.unlink()
    write_if_changed(manifest, "".join(name + "\n" for name in sorted(names)))
    return removed


def write_view_assets(views_dir: Path) -> tuple[Path, ...]:
    """Write the files the view pages share into ``views/assets/`` where missing or different; return those written."""
    written = []
    for name, text in shared_view_assets().items():
        path = views_dir / ASSETS_DIR_NAME / name
        if write_if_changed(path, text):
            written.append(path)
    return tuple(written)


def _render_scope(scope: Scope, name: str, views_dir: Path, functions: dict[str, str], colours: dict[str, str],
                  max_nodes: int, max_links: int) -> tuple[ViewFile, ViewLink]:
    """Read one scope's graph, write its page, and say what it shows."""
    graph = read_scope_graph(scope, functions)
    selection = select(graph, max_nodes=max_nodes, max_links=max_links)
    path = views_dir / name
    write_if_changed(path, render_view(graph, selection, colours, index_href="../index.html",
                                       assets_href=ASSETS_DIR_NAME + "/"))
    counts = dict(nodes_shown=len(selection.nodes), edges_shown=len(selection.links),
                  total_nodes=selection.total_nodes, total_edges=selection.total_links)
    overloaded = tuple(node.label for node in sorted(graph.nodes, key=unit_rank) if node.overloaded)
    return (ViewFile(scope_id=scope.id, scope_kind=scope.kind, label=scope.label, path=path, **counts),
            ViewLink(scope=scope, href=view_href(name), overloaded=overloaded, **counts))


@collector_paused()   # a large scope's graph is many small objects, freed when its page is written
def _render_batch(batch: list[tuple[int, Scope, str]], views_dir: Path, functions: dict[str, str],
                  colours: dict[str, str], max_nodes: int, max_links: int) -> list[tuple[int, ViewFile, ViewLink]]:
    """Render a batch of scopes (run in a worker process, or here when there are few)."""
    return [(index, *_render_scope(scope, name, views_dir, functions, colours, max_nodes, max_links))
            for index, scope, name in batch]


def _batches(scopes: list[tuple[int, Scope, str]], target_bytes: int) -> list[list[tuple[int, Scope, str]]]:
    """Scopes grouped into batches of about ``target_bytes`` of GraphML, the largest scopes first."""
    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    sized = sorted(((size(item[1].graphml), item) for item in scopes), key=lambda pair: (-pair[0], pair[1][0]))
    batches: list[list[tuple[int, Scope, str]]] = []
    current: list[tuple[int, Scope, str]] = []
    current_bytes = 0
    for item_bytes, item in sized:
        current.append(item)
        current_bytes += item_bytes
        if current_bytes >= target_bytes:
            batches.append(current)
            current, current_bytes = [], 0
    if current:
        batches.append(current)
    return batches


def default_jobs(scope_count: int) -> int:
    """Worker processes for ``scope_count`` scopes: one per core (at most 4) when there are many, else none."""
    if scope_count < PARALLEL_MIN_SCOPES:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


PAGES_INDEX = ".pages.json"   # in views/: per page, the scope digest it was drawn from and what it shows


def page_digests(scopes: tuple[Scope, ...], colours: dict[str, str], *settings: object) -> dict[str, str]:
    """A digest per scope whose analysis records one (plan and region scopes), with the colours and
    settings the pages are drawn with: a page whose digest did not change is kept as it was."""
    import hashlib

    code = b"".join(p.read_bytes() for p in sorted(Path(__file__).resolve().parent.glob("*.py")))
    salt = hashlib.sha256(code + repr((sorted(colours.items()), settings)).encode("utf-8")).hexdigest()
    return {scope.id: hashlib.sha256(f"{salt}{scope.digest}".encode()).hexdigest() for scope in scopes if scope.digest}


def _reuse_pages(named: list[tuple[int, Scope, str]], digests: dict[str, str], views_dir: Path,
                 previous: Path | None) -> dict[int, tuple[ViewFile, ViewLink]]:
    """The pages of scopes unchanged since the ``previous`` views/ folder, linked from it."""
    import json

    try:
        pages = json.loads((previous / PAGES_INDEX).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        return {}
    reused = {}
    for index, scope, name in named:
        page = pages.get(scope.id)
        if not page or page["name"] != name or page["digest"] != digests.get(scope.id):
            continue
        link_or_copy(previous / name, views_dir / name)
        counts = {k: page[k] for k in ("nodes_shown", "edges_shown", "total_nodes", "total_edges")}
        reused[index] = (ViewFile(scope_id=scope.id, scope_kind=scope.kind, label=scope.label, path=views_dir / name,
                                  **counts),
                         ViewLink(scope=scope, href=view_href(name), overloaded=tuple(page["overloaded"]), **counts))
    return reused


def _save_pages(views_dir: Path, results: list[tuple[ViewFile, ViewLink]], digests: dict[str, str]) -> None:
    import json

    pages = {view.scope_id: {"name": view.path.name, "digest": digests[view.scope_id],
                             "overloaded": list(link.overloaded),
                             **{k: getattr(view, k) for k in ("nodes_shown", "edges_shown", "total_nodes",
                                                               "total_edges")}}
             for view, link in results if view.scope_id in digests}
    write_atomic(views_dir / PAGES_INDEX, json.dumps(pages, ensure_ascii=False))


def _pool(stack: ExitStack, jobs: int):
    """A pool of ``jobs`` page workers, started now and closed with ``stack`` (None for one job, or
    when no workers can be started here)."""
    pool = process_pool(jobs, "graph.views") if jobs > 1 else None
    if pool is not None:
        stack.enter_context(pool)
        pool.submit(int)   # start the workers
    return pool


def build_views(out_dir: Path, max_nodes: int = DEFAULT_MAX_NODES, max_links: int = DEFAULT_MAX_LINKS,
                jobs: int | None = None, previous: Path | None = None) -> ViewsResult:
    """Write DIR/views/{scope}.html for every scope in analysis/scopes.json and the dashboard DIR/index.html.

    A view shows at most ``max_nodes`` units (the heaviest leads) and ``max_links``
    links (the strongest among them) and says on the page what it leaves out.
    Scopes are read, rendered and written one at a time, so memory is bounded by the
    largest scope; ``jobs`` worker processes share them (default: :func:`default_jobs`).
    The output does not depend on ``jobs``. ``previous``: the views/ folder of an earlier
    generation, whose pages of unchanged scopes are kept (the workers are then started only when
    ``PARALLEL_MIN_SCOPES`` pages or more are left to draw). Raises :class:`ViewsInputError` when an
    input file is missing or malformed.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    out_dir = Path(out_dir)
    inputs = read_inputs(out_dir)     # a missing graph stops the run here, before any page is written
    jobs = default_jobs(len(inputs.scopes)) if jobs is None else max(1, jobs)
    updating = previous is not None and (previous / PAGES_INDEX).is_file()   # workers only for many pages
    with ExitStack() as stack:
        pool = _pool(stack, jobs) if not updating else None
        with collector_paused():   # after the workers started, which keep their collector
            table, functions, kinds = read_unit_table(out_dir, inputs.scopes, previous)
        colours = kind_colours(kinds)
        timings["read"] = round(time.perf_counter() - started, 3)
        views_dir = out_dir / "views"
        assets_written = write_view_assets(views_dir)
        taken: set[str] = set()
        named = [(index, scope, view_file_name(scope.id, taken)) for index, scope in enumerate(inputs.scopes)]
        results: list[tuple[ViewFile, ViewLink] | None] = [None] * len(named)
        digests = page_digests(inputs.scopes, colours, max_nodes, max_links)
        for index, result in _reuse_pages(named, digests, views_dir, previous).items():
            results[index] = result
        named = [item for item in named if results[item[0]] is None]
        if updating and len(named) >= PARALLEL_MIN_SCOPES:
            pool = _pool(stack, jobs)
        jobs = jobs if pool is not None else 1
        render = partial(_render_batch, views_dir=views_dir, functions=functions, colours=colours,
                         max_nodes=max_nodes, max_links=max_links)
        for done in (pool.map(render, _batches(named, BATCH_BYTES)) if pool is not None else [render(named)]):
            for index, view_file, view_link in done:
                results[index] = (view_file, view_link)
    written = [result[0] for result in results if result]
    links = [result[1] for result in results if result]
    timings["pages"] = round(time.perf_counter() - started - timings["read"], 3)
    removed = remove_stale_pages(views_dir, [view.path.name for view in written])
    _save_pages(views_dir, [r for r in results if r], digests)
    index = out_dir / "index.html"
    with collector_paused():
        write_atomic(index, render_dashboard(inputs.plans, inputs.scopes, table, links))
    timings["total"] = round(time.perf_counter() - started, 3)
    timings["dashboard"] = round(timings["total"] - timings["read"] - timings["pages"], 3)
    return ViewsResult(out_dir=out_dir, index=index, views=tuple(written), removed=removed,
                       assets_written=assets_written, timings=timings, jobs=jobs)
