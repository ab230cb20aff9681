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

/// A distribution in words: "beta, mean 0.6, sd 0.15".
std::string distribution_words(const YAML::Node& node) {
  std::string words = node["dist"].Scalar();
  for (auto it = node.begin(); it != node.end(); ++it)
    if (it->first.Scalar() != "dist") words += ", " + it->first.Scalar() + " " + one_line(it->second);
  return words;
}

/// A value as a class reads it: a number as written, a distribution in words ("drawn for each
/// dyad from a beta, mean 0.6, sd 0.15"), a list of numbers comma-separated ("none" if empty).
std::string value_words(const YAML::Node& node) {
  if (node.IsMap() && node["dist"]) return "drawn for each dyad from a " + distribution_words(node);
  if (node.IsSequence()) {
    if (node.size() == 0) return "none";
    std::string words;
    for (const auto& item : node) words += (words.empty() ? "" : ", ") + one_line(item);
    return words;
  }
  return one_line(node);
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

/// The words for the settings outside the population a preset may change; any other is shown
/// by its dotted path.
const std::map<std::string, std::string, std::less<>>& setting_labels() {
  static const std::map<std::string, std::string, std::less<>> all = {
      {"seed", "Random seed (seed)"},
      {"span_days", "Days of life simulated (span_days)"},
      {"assessments.strange_situation.ages_months", "Strange Situation at these ages in months"},
      {"assessments.sensitivity_observation.ages_months",
       "Observations of caregiver sensitivity at these ages in months"},
      {"assessments.still_face.age_months", "Still-face paradigm at this age in months"},
      {"assessments.still_face.phase_seconds", "Seconds of each still-face phase"},
  };
  return all;
}

/// One change of an intervention in words: "caregiver.repair +0.12", "caregiver.rejection x0.5".
std::string change_words(const std::string& parameter, const YAML::Node& change) {
  const YAML::Node add = child(change, "add"), scale = child(change, "scale"), set = child(change, "set");
  if (add.IsDefined()) return parameter + " +" + add.Scalar();
  if (scale.IsDefined()) return parameter + " x" + scale.Scalar();
  if (set.IsDefined()) return parameter + " set to " + set.Scalar();
  return parameter + " " + one_line(change);
}

/// An intervention in words: when it starts, its uptake, what it changes.
std::string intervention_words(const YAML::Node& intervention) {
  std::string words = child(intervention, "name").Scalar();
  if (const YAML::Node from = child(intervention, "from_age_months"); from.IsDefined())
    words += " from " + from.Scalar() + " months";
  if (const YAML::Node above = child(intervention, "when_stress_above"); above.IsDefined())
    words += " whenever caregiver stress is above " + above.Scalar();
  if (const YAML::Node days = child(intervention, "for_days"); days.IsDefined())
    words += " for " + days.Scalar() + " days";
  if (const YAML::Node uptake = child(intervention, "uptake"); uptake.IsDefined())
    words += ", taken up by " + one_line(uptake) + " of caregivers";
  std::string changes;
  const YAML::Node list = child(intervention, "changes");
  if (list.IsMap())
    for (auto it = list.begin(); it != list.end(); ++it)
      changes += (changes.empty() ? "" : ", ") + change_words(it->first.Scalar(), it->second);
  return changes.empty() ? words : words + ": " + changes;
}

/// A family's caregivers, supports and ties in words.
std::vector<std::string> family_words(const YAML::Node& family) {
  std::vector<std::string> lines;
  for (const auto& caregiver : child(family, "caregivers")) {
    std::string line = "Caregiver " + child(caregiver, "name").Scalar();
    if (const YAML::Node share = child(caregiver, "share_of_bouts"); share.IsDefined())
      line += ": " + share.Scalar() + " of the infant's bouts";
    if (const YAML::Node resemblance = child(caregiver, "resemblance"); resemblance.IsDefined())
      line += ", resemblance to the first caregiver " + resemblance.Scalar();
    const YAML::Node traits = child(caregiver, "caregiver");
    if (traits.IsMap()) {
      line += "; own traits:";
      for (auto it = traits.begin(); it != traits.end(); ++it)
        line += std::string(it == traits.begin() ? " " : "; ") + it->first.Scalar() + " " +
                (it->second.IsMap() && it->second["dist"] ? distribution_words(it->second) : one_line(it->second));
    } else {
      line += " (the population's caregiver)";
    }
    lines.push_back(line);
  }
  for (const auto& support : child(family, "supports"))
    lines.push_back("Support: " + child(support, "name").Scalar() + " (helps, gives no care)");
  for (const auto& edge : child(family, "edges")) {
    std::string line = "Tie " + child(edge, "from").Scalar() + " -> " + child(edge, "to").Scalar() + ":";
    if (const YAML::Node stress = child(edge, "stress"); stress.IsDefined()) line += " passes on stress " + stress.Scalar();
    if (const YAML::Node support = child(edge, "support"); support.IsDefined())
      line += std::string(line.back() == ':' ? "" : ",") + " gives support " + support.Scalar();
    lines.push_back(line);
  }
  return lines;
}

/// One line per difference between a preset's tree and normative's, by dotted path.
/// A parameter's distribution, a list and an arm are compared whole.
class Changes {
 public:
  std::vector<std::string> lines;

  void compare(const YAML::Node& preset, const YAML::Node& normative, const std::string& path) {
    if (path == "name" || path == "description" || path == "dyads") return;  // shown apart; the page sets dyads
    if (path == "arms") return arms(preset);
    if (path == "family") {
      for (auto& line : family_words(preset)) lines.push_back(std::move(line));
      return;
    }
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
    const auto label = setting_labels().find(path);
    lines.push_back((label == setting_labels().end() ? path : label->second) + ": " + value_words(preset) +
                    " (normative " + value_words(normative) + ")");
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
    lines.push_back(parameter_label(path, info) + ": " + value_words(preset) + " (normative " +
                    (normative.IsDefined() ? value_words(normative) : fallback.str()) + ")");
  }

  void arms(const YAML::Node& arms) {
    for (auto it = arms.begin(); it != arms.end(); ++it) {
      const YAML::Node interventions = child(*it, "interventions");
      std::string words;
      for (const auto& intervention : interventions)
        words += (words.empty() ? "" : "; and ") + intervention_words(intervention);
      lines.push_back("Arm " + child(*it, "name").Scalar() + ": " +
                      (words.empty() ? "no intervention (usual care)" : words));
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
