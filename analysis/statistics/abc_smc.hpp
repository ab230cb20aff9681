#pragma once
/// Approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009; Beaumont,
/// Cornuet, Marin & Robert 2009), in batches: each generation proposes a fixed number of
/// particles, all simulated at once (a sweep), and keeps those within the generation's
/// tolerance, chosen as a quantile of the distances (Drovandi & Pettitt 2011; Del Moral,
/// Doucet & Jasra 2012). Parameters live on the unit cube [0, 1]^k with a uniform prior;
/// the caller maps them to their ranges (and log scales). Knows nothing of attune.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attune::abc {

/// A weighted particle: its position in [0, 1]^k, its normalised weight, and the
/// distance of its simulation from the observations.
struct Particle {
  std::vector<double> position;
  double weight = 0;
  double distance = 0;
};

/// The weighted covariance of the particles' positions (k x k, row-major), with weights
/// normalised; the unbiased "reliability weights" form, sum w_i (x_i - m)(x_i - m)' /
/// (1 - sum w_i^2). Zero matrix for a single particle.
std::vector<double> weighted_covariance(const std::vector<Particle>& particles);

/// The perturbation kernel of generation t: a multivariate normal with twice the previous
/// population's weighted covariance (Beaumont et al. 2009, the optimal-scale choice of
/// Filippi et al. 2013 for a Gaussian kernel). Stored as the Cholesky factor and the inverse.
class Kernel {
 public:
  /// From the population. Adds 1e-12 on the diagonal when the covariance is singular or
  /// nearly so (a Cholesky pivot below 1e-12: a population on one point, or on a line).
  explicit Kernel(const std::vector<Particle>& population);
  /// Unnormalised density of moving from `from` to `to`: exp(-0.5 d' Sigma^-1 d). The
  /// normalising constant is the same for every pair and cancels in the weights.
  double density(const std::vector<double>& from, const std::vector<double>& to) const;
  /// `from` + L z, z standard normal from `normals` (k values).
  std::vector<double> move(const std::vector<double>& from, const std::vector<double>& normals) const;
  std::size_t dimensions() const { return k_; }

 private:
  std::size_t k_ = 0;
  std::vector<double> cholesky_;  ///< lower triangular, row-major
  std::vector<double> inverse_;   ///< Sigma^-1, row-major
};

/// Proposals of the next generation: `count` positions, each drawn from the population by
/// weight (the particle whose cumulative weight first passes a uniform draw) and moved by
/// the kernel, particle and move redrawn together until the position lies inside the unit
/// cube (at most 1000 tries, then the last one clamped onto the cube). A pure function of
/// `seed` (Boost.Random's mt19937_64 and distributions, whose output is the same on every
/// platform).
std::vector<std::vector<double>> propose(const std::vector<Particle>& population, const Kernel& kernel,
                                         std::size_t count, std::uint64_t seed);

/// Importance weights of accepted proposals under a uniform prior on the cube:
/// w_i proportional to 1 / sum_j w_j K(theta_j -> theta_i) (Beaumont et al. 2009), normalised
/// to sum 1. The proposals' `weight` fields are set; their positions must lie in the cube.
void weigh(std::vector<Particle>& accepted, const std::vector<Particle>& previous, const Kernel& kernel);

/// The `quantile` (0..1) of the finite distances, by linear interpolation between order
/// statistics (R's type 7). NaN when none is finite.
double distance_quantile(const std::vector<double>& distances, double quantile);

/// Kish's effective sample size of normalised weights: 1 / sum w_i^2.
double effective_sample_size(const std::vector<Particle>& particles);

/// The weighted quantile of coordinate `dimension`: particles sorted by it, each placed at
/// the middle of its normalised weight on the cumulative scale, the quantile interpolated
/// linearly between the two particles around it (the first or last particle beyond them).
double weighted_quantile(const std::vector<Particle>& particles, std::size_t dimension, double quantile);

}  // namespace attune::abc
