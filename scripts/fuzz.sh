#!/usr/bin/env bash
# The long batch of the mutation fuzzer (tests/fuzz/): mutants of every shipped scenario,
# sweep and calibration file (scenarios/*.yaml), each checked against the promise for bad
# input. `attune validate` must exit 0 only for a file that then runs (a sample of the valid
# mutants is run, 2 dyads, one thread), and otherwise exit 1 or 2 with a first error line
# naming the file (or its base, where an inherited value no longer fits), never by a signal
# or a time-out, leaving no file behind. The test suite
# runs a small fixed-seed batch of the same fuzzer ("fuzz/fixed batch"); this one draws larger
# mutants (strings of megabytes, nesting 200,000 deep, alias bombs of 20 levels).
#
#   scripts/fuzz.sh [options]
#     --seed N             batch seed (default: the time); mutant i is drawn from seed + i
#     --count N            mutants (default 2000)
#     --seconds S          stop after S seconds even if count is not reached (default 600)
#     --first I            index of the first mutant; with --count 1, replays one failure
#     --file NAME          mutate only scenarios/NAME (default: every shipped file in turn)
#     --runs N             valid mutants also run by the binary (default 20)
#     --no-sweep-runs      let those runs be scenarios only (a saltelli sweep runs 80 cells)
#     --run-calibrations   let those runs include calibrations (slow: hundreds of simulations)
#     --binary N           refused mutants also given to the binary (validate, run) (default 50)
#     --limit-ms MS        time limit of one validate (default 30000)
#     --run-limit-ms MS    time limit of one run (default 300000)
#     --scale suite|long   mutation sizes: the suite's small ones or the long batch's (default long)
#     --keep DIR           save each mutant that broke the promise into DIR (default out/fuzz-failures)
#     --build DIR          the Release build folder (default build; built here if it lacks attune_tests)
#
# Every failing mutant is printed as "seed S mutant I (FILE: MUTATION): PROBLEM" and saved;
# exit status 0 when none failed. Replay one with --seed S --first I --count 1 --file FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

seed="$(date +%s)" count=2000 seconds=600 first=0 file="" runs=20 run_sweeps=1 run_calibrations=0 binary=50
limit_ms=30000 run_limit_ms=300000 scale=long keep=out/fuzz-failures build=build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --first) first="$2"; shift 2 ;;
    --file) file="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-sweep-runs) run_sweeps=0; shift ;;
    --run-calibrations) run_calibrations=1; shift ;;
    --binary) binary="$2"; shift 2 ;;
    --limit-ms) limit_ms="$2"; shift 2 ;;
    --run-limit-ms) run_limit_ms="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for number in "$seed" "$count" "$seconds" "$first" "$runs" "$binary" "$limit_ms" "$run_limit_ms"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: '$number' is not a whole number" >&2; exit 2; }
done
[[ "$scale" == suite || "$scale" == long ]] || { echo "fuzz.sh: --scale is suite or long, not '$scale'" >&2; exit 2; }

if [[ ! -x "$build/attune_tests" ]]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j "$(nproc)" --target attune_tests
fi
mkdir -p "$keep"
keep="$(cd "$keep" && pwd)"

echo "fuzz.sh: seed $seed, $count mutants from $first, at most $seconds s; failures saved in $keep"
ATTUNE_FUZZ_SEED="$seed" ATTUNE_FUZZ_COUNT="$count" ATTUNE_FUZZ_SECONDS="$seconds" ATTUNE_FUZZ_FIRST="$first" \
ATTUNE_FUZZ_FILE="$file" ATTUNE_FUZZ_RUNS="$runs" ATTUNE_FUZZ_RUN_SWEEPS="$run_sweeps" ATTUNE_FUZZ_RUN_CALIBRATIONS="$run_calibrations" \
ATTUNE_FUZZ_BINARY="$binary" ATTUNE_FUZZ_LIMIT_MS="$limit_ms" ATTUNE_FUZZ_RUN_LIMIT_MS="$run_limit_ms" \
ATTUNE_FUZZ_SCALE="$scale" ATTUNE_FUZZ_KEEP="$keep" \
  exec "$build/attune_tests" "fuzz/long batch (scripts/fuzz.sh)"
