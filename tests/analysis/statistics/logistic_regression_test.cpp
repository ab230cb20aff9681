// Logistic regression checked against closed-form MLEs and an independently
// computed textbook fit.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/statistics/logistic_regression.hpp"

using attune::analysis::logistic_regression;

namespace {

Eigen::VectorXd column(const std::vector<double>& values) {
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace

TEST_CASE("analysis/statistics: logistic regression on a 2x2 table has the closed-form MLE",
          "[analysis]") {
  // x = 0: 3 of 10 have y = 1; x = 1: 6 of 8. A saturated model fits each group's
  // log-odds exactly: b0 = log(3/7), b1 = log(6/2) - log(3/7) = log 7 (odds ratio 7),
  // with Woolf's SEs: sqrt(1/3 + 1/7) and sqrt(1/3 + 1/7 + 1/6 + 1/2).
  std::vector<double> x;
  std::vector<double> y;
  auto add = [&](double xv, int ones, int zeros) {
    for (int i = 0; i < ones; ++i) x.push_back(xv), y.push_back(1.0);
    for (int i = 0; i < zeros; ++i) x.push_back(xv), y.push_back(0.0);
  };
  add(0.0, 3, 7);
  add(1.0, 6, 2);
  const auto fit = logistic_regression(column(x), column(y));
  REQUIRE(fit.converged);
  REQUIRE(fit.coefficients.size() == 2);
  CHECK(fit.coefficients[0] == Approx(std::log(3.0 / 7.0)));
  CHECK(fit.coefficients[1] == Approx(std::log(7.0)));
  CHECK(fit.odds_ratios[1] == Approx(7.0));
  CHECK(fit.odds_ratios[0] == Approx(3.0 / 7.0));
  CHECK(fit.standard_errors[0] == Approx(std::sqrt(1.0 / 3 + 1.0 / 7)));
  CHECK(fit.standard_errors[1] == Approx(std::sqrt(1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2)));
  CHECK(fit.iterations < 20);
}

TEST_CASE("analysis/statistics: logistic regression intercept-only model is the logit of the mean",
          "[analysis]") {
  // 4 of 10 ones: b0 = log(0.4 / 0.6), SE = sqrt(1 / (n p (1 - p))) = sqrt(1 / 2.4).
  const Eigen::MatrixXd none(10, 0);
  const auto fit = logistic_regression(none, column({1, 1, 1, 1, 0, 0, 0, 0, 0, 0}));
  REQUIRE(fit.converged);
  CHECK(fit.coefficients[0] == Approx(std::log(0.4 / 0.6)));
  CHECK(fit.standard_errors[0] == Approx(std::sqrt(1.0 / 2.4)));
}

TEST_CASE("analysis/statistics: logistic regression matches the hours-studied example", "[analysis]") {
  // Pass/fail against hours studied (the worked example of Wikipedia's "Logistic
  // regression" article): b0 = -4.0777, b1 = 1.5046, SEs 1.7610 and 0.6287. Digits
  // below from an independent plain-Python Newton iteration with a 2x2 explicit inverse.
  const std::vector<double> hours{0.50, 0.75, 1.00, 1.25, 1.50, 1.75, 1.75, 2.00, 2.25, 2.50,
                                  2.75, 3.00, 3.25, 3.50, 4.00, 4.25, 4.50, 4.75, 5.00, 5.50};
  const std::vector<double> passed{0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1};
  const auto fit = logistic_regression(column(hours), column(passed));
  REQUIRE(fit.converged);
  CHECK(fit.coefficients[0] == Approx(-4.0777134311));
  CHECK(fit.coefficients[1] == Approx(1.5046454284));
  CHECK(fit.standard_errors[0] == Approx(1.7609943142));
  CHECK(fit.standard_errors[1] == Approx(0.6287208459));
}

TEST_CASE("analysis/statistics: logistic regression solves the score equations with several predictors",
          "[analysis]") {
  // At the MLE the score X'(y - mu) vanishes (Agresti 2013, sec. 5.4), for any number of columns.
  const int n = 60;
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = std::sin(0.7 * i);
    x(i, 1) = std::cos(1.3 * i) + 0.02 * i;
    y[i] = std::fmod(i * 0.6180339887, 1.0) < 0.3 + 0.3 * x(i, 0) ? 1.0 : 0.0;
  }
  const auto fit = logistic_regression(x, y);
  REQUIRE(fit.converged);
  REQUIRE(fit.coefficients.size() == 3);
  Eigen::MatrixXd design(n, 3);
  design << Eigen::VectorXd::Ones(n), x;
  const Eigen::Map<const Eigen::VectorXd> beta(fit.coefficients.data(), 3);
  const Eigen::VectorXd mu = (-(design * beta)).array().exp().unaryExpr([](double e) { return 1.0 / (1.0 + e); });
  CHECK((design.transpose() * (y - mu)).lpNorm<Eigen::Infinity>() < 1e-8);
  for (const double se : fit.standard_errors) CHECK((std::isfinite(se) && se > 0.0));
}

TEST_CASE("analysis/statistics: logistic regression reports separation as non-convergence", "[analysis]") {
  // Complete separation: y = 1 exactly when x > 3.5; the MLE slope is +infinity.
  const auto complete = logistic_regression(column({1, 2, 3, 4, 5, 6}), column({0, 0, 0, 1, 1, 1}));
  CHECK_FALSE(complete.converged);
  CHECK(complete.iterations <= 50);
  CHECK(complete.coefficients[1] > 5.0);

  // Quasi-complete separation: the groups only touch at x = 3.
  const auto quasi = logistic_regression(column({1, 2, 3, 3, 4, 5}), column({0, 0, 0, 1, 1, 1}));
  CHECK_FALSE(quasi.converged);

  // All outcomes equal: the intercept diverges to -infinity.
  const auto constant = logistic_regression(column({1, 2, 3}), column({0, 0, 0}));
  CHECK_FALSE(constant.converged);

  // Given many more iterations, rounding eventually zeroes the separated points'
  // weights and the steps shrink; the singular information still flags the fit.
  CHECK_FALSE(logistic_regression(column({1, 2, 3, 4, 5, 6}), column({0, 0, 0, 1, 1, 1}), 2000).converged);
  CHECK_FALSE(logistic_regression(column({1, 2, 3, 3, 4, 5}), column({0, 0, 0, 1, 1, 1}), 2000).converged);
  CHECK_FALSE(logistic_regression(column({1, 2, 3}), column({0, 0, 0}), 2000).converged);
}

TEST_CASE("analysis/statistics: logistic regression is unit-free but rejects collinear predictors",
          "[analysis]") {
  const std::vector<double> x{0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0};
  const std::vector<double> y{0, 0, 1, 0, 1, 0, 1, 1};
  const auto base = logistic_regression(column(x), column(y));
  REQUIRE(base.converged);

  // Rescaling a predictor by 1e6 divides its coefficient and SE by 1e6 and still converges.
  std::vector<double> scaled;
  for (const double v : x) scaled.push_back(v * 1e6);
  const auto big = logistic_regression(column(scaled), column(y));
  CHECK(big.converged);
  CHECK(big.coefficients[1] * 1e6 == Approx(base.coefficients[1]));
  CHECK(big.standard_errors[1] * 1e6 == Approx(base.standard_errors[1]));

  // The same column twice leaves the split between them unidentified.
  Eigen::MatrixXd twice(8, 2);
  twice << column(x), column(x);
  CHECK_FALSE(logistic_regression(twice, column(y)).converged);
}

TEST_CASE("analysis/statistics: logistic regression rejects bad input", "[analysis]") {
  CHECK_THROWS_AS(logistic_regression(column({1, 2, 3}), column({0, 1})), std::invalid_argument);
  CHECK_THROWS_AS(logistic_regression(Eigen::MatrixXd(0, 1), Eigen::VectorXd(0)), std::invalid_argument);
  CHECK_THROWS_AS(logistic_regression(column({1, 2}), column({0, 0.5})), std::invalid_argument);
  CHECK_THROWS_AS(logistic_regression(column({1, NAN}), column({0, 1})), std::invalid_argument);
  CHECK_THROWS_AS(logistic_regression(column({1, 2}), column({0, 1}), 0), std::invalid_argument);
}
