// scenarios/two_caregivers.yaml at a small size: attachment is relationship-specific
// (Fox, Kimmerly & Schafer 1991; van IJzendoorn & De Wolff 1997). The infant's classes with
// mother and father agree above chance but far from perfectly; the caregiver who cares for
// the infant more often is the one its working model knows more surely; security with a
// caregiver goes with that caregiver's sensitivity more than with the other's; and a stress
// edge from a highly stressed caregiver raises the other's stress.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "analysis/statistics/agreement.hpp"
#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/moments.hpp"
#include "models/parameter_table.hpp"
#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

// ---- Thresholds that depend on the model's numbers (re-derive after a model change) ----
// One run of the shipped scenario serves the three relationship tests: kFamilyDyads dyads
// (about 12 ms each on one core: ~8 s) at a fixed seed. At 600 dyads the SE of kappa is
// about 0.04 (Fleiss, Cohen & Everitt 1969), of a point-biserial r about 1/sqrt(n) = 0.04.
constexpr std::uint64_t kFamilyDyads = 600;
constexpr std::uint64_t kFamilySeed = 31;
// "Far from perfectly": published concordance of the classes with mother and father is
// modest (Fox et al. 1991; van IJzendoorn & De Wolff 1997, recalled: of the order r = .2,
// kappa about .2 to .3); a model in which the class were a property of the infant (or in
// which both relationships shared one working model) gives kappa well above it. The upper
// end of kappa's 95 % interval must lie below this ceiling (twice the published order).
constexpr double kKappaCeiling = 0.6;
// Beyond sampling error: each one-sided comparison must exceed this many standard errors.
constexpr double kStandardErrors = 3.0;
// "Known more surely" is read in the first weeks of life. The availability posterior
// forgets (iwm.forgetting = 0.99 per episode at the table's default), so its weight rises
// towards 1/(1 - 0.99) = 100 episodes and, by the Strange Situation at 12 months, sits at
// that ceiling with both parents (measured: 99.999 and 99.95). After kEarlyDays days the
// father's fewer episodes leave his weight below the mother's. Re-derive if the forgetting
// or the number of signal episodes per bout changes a lot.
constexpr int kEarlyDays = 30;
// ------------------------------------------------------------------------------------------

/// The caregiver traits that are sensitivity or its failures (Ainsworth 1974; Ainsworth et
/// al. 1978), drawn for both parents in the scenario, with the sign of their expected tie to
/// security: more noticing, reading, promptness, fit and repair help; rebuffs,
/// unpredictability and frightening behaviour harm. Equal weights: the index does not come
/// from the model.
struct Trait {
  double CaregiverParameters::*field;
  double sign;
};
constexpr std::array<Trait, 8> kSensitivityTraits = {{
    {&CaregiverParameters::detection, +1},
    {&CaregiverParameters::reading, +1},
    {&CaregiverParameters::promptness, +1},
    {&CaregiverParameters::fit, +1},
    {&CaregiverParameters::repair, +1},
    {&CaregiverParameters::rejection, -1},
    {&CaregiverParameters::inconsistency, -1},
    {&CaregiverParameters::unresolved, -1},
}};

/// What the tests need of one dyad, per parent (0 mother, 1 father).
struct FamilyDyad {
  std::array<int, 2> klass{};        ///< 0..3 for A..D, first Strange Situation
  std::array<double, 2> evidence{};  ///< availability's Beta weight alpha + beta at the procedure
  std::array<std::uint64_t, 2> bouts{};
  std::array<CaregiverParameters, 2> traits{};
};

