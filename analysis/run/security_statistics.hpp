#pragma once
/// Attachment security (B versus A, C, D) against per-dyad variables: point-biserial
/// correlations and Cohen's d with 95% intervals, and a logistic regression of security
/// on the standardized drawn parameters. Fed one assessed dyad at a time, in dyad-id
/// order, in memory that does not grow with the number of dyads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/statistics/moments.hpp"

namespace attune::analysis {

class SecurityStatistics {
 public:
  /// The regression keeps the rows of the first this-many assessed dyads by id (about
  /// 0.4 MB per drawn parameter): a bounded, deterministic subset, and at 50,000 the
  /// standard errors are already far below the differences worth reading.
  static constexpr std::size_t kRegressionRows = 50000;

  /// `regressors`: the drawn parameters (correlated with security and regressed on);
  /// `outcomes`: further variables compared between secure and insecure dyads.
  SecurityStatistics(std::vector<std::string> regressors, std::vector<std::string> outcomes,
                     std::size_t regression_rows = kRegressionRows);

  /// One assessed dyad: values in the order of the names given; NaN outcomes are left
  /// out of their variable; throws std::invalid_argument on a size mismatch.
  void add(bool secure, const std::vector<double>& regressors, const std::vector<double>& outcomes);

  /// The "statistics" section of summary.json.
  nlohmann::json to_json() const;

 private:
  nlohmann::json regression_json() const;

  std::vector<std::string> regressors_;
  std::vector<std::string> outcomes_;
  std::size_t regression_rows_;
  /// [0 insecure, 1 secure][regressors then outcomes]
  std::vector<RunningMoments> moments_[2];
  std::vector<double> rows_;      ///< row-major regressor values of the kept dyads
  std::vector<double> security_;  ///< 1 secure, 0 insecure, per kept row
  std::uint64_t assessed_ = 0;
};

}  // namespace attune::analysis
