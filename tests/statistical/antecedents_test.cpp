// Sanity of the science (Ainsworth et al. 1978; Main & Hesse 1990): across the
// normative population, one caregiver trait is fixed low or high with everything else
// drawn as usual, and the class it is the antecedent of must become more common.
// Each comparison uses 500 dyads per arm with the same seed and requires the difference
// in shares to exceed k = 3 standard errors of a difference of two proportions,
// sqrt(p1(1-p1)/n1 + p2(1-p2)/n2), so chance alone passes it with p < 0.0015.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/statistical/population_run.hpp"

using namespace attune;
using namespace attune::testing;

namespace {

constexpr std::uint64_t kDyads = 500;
constexpr std::uint64_t kSeed = 424242;

void check_raises(const char* group, const char* name, double low, double high, char cls) {
  const Scenario base = shipped_scenario("normative.yaml");
  const auto lo = run_and_tally(with_fixed(base, group, name, low), kDyads, kSeed);
  const auto hi = run_and_tally(with_fixed(base, group, name, high), kDyads, kSeed);
  const double p1 = lo.share(cls), p2 = hi.share(cls);
  const double se = std::sqrt(p1 * (1 - p1) / lo.n + p2 * (1 - p2) / hi.n);
  INFO(group << "." << name << " " << low << " -> " << high << ": share of " << cls << " " << p1 << " -> " << p2);
  CHECK(p2 - p1 > 3.0 * se);
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
