// End-to-end tests of `attune calibrate`: the files it writes agree with the stage sweeps'
// own cells.csv (the implausibility recomputed here from the replicates), stay
// byte-identical for 1 or 2 threads, after a kill and --resume, and under mpirun; bad
// files and folders are refused with their line and key.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "sim/io/csv_read.hpp"
#include "tests/support/process_support.hpp"
#include "tests/support/scenario_text.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// Targets near what this base gives at repair 0.4 and a detection mean of 0.55 (200 dyads).
const std::string kTinyCalibration = R"(name: tiny
base: base.yaml
dyads: 20
seed: 5
parameters:
  caregiver.repair: {min: 0.1, max: 0.9}
  caregiver.detection.mean: {min: 0.2, max: 0.8}
targets:
  - mean: {output: matched_share_mean, value: 0.42, se: 0.01}
  - mean: {output: ruptures_per_hour_mean, value: 265, se: 5}
history_matching: {waves: 2, points: 8}
abc: {particles: 6, generations: 2, keep: 0.5}
)";


/// A CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> csv_rows(const fs::path& path) {
  const auto lines = lines_of(read_text(path));
  std::vector<std::map<std::string, std::string>> rows;
  if (lines.empty()) return rows;
  const auto header = *attune::split_csv_line(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = *attune::split_csv_line(lines[i]);
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size() && c < fields.size(); ++c) row[header[c]] = fields[c];
    rows.push_back(row);
  }
  return rows;
}

/// The files whose bytes a calibration determines (run.json holds times and the command line).
std::vector<std::string> deterministic_outputs(const fs::path& out) {
  std::vector<std::string> files;
  for (const char* name : {"nroy.csv", "posterior.csv", "best.yaml", "calibration.json", "waves/implausibility.csv",
                           "waves/wave-2/cells.csv", "abc/generation-1/cells.csv", "best/cells.csv"})
    files.push_back(read_text(out / name));
  return files;
}

}  // namespace

