// History matching checked against closed forms: implausibility by hand, the emulator on
// functions it can represent exactly, ordinary least squares' textbook leverage, the
// chi-square spread of a residual variance, and maximin picks that can be worked out.
#include "analysis/statistics/history_matching.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace hm = attune::history_matching;

namespace {

constexpr double kHmTestNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHmTestInf = std::numeric_limits<double>::infinity();

/// A quadratic in two inputs with every term present.
double hm_test_quadratic_2d(double x, double y) {
  return 1 + 2 * x - 3 * y + 0.5 * x * x + 4 * x * y - y * y;
}

/// A quadratic in three inputs with every term present.
double hm_test_quadratic_3d(double x, double y, double z) {
  return -2 + x + 0.5 * y - 1.5 * z + 2 * x * x - x * y + 3 * x * z + 0.25 * y * y - 2 * y * z + z * z;
}

}  // namespace

TEST_CASE("analysis/statistics: implausibility is |sim - obs| over the root of the summed variances",
          "[analysis][history_matching]") {
  // |3 - 1| / sqrt(1 + 2 + 1) = 2 / 2.
  CHECK(hm::implausibility(3, 1, 1, 2, 1) == Approx(1.0));
  // |0.2 - 0.5| / sqrt(0.01) = 3, in either order.
  CHECK(hm::implausibility(0.2, 0.5, 0.01, 0, 0) == Approx(3.0));
  CHECK(hm::implausibility(0.5, 0.2, 0, 0.0025, 0.0075) == Approx(3.0));
  CHECK(hm::implausibility(7, 7, 4, 0, 0) == 0.0);
}

TEST_CASE("analysis/statistics: implausibility with no variance, and with NaN or infinite inputs",
          "[analysis][history_matching]") {
  CHECK(hm::implausibility(1, 1, 0, 0, 0) == 0.0);
  CHECK(hm::implausibility(1, 2, 0, 0, 0) == kHmTestInf);
  CHECK(std::isnan(hm::implausibility(kHmTestNaN, 1, 1, 1, 1)));
  CHECK(std::isnan(hm::implausibility(1, kHmTestNaN, 1, 1, 1)));
  CHECK(std::isnan(hm::implausibility(1, 2, kHmTestNaN, 1, 1)));
  CHECK(std::isnan(hm::implausibility(1, 2, 1, kHmTestNaN, 1)));
  CHECK(std::isnan(hm::implausibility(1, 2, 1, 1, kHmTestNaN)));
  CHECK(hm::implausibility(kHmTestInf, 2, 1, 1, 1) == kHmTestInf);
  // Infinite uncertainty makes any finite gap plausible.
  CHECK(hm::implausibility(1, 2, kHmTestInf, 0, 0) == 0.0);
}

TEST_CASE("analysis/statistics: the emulator recovers a quadratic in two inputs exactly",
          "[analysis][history_matching]") {
  std::vector<std::vector<double>> points;
  std::vector<double> outputs;
  // A 4 x 4 grid: 16 rows >= 2 x 6 terms, so the full quadratic is fitted.
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      points.push_back({i / 3.0, j / 3.0});
      outputs.push_back(hm_test_quadratic_2d(i / 3.0, j / 3.0));
    }
  const hm::RegressionEmulator emulator(points, outputs);
  CHECK(emulator.terms() == 6);
  CHECK(emulator.residual_variance() < 1e-24);
  for (const auto& x : std::vector<std::vector<double>>{{0.1, 0.9}, {0.77, 0.05}, {0.5, 0.5}}) {
    CHECK(emulator.predict(x).mean == Approx(hm_test_quadratic_2d(x[0], x[1])).margin(1e-10));
  }
}

TEST_CASE("analysis/statistics: the emulator recovers a quadratic in three inputs exactly",
          "[analysis][history_matching]") {
  std::vector<std::vector<double>> points;
  std::vector<double> outputs;
  // A 3 x 3 x 3 grid: three levels per input identify each square term; 27 >= 2 x 10 terms.
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int l = 0; l < 3; ++l) {
        points.push_back({i / 2.0, j / 2.0, l / 2.0});
        outputs.push_back(hm_test_quadratic_3d(i / 2.0, j / 2.0, l / 2.0));
      }
  const hm::RegressionEmulator emulator(points, outputs);
  CHECK(emulator.terms() == 10);
  CHECK(emulator.residual_variance() < 1e-24);
  for (const auto& x : std::vector<std::vector<double>>{{0.1, 0.9, 0.3}, {0.77, 0.05, 1.0}}) {
    CHECK(emulator.predict(x).mean == Approx(hm_test_quadratic_3d(x[0], x[1], x[2])).margin(1e-10));
  }
}

