#pragma once
/// Binomial proportions and the difference of two, with score-based 95% intervals
/// that stay inside [0, 1] and behave at p = 0 and p = 1 (unlike the Wald interval).
#include <cstdint>

#include "analysis/statistics/constants.hpp"

namespace attune::analysis {

/// A closed interval [lo, hi].
struct Interval {
  double lo;
  double hi;
};

/// successes / n with its Wilson score interval.
struct ProportionEstimate {
  std::uint64_t successes;
  std::uint64_t n;
  double proportion;
  Interval ci95;
};

/// Wilson (1927) score interval for successes / n; n = 0 gives NaN and [0, 1]; throws if successes > n.
ProportionEstimate wilson(std::uint64_t successes, std::uint64_t n, double z = kZ95);

/// p1 - p2 with its 95% interval.
struct ProportionDifference {
  double difference;
  Interval ci95;
};

/// x1/n1 - x2/n2 with Newcombe's (1998) hybrid score interval (his method 10); an empty group gives NaN and [-1, 1].
ProportionDifference difference_of_proportions(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2,
                                               std::uint64_t n2);

}  // namespace attune::analysis
