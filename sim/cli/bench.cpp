#include "sim/cli/bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sys/resource.h>
#include <time.h>

#include <nlohmann/json.hpp>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "sim/random/random_variates.hpp"
#include "sim/run/version.hpp"

namespace attune {
namespace {

// Each timing is the best of this many repeats: load from other processes only ever
// slows a repeat down, so the fastest is the least disturbed.
constexpr int kRepeats = 3;

/// A measurement's wall-clock seconds and the CPU seconds of the calling thread (the one
/// that does the work of a 1-worker arena; TBB's idle workers spinning do not count).
struct Timing {
  double wall = 0.0;
  double cpu = 0.0;
};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// Times `work()`.
template <typename Work>
Timing timed(Work&& work) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  work();
  const double cpu = thread_cpu_seconds() - cpu_start;
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(), cpu};
}

/// The least wall and the least CPU time of kRepeats runs of `measure()`.
template <typename Measure>
Timing best_of_repeats(Measure&& measure) {
  Timing best = measure();
  for (int r = 1; r < kRepeats; ++r) {
    const Timing t = measure();
    best.wall = std::min(best.wall, t.wall);
    best.cpu = std::min(best.cpu, t.cpu);
  }
  return best;
}

/// The floor: what one dyad-second cannot do without, in a tight loop of just that.
/// Random numbers: at the bench's settings the model draws 2.005 uniforms and 1.000
/// normal per dyad-second (one uniform for the infant's events, on average one for the
/// caregiver, one normal for regulation; counted in docs/PERFORMANCE.md), so the floor
/// draws 2 uniforms and 1 normal. Arithmetic: the arousal update (relaxation at a rate
/// that depends on the match, a jump, the innovation) and the four per-second tallies,
/// branch-free. Times `steps` dyad-seconds.
Timing floor_timing(std::uint64_t steps) {
  Rng rng = make_stream(1, 0, StreamPurpose::life);
  double arousal = 0.0, arousal_sum = 0.0;
  std::uint64_t matched_seconds = 0, high_seconds = 0, seconds = 0;
  const Timing timing = timed([&] {
    for (std::uint64_t i = 0; i < steps; ++i) {
      const double event = uniform01(rng), response = uniform01(rng);
      const bool matched = response < 0.3;
      const double rate = 0.04 + (matched ? 0.05 : 0.0);
      arousal += (event < 0.002 ? 0.6 : 0.0) - rate * arousal + 0.04 * standard_normal(rng);
      ++seconds;
      matched_seconds += matched;
      high_seconds += arousal >= 1.0;
      arousal_sum += arousal;
    }
  });
  // Keeps the loop from being optimized away.
  volatile double sink = arousal_sum + double(matched_seconds + high_seconds + seconds);
  (void)sink;
  return timing;
}

/// Times `dyads` benchmark dyads on `threads` workers and sets `dyad_seconds` to the
/// dyad-seconds simulated. Records are not kept, so memory does not grow with the dyads.
Timing model_timing(const BenchOptions& options, int threads, double& dyad_seconds) {
  LifePlan plan;
  plan.span_days = options.days;
  const Parameters p = default_parameters();
  tbb::task_arena arena(threads);
  std::uint64_t simulated = 0;
  const Timing timing = timed([&] {
    arena.execute([&] {
      simulated = tbb::parallel_reduce(
          tbb::blocked_range<std::uint64_t>(0, options.dyads), std::uint64_t{0},
          [&](const tbb::blocked_range<std::uint64_t>& ids, std::uint64_t sum) {
            auto record = std::make_unique<DyadRecord>();
            for (std::uint64_t id = ids.begin(); id != ids.end(); ++id) {
              simulate_dyad(plan, p, 1, id, *record);
              sum += record->interaction.seconds;
            }
            return sum;
          },
          [](std::uint64_t a, std::uint64_t b) { return a + b; });
    });
  });
  dyad_seconds = double(simulated);
  return timing;
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
  f.threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  // TBB caps its pool at the core count unless told otherwise (`--threads 16` on fewer cores).
  tbb::global_control workers(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(f.threads));

  const Timing one = best_of_repeats([&] { return model_timing(options, 1, f.dyad_seconds); });
  const Timing many = best_of_repeats([&] { return model_timing(options, f.threads, f.dyad_seconds); });
  // The floor runs as many dyad-seconds as a model measurement.
  const auto steps = static_cast<std::uint64_t>(f.dyad_seconds);
  const Timing floor = best_of_repeats([&] { return floor_timing(steps); });

  f.floor_ns = 1e9 * floor.cpu / f.dyad_seconds;
  f.model_ns = 1e9 * one.cpu / f.dyad_seconds;
  f.model_over_floor = f.model_ns / f.floor_ns;
  f.rate_one = f.dyad_seconds / one.cpu;
  f.wall_rate_one = f.dyad_seconds / one.wall;
  f.wall_rate_many = f.dyad_seconds / many.wall;
  f.speedup = f.wall_rate_many / f.wall_rate_one;
  f.efficiency = f.speedup / f.threads;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  f.peak_rss_mib = double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  return f;
}

void print_bench(const BenchFigures& f, std::ostream& out) {
  char line[200];
  std::snprintf(line, sizeof line, "%llu dyads x %d days: %.4g dyad-seconds per measurement, best of %d\n",
                static_cast<unsigned long long>(f.dyads), f.days, f.dyad_seconds, kRepeats);
  out << line;
  std::snprintf(line, sizeof line, "floor (random numbers + arithmetic)   %8.2f ns per dyad-second (CPU time)\n",
                f.floor_ns);
  out << line;
  std::snprintf(line, sizeof line, "model, 1 core                         %8.2f ns per dyad-second (CPU time): %.3g dyad-s/s\n",
                f.model_ns, f.rate_one);
  out << line;
  std::snprintf(line, sizeof line, "model / floor                         %8.2f x\n", f.model_over_floor);
  out << line;
  std::snprintf(line, sizeof line,
                "model, 1 -> %2d threads (wall time)     %8.3g -> %.3g dyad-s/s: speed-up %.2f, efficiency %.0f %%\n",
                f.threads, f.wall_rate_one, f.wall_rate_many, f.speedup, 100.0 * f.efficiency);
  out << line;
  std::snprintf(line, sizeof line, "peak resident memory                  %8.1f MiB\n", f.peak_rss_mib);
  out << line;
}

std::string bench_json(const BenchFigures& f) {
  nlohmann::json j;
  j["attune_version"] = kVersion;
  j["git_revision"] = kGitRevision;
  j["cpu"] = cpu_model();
  j["cores"] = tbb::info::default_concurrency();
  j["dyads"] = f.dyads;
  j["days"] = f.days;
  j["repeats"] = kRepeats;
  j["dyad_seconds_per_measurement"] = f.dyad_seconds;
  j["floor_ns_per_dyad_second"] = f.floor_ns;
  j["model_ns_per_dyad_second"] = f.model_ns;
  j["model_over_floor"] = f.model_over_floor;
  j["dyad_seconds_per_cpu_second_one_core"] = f.rate_one;
  j["threads"] = f.threads;
  j["dyad_seconds_per_wall_second_one_worker"] = f.wall_rate_one;
  j["dyad_seconds_per_wall_second_threads"] = f.wall_rate_many;
  j["speedup"] = f.speedup;
  j["parallel_efficiency"] = f.efficiency;
  j["peak_rss_mib"] = f.peak_rss_mib;
  return j.dump(2) + "\n";
}

}  // namespace attune
