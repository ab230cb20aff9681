// The still-face paradigm (models/assessments/still_face.hpp): the still face really
// silences the caregiver, and scheduling the paradigm leaves the life unchanged.
#include <catch2/catch.hpp>

#include "analysis/statistics/moments.hpp"
#include "models/assessments/still_face.hpp"
#include "models/bout_context.hpp"
#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

BoutContext four_month_context(const Parameters& p) {
  const WorkingModel model = newborn_working_model(p.iwm);
  const CaregiverDay day{0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.0, 0.01, 0.0, 0.0};
  return bout_context(p, 4.0, day, signal_style(model, p.iwm), false);
}

LifePlan plan_with(bool still_face) {
  LifePlan plan;
  plan.span_days = 160;
  plan.bouts_per_day = 3;
  plan.bout_seconds = 120;
  plan.strange_situations = 1;
  plan.strange_situation_days[0] = assessment_day(5.0);
  if (still_face) {
    plan.still_face_day = assessment_day(4.0);
    plan.still_face_phase_seconds = 120;
  }
  return plan;
}

}  // namespace

TEST_CASE("models/still_face: in the still-face context the caregiver never notices, responds or frightens") {
  const Parameters p = default_parameters();
  const BoutContext play = four_month_context(p);
  const BoutContext still = still_face_context(play);
  // The infant's side is untouched.
  CHECK(still.self_regulation == play.self_regulation);
  CHECK(still.cue_threshold == play.cue_threshold);
  CHECK(still.mismatch_drive == play.mismatch_drive);

  // From an aroused, signalling infant: with a live caregiver this is repaired at once.
  WorkingModel model = newborn_working_model(p.iwm);
  Rng rng = make_stream(1, 2, StreamPurpose::still_face);
  InteractionState s;
  s.arousal = 1.5;
  InteractionCounts counts;
  bool ever_engaged = false, ever_matched = false;
  for (int t = 0; t < 600; ++t) {
    step_second(s, step_rates(still), rng, counts, model, p.iwm);
    ever_engaged |= s.engaged;
    ever_matched |= s.matched;
  }
  CHECK(counts.repairs == 0u);
  CHECK_FALSE(ever_engaged);
  CHECK_FALSE(ever_matched);
  CHECK(model.fear == newborn_working_model(p.iwm).fear);  // no frightening event
  // The same seconds with the live caregiver do repair.
  InteractionState live;
  live.arousal = 1.5;
  InteractionCounts live_counts;
  for (int t = 0; t < 600; ++t) step_second(live, step_rates(play), rng, live_counts, model, p.iwm);
  CHECK(live_counts.repairs > 0u);
}

TEST_CASE("models/still_face: the paradigm changes neither the life nor the Strange Situation") {
  const Parameters p = default_parameters();
  DyadRecord without, with;
  simulate_dyad(plan_with(false), p, 11, 3, without);
  simulate_dyad(plan_with(true), p, 11, 3, with);
  CHECK_FALSE(without.still_face_assessed);
  REQUIRE(with.still_face_assessed);
  CHECK(with.interaction.arousal_sum == without.interaction.arousal_sum);
  CHECK(with.interaction.ruptures == without.interaction.ruptures);
  CHECK(with.iwm_final.availability() == without.iwm_final.availability());
  CHECK(with.iwm_final.deactivation == without.iwm_final.deactivation);
  CHECK(with.iwm_final.hyperactivation == without.iwm_final.hyperactivation);
  REQUIRE(with.strange_situations == 1);
  CHECK(with.strange_situation[0].reunion_arousal == without.strange_situation[0].reunion_arousal);
  // Its scores are shares of the phase's seconds.
  for (const auto& phase : with.still_face.phases)
    for (double share : {phase.negative_affect, phase.positive_affect, phase.gaze}) {
      CHECK(share >= 0.0);
      CHECK(share <= 1.0);
    }
}

TEST_CASE("models/still_face: an unresponsive partner drives a default infant's negative affect up and its gaze away") {
  // One infant, many runs of the paradigm on its own stream: the still face raises negative
  // affect and lowers gaze against play. 200 runs; differences of means beyond 3 SE.
  const Parameters p = default_parameters();
  const BoutContext play = four_month_context(p);
  const WorkingModel model = newborn_working_model(p.iwm);
  Rng rng = make_stream(5, 0, StreamPurpose::still_face);
  analysis::RunningMoments negative, gaze;
  for (int run = 0; run < 200; ++run) {
    const auto r = run_still_face(p, model, play, 120, rng);
    negative.add(r.phases[kStillFace].negative_affect - r.phases[kPlay].negative_affect);
    gaze.add(r.phases[kStillFace].gaze - r.phases[kPlay].gaze);
  }
  INFO("still face minus play: negative affect " << negative.mean() << ", gaze " << gaze.mean());
  CHECK(negative.mean() > 3.0 * negative.standard_error());
  CHECK(gaze.mean() < -3.0 * gaze.standard_error());
}

TEST_CASE("models/still_face: the per-second trace records what the scores count and changes no draw") {
  const Parameters p = default_parameters();
  const BoutContext play = four_month_context(p);
  const WorkingModel model = newborn_working_model(p.iwm);
  Rng plain = make_stream(7, 3, StreamPurpose::still_face);
  Rng traced = make_stream(7, 3, StreamPurpose::still_face);
  StillFaceTrace trace;
  const StillFaceResult without = run_still_face(p, model, play, 120, plain);
  const StillFaceResult with = run_still_face(p, model, play, 120, traced, &trace);
  for (int phase = 0; phase < kStillFacePhases; ++phase) {
    CHECK(with.phases[phase].negative_affect == without.phases[phase].negative_affect);
    CHECK(with.phases[phase].positive_affect == without.phases[phase].positive_affect);
    CHECK(with.phases[phase].gaze == without.phases[phase].gaze);
  }
  CHECK(plain() == traced());  // the streams are where they would be: nothing extra drawn
  REQUIRE(trace.seconds.size() == 3 * 120);
  CHECK(trace.distress_threshold == play.cue_threshold);
  for (int phase = 0; phase < kStillFacePhases; ++phase) {
    int negative = 0, positive = 0, looking = 0, responding = 0;
    for (int t = 0; t < 120; ++t) {
      const StillFaceSecond& second = trace.seconds[static_cast<std::size_t>(phase * 120 + t)];
      negative += second.negative_affect;
      positive += second.positive_affect;
      looking += second.gaze;
      responding += second.caregiver_responding;
      CHECK(second.negative_affect == (second.arousal >= trace.distress_threshold));
    }
    CHECK(negative / 120.0 == with.phases[phase].negative_affect);
    CHECK(positive / 120.0 == with.phases[phase].positive_affect);
    CHECK(looking / 120.0 == with.phases[phase].gaze);
    if (phase == kStillFace) CHECK(responding == 0);  // she is still
  }
}
