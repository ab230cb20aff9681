#!/bin/sh
# Regenerates docs/PERFORMANCE.md in one command: attune bench over the thread list of
# issue 17, the NumPy reference on the same work, then scripts/performance_doc.py.
# Run from anywhere, after building build/attune (README: Build). Takes about two minutes on
# 2 cores. CONDITIONS (optional): one sentence on the run's circumstances for the document,
# e.g. CONDITIONS="Measured on a shared machine (load average 3)." bench/regenerate.sh
# THREADS (optional) overrides the thread list.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The JSON files are written (atomically) where they are kept: the document names the command.
figures=bench/figures
mkdir -p "$figures"
build/attune bench --threads "${THREADS:-1,2,4,8,16}" --json "$figures/bench.json"
# NumPy on the bench's work (256 dyads x 60 days), then on about as many dyad-seconds with
# the default job's 2,000 dyads in one array (NumPy's overhead per operation is shared by
# the dyads of an array).
/usr/bin/python3 bench/numpy_step.py --json "$figures/numpy.json"
/usr/bin/python3 bench/numpy_step.py --dyads 2000 --days 8 --json "$figures/numpy_2000.json"
/usr/bin/python3 scripts/performance_doc.py "$figures/bench.json" "$figures/numpy.json" "$figures/numpy_2000.json" \
  --conditions "${CONDITIONS:-}"
echo "docs/PERFORMANCE.md regenerated; its figures are in bench/figures/"
