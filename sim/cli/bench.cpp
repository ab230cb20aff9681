#include "sim/cli/bench.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sys/resource.h>
#include <time.h>

#include <nlohmann/json.hpp>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "sim/cli/bench_instructions.hpp"
#include "sim/random/rng.hpp"
#include "sim/run/bench_floor.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/version.hpp"
#include "sim/scenario/population.hpp"
#include "sim/serve/preset.hpp"

namespace attune {

unsigned bench_max_threads() { return std::max(kThreadsPerHardwareThread * hardware_threads(), 16u); }

std::vector<int> parse_thread_list(const std::string& text, std::string& error) {
  const unsigned most = bench_max_threads();
  const std::string range = " is not a thread count in [1, " + std::to_string(most) + "] (the larger of 16 and " +
                            std::to_string(kThreadsPerHardwareThread) + " x the " +
                            std::to_string(hardware_threads()) +
                            " hardware threads of this machine; a list is comma-separated, e.g. 1,2,4,8,16)";
  std::vector<int> counts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    unsigned value = 0;
    const auto [end, failure] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || failure != std::errc{} || end != item.data() + item.size() || value < 1 || value > most) {
      const auto shown = [](const std::string& s) { return s.size() > 40 ? s.substr(0, 40) + "..." : s; };
      error = "'" + shown(item) + "'" + (item.size() == text.size() ? "" : " in '" + shown(text) + "'") + range;
      return {};
    }
    counts.push_back(static_cast<int>(value));
    if (comma == text.size()) return counts;
    start = comma + 1;
  }
}

namespace {

// Each timing is the best of this many repeats: load from other processes only ever
// slows a repeat down, so the fastest is the least disturbed.
constexpr int kRepeats = 3;

// The 12-month dyad of the draws' share and the projection (LifePlan's defaults: 6 bouts of 300 s a day).
constexpr int kYearDays = 365;

/// A measurement's wall-clock seconds, the CPU seconds of the calling thread (the one that
/// does the work of a 1-worker arena; TBB's idle workers spinning do not count), and the
/// calling thread's instructions where the CPU counts them.
struct Timing {
  double wall = 0.0;
  double cpu = 0.0;
  std::optional<std::uint64_t> instructions;
};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// Times `work()`.
template <typename Work>
Timing timed(InstructionCounter& counter, Work&& work) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  counter.start();
  work();
  const auto instructions = counter.stop();
  const double cpu = thread_cpu_seconds() - cpu_start;
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(), cpu, instructions};
}

/// The least wall time, CPU time and instruction count of kRepeats runs of `measure()`.
template <typename Measure>
Timing best_of_repeats(Measure&& measure) {
  Timing best = measure();
  for (int r = 1; r < kRepeats; ++r) {
    const Timing t = measure();
    best.wall = std::min(best.wall, t.wall);
    best.cpu = std::min(best.cpu, t.cpu);
    if (best.instructions && t.instructions) best.instructions = std::min(*best.instructions, *t.instructions);
  }
  return best;
}

/// Times `dyads` benchmark dyads on `threads` workers, in groups of up to kMaxLanes
/// consecutive ids through simulate_dyads (as the driver runs them), and sets
/// `dyad_seconds` to the dyad-seconds simulated. Records are reused per group, so memory
/// does not grow with the dyads.
Timing model_timing(const BenchOptions& options, int threads, InstructionCounter& counter, double& dyad_seconds) {
  LifePlan plan;
  plan.span_days = options.days;
  const Parameters p = default_parameters();
  tbb::task_arena arena(threads);
  const std::uint64_t groups = (options.dyads + kMaxLanes - 1) / kMaxLanes;
  std::uint64_t simulated = 0;
  const Timing timing = timed(counter, [&] {
    arena.execute([&] {
      simulated = tbb::parallel_reduce(
          tbb::blocked_range<std::uint64_t>(0, groups), std::uint64_t{0},
          [&](const tbb::blocked_range<std::uint64_t>& range, std::uint64_t sum) {
            auto records = std::make_unique<DyadRecord[]>(kMaxLanes);
            std::array<DyadStart, kMaxLanes> starts{};
            for (std::uint64_t g = range.begin(); g != range.end(); ++g) {
              const std::uint64_t first = g * kMaxLanes;
              const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kMaxLanes, options.dyads - first));
              for (std::size_t l = 0; l < count; ++l) starts[l] = DyadStart{&p, first + l, {}};
              simulate_dyads(plan, 1, std::span(starts.data(), count), std::span(records.get(), count));
              for (std::size_t l = 0; l < count; ++l) sum += records[l].interaction.seconds;
            }
            return sum;
          },
          [](std::uint64_t a, std::uint64_t b) { return a + b; });
    });
  });
  dyad_seconds = double(simulated);
  return timing;
}

