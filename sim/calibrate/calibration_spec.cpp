#include "sim/calibrate/calibration_spec.hpp"

#include <algorithm>
#include <cmath>

#include "models/parameter_table.hpp"
#include "sim/calibrate/calibration_stage.hpp"
#include "sim/scenario/distribution_parse.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/sweep/study_file.hpp"

namespace attune {
namespace {

using namespace scenario_detail;

const std::vector<std::string> kCalibrationKeys = {"name",       "base",    "dyads",   "span_days", "strange_situation_months",
                                                   "sensitivity_observation_months",
                                                   "seed",       "parameters", "targets", "history_matching", "abc"};

class CalibrationLoader {
 public:
  CalibrationLoader(CalibrationSpec& spec, Issues& issues) : spec_(spec), issues_(issues) {}

  void document(const Located& root) {
    const auto all = map_entries(root, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, kCalibrationKeys, "top-level key of a calibration", issues_);
    settings(root, entries);
    if (const Located* at = find(entries, "parameters")) parameters(*at);
    else issues_.add(root.mark(), "parameters", "missing required key 'parameters' (the free parameters and their ranges)");
    if (const Located* at = find(entries, "targets")) spec_.targets = calibration::read_targets(*at, issues_);
    else issues_.add(root.mark(), "targets", "missing required key 'targets' (what the simulation must reproduce)");
    if (const Located* at = find(entries, "history_matching")) history_matching(*at);
    if (const Located* at = find(entries, "abc")) abc(*at);
    if (spec_.points == 0) spec_.points = 10 * std::max<std::size_t>(spec_.parameters.size(), 1);
    if (spec_.candidates == 0) spec_.candidates = std::min<std::uint64_t>(200 * spec_.points, 200000);
  }

 private:
  CalibrationSpec& spec_;
  Issues& issues_;

  void settings(const Located& root, const std::vector<Located>& entries) {
    static_cast<StudySettings&>(spec_) = read_study_settings(root, entries, spec_.file, "simulation", issues_);
  }

  void parameters(const Located& at) {
    const auto entries = map_entries(at, issues_);
    if (!entries) return;
    if (entries->empty()) issues_.add(at, "name at least one free parameter");
    for (const auto& entry : *entries)
      if (auto parameter = this->parameter(entry)) spec_.parameters.push_back(std::move(*parameter));
    // Fixing a parameter replaces its distribution, so no field of it can be free beside it.
    for (std::size_t p = 0; p < spec_.parameters.size(); ++p)
      for (std::size_t q = 0; q < spec_.parameters.size(); ++q)
        if (spec_.parameters[q].name.rfind(spec_.parameters[p].name + ".", 0) == 0)
          issues_.add(marks_[q].key_mark, marks_[q].path,
                      spec_.parameters[p].name +
                          " is free as a fixed value, so its distribution has no '" +
                          spec_.parameters[q].name.substr(spec_.parameters[p].name.size() + 1) + "' to set");
  }

  /// A table parameter's row for "group.name" or "group.name.field", with the field checked.
  std::optional<ParameterInfo> table_row(const Located& entry) {
    const auto dot = entry.name.find('.');
    const auto field_dot = dot == std::string::npos ? std::string::npos : entry.name.find('.', dot + 1);
    const std::string qualified = entry.name.substr(0, field_dot);
    const auto index = dot == std::string::npos ? std::nullopt
                                                : find_parameter(qualified.substr(0, dot), qualified.substr(dot + 1));
    if (!index) {
      std::vector<std::string> names;
      for (const auto& row : parameter_table()) names.push_back(row.qualified());
      issues_.add(entry.key_mark, entry.path,
                  "unknown parameter (write group.name, or group.name.field for a field of its distribution)" +
                      suggestion(qualified, names, false));
      return std::nullopt;
    }
    if (field_dot != std::string::npos) {
      const std::string field = entry.name.substr(field_dot + 1);
      const auto fields = distribution_number_fields();
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
        issues_.add(entry.key_mark, entry.path, "unknown distribution field '" + field + "'" + suggestion(field, fields));
        return std::nullopt;
      }
    }
    return parameter_table()[*index];
  }

