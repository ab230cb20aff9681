// ABC-SMC's pieces checked against hand-computed covariances, kernels, weights and R's
// quantiles; proposals against the moments of the kernel they are drawn from; and the method
// as a whole against the analytic posterior of a one-parameter toy model.
#include "analysis/statistics/abc_smc.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace abc = attune::abc;

namespace {

/// (0, 0), (s, 0), (0, s) weighted 0.5, 0.25, 0.25. For s = 1 the weighted mean is
/// (0.25, 0.25); sum w d d' = [[0.1875, -0.0625], [-0.0625, 0.1875]] and 1 - sum w^2 = 0.625,
/// so the covariance is [[0.3, -0.1], [-0.1, 0.3]]; it scales with s^2.
std::vector<abc::Particle> abc_test_triangle(double s) {
  return {{{0, 0}, 0.5, 0}, {{s, 0}, 0.25, 0}, {{0, s}, 0.25, 0}};
}

/// Sample mean and (n - 1) covariance of 2-D points, {mx, my, sxx, sxy, syy}.
std::vector<double> abc_test_moments(const std::vector<std::vector<double>>& points) {
  const double n = static_cast<double>(points.size());
  double mx = 0, my = 0;
  for (const auto& p : points) mx += p[0] / n, my += p[1] / n;
  double sxx = 0, sxy = 0, syy = 0;
  for (const auto& p : points) {
    sxx += (p[0] - mx) * (p[0] - mx) / (n - 1);
    sxy += (p[0] - mx) * (p[1] - my) / (n - 1);
    syy += (p[1] - my) * (p[1] - my) / (n - 1);
  }
  return {mx, my, sxx, sxy, syy};
}

}  // namespace

TEST_CASE("analysis/statistics: weighted covariance by hand", "[analysis][abc]") {
  const auto covariance = abc::weighted_covariance(abc_test_triangle(1.0));
  REQUIRE(covariance.size() == 4);
  CHECK(covariance[0] == Approx(0.3));
  CHECK(covariance[1] == Approx(-0.1));
  CHECK(covariance[2] == Approx(-0.1));
  CHECK(covariance[3] == Approx(0.3));
  // Weights need not be normalised: 2, 1, 1 is 0.5, 0.25, 0.25.
  auto unnormalised = abc_test_triangle(1.0);
  for (auto& particle : unnormalised) particle.weight *= 4;
  CHECK(abc::weighted_covariance(unnormalised)[0] == Approx(0.3));
  // Equal weights give the ordinary (n - 1) sample covariance: var(1, 2, 6) = 7.
  CHECK(abc::weighted_covariance({{{1}, 1, 0}, {{2}, 1, 0}, {{6}, 1, 0}})[0] == Approx(7.0));
  CHECK(abc::weighted_covariance({{{0.3, 0.7}, 1, 0}}) == std::vector<double>(4, 0.0));
}

TEST_CASE("analysis/statistics: the ABC kernel's density and move for a hand-computed 2x2 case",
          "[analysis][abc]") {
  // Sigma = 2 x [[0.3, -0.1], [-0.1, 0.3]] = [[0.6, -0.2], [-0.2, 0.6]]; det 0.32, so
  // Sigma^-1 = [[1.875, 0.625], [0.625, 1.875]], and L = [[sqrt 0.6, 0], [-0.2 / sqrt 0.6,
  // sqrt(0.6 - 0.04 / 0.6)]].
  const abc::Kernel kernel(abc_test_triangle(1.0));
  REQUIRE(kernel.dimensions() == 2);
  CHECK(kernel.density({0, 0}, {0, 0}) == Approx(1.0));
  CHECK(kernel.density({0, 0}, {1, 0}) == Approx(std::exp(-0.5 * 1.875)));
  CHECK(kernel.density({0, 0}, {1, 1}) == Approx(std::exp(-0.5 * 5.0)));
  CHECK(kernel.density({0.2, 0.9}, {0.2, 0.1}) == Approx(std::exp(-0.5 * 1.875 * 0.64)));
  CHECK(kernel.density({1, 1}, {0, 0}) == Approx(kernel.density({0, 0}, {1, 1})));
  const auto moved_x = kernel.move({0.5, 0.5}, {1, 0});
  CHECK(moved_x[0] == Approx(0.5 + std::sqrt(0.6)));
  CHECK(moved_x[1] == Approx(0.5 - 0.2 / std::sqrt(0.6)));
  const auto moved_y = kernel.move({0.5, 0.5}, {0, 1});
  CHECK(moved_y[0] == Approx(0.5));
  CHECK(moved_y[1] == Approx(0.5 + std::sqrt(0.6 - 0.04 / 0.6)));
}

