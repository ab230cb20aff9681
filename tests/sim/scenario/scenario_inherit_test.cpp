// Tests of scenario inheritance: `base:` (sim/scenario/scenario_inherit.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "models/parameter_table.hpp"
#include "sim/io/sha256.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;  // named here, not borrowed from a file before it in the unity batch
using namespace attune;
using attune::testing::read_text;
using attune::testing::run_attune;
using attune::testing::shell_quoted;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

/// A small complete scenario for the children below to inherit from.
const std::string kParentScenario = R"(name: parent
description: the base of the inheritance tests
seed: 5
dyads: 50
span_days: 365
bouts_per_day: 6
bout_seconds: 300
population:
  infant:
    reactivity: {dist: lognormal, median: 1.0, sigma: 0.25}
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    reading: {dist: beta, mean: 0.75, sd: 0.08}
correlations:
  - {between: [caregiver.detection, caregiver.reading], rho: 0.4}
assessments:
  strange_situation:
    ages_months: [12]
)";

/// The parent scenario with the line that starts `starts` (after its indent) replaced by `line`.
std::string parent_with(const std::string& starts, const std::string& line) {
  std::string text = kParentScenario;
  const auto at = text.find(starts);
  REQUIRE(at != std::string::npos);
  const auto begin = text.rfind('\n', at) + 1;
  return text.replace(begin, text.find('\n', at) - begin, line);
}

/// Every issue of `issues`, one a line, for a failing check's message.
std::string all_issues_text(const std::vector<ScenarioIssue>& issues) {
  std::string all;
  for (const auto& issue : issues) all += "\n  " + issue.to_string();
  return all;
}

/// The only issue whose key is `key`; fails the test unless there is exactly one.
ScenarioIssue issue_keyed(const std::vector<ScenarioIssue>& issues, const std::string& key) {
  std::vector<ScenarioIssue> found;
  std::copy_if(issues.begin(), issues.end(), std::back_inserter(found),
               [&](const ScenarioIssue& i) { return i.key == key; });
  INFO("looking for key '" << key << "' among:" << all_issues_text(issues));
  REQUIRE(found.size() == 1);
  return found.front();
}

/// What a scenario draws and when, compared field by field.
void require_same_model(const Scenario& got, const Scenario& expected) {
  CHECK(got.name == expected.name);
  CHECK(got.description == expected.description);
  CHECK(got.seed == expected.seed);
  CHECK(got.dyads == expected.dyads);
  CHECK(got.span_days == expected.span_days);
  CHECK(got.bouts_per_day == expected.bouts_per_day);
  CHECK(got.bout_seconds == expected.bout_seconds);
  CHECK(got.population == expected.population);
  CHECK(got.correlations == expected.correlations);
  CHECK(got.strange_situation == expected.strange_situation);
  CHECK(got.still_face == expected.still_face);
}

}  // namespace

TEST_CASE(
    "sim/scenario: a scenario with a base states only what differs: maps merge key by key, lists replace") {
  TempFolder folder("attune_inherit", "merge");
  write_text(folder / "parent.yaml", kParentScenario);
  // A parameter's distribution is replaced whole (lognormal's median and sigma do not
  // leak into the uniform), a new group and parameter join, the lists are the child's.
  const auto child = write_text(folder / "child.yaml", R"(base: parent.yaml
name: child
span_days: 550
population:
  infant:
    reactivity: {dist: uniform, min: 0.8, max: 1.2}
  caregiver:
    repair: 0.7
  stressors:
    poverty: 0.2
correlations: []
assessments:
  strange_situation:
    ages_months: [12, 18]
)");
  const Scenario expected = load_scenario_text("expected.yaml", R"(name: child
description: the base of the inheritance tests
seed: 5
dyads: 50
span_days: 550
bouts_per_day: 6
bout_seconds: 300
population:
  infant:
    reactivity: {dist: uniform, min: 0.8, max: 1.2}
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    reading: {dist: beta, mean: 0.75, sd: 0.08}
    repair: 0.7
  stressors:
    poverty: 0.2
assessments:
  strange_situation:
    ages_months: [12, 18]
)");
  const Scenario merged = load_scenario(child.string());
  require_same_model(merged, expected);
  CHECK(merged.bases == std::vector<std::string>{(folder / "parent.yaml").string()});
  CHECK(merged.text == read_text(child));
}