TEST_CASE("sim/calibrate: nroy.csv and posterior.csv agree with the waves' own cells.csv, and best.yaml runs") {
  TempFolder folder("attune_calibrate_cli", "outputs");
  write_text(folder / "base.yaml", kCalibrationBase);
  const auto file = write_text(folder / "tiny.yaml", kTinyCalibration);
  const auto result = run_attune("calibrate " + quoted_path(file) + " --out " + quoted_path(folder / "out"), folder.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  const fs::path out = folder / "out";
  // A progress line per wave and per generation, even through a pipe.
  CHECK(result.err.find("wave 1/2: 8 points x 2 replicates") != std::string::npos);
  CHECK(result.err.find("ABC generation 2/2") != std::string::npos);

  // Every wave-2 point's implausibility, recomputed from the replicates in the wave's
  // cells.csv: I = |mean - observed| / sqrt(se^2 + s^2 / 2), s^2 the replicates' variance
  // pooled over the wave's 8 points (8 degrees of freedom: (a - b)^2 / 2 a point).
  const auto cells = csv_rows(out / "waves" / "wave-2" / "cells.csv");
  REQUIRE(cells.size() == 16);
  const std::pair<const char*, std::pair<double, double>> targets[] = {{"matched_share_mean", {0.42, 0.01}},
                                                                        {"ruptures_per_hour_mean", {265, 5}}};
  std::map<std::string, double> pooled;
  for (const auto& [column, observed] : targets)
    for (std::size_t point = 0; point < 8; ++point) {
      const double a = std::stod(cells[2 * point].at(column)), b = std::stod(cells[2 * point + 1].at(column));
      pooled[column] += (a - b) * (a - b) / 2 / 8;
    }
  std::map<std::string, double> recomputed;  // by the point's repair value, as written
  for (std::size_t point = 0; point < 8; ++point) {
    double largest = 0;
    for (const auto& [column, observed] : targets) {
      const double a = std::stod(cells[2 * point].at(column)), b = std::stod(cells[2 * point + 1].at(column));
      const double mean = (a + b) / 2;
      largest = std::max(largest, std::abs(mean - observed.first) /
                                      std::sqrt(observed.second * observed.second + pooled[column] / 2));
    }
    recomputed[cells[2 * point].at("caregiver.repair")] = largest;
  }
  const auto implausibility = csv_rows(out / "waves" / "implausibility.csv");
  REQUIRE(implausibility.size() == 16);
  const auto nroy = csv_rows(out / "nroy.csv");
  std::size_t plausible = 0;
  for (const auto& row : implausibility) {
    if (row.at("wave") != "2") continue;
    const double written = std::stod(row.at("max_implausibility"));
    CHECK(written == Approx(recomputed.at(row.at("caregiver.repair"))).epsilon(1e-9));
    plausible += written <= 3.0;
  }
  CHECK(nroy.size() == plausible);
  for (const auto& row : nroy) CHECK(std::stod(row.at("max_implausibility")) <= 3.0);

  // The posterior: the last generation's kept particles, weights summing to 1, inside the priors.
  const auto posterior = csv_rows(out / "posterior.csv");
  REQUIRE(posterior.size() >= 2);
  double weights = 0;
  for (const auto& row : posterior) {
    weights += std::stod(row.at("weight"));
    CHECK(std::stod(row.at("caregiver.repair")) >= 0.1);
    CHECK(std::stod(row.at("caregiver.repair")) <= 0.9);
    CHECK(std::stod(row.at("caregiver.detection.mean")) >= 0.2);
    CHECK(std::stod(row.at("caregiver.detection.mean")) <= 0.8);
  }
  CHECK(weights == Approx(1.0).epsilon(1e-9));

  // best.yaml is a scenario attune runs, at the best particle's values.
  std::string best_repair;
  double best_distance = 1e300;
  for (const auto& row : posterior)
    if (std::stod(row.at("distance")) < best_distance) best_distance = std::stod(row.at("distance")), best_repair = row.at("caregiver.repair");
  const std::string best = read_text(out / "best.yaml");
  CHECK(best.find("caregiver.repair = " + best_repair) != std::string::npos);
  const auto run = run_attune("run " + quoted_path(out / "best.yaml") + " --dyads 10 --out " + quoted_path(folder / "best_run"), folder.path());
  INFO("best run stderr: " << run.err);
  CHECK(run.status == 0);
  CHECK(read_text(out / "calibration.json").find("\"fit\"") != std::string::npos);
}

TEST_CASE("sim/calibrate: the outputs are byte-identical for 1 or 2 threads, after kill -9 and --resume, and under mpirun") {
  TempFolder folder("attune_calibrate_cli", "determinism");
  write_text(folder / "base.yaml", kCalibrationBase);
  // 60 dyads: slow enough that the kill comes inside the waves.
  std::string slower = kTinyCalibration;
  slower.replace(slower.find("dyads: 20"), 9, "dyads: 60");
  const auto file = write_text(folder / "tiny.yaml", slower);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_attune("calibrate " + quoted_path(file) + " --threads 1 --out " + quoted_path(folder / "one"), folder.path()).status == 0);
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  const auto expected = deterministic_outputs(folder / "one");
  REQUIRE(run_attune("calibrate " + quoted_path(file) + " --threads 2 --out " + quoted_path(folder / "two"), folder.path()).status == 0);
  CHECK(deterministic_outputs(folder / "two") == expected);

  // Without --resume a finished folder is refused; another calibration's folder always is.
  const auto again = run_attune("calibrate " + quoted_path(file) + " --out " + quoted_path(folder / "one"), folder.path());
  CHECK(again.status == 2);
  CHECK(again.err.find("pass --resume") != std::string::npos);
  write_text(folder / "other.yaml", kTinyCalibration);
  const auto other = run_attune("calibrate " + quoted_path(folder / "other.yaml") + " --resume --out " + quoted_path(folder / "one"),
                                folder.path());
  CHECK(other.status == 2);
  CHECK(other.err.find("holds another calibration") != std::string::npos);

  const fs::path killed = folder / "killed";
  REQUIRE(attune_killed_after("calibrate", file, killed, killed / "waves" / "wave-2", 3));
  CHECK(!fs::exists(killed / "posterior.csv"));
  CHECK(!fs::exists(killed / "COMPLETE"));
  CHECK(fs::exists(folder / "one" / "COMPLETE"));
  CHECK(run_attune("report " + quoted_path(killed), folder.path()).status == 2);  // not finished
  write_text(killed / ".nroy.csv.tmp-99999999-Killed42", "half a table\n");  // what a killed write leaves
  const auto resumed = run_attune("calibrate " + quoted_path(file) + " --resume --out " + quoted_path(killed), folder.path());
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK(deterministic_outputs(killed) == expected);
  CHECK(fs::exists(killed / "COMPLETE"));
  CHECK(temporaries_in(killed).empty());

  // A chain of resumes, each killed at a moment drawn from a fixed seed: the folder never
  // says it is finished before it is, and the last resume gives the same outputs.
  const fs::path chain = folder / "chain";
  std::mt19937 moments(21);
  std::uniform_int_distribution<long> permille(50, 700);
  int kills = 0;
  for (int k = 0; k < 3; ++k) {
    const std::chrono::microseconds delay(took.count() * permille(moments) / 1000);
    INFO("kill " << k << " after " << delay.count() << " us of about " << took.count());
    kills += attune_killed_at({"calibrate", file.string(), "--resume", "--threads", "1", "--out", chain.string()}, delay);
    if (fs::exists(chain / "COMPLETE")) CHECK(deterministic_outputs(chain) == expected);
  }
  CHECK(kills > 0);  // else no kill tested anything
  const auto finished = run_attune("calibrate " + quoted_path(file) + " --resume --out " + quoted_path(chain), folder.path());
  INFO("stderr: " << finished.err);
  REQUIRE(finished.status == 0);
  CHECK(deterministic_outputs(chain) == expected);
  CHECK(temporaries_in(chain).empty());

#if ATTUNE_HAVE_MPI
  REQUIRE(std::system("command -v mpirun >/dev/null 2>&1") == 0);
  const auto mpi = run_attune("calibrate " + quoted_path(file) + " --threads 1 --out " + quoted_path(folder / "mpi"), folder.path(),
                              "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
                              "mpirun -np 3 --oversubscribe ");
  INFO("mpi stderr: " << mpi.err);
  REQUIRE(mpi.status == 0);
  CHECK(deterministic_outputs(folder / "mpi") == expected);
#endif
}

