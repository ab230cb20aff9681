#pragma once
/// What a calibration has found so far: every simulated point of the history-matching
/// waves with its implausibility, each wave's emulators, the ABC generations and their
/// particles. Built stage by stage from the stages' cells.csv, identically on every rank.
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/statistics/abc_smc.hpp"
#include "analysis/statistics/history_matching.hpp"
#include "analysis/statistics/moments.hpp"
#include "sim/calibrate/calibration_spec.hpp"
#include "sim/calibrate/calibration_stage.hpp"

namespace attune {

/// A point of a wave, its replicates summarised per target component.
struct EvaluatedPoint {
  std::uint64_t wave = 0;
  std::vector<double> unit;
  std::vector<double> mean;  ///< over the replicates that ran
  std::vector<double> implausibility;
  double max_implausibility = 0;  ///< NaN when a component could not be evaluated
  bool ruled_out() const;         ///< NaN counts as ruled out: nothing supports the point
};

/// One wave's emulators, one per target component (none where too few points had values),
/// and the simulator's noise in a point's replicate mean: the wave's points share their
/// seeds (common random numbers), so the noise moves the whole fitted surface and is not in
/// the regression's residuals; it is added to the emulator's variance.
struct WaveEmulators {
  std::vector<std::optional<history_matching::RegressionEmulator>> by_component;
  std::vector<double> noise_variance;
};

/// A box in the unit cube: [lo, hi] on each axis.
using UnitBox = std::vector<std::pair<double, double>>;

struct WaveSummary {
  std::uint64_t wave = 0, points = 0, not_ruled_out = 0;
  double smallest_max_implausibility = 0;
  std::uint64_t candidates = 0, plausible_candidates = 0;  ///< screened for the next stage
};

struct GenerationSummary {
  std::uint64_t generation = 0, proposals = 0, kept = 0;
  double tolerance = 0, effective_sample_size = 0;
};

struct CalibrationState {
  std::vector<EvaluatedPoint> points;  ///< every wave's, in wave then point order
  std::vector<WaveEmulators> emulators;
  std::vector<WaveSummary> waves;
  std::vector<GenerationSummary> generations;
  std::vector<abc::Particle> population;              ///< the last ABC generation's kept particles
  std::vector<std::vector<double>> population_outputs;  ///< their simulated components
};

/// The moments of one target component over a point's replicates that have a value.
analysis::RunningMoments replicate_moments(const std::vector<std::vector<double>>& replicates, std::size_t component);

/// Summarises a wave's outputs into points (appended to `state.points`) and fits its emulators.
void evaluate_wave(const CalibrationSpec& spec, std::uint64_t wave, const std::vector<std::vector<double>>& unit_points,
                   const StageOutputs& outputs, CalibrationState& state);

/// The largest implausibility at `unit` under one wave's emulators (Vernon et al. 2010).
double emulated_implausibility(const CalibrationSpec& spec, const WaveEmulators& emulators, const std::vector<double>& unit);

/// True when no wave's emulators rule `unit` out.
bool emulated_plausible(const CalibrationSpec& spec, const CalibrationState& state, const std::vector<double>& unit);

/// The first wave: a Latin hypercube over the whole unit cube.
std::vector<std::vector<double>> first_wave_points(const CalibrationSpec& spec);

/// Where the next stage looks: the box around the last wave's plausible points, widened by a
/// tenth of its width and half the spacing of a wave's design on each side (a region seen
/// through a coarse design is not cut at its sampled edge); the whole cube when it has none
/// (the emulators alone may still find the region: their variance holds their uncertainty).
UnitBox search_box(const CalibrationSpec& spec, const CalibrationState& state);

/// True when `unit` lies in `box`.
bool inside(const UnitBox& box, const std::vector<double>& unit);

/// Up to `count` points of `box` no wave's emulators rule out, screened from Latin-hypercube
/// candidates (up to 20 batches of `candidates`): in candidate order (uniform over the
/// region) or, with `fill_space`, a maximin subset. Adds to `screened` and `plausible` the
/// candidates it tried and kept. Empty when no candidate is plausible.
std::vector<std::vector<double>> plausible_points(const CalibrationSpec& spec, const CalibrationState& state,
                                                  const UnitBox& box, std::size_t count, bool fill_space,
                                                  std::uint64_t seed, std::uint64_t& screened, std::uint64_t& plausible);

}  // namespace attune

namespace attune {

/// Proposals per ABC generation: the particles kept over the share kept.
std::size_t abc_proposal_count(const CalibrationSpec& spec);

/// The proposals of ABC generation `generation`: the first drawn uniformly from the region
/// history matching left (`region` less what the emulators rule out), later ones moved from
/// the last population by the kernel and kept inside that same region, on which the prior
/// is uniform.
std::vector<std::vector<double>> abc_proposals(const CalibrationSpec& spec, const CalibrationState& state,
                                               const UnitBox& region, std::uint64_t generation, std::uint64_t seed);

/// The distance of a simulation from the targets: the root mean square, over the targets, of
/// each component's difference in units of its observed (and discrepancy) standard
/// deviation, a target of several components (a class distribution) weighing as one, so
/// targets of any scale and size weigh alike; +infinity when a component is missing.
double abc_distance(const CalibrationSpec& spec, const std::vector<double>& simulated);

/// Keeps the generation's proposals within its tolerance (the `keep` quantile of their
/// distances, never above the last generation's) and weighs them (Beaumont et al. 2009):
/// the new population of `state`.
void accept_generation(const CalibrationSpec& spec, std::uint64_t generation,
                       const std::vector<std::vector<double>>& proposals, const StageOutputs& outputs,
                       CalibrationState& state);

}  // namespace attune
