#pragma once
/// A population run for a live view: each record handed on as its dyad finishes, and a
/// report after every block so a page can redraw while the run goes on.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "models/dyad_record.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::serve {

/// How far a stream has come.
struct StreamProgress {
  std::uint64_t done = 0;   ///< dyads handed on
  std::uint64_t total = 0;  ///< dyads the run hands on when it is not cancelled
};

/// Runs `scenario` (its dyads and seed) on `threads` workers (0 = all cores), hands each
/// record to `consume` with its arm's index (0 without arms) in dyad order and calls
/// `report` after each block, one call at a time. A scenario with arms runs each arm's
/// dyads in turn (the same ids under that arm's interventions, as `attune run` does), so
/// `total` is dyads times arms. Blocks start small (first figures early) and grow; each
/// dyad stays a pure function of (scenario, arm, seed, id), so what is handed on after n
/// dyads does not depend on the block sizes. Stops before the next block once `report`
/// returns false or `cancel` is set. Returns the final progress.
StreamProgress stream_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                 const std::function<void(const DyadRecord&, std::size_t arm)>& consume,
                                 const std::function<bool(const StreamProgress&)>& report);

}  // namespace attune::serve
