#!/bin/sh
# Regenerates docs/PERFORMANCE.md in one command: attune bench over the thread list of
# issue 17, the NumPy reference on the same work, then scripts/performance_doc.py.
# Run from anywhere, after building build/attune (README: Build). Takes about a minute on
# 2 cores. CONDITIONS (optional): one sentence on the run's circumstances for the document,
# e.g. CONDITIONS="Measured on a shared machine (load average 3)." bench/regenerate.sh
# THREADS (optional) overrides the thread list.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
figures=$(mktemp -d)
trap 'rm -rf "$figures"' EXIT
build/attune bench --threads "${THREADS:-1,2,4,8,16}" --json "$figures/bench.json"
/usr/bin/python3 bench/numpy_step.py --json "$figures/numpy.json"
/usr/bin/python3 scripts/performance_doc.py "$figures/bench.json" "$figures/numpy.json" \
  --conditions "${CONDITIONS:-}"
mkdir -p bench/figures
cp "$figures/bench.json" "$figures/numpy.json" bench/figures/
echo "docs/PERFORMANCE.md regenerated; its figures are in bench/figures/"
