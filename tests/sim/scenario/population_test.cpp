// Tests of the per-dyad parameter draw (sim/scenario/population.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "models/parameter_table.hpp"
#include "sim/scenario/population.hpp"
#include "sim/random/rng.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;

using attune::testing::kScenarioHead;

namespace {

/// Loads a scenario from YAML text written to a fresh temporary file.
Scenario scenario_from(const std::string& yaml, const std::string& name = "scenario.yaml") {
  const auto folder = std::filesystem::temp_directory_path() / ("attune_population_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / name) << yaml;
  return load_scenario((folder / name).string());
}

double value_of(const Parameters& p, std::string_view group, std::string_view name) {
  return parameter_value(p, parameter_table()[*find_parameter(group, name)]);
}

/// Draws n dyads' values of each named parameter, one column per name.
std::vector<std::vector<double>> sample(const Scenario& s, const std::vector<std::pair<std::string, std::string>>& names, int n) {
  const PopulationSampler sampler(s);
  std::vector<std::vector<double>> columns(names.size());
  for (int i = 0; i < n; ++i) {
    Rng rng = make_stream(s.seed, static_cast<std::uint64_t>(i), StreamPurpose::population);
    const Parameters p = sampler.draw(rng);
    for (std::size_t k = 0; k < names.size(); ++k) columns[k].push_back(value_of(p, names[k].first, names[k].second));
  }
  return columns;
}

double sample_mean(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double sample_sd(const std::vector<double>& x) {
  const double m = sample_mean(x);
  double sum = 0;
  for (double v : x) sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(x.size() - 1));
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = sample_mean(x), my = sample_mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

/// Ranks 0..n-1 (the draws are continuous, so ties do not occur).
std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size(); ++i) r[order[i]] = static_cast<double>(i);
  return r;
}

/// Mean of Normal(mu, sd) truncated to [lo, hi].
double truncated_normal_mean(double mu, double sd, double lo, double hi) {
  const boost::math::normal_distribution<double> n;
  const double a = (lo - mu) / sd, b = (hi - mu) / sd;
  return mu + sd * (boost::math::pdf(n, a) - boost::math::pdf(n, b)) / (boost::math::cdf(n, b) - boost::math::cdf(n, a));
}

bool same_parameters(const Parameters& x, const Parameters& y) { return std::memcmp(&x, &y, sizeof(Parameters)) == 0; }

}  // namespace

TEST_CASE("sim/population: fixed values are exact and everything else keeps its table default") {
  const Scenario s = scenario_from(kScenarioHead + "population:\n  caregiver:\n    detection: 0.3141\n  stressors:\n    poverty: 0\n");
  Rng rng = make_stream(1, 0, StreamPurpose::population);
  const Parameters p = PopulationSampler(s).draw(rng);
  CHECK(value_of(p, "caregiver", "detection") == 0.3141);
  CHECK(value_of(p, "stressors", "poverty") == 0.0);
  for (const auto& row : parameter_table())
    if (row.qualified() != "caregiver.detection" && row.qualified() != "stressors.poverty") CHECK(parameter_value(p, row) == row.default_value);
}

TEST_CASE("sim/population: draws are deterministic for the same stream and differ between dyads") {
  const Scenario s = scenario_from(kScenarioHead +
                                   "population:\n"
                                   "  infant: {reactivity: {dist: lognormal, median: 1, sigma: 0.3}}\n"
                                   "  caregiver:\n"
                                   "    detection: {dist: beta, mean: 0.45, sd: 0.1}\n"
                                   "    reading: {dist: normal, mean: 0.7, sd: 0.1}\n"
                                   "correlations:\n  - {between: [caregiver.detection, caregiver.reading], rho: 0.5}\n");
  const PopulationSampler sampler(s);
  Rng a = make_stream(7, 3, StreamPurpose::population);
  Rng b = make_stream(7, 3, StreamPurpose::population);
  const Parameters first = sampler.draw(a);
  CHECK(same_parameters(first, sampler.draw(b)));
  CHECK(same_parameters(sampler.draw(a), sampler.draw(b)));  // and the streams stay in step
  Rng other = make_stream(7, 4, StreamPurpose::population);
  CHECK_FALSE(same_parameters(first, sampler.draw(other)));
  // A second sampler built from the same scenario holds no state of its own.
  Rng c = make_stream(7, 3, StreamPurpose::population);
  CHECK(same_parameters(first, PopulationSampler(s).draw(c)));
}

