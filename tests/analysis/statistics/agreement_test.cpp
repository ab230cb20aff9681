// Cohen's kappa and its large-sample standard error (analysis/statistics/agreement.hpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/statistics/agreement.hpp"
#include "analysis/statistics/moments.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/random/rng.hpp"

using namespace attune;
using namespace attune::analysis;

TEST_CASE("analysis/agreement: kappa of a 2x2 table by hand") {
  // n = 50; diagonal 35 -> 0.70; margins rows 0.5/0.5, columns 0.6/0.4 -> chance 0.5;
  // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
  const auto a = cohens_kappa({{20, 5}, {10, 15}});
  CHECK(a.n == 50);
  CHECK(a.observed == Approx(0.7));
  CHECK(a.chance == Approx(0.5));
  CHECK(a.kappa == Approx(0.4));
  CHECK(a.ci95.lo < 0.4);
  CHECK(a.ci95.hi > 0.4);
}

TEST_CASE("analysis/agreement: perfect agreement, independence and degenerate tables") {
  CHECK(cohens_kappa({{30, 0, 0}, {0, 20, 0}, {0, 0, 10}}).kappa == Approx(1.0));
  CHECK(cohens_kappa({{30, 0, 0}, {0, 20, 0}, {0, 0, 10}}).se == Approx(0.0).margin(1e-6));  // the square root of rounding error
  // Rows independent of columns: the diagonal is what the margins predict.
  CHECK(cohens_kappa({{12, 8}, {18, 12}}).kappa == Approx(0.0).margin(1e-12));
  CHECK(std::isnan(cohens_kappa({{0, 0}, {0, 0}}).kappa));
  CHECK(std::isnan(cohens_kappa({{5, 0}, {0, 0}}).kappa));  // one category only: chance is 1
  CHECK_THROWS_AS(cohens_kappa({{1, 2}, {3}}), std::invalid_argument);
}

TEST_CASE("analysis/agreement: the standard error matches the spread of kappa over samples") {
  // A 3x3 population with kappa about 0.3; 2000 samples of n = 300. The SD of the
  // sample kappas estimates the true SE to within about 1/sqrt(2 x 2000) = 1.6 %
  // (relative); the formula is asymptotic, so allow 8 %.
  const double p[3][3] = {{0.30, 0.08, 0.04}, {0.10, 0.20, 0.06}, {0.04, 0.06, 0.12}};
  Rng rng = make_stream(99, 0, StreamPurpose::trace);
  RunningMoments kappas, ses;
  for (int sample = 0; sample < 2000; ++sample) {
    std::vector<std::vector<std::uint64_t>> table(3, std::vector<std::uint64_t>(3, 0));
    for (int i = 0; i < 300; ++i) {
      double u = uniform01(rng);
      for (int c = 0; c < 9; ++c) {
        u -= p[c / 3][c % 3];
        if (u < 0 || c == 8) {
          ++table[c / 3][c % 3];
          break;
        }
      }
    }
    const auto a = cohens_kappa(table);
    kappas.add(a.kappa);
    ses.add(a.se);
  }
  INFO("SD of kappa " << kappas.sd() << ", mean SE " << ses.mean());
  CHECK(ses.mean() == Approx(kappas.sd()).epsilon(0.08));
}
