#pragma once
/// Standardized mean difference and correlation coefficients.
#include <cstdint>
#include <vector>

#include "analysis/moments.hpp"
#include "analysis/proportion.hpp"

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

/// Pearson r of x with a 0/1 group indicator; throws std::invalid_argument on a size mismatch or a group value other than 0 or 1.
double point_biserial(const std::vector<double>& x, const std::vector<int>& group);

/// Pearson product-moment correlation; NaN when n < 2 or either variable is constant; throws std::invalid_argument on a size mismatch.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace attune::analysis
