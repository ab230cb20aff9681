// A sweep's axis reaches every dyad of its cell: sweeping caregiver detection over the
// normative population must raise the secure share, as sensitivity raises security
// (De Wolff & van IJzendoorn 1997). Two cells of 400 dyads, assessed at 6 months to keep
// it fast; the difference of B shares must exceed k = 3 standard errors of a difference
// of proportions, computed from the shares observed.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "sim/csv_read.hpp"
#include "tests/sim/process_support.hpp"

using namespace attune;
using namespace attune::testing;

TEST_CASE("statistical/sweep: the secure share rises with caregiver detection across cells") {
  TempFolder folder("attune_sweep_statistical", "detection");
  std::ofstream(folder / "sweep.yaml") << "base: " << ATTUNE_SOURCE_DIR << "/scenarios/normative.yaml\n"
                                       << "dyads: 400\nspan_days: 190\nstrange_situation_months: [6]\nseed: 5\n"
                                       << "design: values\naxes:\n  caregiver.detection: {values: [0.15, 0.75]}\n";
  const std::string command = shell_quoted(ATTUNE_BINARY) + " sweep " + shell_quoted((folder / "sweep.yaml").string()) +
                              " --out " + shell_quoted((folder / "out").string()) + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto lines = lines_of(read_text(folder / "out" / "cells.csv"));
  REQUIRE(lines.size() == 3);
  const auto header = *split_csv_line(lines[0]);
  std::map<std::string, double> low, high;
  const auto low_fields = *split_csv_line(lines[1]), high_fields = *split_csv_line(lines[2]);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "caregiver.detection") continue;
    low[header[i]] = std::stod(low_fields[i]);
    high[header[i]] = std::stod(high_fields[i]);
  }
  REQUIRE(low_fields[1] == "0.15");
  REQUIRE(high_fields[1] == "0.75");
  const double p1 = low["share_B"], p2 = high["share_B"];
  const double se = std::sqrt(p1 * (1 - p1) / low["n_assessed"] + p2 * (1 - p2) / high["n_assessed"]);
  INFO("B share at detection 0.15: " << p1 << ", at 0.75: " << p2 << ", SE of the difference " << se);
  CHECK(p2 - p1 > 3.0 * se);
}
