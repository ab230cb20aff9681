#pragma once
/// The family's part of a run's output: per-caregiver columns of dyads.csv (for the
/// caregivers after the first, whose columns are the existing ones) and the "family"
/// section of summary.json: each caregiver's class shares and the concordance of the
/// classifications with the first two caregivers.
#include <array>
#include <cstdint>
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/statistics/moments.hpp"
#include "models/dyad_record.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

class FamilyOutput {
 public:
  /// `spec` must outlive this object and have caregivers.
  explicit FamilyOutput(const FamilySpec& spec);
  /// ",classification_father,..." for dyads.csv's header.
  void write_header(std::ostream& out) const;
  /// The same columns for one dyad; tallies it for the summary.
  void write_row(std::ostream& out, const DyadRecord& record);
  nlohmann::json summary() const;

 private:
  const FamilySpec& spec_;
  std::array<std::array<std::uint64_t, 5>, kMaxCaregivers> classes_{};  ///< [caregiver][A, B, C, D, not assessed]
  std::array<analysis::RunningMoments, kMaxCaregivers> stress_;
  std::array<std::uint64_t, kMaxCaregivers> bouts_{};
  std::vector<std::vector<std::uint64_t>> cross_ = std::vector<std::vector<std::uint64_t>>(4, std::vector<std::uint64_t>(4, 0));
};

}  // namespace attune
