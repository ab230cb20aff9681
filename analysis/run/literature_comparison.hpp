#pragma once
/// The run beside the published figures of shared/design/science.md
/// (analysis/run/published_figures.hpp), for summary.json, the terminal and the report.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune {

/// One row per class: the share with its Wilson interval, the published share and band,
/// the difference, whether the share lies inside the band and whether its interval
/// overlaps the band. Empty when no dyad was assessed (nothing to compare).
nlohmann::json literature_comparison(const std::vector<std::uint64_t>& counts, std::uint64_t observed);

/// The cross-checks beside the calibration targets: the forced A/B/C shares (from the
/// secondary classification) against Ainsworth et al. (1978), and the interaction
/// metrics (`metrics`: summary.json's block) against Tronick's figures.
nlohmann::json literature_cross_checks(const std::vector<std::uint64_t>& secondary_counts, std::uint64_t observed,
                                       const nlohmann::json& metrics);

}  // namespace attune
