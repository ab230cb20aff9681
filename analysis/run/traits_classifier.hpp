#pragma once
/// How much of the four-way class the drawn traits decide on their own: a depth-3
/// classification tree fitted to the drawn parameters of the even-numbered assessed dyads
/// and scored, by Cohen's kappa, on the odd-numbered ones. A class that emerges from the
/// history of interaction leaves such a tree little to read; a class restated from a trait
/// gives it a kappa near 1 (issue 13 asks for at most 0.5 in the normative population).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune::analysis {

class TraitsClassifier {
 public:
  /// Keeps the first this-many assessed dyads (about 0.4 MB per drawn parameter), as the
  /// logistic regression of security does.
  static constexpr std::size_t kKeptDyads = 50000;
  /// Splits deep, as the question asks: eight leaves, each of at least 20 dyads.
  static constexpr int kDepth = 3;
  static constexpr std::size_t kMinLeaf = 20;

  TraitsClassifier(std::vector<std::string> traits, int classes, std::size_t kept_dyads = kKeptDyads);

  /// One assessed dyad: its class (0 .. classes - 1) and its drawn traits, in the order named.
  /// Throws std::invalid_argument on a size mismatch.
  void add(int label, const std::vector<double>& traits);

  /// {"method", "n_fitted", "n_scored", "kappa", "kappa_ci95", "agreement", "tree_nodes"};
  /// kappa null with fewer than 2 x 20 dyads on each side or no traits.
  nlohmann::json to_json() const;

 private:
  std::vector<std::string> traits_;
  int classes_;
  std::size_t kept_dyads_;
  std::vector<double> rows_;  ///< row-major traits of the kept dyads
  std::vector<int> labels_;
};

}  // namespace attune::analysis
