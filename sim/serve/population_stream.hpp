#pragma once
/// A population run for a live view: the Strange Situation classes counted as dyads
/// finish, reported after every block so a page can redraw while the run goes on.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// Classes counted so far (at the last Strange Situation of each dyad's span).
struct ClassCounts {
  std::uint64_t done = 0;   ///< dyads counted
  std::uint64_t total = 0;  ///< dyads the run will count when it is not cancelled
  std::array<std::uint64_t, 4> by_class{};  ///< A, B, C, D
  /// {"done":..,"total":..,"A":..,"B":..,"C":..,"D":..}
  std::string json() const;
};

/// Runs `scenario` (its dyads and seed) on `threads` workers (0 = all cores) and calls
/// `report` after each block, on the calling thread. Blocks start small (first
/// figures early) and grow; each dyad stays a pure function of (scenario, seed, id), so
/// the counts after n dyads do not depend on the block sizes. Stops before the next
/// block once `report` returns false or `cancel` is set. Returns the final counts.
ClassCounts stream_class_counts(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<bool(const ClassCounts&)>& report);

}  // namespace attune::serve
