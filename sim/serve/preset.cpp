#include "sim/serve/preset.hpp"

#include <algorithm>
#include <optional>

#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {
namespace {

/// Where a preset's file lies in the source tree: its `base:` is relative to that folder.
std::string preset_file(std::string_view id) { return "scenarios/" + std::string(id) + ".yaml"; }

/// A base a preset names, from the compiled-in texts.
std::optional<std::string> compiled_in_base(const std::string& path, std::string& reason) {
  for (const auto& preset : preset_texts())
    if (preset_file(preset.id) == path) return std::string(preset.text);
  reason = "not among the scenarios compiled into attune serve";
  return std::nullopt;
}

}  // namespace

const PresetText& find_preset(const std::string& id) {
  const auto& all = preset_texts();
  const auto found = std::find_if(all.begin(), all.end(), [&](const PresetText& p) { return p.id == id; });
  if (found != all.end()) return *found;
  std::string known;
  for (const auto& p : all) known.append(known.empty() ? "" : ", ").append(p.id);
  throw ControlError("unknown preset '" + id + "'; expected one of: " + known);
}

Scenario load_preset(const PresetText& preset, const std::function<void(YAML::Node&)>& edit) {
  return load_scenario_text(preset_file(preset.id), std::string(preset.text), compiled_in_base, edit);
}

}  // namespace attune::serve
