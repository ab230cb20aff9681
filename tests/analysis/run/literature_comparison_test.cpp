// The run beside the published figures: the verdicts follow from the numbers.
#include <catch2/catch.hpp>

#include "analysis/statistics/proportion.hpp"
#include "analysis/run/literature_comparison.hpp"

using namespace attune;

TEST_CASE("analysis/run/literature: inside the band, an interval overlapping it, and nothing to compare without an assessment") {
  // 100 assessed: A 9 (just below the 10-21 % band, but its interval reaches into it),
  // B 62, C 9, D 20.
  const auto rows = literature_comparison({9, 62, 9, 20, 0}, 100);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["classification"] == "A");
  CHECK(rows[0]["inside_published_range"] == false);
  CHECK(rows[0]["ci95_overlaps_published_range"] == true);
  CHECK(rows[0]["difference"].get<double>() == Approx(0.09 - 0.15));
  CHECK(rows[0]["ci95"][1].get<double>() == Approx(analysis::wilson(9, 100).ci95.hi));
  CHECK(rows[1]["inside_published_range"] == true);
  // B at 30 %: outside, and its interval [21 %, 40 %] is far from the 55-70 % band.
  const auto low_b = literature_comparison({40, 30, 15, 15, 0}, 100);
  CHECK(low_b[1]["inside_published_range"] == false);
  CHECK(low_b[1]["ci95_overlaps_published_range"] == false);
  CHECK(literature_comparison({0, 0, 0, 0, 7}, 0).empty());
}

TEST_CASE("analysis/run/literature: the cross-checks take the forced classes and the metrics' mean and median") {
  const nlohmann::json metrics = {{"matched_share", {{"mean", 0.5}, {"quantiles", {{"p50", 0.3}}}}},
                                  {"median_repair_latency_s", {{"mean", 12.0}, {"quantiles", {{"p50", 8.0}}}}}};
  const auto checks = literature_cross_checks({20, 70, 10, 0}, 100, metrics);
  REQUIRE(checks["forced_classification"].size() == 3);
  CHECK(checks["forced_classification"][1]["difference"].get<double>() == Approx(0.70 - 0.66));
  REQUIRE(checks["interaction"].size() == 2);
  // The matched share is compared by its mean (0.5: above 45 %), the latency by its median (8 s: within 10 s).
  CHECK(checks["interaction"][0]["value"].get<double>() == 0.5);
  CHECK(checks["interaction"][0]["inside_published_range"] == false);
  CHECK(checks["interaction"][1]["value"].get<double>() == 8.0);
  CHECK(checks["interaction"][1]["inside_published_range"] == true);
  CHECK(literature_cross_checks({0, 0, 0, 0}, 0, nlohmann::json::object())["forced_classification"].empty());
  // A metric no dyad has (n = 0: no mean, no quantiles) gives no row rather than an error.
  const nlohmann::json empty_metric = {{"matched_share", {{"n", 0}}}, {"median_repair_latency_s", {{"n", 0}}}};
  CHECK(literature_cross_checks({0, 0, 0, 0}, 0, empty_metric)["interaction"].empty());
}
