#pragma once
/// What a coder sees of one reunion episode: the infant's behaviour second by second.
/// The coding module reads only this, never the model's hidden state.
#include <array>
#include <cstdint>

namespace attune {

/// One second of coded reunion behaviour (Ainsworth et al. 1978; Main & Solomon 1990).
enum class ReunionBehaviour : std::uint8_t {
  play,       ///< distance interaction / exploration
  approach,   ///< moves towards, reaches for the caregiver (proximity seeking)
  contact,    ///< held, clings, sinks in (contact maintaining)
  resist,     ///< angry pushing away, kicking, rejecting toys while in or near contact
  avoid,      ///< turns away, looks away, ignores the caregiver
  conflict,   ///< freezing, stilling, approach broken off by avoidance, apprehension
};

/// The Strange Situation's episode lengths (Ainsworth et al. 1978): the introduction,
/// then seven 3-minute episodes, so no reunion a coder sees is longer. Compile-time
/// sizes; tests/models/parameter_table_test.cpp ties them to the rows
/// instrument.ssp_introduction and instrument.ssp_episode of models/parameters.csv.
inline constexpr int kSspIntroductionSeconds = 30;
inline constexpr int kSspEpisodeSeconds = 180;

struct ReunionTrace {
  int seconds = 0;
  std::array<ReunionBehaviour, kSspEpisodeSeconds> behaviour{};
  std::array<bool, kSspEpisodeSeconds> crying{};

  void record(ReunionBehaviour b, bool is_crying) {
    if (seconds < kSspEpisodeSeconds) {
      behaviour[seconds] = b;
      crying[seconds] = is_crying;
      ++seconds;
    }
  }
};

}  // namespace attune
