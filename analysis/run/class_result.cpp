#include "analysis/run/class_result.hpp"

#include <cmath>

namespace attune {
namespace {

nlohmann::json counts_json(const ClassTally& tally) {
  nlohmann::json object = nlohmann::json::object();
  for (int k = 0; k < kAttachmentClassCount; ++k)
    object[std::string(1, kAttachmentClassLabels[k])] = tally.by_class[k];
  object["unclassified"] = tally.unclassified;
  return object;
}

}  // namespace

void ClassTally::add(const DyadRecord& record) {
  ++dyads;
  if (const char label = last_class_label(record))
    ++by_class[static_cast<std::size_t>(label - 'A')];
  else
    ++unclassified;
}

nlohmann::json class_result_json(const ClassTally& current, const ClassTally& baseline,
                                 const std::string& baseline_query) {
  // The shares and differences of /api/compare; a side without a classified dyad (a
  // still-face preset) has NaN shares, which JSON carries as null.
  const nlohmann::json compare = class_comparison(baseline.by_class, current.by_class);
  nlohmann::json shares{{"current", nlohmann::json::object()}, {"baseline", nlohmann::json::object()}};
  std::string largest;
  double largest_rise = 0;
  for (int k = 0; k < kAttachmentClassCount; ++k) {
    const std::string label(1, kAttachmentClassLabels[k]);
    shares["current"][label] = compare[label]["current"];
    shares["baseline"][label] = compare[label]["baseline"];
    const auto& difference = compare[label]["difference"];
    if (difference.is_number() && std::isfinite(difference.get<double>()) &&
        (largest.empty() || difference.get<double>() > largest_rise)) {
      largest_rise = difference.get<double>();
      largest = label;
    }
  }
  // A rise the run's sampling error could make is no answer: the class "rises" only when
  // its interval excludes no change.
  nlohmann::json rises = nullptr;
  if (!largest.empty() && compare[largest]["ci95"][0].is_number() && compare[largest]["ci95"][0].get<double>() > 0)
    rises = largest;
  return {{"current", shares["current"]},
          {"baseline", shares["baseline"]},
          {"counts", {{"current", counts_json(current)}, {"baseline", counts_json(baseline)}}},
          {"n", current.dyads},
          {"compare", compare},
          {"rises", rises},
          {"baseline_query", baseline_query}};
}

}  // namespace attune
