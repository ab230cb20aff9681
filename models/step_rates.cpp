#include "models/step_rates.hpp"

namespace attune {
namespace {

/// 1 / x, or 0 where x is 0: the step then never reaches the band it scales.
double inverse_or_zero(double x) { return x > 0.0 ? 1.0 / x : 0.0; }

}  // namespace

StepRates step_rates(const BoutContext& c) {
  StepRates r{};
  r.onset = c.distress_onset;
  r.inverse_onset = inverse_or_zero(c.distress_onset);
  r.tracking = c.tracking;
  r.inverse_tracking = inverse_or_zero(c.tracking);
  r.inverse_untracking = inverse_or_zero(1.0 - c.tracking);
  // Uniform on [(1 - w), (1 + w)] x mean; w = 1: anything from nothing to twice the mean.
  r.size_low = c.distress_size * (1.0 - c.distress_width);
  r.size_span = c.distress_size * 2.0 * c.distress_width;
  r.frightening = c.frightening;
  r.fright_in_distress = c.fright_in_distress;
  r.fright_arousal = c.fright_arousal;
  r.untracked_shift = c.affect_shift * (1.0 - c.tracking);
  r.cue_threshold = c.cue_threshold;
  r.cue_base = c.cue_base;
  r.cue_gain = c.cue_gain;
  r.detection = c.detection;
  r.contingency = c.contingency;
  r.promptness = c.promptness;
  // The chain as it was drawn link by link (prompt? read? rebuffed? fitting? disrupted?),
  // as one partition of the prompt band: each outcome's width is its chance.
  r.misread_edge = c.promptness * (1.0 - c.reading);
  const double read = c.promptness * c.reading;
  for (int distress = 0; distress < 2; ++distress) {
    const double rebuff = distress ? c.rejection : 0.0;
    const double accepted = read * (1.0 - rebuff);
    r.rebuff_width[distress] = read * rebuff;
    r.intrusive_width[distress] = accepted * (1.0 - c.fit);
    r.disrupted_width[distress] = accepted * c.fit * c.disruption;
  }
  r.repair = c.repair;
  r.intrusion_arousal = c.intrusion_arousal;
  r.contingency_window = c.contingency_window;
  r.timely_answer = c.timely_answer;
  r.self_regulation = c.self_regulation;
  r.coregulation = c.coregulation;
  r.mismatch_drive = c.mismatch_drive;
  r.arousal_noise = c.arousal_noise;
  r.inverse_tolerance = 1.0 / c.mismatch_tolerance;
  r.crying_arousal = c.crying_arousal;
  r.episode_end = c.signal_hysteresis * c.cue_threshold;
  return r;
}

}  // namespace attune
