// ABC-SMC over the region history matching left (Toni et al. 2009; Beaumont et al. 2009),
// one generation a stage: proposals simulated once each, the closest kept and weighed.
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/calibrate/calibration_state.hpp"

namespace attune {

std::size_t abc_proposal_count(const CalibrationSpec& spec) {
  return static_cast<std::size_t>(std::ceil(static_cast<double>(spec.particles) / spec.keep));
}

std::vector<std::vector<double>> abc_proposals(const CalibrationSpec& spec, const CalibrationState& state,
                                               const UnitBox& region, std::uint64_t generation, std::uint64_t seed) {
  const std::size_t count = abc_proposal_count(spec);
  std::uint64_t screened = 0, plausible = 0;
  if (generation == 0 || state.population.empty())
    return plausible_points(spec, state, region, count, false, seed, screened, plausible);
  const abc::Kernel kernel(state.population);
  std::vector<std::vector<double>> kept;
  // Moves that leave the region have prior density 0 and are drawn again, ancestor and move
  // together, so the proposals follow the kernel mixture cut to the region and Beaumont's
  // weights hold (in batches, each its own seed; at most 50, then the generation runs smaller).
  for (std::uint64_t batch = 0; batch < 50 && kept.size() < count; ++batch)
    for (auto& proposal : abc::propose(state.population, kernel, count, cell_seed(seed, batch, 3))) {
      if (kept.size() == count) break;
      if (inside(region, proposal) && emulated_plausible(spec, state, proposal)) kept.push_back(std::move(proposal));
    }
  return kept;
}

double abc_distance(const CalibrationSpec& spec, const std::vector<double>& simulated) {
  double sum = 0, targets = 0;
  for (std::size_t c = 0; c < spec.targets.size(); ++c) {
    const auto& target = spec.targets[c];
    if (!std::isfinite(simulated[c])) return std::numeric_limits<double>::infinity();
    const double difference = simulated[c] - target.observed;
    sum += target.weight * difference * difference / (target.observed_variance + target.discrepancy_variance);
    targets += target.weight;
  }
  return std::sqrt(sum / targets);
}

void accept_generation(const CalibrationSpec& spec, std::uint64_t generation,
                       const std::vector<std::vector<double>>& proposals, const StageOutputs& outputs,
                       CalibrationState& state) {
  std::vector<double> distances;
  for (const auto& point : outputs) distances.push_back(abc_distance(spec, point.front()));
  double tolerance = abc::distance_quantile(distances, spec.keep);
  if (!state.generations.empty()) tolerance = std::min(tolerance, state.generations.back().tolerance);
  std::vector<abc::Particle> accepted;
  std::vector<std::vector<double>> accepted_outputs;
  for (std::size_t p = 0; p < proposals.size(); ++p)
    if (distances[p] <= tolerance) {
      accepted.push_back({proposals[p], 0.0, distances[p]});
      accepted_outputs.push_back(outputs[p].front());
    }
  if (generation == 0 || state.population.empty()) {
    // Drawn from the prior (uniform on the plausible region): equal weights.
    for (auto& particle : accepted) particle.weight = 1.0 / static_cast<double>(accepted.size());
  } else if (!accepted.empty()) {
    abc::weigh(accepted, state.population, abc::Kernel(state.population));
  }
  GenerationSummary summary;
  summary.generation = generation;
  summary.proposals = proposals.size();
  summary.kept = accepted.size();
  summary.tolerance = tolerance;
  summary.effective_sample_size = accepted.empty() ? 0.0 : abc::effective_sample_size(accepted);
  state.generations.push_back(summary);
  // A generation that kept nothing leaves the last population as the answer.
  if (accepted.empty()) return;
  state.population = std::move(accepted);
  state.population_outputs = std::move(accepted_outputs);
}

}  // namespace attune
