#include "models/family.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random/random_variates.hpp"

namespace attune {

int bout_caregiver(const Family& family, Rng& rng) {
  const double u = uniform01(rng);
  double cumulative = 0.0;
  for (int k = 0; k + 1 < family.caregivers; ++k) {
    cumulative += family.share_of_bouts[k];
    if (u < cumulative) return k;
  }
  return family.caregivers - 1;
}

void advance_family_stress(const Family& family, std::array<CaregiverStress, kMaxCaregivers>& caregivers) {
  std::array<double, kMaxCaregivers> tomorrow{};
  for (int i = 0; i < family.caregivers; ++i) {
    const CaregiverParameters& traits = *caregivers[i].traits;
    // Support buffers stress (Cohen & Wills 1985) by speeding recovery, as the
    // caregiver's own support trait does; a strained partner supports less, by the
    // same factor that strain lowers sensitivity (caregiver_day).
    double network_support = 0.0, spillover = 0.0;
    for (const auto edge : boost::make_iterator_range(boost::in_edges(i, family.graph))) {
      const FamilyTie& tie = family.graph[edge];
      const auto from = static_cast<int>(boost::source(edge, family.graph));
      const bool caregiver = from < family.caregivers;
      const double strain = caregiver ? std::exp(-caregivers[from].traits->stress_impact * caregivers[from].stress) : 1.0;
      network_support += tie.support * strain;
      if (caregiver) spillover += tie.stress * caregivers[from].stress;
    }
    const double recovery = std::min(1.0, traits.stress_recovery * (1.0 + traits.support + network_support));
    // Spillover (Erel & Burman 1995): the caregiver's stress is drawn towards the
    // weighted stress of those tied to it, at its own recovery rate, so the
    // steady state is s = s_own + W s (stable: loading keeps every W row sum below 1).
    tomorrow[i] = std::max(0.0, caregivers[i].stress * (1.0 - recovery) + caregivers[i].load + recovery * spillover);
  }
  for (int i = 0; i < family.caregivers; ++i) caregivers[i].stress = tomorrow[i];
}

}  // namespace attune
