// Tests of the strict scenario loader (sim/scenario/scenario.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
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

/// A fresh folder for one test's files.
std::filesystem::path temp_folder() {
  const auto path = std::filesystem::temp_directory_path() / ("attune_scenario_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(path);
  return path;
}

/// Writes `text` to a new file and returns its path.
std::string scenario_file(const std::string& text, const std::string& name = "scenario.yaml") {
  const auto path = temp_folder() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

/// The only issue keyed `key`; fails the test unless there is exactly one.
ScenarioIssue issue_for(const std::vector<ScenarioIssue>& issues, const std::string& key) {
  std::vector<ScenarioIssue> found;
  for (const auto& issue : issues)
    if (issue.key == key) found.push_back(issue);
  std::string all;
  for (const auto& issue : issues) all += "\n  " + issue.to_string();
  INFO("looking for key '" << key << "' among:" << all);
  REQUIRE(found.size() == 1);
  return found.front();
}

/// The settings every scenario needs, for tests about something else.
const std::string kValid = R"(name: normative
description: "Typical dyads"
seed: 20261125
dyads: 2000
span_days: 550
bouts_per_day: 6
bout_seconds: 300
population:
  infant:
    reactivity: {dist: lognormal, median: 1.0, sigma: 0.25}
  caregiver:
    reading: {dist: normal, mean: 0.7, sd: 0.1}
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    rejection:
      dist: mixture
      components:
        - {weight: 0.85, value: 0.03}
        - {weight: 0.15, dist: uniform, min: 0.3, max: 0.7}
    fit: {dist: truncated_normal, mean: 0.8, sd: 0.2, max: 0.9}
  stressors:
    poverty: 0.2
correlations:
  - {between: [caregiver.reading, caregiver.detection], rho: 0.5}
assessments:
  strange_situation:
    ages_months: [12, 18]
)";

const ParameterDraw& draw_of(const Scenario& s, std::string_view group, std::string_view name) {
  const auto index = find_parameter(group, name);
  REQUIRE(index);
  const auto it = std::find_if(s.population.begin(), s.population.end(),
                               [&](const ParameterDraw& d) { return d.parameter == *index; });
  REQUIRE(it != s.population.end());
  return *it;
}

}  // namespace

TEST_CASE("sim/scenario: a valid file loads") {
  const auto path = scenario_file(kValid);
  REQUIRE(validate_scenario(path).empty());
  const Scenario s = load_scenario(path);
  CHECK(s.file == path);
  CHECK(s.text == kValid);
  CHECK(s.name == "normative");
  CHECK(s.description == "Typical dyads");
  CHECK(s.seed == 20261125u);
  CHECK(s.dyads == 2000u);
  CHECK(s.span_days == 550);
  CHECK(s.bouts_per_day == 6);
  CHECK(s.bout_seconds == 300);
  REQUIRE(s.population.size() == 6);
  for (std::size_t i = 1; i < s.population.size(); ++i) CHECK(s.population[i - 1].parameter < s.population[i].parameter);

  const auto& reactivity = draw_of(s, "infant", "reactivity").distribution;
  CHECK(reactivity.kind == DistributionKind::lognormal);
  CHECK(reactivity.mu == 0.0);
  CHECK(reactivity.sigma == 0.25);
  const auto& reading = draw_of(s, "caregiver", "reading").distribution;
  CHECK(reading.kind == DistributionKind::normal);
  CHECK(reading.min == 0.0);  // a plain normal is truncated at the table's range
  CHECK(reading.max == 1.0);
  const auto& detection = draw_of(s, "caregiver", "detection").distribution;
  CHECK(detection.kind == DistributionKind::beta);
  const double n = detection.alpha + detection.beta;  // method of moments: mean a/n, variance mean(1-mean)/(n+1)
  CHECK(detection.alpha / n == Approx(0.45));
  CHECK(0.45 * 0.55 / (n + 1) == Approx(0.01));
  const auto& rejection = draw_of(s, "caregiver", "rejection").distribution;
  REQUIRE(rejection.kind == DistributionKind::mixture);
  REQUIRE(rejection.components.size() == 2);
  CHECK(rejection.components[0].distribution == Distribution{.kind = DistributionKind::fixed, .value = 0.03});
  CHECK(rejection.components[1].distribution.kind == DistributionKind::uniform);
  const auto& fit = draw_of(s, "caregiver", "fit").distribution;
  CHECK(fit.kind == DistributionKind::truncated_normal);
  CHECK(fit.min == 0.0);  // min defaults to the parameter's range
  CHECK(fit.max == 0.9);
  CHECK(draw_of(s, "stressors", "poverty").distribution == Distribution{.kind = DistributionKind::fixed, .value = 0.2});

  REQUIRE(s.correlations.size() == 1);
  CHECK(s.correlations[0].a == *find_parameter("caregiver", "detection"));  // stored in table order
  CHECK(s.correlations[0].b == *find_parameter("caregiver", "reading"));
  CHECK(s.correlations[0].rho == 0.5);
  CHECK(s.strange_situation.ages_months == std::vector<double>{12, 18});
}

