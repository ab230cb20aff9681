// The SIMD step gives every lane its dyad's scalar run_bout, bit for bit, on every
// instruction set this build compiled that the CPU runs (the scalar fallback included),
// for full and part-filled vectors and for contexts at the ends of their ranges.
// (Named *_simd_test so it is compiled with the kernel's list of targets.)
#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <hwy/highway.h>
#include <hwy/targets.h>

#include "models/bout_context.hpp"
#include "models/interaction.hpp"
#include "models/interaction_lanes.hpp"
#include "models/parameter_table.hpp"

using namespace attune;

namespace {

/// Eight dyads' contexts: ordinary days at several ages and some at the edges of the
/// rules (no tracking, full tracking, frequent onsets and frights, no caregiver, a
/// caregiver who always answers at once, one who never repairs, one who always rebuffs).
std::array<BoutContext, kMaxBoutLanes> lane_contexts(const Parameters& p, const WorkingModel& model) {
  std::array<BoutContext, kMaxBoutLanes> contexts{};
  for (std::size_t l = 0; l < contexts.size(); ++l) {
    const CaregiverDay day = caregiver_day(p.caregiver, p.stressors, StressorState{}, 0.0, 1.0);
    contexts[l] = bout_context(p, 1.0 + 1.5 * double(l), day, signal_style(model, p.iwm), false);
  }
  contexts[1].tracking = 0.0;
  contexts[1].distress_onset = 0.2;
  contexts[2].tracking = 1.0;
  contexts[2].frightening = 0.01;
  contexts[2].fright_in_distress = 0.5;
  contexts[3] = unanswered_context(contexts[3]);
  contexts[4].promptness = 1.0;
  contexts[4].detection = 1.0;
  contexts[4].contingency = 0.5;
  contexts[5].repair = 0.0;
  contexts[5].disruption = 0.5;
  contexts[6].rejection = 1.0;
  contexts[6].fit = 0.5;
  contexts[7].repair = 1.0;
  contexts[7].reading = 0.3;
  contexts[7].distress_onset = 0.0;  // no onset band at all (its inverse is 0)
  return contexts;
}

struct Lane {
  Rng stream = make_stream(1, 0, StreamPurpose::life);
  InteractionCounts counts;
  WorkingModel model{};
};

bool same_bits(const WorkingModel& a, const WorkingModel& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_counts(const InteractionCounts& a, const InteractionCounts& b) {
  return a.seconds == b.seconds && a.matched_seconds == b.matched_seconds &&
         a.high_arousal_seconds == b.high_arousal_seconds && a.ruptures == b.ruptures && a.repairs == b.repairs &&
         std::memcmp(&a.arousal_sum, &b.arousal_sum, sizeof a.arousal_sum) == 0 &&
         a.repair_latency == b.repair_latency;
}

}  // namespace

TEST_CASE("models/interaction_lanes: every lane is its dyad's scalar bout bit for bit on every target", "[simd]") {
  const Parameters p = default_parameters();
  const WorkingModel newborn = newborn_working_model(p.iwm);
  const auto contexts = lane_contexts(p, newborn);
  std::array<StepRates, kMaxBoutLanes> rates{};
  for (std::size_t l = 0; l < rates.size(); ++l) rates[l] = step_rates(contexts[l]);
  constexpr int kBouts = 6, kSeconds = 300;

  int targets = 0;
  for (const auto target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    INFO("target " << hwy::TargetName(target));
    ++targets;
    for (const std::size_t count : {std::size_t{1}, std::size_t{3}, std::size_t{8}}) {
      INFO("lanes " << count);
      std::array<Lane, kMaxBoutLanes> simd{}, scalar{};
      for (std::size_t l = 0; l < count; ++l) {
        simd[l].stream = scalar[l].stream = make_stream(5, l, StreamPurpose::life);
        simd[l].model = scalar[l].model = newborn;
      }
      std::array<BoutLane, kMaxBoutLanes> lanes{};
      std::array<long, 9> acts{};  // seconds of each CaregiverAct in the scalar bouts
      for (std::size_t l = 0; l < count; ++l)
        lanes[l] = {&rates[l], &simd[l].stream, &simd[l].counts, &simd[l].model, &p.iwm};
      for (int b = 0; b < kBouts; ++b) {
        run_bouts_across_lanes(kSeconds, lanes.data(), count);
        for (std::size_t l = 0; l < count; ++l)
          run_bout(kSeconds, contexts[l], scalar[l].stream, scalar[l].counts, scalar[l].model, p.iwm,
                   [&](int, const InteractionState& s, SecondEvents) { ++acts[static_cast<std::size_t>(s.act)]; });
      }
      for (std::size_t l = 0; l < count; ++l) {
        INFO("lane " << l);
        CHECK(same_counts(simd[l].counts, scalar[l].counts));
        CHECK(same_bits(simd[l].model, scalar[l].model));
        CHECK(simd[l].stream.state() == scalar[l].stream.state());
      }
      // The comparison covers the rare paths: repairs, frights and learned episodes happened.
      std::uint64_t repairs = 0;
      for (std::size_t l = 0; l < count; ++l) repairs += scalar[l].counts.repairs;
      CHECK(repairs > 0u);
      if (count == 8) {
        // Every branch of the response chain was taken, so the comparison covers each.
        for (const auto act : {CaregiverAct::noticed, CaregiverAct::fitting, CaregiverAct::mistimed,
                               CaregiverAct::misread, CaregiverAct::rebuffed, CaregiverAct::intrusive,
                               CaregiverAct::disrupted, CaregiverAct::frightening}) {
          INFO("act " << static_cast<int>(act));
          CHECK(acts[static_cast<std::size_t>(act)] > 0);
        }
        CHECK(scalar[2].model.fear > newborn.fear);
        CHECK(scalar[5].model.fear > newborn.fear);
        CHECK(scalar[0].model.day_episodes > 0.0);
      }
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  CHECK(targets >= 1);
}
