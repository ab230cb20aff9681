#include "analysis/statistics/effect_size.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

#include "analysis/statistics/constants.hpp"

namespace attune::analysis {

EffectSize cohens_d(double mean1, double sd1, std::uint64_t n1, double mean2, double sd2, std::uint64_t n2) {
  if (n1 == 0 || n2 == 0 || n1 + n2 < 3) return {kNaN, {kNaN, kNaN}};
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  // Cohen (1988): standardize by the pooled within-group SD, weighting each group's
  // variance by its degrees of freedom.
  const double pooled = std::sqrt(((a - 1.0) * sd1 * sd1 + (b - 1.0) * sd2 * sd2) / (a + b - 2.0));
  if (!(pooled > 0.0)) return {kNaN, {kNaN, kNaN}};
  const double d = (mean1 - mean2) / pooled;
  // Hedges & Olkin (1985, ch. 5): the large-sample variance of d is
  // (n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)).
  const double se = std::sqrt((a + b) / (a * b) + d * d / (2.0 * (a + b)));
  return {d, {d - kZ95 * se, d + kZ95 * se}};
}

EffectSize cohens_d(const RunningMoments& a, const RunningMoments& b) {
  // A single observation has no SD but contributes nothing to the pooled variance
  // (weight n - 1 = 0), so pass 0 rather than the NaN that sd() reports.
  const double sd_a = a.count() < 2 ? 0.0 : a.sd();
  const double sd_b = b.count() < 2 ? 0.0 : b.sd();
  return cohens_d(a.mean(), sd_a, a.count(), b.mean(), sd_b, b.count());
}

EffectSize paired_cohens_d(double mean1, double sd1, double mean2, double sd2, double sd_difference, std::uint64_t n) {
  if (n < 3) return {kNaN, {kNaN, kNaN}};
  const double v1 = sd1 * sd1, v2 = sd2 * sd2;
  const double variance = (v1 + v2) / 2.0;
  if (!(variance > 0.0)) return {kNaN, {kNaN, kNaN}};
  const double d = (mean2 - mean1) / std::sqrt(variance);
  // Delta method (Bonett 2008): the mean difference contributes sd_D^2 / (n s^2); the
  // standardizer's variance, with cov(s1^2, s2^2) = 2 rho^2 s1^2 s2^2 / (n - 1) for
  // normal data, contributes d^2 (s1^4 + s2^4 + 2 rho^2 s1^2 s2^2) / (8 s^4 (n - 1)),
  // where rho s1 s2 = (s1^2 + s2^2 - sd_D^2) / 2.
  const double m = static_cast<double>(n) - 1.0;
  const double covariance = (v1 + v2 - sd_difference * sd_difference) / 2.0;
  const double se = std::sqrt(sd_difference * sd_difference / (m * variance) +
                              d * d * (v1 * v1 + v2 * v2 + 2.0 * covariance * covariance) / (8.0 * variance * variance * m));
  return {d, {d - kZ95 * se, d + kZ95 * se}};
}

EffectSize paired_cohens_d(const RunningMoments& first, const RunningMoments& second, const RunningMoments& difference) {
  if (first.count() < 3 || first.count() != second.count() || first.count() != difference.count())
    return {kNaN, {kNaN, kNaN}};
  return paired_cohens_d(first.mean(), first.sd(), second.mean(), second.sd(), difference.sd(), first.count());
}

double point_biserial(const std::vector<double>& x, const std::vector<int>& group) {
  if (x.size() != group.size()) throw std::invalid_argument("point_biserial: x and group differ in size");
  std::vector<double> indicator;
  indicator.reserve(group.size());
  for (const int g : group) {
    if (g != 0 && g != 1) throw std::invalid_argument("point_biserial: group must be 0 or 1");
    indicator.push_back(static_cast<double>(g));
  }
  // The point-biserial coefficient is Pearson's r with a dichotomous variable.
  return pearson(x, indicator);
}

double point_biserial(const RunningMoments& group1, const RunningMoments& group0) {
  if (group1.count() == 0 || group0.count() == 0) return kNaN;
  RunningMoments all = group1;
  all.merge(group0);
  const double n1 = static_cast<double>(group1.count());
  const double n0 = static_cast<double>(group0.count());
  const double n = n1 + n0;
  const double total_ss = all.variance() * (n - 1.0);
  if (!(total_ss > 0.0)) return kNaN;
  // Pearson's r with a 0/1 indicator, written with the group means (Tate 1954).
  return std::clamp((group1.mean() - group0.mean()) * std::sqrt(n1 * n0) / std::sqrt(n * total_ss), -1.0, 1.0);
}

Interval correlation_ci95(double r, std::uint64_t n) {
  if (n < 4 || std::isnan(r)) return {kNaN, kNaN};
  // atanh r is close to normal with variance 1 / (n - 3) (Fisher 1921).
  const double z = std::atanh(r);
  const double half = kZ95 / std::sqrt(static_cast<double>(n) - 3.0);
  return {std::tanh(z - half), std::tanh(z + half)};
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("pearson: x and y differ in size");
  const std::size_t n = x.size();
  if (n < 2) return kNaN;
  // Two passes (means, then centred cross-products) avoid the cancellation of the
  // one-pass sum(xy) - n mean_x mean_y form.
  double mean_x = 0.0;
  double mean_y = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mean_x += x[i];
    mean_y += y[i];
  }
  mean_x /= static_cast<double>(n);
  mean_y /= static_cast<double>(n);
  double sxx = 0.0;
  double syy = 0.0;
  double sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mean_x;
    const double dy = y[i] - mean_y;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0.0 && syy > 0.0)) return kNaN;
  // Rounding can push |r| a hair past 1 for exactly collinear data.
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

}  // namespace attune::analysis
