#!/usr/bin/env bash
# Runs the R code of docs/R.md (its ```r blocks, in order, in one Rscript session) against
# the built binary, with 24 dyads a run, then checks what it read: a run's row count, the
# loop's shares and the value each --set put into dyads.csv, the sweep's cells. Exit 77
# (CTest's skip) when Rscript is not installed (Debian's r-base-core).
# Usage: r_example_test.sh ATTUNE_BINARY SOURCE_DIR
set -euo pipefail
binary="$1"
source_dir="$2"
if ! command -v Rscript >/dev/null; then
  echo "skipped: Rscript not found (install Debian's r-base-core: bash scripts/install-deps.sh)"
  exit 77
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/attune_r_example.XXXXXXXX")"
trap 'rm -rf "$work"' EXIT
# The doc's code runs from the repository root: it names scenarios/ and writes out/.
ln -s "$source_dir/scenarios" "$work/scenarios"
awk '/^```r$/ {inside = 1; next} /^```/ {inside = 0} inside' "$source_dir/docs/R.md" >"$work/example.R"
blocks="$(grep -c '^```r$' "$source_dir/docs/R.md")"
if [ "$blocks" -lt 4 ]; then
  echo "docs/R.md has $blocks \`\`\`r blocks; expected 4 (set-up, a run, the --set loop, a sweep)"
  exit 1
fi
cat >>"$work/example.R" <<'CHECKS'
# --- the test's checks, in the same session ---
n <- as.integer(dyads)
stopifnot(nrow(d) == n, all(d$classification %in% c("A", "B", "C", "D")))
stopifnot(nrow(secure) == length(repair), all(secure$share_secure >= 0 & secure$share_secure <= 1))
for (r in repair) {
  fixed <- read.csv(file.path("out", paste0("r-repair-", r), "dyads.csv"))$caregiver.repair
  stopifnot(length(fixed) == n, all(fixed == r))
}
stopifnot(nrow(cells) == 9, all(cells$n_dyads == n), all(cells$share_B >= 0 & cells$share_B <= 1))
stopifnot(setequal(cells$caregiver.repair, c(0.2, 0.5, 0.8)))
cat("R example checks passed\n")
CHECKS
cd "$work"
ATTUNE="$binary" ATTUNE_DYADS=24 Rscript example.R 2>&1 | tee output.txt
grep -q "^R example checks passed$" output.txt
