#include "sim/scenario/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include "sim/scenario/scenario_yaml.hpp"

namespace attune {
namespace {

namespace bp = boost::math::policies;
/// Boost's guards, stated: a root finder gives up after 200 iterations and a series after
/// a million terms, and both throw instead of returning a guess (Boost's defaults). The
/// loader's shape limits keep the beta away from the inputs where Boost's inverse loops
/// without a count. promote_double<false> evaluates in double: Boost's default promotes
/// double to x87 long double, which made the beta quantile about 8 times slower (some
/// 10 us a call, nine tenths of drawing a dyad's parameters) for digits no draw needs.
/// In double the beta quantile stays within 1e-9 of the distribution's standard deviation
/// of the long-double one over every shape the loader accepts, and within 1e-12 for
/// shapes up to 1e3 (tests/sim/scenario/quantile_accuracy_test.cpp).
using Guarded = bp::policy<bp::max_root_iterations<200>, bp::max_series_iterations<1000000>,
                           bp::evaluation_error<bp::throw_on_error>, bp::promote_double<false>>;

const boost::math::normal_distribution<double, Guarded> kStandardNormal;

/// Keeps u strictly inside (0, 1): the quantiles of unbounded distributions
/// overflow at 0 and 1, and Φ(z) rounds to 1 for z above about 8.3.
double open_unit(double u) {
  return std::clamp(u, std::numeric_limits<double>::min(), std::nextafter(1.0, 0.0));
}

/// Probability mass of the standard normal on [a, b].
double normal_mass(double a, double b) {
  return boost::math::cdf(kStandardNormal, b) - boost::math::cdf(kStandardNormal, a);
}

/// Quantile at u of the standard normal restricted to [a, b] (either may be infinite).
/// The loader keeps a <= 0 <= b (the location lies inside the bounds), so Φ(a) and
/// Φ(b) never both round towards 1 and the mass between them keeps its digits.
double truncated_standard_normal_quantile(double a, double b, double u) {
  namespace bm = boost::math;
  const double pa = bm::cdf(kStandardNormal, a);
  const double pb = bm::cdf(kStandardNormal, b);
  return bm::quantile(kStandardNormal, open_unit(pa + u * (pb - pa)));
}

/// Quantile at u of the beta on [0, 1]. Boost's inverse (1.74) throws for a shape of exactly
/// 0.5 against 2 or 3 in the tail nearer the 0.5 (its Student's t start; u below about 2e-8
/// in double, below 1e-10 in long double, where the draws threw before): there the root of
/// the cdf is bracketed instead (TOMS 748 on [0, 1]), which cannot lose it. The complement
/// keeps the digits of 1 - u near 1.
double beta_quantile(double alpha, double beta, double u) {
  namespace bm = boost::math;
  try {
    return bm::quantile(bm::beta_distribution<double, Guarded>(alpha, beta), u);
  } catch (const std::exception&) {
    const auto below = [&](double x) {
      return u < 0.5 ? bm::ibeta(alpha, beta, x, Guarded()) - u : (1 - u) - bm::ibetac(alpha, beta, x, Guarded());
    };
    std::uintmax_t iterations = 200;
    const auto [lo, hi] =
        bm::tools::toms748_solve(below, 0.0, 1.0, -u, 1 - u, bm::tools::eps_tolerance<double>(), iterations, Guarded());
    bm::policies::check_root_iterations<double>("attune::beta_quantile<%1%>", iterations, Guarded());
    return lo + (hi - lo) / 2;
  }
}

/// Standardised truncation bounds in log space; log(0) = -inf means no lower truncation.
double log_bound(double x, const Distribution& d) { return (std::log(x) - d.mu) / d.sigma; }

}  // namespace

double standard_normal_cdf(double z) { return boost::math::cdf(kStandardNormal, z); }

std::string_view kind_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::fixed: return "fixed";
    case DistributionKind::normal: return "normal";
    case DistributionKind::truncated_normal: return "truncated_normal";
    case DistributionKind::beta: return "beta";
    case DistributionKind::lognormal: return "lognormal";
    case DistributionKind::uniform: return "uniform";
    case DistributionKind::mixture: return "mixture";
  }
  return "unknown";
}

