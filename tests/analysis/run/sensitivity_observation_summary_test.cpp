// The sensitivity observation's block of summary.json: its numbers follow from the ratings.
#include "analysis/run/sensitivity_observation_summary.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "analysis/statistics/effect_size.hpp"

using namespace attune;

namespace {

SensitivityObservations two_ratings(double first, double second) {
  SensitivityObservations observed;
  observed.count = 2;
  observed.rating = {first, second, 0, 0};
  return observed;
}

}  // namespace

TEST_CASE(
    "analysis/run/sensitivity_observation: moments by age, r with security, bands and the published figure") {
  SensitivityObservationPlan plan;
  plan.ages_months = {6, 9};
  SensitivityObservationSummary summary(plan);
  // Secure dyads rated higher: mean ratings 7, 6, 8 secure; 4, 5.5, 2 insecure; one unclassified.
  std::vector<double> means, secure;
  const auto add = [&](double a, double b, int security) {
    summary.add(two_ratings(a, b), security);
    if (security < 0) return;
    means.push_back((a + b) / 2);
    secure.push_back(security);
  };
  add(7, 7, 1);
  add(6.5, 5.5, 1);
  add(8, 8, 1);
  add(4, 4, 0);
  add(5, 6, 0);
  add(1.5, 2.5, 0);
  add(9, 9, -1);
  const auto j = summary.to_json();
  CHECK(j["minutes"] == 15);
  REQUIRE(j["observations"].size() == 2);
  CHECK(j["observations"][0]["column"] == "observed_sensitivity_6");
  CHECK(j["observations"][1]["column"] == "observed_sensitivity_9");
  CHECK(j["observations"][0]["n"] == 7);
  CHECK(j["observations"][0]["mean"].get<double>() == Approx((7 + 6.5 + 8 + 4 + 5 + 1.5 + 9) / 7.0));
  CHECK(j["observations"][0]["rating_counts"]["7.0"] == 1);
  CHECK(j["observations"][1]["rating_counts"]["5.5"] == 1);
  const auto& overall = j["observed_sensitivity"];
  CHECK(overall["n"] == 7);
  CHECK(overall["n_classified"] == 6);
  CHECK(overall["mean_secure"].get<double>() == Approx(7.0));
  CHECK(overall["mean_insecure"].get<double>() == Approx(11.5 / 3));
  // The point-biserial r equals Pearson's r of the mean rating with the 0/1 indicator.
  const double r = analysis::pearson(means, secure);
  CHECK(overall["point_biserial_r"].get<double>() == Approx(r));
  CHECK(j["literature"]["r"].get<double>() == Approx(r));
  CHECK(j["literature"]["published"] == 0.24);
  CHECK(j["literature"]["inside_published_range"] == false);        // r = 0.81
  CHECK(j["literature"]["ci95_overlaps_published_range"] == true);  // n = 6: a wide interval
  // Bands of the mean rating: [1, 3) 2 -> 1 insecure; [3, 5) 4 -> 1 insecure; [5, 7) 6, 5.5 -> 1 secure, 1
  // insecure; [7, 9] 7, 8 -> 2 secure.
  REQUIRE(j["by_band"].size() == 4);
  CHECK(j["by_band"][0]["n"] == 1);
  CHECK(j["by_band"][0]["secure"] == 0);
  CHECK(j["by_band"][2]["n"] == 2);
  CHECK(j["by_band"][2]["share_secure"].get<double>() == Approx(0.5));
  CHECK(j["by_band"][3]["n"] == 2);
  CHECK(j["by_band"][3]["share_secure"].get<double>() == Approx(1.0));
}

TEST_CASE("analysis/run/sensitivity_observation: no classified dyad leaves r empty, not a number") {
  SensitivityObservationPlan plan;
  plan.ages_months = {6};
  SensitivityObservationSummary summary(plan);
  SensitivityObservations one = two_ratings(5, 0);
  one.count = 1;
  summary.add(one, -1);
  const auto j = summary.to_json();
  CHECK(j["observed_sensitivity"]["point_biserial_r"].is_null());
  CHECK(j["literature"]["inside_published_range"] == false);
  CHECK(j["by_band"][0]["ci95"].is_null());
}
