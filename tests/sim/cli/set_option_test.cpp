// End-to-end tests of `--set group.name=value` on run, validate, sweep and calibrate, and of
// `attune --version` (sim/cli/cli.cpp): the built binary is run as a script (R's system2, a
// shell loop) would run it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/csv_read.hpp"
#include "sim/run/version.hpp"
#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

// Named, not anonymous: the unity build joins this file with others that have a kScenario.
namespace set_option_test {

/// A short life without assessments, with caregiver.detection drawn, so a run takes a
/// fraction of a second.
const std::string kScenario = R"(name: tiny
seed: 7
dyads: 12
span_days: 20
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
)";

/// Two cells over caregiver.detection, on kScenario.
const std::string kSweep = R"(base: tiny.yaml
dyads: 8
seed: 11
axes:
  caregiver.detection: {values: [0.3, 0.6]}
)";

/// One free parameter, the fewest waves and particles the loader takes.
const std::string kCalibration = R"(name: cal
base: tiny.yaml
dyads: 8
seed: 5
parameters:
  caregiver.detection.mean: {min: 0.2, max: 0.8}
targets:
  - mean: {output: matched_share_mean, value: 0.42, se: 0.01}
history_matching: {waves: 1, points: 4, replicates: 2}
abc: {method: rejection, particles: 2, keep: 0.5}
)";


nlohmann::json json_of(const fs::path& path) { return nlohmann::json::parse(read_text(path)); }

/// The values of `column` in a CSV file written by attune.
std::vector<std::string> column_of(const fs::path& csv, const std::string& column) {
  const auto lines = lines_of(read_text(csv));
  REQUIRE(!lines.empty());
  const auto header = *attune::split_csv_line(lines.front());
  const auto at = std::find(header.begin(), header.end(), column);
  REQUIRE(at != header.end());
  std::vector<std::string> values;
  for (std::size_t i = 1; i < lines.size(); ++i) values.push_back(attune::split_csv_line(lines[i])->at(at - header.begin()));
  return values;
}

}  // namespace set_option_test

using namespace set_option_test;

TEST_CASE("sim/cli/set: --version prints the version and git revision and exits 0") {
  TempFolder folder("attune_set", "version");
  const auto result = run_attune("--version", folder.path());
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  CHECK(result.status == 0);
  CHECK(result.out == std::string("attune ") + attune::kVersion + " (git " + attune::kGitRevision + ")\n");
  CHECK(std::string(attune::kGitRevision).size() >= 7);
}

TEST_CASE("sim/cli/set: run --set fixes a parameter or sets a field of its distribution, a later one wins, and "
          "the outputs record it") {
  TempFolder folder("attune_set", "run");
  const auto scenario = write_text(folder / "tiny.yaml", kScenario);
  const auto result = run_attune("run " + quoted_path(scenario) + " --set caregiver.repair=0.3 --set caregiver.repair=0.85"
                                 " --set caregiver.detection.mean=0.7 --threads 1 --out " + quoted_path(folder / "out"),
                                 folder.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  // Every dyad has the last value given; detection is still drawn, now around 0.7.
  const auto repair = column_of(folder / "out" / "dyads.csv", "caregiver.repair");
  REQUIRE(repair.size() == 12);
  for (const auto& value : repair) CHECK(std::stod(value) == Approx(0.85));
  double detection = 0;
  const auto detections = column_of(folder / "out" / "dyads.csv", "caregiver.detection");
  for (const auto& value : detections) detection += std::stod(value) / detections.size();
  CHECK(detection > 0.6);  // the file's mean is 0.45 with sd 0.1: 12 draws average near 0.7 only with the override
  const std::string resolved = read_text(folder / "out" / "scenario.resolved.yaml");
  CHECK(resolved.find("    repair: 0.85  # fixed") != std::string::npos);
  CHECK(resolved.find("# Override: caregiver.detection.mean=0.7\n") != std::string::npos);
  CHECK(resolved.find("# mean 0.7;") != std::string::npos);
  const auto summary = json_of(folder / "out" / "summary.json");
  CHECK(summary.at("overrides") ==
        nlohmann::json({"caregiver.repair=0.3", "caregiver.repair=0.85", "caregiver.detection.mean=0.7"}));
  // Without --set the list is there and empty, and the file's values hold.
  REQUIRE(run_attune("run " + quoted_path(scenario) + " --threads 1 --out " + quoted_path(folder / "plain"), folder.path()).status == 0);
  CHECK(json_of(folder / "plain" / "summary.json").at("overrides") == nlohmann::json::array());
  CHECK(read_text(folder / "plain" / "scenario.resolved.yaml").find("repair: 0.85") == std::string::npos);
  double plain_detection = 0;
  for (const auto& value : column_of(folder / "plain" / "dyads.csv", "caregiver.detection"))
    plain_detection += std::stod(value) / detections.size();
  CHECK(plain_detection < 0.55);
}

TEST_CASE("sim/cli/set: a --set the scenario cannot take is refused at the --set, exit 2, nothing written") {
  TempFolder folder("attune_set", "refused");
  const auto scenario = write_text(folder / "tiny.yaml", kScenario);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"caregiver.repair=1.7", "--set caregiver.repair=1.7: key 'population.caregiver.repair': value 1.7 is outside"},
      {"caregiver.repair=abc", "--set caregiver.repair=abc: key 'population.caregiver.repair': expected a number"},
      {"caregivr.repair=0.5", "--set caregivr.repair=0.5: key 'population.caregivr': unknown parameter group"},
      {"caregiver.repair.mean=0.5", "--set caregiver.repair.mean=0.5: key 'population.caregiver.repair.mean': the "
                                    "base scenario draws caregiver.repair from no distribution with a 'mean'"},
      {"repair=0.5", "attune: --set 'repair=0.5': 'repair' is not a parameter key"},
      {"caregiver.repair", "attune: --set 'caregiver.repair': expected group.name=value"}};
  for (const auto& [set, message] : cases) {
    const auto result = run_attune("run " + quoted_path(scenario) + " --set " + shell_quoted(set) + " --out " + quoted_path(folder / "out"),
                                   folder.path());
    INFO("run --set " << set << "\nstderr: " << result.err);
    CHECK(result.status == 2);
    CHECK(result.err.rfind(message, 0) == 0);
    CHECK(!fs::exists(folder / "out"));
    const auto validated = run_attune("validate " + quoted_path(scenario) + " --set " + shell_quoted(set), folder.path());
    INFO("validate --set " << set << "\nstderr: " << validated.err);
    CHECK(validated.status == 2);
    CHECK(validated.err.rfind(message, 0) == 0);
  }
  // The same value in range is valid.
  CHECK(run_attune("validate " + quoted_path(scenario) + " --set caregiver.repair=0.5", folder.path()).status == 0);
}

