// End-to-end tests of `attune sweep` and `attune merge`: the built binary is run as a
// user or a cluster job would run it, and the tables it writes are compared byte for byte.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// A short life without a Strange Situation, so a cell takes a fraction of a second.
const std::string kBase = R"(name: base
seed: 3
span_days: 60
bouts_per_day: 2
bout_seconds: 120
population:
  caregiver:
    detection: {dist: beta, mean: 0.45, sd: 0.1}
    promptness: {dist: beta, mean: 0.5, sd: 0.1}
correlations:
  - {between: [caregiver.detection, caregiver.promptness], rho: 0.5}
)";

/// 2 x 2 points, 2 replicates: 8 cells.
const std::string kSweep = R"(base: base.yaml
dyads: 30
seed: 11
replicates: 2
axes:
  caregiver.detection: {values: [0.3, 0.6]}
  caregiver.repair: {min: 0.2, max: 0.8, steps: 2}
)";

/// The sweep file, with its base beside it.
fs::path sweep_file(const TempFolder& folder, const std::string& text = kSweep) {
  write_text(folder / "base.yaml", kBase);
  return write_text(folder / "sweep.yaml", text);
}

/// The exit status of `attune ARGS` run with output to files in `folder`.
/// Its stderr goes with the next assertion's message.
int exit_status_of(const std::string& args, const TempFolder& folder, const std::string& launcher = "") {
  const auto result = run_attune(args, folder.path(), launcher);
  UNSCOPED_INFO("stderr: " << result.err);
  return result.status;
}


/// cells.csv of an uninterrupted single-process run of the sweep, the reference.
std::string reference_cells(const TempFolder& folder, const fs::path& sweep) {
  REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --threads 2 --out " + quoted_path(folder / "reference"), folder) == 0);
  const std::string cells = read_text(folder / "reference" / "cells.csv");
  REQUIRE(lines_of(cells).size() == 1 + 8);
  return cells;
}

}  // namespace

