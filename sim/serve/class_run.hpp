#pragma once
/// A class question's population run: the population stream's driver, counted as the
/// main page counts it (the class at each dyad's last Strange Situation).
#include <atomic>
#include <cstdint>
#include <functional>

#include "analysis/run/teaching_page.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// The classes of a population run, as the stream's last counts event has them.
struct ClassTally {
  ClassCounts by_class{};        ///< A, B, C, D (every arm's dyads together)
  std::uint64_t unclassified = 0;  ///< dyads without a Strange Situation
  std::uint64_t dyads = 0;         ///< dyads run (times arms, as the stream counts)
  bool complete = false;           ///< false when cancelled before the last block
};

/// The dyads the stream of `scenario` hands on: its dyads times its arms.
std::uint64_t stream_dyads(const Scenario& scenario);

/// Runs `scenario` as /api/population does (stream_population on `threads` workers),
/// calling `progress` with the dyads done after each block and adding them to
/// `dyads_simulated`. Stops before the next block once `cancel` is set.
ClassTally run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<void(std::uint64_t done)>& progress,
                                std::atomic<std::uint64_t>& dyads_simulated);

}  // namespace attune::serve
