#pragma once
/// Reads one parameter's entry in a scenario's population section. Internal to the
/// scenario loader, and to the calibration loader for the fields a free parameter may set.
#include <optional>
#include <string>
#include <vector>

#include "models/parameter_table.hpp"
#include "sim/scenario/distribution.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune::scenario_detail {

/// A plain number (fixed value) or a distribution mapping, checked against the
/// parameter's range; nullopt once every issue in it is reported.
std::optional<Distribution> parse_parameter_value(const Located& at, const ParameterInfo& info, Issues& issues);

/// The numeric keys of the distribution mappings (mean, sd, min, max, alpha, beta, median,
/// mu, sigma), in the order of the kinds that first name them: what a calibration's free
/// parameter may set (`group.name.field`).
std::vector<std::string> distribution_number_fields();

}  // namespace attune::scenario_detail
