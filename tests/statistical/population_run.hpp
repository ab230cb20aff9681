#pragma once
// Helpers for statistical tests: run a scenario's population in-process and tally
// the observed classes.
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/statistics/moments.hpp"
#include "models/interaction_metrics.hpp"
#include "models/parameter_table.hpp"
#include "sim/run/driver.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune::testing {

struct ClassTally {
  std::uint64_t n = 0;
  std::array<std::uint64_t, 4> counts{};  // A, B, C, D
  analysis::RunningMoments matched_share;
  std::vector<char> classes;  ///< each assessed dyad's class, in dyad-id order (for paired comparisons)
  double share(char c) const { return double(counts[c - 'A']) / double(n); }
};

inline Scenario shipped_scenario(const std::string& name) {
  return load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/" + name);
}

/// Replaces the scenario's draw of group.name by a fixed value, dropping its
/// correlations (a constant correlates with nothing); the rest is unchanged.
inline Scenario with_fixed(Scenario scenario, const char* group, const char* name, double value) {
  const std::size_t index = *find_parameter(group, name);
  std::erase_if(scenario.correlations, [&](const Correlation& c) { return c.a == index || c.b == index; });
  Distribution fixed;
  fixed.kind = DistributionKind::fixed;
  fixed.value = value;
  for (auto& draw : scenario.population)
    if (draw.parameter == index) {
      draw.distribution = fixed;
      return scenario;
    }
  scenario.population.push_back(ParameterDraw{index, fixed});
  return scenario;
}

inline ClassTally run_and_tally(const Scenario& scenario, std::uint64_t dyads, std::uint64_t seed) {
  RunOptions options;
  options.dyads = dyads;
  options.seed = seed;
  ClassTally tally;
  run_dyads(scenario, options, [&](const DyadRecord& r) {
    if (r.strange_situations == 0) return;
    ++tally.n;
    ++tally.counts[char(r.strange_situation[0].coding.classification) - 'A'];
    tally.classes.push_back(char(r.strange_situation[0].coding.classification));
    tally.matched_share.add(interaction_metrics(r.interaction).matched_share);
  });
  return tally;
}

/// The same dyads under two conditions (same seed and ids): how many are in a class only
/// after the change and only before it, the discordant pairs of McNemar's test.
struct PairedShift {
  double gained = 0, lost = 0, n = 0;
  double before = 0, after = 0;  ///< the class's share before and after
  /// The paired difference of shares, after minus before.
  double difference() const { return (gained - lost) / n; }
  /// Its variance, (b + c - (b - c)^2 / n) / n^2.
  double variance() const { return (gained + lost - (gained - lost) * (gained - lost) / n) / (n * n); }
  /// McNemar's z = (b - c) / sqrt(b + c), standard normal under no change.
  double mcnemar_z() const { return (gained - lost) / std::sqrt(gained + lost); }
};

inline PairedShift paired_shift(const std::vector<char>& before, const std::vector<char>& after, char cls) {
  PairedShift shift;
  shift.n = double(before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    shift.gained += after[i] == cls && before[i] != cls;
    shift.lost += before[i] == cls && after[i] != cls;
    shift.before += (before[i] == cls) / shift.n;
    shift.after += (after[i] == cls) / shift.n;
  }
  return shift;
}

/// Each dyad's first Strange Situation class in dyad-id order ('\0' where none was run).
inline std::vector<char> classes_of(const Scenario& scenario, std::uint64_t dyads, std::uint64_t seed) {
  RunOptions options;
  options.dyads = dyads;
  options.seed = seed;
  std::vector<char> classes;
  run_dyads(scenario, options, [&](const DyadRecord& r) {
    classes.push_back(r.strange_situations ? char(r.strange_situation[0].coding.classification) : '\0');
  });
  return classes;
}

}  // namespace attune::testing
