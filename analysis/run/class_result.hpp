#pragma once
/// A class question's answer (sim/serve's class mode): the classes of its population
/// counted as dyads finish, and its class shares beside its baseline's, with each
/// difference's 95% interval (/api/compare's object), so the server only runs and routes.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/run/teaching_page.hpp"
#include "models/dyad_record.hpp"

namespace attune {

/// The classes of a population run at each dyad's last Strange Situation (as the page's
/// PopulationView counts them), every arm's dyads together.
struct ClassTally {
  ClassCounts by_class{};          ///< A, B, C, D
  std::uint64_t unclassified = 0;  ///< dyads without a Strange Situation
  std::uint64_t dyads = 0;         ///< dyads counted
  bool complete = false;           ///< false when the run was cancelled before its last block
  void add(const DyadRecord& record);
};

/// {"current":{"A":share,..},"baseline":{..},"counts":{"current":{"A":n,..,"unclassified"},
///  "baseline":{..}},"n":dyads run,"compare":/api/compare's object (class_comparison),
///  "rises":the class whose share rose most, or null unless that rise's 95% interval lies
///  above 0 (no class rose clearly), "baseline_query"}. Shares are of the dyads classified;
///  null when none was.
nlohmann::json class_result_json(const ClassTally& current, const ClassTally& baseline,
                                 const std::string& baseline_query);

}  // namespace attune
