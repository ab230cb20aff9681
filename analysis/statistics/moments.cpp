#include "analysis/statistics/moments.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/statistics/constants.hpp"

namespace attune::analysis {

void RunningMoments::add(double x) {
  // Welford (1962): update the mean and M2 from the deviation, avoiding the
  // catastrophic cancellation of sum(x^2) - n mean^2.
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void RunningMoments::merge(const RunningMoments& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  // Chan, Golub & LeVeque (1979): M2 = M2_a + M2_b + delta^2 n_a n_b / n.
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double RunningMoments::mean() const { return n_ == 0 ? kNaN : mean_; }

double RunningMoments::variance() const {
  return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1);
}

double RunningMoments::sd() const { return std::sqrt(variance()); }

double RunningMoments::standard_error() const {
  return std::sqrt(variance() / static_cast<double>(n_));
}

Interval RunningMoments::mean_ci95() const {
  const double half = kZ95 * standard_error();
  return {mean() - half, mean() + half};
}

double RunningMoments::min() const { return n_ == 0 ? kNaN : min_; }

double RunningMoments::max() const { return n_ == 0 ? kNaN : max_; }

}  // namespace attune::analysis
