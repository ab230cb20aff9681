#pragma once
/// Agreement between two classifications of the same cases (Cohen's kappa), for the
/// concordance of attachment with two caregivers.
#include <cstdint>
#include <vector>

#include "analysis/statistics/proportion.hpp"

namespace attune::analysis {

struct Agreement {
  std::uint64_t n;
  double observed;  ///< share of cases on the diagonal
  double chance;    ///< share expected on it from the margins alone
  double kappa;     ///< (observed - chance) / (1 - chance); NaN when chance is 1 or n is 0
  double se;        ///< large-sample standard error of kappa (Fleiss, Cohen & Everitt 1969)
  Interval ci95;    ///< kappa -/+ 1.96 se
};

/// Cohen's (1960) kappa from a square table of counts (rows: the first classification,
/// columns: the second). Throws std::invalid_argument if the table is not square.
Agreement cohens_kappa(const std::vector<std::vector<std::uint64_t>>& table);

}  // namespace attune::analysis
