#include "sim/serve/page_scenario.hpp"

#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {

std::set<std::string> page_scenario_keys(std::set<std::string> endpoint_keys) {
  endpoint_keys.insert({"preset", "dyads"});
  return endpoint_keys;
}

Scenario page_scenario(const Query& query, std::uint64_t default_dyads, std::uint64_t max_dyads) {
  const auto preset = query.other.find("preset");
  return teaching_scenario(query.controls, query.integer("dyads", default_dyads, 1, max_dyads),
                           preset == query.other.end() ? "normative" : preset->second);
}

}  // namespace attune::serve
