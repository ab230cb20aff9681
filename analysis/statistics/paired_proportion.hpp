#pragma once
/// Two proportions measured on the same subjects (a 2x2 table of pairs): the difference
/// with Newcombe's paired score interval and Cohen's h with a delta-method interval.
#include <cstdint>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/proportion.hpp"

namespace attune::analysis {

/// Each subject's outcome under the first and the second condition.
struct PairedTable {
  std::uint64_t both = 0;         ///< yes under both
  std::uint64_t first_only = 0;   ///< yes under the first, no under the second
  std::uint64_t second_only = 0;  ///< no under the first, yes under the second
  std::uint64_t neither = 0;      ///< no under both
  std::uint64_t n() const { return both + first_only + second_only + neither; }
};

/// p_first - p_second with Newcombe's (1998b) method 10 interval for paired data: each
/// proportion's Wilson limits combined as in the independent case, less the covariance
/// through the (continuity-adjusted) phi coefficient. No pairs give NaN and [-1, 1].
ProportionDifference paired_difference_of_proportions(const PairedTable& table);

/// Cohen's (1988) h = 2 asin sqrt(p_first) - 2 asin sqrt(p_second) with the delta-method
/// 95% interval h +- 1.96 sqrt(2 (1 - phi) / n), phi the pairs' correlation (0 where a
/// margin is empty); NaN when there are no pairs.
EffectSize paired_cohens_h(const PairedTable& table);

}  // namespace attune::analysis
