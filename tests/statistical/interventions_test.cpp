// The shipped comparisons give their published direction. Every arm holds the same
// dyads, so arms are compared dyad by dyad: McNemar's z = (b - c) / sqrt(b + c) over the
// discordant pairs for a class share, and the mean paired difference over its standard
// error for a mean. Both are standard normal under no effect; each check asks for more
// than 3 (one-sided p < 0.0014), at a fixed seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analysis/statistics/moments.hpp"
#include "models/interaction_metrics.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

/// What the checks need of each dyad of one arm, in dyad-id order.
struct ArmDyads {
  std::vector<char> classification;
  std::vector<double> availability, stress, arousal, matched_share;
};

std::map<std::string, ArmDyads> run_arms_in_process(const Scenario& scenario, std::uint64_t dyads, std::uint64_t seed) {
  std::map<std::string, ArmDyads> arms;
  for (const Arm& arm : scenario.arms) {
    RunOptions options;
    options.dyads = dyads;
    options.seed = seed;
    options.arm = &arm;
    ArmDyads& out = arms[arm.name];
    run_dyads(scenario, options, [&](const DyadRecord& r) {
      out.classification.push_back(r.strange_situations ? char(r.strange_situation[0].coding.classification) : '\0');
      out.availability.push_back(r.iwm_final.availability());
      out.stress.push_back(r.mean_caregiver_stress);
      const auto metrics = interaction_metrics(r.interaction);
      out.arousal.push_back(metrics.mean_arousal);
      out.matched_share.push_back(metrics.matched_share);
    });
  }
  return arms;
}

/// McNemar's z for "treated is B more often than control", over the same dyads.
double mcnemar_z_for_secure(const ArmDyads& treated, const ArmDyads& control) {
  double gained = 0, lost = 0;
  for (std::size_t i = 0; i < control.classification.size(); ++i) {
    gained += treated.classification[i] == 'B' && control.classification[i] != 'B';
    lost += treated.classification[i] != 'B' && control.classification[i] == 'B';
  }
  INFO("became B " << gained << ", stopped being B " << lost);
  REQUIRE(gained + lost > 0);
  return (gained - lost) / std::sqrt(gained + lost);
}

/// The mean paired difference a - b over its standard error.
double paired_z(const std::vector<double>& a, const std::vector<double>& b) {
  analysis::RunningMoments differences;
  for (std::size_t i = 0; i < a.size(); ++i) differences.add(a[i] - b[i]);
  return differences.mean() / (differences.sd() / std::sqrt(double(differences.count())));
}

}  // namespace

TEST_CASE("statistical/interventions: home visiting raises security and availability, and services lower stress") {
  const auto arms = run_arms_in_process(shipped_scenario("intervention_home_visiting.yaml"), 1600, 4242);
  const auto& control = arms.at("control");
  for (const char* name : {"home_visiting", "home_visiting_and_services"}) {
    INFO(name);
    CHECK(mcnemar_z_for_secure(arms.at(name), control) > 3.0);
    CHECK(paired_z(arms.at(name).availability, control.availability) > 3.0);
  }
  // The stress-triggered service works on the caregiver's stress; visits alone do not.
  CHECK(paired_z(arms.at("home_visiting").stress, arms.at("home_visiting_and_services").stress) > 3.0);
}

TEST_CASE("statistical/interventions: replayed responses leave the infant more aroused and less often matched") {
  const auto arms = run_arms_in_process(shipped_scenario("contingency_replay.yaml"), 200, 4243);
  const auto& live = arms.at("control");
  const auto& replay = arms.at("replay");
  CHECK(paired_z(replay.arousal, live.arousal) > 3.0);
  CHECK(paired_z(live.matched_share, replay.matched_share) > 3.0);
  CHECK(paired_z(live.availability, replay.availability) > 3.0);
}
