// Proportions, running moments, histogram quantiles and effect sizes, each checked
// against published worked examples or values worked by hand (shown in comments).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "analysis/statistics/effect_size.hpp"
#include "analysis/statistics/histogram.hpp"
#include "analysis/statistics/moments.hpp"
#include "analysis/statistics/proportion.hpp"

using namespace attune::analysis;

namespace {

// Published limits are given to 4 decimals.
Approx four_dp(double value) { return Approx(value).margin(5e-5); }

void check_interval(const Interval& ci, double lo, double hi) {
  CHECK(ci.lo == four_dp(lo));
  CHECK(ci.hi == four_dp(hi));
}

bool bitwise_equal(const RunningMoments& a, const RunningMoments& b) {
  return a.count() == b.count() && a.mean() == b.mean() && a.variance() == b.variance() &&
         a.min() == b.min() && a.max() == b.max();
}

}  // namespace

TEST_CASE("analysis/statistics: Wilson interval matches Newcombe 1998 Table I", "[analysis]") {
  // Newcombe (1998a), Stat Med 17:857, Table I, method 3 (score, no continuity correction).
  const auto a = wilson(81, 263);
  CHECK(a.successes == 81);
  CHECK(a.n == 263);
  CHECK(a.proportion == Approx(81.0 / 263.0));
  check_interval(a.ci95, 0.2553, 0.3662);
  check_interval(wilson(15, 148).ci95, 0.0624, 0.1605);
  check_interval(wilson(1, 29).ci95, 0.0061, 0.1718);
  // p = 0: lower limit exactly 0, upper z^2 / (n + z^2) = 3.8415 / 23.8415 = 0.1611.
  const auto zero = wilson(0, 20);
  CHECK(zero.proportion == 0.0);
  CHECK(zero.ci95.lo == 0.0);
  CHECK(zero.ci95.hi == four_dp(0.1611));
}

TEST_CASE("analysis/statistics: Wilson interval edge cases", "[analysis]") {
  // p = 1 mirrors p = 0: 29/29 -> [1 - 3.8415 / 32.8415, 1] = [0.8830, 1].
  const auto all = wilson(29, 29);
  CHECK(all.proportion == 1.0);
  CHECK(all.ci95.lo == four_dp(0.8830));
  CHECK(all.ci95.hi == 1.0);

  const auto empty = wilson(0, 0);
  CHECK(std::isnan(empty.proportion));
  CHECK(empty.ci95.lo == 0.0);
  CHECK(empty.ci95.hi == 1.0);

  CHECK_THROWS_AS(wilson(3, 2), std::invalid_argument);

  // A larger z widens the interval around the same centre-shifted estimate.
  const auto narrow = wilson(40, 100);
  const auto wide = wilson(40, 100, 2.575829303549);
  CHECK(wide.ci95.lo < narrow.ci95.lo);
  CHECK(wide.ci95.hi > narrow.ci95.hi);
}

TEST_CASE("analysis/statistics: Newcombe hybrid score interval matches Newcombe 1998 Table II",
          "[analysis]") {
  // Newcombe (1998b), Stat Med 17:873, Table II, method 10, examples (a)-(h).
  const auto a = difference_of_proportions(56, 70, 48, 80);
  CHECK(a.difference == Approx(0.2));
  check_interval(a.ci95, 0.0524, 0.3339);
  check_interval(difference_of_proportions(9, 10, 3, 10).ci95, 0.1705, 0.8090);
  check_interval(difference_of_proportions(6, 7, 2, 7).ci95, 0.0582, 0.8062);
  check_interval(difference_of_proportions(5, 56, 0, 29).ci95, -0.0381, 0.1926);
  check_interval(difference_of_proportions(0, 10, 0, 20).ci95, -0.1611, 0.2775);
  check_interval(difference_of_proportions(0, 10, 0, 10).ci95, -0.2775, 0.2775);
  // p1 = 1, p2 = 0: the upper limit is exactly 1, not a rounding hair either side.
  const auto g = difference_of_proportions(10, 10, 0, 20);
  CHECK(g.difference == 1.0);
  CHECK(g.ci95.lo == four_dp(0.6791));
  CHECK(g.ci95.hi == 1.0);
  check_interval(difference_of_proportions(10, 10, 0, 10).ci95, 0.6075, 1.0);
}

