#include "analysis/run/traits_classifier.hpp"

#include <cmath>
#include <stdexcept>

#include "analysis/statistics/agreement.hpp"
#include "analysis/statistics/decision_tree.hpp"

namespace attune::analysis {

TraitsClassifier::TraitsClassifier(std::vector<std::string> traits, int classes, std::size_t kept_dyads)
    : traits_(std::move(traits)), classes_(classes), kept_dyads_(kept_dyads) {
  rows_.reserve(kept_dyads_ * traits_.size());
  labels_.reserve(kept_dyads_);
}

void TraitsClassifier::add(int label, const std::vector<double>& traits) {
  if (traits.size() != traits_.size()) throw std::invalid_argument("TraitsClassifier::add: wrong number of traits");
  if (labels_.size() >= kept_dyads_) return;
  rows_.insert(rows_.end(), traits.begin(), traits.end());
  labels_.push_back(label);
}

nlohmann::json TraitsClassifier::to_json() const {
  nlohmann::json json = {{"method", "classification tree (CART, Gini) of depth 3 on the drawn parameters, fitted on the "
                                    "even-numbered assessed dyads, scored on the odd-numbered by Cohen's kappa"},
                         {"traits", traits_}};
  // Fitted on one half and scored on the other, so the tree's own fit to chance does not count.
  std::vector<double> fit_rows, score_rows;
  std::vector<int> fit_labels, score_labels;
  const std::size_t p = traits_.size();
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    auto& rows = i % 2 == 0 ? fit_rows : score_rows;
    rows.insert(rows.end(), rows_.begin() + static_cast<std::ptrdiff_t>(i * p),
                rows_.begin() + static_cast<std::ptrdiff_t>((i + 1) * p));
    (i % 2 == 0 ? fit_labels : score_labels).push_back(labels_[i]);
  }
  json["n_fitted"] = fit_labels.size();
  json["n_scored"] = score_labels.size();
  if (p == 0 || fit_labels.size() < 2 * kMinLeaf || score_labels.size() < 2 * kMinLeaf) {
    json["kappa"] = nullptr;
    return json;
  }
  const DecisionTree tree(fit_rows, p, fit_labels, classes_, kDepth, kMinLeaf);
  std::vector<std::vector<std::uint64_t>> table(static_cast<std::size_t>(classes_),
                                                std::vector<std::uint64_t>(static_cast<std::size_t>(classes_), 0));
  for (std::size_t i = 0; i < score_labels.size(); ++i)
    ++table[static_cast<std::size_t>(score_labels[i])][static_cast<std::size_t>(tree.predict(&score_rows[i * p]))];
  const Agreement agreement = cohens_kappa(table);
  const auto number = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); };
  json["kappa"] = number(agreement.kappa);
  json["kappa_ci95"] = {number(agreement.ci95.lo), number(agreement.ci95.hi)};
  json["agreement"] = number(agreement.observed);
  json["tree_nodes"] = tree.size();
  return json;
}

}  // namespace attune::analysis
