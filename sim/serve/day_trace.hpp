#pragma once
/// One dyad's day, second by second, for the teaching page's animation.
#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// JSON for day `day` of dyad `dyad_id` of `scenario`: the bout schedule, the crying
/// threshold, per-second arrays (arousal; matched, engaged, signalling, rupture, repair
/// as 0/1), the dyad's drawn sensitivity and its outcome (analysis/run/teaching_page.hpp: its Strange Situation class). The same
/// life as a population run's dyad of that id. Throws std::invalid_argument when
/// `day` is outside the span or `dyad_id` outside the scenario's dyads.
std::string day_trace_json(const Scenario& scenario, std::uint64_t dyad_id, int day);

}  // namespace attune::serve