TEST_CASE("analysis/statistics: difference of proportions edge cases", "[analysis]") {
  const auto empty = difference_of_proportions(0, 0, 3, 10);
  CHECK(std::isnan(empty.difference));
  CHECK(empty.ci95.lo == -1.0);
  CHECK(empty.ci95.hi == 1.0);
  CHECK_THROWS_AS(difference_of_proportions(11, 10, 3, 10), std::invalid_argument);

  // Swapping the groups negates the difference and mirrors the interval.
  const auto ab = difference_of_proportions(56, 70, 48, 80);
  const auto ba = difference_of_proportions(48, 80, 56, 70);
  CHECK(ba.difference == Approx(-ab.difference));
  CHECK(ba.ci95.lo == Approx(-ab.ci95.hi));
  CHECK(ba.ci95.hi == Approx(-ab.ci95.lo));
}

TEST_CASE("analysis/statistics: running moments by hand", "[analysis]") {
  // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, sum of squared deviations 32, so sample
  // variance 32/7; SE = sqrt(32/7/8) = 0.755929; CI = 5 -/+ 1.959964 * SE = [3.518406, 6.481594].
  RunningMoments m;
  for (const double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) m.add(x);
  CHECK(m.count() == 8);
  CHECK(m.mean() == Approx(5.0));
  CHECK(m.variance() == Approx(32.0 / 7.0));
  CHECK(m.sd() == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(m.standard_error() == Approx(0.7559289460));
  CHECK(m.mean_ci95().lo == Approx(3.5184064909));
  CHECK(m.mean_ci95().hi == Approx(6.4815935091));
  CHECK(m.min() == 2.0);
  CHECK(m.max() == 9.0);
}

TEST_CASE("analysis/statistics: running moments stay accurate far from zero", "[analysis]") {
  // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, sample variance (36 + 9 + 9 + 36) / 3 = 30.
  // The naive sum-of-squares formula loses every digit here.
  RunningMoments m;
  for (const double x : {4.0, 7.0, 13.0, 16.0}) m.add(1e9 + x);
  CHECK(m.mean() == Approx(1e9 + 10.0));
  CHECK(m.variance() == Approx(30.0).epsilon(1e-9));
}

TEST_CASE("analysis/statistics: running moments with fewer than two values", "[analysis]") {
  RunningMoments empty;
  CHECK(empty.count() == 0);
  CHECK(std::isnan(empty.mean()));
  CHECK(std::isnan(empty.variance()));
  CHECK(std::isnan(empty.min()));
  CHECK(std::isnan(empty.max()));
  CHECK(std::isnan(empty.mean_ci95().lo));

  RunningMoments one;
  one.add(3.5);
  CHECK(one.mean() == 3.5);
  CHECK(std::isnan(one.variance()));
  CHECK(std::isnan(one.sd()));
  CHECK(std::isnan(one.standard_error()));
  CHECK(one.min() == 3.5);
  CHECK(one.max() == 3.5);
}

TEST_CASE("analysis/statistics: running moments are deterministic and merge exactly", "[analysis]") {
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) values.push_back(std::sin(0.37 * i) * 10.0 + 0.001 * i);

  RunningMoments all;
  RunningMoments again;
  for (const double v : values) {
    all.add(v);
    again.add(v);
  }
  CHECK(bitwise_equal(all, again));

  RunningMoments a;
  RunningMoments b;
  RunningMoments c;
  for (std::size_t i = 0; i < values.size(); ++i) (i < 300 ? a : i < 750 ? b : c).add(values[i]);

  // Chan et al.'s merge equals the one-pass result up to rounding, in any order;
  // count, min and max are exact.
  RunningMoments abc = a;
  abc.merge(b);
  abc.merge(c);
  RunningMoments cba = c;
  cba.merge(b);
  cba.merge(a);
  for (const RunningMoments* merged : {&abc, &cba}) {
    CHECK(merged->count() == all.count());
    CHECK(merged->mean() == Approx(all.mean()).epsilon(1e-12));
    CHECK(merged->variance() == Approx(all.variance()).epsilon(1e-12));
    CHECK(merged->min() == all.min());
    CHECK(merged->max() == all.max());
  }

  // The same merge sequence repeated is bitwise identical.
  RunningMoments abc_again = a;
  abc_again.merge(b);
  abc_again.merge(c);
  CHECK(bitwise_equal(abc, abc_again));

  // Merging with an empty accumulator, on either side, changes nothing.
  RunningMoments from_empty;
  from_empty.merge(all);
  CHECK(bitwise_equal(from_empty, all));
  RunningMoments into = all;
  into.merge(RunningMoments{});
  CHECK(bitwise_equal(into, all));
}

