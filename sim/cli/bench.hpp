#pragma once
/// `attune bench`: throughput of the micro-model against the floor of its random
/// numbers and arithmetic, the speed-up from one core to many, and peak memory.
/// Method and figures: docs/PERFORMANCE.md.
#include <cstdint>
#include <ostream>
#include <string>

namespace attune {

struct BenchOptions {
  std::uint64_t dyads = 256;  ///< dyads per measurement
  int days = 60;              ///< span of each benchmark dyad
  int threads = 0;            ///< workers of the many-core measurement; 0: all cores
  std::string json;           ///< also write the figures here as JSON (atomically); empty: no file
};

/// The figures of one bench run; every ratio comes from measurements of this run.
struct BenchFigures {
  std::uint64_t dyads = 0;
  int days = 0;
  double dyad_seconds = 0.0;       ///< simulated per measurement
  // One core, from CPU time (which time slices given to other processes do not inflate):
  double floor_ns = 0.0;           ///< floor, ns per dyad-second
  double model_ns = 0.0;           ///< model, ns per dyad-second
  double model_over_floor = 0.0;   ///< model_ns / floor_ns
  double rate_one = 0.0;           ///< model, dyad-seconds per CPU second: 1e9 / model_ns
  // Speed-up, from wall time (meaningful only when `threads` cores are idle):
  int threads = 0;                 ///< workers of the many-core measurement
  double wall_rate_one = 0.0;      ///< dyad-seconds per wall second, 1 worker
  double wall_rate_many = 0.0;     ///< dyad-seconds per wall second, `threads` workers
  double speedup = 0.0;            ///< wall_rate_many / wall_rate_one
  double efficiency = 0.0;         ///< speedup / threads
  double peak_rss_mib = 0.0;       ///< peak resident memory of the process
};

/// Measures; each timing is the best of a few repeats (other load only ever slows a repeat).
BenchFigures run_bench(const BenchOptions& options);

/// The human-readable table.
void print_bench(const BenchFigures& figures, std::ostream& out);

/// The machine-readable form (one JSON object, with the build's revision and the CPU).
std::string bench_json(const BenchFigures& figures);

}  // namespace attune
