#pragma once
/// Turns parameters, age, today's caregiver and the infant's strategy into the
/// per-second probabilities the interaction step uses.
#include "models/caregiver.hpp"
#include "models/interaction.hpp"
#include "models/iwm.hpp"
#include "models/parameters.hpp"

namespace attune {

/// Self-regulation matures from k_0 towards k_inf with time constant tau_m
/// ("regulation has to be developed"; Kopp 1989).
double self_regulation_rate(const InfantParameters& infant, double age_months);

BoutContext bout_context(const Parameters& p, double age_months, const CaregiverDay& day,
                         const SignalStyle& style, bool infant_ill);

/// The same context with nobody answering: no noticing, responding, tracking or repair,
/// and no frightening behaviour (the still face; the infant alone in the Strange Situation).
BoutContext unanswered_context(const BoutContext& context);

}  // namespace attune
