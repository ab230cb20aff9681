// End-to-end tests of where outputs go and how they appear: a run's folder appears whole
// or not at all, even under kill -9 at random moments; links and empty folders are refused;
// a full disk fails with the reason and leaves no partial file.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// Two months of short bouts: 400 dyads take a few tenths of a second.
const std::string kShortLife = R"(name: short
seed: 3
span_days: 60
bouts_per_day: 2
bout_seconds: 120
)";


/// A run folder's files, summary.json less what differs between two runs of the same
/// command (times); an empty map for a missing folder.
std::map<std::string, std::string> run_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  if (!fs::exists(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) files[entry.path().filename().string()] = read_text(entry.path());
  if (files.count("summary.json")) {
    auto summary = nlohmann::json::parse(files["summary.json"]);
    for (const char* timed : {"wall_seconds", "dyads_per_second", "dyad_seconds_per_second", "command_line"})
      summary.erase(timed);
    files["summary.json"] = summary.dump();
  }
  return files;
}

}  // namespace

TEST_CASE("sim/cli: an empty --out is refused by run, sweep, calibrate and merge, and a name leaving out/ by run") {
  TempFolder folder("attune_output_folder", "empty_out");
  const auto scenario = write_text(folder / "short.yaml", kShortLife);
  for (const std::string& command : {"run " + quoted_path(scenario) + " --out ''", "sweep " + quoted_path(scenario) + " --out ''",
                                    "calibrate " + quoted_path(scenario) + " --out ''", "merge '' " + quoted_path(folder.path())}) {
    INFO(command);
    const auto result = run_attune(command, folder.path());
    CHECK(result.status == 2);
    CHECK(result.err.find("an empty output folder is refused") != std::string::npos);
  }
  CHECK(!fs::exists(folder / "out"));
  // Without --out a run goes to out/<name>; a name that would leave out/ is refused.
  fs::create_directories(folder / "work");
  write_text(folder / "work" / "escape.yaml", "name: ../../escaped\n" + kShortLife.substr(kShortLife.find('\n') + 1));
  const auto escape = run_attune("run " + quoted_path(folder / "work" / "escape.yaml"), folder.path());
  CHECK(escape.status == 2);
  CHECK(escape.err.find("escape.yaml:1:7: key 'name'") != std::string::npos);
  CHECK(!fs::exists(folder / "escaped"));
  CHECK(!fs::exists(folder.path().parent_path() / "escaped"));
}

TEST_CASE("sim/cli: a run killed at random moments leaves the old folder or the new one whole, never a mix") {
  TempFolder folder("attune_output_folder", "run_killed");
  const auto scenario = write_text(folder / "short.yaml", kShortLife);
  const fs::path out = folder / "out";
  const auto run = [&](const std::string& seed, const fs::path& into) {
    return run_attune("run " + quoted_path(scenario) + " --dyads 400 --threads 1 --seed " + seed + " --out " + quoted_path(into),
                      folder.path());
  };
  REQUIRE(run("1", out).status == 0);
  const auto old_files = run_files(out);
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(run("2", folder / "reference").status == 0);
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  const auto new_files = run_files(folder / "reference");
  REQUIRE(new_files.size() == 4);
  REQUIRE(new_files != old_files);

  // Moments from a fixed seed over the run's length, its last writes and rename included.
  std::mt19937 moments(14);
  std::uniform_int_distribution<long> fraction(300, 1100);  // past the start, where nothing is written yet
  int killed = 0;
  for (int k = 0; k < 6; ++k) {
    const std::chrono::microseconds delay(took.count() * fraction(moments) / 1000);
    INFO("killed after " << delay.count() << " us of about " << took.count());
    killed += attune_killed_at({"run", scenario.string(), "--dyads", "400", "--threads", "1", "--seed", "2", "--out",
                                out.string()},
                               delay);
    const auto files = run_files(out);
    CHECK((files == old_files || files == new_files));
  }
  UNSCOPED_INFO(killed << " of 6 runs were killed before they ended");
  CHECK(killed > 0);  // else no kill tested anything
  // What a killed run left beside the folder goes at the next run, which gives the same files.
  fs::create_directories(folder / ".out.tmp-99999999-Killed42" / "arms");
  REQUIRE(run("2", out).status == 0);
  CHECK(run_files(out) == new_files);
  CHECK(temporaries_in(folder.path()).empty());
}

