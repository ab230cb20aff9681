// A dyad's life is a pure function of (plan, parameters, seed, id); tracing it does not
// change it.
#include <catch2/catch.hpp>

#include <vector>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

LifePlan short_plan() {
  LifePlan plan;
  plan.span_days = 200;
  plan.bouts_per_day = 3;
  plan.bout_seconds = 120;
  plan.strange_situations = 1;
  plan.strange_situation_days[0] = assessment_day(6.0);
  return plan;
}

}  // namespace

TEST_CASE("models/dyad_life: the same seed and id give the same life, and another id another") {
  const Parameters p = default_parameters();
  DyadRecord a, b, c;
  simulate_dyad(short_plan(), p, 9, 4, a);
  simulate_dyad(short_plan(), p, 9, 4, b);
  simulate_dyad(short_plan(), p, 9, 5, c);
  CHECK(a.interaction.seconds == 200u * 3 * 120);
  CHECK(a.interaction.ruptures == b.interaction.ruptures);
  CHECK(a.interaction.arousal_sum == b.interaction.arousal_sum);
  CHECK(a.iwm_final.availability() == b.iwm_final.availability());
  CHECK(a.interaction.arousal_sum != c.interaction.arousal_sum);
  REQUIRE(a.strange_situations == 1);
  CHECK(a.months == 7);  // 200 days: six whole months and a partial seventh
}

TEST_CASE("models/dyad_life: tracing a day records it without changing the life") {
  const Parameters p = default_parameters();
  const LifePlan plan = short_plan();
  DyadRecord plain, traced;
  std::vector<TraceSecond> seconds;
  simulate_dyad(plan, p, 3, 1, plain);
  simulate_dyad_traced(plan, p, 3, 1, 50, traced, seconds);
  CHECK(plain.interaction.arousal_sum == traced.interaction.arousal_sum);
  CHECK(plain.iwm_final.rejection == traced.iwm_final.rejection);
  REQUIRE(seconds.size() == std::size_t(plan.bouts_per_day * plan.bout_seconds));
  // The trace's ruptures match the matched -> mismatched transitions it shows
  // (each bout also opens with one rupture before its first second).
  int transitions = 0, flagged = 0;
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    flagged += seconds[i].rupture;
    if (i > 0 && seconds[i].bout == seconds[i - 1].bout && seconds[i - 1].matched && !seconds[i].matched) ++transitions;
  }
  CHECK(flagged == transitions);
  CHECK(flagged > 0);
}
