#include "analysis/mean_difference.hpp"

#include <cmath>
#include <limits>

namespace attune::analysis {

MeanDifference difference_of_means(double mean1, double sd1, std::uint64_t n1, double mean2, double sd2,
                                   std::uint64_t n2) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (n1 == 0 || n2 == 0) return {kNaN, {kNaN, kNaN}};
  // Arms here hold hundreds to thousands of dyads, where the t and normal quantiles agree
  // to the third digit, so the normal quantile is used.
  constexpr double kZ95 = 1.959963984540054;
  const double difference = mean1 - mean2;
  const double se = std::sqrt(sd1 * sd1 / static_cast<double>(n1) + sd2 * sd2 / static_cast<double>(n2));
  return {difference, {difference - kZ95 * se, difference + kZ95 * se}};
}

}  // namespace attune::analysis
