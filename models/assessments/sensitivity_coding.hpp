#pragma once
/// The coding module of the sensitivity observation: rates the caregiver on Ainsworth's
/// 9-point sensitivity-insensitivity scale (Ainsworth 1974, "Maternal sensitivity
/// scales"; 9 highly sensitive, 7 sensitive, 5 inconsistently sensitive, 3 insensitive,
/// 1 highly insensitive) from the observable trace alone. The scale's four components —
/// awareness of the infant's signals, their accurate interpretation, and an appropriate
/// and prompt response — are scored on every coded occasion (rules in docs/MODEL.md,
/// section 7e).
#include "models/assessments/sensitivity_trace.hpp"

namespace attune {

/// The coder's window, in seconds from the start of an occasion: she noticed within it
/// (an ordinary bid) and answered within it (any occasion) or she was not prompt.
/// Ainsworth (1974) anchors promptness by the infant's frustration, not in seconds: 5 s,
/// about the span of infants' contingency detection (Watson 1985; recalled), is this
/// project's own instrument choice. Row instrument.sensitivity_window.
inline constexpr int kSensitivityWindowSeconds = 5;
/// Weight of the infant's distress signals in the composite; the ordinary bids take the
/// rest. Row instrument.sensitivity_signal_weight (the project's instrument choice).
inline constexpr double kSensitivitySignalWeight = 0.5;
/// The rating is 1 + 8 x composite rounded to this step: half points, as raters of the
/// scale commonly report. Row instrument.sensitivity_rating_step.
inline constexpr double kSensitivityRatingStep = 0.5;

/// The coder's reading of one observation.
struct SensitivityCoding {
  int signals = 0;              ///< distress-signal episodes coded
  int ordinary = 0;             ///< ordinary occasions coded: bids, and frightening acts (scored 0)
  double signal_score = 0.0;    ///< mean score of the signal episodes in [0, 1] (0 when none)
  double ordinary_score = 0.0;  ///< mean score of the ordinary occasions in [0, 1] (0 when none)
  double composite = 0.0;       ///< the weighted mean of the two in [0, 1]; NaN when nothing was codable
  double rating = 0.0;          ///< 1..9 in steps of kSensitivityRatingStep; NaN when nothing was codable
};

/// Ainsworth's rating from a composite in [0, 1]: 1 + 8 x composite, rounded to the step.
double sensitivity_rating(double composite);

/// Codes one observation from its trace.
SensitivityCoding code_sensitivity(const SensitivityTrace& trace);

}  // namespace attune