TEST_CASE("analysis/statistics: histogram quantiles by hand", "[analysis]") {
  // One value in each of ten unit bins over [0, 10): the interpolated CDF is the
  // identity, so the q-quantile is 10 q.
  Histogram h(0.0, 10.0, 10);
  for (int i = 0; i < 10; ++i) h.add(i + 0.5);
  CHECK(h.count() == 10);
  CHECK(h.lo() == 0.0);
  CHECK(h.hi() == 10.0);
  CHECK(h.counts() == std::vector<std::uint64_t>(10, 1));
  CHECK(h.quantile(0.0) == Approx(0.0));
  CHECK(h.quantile(0.25) == Approx(2.5));
  CHECK(h.quantile(0.5) == Approx(5.0));
  CHECK(h.quantile(1.0) == Approx(10.0));

  // Empty bins are skipped: all mass in bin [3, 4) puts every quantile there.
  Histogram spike(0.0, 10.0, 10);
  for (int i = 0; i < 4; ++i) spike.add(3.2);
  CHECK(spike.quantile(0.0) == Approx(3.0));
  CHECK(spike.quantile(0.5) == Approx(3.5));
  CHECK(spike.quantile(1.0) == Approx(4.0));

  CHECK_THROWS_AS(h.quantile(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(h.quantile(1.1), std::invalid_argument);
  CHECK_THROWS_AS(h.quantile(std::nan("")), std::invalid_argument);
}

TEST_CASE("analysis/statistics: histogram quantile error is within one bin", "[analysis]") {
  // 10,000 squared points of the golden-ratio sequence frac(i * 0.618...), so the
  // data are not uniform within bins. The q-quantile's bin holds the ceil(q n)-th
  // smallest value, so the interpolated quantile is within one bin width of it.
  const std::size_t n = 10000;
  const std::size_t bins = 200;
  Histogram h(0.0, 1.0, bins);
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0);
    values.push_back(u * u);
    h.add(u * u);
  }
  std::sort(values.begin(), values.end());
  const double bin_width = 1.0 / static_cast<double>(bins);
  for (const double q : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
    CHECK(std::abs(h.quantile(q) - values[rank - 1]) <= bin_width);
  }
}

TEST_CASE("analysis/statistics: histogram out-of-range values and NaN", "[analysis]") {
  Histogram h(-1.0, 1.0, 4);
  h.add(-5.0);
  h.add(-INFINITY);
  h.add(1.0);  // at hi: last bin
  h.add(INFINITY);
  h.add(std::nextafter(1.0, 0.0));  // just below hi: still the last bin
  h.add(-1.0);                      // at lo: first bin
  h.add(std::nan(""));
  CHECK(h.counts() == std::vector<std::uint64_t>{3, 0, 0, 3});
  CHECK(h.count() == 6);
  CHECK(h.nan_count() == 1);

  Histogram only_nan(0.0, 1.0, 5);
  only_nan.add(std::nan(""));
  CHECK(only_nan.count() == 0);
  CHECK(std::isnan(only_nan.quantile(0.5)));

  CHECK_THROWS_AS(Histogram(1.0, 1.0, 5), std::invalid_argument);
  CHECK_THROWS_AS(Histogram(0.0, 1.0, 0), std::invalid_argument);
  CHECK_THROWS_AS(Histogram(0.0, INFINITY, 5), std::invalid_argument);
}

