#pragma once
// Helpers for statistical tests: run a scenario's population in-process and tally
// the observed classes.
#include <array>
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
