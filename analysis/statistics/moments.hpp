#pragma once
/// Streaming mean, variance, extremes of a sequence of doubles in O(1) memory.
#include <cstdint>
#include <limits>

#include "analysis/statistics/proportion.hpp"

namespace attune::analysis {

/// Welford's (1962) online mean and sum of squared deviations, mergeable with the
/// pairwise formula of Chan, Golub & LeVeque (1979). Plain arithmetic in a fixed
/// order: the same sequence of add/merge calls gives bitwise the same result.
/// Merging is exact in count, min and max but, being floating point, mean and
/// variance can differ in the last bits between merge orders.
class RunningMoments {
 public:
  /// Adds one observation (NaN propagates into mean and variance; filter it upstream).
  void add(double x);
  /// Folds in another accumulator as if its values had been added here.
  void merge(const RunningMoments& other);

  /// Number of observations.
  std::uint64_t count() const { return n_; }
  /// Arithmetic mean; NaN when empty.
  double mean() const;
  /// Sample variance (divisor n - 1); NaN when fewer than two observations.
  double variance() const;
  /// Sample standard deviation; NaN when fewer than two observations.
  double sd() const;
  /// Standard error of the mean, sd / sqrt(n); NaN when fewer than two observations.
  double standard_error() const;
  /// Normal-approximation 95% interval mean +/- 1.96 SE (not Student t: meant for the
  /// large n of simulation output; too narrow for n below about 30). NaN when n < 2.
  Interval mean_ci95() const;
  /// Smallest observation; NaN when empty.
  double min() const;
  /// Largest observation; NaN when empty.
  double max() const;

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the running mean
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace attune::analysis
