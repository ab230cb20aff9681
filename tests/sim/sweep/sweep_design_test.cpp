// Sweep designs (sim/sweep/sweep_design.*, sim/sweep/sweep_spec.*, sim/io/csv_read.*), in process.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "sim/io/csv_read.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/process_support.hpp"

namespace attune {
namespace {

using testing::TempFolder;

/// A sweep file beside a base scenario in `folder`; `body` holds the design keys.
std::string design_sweep_file(const TempFolder& folder, const std::string& body) {
  std::ofstream(folder / "base.yaml") << "name: base\nspan_days: 60\nbouts_per_day: 2\nbout_seconds: 120\n";
  const auto path = (folder / "sweep.yaml").string();
  std::ofstream(path) << "base: base.yaml\n" << body;
  return path;
}

}  // namespace

TEST_CASE("sim/sweep: a grid is every combination, the last axis fastest, each point once per replicate") {
  TempFolder folder("attune_sweep", "grid");
  const auto spec = load_sweep(design_sweep_file(folder,
                                          "replicates: 2\nseed: 5\naxes:\n"
                                          "  caregiver.detection: {min: 0.2, max: 0.8, steps: 3}\n"
                                          "  caregiver.repair: {values: [0.1, 0.9]}\n"));
  const Design design = make_design(spec);
  REQUIRE(design.axes == std::vector<std::string>{"caregiver.detection", "caregiver.repair"});
  REQUIRE(design.points.size() == 3 * 2);
  CHECK(design.points[0].values == std::vector<std::string>{"0.2", "0.1"});
  CHECK(design.points[1].values == std::vector<std::string>{"0.2", "0.9"});
  CHECK(design.points[5].values == std::vector<std::string>{"0.8", "0.9"});  // the ends are exact
  const auto cells = sweep_cells(design, spec.replicates, spec.seed);
  REQUIRE(cells.size() == 12);
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    CHECK(cells[i].index == i);
    CHECK(cells[i].point == i / 2);
    CHECK(cells[i].replicate == i % 2);
    CHECK(cells[i].seed == cell_seed(5, i / 2, i % 2));
    seeds.insert(cells[i].seed);
  }
  CHECK(seeds.size() == cells.size());  // replicates differ in their seed
  CHECK(cell_seed(6, 0, 0) != cell_seed(5, 0, 0));
}

TEST_CASE("sim/sweep: common seeds give every point of a replicate the same seed, and replicates their own") {
  TempFolder folder("attune_sweep", "common");
  const auto spec = load_sweep(design_sweep_file(folder,
                                          "replicates: 3\nseed: 5\nseeds: common\naxes:\n"
                                          "  caregiver.detection: {values: [0.2, 0.5, 0.8]}\n"));
  REQUIRE(spec.seeds == SeedScheme::common);
  const auto cells = sweep_cells(make_design(spec), spec.replicates, spec.seed, spec.seeds);
  REQUIRE(cells.size() == 9);
  std::set<std::uint64_t> seeds;
  for (const auto& cell : cells) {
    CHECK(cell.seed == cell_seed(5, 0, cell.replicate));
    seeds.insert(cell.seed);
  }
  CHECK(seeds.size() == 3);
  // The default is a seed per cell.
  const auto per_cell = load_sweep(design_sweep_file(folder, "axes:\n  caregiver.detection: {values: [0.2, 0.5]}\n"));
  CHECK(per_cell.seeds == SeedScheme::per_cell);

  const auto bad = design_sweep_file(folder, "seeds: comon\naxes:\n  caregiver.detection: {values: [0.2]}\n");
  try {
    load_sweep(bad);
    FAIL("an unknown seed scheme was accepted");
  } catch (const ScenarioError& e) {
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].key == "seeds");
    CHECK(e.issues[0].line == 2);
    CHECK(std::string(e.what()).find("did you mean 'common'") != std::string::npos);
  }
}

