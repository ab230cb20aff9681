#pragma once
/// The teaching page's still-face button: the paradigm run on a small population of the
/// page's scenario at 4 months.
#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

inline constexpr double kDemoStillFaceAge = 4.0;  ///< months, as in many studies (Mesman et al. 2009)
inline constexpr std::uint64_t kDemoStillFaceDyads = 200;

/// summary.json's "still_face" block for the first `dyads` dyads of `scenario`, lived to
/// 4 months and assessed there with two-minute phases (the Strange Situation is not run).
std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, int threads);

}  // namespace attune::serve
