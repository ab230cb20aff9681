// One infant through the still-face paradigm (GET /api/still_face_trace): the same life
// and the same assessment as the still-face button's population, second by second.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "analysis/run/still_face_demo.hpp"
#include "sim/run/driver.hpp"
#include "sim/serve/teaching_controls.hpp"
#include "tests/sim/serve/running_server.hpp"

using namespace attune;
using namespace attune::serve;

TEST_CASE("sim/serve/still_face_trace: an infant's seconds add up to its own assessment's scores", "[serve]") {
  test::RunningServer server;
  auto client = server.client();
  constexpr std::uint64_t kDyad = 5;
  const auto answer = client.Get("/api/still_face_trace?preset=risk_depression&sensitivity=0.6&dyad=5");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const auto trace = nlohmann::json::parse(answer->body);
  CHECK(trace["dyad"] == kDyad);
  CHECK(trace["age_months"] == 4.0);
  CHECK(trace["phases"] == nlohmann::json::array({"play", "still_face", "reunion"}));
  const int seconds = trace["phase_seconds"];
  REQUIRE(seconds == 120);
  for (const char* series : {"arousal", "gaze", "negative_affect", "positive_affect", "caregiver_responding"})
    CHECK(trace[series].size() == 3u * seconds);

  // The still-face button's population of that page state, run by the driver: dyad 5's record.
  const Scenario demo = still_face_demo_scenario(
      teaching_scenario({{"sensitivity", 0.6}}, kDemoStillFaceDyads, "risk_depression"), kDyad + 1);
  RunOptions options;
  options.dyads = demo.dyads;
  options.seed = demo.seed;
  StillFaceResult assessed;
  run_dyads(demo, options, [&](const DyadRecord& record) {
    if (record.dyad_id == kDyad) assessed = record.still_face;
  });
  for (int phase = 0; phase < kStillFacePhases; ++phase) {
    const std::string name = kStillFacePhaseNames[phase];
    INFO(name);
    int negative = 0, positive = 0, gaze = 0;
    for (int t = phase * seconds; t < (phase + 1) * seconds; ++t) {
      negative += trace["negative_affect"][t].get<int>();
      positive += trace["positive_affect"][t].get<int>();
      gaze += trace["gaze"][t].get<int>();
    }
    // The same code and draws: exactly equal, not approximately.
    CHECK(negative / double(seconds) == assessed.phases[phase].negative_affect);
    CHECK(positive / double(seconds) == assessed.phases[phase].positive_affect);
    CHECK(gaze / double(seconds) == assessed.phases[phase].gaze);
    CHECK(trace["scores"][name]["negative_affect"] == assessed.phases[phase].negative_affect);
    CHECK(trace["scores"][name]["positive_affect"] == assessed.phases[phase].positive_affect);
    CHECK(trace["scores"][name]["gaze"] == assessed.phases[phase].gaze);
  }

  const auto refused = client.Get("/api/still_face_trace?dyad=200");
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK_THAT(refused->body, Catch::Contains("dyad must lie in [0, 199]"));
  const auto unknown = client.Get("/api/still_face_trace?preset=nope");
  REQUIRE(unknown);
  CHECK(unknown->status == 400);
  CHECK_THAT(unknown->body, Catch::Contains("unknown preset 'nope'"));
}
