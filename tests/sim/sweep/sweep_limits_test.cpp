// Tests of a sweep's limits (README "Limits"): its size counted from the file before any
// point is made, input files bounded, issues of the keys it sets on its base reported at
// the sweep file's line, and a full disk a failure of the run (exit 1), not of its cells.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/cli/sweep_command.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

const std::string kLimitsBase = "name: base\nseed: 3\nspan_days: 20\nbouts_per_day: 2\nbout_seconds: 60\n";

/// The issues load_sweep finds in `text` (a sweep file beside kLimitsBase); none when it loads.
std::vector<ScenarioIssue> limits_sweep_issues(const TempFolder& folder, const std::string& text) {
  write_text(folder / "base.yaml", kLimitsBase);
  const auto path = write_text(folder / "sweep.yaml", text);
  try {
    load_sweep(path.string());
  } catch (const ScenarioError& e) {
    return e.issues;
  }
  return {};
}

/// A list of `n` values of a parameter in [0, 1].
std::string axis_values(int n) {
  std::string list = "{values: [";
  for (int i = 0; i < n; ++i) list += (i ? ", " : "") + std::to_string(0.2 + 0.001 * i);
  return list + "]}";
}

}  // namespace

TEST_CASE("sim/sweep: a design too large is refused from the file's counts, before any point is made") {
  TempFolder folder("attune_sweep_limits", "design_size");
  // 200^5 = 3.2e11 points: the loader used to make every one until memory ran out.
  std::string grid = "base: base.yaml\naxes:\n";
  for (const char* p : {"caregiver.detection", "caregiver.repair", "caregiver.promptness", "caregiver.rejection",
                        "infant.reactivity"})
    grid += std::string("  ") + p + ": " + axis_values(200) + "\n";
  auto issues = limits_sweep_issues(folder, grid);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].to_string() ==
        (folder / "sweep.yaml").string() + ":2:1: key 'axes': the design has 320000000000 points x 1 replicates = "
                                           "320000000000 cells, more than the limit of 1000000 cells a sweep");

  // Sampled designs are counted with their replicates, at the key that sizes them.
  issues = limits_sweep_issues(folder, "base: base.yaml\ndesign: lhs\nsamples: 1000\nreplicates: 1001\naxes:\n"
                                "  caregiver.detection: {min: 0.2, max: 0.8}\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "samples");
  CHECK(issues[0].message.find("1000 points x 1001 replicates = 1001000 cells, more than the limit of 1000000") != std::string::npos);

  // Exactly at the limit is allowed (1000 x 1000 cells).
  CHECK(limits_sweep_issues(folder, "base: base.yaml\ndesign: lhs\nsamples: 1000\nreplicates: 1000\naxes:\n"
                             "  caregiver.detection: {min: 0.2, max: 0.8}\n")
            .empty());

  // Counts that overflow 64 bits stay too large.
  const auto most = std::numeric_limits<std::uint64_t>::max();
  CHECK(design_size_problem(most / 2, 3, 3).find("more than 18446744073709551615 cells") != std::string::npos);
  CHECK(design_size_problem(2'000'000, 6, 0).find("12000000 values, more than the limit of 10000000") != std::string::npos);
  CHECK(design_size_problem(1'000'000, 10, 1).empty());
}

TEST_CASE("sim/sweep: a design CSV with too many cells, or a sweep file past the size limit, is refused") {
  TempFolder folder("attune_sweep_limits", "csv_and_file_size");
  write_text(folder / "points.csv", "caregiver.detection\n0.3\n0.4\n");
  write_text(folder / "base.yaml", kLimitsBase);
  const auto path = write_text(folder / "sweep.yaml", "base: base.yaml\ndesign: csv\nfile: points.csv\nreplicates: 600000\n");
  const SweepSpec spec = load_sweep(path.string());
  try {
    make_design(spec);
    FAIL("a design of 1,200,000 cells was made");
  } catch (const ScenarioError& e) {
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].file == (folder / "points.csv").string());
    CHECK(e.issues[0].message.find("1200000 cells, more than the limit") != std::string::npos);
  }
  CHECK_THROWS_WITH(load_sweep("/dev/zero"), Catch::Contains("/dev/zero: sweep file is larger than 16777216 bytes"));
  CHECK_FALSE(is_sweep_file("/dev/zero"));
}

TEST_CASE("sim/sweep: an issue of a key the sweep sets on its base is reported at the sweep file's line") {
  TempFolder folder("attune_sweep_limits", "override_line");
  write_text(folder / "base.yaml", kLimitsBase);
  const auto path = write_text(folder / "sweep.yaml", "base: base.yaml\ndyads: 10\nstrange_situation_months: [12, 100]\n"
                                                      "axes:\n  caregiver.detection: {values: [0.3]}\n");
  const auto problems = validate_sweep(path.string());
  REQUIRE(problems.size() == 2);
  // Both ages are past the 20-day span of the base; 100 months is outside the range too.
  CHECK(problems[0].rfind(path.string() + ":3:28: key 'strange_situation_months[0]': age 12 months", 0) == 0);
  CHECK(problems[1].rfind(path.string() + ":3:32: key 'strange_situation_months[1]': age 100 months is outside", 0) == 0);

  // A base whose name the file system refuses is located at `base`, not thrown.
  const auto long_base = write_text(folder / "long.yaml", "base: " + std::string(300, 'b') + ".yaml\naxes:\n"
                                                           "  caregiver.detection: {values: [0.3]}\n");
  const auto refused = validate_sweep(long_base.string());
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].find("long.yaml:1:7: key 'base'") != std::string::npos);
  CHECK(refused[0].find("File name too long") != std::string::npos);
}

TEST_CASE("sim/sweep: a sweep that cannot write its outputs stops with exit 1, not as failed cells") {
  TempFolder folder("attune_sweep_limits", "full_disk");
  write_text(folder / "base.yaml", kLimitsBase);
  const auto path = write_text(folder / "sweep.yaml", "base: base.yaml\ndyads: 20\naxes:\n"
                                                      "  caregiver.detection: {values: [0.3, 0.6]}\n");
  // A file size limit of 8 KiB (16 blocks of 512 bytes), SIGXFSZ ignored, acts as a full
  // disk: the sweep's own files fit, a cell's summary.json (about 14 KiB) does not.
  const auto result = run_attune("sweep " + shell_quoted(path.string()) + " --threads 1 --out " +
                                     shell_quoted((folder / "out").string()),
                                 folder.path(), "trap '' XFSZ; ulimit -f 16; ");
  INFO("stderr: " << result.err);
  CHECK(result.status == 1);
  CHECK(result.err.find("cannot write: File too large") != std::string::npos);
  CHECK(sweep_cells_in_place(folder / "out") == 0);
  CHECK_FALSE(fs::exists(folder / "out" / "cells.csv"));
}
