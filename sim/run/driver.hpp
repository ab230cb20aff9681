#pragma once
/// The parallel driver: dyads in fixed blocks, simulated with TBB, handed on in dyad
/// order, so every output is bitwise the same for any thread count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "models/dyad_life.hpp"
#include "models/dyad_record.hpp"
#include "sim/io/compression.hpp"
#include "sim/run/trace_rows.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

struct RunOptions {
  std::uint64_t dyads = 0;
  std::uint64_t seed = 0;
  int threads = 0;        ///< 0 = all cores
  bool show_progress = false;
  const Arm* arm = nullptr;  ///< the comparison arm whose interventions apply; none if null
  /// Dyads in the first block; blocks double up to the full block size. A small first
  /// block gives a live view its first figures early; results do not depend on it.
  std::uint64_t first_block = 256;
  /// Dyads in a block at most (kDyadBlockSize caps it). A live run whose reader may leave
  /// takes smaller blocks, so it notices sooner; results do not depend on it.
  std::uint64_t max_block = 256;
  /// When set and true, the run stops before its next block (checked between blocks,
  /// never inside the per-dyad loop), so a superseded live run ends within one block.
  const std::atomic<bool>* cancel = nullptr;
  /// Called on the calling thread after each block's records have been consumed, with
  /// the number of dyads handed on so far.
  std::function<void(std::uint64_t)> block_done;
};

/// Dyads simulated in parallel between two ordered hand-overs to `consume`: large enough
/// to keep the cores busy, small enough that a block of records (~40 KiB each) stays modest.
inline constexpr std::uint64_t kDyadBlockSize = 256;

/// The worker threads a run uses: `requested`, or all cores when 0.
int effective_threads(int requested);

/// Worker threads a run may be asked for, per hardware thread of the machine: a few per
/// hardware thread is all a pool can use, and a count far beyond it only exhausts the
/// machine (70,000 made TBB crash).
inline constexpr unsigned kThreadsPerHardwareThread = 4;
/// The machine's hardware threads (at least 1).
unsigned hardware_threads();

/// What a run stopped by RunOptions::cancel throws where its outputs must not be taken for
/// a finished run's (a sweep's cell, a run from Python): they are discarded, never committed.
struct RunCancelled : std::runtime_error {
  RunCancelled() : std::runtime_error("the run was cancelled before it finished") {}
};

/// The life plan (span, bouts, assessment days) a scenario declares, with an arm's
/// interventions when one is given.
LifePlan life_plan(const Scenario& scenario, const Arm* arm = nullptr);

/// Simulates dyads 0..dyads-1 and calls `consume` once per dyad, in dyad-id order, on
/// the calling thread. Returns the dyads handed on: all of them unless cancelled.
std::uint64_t run_dyads(const Scenario& scenario, const RunOptions& options,
               const std::function<void(const DyadRecord&)>& consume);

/// Writes traces.csv to `path` (traces.csv.gz with Compression::gzip): every second of
/// day `day` for dyads 0..count-1, re-simulated (the same lives as the run's, since each is
/// a pure function of seed and id), in `format` (sim/run/trace_rows.hpp).
void write_traces(const Scenario& scenario, const RunOptions& options, std::uint64_t count, int day,
                  const std::string& path, TraceFormat format = TraceFormat::wide,
                  Compression compression = Compression::none);

}  // namespace attune
