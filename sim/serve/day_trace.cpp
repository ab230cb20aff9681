#include "sim/serve/day_trace.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run/teaching_page.hpp"
#include "models/dyad_life.hpp"
#include "sim/run/dyad_trace.hpp"

namespace attune::serve {

std::string day_trace_json(const Scenario& scenario, std::uint64_t dyad_id, int day) {
  if (day < 0 || day >= scenario.span_days)
    throw std::invalid_argument("day must lie in [0, " + std::to_string(scenario.span_days - 1) + "], got " +
                                std::to_string(day));
  if (dyad_id >= scenario.dyads)
    throw std::invalid_argument("dyad must lie in [0, " + std::to_string(scenario.dyads - 1) + "], got " +
                                std::to_string(dyad_id));
  // The day `run --trace` writes for this dyad, family and all.
  DayTracer tracer(scenario, nullptr, scenario.seed);
  const std::vector<TraceSecond>& seconds = tracer.trace(dyad_id, day);
  const Parameters& parameters = tracer.parameters();
  const DyadRecord& record = tracer.record();
  const LifePlan& plan = tracer.plan();

  nlohmann::json arousal = nlohmann::json::array(), matched = nlohmann::json::array(),
                 engaged = nlohmann::json::array(), signalling = nlohmann::json::array(),
                 rupture = nlohmann::json::array(), repair = nlohmann::json::array();
  for (const auto& s : seconds) {
    // Three decimals are finer than the page can draw and keep the answer small.
    arousal.push_back(std::round(s.arousal * 1000) / 1000);
    matched.push_back(int{s.matched});
    engaged.push_back(int{s.caregiver_engaged});
    signalling.push_back(int{s.signalling});
    rupture.push_back(int{s.rupture});
    repair.push_back(int{s.repair});
  }
  const auto& caregiver = parameters.caregiver;
  auto day_json = nlohmann::json{{"dyad", dyad_id},
                        {"day", day},
                        {"bouts", plan.bouts_per_day},
                        {"bout_seconds", plan.bout_seconds},
                        {"crying_arousal", parameters.infant.crying_arousal},
                        {"caregiver", {{"detection", caregiver.detection}, {"reading", caregiver.reading},
                                       {"promptness", caregiver.promptness}, {"fit", caregiver.fit},
                                       {"repair", caregiver.repair}, {"rejection", caregiver.rejection}}},
                        {"arousal", arousal},
                        {"matched", matched},
                        {"engaged", engaged},
                        {"signalling", signalling},
                        {"rupture", rupture},
                        {"repair", repair}};
  day_json.update(dyad_outcome(record));  // the class beside the day, as the page shows it
  return day_json.dump();
}

}  // namespace attune::serve
