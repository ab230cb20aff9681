#include "analysis/statistics/decision_tree.hpp"

#include <algorithm>
#include <stdexcept>

namespace attune::analysis {
namespace {

/// Gini impurity times the count: n - sum_k n_k^2 / n (0 for an empty side).
double weighted_gini(const std::vector<std::size_t>& counts, std::size_t n) {
  if (n == 0) return 0;
  double squares = 0;
  for (std::size_t count : counts) squares += static_cast<double>(count) * static_cast<double>(count);
  return static_cast<double>(n) - squares / static_cast<double>(n);
}

}  // namespace

struct DecisionTree::Sample {
  const std::vector<double>& rows;
  std::size_t features;
  const std::vector<int>& labels;
  int classes;
  std::size_t min_leaf;
};

DecisionTree::DecisionTree(const std::vector<double>& rows, std::size_t features, const std::vector<int>& labels,
                           int classes, int depth, std::size_t min_leaf) {
  if (features == 0 || classes < 1 || rows.size() != labels.size() * features)
    throw std::invalid_argument("DecisionTree: rows, features and labels do not fit");
  for (int label : labels)
    if (label < 0 || label >= classes) throw std::invalid_argument("DecisionTree: a label outside [0, classes)");
  std::vector<std::size_t> members(labels.size());
  for (std::size_t i = 0; i < members.size(); ++i) members[i] = i;
  grow(Sample{rows, features, labels, classes, std::max<std::size_t>(min_leaf, 1)}, members, depth);
}

int DecisionTree::grow(const Sample& sample, const std::vector<std::size_t>& members, int depth) {
  const auto& rows = sample.rows;
  const auto& labels = sample.labels;
  const std::size_t features = sample.features, min_leaf = sample.min_leaf;
  const int index = static_cast<int>(nodes_.size());
  nodes_.emplace_back();
  std::vector<std::size_t> counts(static_cast<std::size_t>(sample.classes), 0);
  for (std::size_t i : members) ++counts[static_cast<std::size_t>(labels[i])];
  nodes_[index].label = static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  if (depth <= 0 || members.size() < 2 * min_leaf) return index;

  // The best split: every feature, every threshold between two distinct sorted values.
  const double before = weighted_gini(counts, members.size());
  double best = before;
  int best_feature = -1;
  double best_threshold = 0;
  std::vector<std::size_t> order = members;
  for (std::size_t f = 0; f < features; ++f) {
    const auto value = [&](std::size_t i) { return rows[i * features + f]; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
    std::vector<std::size_t> left(counts.size(), 0), right = counts;
    for (std::size_t k = 0; k + 1 < order.size(); ++k) {
      const auto label = static_cast<std::size_t>(labels[order[k]]);
      ++left[label];
      --right[label];
      const std::size_t n_left = k + 1, n_right = order.size() - n_left;
      if (value(order[k]) == value(order[k + 1]) || n_left < min_leaf || n_right < min_leaf) continue;
      const double impurity = weighted_gini(left, n_left) + weighted_gini(right, n_right);
      // Strictly better only: ties keep the first feature and the lowest threshold found.
      if (impurity < best - 1e-12 * before) {
        best = impurity;
        best_feature = static_cast<int>(f);
        best_threshold = (value(order[k]) + value(order[k + 1])) / 2;
      }
    }
  }
  if (best_feature < 0) return index;
  std::vector<std::size_t> left_members, right_members;
  for (std::size_t i : members)
    (rows[i * features + static_cast<std::size_t>(best_feature)] <= best_threshold ? left_members : right_members).push_back(i);
  nodes_[index].feature = best_feature;
  nodes_[index].threshold = best_threshold;
  const int left = grow(sample, left_members, depth - 1);
  const int right = grow(sample, right_members, depth - 1);
  nodes_[index].left = left;
  nodes_[index].right = right;
  return index;
}

int DecisionTree::predict(const double* row) const {
  int node = 0;
  while (nodes_[node].feature >= 0)
    node = row[nodes_[node].feature] <= nodes_[node].threshold ? nodes_[node].left : nodes_[node].right;
  return nodes_[node].label;
}

}  // namespace attune::analysis
