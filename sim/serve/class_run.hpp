#pragma once
/// A class question's population run: the population stream's driver, counted as the
/// main page counts it (the class at each dyad's last Strange Situation).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// The classes of a population run.
struct ClassCounts {
  std::array<std::uint64_t, 4> by_class{};  ///< A, B, C, D
  std::uint64_t dyads = 0;                  ///< dyads run (those without a Strange Situation too)
  std::uint64_t classified() const { return by_class[0] + by_class[1] + by_class[2] + by_class[3]; }
  bool operator==(const ClassCounts& other) const { return by_class == other.by_class && dyads == other.dyads; }
};

/// Runs `scenario` as /api/population does (stream_population on `threads` workers),
/// calling `progress` with the dyads done after each block and adding them to
/// `dyads_simulated`. Stops before the next block once `cancel` is set; then the counts
/// are those of the dyads done (dyads < scenario.dyads).
ClassCounts run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                 const std::function<void(std::uint64_t done)>& progress,
                                 std::atomic<std::uint64_t>& dyads_simulated);

}  // namespace attune::serve
