// Determinism of whole runs (sim/run/driver.cpp, sim/run/run_output.cpp): the outputs are a
// function of scenario and seed only, never of the thread count, and a dyad's life is
// a function of (scenario, seed, dyad id), not of how many other dyads are run.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// Runs `attune run SCENARIO ARGS --out OUT`, stdout/stderr to files beside OUT; requires exit 0.
void run_into(const fs::path& scenario, const std::string& args, const fs::path& out) {
  const fs::path log = out.string() + ".stderr.txt";
  const std::string command = shell_quoted(ATTUNE_BINARY) + " run " + shell_quoted(scenario.string()) + " " + args +
                              " --out " + shell_quoted(out.string()) + " </dev/null >" +
                              shell_quoted(out.string() + ".stdout.txt") + " 2>" + shell_quoted(log.string());
  const int raw = std::system(command.c_str());
  INFO(command << "\nstderr:\n" << read_text(log));
  REQUIRE(raw != -1);
  REQUIRE(WIFEXITED(raw));
  REQUIRE(WEXITSTATUS(raw) == 0);
}

/// summary.json without the keys that rightly depend on the machine, the clock or the command.
nlohmann::json comparable_summary(const fs::path& out) {
  auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  for (const char* key : {"wall_seconds", "dyads_per_second", "dyad_seconds_per_second", "threads", "command_line"}) {
    INFO(key);
    CHECK(summary.contains(key));  // a renamed key would otherwise make this test vacuous
    summary.erase(key);
  }
  return summary;
}

/// Drawn and correlated parameters, a mixture, and a Strange Situation at 6 months: every
/// kind of random stream the run uses. Dyads are handed on in blocks of 256, so the 300
/// dyads of the thread test span two blocks.
const std::string kScenario = R"(name: determinism
seed: 11
dyads: 300
span_days: 190
bouts_per_day: 2
bout_seconds: 120
population:
  infant:
    reactivity: {dist: lognormal, median: 1.0, sigma: 0.25}
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    promptness: {dist: beta, mean: 0.5, sd: 0.1}
    rejection:
      dist: mixture
      components:
        - {weight: 0.88, dist: beta, mean: 0.05, sd: 0.03}
        - {weight: 0.12, dist: uniform, min: 0.2, max: 0.6}
correlations:
  - {between: [caregiver.detection, caregiver.promptness], rho: 0.5}
assessments: {strange_situation: {ages_months: [6]}}
)";

fs::path write_scenario(const TempFolder& folder) {
  const auto path = folder / "scenario.yaml";
  std::ofstream(path, std::ios::binary) << kScenario;
  return path;
}

}  // namespace

TEST_CASE("sim/determinism: outputs are byte-identical for 1, 2 and 3 threads") {
  TempFolder folder("attune_determinism", "threads");
  const auto scenario = write_scenario(folder);
  run_into(scenario, "--threads 1", folder / "t1");
  const auto dyads = read_text(folder / "t1" / "dyads.csv");
  const auto development = read_text(folder / "t1" / "development.csv");
  const auto resolved = read_text(folder / "t1" / "scenario.resolved.yaml");
  const auto summary = comparable_summary(folder / "t1");
  // Not vacuous: all the dyads, their classification, and monthly development.
  REQUIRE(lines_of(dyads).size() == 301);
  REQUIRE(lines_of(development).size() >= 7);
  REQUIRE(summary.at("classification").at("n_assessed").get<int>() == 300);

  // Spelled out, not "t" + std::to_string(n): GCC 12 -O3 misreports that (-Wrestrict, PR 105651).
  for (const std::string threads : {"2", "3"}) {
    INFO("--threads " << threads << " against --threads 1");
    const auto out = folder / ("t" + threads);
    run_into(scenario, "--threads " + threads, out);
    CHECK(read_text(out / "dyads.csv") == dyads);
    CHECK(read_text(out / "development.csv") == development);
    CHECK(read_text(out / "scenario.resolved.yaml") == resolved);
    const auto other = comparable_summary(out);
    INFO("summary diff: " << nlohmann::json::diff(summary, other).dump());
    CHECK(other == summary);
  }
}

TEST_CASE("sim/determinism: the seed decides the dyads") {
  TempFolder folder("attune_determinism", "seeds");
  const auto scenario = write_scenario(folder);
  run_into(scenario, "--dyads 40 --threads 2 --seed 101", folder / "a");
  run_into(scenario, "--dyads 40 --threads 2 --seed 101", folder / "a_again");
  run_into(scenario, "--dyads 40 --threads 2 --seed 102", folder / "b");
  const auto a = lines_of(read_text(folder / "a" / "dyads.csv"));
  const auto a_again = lines_of(read_text(folder / "a_again" / "dyads.csv"));
  const auto b = lines_of(read_text(folder / "b" / "dyads.csv"));
  REQUIRE(a.size() == 41);
  REQUIRE(b.size() == 41);
  CHECK(a_again == a);     // the same seed repeats the run...
  CHECK(b[0] == a[0]);     // ...another has the same columns...
  for (std::size_t row = 1; row < a.size(); ++row) {
    INFO("dyad " << row - 1);
    CHECK(b[row] != a[row]);  // ...and a different life for every dyad.
  }
  CHECK(nlohmann::json::parse(read_text(folder / "b" / "summary.json")).at("seed").get<std::uint64_t>() == 102);
}

TEST_CASE("sim/determinism: a dyad's row does not depend on how many dyads are run") {
  TempFolder folder("attune_determinism", "dyad_count");
  const auto scenario = write_scenario(folder);
  run_into(scenario, "--dyads 10 --threads 2", folder / "n10");
  run_into(scenario, "--dyads 30 --threads 2", folder / "n30");
  const auto ten = lines_of(read_text(folder / "n10" / "dyads.csv"));
  const auto thirty = lines_of(read_text(folder / "n30" / "dyads.csv"));
  REQUIRE(ten.size() == 11);
  REQUIRE(thirty.size() == 31);
  for (std::size_t row = 0; row < ten.size(); ++row) {  // the header and dyads 0..9
    INFO("line " << row + 1);
    CHECK(thirty[row] == ten[row]);
  }
}
