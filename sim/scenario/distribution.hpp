#pragma once
/// How one parameter varies across dyads: a fixed value, one of a few named
/// distributions, or a mixture of those. Values are produced by quantile(), so a
/// Gaussian copula (sim/scenario/population.hpp) can correlate any of them through ranks.
#include <string>
#include <string_view>
#include <vector>

namespace attune {

enum class DistributionKind { fixed, normal, truncated_normal, beta, lognormal, uniform, mixture };

struct MixtureComponent;

/// A distribution in canonical form: the loader turns every accepted spelling
/// (beta by mean and sd, lognormal by median) into the fields below, so two
/// scenarios that mean the same draw compare equal.
struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  double value = 0;            ///< fixed: the value
  double mean = 0, sd = 0;     ///< normal, truncated_normal: location and scale before truncation
  double alpha = 0, beta = 0;  ///< beta: shape parameters
  double mu = 0, sigma = 0;    ///< lognormal: mean and standard deviation of log(x)
  /// Support: the truncation bounds of normal, truncated_normal and lognormal (a plain
  /// normal or lognormal is truncated at the parameter's range), the interval a beta
  /// is scaled to, the range of a uniform.
  double min = 0, max = 0;
  std::vector<MixtureComponent> components{};  ///< mixture: weights sum to 1
  bool operator==(const Distribution&) const = default;
};

/// One branch of a mixture.
struct MixtureComponent {
  double weight = 0;
  Distribution distribution;
  bool operator==(const MixtureComponent&) const = default;
};

/// The range of a beta's shape parameters: outside it Boost's inverse incomplete beta
/// loses its root (shapes of 1e20) or never returns (1e200), or piles nearly every draw
/// on a bound (shapes below 1e-3).
inline constexpr double kMinBetaShape = 1e-3;
inline constexpr double kMaxBetaShape = 1e7;
/// The largest sigma of a lognormal: exp(sigma^2 / 2) in its mean overflows near 38, and
/// a sigma of 10 already spreads the draws over 40 orders of magnitude.
inline constexpr double kMaxLognormalSigma = 10;

/// The YAML spelling of a kind ("truncated_normal"); "fixed" for a plain value.
std::string_view kind_name(DistributionKind kind);

/// Φ(z), the standard normal's cumulative distribution: the copula's map from a
/// standard normal to the share u that quantile() takes.
double standard_normal_cdf(double z);

/// The value below which a share u of draws falls; u in (0, 1) (clamped into it).
double quantile(const Distribution& distribution, double u);

/// The analytic mean, truncation included.
double mean(const Distribution& distribution);

/// Why quantile() cannot sample `distribution` (an error of the numeric library, a value
/// that is not finite or lies outside the support, at a few probe shares or in the
/// mean), or "" when it can. The loader asks it of every distribution it accepts.
std::string sampling_problem(const Distribution& distribution);

}  // namespace attune
