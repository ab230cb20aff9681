#!/usr/bin/env bash
# Runs every shipped scenario and sweep with two builds of attune and compares their
# tables byte for byte: a refactoring must leave every result unchanged.
#
#   scripts/compare_outputs.sh OLD_TREE NEW_TREE [DYADS]
#
# Each TREE is a checkout with its binary built at TREE/build/attune; each runs its own
# scenarios/ (so rewritten scenario files are compared by what they produce). Scenarios
# run at DYADS dyads (default 40); sweeps at the size their file gives. Every CSV of
# each output folder (dyads.csv, development.csv, arms.csv, cells.csv, the arms' and
# cells' own tables) must be identical. Exit 0 when all are, 1 otherwise.
set -euo pipefail
old="$(cd "$1" && pwd)" new="$(cd "$2" && pwd)" dyads="${3:-40}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for file in "$new"/scenarios/*.yaml; do
  name="$(basename "$file" .yaml)"
  if [ ! -f "$old/scenarios/$name.yaml" ]; then echo "new only: $name (not compared)"; continue; fi
  if grep -qE '^targets:' "$file"; then echo "calibration: $name (not compared; its stages are sweeps)"; continue; fi
  if grep -qE '^(design|axes):' "$file"; then  # a sweep file, as attune tells them apart
    "$old/build/attune" sweep "$old/scenarios/$name.yaml" --out "$work/old/$name" >/dev/null 2>&1
    "$new/build/attune" sweep "$new/scenarios/$name.yaml" --out "$work/new/$name" >/dev/null 2>&1
  else
    "$old/build/attune" run "$old/scenarios/$name.yaml" --dyads "$dyads" --out "$work/old/$name" >/dev/null 2>&1
    "$new/build/attune" run "$new/scenarios/$name.yaml" --dyads "$dyads" --out "$work/new/$name" >/dev/null 2>&1
  fi
  tables="$(cd "$work/old/$name" && find . -name '*.csv' | sort)"
  if [ "$tables" != "$(cd "$work/new/$name" && find . -name '*.csv' | sort)" ]; then
    echo "DIFFERENT FILES: $name"; status=1; continue
  fi
  differing=0
  for table in $tables; do
    cmp -s "$work/old/$name/$table" "$work/new/$name/$table" || { echo "DIFFERS: $name/$table"; differing=1; }
  done
  [ "$differing" -eq 0 ] && echo "identical: $name ($(echo "$tables" | wc -l) tables)" || status=1
done
exit "$status"