TEST_CASE("sim/sweep: a Latin hypercube puts exactly one point in each stratum of every axis") {
  for (std::uint64_t seed : {1u, 2u, 99u}) {
    const std::size_t n = 17, dimensions = 3;
    const auto points = latin_hypercube(n, dimensions, seed);
    REQUIRE(points.size() == n);
    for (std::size_t d = 0; d < dimensions; ++d) {
      std::set<std::size_t> strata;
      for (const auto& p : points) {
        REQUIRE(p[d] >= 0.0);
        REQUIRE(p[d] < 1.0);
        strata.insert(static_cast<std::size_t>(p[d] * n));
      }
      CHECK(strata.size() == n);
    }
    CHECK(latin_hypercube(n, dimensions, seed) == points);  // a pure function of the seed
    CHECK(latin_hypercube(n, dimensions, seed + 1000) != points);
  }
}

TEST_CASE("sim/sweep: Sobol points are the published sequence, scaled to each axis's range") {
  // The two-dimensional Sobol sequence after its all-zero first point (Bratley & Fox 1988;
  // Joe & Kuo 2008): (1/2, 1/2), (3/4, 1/4), (1/4, 3/4), (3/8, 3/8), (7/8, 7/8).
  const auto points = sobol_points(5, 2);
  const std::vector<std::vector<double>> expected = {{0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}};
  CHECK(points == expected);
  TempFolder folder("attune_sweep", "sobol");
  const auto spec = load_sweep(design_sweep_file(folder, "design: sobol\nsamples: 3\naxes:\n"
                                                  "  caregiver.detection: {min: 0.2, max: 0.6}\n"
                                                  "  caregiver.repair: {min: 0, max: 1}\n"));
  const Design design = make_design(spec);
  REQUIRE(design.points.size() == 3);
  CHECK(design.points[1].values == std::vector<std::string>{"0.5", "0.25"});  // 0.2 + 0.75 * 0.4
}

TEST_CASE("sim/sweep: a sweep file's errors are all reported with line and key") {
  TempFolder folder("attune_sweep", "errors");
  const auto path = design_sweep_file(folder,
                               "design: lhs\n"                                        // 2
                               "axes:\n"                                              // 3
                               "  caregiver.detecton: {min: 0.2, max: 0.8}\n"         // 4
                               "  caregiver.repair: {min: 0.5, max: 1.5}\n");          // 5
  try {
    load_sweep(path);
    FAIL("an invalid sweep file was accepted");
  } catch (const ScenarioError& e) {
    std::vector<std::string> keys;
    for (const auto& issue : e.issues) keys.push_back(issue.key + "@" + std::to_string(issue.line));
    CHECK(std::count(keys.begin(), keys.end(), "samples@1") == 1);  // required for lhs
    CHECK(std::count(keys.begin(), keys.end(), "axes.caregiver.detecton@4") == 1);
    CHECK(std::count(keys.begin(), keys.end(), "axes.caregiver.repair.max@5") == 1);
    CHECK(e.issues.size() == 3);
    CHECK(std::string(e.what()).find("did you mean 'caregiver.detection'") != std::string::npos);
  }
}

TEST_CASE("sim/sweep: a design CSV from elsewhere is read with quoted fields, and a short row is that cell's problem") {
  CHECK(split_csv_line("a,\"b,c\",\"say \"\"hi\"\"\",\r") == std::vector<std::string>{"a", "b,c", "say \"hi\"", ""});
  CHECK(!split_csv_line("\"open,x"));
  TempFolder folder("attune_sweep", "csv");
  std::ofstream(folder / "points.csv") << "\"caregiver.detection\",caregiver.repair\n0.3,0.5\n0.4\n\n0.5,0.6\n";
  const Design design = make_design(load_sweep(design_sweep_file(folder, "design: csv\nfile: points.csv\n")));
  REQUIRE(design.axes == std::vector<std::string>{"caregiver.detection", "caregiver.repair"});
  REQUIRE(design.points.size() == 3);
  CHECK(design.points[0].problem.empty());
  CHECK(design.points[1].problem == "expected 2 fields, got 1");
  CHECK(design.points[1].origin == "points.csv line 3");
  CHECK(design.points[2].origin == "points.csv line 5");  // the blank line is skipped but counted
  std::ofstream(folder / "points.csv") << "caregiver.detection,infant.reactivty\n0.3,1\n";
  CHECK_THROWS_AS(make_design(load_sweep(design_sweep_file(folder, "design: csv\nfile: points.csv\n"))), ScenarioError);
}

