#include "analysis/statistics/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

namespace attune::sensitivity {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

using Rows = std::vector<std::size_t>;

/// A uniform integer in [0, bound) by rejection: std::uniform_int_distribution's
/// algorithm differs between standard libraries, mt19937_64's output does not, so the
/// intervals are the same on every machine.
std::size_t draw_below(std::mt19937_64& rng, std::size_t bound) {
  const std::uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % bound;
  for (;;) {
    const std::uint64_t x = rng();
    if (x < limit) return static_cast<std::size_t>(x % bound);
  }
}

/// The q-quantile of the finite values, interpolated between order statistics
/// (Hyndman & Fan 1996, type 7, R's default); NaN when none is finite.
double quantile(std::vector<double> values, double q) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); }),
               values.end());
  if (values.empty()) return kUndefined;
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
}

/// `resamples` bootstrap samples of n rows, drawn with replacement (Efron & Tibshirani 1993).
std::vector<Rows> bootstrap_rows(std::size_t n, std::size_t resamples, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Rows> samples(n == 0 ? 0 : resamples, Rows(n));
  for (auto& rows : samples)
    for (auto& row : rows) row = draw_below(rng, n);
  return samples;
}

/// A statistic on every row, with the 95 % percentile interval of its bootstrap
/// distribution (the 2.5 % and 97.5 % quantiles of the resampled estimates: Efron's
/// percentile interval, no normal approximation, as the indices are bounded and skewed).
Estimate bootstrapped(std::size_t n, const std::vector<Rows>& samples,
                      const std::function<double(const Rows&)>& statistic) {
  Rows all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = j;
  std::vector<double> estimates;
  estimates.reserve(samples.size());
  for (const auto& rows : samples) estimates.push_back(statistic(rows));
  return {n == 0 ? kUndefined : statistic(all), quantile(estimates, 0.025), quantile(estimates, 0.975)};
}

/// V: the variance of f(A) and f(B) together (divisor 2n, as SALib's np.var); NaN when zero.
double output_variance(const SaltelliOutputs& y, const Rows& rows) {
  double sum = 0;
  for (std::size_t j : rows) sum += y.a[j] + y.b[j];
  const double mean = sum / static_cast<double>(2 * rows.size());
  double squares = 0;
  for (std::size_t j : rows) squares += (y.a[j] - mean) * (y.a[j] - mean) + (y.b[j] - mean) * (y.b[j] - mean);
  const double v = squares / static_cast<double>(2 * rows.size());
  return v > 0 ? v : kUndefined;
}

/// S1_i = mean(f_B (f_ABi - f_A)) / V (Saltelli et al. 2010, eq. (b) of table 2).
double first_order(const SaltelliOutputs& y, const Rows& rows, std::size_t i) {
  double sum = 0;
  for (std::size_t j : rows) sum += y.b[j] * (y.ab[j][i] - y.a[j]);
  return sum / static_cast<double>(rows.size()) / output_variance(y, rows);
}

/// ST_i = mean((f_A - f_ABi)^2) / (2 V) (Jansen 1999; Saltelli et al. 2010, table 2 (f)).
double total_order(const SaltelliOutputs& y, const Rows& rows, std::size_t i) {
  double sum = 0;
  for (std::size_t j : rows) sum += (y.a[j] - y.ab[j][i]) * (y.a[j] - y.ab[j][i]);
  return sum / static_cast<double>(rows.size()) / (2 * output_variance(y, rows));
}

/// S2_ik = mean(f_BAi f_ABk - f_A f_B) / V - S1_i - S1_k (Saltelli 2002, as SALib's sobol.analyze).
double second_order(const SaltelliOutputs& y, const Rows& rows, std::size_t i, std::size_t k) {
  double sum = 0;
  for (std::size_t j : rows) sum += y.ba[j][i] * y.ab[j][k] - y.a[j] * y.b[j];
  return sum / static_cast<double>(rows.size()) / output_variance(y, rows) - first_order(y, rows, i) -
         first_order(y, rows, k);
}

bool all_finite(const std::vector<double>& values, std::size_t from, std::size_t to) {
  return std::all_of(values.begin() + static_cast<std::ptrdiff_t>(from),
                     values.begin() + static_cast<std::ptrdiff_t>(to),
                     [](double x) { return std::isfinite(x); });
}

