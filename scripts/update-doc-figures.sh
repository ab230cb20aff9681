#!/usr/bin/env bash
# Rewrites the figures docs/MODEL.md and README.md quote from runs (each between
# <!-- figures:NAME:begin --> and <!-- figures:NAME:end -->) from fresh runs of the shipped
# scenarios at their own size and seed: builds attune (Release), runs them into a temporary
# folder and rewrites the blocks (scripts/doc_figures.py, which lists them). Running it twice
# changes nothing the second time; a missing or unknown marker stops it before any run.
# Then docs/PYTHON.md's figure (scripts/python-doc-figure.sh).
# ATTUNE_BUILD_JOBS (default: all cores) and ATTUNE_THREADS (default: attune's) limit the work.
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3   # numpy, matplotlib and yaml are Debian's, for this interpreter
"$python" scripts/doc_figures.py --check .
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune -j "${ATTUNE_BUILD_JOBS:-$(nproc)}" >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/attune-doc-figures.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
"$python" scripts/doc_figures.py --update . ./build/attune "$work" ${ATTUNE_THREADS:-}
echo "update-doc-figures: $(( $(date +%s) - start )) s of runs" >&2
# docs/PYTHON.md's figure, drawn by its own code blocks.
bash scripts/python-doc-figure.sh
