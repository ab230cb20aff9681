#pragma once
/// One cell of a sweep: the base scenario with the sweep's settings and the point's
/// values, simulated into its own folder, which appears whole (renamed from a temporary
/// folder) or not at all.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "sim/io/compression.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace attune {

/// The base scenario with the sweep's run settings (dyads, span, Strange Situation ages);
/// throws ScenarioError if they do not fit it.
Scenario sweep_base_scenario(const SweepSpec& spec);

/// The cell's scenario: the base with the run settings, each axis's parameter fixed at
/// the point's value for every dyad (its population draw and any correlation naming it
/// removed: a fixed value has no spread to correlate) and the cell's seed. The values
/// pass the scenario loader's checks; throws ScenarioError or std::invalid_argument.
Scenario cell_scenario(const SweepSpec& spec, const Design& design, const SweepCell& cell);

/// What a sweep's cells share when run.
struct CellRunSettings {
  std::filesystem::path out;  ///< the sweep's folder; cells go to out/cells/<id>
  int threads = 0;            ///< TBB threads inside the cell
  bool keep_dyads = false;    ///< keep each cell's dyads.csv
  std::string command_line;
  /// When set, called after each block of dyads of a cell, on the thread that handed it
  /// on, with the cell's dyads done so far and its size (a live progress line inside long
  /// cells).
  std::function<void(std::uint64_t done, std::uint64_t of)> dyads_done;
  Compression compression = Compression::none;  ///< of each kept dyads.csv (then dyads.csv.gz)
  /// When set and true, the cell stops within a block of dyads, is discarded and
  /// run_cell throws RunCancelled.
  const std::atomic<bool>* cancel = nullptr;
};

struct CellOutcome {
  bool failed = false;
  std::uint64_t dyads = 0;  ///< simulated
  std::string error;        ///< why it failed
};

/// A cell's folder name: its index, zero-padded so folders list in cell order.
std::string cell_folder_name(std::uint64_t index);

/// Runs the cell into out/cells/<id>/ (summary.json, scenario.resolved.yaml,
/// development.csv, dyads.csv or dyads.csv.gz if kept), or records its error there in error.txt. Never
/// throws for a problem of the cell itself, so one bad cell does not stop a sweep; throws
/// RunCancelled (nothing written) when settings.cancel stopped it.
CellOutcome run_cell(const SweepSpec& spec, const Design& design, const SweepCell& cell, const CellRunSettings& settings);

}  // namespace attune
