#!/usr/bin/env bash
# Regenerates the parameter table in docs/MODEL.md from models/parameters.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune -j "$(nproc)" >/dev/null
table=$(./build/attune params)
python3 - "$table" <<'PY'
import sys, re
path = "docs/MODEL.md"
text = open(path).read()
begin, end = "<!-- parameter-table:begin -->\n", "<!-- parameter-table:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + sys.argv[1] + "\n" + end + tail)
PY
