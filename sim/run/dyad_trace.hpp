#pragma once
/// One dyad's day, second by second: the life of a run's dyad simulated again (each is a
/// pure function of seed and id) with the chosen day recorded. `run --trace`, attune.trace
/// in Python and the teaching page's day all read it, so they show the same day.
#include <array>
#include <cstdint>
#include <vector>

#include "models/dyad_life.hpp"
#include "models/dyad_record.hpp"
#include "sim/run/family_setup.hpp"
#include "sim/scenario/population.hpp"
#include "sim/scenario/scenario.hpp"

namespace attune {

class DayTracer {
 public:
  /// Traces the dyads of `scenario` run with `seed`, under `arm`'s interventions if given;
  /// with `still_face`, a traced life's still-face paradigm is recorded there second by second.
  DayTracer(const Scenario& scenario, const Arm* arm, std::uint64_t seed, StillFaceTrace* still_face = nullptr);
  /// Every second of day `day` of dyad `dyad_id` (valid until the next call). Throws
  /// std::invalid_argument when `day` lies outside the span.
  const std::vector<TraceSecond>& trace(std::uint64_t dyad_id, int day);
  /// The traced dyad's drawn parameters and its record of the whole life (its class, say).
  const Parameters& parameters() const { return parameters_; }
  const DyadRecord& record() const { return record_; }
  const LifePlan& plan() const { return plan_; }

 private:
  const Scenario& scenario_;
  std::uint64_t seed_;
  PopulationSampler sampler_;
  FamilySetup family_;
  LifePlan plan_;
  StillFaceTrace* still_face_;  ///< the caller's, for its one traced dyad at a time
  Parameters parameters_{};
  std::array<CaregiverParameters, kMaxCaregivers> others_{};
  std::vector<TraceSecond> seconds_;
  DyadRecord record_;
};

}  // namespace attune