  std::optional<FreeParameter> parameter(const Located& entry) {
    const auto row = table_row(entry);
    const auto all = map_entries(entry, issues_);
    if (!row || !all) return std::nullopt;
    const auto keys = known_entries(*all, {"min", "max", "scale"}, "key of a free parameter", issues_);
    FreeParameter parameter;
    parameter.name = entry.name;
    std::optional<double> lo, hi;
    for (const char* key : {"min", "max"})
      if (!find(keys, key)) issues_.add(entry.mark(), entry.path + "." + key, std::string("missing required key '") + key + "'");
    if (const Located* at = find(keys, "min")) lo = read_number(*at, issues_);
    if (const Located* at = find(keys, "max")) hi = read_number(*at, issues_);
    if (const Located* at = find(keys, "scale")) {
      const auto scale = read_string(*at, issues_);
      if (scale && *scale != "linear" && *scale != "log")
        issues_.add(*at, "unknown scale '" + *scale + "'" + suggestion(*scale, {"linear", "log"}));
      parameter.log_scale = scale == "log";
    }
    if (!lo || !hi) return std::nullopt;
    if (!(*lo < *hi)) {
      issues_.add(entry, "min " + format_number(*lo) + " must be below max " + format_number(*hi));
      return std::nullopt;
    }
    if (parameter.log_scale && *lo <= 0) {
      issues_.add(entry, "a log-scale range must be above 0 (min is " + format_number(*lo) + ")");
      return std::nullopt;
    }
    // A fixed value must lie in the table's range; a field's range is checked by loading
    // the base scenario with it (below), as the field's meaning depends on its distribution.
    if (parameter.name.find('.', parameter.name.find('.') + 1) == std::string::npos && (*lo < row->min || *hi > row->max)) {
      issues_.add(entry, "the range [" + format_number(*lo) + ", " + format_number(*hi) + "] leaves the valid range [" +
                             format_number(row->min) + ", " + format_number(row->max) + "] of " + row->qualified());
      return std::nullopt;
    }
    parameter.min = *lo;
    parameter.max = *hi;
    marks_.push_back(entry);
    return parameter;
  }

  void history_matching(const Located& at) {
    const auto all = map_entries(at, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, {"waves", "points", "replicates", "cutoff", "candidates"},
                                       "key of history_matching", issues_);
    if (const Located* key = find(entries, "waves")) spec_.waves = read_integer(*key, 1, 20, "waves", issues_).value_or(spec_.waves);
    // Bounds keep the screening (candidates x points x waves emulator calls, a maximin over
    // the candidates) to seconds beside the simulations it chooses.
    if (const Located* key = find(entries, "points"))
      spec_.points = read_integer(*key, 4, 5000, "points per wave", issues_).value_or(0);
    // The simulation variance is the spread of a point's replicates: it takes two.
    if (const Located* key = find(entries, "replicates"))
      spec_.replicates = read_integer(*key, 2, 1000, "replicates per point", issues_).value_or(spec_.replicates);
    // A wave's simulations are a sweep's cells: the same limit, counted before any is made.
    if (const Located* key = find(entries, "replicates"); key && spec_.points * spec_.replicates > kMaxSweepCells)
      issues_.add(*key, "a wave of " + std::to_string(spec_.points) + " points x " + std::to_string(spec_.replicates) +
                            " replicates is over the limit of " + std::to_string(kMaxSweepCells) + " simulations");
    if (const Located* key = find(entries, "candidates"))
      spec_.candidates = read_integer(*key, 1, 200000, "candidate points", issues_).value_or(0);
    if (const Located* key = find(entries, "cutoff"))
      if (auto cutoff = read_number(*key, issues_)) {
        if (*cutoff <= 0) issues_.add(*key, "the cutoff is a number of standard deviations, above 0");
        else spec_.cutoff = *cutoff;
      }
  }

