// One dyad's day as `run --trace` writes it, as the teaching page shows it and as Python's
// attune.trace reads it: one tracer, so a family's further caregivers are drawn in all three.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/run/driver.hpp"
#include "sim/run/dyad_trace.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/serve/day_trace.hpp"

using namespace attune;

TEST_CASE("sim/run/day_trace: the teaching page's day of a dyad with a family is the day the run traces") {
  Scenario scenario = load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/two_caregivers.yaml");
  REQUIRE(scenario.family.caregivers.size() > 1);
  scenario.span_days = 40;  // the day traced is early: a short life keeps this fast
  scenario.dyads = 4;
  const int day = 30;
  for (std::uint64_t dyad = 0; dyad < 2; ++dyad) {
    INFO("dyad " << dyad);
    DayTracer tracer(scenario, nullptr, scenario.seed);
    const std::vector<TraceSecond> seconds = tracer.trace(dyad, day);
    const auto page = nlohmann::json::parse(serve::day_trace_json(scenario, dyad, day));
    REQUIRE(page["arousal"].size() == seconds.size());
    // The page rounds arousal to three decimals and codes the flags 0/1.
    for (std::size_t s = 0; s < seconds.size(); ++s) {
      CHECK(page["arousal"][s].get<double>() == std::round(seconds[s].arousal * 1000) / 1000);
      CHECK(page["matched"][s].get<int>() == int{seconds[s].matched});
      CHECK(page["engaged"][s].get<int>() == int{seconds[s].caregiver_engaged});
    }
    CHECK(page["caregiver"]["repair"].get<double>() == tracer.parameters().caregiver.repair);
  }
  // The tracer's day is the run's: the record of the whole life is the record run_dyads hands on.
  RunOptions options;
  options.dyads = 2;
  options.seed = scenario.seed;
  options.threads = 1;
  std::vector<DyadRecord> records;
  run_dyads(scenario, options, [&](const DyadRecord& record) { records.push_back(record); });
  DayTracer tracer(scenario, nullptr, scenario.seed);
  for (std::uint64_t dyad = 0; dyad < 2; ++dyad) {
    tracer.trace(dyad, day);
    CHECK(tracer.record().interaction.matched_seconds == records[dyad].interaction.matched_seconds);
    CHECK(tracer.record().iwm_final.availability_successes == records[dyad].iwm_final.availability_successes);
    CHECK(tracer.record().iwm_final.fear == records[dyad].iwm_final.fear);
  }
}