TEST_CASE("sim/sweep: a design CSV's values are trimmed and checked where they are written, column by column") {
  TempFolder folder("attune_sweep", "csv_values");
  std::ofstream(folder / "points.csv") << "caregiver.detection,caregiver.repair\n"
                                          " 0.3 , 0.5\n"    // line 2: padded, fine
                                          "0.3,high\n"      // line 3: not a number
                                          "1.7,0.5\n"       // line 4: out of range
                                          "0.3,\n";         // line 5: empty
  const Design design = make_design(load_sweep(design_sweep_file(folder, "design: csv\nfile: points.csv\n")));
  REQUIRE(design.points.size() == 4);
  CHECK(design.points[0].problem.empty());
  CHECK(design.points[0].values == std::vector<std::string>{"0.3", "0.5"});
  CHECK(design.points[1].problem == "column 2 (caregiver.repair): 'high' is not a number");
  CHECK(design.points[1].values == std::vector<std::string>{"0.3", "high"});  // as written, for failures.csv
  CHECK(design.points[2].problem.find("column 1 (caregiver.detection): 1.7 is outside the valid range [") == 0);
  CHECK(design.points[3].problem == "column 2 (caregiver.repair): '' is not a number");
  CHECK(design.points[2].origin == "points.csv line 4");
}

TEST_CASE("sim/sweep: strange_situation_months changes only the Strange Situation's ages, the base's still-face stays") {
  TempFolder folder("attune_sweep", "assessments");
  std::ofstream(folder / "base.yaml") << "name: base\nspan_days: 240\nbouts_per_day: 2\nbout_seconds: 120\n"
                                         "assessments:\n  strange_situation: {ages_months: [6]}\n"
                                         "  still_face: {age_months: 4, phase_seconds: 60}\n";
  const auto path = (folder / "sweep.yaml").string();
  std::ofstream(path) << "base: base.yaml\nstrange_situation_months: [6.5, 7.5]\naxes:\n"
                         "  caregiver.detection: {values: [0.3]}\n";
  const auto spec = load_sweep(path);
  const auto design = make_design(spec);
  const Scenario cell = cell_scenario(spec, design, sweep_cells(design, spec.replicates, spec.seed).front());
  CHECK(cell.strange_situation.ages_months == std::vector<double>{6.5, 7.5});
  CHECK(cell.still_face.scheduled);
  CHECK(cell.still_face.age_months == 4.0);
  CHECK(cell.still_face.phase_seconds == 60);
}

TEST_CASE("sim/sweep: sensitivity_observation_months sets the base's observation ages, or drops them") {
  TempFolder folder("attune_sweep", "observations");
  std::ofstream(folder / "base.yaml") << "name: base\nspan_days: 300\nbouts_per_day: 2\nbout_seconds: 120\n"
                                         "assessments:\n  sensitivity_observation: {ages_months: [6, 9], minutes: 10}\n";
  const auto cell_of = [&](const std::string& months) {
    const auto path = (folder / "sweep.yaml").string();
    std::ofstream(path) << "base: base.yaml\nspan_days: 250\nsensitivity_observation_months: " << months
                        << "\naxes:\n  caregiver.detection: {values: [0.3]}\n";
    const auto spec = load_sweep(path);
    const auto design = make_design(spec);
    return cell_scenario(spec, design, sweep_cells(design, spec.replicates, spec.seed).front());
  };
  const Scenario earlier = cell_of("[4, 7]");
  CHECK(earlier.sensitivity_observation.ages_months == std::vector<double>{4, 7});
  CHECK(earlier.sensitivity_observation.minutes == 10);  // the base's length stays
  CHECK_FALSE(cell_of("[]").sensitivity_observation.scheduled());
}

}  // namespace attune
