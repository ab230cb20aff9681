#pragma once
/// The per-second step across the lanes of a SIMD vector: several dyads' bouts at once,
/// each lane bitwise the scalar run_bout (models/interaction.hpp) of its own dyad.
#include <cstddef>

#include "models/interaction_metrics.hpp"
#include "models/iwm.hpp"
#include "models/step_rates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

/// The most lanes one call takes: AVX-512's 8 doubles (narrower targets run them in turn).
inline constexpr std::size_t kMaxBoutLanes = 8;

/// One dyad's bout: what run_bout takes by reference, by pointer.
struct BoutLane {
  const StepRates* rates;
  Rng* stream;
  InteractionCounts* counts;
  WorkingModel* model;
  const IwmParameters* iwm;
};

/// Runs a bout of `seconds` for each of lanes[0..count), count <= kMaxBoutLanes, on the
/// widest instruction set this CPU has (Highway's dynamic dispatch). Each lane's stream,
/// counts and working model end exactly as run_bout(seconds, ...) leaves them.
void run_bouts_across_lanes(int seconds, const BoutLane* lanes, std::size_t count);

}  // namespace attune
