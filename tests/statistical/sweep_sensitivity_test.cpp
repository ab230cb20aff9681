// A sweep's axis reaches every dyad of its cell: sweeping caregiver detection over the
// normative population must raise the secure share, as sensitivity raises security
// (De Wolff & van IJzendoorn 1997). Two cells of 1,000 dyads, assessed at 6 months to keep
// it fast; the difference of B shares must exceed k = 3 standard errors of a difference
// of proportions, computed from the shares observed.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/csv_read.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::testing;

TEST_CASE("statistical/sweep: the secure share rises with caregiver detection across cells") {
  TempFolder folder("attune_sweep_statistical", "detection");
  std::ofstream(folder / "sweep.yaml") << "base: " << ATTUNE_SOURCE_DIR << "/scenarios/normative.yaml\n"
                                       << "dyads: 1000\nspan_days: 190\nstrange_situation_months: [6]\n"
                                       << "sensitivity_observation_months: []\nseed: 5\n"
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
  // Only the columns this test reads: others may be NA (a correlation with a variable that did not vary).
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != "share_B" && header[i] != "n_assessed") continue;
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

// The shipped example sweep, at 60 dyads a cell: the matched (coordinated) share rises
// with both axes. Each axis is compared at its two ends, averaging the three cells of
// the other axis; the SE of a mean of three independent cell means is sqrt(sum se_i^2)/3,
// each se_i = sd/sqrt(n) from the cell's summary; the rise must exceed 3 SE of the difference.
TEST_CASE("statistical/sweep: the shipped sweep's matched share rises with detection and with repair") {
  TempFolder folder("attune_sweep_statistical", "shipped");
  const std::string command = shell_quoted(ATTUNE_BINARY) + " sweep " +
                              shell_quoted(std::string(ATTUNE_SOURCE_DIR) + "/scenarios/sweep_sensitivity_repair.yaml") +
                              " --dyads 60 --out " + shell_quoted((folder / "out").string()) + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto lines = lines_of(read_text(folder / "out" / "cells.csv"));
  REQUIRE(lines.size() == 10);  // a 3 x 3 grid
  const auto header = *split_csv_line(lines[0]);
  REQUIRE(header[1] == "caregiver.detection");
  REQUIRE(header[2] == "caregiver.repair");
  struct Cell {
    std::string detection, repair;
    double mean, se;
  };
  std::vector<Cell> cells;
  for (std::size_t row = 1; row < lines.size(); ++row) {
    const auto fields = *split_csv_line(lines[row]);
    char id[16];
    std::snprintf(id, sizeof id, "%06d", std::stoi(fields[0]));
    const auto summary = nlohmann::json::parse(read_text(folder / "out" / "cells" / id / "summary.json"));
    const auto& matched = summary["metrics"]["matched_share"];
    cells.push_back({fields[1], fields[2], matched["mean"].get<double>(),
                     matched["sd"].get<double>() / std::sqrt(matched["n"].get<double>())});
  }
  // The mean over the three cells where `axis` has `level`, and its SE.
  const auto at = [&](std::string Cell::*axis, const std::string& level) {
    double sum = 0, variance = 0;
    int n = 0;
    for (const auto& cell : cells)
      if (cell.*axis == level) {
        sum += cell.mean;
        variance += cell.se * cell.se;
        ++n;
      }
    REQUIRE(n == 3);
    return std::pair{sum / 3, std::sqrt(variance) / 3};
  };
  const auto check_rise = [&](std::string Cell::*axis, const std::string& low, const std::string& high) {
    const auto [low_mean, low_se] = at(axis, low);
    const auto [high_mean, high_se] = at(axis, high);
    const double se = std::hypot(low_se, high_se);
    INFO(low << " -> " << high << ": matched share " << low_mean << " -> " << high_mean << ", SE " << se);
    CHECK(high_mean - low_mean > 3.0 * se);
  };
  check_rise(&Cell::detection, "0.25", "0.65");
  check_rise(&Cell::repair, "0.2", "0.8");
}
