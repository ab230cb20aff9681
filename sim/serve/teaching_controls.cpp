#include "sim/serve/teaching_controls.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>

#include <yaml-cpp/yaml.h>

#include "models/parameter_table.hpp"

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

/// A slider and how it reads its normative value from, and writes into, the
/// scenario's `population` mapping.
struct Mapping {
  TeachingControl control;
  std::function<double(const YAML::Node&)> normative;
  std::function<void(YAML::Node, double)> apply;
};

/// Multiplies the population means of the four sensitivity components.
Mapping sensitivity() {
  return {{"sensitivity", "Caregiver sensitivity (x normative)", 0.25, 1.5, 0.05, 0,
           "multiplies the population means of caregiver.detection, reading, promptness and fit "
           "(each capped at 0.95; spreads and correlations kept)"},
          [](const YAML::Node&) { return 1.0; },
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
          [=](const YAML::Node& population) { return population[group][name]["mean"].as<double>(); },
          [=](YAML::Node population, double value) { population[group][name]["mean"] = number_text(value); }};
}

/// Sets the population median of a lognormally distributed parameter (its sigma kept).
Mapping lognormal_median(std::string id, std::string label, const char* group, const char* name, double lo,
                         double hi, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, 0.01, 0, std::move(maps_to)},
          [=](const YAML::Node& population) { return population[group][name]["median"].as<double>(); },
          [=](YAML::Node population, double value) { population[group][name]["median"] = number_text(value); }};
}

/// Fixes a parameter at one value for every dyad.
Mapping fixed(std::string id, std::string label, const char* group, const char* name, double lo, double hi,
              double step, std::string maps_to) {
  return {{std::move(id), std::move(label), lo, hi, step, 0, std::move(maps_to)},
          [=](const YAML::Node& population) {
            if (population[group] && population[group][name]) return population[group][name].as<double>();
            return parameter_table()[*find_parameter(group, name)].default_value;
          },
          [=](YAML::Node population, double value) { population[group][name] = number_text(value); }};
}

/// The sliders with their normative values read from the compiled-in scenario.
const std::vector<Mapping>& mappings() {
  static const std::vector<Mapping> all = [] {
    std::vector<Mapping> list = {
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
    const YAML::Node population = YAML::Load(kNormativeScenarioYaml)["population"];
    for (auto& m : list) {
      m.control.normative = m.normative(population);
    }
    return list;
  }();
  return all;
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

Scenario teaching_scenario(const std::map<std::string, double>& values, std::uint64_t dyads) {
  YAML::Node document = YAML::Load(kNormativeScenarioYaml);
  for (const auto& [id, value] : values) {
    const auto m = std::find_if(mappings().begin(), mappings().end(), [&](const Mapping& x) { return x.control.id == id; });
    if (m == mappings().end()) {
      std::string known;
      for (const auto& x : mappings()) known.append(known.empty() ? "" : ", ").append(x.control.id);
      throw ControlError("unknown control '" + id + "'; expected one of: " + known);
    }
    if (!(value >= m->control.min && value <= m->control.max)) {
      std::string message = id;
      message.append(" must lie in [").append(number_text(m->control.min)).append(", ");
      message.append(number_text(m->control.max)).append("], got ").append(number_text(value));
      throw ControlError(message);
    }
    m->apply(document["population"], value);
  }
  document["dyads"] = std::to_string(dyads);
  YAML::Emitter out;
  out << document;
  // The overrides are range-checked above, so the loader's own checks can only fail on
  // a defect; its ScenarioError then names the control-built text.
  return load_scenario_text("scenarios/normative.yaml with teaching controls", out.c_str());
}

}  // namespace attune::serve
