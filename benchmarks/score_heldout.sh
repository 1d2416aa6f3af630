#!/usr/bin/env bash
# Build a held-out set of plans, export assignments and indicators, score them against its gold.
# Usage: bash benchmarks/score_heldout.sh SET [OUT_DIR]
#   SET: heldout | heldout2 | heldout3 (a folder of benchmarks/ with docs/ and gold/)
#   OUT_DIR: default /tmp/SET-out
set -euo pipefail
cd "$(dirname "$0")/.."            # project root
SET="${1:?usage: score_heldout.sh SET [OUT_DIR]}"
OUT="${2:-/tmp/$SET-out}"
PY=.venv/bin/python
DOCS="benchmarks/$SET/docs"
GOLD="benchmarks/$SET/gold"
SCORER=../shared/tools/score_gold.py
[[ -d "$DOCS" && -d "$GOLD" ]] || { echo "score_heldout.sh: no $DOCS or $GOLD" >&2; exit 2; }

"$PY" build.py "$DOCS" --out "$OUT" --quiet --no-analysis || [ $? -eq 1 ]   # 1: built, with problems
"$PY" -m graph query queries/assignments.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/assignments.csv.tmp"
mv "$OUT/assignments.csv.tmp" "$OUT/assignments.csv"
"$PY" -m graph query queries/indicators.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/indicators.csv.tmp"
mv "$OUT/indicators.csv.tmp" "$OUT/indicators.csv"

if [[ ! -f "$SCORER" ]]; then
  echo "score_heldout.sh: scorer not found at $SCORER (the shared gold scorer next to the project)." >&2
  echo "score_heldout.sh: exports are in $OUT/assignments.csv and $OUT/indicators.csv." >&2
  exit 3
fi
"$PY" "$SCORER" --gold "$GOLD" --sources "$DOCS" --corpus "$DOCS" \
  --assignments "$OUT/assignments.csv" --indicators "$OUT/indicators.csv" | tee "$OUT/scores.txt"
