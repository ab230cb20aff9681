#include "analysis/run/security_statistics.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include <Eigen/Dense>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/logistic_regression.hpp"

namespace attune::analysis {

namespace {

nlohmann::json pair(const Interval& interval) { return {interval.lo, interval.hi}; }

/// Moments of each regressor over the regression sample, overall and by class.
struct SampleColumns {
  std::vector<RunningMoments> all;
  std::vector<RunningMoments> by_class[2];  ///< [0 insecure, 1 secure]
};

SampleColumns sample_columns(const std::vector<double>& rows, const std::vector<double>& security, std::size_t p) {
  SampleColumns columns;
  columns.all.resize(p);
  columns.by_class[0].resize(p);
  columns.by_class[1].resize(p);
  for (std::size_t i = 0; i < security.size(); ++i) {
    for (std::size_t j = 0; j < p; ++j) {
      columns.all[j].add(rows[i * p + j]);
      columns.by_class[security[i] > 0.5 ? 1 : 0][j].add(rows[i * p + j]);
    }
  }
  return columns;
}

/// Which regressors enter the fit (by index), and the names of those left out and why.
struct PredictorScreen {
  std::vector<std::size_t> kept;
  nlohmann::json constant = nlohmann::json::array();
  nlohmann::json separating = nlohmann::json::array();
};

// A parameter constant over the sample carries no information; one whose secure and
// insecure values do not overlap (e.g. every secure dyad had a frightening rate of 0)
// separates the classes, and then the maximum-likelihood estimate does not exist (Albert
// & Anderson 1984): both are left out and named, the second read from its correlation.
PredictorScreen screen_predictors(const SampleColumns& columns, const std::vector<std::string>& names, std::size_t n) {
  PredictorScreen screen;
  for (std::size_t j = 0; j < names.size(); ++j) {
    const auto& secure = columns.by_class[1][j];
    const auto& insecure = columns.by_class[0][j];
    if (!(n >= 2 && columns.all[j].sd() > 0.0 && std::isfinite(columns.all[j].sd())))
      screen.constant.push_back(names[j]);
    else if (secure.count() > 0 && insecure.count() > 0 &&
             (secure.max() <= insecure.min() || insecure.max() <= secure.min()))
      screen.separating.push_back(names[j]);
    else
      screen.kept.push_back(j);
  }
  return screen;
}

/// The kept regressors as z-scores over the sample, so each coefficient is the change in log-odds per SD.
Eigen::MatrixXd standardized_predictors(const std::vector<double>& rows, std::size_t n, std::size_t p,
                                        const std::vector<std::size_t>& kept, const SampleColumns& columns) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(kept.size()));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < kept.size(); ++k)
      x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) =
          (rows[i * p + kept[k]] - columns.all[kept[k]].mean()) / columns.all[kept[k]].sd();
  return x;
}

/// One term of the fit: its coefficient with a Wald interval on the log-odds scale, exponentiated for the odds ratio.
nlohmann::json fitted_term(const LogisticFit& fit, std::size_t index, const std::string& name) {
  const double b = fit.coefficients[index];
  const double se = fit.standard_errors[index];
  return nlohmann::json{{"variable", name},
                        {"coefficient", b},
                        {"se", se},
                        {"ci95", {b - kZ95 * se, b + kZ95 * se}},
                        {"odds_ratio", fit.odds_ratios[index]},
                        {"odds_ratio_ci95", {std::exp(b - kZ95 * se), std::exp(b + kZ95 * se)}}};
}

/// The fitted coefficients of the kept regressors, each with the sample mean and SD it was standardized by.
nlohmann::json fitted_coefficients(const LogisticFit& fit, const std::vector<std::size_t>& kept,
                                   const std::vector<std::string>& names, const SampleColumns& columns) {
  nlohmann::json coefficients = nlohmann::json::array();
  for (std::size_t k = 0; k < kept.size(); ++k) {
    auto row = fitted_term(fit, k + 1, names[kept[k]]);
    row["sample_mean"] = columns.all[kept[k]].mean();
    row["sample_sd"] = columns.all[kept[k]].sd();
    coefficients.push_back(row);
  }
  return coefficients;
}

}  // namespace

