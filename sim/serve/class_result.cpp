#include "sim/serve/class_result.hpp"

#include <cmath>
#include <limits>

#include "analysis/statistics/proportion.hpp"

namespace attune::serve {
namespace {

constexpr const char* kLabels[] = {"A", "B", "C", "D"};

double share(const ClassCounts& counts, int k) {
  const auto n = counts.classified();
  return n == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(counts.by_class[k]) / n;
}

/// NaN (no dyad classified) as JSON null: nlohmann writes null for it, said here explicitly.
nlohmann::json number(double value) { return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value); }

nlohmann::json shares(const ClassCounts& counts) {
  nlohmann::json object = nlohmann::json::object();
  for (int k = 0; k < 4; ++k) object[kLabels[k]] = number(share(counts, k));
  return object;
}

nlohmann::json class_counts(const ClassCounts& counts) {
  nlohmann::json object = nlohmann::json::object();
  for (int k = 0; k < 4; ++k) object[kLabels[k]] = counts.by_class[k];
  return object;
}

}  // namespace

nlohmann::json class_result_json(const ClassCounts& current, const ClassCounts& baseline,
                                 const std::string& baseline_query) {
  nlohmann::json compare = nlohmann::json::object();
  nlohmann::json rises = nullptr;
  double largest_rise = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < 4; ++k) {
    const auto difference = analysis::difference_of_proportions(current.by_class[k], current.classified(),
                                                                baseline.by_class[k], baseline.classified());
    compare[kLabels[k]] = {{"baseline", number(share(baseline, k))},
                           {"current", number(share(current, k))},
                           {"difference", number(difference.difference)},
                           {"ci95", {number(difference.ci95.lo), number(difference.ci95.hi)}}};
    if (difference.difference > largest_rise) {  // false for NaN: no classes, no rise
      largest_rise = difference.difference;
      rises = kLabels[k];
    }
  }
  compare["n_baseline"] = baseline.classified();
  compare["n_current"] = current.classified();
  return {{"current", shares(current)},
          {"baseline", shares(baseline)},
          {"counts", {{"current", class_counts(current)}, {"baseline", class_counts(baseline)}}},
          {"n", current.dyads},
          {"compare", compare},
          {"rises", rises},
          {"baseline_query", baseline_query}};
}

}  // namespace attune::serve
