#include "sim/serve/teaching_controls.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>

#include <yaml-cpp/yaml.h>

#include "models/parameter_table.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "sim/serve/preset.hpp"

namespace attune::serve {
namespace {

// The four components Ainsworth (1974) splits sensitivity into, as the caregiver
// model has them (docs/MODEL.md): noticing, reading, answering promptly, fitting.
constexpr std::array<const char*, 4> kSensitivityComponents = {"detection", "reading", "promptness", "fit"};
// A beta population mean must stay below 1 with room for its spread (normative SDs are
// at most 0.1, and a beta needs sd^2 < mean (1 - mean)).
constexpr double kHighestMean = 0.95;

/// The shortest decimal text that reads back to exactly `x` (YAML scalars are text).
std::string number_text(double x) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

// What the sliders' texts say of every preset: a family's other caregivers keep their own
// draws, and a fixed slider moved from the preset's value replaces the preset's draw.
const std::string kMotherOnly = "; on two_caregivers the population caregiver's (the mother's) only";
const std::string kReplacesDistribution =
    "; moved from the preset's value, it replaces any distribution the preset draws it from";

/// One setting a slider makes, as `--set` writes it: "group.name.field" for one field of a
/// parameter's distribution, "group.name" to fix it for every dyad.
struct Setting {
  std::string key;
  double value = 0;
};

/// A slider and how it reads its value from a scenario (its merged tree's `population`
/// mapping, and the loaded draws), and which settings a value makes in that mapping.
struct Mapping {
  TeachingControl control;
  std::function<double(const YAML::Node&, const Scenario&)> value;
  std::function<std::vector<Setting>(const YAML::Node&, double)> settings;
};

/// Multiplies the population means of the four sensitivity components.
Mapping sensitivity() {
  return {{"sensitivity", "Caregiver sensitivity (x the preset's)", 0.25, 1.5, 0.05, 0,
           "multiplies the preset's population means of caregiver.detection, reading, promptness and fit "
           "(each capped at 0.95; the preset's spreads and correlations kept)" + kMotherOnly},
          [](const YAML::Node&, const Scenario&) { return 1.0; },
          [](const YAML::Node& population, double factor) {
            std::vector<Setting> settings;
            for (const char* name : kSensitivityComponents)
              settings.push_back({std::string("caregiver.") + name + ".mean",
                                  std::min(kHighestMean, factor * population["caregiver"][name]["mean"].as<double>())});
            return settings;
          }};
}

/// Sets the population mean of a beta-distributed parameter.
Mapping beta_mean(std::string id, std::string label, const char* group, const char* name, double lo, double hi,
                  std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, 0.01, 0, std::move(maps_to)},
          [=](const YAML::Node& population, const Scenario&) { return population[group][name]["mean"].as<double>(); },
          [=](const YAML::Node&, double value) {
            return std::vector<Setting>{{std::string(group) + "." + name + ".mean", value}};
          }};
}

/// Sets the population median of a lognormally distributed parameter (its sigma kept).
Mapping lognormal_median(std::string id, std::string label, const char* group, const char* name, double lo,
                         double hi, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, 0.01, 0, std::move(maps_to)},
          [=](const YAML::Node& population, const Scenario&) {
            return population[group][name]["median"].as<double>();
          },
          [=](const YAML::Node&, double value) {
            return std::vector<Setting>{{std::string(group) + "." + name + ".median", value}};
          }};
}

/// Fixes a parameter at one value for every dyad; where a preset draws it from a
/// distribution, the slider starts at that distribution's mean (and, left there, leaves
/// the preset's distribution alone: teaching_scenario).
Mapping fixed(std::string id, std::string label, const char* group, const char* name, double lo, double hi,
              double step, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, step, 0, std::move(maps_to)},
          [=](const YAML::Node&, const Scenario& scenario) {
            const std::size_t index = *find_parameter(group, name);
            for (const auto& draw : scenario.population)
              if (draw.parameter == index) return mean(draw.distribution);
            return parameter_table()[index].default_value;
          },
          [=](const YAML::Node&, double value) {
            return std::vector<Setting>{{std::string(group) + "." + name, value}};
          }};
}

/// The sliders, without their normative values. A mean slider keeps the spread of the
/// preset it moves (normative's is named: other presets may draw wider or narrower).
std::vector<Mapping> slider_mappings() {
  return {
      sensitivity(),
      beta_mean("repair", "Repair after a failed response (mean chance)", "caregiver", "repair", 0.05, 0.95,
                "population mean of caregiver.repair (beta; the preset's spread kept, SD 0.12 in normative)" +
                    kMotherOnly),
      beta_mean("rejection", "Rebuffing of contact bids (mean chance)", "caregiver", "rejection", 0.02, 0.6,
                "population mean of caregiver.rejection (beta; the preset's spread kept, SD 0.06 in normative)" +
                    kMotherOnly),
      lognormal_median("inconsistency", "Day-to-day unpredictability (median)", "caregiver", "inconsistency",
                       0.05, 1.5,
                       "population median of caregiver.inconsistency (lognormal; the preset's sigma kept, 0.45 in "
                       "normative)" + kMotherOnly),
      beta_mean("unresolved", "Unresolved loss or trauma (mean severity)", "caregiver", "unresolved", 0.05, 0.6,
                "population mean of caregiver.unresolved (beta; the preset's spread kept, SD 0.18 in normative)" +
                    kMotherOnly),
      fixed("poverty", "Stressor: poverty (0 none, 1 deep)", "stressors", "poverty", 0, 1, 0.05,
            "stressors.poverty for every dyad (chronic economic load on the household; adds daily caregiver "
            "stress)" + kReplacesDistribution),
      fixed("depression_at_birth", "Stressor: chance of depression at birth", "stressors", "depression_at_birth",
            0, 1, 0.01,
            "stressors.depression_at_birth for every dyad (chance of a depressive episode at birth)" +
                kReplacesDistribution + kMotherOnly),
      fixed("support", "Social support", "caregiver", "support", 0, 3, 0.1,
            "caregiver.support for every dyad (multiplies the daily recovery from stress by 1 + support)" +
                kReplacesDistribution + kMotherOnly),
  };
}

