// Sensitivity estimators (analysis/statistics/sensitivity.*) fed with closed-form models
// evaluated at the points of the sweeps' own saltelli and morris designs (make_design of
// sim/sweep/sweep_design.*), so the design, its scaling and the estimators are tested together.
#include "analysis/statistics/sensitivity.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "sim/sweep/sweep_design.hpp"

using namespace attune;
using namespace attune::sensitivity;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr std::size_t kTestResamples = 1000;

/// A sweep spec in code: `design` over axes x1..xk with the given ranges.
SweepSpec sensitivity_spec(DesignKind design, const std::vector<std::pair<double, double>>& ranges) {
  SweepSpec spec;
  spec.design = design;
  spec.seed = 17;
  for (std::size_t i = 0; i < ranges.size(); ++i)
    spec.axes.push_back({"x" + std::to_string(i + 1), {}, ranges[i].first, ranges[i].second});
  return spec;
}

/// make_design's points read back as numbers (it writes them as text for the scenario loader).
std::vector<std::vector<double>> design_values(const SweepSpec& spec) {
  std::vector<std::vector<double>> points;
  for (const auto& point : make_design(spec).points) {
    std::vector<double> x(point.values.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      std::from_chars(point.values[i].data(), point.values[i].data() + point.values[i].size(), x[i]);
    points.push_back(std::move(x));
  }
  return points;
}

std::vector<double> evaluated(const std::vector<std::vector<double>>& points,
                              const std::function<double(const std::vector<double>&)>& f) {
  std::vector<double> y;
  for (const auto& x : points) y.push_back(f(x));
  return y;
}

/// The tolerance of every known-answer check: 4 bootstrap standard errors, the SE read off the
/// 95 % percentile interval as (hi - lo) / (2 x 1.96). Under the estimator's asymptotic normality
/// a correct estimator misses by more than 4 SE with probability 6e-5 per check; Sobol points
/// converge faster than the independent rows the bootstrap assumes, so this is conservative.
/// The SE itself must be small (`max_se`), so a wide interval cannot make a check pass.
void check_known(const Estimate& estimate, double truth, double max_se) {
  const double se = (estimate.hi - estimate.lo) / (2 * 1.959963984540054);
  INFO("estimate " << estimate.value << " [" << estimate.lo << ", " << estimate.hi << "], analytic "
                   << truth);
  CHECK(se < max_se);
  CHECK(std::abs(estimate.value - truth) <= 4 * se);
}

/// Ishigami & Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3.
struct Ishigami {
  double a = 7, b = 0.1;
  double operator()(const std::vector<double>& x) const {
    return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) + b * std::pow(x[2], 4) * std::sin(x[0]);
  }
  // Its variance and partial variances (Sobol' & Levitan 1999; Saltelli et al. 2008, p. 179).
  double v1() const { return 0.5 * std::pow(1 + b * std::pow(kPi, 4) / 5, 2); }
  double v2() const { return a * a / 8; }
  double v13() const { return 8 * b * b * std::pow(kPi, 8) / 225; }
  double v() const { return v1() + v2() + v13(); }
};

}  // namespace

TEST_CASE(
    "analysis/sensitivity: S1, ST and S2 of the Ishigami function through the saltelli design match the "
    "analytic values") {
  const Ishigami f;
  // The published values the analytic ones round to (Saltelli et al. 2010).
  REQUIRE(f.v1() / f.v() == Approx(0.314).margin(5e-4));
  REQUIRE((f.v1() + f.v13()) / f.v() == Approx(0.558).margin(5e-4));
  auto spec = sensitivity_spec(DesignKind::saltelli, {{-kPi, kPi}, {-kPi, kPi}, {-kPi, kPi}});
  spec.samples = 4096;
  spec.second_order = true;
  const auto y = evaluated(design_values(spec), f);
  REQUIRE(y.size() == 4096 * (2 * 3 + 2));
  const auto split = split_saltelli(y, 3, true);
  REQUIRE(split.a.size() == 4096);
  const auto s = sobol_indices(split, kTestResamples, 5);
  const double v = f.v();
  const double first[] = {f.v1() / v, f.v2() / v, 0.0};
  const double total[] = {(f.v1() + f.v13()) / v, f.v2() / v, f.v13() / v};
  for (std::size_t i = 0; i < 3; ++i) {
    check_known(s.first[i], first[i], 0.03);
    check_known(s.total[i], total[i], 0.03);
  }
  check_known(s.second[0][1], 0.0, 0.05);
  check_known(s.second[0][2], f.v13() / v, 0.05);
  check_known(s.second[1][2], 0.0, 0.05);
}

TEST_CASE("analysis/sensitivity: a linear model's S1 and ST are its variance shares a_i^2 / sum a_j^2") {
  // On [0, 1] the output's mean (3) is large against its spread: the estimators centre the
  // outputs first, without which S1's interval here is too wide for max_se.
  const std::vector<double> a = {1, 2, 3, 0};
  const auto spec = [] {
    auto s = sensitivity_spec(DesignKind::saltelli, {{0, 1}, {0, 1}, {0, 1}, {0, 1}});
    s.samples = 2048;
    return s;
  }();
  const auto y = evaluated(design_values(spec), [&a](const std::vector<double>& x) {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * x[i];
    return sum;
  });
  const auto s = sobol_indices(split_saltelli(y, 4, false), kTestResamples, 5);
  REQUIRE(s.second.empty());
  const double sum_squares = 1 + 4 + 9;
  for (std::size_t i = 0; i < a.size(); ++i) {
    check_known(s.first[i], a[i] * a[i] / sum_squares, 0.03);
    check_known(s.total[i], a[i] * a[i] / sum_squares, 0.03);
  }
  // The inert input: f_A = f_ABi on every row, so ST is exactly 0, not just within the tolerance.
  CHECK(s.total[3].value == 0.0);
}

