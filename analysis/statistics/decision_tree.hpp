#pragma once
/// A classification tree (Breiman, Friedman, Olshen & Stone 1984, CART): each node splits on
/// the feature and threshold that most lower the Gini impurity of its two sides, down to a
/// given depth. Used to ask how much of an outcome a few inputs decide on their own.
#include <cstddef>
#include <vector>

namespace attune::analysis {

class DecisionTree {
 public:
  /// Fits `labels` (each in [0, classes)) from `rows` (row-major, `features` values a row) to
  /// at most `depth` levels of splits, each side of a split keeping at least `min_leaf` rows.
  /// A leaf predicts its most frequent label (ties to the lower). Throws
  /// std::invalid_argument on sizes that do not fit or a label out of range.
  DecisionTree(const std::vector<double>& rows, std::size_t features, const std::vector<int>& labels, int classes,
               int depth, std::size_t min_leaf);

  /// The label predicted for one row of `features` values.
  int predict(const double* row) const;

  /// Nodes in the tree (leaves included): 1 when no split lowered the impurity.
  std::size_t size() const { return nodes_.size(); }

 private:
  struct Node {
    int feature = -1;  ///< -1 for a leaf
    double threshold = 0;  ///< rows with value <= threshold go left
    int left = -1, right = -1;
    int label = 0;
  };
  struct Sample;  ///< the rows being fitted, seen only while the tree grows
  int grow(const Sample& sample, const std::vector<std::size_t>& members, int depth);

  std::vector<Node> nodes_;
};

}  // namespace attune::analysis
