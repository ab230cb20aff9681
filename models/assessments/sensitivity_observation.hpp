#pragma once
/// The observation of caregiver sensitivity, as studies measure it: a stretch of free
/// play or a home visit with the caregiver of that day, coded from what an observer sees
/// onto Ainsworth's 9-point sensitivity scale (Ainsworth 1974; the coder in
/// sensitivity_coding.hpp). The caregiver's drawn traits are latent; this rating is the
/// measure the literature correlates with the Strange Situation (De Wolff & van
/// IJzendoorn 1997). Run by the life's own per-second stages (models/interaction.hpp) on a
/// copy of the infant's working model, from a stream of its own: scheduling it changes
/// nothing of the life.
#include <array>
#include <cmath>
#include <limits>

#include "models/assessments/sensitivity_coding.hpp"
#include "models/interaction.hpp"
#include "models/parameters.hpp"
#include "sim/random/rng.hpp"

namespace attune {

inline constexpr int kMaxSensitivityObservations = 4;

/// When a life observes caregiving (a LifePlan's part): ascending days of age.
struct SensitivitySchedule {
  int count = 0;  ///< 0: not observed
  std::array<int, kMaxSensitivityObservations> days{};
  int seconds = 0;  ///< length of each observation, at most kSensitivityMaxSeconds
};

/// A dyad's observed ratings (a DyadRecord's part), in schedule order.
struct SensitivityObservations {
  int count = 0;  ///< observations made
  std::array<double, kMaxSensitivityObservations> rating{};
  /// The mean of the ratings made (NaN if none): the composite studies correlate.
  double mean_rating() const {
    double sum = 0.0;
    int n = 0;
    for (int i = 0; i < count; ++i)
      if (!std::isnan(rating[i])) {
        sum += rating[i];
        ++n;
      }
    return n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
  }
};

/// The observation's trace: `seconds` of the day's interaction with `context` (that day's
/// bout context of the caregiver observed), opening calm and mismatched like a bout, on a
/// copy of `model`.
void observe_caregiving(const Parameters& p, const WorkingModel& model, const BoutContext& context,
                        int seconds, Rng& rng, SensitivityTrace& trace);

/// Observes and codes one stretch of caregiving.
SensitivityCoding observe_sensitivity(const Parameters& p, const WorkingModel& model,
                                      const BoutContext& context, int seconds, Rng& rng);

/// The life's call: on a scheduled day, observes the caregiver and records the rating.
void observe_sensitivity_if_due(const SensitivitySchedule& schedule, int day, const Parameters& p,
                                const WorkingModel& model, const BoutContext& context, Rng& rng,
                                SensitivityObservations& out);

}  // namespace attune
