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

TEST_CASE("sim/bench: --json writes every figure, and the ratios agree with the rates", "[bench]") {
  TempFolder folder("attune_bench", "json");
  const auto json_path = folder / "bench.json";
  // A tiny run (3 dyads of 2 days; 1 and 2 workers): a fraction of a second.
  REQUIRE(run_bench("--dyads 3 --days 2 --threads 2 --json " + shell_quoted(json_path.string())) == 0);
  const auto j = nlohmann::json::parse(read_text(json_path));

  for (const char* key : {"attune_version", "git_revision", "command", "cpu", "cores", "load_average", "simd_target", "simd_lanes",
                          "dyads", "days", "repeats", "dyad_seconds_per_measurement", "floor_ns_per_dyad_second",
                          "simd_floor_ns_per_dyad_second", "model_ns_per_dyad_second", "model_over_floor",
                          "model_over_simd_floor", "dyad_seconds_per_cpu_second_one_core",
                          "instructions_per_dyad_second", "parameter_draws", "scaling", "threads",
                          "dyad_seconds_per_wall_second_one_worker", "dyad_seconds_per_wall_second_threads", "speedup",
                          "parallel_efficiency", "projection", "peak_rss_mib"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  const attune::LifePlan plan;
  CHECK(j["dyads"] == 3);
  CHECK(j["days"] == 2);
  CHECK(j["threads"] == 2);
  CHECK(j["command"].get<std::string>().find("--threads 2") != std::string::npos);
  CHECK(j["dyad_seconds_per_measurement"].get<double>() == 3.0 * 2 * plan.bouts_per_day * plan.bout_seconds);
  CHECK_FALSE(j["simd_target"].get<std::string>().empty());
  CHECK(j["simd_lanes"].get<int>() >= 1);

  const double floor_ns = j["floor_ns_per_dyad_second"], simd_ns = j["simd_floor_ns_per_dyad_second"];
  const double model_ns = j["model_ns_per_dyad_second"], cpu_one = j["dyad_seconds_per_cpu_second_one_core"];
  const double one = j["dyad_seconds_per_wall_second_one_worker"], many = j["dyad_seconds_per_wall_second_threads"];
  CHECK(floor_ns > 0.0);
  CHECK(simd_ns > 0.0);
  CHECK(model_ns > 0.0);
  CHECK(agrees(j["model_over_floor"].get<double>(), model_ns / floor_ns));
  CHECK(agrees(j["model_over_simd_floor"].get<double>(), model_ns / simd_ns));
  CHECK(agrees(model_ns, 1e9 / cpu_one));
  CHECK(agrees(j["speedup"].get<double>(), many / one));
  CHECK(agrees(j["parallel_efficiency"].get<double>(), many / one / 2.0));
  CHECK(j["peak_rss_mib"].get<double>() > 0.0);

  // Counted where the CPU exposes an instruction counter; otherwise null with the reason.
  const auto& instructions = j["instructions_per_dyad_second"];
  for (const char* key : {"scalar_floor", "simd_floor", "model"}) {
    INFO(key);
    REQUIRE(instructions.contains(key));
    CHECK((instructions[key].is_null() ? !instructions["note"].get<std::string>().empty()
                                       : instructions[key].get<double>() > 0.0));
  }

  // The draws' share of a 12-month dyad, from the draw and model figures.
  const auto& draws = j["parameter_draws"];
  const double draw_ns = 1e3 * draws["us_per_dyad"].get<double>();
  const double year_ns = 365.0 * plan.bouts_per_day * plan.bout_seconds * model_ns;
  CHECK(draw_ns > 0.0);
  CHECK(agrees(draws["share_of_12_month_dyad"].get<double>(), draw_ns / (draw_ns + year_ns)));

  // The projection: 10^6 dyads' core time over 16 cores at the efficiency it names.
  const auto& p = j["projection"];
  CHECK(p["cores"] == 16);
  const double efficiency = p["parallel_efficiency"];
  CHECK(agrees(p["seconds"].get<double>(), 1e6 * (year_ns + draw_ns) * 1e-9 / (16.0 * efficiency)));
  CHECK(agrees(p["minutes"].get<double>(), p["seconds"].get<double>() / 60.0));
  CHECK(agrees(p["seconds_full_efficiency"].get<double>(), p["seconds"].get<double>() * efficiency));
  // No 16-thread row: the efficiency is an assumption, and the basis says so.
  CHECK_FALSE(p["efficiency_measured_at_cores"].get<bool>());
  CHECK(p["basis"].get<std::string>().find("ASSUMED") != std::string::npos);
}

TEST_CASE("sim/bench: --threads takes a list: each count gets a row, 1 first, the others against it", "[bench]") {
  TempFolder folder("attune_bench", "thread_list");
  const auto json_path = folder / "bench.json";
  // 3 is above this 2-core machine's cores (marked oversubscribed); on a bigger machine it is not.
  REQUIRE(run_bench("--dyads 2 --days 1 --threads 3,2 --json " + shell_quoted(json_path.string())) == 0);
  const auto j = nlohmann::json::parse(read_text(json_path));
  const auto& rows = j["scaling"];
  REQUIRE(rows.size() == 3);
  const double one = rows[0]["dyad_seconds_per_wall_second"];
  const int cores = j["cores"];
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const int threads = row["threads"];
    INFO("row " << i);
    CHECK(threads == int(i) + 1);
    CHECK(agrees(row["speedup"].get<double>(), row["dyad_seconds_per_wall_second"].get<double>() / one));
    CHECK(agrees(row["parallel_efficiency"].get<double>(), row["speedup"].get<double>() / threads));
    CHECK(row["oversubscribed"].get<bool>() == (threads > cores));
  }
  CHECK(j["threads"] == 3);
}

TEST_CASE("sim/bench: a bad --threads list exits 2 with a message naming --threads", "[bench]") {
  TempFolder folder("attune_bench", "bad_threads");
  const std::string list = GENERATE(std::string("0"), std::string("1,,2"), std::string("-1"), std::string("abc"),
                                    std::string("1,2,"), std::string(""), std::string("2,100000"));
  const auto result = run_attune("bench --dyads 1 --days 1 --threads '" + list + "'", folder.path());
  INFO("--threads '" << list << "'\nstderr:\n" << result.err);
  CHECK(result.status == 2);
  CHECK(result.err.find("--threads") != std::string::npos);
  CHECK(result.err.find("is not a thread count in [1, ") != std::string::npos);
}

TEST_CASE("sim/bench: a --json file that cannot be written fails with exit 1 and leaves nothing", "[bench]") {
  // It is opened before the measurements, so this fails at once even at the default size.
  TempFolder folder("attune_bench", "unwritable");
  const auto json_path = folder / "missing_folder" / "bench.json";
  CHECK(run_bench("--json " + shell_quoted(json_path.string())) == 1);
  CHECK_FALSE(std::filesystem::exists(json_path));
}
