#include "sim/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <chrono>
#include <stdexcept>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "models/parameter_table.hpp"
#include "serve/serve_command.hpp"
#include "sim/bench.hpp"
#include "sim/driver.hpp"
#include "sim/progress.hpp"
#include "sim/run_output.hpp"
#include "sim/scenario.hpp"
#include "sim/terminal_summary.hpp"

namespace attune {
namespace {

/// A validator for 64-bit unsigned options: digits only, no wrap-around (CLI11 would
/// otherwise turn -1 or 2^64 into 2^64 - 1 silently).
const CLI::Validator kUnsigned64(
    [](std::string& text) -> std::string {
      std::uint64_t value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return "'" + text + "' is not an integer in [0, 18446744073709551615]";
      return {};
    },
    "UINT64");

// Exit codes: 0 success, 1 a run failed (I/O, internal), 2 invalid input.
constexpr int kRunFailed = 1;
constexpr int kInvalidInput = 2;

std::string joined_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i ? " " : "") + std::string(argv[i]);
  return line;
}

struct RunArguments {
  std::string scenario;
  std::uint64_t dyads = 0;
  std::uint64_t seed = 0;
  bool seed_given = false;
  int threads = 0;
  std::string out;
  std::uint64_t trace = 0;
  int trace_day = -1;
};

int run_command(const RunArguments& args, const std::string& command_line) {
  Scenario scenario = load_scenario(args.scenario);
  if (args.dyads > 0) scenario.dyads = args.dyads;
  if (args.seed_given) scenario.seed = args.seed;
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = args.threads;
  options.show_progress = stderr_is_terminal();
  const std::string out = args.out.empty() ? "out/" + scenario.name : args.out;

  options.threads = effective_threads(args.threads);
  Provenance provenance{command_line, options.threads, scenario.seed, scenario.dyads};
  RunOutput output(out, scenario, provenance);
  const auto start = std::chrono::steady_clock::now();
  run_dyads(scenario, options, [&](const DyadRecord& record) { output.consume(record); });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto summary = output.finish(wall);
  if (args.trace > 0) {
    const int day = args.trace_day >= 0 ? args.trace_day : std::min(182, scenario.span_days - 1);
    if (day >= scenario.span_days)
      throw std::runtime_error("--trace-day " + std::to_string(day) + " is not inside span_days " +
                               std::to_string(scenario.span_days) + " of " + scenario.file);
    write_traces(scenario, options, args.trace, day, out + "/traces.csv");
  }
  print_terminal_summary(std::cout, summary);
  std::cout << "outputs in " << out << "/\n";
  return 0;
}

int validate_command(const std::string& path) {
  const auto issues = validate_scenario(path);
  for (const auto& issue : issues) std::cerr << issue.to_string() << '\n';
  if (!issues.empty()) {
    std::cerr << issues.size() << " error(s) in " << path << '\n';
    return kInvalidInput;
  }
  std::cout << path << ": valid\n";
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"attune: infant-caregiver co-regulation over developmental time"};
  app.require_subcommand(1);

  RunArguments run_args;
  auto* run = app.add_subcommand("run", "Simulate a scenario's population and write outputs");
  run->add_option("scenario", run_args.scenario, "Scenario YAML file")->required();
  run->add_option("--dyads", run_args.dyads, "Number of dyads (overrides the scenario)")->check(kUnsigned64 & CLI::PositiveNumber);
  run->add_option("--seed", run_args.seed, "Master seed (overrides the scenario)")
      ->check(kUnsigned64)
      ->each([&](const std::string&) { run_args.seed_given = true; });
  run->add_option("--threads", run_args.threads, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  run->add_option("--out", run_args.out, "Output folder (default: out/<scenario name>)");
  run->add_option("--trace", run_args.trace, "Write the second-by-second history of the first N dyads to traces.csv");
  run->add_option("--trace-day", run_args.trace_day, "Day of life to trace (default 182, six months)")
      ->check(CLI::NonNegativeNumber);

  std::string validate_path;
  auto* validate = app.add_subcommand("validate", "Check a scenario file and list every error");
  validate->add_option("file", validate_path, "Scenario YAML file")->required();

  auto* params = app.add_subcommand("params", "Print the parameter table as Markdown");

  BenchOptions bench_options;
  auto* bench = app.add_subcommand("bench", "Measure throughput against the floor, and multi-core speed-up");
  bench->add_option("--dyads", bench_options.dyads, "Dyads per measurement")->check(CLI::PositiveNumber);
  bench->add_option("--days", bench_options.days, "Days of life per dyad")->check(CLI::Range(1, 1100));

  serve::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "A local teaching page: sliders, live class distribution, a dyad's day");
  serve->add_option("--bind", serve_options.bind, "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", serve_options.port, "Port (default 8080; 0 picks a free one and prints it)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--threads", serve_options.threads, "Worker threads per population run (default: all cores)")
      ->check(CLI::NonNegativeNumber);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kInvalidInput;
  }

  try {
    if (*run) return run_command(run_args, joined_command_line(argc, argv));
    if (*validate) return validate_command(validate_path);
    if (*serve) return serve::serve_command(serve_options);
    if (*bench) {
      run_bench(bench_options, std::cout);
      return 0;
    }
    if (*params) {
      std::cout << parameter_table_markdown();
      return 0;
    }
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) std::cerr << issue.to_string() << '\n';
    return kInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "attune: " << e.what() << '\n';
    return kRunFailed;
  }
  return 0;
}

}  // namespace attune
