#include "sim/sweep/sweep_cell.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "sim/io/atomic_file.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/temporary_files.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/run_output.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "sim/scenario/scenario_yaml.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;
using scenario_detail::format_number;

/// Sets the sweep's run settings on the base scenario's YAML tree.
void apply_settings(YAML::Node& root, const SweepSpec& spec) {
  if (!root.IsMap()) return;  // the loader reports it
  if (spec.dyads) root["dyads"] = std::to_string(*spec.dyads);
  if (spec.span_days) root["span_days"] = std::to_string(*spec.span_days);
  if (spec.strange_situation_months) {
    YAML::Node ages(YAML::NodeType::Sequence);
    for (double age : *spec.strange_situation_months) ages.push_back(format_number(age));
    // Only the ages: the base's other assessments (a still-face, say) stay scheduled.
    root["assessments"]["strange_situation"]["ages_months"] = ages;
  }
  if (spec.sensitivity_observation_months) {
    YAML::Node ages(YAML::NodeType::Sequence);
    for (double age : *spec.sensitivity_observation_months) ages.push_back(format_number(age));
    root["assessments"]["sensitivity_observation"]["ages_months"] = ages;
  }
}

/// Removes a cell's staging folder that will not become the cell's.
void discard_staging(const fs::path& staging) {
  std::error_code ignored;
  fs::remove_all(staging, ignored);
}

}  // namespace

Scenario sweep_base_scenario(const SweepSpec& spec) {
  try {
    return load_scenario(spec.base, spec.parameter_overrides, [&spec](YAML::Node& root) { apply_settings(root, spec); });
  } catch (const ScenarioError& e) {
    throw ScenarioError(at_overrides(e.issues, spec));
  }
}

Scenario cell_scenario(const SweepSpec& spec, const Design& design, const SweepCell& cell) {
  const DesignPoint& point = design.points.at(cell.point);
  if (!point.problem.empty()) throw std::invalid_argument(point.problem);
  try {
    // The overrides go on after the point's values; plan_sweep refuses an override of an axis.
    Scenario scenario = load_scenario(spec.base, spec.parameter_overrides, [&](YAML::Node& root) {
      apply_settings(root, spec);
      if (!root.IsMap()) return;
      for (std::size_t a = 0; a < design.axes.size(); ++a) set_parameter_value(root, design.axes[a], point.values[a]);
    });
    scenario.seed = cell.seed;
    return scenario;
  } catch (const ScenarioError& e) {
    throw ScenarioError(at_overrides(e.issues, spec));
  }
}

std::string cell_folder_name(std::uint64_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "%06llu", static_cast<unsigned long long>(index));
  return name;
}

CellOutcome run_cell(const SweepSpec& spec, const Design& design, const SweepCell& cell, const CellRunSettings& settings) {
  const fs::path cells = settings.out / "cells";
  const std::string name = cell_folder_name(cell.index);
  // Made exclusively beside the final folder (one file system, so the rename is atomic)
  // under a name of its own, so ranks sharing a folder never collide; held locked while
  // this process lives, so only a killed run's is cleaned away (prepare_sweep_folder).
  const Temporary staging = Temporary::folder_beside(cells / name);
  const fs::path& temp = staging.path();
  CellOutcome outcome;
  try {
    const Scenario scenario = cell_scenario(spec, design, cell);
    RunOptions options;
    options.dyads = scenario.dyads;
    options.seed = scenario.seed;
    options.threads = effective_threads(settings.threads);
    options.cancel = settings.cancel;
    if (settings.dyads_done)
      options.block_done = [&](std::uint64_t done) { settings.dyads_done(done, scenario.dyads); };
    const Provenance provenance{settings.command_line, options.threads, scenario.seed, scenario.dyads, {}};
    // A dyads.csv not kept is not worth compressing.
    const Compression compression = settings.keep_dyads ? settings.compression : Compression::none;
    RunOutput output(temp.string(), scenario, provenance, compression);
    const auto start = std::chrono::steady_clock::now();
    if (run_dyads(scenario, options, [&](const DyadRecord& record) { output.consume(record); }) < scenario.dyads)
      throw RunCancelled();
    output.finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!settings.keep_dyads) fs::remove(temp / "dyads.csv");
    outcome.dyads = scenario.dyads;
  } catch (const RunCancelled&) {
    discard_staging(temp);
    throw;  // stopped, not failed: a resume runs the cell
  } catch (const OutputError&) {
    discard_staging(temp);
    throw;  // the disk, not the cell: every later cell would fail alike
  } catch (const fs::filesystem_error&) {
    discard_staging(temp);
    throw;
  } catch (const std::exception& e) {
    outcome.failed = true;
    const std::string& origin = design.points.at(cell.point).origin;
    outcome.error = origin.empty() ? e.what() : origin + ": " + e.what();
    for (const auto& entry : fs::directory_iterator(temp)) fs::remove_all(entry.path());
    write_file_atomically((temp / "error.txt").string(), outcome.error + "\n");
  }
  fs::rename(temp, cells / name);
  return outcome;
}

}  // namespace attune
