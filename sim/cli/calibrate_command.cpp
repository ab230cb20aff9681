#include "sim/cli/calibrate_command.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "sim/calibrate/calibration_run.hpp"
#include "sim/calibrate/calibration_stage.hpp"
#include "sim/calibrate/calibration_spec.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_output.hpp"

namespace attune {
namespace {

/// The run's own record beside the deterministic calibration.json: how it was started and
/// what the bookkeeping cost beside the simulations it drove.
void write_run_record(const CalibrationSettings& settings, const CalibrationOutcome& outcome) {
  const double bookkeeping = outcome.wall_seconds - outcome.simulation_seconds;
  nlohmann::json record = {{"command_line", settings.command_line},
                           {"wall_seconds", outcome.wall_seconds},
                           {"simulation_seconds", outcome.simulation_seconds},
                           {"bookkeeping_seconds", bookkeeping},
                           {"bookkeeping_share", outcome.simulation_seconds > 0 ? bookkeeping / outcome.simulation_seconds : 0.0}};
  write_file_atomically((settings.out / "run.json").string(), record.dump(2) + "\n");
}

void print_posterior(const std::filesystem::path& out) {
  std::ifstream in(out / "calibration.json");
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded()) return;
  for (const auto& [name, summary] : json["posterior"].items())
    std::printf("  %-32s %.4g  (95 %% interval %.4g to %.4g; prior %.4g to %.4g)\n", name.c_str(),
                summary["median"].is_number() ? summary["median"].get<double>() : NAN,
                summary["interval95"][0].is_number() ? summary["interval95"][0].get<double>() : NAN,
                summary["interval95"][1].is_number() ? summary["interval95"][1].get<double>() : NAN,
                summary["prior"][0].get<double>(), summary["prior"][1].get<double>());
}

}  // namespace

std::vector<std::string> validate_calibration(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  std::vector<std::string> problems;
  try {
    check_target_outputs(load_calibration(path, overrides));
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) problems.push_back(issue.to_string());
  }
  return problems;
}

int calibrate_command(const CalibrateArguments& args, const std::string& command_line) {
  CalibrationSpec spec = load_calibration(args.file, parse_overrides(args.set, "--set"));
  check_target_outputs(spec);
  if (args.dyads > 0) spec.dyads = args.dyads;
  CalibrationSettings settings;
  settings.out = output_folder_path(args.out.empty() ? "out/" + spec.name : args.out);
  settings.resume = args.resume;
  settings.shard = parse_shard(args.shard);
  settings.threads = args.threads;
  settings.command_line = command_line;
  Ranks ranks;
  CalibrationOutcome outcome;
  // Caught here, while the MPI job is still joined: an error leaving with Ranks would abort
  // the job before anyone printed it. Every rank meets the same error (they read the same
  // files); rank 0 says it.
  try {
    outcome = run_calibration(spec, settings, ranks);
  } catch (const ScenarioError& e) {
    if (ranks.rank() == 0)
      for (const auto& issue : e.issues) std::cerr << issue.to_string() << '\n';
    return kExitInvalidInput;
  } catch (const std::invalid_argument& e) {
    if (ranks.rank() == 0) std::cerr << "attune: " << e.what() << '\n';
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    if (ranks.rank() == 0) std::cerr << "attune: " << e.what() << '\n';
    return kExitRunFailed;
  }
  if (outcome.refused) return kExitRunFailed;
  if (ranks.rank() != 0) return 0;
  if (!outcome.waiting_for.empty()) {
    std::printf("calibration %s: shard %s has run its cells of stage %s; once every shard has, run them all again "
                "for the next stage (the outputs appear when every stage is done)\n",
                spec.name.c_str(), args.shard.c_str(), outcome.waiting_for.c_str());
    return 0;
  }
  write_run_record(settings, outcome);
  mark_complete(settings.out);  // last: every file of the calibration is in place
  const double bookkeeping = outcome.wall_seconds - outcome.simulation_seconds;
  if (!outcome.found_plausible)
    std::printf("calibration %s: history matching ruled out every point of the last wave: the model does not reproduce "
                "the targets within their uncertainty and discrepancy (see waves/implausibility.csv)\n",
                spec.name.c_str());
  if (outcome.has_posterior) {
    std::printf("calibration %s: posterior (median, 95 %% interval)%s:\n", spec.name.c_str(),
                outcome.found_plausible ? "" : ", the closest the model comes, not a fit");
    print_posterior(settings.out);
  }
  std::printf("simulation %.1f s, bookkeeping %.2f s (%.2f %% of it); outputs in %s/ (attune report %s)\n",
              outcome.simulation_seconds, bookkeeping,
              outcome.simulation_seconds > 0 ? 100.0 * bookkeeping / outcome.simulation_seconds : 0.0,
              settings.out.string().c_str(), settings.out.string().c_str());
  if (outcome.failed_cells > 0)
    std::printf("%llu cells failed (see each stage's failures.csv)\n", static_cast<unsigned long long>(outcome.failed_cells));
  if (!outcome.found_plausible) return kExitNoPlausibleRegion;
  return outcome.failed_cells > 0 ? kExitCellsFailed : 0;
}

}  // namespace attune
