#pragma once
/// A randomized comparison's results: each arm against control, and arms.csv.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune {

/// One arm's finished run: its summary.json object and the folder holding its dyads.csv.
struct ArmSummary {
  std::string name;
  nlohmann::json summary;
  std::string folder;
};

/// For each arm but control: the difference from control in each class share and in
/// every metric's mean, dyad by dyad (the arms hold the same dyads: same seeds and ids),
/// with paired 95% intervals and effect sizes (analysis/comparison/arm_pairs.hpp).
nlohmann::json compare_arms(const std::vector<ArmSummary>& arms);

/// The comparison's summary.json: the provenance and run settings (the same in every
/// arm), the total wall time, each arm's classes and treated share, and compare_arms.
nlohmann::json comparison_summary(const std::vector<ArmSummary>& arms, double wall_seconds);

/// arms.csv: `arm`, `treated_share`, then summary_row's columns, one row per arm in scenario order.
void write_arms_csv(const std::string& path, const std::vector<ArmSummary>& arms);

/// The comparison table printed when a run with arms ends.
void print_arm_comparison(std::ostream& out, const nlohmann::json& comparisons);

}  // namespace attune
