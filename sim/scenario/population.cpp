#include "sim/scenario/population.hpp"

#include <algorithm>
#include <stdexcept>

#include <Eigen/Cholesky>

#include "models/parameter_table.hpp"
#include "sim/random/random_variates.hpp"

namespace attune {

PopulationSampler::PopulationSampler(const Scenario& scenario) : defaults_(default_parameters()) {
  for (const auto& draw : scenario.population)
    (draw.distribution.kind == DistributionKind::fixed ? fixed_ : random_).push_back(draw);
  // Table order fixes which standard normal feeds which parameter, whatever the file's order.
  const auto by_parameter = [](const ParameterDraw& x, const ParameterDraw& y) { return x.parameter < y.parameter; };
  std::sort(random_.begin(), random_.end(), by_parameter);

  const auto position = [&](std::size_t parameter) {
    const auto it = std::find_if(random_.begin(), random_.end(), [&](const ParameterDraw& d) { return d.parameter == parameter; });
    if (it == random_.end())
      throw std::invalid_argument("correlation names " + parameter_table().at(parameter).qualified() + ", which is not drawn");
    return static_cast<std::size_t>(it - random_.begin());
  };
  for (const auto& c : scenario.correlations)
    for (std::size_t p : {position(c.a), position(c.b)})
      if (std::find(correlated_.begin(), correlated_.end(), p) == correlated_.end()) correlated_.push_back(p);
  std::sort(correlated_.begin(), correlated_.end());

  const auto index = [&](std::size_t parameter) {
    return std::find(correlated_.begin(), correlated_.end(), position(parameter)) - correlated_.begin();
  };
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(correlated_.size(), correlated_.size());
  for (const auto& c : scenario.correlations) matrix(index(c.a), index(c.b)) = matrix(index(c.b), index(c.a)) = c.rho;
  const Eigen::LLT<Eigen::MatrixXd> llt(matrix);
  if (llt.info() != Eigen::Success) throw std::invalid_argument("the correlation matrix is not positive definite");
  cholesky_ = llt.matrixL();
}

std::vector<double> PopulationSampler::normals(Rng& rng) const {
  std::vector<double> z(random_.size());
  for (double& x : z) x = standard_normal(rng);
  if (!correlated_.empty()) {
    Eigen::VectorXd independent(correlated_.size());
    for (std::size_t k = 0; k < correlated_.size(); ++k) independent[k] = z[correlated_[k]];
    const Eigen::VectorXd correlated = cholesky_.triangularView<Eigen::Lower>() * independent;
    for (std::size_t k = 0; k < correlated_.size(); ++k) z[correlated_[k]] = correlated[k];
  }
  return z;
}

Parameters PopulationSampler::map(const std::vector<double>& z) const {
  Parameters parameters = defaults_;
  const auto& table = parameter_table();
  for (const auto& d : fixed_) parameter_value(parameters, table[d.parameter]) = d.distribution.value;
  for (std::size_t k = 0; k < random_.size(); ++k) {
    const ParameterInfo& info = table[random_[k].parameter];
    try {
      parameter_value(parameters, info) = quantile(random_[k].distribution, standard_normal_cdf(z[k]));
    } catch (const std::exception& e) {
      // A numeric library's message names its own function, not the scenario's key.
      throw std::runtime_error("drawing population." + info.qualified() + " from its " +
                               std::string(kind_name(random_[k].distribution.kind)) +
                               " distribution at z = " + std::to_string(z[k]) + ": " + e.what());
    }
  }
  return parameters;
}

}  // namespace attune
