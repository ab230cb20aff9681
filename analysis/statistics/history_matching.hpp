#pragma once
/// History matching (Craig et al. 1997; Vernon, Goldstein & Bower 2010; Andrianakis et al.
/// 2015): the implausibility of a simulated output against an observation, and a cheap
/// regression emulator of a simulator's output over the unit cube, used to screen
/// candidate points of the next wave without simulating them. Knows nothing of attune.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attune::history_matching {

/// I = |simulated - observed| / sqrt(var_observed + var_simulated + var_discrepancy)
/// (Vernon et al. 2010, eq. 11). +infinity when the denominator is 0 and the values
/// differ, 0 when they agree; NaN when any input is NaN.
double implausibility(double simulated, double observed, double var_observed, double var_simulated,
                      double var_discrepancy);

/// A prediction of the emulator: its mean and its variance (regression residual variance
/// widened by the point's leverage).
struct Prediction {
  double mean = 0, variance = 0;
};

/// A least-squares regression emulator of one output over [0, 1]^k: a full quadratic in the
/// inputs (1, x_i, x_i x_j for i <= j) when the points allow it (at least twice as many
/// points as terms), else linear (1, x_i), else the constant. Vernon et al. (2010) emulate
/// with such a regression plus a Gaussian-process residual; attune keeps the regression
/// and treats the residual as white noise, so its variance also absorbs the simulator's
/// own noise (which is right for implausibility: var_simulated is then not added again).
/// Fitted by Eigen's column-pivoting Householder QR; terms the design cannot tell apart from
/// the others (an input held fixed) get coefficient 0 and leave the fit.
class RegressionEmulator {
 public:
  /// Fits to `outputs[p]` at `points[p]` (each of k coordinates in [0, 1]); rows with a
  /// non-finite output are left out. Throws std::invalid_argument with fewer than 2 usable rows.
  RegressionEmulator(const std::vector<std::vector<double>>& points, const std::vector<double>& outputs);

  /// Mean and variance at `point`: variance = s^2 (1 + h(point)), s^2 the residual variance
  /// (sum of squared residuals / (rows - terms), or the outputs' variance when rows == terms;
  /// terms counting only those kept), h = f(x)' (F'F)^-1 f(x) the leverage (the variance of
  /// the fitted mean at x over s^2).
  Prediction predict(const std::vector<double>& point) const;

  std::size_t terms() const { return coefficients_.size(); }
  double residual_variance() const { return residual_variance_; }

 private:
  std::vector<double> features(const std::vector<double>& point) const;
  std::size_t k_ = 0;
  enum class Form { constant, linear, quadratic } form_ = Form::constant;
  std::vector<double> coefficients_;
  std::vector<double> gram_inverse_;  ///< (F'F)^-1, row-major, terms x terms
  double residual_variance_ = 0;
};

/// Picks `count` of `candidates` (points in [0, 1]^k) that fill space: greedy maximin
/// (the first candidate, then each time the one farthest from all picked so far; ties to the
/// lower index). All of them when there are no more than `count`. Returns their indices in
/// the order picked. Deterministic.
std::vector<std::size_t> maximin_subset(const std::vector<std::vector<double>>& candidates,
                                        std::size_t count);

}  // namespace attune::history_matching
