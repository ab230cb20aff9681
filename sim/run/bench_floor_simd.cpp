// The bench's SIMD floor: the scalar floor's dyads, draws and arithmetic (sim/run/bench_floor.cpp)
// across the lanes of one vector, one dyad per lane, on the dyads' own streams
// (sim/random/random_lanes-inl.h). Compiled once per instruction set; Highway's dynamic
// dispatch runs the best the CPU has.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sim/run/bench_floor_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <array>

#include "sim/random/random_lanes-inl.h"
#include "sim/run/bench_floor.hpp"
#include "sim/run/bench_floor_step.hpp"

HWY_BEFORE_NAMESPACE();
namespace attune {
namespace HWY_NAMESPACE {

void simd_floor_lanes_impl(std::uint64_t seed, std::uint64_t first_dyad, std::uint64_t seconds, FloorTally* tallies,
                           std::size_t dyads) {
  const hn::ScalableTag<double> df;
  const hn::RebindToUnsigned<decltype(df)> du;
  const hn::RebindToSigned<decltype(df)> di;
  const std::size_t lanes = hn::Lanes(df);
  const auto matched_below = hn::Set(df, floor_step::kMatched);
  const auto self_regulation = hn::Set(df, floor_step::kSelfRegulation);
  const auto coregulation = hn::Set(df, floor_step::kCoregulation);
  const auto distress_onset = hn::Set(df, floor_step::kDistressOnset);
  const auto distress_size = hn::Set(df, floor_step::kDistressSize);
  const auto noise = hn::Set(df, floor_step::kNoise);
  const auto crying = hn::Set(df, floor_step::kCryingArousal);
  const auto zero = hn::Zero(df);
  for (std::size_t first = 0; first < dyads; first += lanes) {
    const std::size_t count = dyads - first < lanes ? dyads - first : lanes;
    std::array<Rng, kMaxStreamLanes> engines{Rng(0), Rng(0), Rng(0), Rng(0), Rng(0), Rng(0), Rng(0), Rng(0)};
    std::array<const Rng*, kMaxStreamLanes> pointers{};
    for (std::size_t l = 0; l < count; ++l) {
      engines[l] = make_stream(seed, first_dyad + first + l, StreamPurpose::life);
      pointers[l] = &engines[l];
    }
    auto streams = load_streams(du, pointers.data(), count);
    auto arousal = zero, arousal_sum = zero;
    // Counts as int64 lanes: a true mask is all ones, -1, so subtracting it adds 1.
    auto counted = hn::Zero(di), matched_seconds = hn::Zero(di), high_seconds = hn::Zero(di);
    const auto one = hn::Set(di, 1);
    for (std::uint64_t t = 0; t < seconds; ++t) {
      const auto event = uniform01(df, streams);
      const auto caregiver = uniform01(df, streams);
      const auto matched = hn::Lt(caregiver, matched_below);
      const auto rate = hn::Add(self_regulation, hn::IfThenElseZero(matched, coregulation));
      const auto jump = hn::IfThenElseZero(hn::Lt(event, distress_onset), distress_size);
      // The scalar floor's arousal += (jump - rate * arousal) + noise * z, in the same
      // order and without fused multiply-adds, so every lane gets its scalar bits.
      const auto innovation = hn::Mul(noise, standard_normal(df, streams));
      arousal = hn::Add(arousal, hn::Add(hn::Sub(jump, hn::Mul(rate, arousal)), innovation));
      counted = hn::Add(counted, one);
      matched_seconds = hn::Sub(matched_seconds, hn::VecFromMask(di, hn::RebindMask(di, matched)));
      high_seconds = hn::Sub(high_seconds, hn::VecFromMask(di, hn::RebindMask(di, hn::Ge(arousal, crying))));
      arousal_sum = hn::Add(arousal_sum, arousal);
    }
    HWY_ALIGN std::int64_t n[kMaxStreamLanes], matched_n[kMaxStreamLanes], high_n[kMaxStreamLanes];
    HWY_ALIGN double sum[kMaxStreamLanes], last[kMaxStreamLanes];
    hn::Store(counted, di, n);
    hn::Store(matched_seconds, di, matched_n);
    hn::Store(high_seconds, di, high_n);
    hn::Store(arousal_sum, df, sum);
    hn::Store(arousal, df, last);
    for (std::size_t l = 0; l < count; ++l)
      tallies[first + l] = FloorTally{static_cast<std::uint64_t>(n[l]), static_cast<std::uint64_t>(matched_n[l]),
                                      static_cast<std::uint64_t>(high_n[l]), sum[l], last[l]};
  }
}

const char* simd_floor_target_impl() { return hwy::TargetName(HWY_TARGET); }

int simd_floor_lanes_count_impl() { return static_cast<int>(hn::Lanes(hn::ScalableTag<double>())); }

}  // namespace HWY_NAMESPACE
}  // namespace attune
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace attune {
HWY_EXPORT(simd_floor_lanes_impl);
HWY_EXPORT(simd_floor_target_impl);
HWY_EXPORT(simd_floor_lanes_count_impl);

void simd_floor(std::uint64_t seed, std::uint64_t first_dyad, std::uint64_t seconds, std::span<FloorTally> tallies) {
  HWY_DYNAMIC_DISPATCH(simd_floor_lanes_impl)(seed, first_dyad, seconds, tallies.data(), tallies.size());
}

const char* simd_floor_target() { return HWY_DYNAMIC_DISPATCH(simd_floor_target_impl)(); }

int simd_floor_lanes() { return HWY_DYNAMIC_DISPATCH(simd_floor_lanes_count_impl)(); }

}  // namespace attune
#endif  // HWY_ONCE
