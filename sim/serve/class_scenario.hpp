#pragma once
/// The populations a class question compares: its query's scenario, made by the function
/// /api/population uses, and its baseline: the same preset without slider changes, or
/// normative when the query moves no slider (a preset is not compared with itself).
#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace attune::serve {

struct QuestionPopulations {
  std::string preset, title;   ///< the query's preset and its title
  Scenario scenario;           ///< the query's population
  Scenario baseline;           ///< the preset's own population (normative when no slider moved), the same dyads
  std::string baseline_query;  ///< the baseline as a query of the main page
  bool sliders_moved = false;  ///< whether the query's sliders change its preset
};

/// The populations of the main page's query `query` ("sensitivity=0.8&dyads=1000"; a
/// leading '?' is allowed); std::invalid_argument naming the key when the query is bad or
/// its preset runs no Strange Situation (its infants have no class) or compares arms.
QuestionPopulations question_populations(const std::string& query, std::uint64_t default_dyads,
                                         std::uint64_t max_dyads);

}  // namespace attune::serve
