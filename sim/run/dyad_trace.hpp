#pragma once
/// One dyad's day, second by second, held in memory (attune.trace in Python): the rows
/// `run --trace` writes for that dyad, without a file.
#include <cstdint>
#include <vector>

#include "models/dyad_life.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// Every second of day `day` of dyad `dyad_id` of `scenario` run with `seed` (under `arm`'s
/// interventions, if given): the same life as a run's dyad of that id, since each is a pure
/// function of seed and id. Throws std::invalid_argument when `day` lies outside the span.
std::vector<TraceSecond> trace_dyad_day(const Scenario& scenario, const Arm* arm, std::uint64_t seed,
                                        std::uint64_t dyad_id, int day);

}  // namespace attune
