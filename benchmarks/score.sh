#!/usr/bin/env bash
# Build a set of plans with gold, export assignments and indicators, score them.
# Usage: bash benchmarks/score.sh SET [OUT_DIR]
#   SET: shared (../shared/realdev, the real development set given to the project),
#        realdev (benchmarks/realdev, the real documents this project added), realdev-all (every
#        benchmarks/realdev* batch pooled into one build), seeds (corpus/
#        against ../shared/gold), or the name of any folder of benchmarks/ with docs/ and gold/
#        (the synthetic development sets heldout*)
#   OUT_DIR: default /tmp/SET-out
set -euo pipefail
cd "$(dirname "$0")/.."            # project root
SET="${1:?usage: score.sh SET [OUT_DIR]}"
OUT="${2:-/tmp/$SET-out}"
PY=.venv/bin/python
SCORER=../shared/tools/score_gold.py
case "$SET" in
  shared)  DOCS=../shared/realdev/docs; GOLD=../shared/realdev/gold ;;
  seeds)   DOCS=corpus; GOLD=../shared/gold ;;
  realdev-all)  # every batch benchmarks/realdev* pooled into one build
    DOCS="$OUT/pool/docs"; GOLD="$OUT/pool/gold"; rm -rf "$OUT/pool"; mkdir -p "$DOCS" "$GOLD"
    for d in benchmarks/realdev*/; do cp "$d"docs/* "$DOCS"/; cp "$d"gold/* "$GOLD"/; done ;;
  *)       DOCS="benchmarks/$SET/docs"; GOLD="benchmarks/$SET/gold" ;;
esac
[[ -d "$DOCS" && -d "$GOLD" ]] || { echo "score.sh: no $DOCS or $GOLD" >&2; exit 2; }

"$PY" build.py "$DOCS" --out "$OUT" --quiet --no-analysis || [ $? -eq 1 ]   # 1: built, with problems
"$PY" -m graph query queries/assignments.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/assignments.csv.tmp"
mv "$OUT/assignments.csv.tmp" "$OUT/assignments.csv"
"$PY" -m graph query queries/indicators.rq --graph "$OUT/graph.ttl" --format csv > "$OUT/indicators.csv.tmp"
mv "$OUT/indicators.csv.tmp" "$OUT/indicators.csv"

if [[ ! -f "$SCORER" ]]; then
  echo "score.sh: scorer not found at $SCORER (the shared gold scorer next to the project)." >&2
  echo "score.sh: exports are in $OUT/assignments.csv and $OUT/indicators.csv." >&2
  exit 3
fi
"$PY" "$SCORER" --gold "$GOLD" --sources "$DOCS" --corpus "$DOCS" \
  --assignments "$OUT/assignments.csv" --indicators "$OUT/indicators.csv" "${@:3}" | tee "$OUT/scores.txt"
