#include "sim/cli/report_command.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/exit_codes.hpp"
#include "sim/io/compression.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/run/driver.hpp"
#include "sim/scenario/scenario.hpp"

extern char** environ;

namespace attune {
namespace {

namespace fs = std::filesystem;

// Dyads whose day is re-simulated for the trace figure when the run wrote no traces.csv.
constexpr std::uint64_t kTracedDyads = 3;
constexpr const char* kDefaultPython = "/usr/bin/python3";  // Debian's, with python3-matplotlib

/// The environment with MPLBACKEND=Agg: figures are drawn without a display.
std::vector<std::string> script_environment() {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (std::strncmp(*entry, "MPLBACKEND=", 11) != 0) environment.emplace_back(*entry);
  environment.emplace_back("MPLBACKEND=Agg");
  return environment;
}

/// Runs `python -c SCRIPT args...` and returns its exit status (128 + signal if killed).
int run_script(const std::string& python, const std::vector<std::string>& args) {
  std::vector<std::string> words = {python, "-c", detail::kReportScript};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  auto environment = script_environment();
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, python.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) return 127;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// The run's summary.json, or an empty object after printing why it cannot be read.
nlohmann::json read_summary(const fs::path& path) {
  std::ifstream in(path);
  const auto summary = nlohmann::json::parse(in, nullptr, false);
  if (summary.is_discarded() || !summary.is_object() || !summary.contains("seed") || !summary.contains("n_dyads")) {
    std::cerr << "attune report: " << path.string() << " is not a summary.json written by attune run\n";
    return nlohmann::json::object();
  }
  return summary;
}

/// The interpreter named by ATTUNE_PYTHON, else Debian's; empty after saying why none can run.
std::string python_interpreter() {
  const char* from_environment = std::getenv("ATTUNE_PYTHON");
  const std::string python = from_environment && *from_environment ? from_environment : kDefaultPython;
  if (::access(python.c_str(), X_OK) != 0) {
    std::cerr << "attune report: no Python interpreter at " << python
              << "; install python3 and python3-matplotlib (scripts/install-deps.sh)\n";
    return "";
  }
  return python;
}

/// Runs the report script with `args`; prints where the report is, or why it failed.
int make_report(const std::string& python, const std::vector<std::string>& args, const fs::path& report) {
  const int status = run_script(python, args);
  // 2: the script found a table it cannot read and said which; bad input, not a failure.
  if (status == kExitInvalidInput) return kExitInvalidInput;
  if (status != 0) {
    std::cerr << "attune report: the report script (" << python << ") failed with exit status " << status << '\n';
    return kExitRunFailed;
  }
  std::cout << "report in " << (report / "index.html").string() << '\n';
  return 0;
}

/// A sweep folder's report: the class shares across its cells.
int sweep_report(const fs::path& dir) {
  const std::string python = python_interpreter();
  if (python.empty()) return kExitRunFailed;
  fs::create_directories(dir / "report");
  return make_report(python, {"--sweep", dir.string()}, dir / "report");
}

/// A calibration folder's report: its posterior, the history-matching points and the fit
/// at the best point.
int calibration_report(const fs::path& dir) {
  // attune calibrate writes posterior.csv before calibration.json: one without the other
  // is a folder someone changed since.
  if (!fs::is_regular_file(dir / "posterior.csv")) {
    std::cerr << "attune report: " << dir.string() << " holds calibration.json but no posterior.csv; make the "
              << "folder again with attune calibrate CALIBRATION.yaml --out " << dir.string() << '\n';
    return kExitInvalidInput;
  }
  const std::string python = python_interpreter();
  if (python.empty()) return kExitRunFailed;
  fs::create_directories(dir / "report");
  return make_report(python, {"--calibration", dir.string()}, dir / "report");
}

}  // namespace

int report_command(const std::string& directory) {
  const fs::path dir(directory);
  if (!fs::is_directory(dir)) {
    std::cerr << "attune report: " << directory << " is not a folder\n";
    return kExitInvalidInput;
  }
  // A sweep's or calibration's folder is built step by step: until it is marked complete its
  // tables may be missing or of no one run (a killed run's).
  for (const std::string kind : {"sweep", "calibration"})
    if (fs::is_regular_file(dir / (kind == "sweep" ? "sweep.json" : "calibration.yaml")) && !is_complete(dir)) {
      std::cerr << "attune report: " << directory << " holds a " << kind << " that has not finished (no "
                << kCompleteMarker << " file); finish it with attune " << (kind == "sweep" ? "sweep" : "calibrate")
                << " FILE --resume --out " << directory << '\n';
      return kExitInvalidInput;
    }
  // A calibration's folder (attune calibrate) has no sweep.json on top; its stages' sweep
  // folders lie below it.
  if (fs::is_regular_file(dir / "calibration.json")) return calibration_report(dir);
  // A sweep's folder: its report is made from cells.csv, failures.csv and sweep.json.
  if (fs::is_regular_file(dir / "sweep.json") && fs::is_regular_file(dir / "cells.csv"))
    return sweep_report(dir);
  // A comparison's folder (attune run on a scenario with arms) holds arms.csv and each
  // arm's run under arms/; its per-dyad figures come from the control arm.
  const bool comparison = fs::is_regular_file(dir / "arms.csv") && !fs::exists(written_table(dir, "dyads.csv"));
  const fs::path data = comparison ? dir / "arms" / "control" : dir;
  // dyads.csv and traces.csv may be gzip-compressed (run --compress); the script reads either.
  for (const char* name : {"summary.json", "dyads.csv", "scenario.resolved.yaml"}) {
    if (!fs::is_regular_file(written_table(data, name))) {
      std::cerr << "attune report: " << directory << " is not a run folder (no " << (comparison ? "arms/control/" : "") << name
                << "; make one with attune run SCENARIO --out " << directory << ")\n";
      return kExitInvalidInput;
    }
  }
  const auto summary = read_summary(data / "summary.json");
  if (summary.empty()) return kExitInvalidInput;

  const std::string python = python_interpreter();
  if (python.empty()) return kExitRunFailed;

  const fs::path report = dir / "report";
  fs::create_directories(report);
  fs::path traces = written_table(data, "traces.csv");
  if (!fs::is_regular_file(traces)) {
    // Each dyad is a pure function of scenario, seed and id, so its traced day is the
    // one the run lived (sim/run/driver.hpp).
    const Scenario scenario = load_scenario((data / "scenario.resolved.yaml").string());
    RunOptions options;
    // The resolved scenario keeps the arms; the control arm is the untreated one.
    for (const Arm& arm : scenario.arms)
      if (arm.name == "control") options.arm = &arm;
    options.seed = summary["seed"].get<std::uint64_t>();
    options.dyads = summary["n_dyads"].get<std::uint64_t>();
    options.threads = 1;
    traces = report / "traces.csv";
    write_traces(scenario, options, kTracedDyads, std::min(182, scenario.span_days - 1), traces.string());
  }

  return make_report(python, {dir.string(), traces.string(), data.string()}, report);
}

}  // namespace attune
