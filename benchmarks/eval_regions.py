"""Compare the region plankg reads for each plan with the region its gold names.

Usage: .venv/bin/python benchmarks/eval_regions.py [SET ...] [--list]

SET: ``shared`` (../shared/realdev), ``seeds`` (corpus/ against ../shared/gold), ``realdev-all`` (every
benchmarks/realdev* batch) or a folder of benchmarks/ with docs/ and gold/; default ``shared realdev-all``.
A document counts when its gold names a region (``全国`` for a national plan, which gets none); names
compare in simplified characters (the gold keeps a 繁體 page's names as printed). ``--list`` prints
each document whose region differs: gold, then read.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import traditional  # noqa: E402
from graph.ingest import read_document  # noqa: E402
from graph.ingest.errors import IngestError  # noqa: E402
from graph.structure import parse_plan  # noqa: E402

NATIONAL = "全国"


def pairs(set_name: str) -> list[tuple[Path, Path]]:
    """(document, gold file) of a set."""
    if set_name == "shared":
        folders = [(ROOT.parent / "shared/realdev/docs", ROOT.parent / "shared/realdev/gold")]
    elif set_name == "seeds":
        folders = [(ROOT / "corpus", ROOT.parent / "shared/gold")]
    elif set_name == "realdev-all":
        folders = [(d / "docs", d / "gold") for d in sorted((ROOT / "benchmarks").glob("realdev*")) if d.is_dir()]
    else:
        folders = [(ROOT / "benchmarks" / set_name / "docs", ROOT / "benchmarks" / set_name / "gold")]
    return [(docs / gold.name[:-len(".json")], gold) for docs, golds in folders
            for gold in sorted(golds.glob("*.json")) if (docs / gold.name[:-len(".json")]).is_file()]


def read_region(doc: Path) -> str:
    """The region plankg reads for a document (in simplified characters), ``全国`` for none."""
    source = read_document(doc)
    reading = traditional.simplified_reading(source.text)
    plan = parse_plan(traditional.reading_source(source, reading) if reading else source)
    return plan.meta.region or NATIONAL


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=["shared", "realdev-all"])
    parser.add_argument("--list", action="store_true", help="print each document whose region differs")
    args = parser.parse_args()
    for set_name in args.sets:
        right = counted = 0
        for doc, gold_path in pairs(set_name):
            gold = (json.loads(gold_path.read_text(encoding="utf-8")).get("plan") or {}).get("region") or ""
            if not gold.strip():
                continue
            counted += 1
            try:
                got = read_region(doc)
            except IngestError as err:
                got = f"(unreadable: {err})"
            if traditional.to_simplified(gold.strip()) == got:
                right += 1
            elif args.list:
                print(f"  {doc.name}: gold {gold}, read {got}")
        print(f"{set_name}: region as annotated {right} of {counted}" + (f" ({right / counted:.3f})" if counted else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
