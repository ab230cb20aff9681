#include "analysis/statistics/history_matching.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attune::history_matching {
namespace {

/// The sample variance (n - 1 divisor) of the values.
double emulator_sample_variance(const Eigen::VectorXd& values) {
  const double n = static_cast<double>(values.size());
  return (values.array() - values.mean()).square().sum() / (n - 1.0);
}

}  // namespace

double implausibility(double simulated, double observed, double var_observed, double var_simulated,
                      double var_discrepancy) {
  const double variance = var_observed + var_simulated + var_discrepancy;
  if (std::isnan(simulated) || std::isnan(observed) || std::isnan(variance)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double gap = std::abs(simulated - observed);
  // Checked before dividing: agreement with no uncertainty at all is 0, not 0/0.
  if (gap == 0) return 0;
  if (variance == 0) return std::numeric_limits<double>::infinity();
  return gap / std::sqrt(variance);
}

RegressionEmulator::RegressionEmulator(const std::vector<std::vector<double>>& points,
                                       const std::vector<double>& outputs) {
  if (points.size() != outputs.size()) {
    throw std::invalid_argument("RegressionEmulator: points and outputs differ in number");
  }
  k_ = points.empty() ? 0 : points.front().size();
  std::vector<std::size_t> usable;
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (points[p].size() != k_) throw std::invalid_argument("RegressionEmulator: points differ in dimension");
    if (std::isfinite(outputs[p])) usable.push_back(p);
  }
  const std::size_t rows = usable.size();
  if (rows < 2) throw std::invalid_argument("RegressionEmulator: fewer than 2 points with a finite output");

  // Twice as many rows as terms leaves the residual variance as many degrees of freedom
  // as the mean has terms; the linear form is taken as soon as it is determined, its
  // rows == terms case falling back on the outputs' variance (see the header).
  const std::size_t linear_terms = 1 + k_;
  const std::size_t quadratic_terms = linear_terms + k_ * (k_ + 1) / 2;
  if (k_ > 0 && rows >= 2 * quadratic_terms) {
    form_ = Form::quadratic;
  } else if (k_ > 0 && rows >= linear_terms) {
    form_ = Form::linear;
  } else {
    form_ = Form::constant;
  }
  const std::size_t terms = form_ == Form::quadratic ? quadratic_terms
                            : form_ == Form::linear  ? linear_terms
                                                     : 1;

  Eigen::MatrixXd design(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(terms));
  Eigen::VectorXd y(static_cast<Eigen::Index>(rows));
  for (std::size_t r = 0; r < rows; ++r) {
    const std::vector<double> f = features(points[usable[r]]);
    for (std::size_t t = 0; t < terms; ++t)
      design(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(t)) = f[t];
    y(static_cast<Eigen::Index>(r)) = outputs[usable[r]];
  }

  // Column pivoting reveals the rank: a design that cannot tell some columns apart (an
  // input held fixed, points on a line) keeps the independent ones and gives the others
  // coefficient 0 (Golub & Van Loan 2013, sec. 5.5.6, the basic solution).
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
  const Eigen::Index rank = qr.rank();
  const Eigen::VectorXd beta = qr.solve(y);
  coefficients_.assign(beta.data(), beta.data() + beta.size());

  const double residual_sum = (y - design * beta).squaredNorm();
  residual_variance_ = static_cast<Eigen::Index>(rows) > rank
                           ? residual_sum / static_cast<double>(static_cast<Eigen::Index>(rows) - rank)
                           : emulator_sample_variance(y);

  // F P = Q R, so (F'F)^-1 = P R^-1 R^-T P' on the kept columns and 0 on the dropped ones.
  const Eigen::MatrixXd r_kept = qr.matrixR().topLeftCorner(rank, rank).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inverse =
      r_kept.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(rank, rank));
  Eigen::MatrixXd pivoted =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(terms), static_cast<Eigen::Index>(terms));
  pivoted.topLeftCorner(rank, rank) = r_inverse * r_inverse.transpose();
  const Eigen::MatrixXd gram_inverse = qr.colsPermutation() * pivoted * qr.colsPermutation().transpose();
  gram_inverse_.resize(terms * terms);
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      gram_inverse_.data(), static_cast<Eigen::Index>(terms), static_cast<Eigen::Index>(terms)) =
      gram_inverse;
}

std::vector<double> RegressionEmulator::features(const std::vector<double>& point) const {
  std::vector<double> f{1.0};
  if (form_ == Form::constant) return f;
  f.insert(f.end(), point.begin(), point.end());
  if (form_ == Form::linear) return f;
  for (std::size_t i = 0; i < k_; ++i)
    for (std::size_t j = i; j < k_; ++j) f.push_back(point[i] * point[j]);
  return f;
}

Prediction RegressionEmulator::predict(const std::vector<double>& point) const {
  if (point.size() != k_)
    throw std::invalid_argument("RegressionEmulator::predict: point of the wrong dimension");
  const std::vector<double> f = features(point);
  const std::size_t terms = f.size();
  Prediction prediction;
  double leverage = 0;
  for (std::size_t a = 0; a < terms; ++a) {
    prediction.mean += coefficients_[a] * f[a];
    for (std::size_t b = 0; b < terms; ++b) leverage += f[a] * gram_inverse_[a * terms + b] * f[b];
  }
  prediction.variance = residual_variance_ * (1.0 + leverage);
  return prediction;
}

std::vector<std::size_t> maximin_subset(const std::vector<std::vector<double>>& candidates,
                                        std::size_t count) {
  const std::size_t n = candidates.size();
  std::vector<std::size_t> picked;
  if (n <= count) {
    for (std::size_t i = 0; i < n; ++i) picked.push_back(i);
    return picked;
  }
  if (count == 0) return picked;
  auto squared_distance = [&](std::size_t a, std::size_t b) {
    double sum = 0;
    for (std::size_t d = 0; d < candidates[a].size(); ++d) {
      const double step = candidates[a][d] - candidates[b][d];
      sum += step * step;
    }
    return sum;
  };
  // nearest[i]: squared distance from candidate i to the nearest one picked so far.
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  std::vector<bool> taken(n, false);
  std::size_t next = 0;
  while (picked.size() < count) {
    picked.push_back(next);
    taken[next] = true;
    for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], squared_distance(i, next));
    // `taken` rather than nearest == 0 decides, so duplicates of a picked point stay eligible.
    bool found = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (taken[i]) continue;
      if (!found || nearest[i] > nearest[next]) next = i, found = true;
    }
  }
  return picked;
}

}  // namespace attune::history_matching