TEST_CASE("analysis/statistics: a population on one point gets a 1e-12 kernel", "[analysis][abc]") {
  const abc::Kernel kernel({{{0.4, 0.6}, 0.5, 0}, {{0.4, 0.6}, 0.5, 0}});
  const auto moved = kernel.move({0.4, 0.6}, {1, -2});
  CHECK(moved[0] == Approx(0.4 + 1e-6).epsilon(1e-12));
  CHECK(moved[1] == Approx(0.6 - 2e-6).epsilon(1e-12));
  CHECK(kernel.density({0.4, 0.6}, {0.4 + 1e-6, 0.6}) == Approx(std::exp(-0.5)));
}

TEST_CASE("analysis/statistics: ABC proposals stay in the cube and are a pure function of the seed",
          "[analysis][abc]") {
  // A wide kernel (sd 0.77) about points near the corner: most raw moves leave the cube.
  const auto population = abc_test_triangle(1.0);
  const abc::Kernel kernel(population);
  const auto first = abc::propose(population, kernel, 500, 7);
  REQUIRE(first.size() == 500);
  for (const auto& p : first) {
    REQUIRE(p.size() == 2);
    CHECK((p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1));
  }
  CHECK(abc::propose(population, kernel, 500, 7) == first);
  CHECK(abc::propose(population, kernel, 500, 8) != first);
}

TEST_CASE("analysis/statistics: proposals from one particle have the kernel's mean and covariance",
          "[analysis][abc]") {
  // Kernel from the triangle scaled by 0.1: Sigma = [[0.006, -0.002], [-0.002, 0.006]]
  // (sd 0.077), about (0.5, 0.5): leaving the cube takes 6.5 sd, so no truncation to speak
  // of. With n = 20000 draws the sample mean's SE is sqrt(0.006 / n) = 5.5e-4; a sample
  // variance's SD is 0.006 sqrt(2 / n) = 6.0e-5; the sample covariance's SD is
  // sqrt((0.006^2 + 0.002^2) / n) = 4.5e-5. Each is checked to 4 of them.
  const abc::Kernel kernel(abc_test_triangle(0.1));
  const std::size_t n = 20000;
  const auto m = abc_test_moments(abc::propose({{{0.5, 0.5}, 1, 0}}, kernel, n, 99));
  CHECK(m[0] == Approx(0.5).margin(4 * 5.5e-4));
  CHECK(m[1] == Approx(0.5).margin(4 * 5.5e-4));
  CHECK(m[2] == Approx(0.006).margin(4 * 6.0e-5));
  CHECK(m[3] == Approx(-0.002).margin(4 * 4.5e-5));
  CHECK(m[4] == Approx(0.006).margin(4 * 6.0e-5));
}

TEST_CASE("analysis/statistics: proposals pick particles by weight", "[analysis][abc]") {
  // Two particles far apart on a line, weighted 0.75 and 0.25, and a narrow kernel (from 0
  // and 0.01 equally weighted: covariance 0.5 x 0.005^2 x 2 / 0.5 = 5e-5, Sigma 1e-4, sd
  // 0.01): the share of proposals near the first is 0.75 within 4 binomial SEs,
  // 4 sqrt(0.75 x 0.25 / 4000) = 0.027.
  const abc::Kernel narrow({{{0.0}, 0.5, 0}, {{0.01}, 0.5, 0}});
  const std::vector<abc::Particle> population{{{0.2}, 0.75, 0}, {{0.8}, 0.25, 0}};
  const auto proposals = abc::propose(population, narrow, 4000, 3);
  double near_first = 0;
  for (const auto& p : proposals) near_first += p[0] < 0.5 ? 1 : 0;
  CHECK(near_first / 4000 == Approx(0.75).margin(0.027));
}

