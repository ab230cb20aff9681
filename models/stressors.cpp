#include "models/stressors.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random/random_variates.hpp"

namespace attune {
namespace {

constexpr double kDaysPerYear = 365.25;

/// Whole days of an episode with the given mean length (exponential, at least 1 day).
int episode_days(double mean_days, Rng& rng) {
  return std::max(1, static_cast<int>(std::lround(mean_days * standard_exponential(rng))));
}

/// Starts an episode today with probability rate/365.25 if none is running.
void maybe_start(int& days_left, double rate_per_year, double mean_days, Rng& rng) {
  // One uniform is drawn whatever the state, so that one process's history does not
  // shift the random numbers another process sees.
  const double u = uniform01(rng);
  if (days_left > 0) {
    --days_left;
  } else if (u < rate_per_year / kDaysPerYear) {
    days_left = episode_days(mean_days, rng);
  }
}

}  // namespace

StressorState stressors_at_birth(const StressorParameters& p, Rng& rng) {
  StressorState state;
  if (uniform01(rng) < p.depression_at_birth)
    state.depression_days_left = episode_days(p.depression_duration, rng);
  return state;
}

void advance_stressors_one_day(StressorState& state, const StressorParameters& p, Rng& rng) {
  maybe_start(state.depression_days_left, p.depression_onset, p.depression_duration, rng);
  maybe_start(state.violence_days_left, p.violence_onset, p.violence_duration, rng);
  maybe_start(state.illness_days_left, p.illness_onset, p.illness_duration, rng);
  maybe_start(state.substance_days_left, p.substance_onset, p.substance_duration, rng);
  state.life_event = uniform01(rng) < p.life_event_rate / kDaysPerYear;
}

double daily_stress_load(const CaregiverParameters& caregiver, const StressorParameters& p,
                         const StressorState& state, double crying_minutes_today) {
  return p.poverty * p.poverty_stress + (state.violence() ? p.violence_stress : 0.0) +
         (state.life_event ? p.life_event_stress : 0.0) + crying_minutes_today * caregiver.stress_from_crying;
}

double next_day_stress(double stress, const CaregiverParameters& caregiver,
                       const StressorParameters& p, const StressorState& state,
                       double crying_minutes_today) {
  const double load = daily_stress_load(caregiver, p, state, crying_minutes_today);
  const double recovery = std::min(1.0, caregiver.stress_recovery * (1.0 + caregiver.support));
  return std::max(0.0, stress * (1.0 - recovery) + load);
}

}  // namespace attune
