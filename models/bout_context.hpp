#pragma once
/// Turns parameters, age, today's caregiver and the infant's strategy into the
/// per-second probabilities the interaction step uses.
#include "models/caregiver.hpp"
#include "models/iwm.hpp"
#include "models/parameters.hpp"

namespace attune {

/// Per-second probabilities and rates in force for one day's bouts.
struct BoutContext {
  // Infant
  double self_regulation;     ///< 1/s, at today's age
  double coregulation;        ///< extra 1/s while matched (coregulation x soothability)
  double arousal_noise;       ///< sd of the per-second innovation (noise x reactivity)
  double distress_onset;      ///< chance per second of a distress onset
  double distress_size;       ///< mean jump (size x reactivity)
  double distress_width;      ///< sizes spread uniformly over [(1 - width), (1 + width)] x mean
  double cue_threshold;       ///< effective distress threshold (strategy applied)
  double signal_hysteresis;   ///< an episode ends below this share of the threshold
  double cue_gain;            ///< salience per unit arousal above threshold (strategy applied)
  double cue_base;            ///< salience of ordinary bids (strategy applied)
  double affect_shift;        ///< chance per second of a change of infant state
  double mismatch_drive;      ///< arousal/s from a rupture that has lasted the tolerance
  double mismatch_tolerance;  ///< s over which that drive builds up
  double crying_arousal;
  // Caregiver (today's sensitivity)
  double detection, reading, promptness, fit, tracking, repair, rejection;
  double frightening;         ///< chance per second of a frightening event at any time
  double fright_in_distress;  ///< chance of a frightening event as a distress episode begins
  double disruption;          ///< share of otherwise fitting responses that are disrupted
  double contingency;         ///< share of responses timed to the cue
  int contingency_window;     ///< s
  int timely_answer;          ///< s from an episode's start within which an answer counts
  double intrusion_arousal, fright_arousal;
};

/// Self-regulation matures from k_0 towards k_inf with time constant tau_m
/// ("regulation has to be developed"; Kopp 1989).
double self_regulation_rate(const InfantParameters& infant, double age_months);

BoutContext bout_context(const Parameters& p, double age_months, const CaregiverDay& day,
                         const SignalStyle& style, bool infant_ill);

/// The same context with nobody answering: no noticing, responding, tracking or repair,
/// and no frightening behaviour (the still face; the infant alone in the Strange Situation).
BoutContext unanswered_context(const BoutContext& context);

}  // namespace attune
