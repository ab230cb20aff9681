// The SIMD streams give every lane exactly its dyad's scalar numbers, on every instruction
// set this build compiled that the CPU runs (the scalar fallback included).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "tests/sim/random/random_lanes_simd_test.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "sim/random/random_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attune {
namespace HWY_NAMESPACE {

/// Draws `rounds` x (uniform, normal) across the lanes of the engines `streams[0..count)`,
/// count at most one vector, into out[round][lane][0: uniform, 1: normal]; returns the lanes.
std::size_t draw_across_lanes(Rng* const* streams, std::size_t count, int rounds, double* out) {
  const hn::ScalableTag<double> df;
  const hn::RebindToUnsigned<decltype(df)> du;
  auto lanes = load_streams(du, streams, count);
  HWY_ALIGN double uniform[kMaxStreamLanes], normal[kMaxStreamLanes];
  const std::size_t n = hn::Lanes(df);
  for (int r = 0; r < rounds; ++r) {
    hn::Store(uniform01(df, lanes), df, uniform);
    hn::Store(standard_normal(df, lanes), df, normal);
    for (std::size_t l = 0; l < count && l < n; ++l) {
      out[(r * kMaxStreamLanes + l) * 2] = uniform[l];
      out[(r * kMaxStreamLanes + l) * 2 + 1] = normal[l];
    }
  }
  store_streams(du, lanes, streams, count < n ? count : n);
  return n;
}

}  // namespace HWY_NAMESPACE
}  // namespace attune
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <array>
#include <vector>

#include <catch2/catch.hpp>

namespace attune {
HWY_EXPORT(draw_across_lanes);

TEST_CASE("SIMD streams give each lane its dyad's scalar uniforms and normals on every target", "[random][simd]") {
  constexpr int kRounds = 2000;  // ~30 of each lane's normals take the ziggurat's slow path
  int targets = 0;
  for (const auto target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    INFO("target " << hwy::TargetName(target));
    ++targets;
    // 3 lanes: a part-filled vector on every target wider than 2 doubles; 8: a full AVX-512 one.
    for (const std::size_t count : {std::size_t{3}, std::size_t{8}}) {
      std::array<Rng, 8> engines{make_stream(7, 0, StreamPurpose::life), make_stream(7, 1, StreamPurpose::life),
                                 make_stream(7, 2, StreamPurpose::life), make_stream(7, 3, StreamPurpose::life),
                                 make_stream(7, 4, StreamPurpose::life), make_stream(7, 5, StreamPurpose::life),
                                 make_stream(7, 6, StreamPurpose::life), make_stream(7, 7, StreamPurpose::life)};
      const std::array<Rng, 8> start = engines;
      std::array<Rng*, 8> pointers{};
      for (std::size_t l = 0; l < 8; ++l) pointers[l] = &engines[l];
      std::vector<double> out(kRounds * 8 * 2, 0.0);
      const std::size_t lanes = HWY_DYNAMIC_DISPATCH(draw_across_lanes)(pointers.data(), count, kRounds, out.data());
      const std::size_t checked = std::min(count, lanes);
      int mismatches = 0;
      for (std::size_t l = 0; l < checked; ++l) {
        Rng scalar = start[l];
        for (int r = 0; r < kRounds; ++r) {
          mismatches += out[(r * 8 + l) * 2] != uniform01(scalar);
          mismatches += out[(r * 8 + l) * 2 + 1] != standard_normal(scalar);
        }
        // The engine written back is where the scalar one stands after the same draws.
        mismatches += engines[l].state() != scalar.state();
      }
      CHECK(mismatches == 0);
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  CHECK(targets >= 1);
}

}  // namespace attune
#endif  // HWY_ONCE
