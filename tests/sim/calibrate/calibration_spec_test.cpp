// The calibration file loader: what it reads (ranges, scales, targets with their sampling
// variance, computed here by hand from the counts) and the file:line:key of every problem.
#include "sim/calibrate/calibration_spec.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "tests/support/process_support.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

/// The issues of loading `text` as a calibration file beside the base, one a line.
std::string calibration_issues(const TempFolder& folder, const std::string& text) {
  write_text(folder / "base.yaml", kCalibrationBase);
  const auto file = write_text(folder / "cal.yaml", text);
  try {
    load_calibration(file.string());
  } catch (const ScenarioError& e) {
    std::string all;
    for (const auto& issue : e.issues) all += issue.to_string() + "\n";
    return all;
  }
  return "";
}

}  // namespace

TEST_CASE("sim/calibrate: targets carry their sampling variance on the compared scale") {
  TempFolder folder("attune_calibration_spec", "targets");
  write_text(folder / "base.yaml", kCalibrationBase);
  const auto file = write_text(folder / "cal.yaml", R"(base: base.yaml
parameters:
  caregiver.repair: {min: 0.1, max: 0.9}
  caregiver.detection.mean: {min: 0.1, max: 0.5, scale: log}
targets:
  - classes: {A: 23, B: 61, C: 0, D: 16}
    discrepancy: 0.0004
  - mean: {output: matched_share_mean, value: 0.3, se: 0.02}
  - proportion: {output: share_D, count: 12, n: 100}
  - name: sensitivity and security
    correlation: {output: r_secure_matched_share, r: 0.24, n: 103}
  - forced_classes: {A: 22, B: 66, C: 12}
)");
  const CalibrationSpec spec = load_calibration(file.string());
  REQUIRE(spec.targets.size() == 10);
  // Classes: n = 100; share B = 0.61, variance from Jeffreys' p = 61.5 / 101.
  CHECK(spec.targets[1].output == "share_B");
  CHECK(spec.targets[1].observed == Approx(0.61));
  CHECK(spec.targets[1].observed_variance == Approx((61.5 / 101) * (1 - 61.5 / 101) / 100));
  // A zero count keeps a variance above 0: p = 0.5 / 101.
  CHECK(spec.targets[2].observed == 0.0);
  CHECK(spec.targets[2].observed_variance == Approx((0.5 / 101) * (1 - 0.5 / 101) / 100));
  CHECK(spec.targets[3].discrepancy_variance == Approx(0.0004));
  CHECK(spec.targets[4].observed_variance == Approx(0.0004));  // se 0.02 squared
  CHECK(spec.targets[5].observed == Approx(0.12));
  // Fisher's z: atanh(0.24) = 0.2448, variance 1 / (103 - 3).
  CHECK(spec.targets[6].observed == Approx(0.244774));
  CHECK(spec.targets[6].observed_variance == Approx(0.01));
  CHECK(spec.targets[6].target == "sensitivity and security");
  // The forced three-way split: n = 100, compared with cells.csv's forced shares.
  CHECK(spec.targets[7].output == "forced_share_A");
  CHECK(spec.targets[9].output == "forced_share_C");
  CHECK(spec.targets[8].target == "forced_classes");
  CHECK(spec.targets[8].observed == Approx(0.66));
  CHECK(spec.targets[8].observed_variance == Approx((66.5 / 101) * (1 - 66.5 / 101) / 100));
  CHECK(spec.targets[8].weight == Approx(1.0 / 3));
  // Defaults: 10 points per parameter, two replicates, the three-sigma cutoff.
  CHECK(spec.points == 20);
  CHECK(spec.replicates == 2);
  CHECK(spec.cutoff == 3.0);
  // A log-scale range is searched evenly in log: the middle of [0.1, 0.5] is their geometric mean.
  CHECK(spec.parameters[1].value_at(0.5) == Approx(std::sqrt(0.1 * 0.5)));
  CHECK(spec.parameters[1].unit_of(spec.parameters[1].value_at(0.3)) == Approx(0.3));
}