TEST_CASE("analysis/statistics: histogram merges are order independent", "[analysis]") {
  Histogram a(0.0, 100.0, 50);
  Histogram b(0.0, 100.0, 50);
  Histogram c(0.0, 100.0, 50);
  Histogram all(0.0, 100.0, 50);
  for (int i = 0; i < 3000; ++i) {
    const double v = std::fmod(i * 37.77, 120.0) - 10.0;
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(v);
    all.add(v);
  }
  a.add(std::nan(""));

  Histogram abc = a;
  abc.merge(b);
  abc.merge(c);
  Histogram cba = c;
  cba.merge(b);
  cba.merge(a);
  CHECK(abc.counts() == all.counts());
  CHECK(cba.counts() == all.counts());
  CHECK(abc.nan_count() == 1);
  for (const double q : {0.0, 0.1, 0.5, 0.9, 1.0}) {
    CHECK(abc.quantile(q) == all.quantile(q));  // bitwise: same integer counts
    CHECK(cba.quantile(q) == all.quantile(q));
  }

  CHECK_THROWS_AS(abc.merge(Histogram(0.0, 100.0, 51)), std::invalid_argument);
  CHECK_THROWS_AS(abc.merge(Histogram(0.0, 99.0, 50)), std::invalid_argument);
}

TEST_CASE("analysis/statistics: Cohen's d with the Hedges-Olkin interval", "[analysis]") {
  // Means 10 vs 8, SDs 2 vs 3, n 20 vs 30:
  // pooled SD = sqrt((19*4 + 29*9) / 48) = 2.6496855; d = 2 / 2.6496855 = 0.7548066;
  // SE = sqrt(50 / 600 + d^2 / 100) = 0.2983801; CI = d -/+ 1.959964 SE = [0.1699924, 1.3396207].
  const auto e = cohens_d(10.0, 2.0, 20, 8.0, 3.0, 30);
  CHECK(e.d == Approx(0.7548065565));
  CHECK(e.ci95.lo == Approx(0.1699923769));
  CHECK(e.ci95.hi == Approx(1.3396207360));

  const auto reversed = cohens_d(8.0, 3.0, 30, 10.0, 2.0, 20);
  CHECK(reversed.d == Approx(-e.d));

  CHECK(std::isnan(cohens_d(1.0, 1.0, 0, 0.0, 1.0, 5).d));
  CHECK(std::isnan(cohens_d(1.0, 1.0, 1, 0.0, 1.0, 1).d));
  CHECK(std::isnan(cohens_d(1.0, 0.0, 5, 0.0, 0.0, 5).d));
}

TEST_CASE("analysis/statistics: Cohen's d from running moments", "[analysis]") {
  // {1, 2, 3, 4, 5} vs {3, 4, 5, 6, 7}: both variances 2.5, so d = (3 - 5) / sqrt(2.5) = -1.2649111.
  RunningMoments a;
  RunningMoments b;
  for (int i = 1; i <= 5; ++i) {
    a.add(i);
    b.add(i + 2);
  }
  const auto e = cohens_d(a, b);
  CHECK(e.d == Approx(-2.0 / std::sqrt(2.5)));
  const auto direct = cohens_d(3.0, std::sqrt(2.5), 5, 5.0, std::sqrt(2.5), 5);
  CHECK(e.ci95.lo == Approx(direct.ci95.lo));
  CHECK(e.ci95.hi == Approx(direct.ci95.hi));

  // A single-value group adds nothing to the pooled variance: d = (9 - 3) / sqrt(2.5).
  RunningMoments single;
  single.add(9.0);
  CHECK(cohens_d(single, a).d == Approx(6.0 / std::sqrt(2.5)));
}