TEST_CASE("analysis/statistics: the emulator's residual variance of a noisy line is the noise's",
          "[analysis][history_matching]") {
  // y = 1 + 2x + N(0, 0.1^2) at 200 uniform x; the quadratic form (3 terms) is fitted, so
  // s^2 ~ sigma^2 chi2(197) / 197, whose standard deviation is sigma^2 sqrt(2 / 197)
  // = 0.01 x 0.1008. Four of those (4.0e-3) is the tolerance.
  const double sigma = 0.1;
  const int n = 200;
  boost::random::mt19937_64 rng(20240611);
  boost::random::uniform_real_distribution<double> uniform(0.0, 1.0);
  boost::random::normal_distribution<double> noise(0.0, sigma);
  std::vector<std::vector<double>> points;
  std::vector<double> outputs;
  for (int i = 0; i < n; ++i) {
    const double x = uniform(rng);
    points.push_back({x});
    outputs.push_back(1 + 2 * x + noise(rng));
  }
  const hm::RegressionEmulator emulator(points, outputs);
  REQUIRE(emulator.terms() == 3);
  const double spread = sigma * sigma * std::sqrt(2.0 / (n - 3));
  CHECK(std::abs(emulator.residual_variance() - sigma * sigma) < 4 * spread);
  // The fitted mean at the middle has standard error about sigma sqrt(2.25 / n) (the
  // quadratic's leverage at the centre of a uniform design, ~2.25 / n) = 0.0106; 4 of them.
  CHECK(emulator.predict({0.5}).mean == Approx(2.0).margin(4 * sigma * std::sqrt(2.25 / n)));
}

TEST_CASE("analysis/statistics: the emulator's variance is s^2 (1 + leverage), the leverage OLS's",
          "[analysis][history_matching]") {
  // Five points on [0, 1] (too few for the quadratic's 2 x 3) fit a line. For simple
  // regression h(x) = 1/n + (x - mean x)^2 / Sxx: mean x = 0.5, Sxx = 0.625, so h(0.5) = 0.2
  // and h(0) = h(1) = 0.6. y = (0, 1, 0, 1, 0) has slope 0, intercept 0.4, residual sum of
  // squares 3 x 0.16 + 2 x 0.36 = 1.2 on 3 degrees of freedom: s^2 = 0.4.
  const hm::RegressionEmulator emulator({{0.0}, {0.25}, {0.5}, {0.75}, {1.0}}, {0, 1, 0, 1, 0});
  CHECK(emulator.terms() == 2);
  CHECK(emulator.residual_variance() == Approx(0.4));
  CHECK(emulator.predict({0.5}).mean == Approx(0.4));
  CHECK(emulator.predict({0.5}).variance == Approx(0.4 * 1.2));
  CHECK(emulator.predict({1.0}).variance == Approx(0.4 * 1.6));
  CHECK(emulator.predict({0.0}).variance == Approx(0.4 * 1.6));
  // A design point and a point far from the design: the far one is less certain.
  CHECK(emulator.predict({0.25}).variance < emulator.predict({1.0}).variance);
}

TEST_CASE("analysis/statistics: the emulator's leverage on a 2x2 factorial design",
          "[analysis][history_matching]") {
  // The corners of the square fit a plane (4 rows < 2 x 6). In coded units z = 2x - 1 the
  // design is orthogonal, so h = (1 + z1^2 + z2^2) / 4: 1/4 at the centre, 3/4 at a corner.
  // y = (0, 0, 0, 1) = 1/4 (1 + z1 + z2 + z1 z2): the plane leaves the z1 z2 part, 1/4 at
  // every corner, so s^2 = 4 x 1/16 over 4 - 3 degrees of freedom = 1/4.
  const hm::RegressionEmulator emulator({{0, 0}, {1, 0}, {0, 1}, {1, 1}}, {0, 0, 0, 1});
  CHECK(emulator.terms() == 3);
  CHECK(emulator.residual_variance() == Approx(0.25));
  CHECK(emulator.predict({0.5, 0.5}).mean == Approx(0.25));
  CHECK(emulator.predict({0.5, 0.5}).variance == Approx(0.25 * 1.25));
  CHECK(emulator.predict({1, 1}).mean == Approx(0.75));
  CHECK(emulator.predict({1, 1}).variance == Approx(0.25 * 1.75));
  CHECK(emulator.predict({1, 0}).variance == Approx(0.25 * 1.75));
}