TEST_CASE("analysis/statistics: weighed proposals represent the uniform prior, near the faces too",
          "[analysis][abc]") {
  // Importance sampling: proposals from q weighted by prior / q represent the prior, here
  // U(0, 1): mean 1/2, variance 1/12, P(theta < 0.1) = 0.1. Two of the particles sit near
  // the faces (0.02, 0.5, 0.98; kernel sd 0.2, from 0.4 and 0.6), so the cube keeps 54 % of
  // their kernels and 99 % of the middle one's, and the weights are right only if propose
  // redraws ancestor and move together. With n = 20000 and ESS > 10000 (checked), the SEs are at most
  // sqrt(1/12 / 1e4) = 2.9e-3 for the mean, 0.0030 for the share and ~1.6e-3 for the
  // variance (sqrt((1/80 - 1/144) / 1e4) = 7.5e-4, doubled for uneven weights); 4 of them.
  const std::vector<abc::Particle> population{{{0.02}, 1, 0}, {{0.5}, 1, 0}, {{0.98}, 1, 0}};
  const abc::Kernel kernel({{{0.4}, 1, 0}, {{0.6}, 1, 0}});
  std::vector<abc::Particle> weighed;
  for (auto& position : abc::propose(population, kernel, 20000, 11)) weighed.push_back({position, 0, 0});
  abc::weigh(weighed, population, kernel);
  REQUIRE(abc::effective_sample_size(weighed) > 10000);
  double mean = 0, second = 0, below = 0;
  for (const auto& particle : weighed) {
    mean += particle.weight * particle.position[0];
    second += particle.weight * particle.position[0] * particle.position[0];
    below += particle.position[0] < 0.1 ? particle.weight : 0;
  }
  CHECK(mean == Approx(0.5).margin(4 * 2.9e-3));
  CHECK(second - mean * mean == Approx(1.0 / 12).margin(4 * 1.6e-3));
  CHECK(below == Approx(0.1).margin(4 * 3.0e-3));
}

TEST_CASE("analysis/statistics: weights from a one-particle population are proportional to 1 / K",
          "[analysis][abc]") {
  // Kernel of the triangle scaled by 0.1: Sigma^-1 = [[187.5, 62.5], [62.5, 187.5]]. From
  // (0.5, 0.5): to itself the form is 0; to (0.6, 0.5) 1.875; to (0.6, 0.6) 3.75 + 1.25 = 5.
  const abc::Kernel kernel(abc_test_triangle(0.1));
  std::vector<abc::Particle> accepted{{{0.5, 0.5}, 0, 0}, {{0.6, 0.5}, 0, 0}, {{0.6, 0.6}, 0, 0}};
  abc::weigh(accepted, {{{0.5, 0.5}, 1, 0}}, kernel);
  const double a = 1, b = std::exp(0.5 * 1.875), c = std::exp(0.5 * 5);
  CHECK(accepted[0].weight == Approx(a / (a + b + c)));
  CHECK(accepted[1].weight == Approx(b / (a + b + c)));
  CHECK(accepted[2].weight == Approx(c / (a + b + c)));
  std::vector<abc::Particle> outside{{{1.2, 0.5}, 0, 0}};
  CHECK_THROWS_AS(abc::weigh(outside, {{{0.5, 0.5}, 1, 0}}, kernel), std::invalid_argument);
}

TEST_CASE("analysis/statistics: weights from two previous particles by hand", "[analysis][abc]") {
  // 1-D, previous particles 0.4 (weight 0.25) and 0.6 (0.75). The kernel is built from
  // 0.4 and 0.6 equally weighted: mean 0.5, sum w d^2 = 0.01, over 1 - sum w^2 = 0.5 is
  // 0.02, so Sigma = 0.04. w_i = 1 / sum_j w_j exp(-(theta_i - theta_j)^2 / (2 x 0.04)).
  const abc::Kernel kernel({{{0.4}, 1, 0}, {{0.6}, 1, 0}});
  std::vector<abc::Particle> accepted{{{0.5}, 0, 0}, {{0.6}, 0, 0}};
  abc::weigh(accepted, {{{0.4}, 0.25, 0}, {{0.6}, 0.75, 0}}, kernel);
  const auto k = [](double d) { return std::exp(-0.5 * d * d / 0.04); };
  const double w_half = 1 / (0.25 * k(0.1) + 0.75 * k(0.1));
  const double w_six = 1 / (0.25 * k(0.2) + 0.75 * k(0.0));
  CHECK(accepted[0].weight == Approx(w_half / (w_half + w_six)));
  CHECK(accepted[1].weight == Approx(w_six / (w_half + w_six)));
}

