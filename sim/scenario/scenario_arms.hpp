#pragma once
/// The `arms:` section of a scenario: a randomized comparison of intervention arms
/// against `control`. Internal to sim/scenario/*.cpp.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {

/// Reads `arms:` into scenario.arms (span_days must already be read, to check ages).
void read_arms(const Located& at, Scenario& scenario, Issues& issues);

/// The arms as YAML that read_arms reads back to the same plan ("" when there are none).
std::string arms_yaml(const std::vector<Arm>& arms);

}  // namespace attune::scenario_detail
