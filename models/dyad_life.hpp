#pragma once
/// One dyad's whole life: a pure function of (plan, parameters, seed, dyad id).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "models/dyad_record.hpp"
#include "models/interaction.hpp"
#include "models/interaction_lanes.hpp"
#include "models/intervention.hpp"

namespace attune {

struct StillFaceTrace;

inline constexpr double kDaysPerMonth = 30.4375;

/// The day of life on which an assessment at `age_months` happens (day d is the
/// state after d days; 12 months is day 365).
inline int assessment_day(double age_months) { return static_cast<int>(age_months * kDaysPerMonth + 0.5); }

/// The developmental span and the daily schedule of interaction bouts.
struct LifePlan {
  int span_days = 365;
  int bouts_per_day = 6;
  int bout_seconds = 300;
  int strange_situations = 0;  ///< how many Strange Situations are scheduled
  std::array<int, kMaxStrangeSituations> strange_situation_days{};  ///< ascending days of age
  InterventionPlan interventions;  ///< the dyad's arm's; none outside a comparison
  int still_face_day = -1;           ///< day of the still-face paradigm; -1 = not run
  int still_face_phase_seconds = 0;  ///< length of each of its three phases
  SensitivitySchedule sensitivity_observation;  ///< observations of caregiver sensitivity; none by default
  const Family* family = nullptr;  ///< the family graph; null = one caregiver, no family section
};

/// Simulates the dyad from birth to the end of the span and fills `record`
/// (passed in so a block of records is reused without allocation). With a family,
/// `others` holds the traits of caregivers 1..family->caregivers-1.
void simulate_dyad(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                   std::uint64_t dyad_id, DyadRecord& record, std::span<const CaregiverParameters> others = {});

/// The most dyads simulate_dyads takes at once: the lanes of the widest SIMD vector of
/// doubles it runs on (AVX-512's 8).
inline constexpr int kMaxLanes = static_cast<int>(kMaxBoutLanes);

/// One dyad of a group: its drawn parameters, its id, and (with a family) the traits of
/// caregivers 1..family->caregivers-1, as simulate_dyad takes them.
struct DyadStart {
  const Parameters* parameters;
  std::uint64_t dyad_id;
  std::span<const CaregiverParameters> others;
};

/// Simulates 1..kMaxLanes dyads side by side, their per-second steps across the lanes of
/// one SIMD vector, into `records` (one each, in the same order). Each record is bitwise
/// the one simulate_dyad gives that dyad alone: a group changes the speed, never a result.
void simulate_dyads(const LifePlan& plan, std::uint64_t seed, std::span<const DyadStart> dyads,
                    std::span<DyadRecord> records);

/// One second of a traced day.
struct TraceSecond {
  int bout;
  int second;
  double arousal;
  bool matched;
  bool caregiver_engaged;
  bool signalling;  ///< inside a distress signal episode
  bool rupture;     ///< a rupture began this second
  bool repair;      ///< a repair happened this second
  CaregiverAct act;  ///< what the caregiver did this second
};

/// The same life as simulate_dyad, recording every second of day `trace_day` into
/// `seconds` (cleared first; sized by the caller's reserve) and, with `still_face`, the
/// still-face paradigm's seconds there. For one traced dyad only: what it records is the
/// caller's, never the plan's, which run_dyads' workers share.
void simulate_dyad_traced(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                          std::uint64_t dyad_id, int trace_day, DyadRecord& record,
                          std::vector<TraceSecond>& seconds, std::span<const CaregiverParameters> others = {},
                          StillFaceTrace* still_face = nullptr);

}  // namespace attune
