#pragma once
/// One dyad's whole life: a pure function of (plan, parameters, seed, dyad id).
#include <array>
#include <cstdint>

#include "models/dyad_record.hpp"

namespace attune {

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
};

/// Simulates the dyad from birth to the end of the span and fills `record`
/// (passed in so a block of records is reused without allocation).
void simulate_dyad(const LifePlan& plan, const Parameters& parameters, std::uint64_t seed,
                   std::uint64_t dyad_id, DyadRecord& record);

}  // namespace attune
