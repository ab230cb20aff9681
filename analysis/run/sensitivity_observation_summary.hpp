#pragma once
/// The sensitivity observation's block of summary.json: the distribution of the ratings
/// at each age, the mean rating (observed_sensitivity) by security with its point-biserial
/// correlation and 95 % interval beside the published figure (De Wolff & van IJzendoorn
/// 1997), and the share secure by band of the rating. Fed in dyad order, so the result
/// is deterministic.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/statistics/moments.hpp"
#include "models/assessments/sensitivity_observation.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

class SensitivityObservationSummary {
 public:
  /// Ratings 1, 1.5, ..., 9.
  static constexpr int kRatingSteps = 17;
  /// Bands of the mean rating by the scale's anchors (Ainsworth 1974): highly insensitive
  /// [1, 3), insensitive [3, 5), inconsistently sensitive [5, 7), sensitive [7, 9].
  static constexpr int kBands = 4;

  explicit SensitivityObservationSummary(const SensitivityObservationPlan& plan);

  /// One dyad's ratings; `security`: 1 secure, 0 insecure, -1 not classified.
  void add(const SensitivityObservations& observed, int security);

  /// {"ages_months", "minutes", "scale", "observations": [{"age_months", "n", "mean", "sd",
  ///  "rating_counts"}], "observed_sensitivity": {"n", "mean", "sd", "mean_secure", "mean_insecure",
  ///  "point_biserial_r", "point_biserial_ci95", "n_classified"}, "by_band": [...], "literature": {...}}
  nlohmann::json to_json() const;

 private:
  SensitivityObservationPlan plan_;
  std::vector<analysis::RunningMoments> by_age_;
  std::vector<std::array<std::uint64_t, kRatingSteps>> counts_;  ///< [age][rating step]
  analysis::RunningMoments mean_;
  std::array<analysis::RunningMoments, 2> by_security_;       ///< mean rating of [insecure, secure]
  std::array<std::array<std::uint64_t, 2>, kBands> bands_{};  ///< [band][insecure, secure]
};

}  // namespace attune
