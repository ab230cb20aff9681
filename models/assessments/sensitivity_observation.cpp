#include "models/assessments/sensitivity_observation.hpp"

#include <algorithm>

namespace attune {
namespace {

/// Writes what an observer sees each second into the trace; draws no random numbers.
struct SensitivityRecorder {
  SensitivityTrace& trace;
  bool was_signalling = false;
  void operator()(int, const InteractionState& s, SecondEvents) {
    trace.record(was_signalling || s.signalling, s.matched, s.act);
    was_signalling = s.signalling;
  }
};

}  // namespace

void observe_caregiving(const Parameters& p, const WorkingModel& model, const BoutContext& context,
                        int seconds, Rng& rng, SensitivityTrace& trace) {
  trace.seconds = 0;
  WorkingModel copy = model;  // what the infant learns while observed stays in the lab
  InteractionCounts counts;
  run_bout(std::clamp(seconds, 0, kSensitivityMaxSeconds), context, rng, counts, copy, p.iwm,
           SensitivityRecorder{trace});
}

SensitivityCoding observe_sensitivity(const Parameters& p, const WorkingModel& model,
                                      const BoutContext& context, int seconds, Rng& rng) {
  SensitivityTrace trace;  // fixed-size: no allocation
  observe_caregiving(p, model, context, seconds, rng, trace);
  return code_sensitivity(trace);
}

void observe_sensitivity_if_due(const SensitivitySchedule& schedule, int day, const Parameters& p,
                                const WorkingModel& model, const BoutContext& context, Rng& rng,
                                SensitivityObservations& out) {
  if (out.count >= schedule.count || schedule.days[out.count] != day) return;
  out.rating[out.count++] = observe_sensitivity(p, model, context, schedule.seconds, rng).rating;
}

}  // namespace attune
