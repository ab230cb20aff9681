#pragma once
/// The constants of the floor's step, shared by its scalar and SIMD forms: the default
/// parameters' orders of magnitude (models/parameters.csv), so the branch-free arithmetic
/// sees realistic values; the floor's time does not depend on them.
namespace attune::floor_step {

inline constexpr double kMatched = 0.3;          ///< share of matched seconds (Tronick's 70/30)
inline constexpr double kSelfRegulation = 0.04;  ///< 1/s
inline constexpr double kCoregulation = 0.05;    ///< extra 1/s while matched
inline constexpr double kDistressOnset = 0.002;  ///< chance per second (8 per hour is 0.0022)
inline constexpr double kDistressSize = 0.6;     ///< arousal jump
inline constexpr double kNoise = 0.04;           ///< sd of the innovation
inline constexpr double kCryingArousal = 1.0;

}  // namespace attune::floor_step
