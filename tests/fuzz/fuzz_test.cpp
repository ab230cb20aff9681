// The mutation fuzzer over the shipped scenario, sweep and calibration files (issue 14): a
// fixed-seed batch in the suite (also under the sanitizers), and the long batch that
// scripts/fuzz.sh runs with its own seed, count and time.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "tests/fuzz/fuzz_batch.hpp"

namespace {

namespace fs = std::filesystem;
using attune::fuzz::BatchReport;
using attune::fuzz::BatchSettings;
using attune::fuzz::Sandbox;

fs::path sandbox_root(const std::string& name) {
  return fs::temp_directory_path() / ("attune_fuzz_" + name + "_" + std::to_string(::getpid()));
}

void require_promise_kept(const BatchReport& report) {
  INFO(report.summary());
  for (const auto& failure : report.failures) UNSCOPED_INFO(failure);
  CHECK(report.failures.empty());
}

std::string environment(const char* name, const std::string& otherwise) {
  const char* value = std::getenv(name);
  return value && *value ? value : otherwise;
}

}  // namespace

TEST_CASE("fuzz/mutation engine: a seed gives one mutant, and seeds give different ones") {
  const std::string text = "name: x\nseed: 7\npopulation:\n  caregiver:\n    detection: {dist: beta, mean: 0.45, sd: 0.1}\n";
  const auto first = attune::fuzz::mutate(text, 11, attune::fuzz::kSuiteScale);
  CHECK(first.text == attune::fuzz::mutate(text, 11, attune::fuzz::kSuiteScale).text);
  CHECK(first.text != text);
  std::size_t distinct = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) distinct += attune::fuzz::mutate(text, seed, attune::fuzz::kSuiteScale).text != first.text;
  CHECK(distinct >= 15);
}

TEST_CASE("fuzz/fixed batch: every mutant of a shipped input is refused with a located message, or runs") {
  Sandbox sandbox(sandbox_root("fixed"), fs::path(ATTUNE_SOURCE_DIR) / "scenarios");
  BatchSettings settings;
  settings.seed = 20261214;
#if defined(__SANITIZE_ADDRESS__)
  // Forking an instrumented process and running it cost about ten times as much: the
  // sanitized tier takes half the mutants (10 of each shipped file, about 6 s of CPU).
  settings.count = 180;
  settings.runs = 3;
#else
  settings.count = 360;  // 20 of each shipped file, about 2 s of CPU
  settings.runs = 12;    // 2 dyads: about 0.05 s of CPU each
#endif
  settings.binary_refusals = 3;
  const BatchReport report = attune::fuzz::run_batch(sandbox, settings);
  require_promise_kept(report);
  // The batch tried both sides of the promise: files still valid, and files refused.
  CHECK(report.mutants == settings.count);
  CHECK(report.runs == settings.runs);
  CHECK(report.binary_refusals == settings.binary_refusals);
  CHECK(report.refused > report.mutants / 2);
}

// scripts/fuzz.sh: its options arrive as ATTUNE_FUZZ_* variables.
TEST_CASE("fuzz/long batch (scripts/fuzz.sh)", "[.]") {
  Sandbox sandbox(sandbox_root("long"), fs::path(ATTUNE_SOURCE_DIR) / "scenarios");
  BatchSettings settings;
  settings.seed = std::stoull(environment("ATTUNE_FUZZ_SEED", "1"));
  settings.first = std::stoull(environment("ATTUNE_FUZZ_FIRST", "0"));
  settings.count = std::stoull(environment("ATTUNE_FUZZ_COUNT", "2000"));
  settings.seconds = std::stod(environment("ATTUNE_FUZZ_SECONDS", "600"));
  settings.runs = std::stoull(environment("ATTUNE_FUZZ_RUNS", "20"));
  settings.run_sweeps = environment("ATTUNE_FUZZ_RUN_SWEEPS", "1") == "1";
  settings.run_calibrations = environment("ATTUNE_FUZZ_RUN_CALIBRATIONS", "0") == "1";
  settings.binary_refusals = std::stoull(environment("ATTUNE_FUZZ_BINARY", "50"));
  settings.validate_limit = std::chrono::milliseconds(std::stoull(environment("ATTUNE_FUZZ_LIMIT_MS", "30000")));
  settings.run_limit = std::chrono::milliseconds(std::stoull(environment("ATTUNE_FUZZ_RUN_LIMIT_MS", "300000")));
  settings.keep = environment("ATTUNE_FUZZ_KEEP", "");
  if (const std::string file = environment("ATTUNE_FUZZ_FILE", ""); !file.empty()) settings.files = {file};
  settings.scale = environment("ATTUNE_FUZZ_SCALE", "long") == "suite" ? attune::fuzz::kSuiteScale
                                                                         : attune::fuzz::kLongScale;
  const BatchReport report = attune::fuzz::run_batch(sandbox, settings);
  std::cout << report.summary() << '\n';
  for (const auto& failure : report.failures) std::cout << failure << '\n';
  CHECK(report.failures.empty());
}
