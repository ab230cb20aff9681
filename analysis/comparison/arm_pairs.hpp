#pragma once
/// One arm against control dyad by dyad. Every arm of a randomized comparison holds the
/// same dyads (same seeds and ids), so each dyad is its own control: the paired
/// intervals are the right ones, and much narrower than independent-sample ones.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune {

/// Reads the arm's and control's dyads.csv (each plain or gzip-compressed) in lockstep (rows in dyad order; a differing
/// dyad_id or row count throws std::runtime_error naming the files). Returns
/// `{"classification": {A..D: {difference, ci95, cohens_h, cohens_h_ci95, n_pairs,
/// arm_only, control_only}}, "metrics": {name: {difference, ci95, cohens_d,
/// cohens_d_ci95, n_pairs}}}`, each difference arm minus control over the dyads that
/// have the value in both arms: shares by Newcombe's paired interval and Cohen's h,
/// means by the paired normal interval and the within-dyad d_av (analysis/).
nlohmann::json paired_comparison(const std::string& arm_csv, const std::string& control_csv,
                                 const std::vector<std::string>& metrics);

}  // namespace attune
