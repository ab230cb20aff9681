#include "tests/fuzz/fuzz_batch.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/random/rng.hpp"

namespace attune::fuzz {
namespace {

/// The command that runs `file` as what validate took it for, tiny: 2 dyads, one thread, into `out`.
std::vector<std::string> run_arguments(const fs::path& file, const fs::path& out) {
  const std::string path = file.string();
  const char* command = is_calibration_file(path) ? "calibrate" : is_sweep_file(path) ? "sweep" : "run";
  return {command, path, "--dyads", "2", "--threads", "1", "--out", out.string()};
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string clipped(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 240) line = line.substr(0, 240) + "...";
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return line;
}

/// One mutant's checks; what broke the promise is added to `problems`.
class MutantTrial {
 public:
  MutantTrial(Sandbox& sandbox, const BatchSettings& settings, BatchReport& report)
      : sandbox_(sandbox), settings_(settings), report_(report) {}

  std::vector<std::string> check(const fs::path& file, const Mutant& mutant) {
    problems_.clear();
    const fs::path logs = sandbox_.root() / "logs";
    fs::create_directories(logs);
    const Outcome validated = validate_in_child(file, sandbox_.work(), logs, settings_.validate_limit);
    expect_nothing_left("validate");
    if (validated.exit_code == 0) {
      ++report_.accepted;
      if (mutant.must_refuse) problems_.push_back("validate accepted a key no schema has");
      if (report_.runs < settings_.runs && runs_allowed(file)) expect_runs(file);
      return problems_;
    }
    ++report_.refused;
    report_.refused_exit_1 += validated.exit_code == 1;
    report_.line_and_key += names_line_and_key(validated, file);
    if (const std::string problem = refusal_problem(validated, file); !problem.empty())
      problems_.push_back("validate " + ending(validated) + ": " + problem + ": " + clipped(validated.err));
    if (report_.binary_refusals < settings_.binary_refusals) expect_binary_refuses(file, validated);
    return problems_;
  }

 private:
  bool runs_allowed(const fs::path& file) const {
    if (is_calibration_file(file.string())) return settings_.run_calibrations;
    return !is_sweep_file(file.string()) || settings_.run_sweeps;
  }

  void expect_nothing_left(const std::string& command) {
    const auto strays = sandbox_.strays();
    if (!strays.empty()) problems_.push_back(command + " left files: " + joined(strays));
    sandbox_.clear_work();
  }

  /// Valid: the binary must run it to the end and write its outputs, nowhere else.
  void expect_runs(const fs::path& file) {
    ++report_.runs;
    const fs::path out = sandbox_.work() / "out";
    const auto arguments = run_arguments(file, out);
    const Outcome ran = run_binary(arguments, sandbox_.work(), sandbox_.root() / "logs", settings_.run_limit);
    if (ran.exit_code != 0)
      problems_.push_back("validate exit 0, but " + arguments[0] + " " + ending(ran) + ": " + clipped(ran.err));
    else if (fs::is_empty(out))
      problems_.push_back(arguments[0] + " exit 0 but wrote nothing into --out");
    const auto strays = sandbox_.strays(out);
    if (!strays.empty()) problems_.push_back(arguments[0] + " wrote outside --out: " + joined(strays));
    sandbox_.clear_work();
  }

  /// Refused: the binary's validate agrees, and running it is refused too, with nothing written.
  void expect_binary_refuses(const fs::path& file, const Outcome& validated) {
    ++report_.binary_refusals;
    const fs::path logs = sandbox_.root() / "logs";
    const Outcome binary = run_binary({"validate", file.string()}, sandbox_.work(), logs, settings_.validate_limit);
    if (binary.exit_code != validated.exit_code || binary.err != validated.err)
      problems_.push_back("the binary's validate " + ending(binary) + " differs from in-process " + ending(validated));
    const auto arguments = run_arguments(file, sandbox_.work() / "out");
    const Outcome ran = run_binary(arguments, sandbox_.work(), logs, settings_.run_limit);
    if (const std::string problem = refusal_problem(ran, file); !problem.empty())
      problems_.push_back(arguments[0] + " " + ending(ran) + ": " + problem + ": " + clipped(ran.err));
    expect_nothing_left(arguments[0]);
  }

  Sandbox& sandbox_;
  const BatchSettings& settings_;
  BatchReport& report_;
  std::vector<std::string> problems_;
};

}  // namespace

std::string BatchReport::summary() const {
  std::ostringstream text;
  text << mutants << " mutants: " << accepted << " accepted (" << runs << " of them run), " << refused << " refused ("
       << refused_exit_1 << " with exit 1, " << line_and_key << " naming line and key, " << binary_refusals
       << " also by the binary), " << failures.size() << " broke the promise";
  return text.str();
}

BatchReport run_batch(Sandbox& sandbox, const BatchSettings& settings) {
  std::vector<std::string> names;
  for (const auto& [name, text] : sandbox.originals())
    if (settings.files.empty() || std::count(settings.files.begin(), settings.files.end(), name)) names.push_back(name);
  BatchReport report;
  if (names.empty()) return report;
  MutantTrial trial(sandbox, settings, report);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = settings.first; i < settings.first + settings.count; ++i) {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > settings.seconds) break;
    const std::string& name = names[i % names.size()];
    std::uint64_t state = settings.seed + i;
    const std::uint64_t mutant_seed = splitmix64(state);
    const Mutant mutant = mutate(sandbox.originals().at(name), mutant_seed, settings.scale);
    const fs::path file = sandbox.put(name, mutant.text);
    ++report.mutants;
    for (const auto& problem : trial.check(file, mutant)) {
      report.failures.push_back("seed " + std::to_string(settings.seed) + " mutant " + std::to_string(i) + " (" + name +
                                ": " + clipped(mutant.description) + "): " + problem);
      if (!settings.keep.empty()) {
        fs::create_directories(settings.keep);
        std::ofstream(fs::path(settings.keep) / (std::to_string(settings.seed) + "-" + std::to_string(i) + "-" + name),
                      std::ios::binary)
            << mutant.text;
      }
    }
    sandbox.restore(name);
  }
  return report;
}

}  // namespace attune::fuzz
