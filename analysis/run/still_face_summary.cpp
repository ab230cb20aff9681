#include "analysis/run/still_face_summary.hpp"

#include "analysis/statistics/effect_size.hpp"

namespace attune {
namespace {

constexpr const char* kMeasureNames[StillFaceSummary::kMeasures] = {"negative_affect", "positive_affect", "gaze"};

/// The phases each contrast compares, earlier first.
struct Contrast {
  const char* name;
  StillFacePhase first, second;
};
constexpr Contrast kContrastPhases[StillFaceSummary::kContrasts] = {
    {"play_vs_still_face", kPlay, kStillFace},
    {"still_face_vs_reunion", kStillFace, kReunion},
    {"play_vs_reunion", kPlay, kReunion},
};

double measure(const StillFacePhaseScores& scores, int m) {
  return m == 0 ? scores.negative_affect : m == 1 ? scores.positive_affect : scores.gaze;
}

nlohmann::json mean_json(const analysis::RunningMoments& moments) {
  if (moments.count() < 2) return {{"mean", moments.count() ? moments.mean() : 0.0}, {"ci95", nullptr}};
  const auto ci = moments.mean_ci95();
  return {{"mean", moments.mean()}, {"ci95", {ci.lo, ci.hi}}};
}

}  // namespace

void StillFaceSummary::add(const StillFaceResult& result) {
  for (int p = 0; p < kStillFacePhases; ++p)
    for (int m = 0; m < kMeasures; ++m) phases_[p][m].add(measure(result.phases[p], m));
  for (int c = 0; c < kContrasts; ++c)
    for (int m = 0; m < kMeasures; ++m)
      differences_[c][m].add(measure(result.phases[kContrastPhases[c].second], m) -
                             measure(result.phases[kContrastPhases[c].first], m));
  recovery_.add(result.recovery);
}

nlohmann::json StillFaceSummary::to_json(const StillFacePlan& plan) const {
  nlohmann::json j;
  j["age_months"] = plan.age_months;
  j["phase_seconds"] = plan.phase_seconds;
  j["n"] = recovery_.count();
  for (int p = 0; p < kStillFacePhases; ++p)
    for (int m = 0; m < kMeasures; ++m) j[kStillFacePhaseNames[p]][kMeasureNames[m]] = mean_json(phases_[p][m]);
  j["recovery"] = mean_json(recovery_);
  for (int c = 0; c < kContrasts; ++c) {
    for (int m = 0; m < kMeasures; ++m) {
      const auto d = analysis::paired_cohens_d(phases_[kContrastPhases[c].first][m], phases_[kContrastPhases[c].second][m],
                                               differences_[c][m]);
      j["effect_sizes"][kContrastPhases[c].name][kMeasureNames[m]] = {{"d", d.d}, {"ci95", {d.ci95.lo, d.ci95.hi}}};
    }
  }
  j["effect_sizes"]["definition"] =
      "d_av = (later phase mean - earlier phase mean) / sqrt((sd_earlier^2 + sd_later^2) / 2), within dyads; "
      "95% CI by the delta method of Bonett (2008); docs/MODEL.md section 7a";
  return j;
}

}  // namespace attune
