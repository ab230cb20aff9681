// The teaching page's sliders (serve/teaching_controls.cpp): each changes exactly the
// part of the normative scenario it documents, and refuses values outside its range.
#include <catch2/catch.hpp>

#include <cmath>

#include <algorithm>

#include "models/parameter_table.hpp"
#include "tests/support/parameter_draws.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "sim/scenario/distribution.hpp"

using namespace attune;
using namespace attune::serve;

TEST_CASE("sim/serve/controls: at their normative values the sliders give scenarios/normative.yaml") {
  const Scenario file = load_scenario(ATTUNE_SOURCE_DIR "/scenarios/normative.yaml");
  std::map<std::string, double> values;
  for (const auto& c : teaching_controls()) values[c.id] = c.normative;
  const Scenario built = teaching_scenario(values, 123);
  CHECK(built.dyads == 123);
  CHECK(built.seed == file.seed);
  CHECK(built.span_days == file.span_days);
  CHECK(built.strange_situation == file.strange_situation);
  CHECK(built.correlations == file.correlations);
  // At rest the sliders change nothing: the stressor and support sliders do not pin
  // their parameter at its table default, which normative.yaml leaves undrawn.
  CHECK(built.population == file.population);
  CHECK(built.overrides.empty());
}

TEST_CASE("sim/serve/controls: each slider moves the part of the population it documents") {
  const Scenario normative = teaching_scenario({}, 10);
  SECTION("sensitivity scales the four component means, capped at 0.95") {
    const Scenario half = teaching_scenario({{"sensitivity", 0.5}}, 10);
    for (const char* name : {"detection", "reading", "promptness", "fit"}) {
      INFO(name);
      CHECK(mean(testing::drawn_distribution(half, "caregiver", name)) == Approx(0.5 * mean(testing::drawn_distribution(normative, "caregiver", name))));
    }
    const Scenario high = teaching_scenario({{"sensitivity", 1.5}}, 10);
    CHECK(mean(testing::drawn_distribution(high, "caregiver", "fit")) == Approx(0.95));  // 0.8 x 1.5 capped
    CHECK(mean(testing::drawn_distribution(high, "caregiver", "detection")) == Approx(0.675));
  }
  SECTION("the risk sliders move a distribution's centre and keep its spread") {
    const Scenario rebuffing = teaching_scenario({{"rejection", 0.3}, {"unresolved", 0.4}, {"inconsistency", 0.8}}, 10);
    const auto& rejection = testing::drawn_distribution(rebuffing, "caregiver", "rejection");
    REQUIRE(rejection.kind == DistributionKind::beta);
    CHECK(mean(rejection) == Approx(0.3));
    // A beta's SD from its shapes: the normative one kept.
    auto beta_sd = [](const Distribution& d) {
      const double a = d.alpha, b = d.beta;
      return std::sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    };
    CHECK(beta_sd(rejection) == Approx(beta_sd(testing::drawn_distribution(normative, "caregiver", "rejection"))));
    CHECK(beta_sd(rejection) > 0.0);
    CHECK(mean(testing::drawn_distribution(rebuffing, "caregiver", "unresolved")) == Approx(0.4));
    const auto& inconsistency = testing::drawn_distribution(rebuffing, "caregiver", "inconsistency");
    REQUIRE(inconsistency.kind == DistributionKind::lognormal);
    CHECK(std::exp(inconsistency.mu) == Approx(0.8));
    CHECK(inconsistency.sigma == testing::drawn_distribution(normative, "caregiver", "inconsistency").sigma);
  }
  SECTION("stressor sliders fix the parameter for every dyad") {
    const Scenario poor = teaching_scenario({{"poverty", 0.7}}, 10);
    CHECK(testing::drawn_distribution(poor, "stressors", "poverty").kind == DistributionKind::fixed);
    CHECK(testing::drawn_distribution(poor, "stressors", "poverty").value == 0.7);
  }
}

TEST_CASE("sim/serve/controls: unknown sliders and values outside a range are refused with a message") {
  CHECK_THROWS_WITH(teaching_scenario({{"sensitivty", 1}}, 10), Catch::Contains("unknown control 'sensitivty'"));
  CHECK_THROWS_WITH(teaching_scenario({{"repair", 1.2}}, 10), Catch::Contains("repair must lie in [0.05, 0.95]"));
  CHECK_THROWS_AS(teaching_scenario({{"support", -0.1}}, 10), ControlError);
  for (const auto& c : teaching_controls()) {
    INFO(c.id);
    CHECK(c.normative >= c.min);
    CHECK(c.normative <= c.max);
    CHECK_NOTHROW(teaching_scenario({{c.id, c.min}}, 10));
    CHECK_NOTHROW(teaching_scenario({{c.id, c.max}}, 10));
  }
}
