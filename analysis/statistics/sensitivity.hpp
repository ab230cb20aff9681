#pragma once
/// Global sensitivity indices from a model's outputs at the points of a design:
/// variance-based (Sobol) indices from a Saltelli design, and Morris's elementary
/// effects from trajectories. Knows nothing of where the outputs came from.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attune::sensitivity {

/// An estimate with its bootstrap 95 % percentile interval; NaN where undefined
/// (an output that does not vary, or no usable rows).
struct Estimate {
  double value, lo, hi;
};

/// A Saltelli design's outputs grouped by base row j: f(A_j), f(B_j), f(AB_j^(i)) (A with
/// column i from B) and, for second order, f(BA_j^(i)) (B with column i from A).
struct SaltelliOutputs {
  std::size_t k = 0;  ///< parameters
  bool second_order = false;
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab, ba;  ///< [row][parameter]; ba empty without second order
};

/// Points per base row of a Saltelli design: k + 2, or 2k + 2 with second order.
std::size_t saltelli_block(std::size_t k, bool second_order);

/// Groups outputs given in SALib's order (per base row: A, AB^1..k, then BA^1..k if
/// `second_order`, then B). A base row with any non-finite output (a failed cell) is
/// dropped whole, since every estimator pairs the row's outputs.
SaltelliOutputs split_saltelli(const std::vector<double>& y, std::size_t k, bool second_order);

struct SobolIndices {
  std::vector<Estimate> first, total;         ///< S1_i, ST_i
  std::vector<std::vector<Estimate>> second;  ///< S2_ij for i < j ([i][j]); empty without second order
};

/// S1 (Saltelli et al. 2010), ST (Jansen 1999) and S2 (Saltelli 2002, as SALib computes it)
/// of the outputs less their mean (as SALib), each with a percentile interval from `resamples` bootstrap resamples of the base rows
/// drawn from `seed`.
SobolIndices sobol_indices(const SaltelliOutputs& y, std::size_t resamples, std::uint64_t seed);

/// One step of a Morris trajectory: the input moved and by how much, in unit-cube units.
struct MorrisStep {
  std::size_t input;
  double delta;
};

/// The steps between consecutive points of one trajectory (points in unit-cube
/// coordinates; consecutive points differ in one input).
std::vector<MorrisStep> morris_steps(const std::vector<std::vector<double>>& points);

/// A trajectory's k + 1 outputs and its k steps.
struct MorrisTrajectory {
  std::vector<double> y;
  std::vector<MorrisStep> steps;
};

struct MorrisIndices {
  std::vector<double> mu, sigma;  ///< mean and sample SD of the elementary effects
  std::vector<Estimate> mu_star;  ///< mean |EE| (Campolongo et al. 2007), with a bootstrap interval
  std::size_t trajectories = 0;   ///< used: those with every output finite
};

/// Elementary effects EE_i = (f(x + delta e_i) - f(x)) / delta (Morris 1991) of `k` inputs.
MorrisIndices morris_indices(const std::vector<MorrisTrajectory>& trajectories, std::size_t k,
                             std::size_t resamples, std::uint64_t seed);

}  // namespace attune::sensitivity
