// The "statistics" section of summary.json (analysis/run/security_statistics.cpp), checked
// against the reference formulas applied to the raw data and against a closed-form fit.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/logistic_regression.hpp"
#include "analysis/run/security_statistics.hpp"

using namespace attune::analysis;

TEST_CASE("analysis/security statistics: correlations and effect sizes equal the raw-data formulas", "[analysis]") {
  // Any data will do: the streamed statistics must equal the textbook formulas applied
  // to the same values, so the generator's stream does not matter.
  std::mt19937_64 engine(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  SecurityStatistics statistics({"caregiver.detection"}, {"ssp_iwm_availability"});
  std::vector<double> x, outcome_secure, outcome_insecure;
  std::vector<int> secure;
  for (int i = 0; i < 500; ++i) {
    const double detection = normal(engine);
    const bool is_secure = detection + normal(engine) > 0.3;
    // Every fifth outcome is missing (not assessed) and must be left out of its variable only.
    const double availability = i % 5 == 0 ? std::numeric_limits<double>::quiet_NaN() : 0.5 + 0.1 * is_secure + 0.1 * normal(engine);
    statistics.add(is_secure, {detection}, {availability});
    x.push_back(detection);
    secure.push_back(is_secure);
    if (!std::isnan(availability)) (is_secure ? outcome_secure : outcome_insecure).push_back(availability);
  }
  const auto json = statistics.to_json();
  REQUIRE(json["n_assessed"] == 500);
  const auto& detection = json["variables"][0];
  CHECK(detection["variable"] == "caregiver.detection");
  CHECK(detection["drawn_parameter"] == true);
  const double r = point_biserial(x, secure);
  CHECK(detection["point_biserial_r"].get<double>() == Approx(r).epsilon(1e-10));
  // Fisher z: tanh(atanh r -/+ 1.96 / sqrt(n - 3)).
  CHECK(detection["point_biserial_ci95"][0].get<double>() == Approx(std::tanh(std::atanh(r) - 1.959964 / std::sqrt(497.0))).epsilon(1e-6));
  CHECK(detection["point_biserial_ci95"][1].get<double>() == Approx(std::tanh(std::atanh(r) + 1.959964 / std::sqrt(497.0))).epsilon(1e-6));

  // Cohen's d by hand on the outcome with missing values: pooled SD with n - 1 weights,
  // Hedges & Olkin SE sqrt((n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2))).
  auto mean_and_ss = [](const std::vector<double>& v) {
    double mean = 0.0, ss = 0.0;
    for (double value : v) mean += value;
    mean /= static_cast<double>(v.size());
    for (double value : v) ss += (value - mean) * (value - mean);
    return std::pair{mean, ss};
  };
  const auto [m1, ss1] = mean_and_ss(outcome_secure);
  const auto [m0, ss0] = mean_and_ss(outcome_insecure);
  const double n1 = static_cast<double>(outcome_secure.size()), n0 = static_cast<double>(outcome_insecure.size());
  const double d = (m1 - m0) / std::sqrt((ss1 + ss0) / (n1 + n0 - 2.0));
  const double se = std::sqrt((n1 + n0) / (n1 * n0) + d * d / (2.0 * (n1 + n0)));
  const auto& availability = json["variables"][1];
  CHECK(availability["drawn_parameter"] == false);
  CHECK(availability["n_secure"].get<double>() + availability["n_insecure"].get<double>() == 400.0);
  CHECK(availability["n_secure"].get<double>() == n1);
  CHECK(availability["cohens_d"].get<double>() == Approx(d).epsilon(1e-10));
  CHECK(availability["cohens_d_ci95"][0].get<double>() == Approx(d - 1.959964 * se).epsilon(1e-6));
  CHECK(availability["cohens_d_ci95"][1].get<double>() == Approx(d + 1.959964 * se).epsilon(1e-6));
  CHECK(availability["mean_secure"].get<double>() == Approx(m1));
}

TEST_CASE("analysis/security statistics: the regression on a 2x2 table has the closed-form fit, on the first rows only",
          "[analysis]") {
  // x = 0: 3 of 10 secure; x = 1: 6 of 8 (logistic_regression_test.cpp). On the raw
  // scale b1 = log 7 with Woolf's SE sqrt(1/3 + 1/7 + 1/6 + 1/2); standardizing x
  // (mean 8/18, sample SD s = sqrt((8 (10/18)^2 + 10 (8/18)^2) / 17) = 0.5113100)
  // multiplies b1 and its SE by s and makes the intercept log(3/7) + log 7 * 8/18.
  SecurityStatistics statistics({"caregiver.fit", "caregiver.repair"}, {}, 18);
  auto add = [&](double x, int secure, int insecure) {
    for (int i = 0; i < secure; ++i) statistics.add(true, {x, 0.5}, {});
    for (int i = 0; i < insecure; ++i) statistics.add(false, {x, 0.5}, {});
  };
  add(0.0, 3, 7);
  add(1.0, 6, 2);
  // Beyond the kept rows: the opposite association, which the fit must not see.
  add(1.0, 0, 50);
  const auto json = statistics.to_json();
  const auto& fit = json["logistic_regression"];
  REQUIRE(fit["converged"] == true);
  CHECK(fit["n"] == 18);
  CHECK(fit["n_secure"] == 9);
  CHECK(json["n_assessed"] == 68);
  // caregiver.repair is constant: no information, left out rather than a singular fit.
  REQUIRE(fit["left_out_constant"].size() == 1);
  CHECK(fit["left_out_constant"][0] == "caregiver.repair");
  REQUIRE(fit["coefficients"].size() == 1);
  const auto& term = fit["coefficients"][0];
  const double s = 0.5113100;
  const double b1 = std::log(7.0) * s;
  const double se1 = std::sqrt(1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2) * s;
  CHECK(term["variable"] == "caregiver.fit");
  CHECK(term["sample_sd"].get<double>() == Approx(s).epsilon(1e-6));
  CHECK(term["coefficient"].get<double>() == Approx(b1).epsilon(1e-6));
  CHECK(term["se"].get<double>() == Approx(se1).epsilon(1e-6));
  CHECK(term["odds_ratio"].get<double>() == Approx(std::pow(7.0, s)).epsilon(1e-6));
  CHECK(term["ci95"][0].get<double>() == Approx(b1 - 1.959964 * se1).epsilon(1e-6));
  CHECK(term["odds_ratio_ci95"][1].get<double>() == Approx(std::exp(b1 + 1.959964 * se1)).epsilon(1e-6));
  CHECK(fit["intercept"]["coefficient"].get<double>() == Approx(std::log(3.0 / 7.0) + std::log(7.0) * 8.0 / 18.0).epsilon(1e-6));
}

TEST_CASE("analysis/security statistics: no fit when every dyad is of one class", "[analysis]") {
  SecurityStatistics statistics({"caregiver.fit"}, {});
  for (int i = 0; i < 10; ++i) statistics.add(true, {0.1 * i}, {});
  const auto json = statistics.to_json();
  CHECK(json["logistic_regression"]["converged"] == false);
  CHECK(json["logistic_regression"].contains("reason"));
  CHECK(std::isnan(json["variables"][0]["point_biserial_r"].get<double>()));  // no insecure group: null in the file
  CHECK_THROWS_AS(statistics.add(true, {}, {}), std::invalid_argument);
}

TEST_CASE("analysis/security statistics: a parameter that separates the classes is left out of the regression",
          "[analysis]") {
  // Every secure dyad has a frightening rate of 0, as in the normative scenario: the
  // likelihood then rises without bound along that coefficient (quasi-complete
  // separation), so it is named and left out, and the rest is fitted as if it were absent.
  SecurityStatistics statistics({"caregiver.fit", "caregiver.frightening_rate"}, {});
  std::vector<double> fit_values, secure_values;
  for (int i = 0; i < 40; ++i) {
    const bool secure = i % 3 != 0;
    const double fit = 0.5 + 0.01 * ((i * 7) % 13) + (secure ? 0.02 : 0.0);
    const double frightening = secure ? 0.0 : 0.05 * (i % 4);  // insecure dyads: 0 or more
    statistics.add(secure, {fit, frightening}, {});
    fit_values.push_back(fit);
    secure_values.push_back(secure ? 1.0 : 0.0);
  }
  const auto json = statistics.to_json()["logistic_regression"];
  REQUIRE(json["left_out_separating"].size() == 1);
  CHECK(json["left_out_separating"][0] == "caregiver.frightening_rate");
  REQUIRE(json["converged"] == true);
  REQUIRE(json["coefficients"].size() == 1);

  // Reference: the same fit on caregiver.fit alone, standardized by hand.
  double mean = 0.0, ss = 0.0;
  for (double v : fit_values) mean += v;
  mean /= 40.0;
  for (double v : fit_values) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / 39.0);
  Eigen::MatrixXd x(40, 1);
  for (int i = 0; i < 40; ++i) x(i, 0) = (fit_values[i] - mean) / sd;
  const auto reference = logistic_regression(x, Eigen::Map<Eigen::VectorXd>(secure_values.data(), 40));
  CHECK(json["coefficients"][0]["coefficient"].get<double>() == Approx(reference.coefficients[1]).epsilon(1e-9));
  CHECK(json["coefficients"][0]["se"].get<double>() == Approx(reference.standard_errors[1]).epsilon(1e-9));
}
