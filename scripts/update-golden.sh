#!/usr/bin/env bash
# Regenerates the golden run after a deliberate model change.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune -j "$(nproc)" >/dev/null
tmp=$(mktemp -d)
./build/attune run scenarios/normative.yaml --dyads 24 --seed 7 --out "$tmp" >/dev/null
cp "$tmp/dyads.csv" tests/golden/normative_24.csv
rm -rf "$tmp"
