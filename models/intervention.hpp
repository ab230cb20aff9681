#pragma once
/// Interventions: changes to a dyad's parameters from a given age, or from the day a
/// caregiver's stress has stayed high for a run of days, for the share of dyads that
/// take them up. Fixed-size so a life plan carries them without allocation.
#include <array>
#include <cstddef>

#include "models/parameters.hpp"

namespace attune {

inline constexpr int kMaxInterventions = 4;
inline constexpr int kMaxParameterChanges = 8;

enum class ChangeKind { set, add, scale };

/// One parameter's new value: set to `amount`, raised by it, or multiplied by it;
/// the result is held inside the parameter's valid range.
struct ParameterChange {
  std::size_t parameter = 0;  ///< index into parameter_table()
  ChangeKind kind = ChangeKind::set;
  double amount = 0.0;
};

struct Intervention {
  int from_day = 0;           ///< the first day it can start
  double uptake = 1.0;        ///< share of the arm's dyads that take it up (intention to treat)
  /// Engages only once caregiver stress has exceeded `stress_above` for `for_days` days in a
  /// row (0 = from from_day regardless of stress).
  int for_days = 0;
  double stress_above = 0.0;
  int changes = 0;
  std::array<ParameterChange, kMaxParameterChanges> change{};
};

struct InterventionPlan {
  int count = 0;
  std::array<Intervention, kMaxInterventions> intervention{};
};

/// Applies an intervention's changes to `parameters`.
void apply_intervention(const Intervention& intervention, Parameters& parameters);

/// One dyad's course through its arm's interventions, advanced once a day.
struct InterventionCourse {
  std::array<bool, kMaxInterventions> enrolled{};  ///< drawn at birth against uptake
  std::array<int, kMaxInterventions> high_stress_days{};
  std::array<int, kMaxInterventions> start_day{};  ///< -1 until it starts
  int first_start_day = -1;                         ///< the earliest start, -1 if none
};

/// Starts any intervention whose time has come on `day`, given the caregiver's stress
/// that morning, and applies its changes to `parameters`.
void advance_interventions(const InterventionPlan& plan, InterventionCourse& course, int day, double stress,
                           Parameters& parameters);

}  // namespace attune
