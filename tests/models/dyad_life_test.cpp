// A dyad's life is a pure function of (plan, parameters, seed, id); tracing it does not
// change it.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "models/record_columns.hpp"

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

TEST_CASE("models/dyad_life: a group of dyads run side by side lives each one's life bit for bit", "[simd]") {
  // Five dyads, unlike each other (a more and a less sensitive caregiver, a reactive
  // infant), with every assessment scheduled: a part-filled vector on every target.
  LifePlan plan = short_plan();
  plan.still_face_day = assessment_day(4.0);
  plan.still_face_phase_seconds = 60;
  plan.sensitivity_observation.days[plan.sensitivity_observation.count++] = assessment_day(3.0);
  plan.sensitivity_observation.seconds = 300;
  std::vector<Parameters> drawn(5, default_parameters());
  drawn[1].caregiver.detection *= 0.4;
  drawn[2].caregiver.repair = 0.9;
  drawn[3].infant.reactivity *= 1.6;
  drawn[4].caregiver.rejection = 0.5;
  std::vector<DyadStart> starts;
  for (std::size_t i = 0; i < drawn.size(); ++i) starts.push_back({&drawn[i], 40 + i, {}});
  std::vector<DyadRecord> together(drawn.size()), alone(drawn.size());
  simulate_dyads(plan, 17, starts, together);
  const auto same = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };  // NaN too
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    INFO("dyad " << i);
    simulate_dyad(plan, drawn[i], 17, 40 + i, alone[i]);
    int differing = 0;
    for (const auto& column : record_columns()) differing += !same(column.value(together[i]), column.value(alone[i]));
    for (const auto& column : still_face_columns()) differing += !same(column.value(together[i]), column.value(alone[i]));
    CHECK(differing == 0);
    CHECK(std::memcmp(&together[i].iwm_final, &alone[i].iwm_final, sizeof(WorkingModel)) == 0);
    CHECK(together[i].interaction.repair_latency == alone[i].interaction.repair_latency);
    CHECK(same(together[i].sensitivity_observation.rating[0], alone[i].sensitivity_observation.rating[0]));
  }
  // The dyads did live different lives (the check above compares something).
  CHECK(together[0].interaction.arousal_sum != together[3].interaction.arousal_sum);
}
