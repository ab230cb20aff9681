// The within-dyad d_av and its Bonett (2008) interval, against values worked by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/moments.hpp"

using namespace attune::analysis;

TEST_CASE("analysis/effect_size: paired d_av and its delta-method interval match a hand computation") {
  // means 10 and 13, SDs 2 and 4, SD of the differences 3, n = 26:
  // s = sqrt((4 + 16) / 2) = sqrt(10); d = 3 / sqrt(10) = 0.948683;
  // rho s1 s2 = (4 + 16 - 9) / 2 = 5.5;
  // var = 9 / (25 * 10) + 0.9 * (16 + 256 + 2 * 5.5^2) / (8 * 100 * 25) = 0.036 + 0.0149625;
  // se = 0.2257488; CI = d -/+ 1.959964 se = [0.506224, 1.391143].
  const auto e = paired_cohens_d(10.0, 2.0, 13.0, 4.0, 3.0, 26);
  CHECK(e.d == Approx(0.9486833).epsilon(1e-6));
  CHECK(e.ci95.lo == Approx(0.5062239).epsilon(1e-6));
  CHECK(e.ci95.hi == Approx(1.3911427).epsilon(1e-6));
  // The direction is second minus first.
  const auto reversed = paired_cohens_d(13.0, 4.0, 10.0, 2.0, 3.0, 26);
  CHECK(reversed.d == Approx(-e.d));
  CHECK(reversed.ci95.lo == Approx(-e.ci95.hi));
  // A stronger within-dyad correlation (smaller SD of differences) narrows the interval.
  const auto correlated = paired_cohens_d(10.0, 2.0, 13.0, 4.0, 2.5, 26);
  CHECK(correlated.d == Approx(e.d));
  CHECK(correlated.ci95.hi - correlated.ci95.lo < e.ci95.hi - e.ci95.lo);
  CHECK(std::isnan(paired_cohens_d(1.0, 1.0, 2.0, 1.0, 1.0, 2).d));
  CHECK(std::isnan(paired_cohens_d(1.0, 0.0, 2.0, 0.0, 0.0, 10).d));
}

TEST_CASE("analysis/effect_size: paired d_av from running moments uses the same subjects") {
  // Pairs (1,2) (2,4) (3,3) (4,7) (5,6): means 3 and 4.4, variances 2.5 and
  // (5.76 + 0.16 + 1.96 + 6.76 + 2.56) / 4 = 4.3;
  // differences 1 2 0 3 1: variance ((1-1.4)^2 + 0.36 + 1.96 + 2.56 + 0.16) / 4 = 1.3.
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 4, 3, 7, 6};
  RunningMoments a, b, diff;
  for (std::size_t i = 0; i < x.size(); ++i) {
    a.add(x[i]);
    b.add(y[i]);
    diff.add(y[i] - x[i]);
  }
  const auto e = paired_cohens_d(a, b, diff);
  const auto direct = paired_cohens_d(3.0, std::sqrt(2.5), 4.4, std::sqrt(4.3), std::sqrt(1.3), 5);
  CHECK(e.d == Approx(1.4 / std::sqrt(3.4)));
  CHECK(e.d == Approx(direct.d));
  CHECK(e.ci95.lo == Approx(direct.ci95.lo));
  RunningMoments shorter;
  shorter.add(1.0);
  CHECK(std::isnan(paired_cohens_d(a, b, shorter).d));
}
