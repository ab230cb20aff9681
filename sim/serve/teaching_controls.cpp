#include "sim/serve/teaching_controls.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>

#include <yaml-cpp/yaml.h>

#include "models/parameter_table.hpp"
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

/// A slider and how it reads its value from a scenario (its merged tree's `population`
/// mapping, and the loaded draws), and writes into that mapping.
struct Mapping {
  TeachingControl control;
  std::function<double(const YAML::Node&, const Scenario&)> value;
  std::function<void(YAML::Node, double)> apply;
};

/// Multiplies the population means of the four sensitivity components.
Mapping sensitivity() {
  return {{"sensitivity", "Caregiver sensitivity (x normative)", 0.25, 1.5, 0.05, 0,
           "multiplies the population means of caregiver.detection, reading, promptness and fit "
           "(each capped at 0.95; spreads and correlations kept)"},
          [](const YAML::Node&, const Scenario&) { return 1.0; },
          [](YAML::Node population, double factor) {
            for (const char* name : kSensitivityComponents) {
              YAML::Node mean = population["caregiver"][name]["mean"];
              mean = number_text(std::min(kHighestMean, factor * mean.as<double>()));
            }
          }};
}

/// Sets the population mean of a beta-distributed parameter.
Mapping beta_mean(std::string id, std::string label, const char* group, const char* name, double lo, double hi,
                  std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, 0.01, 0, std::move(maps_to)},
          [=](const YAML::Node& population, const Scenario&) { return population[group][name]["mean"].as<double>(); },
          [=](YAML::Node population, double value) { population[group][name]["mean"] = number_text(value); }};
}

/// Sets the population median of a lognormally distributed parameter (its sigma kept).
Mapping lognormal_median(std::string id, std::string label, const char* group, const char* name, double lo,
                         double hi, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, 0.01, 0, std::move(maps_to)},
          [=](const YAML::Node& population, const Scenario&) {
            return population[group][name]["median"].as<double>();
          },
          [=](YAML::Node population, double value) { population[group][name]["median"] = number_text(value); }};
}

/// Fixes a parameter at one value for every dyad; where a preset draws it from a
/// distribution, the slider starts at that distribution's mean.
Mapping fixed(std::string id, std::string label, const char* group, const char* name, double lo, double hi,
              double step, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, step, 0, std::move(maps_to)},
          [=](const YAML::Node&, const Scenario& scenario) {
            const std::size_t index = *find_parameter(group, name);
            for (const auto& draw : scenario.population)
              if (draw.parameter == index) return mean(draw.distribution);
            return parameter_table()[index].default_value;
          },
          [=](YAML::Node population, double value) { population[group][name] = number_text(value); }};
}

/// The sliders, without their normative values.
std::vector<Mapping> slider_mappings() {
  return {
      sensitivity(),
      beta_mean("repair", "Repair after a failed response (mean chance)", "caregiver", "repair", 0.05, 0.95,
                "population mean of caregiver.repair (beta; its SD 0.12 kept)"),
      beta_mean("rejection", "Rebuffing of contact bids (mean chance)", "caregiver", "rejection", 0.02, 0.6,
                "population mean of caregiver.rejection (beta; its SD 0.06 kept)"),
      lognormal_median("inconsistency", "Day-to-day unpredictability (median)", "caregiver", "inconsistency",
                       0.05, 1.5, "population median of caregiver.inconsistency (lognormal; its sigma 0.45 kept)"),
      beta_mean("unresolved", "Unresolved loss or trauma (mean severity)", "caregiver", "unresolved", 0.05, 0.6,
                "population mean of caregiver.unresolved (beta; its SD 0.18 kept)"),
      fixed("poverty", "Stressor: poverty (0 none, 1 deep)", "stressors", "poverty", 0, 1, 0.05,
            "stressors.poverty for every dyad (chronic economic load; adds daily caregiver stress)"),
      fixed("depression_at_birth", "Stressor: chance of depression at birth", "stressors", "depression_at_birth",
            0, 1, 0.01, "stressors.depression_at_birth for every dyad (chance of a depressive episode at birth)"),
      fixed("support", "Social support", "caregiver", "support", 0, 3, 0.1,
            "caregiver.support for every dyad (multiplies the daily recovery from stress by 1 + support)"),
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
  for (const auto& [id, value] : values) {
    const Mapping& m = find_mapping(id);
    if (!(value >= m.control.min && value <= m.control.max)) {
      std::string message = id;
      message.append(" must lie in [").append(number_text(m.control.min)).append(", ");
      message.append(number_text(m.control.max)).append("], got ").append(number_text(value));
      throw ControlError(message);
    }
  }
  const auto edit = [&](YAML::Node& root) {
    for (const auto& [id, value] : values) find_mapping(id).apply(root["population"], value);
    root["dyads"] = std::to_string(dyads);
  };
  try {
    return load_preset(text, edit);
  } catch (const ScenarioError& e) {
    // In range, yet impossible for this preset's spread (a beta's SD too wide for a mean
    // near 0): the loader's issue names the parameter's key.
    throw ControlError("the sliders do not fit preset " + preset + ": " + e.what());
  }
}

std::map<std::string, double> preset_control_values(const std::string& preset) {
  return values_in(find_preset(preset), mappings());
}

}  // namespace attune::serve
