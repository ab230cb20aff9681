#include "sim/run/driver.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <tbb/info.h>

#include "models/dyad_life.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/run/dyad_pipeline.hpp"
#include "sim/run/dyad_trace.hpp"
#include "sim/run/family_setup.hpp"
#include "sim/scenario/population.hpp"
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
  // Each dyad's parameters are drawn from its own streams here, on the worker that
  // simulates its group, so no draw is on the serial hand-over's path.
  const auto simulate = [&](std::uint64_t first_id, std::span<DyadRecord> records) {
    std::array<Parameters, kMaxLanes> parameters;
    std::array<std::array<CaregiverParameters, kMaxCaregivers>, kMaxLanes> others{};
    std::array<DyadStart, kMaxLanes> starts;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::uint64_t dyad_id = first_id + i;
      Rng population_rng = make_stream(options.seed, dyad_id, StreamPurpose::population);
      const std::vector<double> normals = sampler.normals(population_rng);
      parameters[i] = sampler.map(normals);
      starts[i] = {&parameters[i], dyad_id, family.draw(options.seed, dyad_id, sampler, normals, others[i])};
    }
    simulate_dyads(plan, options.seed, std::span(starts).first(records.size()), records);
  };
  return hand_on_dyads(options, simulate, consume);
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
