#include "analysis/run/still_face_demo.hpp"

#include "analysis/run/still_face_summary.hpp"
#include "models/dyad_life.hpp"

namespace attune {

std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, const PopulationRunner& run) {
  // Only the first four months are lived: the paradigm is on the last day.
  scenario.span_days = assessment_day(kDemoStillFaceAge) + 1;
  scenario.strange_situation.ages_months.clear();
  scenario.still_face = StillFacePlan{true, kDemoStillFaceAge, 120};
  scenario.dyads = dyads;
  StillFaceSummary summary;
  run(scenario, [&](const DyadRecord& record) {
    if (record.still_face_assessed) summary.add(record.still_face);
  });
  return summary.to_json(scenario.still_face).dump();
}

}  // namespace attune
