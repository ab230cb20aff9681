#include "sim/sweep/sweep_run.hpp"

#include <chrono>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/sha256.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/progress.hpp"
#include "sim/run/version.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_progress.hpp"
#include "sim/sweep/sweep_sensitivity.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

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
  provenance["overrides"] = nlohmann::json::array();
  for (const auto& override : spec.parameter_overrides) provenance["overrides"].push_back(override.setting());
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

/// This shard's cells: how many in all, how many a stopped run already finished, and the rest.
struct PendingCells {
  std::vector<SweepCell> todo;
  std::uint64_t total = 0, done_before = 0;
};

/// Rank 0's start: checks the folder (a resume must find the same sweep there), writes the
/// sweep's inputs and finds the cells left to run. Returns what it threw, or null.
std::exception_ptr start_sweep_folder(const SweepPlan& plan, bool resume, const std::string& command_line,
                                      PendingCells& pending) {
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
  } catch (const std::exception&) {
    return std::current_exception();
  }
  return nullptr;
}

/// Runs the pending cells over the ranks, with rank 0 drawing the progress.
void run_pending_cells(const SweepPlan& plan, const SweepRunSettings& run, const Ranks& ranks,
                       const PendingCells& pending) {
  const bool speak = ranks.rank() == 0 && !run.quiet;
  if (speak)
    std::cerr << "sweep " << plan.spec.name << ": " << pending.todo.size() << " of " << pending.total
              << " cells to run, into " << plan.out << "/\n";
  const bool live = ranks.rank() == 0 && stderr_is_terminal() && !run.cells_done;
  SweepProgress progress(pending.total, pending.done_before, live, speak);
  CellRunSettings settings{plan.out, run.threads, run.keep_dyads, run.command_line, {}, run.compression};
  settings.cancel = run.cancel;
  // A cell of fewer dyads than threads x a block leaves cores idle
  // while it runs its serial parts (set-up, summaries, files); many such cells (a
  // calibration's) run side by side instead, each on one thread.
  const int threads = effective_threads(run.threads);
  const int concurrent =
      ranks.size() == 1 && pending.todo.size() > 1 && plan.cell_dyads < static_cast<std::uint64_t>(threads) * kDyadBlockSize
          ? threads
          : 1;
  if (concurrent > 1) settings.threads = 1;
  // Cells run on this process only without MPI or with one rank; a live line inside a cell is only drawn then.
  if (live && concurrent == 1)
    settings.dyads_done = [&](std::uint64_t done, std::uint64_t of) { progress.cell_progress(done, of); };
  std::uint64_t finished = pending.done_before;
  ranks.run_cells(
      pending.todo,
      [&](const SweepCell& cell) {
        if (run.cancel && run.cancel->load(std::memory_order_relaxed)) throw RunCancelled();
        return run_cell(plan.spec, plan.design, cell, settings);
      },
      [&](const SweepCell& cell, const CellOutcome& outcome) {
        progress.cell_finished(cell.index, cell_label(plan.design, cell), outcome);
        if (run.cells_done) run.cells_done(++finished, pending.total);
      },
      concurrent);
  progress.finish();
}

}  // namespace

SweepPlan plan_sweep_file(const std::string& path, std::uint64_t dyads, std::vector<ScenarioOverride> overrides,
                          const Shard& shard, std::string out) {
  SweepSpec spec = load_sweep(path);
  if (dyads > 0) spec.dyads = dyads;
  spec.parameter_overrides = std::move(overrides);
  if (out.empty()) {
    out = "out/" + spec.name;
    if (shard.count > 1) out += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  }
  out = output_folder_path(out).string();
  Design design = make_design(spec);
  return plan_sweep(std::move(spec), std::move(design), shard, std::move(out));
}

/// Sobol points are balanced only in blocks of powers of 2 (Sobol' 1967; Saltelli et al.
/// 2010 use N = 2^m), so another base-row count is allowed but warned of.
void warn_of_unbalanced_design(const SweepSpec& spec) {
  if (spec.design == DesignKind::saltelli && (spec.samples & (spec.samples - 1)) != 0)
    std::cerr << "attune: warning: " << spec.file << ": samples " << spec.samples
              << " is not a power of 2; the Sobol base of a saltelli design balances best at powers of 2\n";
}

SweepPlan plan_sweep(SweepSpec spec, Design design, const Shard& shard, std::string out) {
  SweepPlan plan;
  plan.spec = std::move(spec);
  plan.shard = shard;
  const Scenario base = sweep_base_scenario(plan.spec);
  plan.design = std::move(design);
  refuse_overlaps(plan.spec.parameter_overrides, plan.design.axes, "the sweep's axis");
  plan.cells = sweep_cells(plan.design, plan.spec.replicates, plan.spec.seed, plan.spec.seeds);
  plan.table = cell_table(plan.design, plan.cells);
  plan.design_csv = cell_table_csv(plan.table);
  plan.base_yaml = resolved_scenario_yaml(base);
  plan.cell_dyads = base.dyads;
  plan.identity = sweep_identity(plan.base_yaml, plan.design_csv);
  plan.out = std::move(out);
  return plan;
}

SweepRunResult run_sweep(const SweepPlan& plan, const SweepRunSettings& settings, const Ranks& ranks) {
  SweepRunResult result;
  PendingCells pending;
  const auto refusal = ranks.rank() == 0 ? start_sweep_folder(plan, settings.resume, settings.command_line, pending) : nullptr;
  if (!ranks.agree(refusal == nullptr)) {
    if (refusal) std::rethrow_exception(refusal);
    result.refused = true;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  run_pending_cells(plan, settings, ranks, pending);
  result.simulation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (ranks.rank() != 0) return result;
  result.total = pending.total;
  result.failed = write_sweep_tables(plan.out, plan.table, plan.shard);
  return result;
}

}  // namespace attune