TEST_CASE("sim/cli/set: sweep --set applies to the base of every cell and is recorded, an axis it overlaps is "
          "refused, a resume must repeat it") {
  TempFolder folder("attune_set", "sweep");
  write_text(folder / "tiny.yaml", kScenario);
  const auto sweep = write_text(folder / "sweep.yaml", kSweep);
  const std::string run = "sweep " + quoted_path(sweep) + " --threads 1 --set caregiver.repair=0.85 --out " + quoted_path(folder / "out");
  const auto result = run_attune(run, folder.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  for (const char* cell : {"000000", "000001"}) {
    const fs::path cell_folder = folder / "out" / "cells" / cell;
    CHECK(read_text(cell_folder / "scenario.resolved.yaml").find("    repair: 0.85  # fixed") != std::string::npos);
    CHECK(json_of(cell_folder / "summary.json").at("overrides") == nlohmann::json({"caregiver.repair=0.85"}));
  }
  CHECK(read_text(folder / "out" / "base.resolved.yaml").find("# Override: caregiver.repair=0.85\n") != std::string::npos);
  CHECK(json_of(folder / "out" / "sweep.json").at("overrides") == nlohmann::json({"caregiver.repair=0.85"}));

  // A resume with the same --set finds its sweep; without it, the folder holds another one.
  const auto resumed = run_attune(run + " --resume", folder.path());
  CHECK(resumed.status == 0);
  const auto other = run_attune("sweep " + quoted_path(sweep) + " --resume --out " + quoted_path(folder / "out"), folder.path());
  CHECK(other.status == 2);
  CHECK(other.err.find("--set") != std::string::npos);

  // An override of an axis (the parameter, or a field of it) is refused before anything runs,
  // by sweep and by validate alike.
  for (const std::string set : {"caregiver.detection=0.5", "caregiver.detection.mean=0.5"}) {
    const std::string expected = "--set " + set + ": key 'population." + set.substr(0, set.find('=')) +
                                 "': the sweep's axis caregiver.detection sets it too";
    const auto refused = run_attune("sweep " + quoted_path(sweep) + " --set " + set + " --out " + quoted_path(folder / "refused"), folder.path());
    INFO("stderr: " << refused.err);
    CHECK(refused.status == 2);
    CHECK(refused.err.rfind(expected, 0) == 0);
    CHECK(!fs::exists(folder / "refused"));
    const auto validated = run_attune("validate " + quoted_path(sweep) + " --set " + set, folder.path());
    CHECK(validated.status == 2);
    CHECK(validated.err.rfind(expected, 0) == 0);
  }
  // validate of a sweep file checks the --set on its base.
  const auto bad = run_attune("validate " + quoted_path(sweep) + " --set caregiver.repair=2", folder.path());
  CHECK(bad.status == 2);
  CHECK(bad.err.rfind("--set caregiver.repair=2: key 'population.caregiver.repair': value 2 is outside", 0) == 0);
  CHECK(run_attune("validate " + quoted_path(sweep) + " --set caregiver.repair=0.2", folder.path()).status == 0);
}

TEST_CASE("sim/cli/set: calibrate --set applies to the base of every simulation, a free parameter it overlaps is refused") {
  TempFolder folder("attune_set", "calibrate");
  write_text(folder / "tiny.yaml", kScenario);
  const auto calibration = write_text(folder / "cal.yaml", kCalibration);
  const auto result = run_attune(
      "calibrate " + quoted_path(calibration) + " --threads 1 --set caregiver.repair=0.85 --out " + quoted_path(folder / "out"), folder.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  CHECK(json_of(folder / "out" / "calibration.json").at("overrides") == nlohmann::json({"caregiver.repair=0.85"}));
  CHECK(read_text(folder / "out" / "best.yaml").find("    repair: 0.85  # fixed") != std::string::npos);
  // A resume with other --set values is another calibration, said so at --out.
  const auto other = run_attune("calibrate " + quoted_path(calibration) +
                                    " --threads 1 --resume --set caregiver.repair=0.5 --out " + quoted_path(folder / "out"),
                                folder.path());
  CHECK(other.status == 2);
  CHECK_THAT(other.err, Catch::Contains("holds another calibration") &&
                            Catch::Contains("--set caregiver.repair=0.85 where this one has --set caregiver.repair=0.5"));

  const auto refused = run_attune("validate " + quoted_path(calibration) + " --set caregiver.detection=0.5", folder.path());
  INFO("stderr: " << refused.err);
  CHECK(refused.status == 2);
  CHECK(refused.err.rfind("--set caregiver.detection=0.5: key 'population.caregiver.detection': the calibration's free "
                          "parameter caregiver.detection.mean sets it too",
                          0) == 0);
}
