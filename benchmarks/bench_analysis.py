"""Benchmark of ``plankg analyze`` on a synthetic graph (not a test).

    .venv/bin/python benchmarks/bench_analysis.py [--assignments 100000] [--units 5000] [--seed 7]
        [--backend auto|networkx|igraph] [--store]
    .venv/bin/python benchmarks/bench_analysis.py --build DIR     # an existing `plankg build` folder

Writes a synthetic build folder (graph.ttl, or with --store an Oxigraph store) in a temporary folder,
or links DIR/graph.ttl (and DIR/store) into one, then times ``run_analysis`` on it, phase by phase,
and samples the summed resident memory of this process and its worker processes.
Target: < 30 s for 100,000 assignments and 5,000 units on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from graph.analysis import AnalysisSettings, CentralityOptions, run_analysis  # noqa: E402

NS = "https://w3id.org/plankg/ns#"
ID = "https://w3id.org/plankg/id/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


def synthetic_ntriples(assignments: int, units: int, seed: int, regions: int = 10, plans_per_region: int = 5,
                       functions: int = 60, listed_share: float = 0.1) -> tuple[str, dict]:
    """N-Triples of plans, tasks, units, assignments and indicators in the plankg vocabulary."""
    rng = random.Random(seed)
    out: list[str] = []

    def t(s: str, p: str, o: str) -> None:
        out.append(f"<{s}> <{p}> {o} .")

    def lit(text: str, dtype: str = "") -> str:
        return f'"{text}"' + (f"^^<{XSD}{dtype}>" if dtype else "")

    per_region = units // regions
    n_plans = regions * plans_per_region
    per_plan = assignments // n_plans
    stats = {"assignments": 0, "tasks": 0, "units": regions * per_region, "plans": n_plans}
    weights = [1 / (i + 1) ** 0.8 for i in range(per_region)]
    for r in range(regions):
        region = f"{ID}region/R{r:02d}"
        t(region, RDF_TYPE, f"<{NS}Region>")
        t(region, RDFS + "label", lit(f"区域{r:02d}"))
        unit_iris = []
        for u in range(per_region):
            iri = f"{ID}unit/{r:02d}{u:010d}"
            unit_iris.append(iri)
            t(iri, RDF_TYPE, f"<{NS}Unit>")
            t(iri, SKOS + "prefLabel", lit(f"区域{r:02d}部门{u:04d}"))
            t(iri, NS + "region", f"<{region}>")
            t(iri, NS + "kind", f"<{NS}kind-government>")
            if u < functions * 5:
                t(iri, NS + "function", f"<{ID}function/f{u % functions:02d}>")
        for p in range(plans_per_region):
            plan = f"{ID}plan/{r:02d}{p:010d}"
            listed = rng.random() < listed_share
            t(plan, RDF_TYPE, f"<{NS}Plan>")
            t(plan, DCT + "title", lit(f"区域{r:02d}方案{p}"))
            t(plan, NS + "region", f"<{region}>")
            t(plan, NS + "leadConvention", lit("listed" if listed else "column"))
            made = k = 0
            while made < per_plan:
                task = f"{plan}/task/t{k}"
                k += 1
                t(task, RDF_TYPE, f"<{NS}Task>")
                t(task, NS + "inPlan", f"<{plan}>")
                t(task, DCT + "title", lit(f"任务{k}"))
                t(task, NS + "section", lit(f"第{k % 7}部分"))
                size = min(per_plan - made, rng.randint(1, 9))
                chosen = []
                while len(chosen) < size:
                    u = rng.choices(range(per_region), weights)[0]
                    if u not in chosen:
                        chosen.append(u)
                n_leads = 0 if listed else (2 if rng.random() < 0.2 and size > 2 else 1)
                for pos, u in enumerate(chosen):
                    role = "Responsible" if listed else ("Lead" if pos < n_leads else "Cooperating")
                    a = f"{task}/a/{pos}"
                    t(a, RDF_TYPE, f"<{NS}Assignment>")
                    t(a, NS + "ofTask", f"<{task}>")
                    t(a, PROV + "agent", f"<{unit_iris[u]}>")
                    t(a, PROV + "hadRole", f"<{NS}{role}>")
                    t(a, NS + "position", lit(str(pos), "integer"))
                    t(a, NS + "inferred", lit("false", "boolean"))
                for i in range(rng.choice((0, 0, 0, 1, 2))):
                    ind = f"{task}/i/{i}"
                    t(ind, RDF_TYPE, f"<{NS}Indicator>")
                    t(ind, NS + "ofTask", f"<{task}>")
                made += size
                stats["tasks"] += 1
            stats["assignments"] += made
    stats["triples"] = len(out)
    return "\n".join(out) + "\n", stats


class TreeMemory:
    """Samples the summed resident memory (VmRSS) of this process and its descendants every 0.2 s."""

    def __init__(self):
        import threading

        self.peak_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))
            self.stop.wait(0.2)

    def finish(self) -> float:
        """Peak in MB."""
        self.stop.set()
        self.thread.join()
        return self.peak_kb / 1024


def _tree_rss_kb(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _cpu() -> float:
    """CPU seconds of this process and its finished child processes."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backend", choices=("auto", "networkx", "igraph"), default="auto",
                        help="centrality backend (auto: igraph for large graphs when installed)")
    parser.add_argument("--store", action="store_true",
                        help="read an on-disk Oxigraph store (graph.ttl removed) instead of graph.ttl")
    parser.add_argument("--build", type=Path, help="time an existing build folder (its graph.ttl and store/ are "
                        "linked into a temporary folder; nothing is written into it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plankg-bench-") as tmp:
        out = Path(tmp)
        if args.build:
            for name in ("graph.ttl", "store"):
                if (args.build / name).exists():
                    (out / name).symlink_to((args.build / name).resolve())
            return _time_analysis(out, args.backend)
        t0 = time.perf_counter()
        text, stats = synthetic_ntriples(args.assignments, args.units, args.seed)
        (out / "graph.ttl").write_text(text, encoding="utf-8")
        t1 = time.perf_counter()
        if args.store:   # time the on-disk Oxigraph store instead of graph.ttl
            store = ox.Store(str(out / "store"))
            store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
            store.flush()
            del store
            (out / "graph.ttl").unlink()
        t2 = time.perf_counter()
        print(f"synthetic graph: {stats} (generated in {t1 - t0:.1f} s"
              + (f", store loaded in {t2 - t1:.1f} s)" if args.store else ")"))
        return _time_analysis(out, args.backend)


