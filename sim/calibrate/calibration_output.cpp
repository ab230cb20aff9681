#include "sim/calibrate/calibration_output.hpp"

#include <cmath>
#include <sstream>

#include "sim/io/csv_format.hpp"
#include "sim/io/sha256.hpp"
#include "sim/run/version.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "sim/sweep/sweep_cell.hpp"

namespace attune {
namespace {

/// A component's value back on its output's own scale (a correlation from Fisher's z).
double output_scale(const calibration::TargetComponent& component, double value) {
  return component.scale == calibration::Scale::fisher_z ? std::tanh(value) : value;
}

/// A number for JSON: null where it is not finite.
nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); }

void write_parameter_values(std::ostream& out, const CalibrationSpec& spec, const std::vector<double>& unit) {
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    out << ',';
    write_csv_number(out, spec.parameters[p].value_at(unit[p]));
  }
}

/// The weighted mean and the 2.5 %, 50 % and 97.5 % weighted quantiles of each parameter.
nlohmann::json posterior_summary(const CalibrationSpec& spec, const CalibrationState& state) {
  nlohmann::json summary = nlohmann::json::object();
  if (state.population.empty()) return summary;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    const auto& parameter = spec.parameters[p];
    double mean = 0;
    for (const auto& particle : state.population) mean += particle.weight * parameter.value_at(particle.position[p]);
    // Quantiles are taken on the unit cube and mapped back: the map is monotone.
    const double lo = parameter.value_at(abc::weighted_quantile(state.population, p, 0.025));
    const double hi = parameter.value_at(abc::weighted_quantile(state.population, p, 0.975));
    summary[parameter.name] = {{"mean", number(mean)},
                               {"median", number(parameter.value_at(abc::weighted_quantile(state.population, p, 0.5)))},
                               {"interval95", {number(lo), number(hi)}},
                               {"prior", {parameter.min, parameter.max}},
                               {"scale", parameter.log_scale ? "log" : "linear"},
                               // The share of the prior range the interval spans (on the search scale).
                               {"interval_share_of_range", number(parameter.unit_of(hi) - parameter.unit_of(lo))}};
  }
  return summary;
}

/// Each target component against the best point's re-run: its replicates' mean and
/// standard error, and the implausibility with the replicates' variance of the mean.
nlohmann::json target_fit(const CalibrationSpec& spec, const StageOutputs& best_outputs) {
  nlohmann::json fit = nlohmann::json::array();
  for (std::size_t c = 0; c < spec.targets.size(); ++c) {
    const auto& target = spec.targets[c];
    const auto moments = replicate_moments(best_outputs.front(), c);
    const std::uint64_t n = moments.count();
    const double mean = moments.mean();  // NaN without a value
    const double variance_of_mean = moments.standard_error() * moments.standard_error();  // NaN below two
    const double observed_sd = std::sqrt(target.observed_variance);
    const double simulated_se = std::sqrt(variance_of_mean);
    // Intervals on the compared scale, mapped back (for a correlation through tanh).
    fit.push_back({{"target", target.target},
                   {"output", target.output},
                   {"scale", target.scale == calibration::Scale::fisher_z ? "fisher_z" : "identity"},
                   {"observed", number(output_scale(target, target.observed))},
                   {"observed_interval95",
                    {number(output_scale(target, target.observed - 1.96 * observed_sd)),
                     number(output_scale(target, target.observed + 1.96 * observed_sd))}},
                   {"discrepancy_variance", target.discrepancy_variance},
                   {"simulated", number(output_scale(target, mean))},
                   {"simulated_interval95",
                    {number(output_scale(target, mean - 1.96 * simulated_se)),
                     number(output_scale(target, mean + 1.96 * simulated_se))}},
                   {"replicates", n},
                   {"implausibility", number(history_matching::implausibility(mean, target.observed, target.observed_variance,
                                                                              variance_of_mean, target.discrepancy_variance))}});
  }
  return fit;
}

}  // namespace

std::string implausibility_csv(const CalibrationSpec& spec, const CalibrationState& state, bool only_last_plausible) {
  std::ostringstream out;
  out << "wave,point";
  for (const auto& parameter : spec.parameters) out << ',' << parameter.name;
  out << ",max_implausibility";
  for (const auto& target : spec.targets) out << ",I_" << target.output;
  out << '\n';
  const std::uint64_t last_wave = state.waves.empty() ? 0 : state.waves.back().wave;
  std::uint64_t point_in_wave = 0, wave = 0;
  for (const auto& point : state.points) {
    if (point.wave != wave) wave = point.wave, point_in_wave = 0;
    const std::uint64_t index = point_in_wave++;
    if (only_last_plausible && (point.wave != last_wave || point.ruled_out() || point.max_implausibility > spec.cutoff))
      continue;
    out << point.wave << ',' << index;
    write_parameter_values(out, spec, point.unit);
    out << ',';
    write_csv_number(out, point.max_implausibility);
    for (double implausibility : point.implausibility) {
      out << ',';
      write_csv_number(out, implausibility);
    }
    out << '\n';
  }
  return out.str();
}