TEST_CASE("sim/cli: a symbolic link in or in place of an output folder is refused, and what it points to untouched") {
  TempFolder folder("attune_output_folder", "links");
  const auto scenario = write_text(folder / "short.yaml", kShortLife);
  const fs::path victim = write_text(folder / "victim.txt", "keep me\n");
  const fs::path out = folder / "out";
  REQUIRE(run_attune("run " + quoted_path(scenario) + " --dyads 20 --out " + quoted_path(out), folder.path()).status == 0);
  const auto before = run_files(out);
  fs::create_symlink(victim, out / "traces.csv");
  auto result = run_attune("run " + quoted_path(scenario) + " --dyads 20 --trace 1 --out " + quoted_path(out), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("traces.csv is a symbolic link") != std::string::npos);
  fs::remove(out / "traces.csv");
  CHECK(run_files(out) == before);
  fs::create_symlink(out, folder / "link");
  result = run_attune("run " + quoted_path(scenario) + " --dyads 20 --out " + quoted_path(folder / "link"), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("is a symbolic link") != std::string::npos);

  // A sweep folder with a link among its tables is not resumed through it.
  write_text(folder / "sweep.yaml", "base: short.yaml\ndyads: 10\naxes:\n  caregiver.detection: {values: [0.3]}\n");
  REQUIRE(run_attune("sweep " + quoted_path(folder / "sweep.yaml") + " --out " + quoted_path(folder / "sweep"), folder.path()).status == 0);
  fs::remove(folder / "sweep" / "cells.csv");
  fs::create_symlink(victim, folder / "sweep" / "cells.csv");
  result = run_attune("sweep " + quoted_path(folder / "sweep.yaml") + " --resume --out " + quoted_path(folder / "sweep"), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("cells.csv is a symbolic link") != std::string::npos);
  CHECK(read_text(victim) == "keep me\n");
}

TEST_CASE("sim/cli: on a full disk run and sweep exit 1 with the reason and leave no partial file") {
  TempFolder folder("attune_output_folder", "full_disk");
  write_text(folder / "short.yaml", kShortLife);
  write_text(folder / "sweep.yaml", "base: short.yaml\ndyads: 300\naxes:\n  caregiver.detection: {values: [0.3, 0.6]}\n");
  fs::create_directories(folder / "disk");
  // A 64 KiB tmpfs in a mount namespace of its own: it goes when the shell ends, whatever happens.
  const std::string script =
      "mount -t tmpfs -o size=64k tmpfs disk || exit 99; " + shell_quoted(ATTUNE_BINARY) +
      " run short.yaml --dyads 2000 --threads 1 --out disk/run >/dev/null 2>run.err; echo $? >run.status; " +
      shell_quoted(ATTUNE_BINARY) +
      " sweep sweep.yaml --dyads-csv --threads 1 --out disk/sweep >/dev/null 2>sweep.err; echo $? >sweep.status; "
      "find disk -mindepth 1 | sort >left.txt";
  const std::string command = "cd " + quoted_path(folder.path()) + " && unshare -rm sh -c " + shell_quoted(script) + " 2>/dev/null";
  const int raw = std::system(command.c_str());
  if (raw != 0) {
    WARN("cannot mount a small tmpfs here (unshare -rm and mount -t tmpfs refused): the full-disk test is skipped");
    return;
  }
  const std::string run_err = read_text(folder / "run.err");
  INFO("run: " << run_err << "sweep: " << read_text(folder / "sweep.err") << "left:\n" << read_text(folder / "left.txt"));
  CHECK(read_text(folder / "run.status") == "1\n");
  CHECK(run_err.find("No space left on device") != std::string::npos);
  CHECK(read_text(folder / "sweep.status") == "1\n");
  CHECK(read_text(folder / "sweep.err").find("No space left on device") != std::string::npos);
  // The run left nothing; the sweep its inputs and no table, no cell, no temporary, not marked complete.
  const auto left = lines_of(read_text(folder / "left.txt"));
  for (const auto& path : left) {
    CHECK(path.rfind("disk/sweep", 0) == 0);
    CHECK(path.find(".tmp-") == std::string::npos);
    CHECK(path.find("cells.csv") == std::string::npos);
    CHECK(path.find("COMPLETE") == std::string::npos);
    CHECK(path.find("cells/0") == std::string::npos);
  }
  CHECK(std::find(left.begin(), left.end(), "disk/sweep/sweep.json") != left.end());
}
