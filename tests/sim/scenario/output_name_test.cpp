// A run's, sweep's or calibration's name becomes a folder under out/: names that would
// leave it ("../x", "/x"), hide as a temporary or dot file, hold a control character or
// outgrow a file name are refused at their line and key.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/process_support.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

const std::vector<std::string> kBadNames = {"../../../elsewhere", "/tmp/x", "a/b", ".hidden", "..", "\"\"",
                                            "\"tab\\there\"", std::string(129, 'n')};

/// The issues of loading a study file with `load` (a sweep's or a calibration's).
template <typename Load>
std::vector<ScenarioIssue> study_issues(Load load, const std::string& path) {
  try {
    load(path);
  } catch (const ScenarioError& error) {
    return error.issues;
  }
  return {};
}

}  // namespace

TEST_CASE("sim/scenario: a name that is no plain folder name is refused at its line, in a scenario, sweep or calibration") {
  TempFolder folder("attune_output_name", "names");
  write_text(folder / "base.yaml", testing::kCalibrationBase);
  for (const std::string& name : kBadNames) {
    INFO("name: " << name);
    const auto scenario = write_text(folder / "scenario.yaml", "name: " + name +
                                                                   "\nspan_days: 30\nbouts_per_day: 1\nbout_seconds: 60\n");
    const auto issues = validate_scenario(scenario.string());
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].line == 1);
    CHECK(issues[0].key == "name");
    CHECK_THAT(issues[0].message, Catch::Contains("becomes a folder under out/"));

    const auto sweep = write_text(folder / "sweep.yaml", "name: " + name +
                                                             "\nbase: base.yaml\ndyads: 5\naxes:\n"
                                                             "  caregiver.detection: {values: [0.3]}\n");
    const auto sweep_issues = study_issues(load_sweep, sweep.string());
    REQUIRE(sweep_issues.size() == 1);
    CHECK(sweep_issues[0].line == 1);
    CHECK(sweep_issues[0].key == "name");

    const auto calibration = write_text(folder / "calibration.yaml",
                                        "name: " + name +
                                            "\nbase: base.yaml\nparameters:\n  caregiver.repair: {min: 0.1, max: 0.9}\n"
                                            "targets:\n  - mean: {output: matched_share_mean, value: 0.4, se: 0.01}\n");
    const auto calibration_issues = study_issues([](const std::string& path) { return load_calibration(path); }, calibration.string());
    REQUIRE(calibration_issues.size() == 1);
    CHECK(calibration_issues[0].line == 1);
  }
  // Plain names pass, spaces and dots inside included; a sweep named by its file's stem too.
  const auto fine = write_text(folder / "fine.yaml", "name: risk combined-2.1\nspan_days: 30\nbouts_per_day: 1\n"
                                                     "bout_seconds: 60\n");
  CHECK(validate_scenario(fine.string()).empty());
  const auto hidden = write_text(folder / ".hidden.yaml",
                                 "base: base.yaml\ndyads: 5\naxes:\n  caregiver.detection: {values: [0.3]}\n");
  const auto stem_issues = study_issues(load_sweep, hidden.string());
  REQUIRE(stem_issues.size() == 1);
  CHECK_THAT(stem_issues[0].message, Catch::Contains("the file's own cannot stand in"));
}
