#pragma once
/// A class question's answer: the class shares of its population beside its baseline's,
/// with each difference's 95% interval (/api/compare's object).
#include <string>

#include <nlohmann/json.hpp>

#include "sim/serve/class_run.hpp"

namespace attune::serve {

/// {"current":{"A":share,..},"baseline":{..},"counts":{"current":{"A":n,..,"unclassified"},
///  "baseline":{..}},"n":dyads run,"compare":/api/compare's object (class_comparison),
///  "rises":the class whose share rose most (null when either side has no class),
///  "baseline_query"}. Shares are of the dyads classified; null when none was.
nlohmann::json class_result_json(const ClassTally& current, const ClassTally& baseline,
                                 const std::string& baseline_query);

}  // namespace attune::serve