TEST_CASE("sim/calibrate: a target naming no output of cells.csv is refused at its line, with a suggestion") {
  TempFolder folder("attune_calibrate_cli", "no_output");
  write_text(folder / "base.yaml", kCalibrationBase);
  std::string typo = kTinyCalibration;
  typo.replace(typo.find("ruptures_per_hour_mean"), 22, "ruptures_per_hour_meen");
  const auto file = write_text(folder / "typo.yaml", typo);
  const auto result = run_attune("calibrate " + quoted_path(file) + " --out " + quoted_path(folder / "out"), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("typo.yaml:10:5: key 'targets[1].mean'") != std::string::npos);
  CHECK(result.err.find("no output 'ruptures_per_hour_meen'") != std::string::npos);
  CHECK(result.err.find("did you mean 'ruptures_per_hour_mean'") != std::string::npos);
  // Found before any stage ran, and by validate too.
  CHECK(!fs::exists(folder / "out" / "waves"));
  const auto validated = run_attune("validate " + quoted_path(file), folder.path());
  CHECK(validated.status == 2);
  CHECK(validated.err.find("no output 'ruptures_per_hour_meen'") != std::string::npos);
}

TEST_CASE("sim/calibrate: attune validate accepts the shipped calibration and lists a bad one's problems") {
  TempFolder folder("attune_calibrate_cli", "validate");
  const auto shipped = run_attune("validate " + quoted_path(fs::path(ATTUNE_SOURCE_DIR) / "scenarios" / "calibrate_recovery.yaml"),
                                  folder.path());
  INFO("stderr: " << shipped.err);
  CHECK(shipped.status == 0);
  CHECK(shipped.out.find("valid") != std::string::npos);
  write_text(folder / "base.yaml", kCalibrationBase);
  std::string bad = kTinyCalibration;
  bad.replace(bad.find("se: 5}"), 6, "se: -5}");
  bad += "history_mathcing: {}\n";
  const auto file = write_text(folder / "bad.yaml", bad);
  const auto result = run_attune("validate " + quoted_path(file), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("bad.yaml:10:") != std::string::npos);
  CHECK(result.err.find("a standard error is above 0") != std::string::npos);
  CHECK(result.err.find("unknown top-level key of a calibration; did you mean 'history_matching'") != std::string::npos);
  CHECK(result.err.find("2 error(s) in") != std::string::npos);
}

