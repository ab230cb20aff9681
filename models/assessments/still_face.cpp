#include "models/assessments/still_face.hpp"

#include <algorithm>
#include <cmath>

#include "models/bout_context.hpp"
#include "sim/random/random_variates.hpp"

namespace attune {
namespace {

/// Where the infant looks. Gaze is re-decided at rate lambda_g; it goes to the caregiver
/// with chance g_0, lowered by w_g as a rupture drags on: looking away is the infant's
/// own regulation of the stress of an unresponsive partner (Gianino & Tronick 1988).
struct Gaze {
  bool at_caregiver = true;  ///< the paradigm opens face to face

  void step(const InteractionState& s, const BoutContext& c, const StillFaceParameters& p,
            double shift_chance, Rng& rng) {
    if (uniform01(rng) >= shift_chance) return;
    const double lasting = s.matched ? 0.0 : std::min(1.0, s.mismatch_seconds / c.mismatch_tolerance);
    at_caregiver = uniform01(rng) < p.gaze_to_partner * (1.0 - p.gaze_aversion * lasting);
  }
};

}  // namespace

BoutContext still_face_context(const BoutContext& play) { return unanswered_context(play); }

StillFaceResult run_still_face(const Parameters& p, const WorkingModel& model, const BoutContext& play,
                               int phase_seconds, Rng& rng, StillFaceTrace* trace) {
  if (trace) {
    trace->distress_threshold = play.cue_threshold;  // the still face keeps the infant's own threshold
    trace->seconds.clear();
    trace->seconds.reserve(static_cast<std::size_t>(kStillFacePhases) * static_cast<std::size_t>(phase_seconds));
  }
  const BoutContext still = still_face_context(play);
  WorkingModel copy = model;
  InteractionState s;
  InteractionCounts counts;
  Gaze gaze;
  const double shift_chance = 1.0 - std::exp(-p.still_face.gaze_shift_rate);
  StillFaceResult result;
  for (int phase = 0; phase < kStillFacePhases; ++phase) {
    const BoutContext& c = phase == kStillFace ? still : play;
    // The caregiver goes still: whatever match there was ends, and she stops preparing a response.
    if (phase == kStillFace) {
      if (s.matched) detail::begin_rupture(s, counts);
      s.engaged = false;
    }
    const StepRates rates = step_rates(c);
    int negative = 0, positive = 0, looking = 0;
    for (int t = 0; t < phase_seconds; ++t) {
      step_second(s, rates, rng, counts, copy, p.iwm);
      gaze.step(s, c, p.still_face, shift_chance, rng);
      const bool distressed = s.arousal >= c.cue_threshold;
      const bool calm_and_looking = gaze.at_caregiver && s.arousal < kStillFaceCalmLevel * c.cue_threshold;
      negative += distressed;
      positive += calm_and_looking;
      looking += gaze.at_caregiver;
      if (trace)
        trace->seconds.push_back({s.arousal, gaze.at_caregiver, distressed, calm_and_looking, s.engaged || s.matched});
    }
    const double n = phase_seconds;
    result.phases[phase] = {negative / n, positive / n, looking / n};
  }
  result.recovery = result.phases[kReunion].positive_affect - result.phases[kStillFace].positive_affect;
  return result;
}

}  // namespace attune
