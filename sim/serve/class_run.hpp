#pragma once
/// A class question's population run: the population stream's driver, each dyad counted
/// by analysis/run/class_result (the class at its last Strange Situation).
#include <atomic>
#include <cstdint>
#include <functional>

#include "analysis/run/class_result.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// The dyads the stream of `scenario` hands on: its dyads times its arms.
std::uint64_t stream_dyads(const Scenario& scenario);

/// Runs `scenario` as /api/population does (stream_population on `threads` workers),
/// calling `progress` with the dyads done after each block and adding them to
/// `dyads_simulated`. Stops before the next block once `cancel` is set.
ClassTally run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<void(std::uint64_t done)>& progress,
                                std::atomic<std::uint64_t>& dyads_simulated);

}  // namespace attune::serve