/// Times one floor over `dyads` dyads of `seconds` each (seed 1, as the model's).
template <typename Floor>
Timing floor_timing(Floor floor, std::uint64_t dyads, std::uint64_t seconds, InstructionCounter& counter) {
  std::vector<FloorTally> tallies(dyads);
  const Timing timing = timed(counter, [&] { floor(1, 0, seconds, tallies); });
  // Keeps the loops from being optimized away.
  double sum = 0.0;
  for (const auto& t : tallies) sum += t.arousal_sum + double(t.matched_seconds + t.high_seconds + t.seconds);
  volatile double sink = sum;
  (void)sink;
  return timing;
}

/// Times drawing `dyads` dyads' parameters as the driver does (the population stream of
/// each id, PopulationSampler's normals then map) from the compiled-in normative scenario.
Timing draw_timing(const PopulationSampler& sampler, std::uint64_t dyads, InstructionCounter& counter) {
  double sum = 0.0;
  const Timing timing = timed(counter, [&] {
    for (std::uint64_t id = 0; id < dyads; ++id) {
      Rng rng = make_stream(1, id, StreamPurpose::population);
      sum += sampler.draw(rng).caregiver.detection;
    }
  });
  volatile double sink = sum;
  (void)sink;
  return timing;
}

std::optional<double> per(const std::optional<std::uint64_t>& count, double dyad_seconds) {
  if (!count) return std::nullopt;
  return double(*count) / dyad_seconds;
}

/// The thread counts measured: those asked for, ascending, without repeats, 1 first (the
/// baseline of speed-up and efficiency); by default 1 and all cores.
std::vector<int> measured_counts(const std::vector<int>& asked, int cores) {
  std::vector<int> counts = asked.empty() ? std::vector<int>{cores} : asked;
  counts.push_back(1);
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  return counts;
}

/// 10^6 dyads x 12 months on 16 cores: the cost of a dyad on one core (simulation and
/// parameter draws), divided by the cores times their parallel efficiency.
Projection project(const BenchFigures& f) {
  Projection p;
  const LifePlan plan;
  const ThreadRow* used = &f.scaling.front();
  for (const auto& row : f.scaling)
    if (!row.oversubscribed && row.threads <= p.cores) used = &row;  // the largest count measured on idle-able cores
  p.efficiency_threads = used->threads;
  p.efficiency_measured_at_cores = used->threads == p.cores;
  // With only one thread measured, nothing is known of scaling: perfect scaling is assumed.
  p.efficiency = used->threads == 1 ? 1.0 : used->efficiency;
  if (p.efficiency_measured_at_cores)
    p.basis = "parallel efficiency measured at 16 threads on this machine";
  else if (used->threads == 1)
    p.basis = "ASSUMED perfect scaling (efficiency 1): no thread count above 1 was measured on this machine";
  else
    p.basis = "ASSUMED: the efficiency measured at " + std::to_string(used->threads) + " threads on this " +
              std::to_string(f.cores) + "-core machine is assumed to hold at 16 cores (no 16-core figure)";
  const double dyad_core_seconds = kYearDays * plan.bouts_per_day * plan.bout_seconds * f.model_ns * 1e-9 +
                                   f.draw_us * 1e-6;
  p.seconds = p.dyads * dyad_core_seconds / (p.cores * p.efficiency);
  p.seconds_full_efficiency = p.dyads * dyad_core_seconds / p.cores;
  return p;
}

/// The 1-minute load average as the run ends (other processes' load disturbs wall times), or -1.
double load_average() {
  std::ifstream in("/proc/loadavg");
  double load = -1.0;
  in >> load;
  return in ? load : -1.0;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto start = line.find_first_not_of(" \t", line.find(':') + 1);
      if (line.find(':') != std::string::npos && start != std::string::npos) return line.substr(start);
    }
  }
  return "unknown";
}

}  // namespace

