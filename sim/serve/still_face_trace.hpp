#pragma once
/// One infant of the page's population through the still-face paradigm at 4 months,
/// second by second: its life re-simulated (a pure function of seed and id) with the
/// assessment's per-second observer on.
#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// /api/still_face_trace's answer for dyad `dyad_id` of `scenario` (before the demo's
/// changes: analysis/run/still_face_demo.hpp); throws std::invalid_argument naming `dyad`
/// when it is not one of the scenario's dyads.
std::string still_face_trace_json(const Scenario& scenario, std::uint64_t dyad_id);

}  // namespace attune::serve
