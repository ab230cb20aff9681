#include "sim/run/bench_floor.hpp"

#include "sim/run/bench_floor_step.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

namespace attune {

void scalar_floor(std::uint64_t seed, std::uint64_t first_dyad, std::uint64_t seconds, std::span<FloorTally> tallies) {
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    Rng rng = make_stream(seed, first_dyad + i, StreamPurpose::life);
    double arousal = 0.0, arousal_sum = 0.0;
    std::uint64_t counted = 0, matched_seconds = 0, high_seconds = 0;
    for (std::uint64_t t = 0; t < seconds; ++t) {
      const double event = uniform01(rng), caregiver = uniform01(rng);
      const bool matched = caregiver < floor_step::kMatched;
      const double rate = floor_step::kSelfRegulation + (matched ? floor_step::kCoregulation : 0.0);
      arousal += (event < floor_step::kDistressOnset ? floor_step::kDistressSize : 0.0) - rate * arousal +
                 floor_step::kNoise * standard_normal(rng);
      ++counted;
      matched_seconds += matched;
      high_seconds += arousal >= floor_step::kCryingArousal;
      arousal_sum += arousal;
    }
    tallies[i] = FloorTally{counted, matched_seconds, high_seconds, arousal_sum, arousal};
  }
}

}  // namespace attune
