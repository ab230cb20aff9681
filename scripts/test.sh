#!/usr/bin/env bash
# Every test: install what is missing, build (warnings are errors), run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DATTUNE_WERROR=ON >/dev/null
cmake --build build-test -j "$(nproc)"
cd build-test && ctest --output-on-failure -j "$(nproc)"