TEST_CASE("sim/sweep: cells.csv has one row per cell with its values, seed and summary, and each cell its folder") {
  TempFolder folder("attune_sweep_cli", "tidy");
  const auto cells = lines_of(reference_cells(folder, sweep_file(folder)));
  CHECK(cells[0].rfind("cell,caregiver.detection,caregiver.repair,replicate,seed,n_dyads,n_assessed,share_A,", 0) == 0);
  CHECK(cells[1].rfind("0,0.3,0.2,0,", 0) == 0);
  CHECK(cells[2].rfind("1,0.3,0.2,1,", 0) == 0);
  CHECK(cells[8].rfind("7,0.6,0.8,1,", 0) == 0);
  const fs::path cell = folder / "reference" / "cells" / "000005";
  CHECK(fs::exists(cell / "summary.json"));
  CHECK(!fs::exists(cell / "dyads.csv"));  // only with --dyads-csv
  // The cell's scenario fixes both swept parameters and drops the correlation naming detection.
  const std::string resolved = read_text(cell / "scenario.resolved.yaml");
  CHECK(resolved.find("    detection: 0.6  # fixed") != std::string::npos);
  CHECK(resolved.find("    repair: 0.2  # fixed") != std::string::npos);
  CHECK(resolved.find("correlations: []") != std::string::npos);
  for (const char* name : {"sweep.json", "sweep.yaml", "base.resolved.yaml", "design.csv", "failures.csv"})
    CHECK(fs::exists(folder / "reference" / name));
  CHECK(lines_of(read_text(folder / "reference" / "failures.csv")).size() == 1);
  // Another run elsewhere gives the same table; the same folder is refused without --resume.
  REQUIRE(exit_status_of("sweep " + quoted_path(folder / "sweep.yaml") + " --threads 1 --out " + quoted_path(folder / "again"), folder) == 0);
  CHECK(read_text(folder / "again" / "cells.csv") == read_text(folder / "reference" / "cells.csv"));
  CHECK(exit_status_of("sweep " + quoted_path(folder / "sweep.yaml") + " --out " + quoted_path(folder / "again"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("--resume") != std::string::npos);
}

TEST_CASE("sim/sweep: a bad design row fails alone, recorded with its error, and the other cells finish") {
  TempFolder folder("attune_sweep_cli", "failure");
  write_text(folder / "points.csv", "caregiver.detection,caregiver.repair\n0.3,0.5\n0.4,1.5\n0.5,0.6\n");
  const auto sweep = sweep_file(folder, "base: base.yaml\ndyads: 10\ndesign: csv\nfile: points.csv\n");
  // Exit status 3: the sweep ran to its end, but a cell failed.
  REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --out " + quoted_path(folder / "out"), folder) == 3);
  const auto cells = lines_of(read_text(folder / "out" / "cells.csv"));
  REQUIRE(cells.size() == 3);
  CHECK(cells[1].rfind("0,0.3,0.5,0,", 0) == 0);
  CHECK(cells[2].rfind("2,0.5,0.6,0,", 0) == 0);
  const auto failures = lines_of(read_text(folder / "out" / "failures.csv"));
  REQUIRE(failures.size() == 2);
  CHECK(failures[1].rfind("1,0.4,1.5,0,", 0) == 0);
  // The error names the design file, its line and column, not the base scenario.
  CHECK(failures[1].find("points.csv line 3: column 2 (caregiver.repair): 1.5 is outside the valid range [0, 1]") !=
        std::string::npos);
  CHECK(failures[1].find("base.yaml") == std::string::npos);
}

TEST_CASE("sim/sweep: killed with SIGKILL at any point and resumed, the table is byte-identical, no cell twice") {
  TempFolder folder("attune_sweep_cli", "resume");
  // Cells of 150 dyads (a tenth of a second or so each), so that the kill comes well
  // before the end even on a loaded machine.
  std::string slow = kSweep;
  slow.replace(slow.find("dyads: 30"), 9, "dyads: 150");
  const auto sweep = sweep_file(folder, slow);
  const std::string reference = reference_cells(folder, sweep);
  // Kill points: almost at once (the folder may hold nothing or only some of its
  // provenance files), once the first cell is in place, and with half the cells done.
  for (const std::size_t kill_after : {std::size_t(0), std::size_t(1), std::size_t(4)}) {
    INFO("killed once " << kill_after << " cells were in place");
    const fs::path out = folder / ("killed_" + std::to_string(kill_after));
    REQUIRE(sweep_killed_after(sweep, out, kill_after));  // stopped before the end
    const std::size_t kept = sweep_cells_in_place(out);
    const bool had_provenance = fs::exists(out / "sweep.json");
    CHECK(!fs::exists(out / "COMPLETE"));
    if (had_provenance) {  // readers refuse the unfinished folder
      CHECK(exit_status_of("report " + quoted_path(out), folder) == 2);
      CHECK(read_text(folder / "stderr.txt").find("has not finished") != std::string::npos);
    }
    // A temporary file a killed write left (as `cells.csv.tmp.<pid>` once did) goes at the resume.
    if (fs::exists(out)) write_text(out / ".cells.csv.tmp-99999999-Killed42", "half a table\n");
    REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --threads 2 --resume --out " + quoted_path(out), folder) == 0);
    CHECK(read_text(out / "cells.csv") == reference);
    CHECK(fs::exists(out / "COMPLETE"));
    CHECK(temporaries_in(out).empty());
    std::size_t folders = 0;
    for (const auto& entry : fs::directory_iterator(out / "cells")) {
      CHECK(entry.path().filename().string().front() != '.');  // no temporary folder left
      ++folders;
    }
    CHECK(folders == 8);
    // The resumed run reported only the cells it ran: those not kept.
    std::vector<std::string> reported;
    for (const auto& line : lines_of(read_text(folder / "stderr.txt")))
      if (line.rfind("cell ", 0) == 0) reported.push_back(line);
    CHECK(reported.size() == 8 - kept);
    if (!reported.empty()) CHECK(reported.back().find("(8/8)") != std::string::npos);
    // sweep.json keeps the command that started the sweep and lists the one that resumed it.
    if (had_provenance) {
      const auto provenance = nlohmann::json::parse(read_text(out / "sweep.json"));
      CHECK(provenance["command_line"].get<std::string>().find("--resume") == std::string::npos);
      REQUIRE(provenance["resumed_with"].size() == 1);
      CHECK(provenance["resumed_with"][0].get<std::string>().find("--resume") != std::string::npos);
    }
  }
}

TEST_CASE("sim/sweep: shards 0/2 and 1/2 merged equal a single run, and merge refuses gaps and foreign shards") {
  TempFolder folder("attune_sweep_cli", "shards");
  const auto sweep = sweep_file(folder);
  const std::string reference = reference_cells(folder, sweep);
  REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --shard 0/2 --out " + quoted_path(folder / "s0"), folder) == 0);
  REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --shard 1/2 --out " + quoted_path(folder / "s1"), folder) == 0);
  CHECK(lines_of(read_text(folder / "s0" / "cells.csv")).size() == 1 + 4);
  REQUIRE(exit_status_of("merge " + quoted_path(folder / "merged") + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "s1"), folder) == 0);
  CHECK(read_text(folder / "merged" / "cells.csv") == reference);
  CHECK(read_text(folder / "merged" / "failures.csv") == read_text(folder / "reference" / "failures.csv"));

  CHECK(fs::exists(folder / "merged" / "COMPLETE"));

  // Merges killed at moments from a fixed seed leave no folder, or the whole one; merged
  // again, the folder is the same. A shard not marked complete is refused.
  std::mt19937 moments(14);
  std::uniform_int_distribution<int> microseconds(0, 60000);
  for (int k = 0; k < 4; ++k) {
    const fs::path out = folder / ("killed_merge_" + std::to_string(k));
    attune_killed_at({"merge", out.string(), (folder / "s0").string(), (folder / "s1").string()},
                     std::chrono::microseconds(microseconds(moments)));
    INFO("merge " << k);
    if (fs::exists(out)) {
      CHECK(fs::exists(out / "COMPLETE"));
    } else {
      REQUIRE(exit_status_of("merge " + quoted_path(out) + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "s1"), folder) == 0);
    }
    CHECK(read_text(out / "cells.csv") == reference);
    CHECK(temporaries_in(folder.path()).empty());  // a killed merge's folder went at the next merge
  }
  fs::remove(folder / "s1" / "COMPLETE");
  CHECK(exit_status_of("merge " + quoted_path(folder / "m0") + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "s1"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("has not finished") != std::string::npos);
  write_text(folder / "s1" / "COMPLETE", "finished: every file in this folder is whole\n");

  CHECK(exit_status_of("merge " + quoted_path(folder / "m1") + " " + quoted_path(folder / "s0"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("missing") != std::string::npos);
  CHECK(exit_status_of("merge " + quoted_path(folder / "m2") + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "s0"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("more than one shard") != std::string::npos);
  write_text(folder / "other.yaml", std::string(kSweep).replace(kSweep.find("seed: 11"), 8, "seed: 12"));
  REQUIRE(exit_status_of("sweep " + quoted_path(folder / "other.yaml") + " --shard 1/2 --out " + quoted_path(folder / "o1"), folder) == 0);
  CHECK(exit_status_of("merge " + quoted_path(folder / "m3") + " " + quoted_path(folder / "s0") + " " + quoted_path(folder / "o1"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("different sweep") != std::string::npos);
  CHECK(!fs::exists(folder / "m3"));
  for (const char* bad : {"2/2", "1", "a/2", "0/0"})
    CHECK(exit_status_of("sweep " + quoted_path(sweep) + " --shard " + bad + " --out " + quoted_path(folder / "bad"), folder) == 2);
}

#if ATTUNE_HAVE_MPI
TEST_CASE("sim/sweep: under mpirun -np 2 and -np 3 the table is byte-identical to a single-process run") {
  // Compiled only into a build with MPI, which must be tested with it.
  REQUIRE(std::system("command -v mpirun >/dev/null 2>&1") == 0);
  TempFolder folder("attune_sweep_cli", "mpi");
  const auto sweep = sweep_file(folder);
  const std::string reference = reference_cells(folder, sweep);
  // -np 2: one rank hands out cells, one simulates; -np 3: two simulate, so cells finish
  // out of order and are written by different processes.
  for (const int ranks : {2, 3}) {
    INFO(ranks << " ranks");
    // Open MPI refuses root without these; it also leaks by design at exit, which
    // LeakSanitizer would report under the sanitizer build.
    const std::string launcher =
        "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
        "mpirun -np " + std::to_string(ranks) + " --oversubscribe ";
    const fs::path out = folder / ("mpi" + std::to_string(ranks));
    REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --threads 1 --out " + quoted_path(out), folder, launcher) == 0);
    CHECK(read_text(out / "cells.csv") == reference);
    // Rank 0 alone reports, one line per cell when piped.
    std::size_t reported = 0;
    for (const auto& line : lines_of(read_text(folder / "stderr.txt"))) reported += line.rfind("cell ", 0) == 0;
    CHECK(reported == 8);
  }
}
#endif

TEST_CASE("sim/sweep: under common seeds two cells of the same values are the same run, and per cell they differ") {
  TempFolder folder("attune_sweep_cli", "common_seeds");
  // The summary part of each row: everything after cell, the swept value, replicate and seed.
  const auto rest_of_rows = [&](const std::string& seeds) {
    const auto sweep = write_text(folder / ("sweep_" + seeds + ".yaml"),
                                  "base: base.yaml\ndyads: 20\nseed: 11\nseeds: " + seeds +
                                      "\naxes:\n  caregiver.detection: {values: [0.45, 0.45]}\n");
    write_text(folder / "base.yaml", kBase);
    const fs::path out = folder / ("out_" + seeds);
    REQUIRE(exit_status_of("sweep " + quoted_path(sweep) + " --out " + quoted_path(out), folder) == 0);
    const auto rows = lines_of(read_text(out / "cells.csv"));
    REQUIRE(rows.size() == 3);
    std::vector<std::string> rest;
    for (std::size_t k = 1; k < rows.size(); ++k) {
      std::size_t at = 0;
      for (int field = 0; field < 4; ++field) at = rows[k].find(',', at) + 1;
      rest.push_back(rows[k].substr(at));
    }
    return rest;
  };
  const auto common = rest_of_rows("common");
  CHECK(common[0] == common[1]);
  const auto per_cell = rest_of_rows("per_cell");
  CHECK(per_cell[0] != per_cell[1]);
}

TEST_CASE("sim/sweep: validate checks a sweep file, its base and its design rows, naming file, line and key") {
  TempFolder folder("attune_sweep_cli", "validate");
  // The shipped example is valid.
  auto result = run_attune("validate " + quoted_path(fs::path(ATTUNE_SOURCE_DIR) / "scenarios" / "sweep_sensitivity_repair.yaml"),
                           folder.path());
  CHECK(result.status == 0);
  CHECK(result.out.find(": valid") != std::string::npos);

  // A misspelt key of the sweep file.
  const auto typo = sweep_file(folder, "base: base.yaml\nreplicats: 2\naxes:\n  caregiver.detection: {values: [0.3]}\n");
  result = run_attune("validate " + quoted_path(typo), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("sweep.yaml:2:1: key 'replicats'") != std::string::npos);
  CHECK(result.err.find("did you mean 'replicates'") != std::string::npos);

  // A misspelt `axes`: the replicates still mark it a sweep (not a scenario over its base),
  // so the sweep loader says what is missing.
  const auto no_axes = sweep_file(folder, "base: base.yaml\nreplicates: 2\naxis:\n  caregiver.detection: {values: [0.3]}\n");
  result = run_attune("validate " + quoted_path(no_axes), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("missing required key 'axes'") != std::string::npos);

  // Design rows that a run would fail one by one are errors for validate.
  write_text(folder / "points.csv", "caregiver.detection\n0.3\nlots\n");
  const auto csv = write_text(folder / "csv_sweep.yaml", "base: base.yaml\ndesign: csv\nfile: points.csv\n");
  result = run_attune("validate " + quoted_path(csv), folder.path());
  CHECK(result.status == 2);
  CHECK(result.err.find("points.csv line 3: column 1 (caregiver.detection): 'lots' is not a number") != std::string::npos);
  CHECK(result.err.find("1 error(s)") != std::string::npos);
}

TEST_CASE("sim/sweep: on a terminal the live line moves inside a long cell, with the dyads done of that cell") {
  // `script` (util-linux, in every Debian) runs the sweep on a pseudo-terminal and logs it.
  REQUIRE(std::system("command -v script >/dev/null 2>&1") == 0);
  TempFolder folder("attune_sweep_cli", "live");
  write_text(folder / "base.yaml", kBase);
  // One cell of 700 dyads: blocks of 256 and then the rest, so one redraw comes mid-cell.
  const auto sweep = write_text(folder / "sweep.yaml",
                                "base: base.yaml\ndyads: 700\naxes:\n  caregiver.detection: {values: [0.4]}\n");
  const fs::path log = folder / "terminal.log";
  // Without CI in the environment: attune draws no live line under CI, terminal or not.
  const std::string inner =
      "env -u CI " + shell_quoted(ATTUNE_BINARY) + " sweep " + quoted_path(sweep) + " --threads 2 --out " + quoted_path(folder / "out");
  const std::string command = "script -qec " + shell_quoted(inner) + " " + quoted_path(log) + " </dev/null >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string screen = read_text(log);
  INFO(screen);
  CHECK(screen.find("this cell 256/700 dyads") != std::string::npos);
  CHECK(screen.find("cells 1/1") != std::string::npos);
  // Piped, the same sweep prints one line per finished cell and no live line.
  CHECK(exit_status_of("sweep " + quoted_path(sweep) + " --out " + quoted_path(folder / "piped"), folder) == 0);
  CHECK(read_text(folder / "stderr.txt").find("this cell") == std::string::npos);
}