TEST_CASE("analysis/statistics: distance quantiles match R's type 7", "[analysis][abc]") {
  // R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0, .25, .5, .9, 1)) = 1, 1.75, 3.5, 6.9, 9.
  const std::vector<double> d{3, 1, 4, 1, 5, 9, 2, 6};
  CHECK(abc::distance_quantile(d, 0.0) == Approx(1.0));
  CHECK(abc::distance_quantile(d, 0.25) == Approx(1.75));
  CHECK(abc::distance_quantile(d, 0.5) == Approx(3.5));
  CHECK(abc::distance_quantile(d, 0.9) == Approx(6.9));
  CHECK(abc::distance_quantile(d, 1.0) == Approx(9.0));
  // Non-finite distances (failed simulations) are left out.
  auto with_failures = d;
  with_failures.push_back(std::numeric_limits<double>::quiet_NaN());
  with_failures.push_back(std::numeric_limits<double>::infinity());
  CHECK(abc::distance_quantile(with_failures, 0.25) == Approx(1.75));
  CHECK(std::isnan(abc::distance_quantile({std::numeric_limits<double>::quiet_NaN()}, 0.5)));
  CHECK(std::isnan(abc::distance_quantile({}, 0.5)));
}

TEST_CASE("analysis/statistics: effective sample size and weighted quantiles", "[analysis][abc]") {
  // Kish: 1 / (0.25 + 0.0625 + 0.0625) = 8 / 3; n equal weights give n.
  CHECK(abc::effective_sample_size(abc_test_triangle(1.0)) == Approx(8.0 / 3.0));
  CHECK(abc::effective_sample_size({{{0}, 2, 0}, {{0}, 2, 0}, {{0}, 2, 0}, {{0}, 2, 0}}) == Approx(4.0));
  CHECK(abc::effective_sample_size({{{0}, 1, 0}, {{0}, 0, 0}}) == Approx(1.0));

  // Four equal weights at 4, 1, 3, 2: sorted, their middles sit at 0.125, 0.375, 0.625, 0.875.
  const std::vector<abc::Particle> equal{{{9, 4}, 1, 0}, {{9, 1}, 1, 0}, {{9, 3}, 1, 0}, {{9, 2}, 1, 0}};
  CHECK(abc::weighted_quantile(equal, 1, 0.0) == 1.0);
  CHECK(abc::weighted_quantile(equal, 1, 0.125) == Approx(1.0));
  CHECK(abc::weighted_quantile(equal, 1, 0.25) == Approx(1.5));
  CHECK(abc::weighted_quantile(equal, 1, 0.5) == Approx(2.5));
  CHECK(abc::weighted_quantile(equal, 1, 0.8) == Approx(3.7));
  CHECK(abc::weighted_quantile(equal, 1, 1.0) == 4.0);
  // Weights 0.1, 0.2, 0.3, 0.4 at 1, 2, 3, 4: middles at 0.05, 0.2, 0.45, 0.8.
  const std::vector<abc::Particle> rising{{{1}, 0.1, 0}, {{2}, 0.2, 0}, {{3}, 0.3, 0}, {{4}, 0.4, 0}};
  CHECK(abc::weighted_quantile(rising, 0, 0.3) == Approx(2.4));
  CHECK(abc::weighted_quantile(rising, 0, 0.5) == Approx(3 + 0.05 / 0.35));
  CHECK(abc::weighted_quantile(rising, 0, 0.9) == 4.0);
  // A weightless particle is not part of the distribution, even at the 0 quantile.
  CHECK(abc::weighted_quantile({{{0.1}, 0, 0}, {{0.7}, 1, 0}}, 0, 0.0) == 0.7);
}

