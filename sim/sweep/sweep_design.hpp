#pragma once
/// The points of a sweep's design and the cells run from them (each point once per
/// replicate), with each cell's seed.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace attune {

/// One point of the design: a value for each axis, as text the scenario loader reads.
struct DesignPoint {
  std::vector<std::string> values;
  std::string origin;   ///< where a csv row came from ("design.csv line 4"); empty otherwise
  std::string problem;  ///< why a csv row cannot be used (field count, a value not a number or out of range); empty if fine
};

struct Design {
  std::vector<std::string> axes;  ///< "group.name" of each swept parameter
  std::vector<DesignPoint> points;
};

/// The design a sweep file declares. Throws ScenarioError for a csv whose header is unusable;
/// a bad csv row becomes a point with a problem (that cell fails, the others run).
Design make_design(const SweepSpec& spec);

/// `samples` points of a Latin hypercube in [0, 1)^dimensions: on each axis every one of
/// the `samples` equal strata holds exactly one point, placed uniformly inside it, the
/// strata paired across axes by independent random permutations (McKay, Beckman &
/// Conover 1979). A pure function of `seed`.
std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions, std::uint64_t seed);

/// The first `samples` points of the Sobol sequence in [0, 1)^dimensions, from Boost.Random's
/// sobol engine (Joe & Kuo direction numbers); the all-zero first point is skipped by Boost.
std::vector<std::vector<double>> sobol_points(std::size_t samples, std::size_t dimensions);

/// A Saltelli design in [0, 1)^k (Saltelli 2002; Saltelli et al. 2010), in SALib's order so a
/// design can be exchanged with SALib: `samples` base rows of a Sobol sequence in 2k
/// dimensions (A = the first k coordinates, B = the last k); for each row A, AB^(1..k)
/// (A with column i from B), with `second_order` BA^(1..k) (B with column i from A), then B.
std::vector<std::vector<double>> saltelli_points(std::size_t samples, std::size_t k, bool second_order);

/// `trajectories` Morris (1991) trajectories of k + 1 points on the `levels`-level grid
/// of [0, 1]^k (levels even): a random base point on the lower levels, then each input
/// moved once by +-delta, delta = levels / (2 (levels - 1)), in a random order and a
/// random direction. A pure function of `seed`.
std::vector<std::vector<double>> morris_points(std::size_t trajectories, std::size_t k, std::size_t levels,
                                               std::uint64_t seed);

/// One run of a design point.
struct SweepCell {
  std::uint64_t index = 0;  ///< point * replicates + replicate: the cell's id and its row in cells.csv
  std::uint64_t point = 0;
  std::uint64_t replicate = 0;
  std::uint64_t seed = 0;
};

/// The cell's master seed: SplitMix64 chained over (sweep seed, point, replicate), as
/// make_stream keys a dyad's streams, so replicates of a point differ only in their seed
/// and any cell can be re-run alone.
std::uint64_t cell_seed(std::uint64_t sweep_seed, std::uint64_t point, std::uint64_t replicate);

/// Every cell of a design, in index order. Under SeedScheme::common every point of
/// replicate r takes point 0's seed, cell_seed(sweep_seed, 0, r).
std::vector<SweepCell> sweep_cells(const Design& design, std::uint64_t replicates, std::uint64_t sweep_seed,
                                   SeedScheme seeds = SeedScheme::per_cell);

}  // namespace attune
