#pragma once
/// A population run for a live view: the classes counted as dyads finish
/// (analysis/run/class_counts.hpp), reported after every block so a page can redraw
/// while the run goes on.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "analysis/run/class_counts.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// Runs `scenario` (its dyads and seed) on `threads` workers (0 = all cores) and calls
/// `report` after each block, on the calling thread. Blocks start small (first
/// figures early) and grow; each dyad stays a pure function of (scenario, seed, id), so
/// the counts after n dyads do not depend on the block sizes. Stops before the next
/// block once `report` returns false or `cancel` is set. Returns the final counts.
ClassCounts stream_class_counts(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<bool(const ClassCounts&)>& report);

}  // namespace attune::serve
