#pragma once
/// Numbers every statistic of analysis/ shares.
#include <limits>

namespace attune::analysis {

/// The standard normal's 97.5 % quantile: every 95 % interval of attune uses it.
inline constexpr double kZ95 = 1.959963984540054;

/// The value of a statistic that is undefined for the data (no observations, zero variance).
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace attune::analysis
