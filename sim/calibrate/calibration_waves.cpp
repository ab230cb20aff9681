// History matching's waves (Vernon, Goldstein & Bower 2010; Andrianakis et al. 2015):
// each wave's simulated points judged by their implausibility, its emulators fitted, and
// the next wave's points drawn from the region no wave has ruled out.
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/calibrate/calibration_state.hpp"
#include "sim/sweep/sweep_design.hpp"

namespace attune {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The variance between replicates of one output, pooled over a wave's points (the
/// simulator's noise taken as the same across the wave, which gives the estimate the
/// degrees of freedom of all points instead of one per point with two replicates).
double pooled_replicate_variance(const StageOutputs& outputs, std::size_t component) {
  double squares = 0;
  std::uint64_t freedom = 0;
  for (const auto& point : outputs) {
    const auto moments = replicate_moments(point, component);
    if (moments.count() < 2) continue;
    squares += moments.variance() * static_cast<double>(moments.count() - 1);
    freedom += moments.count() - 1;
  }
  return freedom > 0 ? squares / static_cast<double>(freedom) : kNaN;
}

}  // namespace

analysis::RunningMoments replicate_moments(const std::vector<std::vector<double>>& replicates, std::size_t component) {
  analysis::RunningMoments moments;
  for (const auto& replicate : replicates)
    if (std::isfinite(replicate[component])) moments.add(replicate[component]);
  return moments;
}

bool EvaluatedPoint::ruled_out() const { return !(max_implausibility <= std::numeric_limits<double>::max()); }

void evaluate_wave(const CalibrationSpec& spec, std::uint64_t wave, const std::vector<std::vector<double>>& unit_points,
                   const StageOutputs& outputs, CalibrationState& state) {
  const std::size_t components = spec.targets.size();
  WaveSummary summary;
  summary.wave = wave;
  summary.points = unit_points.size();
  summary.smallest_max_implausibility = kNaN;
  const std::size_t first = state.points.size();
  std::vector<double> pooled;
  for (std::size_t c = 0; c < components; ++c) pooled.push_back(pooled_replicate_variance(outputs, c));
  for (std::size_t p = 0; p < unit_points.size(); ++p) {
    EvaluatedPoint point;
    point.wave = wave;
    point.unit = unit_points[p];
    point.max_implausibility = 0;
    for (std::size_t c = 0; c < components; ++c) {
      const auto moments = replicate_moments(outputs[p], c);
      const double mean = moments.mean();  // NaN without a value
      const double variance = pooled[c] / static_cast<double>(moments.count());  // of the point's mean
      const auto& target = spec.targets[c];
      const double implausibility = history_matching::implausibility(
          mean, target.observed, target.observed_variance, variance, target.discrepancy_variance);
      point.mean.push_back(mean);
      point.implausibility.push_back(implausibility);
      // NaN propagates: a point without every component cannot be judged plausible.
      point.max_implausibility = std::isnan(implausibility) ? kNaN : std::max(point.max_implausibility, implausibility);
    }
    if (!point.ruled_out() && point.max_implausibility <= spec.cutoff) ++summary.not_ruled_out;
    if (!std::isnan(point.max_implausibility) &&
        !(summary.smallest_max_implausibility <= point.max_implausibility))
      summary.smallest_max_implausibility = point.max_implausibility;
    state.points.push_back(std::move(point));
  }
  WaveEmulators emulators;
  for (std::size_t c = 0; c < components; ++c) emulators.noise_variance.push_back(pooled[c] / static_cast<double>(spec.replicates));
  for (std::size_t c = 0; c < components; ++c) {
    std::vector<std::vector<double>> xs;
    std::vector<double> ys;
    for (std::size_t p = first; p < state.points.size(); ++p) {
      xs.push_back(state.points[p].unit);
      ys.push_back(state.points[p].mean[c]);
    }
    try {
      emulators.by_component.emplace_back(history_matching::RegressionEmulator(xs, ys));
    } catch (const std::invalid_argument&) {
      emulators.by_component.emplace_back(std::nullopt);  // too few points ran: this wave cannot screen on it
    }
  }
  state.emulators.push_back(std::move(emulators));
  state.waves.push_back(summary);
}

