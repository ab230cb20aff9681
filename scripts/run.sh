#!/usr/bin/env bash
# The main job: install what is missing, build in Release (the command and the Python
# module), run the default scenario (its summary is printed) and write its HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune attune_python -j "$(nproc)"   # attune_python: PYTHONPATH=build/python (docs/PYTHON.md)
out="out/normative"
./build/attune run scenarios/normative.yaml --out "$out" "$@"
./build/attune report "$out"
