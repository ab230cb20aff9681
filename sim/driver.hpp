#pragma once
/// The parallel driver: dyads in fixed blocks, simulated with TBB, handed on in dyad
/// order, so every output is bitwise the same for any thread count.
#include <cstdint>
#include <functional>

#include "models/dyad_record.hpp"
#include "sim/scenario.hpp"

namespace attune {

struct RunOptions {
  std::uint64_t dyads = 0;
  std::uint64_t seed = 0;
  int threads = 0;        ///< 0 = all cores
  bool show_progress = false;
};

/// Simulates dyads 0..dyads-1 and calls `consume` once per dyad, in dyad-id order, on
/// the calling thread.
void run_dyads(const Scenario& scenario, const RunOptions& options,
               const std::function<void(const DyadRecord&)>& consume);

}  // namespace attune