double emulated_implausibility(const CalibrationSpec& spec, const WaveEmulators& emulators, const std::vector<double>& unit) {
  double largest = 0;
  for (std::size_t c = 0; c < spec.targets.size(); ++c) {
    if (!emulators.by_component[c]) continue;
    const auto prediction = emulators.by_component[c]->predict(unit);
    const auto& target = spec.targets[c];
    // NaN noise (no point had two replicates) leaves the regression's variance alone.
    const double noise = std::isnan(emulators.noise_variance[c]) ? 0.0 : emulators.noise_variance[c];
    largest = std::max(largest, history_matching::implausibility(prediction.mean, target.observed, target.observed_variance,
                                                                 prediction.variance + noise, target.discrepancy_variance));
  }
  return largest;
}

bool emulated_plausible(const CalibrationSpec& spec, const CalibrationState& state, const std::vector<double>& unit) {
  for (const auto& emulators : state.emulators)
    if (!(emulated_implausibility(spec, emulators, unit) <= spec.cutoff)) return false;
  return true;
}

std::vector<std::vector<double>> first_wave_points(const CalibrationSpec& spec) {
  return latin_hypercube(spec.points, spec.parameters.size(), cell_seed(spec.seed, 0, 1));
}

UnitBox search_box(const CalibrationSpec& spec, const CalibrationState& state) {
  const std::size_t k = spec.parameters.size();
  const std::uint64_t last_wave = state.waves.back().wave;
  UnitBox box(k, {1.0, 0.0});
  bool any = false;
  for (const auto& point : state.points) {
    if (point.wave != last_wave || point.ruled_out() || point.max_implausibility > spec.cutoff) continue;
    any = true;
    for (std::size_t d = 0; d < k; ++d) {
      box[d].first = std::min(box[d].first, point.unit[d]);
      box[d].second = std::max(box[d].second, point.unit[d]);
    }
  }
  if (!any) return UnitBox(k, {0.0, 1.0});
  const double spacing = 0.5 / std::pow(static_cast<double>(spec.points), 1.0 / static_cast<double>(k));
  for (auto& [lo, hi] : box) {
    const double margin = 0.1 * (hi - lo) + spacing;
    lo = std::max(0.0, lo - margin);
    hi = std::min(1.0, hi + margin);
  }
  return box;
}

bool inside(const UnitBox& box, const std::vector<double>& unit) {
  for (std::size_t d = 0; d < box.size(); ++d)
    if (unit[d] < box[d].first || unit[d] > box[d].second) return false;
  return true;
}

std::vector<std::vector<double>> plausible_points(const CalibrationSpec& spec, const CalibrationState& state,
                                                  const UnitBox& box, std::size_t count, bool fill_space,
                                                  std::uint64_t seed, std::uint64_t& screened, std::uint64_t& plausible) {
  const std::size_t k = spec.parameters.size();
  std::vector<std::vector<double>> passed;
  // A small region needs more candidates than one batch: up to 20 batches, each its own seed.
  for (std::uint64_t batch = 0; batch < 20 && passed.size() < count; ++batch) {
    auto candidates = latin_hypercube(spec.candidates, k, cell_seed(seed, batch, 2));
    for (auto& candidate : candidates) {
      for (std::size_t d = 0; d < k; ++d) candidate[d] = box[d].first + candidate[d] * (box[d].second - box[d].first);
      ++screened;
      if (!emulated_plausible(spec, state, candidate)) continue;
      ++plausible;
      passed.push_back(std::move(candidate));
    }
  }
  if (!fill_space) {
    if (passed.size() > count) passed.resize(count);
    return passed;
  }
  std::vector<std::vector<double>> chosen;
  for (std::size_t index : history_matching::maximin_subset(passed, count)) chosen.push_back(passed[index]);
  return chosen;
}

}  // namespace attune
