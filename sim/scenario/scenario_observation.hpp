#pragma once
/// The `assessments: sensitivity_observation:` entry of a scenario: when caregiving is
/// observed and coded for sensitivity, and for how long. Internal to sim/scenario/*.cpp.
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {

/// Reads the entry into scenario.sensitivity_observation (span_days must already be read,
/// to check the ages).
void read_sensitivity_observation(const Located& at, Scenario& scenario, Issues& issues);

/// The plan as the YAML lines (under `assessments:`) that read it back; "" when not scheduled.
std::string sensitivity_observation_yaml(const SensitivityObservationPlan& plan);

}  // namespace attune::scenario_detail
