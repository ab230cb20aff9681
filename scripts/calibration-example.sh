#!/usr/bin/env bash
# The worked example of docs/CALIBRATION.md: a synthetic study (scenarios/recovery_truth.yaml)
# summarised into targets (scenarios/calibrate_recovery.yaml, written here), attune calibrate
# from wide ranges, its report, and the doc's tables of the result rewritten from the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target attune -j "$(nproc)" >/dev/null
rm -rf out/recovery_truth out/calibrate_recovery
./build/attune run scenarios/recovery_truth.yaml --out out/recovery_truth >/dev/null
python3 scripts/calibration_example_targets.py out/recovery_truth/summary.json scenarios/calibrate_recovery.yaml
start=$(date +%s)
./build/attune calibrate scenarios/calibrate_recovery.yaml --out out/calibrate_recovery
took=$(( $(date +%s) - start ))
./build/attune report out/calibrate_recovery
python3 scripts/calibration_example_doc.py out/calibrate_recovery "$took" "$(nproc)" docs/CALIBRATION.md
