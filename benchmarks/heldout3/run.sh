#!/usr/bin/env bash
# Build the held-out plans, export assignments and indicators, score them against the gold.
# Usage: benchmarks/heldout3/run.sh [OUT_DIR]     (default OUT_DIR: /tmp/heldout3-out)
set -euo pipefail
cd "$(dirname "$0")/../.."            # project root (/work/main)
OUT="${1:-/tmp/heldout3-out}"
PY=.venv/bin/python
DOCS=benchmarks/heldout3/docs
GOLD=benchmarks/heldout3/gold
SCORER=../shared/tools/score_gold.py

"$PY" build.py "$DOCS" --out "$OUT"
"$PY" -m graph query queries/assignments.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/assignments.csv.tmp"
mv "$OUT/assignments.csv.tmp" "$OUT/assignments.csv"
"$PY" -m graph query queries/indicators.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/indicators.csv.tmp"
mv "$OUT/indicators.csv.tmp" "$OUT/indicators.csv"

if [[ ! -f "$SCORER" ]]; then
  echo "run.sh: scorer not found at $SCORER (expected the shared gold scorer next to the project)." >&2
  echo "run.sh: exports are in $OUT/assignments.csv and $OUT/indicators.csv; score them by hand." >&2
  exit 3
fi
"$PY" "$SCORER" --gold "$GOLD" --sources "$DOCS" --corpus "$DOCS" \
  --assignments "$OUT/assignments.csv" --indicators "$OUT/indicators.csv" | tee "$OUT/scores.txt"
