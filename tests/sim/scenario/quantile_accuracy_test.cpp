// Accuracy of the parameter draws' quantiles (sim/scenario/distribution.cpp), which Boost
// evaluates in double, against Boost's default policy, which promotes double to x87 long
// double and was the draws' before: the oracle (for the beta its cdf, inverted here by
// bisection, so that the oracle does not share the inverse's failures).
//
// Why the bounds are far below anything statistical: an error of e standard deviations in
// every draw moves any statistic of the drawn parameters by at most e of their spread,
// while the Monte Carlo standard error of a mean over n dyads is 1/sqrt(n) of it: 1e-4 at
// 10^8 dyads, ten thousand times the loosest bound below (1e-8).
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <utility>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>

#include "sim/scenario/distribution.hpp"

using namespace attune;

namespace {

/// Shares from 1e-40 to the largest double below 1. One normal of the ziggurat stops near
/// z = -12.2 (its tail's uniforms stop at 2^-53), where u = Φ(z) = 1.1e-34; only several
/// extreme normals in one correlated draw could go lower (measured: the beta quantiles stay
/// within the bounds below down to 1e-60; at 1e-100 the inverse gives up for some shapes,
/// as the long-double one did).
const std::vector<double> kShares = {1e-40, 1e-16, 1e-12, 1e-8,     0.0001,   0.01,      0.1,   0.25,
                                     0.5,   0.75,  0.9,   0.99, 1 - 1e-4, 1 - 1e-8, 1 - 1e-12, std::nextafter(1.0, 0.0)};

const boost::math::normal_distribution<double> kPromotedStandardNormal;  // Boost's default policy

/// The truncated standard normal's quantile, as the draws computed it before (u kept inside
/// (0, 1) alike).
double promoted_truncated_quantile(double a, double b, double u) {
  const double pa = boost::math::cdf(kPromotedStandardNormal, a), pb = boost::math::cdf(kPromotedStandardNormal, b);
  const double share = std::clamp(pa + u * (pb - pa), std::numeric_limits<double>::min(), std::nextafter(1.0, 0.0));
  return boost::math::quantile(kPromotedStandardNormal, share);
}

/// The double nearest where Boost's long-double cdf of the beta crosses u: a bisection over
/// the doubles of [0, 1] in the order of their bits, independent of Boost's inverse. Above
/// u = 1/2 it compares complements, which keep the digits of 1 - u.
double promoted_beta_root(double a, double b, double u) {
  const boost::math::beta_distribution<double> promoted(a, b);
  const auto below = [&](double x) {
    return u < 0.5 ? boost::math::cdf(promoted, x) < u : boost::math::cdf(boost::math::complement(promoted, x)) > 1 - u;
  };
  // Non-negative doubles order as their bit patterns do.
  std::uint64_t lo = 0, hi = std::bit_cast<std::uint64_t>(1.0);
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (below(std::bit_cast<double>(mid)) ? lo : hi) = mid;
  }
  return std::bit_cast<double>(hi);
}

}  // namespace

TEST_CASE("sim/population: beta quantiles invert Boost's long-double cdf over the shapes the loader accepts",
          "[population]") {
  // From kMinBetaShape to kMaxBetaShape; the scenarios' shapes lie between 2 and 30. 0.5
  // against 2 and 3 takes the fallback in the lower tail (Boost's inverse loses its root there).
  const std::vector<double> shapes = {kMinBetaShape, 0.01, 0.1, 0.5, 1, 2, 3, 5.5, 30, 1e3, 1e5, kMaxBetaShape};
  for (double a : shapes)
    for (double b : shapes) {
      const double sd = std::sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
      // Boost's double incomplete beta loses digits once a shape reaches 1e5 (measured on a
      // denser grid: up to 7e-10 sd at shapes 1e7, 8e-13 sd for shapes up to 1e3).
      const double tolerance = (std::max(a, b) <= 1e3 ? 1e-11 : 1e-8) * sd;
      const Distribution d{.kind = DistributionKind::beta, .alpha = a, .beta = b, .min = 0, .max = 1};
      for (double u : kShares) {
        INFO("beta(" << a << ", " << b << ") at u = " << u);
        const double x = quantile(d, u), reference = promoted_beta_root(a, b, u);
        INFO(std::setprecision(17) << x << " against " << reference);
        // Plus one rounding of x: beta(1e7, 1e-3) has an sd of 3e-9, and its draws lie near 1.
        CHECK(std::abs(x - reference) <= tolerance + std::numeric_limits<double>::epsilon() * reference);
      }
    }
}

TEST_CASE("sim/population: normal and lognormal quantiles agree with Boost's long-double ones", "[population]") {
  const double inf = std::numeric_limits<double>::infinity();
  // Standardised truncation bounds; the loader keeps the location inside them.
  const std::vector<std::pair<double, double>> bounds = {{-inf, inf}, {-1, 1},    {-8, 0.5},  {-0.1, 0},
                                                         {0, 8},      {-3, inf}, {-inf, 2}, {0, 1e-3}};
  for (const auto& [a, b] : bounds)
    for (double u : kShares) {
      INFO("bounds [" << a << ", " << b << "] at u = " << u);
      const double mean = 0.3, sd = 0.7;
      const Distribution normal{
          .kind = DistributionKind::truncated_normal, .mean = mean, .sd = sd, .min = mean + sd * a, .max = mean + sd * b};
      const double normal_reference =
          std::clamp(mean + sd * promoted_truncated_quantile(a, b, u), normal.min, normal.max);
      // Measured: 1.3e-15 sd.
      CHECK(std::abs(quantile(normal, u) - normal_reference) <= 1e-13 * sd);
      for (double sigma : {0.01, 1.0, kMaxLognormalSigma}) {
        INFO("lognormal sigma " << sigma);
        const double mu = -0.5;
        const Distribution lognormal{.kind = DistributionKind::lognormal, .mu = mu, .sigma = sigma,
                                     .min = std::exp(mu + sigma * a), .max = std::exp(mu + sigma * b)};
        const double lognormal_reference = std::clamp(std::exp(mu + sigma * promoted_truncated_quantile(a, b, u)),
                                                      lognormal.min, lognormal.max);
        // Relative: exp turns an error in log(x) into one relative to x (measured: 1.4e-14 at sigma 10).
        CHECK(std::abs(quantile(lognormal, u) - lognormal_reference) <= 1e-13 * lognormal_reference);
      }
    }
}

TEST_CASE("sim/population: the copula's normal cdf agrees with Boost's long-double one", "[population]") {
  // Down to z = -37, where Φ(z) is still a normal double (measured: 5e-15 relative).
  for (double z = -37; z <= 9; z += 0.125) {
    INFO("z = " << z);
    const double reference = boost::math::cdf(kPromotedStandardNormal, z);
    CHECK(std::abs(standard_normal_cdf(z) - reference) <= 1e-14 * reference);
  }
}
