// The bench's SIMD floor does the scalar floor's work: the same dyads, draws and arithmetic,
// bit for bit, on every instruction set this build compiled that the CPU runs.
// Named *_simd_test.cpp so CMake compiles it with the SIMD sources' target list (SSSE3
// left out): the targets it loops over are then those the floor was compiled for.
#include <catch2/catch.hpp>

#include <vector>

#include <hwy/targets.h>

#include "sim/run/bench_floor.hpp"

namespace attune {

TEST_CASE("bench floor: the SIMD floor gives every dyad the scalar floor's tallies on every target", "[bench]") {
  // 11 dyads: a full and a part-filled vector on every target; 3,000 s each take ~45
  // normals through the ziggurat's slow path per dyad, so a lane that skipped or repeated
  // one would diverge.
  constexpr std::uint64_t kSeconds = 3000;
  std::vector<FloorTally> scalar(11), simd(11);
  scalar_floor(5, 100, kSeconds, scalar);
  CHECK(scalar[0].seconds == kSeconds);
  CHECK(scalar[0].matched_seconds > 0);
  CHECK(scalar[0].high_seconds < kSeconds);
  int targets = 0;
  for (const auto target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    INFO("target " << hwy::TargetName(target) << ", lanes " << simd_floor_lanes());
    CHECK(std::string(simd_floor_target()) == hwy::TargetName(target));
    ++targets;
    std::fill(simd.begin(), simd.end(), FloorTally{});
    simd_floor(5, 100, kSeconds, simd);
    for (std::size_t i = 0; i < scalar.size(); ++i) {
      INFO("dyad " << i);
      CHECK(simd[i] == scalar[i]);
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  CHECK(targets >= 1);
}

}  // namespace attune