BenchFigures run_bench(const BenchOptions& options) {
  BenchFigures f;
  f.dyads = options.dyads;
  f.days = options.days;
  f.cores = static_cast<int>(hardware_threads());
  f.simd_target = simd_floor_target();
  f.simd_lanes = simd_floor_lanes();
  const std::vector<int> counts = measured_counts(options.threads, f.cores);
  // TBB caps its pool at the core count unless told otherwise (`--threads 16` on fewer cores).
  tbb::global_control workers(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(counts.back()));
  InstructionCounter counter;

  const Timing one = best_of_repeats([&] { return model_timing(options, 1, counter, f.dyad_seconds); });
  for (const int threads : counts) {
    const double wall = threads == 1 ? one.wall
                                     : best_of_repeats([&] { return model_timing(options, threads, counter, f.dyad_seconds); }).wall;
    ThreadRow row;
    row.threads = threads;
    row.wall_rate = f.dyad_seconds / wall;
    row.speedup = row.wall_rate / (f.dyad_seconds / one.wall);
    row.efficiency = row.speedup / threads;
    row.oversubscribed = threads > f.cores;
    f.scaling.push_back(row);
  }
  // The floors run as many dyad-seconds as a model measurement: the same dyads, each for
  // its simulated seconds.
  const auto seconds_per_dyad = static_cast<std::uint64_t>(f.dyad_seconds) / options.dyads;
  const Timing scalar = best_of_repeats([&] { return floor_timing(scalar_floor, options.dyads, seconds_per_dyad, counter); });
  const Timing simd = best_of_repeats([&] { return floor_timing(simd_floor, options.dyads, seconds_per_dyad, counter); });

  f.floor_ns = 1e9 * scalar.cpu / f.dyad_seconds;
  f.simd_floor_ns = 1e9 * simd.cpu / f.dyad_seconds;
  f.model_ns = 1e9 * one.cpu / f.dyad_seconds;
  f.model_over_floor = f.model_ns / f.floor_ns;
  f.model_over_simd_floor = f.model_ns / f.simd_floor_ns;
  f.rate_one = f.dyad_seconds / one.cpu;
  f.instructions.scalar_floor = per(scalar.instructions, f.dyad_seconds);
  f.instructions.simd_floor = per(simd.instructions, f.dyad_seconds);
  f.instructions.model = per(one.instructions, f.dyad_seconds);
  f.instructions.note = counter.reason();

  // Parameter draws: at least 256 dyads, so a tiny bench still times more than a few µs.
  const PopulationSampler sampler(serve::load_preset(serve::find_preset("normative")));
  f.draw_dyads = std::max<std::uint64_t>(options.dyads, 256);
  const Timing draws = best_of_repeats([&] { return draw_timing(sampler, f.draw_dyads, counter); });
  f.draw_us = 1e6 * draws.cpu / double(f.draw_dyads);
  const LifePlan plan;
  const double year_ns = kYearDays * plan.bouts_per_day * plan.bout_seconds * f.model_ns;
  f.draw_share = f.draw_us * 1e3 / (f.draw_us * 1e3 + year_ns);

  f.projection = project(f);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  f.peak_rss_mib = double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  return f;
}

