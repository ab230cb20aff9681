#pragma once
// Scenario text shared by the tests that load YAML written in the test itself.
#include <string>

namespace attune::testing {

/// The run settings every such scenario starts with: one year of six five-minute bouts a day.
inline const std::string kScenarioHead = "name: test\nspan_days: 365\nbouts_per_day: 6\nbout_seconds: 300\n";

/// The base scenario of the calibration tests: a month of short bouts without a Strange
/// Situation (a 20-dyad simulation takes milliseconds), detection drawn from a beta whose
/// mean a calibration can free.
inline const std::string kCalibrationBase = R"(name: base
seed: 3
span_days: 30
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
)";

}  // namespace attune::testing