TEST_CASE(
    "sim/scenario: bases chain, each relative to the file that names it, and the hash covers the chain") {
  TempFolder folder("attune_inherit", "chain");
  fs::create_directories(folder / "sub");
  write_text(folder / "parent.yaml", kParentScenario);
  write_text(folder / "sub" / "middle.yaml", "base: ../parent.yaml\nname: middle\ndyads: 70\n");
  const auto child = write_text(folder / "child.yaml", "base: sub/middle.yaml\nseed: 9\n");
  const Scenario merged = load_scenario(child.string());
  CHECK(merged.name == "middle");
  CHECK(merged.dyads == 70);
  CHECK(merged.seed == 9);
  CHECK(merged.population.size() == 3);
  const std::vector<std::string> bases{(folder / "sub" / "middle.yaml").string(),
                                       (folder / "parent.yaml").string()};
  CHECK(merged.bases == bases);
  // Results depend on every file of the chain, so its hash does: `cat child middle parent | sha256sum`.
  CHECK(merged.sha256 ==
        sha256_hex(read_text(child) + read_text(folder / "sub" / "middle.yaml") + kParentScenario));
  write_text(folder / "parent.yaml", kParentScenario + "# edited\n");
  CHECK(load_scenario(child.string()).sha256 != merged.sha256);
}

TEST_CASE(
    "sim/scenario: an issue names the file and line that wrote the bad value, in the base or in the child") {
  TempFolder folder("attune_inherit", "located");
  // Line 12 of the parent: a bad beta mean in a map the child merges into; line 19 an unknown key.
  const auto parent = write_text(
      folder / "parent.yaml",
      parent_with("detection", "    detection: {dist: beta, mean: 1.45, sd: 0.1}") + "colour: blue\n");
  // Line 3 of the child: a bad seed; line 4 a misspelt key; line 7 a bad beta mean.
  const auto child = write_text(folder / "child.yaml", R"(base: parent.yaml
name: child
seed: -3
populaton: {}
population:
  caregiver:
    reading: {dist: beta, mean: 1.5, sd: 0.08}
)");
  const auto issues = validate_scenario(child.string());
  const auto at = [&](const std::string& key, const fs::path& file, int line) {
    const auto issue = issue_keyed(issues, key);
    INFO(issue.to_string());
    CHECK(issue.file == file.string());
    CHECK(issue.line == line);
  };
  at("seed", child, 3);
  at("populaton", child, 4);
  at("population.caregiver.reading.mean", child, 7);
  at("population.caregiver.detection.mean", parent, 12);
  at("colour", parent, 19);
  CHECK(issue_keyed(issues, "populaton").message.find("did you mean 'population'") != std::string::npos);
  // The file named first, then its base; each top to bottom.
  REQUIRE(issues.size() == 5);
  CHECK(issues[2].key == "population.caregiver.reading.mean");
  CHECK(issues[3].key == "population.caregiver.detection.mean");
}

TEST_CASE("sim/scenario: a bad value in the base that the child replaces is no error") {
  TempFolder folder("attune_inherit", "replaced");
  write_text(folder / "parent.yaml", parent_with("dyads", "dyads: 0"));
  const auto child = write_text(folder / "child.yaml", "base: parent.yaml\ndyads: 10\n");
  CHECK(load_scenario(child.string()).dyads == 10);
  write_text(folder / "child.yaml", "base: parent.yaml\nseed: 10\n");
  const auto issue = issue_keyed(validate_scenario(child.string()), "dyads");
  CHECK(issue.file == (folder / "parent.yaml").string());
}

