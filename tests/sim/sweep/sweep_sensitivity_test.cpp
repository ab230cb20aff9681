// indices.csv from a sweep folder (sim/sweep/sweep_sensitivity.*), in process: replicates
// averaged, a base row with a failed cell left out and counted, a constant output NA.
#include "sim/sweep/sweep_sensitivity.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/statistics/sensitivity.hpp"
#include "sim/io/csv_format.hpp"
#include "sim/sweep/sweep_design.hpp"
#include "tests/support/process_support.hpp"

namespace attune {
namespace {

using testing::TempFolder;

/// A linear response of a saltelli point.
double saltelli_response(const std::vector<double>& x) { return 2 * x[0] + x[1]; }

/// The estimate field of indices.csv's row for (output, parameter, index), and its n.
std::pair<std::string, std::string> indices_entry(const std::string& csv, const std::string& key) {
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ",", 0) == 0) {
      const auto fields = line.substr(key.size() + 1);
      return {fields.substr(0, fields.find(',')), fields.substr(fields.rfind(',') + 1)};
    }
  return {"missing", "missing"};
}

}  // namespace

TEST_CASE(
    "sim/sweep: indices.csv averages replicates, leaves out a base row with a failed cell, NA for a constant "
    "output") {
  TempFolder folder("attune_sweep", "indices");
  testing::write_text(folder / "design.json",
                      R"({"design": "saltelli", "replicates": 2, "samples": 4, "second_order": false,
                          "axes": [{"parameter": "g.x", "min": 0, "max": 1}, {"parameter": "g.y", "min": 0, "max": 1}]})");
  const auto points = saltelli_points(4, 2, false);
  std::ostringstream cells;
  cells << "cell,g.x,g.y,replicate,seed,n_dyads,y_mean,y_mean_ci_lo,flat_mean\n";
  std::vector<double> means;
  for (std::size_t p = 0; p < points.size(); ++p) {
    means.push_back(saltelli_response(points[p]));
    for (int r = 0; r < 2; ++r) {
      const std::size_t cell = 2 * p + static_cast<std::size_t>(r);
      if (cell == 5) continue;  // point 2, replicate 1 failed: base row 0 is out
      cells << cell << ",0,0," << r << ",1,10,";
      // Off by an amount that varies with the point, so only their mean gives the expected indices.
      const double off = 0.25 * static_cast<double>(p % 3);
      write_csv_number(cells, means.back() + (r == 0 ? off : -off));
      cells << ",0,7\n";
    }
  }
  testing::write_text(folder / "cells.csv", cells.str());
  const IndicesSummary summary = write_indices(folder.path());
  CHECK(summary.used == 3);
  CHECK(summary.of == 4);
  CHECK(summary.outputs == 2);  // y_mean and flat_mean: not the count, not the interval bound
  const std::string csv = testing::read_text(folder / "indices.csv");
  // The same estimators on the replicate means of base rows 1..3 alone (the estimate does
  // not depend on the bootstrap).
  means[2] = NAN;
  const auto expected = sensitivity::sobol_indices(sensitivity::split_saltelli(means, 2, false), 10, 1);
  const auto [s1, n] = indices_entry(csv, "y_mean,g.y,S1");
  CHECK(n == "3");
  double value = 0;
  std::from_chars(s1.data(), s1.data() + s1.size(), value);
  CHECK(value == Approx(expected.first[1].value).epsilon(1e-12));  // the means may differ in the last bit
  CHECK(indices_entry(csv, "flat_mean,g.x,ST").first == "NA");
  CHECK(indices_entry(csv, "y_mean_ci_lo,g.x,S1").first == "missing");
}

}  // namespace attune
