#pragma once
/// Fixed-bin histogram for streaming quantiles in O(bins) memory.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attune::analysis {

/// Equal-width bins over [lo, hi). Values below lo land in the first bin and values
/// at or above hi in the last, so quantiles stay within one bin width of the exact
/// ones only while the data lie inside [lo, hi]. The state is integer counts, so
/// merging partial histograms in any order gives bitwise identical results.
class Histogram {
 public:
  /// Throws std::invalid_argument unless lo < hi are finite and bins > 0.
  Histogram(double lo, double hi, std::size_t bins);

  /// Counts x in its bin; NaN goes to nan_count() and is left out of quantiles.
  void add(double x);
  /// Adds another histogram's counts; throws std::invalid_argument unless lo, hi and bins match.
  void merge(const Histogram& other);

  /// Number of non-NaN values added.
  std::uint64_t count() const { return count_; }
  /// Number of NaN values added.
  std::uint64_t nan_count() const { return nan_count_; }
  /// The q-quantile (q in [0, 1]) by linear interpolation within its bin; NaN when empty; throws on q outside [0, 1].
  double quantile(double q) const;

  /// Per-bin counts, first bin first.
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  /// Lower edge of the first bin.
  double lo() const { return lo_; }
  /// Upper edge of the last bin.
  double hi() const { return hi_; }

 private:
  double lo_;
  double hi_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t nan_count_ = 0;
};

}  // namespace attune::analysis
