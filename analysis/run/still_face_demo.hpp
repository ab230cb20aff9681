#pragma once
/// The teaching page's still-face button: the paradigm run on a small population of the
/// page's scenario at 4 months.
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "models/assessments/still_face.hpp"
#include "models/dyad_record.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

inline constexpr double kDemoStillFaceAge = 4.0;  ///< months, as in many studies (Mesman et al. 2009)
inline constexpr std::uint64_t kDemoStillFaceDyads = 200;

/// Runs a scenario's dyads and hands each record on in dyad order: the engine's driver,
/// handed in by the caller (analysis/ does not run populations itself).
using PopulationRunner = std::function<void(const Scenario&, const std::function<void(const DyadRecord&)>&)>;

/// `scenario` lived only to 4 months, its first `dyads` dyads assessed there with
/// two-minute phases (the Strange Situation is not run).
Scenario still_face_demo_scenario(Scenario scenario, std::uint64_t dyads);

/// One infant's paradigm for the page: {"dyad","age_months","phase_seconds","phases",
/// "arousal":[..],"distress_threshold","calm_threshold","gaze":[0/1..],"negative_affect",
/// "positive_affect","caregiver_responding","scores":{phase:{"negative_affect",
/// "positive_affect","gaze"}}}; `scores` are the assessment's own for that infant.
nlohmann::json still_face_trace_json(std::uint64_t dyad, const StillFacePlan& plan, const StillFaceTrace& trace,
                                     const StillFaceResult& scores);

/// summary.json's "still_face" block for the first `dyads` dyads of `scenario`, lived to
/// 4 months and assessed there with two-minute phases (the Strange Situation is not run).
std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, const PopulationRunner& run);

}  // namespace attune
