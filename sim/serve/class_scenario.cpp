#include "sim/serve/class_scenario.hpp"

#include <algorithm>

#include "sim/serve/http.hpp"
#include "sim/serve/page_scenario.hpp"
#include "sim/serve/preset_catalog.hpp"
#include "sim/serve/request_query.hpp"
#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {
namespace {

/// What /api/presets says of preset `id` (page_scenario has checked that it exists).
const nlohmann::json& preset_entry(const std::string& id) {
  const auto& presets = presets_json()["presets"];
  return *std::find_if(presets.begin(), presets.end(), [&](const nlohmann::json& p) { return p["id"] == id; });
}

}  // namespace

QuestionPopulations question_populations(const std::string& query, std::uint64_t default_dyads,
                                         std::uint64_t max_dyads) {
  const std::string text = !query.empty() && query[0] == '?' ? query.substr(1) : query;
  // The query as /api/population receives it, read and made a scenario by the same functions.
  httplib::Request request;
  request.target = "/api/population?" + text;
  httplib::detail::parse_query_text(text, request.params);
  const Query read = read_query(request, page_scenario_keys());

  QuestionPopulations populations;
  populations.scenario = page_scenario(read, default_dyads, max_dyads);
  const auto preset = read.other.find("preset");
  populations.preset = preset == read.other.end() ? "normative" : preset->second;
  const nlohmann::json& entry = preset_entry(populations.preset);
  // Both kinds of question are about the classes a Strange Situation codes.
  if (!entry["classes"].get<bool>())
    throw ControlError("preset " + populations.preset +
                       " runs no Strange Situation, so its infants have no class to predict; ask about a preset "
                       "with classes (\"classes\": true in /api/presets)");
  // Arms are lived one after the other in one stream; pooled, they would answer neither
  // "what does the intervention do" nor "what does the risk do".
  if (!entry["arms"].empty())
    throw ControlError("preset " + populations.preset +
                       " compares arms (an intervention beside its control), which a class question cannot ask; "
                       "use the main page's arms, or a preset without arms (\"arms\": [] in /api/presets)");
  populations.title = entry["title"].get<std::string>();
  // The baseline: the same preset and dyads, no slider moved; a question that moves no
  // slider would compare the preset with itself, so its baseline is normative instead.
  const std::string dyads = std::to_string(populations.scenario.dyads);
  Query baseline;
  baseline.other["preset"] = populations.preset;
  baseline.other["dyads"] = dyads;
  populations.baseline = page_scenario(baseline, default_dyads, max_dyads);
  // A slider at the preset's own value (the page omits it; a teacher may send it) moves nothing.
  const nlohmann::json& preset_values = entry["controls"];
  populations.sliders_moved = std::any_of(read.controls.begin(), read.controls.end(), [&](const std::pair<const std::string, double>& control) {
    return !preset_values.contains(control.first) || preset_values[control.first].get<double>() != control.second;
  });
  if (!populations.sliders_moved) {
    baseline.other["preset"] = "normative";
    populations.baseline = page_scenario(baseline, default_dyads, max_dyads);
  }
  populations.baseline_query = "preset=" + baseline.other["preset"] + "&dyads=" + dyads;
  return populations;
}

}  // namespace attune::serve
