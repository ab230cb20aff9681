// The per-second step of models/interaction.hpp across SIMD lanes, one dyad per lane.
//
// Every rule of the scalar step is here as a choice among values (IfThenElse on masks),
// with the same arithmetic in the same order, so each lane computes the scalar step's
// bits (tests/models/interaction_lanes_simd_test.cpp checks it on every target). The
// scalar step draws three variates each second whatever happens, so the lanes' streams
// stay in step. What is rare and touches one dyad's own memory — the working model's
// learning at a fright, a disruption or an episode's end, the repair-latency histogram —
// is done lane by lane in scalar code, in the scalar step's order.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "models/interaction_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <algorithm>
#include <cstdint>
#include <functional>

#include "models/interaction_lanes.hpp"
#include "sim/random/random_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attune {
namespace HWY_NAMESPACE {

/// Calls `learn(lane)` for every lane set in `mask` (lanes past the real ones never are).
template <class DF, class M, class Learn>
HWY_INLINE void for_each_lane(DF df, M mask, Learn&& learn) {
  if (HWY_LIKELY(hn::AllFalse(df, mask))) return;
  uint8_t bits[8] = {};
  hn::StoreMaskBits(df, mask, bits);
  for (std::size_t l = 0; l < hn::Lanes(df); ++l)
    if ((bits[l / 8] >> (l % 8)) & 1) learn(l);
}

/// `when ? then : otherwise`, lane by lane, for masks.
template <class M>
HWY_INLINE M select(M when, M then, M otherwise) {
  return hn::Or(hn::And(when, then), hn::AndNot(when, otherwise));
}

/// One vector's worth of lanes (n of them real) through a whole bout.
template <class DF>
HWY_INLINE void run_vector(DF df, int seconds, const BoutLane* lanes, std::size_t n) {
  using V = hn::Vec<DF>;
  using M = hn::Mask<DF>;
  const hn::RebindToUnsigned<DF> du;
  const std::size_t width = hn::Lanes(df);
  const M real = hn::FirstN(df, n);
  // Each lane's rates (a StepRates member, or a value worked out from them); lanes past n
  // repeat lane 0 (their results are dropped).
  const auto per_lane = [&](auto get) {
    HWY_ALIGN double values[kMaxStreamLanes];
    for (std::size_t l = 0; l < width; ++l) values[l] = std::invoke(get, *lanes[l < n ? l : 0].rates);
    return hn::Load(df, values);
  };
  const V onset = per_lane(&StepRates::onset);
  const V inverse_onset = per_lane(&StepRates::inverse_onset);
  const V tracking = per_lane(&StepRates::tracking);
  const V inverse_tracking = per_lane(&StepRates::inverse_tracking);
  const V inverse_untracking = per_lane(&StepRates::inverse_untracking);
  const V size_low = per_lane(&StepRates::size_low);
  const V size_span = per_lane(&StepRates::size_span);
  const V frightening = per_lane(&StepRates::frightening);
  const V fright_first = per_lane([](const StepRates& r) { return r.frightening + r.fright_in_distress; });
  const V fright_arousal = per_lane(&StepRates::fright_arousal);
  const V untracked_shift = per_lane(&StepRates::untracked_shift);
  const V cue_threshold = per_lane(&StepRates::cue_threshold);
  const V cue_base = per_lane(&StepRates::cue_base);
  const V cue_gain = per_lane(&StepRates::cue_gain);
  const V detection = per_lane(&StepRates::detection);
  const V contingency = per_lane(&StepRates::contingency);
  const V promptness = per_lane(&StepRates::promptness);
  const V misread_edge = per_lane(&StepRates::misread_edge);
  const V rebuff_calm = per_lane([](const StepRates& r) { return r.rebuff_width[0]; });
  const V rebuff_distress = per_lane([](const StepRates& r) { return r.rebuff_width[1]; });
  const V intrusive_calm = per_lane([](const StepRates& r) { return r.intrusive_width[0]; });
  const V intrusive_distress = per_lane([](const StepRates& r) { return r.intrusive_width[1]; });
  const V disrupted_calm = per_lane([](const StepRates& r) { return r.disrupted_width[0]; });
  const V disrupted_distress = per_lane([](const StepRates& r) { return r.disrupted_width[1]; });
  const V repair = per_lane(&StepRates::repair);
  const V intrusion_arousal = per_lane(&StepRates::intrusion_arousal);
  const V contingency_window = per_lane(&StepRates::contingency_window);
  const V timely_answer = per_lane(&StepRates::timely_answer);
  const V self_regulation = per_lane(&StepRates::self_regulation);
  const V coregulated = per_lane([](const StepRates& r) { return r.self_regulation + r.coregulation; });
  const V mismatch_drive = per_lane(&StepRates::mismatch_drive);
  const V arousal_noise = per_lane(&StepRates::arousal_noise);
  const V inverse_tolerance = per_lane(&StepRates::inverse_tolerance);
  const V crying_arousal = per_lane(&StepRates::crying_arousal);
  const V episode_end = per_lane(&StepRates::episode_end);
  const V zero = hn::Zero(df), one = hn::Set(df, 1.0);

  Rng* streams[kMaxStreamLanes];
  for (std::size_t l = 0; l < n; ++l) streams[l] = lanes[l].stream;
  auto engines = load_streams(du, streams, n);

  // The bout's state (InteractionState) and its tallies since the bout began.
  V arousal = zero, waited = zero, mismatch = zero, relief = zero;
  M matched = hn::FirstN(df, 0), engaged = matched, signalling = matched;
  M contingent = hn::FirstN(df, width);
  M answered = matched, bid_answered = matched, rejected = matched, comforted = matched;
  V matched_seconds = zero, high_seconds = zero, ruptures = zero, repairs = zero;
  // The arousal sum goes on from the day's, added to in the scalar step's order.
  HWY_ALIGN double sums[kMaxStreamLanes];
  for (std::size_t l = 0; l < width; ++l) sums[l] = lanes[l < n ? l : 0].counts->arousal_sum;
  V arousal_sum = hn::Load(df, sums);

  const auto learn_episode = [&](M ending, bool relieved) {
    if (HWY_LIKELY(hn::AllFalse(df, hn::And(ending, real)))) return;
    HWY_ALIGN double relief_of[kMaxStreamLanes];
    uint8_t answered_bits[8] = {}, bid_bits[8] = {}, rejected_bits[8] = {}, comforted_bits[8] = {};
    hn::Store(relief, df, relief_of);
    hn::StoreMaskBits(df, answered, answered_bits);
    hn::StoreMaskBits(df, bid_answered, bid_bits);
    hn::StoreMaskBits(df, rejected, rejected_bits);
    hn::StoreMaskBits(df, comforted, comforted_bits);
    for_each_lane(df, hn::And(ending, real), [&](std::size_t l) {
      const auto bit = [l](const uint8_t* bits) { return ((bits[l / 8] >> (l % 8)) & 1) != 0; };
      EpisodeOutcome outcome;
      outcome.answered = bit(answered_bits);
      outcome.bid_answered = bit(bid_bits);
      outcome.rejected = bit(rejected_bits);
      outcome.relief_seconds = static_cast<int>(relief_of[l]);
      outcome.relieved = relieved;
      outcome.comforted = bit(comforted_bits);
      learn_from_episode(*lanes[l].model, outcome, *lanes[l].iwm);
    });
  };

  for (int t = 0; t < seconds; ++t) {
    // The three variates, in the scalar step's order.
    const V u = uniform01(df, engines);
    const V c = uniform01(df, engines);
    const V innovation = standard_normal(df, engines);

    // Stage 1: the infant's events.
    const M first_second = hn::And(signalling, hn::Eq(relief, zero));
    const V fright_edge = hn::Add(onset, hn::IfThenElse(first_second, fright_first, frightening));
    const M is_onset = hn::Lt(u, onset);
    const M is_fright = hn::AndNot(is_onset, hn::Lt(u, fright_edge));
    const M is_shift =
        hn::AndNot(hn::Or(is_onset, is_fright), hn::And(matched, hn::Lt(u, hn::Add(fright_edge, untracked_shift))));
    const V w = hn::Mul(u, inverse_onset);
    const M kept = hn::Lt(w, tracking);
    const V size = hn::IfThenElse(
        matched, hn::IfThenElse(kept, hn::Mul(w, inverse_tracking), hn::Mul(hn::Sub(w, tracking), inverse_untracking)),
        w);
    arousal = hn::IfThenElse(is_onset, hn::Add(arousal, hn::Add(size_low, hn::Mul(size_span, size))), arousal);
    arousal = hn::IfThenElse(is_fright, hn::Add(arousal, fright_arousal), arousal);
    for_each_lane(df, hn::And(is_fright, real), [&](std::size_t l) { learn_from_fright(*lanes[l].model, *lanes[l].iwm); });
    const M rupture = hn::And(matched, hn::Or(hn::AndNot(kept, is_onset), hn::Or(is_fright, is_shift)));
    matched = hn::AndNot(rupture, matched);
    engaged = hn::AndNot(rupture, engaged);
    mismatch = hn::IfThenElse(rupture, zero, mismatch);
    ruptures = hn::Add(ruptures, hn::IfThenElseZero(rupture, one));

    // Stage 2: noticing, or the response chain, for an unmatched caregiver who did not
    // just frighten the infant.
    const M active = hn::AndNot(hn::Or(matched, is_fright), hn::FirstN(df, width));
    const M distress = hn::Ge(arousal, cue_threshold);
    const V raw = hn::IfThenElse(distress, hn::Add(cue_base, hn::Mul(cue_gain, hn::Sub(arousal, cue_threshold))), cue_base);
    const V noticing = hn::Mul(detection, hn::IfThenElse(hn::Lt(raw, one), raw, one));
    const M noticed = hn::AndNot(engaged, hn::And(active, hn::Lt(c, noticing)));
    const M responding = hn::And(active, engaged);
    waited = hn::IfThenElse(responding, hn::Add(waited, one), waited);
    const M prompt = hn::And(responding, hn::Lt(c, promptness));
    const M timed = hn::And(contingent, hn::Le(waited, contingency_window));
    const V rebuff_edge = hn::Add(misread_edge, hn::IfThenElse(distress, rebuff_distress, rebuff_calm));
    const V intrusive_edge = hn::Add(rebuff_edge, hn::IfThenElse(distress, intrusive_distress, intrusive_calm));
    const V disrupted_edge = hn::Add(intrusive_edge, hn::IfThenElse(distress, disrupted_distress, disrupted_calm));
    const M mistimed = hn::AndNot(timed, prompt);
    const M in_time = hn::And(prompt, timed);
    const M misread = hn::And(in_time, hn::Lt(c, misread_edge));
    const M read = hn::AndNot(misread, in_time);
    const M fitting = hn::And(read, hn::Ge(c, disrupted_edge));
    const M unfit = hn::AndNot(fitting, read);
    const M rebuffed = hn::And(unfit, hn::Lt(c, rebuff_edge));
    const M intrusive = hn::AndNot(rebuffed, hn::And(unfit, hn::Lt(c, intrusive_edge)));
    const M disrupted = hn::AndNot(hn::Or(rebuffed, intrusive), unfit);
    const M failed = hn::Or(hn::Or(mistimed, misread), unfit);
    const V low = hn::IfThenElse(rebuffed, misread_edge,
                                 hn::IfThenElse(intrusive, rebuff_edge, hn::IfThenElse(disrupted, intrusive_edge, zero)));
    const V high = hn::IfThenElse(
        mistimed, promptness,
        hn::IfThenElse(misread, misread_edge,
                       hn::IfThenElse(rebuffed, rebuff_edge, hn::IfThenElse(intrusive, intrusive_edge, disrupted_edge))));
    const M re_engaged = hn::Lt(c, hn::Add(low, hn::Mul(hn::Sub(high, low), repair)));
    bid_answered = hn::Or(bid_answered, hn::And(read, distress));
    rejected = hn::Or(rejected, rebuffed);
    arousal = hn::IfThenElse(hn::Or(intrusive, disrupted), hn::Add(arousal, intrusion_arousal), arousal);
    for_each_lane(df, hn::And(disrupted, real),
                  [&](std::size_t l) { learn_from_disruption(*lanes[l].model, *lanes[l].iwm); });
    if (HWY_UNLIKELY(!hn::AllFalse(df, hn::And(fitting, real)))) {
      HWY_ALIGN double latency[kMaxStreamLanes];
      hn::Store(mismatch, df, latency);
      for_each_lane(df, hn::And(fitting, real), [&](std::size_t l) {
        ++lanes[l].counts->repair_latency[std::min(static_cast<int>(latency[l]), kLatencyBins - 1)];
      });
    }
    answered = hn::Or(answered, hn::And(hn::And(fitting, signalling), hn::Le(relief, timely_answer)));
    repairs = hn::Add(repairs, hn::IfThenElseZero(fitting, one));
    matched = hn::Or(matched, fitting);
    contingent = select(noticed, hn::Lt(c, hn::Mul(noticing, contingency)), contingent);
    engaged = hn::Or(noticed, select(failed, re_engaged, hn::AndNot(fitting, engaged)));
    waited = hn::IfThenElse(hn::Or(noticed, failed), zero, waited);
    const M attending = hn::Or(noticed, prompt);

    // Stage 3: regulation.
    const V rate = hn::IfThenElse(matched, coregulated, self_regulation);
    const V building = hn::Mul(mismatch, inverse_tolerance);
    const V frustration =
        hn::IfThenElse(matched, zero, hn::Mul(mismatch_drive, hn::IfThenElse(hn::Lt(building, one), building, one)));
    arousal = hn::Add(arousal, hn::Add(hn::Sub(frustration, hn::Mul(rate, arousal)), hn::Mul(arousal_noise, innovation)));

    // Stage 4: tallies and the signal episode.
    matched_seconds = hn::Add(matched_seconds, hn::IfThenElseZero(matched, one));
    high_seconds = hn::Add(high_seconds, hn::IfThenElseZero(hn::Ge(arousal, crying_arousal), one));
    arousal_sum = hn::Add(arousal_sum, arousal);
    mismatch = hn::IfThenElse(matched, mismatch, hn::Add(mismatch, one));
    const M starting = hn::AndNot(signalling, hn::Ge(arousal, cue_threshold));
    relief = hn::IfThenElse(signalling, hn::Add(relief, one), hn::IfThenElse(starting, zero, relief));
    comforted = select(starting, hn::Or(hn::Or(engaged, matched), attending),
                       hn::Or(comforted, hn::And(signalling, attending)));
    answered = hn::AndNot(starting, answered);
    bid_answered = hn::AndNot(starting, bid_answered);
    rejected = hn::AndNot(starting, rejected);
    const M ending = hn::And(signalling, hn::Lt(arousal, episode_end));
    learn_episode(ending, true);
    signalling = hn::Or(hn::AndNot(ending, signalling), starting);
  }
  learn_episode(signalling, false);  // an episode open at the bout's end, unrelieved

  store_streams(du, engines, streams, n);
  HWY_ALIGN double matched_of[kMaxStreamLanes] = {}, high_of[kMaxStreamLanes] = {}, ruptures_of[kMaxStreamLanes] = {},
      repairs_of[kMaxStreamLanes] = {}, sum_of[kMaxStreamLanes] = {};  // GCC cannot see Store fill them
  hn::Store(matched_seconds, df, matched_of);
  hn::Store(high_seconds, df, high_of);
  hn::Store(ruptures, df, ruptures_of);
  hn::Store(repairs, df, repairs_of);
  hn::Store(arousal_sum, df, sum_of);
  for (std::size_t l = 0; l < n; ++l) {
    InteractionCounts& counts = *lanes[l].counts;
    counts.seconds += static_cast<std::uint64_t>(seconds);
    counts.matched_seconds += static_cast<std::uint64_t>(matched_of[l]);
    counts.high_arousal_seconds += static_cast<std::uint64_t>(high_of[l]);
    counts.ruptures += 1 + static_cast<std::uint64_t>(ruptures_of[l]);  // the bout opens mismatched
    counts.repairs += static_cast<std::uint64_t>(repairs_of[l]);
    counts.arousal_sum = sum_of[l];
  }
}

void run_bout_lanes(int seconds, const BoutLane* lanes, std::size_t count) {
  const hn::ScalableTag<double> df;
  const std::size_t width = hn::Lanes(df);
  for (std::size_t first = 0; first < count; first += width)
    run_vector(df, seconds, lanes + first, std::min(width, count - first));
}

}  // namespace HWY_NAMESPACE
}  // namespace attune
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace attune {

HWY_EXPORT(run_bout_lanes);

void run_bouts_across_lanes(int seconds, const BoutLane* lanes, std::size_t count) {
  HWY_DYNAMIC_DISPATCH(run_bout_lanes)(seconds, lanes, count);
}

}  // namespace attune
#endif  // HWY_ONCE
