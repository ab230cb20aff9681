#include "sim/cli/sweep_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "sim/cli/analyze_command.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/sweep/sweep_run.hpp"
#include "sim/sweep/sweep_sensitivity.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

/// Rank 0's finish: a one-line account and, for a saltelli or morris sweep run whole (a
/// shard holds too few cells; `merge` analyzes the joined folder), its indices; then the
/// folder is marked complete. Cells that failed set the exit code.
int finish_sweep(const SweepPlan& plan, std::uint64_t total, std::uint64_t failed) {
  std::cout << total - failed << " of " << total << " cells finished";
  if (failed > 0) std::cout << ", " << failed << " failed (see failures.csv)";
  std::cout << "; outputs in " << plan.out << "/\n";
  if (has_indices(plan.spec.design) && plan.shard.count == 1) write_and_report_indices(plan.out, plan.out);
  mark_complete(plan.out);
  return failed > 0 ? kExitCellsFailed : 0;
}

}  // namespace

int sweep_command(const SweepArguments& args, const std::string& command_line) {
  // cells.csv (a row a cell) and the cells' small files stay plain: only kept dyads.csv
  // grow with the dyads, so --compress alone would change nothing.
  if (args.compress && !args.keep_dyads)
    throw std::invalid_argument("--compress compresses the cells' dyads.csv, which only --dyads-csv keeps; give both "
                                "(cells.csv stays plain)");
  const SweepPlan plan =
      plan_sweep_file(args.file, args.dyads, parse_overrides(args.set, "--set"), parse_shard(args.shard), args.out);
  Ranks ranks;
  if (ranks.rank() == 0) warn_of_unbalanced_design(plan.spec);
  SweepRunSettings settings;
  settings.resume = args.resume;
  settings.threads = args.threads;
  settings.keep_dyads = args.keep_dyads;
  settings.compression = args.compress ? Compression::gzip : Compression::none;
  settings.command_line = command_line;
  const SweepRunResult result = run_sweep(plan, settings, ranks);
  if (result.refused) return kExitRunFailed;
  if (ranks.rank() != 0) return 0;
  return finish_sweep(plan, result.total, result.failed);
}

bool is_sweep_file(const std::string& path) {
  std::string reason;
  const auto text = read_input_file(path, "file", reason);
  if (!text) return false;  // the scenario loader reports why
  try {
    const YAML::Node root = YAML::Load(*text);
    // A scenario may name a base too; a sweep is told apart by a key no scenario has
    // (every sweep states `axes`, or `design: csv` with its file), so a sweep with a
    // misspelt `axes` still meets the sweep loader and hears what it lacks.
    if (!root.IsMap() || !root["base"]) return false;
    for (const char* key : {"design", "axes", "replicates", "seeds", "samples", "strange_situation_months"})
      if (root[key]) return true;
    return false;
  } catch (const YAML::Exception&) {
    return false;  // not readable as YAML: the scenario loader reports where and why
  }
}

std::vector<std::string> validate_sweep(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  std::vector<std::string> problems;
  try {
    SweepSpec spec = load_sweep(path);
    spec.parameter_overrides = overrides;
    sweep_base_scenario(spec);
    const Design design = make_design(spec);
    refuse_overlaps(overrides, design.axes, "the sweep's axis");
    for (const auto& point : design.points)
      if (!point.problem.empty()) problems.push_back(point.origin + ": " + point.problem);
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) problems.push_back(issue.to_string());
  } catch (const std::invalid_argument& e) {
    problems.push_back(e.what());  // an override the base cannot take (a field its distribution lacks)
  }
  return problems;
}

int merge_command(const std::string& out, const std::vector<std::string>& shards, const std::string& command_line) {
  std::vector<fs::path> folders(shards.begin(), shards.end());
  // The indices are computed in the folder being made, so the merged folder appears with them.
  const std::uint64_t failed = merge_shards(out, folders, command_line, [&out](const fs::path& staged) {
    if (sweep_has_indices(staged)) write_and_report_indices(staged.string(), out);
  });
  std::cout << "merged " << shards.size() << " shard folders into " << out << "/";
  if (failed > 0) std::cout << " (" << failed << " failed cells, see failures.csv)";
  std::cout << '\n';
  return failed > 0 ? kExitCellsFailed : 0;
}

}  // namespace attune