  void abc(const Located& at) {
    const auto all = map_entries(at, issues_);
    if (!all) return;
    const auto entries = known_entries(*all, {"method", "particles", "generations", "keep"}, "key of abc", issues_);
    if (const Located* key = find(entries, "method"))
      if (auto method = read_string(*key, issues_)) {
        if (*method == "smc") spec_.abc = AbcMethod::smc;
        else if (*method == "rejection") spec_.abc = AbcMethod::rejection;
        else issues_.add(*key, "unknown method '" + *method + "'" + suggestion(*method, {"smc", "rejection"}));
      }
    if (const Located* key = find(entries, "particles"))
      spec_.particles = read_integer(*key, 2, 100000, "particles", issues_).value_or(spec_.particles);
    if (const Located* key = find(entries, "generations")) {
      spec_.generations = read_integer(*key, 1, 100, "generations", issues_).value_or(spec_.generations);
      if (spec_.abc == AbcMethod::rejection && spec_.generations != 1)
        issues_.add(*key, "method rejection runs one generation; remove 'generations' or use method smc");
    }
    // At most 100 proposals per particle kept: a generation stays a sweep of bounded size.
    if (const Located* key = find(entries, "keep"))
      if (auto keep = read_number(*key, issues_)) {
        if (!(*keep >= 0.01 && *keep <= 1)) issues_.add(*key, "keep is the share of proposals kept, in [0.01, 1]");
        else spec_.keep = *keep;
      }
    if (spec_.abc == AbcMethod::rejection) spec_.generations = 1;
  }

 public:
  std::vector<Located> marks_;  ///< each free parameter's entry, for the checks against the base
};

/// Loads the base scenario with each free parameter alone at each end of its range, so a
/// range the base cannot take is reported at that parameter's key.
void check_against_base(const CalibrationSpec& spec, const std::vector<Located>& entries, Issues& issues) {
  for (std::size_t p = 0; p < spec.parameters.size(); ++p)
    for (double u : {0.0, 1.0}) {
      try {
        check_parameter_value(spec, p, u);
      } catch (const ScenarioError& e) {
        issues.add(entries[p].key_mark, entries[p].path,
                   "at " + format_number(spec.parameters[p].value_at(u)) + " the base scenario is invalid: " +
                       e.issues.front().message);
        break;
      } catch (const std::exception& e) {
        issues.add(entries[p].key_mark, entries[p].path, e.what());
        break;
      }
    }
}

}  // namespace

double FreeParameter::value_at(double u) const {
  // The ends exactly, not through exp(log(x)).
  if (u <= 0) return min;
  if (u >= 1) return max;
  // Clamped: exp(log(x)) may land one unit in the last place outside the range.
  if (log_scale) return std::clamp(std::exp(std::log(min) + u * (std::log(max) - std::log(min))), min, max);
  return min + u * (max - min);
}

double FreeParameter::unit_of(double value) const {
  if (log_scale) return (std::log(value) - std::log(min)) / (std::log(max) - std::log(min));
  return (value - min) / (max - min);
}

CalibrationSpec load_calibration(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  CalibrationSpec spec;
  spec.file = path;
  load_study_file(path, "calibration file", spec.text, [&](const Located& root, Issues& issues) {
    CalibrationLoader loader(spec, issues);
    loader.document(root);
    if (issues.size() > 0) return;
    spec.parameter_overrides = overrides;
    std::vector<std::string> free;
    for (const auto& parameter : spec.parameters) free.push_back(parameter.name);
    refuse_overlaps(overrides, free, "the calibration's free parameter");
    // The overrides alone first, so one the base cannot take is reported at the override,
    // not at the free parameter checked next.
    if (!overrides.empty()) sweep_base_scenario(stage_sweep_spec(spec, "check", 0, 1, SeedScheme::per_cell));
    check_against_base(spec, loader.marks_, issues);
  });
  return spec;
}

bool is_calibration_file(const std::string& path) {
  std::string reason;
  const auto text = read_input_file(path, "file", reason);
  if (!text) return false;  // the scenario loader reports why
  try {
    const YAML::Node root = YAML::Load(*text);
    return root.IsMap() && root["targets"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace attune
