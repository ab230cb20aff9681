#pragma once
/// The model's parameters, by group. Names mirror models/parameters.csv, the one
/// parameter table; defaults come only from that table (default_parameters()).
#include <cstddef>

namespace attune {

// One list of names per group. The table's rows and these lists must agree one to
// one; tests/models/parameter_table_test.cpp fails when they do not.
#define ATTUNE_INFANT_PARAMETERS(X)                                              \
  X(self_regulation_birth) X(self_regulation_mature) X(maturation_months)      \
  X(reactivity) X(soothability) X(arousal_noise) X(distress_onset_rate)        \
  X(distress_onset_size) X(distress_onset_width) X(cue_threshold)              \
  X(signal_hysteresis) X(cue_gain) X(cue_base) X(cue_clarity)                  \
  X(affect_shift_rate) X(mismatch_arousal) X(mismatch_tolerance)               \
  X(crying_arousal)

#define ATTUNE_CAREGIVER_PARAMETERS(X)                                           \
  X(detection) X(reading) X(promptness) X(fit) X(tracking)                     \
  X(contingency_window) X(contingency) X(repair) X(coregulation)               \
  X(intrusion_arousal) X(rejection) X(inconsistency) X(frightening_rate)       \
  X(unresolved) X(unresolved_fright) X(disruption) X(disruption_stress)   \
  X(fright_arousal) X(stress_impact) X(stress_recovery) X(support)             \
  X(stress_from_crying)

#define ATTUNE_STRESSOR_PARAMETERS(X)                                            \
  X(poverty) X(poverty_stress) X(depression_at_birth) X(depression_onset)      \
  X(depression_duration) X(depression_withdrawal) X(depression_disruption)     \
  X(violence_onset) X(violence_duration) X(violence_stress)                    \
  X(violence_frightening_rate) X(illness_onset) X(illness_duration)            \
  X(illness_distress) X(substance_onset) X(substance_duration)                 \
  X(substance_withdrawal) X(substance_frightening_rate) X(life_event_rate)     \
  X(life_event_stress)

#define ATTUNE_IWM_PARAMETERS(X)                                                 \
  X(prior_weight) X(timely_answer) X(forgetting) X(efficacy_rate)              \
  X(relief_time_scale) X(rejection_rate) X(fear_rate) X(fear_decay)            \
  X(disruption_fear) X(overwhelm_time) X(helplessness_rate)                    \
  X(evidence_episodes) X(inconsistency_rate) X(strategy_rate)                  \
  X(deactivation_midpoint) X(unresponsiveness_weight)                          \
  X(hyperactivation_midpoint) X(strategy_slope) X(cue_damping)                 \
  X(cue_amplification) X(anger_soothability)

#define ATTUNE_SSP_PARAMETERS(X)                                                 \
  X(separation_drive) X(alone_drive) X(stranger_wariness) X(stranger_comfort)  \
  X(stranger_sensitivity) X(approach_propensity) X(avoid_propensity)           \
  X(resist_propensity) X(reunion_activation) X(conflict_propensity)              \
  X(curtail_crying)

// The still-face paradigm's infant gaze (models/assessments/still_face.cpp).
#define ATTUNE_STILL_FACE_PARAMETERS(X)                                          \
  X(gaze_to_partner) X(gaze_shift_rate) X(gaze_aversion)

#define ATTUNE_DECLARE_FIELD(name) double name;

struct InfantParameters { ATTUNE_INFANT_PARAMETERS(ATTUNE_DECLARE_FIELD) };
struct CaregiverParameters { ATTUNE_CAREGIVER_PARAMETERS(ATTUNE_DECLARE_FIELD) };
struct StressorParameters { ATTUNE_STRESSOR_PARAMETERS(ATTUNE_DECLARE_FIELD) };
struct IwmParameters { ATTUNE_IWM_PARAMETERS(ATTUNE_DECLARE_FIELD) };
struct SspParameters { ATTUNE_SSP_PARAMETERS(ATTUNE_DECLARE_FIELD) };
struct StillFaceParameters { ATTUNE_STILL_FACE_PARAMETERS(ATTUNE_DECLARE_FIELD) };

/// Everything one dyad's life depends on besides its random streams.
struct Parameters {
  InfantParameters infant;
  CaregiverParameters caregiver;
  StressorParameters stressors;
  IwmParameters iwm;
  SspParameters ssp;
  StillFaceParameters still_face;
};

#undef ATTUNE_DECLARE_FIELD

}  // namespace attune
