#pragma once
/// The one parameter table (models/parameters.csv), compiled into the binary.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/parameters.hpp"

namespace attune {

/// One row of the table.
struct ParameterInfo {
  std::string group;        ///< YAML section (infant, caregiver, ...), or "instrument"
  std::string name;         ///< key inside the section
  double default_value;
  std::string unit;
  double min;               ///< inclusive lower bound of valid values
  double max;               ///< inclusive upper bound of valid values
  std::string symbol;
  std::string description;
  std::string source;
  std::size_t offset;       ///< byte offset of the field in Parameters (0 for an instrument constant)
  std::string qualified() const { return group + "." + name; }
};

/// All rows, in table order. Throws std::logic_error at first use if the table and
/// the C++ field lists disagree (a build defect, caught by the test suite).
const std::vector<ParameterInfo>& parameter_table();

/// The rows of group "instrument": constants of the assessments and measures (protocol
/// lengths, coding anchors, histogram sizes). They are the same for every dyad, so they
/// have no field in Parameters and cannot be set by a scenario; each equals a C++
/// constant, which tests/models/parameter_table_test.cpp ties to its row.
const std::vector<ParameterInfo>& instrument_table();

/// Index into parameter_table() of "group.name", if it exists.
std::optional<std::size_t> find_parameter(std::string_view group, std::string_view name);

/// The field a row describes.
double& parameter_value(Parameters& parameters, const ParameterInfo& info);
double parameter_value(const Parameters& parameters, const ParameterInfo& info);

/// Every field at its table default.
Parameters default_parameters();

/// The whole table, model parameters then instrument constants, as a Markdown table (docs/MODEL.md embeds this text verbatim).
std::string parameter_table_markdown();

namespace detail {
extern const char* const kParameterTableCsv;
}

}  // namespace attune
