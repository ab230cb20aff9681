#include "analysis/statistics/logistic_regression.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace attune::analysis {

namespace {

/// Fisher information X' W X and score X' (y - mu) of the logistic log-likelihood at beta.
struct Derivatives {
  Eigen::MatrixXd information;
  Eigen::VectorXd score;
};

Derivatives derivatives(const Eigen::MatrixXd& design, const Eigen::VectorXd& y, const Eigen::VectorXd& beta) {
  const Eigen::VectorXd eta = design * beta;
  // 1 / (1 + exp(-eta)) saturates to exactly 0 or 1 rather than overflowing to NaN.
  const Eigen::VectorXd mu = eta.unaryExpr([](double e) { return 1.0 / (1.0 + std::exp(-e)); });
  const Eigen::VectorXd weight = mu.array() * (1.0 - mu.array());
  return {design.transpose() * weight.asDiagonal() * design, design.transpose() * (y - mu)};
}

/// Throws std::invalid_argument for inputs the fit cannot take (see the header).
void check_logistic_inputs(const Eigen::MatrixXd& predictors, const Eigen::VectorXd& outcome_0_1, int max_iterations) {
  const Eigen::Index n = predictors.rows();
  if (outcome_0_1.size() != n) throw std::invalid_argument("logistic_regression: predictors and outcome differ in rows");
  if (n == 0) throw std::invalid_argument("logistic_regression: no observations");
  if (max_iterations < 1) throw std::invalid_argument("logistic_regression: max_iterations < 1");
  if (!predictors.allFinite()) throw std::invalid_argument("logistic_regression: non-finite predictor");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (outcome_0_1[i] != 0.0 && outcome_0_1[i] != 1.0) {
      throw std::invalid_argument("logistic_regression: outcome must be 0 or 1");
    }
  }
}

/// The design matrix: a column of ones for the intercept, then the predictors.
Eigen::MatrixXd with_intercept(const Eigen::MatrixXd& predictors) {
  const Eigen::Index k = predictors.cols() + 1;
  Eigen::MatrixXd design(predictors.rows(), k);
  design.col(0).setOnes();
  design.rightCols(k - 1) = predictors;
  return design;
}

// Newton-Raphson on the log-likelihood, which for the canonical logit link is
// Fisher scoring / IRLS (McCullagh & Nelder 1989): beta += I^-1 U.
// Under (quasi-)separation the MLE is at infinity and the steps do not shrink, so
// the loop ends at max_iterations, or earlier once a step is no longer finite.
// Returns the estimate; sets fit.iterations and fit.converged.
Eigen::VectorXd newton_raphson(const Eigen::MatrixXd& design, const Eigen::VectorXd& y, int max_iterations,
                               double tolerance, LogisticFit& fit) {
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(design.cols());
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    const Derivatives at = derivatives(design, y, beta);
    const Eigen::LDLT<Eigen::MatrixXd> solver(at.information);
    const Eigen::VectorXd step = solver.solve(at.score);
    if (solver.info() != Eigen::Success || !step.allFinite()) break;
    beta += step;
    fit.iterations = iteration;
    if (step.lpNorm<Eigen::Infinity>() <= tolerance * (1.0 + beta.lpNorm<Eigen::Infinity>())) {
      fit.converged = true;
      break;
    }
  }
  return beta;
}

// Wald standard errors: the inverse Fisher information at the estimate is the
// asymptotic covariance of the MLE. Invert it equilibrated (unit diagonal) so the
// predictors' units do not matter, and judge its conditioning there: under
// quasi-separation the steps can shrink once the separated points' weights vanish
// in rounding, but the information is then numerically singular, so the fit is
// not reported as converged; the same holds for collinear predictors.
// Fills fit's coefficients, standard errors and odds ratios from beta.
void add_wald_terms(const Eigen::MatrixXd& design, const Eigen::VectorXd& y, const Eigen::VectorXd& beta,
                    LogisticFit& fit) {
  const Eigen::Index k = design.cols();
  const Eigen::MatrixXd information = derivatives(design, y, beta).information;
  const Eigen::VectorXd scale = information.diagonal().cwiseSqrt().cwiseInverse();
  const Eigen::LDLT<Eigen::MatrixXd> equilibrated(scale.asDiagonal() * information * scale.asDiagonal());
  constexpr double kMinReciprocalCondition = 1e-12;
  if (!scale.allFinite() || equilibrated.info() != Eigen::Success || !equilibrated.isPositive() ||
      !(equilibrated.rcond() > kMinReciprocalCondition)) {
    fit.converged = false;
  }
  const Eigen::MatrixXd covariance =
      scale.asDiagonal() * equilibrated.solve(Eigen::MatrixXd::Identity(k, k)) * scale.asDiagonal();
  for (Eigen::Index j = 0; j < k; ++j) {
    const double variance = covariance(j, j);
    const bool usable = std::isfinite(variance) && variance > 0.0;
    // Weights that have underflowed (|eta| near 700 after long divergence) can
    // leave a well-conditioned-looking matrix with a meaningless inverse.
    if (!usable) fit.converged = false;
    fit.coefficients.push_back(beta[j]);
    fit.standard_errors.push_back(usable ? std::sqrt(variance) : std::numeric_limits<double>::quiet_NaN());
    fit.odds_ratios.push_back(std::exp(beta[j]));
  }
}

}  // namespace

LogisticFit logistic_regression(const Eigen::MatrixXd& predictors, const Eigen::VectorXd& outcome_0_1,
                                int max_iterations, double tolerance) {
  check_logistic_inputs(predictors, outcome_0_1, max_iterations);
  const Eigen::MatrixXd design = with_intercept(predictors);
  LogisticFit fit{{}, {}, {}, 0, false};
  const Eigen::VectorXd beta = newton_raphson(design, outcome_0_1, max_iterations, tolerance, fit);
  add_wald_terms(design, outcome_0_1, beta, fit);
  return fit;
}

}  // namespace attune::analysis
