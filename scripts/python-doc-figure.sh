#!/usr/bin/env bash
# Draws docs/python_share_b.png by running docs/PYTHON.md's Python blocks as they stand
# (full size: a 2,000-dyad run and the 9-cell, 300-dyad repair sweep) with the module
# built in build/ (scripts/python_doc.py). ATTUNE_BUILD_JOBS (default: all cores) limits the build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune_python -j "${ATTUNE_BUILD_JOBS:-$(nproc)}" >/dev/null
start=$(date +%s)
PYTHONPATH=build/python /usr/bin/python3 scripts/python_doc.py docs/PYTHON.md docs/python_share_b.png
echo "python-doc-figure: $(( $(date +%s) - start )) s" >&2
