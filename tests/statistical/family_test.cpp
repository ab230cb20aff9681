// scenarios/two_caregivers.yaml at a small size: attachment is relationship-specific,
// so the classifications with mother and father agree above chance but far from
// perfectly (Fox, Kimmerly & Schafer 1991; van IJzendoorn & De Wolff 1997); and a
// stress edge from a highly stressed caregiver raises the other's stress.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "analysis/statistics/agreement.hpp"
#include "analysis/statistics/moments.hpp"
#include "models/parameter_table.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

TEST_CASE("statistical/family: classifications with mother and father are concordant above chance, not perfectly") {
  const Scenario s = shipped_scenario("two_caregivers.yaml");
  RunOptions options;
  options.dyads = 400;
  options.seed = 31;
  std::vector<std::vector<std::uint64_t>> four(4, std::vector<std::uint64_t>(4, 0));
  std::vector<std::vector<std::uint64_t>> secure(2, std::vector<std::uint64_t>(2, 0));
  std::array<std::array<int, 4>, 2> classes{};
  run_dyads(s, options, [&](const DyadRecord& r) {
    REQUIRE(r.caregivers == 2);
    REQUIRE(r.strange_situations == 1);
    const int mother = char(r.caregiver[0].strange_situation[0].coding.classification) - 'A';
    const int father = char(r.caregiver[1].strange_situation[0].coding.classification) - 'A';
    // The population caregiver's procedure is the dyad's own.
    CHECK(r.caregiver[0].strange_situation[0].coding.classification == r.strange_situation[0].coding.classification);
    ++four[mother][father];
    ++secure[mother != 1][father != 1];
    ++classes[0][mother];
    ++classes[1][father];
  });
  // Both relationships are classified, and into more than one class each.
  for (const auto& c : classes) {
    int used = 0;
    for (int n : c) used += n > 0;
    CHECK(used >= 3);
  }
  // Above chance beyond sampling error (the 95 % interval of kappa excludes 0) and
  // short of perfect (it excludes 1): large-sample SE of Fleiss, Cohen & Everitt 1969.
  for (const auto& table : {four, secure}) {
    const auto kappa = analysis::cohens_kappa(table);
    INFO("kappa " << kappa.kappa << " [" << kappa.ci95.lo << ", " << kappa.ci95.hi << "], agreement " << kappa.observed);
    CHECK(kappa.ci95.lo > 0.0);
    CHECK(kappa.ci95.hi < 1.0);
  }
}

TEST_CASE("statistical/family: a stress edge from a highly stressed father raises the mother's stress") {
  // The same dyads (same seed) with and without the father -> mother stress weight; the
  // father is made highly stressed (slow recovery, much stress from crying).
  Scenario with_edge = shipped_scenario("two_caregivers.yaml");
  with_edge.span_days = 120;
  with_edge.strange_situation.ages_months.clear();
  auto& father = with_edge.family.caregivers[1].draws;
  for (const char* name : {"stress_recovery", "stress_from_crying"}) {
    Distribution fixed;
    fixed.kind = DistributionKind::fixed;
    fixed.value = std::string(name) == "stress_recovery" ? 0.02 : 0.2;
    father.push_back({*find_parameter("caregiver", name), fixed});
  }
  Scenario without = with_edge;
  for (auto& edge : without.family.edges)
    if (with_edge.family.member(edge.from) == "father" && with_edge.family.member(edge.to) == "mother") edge.stress = 0.0;
  RunOptions options;
  options.dyads = 60;
  options.seed = 8;
  std::vector<double> a, b;
  analysis::RunningMoments father_stress;
  run_dyads(with_edge, options, [&](const DyadRecord& r) {
    a.push_back(r.caregiver[0].mean_stress);
    father_stress.add(r.caregiver[1].mean_stress);
  });
  run_dyads(without, options, [&](const DyadRecord& r) { b.push_back(r.caregiver[0].mean_stress); });
  analysis::RunningMoments difference, mother_alone;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference.add(a[i] - b[i]);
    mother_alone.add(b[i]);
  }
  INFO("father's stress " << father_stress.mean() << ", mother's without the edge " << mother_alone.mean()
                          << ", raised by " << difference.mean() << " (SE " << difference.standard_error() << ")");
  REQUIRE(father_stress.mean() > 2.0 * mother_alone.mean());
  // Paired over dyads: beyond 3 standard errors of the mean difference.
  CHECK(difference.mean() > 3.0 * difference.standard_error());
}
