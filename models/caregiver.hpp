#pragma once
/// The caregiver's sensitivity on a given day: four components (Ainsworth 1974) that
/// stress, depression, substance misuse and the day's availability lower, each on its
/// own; and the day's risks to the infant's organization: frightening or frightened
/// behaviour and disrupted affective communication, each rising with its sources.
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
  double frightening_per_second;            ///< at any time (violence in the home, intoxication)
  double fright_per_distress_episode;       ///< as the infant begins to signal distress (unresolved trauma)
  double disruption;  ///< chance a response is disrupted affective communication
};

/// Today's sensitivity from the traits, today's stress, active stressors and the
/// day's availability multiplier (1 + inconsistency·z, drawn by the caller).
CaregiverDay caregiver_day(const CaregiverParameters& caregiver, const StressorParameters& stressors,
                           const StressorState& state, double stress, double availability);

}  // namespace attune
