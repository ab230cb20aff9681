#pragma once
/// Standardized mean difference and correlation coefficients.
#include <cstdint>
#include <vector>

#include "analysis/statistics/moments.hpp"
#include "analysis/statistics/proportion.hpp"

namespace attune::analysis {

/// Cohen's d with its large-sample 95% interval.
struct EffectSize {
  double d;
  Interval ci95;
};

/// (mean1 - mean2) / pooled SD with the Hedges & Olkin (1985) large-sample 95% interval; NaN when n1 or n2 is 0, n1 + n2 < 3, or the pooled SD is 0.
EffectSize cohens_d(double mean1, double sd1, std::uint64_t n1, double mean2, double sd2, std::uint64_t n2);

/// Cohen's d of group a versus group b from their running moments.
EffectSize cohens_d(const RunningMoments& a, const RunningMoments& b);

/// Within-subject (paired) d_av: (mean2 - mean1) / sqrt((sd1^2 + sd2^2) / 2), standardized
/// by the conditions' own SDs so it reads on the same scale as a between-group d, with
/// the large-sample delta-method 95% interval of Bonett (2008), which uses the SD of
/// the paired differences. NaN when n < 3 or both SDs are 0.
EffectSize paired_cohens_d(double mean1, double sd1, double mean2, double sd2, double sd_difference, std::uint64_t n);

/// paired_cohens_d from the moments of conditions 1 and 2 and of their per-subject
/// differences (2 minus 1), all fed with the same subjects.
EffectSize paired_cohens_d(const RunningMoments& first, const RunningMoments& second, const RunningMoments& difference);

/// Pearson r of x with a 0/1 group indicator; throws std::invalid_argument on a size mismatch or a group value other than 0 or 1.
double point_biserial(const std::vector<double>& x, const std::vector<int>& group);

/// Point-biserial r from the running moments of x in group 1 and in group 0, in O(1)
/// memory: (M1 - M0) sqrt(n1 n0) / sqrt(n SS), SS the total sum of squares; NaN when a
/// group is empty or x is constant.
double point_biserial(const RunningMoments& group1, const RunningMoments& group0);

/// Fisher's (1921) z-transform 95% interval for a correlation r from n pairs:
/// tanh(atanh r -/+ 1.96 / sqrt(n - 3)); NaN when n < 4 or r is NaN.
Interval correlation_ci95(double r, std::uint64_t n);

/// Pearson product-moment correlation; NaN when n < 2 or either variable is constant; throws std::invalid_argument on a size mismatch.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace attune::analysis
