#include "sim/serve/still_face_demo.hpp"

#include "models/dyad_life.hpp"
#include "sim/run/driver.hpp"
#include "analysis/run/still_face_summary.hpp"

namespace attune::serve {

std::string still_face_demo_json(Scenario scenario, std::uint64_t dyads, int threads) {
  // Only the first four months are lived: the paradigm is on the last day.
  scenario.span_days = assessment_day(kDemoStillFaceAge) + 1;
  scenario.strange_situation.ages_months.clear();
  scenario.still_face = StillFacePlan{true, kDemoStillFaceAge, 120};
  scenario.dyads = dyads;
  RunOptions options;
  options.dyads = dyads;
  options.seed = scenario.seed;
  options.threads = threads;
  StillFaceSummary summary;
  run_dyads(scenario, options, [&](const DyadRecord& record) {
    if (record.still_face_assessed) summary.add(record.still_face);
  });
  return summary.to_json(scenario.still_face).dump();
}

}  // namespace attune::serve
