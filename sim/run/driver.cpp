#include "sim/run/driver.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/dyad_life.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/run/dyad_trace.hpp"
#include "sim/run/family_setup.hpp"
#include "sim/scenario/population.hpp"
#include "sim/run/progress.hpp"
#include "sim/random/rng.hpp"

namespace attune {

int effective_threads(int requested) {
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

LifePlan life_plan(const Scenario& scenario, const Arm* arm) {
  LifePlan plan;
  plan.span_days = scenario.span_days;
  plan.bouts_per_day = scenario.bouts_per_day;
  plan.bout_seconds = scenario.bout_seconds;
  for (double age : scenario.strange_situation.ages_months)
    plan.strange_situation_days[plan.strange_situations++] = assessment_day(age);
  if (arm) plan.interventions = arm->plan;
  if (scenario.still_face.scheduled) {
    plan.still_face_day = assessment_day(scenario.still_face.age_months);
    plan.still_face_phase_seconds = scenario.still_face.phase_seconds;
  }
  auto& observed = plan.sensitivity_observation;
  for (double age : scenario.sensitivity_observation.ages_months) observed.days[observed.count++] = assessment_day(age);
  observed.seconds = scenario.sensitivity_observation.minutes * 60;
  return plan;
}

std::uint64_t run_dyads(const Scenario& scenario, const RunOptions& options,
                        const std::function<void(const DyadRecord&)>& consume) {
  const PopulationSampler sampler(scenario);
  const FamilySetup family(scenario);
  LifePlan plan = life_plan(scenario, options.arm);
  plan.family = family.family();
  const int threads = effective_threads(options.threads);
  // TBB caps its worker pool at the core count unless told otherwise; the thread count
  // asked for is the one used (and recorded). A one-thread run needs no workers and sets no
  // process-wide limit, which would throttle the other cells a sweep runs beside it.
  std::optional<tbb::global_control> workers;
  if (threads > 1) workers.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  const std::uint64_t max_block = std::clamp<std::uint64_t>(options.max_block, 1, kDyadBlockSize);
  auto block = std::make_unique<DyadRecord[]>(max_block);
  Progress progress(options.dyads, "dyads", options.show_progress);

  std::uint64_t first = 0;
  for (std::uint64_t size = std::clamp<std::uint64_t>(options.first_block, 1, max_block); first < options.dyads;
       size = std::min(2 * size, max_block)) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) break;
    const std::uint64_t count = std::min(size, options.dyads - first);
    arena.execute([&] {
      tbb::parallel_for(std::uint64_t{0}, count, [&](std::uint64_t i) {
        const std::uint64_t dyad_id = first + i;
        Rng population_rng = make_stream(options.seed, dyad_id, StreamPurpose::population);
        const std::vector<double> normals = sampler.normals(population_rng);
        std::array<CaregiverParameters, kMaxCaregivers> others{};
        simulate_dyad(plan, sampler.map(normals), options.seed, dyad_id, block[i],
                      family.draw(options.seed, dyad_id, sampler, normals, others));
        progress.advance();
      });
    });
    for (std::uint64_t i = 0; i < count; ++i) consume(block[i]);
    first += count;
    if (options.block_done) options.block_done(first);
  }
  progress.finish();
  return first;
}

void write_traces(const Scenario& scenario, const RunOptions& options, std::uint64_t count, int day,
                  const std::string& path, TraceFormat format, Compression compression) {
  DayTracer tracer(scenario, options.arm, options.seed);
  AtomicFile file(path, compression);
  auto& out = file.stream();
  write_trace_header(out, format);
  for (std::uint64_t dyad_id = 0; dyad_id < std::min(count, options.dyads); ++dyad_id) {
    write_trace_rows(out, format, dyad_id, day, scenario.bout_seconds, tracer.trace(dyad_id, day));
    file.check();
  }
  file.commit();
}

}  // namespace attune
