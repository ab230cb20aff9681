#include "sim/serve/still_face_trace.hpp"

#include <stdexcept>

#include "analysis/run/still_face_demo.hpp"
#include "models/assessments/still_face.hpp"
#include "sim/run/dyad_trace.hpp"

namespace attune::serve {

std::string still_face_trace_json(const Scenario& scenario, std::uint64_t dyad_id) {
  if (dyad_id >= scenario.dyads)
    throw std::invalid_argument("dyad must lie in [0, " + std::to_string(scenario.dyads - 1) + "], got " +
                                std::to_string(dyad_id));
  // The population the still-face button assesses (the same lives to 4 months), one dyad of it.
  const Scenario demo = still_face_demo_scenario(scenario, scenario.dyads);
  StillFaceTrace trace;
  DayTracer tracer(demo, nullptr, demo.seed, &trace);
  tracer.trace(dyad_id, 0);  // any day: the whole life is lived, the paradigm on its last day
  return attune::still_face_trace_json(dyad_id, demo.still_face, trace, tracer.record().still_face).dump();
}

}  // namespace attune::serve
