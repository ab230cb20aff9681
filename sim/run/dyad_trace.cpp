#include "sim/run/dyad_trace.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "sim/random/rng.hpp"
#include "sim/run/driver.hpp"
#include "sim/run/family_setup.hpp"
#include "sim/scenario/population.hpp"

namespace attune {

std::vector<TraceSecond> trace_dyad_day(const Scenario& scenario, const Arm* arm, std::uint64_t seed,
                                        std::uint64_t dyad_id, int day) {
  if (day < 0 || day >= scenario.span_days)
    throw std::invalid_argument("day=" + std::to_string(day) + " is not a day of life in [0, " +
                                std::to_string(scenario.span_days - 1) + "] (span_days " +
                                std::to_string(scenario.span_days) + " of " + scenario.file + ")");
  // As write_traces: the population's draws, then the family's from the same normals.
  const PopulationSampler sampler(scenario);
  const FamilySetup family(scenario);
  LifePlan plan = life_plan(scenario, arm);
  plan.family = family.family();
  Rng population_rng = make_stream(seed, dyad_id, StreamPurpose::population);
  const std::vector<double> normals = sampler.normals(population_rng);
  std::array<CaregiverParameters, kMaxCaregivers> others{};
  std::vector<TraceSecond> seconds;
  seconds.reserve(static_cast<std::size_t>(plan.bouts_per_day) * plan.bout_seconds);
  DyadRecord record;
  simulate_dyad_traced(plan, sampler.map(normals), seed, dyad_id, day, record, seconds,
                       family.draw(seed, dyad_id, sampler, normals, others));
  return seconds;
}

}  // namespace attune
