#pragma once
/// What a scenario's family section becomes for a run: the family graph, built once
/// and shared read-only by every dyad, and a sampler for each further caregiver's own
/// draws.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "models/family.hpp"
#include "sim/scenario/population.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

/// The graph of a family section: caregivers are vertices 0.., supports follow.
Family build_family(const FamilySpec& spec);

class FamilySetup {
 public:
  explicit FamilySetup(const Scenario& scenario);
  /// The family graph; null without a family section.
  const Family* family() const { return family_ ? &*family_ : nullptr; }
  /// The further caregivers' traits for one dyad, drawn in order from its own
  /// family_population stream (so the population caregiver's draws are unchanged);
  /// `first` and `first_normals` are the population's sampler and the first
  /// caregiver's standard normals (PopulationSampler::normals), which a caregiver's
  /// resemblance blends in. Written into `storage`, returned as the span
  /// simulate_dyad takes.
  std::span<const CaregiverParameters> draw(std::uint64_t seed, std::uint64_t dyad_id, const PopulationSampler& first,
                                            const std::vector<double>& first_normals,
                                            std::array<CaregiverParameters, kMaxCaregivers>& storage) const;

 private:
  std::optional<Family> family_;
  std::vector<PopulationSampler> samplers_;  ///< one per caregiver after the first
  std::vector<double> resemblance_;          ///< of each caregiver after the first
};

}  // namespace attune
