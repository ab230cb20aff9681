#include "analysis/statistics/abc_smc.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <iterator>
#include <limits>
#include <stdexcept>

namespace attune::abc {
namespace {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Below this a Cholesky pivot counts as zero: the covariance is singular in some direction
/// (a population on one point or on a line), and the kernel is widened there by this much.
constexpr double kKernelVarianceFloor = 1e-12;

/// The particles' weights divided by their sum; throws when the sum is not positive.
std::vector<double> abc_normalised_weights(const std::vector<Particle>& particles) {
  double total = 0;
  for (const auto& particle : particles) total += particle.weight;
  if (!(total > 0) || !std::isfinite(total))
    throw std::invalid_argument("abc: weights must have a positive sum");
  std::vector<double> weights;
  weights.reserve(particles.size());
  for (const auto& particle : particles) weights.push_back(particle.weight / total);
  return weights;
}

bool abc_inside_cube(const std::vector<double>& position) {
  return std::all_of(position.begin(), position.end(), [](double x) { return x >= 0 && x <= 1; });
}

}  // namespace

std::vector<double> weighted_covariance(const std::vector<Particle>& particles) {
  if (particles.empty()) return {};
  const std::size_t k = particles.front().position.size();
  const std::vector<double> w = abc_normalised_weights(particles);
  std::vector<double> mean(k, 0.0);
  double sum_squared_weights = 0;
  for (std::size_t i = 0; i < particles.size(); ++i) {
    if (particles[i].position.size() != k)
      throw std::invalid_argument("weighted_covariance: positions differ in dimension");
    for (std::size_t d = 0; d < k; ++d) mean[d] += w[i] * particles[i].position[d];
    sum_squared_weights += w[i] * w[i];
  }
  std::vector<double> covariance(k * k, 0.0);
  // 1 - sum w^2 is 0 when one particle carries all the weight: one effective point, no spread.
  const double divisor = 1.0 - sum_squared_weights;
  if (divisor <= 0) return covariance;
  for (std::size_t i = 0; i < particles.size(); ++i)
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < k; ++b)
        covariance[a * k + b] +=
            w[i] * (particles[i].position[a] - mean[a]) * (particles[i].position[b] - mean[b]) / divisor;
  return covariance;
}

Kernel::Kernel(const std::vector<Particle>& population) {
  if (population.empty()) throw std::invalid_argument("Kernel: empty population");
  k_ = population.front().position.size();
  const auto n = static_cast<Eigen::Index>(k_);
  const std::vector<double> covariance = weighted_covariance(population);
  const Eigen::MatrixXd sigma = 2.0 * Eigen::Map<const RowMajorMatrix>(covariance.data(), n, n);
  Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  // LLT reports failure only for a negative pivot; a singular covariance may instead leave
  // a pivot of rounding size, whose inverse would make every density 0, so both widen.
  const bool singular =
      llt.info() != Eigen::Success ||
      (n > 0 && llt.matrixL().toDenseMatrix().diagonal().array().square().minCoeff() < kKernelVarianceFloor);
  if (singular) llt.compute(sigma + kKernelVarianceFloor * Eigen::MatrixXd::Identity(n, n));
  const Eigen::MatrixXd lower = llt.matrixL();
  const Eigen::MatrixXd inverse = llt.solve(Eigen::MatrixXd::Identity(n, n));
  cholesky_.resize(k_ * k_);
  inverse_.resize(k_ * k_);
  Eigen::Map<RowMajorMatrix>(cholesky_.data(), n, n) = lower;
  Eigen::Map<RowMajorMatrix>(inverse_.data(), n, n) = inverse;
}

double Kernel::density(const std::vector<double>& from, const std::vector<double>& to) const {
  if (from.size() != k_ || to.size() != k_) throw std::invalid_argument("Kernel::density: wrong dimension");
  // d' Sigma^-1 d term by term, with no allocation: weigh calls this for every pair.
  double form = 0;
  for (std::size_t a = 0; a < k_; ++a)
    for (std::size_t b = 0; b < k_; ++b) form += (to[a] - from[a]) * inverse_[a * k_ + b] * (to[b] - from[b]);
  return std::exp(-0.5 * form);
}

std::vector<double> Kernel::move(const std::vector<double>& from, const std::vector<double>& normals) const {
  if (from.size() != k_ || normals.size() != k_) throw std::invalid_argument("Kernel::move: wrong dimension");
  std::vector<double> to = from;
  for (std::size_t a = 0; a < k_; ++a)
    for (std::size_t b = 0; b <= a; ++b) to[a] += cholesky_[a * k_ + b] * normals[b];
  return to;
}

