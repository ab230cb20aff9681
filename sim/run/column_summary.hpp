#pragma once
/// Streaming summary of one numeric column: mean, SD, CI and quantiles, without
/// keeping the values. Fed in dyad order, so the result is deterministic.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "analysis/statistics/histogram.hpp"
#include "analysis/statistics/moments.hpp"

namespace attune {

class ColumnSummary {
 public:
  /// Quantiles are exact to (hi - lo) / bins (one histogram bin).
  ColumnSummary(double lo, double hi, std::size_t bins = 4000);
  void add(double value);  ///< NaN counts as missing
  double mean() const { return moments_.mean(); }
  /// {"n", "missing", "mean", "sd", "ci95", "quantiles": {"p05".."p95"}}
  nlohmann::json to_json() const;
  /// {"p05", "p25", "p50", "p75", "p95"}
  nlohmann::json quantiles() const;

 private:
  analysis::RunningMoments moments_;
  analysis::Histogram histogram_;
  std::uint64_t missing_ = 0;
};

}  // namespace attune
