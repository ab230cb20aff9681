#pragma once
/// The scenario a teaching-page request asks for: one function for every endpoint that
/// runs a scenario (and for a class question, which is checked and run the same way).
#include <cstdint>
#include <set>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/serve/request_query.hpp"

namespace attune::serve {

/// The query keys page_scenario reads besides the sliders, `preset` (default normative)
/// and `dyads`, with an endpoint's own keys (read_query's `other_keys`).
std::set<std::string> page_scenario_keys(std::set<std::string> endpoint_keys = {});

/// The preset `preset=` names, with the query's slider values and `dyads=` (default
/// `default_dyads`, at most `max_dyads`). Throws ControlError naming the key: an unknown
/// preset (listing the known ones), a slider value out of range or one the preset cannot
/// take, a dyad count out of range.
Scenario page_scenario(const Query& query, std::uint64_t default_dyads, std::uint64_t max_dyads);

}  // namespace attune::serve
