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

inline constexpr int kMaxEpisodeSeconds = 180;

struct ReunionTrace {
  int seconds = 0;
  std::array<ReunionBehaviour, kMaxEpisodeSeconds> behaviour{};
  std::array<bool, kMaxEpisodeSeconds> crying{};

  void record(ReunionBehaviour b, bool is_crying) {
    if (seconds < kMaxEpisodeSeconds) {
      behaviour[seconds] = b;
      crying[seconds] = is_crying;
      ++seconds;
    }
  }
};

}  // namespace attune
