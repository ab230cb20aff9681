// scenarios/still_face.yaml at a small size reproduces the published pattern
// qualitatively (Mesman, van IJzendoorn & Bakermans-Kranenburg 2009): in the still face
// positive affect and gaze fall and negative affect rises; in the reunion positive affect
// and gaze partly recover while negative affect stays above play (carry-over).
// 200 dyads, seed fixed; each within-dyad mean difference must lie beyond k = 3 of its
// standard errors (the SD of the per-dyad differences / sqrt(n)) in the stated direction.
#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "analysis/statistics/moments.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

constexpr std::uint64_t kStillFaceDyads = 200;
constexpr std::uint64_t kStillFaceSeed = 4711;

double measure(const StillFacePhaseScores& s, int m) {
  return m == 0 ? s.negative_affect : m == 1 ? s.positive_affect : s.gaze;
}

/// Per-dyad differences (second phase minus first) of each measure.
struct Differences {
  std::array<analysis::RunningMoments, 3> of;
};

/// [contrast][measure]: play->still face, still face->reunion, play->reunion.
std::array<Differences, 3> run_paradigm() {
  RunOptions options;
  options.dyads = kStillFaceDyads;
  options.seed = kStillFaceSeed;
  std::array<Differences, 3> out;
  const std::array<std::pair<int, int>, 3> contrasts = {{{kPlay, kStillFace}, {kStillFace, kReunion}, {kPlay, kReunion}}};
  run_dyads(shipped_scenario("still_face.yaml"), options, [&](const DyadRecord& r) {
    REQUIRE(r.still_face_assessed);
    for (std::size_t c = 0; c < contrasts.size(); ++c)
      for (int m = 0; m < 3; ++m)
        out[c].of[m].add(measure(r.still_face.phases[contrasts[c].second], m) -
                         measure(r.still_face.phases[contrasts[c].first], m));
  });
  return out;
}

void check_direction(const analysis::RunningMoments& difference, int direction, const char* what) {
  INFO(what << ": mean difference " << difference.mean() << ", SE " << difference.standard_error());
  REQUIRE(difference.count() == kStillFaceDyads);
  CHECK(direction * difference.mean() > 3.0 * difference.standard_error());
}

}  // namespace

TEST_CASE("statistical/still_face: the still-face effect, recovery and carry-over") {
  const auto d = run_paradigm();
  enum { negative = 0, positive = 1, gaze = 2 };
  check_direction(d[0].of[negative], +1, "still face raises negative affect");
  check_direction(d[0].of[positive], -1, "still face lowers positive affect");
  check_direction(d[0].of[gaze], -1, "still face lowers gaze to the caregiver");
  check_direction(d[1].of[positive], +1, "positive affect recovers in the reunion");
  check_direction(d[1].of[gaze], +1, "gaze recovers in the reunion");
  check_direction(d[2].of[negative], +1, "negative affect stays above play (carry-over)");
  check_direction(d[2].of[positive], -1, "positive affect recovers only partly");
}
