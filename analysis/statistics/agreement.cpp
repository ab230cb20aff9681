#include "analysis/statistics/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attune::analysis {

Agreement cohens_kappa(const std::vector<std::vector<std::uint64_t>>& table) {
  const std::size_t k = table.size();
  std::uint64_t n = 0;
  for (const auto& row : table) {
    if (row.size() != k) throw std::invalid_argument("cohens_kappa: the table must be square");
    for (auto count : row) n += count;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Agreement a{n, nan, nan, nan, nan, {nan, nan}};
  if (n == 0) return a;
  const auto p = [&](std::size_t i, std::size_t j) { return double(table[i][j]) / double(n); };
  std::vector<double> row(k, 0.0), column(k, 0.0);
  double observed = 0.0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      row[i] += p(i, j);
      column[j] += p(i, j);
      if (i == j) observed += p(i, j);
    }
  double chance = 0.0;
  for (std::size_t i = 0; i < k; ++i) chance += row[i] * column[i];
  a.observed = observed;
  a.chance = chance;
  if (chance >= 1.0) return a;
  const double kappa = (observed - chance) / (1.0 - chance);
  // The large-sample variance of kappa when agreement is not null (Fleiss, Cohen &
  // Everitt 1969; Fleiss, Levin & Paik 2003, ch. 18):
  //   [sum_i p_ii (1 - (p_i. + p_.i)(1 - k))^2 + (1 - k)^2 sum_{i!=j} p_ij (p_.i + p_j.)^2
  //    - (k - p_e (1 - k))^2] / (n (1 - p_e)^2)
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      if (i == j) {
        sum += p(i, i) * std::pow(1.0 - (row[i] + column[i]) * (1.0 - kappa), 2);
      } else {
        sum += std::pow(1.0 - kappa, 2) * p(i, j) * std::pow(column[i] + row[j], 2);
      }
    }
  sum -= std::pow(kappa - chance * (1.0 - kappa), 2);
  a.kappa = kappa;
  a.se = std::sqrt(std::max(0.0, sum) / (double(n) * std::pow(1.0 - chance, 2)));
  a.ci95 = {kappa - kZ95 * a.se, kappa + kZ95 * a.se};
  return a;
}

}  // namespace attune::analysis