TEST_CASE("sim/scenario: optional keys take their defaults and the hash is SHA-256 of the bytes") {
  const Scenario s = load_scenario(scenario_file("name: abc\nspan_days: 30\nbouts_per_day: 1\nbout_seconds: 10\n"));
  CHECK(s.seed == 1u);
  CHECK(s.dyads == 1000u);
  CHECK(s.description.empty());
  CHECK(s.population.empty());
  CHECK(s.correlations.empty());
  CHECK(s.strange_situation.ages_months.empty());
  // printf 'name: abc\nspan_days: 30\nbouts_per_day: 1\nbout_seconds: 10\n' | sha256sum
  CHECK(s.sha256 == "04e94098863d3027a5b0023e4ee384a73477628cece16f17c7f5dfbdc7fe45b4");
}

TEST_CASE("sim/scenario: a missing file is one issue without a line") {
  const auto path = (temp_folder() / "absent.yaml").string();
  const auto issues = validate_scenario(path);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 0);
  CHECK(issues[0].file == path);
  CHECK_THAT(issues[0].message, Catch::Contains("not found"));
  CHECK(issues[0].to_string() == path + ": scenario file not found");
  CHECK_THROWS_AS(load_scenario(path), ScenarioError);
}

TEST_CASE("sim/scenario: a YAML syntax error is located by the parser") {
  const auto issues = validate_scenario(scenario_file(kScenarioHead + "population:\n  infant: [1, 2\n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line >= 6);  // the unclosed list opens on line 6; yaml-cpp notices at its end
  CHECK_THAT(issues[0].message, Catch::Contains("YAML syntax error"));
}

TEST_CASE("sim/scenario: an empty file and a second document are reported") {
  CHECK_THAT(validate_scenario(scenario_file("")).at(0).message, Catch::Contains("no YAML document"));
  const auto issues = validate_scenario(scenario_file(kScenarioHead + "---\nname: other\n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 6);  // where the second document's content starts
}

TEST_CASE("sim/scenario: unknown keys, groups and parameters suggest the closest name") {
  const auto issues = validate_scenario(scenario_file(kScenarioHead +
                                                   "sead: 4\n"                 // line 5
                                                   "population:\n"             // 6
                                                   "  infnt: {reactivity: 1}\n"  // 7
                                                   "  caregiver:\n"            // 8
                                                   "    detecton: 0.4\n"       // 9
                                                   "    xyzzy: 0.4\n"));       // 10
  REQUIRE(issues.size() == 4);
  const auto sead = issue_for(issues, "sead");
  CHECK(sead.line == 5);
  CHECK(sead.column == 1);
  CHECK_THAT(sead.message, Catch::Contains("unknown top-level key") && Catch::Contains("did you mean 'seed'?"));
  const auto group = issue_for(issues, "population.infnt");
  CHECK(group.line == 7);
  CHECK_THAT(group.message, Catch::Contains("unknown parameter group") && Catch::Contains("'infant'"));
  const auto detecton = issue_for(issues, "population.caregiver.detecton");
  CHECK(detecton.line == 9);
  CHECK(detecton.column == 5);
  CHECK(detecton.to_string() == detecton.file + ":9:5: key 'population.caregiver.detecton': unknown parameter; did you mean 'detection'?");
  // Far from every name: the names of the group are listed instead.
  CHECK_THAT(issue_for(issues, "population.caregiver.xyzzy").message, Catch::Contains("expected one of: detection, reading"));
}

TEST_CASE("sim/scenario: unknown distribution kinds and keys are reported") {
  const auto issues = validate_scenario(scenario_file(kScenarioHead +
                                                   "population:\n"                                        // 5
                                                   "  caregiver:\n"                                       // 6
                                                   "    detection: {dist: normall, mean: 0.5, sd: 0.1}\n"  // 7
                                                   "    reading: {dist: normal, mean: 0.5, sdd: 0.1}\n"));  // 8
  const auto kind = issue_for(issues, "population.caregiver.detection.dist");
  CHECK(kind.line == 7);
  CHECK_THAT(kind.message, Catch::Contains("unknown distribution 'normall'") && Catch::Contains("did you mean 'normal'?"));
  const auto key = issue_for(issues, "population.caregiver.reading.sdd");
  CHECK(key.line == 8);
  CHECK_THAT(key.message, Catch::Contains("did you mean 'sd'?"));
  CHECK(issue_for(issues, "population.caregiver.reading.sd").message == "missing required key 'sd'");
}

TEST_CASE("sim/scenario: missing required keys are reported") {
  const auto issues = validate_scenario(scenario_file("name: x\nbouts_per_day: 6\npopulation:\n  caregiver:\n    fit: {mean: 0.5}\n"));
  CHECK(issue_for(issues, "span_days").line == 1);
  CHECK(issue_for(issues, "bout_seconds").message == "missing required key 'bout_seconds'");
  const auto dist = issue_for(issues, "population.caregiver.fit.dist");
  CHECK(dist.line == 5);
  CHECK(issues.size() == 3);
}

TEST_CASE("sim/scenario: wrong types are reported") {
  const auto issues = validate_scenario(scenario_file(
      "name: x\n"                              // 1
      "dyads: 2.5\n"                           // 2
      "seed: -1\n"                             // 3
      "span_days: \"365\"\n"                   // 4
      "bouts_per_day: [6]\n"                   // 5
      "bout_seconds: 300\n"                    // 6
      "population:\n"                          // 7
      "  caregiver:\n"                         // 8
      "    detection: high\n"                  // 9
      "    reading: {dist: uniform, min: low, max: 1}\n"  // 10
      "    fit: [0.5]\n"));                    // 11
  REQUIRE(issues.size() == 7);
  CHECK_THAT(issue_for(issues, "dyads").message, Catch::Contains("expected an integer") && Catch::Contains("'2.5'"));
  CHECK(issue_for(issues, "dyads").line == 2);
  CHECK(issue_for(issues, "seed").line == 3);
  CHECK_THAT(issue_for(issues, "span_days").message, Catch::Contains("the string \"365\""));
  CHECK_THAT(issue_for(issues, "bouts_per_day").message, Catch::Contains("got a list"));
  CHECK_THAT(issue_for(issues, "population.caregiver.detection").message, Catch::Contains("expected a number, got 'high'"));
  CHECK(issue_for(issues, "population.caregiver.reading.min").line == 10);
  CHECK_THAT(issue_for(issues, "population.caregiver.fit").message, Catch::Contains("expected a number or a distribution"));
}

TEST_CASE("sim/scenario: values outside the table's range name the range and unit") {
  const auto issues = validate_scenario(scenario_file(
      "name: x\n"                                                      // 1
      "span_days: 2000\n"                                              // 2
      "bouts_per_day: 6\n"                                             // 3
      "bout_seconds: 5\n"                                              // 4
      "population:\n"                                                  // 5
      "  caregiver:\n"                                                 // 6
      "    detection: 1.5\n"                                           // 7
      "    reading: {dist: normal, mean: -0.2, sd: 0.1}\n"             // 8
      "    fit: {dist: uniform, min: 0.2, max: 1.2}\n"                 // 9
      "    repair: {dist: normal, mean: 0.5, sd: 0}\n"                 // 10
      "    tracking: {dist: beta, mean: 0.5, sd: 0.6}\n"               // 11
      "    contingency: {dist: uniform, min: 0.6, max: 0.4}\n"         // 12
      "  stressors:\n"                                                 // 13
      "    illness_distress: {dist: beta, alpha: 2, beta: 2}\n"        // 14
      "assessments:\n"                                                 // 15
      "  strange_situation: {ages_months: [12, 40, 11]}\n"));          // 16
  CHECK_THAT(issue_for(issues, "span_days").message, Catch::Contains("[1, 1100] (days)"));
  CHECK(issue_for(issues, "bout_seconds").line == 4);
  const auto detection = issue_for(issues, "population.caregiver.detection");
  CHECK(detection.line == 7);
  CHECK(detection.message == "value 1.5 is outside the valid range [0, 1] (unit 1/s) of caregiver.detection");
  CHECK_THAT(issue_for(issues, "population.caregiver.reading.mean").message, Catch::Contains("mean -0.2 is outside"));
  CHECK(issue_for(issues, "population.caregiver.fit.max").line == 9);
  CHECK_THAT(issue_for(issues, "population.caregiver.repair.sd").message, Catch::Contains("greater than 0"));
  CHECK_THAT(issue_for(issues, "population.caregiver.tracking.sd").message, Catch::Contains("too large for a beta"));
  CHECK(issue_for(issues, "population.caregiver.contingency.min").line == 12);
  CHECK_THAT(issue_for(issues, "population.stressors.illness_distress").message, Catch::Contains("[1, 10]"));
  CHECK_THAT(issue_for(issues, "assessments.strange_situation.ages_months[1]").message, Catch::Contains("[6, 30]"));
  CHECK_THAT(issue_for(issues, "assessments.strange_situation.ages_months[2]").message, Catch::Contains("ascending"));
  CHECK(issues.size() == 11);
}

TEST_CASE("sim/scenario: mixtures need weights summing to 1 and one of value or dist") {
  const auto issues = validate_scenario(scenario_file(kScenarioHead +
                                                   "population:\n"                                        // 5
                                                   "  caregiver:\n"                                       // 6
                                                   "    rejection:\n"                                     // 7
                                                   "      dist: mixture\n"                                // 8
                                                   "      components:\n"                                  // 9
                                                   "        - {weight: 0.8, value: 0.03}\n"                // 10
                                                   "        - {weight: 0.15, dist: uniform, min: 0.3, max: 0.7}\n"  // 11
                                                   "    repair:\n"                                        // 12
                                                   "      dist: mixture\n"                                // 13
                                                   "      components:\n"                                  // 14
                                                   "        - {weight: 1}\n"                              // 15
                                                   "    fit: {dist: mixture, components: [{weight: 0, value: 0.5}, {weight: 1, value: 2}]}\n"));  // 16
  const auto sum = issue_for(issues, "population.caregiver.rejection.components");
  CHECK(sum.line == 10);
  CHECK_THAT(sum.message, Catch::Contains("sum to 0.95"));
  CHECK(issue_for(issues, "population.caregiver.repair.components[0].value").line == 15);
  CHECK(issue_for(issues, "population.caregiver.fit.components[0].weight").line == 16);
  CHECK_THAT(issue_for(issues, "population.caregiver.fit.components[1].value").message, Catch::Contains("outside the valid range"));
  CHECK(issues.size() == 4);
}

TEST_CASE("sim/scenario: bad correlations are reported") {
  const std::string population = kScenarioHead +
                                 "population:\n"                                      // 5
                                 "  caregiver:\n"                                     // 6
                                 "    detection: {dist: normal, mean: 0.5, sd: 0.1}\n"  // 7
                                 "    reading: {dist: normal, mean: 0.5, sd: 0.1}\n"    // 8
                                 "    fit: {dist: normal, mean: 0.5, sd: 0.1}\n"        // 9
                                 "    repair: 0.4\n"                                  // 10
                                 "correlations:\n";                                   // 11
  const auto issues = validate_scenario(scenario_file(population +
      "  - {between: [caregiver.detection, caregiver.readng], rho: 0.5}\n"     // 12
      "  - {between: [caregiver.detection, caregiver.tracking], rho: 0.5}\n"   // 13
      "  - {between: [caregiver.detection, caregiver.repair], rho: 0.5}\n"     // 14
      "  - {between: [caregiver.detection, caregiver.reading], rho: 1}\n"      // 15
      "  - {between: [caregiver.detection, caregiver.detection], rho: 0.1}\n"  // 16
      "  - {between: [caregiver.detection], rho: 0.1}\n"                       // 17
      "  - {between: [caregiver.fit, caregiver.reading], rho: 0.1, r: 2}\n"    // 18
      "  - {between: [caregiver.reading, caregiver.fit], rho: 0.2}\n"));       // 19
  CHECK_THAT(issue_for(issues, "correlations[0].between[1]").message, Catch::Contains("did you mean 'caregiver.reading'?"));
  CHECK_THAT(issue_for(issues, "correlations[1].between[1]").message, Catch::Contains("not drawn"));
  CHECK_THAT(issue_for(issues, "correlations[2].between[1]").message, Catch::Contains("is fixed"));
  const auto rho = issue_for(issues, "correlations[3].rho");
  CHECK(rho.line == 15);
  CHECK_THAT(rho.message, Catch::Contains("strictly between -1 and 1"));
  CHECK_THAT(issue_for(issues, "correlations[4].between").message, Catch::Contains("itself"));
  CHECK_THAT(issue_for(issues, "correlations[5].between").message, Catch::Contains("two parameters"));
  CHECK(issue_for(issues, "correlations[6].r").line == 18);
  CHECK_THAT(issue_for(issues, "correlations[7].between").message, Catch::Contains("already correlated"));
  CHECK(issues.size() == 8);

  // Each pair is possible, the three together are not.
  const auto impossible = validate_scenario(scenario_file(population +
      "  - {between: [caregiver.detection, caregiver.reading], rho: 0.9}\n"
      "  - {between: [caregiver.reading, caregiver.fit], rho: 0.9}\n"
      "  - {between: [caregiver.detection, caregiver.fit], rho: -0.9}\n"));
  REQUIRE(impossible.size() == 1);
  CHECK(impossible[0].key == "correlations");
  CHECK_THAT(impossible[0].message, Catch::Contains("not positive definite"));
}

TEST_CASE("sim/scenario: every issue in a file is reported, in file order, and load_scenario throws them all") {
  const auto path = scenario_file("name: x\n"                             // 1
                               "dyads: 0\n"                            // 2
                               "span_days: 365\n"                      // 3
                               "bouts_per_day: 6\n"                    // 4
                               "bout_seconds: 300\n"                   // 5
                               "colour: blue\n"                        // 6
                               "population:\n"                         // 7
                               "  caregiver:\n"                        // 8
                               "    detection: 2\n"                    // 9
                               "    reading: 0.5\n"                    // 10
                               "    reading: 0.6\n");                  // 11
  const auto issues = validate_scenario(path);
  REQUIRE(issues.size() == 4);
  CHECK(issues[0].line == 2);
  CHECK(issues[1].line == 6);
  CHECK(issues[2].line == 9);
  CHECK(issues[3].line == 11);
  CHECK_THAT(issues[3].message, Catch::Contains("repeated key (first given on line 10)"));
  try {
    load_scenario(path);
    FAIL("load_scenario accepted an invalid file");
  } catch (const ScenarioError& error) {
    REQUIRE(error.issues.size() == 4);
    for (const auto& issue : issues) CHECK_THAT(error.what(), Catch::Contains(issue.to_string()));
  }
}

TEST_CASE("sim/scenario: the resolved YAML lists every parameter and loads back to the same scenario") {
  const Scenario original = load_scenario(scenario_file(kValid));
  const std::string resolved = resolved_scenario_yaml(original);
  for (const auto& row : parameter_table()) CHECK_THAT(resolved, Catch::Contains("    " + row.name + ": "));
  const Scenario reloaded = load_scenario(scenario_file(resolved, "resolved.yaml"));
  CHECK(reloaded.name == original.name);
  CHECK(reloaded.description == original.description);
  CHECK(reloaded.seed == original.seed);
  CHECK(reloaded.dyads == original.dyads);
  CHECK(reloaded.span_days == original.span_days);
  CHECK(reloaded.bouts_per_day == original.bouts_per_day);
  CHECK(reloaded.bout_seconds == original.bout_seconds);
  CHECK(reloaded.correlations == original.correlations);
  CHECK(reloaded.strange_situation == original.strange_situation);
  // Parameters the file left out come back fixed at their table default.
  REQUIRE(reloaded.population.size() == parameter_table().size());
  for (const auto& draw : reloaded.population) {
    const auto& row = parameter_table()[draw.parameter];
    Distribution expected{.kind = DistributionKind::fixed, .value = row.default_value};
    for (const auto& given : original.population)
      if (given.parameter == draw.parameter) expected = given.distribution;
    INFO(row.qualified());
    CHECK(draw.distribution == expected);
  }
  // Resolving again changes nothing but the provenance comment.
  const auto body = [](const std::string& yaml) { return yaml.substr(yaml.find("name:")); };
  CHECK(body(resolved_scenario_yaml(reloaded)) == body(resolved));
}

TEST_CASE("sim/scenario: resolved YAML keeps awkward text and implicit defaults") {
  const Scenario original = load_scenario(scenario_file(
      "name: \"odd \\\"name\\\": with # and \\\\ back\"\ndescription: \"a \\t tab\"\n"
      "span_days: 1\nbouts_per_day: 1\nbout_seconds: 10\n"
      "population:\n  infant:\n    reactivity: {dist: lognormal, median: 5, sigma: 0.1}\n"));
  const Scenario reloaded = load_scenario(scenario_file(resolved_scenario_yaml(original), "resolved.yaml"));
  CHECK(reloaded.name == original.name);
  CHECK(reloaded.description == original.description);
  CHECK(original.description == "a \t tab");
  CHECK(reloaded.seed == 1u);
  CHECK(reloaded.dyads == 1000u);
  CHECK(reloaded.strange_situation.ages_months.empty());
  // A median at the range's bound stays valid once written back as mu = log(median).
  CHECK(draw_of(reloaded, "infant", "reactivity") == draw_of(original, "infant", "reactivity"));
}

TEST_CASE("sim/scenario: an assessment after the end of the span is an error naming the line") {
  const auto path = scenario_file("name: late\nspan_days: 365\nbouts_per_day: 6\nbout_seconds: 300\n"
                               "assessments:\n  strange_situation:\n    ages_months: [12, 18]\n");
  const auto issues = validate_scenario(path);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 7);
  CHECK_THAT(issues[0].message, Catch::Contains("after the end of span_days 365"));
}

TEST_CASE("sim/scenario: the still-face paradigm loads with its default phase length and resolves back") {
  const auto path = scenario_file(kScenarioHead + "assessments:\n  still_face:\n    age_months: 4\n");
  const Scenario s = load_scenario(path);
  CHECK(s.still_face.scheduled);
  CHECK(s.still_face.age_months == 4.0);
  CHECK(s.still_face.phase_seconds == 120);
  const auto resolved = scenario_file(resolved_scenario_yaml(s), "resolved.yaml");
  CHECK(load_scenario(resolved).still_face == s.still_face);
  CHECK_FALSE(load_scenario(scenario_file(kScenarioHead)).still_face.scheduled);
}

TEST_CASE("sim/scenario: still-face errors name the line and key") {
  const auto check = [](const std::string& block, int line, const std::string& key, const std::string& text) {
    const auto issues = validate_scenario(scenario_file(kScenarioHead + "assessments:\n  still_face:\n" + block));
    const auto issue = issue_for(issues, key);
    CHECK(issues.size() == 1);
    CHECK(issue.line == line);
    CHECK_THAT(issue.message, Catch::Contains(text));
  };
  check("    age_months: 1.5\n", 7, "assessments.still_face.age_months", "outside [2, 9] months");
  check("    age_months: 10\n", 7, "assessments.still_face.age_months", "outside [2, 9] months");
  check("    age_months: 4\n    phase_seconds: 20\n", 8, "assessments.still_face.phase_seconds", "30");
  check("    age_months: 4\n    phase_seconds: 601\n", 8, "assessments.still_face.phase_seconds", "300");
  check("    age_months: 4\n    phase_second: 120\n", 8, "assessments.still_face.phase_second", "did you mean 'phase_seconds'");
  check("    phase_seconds: 120\n", 7, "assessments.still_face.age_months", "missing required key 'age_months'");
  // After the end of the span.
  const auto issues = validate_scenario(scenario_file(
      "name: short\nspan_days: 100\nbouts_per_day: 6\nbout_seconds: 300\nassessments:\n  still_face:\n    age_months: 4\n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 7);
  CHECK_THAT(issues[0].message, Catch::Contains("after the end of span_days 100"));
}
