#pragma once
/// The exit status of every attune command, so scripts and cluster jobs can tell failures apart.

namespace attune {

inline constexpr int kExitRunFailed = 1;    ///< the run itself failed (I/O, a missing tool, internal)
inline constexpr int kExitInvalidInput = 2; ///< the input was invalid (a file, an option)
inline constexpr int kExitCellsFailed = 3;  ///< a sweep ran to its end, but some cells failed
inline constexpr int kExitNoPlausibleRegion = 4;  ///< a calibration's history matching ruled out every point

}  // namespace attune
