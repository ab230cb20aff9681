// `attune bench --json`: the machine-readable figures are all there and agree with one
// another. No timing is asserted (timings depend on the machine and its load); the
// relations hold by construction in any run, so a wrong field or formula fails here.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "models/dyad_life.hpp"
#include "tests/support/process_support.hpp"

using namespace attune::testing;

namespace {

int run_bench(const std::string& args) {
  // Appended piece by piece: GCC 12 at -O2 warns falsely (-Warray-bounds) on the chained
  // operator+ of a literal-built temporary here.
  std::string command = ATTUNE_BINARY;
  command += " bench ";
  command += args;
  command += " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Relations computed from the same doubles agree to rounding; 1e-12 relative is far above
// the few ulp a division or two can differ by, and far below any real formula error.
bool agrees(double a, double b) { return std::abs(a - b) <= 1e-12 * std::abs(b); }

}  // namespace

TEST_CASE("sim/bench: --json writes every figure, and the ratios agree with the rates") {
  TempFolder folder("attune_bench", "json");
  const auto json_path = folder / "bench.json";
  // A tiny run (3 dyads of 2 days, 2 workers): a fraction of a second.
  REQUIRE(run_bench("--dyads 3 --days 2 --threads 2 --json " + shell_quoted(json_path.string())) == 0);
  const auto j = nlohmann::json::parse(read_text(json_path));

  for (const char* key : {"attune_version", "git_revision", "cpu", "cores", "dyads", "days", "repeats",
                          "dyad_seconds_per_measurement", "floor_ns_per_dyad_second", "model_ns_per_dyad_second",
                          "model_over_floor", "dyad_seconds_per_cpu_second_one_core", "threads",
                          "dyad_seconds_per_wall_second_one_worker", "dyad_seconds_per_wall_second_threads", "speedup", "parallel_efficiency", "peak_rss_mib"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  const attune::LifePlan plan;
  CHECK(j["dyads"] == 3);
  CHECK(j["days"] == 2);
  CHECK(j["threads"] == 2);
  CHECK(j["dyad_seconds_per_measurement"].get<double>() == 3.0 * 2 * plan.bouts_per_day * plan.bout_seconds);

  const double floor_ns = j["floor_ns_per_dyad_second"], model_ns = j["model_ns_per_dyad_second"];
  const double cpu_one = j["dyad_seconds_per_cpu_second_one_core"];
  const double one = j["dyad_seconds_per_wall_second_one_worker"], many = j["dyad_seconds_per_wall_second_threads"];
  CHECK(floor_ns > 0.0);
  CHECK(model_ns > 0.0);
  CHECK(agrees(j["model_over_floor"].get<double>(), model_ns / floor_ns));
  CHECK(agrees(model_ns, 1e9 / cpu_one));
  CHECK(agrees(j["speedup"].get<double>(), many / one));
  CHECK(agrees(j["parallel_efficiency"].get<double>(), many / one / 2.0));
  CHECK(j["peak_rss_mib"].get<double>() > 0.0);
}

TEST_CASE("sim/bench: a --json file that cannot be written fails with exit 1 and leaves nothing") {
  // It is opened before the measurements, so this fails at once even at the default size.
  TempFolder folder("attune_bench", "unwritable");
  const auto json_path = folder / "missing_folder" / "bench.json";
  CHECK(run_bench("--json " + shell_quoted(json_path.string())) == 1);
  CHECK_FALSE(std::filesystem::exists(json_path));
}
