#pragma once
/// The Strange Situation Procedure (Ainsworth et al. 1978), run by the same infant
/// model with its learned working model and strategy, and coded from behaviour.
#include "models/assessments/ssp_coding.hpp"
#include "models/caregiver.hpp"
#include "models/iwm.hpp"
#include "models/parameters.hpp"
#include "sim/random/rng.hpp"

namespace attune {

struct StrangeSituationResult {
  SspCoding coding;
  double reunion_arousal = 0.0;   ///< mean arousal over both reunions
  int reunion_crying = 0;         ///< seconds of crying over both reunions
  WorkingModel iwm;               ///< the working model the infant brought to the procedure
};

/// Runs the eight episodes. `caregiver` is the caregiver's sensitivity that day.
StrangeSituationResult run_strange_situation(const Parameters& p, const WorkingModel& model,
                                             const CaregiverDay& caregiver, double age_months, Rng& rng);

}  // namespace attune