TEST_CASE("sim/population: the resolved scenario draws bitwise the same parameters") {
  // Parameters the file leaves out come back as fixed defaults, which consume no
  // random numbers, so an output folder's resolved.yaml reproduces every dyad.
  const Scenario original = scenario_from(kScenarioHead +
                                          "population:\n"
                                          "  caregiver:\n"
                                          "    fit: {dist: uniform, min: 0.2, max: 0.6}\n"
                                          "    detection: {dist: beta, mean: 0.45, sd: 0.1}\n"
                                          "    rejection: {dist: mixture, components: [{weight: 0.85, value: 0.03}, "
                                          "{weight: 0.15, dist: uniform, min: 0.3, max: 0.7}]}\n"
                                          "  stressors: {poverty: {dist: truncated_normal, mean: 0.1, sd: 0.2}}\n"
                                          "correlations:\n  - {between: [caregiver.detection, stressors.poverty], rho: -0.4}\n");
  const Scenario resolved = scenario_from(resolved_scenario_yaml(original), "resolved.yaml");
  const PopulationSampler x(original), y(resolved);
  for (std::uint64_t dyad = 0; dyad < 100; ++dyad) {
    Rng a = make_stream(original.seed, dyad, StreamPurpose::population);
    Rng b = make_stream(resolved.seed, dyad, StreamPurpose::population);
    CHECK(same_parameters(x.draw(a), y.draw(b)));
  }
}

TEST_CASE("sim/population: sample moments and correlations match the requested distributions") {
  const Scenario s = scenario_from(kScenarioHead +
      "population:\n"
      "  infant:\n"
      "    reactivity: {dist: beta, alpha: 2, beta: 5, min: 0.5, max: 2}\n"
      "    soothability: {dist: lognormal, median: 1, sigma: 0.3}\n"
      "  caregiver:\n"
      "    detection: {dist: beta, mean: 0.45, sd: 0.1}\n"
      "    reading: {dist: normal, mean: 0.6, sd: 0.05}\n"
      "    fit: {dist: uniform, min: 0.2, max: 0.6}\n"
      "    repair: {dist: normal, mean: 0.95, sd: 0.1}\n"
      "    rejection: {dist: truncated_normal, mean: 0.05, sd: 0.1}\n"
      "    tracking:\n"
      "      dist: mixture\n"
      "      components:\n"
      "        - {weight: 0.3, value: 0.1}\n"
      "        - {weight: 0.7, dist: uniform, min: 0.4, max: 0.8}\n"
      "  stressors:\n"
      "    poverty: {dist: normal, mean: 0.5, sd: 0.1}\n"
      "correlations:\n"
      "  - {between: [caregiver.reading, stressors.poverty], rho: 0.5}\n"
      "  - {between: [caregiver.detection, caregiver.fit], rho: 0.5}\n");
  constexpr int n = 20000;
  const std::vector<std::pair<std::string, std::string>> names = {
      {"infant", "reactivity"}, {"infant", "soothability"}, {"caregiver", "detection"}, {"caregiver", "reading"},
      {"caregiver", "fit"},     {"caregiver", "repair"},    {"caregiver", "rejection"}, {"caregiver", "tracking"},
      {"stressors", "poverty"}};
  const auto columns = sample(s, names, n);

  // Analytic means, worked out here independently of sim/scenario/distribution.cpp. The
  // lognormal's truncation at 5 lies 5.4 sigma out (mass 3e-8) and the plain
  // normals' at 8 and 5 sd: too little to move the mean, so untruncated formulas serve.
  const double expected[] = {
      0.5 + 1.5 * 2.0 / 7.0,                           // scaled beta: min + width * alpha / (alpha + beta)
      std::exp(0.3 * 0.3 / 2),                         // lognormal: exp(mu + sigma^2 / 2)
      0.45,                                            // beta by mean and sd
      0.6,                                             // normal
      0.4,                                             // uniform: midpoint
      truncated_normal_mean(0.95, 0.1, 0, 1),          // plain normal cut at the table's max of 1
      truncated_normal_mean(0.05, 0.1, 0, 1),          // truncated normal, min defaulting to the table's 0
      0.3 * 0.1 + 0.7 * 0.6,                           // mixture: weighted component means
      0.5,                                             // normal
  };
  for (std::size_t k = 0; k < names.size(); ++k) {
    INFO(names[k].first << "." << names[k].second);
    // The sample mean has standard error sd / sqrt(n); k = 5 standard errors makes a
    // false failure about a 1-in-1.7-million event per check while still catching
    // any real bias larger than 5 SE (e.g. 0.004 for the normal with sd 0.1).
    const double se = sample_sd(columns[k]) / std::sqrt(static_cast<double>(n));
    CHECK(std::abs(sample_mean(columns[k]) - expected[k]) < 5 * se);
    // The library's own analytic mean (written into resolved YAML) agrees with the formula.
    const auto& draw = *std::find_if(s.population.begin(), s.population.end(), [&](const ParameterDraw& d) {
      return d.parameter == *find_parameter(names[k].first, names[k].second);
    });
    CHECK(mean(draw.distribution) == Approx(expected[k]).epsilon(1e-6));
    const auto& row = parameter_table()[draw.parameter];
    const auto [lowest, highest] = std::minmax_element(columns[k].begin(), columns[k].end());
    CHECK(row.min <= *lowest);
    CHECK(*highest <= row.max);
  }
  CHECK(std::count(columns[6].begin(), columns[6].end(), 0.0) == 0);  // truncation, not clamping: no pile at the bound

  // Mixture: the share of draws from the fixed component is a binomial proportion,
  // standard error sqrt(w (1 - w) / n).
  const double share = static_cast<double>(std::count(columns[7].begin(), columns[7].end(), 0.1)) / n;
  CHECK(std::abs(share - 0.3) < 5 * std::sqrt(0.3 * 0.7 / n));

  // Pearson r of two (near-untruncated) normals with copula rho = 0.5: the standard
  // error of r is about (1 - rho^2) / sqrt(n) = 0.0053, so 5 SE = 0.027.
  const double rho = 0.5;
  CHECK(std::abs(pearson(columns[3], columns[8]) - rho) < 5 * (1 - rho * rho) / std::sqrt(static_cast<double>(n)));

  // Beta and uniform margins: the copula acts through ranks. A Gaussian copula's
  // Spearman correlation is (6 / pi) asin(rho / 2) = 0.4826; by the Fieller-Hartley-
  // Pearson approximation its standard error is about (1 - r_s^2) sqrt(1.06 / (n - 3)).
  const double spearman = 6 / std::numbers::pi * std::asin(rho / 2);
  CHECK(std::abs(pearson(ranks(columns[2]), ranks(columns[4])) - spearman) <
        5 * (1 - spearman * spearman) * std::sqrt(1.06 / (n - 3)));
  // Uncorrelated parameters stay so: r has standard error 1 / sqrt(n).
  CHECK(std::abs(pearson(columns[0], columns[3])) < 5 / std::sqrt(static_cast<double>(n)));
}

