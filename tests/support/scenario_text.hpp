#pragma once
// Scenario text shared by the tests that load YAML written in the test itself.
#include <string>

namespace attune::testing {

/// The run settings every such scenario starts with: one year of six five-minute bouts a day.
inline const std::string kScenarioHead = "name: test\nspan_days: 365\nbouts_per_day: 6\nbout_seconds: 300\n";

}  // namespace attune::testing
