#pragma once
/// The published figures the default scenario is calibrated to
/// (shared/design/science.md), for comparison in summaries, reports and tests.
#include <array>

namespace attune::analysis {

struct PublishedShare {
  char classification;  ///< 'A', 'B', 'C', 'D'
  double target;        ///< published share
  double lo, hi;        ///< calibration band for the normative scenario
  const char* source;
};

/// North American middle-class samples: van IJzendoorn, Schuengel &
/// Bakermans-Kranenburg 1999 (recalled; bands generous, science.md).
inline constexpr std::array<PublishedShare, 4> kNormativeClassShares = {{
    {'A', 0.15, 0.10, 0.21, "van IJzendoorn et al. 1999"},
    {'B', 0.62, 0.55, 0.70, "van IJzendoorn et al. 1999"},
    {'C', 0.09, 0.05, 0.14, "van IJzendoorn et al. 1999"},
    {'D', 0.15, 0.10, 0.21, "van IJzendoorn et al. 1999; Granqvist et al. 2016"},
}};

}  // namespace attune::analysis
