// The `assessments: sensitivity_observation:` entry of a scenario (sim/scenario/scenario_observation.hpp).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sim/run/driver.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;

using attune::testing::kScenarioHead;

namespace {

/// Writes `text` to a new file in a fresh folder and returns its path.
std::string observation_scenario(const std::string& text) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("attune_observation_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder);
  const auto path = folder / "scenario.yaml";
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

const std::string kObservationHead = kScenarioHead + "assessments:\n  sensitivity_observation:\n";

}  // namespace

TEST_CASE("sim/scenario: the sensitivity observation loads, resolves back and reaches the life plan") {
  const Scenario s = load_scenario(observation_scenario(kObservationHead + "    ages_months: [6, 9]\n"));
  REQUIRE(s.sensitivity_observation.scheduled());
  CHECK(s.sensitivity_observation.ages_months == std::vector<double>{6, 9});
  CHECK(s.sensitivity_observation.minutes == 15);
  const Scenario resolved = load_scenario(observation_scenario(resolved_scenario_yaml(s)));
  CHECK(resolved.sensitivity_observation == s.sensitivity_observation);
  const LifePlan plan = life_plan(s);
  CHECK(plan.sensitivity_observation.count == 2);
  CHECK(plan.sensitivity_observation.days[0] == assessment_day(6));
  CHECK(plan.sensitivity_observation.days[1] == assessment_day(9));
  CHECK(plan.sensitivity_observation.seconds == 15 * 60);
  // Not named, not run; an empty list (a child scenario's way to drop its base's) neither.
  CHECK_FALSE(load_scenario(observation_scenario(kScenarioHead)).sensitivity_observation.scheduled());
  CHECK(life_plan(load_scenario(observation_scenario(kScenarioHead))).sensitivity_observation.count == 0);
  CHECK_FALSE(load_scenario(observation_scenario(kObservationHead + "    ages_months: []\n"))
                  .sensitivity_observation.scheduled());
  const Scenario longer =
      load_scenario(observation_scenario(kObservationHead + "    ages_months: [3]\n    minutes: 60\n"));
  CHECK(longer.sensitivity_observation.minutes == 60);
}

TEST_CASE(
    "sim/scenario: the shipped scenarios observe sensitivity at 6 and 9 months only where they say so") {
  const std::string folder = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/";
  const auto normative = load_scenario(folder + "normative.yaml").sensitivity_observation;
  CHECK(normative.ages_months == std::vector<double>{6, 9});
  CHECK(normative.minutes == 15);
  // Their spans end before 9 months: they drop normative.yaml's observations.
  CHECK_FALSE(load_scenario(folder + "still_face.yaml").sensitivity_observation.scheduled());
  CHECK_FALSE(load_scenario(folder + "contingency_replay.yaml").sensitivity_observation.scheduled());
}

TEST_CASE("sim/scenario: sensitivity observation errors name the file, line and key") {
  const auto check = [](const std::string& block, int line, const std::string& key, const std::string& text,
                        const std::string& head = kObservationHead) {
    const auto path = observation_scenario(head + block);
    const auto issues = validate_scenario(path);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].file == path);
    CHECK(issues[0].line == line);
    CHECK(issues[0].key == key);
    CHECK_THAT(issues[0].message, Catch::Contains(text));
    CHECK_THAT(issues[0].to_string(), Catch::Contains(path + ":" + std::to_string(line)));
  };
  const std::string ages = "assessments.sensitivity_observation.ages_months";
  check("    ages_months: [0.5]\n", 7, ages + "[0]", "outside [1 months, 36 months]");
  check("    ages_months: [6, 40]\n", 7, ages + "[1]", "outside [1 months, 36 months]");
  check("    ages_months: [9, 6]\n", 7, ages + "[1]", "ascending order: 6 comes after 9");
  check("    ages_months: [6, 6]\n", 7, ages + "[1]", "ascending order");
  check("    ages_months: [2, 4, 6, 8, 10]\n", 7, ages + "[4]", "at most 4 observations per dyad");
  check("    ages_months: [6]\n    minutes: 4\n", 8, "assessments.sensitivity_observation.minutes",
        "in [5, 60]");
  check("    ages_months: [6]\n    minutes: 61\n", 8, "assessments.sensitivity_observation.minutes",
        "in [5, 60]");
  check("    ages_months: [6]\n    minute: 15\n", 8, "assessments.sensitivity_observation.minute",
        "did you mean 'minutes'");
  check("    minutes: 15\n", 7, "assessments.sensitivity_observation.ages_months",
        "missing required key 'ages_months'");
  check("    ages_months: 6\n", 7, ages, "expected a list");
  // The observation needs a day of the life: day 183 is the last of a 183-day span.
  const std::string short_head =
      "name: short\nspan_days: 183\nbouts_per_day: 6\nbout_seconds: 300\nassessments:\n  "
      "sensitivity_observation:\n";
  check("    ages_months: [6]\n", 7, ages + "[0]", "(day 183) is not before the end of span_days 183",
        short_head);
  check("  sensitivity_observatoin: {ages_months: [6]}\n", 6, "assessments.sensitivity_observatoin",
        "did you mean 'sensitivity_observation'", kScenarioHead + "assessments:\n");
}
