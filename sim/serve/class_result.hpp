#pragma once
/// A class question's answer: the class shares of its population beside its baseline's,
/// with each difference's 95% interval (the same Newcombe interval /api/compare gives).
#include <string>

#include <nlohmann/json.hpp>

#include "sim/serve/class_run.hpp"

namespace attune::serve {

/// {"current":{"A":share,..},"baseline":{..},"counts":{"current":{"A":n,..},"baseline":{..}},
///  "n":dyads,"compare":{"A":{"baseline","current","difference","ci95":[lo,hi]},..,
///  "n_baseline","n_current"},"rises":the class whose share rose most (null without classes),
///  "baseline_query"}. Shares are of the dyads classified; null when none was.
nlohmann::json class_result_json(const ClassCounts& current, const ClassCounts& baseline,
                                 const std::string& baseline_query);

}  // namespace attune::serve
