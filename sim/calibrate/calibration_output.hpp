#pragma once
/// A calibration's tables and its account: waves/implausibility.csv (every simulated point),
/// nroy.csv (the last wave's points not ruled out), posterior.csv (the ABC particles and
/// their weights), best.yaml (a runnable scenario at the best point) and calibration.json.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/calibrate/calibration_state.hpp"

namespace attune {

/// wave, point, each parameter's value, max_implausibility, then I_<output> per component.
std::string implausibility_csv(const CalibrationSpec& spec, const CalibrationState& state, bool only_last_plausible);

/// particle, each parameter's value, weight, distance, then sim_<output> per component
/// (back on the output's own scale).
std::string posterior_csv(const CalibrationSpec& spec, const CalibrationState& state);

/// The index in state.population of the best particle: the smallest distance, ties to the first.
std::size_t best_particle(const CalibrationState& state);

/// The scenario at the best point, resolved (every setting and parameter written out), with
/// a header saying where it came from.
std::string best_scenario_yaml(const CalibrationSpec& spec, const std::vector<double>& best_unit);

/// calibration.json: the targets and their fit at the best point (its re-run's replicates:
/// mean, standard error, implausibility), the posterior's weighted summaries, the waves
/// and generations, and provenance. Deterministic: no times, no command line.
nlohmann::json calibration_json(const CalibrationSpec& spec, const CalibrationState& state,
                                const std::vector<double>& best_unit, const StageOutputs& best_outputs);

}  // namespace attune
