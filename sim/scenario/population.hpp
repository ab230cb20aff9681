#pragma once
/// Draws each dyad's parameters from a scenario's population section.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "models/parameters.hpp"
#include "sim/random/rng.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// A Gaussian copula over the scenario's drawn parameters: one standard normal per
/// drawn (non-fixed) parameter in table order, correlated by the Cholesky factor of
/// the scenario's correlations, mapped to u = Φ(z) and through the parameter's
/// quantile function. Fixed values consume no random numbers.
class PopulationSampler {
 public:
  /// Precomputes the Cholesky factor; throws std::invalid_argument if the
  /// correlations name an undrawn parameter or are not positive definite.
  explicit PopulationSampler(const Scenario& scenario);

  /// One dyad's parameters: table defaults, then each of the scenario's draws.
  /// The same rng state gives bitwise the same result; safe to call concurrently.
  Parameters draw(Rng& rng) const { return map(normals(rng)); }

  /// The two halves of draw: the correlated standard normals, one per drawn parameter in
  /// the order of random_draws(), and the parameters they map to.
  std::vector<double> normals(Rng& rng) const;
  Parameters map(const std::vector<double>& z) const;
  /// The drawn (non-fixed) parameters, in table order.
  const std::vector<ParameterDraw>& random_draws() const { return random_; }

 private:
  Parameters defaults_;
  std::vector<ParameterDraw> fixed_;
  std::vector<ParameterDraw> random_;        ///< one standard normal each, in table order
  std::vector<std::size_t> correlated_;      ///< positions in random_ of the correlated parameters
  Eigen::MatrixXd cholesky_;                 ///< lower factor of their correlation matrix
};

}  // namespace attune