/// Each slider's value in `preset`, read with `list`'s readers from its merged tree.
std::map<std::string, double> values_in(const PresetText& preset, const std::vector<Mapping>& list) {
  YAML::Node merged;
  const Scenario scenario = load_preset(preset, [&](YAML::Node& root) { merged = YAML::Clone(root); });
  std::map<std::string, double> values;
  for (const auto& m : list) values[m.control.id] = m.value(merged["population"], scenario);
  return values;
}

/// The sliders with their normative values read from the compiled-in normative scenario.
const std::vector<Mapping>& mappings() {
  static const std::vector<Mapping> all = [] {
    std::vector<Mapping> list = slider_mappings();
    const auto normative = values_in(find_preset("normative"), list);
    for (auto& m : list) m.control.normative = normative.at(m.control.id);
    return list;
  }();
  return all;
}

/// Each preset's slider values, read once (every preset is compiled in).
const std::map<std::string, std::map<std::string, double>, std::less<>>& values_by_preset() {
  static const std::map<std::string, std::map<std::string, double>, std::less<>> all = [] {
    std::map<std::string, std::map<std::string, double>, std::less<>> values;
    for (const auto& preset : preset_texts()) values.emplace(preset.id, values_in(preset, mappings()));
    return values;
  }();
  return all;
}

/// The slider `id`, or ControlError naming the known ones.
const Mapping& find_mapping(const std::string& id) {
  const auto m = std::find_if(mappings().begin(), mappings().end(), [&](const Mapping& x) { return x.control.id == id; });
  if (m != mappings().end()) return *m;
  std::string known;
  for (const auto& x : mappings()) known.append(known.empty() ? "" : ", ").append(x.control.id);
  throw ControlError("unknown control '" + id + "'; expected one of: " + known);
}

}  // namespace

const std::vector<TeachingControl>& teaching_controls() {
  static const std::vector<TeachingControl> controls = [] {
    std::vector<TeachingControl> list;
    for (const auto& m : mappings()) list.push_back(m.control);
    return list;
  }();
  return controls;
}

Scenario teaching_scenario(const std::map<std::string, double>& values, std::uint64_t dyads,
                           const std::string& preset) {
  const PresetText& text = find_preset(preset);
  const auto& at_rest = values_by_preset().find(text.id)->second;
  // The sliders moved from the preset's values: one left where the preset has it (within
  // half a step, where the page's range input puts it) leaves the preset's distribution
  // alone, so a page that sends every slider runs the preset's own population.
  std::vector<std::pair<const Mapping*, double>> moved;
  for (const auto& [id, value] : values) {
    const Mapping& m = find_mapping(id);
    if (std::abs(value - at_rest.at(id)) < m.control.step / 2) continue;
    if (!(value >= m.control.min && value <= m.control.max)) {
      std::string message = id;
      message.append(" must lie in [").append(number_text(m.control.min)).append(", ");
      message.append(number_text(m.control.max)).append("], got ").append(number_text(value));
      throw ControlError(message);
    }
    moved.emplace_back(&m, value);
  }
  std::vector<ScenarioOverride> overrides;
  const auto edit = [&](YAML::Node& root) {
    // Read from the preset's own tree: sensitivity multiplies the preset's means.
    const YAML::Node population = YAML::Clone(root["population"]);
    for (const auto& [m, value] : moved)
      for (const Setting& setting : m->settings(population, value))
        overrides.push_back({setting.key, number_text(setting.value),
                             "slider " + m->control.id + "=" + number_text(value)});
    for (const auto& override : overrides) {
      try {
        set_parameter_value(root, override.key, override.value);
      } catch (const std::invalid_argument& e) {
        throw ControlError(override.origin + " cannot move preset " + preset + ": " + e.what());
      }
    }
    root["dyads"] = std::to_string(dyads);
  };
  Scenario scenario;
  try {
    scenario = load_preset(text, edit);
  } catch (const ScenarioError& e) {
    // In range, yet impossible for this preset's spread (a beta's SD too wide for a mean
    // near 0): the loader's issue names the parameter's key.
    std::string given;
    for (const auto& [m, value] : moved) given.append(" ").append(m->control.id).append("=").append(number_text(value));
    throw ControlError("the slider values" + given + " do not fit preset " + preset + ": " + e.what());
  }
  // The file's bytes and sha256 are the preset's: the settings name what the sliders changed
  // (as `--set` records its own), for a class result or a download.
  for (const auto& override : overrides) scenario.overrides.push_back(override.setting());
  return scenario;
}

std::map<std::string, double> preset_control_values(const std::string& preset) {
  return values_by_preset().find(find_preset(preset).id)->second;
}

}  // namespace attune::serve