TEST_CASE("analysis/statistics: the emulator falls back to linear and constant with few points",
          "[analysis][history_matching]") {
  SECTION("11 points in 2 inputs (quadratic needs 12): linear") {
    std::vector<std::vector<double>> points;
    std::vector<double> outputs;
    for (int i = 0; i < 11; ++i) {
      const double x = i / 10.0, y = (i * 7 % 11) / 10.0;
      points.push_back({x, y});
      outputs.push_back(3 - x + 2 * y);
    }
    const hm::RegressionEmulator emulator(points, outputs);
    CHECK(emulator.terms() == 3);
    CHECK(emulator.predict({0.3, 0.6}).mean == Approx(3 - 0.3 + 1.2));
  }
  SECTION("3 points in 2 inputs: an exact plane, whose variance is the outputs' own") {
    // Rows == terms leaves no residual degrees of freedom: var(1, 3, 5) = 4 stands in.
    const hm::RegressionEmulator emulator({{0, 0}, {1, 0}, {0, 1}}, {1, 3, 5});
    CHECK(emulator.terms() == 3);
    CHECK(emulator.residual_variance() == Approx(4.0));
    CHECK(emulator.predict({1, 1}).mean == Approx(7.0));
  }
  SECTION("2 points in 2 inputs: the constant, the mean with the sample variance") {
    // Mean 2, variance ((1-2)^2 + (3-2)^2) / 1 = 2, leverage 1/2 everywhere.
    const hm::RegressionEmulator emulator({{0.1, 0.2}, {0.9, 0.4}}, {1, 3});
    CHECK(emulator.terms() == 1);
    CHECK(emulator.predict({0.5, 0.5}).mean == Approx(2.0));
    CHECK(emulator.residual_variance() == Approx(2.0));
    CHECK(emulator.predict({0.0, 1.0}).variance == Approx(2.0 * 1.5));
  }
  SECTION("non-finite outputs are left out, and fewer than 2 left is an error") {
    const hm::RegressionEmulator emulator({{0.1}, {0.2}, {0.3}}, {1, kHmTestNaN, 3});
    CHECK(emulator.predict({0.2}).mean == Approx(2.0));
    CHECK_THROWS_AS(hm::RegressionEmulator({{0.1}, {0.2}}, {1, kHmTestInf}), std::invalid_argument);
    CHECK_THROWS_AS(hm::RegressionEmulator({{0.1}, {0.2}}, {1}), std::invalid_argument);
  }
}

TEST_CASE("analysis/statistics: an input held fixed leaves the emulator's fit in the others",
          "[analysis][history_matching]") {
  // The second input is 0.5 throughout: its terms cannot be told from the intercept's, yet
  // the first input's quadratic is still recovered.
  std::vector<std::vector<double>> points;
  std::vector<double> outputs;
  for (int i = 0; i <= 12; ++i) {
    points.push_back({i / 12.0, 0.5});
    outputs.push_back(1 + i / 12.0 - 2 * (i / 12.0) * (i / 12.0));
  }
  const hm::RegressionEmulator emulator(points, outputs);
  CHECK(emulator.residual_variance() < 1e-24);
  CHECK(emulator.predict({0.3, 0.5}).mean == Approx(1 + 0.3 - 2 * 0.09));
  CHECK(std::isfinite(emulator.predict({0.3, 0.5}).variance));
}

TEST_CASE("analysis/statistics: maximin picks the ends of a line, then its middle, then the quarters",
          "[analysis][history_matching]") {
  std::vector<std::vector<double>> line;
  for (int i = 0; i <= 8; ++i) line.push_back({i / 8.0});
  // 0 first; 1 is farthest from 0; 0.5 from both; 0.25 and 0.75 tie, the lower index first.
  CHECK(hm::maximin_subset(line, 3) == std::vector<std::size_t>{0, 8, 4});
  CHECK(hm::maximin_subset(line, 5) == std::vector<std::size_t>{0, 8, 4, 2, 6});
  CHECK(hm::maximin_subset(line, 0).empty());
  CHECK(hm::maximin_subset(line, 9) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  CHECK(hm::maximin_subset(line, 20).size() == 9);
}

TEST_CASE("analysis/statistics: maximin in the square, and never a point twice",
          "[analysis][history_matching]") {
  // From the centre every corner is at sqrt(0.5): (0, 0) by index. Then (1, 1) is sqrt(0.5)
  // from the centre and sqrt(2) from (0, 0), as far as any, and first; (0.45, 0.5) is closest.
  const std::vector<std::vector<double>> square{{0.5, 0.5}, {0, 0}, {1, 1}, {0, 1}, {1, 0}, {0.45, 0.5}};
  CHECK(hm::maximin_subset(square, 3) == std::vector<std::size_t>{0, 1, 2});
  CHECK(hm::maximin_subset(square, 5) == std::vector<std::size_t>{0, 1, 2, 3, 4});
  // Identical candidates are all at distance 0; each is still picked once.
  const std::vector<std::vector<double>> same(4, std::vector<double>{0.3, 0.3});
  CHECK(hm::maximin_subset(same, 3) == std::vector<std::size_t>{0, 1, 2});
}
