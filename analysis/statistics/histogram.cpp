#include "analysis/statistics/histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attune::analysis {

Histogram::Histogram(double lo, double hi, std::size_t bins) : lo_(lo), hi_(hi), counts_(bins, 0) {
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) {
    throw std::invalid_argument("Histogram: need finite lo < hi");
  }
  if (bins == 0) throw std::invalid_argument("Histogram: need at least one bin");
}

void Histogram::add(double x) {
  if (std::isnan(x)) {
    ++nan_count_;
    return;
  }
  const std::size_t last = counts_.size() - 1;
  std::size_t bin = 0;
  if (x >= hi_) {
    bin = last;
  } else if (x > lo_) {
    // Scale before flooring; rounding can reach size() just below hi, hence the clamp.
    const double position = (x - lo_) / (hi_ - lo_) * static_cast<double>(counts_.size());
    bin = std::min(static_cast<std::size_t>(position), last);
  }
  ++counts_[bin];
  ++count_;
}

void Histogram::merge(const Histogram& other) {
  if (lo_ != other.lo_ || hi_ != other.hi_ || counts_.size() != other.counts_.size()) {
    throw std::invalid_argument("Histogram::merge: bin layouts differ");
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  nan_count_ += other.nan_count_;
}

double Histogram::quantile(double q) const {
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("Histogram::quantile: q outside [0, 1]");
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // Treat each bin's values as spread evenly over it: the empirical CDF becomes
  // piecewise linear, and the q-quantile is where it reaches q * count. The first
  // bin whose cumulative count reaches that rank holds the q-th value.
  const double rank = q * static_cast<double>(count_);
  const double width = (hi_ - lo_) / static_cast<double>(counts_.size());
  std::uint64_t before = 0;
  std::size_t bin = 0;
  while (counts_[bin] == 0 || static_cast<double>(before + counts_[bin]) < rank) {
    before += counts_[bin];
    ++bin;
  }
  const double fraction = (rank - static_cast<double>(before)) / static_cast<double>(counts_[bin]);
  return lo_ + (static_cast<double>(bin) + fraction) * width;
}

}  // namespace attune::analysis
