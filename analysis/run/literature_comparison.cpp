#include "analysis/run/literature_comparison.hpp"

#include <cmath>
#include <string>

#include "analysis/statistics/proportion.hpp"
#include "analysis/run/published_figures.hpp"

namespace attune {

nlohmann::json literature_comparison(const std::vector<std::uint64_t>& counts, std::uint64_t observed) {
  nlohmann::json rows = nlohmann::json::array();
  if (observed == 0) return rows;
  for (const auto& published : analysis::kNormativeClassShares) {
    const auto k = static_cast<std::size_t>(published.classification - 'A');
    const auto estimate = analysis::wilson(counts[k], observed);
    rows.push_back({{"classification", std::string(1, published.classification)},
                    {"proportion", estimate.proportion},
                    {"ci95", {estimate.ci95.lo, estimate.ci95.hi}},
                    {"published", published.target},
                    {"published_range", {published.lo, published.hi}},
                    {"difference", estimate.proportion - published.target},
                    {"inside_published_range", estimate.proportion >= published.lo && estimate.proportion <= published.hi},
                    // Sampling error alone could put a share just outside the band.
                    {"ci95_overlaps_published_range", estimate.ci95.hi >= published.lo && estimate.ci95.lo <= published.hi},
                    {"source", published.source}});
  }
  return rows;
}

nlohmann::json literature_cross_checks(const std::vector<std::uint64_t>& secondary_counts, std::uint64_t observed,
                                       const nlohmann::json& metrics) {
  nlohmann::json out;
  out["forced_classification"] = nlohmann::json::array();
  if (observed > 0) {
    for (const auto& published : analysis::kForcedClassShares) {
      const auto k = static_cast<std::size_t>(published.classification - 'A');
      const auto estimate = analysis::wilson(secondary_counts[k], observed);
      out["forced_classification"].push_back({{"classification", std::string(1, published.classification)},
                                               {"proportion", estimate.proportion},
                                               {"ci95", {estimate.ci95.lo, estimate.ci95.hi}},
                                               {"published", published.target},
                                               {"difference", estimate.proportion - published.target},
                                               {"source", published.source}});
    }
  }
  out["interaction"] = nlohmann::json::array();
  for (const auto& published : analysis::kInteractionFigures) {
    // A metric no dyad has (no rupture was ever repaired, say) has no mean or quantiles.
    const auto m = metrics.find(published.metric);
    if (m == metrics.end() || !m->is_object()) continue;
    const std::string statistic = published.statistic;
    nlohmann::json value;
    if (statistic == "mean") {
      value = m->value("mean", nlohmann::json());
    } else if (const auto q = m->find("quantiles"); q != m->end() && q->is_object()) {
      value = q->value("p50", nlohmann::json());
    }
    if (!value.is_number() || !std::isfinite(value.get<double>())) continue;
    const double x = value.get<double>();
    out["interaction"].push_back({{"metric", published.metric},
                                  {"statistic", statistic + " over dyads"},
                                  {"value", x},
                                  {"published_range", {published.lo, published.hi}},
                                  {"inside_published_range", x >= published.lo && x <= published.hi},
                                  {"source", published.source}});
  }
  return out;
}

}  // namespace attune
