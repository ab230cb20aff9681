#include "sim/scenario/scenario_overrides.hpp"

#include <algorithm>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

namespace attune {
namespace {

/// A key such as "caregiver.repair" or "caregiver.repair.mean": two or three names of
/// letters, digits and underscores.
bool is_parameter_key(const std::string& key) {
  const auto names = std::count(key.begin(), key.end(), '.') + 1;
  if (names < 2 || names > 3 || key.front() == '.' || key.back() == '.' || key.find("..") != std::string::npos)
    return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

/// Applies the overrides to a scenario's YAML tree; what set_parameter_value refuses is
/// rethrown with the override's origin.
void apply(YAML::Node& root, const std::vector<ScenarioOverride>& overrides) {
  if (!root.IsMap()) return;  // the loader reports it
  for (const auto& override : overrides) {
    try {
      set_parameter_value(root, override.key, override.value);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(override.origin + ": " + e.what());
    }
  }
}

/// `issues` with each one about an overridden parameter (or a key under it) located at the
/// override's origin instead of the file, whose lines it does not come from.
std::vector<ScenarioIssue> at_origins(std::vector<ScenarioIssue> issues, const std::vector<ScenarioOverride>& overrides) {
  for (auto& issue : issues)
    for (auto it = overrides.rbegin(); it != overrides.rend(); ++it) {
      const std::string key = "population." + it->key.substr(0, it->key.find('.', it->key.find('.') + 1));
      const bool under = issue.key.size() > key.size() && issue.key.compare(0, key.size(), key) == 0 &&
                         (issue.key[key.size()] == '.' || issue.key[key.size()] == '[');
      if (issue.key != key && !under) continue;
      issue.file = it->origin;
      issue.line = issue.column = 0;
      break;
    }
  return issues;
}

}  // namespace

ScenarioOverride parse_override(const std::string& text, const std::string& option) {
  const auto equals = text.find('=');
  const std::string shown = text.size() > 80 ? text.substr(0, 80) + "..." : text;
  if (equals == std::string::npos)
    throw std::invalid_argument(option + " '" + shown + "': expected group.name=value, e.g. caregiver.repair=0.7");
  ScenarioOverride override{text.substr(0, equals), text.substr(equals + 1), option + " " + shown};
  if (!is_parameter_key(override.key))
    throw std::invalid_argument(option + " '" + shown + "': '" + override.key.substr(0, 80) +
                                "' is not a parameter key: group.name (caregiver.repair) or group.name.field "
                                "(caregiver.repair.mean); `attune params` lists them");
  if (override.value.empty()) throw std::invalid_argument(option + " '" + shown + "': no value after '='");
  return override;
}

void set_parameter_value(YAML::Node& root, const std::string& parameter, const std::string& value) {
  const auto dot = parameter.find('.');
  const auto field_dot = parameter.find('.', dot + 1);
  const std::string group = parameter.substr(0, dot);
  if (field_dot != std::string::npos) {
    // group.name.field: one field of the parameter's distribution; its spread and correlations stay.
    const std::string name = parameter.substr(dot + 1, field_dot - dot - 1), field = parameter.substr(field_dot + 1);
    YAML::Node distribution = root["population"][group][name];
    if (!distribution.IsMap() || !distribution[field])
      throw std::invalid_argument("the base scenario draws " + group + "." + name + " from no distribution with a '" +
                                  field + "'");
    distribution[field] = value;
    return;
  }
  root["population"][group][parameter.substr(dot + 1)] = value;
  const YAML::Node correlations = root["correlations"];
  if (!correlations.IsSequence()) return;
  // A fixed value has no spread to correlate.
  YAML::Node kept(YAML::NodeType::Sequence);
  for (const auto& item : correlations) {
    bool names_it = false;
    if (item.IsMap() && item["between"].IsSequence())
      for (const auto& name : item["between"]) names_it |= name.IsScalar() && name.Scalar() == parameter;
    if (!names_it) kept.push_back(item);
  }
  root["correlations"] = kept;
}

Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  try {
    return load_scenario(path, [&overrides](YAML::Node& root) { apply(root, overrides); });
  } catch (const ScenarioError& e) {
    throw ScenarioError(at_origins(e.issues, overrides));
  }
}

std::vector<ScenarioIssue> validate_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  try {
    return at_origins(validate_scenario(path, [&overrides](YAML::Node& root) { apply(root, overrides); }), overrides);
  } catch (const std::invalid_argument& e) {
    return {{path, 0, 0, "", e.what()}};
  }
}

}  // namespace attune
