#include "sim/calibrate/calibration_run.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "sim/calibrate/calibration_output.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/io/temporary_files.hpp"
#include "sim/io/text_lines.hpp"
#include "sim/run/version.hpp"
#include "sim/sweep/sweep_run.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

/// Stage numbers, each seeding its stage: the waves first, then the ABC generations, then the best point.
constexpr std::uint64_t kFirstGeneration = 100, kBestStage = 1000;

/// Before a calibration works on its folder: no link among its files, no longer marked
/// complete (until it is finished again), and the temporary files a killed run left removed
/// (a stage's own are removed by its sweep; a live shard's are locked and kept).
void ready_for_work(const fs::path& out) {
  if (const std::string link = first_link_inside(out); !link.empty())
    throw std::invalid_argument(link + " is a symbolic link; attune writes no output through a link (remove it, or "
                                       "choose another --out)");
  mark_incomplete(out);
  remove_stale_temporaries(out);
  remove_stale_temporaries(out / "waves");
}

/// Makes `out` ready: a new (or empty) folder, or with `resume` one that holds this
/// calibration file from this build. Rank 0 only.
void prepare_calibration_folder(const CalibrationSpec& spec, const CalibrationSettings& settings) {
  const fs::path held = settings.out / "calibration.yaml";
  const std::string build = std::string(kVersion) + " " + kGitRevision;
  // The --set values the base takes change every simulation, as the file does; build.txt's
  // second line holds them (empty without any).
  std::string set;
  for (const auto& override : spec.parameter_overrides) set += (set.empty() ? "--set " : " --set ") + override.setting();
  const bool sharded = settings.shard.count > 1;
  output_folder_path(settings.out.string());  // refuses a link or a file in place of the folder
  if (fs::exists(held)) {
    std::ifstream in(held, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ifstream build_in(settings.out / "build.txt");
    std::string held_build, held_set;
    std::getline(build_in, held_build);
    std::getline(build_in, held_set);
    if (text != spec.text || held_build != build || held_set != set)
      throw std::invalid_argument(settings.out.string() + " holds another calibration (another calibration file, " +
                                  (held_set.empty() ? std::string("no --set") : held_set) +
                                  " where this one has " + (set.empty() ? std::string("none") : set) +
                                  ", or another attune build); choose another --out");
    // Shards meet in one folder, each invocation finishing a stage: they always resume.
    if (!settings.resume && !sharded)
      throw std::invalid_argument(settings.out.string() +
                                  " already holds this calibration; pass --resume to finish it, or choose another --out");
    ready_for_work(settings.out);
    return;
  }
  // A run killed before it wrote calibration.yaml leaves build.txt and temporary files;
  // shards starting together may also find another's calibration.yaml and first stage.
  if (fs::exists(settings.out))
    for (const auto& entry : fs::directory_iterator(settings.out)) {
      const std::string name = entry.path().filename().string();
      const bool ours = name == "build.txt" || is_temporary_name(name) ||
                        (sharded && (name == "calibration.yaml" || name == "waves"));
      if (!ours)
        throw std::invalid_argument(settings.out.string() + " exists and is not a calibration folder; choose another --out");
    }
  fs::create_directories(settings.out);
  ready_for_work(settings.out);
  // build.txt first: a shard that finds calibration.yaml finds the build beside it.
  write_file_atomically((settings.out / "build.txt").string(), build + "\n" + set + "\n");
  // Another shard may have written it meanwhile: the same bytes, or another calibration's.
  if (fs::exists(held)) return prepare_calibration_folder(spec, settings);
  write_file_atomically(held.string(), spec.text);
}

/// The sweep identity a stage folder's sweep.json records.
std::string held_identity(const fs::path& folder) {
  std::ifstream in(folder / "sweep.json");
  const auto json = nlohmann::json::parse(in, nullptr, false);
  return json.is_object() ? json.value("sweep_sha256", "") : "";
}

/// Thrown when this shard has run its cells of a stage the other shards have not finished.
struct StageUnfinished {
  std::string stage;
};

/// Runs one stage as a sweep into `folder` and reads back its outputs on every rank.
class StageRunner {
 public:
  StageRunner(const CalibrationSpec& spec, const CalibrationSettings& settings, const Ranks& ranks,
              CalibrationOutcome& outcome)
      : spec_(spec), settings_(settings), ranks_(ranks), outcome_(outcome) {}

  StageOutputs run(const std::string& name, const fs::path& folder, std::uint64_t stage,
                   const std::vector<std::vector<double>>& unit_points, std::uint64_t replicates, SeedScheme seeds) {
    const Shard& shard = settings_.shard;
    const auto shard_folder = [&](std::uint64_t index) {
      if (shard.count == 1) return settings_.out / folder;
      return settings_.out / (folder.string() + ".shard-" + std::to_string(index) + "-of-" + std::to_string(shard.count));
    };
    std::vector<fs::path> folders;
    for (std::uint64_t index = 0; index < shard.count; ++index) folders.push_back(shard_folder(index));
    const auto finished = [&] {
      for (const auto& each : folders)
        if (!is_complete(each)) return false;
      return true;
    };
    const SweepPlan plan = plan_sweep(stage_sweep_spec(spec_, name, stage, replicates, seeds),
                                      stage_design(spec_, unit_points), shard, shard_folder(shard.index).string());
    // A stage every shard has finished is read as it is (a sharded calibration re-reads its
    // stages at each invocation); an unsharded one resumes its folder. Rank 0 decides, so
    // ranks whose view of a shared file system lags never part ways.
    // Rank 0 has marked its stage complete once every rank has its answer on whether all shards have.
    if (ranks_.agree(shard.count == 1 || !is_complete(shard_folder(shard.index)))) run_stage(plan);
    if (!ranks_.agree(finished())) throw StageUnfinished{name};
    // A shard's folder made from another base scenario, --dyads or build is not this stage.
    for (const auto& each : folders)
      if (held_identity(each) != plan.identity)
        throw std::invalid_argument(each.string() + " holds another version of stage " + name +
                                    " (another base scenario, --dyads, --set or attune build); choose another --out");
    for (const auto& each : folders) {
      TextLines failures(each / "failures.csv");
      std::string line;
      for (failures.next(line); failures.next(line);) ++outcome_.failed_cells;  // after the header
    }
    return read_stage_outputs(folders, spec_, unit_points.size(), replicates);
  }

 private:
  void run_stage(const SweepPlan& plan) {
    SweepRunSettings run;
    run.resume = true;  // a stage folder is this calibration's own (checked above): finished cells are kept
    run.threads = settings_.threads;
    run.quiet = true;
    run.command_line = settings_.command_line;
    const auto result = run_sweep(plan, run, ranks_);
    if (result.refused) throw std::runtime_error("rank 0 refused the stage folder " + plan.out);
    if (ranks_.rank() == 0) mark_complete(plan.out);
    outcome_.simulation_seconds += result.simulation_seconds;
  }

  const CalibrationSpec& spec_;
  const CalibrationSettings& settings_;
  const Ranks& ranks_;
  CalibrationOutcome& outcome_;
};

void say(const Ranks& ranks, const std::string& line) {
  if (ranks.rank() != 0) return;
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

std::string fixed(double x, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, x);
  return text;
}

void write_outputs(const CalibrationSpec& spec, const CalibrationSettings& settings, const CalibrationState& state,
                   const std::vector<double>& best_unit, const StageOutputs& best_outputs) {
  const fs::path& out = settings.out;
  write_file_atomically((out / "waves" / "implausibility.csv").string(), implausibility_csv(spec, state, false));
  write_file_atomically((out / "nroy.csv").string(), implausibility_csv(spec, state, true));
  write_file_atomically((out / "posterior.csv").string(), posterior_csv(spec, state));
  write_file_atomically((out / "best.yaml").string(), best_scenario_yaml(spec, best_unit));
  write_file_atomically((out / "calibration.json").string(),
                        calibration_json(spec, state, best_unit, best_outputs).dump(2) + "\n");
}

/// History matching's waves; false when the emulators leave no region to sample.
bool history_matching_waves(const CalibrationSpec& spec, const Ranks& ranks, StageRunner& stages, CalibrationState& state) {
  auto points = first_wave_points(spec);
  for (std::uint64_t wave = 1; wave <= spec.waves; ++wave) {
    const std::string name = "wave-" + std::to_string(wave);
    const auto outputs = stages.run(name, fs::path("waves") / name, wave, points, spec.replicates, SeedScheme::common);
    evaluate_wave(spec, wave, points, outputs, state);
    auto& summary = state.waves.back();
    if (wave < spec.waves)
      points = plausible_points(spec, state, search_box(spec, state), spec.points, true, cell_seed(spec.seed, wave, 4),
                                summary.candidates, summary.plausible_candidates);
    say(ranks, "wave " + std::to_string(wave) + "/" + std::to_string(spec.waves) + ": " + std::to_string(summary.points) +
                   " points x " + std::to_string(spec.replicates) + " replicates, " + std::to_string(summary.not_ruled_out) +
                   " not ruled out (max implausibility <= " + fixed(spec.cutoff, 1) + "), smallest " +
                   fixed(summary.smallest_max_implausibility, 2) +
                   (wave < spec.waves && summary.candidates > 0
                        ? "; " + std::to_string(summary.plausible_candidates) + " of " + std::to_string(summary.candidates) +
                              " candidates plausible"
                        : ""));
    if (points.empty()) return false;  // the emulators rule out every candidate: no region is left
  }
  return true;
}

/// ABC-SMC's generations over the region history matching left.
void abc_generations(const CalibrationSpec& spec, const Ranks& ranks, StageRunner& stages, CalibrationState& state) {
  const UnitBox region = search_box(spec, state);
  for (std::uint64_t generation = 0; generation < spec.generations; ++generation) {
    const auto proposals =
        abc_proposals(spec, state, region, generation, cell_seed(spec.seed, kFirstGeneration + generation, 5));
    if (proposals.empty()) return;
    const std::string name = "generation-" + std::to_string(generation);
    const auto outputs =
        stages.run(name, fs::path("abc") / name, kFirstGeneration + generation, proposals, 1, SeedScheme::per_cell);
    accept_generation(spec, generation, proposals, outputs, state);
    const auto& summary = state.generations.back();
    say(ranks, "ABC generation " + std::to_string(generation + 1) + "/" + std::to_string(spec.generations) + ": " +
                   std::to_string(summary.kept) + " of " + std::to_string(summary.proposals) + " kept, tolerance " +
                   fixed(summary.tolerance, 3) + ", effective sample size " + fixed(summary.effective_sample_size, 1));
  }
}

/// The particle closest to the targets; without a posterior, the simulated point of least
/// implausibility stands in (calibration.json says which).
std::vector<double> best_point(const CalibrationState& state) {
  if (!state.population.empty()) return state.population[best_particle(state)].position;
  const EvaluatedPoint* closest = nullptr;
  for (const auto& point : state.points)
    if (!std::isnan(point.max_implausibility) && (!closest || point.max_implausibility < closest->max_implausibility))
      closest = &point;
  if (!closest)
    throw std::runtime_error("no simulation of the calibration produced every target's output (see each stage's failures.csv)");
  return closest->unit;
}

}  // namespace

