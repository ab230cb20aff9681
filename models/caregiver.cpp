#include "models/caregiver.hpp"

#include <algorithm>
#include <cmath>

namespace attune {

CaregiverDay caregiver_day(const CaregiverParameters& c, const StressorParameters& s,
                           const StressorState& state, double stress, double availability) {
  // Stress lowers every component (Belsky 1984 process model; form assumed).
  const double strain = std::exp(-c.stress_impact * stress);
  // Depression: withdrawn and slow (Field 2010) — noticing, answering and re-attuning.
  // Substance misuse: intoxicated or absent (seed 000), on the same components.
  const double withdrawal = (state.depressed() ? 1.0 - s.depression_withdrawal : 1.0) *
                            (state.using_substances() ? 1.0 - s.substance_withdrawal : 1.0);
  const double engaged = std::clamp(availability, 0.0, 1.5) * withdrawal;
  auto probability = [](double p) { return std::clamp(p, 0.0, 1.0); };
  CaregiverDay day{};
  day.detection = probability(c.detection * strain * engaged);
  day.reading = probability(c.reading * strain);
  day.promptness = probability(c.promptness * strain * engaged);
  day.fit = probability(c.fit * strain);
  day.tracking = probability(c.tracking * strain * engaged);
  day.repair = probability(c.repair * strain * withdrawal);
  // Strain makes rebuffs likelier: the chance of *not* rejecting shrinks with strain.
  day.rejection = probability(1.0 - (1.0 - c.rejection) * strain);
  const double frightening_per_hour = c.frightening_rate +
                                     (state.violence() ? s.violence_frightening_rate : 0.0) +
                                     (state.using_substances() ? s.substance_frightening_rate : 0.0);
  day.frightening_per_second = frightening_per_hour / 3600.0;
  // The infant's distress can trigger an unresolved caregiver's own fear, and acute
  // stress makes it likelier (Main & Hesse 1990; Hesse & Main 2006): the infant meets
  // it only when its own distress calls for the caregiver.
  day.fright_per_distress_episode = probability(c.unresolved * c.unresolved_fright * (1.0 + stress));
  // Disrupted affective communication rises with stress and depression (Lyons-Ruth et
  // al. 1999; Madigan et al. 2006).
  day.disruption = probability(c.disruption + c.disruption_stress * stress +
                               (state.depressed() ? s.depression_disruption : 0.0));
  return day;
}

}  // namespace attune
