// The classification tree against rules it must find, and against labels it cannot predict.
#include "analysis/statistics/decision_tree.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using attune::analysis::DecisionTree;

namespace {

/// A 21 x 21 grid on [0, 1]^2 labelled by two thresholds: x0 > 0.5 -> 1; else x1 > 0.3 -> 2; else 0.
void rule_grid(std::vector<double>& rows, std::vector<int>& labels) {
  for (int i = 0; i <= 20; ++i)
    for (int j = 0; j <= 20; ++j) {
      const double x0 = i / 20.0, x1 = j / 20.0;
      rows.push_back(x0);
      rows.push_back(x1);
      labels.push_back(x0 > 0.5 ? 1 : (x1 > 0.3 ? 2 : 0));
    }
}

}  // namespace

TEST_CASE("analysis/statistics: a depth-2 tree finds two threshold rules exactly", "[analysis][decision_tree]") {
  std::vector<double> rows;
  std::vector<int> labels;
  rule_grid(rows, labels);
  const DecisionTree tree(rows, 2, labels, 3, 2, 1);
  for (std::size_t i = 0; i < labels.size(); ++i) CHECK(tree.predict(&rows[2 * i]) == labels[i]);
  // Between grid points the thresholds sit half way: 0.5 < x0 splits at 0.525, x1 at 0.325.
  const double just_left[] = {0.52, 0.9}, just_right[] = {0.53, 0.1}, low[] = {0.2, 0.32}, high[] = {0.2, 0.33};
  CHECK(tree.predict(just_left) == 2);
  CHECK(tree.predict(just_right) == 1);
  CHECK(tree.predict(low) == 0);
  CHECK(tree.predict(high) == 2);
  CHECK(tree.size() == 5);  // two splits, three leaves
}

TEST_CASE("analysis/statistics: a tree stops at its depth and its smallest leaf", "[analysis][decision_tree]") {
  std::vector<double> rows;
  std::vector<int> labels;
  rule_grid(rows, labels);
  // Depth 0: one leaf with the most frequent label: 1 (x0 > 0.5: 10 x 21 = 210 of 441; label
  // 2 has 11 x 14 = 154, label 0 has 11 x 7 = 77).
  const DecisionTree stump(rows, 2, labels, 3, 0, 1);
  CHECK(stump.size() == 1);
  const double anywhere[] = {0.1, 0.9};
  CHECK(stump.predict(anywhere) == 1);
  // No side may hold fewer than 300 of 441 rows: no split is allowed.
  CHECK(DecisionTree(rows, 2, labels, 3, 3, 300).size() == 1);
  CHECK_THROWS_AS(DecisionTree(rows, 2, std::vector<int>(labels.size(), 3), 3, 2, 1), std::invalid_argument);
  CHECK_THROWS_AS(DecisionTree(rows, 3, labels, 3, 2, 1), std::invalid_argument);
}

TEST_CASE("analysis/statistics: a tree fitted to labels independent of the inputs predicts new cases at chance",
          "[analysis][decision_tree]") {
  // 4 equally likely labels drawn apart from 5 uniform inputs; fitted on 2000 cases, scored on
  // 2000 others. At chance the share right is 1/4, with SE sqrt(0.25 x 0.75 / 2000) = 0.0097;
  // the check allows 4 SE (a depth-3 tree that found structure in noise would still be scored
  // on new cases, where its splits carry none).
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> label(0, 3);
  const auto draw = [&](std::vector<double>& rows, std::vector<int>& labels) {
    for (int i = 0; i < 2000; ++i) {
      for (int f = 0; f < 5; ++f) rows.push_back(uniform(engine));
      labels.push_back(label(engine));
    }
  };
  std::vector<double> fit_rows, score_rows;
  std::vector<int> fit_labels, score_labels;
  draw(fit_rows, fit_labels);
  draw(score_rows, score_labels);
  const DecisionTree tree(fit_rows, 5, fit_labels, 4, 3, 20);
  int right = 0;
  for (std::size_t i = 0; i < score_labels.size(); ++i) right += tree.predict(&score_rows[5 * i]) == score_labels[i];
  CHECK(std::abs(right / 2000.0 - 0.25) < 4 * 0.0097);
}
