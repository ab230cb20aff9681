#pragma once
/// What an observer of caregiving sees, second by second, in a sensitivity observation:
/// whether the infant signalled, whether the pair was in a matched (attuned) state, and
/// what the caregiver visibly did. The coding module (sensitivity_coding.hpp) reads only
/// this, never the model's hidden state (the caregiver's traits, the infant's arousal).
#include <array>
#include <cstdint>

#include "models/interaction.hpp"

namespace attune {

/// The longest observation a scenario may schedule, in minutes: a compile-time size so
/// that the trace is a fixed array (no allocation per second). Row
/// instrument.sensitivity_max_minutes of models/parameters.csv, tied to this by
/// tests/models/parameter_table_test.cpp.
inline constexpr int kSensitivityMaxMinutes = 60;
inline constexpr int kSensitivityMaxSeconds = kSensitivityMaxMinutes * 60;

struct SensitivityTrace {
  int seconds = 0;
  /// The infant signalled distress (cried, fussed) during this second: inside a signal
  /// episode at its start or at its end, so the second in which a spell ends is still
  /// part of it (the caregiver's act that second answered a signalling infant).
  std::array<bool, kSensitivityMaxSeconds> signalled{};
  /// At the end of the second the pair is in a matched state: the caregiver visibly in
  /// tune with the infant (Tronick's matching, coded from both partners' behaviour).
  std::array<bool, kSensitivityMaxSeconds> attuned{};
  /// What the caregiver visibly did this second.
  std::array<CaregiverAct, kSensitivityMaxSeconds> act{};

  void record(bool is_signalling, bool is_attuned, CaregiverAct what) {
    if (seconds < kSensitivityMaxSeconds) {
      signalled[seconds] = is_signalling;
      attuned[seconds] = is_attuned;
      act[seconds] = what;
      ++seconds;
    }
  }
};

}  // namespace attune
