#pragma once
/// `attune bench`: throughput of the micro-model against the floor of its random
/// numbers and arithmetic, and the speed-up from one core to all.
#include <cstdint>
#include <ostream>

namespace attune {

struct BenchOptions {
  std::uint64_t dyads = 256;  ///< dyads per measurement
  int days = 60;              ///< span of each benchmark dyad
};

void run_bench(const BenchOptions& options, std::ostream& out);

}  // namespace attune
