// The driver's block schedule and cancellation (sim/run/driver.cpp): a live view starts
// with small blocks and cancels superseded runs; neither may change any dyad's life.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "sim/run/driver.hpp"
#include "sim/run/run_population.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;

namespace {

// Short lives with drawn parameters: enough for every random stream, fast to run.
const char* const kBlocksScenario = R"(name: blocks
seed: 5
dyads: 40
span_days: 20
bouts_per_day: 2
bout_seconds: 60
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
)";

struct Lived {
  std::uint64_t dyad_id;
  InteractionCounts interaction;
  WorkingModel iwm;
  Parameters parameters;  ///< drawn by the group's worker before the group is simulated
};

/// A run of all of `scenario`'s dyads on `threads`, in blocks from `first_block` up to `max_block`.
RunOptions block_options(const Scenario& scenario, int threads, std::uint64_t first_block, std::uint64_t max_block) {
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = threads;
  options.first_block = first_block;
  options.max_block = max_block;
  return options;
}

std::vector<Lived> run(std::uint64_t first_block, std::uint64_t* blocks = nullptr, int threads = 2,
                       std::uint64_t max_block = 256) {
  const Scenario scenario = load_scenario_text("blocks.yaml", kBlocksScenario);
  RunOptions options = block_options(scenario, threads, first_block, max_block);
  if (blocks) options.block_done = [&](std::uint64_t) { ++*blocks; };
  std::vector<Lived> lives;
  run_dyads(scenario, options,
            [&](const DyadRecord& r) { lives.push_back({r.dyad_id, r.interaction, r.iwm_final, r.parameters}); });
  return lives;
}

void check_same_lives(const std::vector<Lived>& lives, const std::vector<Lived>& whole) {
  REQUIRE(lives.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    INFO("dyad " << i);
    CHECK(lives[i].dyad_id == i);
    CHECK(lives[i].interaction.arousal_sum == whole[i].interaction.arousal_sum);
    CHECK(lives[i].interaction.ruptures == whole[i].interaction.ruptures);
    CHECK(std::memcmp(&lives[i].iwm, &whole[i].iwm, sizeof(WorkingModel)) == 0);
    CHECK(std::memcmp(&lives[i].parameters, &whole[i].parameters, sizeof(Parameters)) == 0);
  }
}

}  // namespace

TEST_CASE("sim/driver: small first blocks hand on the same lives, in order") {
  std::uint64_t blocks = 0;
  const auto whole = run(256);
  const auto doubling = run(1, &blocks);
  // 40 dyads in blocks of 1, 2, 4, 8, 16 and the last 9.
  CHECK(blocks == 6);
  REQUIRE(whole.size() == 40);
  check_same_lives(doubling, whole);
}

TEST_CASE("sim/driver: the lives do not depend on the thread count or on odd blocks") {
  // Blocks of 3, 6, 7, 7, ... end groups of kMaxLanes short; 1 thread has no workers, 3
  // hands records on from whichever thread holds the hand-over.
  const auto whole = run(256, nullptr, 1);
  REQUIRE(whole.size() == 40);
  for (const int threads : {1, 2, 3}) {
    INFO("threads " << threads);
    check_same_lives(run(3, nullptr, threads, 7), whole);
  }
  check_same_lives(run(256, nullptr, 3), whole);
}

TEST_CASE("sim/driver: a family's outputs are byte-identical for threads 1, 2, 3 and odd blocks") {
  // Every column of dyads.csv and development.csv, with a second caregiver's own draws
  // (each dyad of a group keeps its own), for 45 dyads: blocks of 3, 6, 7, ... end groups
  // short of kMaxLanes, and the last group is short too.
  Scenario scenario = load_scenario(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/two_caregivers.yaml");
  scenario.span_days = 30;
  scenario.strange_situation.ages_months.clear();
  scenario.dyads = 45;
  attune::testing::TempFolder folder("attune_run_blocks", "outputs");
  const auto outputs = [&](int threads, std::uint64_t first_block, std::uint64_t max_block) {
    const RunOptions options = block_options(scenario, threads, first_block, max_block);
    const auto out = folder / ("t" + std::to_string(threads) + "_" + std::to_string(first_block));
    run_population(scenario, options, out.string(), Provenance{"test", threads, scenario.seed, scenario.dyads, {}});
    return attune::testing::read_text(out / "dyads.csv") + attune::testing::read_text(out / "development.csv");
  };
  const auto whole = outputs(1, 256, 256);
  REQUIRE(whole.find("father.caregiver.detection") != std::string::npos);  // not vacuous: his own draws
  for (const int threads : {1, 2, 3}) {
    INFO("threads " << threads);
    CHECK(outputs(threads, 3, 7) == whole);
  }
  // Blocks of one dyad: every life alone on the scalar step, none in SIMD lanes; the
  // families' bouts, shared between caregivers, must come out the same.
  CHECK(outputs(2, 1, 1) == whole);
}

TEST_CASE("sim/driver: a cancelled run stops before its next block") {
  const Scenario scenario = load_scenario_text("blocks.yaml", kBlocksScenario);
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = 2;
  options.first_block = 4;
  options.cancel = &cancel;
  std::vector<std::uint64_t> reported;
  options.block_done = [&](std::uint64_t done) {
    reported.push_back(done);
    if (done >= 12) cancel = true;  // after the blocks of 4 and 8
  };
  std::uint64_t consumed = 0;
  const auto handed_on = run_dyads(scenario, options, [&](const DyadRecord&) { ++consumed; });
  CHECK(handed_on == 12);
  CHECK(consumed == 12);
  CHECK(reported == std::vector<std::uint64_t>{4, 12});

  cancel = true;  // cancelled before it starts: nothing is simulated
  reported.clear();
  CHECK(run_dyads(scenario, options, [](const DyadRecord&) {}) == 0);
  CHECK(reported.empty());
}

TEST_CASE("sim/driver: an exception from consume stops the run and reaches the caller") {
  const Scenario scenario = load_scenario_text("blocks.yaml", kBlocksScenario);
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = 2;
  options.first_block = 8;
  std::vector<std::uint64_t> handed;
  CHECK_THROWS_WITH(run_dyads(scenario, options,
                              [&](const DyadRecord& r) {
                                if (r.dyad_id == 10) throw std::runtime_error("disk full");
                                handed.push_back(r.dyad_id);
                              }),
                    "disk full");
  REQUIRE(handed.size() == 10);  // dyads 0..9, in order, and none after the failure
  for (std::uint64_t i = 0; i < handed.size(); ++i) CHECK(handed[i] == i);
}