def _time_analysis(out: Path, backend: str) -> int:
    """Run the analysis in ``out`` and print its phases, totals and peak memory."""
    load_before = os.getloadavg()[0]
    memory = TreeMemory()
    start, cpu_start = time.perf_counter(), _cpu()
    result = run_analysis(out, settings=AnalysisSettings(centrality=CentralityOptions(backend=backend)))
    total, cpu_total = time.perf_counter() - start, _cpu() - cpu_start
    peak = memory.finish()
    print(f"read from: {result.source}; load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores; {len(result.scopes)} scopes")
    print(f"  {'phase':<11} {'wall':>7}   {'cpu':>7}")
    for phase, seconds in result.timings.items():
        print(f"  {phase:<11} {seconds:7.2f} s {result.cpu_timings.get(phase, 0):7.2f} s")
    print(f"  {'TOTAL':<11} {total:7.2f} s {cpu_total:7.2f} s  peak memory (process + workers) {peak:.0f} MB")
    for entry in json.loads((out / "analysis" / "scopes.json").read_text(encoding="utf-8")):
        if entry["kind"] == "all":
            print(f"  scope {entry['id']}: {entry['nodes']} nodes, {entry['edges']} collaboration edges; "
                  f"betweenness: {entry['methods']['betweenness']}")
    print(f"  overloaded (unit, scope) pairs: {len(result.overloaded())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
