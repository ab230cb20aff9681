#pragma once
/// `attune calibrate`'s work: history matching in waves, then ABC on the region left, then
/// the best point run again; every stage a sweep under OUT, every table written whole.
#include <cstdint>
#include <filesystem>
#include <string>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/calibrate/calibration_state.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/sweep/sweep_ranks.hpp"

namespace attune {

struct CalibrationSettings {
  std::filesystem::path out;
  bool resume = false;  ///< finish a calibration that was stopped (the same file, the same build)
  int threads = 0;
  /// A SLURM array task's share: each invocation runs this shard's cells of the first stage
  /// not yet finished by every shard (into the stage's folder for this shard), then stops;
  /// the one that finds every stage finished writes the outputs.
  Shard shard;
  std::string command_line;
};

struct CalibrationOutcome {
  bool refused = false;             ///< a rank other than 0 saw rank 0 refuse the folder
  bool found_plausible = false;     ///< some simulated point of the last wave was not ruled out
  bool has_posterior = false;       ///< ABC kept particles (the closest it came, plausible or not)
  std::string waiting_for;          ///< a shard stopped at this stage, unfinished by the other shards (no outputs yet)
  std::uint64_t failed_cells = 0;
  double simulation_seconds = 0, wall_seconds = 0;
};

/// Runs the calibration on every rank (rank 0 writes). Throws std::invalid_argument for a
/// folder it must not write into, ScenarioError for a target naming no output.
CalibrationOutcome run_calibration(const CalibrationSpec& spec, const CalibrationSettings& settings, const Ranks& ranks);

}  // namespace attune
