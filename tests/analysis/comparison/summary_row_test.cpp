#include <cmath>
#include <sstream>

#include <catch2/catch.hpp>

#include "analysis/comparison/summary_row.hpp"

namespace attune {

TEST_CASE("analysis/comparison/summary_row: counts, class shares with CIs, then metric means in order", "[sim]") {
  const auto summary = nlohmann::json::parse(R"({
    "n_dyads": 40,
    "classification": {
      "A": {"proportion": 0.25, "ci95": [0.1, 0.4]}, "B": {"proportion": 0.5, "ci95": [0.3, 0.7]},
      "C": {"proportion": null, "ci95": [0.0, 1.0]}, "D": {"proportion": 0.0, "ci95": [0.0, 0.09]},
      "n_assessed": 36},
    "secondary_classification": {"A": {"proportion": 0.3}, "B": {"proportion": 0.6}, "C": {"proportion": 0.1}},
    "metrics": {"matched_share": {"mean": 0.31}, "iwm_fear": {"mean": 0.02}}})");
  const SummaryRow row = summary_row(summary);
  REQUIRE(row.names.size() == row.values.size());
  REQUIRE(row.names.size() == 2 + 12 + 3 + 2);
  CHECK(row.names[0] == "n_dyads");
  CHECK(row.values[1] == 36);
  CHECK(row.names[5] == "share_B");
  CHECK(row.values[5] == 0.5);
  CHECK(row.names[7] == "share_B_ci_hi");
  CHECK(std::isnan(row.values[8]));  // C's proportion is null: no dyad assessed as C
  // The forced A/B/C split after the four-way shares.
  CHECK(row.names[14] == "forced_share_A");
  CHECK(row.names[15] == "forced_share_B");
  CHECK(row.values[15] == 0.6);
  CHECK(row.names[16] == "forced_share_C");
  CHECK(row.names[17] == "iwm_fear_mean");  // metrics in sorted order
  CHECK(row.names[18] == "matched_share_mean");

  std::ostringstream names, values;
  write_row_names(names, row);
  write_row_values(values, row);
  CHECK(names.str().rfind(",n_dyads,n_assessed,share_A,share_A_ci_lo,", 0) == 0);
  CHECK(values.str().find(",NA,") != std::string::npos);
}

TEST_CASE("analysis/comparison/summary_row: a metric no dyad had (no Strange Situation run) gives NA, not an error", "[sim]") {
  const auto summary = nlohmann::json::parse(R"({
    "n_dyads": 5,
    "classification": {"A": {"proportion": null, "ci95": [0, 1]}, "B": {"proportion": null, "ci95": [0, 1]},
      "C": {"proportion": null, "ci95": [0, 1]}, "D": {"proportion": null, "ci95": [0, 1]}, "n_assessed": 0},
    "secondary_classification": {"A": {"proportion": null}, "B": {"proportion": null}, "C": {"proportion": null}},
    "metrics": {"matched_share": {"mean": 0.7}, "ssp_avoidance": {"missing": 5, "n": 0}}})");
  const SummaryRow row = summary_row(summary);
  REQUIRE(row.names.back() == "ssp_avoidance_mean");
  CHECK(std::isnan(row.values.back()));
  CHECK(row.values[row.values.size() - 2] == 0.7);
}

TEST_CASE("analysis/comparison/summary_row: a summary without classification is an error, not a short row", "[sim]") {
  CHECK_THROWS(summary_row(nlohmann::json::parse(R"({"n_dyads": 1, "metrics": {}})")));
}

}  // namespace attune
