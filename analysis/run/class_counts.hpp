#pragma once
/// Classes counted as dyads finish, for a live view (the teaching page's bar chart).
#include <array>
#include <cstdint>
#include <string>

#include "models/assessments/ssp_coding.hpp"
#include "models/dyad_record.hpp"

namespace attune {

/// The class coded at a dyad's last Strange Situation; '\0' when none was run.
char last_class_label(const DyadRecord& record);

/// Classes counted so far (at the last Strange Situation of each dyad's span).
struct ClassCounts {
  std::uint64_t done = 0;   ///< dyads counted
  std::uint64_t total = 0;  ///< dyads the run will count when it is not cancelled
  std::array<std::uint64_t, kAttachmentClassCount> by_class{};  ///< A, B, C, D
  /// Counts the dyad's class; a dyad without a Strange Situation is not counted.
  void add(const DyadRecord& record);
  /// {"done":..,"total":..,"A":..,"B":..,"C":..,"D":..}
  std::string json() const;
};

}  // namespace attune
