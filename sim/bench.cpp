#include "sim/bench.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/dyad_life.hpp"
#include "models/parameter_table.hpp"
#include "sim/random_variates.hpp"

namespace attune {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The floor: what one dyad-second cannot do without — the step's random numbers
/// (one uniform for events, one for the caregiver, one normal) and its arithmetic.
double floor_ns_per_dyad_second() {
  constexpr std::uint64_t kSteps = 200'000'000;
  Rng rng = make_stream(1, 0, StreamPurpose::life);
  double arousal = 0.0, counter = 0.0;
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < kSteps; ++i) {
    const double event = uniform01(rng), notice = uniform01(rng);
    arousal += (event < 0.002 ? 0.6 : 0.0) - 0.04 * arousal + 0.04 * standard_normal(rng);
    counter += (notice < 0.2) + (arousal >= 1.0);
  }
  const double elapsed = seconds_since(start);
  if (counter < 0) std::puts("");  // keeps the loop from being optimized away
  return 1e9 * elapsed / double(kSteps) + 0.0 * arousal;
}

/// Simulated dyad-seconds per wall second with `threads` workers.
double model_rate(const BenchOptions& options, int threads) {
  LifePlan plan;
  plan.span_days = options.days;
  const Parameters p = default_parameters();
  auto records = std::make_unique<DyadRecord[]>(options.dyads);
  tbb::task_arena arena(threads);
  const auto start = std::chrono::steady_clock::now();
  arena.execute([&] {
    tbb::parallel_for(std::uint64_t{0}, options.dyads,
                      [&](std::uint64_t id) { simulate_dyad(plan, p, 1, id, records[id]); });
  });
  const double elapsed = seconds_since(start);
  double dyad_seconds = 0.0;
  for (std::uint64_t i = 0; i < options.dyads; ++i) dyad_seconds += double(records[i].interaction.seconds);
  return dyad_seconds / elapsed;
}

}  // namespace

void run_bench(const BenchOptions& options, std::ostream& out) {
  const int cores = tbb::info::default_concurrency();
  const double floor_ns = floor_ns_per_dyad_second();
  const double one = model_rate(options, 1);
  const double all = model_rate(options, cores);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  char line[160];
  std::snprintf(line, sizeof line, "floor (random numbers + arithmetic)   %8.2f ns per dyad-second\n", floor_ns);
  out << line;
  std::snprintf(line, sizeof line, "model, 1 core                         %8.2f ns per dyad-second  (%.3g dyad-s/s)\n",
                1e9 / one, one);
  out << line;
  std::snprintf(line, sizeof line, "model / floor                         %8.2f x\n", (1e9 / one) / floor_ns);
  out << line;
  std::snprintf(line, sizeof line, "model, %2d cores                       %8.3g dyad-s/s: speed-up %.2f, efficiency %.0f %%\n",
                cores, all, all / one, 100.0 * all / one / cores);
  out << line;
  std::snprintf(line, sizeof line, "peak resident memory                  %8.1f MiB\n", usage.ru_maxrss / 1024.0);
  out << line;
}

}  // namespace attune