double quantile(const Distribution& d, double u) {
  u = open_unit(u);
  switch (d.kind) {
    case DistributionKind::fixed:
      return d.value;
    case DistributionKind::normal:
    case DistributionKind::truncated_normal: {
      const double z = truncated_standard_normal_quantile((d.min - d.mean) / d.sd, (d.max - d.mean) / d.sd, u);
      // The clamp only absorbs rounding at the documented truncation bounds.
      return std::clamp(d.mean + d.sd * z, d.min, d.max);
    }
    case DistributionKind::beta:
      return d.min + (d.max - d.min) * beta_quantile(d.alpha, d.beta, u);
    case DistributionKind::lognormal: {
      // A lognormal is a normal in log space, so the same truncated quantile serves.
      const double z = truncated_standard_normal_quantile(log_bound(d.min, d), log_bound(d.max, d), u);
      return std::clamp(std::exp(d.mu + d.sigma * z), d.min, d.max);
    }
    case DistributionKind::uniform:
      return d.min + u * (d.max - d.min);
    case DistributionKind::mixture: {
      // u picks the component by cumulative weight and is rescaled within that
      // component's slice, so the copula's ranks carry through to the component.
      double cumulative = 0;
      for (std::size_t i = 0; i < d.components.size(); ++i) {
        const auto& c = d.components[i];
        if (u < cumulative + c.weight || i + 1 == d.components.size())
          return quantile(c.distribution, (u - cumulative) / c.weight);
        cumulative += c.weight;
      }
      break;
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double mean(const Distribution& d) {
  namespace bm = boost::math;
  switch (d.kind) {
    case DistributionKind::fixed:
      return d.value;
    case DistributionKind::normal:
    case DistributionKind::truncated_normal: {
      const double a = (d.min - d.mean) / d.sd, b = (d.max - d.mean) / d.sd;
      return d.mean + d.sd * (bm::pdf(kStandardNormal, a) - bm::pdf(kStandardNormal, b)) / normal_mass(a, b);
    }
    case DistributionKind::beta:
      return d.min + (d.max - d.min) * d.alpha / (d.alpha + d.beta);
    case DistributionKind::lognormal: {
      const double a = log_bound(d.min, d), b = log_bound(d.max, d);
      return std::exp(d.mu + d.sigma * d.sigma / 2) * normal_mass(a - d.sigma, b - d.sigma) / normal_mass(a, b);
    }
    case DistributionKind::uniform:
      return (d.min + d.max) / 2;
    case DistributionKind::mixture: {
      double total = 0;
      for (const auto& c : d.components) total += c.weight * mean(c.distribution);
      return total;
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string sampling_problem(const Distribution& d) {
  using scenario_detail::format_number;
  if (d.kind == DistributionKind::fixed || d.kind == DistributionKind::mixture) return "";  // components checked alone
  // quantile() clamps into the support, so a value outside it can only be a NaN or an infinity.
  const auto outside = [&d](double x) { return !std::isfinite(x) || x < d.min || x > d.max; };
  try {
    // Probes well inside (0, 1): the extreme shares a run meets are rarer than 1e-15 a draw.
    for (double u : {1e-6, 0.5, 1 - 1e-6}) {
      const double x = quantile(d, u);
      if (outside(x))
        return "the " + std::string(kind_name(d.kind)) + " cannot be sampled: its quantile at " + format_number(u) +
               " is " + format_number(x) + " (the parameters are too extreme)";
    }
    // The mean only needs to be a number: its rounding may step an ulp past a bound.
    const double m = mean(d);
    if (!std::isfinite(m))
      return "the " + std::string(kind_name(d.kind)) + " cannot be sampled: its mean is " + format_number(m) +
             " (the parameters are too extreme)";
  } catch (const std::exception& e) {
    return "the " + std::string(kind_name(d.kind)) + " cannot be sampled: " + e.what();
  }
  return "";
}

}  // namespace attune
