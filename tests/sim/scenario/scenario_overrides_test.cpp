// Overrides given beside a scenario file (`--set`, Python's overrides=): applied before the
// loader's checks, refused with a message naming the override, and a later one wins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using attune::testing::TempFolder;
using attune::testing::write_text;

namespace {

const std::string kNormative = std::string(ATTUNE_SOURCE_DIR) + "/scenarios/normative.yaml";

/// The draw of `name` in the scenario, or null when the parameter is not drawn.
const ParameterDraw* draw_of(const Scenario& scenario, const std::string& name) {
  const auto& table = parameter_table();
  for (const auto& draw : scenario.population)
    if (table[draw.parameter].group + "." + table[draw.parameter].name == name) return &draw;
  return nullptr;
}

}  // namespace

TEST_CASE("sim/scenario/overrides: parse_override reads group.name=value and refuses other shapes") {
  const auto override = parse_override("caregiver.repair=0.7", "--set");
  CHECK(override.key == "caregiver.repair");
  CHECK(override.value == "0.7");
  CHECK(override.origin == "--set caregiver.repair=0.7");
  CHECK(parse_override("caregiver.repair.mean=0.6", "--set").key == "caregiver.repair.mean");
  for (const std::string bad : {"caregiver.repair", "repair=0.7", "caregiver..repair=1", "caregiver.repair=",
                                "a.b.c.d=1", ".repair=1", "caregiver.re pair=1"})
    CHECK_THROWS_AS(parse_override(bad, "--set"), std::invalid_argument);
  CHECK_THROWS_WITH(parse_override("repair=0.7", "--set"), Catch::Contains("--set 'repair=0.7'"));
}

TEST_CASE("sim/scenario/overrides: a fixed value replaces the draw and its correlations, a later one wins") {
  const Scenario plain = load_scenario(kNormative);
  REQUIRE(draw_of(plain, "caregiver.detection") != nullptr);
  const Scenario fixed = load_scenario(kNormative, {parse_override("caregiver.detection=0.3", "--set"),
                                                    parse_override("caregiver.detection=0.6", "--set")});
  REQUIRE(draw_of(fixed, "caregiver.detection") != nullptr);
  // A fixed value leaves no spread to correlate: no correlation may name it, and its value
  // is the last override's.
  const auto& table = parameter_table();
  for (const auto& correlation : fixed.correlations)
    for (std::size_t index : {correlation.a, correlation.b})
      CHECK(table[index].group + "." + table[index].name != "caregiver.detection");
  CHECK(fixed.correlations.size() < plain.correlations.size());
  CHECK(resolved_scenario_yaml(fixed).find("detection: 0.6") != std::string::npos);
  CHECK(resolved_scenario_yaml(fixed).find("detection: 0.3") == std::string::npos);
}