/// The outputs less their mean over every point. f_B multiplies the difference in S1 (and
/// f_A f_B enters S2), so an output's mean adds variance to those estimators without
/// changing what they estimate; SALib's sobol.analyze likewise centres (and scales) the
/// outputs first. ST and V do not change.
SaltelliOutputs centred(SaltelliOutputs y) {
  double sum = 0;
  std::size_t count = 0;
  const auto add = [&](const std::vector<double>& values) {
    for (double x : values) sum += x;
    count += values.size();
  };
  add(y.a);
  add(y.b);
  for (const auto& row : y.ab) add(row);
  for (const auto& row : y.ba) add(row);
  const double mean = count == 0 ? 0 : sum / static_cast<double>(count);
  const auto shift = [mean](std::vector<double>& values) {
    for (double& x : values) x -= mean;
  };
  shift(y.a);
  shift(y.b);
  for (auto& row : y.ab) shift(row);
  for (auto& row : y.ba) shift(row);
  return y;
}

}  // namespace

std::size_t saltelli_block(std::size_t k, bool second_order) { return second_order ? 2 * k + 2 : k + 2; }

SaltelliOutputs split_saltelli(const std::vector<double>& y, std::size_t k, bool second_order) {
  const std::size_t block = saltelli_block(k, second_order);
  SaltelliOutputs out;
  out.k = k;
  out.second_order = second_order;
  for (std::size_t start = 0; start + block <= y.size(); start += block) {
    if (!all_finite(y, start, start + block)) continue;
    out.a.push_back(y[start]);
    out.ab.emplace_back(y.begin() + static_cast<std::ptrdiff_t>(start + 1),
                        y.begin() + static_cast<std::ptrdiff_t>(start + 1 + k));
    if (second_order)
      out.ba.emplace_back(y.begin() + static_cast<std::ptrdiff_t>(start + 1 + k),
                          y.begin() + static_cast<std::ptrdiff_t>(start + 1 + 2 * k));
    out.b.push_back(y[start + block - 1]);
  }
  return out;
}

SobolIndices sobol_indices(const SaltelliOutputs& outputs, std::size_t resamples, std::uint64_t seed) {
  const SaltelliOutputs y = centred(outputs);
  const std::size_t n = y.a.size(), k = y.k;
  const auto samples = bootstrap_rows(n, resamples, seed);
  SobolIndices indices;
  for (std::size_t i = 0; i < k; ++i) {
    indices.first.push_back(
        bootstrapped(n, samples, [&](const Rows& rows) { return first_order(y, rows, i); }));
    indices.total.push_back(
        bootstrapped(n, samples, [&](const Rows& rows) { return total_order(y, rows, i); }));
  }
  if (!y.second_order) return indices;
  indices.second.assign(k, std::vector<Estimate>(k, {kUndefined, kUndefined, kUndefined}));
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t m = i + 1; m < k; ++m)
      indices.second[i][m] =
          bootstrapped(n, samples, [&](const Rows& rows) { return second_order(y, rows, i, m); });
  return indices;
}

std::vector<MorrisStep> morris_steps(const std::vector<std::vector<double>>& points) {
  std::vector<MorrisStep> steps;
  for (std::size_t s = 1; s < points.size(); ++s) {
    MorrisStep step{0, 0};
    for (std::size_t i = 0; i < points[s].size(); ++i) {
      const double delta = points[s][i] - points[s - 1][i];
      if (std::abs(delta) > std::abs(step.delta)) step = {i, delta};
    }
    steps.push_back(step);
  }
  return steps;
}

MorrisIndices morris_indices(const std::vector<MorrisTrajectory>& trajectories, std::size_t k,
                             std::size_t resamples, std::uint64_t seed) {
  std::vector<std::vector<double>> effects;  // [trajectory][input]
  for (const auto& t : trajectories) {
    if (!all_finite(t.y, 0, t.y.size())) continue;
    std::vector<double> ee(k, kUndefined);
    for (std::size_t s = 0; s < t.steps.size(); ++s)
      ee[t.steps[s].input] = (t.y[s + 1] - t.y[s]) / t.steps[s].delta;
    effects.push_back(std::move(ee));
  }
  const std::size_t n = effects.size();
  const auto samples = bootstrap_rows(n, resamples, seed);
  MorrisIndices indices;
  indices.trajectories = n;
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0;
    for (const auto& ee : effects) sum += ee[i];
    const double mu = n == 0 ? kUndefined : sum / static_cast<double>(n);
    double squares = 0;
    for (const auto& ee : effects) squares += (ee[i] - mu) * (ee[i] - mu);
    indices.mu.push_back(mu);
    indices.sigma.push_back(n < 2 ? kUndefined : std::sqrt(squares / static_cast<double>(n - 1)));
    indices.mu_star.push_back(bootstrapped(n, samples, [&](const Rows& rows) {
      double absolute = 0;
      for (std::size_t t : rows) absolute += std::abs(effects[t][i]);
      return absolute / static_cast<double>(rows.size());
    }));
  }
  return indices;
}

}  // namespace attune::sensitivity
