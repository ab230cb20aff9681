// Development keeps moving, and temperament moderates rather than decides (issue 13,
// parts 5 and 6; science.md: Weinfield, Sroufe & Egeland 2000; Pinquart, Feussner &
// Ahnert 2013; Belsky & Pluess 2009; Groh et al. 2017). Populations are the shipped
// normative one with one input changed and the same seed, so dyads are paired where that
// helps. Every margin is k = 3 standard errors of the quantity compared, from its sampling
// distribution as stated beside it.
#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/statistics/agreement.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

constexpr std::uint64_t kDevelopmentDyads = 800;
constexpr std::uint64_t kDevelopmentSeed = 515151;

/// The normative population assessed at 12 and 20 months.
Scenario assessed_twice(Scenario scenario) {
  scenario.span_days = assessment_day(20) + 1;
  scenario.strange_situation.ages_months = {12, 20};
  return scenario;
}

struct Repeated {
  std::vector<int> first, second;
  double changed_share() const {
    double changed = 0;
    for (std::size_t i = 0; i < first.size(); ++i) changed += first[i] != second[i];
    return changed / double(first.size());
  }
};

Repeated classes_twice(const Scenario& scenario) {
  RunOptions options;
  options.dyads = kDevelopmentDyads;
  options.seed = kDevelopmentSeed;
  Repeated r;
  run_dyads(scenario, options, [&](const DyadRecord& d) {
    REQUIRE(d.strange_situations == 2);
    r.first.push_back(char(d.strange_situation[0].coding.classification) - 'A');
    r.second.push_back(char(d.strange_situation[1].coding.classification) - 'A');
  });
  return r;
}

}  // namespace

TEST_CASE("statistical/development: a Strange Situation repeated 8 months later agrees only moderately") {
  const Repeated r = classes_twice(assessed_twice(shipped_scenario("normative.yaml")));
  std::vector<std::vector<std::uint64_t>> table(kAttachmentClassCount, std::vector<std::uint64_t>(kAttachmentClassCount));
  for (std::size_t i = 0; i < r.first.size(); ++i) ++table[r.first[i]][r.second[i]];
  const auto kappa = analysis::cohens_kappa(table);
  INFO("kappa 12 vs 20 months " << kappa.kappa << " [" << kappa.ci95.lo << ", " << kappa.ci95.hi << "]");
  // Better than chance and "well below perfectly" (science.md; Pinquart, Feussner &
  // Ahnert 2013 report moderate stability over months): the 95 % interval lies inside
  // (0, 0.8), 0.8 being this test's reading of "well below" 1.
  CHECK(kappa.ci95.lo > 0.0);
  CHECK(kappa.ci95.hi < 0.8);
}

TEST_CASE("statistical/development: negative life events raise the rate of change") {
  const Scenario base = assessed_twice(shipped_scenario("normative.yaml"));
  const Repeated calm = classes_twice(with_fixed(base, "stressors", "life_event_rate", 0.0));
  const Repeated eventful = classes_twice(with_fixed(base, "stressors", "life_event_rate", 6.0));
  const double p1 = calm.changed_share(), p2 = eventful.changed_share();
  // Two proportions over n dyads each: SE of the difference sqrt(p1 q1 / n + p2 q2 / n).
  const double se = std::sqrt(p1 * (1 - p1) / kDevelopmentDyads + p2 * (1 - p2) / kDevelopmentDyads);
  INFO("changed class between 12 and 20 months: no life events " << p1 << ", six a year " << p2);
  CHECK(p2 - p1 > 3 * se);
}

// Reactivity fixed low or high (lognormal median 1, sigma 0.25: about its 15th and 85th
// percentiles) in populations whose caregivers notice little or much; the same seed
// keeps everything else paired. The fall in B with reactivity must be larger where care
// is insensitive (differential susceptibility), by 3 SEs of the difference of the two
// paired differences (each a McNemar-type difference of proportions, variance
// (b + c - (b - c)^2 / n) / n^2; the two are independent populations).
// kTemperamentDyads: at 800 dyads a population the difference of the falls was 2.9 of its
// SEs after the calibration with the forced split (0.068 against 3 SE = 0.070), so its
// expected size is near the threshold; twice the dyads put it near 4 SEs.
constexpr std::uint64_t kTemperamentDyads = 1600;
TEST_CASE("statistical/temperament: reactivity makes insecurity likelier mainly where care is insensitive") {
  const Scenario base = shipped_scenario("normative.yaml");
  auto fall_in_b = [&](double detection, double& variance) {
    const Scenario care = with_fixed(base, "caregiver", "detection", detection);
    const auto calm = classes_of(with_fixed(care, "infant", "reactivity", 0.78), kTemperamentDyads, kDevelopmentSeed);
    const auto reactive = classes_of(with_fixed(care, "infant", "reactivity", 1.3), kTemperamentDyads, kDevelopmentSeed);
    const PairedShift shift = paired_shift(calm, reactive, 'B');
    variance = shift.variance();
    return -shift.difference();  // a fall in B
  };
  double v_insensitive = 0, v_sensitive = 0;
  const double insensitive = fall_in_b(0.2, v_insensitive);
  const double sensitive = fall_in_b(0.7, v_sensitive);
  INFO("fall in B from low to high reactivity: insensitive care " << insensitive << ", sensitive care " << sensitive);
  CHECK(insensitive - sensitive > 3 * std::sqrt(v_insensitive + v_sensitive));
}
