#pragma once
/// The floor of `attune bench`: what one dyad-second cannot do without, in a tight loop of
/// just that, once dyad by dyad (scalar) and once across the lanes of a SIMD vector.
///
/// Per dyad-second, from the dyad's own life stream: 2 uniforms and 1 normal — the fixed
/// draws of the model's step (an event uniform, a caregiver uniform, the arousal
/// innovation) — then the arousal update (relaxation at a rate that depends on the match,
/// a distress jump, the innovation) and the four per-second tallies, branch-free.
/// Compiled in sim/run at the model's optimization (-O3), never the command line's -O1.
#include <cstdint>
#include <span>

namespace attune {

/// What one floor dyad tallied over its seconds (kept so the work cannot be optimized
/// away, and so the two floors can be compared bit for bit).
struct FloorTally {
  std::uint64_t seconds = 0;
  std::uint64_t matched_seconds = 0;
  std::uint64_t high_seconds = 0;  ///< seconds at or above crying arousal
  double arousal_sum = 0.0;
  double arousal = 0.0;  ///< at the end
  bool operator==(const FloorTally&) const = default;
};

/// The floor one dyad at a time: dyad i of `tallies` is id first_dyad + i, its stream
/// make_stream(seed, id, life), `seconds` dyad-seconds each.
void scalar_floor(std::uint64_t seed, std::uint64_t first_dyad, std::uint64_t seconds, std::span<FloorTally> tallies);

/// The same dyads and draws across the lanes of the widest vector the CPU runs (Highway's
/// dynamic dispatch): bitwise the same tallies as scalar_floor.
void simd_floor(std::uint64_t seed, std::uint64_t first_dyad, std::uint64_t seconds, std::span<FloorTally> tallies);

/// The instruction set simd_floor dispatches to on this CPU (Highway's name: AVX3 is
/// AVX-512, AVX2, SSE4, EMU128 the scalar fallback).
const char* simd_floor_target();

/// The dyads simd_floor steps at once on this CPU (lanes of doubles per vector).
int simd_floor_lanes();

}  // namespace attune
