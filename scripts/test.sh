#!/usr/bin/env bash
# Every test: install what is missing, build (warnings are errors), run CTest; then the
# same suite, less the long statistical tier, under AddressSanitizer and UBSan (with
# float-cast-overflow), the mutation fuzzer's fixed batch ("fuzz/fixed batch") included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DATTUNE_WERROR=ON >/dev/null
cmake --build build-test -j "$jobs"
(cd build-test && ctest --output-on-failure -j "$jobs")
# Sanitizer build: no -Werror (GCC 12 warns falsely inside libstdc++ regex under ASan);
# -O1 with line tables only, as ASan's documentation suggests, compiles fastest.
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DATTUNE_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j "$jobs"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1
(cd build-sanitize && ctest --output-on-failure -j "$jobs")  # its test binary has no statistical tier
