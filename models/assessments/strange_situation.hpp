#pragma once
/// The Strange Situation Procedure (Ainsworth et al. 1978), run through the same
/// per-second step as daily life (models/interaction.hpp) with the caregiver of that day,
/// a stranger and the infant alone, and coded from the infant's behaviour only.
#include "models/assessments/ssp_coding.hpp"
#include "models/interaction.hpp"
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

/// The stranger: a kind, unfamiliar adult who notices, reads and answers at
/// ssp.stranger_sensitivity and soothes with ssp.stranger_comfort of the caregiver's
/// co-regulation, never rebuffs and never frightens; the infant's own signalling (its
/// strategy) is what it is with the caregiver.
BoutContext stranger_context(const BoutContext& caregiver, const Parameters& p);

/// One second of reunion behaviour as a coder would see it, from the dyad's state after
/// the step: the infant's arousal, what the caregiver just did, and the infant's learned
/// expectations and strategy.
ReunionBehaviour reunion_behaviour(const InteractionState& s, const BoutContext& c, const WorkingModel& model,
                                   const Parameters& p, Rng& rng);

/// Runs the eight episodes with the caregiver of that day (`caregiver`: that day's bout
/// context, the infant's strategy applied). The working model is not changed: what the
/// infant learns during the procedure is learned on a copy.
StrangeSituationResult run_strange_situation(const Parameters& p, const WorkingModel& model,
                                             const BoutContext& caregiver, Rng& rng);

}  // namespace attune