TEST_CASE("analysis/sensitivity: a failed cell drops its base row, and a constant output has no indices") {
  std::vector<double> y = {1, 2, 3, 4, /* row 2 */ 5, NAN, 7, 8, /* row 3 */ 2, 4, 6, 9};
  const auto split = split_saltelli(y, 2, false);
  REQUIRE(split.a == std::vector<double>{1, 2});
  CHECK(split.b == std::vector<double>{4, 9});
  CHECK(split.ab[1] == std::vector<double>{4, 6});
  const auto constant = sobol_indices(split_saltelli(std::vector<double>(12, 3.0), 2, false), 100, 5);
  CHECK(std::isnan(constant.first[0].value));
  CHECK(std::isnan(constant.total[1].hi));
  // An output without a value in any cell: no rows, every index of every parameter undefined.
  const auto none = sobol_indices(split_saltelli(std::vector<double>(12, NAN), 2, true), 100, 5);
  REQUIRE(none.first.size() == 2);
  CHECK(std::isnan(none.total[1].value));
  CHECK(std::isnan(none.second[0][1].lo));
}

TEST_CASE(
    "analysis/sensitivity: Morris mu is a linear input's slope, mu_star is 0 for an inert one, sigma shows "
    "curvature") {
  // Slopes per unit of each input's range: the elementary effects are in unit-cube units
  // (Morris 1991), so a physical slope c on [lo, hi] has EE = c (hi - lo) at every step.
  auto spec = sensitivity_spec(DesignKind::morris, {{0, 2}, {-1, 1}, {10, 20}, {0, 1}});
  spec.trajectories = 40;
  spec.levels = 4;
  const auto points = design_values(spec);
  REQUIRE(points.size() == 40 * 5);
  const auto f = [](const std::vector<double>& x) { return 3 * x[0] - 0.5 * x[1] + 0 * x[2] + x[3] * x[3]; };
  std::vector<MorrisTrajectory> trajectories;
  const std::vector<std::pair<double, double>> ranges = {{0, 2}, {-1, 1}, {10, 20}, {0, 1}};
  for (std::size_t t = 0; t < 40; ++t) {
    std::vector<std::vector<double>> unit;
    MorrisTrajectory trajectory;
    for (std::size_t p = t * 5; p < t * 5 + 5; ++p) {
      trajectory.y.push_back(f(points[p]));
      unit.emplace_back();
      for (std::size_t i = 0; i < 4; ++i)
        unit.back().push_back((points[p][i] - ranges[i].first) / (ranges[i].second - ranges[i].first));
    }
    trajectory.steps = morris_steps(unit);
    for (const auto& step : trajectory.steps) REQUIRE(std::abs(std::abs(step.delta) - 4.0 / 6.0) < 1e-12);
    trajectories.push_back(std::move(trajectory));
  }
  const auto m = morris_indices(trajectories, 4, kTestResamples, 5);
  REQUIRE(m.trajectories == 40);
  CHECK(m.mu[0] == Approx(3 * 2));
  CHECK(m.mu[1] == Approx(-0.5 * 2));
  CHECK(m.mu_star[1].value == Approx(0.5 * 2));
  CHECK(m.sigma[0] == Approx(0).margin(1e-9));
  CHECK(m.mu_star[2].value == 0.0);
  CHECK(m.mu_star[2].hi == 0.0);
  // x4^2 on the 4-level grid: EE = (x + delta)^2 - x^2 over delta = 2x + delta with x in {0, 1/3}: 2/3 or
  // 4/3.
  CHECK(m.sigma[3] > 0.1);
  CHECK(m.mu_star[3].value >= 2.0 / 3.0);
  CHECK(m.mu_star[3].value <= 4.0 / 3.0);
  CHECK(m.mu_star[3].lo <= m.mu_star[3].value);
  CHECK(m.mu_star[3].hi >= m.mu_star[3].value);
}

TEST_CASE("analysis/sensitivity: morris trajectories are a pure function of the seed and stay on the grid") {
  const auto first = morris_points(6, 3, 6, 99);
  CHECK(first == morris_points(6, 3, 6, 99));
  CHECK(first != morris_points(6, 3, 6, 100));
  for (const auto& x : first)
    for (double v : x) CHECK(std::abs(v * 5 - std::round(v * 5)) < 1e-12);  // one of 0, 1/5, ..., 1
  for (std::size_t t = 0; t < 6; ++t) {
    std::vector<std::vector<double>> trajectory(first.begin() + static_cast<std::ptrdiff_t>(t * 4),
                                                first.begin() + static_cast<std::ptrdiff_t>(t * 4 + 4));
    std::vector<bool> moved(3, false);
    for (const auto& step : morris_steps(trajectory)) {
      CHECK(std::abs(std::abs(step.delta) - 0.6) < 1e-12);  // delta = p / (2 (p - 1)) = 6 / 10
      moved[step.input] = true;
    }
    CHECK(moved == std::vector<bool>{true, true, true});  // each input once
  }
}
