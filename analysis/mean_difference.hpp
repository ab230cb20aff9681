#pragma once
/// The difference of two independent means with its large-sample interval.
#include <cstdint>

#include "analysis/proportion.hpp"

namespace attune::analysis {

struct MeanDifference {
  double difference;
  Interval ci95;
};

/// mean1 - mean2 with the normal-approximation (Welch) 95% interval,
/// difference +- 1.96 sqrt(sd1^2/n1 + sd2^2/n2); NaN when either group is empty.
MeanDifference difference_of_means(double mean1, double sd1, std::uint64_t n1, double mean2, double sd2,
                                   std::uint64_t n2);

}  // namespace attune::analysis
