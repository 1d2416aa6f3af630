"""Benchmark of ``plankg views`` (``graph.views.build_views``) on an analysed build folder (not a test).

    .venv/bin/python benchmarks/bench_views.py DIR [--replicate N] [--jobs 1 2 ...] [--work TMP]

DIR holds report.json and analysis/ (e.g. ``build.py CORPUS --out DIR`` or ``benchmarks/run.py``).
The inputs are copied to a work folder (DIR is never written). ``--replicate N`` makes a
larger synthetic case from DIR: every plan scope (its report entry, scopes.json entry and
units.json rows) is repeated N times under new ids, each copy pointing at the original's
GraphML file; region and all-regions scopes are kept once. Each run is a fresh process;
it prints wall clock, CPU (the process and its worker processes), peak RSS (the largest
single process), the phases build_views reports, and the output sizes; then the same
run again on the unchanged output (pages and assets already up to date).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def replicate(source: Path, target: Path, copies: int) -> int:
    """Write report.json and analysis/ of ``copies`` × the plans of ``source`` into ``target``; return the plan count."""
    analysis, out_analysis = source / "analysis", target / "analysis"
    out_analysis.mkdir(parents=True, exist_ok=True)
    graphs = out_analysis / "graphs"
    if not graphs.exists():
        graphs.symlink_to((analysis / "graphs").resolve(), target_is_directory=True)
    report = json.loads((source / "report.json").read_text(encoding="utf-8"))
    scopes = json.loads((analysis / "scopes.json").read_text(encoding="utf-8"))
    plan_ids = {scope["id"] for scope in scopes if scope.get("kind") == "plan"}

    def suffix(copy: int) -> str:
        return "" if copy == 0 else f"-r{copy}"

    documents = []
    for copy in range(copies):
        for doc in report.get("documents", []):
            documents.append({**doc, "doc": doc.get("doc", "") + suffix(copy),
                              "plan_iri": doc.get("plan_iri", "") + suffix(copy),
                              "title": doc.get("title", "") + (f"（副本{copy}）" if copy else "")})
    report["documents"] = documents
    (target / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    out_scopes = []
    for copy in range(copies):
        for scope in scopes:
            if scope["id"] in plan_ids:
                out_scopes.append({**scope, "id": scope["id"] + suffix(copy),
                                   "plan": scope.get("plan", "") + suffix(copy),
                                   "doc": scope.get("doc", "") + suffix(copy) if scope.get("doc") else "",
                                   "label": scope.get("label", "") + (f"（副本{copy}）" if copy else "")})
    out_scopes += [scope for scope in scopes if scope["id"] not in plan_ids]
    (out_analysis / "scopes.json").write_text(json.dumps(out_scopes, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from graph.views.inputs import iter_unit_rows

    with (out_analysis / "units.json").open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        first = True
        for copy in range(copies):
            for row in iter_unit_rows(analysis / "units.json"):
                if row.get("scope") in plan_ids:
                    row = {**row, "scope": row["scope"] + suffix(copy)}
                elif copy:
                    continue
                handle.write(("" if first else ",\n") + json.dumps(row, ensure_ascii=False))
                first = False
        handle.write("\n]\n")
    return len(documents)


def tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def run_once(folder: Path, jobs: int | None) -> dict:
    """build_views in a fresh process; its wall, CPU (with workers), peak RSS and phases."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "from graph.views import build_views; "
            "r = build_views(Path(sys.argv[2]), jobs=None if sys.argv[3] == 'auto' else int(sys.argv[3])); "
            "print(json.dumps({'timings': r.timings, 'jobs': r.jobs, 'views': len(r.views), "
            "'assets_written': len(r.assets_written)}))")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(ROOT), str(folder), "auto" if jobs is None else str(jobs)],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(wall=round(wall, 2), cpu=round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
                  peak_rss_mb=round(after.ru_maxrss / 1024))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="an analysed build folder (report.json, analysis/)")
    parser.add_argument("--replicate", type=int, default=1, help="repeat every plan scope N times")
    parser.add_argument("--jobs", nargs="*", default=["1", "auto"], help="worker settings to time (1, 2, auto)")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="plankg-bench-views-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.replicate > 1:
        plans = replicate(args.folder, work, args.replicate)
    else:
        shutil.copy2(args.folder / "report.json", work / "report.json")
        (work / "analysis").mkdir(exist_ok=True)
        for name in ("scopes.json", "units.json"):
            shutil.copy2(args.folder / "analysis" / name, work / "analysis" / name)
        if not (work / "analysis" / "graphs").exists():
            (work / "analysis" / "graphs").symlink_to((args.folder / "analysis" / "graphs").resolve())
        plans = len(json.loads((work / "report.json").read_text(encoding="utf-8")).get("documents", []))
    inputs = tree_bytes(work / "analysis" / "units.json") + tree_bytes(work / "analysis" / "scopes.json")
    print(f"{plans} plans; units.json + scopes.json {inputs / 1e6:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    for jobs in args.jobs:
        for attempt in ("fresh", "again"):
            if attempt == "fresh":
                shutil.rmtree(work / "views", ignore_errors=True)
                (work / "index.html").unlink(missing_ok=True)
            result = run_once(work, None if jobs == "auto" else int(jobs))
            pages = [p for p in (work / "views").glob("*.html")]
            print(f"jobs={jobs} ({result['jobs']} used) {attempt}: {result['wall']} s wall, {result['cpu']} s CPU, "
                  f"peak RSS {result['peak_rss_mb']} MB; phases {result['timings']}; "
                  f"{result['views']} views, {result['assets_written']} assets written")
        print(f"  output: views/*.html {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB "
              f"(largest page {max((p.stat().st_size for p in pages), default=0) / 1e3:.0f} KB), "
              f"views/assets {tree_bytes(work / 'views' / 'assets') / 1e6:.2f} MB, "
              f"index.html {tree_bytes(work / 'index.html') / 1e6:.1f} MB")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
