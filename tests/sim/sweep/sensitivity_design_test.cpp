// The sensitivity designs of sweep files (design: saltelli, design: morris): their keys,
// the errors of wrong combinations, and SALib's order of the Saltelli points.
#include <algorithm>
#include <cmath>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/process_support.hpp"

namespace attune {
namespace {

using testing::TempFolder;

/// A sweep file beside a base scenario; `body` holds the design keys (from line 2).
std::string sensitivity_sweep_file(const TempFolder& folder, const std::string& body) {
  std::ofstream(folder / "base.yaml") << "name: base\nspan_days: 60\nbouts_per_day: 2\nbout_seconds: 120\n";
  const auto path = (folder / "sweep.yaml").string();
  std::ofstream(path) << "base: base.yaml\n" << body;
  return path;
}

/// "key@line" of every issue of a sweep file that must not load.
std::vector<std::string> sweep_issue_keys(const std::string& path) {
  std::vector<std::string> keys;
  try {
    load_sweep(path);
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) keys.push_back(issue.key + "@" + std::to_string(issue.line));
  }
  return keys;
}

const std::string kTwoAxes =
    "axes:\n"
    "  caregiver.detection: {min: 0.2, max: 0.8}\n"
    "  caregiver.repair: {min: 0.1, max: 0.9}\n";

}  // namespace

TEST_CASE(
    "sim/sweep: saltelli points are SALib's order: A, AB^i, BA^i, B from a Sobol base in 2k dimensions") {
  const std::size_t k = 3;
  const auto base = sobol_points(4, 2 * k);
  const auto points = saltelli_points(4, k, true);
  REQUIRE(points.size() == 4 * (2 * k + 2));
  for (std::size_t j = 0; j < 4; ++j) {
    const std::vector<double> a(base[j].begin(), base[j].begin() + k), b(base[j].begin() + k, base[j].end());
    const auto row = points.begin() + static_cast<std::ptrdiff_t>(j * (2 * k + 2));
    CHECK(row[0] == a);
    CHECK(row[2 * k + 1] == b);
    for (std::size_t i = 0; i < k; ++i) {
      auto ab = a, ba = b;
      ab[i] = b[i];
      ba[i] = a[i];
      CHECK(row[1 + i] == ab);
      CHECK(row[1 + k + i] == ba);
    }
  }
  const auto first_order = saltelli_points(4, k, false);
  REQUIRE(first_order.size() == 4 * (k + 2));
  CHECK(first_order[k + 1] == points[2 * k + 1]);  // B follows the AB block directly
}

TEST_CASE("sim/sweep: saltelli and morris sweep files load with their keys and defaults") {
  TempFolder folder("attune_sweep", "sensitivity_keys");
  const auto saltelli = load_sweep(
      sensitivity_sweep_file(folder, "design: saltelli\nsamples: 8\nsecond_order: true\n" + kTwoAxes));
  CHECK(saltelli.design == DesignKind::saltelli);
  CHECK(saltelli.second_order);
  CHECK(make_design(saltelli).points.size() == 8 * 6);
  const auto morris =
      load_sweep(sensitivity_sweep_file(folder, "design: morris\ntrajectories: 5\n" + kTwoAxes));
  CHECK(morris.levels == 4);
  const auto points = make_design(morris).points;
  REQUIRE(points.size() == 5 * 3);
  for (const auto& point : points)  // 4 levels of [0.2, 0.8]: 0.2, 0.4, 0.6, 0.8 (to rounding)
    CHECK(std::stod(point.values[0]) ==
          Approx(0.2 + 0.2 * std::round((std::stod(point.values[0]) - 0.2) / 0.2)));
  CHECK(make_design(morris).points[3].values == points[3].values);  // a pure function of the seed
}

TEST_CASE("sim/sweep: wrong combinations of the sensitivity designs' keys are errors with line and key") {
  TempFolder folder("attune_sweep", "sensitivity_errors");
  // saltelli without samples, with morris's keys.
  auto keys = sweep_issue_keys(
      sensitivity_sweep_file(folder, "design: saltelli\nlevels: 4\ntrajectories: 3\n" + kTwoAxes));
  CHECK(std::count(keys.begin(), keys.end(), "samples@1") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "levels@3") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "trajectories@4") == 1);
  CHECK(keys.size() == 3);
  // morris without trajectories, odd levels, second_order and samples.
  keys = sweep_issue_keys(sensitivity_sweep_file(
      folder, "design: morris\nlevels: 5\nsecond_order: true\nsamples: 8\n" + kTwoAxes));
  CHECK(std::count(keys.begin(), keys.end(), "trajectories@1") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "levels@3") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "second_order@4") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "samples@5") == 1);
  CHECK(keys.size() == 4);
  // second_order that is not a flag; no axes at all; an axis with grid steps.
  keys = sweep_issue_keys(
      sensitivity_sweep_file(folder, "design: saltelli\nsamples: 8\nsecond_order: yes please\naxes: {}\n"));
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"axes@5", "second_order@4"});
  keys = sweep_issue_keys(sensitivity_sweep_file(
      folder,
      "design: morris\ntrajectories: 4\naxes:\n  caregiver.detection: {min: 0.2, max: 0.8, steps: 3}\n"));
  CHECK(keys == std::vector<std::string>{"axes.caregiver.detection.steps@5"});
}

}  // namespace attune
