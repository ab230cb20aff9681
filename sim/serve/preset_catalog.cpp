#include "sim/serve/preset_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "sim/serve/preset.hpp"
#include "sim/serve/teaching_controls.hpp"

namespace attune::serve {
namespace {

/// The page's name of each preset; a preset added to CMakeLists.txt needs one here.
const std::map<std::string, std::string, std::less<>>& titles() {
  static const std::map<std::string, std::string, std::less<>> all = {
      {"normative", "Normative, low risk"},
      {"risk_combined", "Combined risks: poverty, depression, violence"},
      {"risk_depression", "Caregiver depression"},
      {"risk_infant_cues", "Infant cues hard to read"},
      {"risk_poverty", "Poverty"},
      {"risk_substance", "Caregiver substance misuse"},
      {"risk_trauma", "Caregiver unresolved loss or trauma"},
      {"risk_violence", "Violence at home"},
      {"intervention_home_visiting", "Home visiting against usual care (arms)"},
      {"still_face", "Still-face paradigm at 4 months"},
      {"contingency_replay", "Contingent caregiving against replay, 0-3 months"},
      {"two_caregivers", "Two caregivers: mother and father"},
  };
  return all;
}

/// A preset's merged tree (bases merged in, `base` removed) and its loaded scenario.
struct Merged {
  YAML::Node root;
  Scenario scenario;
};

Merged merged(const PresetText& preset) {
  Merged m;
  m.scenario = load_preset(preset, [&](YAML::Node& root) { m.root = YAML::Clone(root); });
  return m;
}

/// A node as one line of YAML, or "none" when absent.
std::string one_line(const YAML::Node& node) {
  if (!node.IsDefined()) return "none";
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

/// The value of `name` in `map`, undefined when absent (never inserting it).
YAML::Node child(const YAML::Node& map, const std::string& name) {
  if (map.IsMap())
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.Scalar() == name) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

/// A population parameter's words: "Chance the caregiver ... at birth (stressors.depression_at_birth)".
std::string parameter_label(const std::string& path, const ParameterInfo& info) {
  std::string words = info.description.substr(0, info.description.find_first_of(":("));
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return words + " (" + path + ")";
}

/// One line per difference between a preset's tree and normative's, by dotted path.
/// A parameter's distribution, a list and an arm are compared whole.
class Changes {
 public:
  std::vector<std::string> lines;

  void compare(const YAML::Node& preset, const YAML::Node& normative, const std::string& path) {
    if (path == "name" || path == "description" || path == "dyads") return;  // shown apart; the page sets dyads
    if (path == "arms") return arms(preset);
    const bool parameter = path.rfind("population.", 0) == 0 && std::count(path.begin(), path.end(), '.') == 2;
    const auto map_or_none = [](const YAML::Node& node) { return node.IsMap() || !node.IsDefined(); };
    if (map_or_none(preset) && map_or_none(normative) && !parameter) {
      if (preset.IsDefined())
        for (auto it = preset.begin(); it != preset.end(); ++it) {
          const std::string key = it->first.Scalar();
          compare(it->second, child(normative, key), join(path, key));
        }
      if (normative.IsDefined())
        for (auto it = normative.begin(); it != normative.end(); ++it) {
          const std::string key = it->first.Scalar();
          if (!child(preset, key).IsDefined())
            compare(YAML::Node(YAML::NodeType::Undefined), it->second, join(path, key));
        }
      return;
    }
    if (one_line(preset) == one_line(normative)) return;
    if (parameter) return parameter_line(preset, normative, path);
    lines.push_back(path + ": " + one_line(preset) + " (normative " + one_line(normative) + ")");
  }

 private:
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  void parameter_line(const YAML::Node& preset, const YAML::Node& normative, const std::string& path) {
    const auto dot = path.find('.', 11);
    const auto index = find_parameter(path.substr(11, dot - 11), path.substr(dot + 1));
    if (!index) {  // the loader has refused such a preset already
      lines.push_back(path + ": " + one_line(preset) + " (normative " + one_line(normative) + ")");
      return;
    }
    const ParameterInfo& info = parameter_table()[*index];
    // A preset may restate a default (risk_substance's duration): that changes nothing.
    if (!normative.IsDefined() && preset.IsScalar() && preset.as<double>() == info.default_value) return;
    std::ostringstream fallback;
    fallback << info.default_value << ", the table's default";
    lines.push_back(parameter_label(path, info) + ": " + one_line(preset) + " (normative " +
                    (normative.IsDefined() ? one_line(normative) : fallback.str()) + ")");
  }

  void arms(const YAML::Node& arms) {
    for (auto it = arms.begin(); it != arms.end(); ++it) {
      const YAML::Node interventions = child(*it, "interventions");
      lines.push_back("arm " + child(*it, "name").Scalar() + ": " +
                      (interventions.IsDefined() ? one_line(interventions) : "no intervention (usual care)"));
    }
  }
};

nlohmann::json preset_json(const PresetText& preset, const Merged& normative) {
  const Merged m = merged(preset);
  const auto title = titles().find(preset.id);
  if (title == titles().end())
    throw std::logic_error("preset " + std::string(preset.id) + " has no title in sim/serve/preset_catalog.cpp");
  Changes changes;
  changes.compare(m.root, normative.root, "");
  nlohmann::json arms = nlohmann::json::array();
  for (const auto& arm : m.scenario.arms) arms.push_back(arm.name);
  return {{"id", preset.id},
          {"title", title->second},
          {"description", m.scenario.description},
          {"changes", changes.lines},
          {"controls", preset_control_values(std::string(preset.id))},
          {"classes", !m.scenario.strange_situation.ages_months.empty()},
          {"arms", arms},
          {"still_face", m.scenario.still_face.scheduled},
          {"span_months", std::round(m.scenario.span_days / kDaysPerMonth * 10) / 10}};
}

}  // namespace

const nlohmann::json& presets_json() {
  static const nlohmann::json all = [] {
    const Merged normative = merged(find_preset("normative"));
    nlohmann::json presets = nlohmann::json::array();
    for (const auto& preset : preset_texts()) presets.push_back(preset_json(preset, normative));
    return nlohmann::json{{"presets", presets}};
  }();
  return all;
}

}  // namespace attune::serve
