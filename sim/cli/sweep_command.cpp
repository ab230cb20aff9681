#include "sim/cli/sweep_command.hpp"

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "sim/cli/analyze_command.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/run/progress.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/io/sha256.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/sweep/sweep_progress.hpp"
#include "sim/sweep/sweep_ranks.hpp"
#include "sim/sweep/sweep_sensitivity.hpp"
#include "sim/run/version.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

std::uint64_t parse_count(std::string_view text, bool& ok) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  ok = ok && !text.empty() && error == std::errc{} && end == text.data() + text.size();
  return value;
}

/// "I/N" with 0 <= I < N.
Shard parse_shard(const std::string& text) {
  if (text.empty()) return {};
  const auto slash = text.find('/');
  bool ok = slash != std::string::npos;
  Shard shard;
  if (ok) {
    shard.index = parse_count(std::string_view(text).substr(0, slash), ok);
    shard.count = parse_count(std::string_view(text).substr(slash + 1), ok);
  }
  if (!ok || shard.count == 0 || shard.index >= shard.count)
    throw std::invalid_argument("--shard " + text + ": expected I/N with N >= 1 and 0 <= I < N (e.g. 3/16)");
  return shard;
}

/// What determines a sweep's results: the build, the cells (values, replicates, seeds)
/// and the resolved base scenario less its comments (which name the file's path, so a
/// sweep started from another folder keeps its identity).
std::string sweep_identity(const std::string& base_yaml, const std::string& design_csv) {
  std::string bytes = std::string(kVersion).append("\n").append(kGitRevision).append("\n");
  std::istringstream lines(base_yaml);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind('#', 0) != 0) bytes.append(line).append("\n");
  return sha256_hex(bytes.append(design_csv));
}

std::string cell_label(const Design& design, const SweepCell& cell) {
  std::string label;
  const auto& values = design.points[cell.point].values;
  for (std::size_t a = 0; a < design.axes.size() && a < values.size(); ++a)
    label.append(design.axes[a]).append("=").append(values[a]).append(" ");
  return label.append("replicate ").append(std::to_string(cell.replicate));
}

/// sweep.json for this run: a resumed sweep keeps the command line that started it and
/// lists the ones that resumed it, in order.
nlohmann::json provenance_of_run(const std::string& out, const SweepSpec& spec, const std::string& identity,
                                 const Shard& shard, const std::string& command_line) {
  auto provenance = sweep_provenance(spec.file, identity, spec.seed, shard, command_line);
  const fs::path held = fs::path(out) / "sweep.json";
  if (!fs::exists(held)) return provenance;
  std::ifstream in(held);
  const auto before = nlohmann::json::parse(in, nullptr, false);
  if (before.is_discarded() || !before.contains("command_line")) return provenance;  // checked by prepare_sweep_folder
  provenance["command_line"] = before["command_line"];
  provenance["resumed_with"] = before.value("resumed_with", nlohmann::json::array());
  provenance["resumed_with"].push_back(command_line);
  return provenance;
}

/// What a sweep runs and where, settled on every rank before any file is written.
struct SweepPlan {
  SweepSpec spec;
  Shard shard;
  Design design;
  std::vector<SweepCell> cells;
  CellTable table;
  std::string design_csv;
  std::string base_yaml;
  std::string identity;
  std::string out;
};

SweepPlan plan_sweep(const SweepArguments& args) {
  SweepPlan plan;
  plan.spec = load_sweep(args.file);
  if (args.dyads > 0) plan.spec.dyads = args.dyads;  // part of the sweep's identity: resume keeps it
  plan.shard = parse_shard(args.shard);
  const Scenario base = sweep_base_scenario(plan.spec);
  plan.design = make_design(plan.spec);
  plan.cells = sweep_cells(plan.design, plan.spec.replicates, plan.spec.seed, plan.spec.seeds);
  plan.table = cell_table(plan.design, plan.cells);
  plan.design_csv = cell_table_csv(plan.table);
  plan.base_yaml = resolved_scenario_yaml(base);
  plan.identity = sweep_identity(plan.base_yaml, plan.design_csv);
  plan.out = args.out;
  if (plan.out.empty()) {
    plan.out = "out/" + plan.spec.name;
    if (plan.shard.count > 1)
      plan.out += ".shard-" + std::to_string(plan.shard.index) + "-of-" + std::to_string(plan.shard.count);
  }
  return plan;
}

/// This shard's cells: how many in all, how many a stopped run already finished, and the rest.
struct PendingCells {
  std::vector<SweepCell> todo;
  std::uint64_t total = 0, done_before = 0;
};

