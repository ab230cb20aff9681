// Arms against control dyad by dyad, from two dyads.csv files written by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "analysis/statistics/paired_proportion.hpp"
#include "analysis/comparison/arm_pairs.hpp"
#include "tests/support/process_support.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("analysis/comparison/arm_pairs: class shares and metrics are paired by dyad, and unassessed and NA dyads drop out") {
  TempFolder folder("attune_pairs", "paired");
  // Four dyads; dyad 3 is not assessed in the arm, dyad 2's metric is NA in control.
  write(folder / "control.csv",
        "dyad_id,iwm_availability,classification\n"
        "0,0.5,A\n"
        "1,0.25,B\n"
        "2,NA,A\n"
        "3,0.75,B\n");
  write(folder / "arm.csv",
        "dyad_id,iwm_availability,classification\n"
        "0,0.75,B\n"
        "1,0.5,B\n"
        "2,1,A\n"
        "3,1,\n");
  const auto result = paired_comparison((folder / "arm.csv").string(), (folder / "control.csv").string(),
                                        {"iwm_availability", "not_a_column"});
  // Pairs assessed in both arms: dyads 0-2. B: dyad 0 B only in the arm, dyad 1 in both.
  const auto& b = result["classification"]["B"];
  CHECK(b["n_pairs"] == 3);
  CHECK(b["arm_only"] == 1);
  CHECK(b["control_only"] == 0);
  CHECK(b["difference"].get<double>() == Approx(2.0 / 3 - 1.0 / 3));
  const auto expected = analysis::paired_difference_of_proportions({1, 1, 0, 1});
  CHECK(b["ci95"][0].get<double>() == Approx(expected.ci95.lo));
  CHECK(b["ci95"][1].get<double>() == Approx(expected.ci95.hi));
  CHECK(result["classification"]["A"]["control_only"] == 1);
  CHECK(result["classification"]["C"]["difference"].get<double>() == 0.0);

  // Metric pairs: dyads 0, 1 and 3 (each +0.25), so the difference is exactly 0.25 with a
  // zero-width interval; d_av is defined (the arms' SDs are not 0).
  const auto& availability = result["metrics"]["iwm_availability"];
  CHECK(availability["n_pairs"] == 3);
  CHECK(availability["difference"].get<double>() == 0.25);
  CHECK(availability["ci95"][0].get<double>() == Approx(0.25));
  CHECK(availability["ci95"][1].get<double>() == Approx(0.25));
  CHECK(availability["cohens_d"].get<double>() == Approx(0.25 / 0.25));
  CHECK_FALSE(result["metrics"].contains("not_a_column"));
}

TEST_CASE("analysis/comparison/arm_pairs: files whose dyads differ are refused, naming both") {
  TempFolder folder("attune_pairs", "mismatch");
  write(folder / "control.csv", "dyad_id,classification\n0,A\n1,B\n");
  write(folder / "reordered.csv", "dyad_id,classification\n1,B\n0,A\n");
  write(folder / "short.csv", "dyad_id,classification\n0,A\n");
  const auto control = (folder / "control.csv").string();
  CHECK_THROWS_WITH(paired_comparison((folder / "reordered.csv").string(), control, {}),
                    Catch::Contains("reordered.csv") && Catch::Contains("dyad order"));
  CHECK_THROWS_WITH(paired_comparison((folder / "short.csv").string(), control, {}),
                    Catch::Contains("different numbers of dyads"));
  CHECK_THROWS_WITH(paired_comparison((folder / "missing.csv").string(), control, {}),
                    Catch::Contains("missing.csv") && Catch::Contains("cannot open"));
}
