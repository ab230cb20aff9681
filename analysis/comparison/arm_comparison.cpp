#include "analysis/comparison/arm_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "analysis/comparison/arm_pairs.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/compression.hpp"
#include "sim/io/csv_format.hpp"
#include "analysis/comparison/summary_row.hpp"

namespace attune {
namespace {

/// NaN-safe: nlohmann writes NaN as null, which is what a reader should see.
double number(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

/// Each class share and metric mean of the arm and of control from their summaries, with
/// the dyad-by-dyad differences, intervals and effect sizes from their dyads.csv files.
nlohmann::json compare_with_control(const ArmSummary& arm, const ArmSummary& control) {
  std::vector<std::string> metric_names;
  for (const auto& [name, m] : control.summary["metrics"].items())
    if (m.contains("mean")) metric_names.push_back(name);
  auto paired = paired_comparison(written_table(arm.folder, "dyads.csv").string(),
                                  written_table(control.folder, "dyads.csv").string(), metric_names);
  const auto& arm_classes = arm.summary["classification"];
  const auto& control_classes = control.summary["classification"];
  nlohmann::json classes = nlohmann::json::object();
  for (auto& [label, difference] : paired["classification"].items()) {
    difference["arm"] = arm_classes.at(label).at("proportion");
    difference["control"] = control_classes.at(label).at("proportion");
    classes[label] = difference;
  }
  nlohmann::json metrics = nlohmann::json::object();
  for (auto& [name, difference] : paired["metrics"].items()) {
    // A metric no dyad of an arm has (treatment_start_month under control) has no pairs.
    difference["arm"] = arm.summary.at("metrics").at(name).at("mean");
    difference["control"] = control.summary.at("metrics").at(name).at("mean");
    metrics[name] = difference;
  }
  return {{"arm", arm.name}, {"versus", "control"}, {"classification", classes}, {"metrics", metrics}};
}

}  // namespace

nlohmann::json compare_arms(const std::vector<ArmSummary>& arms) {
  const auto control = std::find_if(arms.begin(), arms.end(), [](const ArmSummary& a) { return a.name == "control"; });
  if (control == arms.end()) throw std::logic_error("compare_arms: no control arm");
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& arm : arms) {
    if (arm.name == "control") continue;
    comparisons.push_back(compare_with_control(arm, *control));
  }
  return comparisons;
}

nlohmann::json comparison_summary(const std::vector<ArmSummary>& arms, double wall_seconds) {
  // Provenance and run settings are the same in every arm; take them from the first.
  nlohmann::json summary;
  for (const char* key : {"n_dyads", "seed", "attune_version", "git_revision", "scenario", "scenario_file",
                          "scenario_sha256", "command_line", "overrides", "threads", "span_days", "bouts_per_day", "bout_seconds"})
    summary[key] = arms.front().summary[key];
  summary["wall_seconds"] = wall_seconds;
  summary["design"] =
      "randomized comparison: every arm holds the same dyads (same seeds and ids); an arm's interventions "
      "change its dyads' parameters from their start on; shares and means are intention to treat";
  for (const auto& arm : arms) {
    summary["arms"][arm.name] = {{"classification", arm.summary["classification"]},
                                 {"treated_share", arm.summary["treatment"]["treated"]["mean"]},
                                 {"folder", "arms/" + arm.name}};
  }
  summary["comparisons"] = compare_arms(arms);
  return summary;
}

void write_arms_csv(const std::string& path, const std::vector<ArmSummary>& arms) {
  AtomicFile file(path);
  auto& out = file.stream();
  out << "arm,treated_share";
  write_row_names(out, summary_row(arms.front().summary));
  out << '\n';
  for (const auto& arm : arms) {
    out << arm.name << ',';
    write_csv_number(out, arm.summary["treatment"]["treated"]["mean"].get<double>());
    write_row_values(out, summary_row(arm.summary));
    out << '\n';
  }
  file.commit();
}

void print_arm_comparison(std::ostream& out, const nlohmann::json& comparisons) {
  char line[256];
  const bool assessed = !comparisons.empty() && comparisons[0]["classification"].contains("B");
  if (assessed) {
    out << "\nArms against control, dyad by dyad: difference in class share, percentage points [paired 95% CI]\n";
    std::snprintf(line, sizeof line, "%-28s %-23s %-23s %-23s %-23s\n", "arm", "A", "B", "C", "D");
    out << line;
    for (const auto& comparison : comparisons) {
      std::string row;
      for (const char* label : {"A", "B", "C", "D"}) {
        const auto& c = comparison["classification"][label];
        char cell[64];
        std::snprintf(cell, sizeof cell, "%+5.1f [%+5.1f, %+5.1f]   ", 100 * number(c["difference"]),
                      100 * number(c["ci95"][0]), 100 * number(c["ci95"][1]));
        row += cell;
      }
      std::snprintf(line, sizeof line, "%-28s %s\n", comparison["arm"].get<std::string>().c_str(), row.c_str());
      out << line;
    }
  }
  out << "\nArms against control, dyad by dyad: means, difference [paired 95% CI], d_av\n";
  for (const auto& comparison : comparisons) {
    out << comparison["arm"].get<std::string>() << '\n';
    for (const char* name : {"matched_share", "repaired_share", "mean_arousal", "high_arousal_share",
                             "iwm_availability", "iwm_efficacy", "mean_caregiver_stress"}) {
      if (!comparison["metrics"].contains(name)) continue;
      const auto& m = comparison["metrics"][name];
      std::snprintf(line, sizeof line, "  %-24s control %8.4g  arm %8.4g  %+9.4g [%+9.4g, %+9.4g]  d %+6.2f\n", name,
                    number(m["control"]), number(m["arm"]), number(m["difference"]), number(m["ci95"][0]),
                    number(m["ci95"][1]), number(m["cohens_d"]));
      out << line;
    }
  }
}

}  // namespace attune
