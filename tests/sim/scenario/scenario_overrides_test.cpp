// Overrides given beside a scenario file (`--set`, Python's overrides=): applied before the
// loader's checks, refused with a message naming the override, and a later one wins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario_overrides.hpp"

using namespace attune;

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

TEST_CASE("sim/scenario/overrides: a fixed value replaces the draw and its correlations; a later one wins") {
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
