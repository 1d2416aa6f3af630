#!/usr/bin/env bash
# Set up a virtual environment with plankg, then build the shipped corpus into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e .
.venv/bin/python build.py corpus --out output "$@"