/// The shipped scenario's dyads; with `days`, only their first `days` days of life (no
/// Strange Situation: klass stays 0, evidence is the working model's at the end).
std::vector<FamilyDyad> run_family(std::uint64_t dyads, std::uint64_t seed, int days = 0) {
  Scenario s = shipped_scenario("two_caregivers.yaml");
  if (days > 0) {
    s.span_days = days;
    s.strange_situation.ages_months.clear();
  }
  RunOptions options;
  options.dyads = dyads;
  options.seed = seed;
  std::vector<FamilyDyad> out;
  run_dyads(s, options, [&](const DyadRecord& r) {
    REQUIRE(r.caregivers == 2);
    REQUIRE(r.strange_situations == (days > 0 ? 0 : 1));
    FamilyDyad d;
    for (int k = 0; k < 2; ++k) {
      const auto& iwm = days > 0 ? r.caregiver[k].iwm_final : r.caregiver[k].strange_situation[0].iwm;
      d.evidence[k] = iwm.availability_successes + iwm.availability_failures;
      d.bouts[k] = r.caregiver[k].bouts;
      d.traits[k] = r.caregiver[k].parameters;
      if (days == 0) d.klass[k] = char(r.caregiver[k].strange_situation[0].coding.classification) - 'A';
    }
    // The population caregiver's procedure is the dyad's own.
    if (days == 0)
      CHECK(r.caregiver[0].strange_situation[0].coding.classification ==
            r.strange_situation[0].coding.classification);
    out.push_back(d);
  });
  return out;
}

const std::vector<FamilyDyad>& family_run() {
  static const std::vector<FamilyDyad> dyads = run_family(kFamilyDyads, kFamilySeed);
  return dyads;
}

/// Each parent's sensitivity index: the signed sum of the traits, each z-scored over the
/// sample of that parent (so the index is in SD units whatever the trait's scale).
std::array<std::vector<double>, 2> sensitivity_indices(const std::vector<FamilyDyad>& dyads) {
  std::array<std::vector<double>, 2> index{std::vector<double>(dyads.size(), 0.0),
                                           std::vector<double>(dyads.size(), 0.0)};
  for (int k = 0; k < 2; ++k)
    for (const auto& trait : kSensitivityTraits) {
      analysis::RunningMoments m;
      for (const auto& d : dyads) m.add(d.traits[k].*trait.field);
      if (!(m.sd() > 0)) continue;  // a trait fixed for this parent adds nothing
      for (std::size_t i = 0; i < dyads.size(); ++i)
        index[k][i] += trait.sign * (dyads[i].traits[k].*trait.field - m.mean()) / m.sd();
    }
  return index;
}

/// Williams' (1959) t for the difference of two correlations sharing a variable, r12 - r13,
/// with r23 the correlation of the other two (Steiger 1980, eq. 7); df = n - 3.
double williams_t(double r12, double r13, double r23, double n) {
  const double det = 1 - r12 * r12 - r13 * r13 - r23 * r23 + 2 * r12 * r13 * r23;
  const double mean = (r12 + r13) / 2;
  return (r12 - r13) *
         std::sqrt((n - 1) * (1 + r23) / (2 * (n - 1) / (n - 3) * det + mean * mean * std::pow(1 - r23, 3)));
}

}  // namespace

