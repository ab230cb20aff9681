#include "analysis/run/development_tally.hpp"

#include <cmath>
#include <utility>

namespace attune {

DevelopmentTally::DevelopmentTally(std::vector<const MonthColumn*> columns, std::size_t quantile_bins)
    : columns_(std::move(columns)), quantile_bins_(quantile_bins) {}

void DevelopmentTally::add(const DyadRecord& record) {
  while (dyads_.size() < static_cast<std::size_t>(record.months)) {
    dyads_.push_back(0);
    moments_.emplace_back(columns_.size());
    if (quantile_bins_ == 0) continue;
    std::vector<analysis::Histogram> row;
    for (const MonthColumn* column : columns_) row.emplace_back(column->lo, column->hi, quantile_bins_);
    histograms_.push_back(std::move(row));
  }
  for (int m = 0; m < record.months; ++m) {
    ++dyads_[m];
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const double value = columns_[c]->value(record.development[m]);
      if (std::isnan(value)) continue;  // not observed that month
      moments_[m][c].add(value);
      if (quantile_bins_ > 0) histograms_[m][c].add(value);
    }
  }
}

std::vector<const MonthColumn*> all_month_columns() {
  std::vector<const MonthColumn*> columns;
  for (const auto& column : month_columns()) columns.push_back(&column);
  return columns;
}

}  // namespace attune
