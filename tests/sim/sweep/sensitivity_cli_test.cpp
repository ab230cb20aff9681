// End-to-end tests of the sensitivity sweeps: `attune sweep` of a saltelli or morris
// design writes indices.csv at its end, `attune merge` after joining shards, `attune
// analyze DIR` on demand; the tables are byte-identical however the cells were split.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process_support.hpp"

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

/// A short life without a Strange Situation, so a cell takes a fraction of a second.
const std::string kSensitivityBase = R"(name: base
seed: 3
span_days: 60
bouts_per_day: 2
bout_seconds: 120
)";

/// 4 base rows x (k + 2) points x 2 replicates: 32 cells.
const std::string kSaltelliSweep = R"(base: base.yaml
dyads: 20
seed: 11
replicates: 2
design: saltelli
samples: 4
axes:
  caregiver.detection: {min: 0.2, max: 0.8}
  caregiver.repair: {min: 0.1, max: 0.9}
)";


/// The exit status of `attune ARGS`; its stderr goes with the next assertion's message.
int sensitivity_exit_status(const std::string& args, const TempFolder& folder) {
  const auto result = run_attune(args, folder.path());
  UNSCOPED_INFO("stderr: " << result.err);
  return result.status;
}

/// The fields of an indices.csv row (its names hold no commas or quotes).
std::vector<std::string> split_indices_row(const std::string& row) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t comma; (comma = row.find(',', start)) != std::string::npos; start = comma + 1)
    fields.push_back(row.substr(start, comma - start));
  fields.push_back(row.substr(start));
  return fields;
}

}  // namespace

TEST_CASE("sim/sweep: a saltelli sweep killed and resumed, or run under mpirun, writes the same cells.csv and indices.csv") {
  TempFolder folder("attune_sensitivity_cli", "saltelli_resume");
  write_text(folder / "base.yaml", kSensitivityBase);
  // 60 dyads a cell: slow enough that the kill comes long before the 32nd cell.
  std::string slower = kSaltelliSweep;
  slower.replace(slower.find("dyads: 20"), 9, "dyads: 60");
  const auto sweep = write_text(folder / "sweep.yaml", slower);
  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --out " + quoted_path(folder / "whole"),
                                  folder) == 0);
  const std::string cells = read_text(folder / "whole" / "cells.csv");
  const std::string indices = read_text(folder / "whole" / "indices.csv");
  REQUIRE(lines_of(indices).size() > 1);

  const fs::path killed = folder / "killed";
  REQUIRE(sweep_killed_after(sweep, killed, 3));
  CHECK(!fs::exists(killed / "indices.csv"));  // the analysis runs only once every cell is in
  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --resume --out " + quoted_path(killed),
                                  folder) == 0);
  CHECK(read_text(killed / "cells.csv") == cells);
  CHECK(read_text(killed / "indices.csv") == indices);

#if ATTUNE_HAVE_MPI
  // Three ranks: two simulate, so cells finish out of order, written by different processes.
  REQUIRE(std::system("command -v mpirun >/dev/null 2>&1") == 0);
  const auto result = run_attune("sweep " + quoted_path(sweep) + " --threads 1 --out " +
                                     quoted_path(folder / "mpi"),
                                 folder.path(),
                                 "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
                                 "mpirun -np 3 --oversubscribe ");
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  CHECK(read_text(folder / "mpi" / "cells.csv") == cells);
  CHECK(read_text(folder / "mpi" / "indices.csv") == indices);
#endif
}