TEST_CASE("sim/scenario/overrides: a bad value or key is refused at the override, with the loader's message") {
  const auto refused = [](const std::string& text) {
    try {
      load_scenario(kNormative, {parse_override(text, "--set")});
    } catch (const ScenarioError& e) {
      REQUIRE(!e.issues.empty());
      return e.issues.front().to_string();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    FAIL("accepted: " << text);
    return std::string();
  };
  const std::string out_of_range = refused("caregiver.repair=1.7");
  CHECK_THAT(out_of_range, Catch::StartsWith("--set caregiver.repair=1.7: key 'population.caregiver.repair'"));
  CHECK_THAT(refused("caregiver.repiar=0.5"), Catch::StartsWith("--set caregiver.repiar=0.5:"));
  CHECK_THAT(refused("caregiver.repair=abc"), Catch::StartsWith("--set caregiver.repair=abc:"));
  CHECK_THAT(refused("caregiver.repair.median=0.5"), Catch::Contains("--set caregiver.repair.median=0.5"));
  // validate reports the same issue without throwing.
  const auto issues = validate_scenario(kNormative, {parse_override("caregiver.repair=1.7", "--set")});
  REQUIRE(issues.size() == 1);
  CHECK(issues.front().to_string() == out_of_range);
  CHECK(validate_scenario(kNormative, {parse_override("caregiver.repair.mean=0.6", "--set")}).empty());
}

TEST_CASE("sim/scenario/overrides: a scenario of another shape takes an override or refuses it at the override") {
  TempFolder folder("attune_overrides", "shapes");
  const std::string head = "name: t\nseed: 1\ndyads: 5\nspan_days: 30\nbouts_per_day: 2\nbout_seconds: 60\n";
  const auto first_issue = [&](const std::string& body, const std::string& set) {
    const auto file = write_text(folder / "shape.yaml", head + body).string();
    const auto issues = validate_scenario(file, {parse_override(set, "--set")});
    return issues.empty() ? std::string("valid") : issues.front().to_string();
  };
  // No population section, or none for the group: the override makes them.
  CHECK(first_issue("", "caregiver.repair=0.5") == "valid");
  CHECK(first_issue("population:\n  infant:\n    reactivity: 0.5\n", "caregiver.repair=0.5") == "valid");
  CHECK(load_scenario((folder / "shape.yaml").string(), {parse_override("caregiver.repair=0.5", "--set")}).overrides ==
        std::vector<std::string>{"caregiver.repair=0.5"});
  // A misspelt parameter of a field override is named so, not said to have no distribution.
  CHECK_THAT(first_issue("", "caregiver.repiar.mean=0.5"),
             Catch::StartsWith("--set caregiver.repiar.mean=0.5: key 'population.caregiver.repiar.mean': no parameter "
                               "caregiver.repiar in the parameter table; did you mean 'caregiver.repair'?"));
  // A misspelt group the override made is reported at it, not in the file.
  CHECK_THAT(first_issue("", "caregivr.repair=0.5"),
             Catch::StartsWith("--set caregivr.repair=0.5: key 'population.caregivr': unknown parameter group"));
  // A scalar where a mapping belongs is refused at the override (yaml-cpp would throw a bare
  // "operator[] call on a scalar", exit 1).
  CHECK_THAT(first_issue("population: 3\n", "caregiver.repair=0.5"),
             Catch::StartsWith("--set caregiver.repair=0.5: key 'population.caregiver.repair': the scenario's population "
                               "is not a mapping"));
  CHECK_THAT(first_issue("population:\n  caregiver: 3\n", "caregiver.repair.mean=0.5"),
             Catch::StartsWith("--set caregiver.repair.mean=0.5: key 'population.caregiver.repair.mean': the scenario's "
                               "population.caregiver is not a mapping"));
  CHECK_THROWS_AS(load_scenario((folder / "shape.yaml").string(), {parse_override("caregiver.repair=0.5", "--set")}),
                  ScenarioError);
  // An error the file wrote in another field of the distribution a field override sets keeps
  // the file's line: the override did not cause it.
  const std::string bad_mean = "population:\n  caregiver:\n    repair: {dist: beta, mean: 1.5, sd: 0.1}\n";
  CHECK(first_issue(bad_mean, "caregiver.repair.mean=0.5") == "valid");
  CHECK_THAT(first_issue(bad_mean, "caregiver.repair.sd=0.05"),
             Catch::StartsWith((folder / "shape.yaml").string() + ":9:") &&
                 Catch::Contains("key 'population.caregiver.repair.mean'"));
  // The one the override writes is located at it.
  CHECK_THAT(first_issue("population:\n  caregiver:\n    repair: {dist: beta, mean: 0.5, sd: 0.1}\n",
                         "caregiver.repair.mean=1.5"),
             Catch::StartsWith("--set caregiver.repair.mean=1.5: key 'population.caregiver.repair.mean'"));
}

TEST_CASE("sim/scenario/overrides: refuse_overlaps refuses an override of what another setter sets, and only that") {
  const auto overrides = [](std::initializer_list<const char*> texts) {
    std::vector<ScenarioOverride> out;
    for (const char* text : texts) out.push_back(parse_override(text, "--set"));
    return out;
  };
  const std::vector<std::string> axes = {"caregiver.repair", "infant.reactivity.mean"};
  for (const char* overlapping : {"caregiver.repair=0.5", "caregiver.repair.mean=0.5", "infant.reactivity=1",
                                  "infant.reactivity.mean=1"}) {
    INFO(overlapping);
    try {
      refuse_overlaps(overrides({"caregiver.detection=0.5", overlapping}), axes, "the sweep's axis");
      FAIL("not refused");
    } catch (const ScenarioError& e) {
      REQUIRE(e.issues.size() == 1);
      CHECK_THAT(e.issues.front().to_string(), Catch::StartsWith(std::string("--set ") + overlapping + ": key 'population."));
      CHECK_THAT(e.issues.front().message, Catch::StartsWith("the sweep's axis "));
    }
  }
  // Another field of a swept distribution, another parameter, or a name that only starts alike.
  CHECK_NOTHROW(refuse_overlaps(overrides({"infant.reactivity.sd=0.1", "caregiver.detection=0.5", "caregiver.repairs=1"}),
                                axes, "the sweep's axis"));
}
