#pragma once
/// The still-face paradigm's block of summary.json: per phase the mean of each coded
/// measure with its CI, the recovery in the reunion, and within-dyad effect sizes
/// between phases. Fed in dyad order, so the result is deterministic.
#include <array>

#include <nlohmann/json.hpp>

#include "analysis/statistics/moments.hpp"
#include "models/assessments/still_face.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

class StillFaceSummary {
 public:
  void add(const StillFaceResult& result);
  /// {"age_months", "phase_seconds", "n", "play": {...}, "still_face": {...}, "reunion": {...},
  ///  "recovery", "effect_sizes": {"play_vs_still_face": {measure: {"d", "ci95"}}, ...}}
  nlohmann::json to_json(const StillFacePlan& plan) const;

  static constexpr int kMeasures = 3;  // negative affect, positive affect, gaze
  static constexpr int kContrasts = 3;  // play-still face, still face-reunion, play-reunion

 private:
  std::array<std::array<analysis::RunningMoments, kMeasures>, kStillFacePhases> phases_;
  /// Per-dyad differences, later phase minus earlier: [contrast][measure].
  std::array<std::array<analysis::RunningMoments, kMeasures>, kContrasts> differences_;
  analysis::RunningMoments recovery_;
};

}  // namespace attune
