#include "models/bout_context.hpp"

#include <algorithm>
#include <cmath>

namespace attune {

double self_regulation_rate(const InfantParameters& infant, double age_months) {
  const double matured = 1.0 - std::exp(-age_months / infant.maturation_months);
  return infant.self_regulation_birth + (infant.self_regulation_mature - infant.self_regulation_birth) * matured;
}

BoutContext bout_context(const Parameters& p, double age_months, const CaregiverDay& day,
                         const SignalStyle& style, bool infant_ill) {
  const InfantParameters& infant = p.infant;
  // A rate per second becomes the chance of at least one event in that second.
  auto per_second = [](double rate) { return 1.0 - std::exp(-rate); };
  BoutContext c{};
  c.self_regulation = self_regulation_rate(infant, age_months);
  c.coregulation = p.caregiver.coregulation * infant.soothability * style.soothability_scale;
  c.arousal_noise = infant.arousal_noise * infant.reactivity;
  c.distress_onset = per_second(infant.distress_onset_rate / 3600.0 *
                                (infant_ill ? p.stressors.illness_distress : 1.0));
  c.distress_size = infant.distress_onset_size * infant.reactivity;
  c.distress_width = infant.distress_onset_width;
  c.cue_threshold = infant.cue_threshold * style.threshold_scale;
  c.signal_hysteresis = infant.signal_hysteresis;
  // Cues that are hard to read (seeds 000, 001) are noticed and read less often.
  c.cue_gain = infant.cue_gain * style.salience_scale * infant.cue_clarity;
  c.cue_base = std::min(1.0, infant.cue_base * style.salience_scale * infant.cue_clarity);
  c.affect_shift = per_second(infant.affect_shift_rate);
  c.mismatch_drive = infant.mismatch_arousal * infant.reactivity;
  c.mismatch_tolerance = infant.mismatch_tolerance;
  c.crying_arousal = infant.crying_arousal;
  c.detection = day.detection;
  c.reading = day.reading * infant.cue_clarity;
  c.promptness = day.promptness;
  c.fit = day.fit;
  c.tracking = day.tracking;
  c.repair = day.repair;
  c.rejection = day.rejection;
  c.frightening = per_second(day.frightening_per_second);
  c.fright_in_distress = day.fright_per_distress_episode;
  c.disruption = day.disruption;
  c.contingency = p.caregiver.contingency;
  c.contingency_window = static_cast<int>(std::lround(p.caregiver.contingency_window));
  c.timely_answer = static_cast<int>(std::lround(p.iwm.timely_answer));
  c.intrusion_arousal = p.caregiver.intrusion_arousal;
  c.fright_arousal = p.caregiver.fright_arousal;
  return c;
}

BoutContext unanswered_context(const BoutContext& context) {
  BoutContext c = context;
  c.detection = 0.0;
  c.promptness = 0.0;
  c.tracking = 0.0;
  c.repair = 0.0;
  c.frightening = 0.0;
  c.fright_in_distress = 0.0;
  return c;
}

}  // namespace attune