TEST_CASE("sim/scenario: a missing base names the child's file, line and key") {
  TempFolder folder("attune_inherit", "missing");
  const auto child = write_text(folder / "child.yaml", "name: child\nbase: nowhere.yaml\n");
  const auto issue = issue_keyed(validate_scenario(child.string()), "base");
  CHECK(issue.file == child.string());
  CHECK(issue.line == 2);
  CHECK(issue.message.find((folder / "nowhere.yaml").string()) != std::string::npos);
  CHECK(issue.message.find("not found") != std::string::npos);
  write_text(folder / "child.yaml", "name: child\nbase: [a, b]\n");
  CHECK(issue_keyed(validate_scenario(child.string()), "base").message.find("expected text") !=
        std::string::npos);
  write_text(folder / "list.yaml", "- 1\n");
  write_text(folder / "child.yaml", "name: child\nbase: list.yaml\n");
  CHECK(issue_keyed(validate_scenario(child.string()), "base").message.find("not a mapping") !=
        std::string::npos);
}

TEST_CASE("sim/scenario: a loop of bases is an error naming the files in it") {
  TempFolder folder("attune_inherit", "loop");
  const auto a = write_text(folder / "a.yaml", "base: b.yaml\nname: a\n");
  const auto b = write_text(folder / "b.yaml", "name: b\nbase: a.yaml\n");
  const auto issues = validate_scenario(a.string());
  const auto loop = issue_keyed(issues, "base");
  CHECK(loop.file == b.string());
  CHECK(loop.line == 2);
  CHECK(loop.message == "the bases form a loop: " + a.string() + " -> " + b.string() + " -> " + a.string());
  CHECK(issues.size() == 1);
  write_text(folder / "a.yaml", "base: ./a.yaml\nname: a\n");
  CHECK(issue_keyed(validate_scenario(a.string()), "base").message ==
        "the bases form a loop: " + a.string() + " -> " + a.string());
}

TEST_CASE(
    "sim/scenario: the resolved YAML of a child shows the merged result, without base, and loads back") {
  TempFolder folder("attune_inherit", "resolved");
  write_text(folder / "parent.yaml", kParentScenario);
  const auto child = write_text(
      folder / "child.yaml", "base: parent.yaml\nname: child\npopulation:\n  caregiver:\n    repair: 0.7\n");
  const Scenario merged = load_scenario(child.string());
  const std::string resolved = resolved_scenario_yaml(merged);
  CHECK(resolved.find("\nbase:") == std::string::npos);
  CHECK(resolved.find("on base " + (folder / "parent.yaml").string()) != std::string::npos);
  CHECK(resolved.find("    repair: 0.7  # fixed") != std::string::npos);            // the child's
  CHECK(resolved.find("    detection: {dist: beta, alpha:") != std::string::npos);  // the base's
  CHECK(resolved.find("  - {between: [caregiver.detection, caregiver.reading]") != std::string::npos);
  // Loading it back gives the same scenario: resolving that again changes only the provenance comment.
  const Scenario again = load_scenario_text("resolved.yaml", resolved);
  CHECK(again.name == "child");
  const auto body = [](const std::string& yaml) { return yaml.substr(yaml.find("name:")); };
  CHECK(body(resolved_scenario_yaml(again)) == body(resolved));
}

TEST_CASE("sim/cli: validate checks a child merged over its base and tells it from a sweep") {
  TempFolder folder("attune_inherit", "cli");
  const auto parent = write_text(folder / "parent.yaml", kParentScenario);
  const auto child = write_text(folder / "child.yaml", "base: parent.yaml\nname: child\n");
  auto result = run_attune("validate " + shell_quoted(child.string()), folder.path());
  CHECK(result.status == 0);
  CHECK(result.out == child.string() + ": valid\n");
  write_text(folder / "parent.yaml", parent_with("dyads", "dyads: 0"));
  result = run_attune("validate " + shell_quoted(child.string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find(parent.string() + ":4:8: key 'dyads'") != std::string::npos);
  // A sweep whose base scenario has a base of its own: the sweep's checks reach the grandparent.
  const auto sweep =
      write_text(folder / "sweep.yaml", "base: child.yaml\naxes:\n  caregiver.detection: {values: [0.3]}\n");
  result = run_attune("validate " + shell_quoted(sweep.string()), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find(parent.string() + ":4:8: key 'dyads'") != std::string::npos);
}
