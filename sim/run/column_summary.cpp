#include "sim/run/column_summary.hpp"

#include <cmath>

namespace attune {

ColumnSummary::ColumnSummary(double lo, double hi, std::size_t bins) : histogram_(lo, hi, bins) {}

void ColumnSummary::add(double value) {
  if (std::isnan(value)) {
    ++missing_;
    return;
  }
  moments_.add(value);
  histogram_.add(value);
}

nlohmann::json ColumnSummary::to_json() const {
  nlohmann::json j;
  j["n"] = moments_.count();
  j["missing"] = missing_;
  if (moments_.count() == 0) return j;
  j["mean"] = moments_.mean();
  j["sd"] = moments_.count() > 1 ? moments_.sd() : 0.0;
  if (moments_.count() > 1) {
    const auto ci = moments_.mean_ci95();
    j["ci95"] = {ci.lo, ci.hi};
  }
  j["quantiles"] = quantiles();
  return j;
}

nlohmann::json ColumnSummary::quantiles() const {
  return {{"p05", histogram_.quantile(0.05)}, {"p25", histogram_.quantile(0.25)},
                    {"p50", histogram_.quantile(0.50)}, {"p75", histogram_.quantile(0.75)},
                    {"p95", histogram_.quantile(0.95)}};
}

}  // namespace attune