TEST_CASE("analysis/statistics: Pearson and point-biserial correlation", "[analysis]") {
  // x = 1..5, y = {2, 4, 5, 4, 5}: Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60) = 0.7745967.
  CHECK(pearson({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5}) == Approx(6.0 / std::sqrt(60.0)));
  CHECK(pearson({1, 2, 3}, {6, 4, 2}) == -1.0);
  CHECK(std::isnan(pearson({1, 1, 1}, {1, 2, 3})));
  CHECK(std::isnan(pearson({1}, {2})));
  CHECK_THROWS_AS(pearson({1, 2}, {1, 2, 3}), std::invalid_argument);

  // Point-biserial formula r = (M1 - M0) / s_n * sqrt(p q), with s_n the population SD:
  // x = 1..6, groups {0,0,0,1,1,1}: M1 - M0 = 3, s_n = sqrt(35/12), p = q = 1/2,
  // r = 3 / 1.7078251 * 0.5 = 0.8783101.
  CHECK(point_biserial({1, 2, 3, 4, 5, 6}, {0, 0, 0, 1, 1, 1}) == Approx(0.8783100657));
  CHECK_THROWS_AS(point_biserial({1, 2}, {0, 2}), std::invalid_argument);
  CHECK_THROWS_AS(point_biserial({1, 2}, {0}), std::invalid_argument);
}

TEST_CASE("analysis/statistics: point-biserial from running moments equals the raw-data form", "[analysis]") {
  // The O(1)-memory form must agree with Pearson's r on the 0/1 indicator.
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 2.5, 7.25, -1};
  const std::vector<int> group = {0, 0, 1, 0, 1, 1, 0, 1, 0};
  RunningMoments g1, g0;
  for (std::size_t i = 0; i < x.size(); ++i) (group[i] ? g1 : g0).add(x[i]);
  CHECK(point_biserial(g1, g0) == Approx(point_biserial(x, group)).epsilon(1e-12));
  // By hand (the example above): x = 1..6, groups {0,0,0,1,1,1}, r = 0.8783101.
  RunningMoments low, high;
  for (double v : {1.0, 2.0, 3.0}) low.add(v);
  for (double v : {4.0, 5.0, 6.0}) high.add(v);
  CHECK(point_biserial(high, low) == Approx(0.8783100657));
  CHECK(point_biserial(low, high) == Approx(-0.8783100657));
  CHECK(std::isnan(point_biserial(low, RunningMoments{})));
  RunningMoments same1, same0;
  same1.add(2.0);
  same0.add(2.0);
  CHECK(std::isnan(point_biserial(same1, same0)));
}

TEST_CASE("analysis/statistics: Fisher z interval of a correlation", "[analysis]") {
  // r = 0.5, n = 28: atanh 0.5 = 0.5493061, SE = 1/5, so tanh(0.5493061 -/+ 0.3919928)
  // = [0.1560284, 0.7358185].
  const auto ci = correlation_ci95(0.5, 28);
  CHECK(ci.lo == Approx(0.1560284).margin(1e-7));
  CHECK(ci.hi == Approx(0.7358185).margin(1e-7));
  // r = -0.3, n = 100: SE = 1/sqrt(97); [-0.4687942, -0.1100677]. Asymmetric about r.
  const auto negative = correlation_ci95(-0.3, 100);
  CHECK(negative.lo == Approx(-0.4687942).margin(1e-7));
  CHECK(negative.hi == Approx(-0.1100677).margin(1e-7));
  CHECK(std::isnan(correlation_ci95(0.5, 3).lo));
  CHECK(std::isnan(correlation_ci95(std::nan(""), 50).hi));
}
