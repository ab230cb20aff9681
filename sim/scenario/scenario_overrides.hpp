#pragma once
/// Settings given beside a scenario file rather than in it: `--set group.name=value` on the
/// command line, `overrides=` in Python, a sweep's axes. Each is written into the file's YAML
/// tree before the loader reads it, so the value meets the same checks and messages.
#include <functional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace YAML {
class Node;
}

namespace attune {

/// One override: a parameter ("caregiver.repair": fixed for every dyad) or one field of its
/// distribution ("caregiver.repair.mean"), and its value as text.
struct ScenarioOverride {
  std::string key;
  std::string value;
  /// Where it came from, for messages: "--set caregiver.repair=0.7".
  std::string origin;
  /// "group.name=value", as outputs record it.
  std::string setting() const { return key + "=" + value; }
};

/// Reads "group.name=value" (or "group.name.field=value"); `option` names where the text was
/// given ("--set"). Throws std::invalid_argument naming the text when it is not of that shape.
ScenarioOverride parse_override(const std::string& text, const std::string& option);

/// parse_override of each text, in order.
std::vector<ScenarioOverride> parse_overrides(const std::vector<std::string>& texts, const std::string& option);

/// Sets `parameter` to `value` (text) in a scenario's YAML tree: "group.name" fixes the
/// parameter for every dyad (its population draw and any correlation naming it removed),
/// "group.name.field" sets one field of the parameter's distribution (its mean, say), which
/// must be there. Throws std::invalid_argument when it is not.
void set_parameter_value(YAML::Node& root, const std::string& parameter, const std::string& value);

/// The scenario at `path` with every override applied in order (a later one wins) and
/// recorded in Scenario::overrides. Throws ScenarioError; an issue about an overridden key
/// names the override's origin, not the file.
Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides);

/// As above, with `edit` changing the YAML tree first (a sweep's run settings and a cell's
/// values).
Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides,
                       const std::function<void(YAML::Node&)>& edit);

/// Throws ScenarioError, each issue located at its override, when an override sets what one
/// of `parameters` sets too ("caregiver.repair" and "caregiver.repair.mean" overlap; two
/// fields of one distribution do not): the two could not both hold. `setter` names them in
/// the message ("the sweep's axis").
void refuse_overlaps(const std::vector<ScenarioOverride>& overrides, const std::vector<std::string>& parameters,
                     const std::string& setter);

/// Every issue in the scenario at `path` with the overrides applied; empty if it is valid.
std::vector<ScenarioIssue> validate_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides);

}  // namespace attune