TEST_CASE("sim/calibrate: cells that fail are isolated: their points are ruled out and the calibration finishes") {
  TempFolder folder("attune_calibrate_cli", "failed_cells");
  // A beta's sd must stay below sqrt(mean (1 - mean)): each end of each range alone passes
  // the loader's check against the base (mean 0.4, sd 0.05), but a small mean with a large
  // sd inside the box is no beta, so those cells fail when their scenario is loaded.
  write_text(folder / "base.yaml", kCalibrationBase + "    rejection: {dist: beta, mean: 0.4, sd: 0.05}\n");
  const auto file = write_text(folder / "failing.yaml", R"(name: failing
base: base.yaml
dyads: 20
seed: 5
parameters:
  caregiver.rejection.mean: {min: 0.02, max: 0.4}
  caregiver.rejection.sd: {min: 0.01, max: 0.45}
targets:
  - mean: {output: iwm_rejection_mean, value: 0.3, se: 0.05}
history_matching: {waves: 2, points: 16}
abc: {particles: 6, generations: 2, keep: 0.5}
)");
  const auto result = run_attune("calibrate " + quoted_path(file) + " --out " + quoted_path(folder / "out"), folder.path());
  INFO("stderr: " << result.err << "\nstdout: " << result.out);
  CHECK(result.status == 3);
  CHECK(result.out.find("cells failed") != std::string::npos);
  const auto failures = csv_rows(folder / "out" / "waves" / "wave-1" / "failures.csv");
  REQUIRE(!failures.empty());
  // Every failed point is written as not evaluated (NA) and is absent from nroy.csv.
  std::size_t not_evaluated = 0;
  for (const auto& row : csv_rows(folder / "out" / "waves" / "implausibility.csv")) not_evaluated += row.at("max_implausibility") == "NA";
  CHECK(not_evaluated > 0);
  for (const auto& row : csv_rows(folder / "out" / "nroy.csv")) CHECK(row.at("max_implausibility") != "NA");
  CHECK(fs::is_regular_file(folder / "out" / "posterior.csv"));
  CHECK(fs::is_regular_file(folder / "out" / "calibration.json"));
}

TEST_CASE("sim/calibrate: SLURM-style shards, run again stage by stage, reach the outputs of one process") {
  TempFolder folder("attune_calibrate_cli", "shards");
  write_text(folder / "base.yaml", kCalibrationBase);
  const auto file = write_text(folder / "tiny.yaml", kTinyCalibration);
  REQUIRE(run_attune("calibrate " + quoted_path(file) + " --out " + quoted_path(folder / "whole"), folder.path()).status == 0);
  // Two waves, two generations and the best point: five stages. Each round runs shard 1
  // then shard 0; shard 0, last to finish a stage, reads it and runs its share of the
  // next, so a round advances a stage and a half: three rounds, not one.
  const fs::path shared = folder / "shared";
  int rounds = 0;
  for (; rounds < 5 && !fs::exists(shared / "posterior.csv"); ++rounds) {
    for (const char* shard : {"1/2", "0/2"}) {
      const auto result = run_attune("calibrate " + quoted_path(file) + " --shard " + shard + " --out " + quoted_path(shared),
                                     folder.path());
      INFO("round " << rounds << ", shard " << shard << ": " << result.err << result.out);
      REQUIRE(result.status == 0);
      if (rounds == 0 && std::string(shard) == "1/2")
        CHECK(result.out.find("shard 1/2 has run its cells of stage wave-1") != std::string::npos);
    }
  }
  REQUIRE(fs::exists(shared / "posterior.csv"));
  CHECK(rounds == 3);
  for (const char* name : {"nroy.csv", "posterior.csv", "best.yaml", "calibration.json", "waves/implausibility.csv"})
    CHECK(read_text(shared / name) == read_text(folder / "whole" / name));
  // Each shard ran its own cells of each stage.
  CHECK(sweep_cells_in_place(shared / "waves" / "wave-1.shard-0-of-2") == 8);
  CHECK(sweep_cells_in_place(shared / "waves" / "wave-1.shard-1-of-2") == 8);
}
