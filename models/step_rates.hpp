#pragma once
/// What the per-second step reads of a bout's context, worked out once per bout: the
/// thresholds its three draws are compared with. The scalar step (models/interaction.hpp)
/// and the SIMD step (models/interaction_simd.cpp) read the same numbers and do the same
/// arithmetic on them, so they compute the same bits.
#include "models/bout_context.hpp"

namespace attune {

struct StepRates {
  // Stage 1, the infant's events, from the event draw u: distress onset on [0, onset),
  // then a frightening event, then an untracked change of state.
  double onset;                ///< chance per second of a distress onset
  double inverse_onset;        ///< 1 / onset (0 when onset is 0): u / onset is a fresh uniform inside the onset band
  double tracking;             ///< an onset while matched keeps the match on the band's first `tracking` share
  double inverse_tracking;     ///< 1 / tracking (0 when tracking is 0)
  double inverse_untracking;   ///< 1 / (1 - tracking) (0 when tracking is 1)
  double size_low;             ///< smallest onset jump: size x (1 - width)
  double size_span;            ///< jump range: size x 2 x width
  double frightening;          ///< chance per second of a frightening event at any time
  double fright_in_distress;   ///< added in a distress episode's first second
  double fright_arousal;
  double untracked_shift;      ///< chance per second that a change of state breaks the match: shift x (1 - tracking)
  // Stage 2, the caregiver's response, from the caregiver draw: noticing, then one uniform
  // against the cumulative edges of the whole response chain.
  double cue_threshold, cue_base, cue_gain, detection, contingency;
  double promptness;           ///< a noticed cue is answered this second on [0, promptness)
  double misread_edge;         ///< promptness x (1 - reading): the misread band's end
  double rebuff_width[2];      ///< [distress]: promptness x reading x rejection (0 for an ordinary bid)
  double intrusive_width[2];   ///< [distress]: promptness x reading x (1 - rebuff) x (1 - fit)
  double disrupted_width[2];   ///< [distress]: promptness x reading x (1 - rebuff) x fit x disruption
  double repair;               ///< share of each failure band in which the caregiver re-attunes at once
  double intrusion_arousal;
  double contingency_window;   ///< s, a whole number
  double timely_answer;        ///< s, a whole number
  // Stage 3, regulation.
  double self_regulation, coregulation, mismatch_drive, arousal_noise;
  double inverse_tolerance;    ///< 1 / mismatch_tolerance (the parameter is at least 1 s)
  // Stage 4, bookkeeping.
  double crying_arousal;
  double episode_end;          ///< an episode ends below signal_hysteresis x cue_threshold
};

StepRates step_rates(const BoutContext& context);

}  // namespace attune