void print_bench(const BenchFigures& f, std::ostream& out) {
  char line[400];
  const auto put = [&](auto... args) {
    std::snprintf(line, sizeof line, args...);
    out << line;
  };
  put("%llu dyads x %d days: %.4g dyad-seconds per measurement, best of %d; %d cores; SIMD: %s, %d dyads per vector\n",
      static_cast<unsigned long long>(f.dyads), f.days, f.dyad_seconds, kRepeats, f.cores, f.simd_target.c_str(),
      f.simd_lanes);
  const auto instructions = [](const std::optional<double>& n) {
    char text[64];
    if (n) std::snprintf(text, sizeof text, "%7.1f instructions", *n);
    else std::snprintf(text, sizeof text, "  instructions: n/a");
    return std::string(text);
  };
  put("scalar floor (3 variates + arithmetic)  %8.2f ns per dyad-second (CPU time) %s\n", f.floor_ns,
      instructions(f.instructions.scalar_floor).c_str());
  put("SIMD floor (the same, %-6s x %d)      %8.2f ns per dyad-second (CPU time) %s\n", f.simd_target.c_str(),
      f.simd_lanes, f.simd_floor_ns, instructions(f.instructions.simd_floor).c_str());
  put("model, 1 core                           %8.2f ns per dyad-second (CPU time) %s: %.3g dyad-s/s\n", f.model_ns,
      instructions(f.instructions.model).c_str(), f.rate_one);
  if (!f.instructions.note.empty()) put("instructions: %s\n", f.instructions.note.c_str());
  put("model / SIMD floor                      %8.2f x (goal: at most 1.5)\n", f.model_over_simd_floor);
  put("model / scalar floor                    %8.2f x\n", f.model_over_floor);
  put("parameter draws (normative)             %8.1f us per dyad (%llu dyads), %.2f %% of a 12-month dyad\n", f.draw_us,
      static_cast<unsigned long long>(f.draw_dyads), 100.0 * f.draw_share);
  put("threads  dyad-s per wall second  speed-up  efficiency\n");
  for (const auto& row : f.scaling)
    put("%7d  %22.4g  %8.2f  %9.0f %%%s\n", row.threads, row.wall_rate, row.speedup, 100.0 * row.efficiency,
        row.oversubscribed ? "  (oversubscribed: more threads than cores, not a scaling figure)" : "");
  const auto& p = f.projection;
  put("projection: %.0e dyads x 12 months on %d cores = %.1f min (%s); at full efficiency %.1f min\n", p.dyads,
      p.cores, p.seconds / 60.0, p.basis.c_str(), p.seconds_full_efficiency / 60.0);
  put("peak resident memory                    %8.1f MiB\n", f.peak_rss_mib);
}

std::string bench_json(const BenchFigures& f, const std::string& command) {
  const auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json j;
  j["attune_version"] = kVersion;
  j["git_revision"] = kGitRevision;
  j["command"] = command;
  j["cpu"] = cpu_model();
  j["cores"] = f.cores;
  j["load_average"] = load_average();
  j["simd_target"] = f.simd_target;
  j["simd_lanes"] = f.simd_lanes;
  j["dyads"] = f.dyads;
  j["days"] = f.days;
  j["repeats"] = kRepeats;
  j["dyad_seconds_per_measurement"] = f.dyad_seconds;
  j["floor_ns_per_dyad_second"] = f.floor_ns;
  j["simd_floor_ns_per_dyad_second"] = f.simd_floor_ns;
  j["model_ns_per_dyad_second"] = f.model_ns;
  j["model_over_floor"] = f.model_over_floor;
  j["model_over_simd_floor"] = f.model_over_simd_floor;
  j["dyad_seconds_per_cpu_second_one_core"] = f.rate_one;
  j["instructions_per_dyad_second"] = {{"scalar_floor", optional(f.instructions.scalar_floor)},
                                       {"simd_floor", optional(f.instructions.simd_floor)},
                                       {"model", optional(f.instructions.model)},
                                       {"note", f.instructions.note}};
  j["parameter_draws"] = {{"scenario", "normative (compiled in)"},
                          {"dyads", f.draw_dyads},
                          {"us_per_dyad", f.draw_us},
                          {"share_of_12_month_dyad", f.draw_share}};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : f.scaling)
    rows.push_back({{"threads", row.threads},
                    {"dyad_seconds_per_wall_second", row.wall_rate},
                    {"speedup", row.speedup},
                    {"parallel_efficiency", row.efficiency},
                    {"oversubscribed", row.oversubscribed}});
  j["scaling"] = rows;
  // The largest count measured, as the one-count bench reported it.
  const ThreadRow& last = f.scaling.back();
  j["threads"] = last.threads;
  j["dyad_seconds_per_wall_second_one_worker"] = f.scaling.front().wall_rate;
  j["dyad_seconds_per_wall_second_threads"] = last.wall_rate;
  j["speedup"] = last.speedup;
  j["parallel_efficiency"] = last.efficiency;
  const auto& p = f.projection;
  j["projection"] = {{"dyads", p.dyads},
                     {"days", p.days},
                     {"cores", p.cores},
                     {"parallel_efficiency", p.efficiency},
                     {"efficiency_threads", p.efficiency_threads},
                     {"efficiency_measured_at_cores", p.efficiency_measured_at_cores},
                     {"basis", p.basis},
                     {"seconds", p.seconds},
                     {"minutes", p.seconds / 60.0},
                     {"seconds_full_efficiency", p.seconds_full_efficiency}};
  j["peak_rss_mib"] = f.peak_rss_mib;
  return j.dump(2) + "\n";
}

}  // namespace attune