// One test case for the three, so that one process runs the population once (CTest runs
// each test case in a process of its own); a section for each claim.
TEST_CASE("statistical/family: attachment is relationship-specific (two_caregivers.yaml)") {
  const auto& dyads = family_run();
  SECTION("the classes with mother and father agree above chance and far from perfectly") {
    std::vector<std::vector<std::uint64_t>> four(4, std::vector<std::uint64_t>(4, 0));
    std::vector<std::vector<std::uint64_t>> secure(2, std::vector<std::uint64_t>(2, 0));
    for (const auto& d : dyads) {
      ++four[d.klass[0]][d.klass[1]];
      ++secure[d.klass[0] != 1][d.klass[1] != 1];
    }
    // Above chance beyond sampling error: the 95 % interval of kappa (large-sample SE of
    // Fleiss, Cohen & Everitt 1969) lies above 0. Far from perfect: it lies below the
    // ceiling of the constants above, well short of 1.
    for (const auto& table : {four, secure}) {
      const auto kappa = analysis::cohens_kappa(table);
      INFO((table.size() == 4 ? "four classes" : "secure/insecure")
           << ": kappa " << kappa.kappa << " [" << kappa.ci95.lo << ", " << kappa.ci95.hi << "], agreement "
           << kappa.observed << ", by chance " << kappa.chance);
      CHECK(kappa.ci95.lo > 0.0);
      CHECK(kappa.ci95.hi < kKappaCeiling);
    }
  }
  SECTION("the caregiver seen more often is known more surely") {
    // The working model's availability is a Beta posterior (docs/MODEL.md §5): its weight
    // alpha + beta is the (discounted) number of signal episodes it rests on, and the SD of
    // the estimate shrinks as 1/sqrt(weight). Each parent's weight is learned only in that
    // parent's bouts, so the parent who cared in more of them is known from more evidence.
    // Read after kEarlyDays days of life, before forgetting caps both weights (see above).
    const auto early = run_family(kFamilyDyads, kFamilySeed, kEarlyDays);
    analysis::RunningMoments difference, more, less, share_more;
    for (const auto& d : early) {
      if (d.bouts[0] == d.bouts[1]) continue;
      const int m = d.bouts[0] > d.bouts[1] ? 0 : 1;
      difference.add(d.evidence[m] - d.evidence[1 - m]);
      more.add(d.evidence[m]);
      less.add(d.evidence[1 - m]);
      share_more.add(double(d.bouts[m]) / double(d.bouts[0] + d.bouts[1]));
    }
    INFO("weight with the parent seen more ("
         << share_more.mean() << " of the bouts) " << more.mean() << ", with the other " << less.mean()
         << "; paired difference " << difference.mean() << " (SE " << difference.standard_error() << ", n "
         << difference.count() << ")");
    REQUIRE(difference.count() > early.size() / 2);
    // Paired over dyads, one-sided: beyond kStandardErrors SE of the mean difference.
    CHECK(difference.mean() > kStandardErrors * difference.standard_error());
  }
  SECTION("security with a caregiver goes with that caregiver's sensitivity more than with the other's") {
    const auto index = sensitivity_indices(dyads);
    const double n = double(dyads.size());
    const double between_parents = analysis::pearson(index[0], index[1]);  // resemblance makes it > 0
    for (int k = 0; k < 2; ++k) {
      std::vector<double> secure(dyads.size());
      for (std::size_t i = 0; i < dyads.size(); ++i) secure[i] = dyads[i].klass[k] == 1 ? 1.0 : 0.0;
      const double own = analysis::pearson(secure, index[k]);  // point-biserial r
      const double other = analysis::pearson(secure, index[1 - k]);
      const double t = williams_t(own, other, between_parents, n);
      INFO((k == 0 ? "with mother" : "with father")
           << ": r with own sensitivity " << own << ", with the other's " << other
           << " (the parents' indices correlate " << between_parents << "); Williams' t " << t);
      // Security with this parent follows this parent's sensitivity beyond sampling error
      // (Fisher z: SE of atanh r is 1/sqrt(n - 3)) ...
      CHECK(std::atanh(own) * std::sqrt(n - 3) > kStandardErrors);
      // ... and more closely than it follows the other parent's (Williams' t for two
      // correlations sharing the security variable, df = n - 3: a normal deviate here).
      CHECK(t > kStandardErrors);
    }
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
    if (with_edge.family.member(edge.from) == "father" && with_edge.family.member(edge.to) == "mother")
      edge.stress = 0.0;
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
                          << ", raised by " << difference.mean() << " (SE " << difference.standard_error()
                          << ")");
  REQUIRE(father_stress.mean() > 2.0 * mother_alone.mean());
  // Paired over dyads: beyond 3 standard errors of the mean difference.
  CHECK(difference.mean() > 3.0 * difference.standard_error());
}
