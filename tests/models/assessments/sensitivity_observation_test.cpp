// The observation of caregiver sensitivity (models/assessments/sensitivity_observation.hpp):
// the rating follows the caregiver's latent sensitivity, and observing changes nothing of
// the life.
#include "models/assessments/sensitivity_observation.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/statistics/moments.hpp"
#include "models/bout_context.hpp"
#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

/// A 6-month-old's bout context with a caregiver of the given detection who otherwise
/// notices, reads, answers and fits every time, never rebuffs or frightens.
BoutContext observed_context(const Parameters& p, double detection) {
  const WorkingModel model = newborn_working_model(p.iwm);
  const CaregiverDay day{detection, 1.0, 1.0, 1.0, 0.3, 0.5, 0.0, 0.0, 0.0, 0.0};
  return bout_context(p, 6.0, day, signal_style(model, p.iwm), false);
}

analysis::RunningMoments observed_ratings(const Parameters& p, const BoutContext& context, int runs,
                                          std::uint64_t dyad) {
  const WorkingModel model = newborn_working_model(p.iwm);
  Rng rng = make_stream(17, dyad, StreamPurpose::sensitivity_observation);
  analysis::RunningMoments moments;
  for (int run = 0; run < runs; ++run)
    moments.add(observe_sensitivity(p, model, context, 15 * 60, rng).rating);
  return moments;
}

LifePlan observation_plan(bool observed) {
  LifePlan plan;
  plan.span_days = 160;
  plan.bouts_per_day = 3;
  plan.bout_seconds = 120;
  plan.strange_situations = 1;
  plan.strange_situation_days[0] = assessment_day(5.0);
  if (observed) {
    plan.sensitivity_observation.count = 2;
    plan.sensitivity_observation.days = {assessment_day(2.0), assessment_day(4.0)};
    plan.sensitivity_observation.seconds = 15 * 60;
  }
  return plan;
}

}  // namespace

TEST_CASE(
    "models/sensitivity_observation: a caregiver who notices every cue at once rates above one who rarely "
    "does") {
  // detection 1 against 0.05, all else perfect. With the infant's ordinary bids at salience
  // c_0 = 0.5 she notices within the coder's 5-s window with chance 1 - 0.5^6 = 0.98
  // against 1 - 0.975^6 = 0.14, and the bids of 15 minutes are tens: the first rates near
  // 9, the second near 5-6 (aware and prompt lost on most bids; expected composite about
  // (0.14 + 0.12 + 1 + 1) / 4 = 0.57, a 5.5). Seeds fixed: 9.0 against 5.3 here, SDs 0 and
  // 0.6 over 20 observations each; the 2-point margin stays beyond 10 standard errors
  // of the difference (0.13) if the seeds or the model's details move.
  const Parameters p = default_parameters();
  const auto attentive = observed_ratings(p, observed_context(p, 1.0), 20, 1);
  const auto inattentive = observed_ratings(p, observed_context(p, 0.05), 20, 2);
  INFO("detection 1: " << attentive.mean() << " (sd " << attentive.sd()
                       << "); detection 0.05: " << inattentive.mean() << " (sd " << inattentive.sd() << ")");
  CHECK(attentive.mean() > 8.0);
  CHECK(attentive.mean() - inattentive.mean() > 2.0);
  CHECK(attentive.min() >= 1.0);
  CHECK(attentive.max() <= 9.0);
}

TEST_CASE("models/sensitivity_observation: the same stream gives the same observation") {
  const Parameters p = default_parameters();
  const BoutContext context = observed_context(p, 0.45);
  const WorkingModel model = newborn_working_model(p.iwm);
  SensitivityTrace a, b;
  Rng first = make_stream(3, 4, StreamPurpose::sensitivity_observation);
  Rng second = make_stream(3, 4, StreamPurpose::sensitivity_observation);
  observe_caregiving(p, model, context, 600, first, a);
  observe_caregiving(p, model, context, 600, second, b);
  REQUIRE(a.seconds == 600);
  CHECK(a.signalled == b.signalled);
  CHECK(a.attuned == b.attuned);
  CHECK(a.act == b.act);
  // The observation is capped at the trace's size.
  observe_caregiving(p, model, context, kSensitivityMaxSeconds + 100, first, a);
  CHECK(a.seconds == kSensitivityMaxSeconds);
}

TEST_CASE("models/sensitivity_observation: observing changes neither the life nor the Strange Situation") {
  const Parameters p = default_parameters();
  for (std::uint64_t dyad = 0; dyad < 4; ++dyad) {
    INFO("dyad " << dyad);
    DyadRecord without, with;
    simulate_dyad(observation_plan(false), p, 11, dyad, without);
    simulate_dyad(observation_plan(true), p, 11, dyad, with);
    CHECK(without.sensitivity_observation.count == 0);
    CHECK(std::isnan(without.sensitivity_observation.mean_rating()));
    REQUIRE(with.sensitivity_observation.count == 2);
    for (int i = 0; i < 2; ++i) {
      CHECK(with.sensitivity_observation.rating[i] >= 1.0);
      CHECK(with.sensitivity_observation.rating[i] <= 9.0);
    }
    CHECK(with.interaction.arousal_sum == without.interaction.arousal_sum);
    CHECK(with.interaction.ruptures == without.interaction.ruptures);
    CHECK(with.iwm_final.availability() == without.iwm_final.availability());
    CHECK(with.iwm_final.efficacy == without.iwm_final.efficacy);
    CHECK(with.iwm_final.deactivation == without.iwm_final.deactivation);
    CHECK(with.iwm_final.hyperactivation == without.iwm_final.hyperactivation);
    REQUIRE(with.strange_situations == 1);
    CHECK(with.strange_situation[0].coding.classification ==
          without.strange_situation[0].coding.classification);
    CHECK(with.strange_situation[0].reunion_arousal == without.strange_situation[0].reunion_arousal);
  }
}