CalibrationOutcome run_calibration(const CalibrationSpec& spec, const CalibrationSettings& settings, const Ranks& ranks) {
  const auto start = std::chrono::steady_clock::now();
  CalibrationOutcome outcome;
  std::exception_ptr refusal;
  if (ranks.rank() == 0) try {
      prepare_calibration_folder(spec, settings);
    } catch (const std::exception&) {
      refusal = std::current_exception();
    }
  if (!ranks.agree(refusal == nullptr)) {
    if (refusal) std::rethrow_exception(refusal);
    outcome.refused = true;
    return outcome;
  }
  StageRunner stages(spec, settings, ranks, outcome);
  CalibrationState state;
  try {
    if (history_matching_waves(spec, ranks, stages, state)) abc_generations(spec, ranks, stages, state);
    outcome.found_plausible = state.waves.back().not_ruled_out > 0;
    outcome.has_posterior = !state.population.empty();
    const auto best_unit = best_point(state);
    const std::uint64_t best_replicates = std::max<std::uint64_t>(4, spec.replicates);
    const auto best_outputs = stages.run("best", "best", kBestStage, {best_unit}, best_replicates, SeedScheme::per_cell);
    if (ranks.rank() == 0) write_outputs(spec, settings, state, best_unit, best_outputs);
  } catch (const StageUnfinished& unfinished) {
    outcome.waiting_for = unfinished.stage;
  }
  outcome.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace attune
