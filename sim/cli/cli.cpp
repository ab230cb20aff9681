#include "sim/cli/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <chrono>
#include <stdexcept>
#include <iostream>
#include <optional>
#include <limits>
#include <string>

#include <CLI/CLI.hpp>

#include "models/parameter_table.hpp"
#include "sim/calibrate/calibration_spec.hpp"
#include "sim/cli/analyze_command.hpp"
#include "sim/cli/calibrate_command.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/staged_folder.hpp"
#include "sim/cli/serve_command.hpp"
#include "sim/cli/bench.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/progress.hpp"
#include "analysis/comparison/arm_comparison.hpp"
#include "sim/run/run_population.hpp"
#include "sim/cli/report_command.hpp"
#include "sim/run/run_output.hpp"
#include "sim/run/run_output_folder.hpp"
#include "sim/run/version.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_overrides.hpp"
#include "sim/cli/sweep_command.hpp"
#include "analysis/run/terminal_summary.hpp"

namespace attune {
namespace {

/// Dyads `run --trace` may trace: each is its life simulated again and a day of rows, second by second.
constexpr std::uint64_t kMaxTraceDyads = 100;

/// A validator for an integer option in [lo, hi]: digits only, no wrap-around (CLI11 would
/// otherwise turn -1 or 2^64 into 2^64 - 1 silently), and a message that states the range
/// (CLI11's own prints the largest double, 309 digits). `why` follows the range, e.g. the
/// reason for a limit.
CLI::Validator integer_in(std::uint64_t lo, std::uint64_t hi, const std::string& why = "") {
  return CLI::Validator(
      [lo, hi, why](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < lo || value > hi)
          return "'" + (text.size() > 40 ? text.substr(0, 40) + "..." : text) + "' is not an integer in [" +
                 std::to_string(lo) + ", " + std::to_string(hi) + "]" + why;
        return {};
      },
      "INT in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

const CLI::Validator kUnsigned64 = integer_in(0, std::numeric_limits<std::uint64_t>::max());
const CLI::Validator kDyads = integer_in(1, kMaxDyadsPerRun, " (the limit on dyads of one run)");

/// The worker threads an option may ask for (kThreadsPerHardwareThread per hardware thread).
CLI::Validator thread_count() {
  const unsigned hardware = hardware_threads();
  return integer_in(0, std::uint64_t{kThreadsPerHardwareThread} * hardware,
                    " (at most " + std::to_string(kThreadsPerHardwareThread) + " x the " + std::to_string(hardware) +
                        " hardware threads of this machine; 0 = all of them)");
}

/// An output folder given on the command line: an empty one is refused, never taken for
/// the default out/<name>.
const CLI::Validator kOutputFolder(
    [](std::string& text) -> std::string {
      return text.empty() ? "an empty output folder is refused: name a folder, or leave the option out for out/<name>"
                          : std::string();
    },
    "DIR");

/// Registers `--set group.name=value` on a subcommand: one value each time it is given, so
/// it never swallows the file named after it.
void add_set_option(CLI::App& command, std::vector<std::string>& texts, const std::string& applies_to) {
  command.add_option("--set", texts,
                     "Set a parameter of " + applies_to + ": group.name=value (fixed for every dyad) or "
                     "group.name.field=value (one field of its distribution); repeatable, a later one wins")
      ->allow_extra_args(false);
}

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
  std::string trace_format;  ///< "wide" or "long"; empty when not given (wide)
  bool compress = false;     ///< dyads.csv and traces.csv gzip-compressed
  std::vector<std::string> set;  ///< --set texts, in order
};

/// Refuses trace options given without --trace, which alone makes traces: silently
/// ignoring them would leave the user looking for a file that was never written.
void check_trace_options(const RunArguments& args) {
  if (args.trace > 0) return;
  if (args.trace_day >= 0)
    throw std::invalid_argument("--trace-day " + std::to_string(args.trace_day) +
                                " chooses the day that --trace N writes; give --trace N (N dyads, 1 to " +
                                std::to_string(kMaxTraceDyads) + ") with it");
  if (!args.trace_format.empty())
    throw std::invalid_argument("--trace-format " + args.trace_format +
                                " chooses the form of what --trace N writes; give --trace N (N dyads, 1 to " +
                                std::to_string(kMaxTraceDyads) + ") with it");
}

int run_command(const RunArguments& args, const std::string& command_line) {
  check_trace_options(args);
  const Compression compression = args.compress ? Compression::gzip : Compression::none;
  const TraceFormat trace_format = args.trace_format == "long" ? TraceFormat::long_rows : TraceFormat::wide;
  const std::string traces_csv = compressed_name("traces.csv", compression);
  Scenario scenario = load_scenario(args.scenario, parse_overrides(args.set, "--set"));
  if (args.dyads > 0) scenario.dyads = args.dyads;
  if (args.seed_given) scenario.seed = args.seed;
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = args.threads;
  options.show_progress = stderr_is_terminal();
  const std::string out = args.out.empty() ? "out/" + scenario.name : args.out;

  options.threads = effective_threads(args.threads);
  Provenance provenance{command_line, options.threads, scenario.seed, scenario.dyads, {}};
  const int trace_day = args.trace_day >= 0 ? args.trace_day : std::min(182, scenario.span_days - 1);
  if (args.trace > 0 && trace_day >= scenario.span_days)
    throw std::invalid_argument("--trace-day " + std::to_string(trace_day) + " is not inside span_days " +
                                std::to_string(scenario.span_days) + " of " + scenario.file);
  if (args.trace > 0)
    provenance.trace = {{"dyads", args.trace},
                        {"day", trace_day},
                        {"format", trace_format == TraceFormat::long_rows ? "long" : "wide"},
                        {"file", traces_csv}};
  // Every file goes to a staging folder beside `out`, renamed into place when all are written.
  StagedFolder folder(out, why_not_a_run_folder);
  const std::string staged = folder.path().string();
  if (!scenario.arms.empty()) {
    const auto summary = run_arms(scenario, options, staged, provenance, compression);
    for (const Arm& arm : scenario.arms) {
      if (args.trace == 0) break;
      RunOptions arm_options = options;
      arm_options.arm = &arm;
      write_traces(scenario, arm_options, args.trace, trace_day, staged + "/arms/" + arm.name + "/" + traces_csv,
                   trace_format, compression);
    }
    folder.commit();
    print_arm_comparison(std::cout, summary["comparisons"]);
    std::cout << "outputs in " << out << "/ (arms.csv; each arm in " << out << "/arms/)\n";
    return 0;
  }
  const auto summary = run_population(scenario, options, staged, provenance, compression);
  if (args.trace > 0)
    write_traces(scenario, options, args.trace, trace_day, staged + "/" + traces_csv, trace_format, compression);
  folder.commit();
  print_terminal_summary(std::cout, summary);
  std::cout << "outputs in " << out << "/\n";
  return 0;
}

int validate_command(const std::string& path, const std::vector<std::string>& set) {
  const auto overrides = parse_overrides(set, "--set");
  std::vector<std::string> issues;
  if (is_calibration_file(path)) {
    issues = validate_calibration(path, overrides);
  } else if (is_sweep_file(path)) {
    issues = validate_sweep(path, overrides);
  } else {
    for (const auto& issue : validate_scenario(path, overrides)) issues.push_back(issue.to_string());
  }
  for (const auto& issue : issues) std::cerr << issue << '\n';
  if (!issues.empty()) {
    std::cerr << issues.size() << " error(s) in " << path << '\n';
    return kExitInvalidInput;
  }
  std::cout << path << ": valid\n";
  return 0;
}

/// Everything the parser fills in: each subcommand's options and arguments.
struct CliArguments {
  RunArguments run;
  std::string validate_path;
  std::vector<std::string> validate_set;
  std::string report_directory;
  SweepArguments sweep;
  std::string merge_out;
  std::vector<std::string> merge_shards;
  std::string analyze_directory;
  CalibrateArguments calibrate;
  BenchOptions bench;
  serve::ServeOptions serve;
};

/// The subcommands as registered; after parsing, the one given on the command line tests true.
struct Subcommands {
  CLI::App* run;
  CLI::App* validate;
  CLI::App* report;
  CLI::App* sweep;
  CLI::App* merge;
  CLI::App* analyze;
  CLI::App* calibrate;
  CLI::App* params;
  CLI::App* bench;
  CLI::App* serve;
};

// Each add_*_subcommand registers one subcommand with its options, bound to where the parser writes them.
CLI::App* add_run_subcommand(CLI::App& app, RunArguments& args) {
  auto* run = app.add_subcommand("run", "Simulate a scenario's population and write outputs");
  run->add_option("scenario", args.scenario, "Scenario YAML file")->required();
  run->add_option("--dyads", args.dyads, "Number of dyads (overrides the scenario)")->check(kDyads);
  run->add_option("--seed", args.seed, "Master seed (overrides the scenario)")
      ->check(kUnsigned64)
      ->each([&args](const std::string&) { args.seed_given = true; });
  run->add_option("--threads", args.threads, "Worker threads (default: all cores)")->check(thread_count());
  run->add_option("--out", args.out, "Output folder (default: out/<scenario name>)")->check(kOutputFolder);
  run->add_option("--trace", args.trace, "Write the second-by-second history of the first N dyads to traces.csv")
      ->check(integer_in(0, kMaxTraceDyads, " (each traced dyad is a life re-simulated and a day of rows)"));
  run->add_option("--trace-day", args.trace_day, "Day of life to trace (default 182, six months)")
      ->check(integer_in(0, kMaxSpanDays - 1, " (days of life from 0; the longest span is " +
                                                  std::to_string(kMaxSpanDays) + " days)"));
  run->add_option("--trace-format", args.trace_format,
                  "wide (default): a row per second; long: dyad_id,second,person,variable,value (R's rties, tidyr)")
      ->check(CLI::IsMember({"wide", "long"}));
  run->add_flag("--compress", args.compress, "Write dyads.csv and traces.csv gzip-compressed (.csv.gz)");
  add_set_option(*run, args.set, "the scenario");
  return run;
}

CLI::App* add_validate_subcommand(CLI::App& app, std::string& path, std::vector<std::string>& set) {
  auto* validate = app.add_subcommand("validate", "Check a scenario, sweep or calibration file and list every error");
  validate->add_option("file", path, "Scenario, sweep or calibration YAML file")->required();
  add_set_option(*validate, set, "the scenario (of a sweep or calibration: its base)");
  return validate;
}

CLI::App* add_report_subcommand(CLI::App& app, std::string& directory) {
  auto* report = app.add_subcommand(
      "report", "Write DIR/report/index.html and PNG figures for a run, sweep or calibration folder");
  report->add_option("dir", directory, "Output folder of attune run, sweep or calibrate")->required();
  return report;
}

CLI::App* add_sweep_subcommand(CLI::App& app, SweepArguments& args) {
  auto* sweep = app.add_subcommand("sweep", "Run a parameter sweep: one run per design point and replicate");
  sweep->add_option("sweep", args.file, "Sweep YAML file")->required();
  sweep->add_option("--out", args.out, "Output folder (default: out/<sweep name>)")->check(kOutputFolder);
  sweep->add_flag("--resume", args.resume, "Finish a sweep that was stopped: keep its finished cells, run the rest");
  sweep->add_option("--shard", args.shard, "Run only shard I of N (cells whose index % N == I), e.g. 3/16");
  sweep->add_option("--threads", args.threads, "Worker threads per process (default: all cores)")->check(thread_count());
  sweep->add_option("--dyads", args.dyads, "Dyads per cell (overrides the sweep file)")->check(kDyads);
  sweep->add_flag("--dyads-csv", args.keep_dyads, "Keep each cell's dyads.csv (large)");
  sweep->add_flag("--compress", args.compress, "With --dyads-csv: keep each cell's dyads.csv gzip-compressed (.csv.gz)");
  add_set_option(*sweep, args.set, "the base scenario of every cell");
  return sweep;
}

CLI::App* add_merge_subcommand(CLI::App& app, std::string& out, std::vector<std::string>& shards) {
  auto* merge = app.add_subcommand("merge", "Join the folders of a sweep's shards into one");
  merge->add_option("out", out, "New output folder")->required()->check(kOutputFolder);
  merge->add_option("shards", shards, "Shard folders")->required();
  return merge;
}

CLI::App* add_analyze_subcommand(CLI::App& app, std::string& directory) {
  auto* analyze = app.add_subcommand("analyze", "Write DIR/indices.csv: sensitivity indices of a saltelli or morris sweep");
  analyze->add_option("dir", directory, "Output folder of attune sweep (or merge)")->required();
  return analyze;
}

CLI::App* add_calibrate_subcommand(CLI::App& app, CalibrateArguments& args) {
  auto* calibrate = app.add_subcommand("calibrate", "Fit free parameters to targets: history matching in waves, then ABC");
  calibrate->add_option("calibration", args.file, "Calibration YAML file")->required();
  calibrate->add_option("--out", args.out, "Output folder (default: out/<calibration name>)")->check(kOutputFolder);
  calibrate->add_flag("--resume", args.resume, "Finish a calibration that was stopped: keep its finished cells, run the rest");
  calibrate->add_option("--shard", args.shard,
                        "Run shard I of N's cells of the next stage not finished by every shard, into the shared --out, "
                        "then stop (a SLURM array task; run all N again per stage)");
  calibrate->add_option("--threads", args.threads, "Worker threads per process (default: all cores)")
      ->check(thread_count());
  calibrate->add_option("--dyads", args.dyads, "Dyads per simulation (overrides the calibration file)")->check(kDyads);
  add_set_option(*calibrate, args.set, "the base scenario of every simulation");
  return calibrate;
}

CLI::App* add_bench_subcommand(CLI::App& app, BenchOptions& options) {
  auto* bench = app.add_subcommand(
      "bench", "Measure throughput against the scalar and SIMD floors, parameter draws, and multi-core scaling");
  bench->add_option("--dyads", options.dyads, "Dyads per measurement")->check(kDyads);
  bench->add_option("--days", options.days, "Days of life per dyad")->check(integer_in(1, kMaxSpanDays));
  // A list, so one command measures the scaling (the issue's --threads 1,2,4,8,16).
  const CLI::Validator thread_list(
      [](std::string& text) {
        std::string error;
        parse_thread_list(text, error);
        return error;
      },
      "N[,N...]");
  bench->add_option_function<std::string>(
           "--threads",
           [&options](const std::string& text) {
             std::string error;
             options.threads = parse_thread_list(text, error);
           },
           "Thread counts of the scaling measurement, e.g. 1,2,4,8,16 (default: 1 and all cores; 1 is always measured)")
      ->check(thread_list);
  bench->add_option("--json", options.json, "Also write the figures to this file as JSON");
  return bench;
}

CLI::App* add_serve_subcommand(CLI::App& app, serve::ServeOptions& options) {
  auto* serve = app.add_subcommand("serve", "A local teaching page: sliders, live class distribution, a dyad's day");
  serve->add_option("--bind", options.bind, "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", options.port, "Port (default 8080; 0 picks a free one and prints it)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--threads", options.threads, "Worker threads per population run (default: all cores)")
      ->check(thread_count());
  // At most 16 runs: the server answers 64 connections at once, and the page and slow
  // clients keep the other threads.
  serve->add_option("--max-runs", options.limits.runs,
                    "Population and still-face runs at once; more are answered 429 (default 4, at most 16)")
      ->check(CLI::Range(1, 16));
  serve->add_option("--max-dyads", options.limits.dyads,
                    "Dyads one population request may ask for; more are answered 400 (default 5000, at most 100000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000}));
  // One client address may not hold every connection thread (64) with silent connections.
  serve->add_option("--connections-per-address", options.limits.connections_per_address,
                    "Connections one client address may hold at once; more are answered 503 (default 16, at most 64)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{64}));
  auto* class_mode = serve->add_flag("--class", options.class_mode,
                  "Serve a class: print a join code for students and a teacher's address; students predict, "
                  "the teacher runs");
  // A prediction is a few bytes; the bound keeps a question's state small to send each poll.
  serve->add_option("--max-students", options.limits.students,
                    "Students whose predictions a class question keeps; more are answered 429 (default 200, "
                    "at most 1000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->needs(class_mode);
  // One machine may not fill the class with made-up students; a class whose phones share
  // one address (behind a NAT) needs the class's size here.
  serve->add_option("--students-per-address", options.limits.students_per_address,
                    "New students one client address may add to a class question; more are answered 429 "
                    "(default 4, at most 1000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->needs(class_mode);
  return serve;
}

/// Registers every subcommand, bound to its fields of `args`, in the order --help lists them.
Subcommands add_subcommands(CLI::App& app, CliArguments& args) {
  // A braced list is evaluated left to right, so the registration order is the listed one.
  return Subcommands{add_run_subcommand(app, args.run),
                     add_validate_subcommand(app, args.validate_path, args.validate_set),
                     add_report_subcommand(app, args.report_directory),
                     add_sweep_subcommand(app, args.sweep),
                     add_merge_subcommand(app, args.merge_out, args.merge_shards),
                     add_analyze_subcommand(app, args.analyze_directory),
                     add_calibrate_subcommand(app, args.calibrate),
                     app.add_subcommand("params", "Print the parameter table as Markdown"),
                     add_bench_subcommand(app, args.bench),
                     add_serve_subcommand(app, args.serve)};
}

int bench_command(const BenchOptions& options, const std::string& command_line) {
  // The JSON file is opened first, so a path that cannot be written fails at once.
  std::optional<AtomicFile> json;
  if (!options.json.empty()) json.emplace(options.json);
  const BenchFigures figures = run_bench(options);
  print_bench(figures, std::cout);
  if (json) {
    json->stream() << bench_json(figures, command_line);
    json->commit();
  }
  return 0;
}

/// Runs the subcommand that was given; what it throws is mapped to an exit code by run_cli.
int dispatch_subcommand(const Subcommands& given, const CliArguments& args, const std::string& command_line) {
  if (*given.run) return run_command(args.run, command_line);
  if (*given.validate) return validate_command(args.validate_path, args.validate_set);
  if (*given.report) return report_command(args.report_directory);
  if (*given.sweep) return sweep_command(args.sweep, command_line);
  if (*given.merge) return merge_command(args.merge_out, args.merge_shards, command_line);
  if (*given.analyze) return analyze_command(args.analyze_directory);
  if (*given.calibrate) return calibrate_command(args.calibrate, command_line);
  if (*given.serve) return serve::serve_command(args.serve);
  if (*given.bench) return bench_command(args.bench, command_line);
  if (*given.params) std::cout << parameter_table_markdown();
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"attune: infant-caregiver co-regulation over developmental time"};
  app.set_version_flag("--version", std::string("attune ") + kVersion + " (git " + kGitRevision + ")");
  app.require_subcommand(1);
  CliArguments args;
  const Subcommands given = add_subcommands(app, args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitInvalidInput;
  }

  try {
    return dispatch_subcommand(given, args, joined_command_line(argc, argv));
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues) std::cerr << issue.to_string() << '\n';
    return kExitInvalidInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "attune: " << e.what() << '\n';
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "attune: " << e.what() << '\n';
    return kExitRunFailed;
  }
}

}  // namespace attune
