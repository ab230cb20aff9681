#include "sim/scenario/scenario_overrides.hpp"

#include <algorithm>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario_yaml.hpp"

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
/// thrown as a ScenarioError located at the override.
void apply(YAML::Node& root, const std::vector<ScenarioOverride>& overrides) {
  if (!root.IsMap()) return;  // the loader reports it
  for (const auto& override : overrides) {
    try {
      set_parameter_value(root, override.key, override.value);
    } catch (const std::invalid_argument& e) {
      throw ScenarioError({{override.origin, 0, 0, "population." + override.key, e.what()}});
    }
  }
}

/// Whether dotted key `inner` lies under `outer` ("a.b.c" or "a.b[0]" under "a.b").
bool is_under(const std::string& inner, const std::string& outer) {
  return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
         (inner[outer.size()] == '.' || inner[outer.size()] == '[');
}

/// `issues` with each one the override caused located at its origin instead of the file,
/// whose lines it does not come from: one about the parameter it sets (the distribution as a
/// whole, when it sets one field), about the key it sets or under it, or without a line about
/// a key near it (an unknown group the override made). An issue in another field of the same
/// distribution, which the file wrote, keeps the file's line.
std::vector<ScenarioIssue> at_origins(std::vector<ScenarioIssue> issues, const std::vector<ScenarioOverride>& overrides) {
  for (auto& issue : issues)
    for (auto it = overrides.rbegin(); it != overrides.rend(); ++it) {
      const std::string parameter = "population." + it->key.substr(0, it->key.find('.', it->key.find('.') + 1));
      const std::string set = "population." + it->key;
      const bool made_near = issue.line == 0 && (is_under(parameter, issue.key) || is_under(issue.key, parameter));
      if (issue.key != parameter && issue.key != set && !is_under(issue.key, set) && !made_near) continue;
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

std::vector<ScenarioOverride> parse_overrides(const std::vector<std::string>& texts, const std::string& option) {
  std::vector<ScenarioOverride> overrides;
  for (const auto& text : texts) overrides.push_back(parse_override(text, option));
  return overrides;
}

void set_parameter_value(YAML::Node& root, const std::string& parameter, const std::string& value) {
  const auto dot = parameter.find('.');
  const auto field_dot = parameter.find('.', dot + 1);
  const std::string group = parameter.substr(0, dot);
  // yaml-cpp cannot index into a scalar or a list (it throws a bare "operator[] call on a scalar").
  const auto refuse_unless_map = [&parameter](const YAML::Node& node, const std::string& key) {
    if (node && !node.IsNull() && !node.IsMap())
      throw std::invalid_argument("the scenario's " + key + " is not a mapping, so " + parameter + " cannot be set in it");
  };
  const YAML::Node& view = root;  // const: looking adds no key
  refuse_unless_map(view["population"], "population");
  // A scenario without the section (or the group) gets it: yaml-cpp cannot index a missing key's missing key.
  if (!view["population"] || view["population"].IsNull()) root["population"] = YAML::Node(YAML::NodeType::Map);
  refuse_unless_map(view["population"][group], "population." + group);
  if (!view["population"][group] || view["population"][group].IsNull())
    root["population"][group] = YAML::Node(YAML::NodeType::Map);
  if (field_dot != std::string::npos) {
    // group.name.field: one field of the parameter's distribution; its spread and correlations stay.
    const std::string name = parameter.substr(dot + 1, field_dot - dot - 1), field = parameter.substr(field_dot + 1);
    if (!find_parameter(group, name)) {
      // Said here: "draws it from no distribution" would hide a misspelt name.
      std::vector<std::string> names;
      for (const auto& row : parameter_table()) names.push_back(row.group + "." + row.name);
      throw std::invalid_argument("no parameter " + group + "." + name + " in the parameter table" +
                                  scenario_detail::suggestion(group + "." + name, names, false) +
                                  " (`attune params` lists them)");
    }
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
  return load_scenario(path, overrides, nullptr);
}

Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides,
                       const std::function<void(YAML::Node&)>& edit) {
  Scenario scenario;
  try {
    scenario = load_scenario(path, [&](YAML::Node& root) {
      if (edit) edit(root);
      apply(root, overrides);
    });
  } catch (const ScenarioError& e) {
    throw ScenarioError(at_origins(e.issues, overrides));
  }
  for (const auto& override : overrides) scenario.overrides.push_back(override.setting());
  return scenario;
}

void refuse_overlaps(const std::vector<ScenarioOverride>& overrides, const std::vector<std::string>& parameters,
                     const std::string& setter) {
  const auto within = [](const std::string& inner, const std::string& outer) {
    return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '.';
  };
  std::vector<ScenarioIssue> issues;
  for (const auto& override : overrides)
    for (const auto& parameter : parameters)
      if (override.key == parameter || within(override.key, parameter) || within(parameter, override.key)) {
        issues.push_back({override.origin, 0, 0, "population." + override.key,
                          setter + " " + parameter + " sets it too, so the two cannot both hold: leave one out"});
        break;
      }
  if (!issues.empty()) throw ScenarioError(std::move(issues));
}

std::vector<ScenarioIssue> validate_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  try {
    return at_origins(validate_scenario(path, [&overrides](YAML::Node& root) { apply(root, overrides); }), overrides);
  } catch (const ScenarioError& e) {
    return e.issues;  // an override the tree cannot take, already located at it
  }
}

}  // namespace attune
