#include "sim/arm_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "analysis/effect_size.hpp"
#include "analysis/mean_difference.hpp"
#include "analysis/proportion.hpp"
#include "sim/atomic_file.hpp"
#include "sim/csv_format.hpp"
#include "sim/summary_row.hpp"

namespace attune {
namespace {

nlohmann::json interval(const analysis::Interval& ci) { return {ci.lo, ci.hi}; }

/// NaN-safe: nlohmann writes NaN as null, which is what a reader should see.
double number(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

nlohmann::json class_differences(const nlohmann::json& arm, const nlohmann::json& control) {
  nlohmann::json out;
  const auto n_arm = arm["n_assessed"].get<std::uint64_t>();
  const auto n_control = control["n_assessed"].get<std::uint64_t>();
  for (const char* label : {"A", "B", "C", "D"}) {
    const auto x_arm = arm[label]["count"].get<std::uint64_t>();
    const auto x_control = control[label]["count"].get<std::uint64_t>();
    const auto difference = analysis::difference_of_proportions(x_arm, n_arm, x_control, n_control);
    out[label] = {{"arm", arm[label]["proportion"]},
                  {"control", control[label]["proportion"]},
                  {"difference", difference.difference},
                  {"ci95", interval(difference.ci95)}};
  }
  return out;
}

nlohmann::json metric_differences(const nlohmann::json& arm, const nlohmann::json& control) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, a] : arm.items()) {
    // A metric no dyad of an arm has (treatment_start_month under control) is not compared.
    if (!control.contains(name) || !a.contains("mean") || !control[name].contains("mean")) continue;
    const auto& c = control[name];
    const auto n_a = a["n"].get<std::uint64_t>(), n_c = c["n"].get<std::uint64_t>();
    const double sd_a = n_a < 2 ? 0.0 : number(a["sd"]), sd_c = n_c < 2 ? 0.0 : number(c["sd"]);
    const auto difference = analysis::difference_of_means(number(a["mean"]), sd_a, n_a, number(c["mean"]), sd_c, n_c);
    const auto d = analysis::cohens_d(number(a["mean"]), sd_a, n_a, number(c["mean"]), sd_c, n_c);
    out[name] = {{"arm", a["mean"]},
                 {"control", c["mean"]},
                 {"difference", difference.difference},
                 {"ci95", interval(difference.ci95)},
                 {"cohens_d", d.d},
                 {"cohens_d_ci95", interval(d.ci95)}};
  }
  return out;
}

}  // namespace

nlohmann::json compare_arms(const std::vector<ArmSummary>& arms) {
  const auto control = std::find_if(arms.begin(), arms.end(), [](const ArmSummary& a) { return a.name == "control"; });
  if (control == arms.end()) throw std::logic_error("compare_arms: no control arm");
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& arm : arms) {
    if (arm.name == "control") continue;
    comparisons.push_back({{"arm", arm.name},
                           {"versus", "control"},
                           {"classification", class_differences(arm.summary["classification"],
                                                                control->summary["classification"])},
                           {"metrics", metric_differences(arm.summary["metrics"], control->summary["metrics"])}});
  }
  return comparisons;
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
  const bool assessed = !comparisons.empty() && std::isfinite(number(comparisons[0]["classification"]["B"]["control"]));
  if (assessed) {
    out << "\nArms against control: difference in class share, percentage points [95% CI]\n";
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
  out << "\nArms against control: means, difference [95% CI], Cohen's d\n";
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
