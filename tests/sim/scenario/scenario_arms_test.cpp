// The `arms:` section: a randomized comparison against control, strictly checked.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/process_support.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

std::vector<ScenarioIssue> issues_of(const TempFolder& folder, const std::string& text) {
  const auto path = folder / "scenario.yaml";
  std::ofstream(path, std::ios::binary) << text;
  return validate_scenario(path.string());
}

std::string all_of(const std::vector<ScenarioIssue>& issues) {
  std::string text;
  for (const auto& issue : issues) text += issue.to_string() + "\n";
  return text;
}

}  // namespace

TEST_CASE("sim/scenario_arms: arms and interventions load as written") {
  TempFolder folder("attune_arms", "load");
  const auto path = folder / "scenario.yaml";
  std::ofstream(path, std::ios::binary) << kScenarioHead << R"(arms:
  - name: control
  - name: visits
    interventions:
      - name: video_feedback
        from_age_months: 6
        uptake: 0.8
        changes:
          caregiver.detection: {add: 0.1}
          caregiver.repair: {set: 0.7}
      - name: service
        when_stress_above: 0.5
        for_days: 14
        changes:
          caregiver.stress_recovery: {scale: 2}
)";
  const Scenario s = load_scenario(path.string());
  REQUIRE(s.arms.size() == 2);
  CHECK(s.arms[0].name == "control");
  CHECK(s.arms[0].plan.count == 0);
  const auto& plan = s.arms[1].plan;
  REQUIRE(plan.count == 2);
  CHECK(s.arms[1].intervention_names == std::vector<std::string>{"video_feedback", "service"});
  CHECK(plan.intervention[0].from_day == assessment_day(6));
  CHECK(plan.intervention[0].uptake == 0.8);
  REQUIRE(plan.intervention[0].changes == 2);
  CHECK(plan.intervention[0].change[0].parameter == *find_parameter("caregiver", "detection"));
  CHECK(plan.intervention[0].change[0].kind == ChangeKind::add);
  CHECK(plan.intervention[0].change[1].kind == ChangeKind::set);
  CHECK(plan.intervention[1].from_day == 0);
  CHECK(plan.intervention[1].uptake == 1.0);
  CHECK(plan.intervention[1].for_days == 14);
  CHECK(plan.intervention[1].stress_above == 0.5);

  // The resolved scenario reads back to the same arms.
  const auto resolved = folder / "resolved.yaml";
  std::ofstream(resolved, std::ios::binary) << resolved_scenario_yaml(s);
  const Scenario again = load_scenario(resolved.string());
  REQUIRE(again.arms.size() == 2);
  CHECK(again.arms[1].intervention_names == s.arms[1].intervention_names);
  for (int i = 0; i < 2; ++i) {
    const auto& a = again.arms[1].plan.intervention[i];
    const auto& b = plan.intervention[i];
    CHECK(a.from_day == b.from_day);
    CHECK(a.uptake == b.uptake);
    CHECK(a.for_days == b.for_days);
    CHECK(a.stress_above == b.stress_above);
    REQUIRE(a.changes == b.changes);
    for (int c = 0; c < a.changes; ++c) {
      CHECK(a.change[c].parameter == b.change[c].parameter);
      CHECK(a.change[c].kind == b.change[c].kind);
      CHECK(a.change[c].amount == b.change[c].amount);
    }
  }
}

TEST_CASE("sim/scenario_arms: every mistake is reported with its line and key") {
  TempFolder folder("attune_arms", "errors");
  const auto issues = issues_of(folder, kScenarioHead + R"(arms:
  - name: treated
    interventions:
      - name: visits
        from_age_months: 14
        uptake: 1.5
        when_stress_above: 0.5
        changes:
          caregiver.detecton: {add: 0.1}
          caregiver.repair: {set: 2}
          caregiver.fit: {scale: -1}
          caregiver.reading: {add: 0.1, set: 0.2}
  - name: treated
    colour: red
)");
  INFO(all_of(issues));
  const auto has = [&](int line, const std::string& key, const std::string& words) {
    for (const auto& issue : issues)
      if (issue.line == line && issue.key == key && issue.message.find(words) != std::string::npos) return true;
    return false;
  };
  CHECK(has(9, "arms[0].interventions[0].from_age_months", "outside the span"));
  CHECK(has(10, "arms[0].interventions[0].uptake", "[0, 1]"));
  CHECK(has(11, "arms[0].interventions[0].when_stress_above", "give both or neither"));
  CHECK(has(13, "arms[0].interventions[0].changes.caregiver.detecton", "did you mean"));
  CHECK(has(14, "arms[0].interventions[0].changes.caregiver.repair.set", "outside the valid range [0, 1]"));
  CHECK(has(15, "arms[0].interventions[0].changes.caregiver.fit.scale", "must not be negative"));
  CHECK(has(16, "arms[0].interventions[0].changes.caregiver.reading", "exactly one of set, add or scale"));
  CHECK(has(17, "arms[1]", "named twice"));
  CHECK(has(18, "arms[1].colour", "unknown key"));
  CHECK(has(6, "arms", "'control'"));  // yaml-cpp marks the sequence at its first item
}

TEST_CASE("sim/scenario_arms: control takes no interventions, and a comparison needs two arms") {
  TempFolder folder("attune_arms", "control");
  const auto treated_control = issues_of(folder, kScenarioHead + R"(arms:
  - name: control
    interventions:
      - {name: x, changes: {caregiver.detection: {add: 0.1}}}
  - name: other
)");
  INFO(all_of(treated_control));
  REQUIRE(treated_control.size() == 1);
  CHECK(treated_control[0].message.find("untreated") != std::string::npos);

  const auto one_arm = issues_of(folder, kScenarioHead + "arms:\n  - name: control\n");
  REQUIRE(one_arm.size() == 1);
  CHECK(one_arm[0].message.find("between 2 and") != std::string::npos);

  const auto bad_name = issues_of(folder, kScenarioHead + "arms:\n  - name: control\n  - name: \"a b/c\"\n");
  REQUIRE(bad_name.size() == 1);
  CHECK(bad_name[0].key == "arms[1].name");
}
