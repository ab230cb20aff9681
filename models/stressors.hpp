#pragma once
/// Stressor processes: chronic load and event processes with onsets and durations.
#include "models/parameters.hpp"
#include "sim/random/rng.hpp"

namespace attune {

/// Which episodic stressors are active on a given day, and for how many more days.
struct StressorState {
  int depression_days_left = 0;  ///< caregiver depressive episode; 0 = none
  int violence_days_left = 0;    ///< domestic violence period; 0 = none
  int illness_days_left = 0;     ///< infant illness; 0 = none
  int substance_days_left = 0;   ///< caregiver substance-misuse period; 0 = none
  bool life_event = false;       ///< a negative life event struck today
  bool depressed() const { return depression_days_left > 0; }
  bool using_substances() const { return substance_days_left > 0; }
  bool violence() const { return violence_days_left > 0; }
  bool ill() const { return illness_days_left > 0; }
};

/// The state at birth: a depressive episode may already be under way.
StressorState stressors_at_birth(const StressorParameters& p, Rng& rng);

/// Moves every event process one day on: running episodes count down, new ones start
/// at their yearly onset rate with exponentially distributed durations; a negative life
/// event strikes at its yearly rate.
void advance_stressors_one_day(StressorState& state, const StressorParameters& p, Rng& rng);

/// Today's stress load on a caregiver: chronic and event load, a life event's blow, and
/// the infant's crying in that caregiver's bouts.
double daily_stress_load(const CaregiverParameters& caregiver, const StressorParameters& p,
                         const StressorState& state, double crying_minutes_today);

/// Caregiver stress tomorrow: today's stress, plus today's load, minus recovery that
/// support speeds up.
double next_day_stress(double stress, const CaregiverParameters& caregiver,
                       const StressorParameters& p, const StressorState& state,
                       double crying_minutes_today);

}  // namespace attune
