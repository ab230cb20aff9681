#include "sim/serve/page_scenario.hpp"

#include <algorithm>

#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {

std::set<std::string> page_scenario_keys(std::set<std::string> endpoint_keys) {
  endpoint_keys.insert({"preset", "dyads"});
  return endpoint_keys;
}

Scenario page_scenario(const Query& query, std::uint64_t default_dyads, std::uint64_t max_dyads, ArmsLived lived) {
  const auto preset = query.other.find("preset");
  const std::uint64_t asked = query.integer("dyads", default_dyads, 1, max_dyads);
  Scenario scenario =
      teaching_scenario(query.controls, asked, preset == query.other.end() ? "normative" : preset->second);
  const std::uint64_t arms = lived == ArmsLived::every_arm ? std::max<std::size_t>(1, scenario.arms.size()) : 1;
  if (!query.other.count("dyads")) scenario.dyads = std::max<std::uint64_t>(1, std::min(asked, max_dyads / arms));
  if (scenario.dyads * arms > max_dyads)
    throw ControlError("dyads=" + std::to_string(scenario.dyads) + " with " + std::to_string(arms) + " arms is " +
                       std::to_string(scenario.dyads * arms) + " dyads, over this server's limit of " +
                       std::to_string(max_dyads) + " (attune serve --max-dyads)");
  return scenario;
}

}  // namespace attune::serve