TEST_CASE("sim/calibrate: every problem of a calibration file is reported with its line and key") {
  TempFolder folder("attune_calibration_spec", "problems");
  const std::string issues = calibration_issues(folder, R"(base: base.yaml
parameters:
  caregiver.repiar: {min: 0.1, max: 0.9}
  caregiver.detection.mode: {min: 0.2, max: 0.8}
  caregiver.fit: {min: 0.9, max: 0.1}
  caregiver.promptness: {min: 0.1, max: 1.5}
  caregiver.reading: {min: 0, max: 0.5, scale: log}
targets:
  - classes: {A: 23, B: 61, C: 9}
  - mean: {output: matched_share_mean, value: 0.3, se: 0}
  - correlation: {output: r_secure_matched_share, r: 1.2, n: 3}
  - mean: {output: x, value: 1, se: 1}
    proportion: {output: share_D, count: 12, n: 100}
  - {name: nothing}
  - forced_classes: {A: 23, B: 61, D: 9}
history_matching: {waves: 0, replicates: 1, cutoff: -1}
abc: {method: mcmc, keep: 2}
threads: 4
)");
  INFO(issues);
  CHECK(issues.find("cal.yaml:3:3: key 'parameters.caregiver.repiar': unknown parameter") != std::string::npos);
  CHECK(issues.find("did you mean 'caregiver.repair'") != std::string::npos);
  CHECK(issues.find("cal.yaml:4:3: key 'parameters.caregiver.detection.mode': unknown distribution field 'mode'") !=
        std::string::npos);
  CHECK(issues.find("cal.yaml:5:") != std::string::npos);
  CHECK(issues.find("min 0.9 must be below max 0.1") != std::string::npos);
  CHECK(issues.find("leaves the valid range [0, 1] of caregiver.promptness") != std::string::npos);
  CHECK(issues.find("a log-scale range must be above 0") != std::string::npos);
  CHECK(issues.find("cal.yaml:9:") != std::string::npos);
  CHECK(issues.find("missing required key 'D'") != std::string::npos);
  CHECK(issues.find("a standard error is above 0") != std::string::npos);
  CHECK(issues.find("a correlation lies strictly between -1 and 1") != std::string::npos);
  CHECK(issues.find("a correlation's sample needs n above 3") != std::string::npos);
  CHECK(issues.find("a target has one kind") != std::string::npos);
  CHECK(issues.find("a target needs one of: classes, forced_classes, mean, proportion, correlation") != std::string::npos);
  CHECK(issues.find("cal.yaml:15:") != std::string::npos);
  CHECK(issues.find("unknown key of a forced_classes target") != std::string::npos);
  CHECK(issues.find("missing required key 'C'") != std::string::npos);
  CHECK(issues.find("key 'history_matching.waves'") != std::string::npos);
  CHECK(issues.find("key 'history_matching.replicates'") != std::string::npos);
  CHECK(issues.find("the cutoff is a number of standard deviations") != std::string::npos);
  CHECK(issues.find("unknown method 'mcmc'") != std::string::npos);
  CHECK(issues.find("keep is the share of proposals kept") != std::string::npos);
  CHECK(issues.find("cal.yaml:18:1: key 'threads': unknown top-level key of a calibration") != std::string::npos);
}

TEST_CASE("sim/calibrate: a wave of more simulations than a sweep's cell limit is refused at its key") {
  TempFolder folder("attune_calibration_spec", "wave_size");
  const std::string issues = calibration_issues(folder, R"(base: base.yaml
parameters:
  caregiver.repair: {min: 0.1, max: 0.9}
targets:
  - mean: {output: matched_share_mean, value: 0.3, se: 0.02}
history_matching: {points: 5000, replicates: 1000}
)");
  INFO(issues);
  CHECK(issues.find("cal.yaml:6:") != std::string::npos);
  CHECK(issues.find("a wave of 5000 points x 1000 replicates is over the limit of 1000000 simulations") !=
        std::string::npos);
}

TEST_CASE("sim/calibrate: a range the base scenario cannot take is refused at the parameter's key") {
  TempFolder folder("attune_calibration_spec", "base");
  // The base draws reading from its default (no distribution), so it has no mean to set;
  // a detection mean of 0.99 with sd 0.1 is no beta distribution (sd^2 must stay below mean (1 - mean)).
  const std::string issues = calibration_issues(folder, R"(base: base.yaml
parameters:
  caregiver.reading.mean: {min: 0.2, max: 0.8}
  caregiver.detection.mean: {min: 0.2, max: 0.99}
targets:
  - mean: {output: matched_share_mean, value: 0.3, se: 0.02}
)");
  INFO(issues);
  CHECK(issues.find("cal.yaml:3:3: key 'parameters.caregiver.reading.mean': the base scenario draws caregiver.reading from "
                    "no distribution with a 'mean'") != std::string::npos);
  CHECK(issues.find("cal.yaml:4:3: key 'parameters.caregiver.detection.mean': at 0.99 the base scenario is invalid") !=
        std::string::npos);
  const std::string both = calibration_issues(folder, R"(base: base.yaml
parameters:
  caregiver.detection: {min: 0.2, max: 0.8}
  caregiver.detection.sd: {min: 0.01, max: 0.1}
targets:
  - mean: {output: matched_share_mean, value: 0.3, se: 0.02}
)");
  CHECK(both.find("cal.yaml:4:3: key 'parameters.caregiver.detection.sd': caregiver.detection is free as a fixed value") !=
        std::string::npos);
  const std::string missing = calibration_issues(folder, "base: nowhere.yaml\nparameters: {}\ntargets: []\n");
  CHECK(missing.find("base scenario") != std::string::npos);
  CHECK(missing.find("not found") != std::string::npos);
  CHECK(missing.find("name at least one free parameter") != std::string::npos);
  CHECK(missing.find("give at least one target") != std::string::npos);
}