/// Rank 0's start: checks the folder (a resume must find the same sweep there), writes the
/// sweep's inputs and finds the cells left to run. Returns 0, or the exit code of a refusal.
int start_sweep_folder(const SweepPlan& plan, bool resume, const std::string& command_line, PendingCells& pending) {
  try {
    prepare_sweep_folder(plan.out, plan.identity, plan.shard, resume);
    write_file_atomically(plan.out + "/sweep.json",
                          provenance_of_run(plan.out, plan.spec, plan.identity, plan.shard, command_line).dump(2) + "\n");
    write_file_atomically(plan.out + "/sweep.yaml", plan.spec.text);
    write_file_atomically(plan.out + "/base.resolved.yaml", plan.base_yaml);
    write_file_atomically(plan.out + "/design.csv", plan.design_csv);
    write_file_atomically(plan.out + "/design.json", design_description(plan.spec).dump(2) + "\n");
    for (const auto& cell : plan.cells) {
      if (!plan.shard.holds(cell.index)) continue;
      ++pending.total;
      if (cell_finished(plan.out, cell.index)) ++pending.done_before;
      else pending.todo.push_back(cell);
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "attune: " << e.what() << '\n';
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "attune: " << e.what() << '\n';
    return kExitRunFailed;
  }
  return 0;
}

/// Runs the pending cells over the ranks, with rank 0 drawing the progress.
void run_pending_cells(const SweepPlan& plan, const SweepArguments& args, const std::string& command_line,
                       const Ranks& ranks, const PendingCells& pending) {
  if (ranks.rank() == 0)
    std::cerr << "sweep " << plan.spec.name << ": " << pending.todo.size() << " of " << pending.total
              << " cells to run, into " << plan.out << "/\n";
  SweepProgress progress(pending.total, pending.done_before, ranks.rank() == 0 && stderr_is_terminal());
  CellRunSettings settings{plan.out, args.threads, args.keep_dyads, command_line, {}};
  // Cells run on this process only without MPI or with one rank; a live line is only drawn then.
  if (ranks.rank() == 0 && stderr_is_terminal())
    settings.dyads_done = [&](std::uint64_t done, std::uint64_t of) { progress.cell_progress(done, of); };
  ranks.run_cells(
      pending.todo, [&](const SweepCell& cell) { return run_cell(plan.spec, plan.design, cell, settings); },
      [&](const SweepCell& cell, const CellOutcome& outcome) {
        progress.cell_finished(cell.index, cell_label(plan.design, cell), outcome);
      });
  progress.finish();
}

/// Rank 0's finish: the sweep's tables, a one-line account and, for a saltelli or morris
/// sweep run whole (a shard holds too few cells; `merge` analyzes the joined folder), its
/// indices; cells that failed set the exit code.
int finish_sweep(const SweepPlan& plan, std::uint64_t total) {
  const std::uint64_t failed = write_sweep_tables(plan.out, plan.table, plan.shard);
  std::cout << total - failed << " of " << total << " cells finished";
  if (failed > 0) std::cout << ", " << failed << " failed (see failures.csv)";
  std::cout << "; outputs in " << plan.out << "/\n";
  if (has_indices(plan.spec.design) && plan.shard.count == 1) analyze_command(plan.out);
  return failed > 0 ? kExitCellsFailed : 0;
}

}  // namespace

/// Sobol points are balanced only in blocks of powers of 2 (Sobol' 1967; Saltelli et al.
/// 2010 use N = 2^m), so another base-row count is allowed but warned of.
void warn_of_unbalanced_design(const SweepSpec& spec) {
  if (spec.design == DesignKind::saltelli && (spec.samples & (spec.samples - 1)) != 0)
    std::cerr << "attune: warning: " << spec.file << ": samples " << spec.samples
              << " is not a power of 2; the Sobol base of a saltelli design balances best at powers of 2\n";
}

int sweep_command(const SweepArguments& args, const std::string& command_line) {
  const SweepPlan plan = plan_sweep(args);
  Ranks ranks;
  if (ranks.rank() == 0) warn_of_unbalanced_design(plan.spec);
  PendingCells pending;
  const int refusal = ranks.rank() == 0 ? start_sweep_folder(plan, args.resume, command_line, pending) : 0;
  if (!ranks.agree(refusal == 0)) return ranks.rank() == 0 ? refusal : kExitRunFailed;
  run_pending_cells(plan, args, command_line, ranks, pending);
  if (ranks.rank() != 0) return 0;
  return finish_sweep(plan, pending.total);
}

bool is_sweep_file(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
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

std::vector<std::string> validate_sweep(const std::string& path) {
  std::vector<std::string> problems;
  try {
    const SweepSpec spec = load_sweep(path);
    sweep_base_scenario(spec);
    for (const auto& point : make_design(spec).points)
      if (!point.problem.empty()) problems.push_back(point.origin + ": " + point.problem);
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) problems.push_back(issue.to_string());
  }
  return problems;
}

int merge_command(const std::string& out, const std::vector<std::string>& shards, const std::string& command_line) {
  std::vector<fs::path> folders(shards.begin(), shards.end());
  const std::uint64_t failed = merge_shards(out, folders, command_line);
  std::cout << "merged " << shards.size() << " shard folders into " << out << "/";
  if (failed > 0) std::cout << " (" << failed << " failed cells, see failures.csv)";
  std::cout << '\n';
  if (sweep_has_indices(out)) analyze_command(out);
  return failed > 0 ? kExitCellsFailed : 0;
}

}  // namespace attune
