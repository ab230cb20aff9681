#pragma once
/// The caregiver's sensitivity on a given day: four components (Ainsworth 1974) that
/// stress, depression and the day's availability lower, each on its own.
#include "models/parameters.hpp"
#include "models/stressors.hpp"

namespace attune {

/// Per-second and per-response probabilities in force for one day's bouts.
struct CaregiverDay {
  double detection;   ///< noticing a fully salient cue, per second
  double reading;     ///< reading the cue right, per response
  double promptness;  ///< delivering the response once noticed, per second
  double fit;         ///< the response fits, per response
  double tracking;    ///< following a change of infant state without rupture
  double repair;      ///< re-attuning at once after a failed response
  double rejection;   ///< rebuffing a contact bid, per response to distress
  double frightening_per_second;
};

/// Today's sensitivity from the traits, today's stress, active stressors and the
/// day's availability multiplier (1 + inconsistency·z, drawn by the caller).
CaregiverDay caregiver_day(const CaregiverParameters& caregiver, const StressorParameters& stressors,
                           const StressorState& state, double stress, double availability);

}  // namespace attune
