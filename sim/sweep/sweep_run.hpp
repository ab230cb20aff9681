#pragma once
/// Running a planned sweep over the ranks: the folder prepared (or resumed), the cells not
/// yet finished run, the tables written. Shared by `attune sweep` and the stages of
/// `attune calibrate`, so a calibration's waves resume, spread over MPI ranks and isolate
/// failed cells exactly as a sweep does.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/io/compression.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "sim/sweep/sweep_ranks.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace attune {

/// What a sweep runs and where, settled on every rank before any file is written.
struct SweepPlan {
  SweepSpec spec;
  Shard shard;
  Design design;
  std::vector<SweepCell> cells;
  CellTable table;
  std::string design_csv;
  std::string base_yaml;
  std::string identity;
  std::string out;
  std::uint64_t cell_dyads = 0;  ///< dyads of each cell
};

/// The plan of `spec` with `design` (its cells, table and identity) into `out`. Throws
/// ScenarioError when the base scenario does not take the sweep's settings.
SweepPlan plan_sweep(SweepSpec spec, Design design, const Shard& shard, std::string out);

/// The sweep file at `path` planned as `attune sweep` and Python's attune.sweep plan it:
/// `dyads` per cell (0: the file's) and the `overrides` on its base join the sweep's
/// identity, so a resume keeps them; an empty `out` is out/<name> (out/<name>.shard-I-of-N
/// for a shard). Throws as load_sweep and plan_sweep do.
SweepPlan plan_sweep_file(const std::string& path, std::uint64_t dyads, std::vector<ScenarioOverride> overrides,
                          const Shard& shard, std::string out);

/// Warns on stderr of a saltelli design whose samples are not a power of 2 (allowed, but
/// its Sobol base is balanced only at powers of 2).
void warn_of_unbalanced_design(const SweepSpec& spec);

/// How the cells of a planned sweep run.
struct SweepRunSettings {
  bool resume = false;
  int threads = 0;
  bool keep_dyads = false;
  Compression compression = Compression::none;  ///< of each kept dyads.csv
  bool quiet = false;  ///< no "N of M cells to run" line and no per-cell lines (a calibration prints its own)
  std::string command_line;
  /// When set and true, no further cell starts and a cell under way stops within a block
  /// of dyads and is discarded; run_sweep then throws RunCancelled, and the finished cells
  /// stay for a resume (a sweep from Python stopped by Ctrl-C).
  const std::atomic<bool>* cancel = nullptr;
  /// When set, called as each cell finishes (on rank 0, under a lock, from any thread)
  /// with the cells of the shard finished so far and their number; the progress on
  /// standard error is then not drawn (Python draws its own).
  std::function<void(std::uint64_t done, std::uint64_t total)> cells_done;
};

/// What a sweep run ended with (on rank 0; other ranks get `refused` only).
struct SweepRunResult {
  bool refused = false;       ///< rank 0 refused the folder (other ranks; rank 0 throws instead)
  std::uint64_t total = 0;    ///< cells of this shard
  std::uint64_t failed = 0;   ///< of them, failed
  double simulation_seconds = 0;  ///< wall time spent running cells
};

/// Prepares the folder (rank 0), runs the cells left over the ranks and writes cells.csv
/// and failures.csv (rank 0). Every rank must call it. Throws RunCancelled, writing no
/// table, when settings.cancel stopped it. When rank 0 cannot use the folder,
/// it throws what prepare_sweep_folder threw (std::invalid_argument for a folder of
/// another sweep, or one it must not write into without resume) and the others return `refused`.
SweepRunResult run_sweep(const SweepPlan& plan, const SweepRunSettings& settings, const Ranks& ranks);

}  // namespace attune
