// Paired proportions: Newcombe's interval against a published implementation's output,
// Cohen's h and its interval against the formula worked out in the test.
#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/statistics/paired_proportion.hpp"

using namespace attune::analysis;

TEST_CASE("analysis/paired_proportion: Newcombe's paired interval matches Fagerland et al.'s implementation") {
  // The paired 2x2 table [[59, 6], [16, 80]] of the R package contingencytables (Fagerland,
  // Lydersen & Laake 2017, chapter 8; its test of Newcombe_square_and_add_CI_paired_2x2):
  // estimate -0.0621, 95% CI -0.1186 to -0.0046, printed to 4 decimals.
  const PairedTable table{59, 6, 16, 80};
  const auto d = paired_difference_of_proportions(table);
  CHECK(d.difference == Approx(65.0 / 161 - 75.0 / 161));
  CHECK(d.ci95.lo == Approx(-0.1186).margin(5e-5));
  CHECK(d.ci95.hi == Approx(-0.0046).margin(5e-5));

  // Swapping the conditions mirrors the interval.
  const auto mirrored = paired_difference_of_proportions(PairedTable{59, 16, 6, 80});
  CHECK(mirrored.difference == Approx(-d.difference));
  CHECK(mirrored.ci95.lo == Approx(-d.ci95.hi));
  CHECK(mirrored.ci95.hi == Approx(-d.ci95.lo));

  // Strongly correlated pairs narrow the interval against independent samples of the same
  // margins (the reason arms are compared dyad by dyad).
  const auto independent = difference_of_proportions(65, 161, 75, 161);
  CHECK(d.ci95.hi - d.ci95.lo < 0.6 * (independent.ci95.hi - independent.ci95.lo));

  // No discordant pairs: difference 0, inside its interval; no pairs: NaN and [-1, 1].
  const auto same = paired_difference_of_proportions(PairedTable{30, 0, 0, 70});
  CHECK(same.difference == 0.0);
  CHECK(same.ci95.lo <= 0.0);
  CHECK(same.ci95.hi >= 0.0);
  const auto empty = paired_difference_of_proportions(PairedTable{});
  CHECK(std::isnan(empty.difference));
  CHECK(empty.ci95.lo == -1.0);
  CHECK(empty.ci95.hi == 1.0);
}

TEST_CASE("analysis/paired_proportion: Cohen's h and its delta-method interval") {
  const PairedTable table{59, 6, 16, 80};
  const double n = 161, p1 = 65 / n, p2 = 75 / n;
  const double h = 2 * std::asin(std::sqrt(p1)) - 2 * std::asin(std::sqrt(p2));
  const double phi = (59.0 * 80 - 6.0 * 16) / std::sqrt(65.0 * 96 * 75 * 86);
  const double se = std::sqrt(2 * (1 - phi) / n);
  const auto e = paired_cohens_h(table);
  CHECK(e.d == Approx(h));
  CHECK(e.ci95.lo == Approx(h - 1.959964 * se).epsilon(1e-6));
  CHECK(e.ci95.hi == Approx(h + 1.959964 * se).epsilon(1e-6));
  // h is about -0.125 here: Cohen's "small" is 0.2.
  CHECK(e.d == Approx(-0.1254).margin(5e-4));

  // Uncorrelated pairs (phi = 0): the independent-sample variance 2/n.
  const auto uncorrelated = paired_cohens_h(PairedTable{25, 25, 25, 25});
  CHECK(uncorrelated.d == Approx(0.0).margin(1e-15));
  CHECK(uncorrelated.ci95.hi == Approx(1.959964 * std::sqrt(2.0 / 100)).epsilon(1e-6));
  CHECK(std::isnan(paired_cohens_h(PairedTable{}).d));
}
