#include "sim/run/family_setup.hpp"

#include <cmath>

namespace attune {

Family build_family(const FamilySpec& spec) {
  Family family;
  family.caregivers = static_cast<int>(spec.caregivers.size());
  family.graph = FamilyGraph(spec.caregivers.size() + spec.supports.size());
  for (std::size_t k = 0; k < spec.caregivers.size(); ++k) family.share_of_bouts[k] = spec.caregivers[k].share_of_bouts;
  for (const auto& edge : spec.edges) boost::add_edge(edge.from, edge.to, FamilyTie{edge.stress, edge.support}, family.graph);
  return family;
}

FamilySetup::FamilySetup(const Scenario& scenario) {
  if (!scenario.family.present()) return;
  family_ = build_family(scenario.family);
  for (std::size_t k = 1; k < scenario.family.caregivers.size(); ++k) {
    // Only the caregiver's own draws: what it does not draw is at the table default.
    Scenario own;
    own.population = scenario.family.caregivers[k].draws;
    samplers_.emplace_back(own);
    resemblance_.push_back(scenario.family.caregivers[k].resemblance);
  }
}

std::span<const CaregiverParameters> FamilySetup::draw(std::uint64_t seed, std::uint64_t dyad_id, const PopulationSampler& first,
                                                       const std::vector<double>& first_normals,
                                                       std::array<CaregiverParameters, kMaxCaregivers>& storage) const {
  Rng rng = make_stream(seed, dyad_id, StreamPurpose::family_population);
  const auto& first_draws = first.random_draws();
  for (std::size_t k = 0; k < samplers_.size(); ++k) {
    std::vector<double> z = samplers_[k].normals(rng);
    const double rho = resemblance_[k];
    if (rho > 0.0) {
      // z = rho z_first + sqrt(1 - rho^2) z_own keeps a standard normal, correlated rho
      // with the first caregiver's for the same trait.
      const auto& own = samplers_[k].random_draws();
      for (std::size_t i = 0; i < own.size(); ++i)
        for (std::size_t j = 0; j < first_draws.size(); ++j)
          if (first_draws[j].parameter == own[i].parameter) z[i] = rho * first_normals[j] + std::sqrt(1.0 - rho * rho) * z[i];
    }
    storage[k] = samplers_[k].map(z).caregiver;
  }
  return {storage.data(), samplers_.size()};
}

}  // namespace attune
