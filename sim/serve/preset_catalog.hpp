#pragma once
/// What the page shows of each preset (GET /api/presets): a title, the scenario's
/// description, what it changes relative to normative in words, the sliders' starting
/// values, and what a run of it yields (classes, arms, a still-face, its span).
#include <nlohmann/json.hpp>

namespace attune::serve {

/// {"presets":[{"id","title","description","changes":[..],"controls":{..},"classes",
/// "arms":[..],"still_face","span_months"}, ...]}, in the page's order.
const nlohmann::json& presets_json();

}  // namespace attune::serve
