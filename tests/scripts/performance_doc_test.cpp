// scripts/performance_doc.py writes docs/PERFORMANCE.md from a bench JSON and the NumPy
// reference's: the figures of the files it is given appear in the document, the 16-core
// statement follows the thread rows, and a missing instruction count is said, not invented.
// Runs the script on made-up figures into a temporary file (a fraction of a second).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

using namespace attune::testing;

namespace {

nlohmann::json bench_figures(bool sixteen_cores, bool counted) {
  const auto instruction = [counted](double n) { return counted ? nlohmann::json(n) : nlohmann::json(nullptr); };
  nlohmann::json rows = nlohmann::json::array();
  for (const int threads : {1, 2, 16})
    rows.push_back({{"threads", threads},
                    {"dyad_seconds_per_wall_second", 1e8 * threads * 0.93},
                    {"speedup", threads * 0.93},
                    {"parallel_efficiency", threads == 1 ? 1.0 : 0.93},
                    {"oversubscribed", !sixteen_cores && threads > 2}});
  return {{"attune_version", "9.9.9"}, {"git_revision", "abc123def456"}, {"command", "attune bench --threads 1,2,16"},
          {"cpu", "Test CPU 3000"}, {"cores", sixteen_cores ? 16 : 2}, {"load_average", 0.25}, {"simd_target", "AVX2"}, {"simd_lanes", 4},
          {"dyads", 256}, {"days", 60}, {"repeats", 3}, {"dyad_seconds_per_measurement", 27648000.0},
          {"floor_ns_per_dyad_second", 4.25}, {"simd_floor_ns_per_dyad_second", 1.75},
          {"model_ns_per_dyad_second", 12.5}, {"model_over_floor", 12.5 / 4.25},
          {"model_over_simd_floor", 12.5 / 1.75}, {"dyad_seconds_per_cpu_second_one_core", 8e7},
          {"instructions_per_dyad_second",
           {{"scalar_floor", instruction(77.5)}, {"simd_floor", instruction(21.25)}, {"model", instruction(131.5)},
            {"note", counted ? "" : "not available on this machine (test)"}}},
          {"parameter_draws",
           {{"scenario", "normative (compiled in)"}, {"dyads", 256}, {"us_per_dyad", 7.5}, {"share_of_12_month_dyad", 0.000912}}},
          {"scaling", rows}, {"threads", 16}, {"speedup", 14.88}, {"parallel_efficiency", 0.93},
          {"projection",
           {{"dyads", 1e6}, {"days", 365}, {"cores", 16}, {"parallel_efficiency", 0.93},
            {"efficiency_threads", sixteen_cores ? 16 : 2}, {"efficiency_measured_at_cores", sixteen_cores},
            {"basis", sixteen_cores ? "measured at 16" : "ASSUMED: from 2 threads"}, {"seconds", 552.5},
            {"minutes", 552.5 / 60.0}, {"seconds_full_efficiency", 552.5 * 0.93}}},
          {"peak_rss_mib", 14.25}};
}

std::string generate(const nlohmann::json& bench, const TempFolder& folder) {
  const auto bench_path = folder / "bench.json", numpy_path = folder / "numpy.json", out = folder / "PERFORMANCE.md";
  write_text(bench_path, bench.dump());
  write_text(numpy_path, nlohmann::json{{"numpy_ns_per_dyad_second", 250.0}, {"dyads", 256}, {"days", 60},
                                        {"repeats", 3}, {"variates_per_dyad_second", 3}, {"numpy_version", "1.24.2"},
                                        {"python_version", "3.11.2"}}
                             .dump());
  const std::string command = "/usr/bin/python3 " +
                              shell_quoted(std::string(ATTUNE_SOURCE_DIR) + "/scripts/performance_doc.py") + " " +
                              shell_quoted(bench_path.string()) + " " + shell_quoted(numpy_path.string()) +
                              " --out " + shell_quoted(out.string()) + " --conditions 'A quiet test run.'";
  REQUIRE(std::system(command.c_str()) == 0);
  return read_text(out);
}

}  // namespace

TEST_CASE("scripts/performance_doc: the document carries the JSON's figures", "[bench]") {
  TempFolder folder("attune_performance_doc", "figures");
  const std::string doc = generate(bench_figures(true, true), folder);
  for (const char* figure : {"abc123def456", "Test CPU 3000", "attune bench --threads 1,2,16", "AVX2", "4.25", "1.75",
                             "12.50", "7.14", "2.94", "77.5", "21.25", "131.5", "7.5 µs per dyad", "0.09 %",
                             "93 %", "9.2 minutes", "8.6 minutes", "| 250.0 | 20.0 |", "A quiet test run.", "load average 0.2",
                             "Parallel efficiency at 16 threads"}) {
    INFO(figure);
    CHECK(doc.find(figure) != std::string::npos);
  }
  CHECK(doc.find("ASSUMED") == std::string::npos);
}

TEST_CASE("scripts/performance_doc: without a 16-core row or a counter the document says so", "[bench]") {
  TempFolder folder("attune_performance_doc", "missing");
  const std::string doc = generate(bench_figures(false, false), folder);
  CHECK(doc.find("No 16-core machine was available") != std::string::npos);
  CHECK(doc.find("oversubscribed") != std::string::npos);
  CHECK(doc.find("**assumption**") != std::string::npos);
  CHECK(doc.find("not available on this machine") != std::string::npos);
  CHECK(doc.find("77.5") == std::string::npos);
}
