#include "analysis/statistics/proportion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attune::analysis {

ProportionEstimate wilson(std::uint64_t successes, std::uint64_t n, double z) {
  if (successes > n) throw std::invalid_argument("wilson: successes > n");
  if (n == 0) return {0, 0, std::numeric_limits<double>::quiet_NaN(), {0.0, 1.0}};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  // Wilson (1927): invert the score test |p - pi| <= z sqrt(pi (1 - pi) / n), which
  // gives a quadratic in pi; these are its two roots (Newcombe 1998, method 3).
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // At p = 0 (p = 1) the lower (upper) root is exactly 0 (1); pin it so rounding
  // cannot leave it a hair inside, which would also leak into Newcombe's interval.
  const double lo = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double hi = successes == n ? 1.0 : std::min(1.0, centre + half);
  return {successes, n, p, {lo, hi}};
}

ProportionDifference difference_of_proportions(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2,
                                               std::uint64_t n2) {
  const ProportionEstimate a = wilson(x1, n1);
  const ProportionEstimate b = wilson(x2, n2);
  if (n1 == 0 || n2 == 0) return {std::numeric_limits<double>::quiet_NaN(), {-1.0, 1.0}};
  const double p1 = a.proportion;
  const double p2 = b.proportion;
  const double d = p1 - p2;
  // Newcombe (1998), method 10: combine the distances from each p to its own Wilson
  // limits in quadrature, the lower limit of p1 - p2 pairing p1's lower with p2's upper.
  const double lower = d - std::hypot(p1 - a.ci95.lo, b.ci95.hi - p2);
  const double upper = d + std::hypot(a.ci95.hi - p1, p2 - b.ci95.lo);
  return {d, {std::max(-1.0, lower), std::min(1.0, upper)}};
}

}  // namespace attune::analysis
