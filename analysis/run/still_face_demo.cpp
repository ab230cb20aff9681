#include "analysis/run/still_face_demo.hpp"

#include <cmath>
#include <utility>

#include "analysis/run/still_face_summary.hpp"
#include "models/dyad_life.hpp"

namespace attune {

Scenario still_face_demo_scenario(Scenario scenario, std::uint64_t dyads) {
  // Only the first four months are lived: the paradigm is on the last day.
  scenario.span_days = assessment_day(kDemoStillFaceAge) + 1;
  scenario.strange_situation.ages_months.clear();
  scenario.still_face = StillFacePlan{true, kDemoStillFaceAge, 120};
  scenario.dyads = dyads;
  return scenario;
}

nlohmann::json still_face_trace_json(std::uint64_t dyad, const StillFacePlan& plan, const StillFaceTrace& trace,
                                     const StillFaceResult& scores) {
  nlohmann::json arousal = nlohmann::json::array(), gaze = nlohmann::json::array(),
                 negative = nlohmann::json::array(), positive = nlohmann::json::array(),
                 responding = nlohmann::json::array();
  for (const auto& second : trace.seconds) {
    // Three decimals are finer than the page can draw and keep the answer small.
    arousal.push_back(std::round(second.arousal * 1000) / 1000);
    gaze.push_back(int{second.gaze});
    negative.push_back(int{second.negative_affect});
    positive.push_back(int{second.positive_affect});
    responding.push_back(int{second.caregiver_responding});
  }
  nlohmann::json phases = nlohmann::json::array(), by_phase = nlohmann::json::object();
  for (int phase = 0; phase < kStillFacePhases; ++phase) {
    phases.push_back(kStillFacePhaseNames[phase]);
    const auto& score = scores.phases[phase];
    by_phase[kStillFacePhaseNames[phase]] = {
        {"negative_affect", score.negative_affect}, {"positive_affect", score.positive_affect}, {"gaze", score.gaze}};
  }
  return {{"dyad", dyad},
          {"age_months", plan.age_months},
          {"phase_seconds", plan.phase_seconds},
          {"phases", phases},
          {"arousal", arousal},
          {"distress_threshold", trace.distress_threshold},
          {"calm_threshold", kStillFaceCalmLevel * trace.distress_threshold},
          {"gaze", gaze},
          {"negative_affect", negative},
          {"positive_affect", positive},
          {"caregiver_responding", responding},
          {"scores", by_phase}};
}

std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, const PopulationRunner& run) {
  scenario = still_face_demo_scenario(std::move(scenario), dyads);
  StillFaceSummary summary;
  run(scenario, [&](const DyadRecord& record) {
    if (record.still_face_assessed) summary.add(record.still_face);
  });
  return summary.to_json(scenario.still_face).dump();
}

}  // namespace attune
