#pragma once
/// What the teaching page (sim/serve/) shows beside a population's live counts, so the
/// server itself only routes: the figures the counts are read against.
#include <nlohmann/json.hpp>

namespace attune {

/// The published class shares of low-risk samples, {"A": {"share", "source"}, ...}
/// (analysis/run/published_figures.hpp).
nlohmann::json page_reference_figures();

}  // namespace attune
