#include "sim/calibrate/calibration_stage.hpp"

#include <cmath>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "analysis/comparison/summary_row.hpp"
#include "sim/io/temporary_files.hpp"
#include "sim/sweep/cell_values.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_yaml.hpp"
#include "sim/sweep/sweep_cell.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

/// The column of each target component in cells.csv's header (`table` names where it came from).
std::vector<std::size_t> component_columns(const std::vector<std::string>& header, const CalibrationSpec& spec,
                                           const std::string& table) {
  std::vector<std::size_t> columns;
  std::vector<ScenarioIssue> issues;
  for (const auto& component : spec.targets) {
    const auto at = std::find(header.begin(), header.end(), component.output);
    if (at != header.end()) {
      columns.push_back(static_cast<std::size_t>(at - header.begin()));
      continue;
    }
    std::vector<std::string> outputs(header.begin(), header.end());
    issues.push_back({spec.file, component.mark.line + 1, component.mark.column + 1, component.key,
                      "no output '" + component.output + "' in " + table +
                          scenario_detail::suggestion(component.output, outputs, false) + " (" +
                          calibration::output_names_hint() + ")"});
  }
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return columns;
}

}  // namespace

SweepSpec stage_sweep_spec(const CalibrationSpec& spec, const std::string& stage_name, std::uint64_t stage,
                           std::uint64_t replicates, SeedScheme seeds) {
  SweepSpec sweep;
  static_cast<StudySettings&>(sweep) = spec;  // base, dyads, span, Strange Situation ages
  sweep.file = spec.file;
  sweep.text = spec.text;
  sweep.name = spec.name + " " + stage_name;
  sweep.seed = cell_seed(spec.seed, stage, 0);
  sweep.replicates = replicates;
  sweep.seeds = seeds;
  sweep.design = DesignKind::csv;  // points given, as a design file gives them
  return sweep;
}

Design stage_design(const CalibrationSpec& spec, const std::vector<std::vector<double>>& unit_points) {
  Design design;
  for (const auto& parameter : spec.parameters) design.axes.push_back(parameter.name);
  for (const auto& unit : unit_points) {
    DesignPoint point;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p)
      point.values.push_back(scenario_detail::format_number(spec.parameters[p].value_at(unit[p])));
    design.points.push_back(std::move(point));
  }
  return design;
}

void check_parameter_value(const CalibrationSpec& spec, std::size_t parameter, double u) {
  const SweepSpec sweep = stage_sweep_spec(spec, "check", 0, 1, SeedScheme::per_cell);
  Design design;
  design.axes.push_back(spec.parameters[parameter].name);
  design.points.push_back({{scenario_detail::format_number(spec.parameters[parameter].value_at(u))}, "", ""});
  cell_scenario(sweep, design, SweepCell{0, 0, 0, sweep.seed});
}

void check_target_outputs(const CalibrationSpec& spec) {
  SweepSpec sweep = stage_sweep_spec(spec, "trial", 0, 1, SeedScheme::per_cell);
  sweep.dyads = 2;
  const Design design = stage_design(spec, {std::vector<double>(spec.parameters.size(), 0.5)});
  // A folder of its own, made exclusively: nobody can plant a link in its place.
  const fs::path scratch = fs::temp_directory_path();
  remove_stale_temporaries(scratch, "attune-calibration-trial");
  const Temporary made = Temporary::folder_beside(scratch / "attune-calibration-trial");
  const fs::path& folder = made.path();
  fs::create_directories(folder / "cells");
  const CellOutcome outcome = run_cell(sweep, design, SweepCell{0, 0, 0, sweep.seed}, CellRunSettings{folder, 1, false, "", {}});
  nlohmann::json summary;
  if (!outcome.failed) {
    std::ifstream in(folder / "cells" / cell_folder_name(0) / "summary.json");
    summary = nlohmann::json::parse(in, nullptr, false);
  }
  fs::remove_all(folder);
  // A trial that cannot run leaves the check to the first wave's cells.csv.
  if (outcome.failed || !summary.is_object()) return;
  component_columns(summary_row(summary).names, spec, "the outputs of a 2-dyad trial run of the base");
}

StageOutputs read_stage_outputs(const std::vector<fs::path>& folders, const CalibrationSpec& spec, std::size_t points,
                                std::size_t replicates) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  StageOutputs outputs(points, std::vector<std::vector<double>>(replicates, std::vector<double>(spec.targets.size(), nan)));
  // Each shard's folder holds its own cells; together they hold the stage's.
  for (const auto& folder : folders) {
    const CellValues table = read_cell_values(folder / "cells.csv", points * replicates);
    const auto columns = component_columns(table.header, spec, (folder / "cells.csv").string());
    for (std::size_t cell = 0; cell < table.rows.size(); ++cell) {
      if (!table.has_row[cell]) continue;
      auto& values = outputs[cell / replicates][cell % replicates];
      for (std::size_t c = 0; c < columns.size(); ++c)
        values[c] = calibration::compared_value(spec.targets[c], table.rows[cell][columns[c]]);
    }
  }
  return outputs;
}

}  // namespace attune