TEST_CASE("sim/population: quantiles stay finite and inside the support at the ends of (0, 1)") {
  const Scenario s = scenario_from(kScenarioHead +
      "population:\n"
      "  infant:\n"
      "    reactivity: {dist: lognormal, median: 1, sigma: 2}\n"
      "  caregiver:\n"
      "    detection: {dist: beta, alpha: 0.5, beta: 0.5}\n"
      "    reading: {dist: normal, mean: 0.5, sd: 3}\n"
      "    fit: {dist: truncated_normal, mean: 0.5, sd: 0.01, min: 0.4, max: 0.6}\n"
      "    repair: {dist: mixture, components: [{weight: 0.5, value: 0.2}, {weight: 0.5, dist: normal, mean: 0.5, sd: 1}]}\n");
  for (const auto& draw : s.population) {
    const auto& row = parameter_table()[draw.parameter];
    for (double u : {0.0, 1e-300, 0.5, 1 - 1e-16, 1.0}) {
      INFO(row.qualified() << " at u = " << u);
      const double x = quantile(draw.distribution, u);
      CHECK(std::isfinite(x));
      CHECK((row.min <= x && x <= row.max));
    }
  }
}

TEST_CASE("sim/population: a scenario built in code with impossible correlations is refused") {
  Scenario s;
  const std::size_t detection = *find_parameter("caregiver", "detection");
  const std::size_t reading = *find_parameter("caregiver", "reading");
  s.population.push_back({detection, Distribution{.kind = DistributionKind::uniform, .min = 0, .max = 1}});
  s.correlations.push_back({detection, reading, 0.5});
  CHECK_THROWS_AS(PopulationSampler(s), std::invalid_argument);
  s.population.push_back({reading, Distribution{.kind = DistributionKind::uniform, .min = 0, .max = 1}});
  CHECK_NOTHROW(PopulationSampler(s));
  s.correlations[0].rho = 1.5;
  CHECK_THROWS_AS(PopulationSampler(s), std::invalid_argument);
}
