"""Compare graph.indicators with the gold's indicators: (value, unit) multisets per document.

Usage: .venv/bin/python benchmarks/eval_indicators.py [--gold DIR] [--corpus DIR] [--diff] [--whole] [--bench N]

Runs the extractor over each task's text when ``graph.structure.parse_plan`` exists
(``--whole``: over the whole document instead), prints P/R/F1 per document and overall,
and with ``--diff`` the missed and extra (value, unit) pairs with their clauses.
``--bench N`` also times N extractor calls over the corpus's task texts (repeated).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.indicators import extract_indicators  # noqa: E402
from graph.ingest import read_document  # noqa: E402


def norm_value(v) -> float:
    return round(float(str(v).replace(",", "")), 6)


def predict(path: Path, whole: bool) -> list:
    """Indicators of one document: per task when the structure stage exists."""
    source = read_document(path)
    if not whole:
        try:
            from graph.structure import parse_plan
        except ImportError:
            parse_plan = None
        if parse_plan is not None:
            plan = parse_plan(source)
            year = plan.meta.period_end
            found = []
            for task in plan.tasks:
                found.extend(extract_indicators(task.text, task.start, year))
            return found
    return extract_indicators(source.text, 0, None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=Path("/work/shared/gold"))
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--diff", action="store_true", help="print missed and extra pairs")
    ap.add_argument("--whole", action="store_true", help="run over whole documents, not tasks")
    ap.add_argument("--bench", type=int, default=0, metavar="N", help="time N calls on task texts")
    a = ap.parse_args()
    tot = Counter()
    elapsed = 0.0
    chars = 0
    for gf in sorted(a.gold.glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        path = a.corpus / g["doc"]
        if not path.exists():
            print(f"{g['doc']}: not in {a.corpus}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        pred = predict(path, a.whole)
        elapsed += time.perf_counter() - t0
        chars += path.stat().st_size
        gold_items = [(norm_value(i["value"]), i.get("unit") or "", i["text"]) for t in g["tasks"]
                      for i in t.get("indicators", [])]
        gold_c = Counter((v, u) for v, u, _ in gold_items)
        pred_c = Counter((norm_value(i.value), i.unit) for i in pred)
        tp = sum((gold_c & pred_c).values())
        fp = sum(pred_c.values()) - tp
        fn = sum(gold_c.values()) - tp
        tot.update(tp=tp, fp=fp, fn=fn)
        print(f"{g['doc']}: gold {sum(gold_c.values())} pred {sum(pred_c.values())}  {prf(tp, fp, fn)}")
        if a.diff:
            for key, n in sorted((gold_c - pred_c).items(), key=str):
                texts = sorted({t for v, u, t in gold_items if (v, u) == key})
                print(f"   MISSED x{n} {key}: {' | '.join(texts)[:150]}")
            for key, n in sorted((pred_c - gold_c).items(), key=str):
                texts = sorted({i.text for i in pred if (norm_value(i.value), i.unit) == key})
                print(f"   EXTRA  x{n} {key}: {' | '.join(texts)[:150]}")
    print(f"OVERALL {prf(tot['tp'], tot['fp'], tot['fn'])}")
    print(f"time: {elapsed:.3f}s for {chars} bytes (incl. reading/parsing)")
    if a.bench:
        bench(a.corpus, a.bench)
    return 0


def bench(corpus: Path, calls: int) -> None:
    """Time ``calls`` extractor calls on the corpus's task texts (whole lines without the structure stage)."""
    from graph.structure import parse_plan

    texts = []
    for path in sorted(corpus.glob("*.txt")):
        plan = parse_plan(read_document(path))
        texts += [(t.text, t.start, plan.meta.period_end) for t in plan.tasks]
    if not texts:
        return
    found = 0
    t0 = time.perf_counter()
    for k in range(calls):
        text, start, year = texts[k % len(texts)]
        found += len(extract_indicators(text, start, year))
    dt = time.perf_counter() - t0
    print(f"bench: {calls} calls on {len(texts)} task texts in {dt:.2f}s ({dt / calls * 1e6:.0f} us/call), "
          f"{found} indicators")


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"tp={tp} fp={fp} fn={fn} P={p:.3f} R={r:.3f} F1={f:.3f}"


if __name__ == "__main__":
    sys.exit(main())
