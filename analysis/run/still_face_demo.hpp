#pragma once
/// The teaching page's still-face button: the paradigm run on a small population of the
/// page's scenario at 4 months.
#include <cstdint>
#include <functional>
#include <string>

#include "models/dyad_record.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

inline constexpr double kDemoStillFaceAge = 4.0;  ///< months, as in many studies (Mesman et al. 2009)
inline constexpr std::uint64_t kDemoStillFaceDyads = 200;

/// Runs a scenario's dyads and hands each record on in dyad order: the engine's driver,
/// handed in by the caller (analysis/ does not run populations itself).
using PopulationRunner = std::function<void(const Scenario&, const std::function<void(const DyadRecord&)>&)>;

/// summary.json's "still_face" block for the first `dyads` dyads of `scenario`, lived to
/// 4 months and assessed there with two-minute phases (the Strange Situation is not run).
std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, const PopulationRunner& run);

}  // namespace attune
