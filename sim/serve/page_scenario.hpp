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

/// Which lives of a preset with arms an endpoint runs: each arm lives the population's
/// dyads again (the population stream, a class question), or only the untreated
/// population is lived (one dyad's day, the still-face).
enum class ArmsLived { every_arm, untreated };

/// The preset `preset=` names, with the query's slider values and `dyads=` (default
/// `default_dyads`, at most `max_dyads`). Where every arm is lived, the machine runs dyads
/// x arms, so that product is what `max_dyads` bounds, and the default shrinks to fit it.
/// Throws ControlError naming the key: an unknown preset (listing the known ones), a slider
/// value out of range or one the preset cannot take, a dyad count out of range or too large
/// for the preset's arms.
Scenario page_scenario(const Query& query, std::uint64_t default_dyads, std::uint64_t max_dyads,
                       ArmsLived lived = ArmsLived::every_arm);

}  // namespace attune::serve
