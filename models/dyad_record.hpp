#pragma once
/// Everything kept of one dyad's life: fixed-size, so a block of records is one
/// allocation and memory does not grow with the number of simulated seconds.
#include <array>
#include <cstdint>

#include "models/assessments/sensitivity_observation.hpp"
#include "models/assessments/still_face.hpp"
#include "models/assessments/strange_situation.hpp"
#include "models/family.hpp"
#include "models/interaction_metrics.hpp"
#include "models/iwm.hpp"
#include "models/parameters.hpp"

namespace attune {

inline constexpr int kMaxMonths = 37;  ///< span_days <= 1100 gives at most 36.1 months
inline constexpr int kMaxStrangeSituations = 4;

/// The state of development at the end of one month of age.
struct MonthSnapshot {
  WorkingModel iwm;
  InteractionCounts interaction;  ///< that month's bouts only
  double caregiver_stress;
};

/// The infant's relationship with one caregiver of a family (attachment is
/// relationship-specific: a working model and a Strange Situation per caregiver).
struct CaregiverOutcome {
  CaregiverParameters parameters{};
  WorkingModel iwm_final{};
  double mean_stress = 0.0;
  std::uint64_t bouts = 0;         ///< bouts this caregiver cared for the infant
  std::array<StrangeSituationResult, kMaxStrangeSituations> strange_situation{};  ///< as many as the dyad's
};

/// One dyad's life as the structure that outputs are made from.
struct DyadRecord {
  std::uint64_t dyad_id = 0;
  Parameters parameters{};
  InteractionCounts interaction;   ///< all bouts of the whole span
  WorkingModel iwm_final{};
  double mean_caregiver_stress = 0.0;
  int days_depressed = 0;
  int days_violence = 0;
  int days_substance = 0;          ///< days of caregiver substance misuse
  int life_events = 0;             ///< negative life events over the span
  int days_ill = 0;
  int treatment_start_day = -1;    ///< the day its first intervention started; -1 if none did
  int strange_situations = 0;      ///< valid entries of strange_situation
  std::array<StrangeSituationResult, kMaxStrangeSituations> strange_situation{};
  bool still_face_assessed = false;
  StillFaceResult still_face{};
  SensitivityObservations sensitivity_observation{};  ///< the observed caregiver's ratings
  int months = 0;                  ///< valid entries of development
  std::array<MonthSnapshot, kMaxMonths> development{};
  int caregivers = 0;              ///< valid entries of caregiver; 0 without a family section
  std::array<CaregiverOutcome, kMaxCaregivers> caregiver{};  ///< [0] is the population's caregiver
};

}  // namespace attune
