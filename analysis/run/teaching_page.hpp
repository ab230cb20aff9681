#pragma once
/// What the teaching page (sim/serve/) shows of the model, so the server itself only runs
/// populations and routes: the classes counted as dyads finish, one dyad's outcome beside
/// its day, and the published figures the counts are read against.
#include <array>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/assessments/ssp_coding.hpp"
#include "models/dyad_record.hpp"

namespace attune {

/// The classes at each dyad's last Strange Situation, counted as records arrive.
class PopulationView {
 public:
  /// Counts the dyad's class; a dyad without a Strange Situation is not counted.
  void add(const DyadRecord& record);
  /// The page's counts event: {"done":..,"total":..,"A":..,"B":..,"C":..,"D":..}.
  std::string json(std::uint64_t done, std::uint64_t total) const;

 private:
  std::array<std::uint64_t, kAttachmentClassCount> by_class_{};
};

/// The outcome shown beside one dyad's day: {"classification": the class at its last
/// Strange Situation, or "none"}.
nlohmann::json dyad_outcome(const DyadRecord& record);

/// The published class shares of low-risk samples, {"A": {"share", "source"}, ...}
/// (analysis/run/published_figures.hpp).
nlohmann::json page_reference_figures();

}  // namespace attune