TEST_CASE(
    "sim/sweep: a saltelli sweep's cells.csv and indices.csv are byte-identical for 1 or 2 threads and for "
    "shards merged") {
  TempFolder folder("attune_sensitivity_cli", "saltelli");
  write_text(folder / "base.yaml", kSensitivityBase);
  const auto sweep = write_text(folder / "sweep.yaml", kSaltelliSweep);
  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --threads 1 --out " +
                                      quoted_path(folder / "one"),
                                  folder) == 0);
  CHECK(read_text(folder / "stdout.txt").find("4 of 4 base rows without a failed cell") != std::string::npos);
  const std::string cells = read_text(folder / "one" / "cells.csv");
  const std::string indices = read_text(folder / "one" / "indices.csv");
  const auto rows = lines_of(indices);
  REQUIRE(rows.size() > 1);
  CHECK(rows[0] == "output,parameter,index,estimate,ci_lo,ci_hi,n");
  CHECK(rows[1].rfind("share_A,caregiver.detection,S1,", 0) == 0);
  // n is the 4 base rows where an output has a value in every cell, 0 where it has none
  // (the Strange Situation's outputs: this life is too short for one), whose indices are NA.
  std::size_t complete = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto fields = split_indices_row(rows[r]);
    REQUIRE(fields.size() == 7);
    CHECK((fields[6] == "4" || (fields[6] == "0" && fields[3] == "NA")));
    complete += fields[6] == "4";
  }
  CHECK(complete > 0);
  CHECK(rows[4].rfind("share_A,caregiver.repair,ST,", 0) == 0);
  CHECK(indices.find("_ci_lo,caregiver") == std::string::npos);  // interval bounds are not outputs
  CHECK(indices.find("\nn_dyads,") == std::string::npos);        // nor are the counts

  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --threads 2 --out " +
                                      quoted_path(folder / "two"),
                                  folder) == 0);
  CHECK(read_text(folder / "two" / "cells.csv") == cells);
  CHECK(read_text(folder / "two" / "indices.csv") == indices);

  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --shard 0/2 --out " +
                                      quoted_path(folder / "s0"),
                                  folder) == 0);
  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(sweep) + " --shard 1/2 --out " +
                                      quoted_path(folder / "s1"),
                                  folder) == 0);
  CHECK(!fs::exists(folder / "s0" / "indices.csv"));  // a shard alone holds too few cells
  REQUIRE(sensitivity_exit_status("merge " + quoted_path(folder / "merged") + " " +
                                      quoted_path(folder / "s0") + " " +
                                      quoted_path(folder / "s1"),
                                  folder) == 0);
  CHECK(read_text(folder / "merged" / "cells.csv") == cells);
  CHECK(read_text(folder / "merged" / "indices.csv") == indices);

  // 3 base rows: allowed, with a warning (Sobol points balance at powers of 2).
  std::string three = kSaltelliSweep;
  three.replace(three.find("samples: 4"), 10, "samples: 3");
  const auto unbalanced = write_text(folder / "three.yaml", three);
  REQUIRE(sensitivity_exit_status(
              "sweep " + quoted_path(unbalanced) + " --out " + quoted_path(folder / "three"),
              folder) == 0);
  CHECK(read_text(folder / "stderr.txt").find("samples 3 is not a power of 2") != std::string::npos);
  CHECK(read_text(folder / "stdout.txt").find("3 of 3 base rows") != std::string::npos);

  // `attune analyze` again: the same bytes (the bootstrap has a fixed seed).
  fs::remove(folder / "one" / "indices.csv");
  REQUIRE(sensitivity_exit_status("analyze " + quoted_path(folder / "one"), folder) == 0);
  CHECK(read_text(folder / "one" / "indices.csv") == indices);
}

TEST_CASE(
    "sim/sweep: a morris sweep gives mu_star an interval but not mu or sigma and analyze refuses other "
    "folders") {
  TempFolder folder("attune_sensitivity_cli", "morris");
  write_text(folder / "base.yaml", kSensitivityBase);
  std::string text = kSaltelliSweep;
  text.replace(text.find("design: saltelli\nsamples: 4"), 27, "design: morris\ntrajectories: 3");
  const auto sweep = write_text(folder / "sweep.yaml", text);
  REQUIRE(sensitivity_exit_status(
              "sweep " + quoted_path(sweep) + " --out " + quoted_path(folder / "out"),
              folder) == 0);
  const auto rows = lines_of(read_text(folder / "out" / "indices.csv"));
  REQUIRE(rows.size() > 3);
  CHECK(rows[1].rfind("share_A,caregiver.detection,mu_star,", 0) == 0);
  CHECK(rows[2].rfind("share_A,caregiver.detection,mu,", 0) == 0);
  CHECK(rows[3].rfind("share_A,caregiver.detection,sigma,", 0) == 0);
  // Where an output has a value in every cell (n = 3 trajectories), mu_star has an
  // interval and mu and sigma none.
  std::size_t complete = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto fields = split_indices_row(rows[r]);
    REQUIRE(fields.size() == 7);
    if (fields[6] != "3") continue;
    ++complete;
    if (fields[2] == "mu_star") CHECK((fields[4] != "NA" && fields[5] != "NA"));
    if (fields[2] != "mu_star") CHECK((fields[4] == "NA" && fields[5] == "NA"));
  }
  CHECK(complete > 0);

  // A grid sweep, an empty folder and a missing one: invalid input, with the reason.
  write_text(folder / "grid.yaml",
             "base: base.yaml\ndyads: 5\naxes:\n  caregiver.detection: {values: [0.3]}\n");
  REQUIRE(sensitivity_exit_status("sweep " + quoted_path(folder / "grid.yaml") + " --out " +
                                      quoted_path(folder / "grid"),
                                  folder) == 0);
  CHECK(sensitivity_exit_status("analyze " + quoted_path(folder / "grid"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("needs a sweep of design saltelli or morris") !=
        std::string::npos);
  fs::create_directories(folder / "empty");
  CHECK(sensitivity_exit_status("analyze " + quoted_path(folder / "empty"), folder) == 2);
  CHECK(read_text(folder / "stderr.txt").find("not a sweep folder") != std::string::npos);
  CHECK(sensitivity_exit_status("analyze " + quoted_path(folder / "missing"), folder) == 2);
}