TEST_CASE("analysis/statistics: ABC-SMC on a toy model finds the analytic posterior", "[analysis][abc]") {
  // theta ~ U(0, 1); a simulation is theta + N(0, 0.05^2); observed 0.4. The exact posterior
  // is N(0.4, 0.05^2) cut to [0, 1], 8 sd inside both ends, so mean 0.4 and sd 0.05. With a
  // uniform ABC kernel of half-width eps the ABC posterior is that of 0.4 + U(-eps, eps) +
  // N(0, 0.05^2): same mean, sd sqrt(0.05^2 + eps^2 / 3), wider than 0.05.
  // Four generations: the prior, then three of propose -> simulate -> keep the closest
  // quarter (distance_quantile 0.25) -> weigh; 2000 proposals each, ~500 kept. Not the
  // closest half: proposals spread by the kernel (twice the population's variance) have
  // 3 (0.05^2 + eps^2 / 3) + 0.05^2 as the variance of sim - obs, and eps stops falling when
  // it is that spread's quantile, eps = q sqrt(4 x 0.05^2 + eps^2) with q = Phi^-1((1 + a) / 2):
  // for a = 0.5, eps = 1.8 x 0.05 and the ABC sd 1.44 x 0.05, at the edge of the band below;
  // for a = 0.25, eps = 0.67 x 0.05 and the sd 1.07 x 0.05.
  constexpr double kObserved = 0.4, kNoise = 0.05;
  constexpr std::size_t kProposals = 2000;
  boost::random::mt19937_64 rng(2009);
  boost::random::uniform_real_distribution<double> prior(0.0, 1.0);
  boost::random::normal_distribution<double> noise(0.0, kNoise);

  // Simulates each position and keeps those within the generation's tolerance.
  double tolerance = 0;
  auto keep_closest_quarter = [&](const std::vector<std::vector<double>>& positions) {
    std::vector<double> distances;
    for (const auto& p : positions) distances.push_back(std::abs(p[0] + noise(rng) - kObserved));
    tolerance = abc::distance_quantile(distances, 0.25);
    std::vector<abc::Particle> kept;
    for (std::size_t i = 0; i < positions.size(); ++i)
      if (distances[i] <= tolerance) kept.push_back({positions[i], 1.0, distances[i]});
    return kept;
  };

  std::vector<std::vector<double>> from_prior;
  for (std::size_t i = 0; i < kProposals; ++i) from_prior.push_back({prior(rng)});
  std::vector<abc::Particle> population = keep_closest_quarter(from_prior);
  for (std::uint64_t generation = 1; generation <= 3; ++generation) {
    const abc::Kernel kernel(population);
    auto accepted = keep_closest_quarter(abc::propose(population, kernel, kProposals, 100 + generation));
    abc::weigh(accepted, population, kernel);
    population = std::move(accepted);
  }

  double mean = 0, second = 0;
  for (const auto& particle : population) {
    mean += particle.weight * particle.position[0];
    second += particle.weight * particle.position[0] * particle.position[0];
  }
  const double sd = std::sqrt(second - mean * mean);
  const double ess = abc::effective_sample_size(population);
  INFO("mean " << mean << ", sd " << sd << ", ESS " << ess << ", final tolerance " << tolerance);
  // The weighted mean's Monte Carlo SE is about sd / sqrt(ESS), which understates the spread
  // over seeds somewhat (a generation's error carries into the next: over 300 seeds |z| > 3
  // in 1.3 % of runs, at most 3.4); 4 of them.
  CHECK(std::abs(mean - kObserved) < 4 * sd / std::sqrt(ess));
  // Tolerance > 0 widens the posterior: sd between 0.8 and 1.6 times 0.05 ...
  CHECK(sd > 0.8 * kNoise);
  CHECK(sd < 1.6 * kNoise);
  // ... and within 20 % of the ABC posterior's own sd at the final tolerance: a sample sd
  // from ESS ~ 500 draws has relative SE 1 / sqrt(2 ESS) ~ 3 %, the rest is left for the
  // sequential approximation of the adaptive tolerance (over 300 seeds: at most 18 % off).
  CHECK(sd == Approx(std::sqrt(kNoise * kNoise + tolerance * tolerance / 3)).epsilon(0.20));
  // Weights near uniform: the kernel covers the posterior, so most kept particles count.
  CHECK(ess > 0.5 * kProposals / 4);
}
