#pragma once
/// The family around the infant (Boost.Graph): caregivers, each with its own
/// relationship to the infant, and supports (e.g. a grandmother) who care for no
/// infant but buffer a caregiver's stress. Stress spills over and support buffers
/// along weighted, directed edges, once a day (docs/MODEL.md, section 12).
#include <array>
#include <cstdint>

#include <boost/graph/adjacency_list.hpp>

#include "models/parameters.hpp"
#include "sim/random/rng.hpp"

namespace attune {

inline constexpr int kMaxCaregivers = 4;  ///< caps the fixed-size per-caregiver records

/// A directed tie: how much of the source's stress the target takes on, and how much
/// the source speeds the target's recovery.
struct FamilyTie {
  double stress = 0.0;   ///< share of the source's stress level the target converges towards, in [0, 1]
  double support = 0.0;  ///< added to the target's recovery multiplier (1 + support + ...), in [0, 1]
};

/// Vertices 0..caregivers-1 are the caregivers (0 = the population's caregiver), the
/// rest are supports; edges always end at a caregiver.
using FamilyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, FamilyTie>;

/// Built once per scenario and shared read-only by every dyad.
struct Family {
  FamilyGraph graph;
  int caregivers = 1;
  std::array<double, kMaxCaregivers> share_of_bouts{1.0};  ///< sums to 1 over the caregivers
};

/// Which caregiver cares for the infant in the next bout, drawn by share_of_bouts.
int bout_caregiver(const Family& family, Rng& rng);

/// One caregiver's state the day's propagation reads and writes.
struct CaregiverStress {
  const CaregiverParameters* traits = nullptr;
  double load = 0.0;    ///< today's own load (daily_stress_load)
  double stress = 0.0;  ///< today's stress; tomorrow's after advance_family_stress
};

/// Moves every caregiver's stress one day on, all from today's levels:
///   R_i = min(1, r_i (1 + u_i + sum_j U_ji b_j)),  b_j = 1 for a support, exp(-beta_j s_j) for a caregiver
///   s_i' = max(0, s_i (1 - R_i) + L_i + R_i sum_j W_ji s_j)
/// With no edges this is next_day_stress for each caregiver.
void advance_family_stress(const Family& family, std::array<CaregiverStress, kMaxCaregivers>& caregivers);

}  // namespace attune
