#include "sim/family_setup.hpp"

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
  }
}

std::span<const CaregiverParameters> FamilySetup::draw(std::uint64_t seed, std::uint64_t dyad_id,
                                                       std::array<CaregiverParameters, kMaxCaregivers>& storage) const {
  Rng rng = make_stream(seed, dyad_id, StreamPurpose::family_population);
  for (std::size_t k = 0; k < samplers_.size(); ++k) storage[k] = samplers_[k].draw(rng).caregiver;
  return {storage.data(), samplers_.size()};
}

}  // namespace attune
