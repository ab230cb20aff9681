#pragma once
/// The working model's development month by month over a stream of dyads, as
/// development.csv reports it and the teaching page draws it: one tally for both.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/statistics/histogram.hpp"
#include "analysis/statistics/moments.hpp"
#include "models/dyad_record.hpp"
#include "models/record_columns.hpp"

namespace attune {

/// For each month of life, the dyads that reached it and, for each of the chosen month
/// columns (models/record_columns.hpp), the values observed there: a NaN is a month in
/// which the column was not observed, left out of the mean and quantiles but not out
/// of the month's dyads.
class DevelopmentTally {
 public:
  /// `columns`: the month columns tallied, in the order read back. `quantile_bins`: the
  /// histogram bins over each column's [lo, hi] that quantile() reads (0: means only).
  explicit DevelopmentTally(std::vector<const MonthColumn*> columns, std::size_t quantile_bins = 0);
  /// Counts the dyad in each month it lived and adds its values there.
  void add(const DyadRecord& record);
  /// Months reached by some dyad so far.
  std::size_t months() const { return dyads_.size(); }
  /// Dyads that reached month `month` (0-based: development.csv's row month + 1).
  std::uint64_t dyads(std::size_t month) const { return dyads_[month]; }
  /// Mean of column `column` in month `month` over the dyads observed there; NaN when none.
  double mean(std::size_t month, std::size_t column) const { return moments_[month][column].mean(); }
  /// Its q-quantile, to within one bin; needs `quantile_bins` > 0.
  double quantile(std::size_t month, std::size_t column, double q) const {
    return histograms_[month][column].quantile(q);
  }

 private:
  std::vector<const MonthColumn*> columns_;
  std::size_t quantile_bins_;
  std::vector<std::uint64_t> dyads_;                            // [month]
  std::vector<std::vector<analysis::RunningMoments>> moments_;  // [month][column]
  std::vector<std::vector<analysis::Histogram>> histograms_;    // [month][column]; empty without quantiles
};

/// Every month column, in models/record_columns.cpp's order (development.csv's).
std::vector<const MonthColumn*> all_month_columns();

}  // namespace attune