std::string posterior_csv(const CalibrationSpec& spec, const CalibrationState& state) {
  std::ostringstream out;
  out << "particle";
  for (const auto& parameter : spec.parameters) out << ',' << parameter.name;
  out << ",weight,distance";
  for (const auto& target : spec.targets) out << ",sim_" << target.output;
  out << '\n';
  for (std::size_t i = 0; i < state.population.size(); ++i) {
    const auto& particle = state.population[i];
    out << i;
    write_parameter_values(out, spec, particle.position);
    out << ',';
    write_csv_number(out, particle.weight);
    out << ',';
    write_csv_number(out, particle.distance);
    for (std::size_t c = 0; c < spec.targets.size(); ++c) {
      out << ',';
      write_csv_number(out, output_scale(spec.targets[c], state.population_outputs[i][c]));
    }
    out << '\n';
  }
  return out.str();
}

std::size_t best_particle(const CalibrationState& state) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < state.population.size(); ++i)
    if (state.population[i].distance < state.population[best].distance) best = i;
  return best;
}

std::string best_scenario_yaml(const CalibrationSpec& spec, const std::vector<double>& best_unit) {
  const SweepSpec sweep = stage_sweep_spec(spec, "best", 0, 1, SeedScheme::per_cell);
  const Design design = stage_design(spec, {best_unit});
  Scenario scenario = cell_scenario(sweep, design, SweepCell{0, 0, 0, sweep.seed});
  scenario.seed = sweep_base_scenario(sweep).seed;  // the base's seed: a scenario of its own, not a stage's cell
  std::ostringstream out;
  out << "# The best point of calibration " << spec.name << " (" << spec.file << "): the ABC particle closest to the\n"
      << "# targets, or without a posterior the simulated point of least implausibility. Its fit is in\n"
      << "# calibration.json. Run it with: attune run best.yaml\n";
  for (std::size_t p = 0; p < spec.parameters.size(); ++p)
    out << "#   " << spec.parameters[p].name << " = " << scenario_detail::format_number(spec.parameters[p].value_at(best_unit[p]))
        << '\n';
  out << resolved_scenario_yaml(scenario);
  return out.str();
}

nlohmann::json calibration_json(const CalibrationSpec& spec, const CalibrationState& state,
                                const std::vector<double>& best_unit, const StageOutputs& best_outputs) {
  nlohmann::json json;
  json["attune_version"] = kVersion;
  json["git_revision"] = kGitRevision;
  json["calibration_file"] = spec.file;
  json["calibration_sha256"] = sha256_hex(spec.text);
  json["name"] = spec.name;
  json["seed"] = spec.seed;
  json["method"] = {{"history_matching",
                     {{"waves", spec.waves}, {"points", spec.points}, {"replicates", spec.replicates},
                      {"cutoff", spec.cutoff}, {"candidates", spec.candidates}}},
                    {"abc",
                     {{"method", spec.abc == AbcMethod::smc ? "smc" : "rejection"}, {"particles", spec.particles},
                      {"generations", spec.generations}, {"keep", spec.keep}}}};
  nlohmann::json waves = nlohmann::json::array();
  for (const auto& wave : state.waves)
    waves.push_back({{"wave", wave.wave}, {"points", wave.points}, {"not_ruled_out", wave.not_ruled_out},
                     {"smallest_max_implausibility", number(wave.smallest_max_implausibility)},
                     {"candidates_screened", wave.candidates}, {"candidates_plausible", wave.plausible_candidates}});
  json["waves"] = waves;
  nlohmann::json generations = nlohmann::json::array();
  for (const auto& generation : state.generations)
    generations.push_back({{"generation", generation.generation}, {"proposals", generation.proposals},
                           {"kept", generation.kept}, {"tolerance", number(generation.tolerance)},
                           {"effective_sample_size", generation.effective_sample_size}});
  json["generations"] = generations;
  // Some simulated point of the last wave within the cutoff on every target.
  json["found_plausible_region"] = !state.waves.empty() && state.waves.back().not_ruled_out > 0;
  const Scenario base = sweep_base_scenario(stage_sweep_spec(spec, "best", 0, 1, SeedScheme::per_cell));
  json["dyads_per_simulation"] = base.dyads;        // after any --dyads
  json["base_scenario_sha256"] = base.sha256;       // the base file and the files it inherits from
  json["overrides"] = base.overrides;               // --set on the base, which its sha256 does not show
  json["posterior"] = posterior_summary(spec, state);
  nlohmann::json best = nlohmann::json::object();
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) best[spec.parameters[p].name] = spec.parameters[p].value_at(best_unit[p]);
  json["best"] = {{"parameters", best},
                  {"from", state.population.empty() ? "least implausible simulated point" : "ABC particle closest to the targets"},
                  {"fit", target_fit(spec, best_outputs)}};
  return json;
}

}  // namespace attune
