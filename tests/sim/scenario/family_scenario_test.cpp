// The scenario's family section: strict loading with located errors, and the resolved
// YAML reading back to the same family.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/scenario_text.hpp"

using namespace attune;

using attune::testing::kScenarioHead;

namespace {

std::string family_scenario_file(const std::string& text) {
  const auto folder = std::filesystem::temp_directory_path() / ("attune_family_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "scenario.yaml", std::ios::binary) << text;
  return (folder / "scenario.yaml").string();
}

const std::string kFamily = R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.7}
    - name: father
      share_of_bouts: 0.3
      caregiver:
        detection: {dist: beta, mean: 0.4, sd: 0.1}
        repair: 0.4
  supports:
    - {name: grandmother}
  edges:
    - {from: father, to: mother, stress: 0.3, support: 0.2}
    - {from: grandmother, to: mother, support: 0.5}
)";

/// The issues of a file whose family section is `family`, as "line:col key: message" lines.
std::vector<ScenarioIssue> family_issues_of(const std::string& family) { return validate_scenario(family_scenario_file(kScenarioHead + family)); }

/// The one issue with `key`; fails unless there is exactly one issue in all.
ScenarioIssue only_issue(const std::string& family, const std::string& key) {
  const auto issues = family_issues_of(family);
  std::string all;
  for (const auto& issue : issues) all += "\n  " + issue.to_string();
  INFO("issues:" << all);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == key);
  return issues[0];
}

}  // namespace

TEST_CASE("sim/family: a valid family section loads") {
  const Scenario s = load_scenario(family_scenario_file(kScenarioHead + kFamily));
  REQUIRE(s.family.caregivers.size() == 2);
  CHECK(s.family.caregivers[0].name == "mother");
  CHECK(s.family.caregivers[0].share_of_bouts == 0.7);
  CHECK(s.family.caregivers[0].draws.empty());
  REQUIRE(s.family.caregivers[1].draws.size() == 2);
  CHECK(parameter_table()[s.family.caregivers[1].draws[0].parameter].qualified() == "caregiver.detection");
  CHECK(s.family.caregivers[1].draws[1].distribution.value == 0.4);
  CHECK(s.family.supports == std::vector<std::string>{"grandmother"});
  REQUIRE(s.family.edges.size() == 2);
  CHECK(s.family.edges[0] == FamilyEdgeSpec{1, 0, 0.3, 0.2});
  CHECK(s.family.edges[1] == FamilyEdgeSpec{2, 0, 0.0, 0.5});
}

TEST_CASE("sim/family: without a family section there is no family") {
  CHECK_FALSE(load_scenario(family_scenario_file(kScenarioHead)).family.present());
}

TEST_CASE("sim/family: the resolved YAML reads back to the same family") {
  const Scenario s = load_scenario(family_scenario_file(kScenarioHead + kFamily));
  const Scenario again = load_scenario(family_scenario_file(resolved_scenario_yaml(s)));
  CHECK(again.family == s.family);
}

TEST_CASE("sim/family: an edge naming an unknown member is located and suggests the name") {
  const auto issue = only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.6}
    - {name: father, share_of_bouts: 0.4}
  edges:
    - {from: fahter, to: mother, stress: 0.3}
)", "family.edges[0].from");
  CHECK(issue.line == 10);  // four lines of head, then the edge on the sixth line of the section
  CHECK(issue.column == 14);
  CHECK(issue.message.find("did you mean 'father'") != std::string::npos);
}

TEST_CASE("sim/family: weights, shares and structure are checked") {
  SECTION("a weight above 1") {
    const auto issue = only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.6}
    - {name: father, share_of_bouts: 0.4}
  edges:
    - {from: father, to: mother, stress: 1.3}
)", "family.edges[0].stress");
    CHECK(issue.message.find("[0, 1]") != std::string::npos);
  }
  SECTION("shares not summing to 1") {
    const auto issue = only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.6}
    - {name: father, share_of_bouts: 0.3}
)", "family.caregivers");
    CHECK(issue.message.find("sum to 1, got 0.9") != std::string::npos);
  }
  SECTION("an unknown key in a caregiver") {
    const auto issue = only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 1, shares: 2}
)", "family.caregivers[0].shares");
    CHECK(issue.line == 7);
    CHECK(issue.column == 41);
  }
  SECTION("an unknown parameter in a caregiver's own draws") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.5}
    - {name: father, share_of_bouts: 0.5, caregiver: {detecton: 0.3}}
)", "family.caregivers[1].caregiver.detecton");
  }
  SECTION("a draw outside the parameter's range") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.5}
    - {name: father, share_of_bouts: 0.5, caregiver: {detection: 1.5}}
)", "family.caregivers[1].caregiver.detection");
  }
  SECTION("the first caregiver's traits come from the population") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 1, caregiver: {detection: 0.3}}
)", "family.caregivers[0].caregiver");
  }
  SECTION("a repeated name") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 1}
  supports:
    - {name: mother}
)", "family.supports[0].name");
  }
  SECTION("a name that cannot be a column name") {
    only_issue(R"(family:
  caregivers:
    - {name: "Mother 1", share_of_bouts: 1}
)", "family.caregivers[0].name");
  }
  SECTION("an edge into a support") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 1}
  supports:
    - {name: aunt}
  edges:
    - {from: mother, to: aunt, support: 0.2}
)", "family.edges[0].to");
  }
  SECTION("stress from a support") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 1}
  supports:
    - {name: aunt}
  edges:
    - {from: aunt, to: mother, stress: 0.2}
)", "family.edges[0].stress");
  }
  SECTION("stress weights into a caregiver summing to 1 or more") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.4}
    - {name: father, share_of_bouts: 0.3}
    - {name: carer, share_of_bouts: 0.3}
  edges:
    - {from: father, to: mother, stress: 0.5}
    - {from: carer, to: mother, stress: 0.5}
)", "family.edges[1]");
  }
  SECTION("a repeated edge") {
    only_issue(R"(family:
  caregivers:
    - {name: mother, share_of_bouts: 0.5}
    - {name: father, share_of_bouts: 0.5}
  edges:
    - {from: father, to: mother, stress: 0.1}
    - {from: father, to: mother, support: 0.1}
)", "family.edges[1]");
  }
  SECTION("more caregivers than the records hold") {
    only_issue(R"(family:
  caregivers:
    - {name: a, share_of_bouts: 0.2}
    - {name: b, share_of_bouts: 0.2}
    - {name: c, share_of_bouts: 0.2}
    - {name: d, share_of_bouts: 0.2}
    - {name: e, share_of_bouts: 0.2}
)", "family.caregivers");
  }
}
