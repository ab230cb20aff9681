// The default (normative) scenario reproduces the published figures of
// shared/design/science.md at one set of parameter values. Each class share must lie in
// its calibration band widened by k = 3 binomial standard errors at the target share
// (2,000 dyads: SE about 1 percentage point); the micro-analytic metrics in theirs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/statistics/moments.hpp"
#include "analysis/run/published_figures.hpp"
#include "models/interaction_metrics.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

TEST_CASE("statistical/calibration: normative class distribution and interaction metrics") {
  const Scenario scenario = shipped_scenario("normative.yaml");
  RunOptions options;
  options.dyads = 2000;
  options.seed = scenario.seed;
  std::uint64_t assessed = 0;
  std::array<std::uint64_t, 4> counts{};
  analysis::RunningMoments matched, repaired;
  std::vector<double> latencies;
  run_dyads(scenario, options, [&](const DyadRecord& r) {
    REQUIRE(r.strange_situations == 1);
    ++assessed;
    ++counts[char(r.strange_situation[0].coding.classification) - 'A'];
    const auto m = interaction_metrics(r.interaction);
    matched.add(m.matched_share);
    repaired.add(m.repaired_share);
    if (!std::isnan(m.median_repair_latency)) latencies.push_back(m.median_repair_latency);
  });
  for (const auto& band : analysis::kNormativeClassShares) {
    const double share = double(counts[band.classification - 'A']) / double(assessed);
    const double se = std::sqrt(band.target * (1 - band.target) / double(assessed));
    INFO("class " << band.classification << " share " << share << " band [" << band.lo << ", " << band.hi << "]");
    CHECK(share >= band.lo - 3 * se);
    CHECK(share <= band.hi + 3 * se);
  }
  // Tronick & Gold 2020: matched about 30 % of the time, band 20-45 %; the mean over
  // dyads with k = 3 standard errors of that mean.
  INFO("matched share " << matched.mean() << " SE " << matched.standard_error());
  CHECK(matched.mean() >= 0.20 - 3 * matched.standard_error());
  CHECK(matched.mean() <= 0.45 + 3 * matched.standard_error());
  // Most mismatches repaired (Tronick 1989), within seconds: population median of the
  // dyads' median repair latencies at most 10 s (a 2,000-dyad median: sampling error
  // well under a second).
  CHECK(repaired.mean() > 0.5 + 3 * repaired.standard_error());
  std::nth_element(latencies.begin(), latencies.begin() + latencies.size() / 2, latencies.end());
  INFO("median repair latency " << latencies[latencies.size() / 2]);
  CHECK(latencies[latencies.size() / 2] <= 10.0);
}
