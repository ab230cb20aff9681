#include "models/caregiver.hpp"

#include <algorithm>
#include <cmath>

namespace attune {

CaregiverDay caregiver_day(const CaregiverParameters& c, const StressorParameters& s,
                           const StressorState& state, double stress, double availability) {
  // Stress lowers every component (Belsky 1984 process model; form assumed).
  const double strain = std::exp(-c.stress_impact * stress);
  // Depression: withdrawn and slow (Field 2010) — noticing, answering and re-attuning.
  const double withdrawal = state.depressed() ? 1.0 - s.depression_withdrawal : 1.0;
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
  const double frightening_per_hour =
      c.frightening_rate + (state.violence() ? s.violence_frightening_rate : 0.0);
  day.frightening_per_second = frightening_per_hour / 3600.0;
  return day;
}

}  // namespace attune
