// Sanity of the science (Ainsworth et al. 1978; Main & Hesse 1990): across the
// normative population, one caregiver trait is fixed low or high with everything else
// drawn as usual, and the class it is the antecedent of must become more common.
// Both populations use the same seed, so they hold the same infants with the same other
// traits, dyad by dyad: the comparison is paired. McNemar's z = (b - c) / sqrt(b + c),
// b the dyads in the class only with the high value and c only with the low, is standard
// normal under no effect; each check asks for z > 3 (one-sided p < 0.0014) over 500
// dyads.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

constexpr std::uint64_t kAntecedentDyads = 500;
constexpr std::uint64_t kAntecedentSeed = 424242;

void check_raises(const char* group, const char* name, double low, double high, char cls) {
  const Scenario base = shipped_scenario("normative.yaml");
  const auto lo = classes_of(with_fixed(base, group, name, low), kAntecedentDyads, kAntecedentSeed);
  const auto hi = classes_of(with_fixed(base, group, name, high), kAntecedentDyads, kAntecedentSeed);
  REQUIRE(lo.size() == hi.size());
  double only_high = 0, only_low = 0, low_total = 0, high_total = 0;
  for (std::size_t i = 0; i < lo.size(); ++i) {
    only_high += hi[i] == cls && lo[i] != cls;
    only_low += lo[i] == cls && hi[i] != cls;
    low_total += lo[i] == cls;
    high_total += hi[i] == cls;
  }
  INFO(group << "." << name << " " << low << " -> " << high << ": share of " << cls << " " << low_total / kAntecedentDyads
             << " -> " << high_total / kAntecedentDyads << "; in " << cls << " only with the high value " << only_high
             << ", only with the low " << only_low);
  REQUIRE(only_high + only_low > 0);
  CHECK((only_high - only_low) / std::sqrt(only_high + only_low) > 3.0);
}

}  // namespace

TEST_CASE("statistical/antecedents: higher caregiver sensitivity raises security (B)") {
  check_raises("caregiver", "detection", 0.15, 0.75, 'B');
}

TEST_CASE("statistical/antecedents: consistent rejection of bids raises avoidance (A)") {
  check_raises("caregiver", "rejection", 0.02, 0.4, 'A');
}

TEST_CASE("statistical/antecedents: inconsistent availability raises resistance (C)") {
  check_raises("caregiver", "inconsistency", 0.1, 0.8, 'C');
}

TEST_CASE("statistical/antecedents: frightening behaviour raises disorganization (D)") {
  check_raises("caregiver", "frightening_rate", 0.0, 0.5, 'D');
}
