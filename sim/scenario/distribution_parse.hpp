#pragma once
/// Reads one parameter's entry in a scenario's population section. Internal to the
/// scenario loader.
#include <optional>

#include "models/parameter_table.hpp"
#include "sim/scenario/distribution.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {

/// A plain number (fixed value) or a distribution mapping, checked against the
/// parameter's range; nullopt once every issue in it is reported.
std::optional<Distribution> parse_parameter_value(const Located& at, const ParameterInfo& info, Issues& issues);

}  // namespace attune::scenario_detail
