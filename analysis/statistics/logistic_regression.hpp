#pragma once
/// Maximum-likelihood logistic regression of a 0/1 outcome on a few predictors.
#include <vector>

#include <Eigen/Dense>

namespace attune::analysis {

/// Fitted model; index 0 is the intercept, index j the j-th predictor column (j = 1..p).
struct LogisticFit {
  std::vector<double> coefficients;     ///< log-odds scale
  std::vector<double> standard_errors;  ///< sqrt of the diagonal of the inverse Fisher information
  std::vector<double> odds_ratios;      ///< exp(coefficient)
  int iterations;                       ///< Newton steps taken
  bool converged;                       ///< false on separation, a singular information matrix, or hitting max_iterations
};

/// Fits logit P(y = 1) = b0 + X b by Newton-Raphson (IRLS) with an added intercept, converged once every step is within tolerance * (1 + max |b|); throws std::invalid_argument on a shape mismatch, no rows, non-finite predictors, an outcome other than 0/1, or max_iterations < 1.
LogisticFit logistic_regression(const Eigen::MatrixXd& predictors, const Eigen::VectorXd& outcome_0_1,
                                int max_iterations = 50, double tolerance = 1e-10);

}  // namespace attune::analysis
