#pragma once
/// The parallel driver: dyads simulated with TBB in groups of consecutive ids, handed on
/// in dyad order in blocks, so every output is bitwise the same for any thread count.
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
  /// block gives a live view its first figures early; results do not depend on it. A
  /// block is simulated in groups of kMaxLanes dyads (fewer only at its end), so sizes
  /// that are multiples of kMaxLanes keep every group full.
  std::uint64_t first_block = 256;
  /// Dyads in a block at most (kDyadBlockSize caps it). A live run whose reader may leave
  /// takes smaller blocks, so it notices sooner; results do not depend on it.
  std::uint64_t max_block = 256;
  /// When set and true, the run stops at the end of the block being handed on (checked
  /// between blocks, never inside the per-dyad loop; blocks are handed on whole), so a
  /// superseded live run ends within about one block.
  const std::atomic<bool>* cancel = nullptr;
  /// Called after each block's records have been consumed, with the number of dyads
  /// handed on so far, on the thread that consumed them.
  std::function<void(std::uint64_t)> block_done;
};

/// The largest block: the most dyads handed on between two block_done calls and two
/// looks at `cancel`. Simulation does not wait for a block's end (sim/run/dyad_pipeline.hpp),
/// so the size sets how often a run reports and how soon it stops, not how busy cores are.
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

/// Simulates dyads 0..dyads-1 and calls `consume` once per dyad, in dyad-id order, one
/// call at a time, on one of the run's threads (the calling thread or a TBB worker of the
/// run's arena) while later dyads are simulated. Returns the dyads handed on: all of them
/// unless cancelled. An exception from `consume` or from a simulation is rethrown here.
std::uint64_t run_dyads(const Scenario& scenario, const RunOptions& options,
               const std::function<void(const DyadRecord&)>& consume);

/// Writes traces.csv to `path` (traces.csv.gz with Compression::gzip): every second of
/// day `day` for dyads 0..count-1, re-simulated (the same lives as the run's, since each is
/// a pure function of seed and id), in `format` (sim/run/trace_rows.hpp).
void write_traces(const Scenario& scenario, const RunOptions& options, std::uint64_t count, int day,
                  const std::string& path, TraceFormat format = TraceFormat::wide,
                  Compression compression = Compression::none);

}  // namespace attune