std::vector<std::vector<double>> propose(const std::vector<Particle>& population, const Kernel& kernel,
                                         std::size_t count, std::uint64_t seed) {
  if (population.empty()) throw std::invalid_argument("propose: empty population");
  const std::vector<double> w = abc_normalised_weights(population);
  std::vector<double> cumulative(w.size());
  double running = 0;
  for (std::size_t i = 0; i < w.size(); ++i) cumulative[i] = running += w[i];

  boost::random::mt19937_64 rng(seed);
  boost::random::uniform_real_distribution<double> uniform(0.0, 1.0);
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  constexpr int kMaxTries = 1000;
  std::vector<std::vector<double>> proposals;
  proposals.reserve(count);
  std::vector<double> normals(kernel.dimensions());
  for (std::size_t p = 0; p < count; ++p) {
    std::vector<double> candidate;
    // The ancestor is redrawn with the move: the proposal density is then the mixture
    // sum_j w_j K(theta_j -> theta) cut to the cube, up to one constant, which is what
    // weigh divides by. Redrawing only the move would divide each ancestor's share by its
    // own mass inside the cube, which weigh does not know.
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
      const double u = uniform(rng);
      const auto ancestor = std::min<std::size_t>(
          static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                   cumulative.begin()),
          w.size() - 1);
      for (auto& z : normals) z = normal(rng);
      candidate = kernel.move(population[ancestor].position, normals);
      if (abc_inside_cube(candidate)) break;
    }
    for (auto& x : candidate) x = std::clamp(x, 0.0, 1.0);
    proposals.push_back(std::move(candidate));
  }
  return proposals;
}

void weigh(std::vector<Particle>& accepted, const std::vector<Particle>& previous, const Kernel& kernel) {
  if (accepted.empty()) return;
  if (previous.empty()) throw std::invalid_argument("weigh: empty previous population");
  const std::vector<double> w = abc_normalised_weights(previous);
  double total = 0;
  for (auto& particle : accepted) {
    if (!abc_inside_cube(particle.position))
      throw std::invalid_argument("weigh: a position outside the unit cube");
    double mixture = 0;
    for (std::size_t j = 0; j < previous.size(); ++j)
      mixture += w[j] * kernel.density(previous[j].position, particle.position);
    // propose draws only where the mixture is positive; 0 means the position came from elsewhere.
    if (!(mixture > 0))
      throw std::invalid_argument("weigh: a position the kernel cannot reach from the previous population");
    particle.weight = 1.0 / mixture;
    total += particle.weight;
  }
  for (auto& particle : accepted) particle.weight /= total;
}

double distance_quantile(const std::vector<double>& distances, double quantile) {
  if (!(quantile >= 0 && quantile <= 1))
    throw std::invalid_argument("distance_quantile: quantile outside [0, 1]");
  std::vector<double> finite;
  std::copy_if(distances.begin(), distances.end(), std::back_inserter(finite),
               [](double x) { return std::isfinite(x); });
  if (finite.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(finite.begin(), finite.end());
  // Hyndman & Fan (1996) type 7: h = (n - 1) q, between the order statistics floor(h) and ceil(h).
  const double h = quantile * static_cast<double>(finite.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, finite.size() - 1);
  return finite[below] + (h - static_cast<double>(below)) * (finite[above] - finite[below]);
}

double effective_sample_size(const std::vector<Particle>& particles) {
  if (particles.empty()) return 0;
  // (sum w)^2 / sum w^2 is Kish's 1 / sum w^2 after normalising, and needs no normalised input.
  double sum = 0, sum_squares = 0;
  for (const auto& particle : particles) {
    sum += particle.weight;
    sum_squares += particle.weight * particle.weight;
  }
  return sum_squares > 0 ? sum * sum / sum_squares : 0.0;
}

double weighted_quantile(const std::vector<Particle>& particles, std::size_t dimension, double quantile) {
  if (particles.empty()) throw std::invalid_argument("weighted_quantile: no particles");
  if (!(quantile >= 0 && quantile <= 1))
    throw std::invalid_argument("weighted_quantile: quantile outside [0, 1]");
  for (const auto& particle : particles)
    if (dimension >= particle.position.size())
      throw std::invalid_argument("weighted_quantile: no such dimension");
  const std::vector<double> w = abc_normalised_weights(particles);
  std::vector<std::size_t> order(particles.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return particles[a].position[dimension] < particles[b].position[dimension];
  });
  // Each particle stands at the middle of its weight on the cumulative scale (Hazen's
  // plotting position, R's type 5 for equal weights), and quantiles between two particles
  // are interpolated: a few dozen particles then give intervals inside their extremes
  // rather than the extremes themselves. Weightless particles are not part of the
  // distribution, so they never answer.
  double cumulative = 0;
  double previous_position = 0, previous_middle = -1;
  for (const std::size_t i : order) {
    if (w[i] <= 0) continue;
    const double position = particles[i].position[dimension];
    const double middle = cumulative + w[i] / 2;
    cumulative += w[i];
    if (quantile <= middle) {
      if (previous_middle < 0) return position;  // below the first particle's middle
      return previous_position + (position - previous_position) * (quantile - previous_middle) / (middle - previous_middle);
    }
    previous_position = position;
    previous_middle = middle;
  }
  return previous_position;  // above the last particle's middle
}

}  // namespace attune::abc
