#pragma once
/// A stage of a calibration (a history-matching wave, an ABC generation, the check of the
/// best point) is a sweep: its points are the free parameters' values, each run
/// `replicates` times through the sweep engine into its own folder, so a stage resumes
/// after a kill, spreads over MPI ranks and isolates failed cells as any sweep does.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace attune {

/// The sweep of one stage: the calibration's base and run settings, a seed of the stage's
/// own (SplitMix64 of the calibration seed and `stage`, so stages never share dyads), and
/// `replicates` runs of each point with per-cell or common seeds.
SweepSpec stage_sweep_spec(const CalibrationSpec& spec, const std::string& stage_name, std::uint64_t stage,
                           std::uint64_t replicates, SeedScheme seeds);

/// The design of a stage: the free parameters' values at unit-cube points.
Design stage_design(const CalibrationSpec& spec, const std::vector<std::vector<double>>& unit_points);

/// Loads the base scenario with free parameter `parameter` alone set to its value at unit
/// coordinate `u` (throws ScenarioError or std::invalid_argument when the base does not take
/// it): how the loader checks every range end before a run.
void check_parameter_value(const CalibrationSpec& spec, std::size_t parameter, double u);

/// Checks that every target names an output a stage's cells.csv will have, from a 2-dyad
/// trial run of the base at the ranges' midpoints (milliseconds), so a misspelt output is
/// reported at its line before the first wave runs. Throws ScenarioError.
void check_target_outputs(const CalibrationSpec& spec);

/// A stage's simulated outputs: [point][replicate][target component], on each component's
/// compared scale; NaN for a failed cell or an NA output.
using StageOutputs = std::vector<std::vector<std::vector<double>>>;

/// Reads the cells.csv of a stage's folders (one, or one per shard, each holding its shard's
/// cells). Throws ScenarioError, at the target in the calibration file, for an output
/// column cells.csv does not have.
StageOutputs read_stage_outputs(const std::vector<std::filesystem::path>& folders, const CalibrationSpec& spec,
                                std::size_t points, std::size_t replicates);

}  // namespace attune
