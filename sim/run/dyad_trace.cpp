#include "sim/run/dyad_trace.hpp"

#include <stdexcept>
#include <string>

#include "sim/random/rng.hpp"
#include "sim/run/driver.hpp"

namespace attune {

DayTracer::DayTracer(const Scenario& scenario, const Arm* arm, std::uint64_t seed, StillFaceTrace* still_face)
    : scenario_(scenario),
      seed_(seed),
      sampler_(scenario),
      family_(scenario),
      plan_(life_plan(scenario, arm)),
      still_face_(still_face) {
  plan_.family = family_.family();
  seconds_.reserve(static_cast<std::size_t>(plan_.bouts_per_day) * plan_.bout_seconds);
}

const std::vector<TraceSecond>& DayTracer::trace(std::uint64_t dyad_id, int day) {
  if (day < 0 || day >= scenario_.span_days)
    throw std::invalid_argument("day " + std::to_string(day) + " is not a day of life in [0, " +
                                std::to_string(scenario_.span_days - 1) + "] (span_days " +
                                std::to_string(scenario_.span_days) + " of " + scenario_.file + ")");
  // As run_dyads: the population's draws, then the family's from the same normals.
  Rng population_rng = make_stream(seed_, dyad_id, StreamPurpose::population);
  const std::vector<double> normals = sampler_.normals(population_rng);
  parameters_ = sampler_.map(normals);
  simulate_dyad_traced(plan_, parameters_, seed_, dyad_id, day, record_, seconds_,
                       family_.draw(seed_, dyad_id, sampler_, normals, others_), still_face_);
  return seconds_;
}

}  // namespace attune