SecurityStatistics::SecurityStatistics(std::vector<std::string> regressors, std::vector<std::string> outcomes,
                                       std::size_t regression_rows)
    : regressors_(std::move(regressors)), outcomes_(std::move(outcomes)), regression_rows_(regression_rows) {
  for (auto& group : moments_) group.resize(regressors_.size() + outcomes_.size());
  // Reserved once, so the sample never doubles its buffer; pages are touched only as rows arrive.
  rows_.reserve(regression_rows_ * regressors_.size());
  security_.reserve(regression_rows_);
}

void SecurityStatistics::add(bool secure, const std::vector<double>& regressors, const std::vector<double>& outcomes) {
  if (regressors.size() != regressors_.size() || outcomes.size() != outcomes_.size())
    throw std::invalid_argument("SecurityStatistics::add: wrong number of values");
  ++assessed_;
  auto& group = moments_[secure ? 1 : 0];
  for (std::size_t j = 0; j < regressors.size(); ++j)
    if (!std::isnan(regressors[j])) group[j].add(regressors[j]);
  for (std::size_t j = 0; j < outcomes.size(); ++j)
    if (!std::isnan(outcomes[j])) group[regressors.size() + j].add(outcomes[j]);
  if (security_.size() < regression_rows_) {
    rows_.insert(rows_.end(), regressors.begin(), regressors.end());
    security_.push_back(secure ? 1.0 : 0.0);
  }
}

nlohmann::json SecurityStatistics::to_json() const {
  nlohmann::json variables = nlohmann::json::array();
  for (std::size_t j = 0; j < regressors_.size() + outcomes_.size(); ++j) {
    const auto& secure = moments_[1][j];
    const auto& insecure = moments_[0][j];
    const double r = point_biserial(secure, insecure);
    const auto d = cohens_d(secure, insecure);
    variables.push_back({{"variable", j < regressors_.size() ? regressors_[j] : outcomes_[j - regressors_.size()]},
                         {"drawn_parameter", j < regressors_.size()},
                         {"n_secure", secure.count()},
                         {"n_insecure", insecure.count()},
                         {"mean_secure", secure.mean()},
                         {"mean_insecure", insecure.mean()},
                         {"point_biserial_r", r},
                         {"point_biserial_ci95", pair(correlation_ci95(r, secure.count() + insecure.count()))},
                         {"cohens_d", d.d},
                         {"cohens_d_ci95", pair(d.ci95)}});
  }
  return {{"outcome", "secure (classification B) = 1, insecure (A, C, D) = 0; assessed dyads only"},
          {"n_assessed", assessed_},
          {"variables", variables},
          {"logistic_regression", regression_json()}};
}

nlohmann::json SecurityStatistics::regression_json() const {
  const std::size_t n = security_.size();
  const std::size_t p = regressors_.size();
  nlohmann::json out = {{"sample", "the first " + std::to_string(regression_rows_) + " assessed dyads by id"},
                        {"n", n},
                        {"predictors", "drawn parameters, each standardized (z-score) over the sample"}};
  double secure_count = 0.0;
  for (double y : security_) secure_count += y;
  out["n_secure"] = static_cast<std::uint64_t>(secure_count);

  const SampleColumns columns = sample_columns(rows_, security_, p);
  const PredictorScreen screen = screen_predictors(columns, regressors_, n);
  out["left_out_constant"] = screen.constant;
  out["left_out_separating"] = screen.separating;
  if (n <= screen.kept.size() + 1 || secure_count == 0.0 || secure_count == static_cast<double>(n)) {
    out["converged"] = false;
    out["reason"] = "too few dyads, or all of one class";
    return out;
  }
  const Eigen::MatrixXd x = standardized_predictors(rows_, n, p, screen.kept, columns);
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(security_.data(), static_cast<Eigen::Index>(n));
  const auto fit = logistic_regression(x, y);
  out["converged"] = fit.converged;
  out["iterations"] = fit.iterations;
  out["intercept"] = fitted_term(fit, 0, "intercept");
  out["coefficients"] = fitted_coefficients(fit, screen.kept, regressors_, columns);
  return out;
}

}  // namespace attune::analysis
