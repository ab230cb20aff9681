#include "sim/serve/class_run.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sim/serve/population_stream.hpp"

namespace attune::serve {

std::uint64_t stream_dyads(const Scenario& scenario) {
  return scenario.dyads * std::max<std::uint64_t>(1, scenario.arms.size());
}

ClassTally run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<void(std::uint64_t done)>& progress,
                                std::atomic<std::uint64_t>& dyads_simulated) {
  PopulationView view;  // the whole population: arms are counted together
  const StreamProgress last = stream_population(
      scenario, threads, cancel,
      [&](const DyadRecord& record, std::size_t arm) {
        view.add(record, arm);
        ++dyads_simulated;
      },
      [&](const StreamProgress& now) {
        progress(now.done);
        return true;
      });
  // The page's own counts event, read back: one definition of a dyad's class.
  const auto counts = nlohmann::json::parse(view.json(last.done, last.total));
  ClassTally tally;
  for (int k = 0; k < kAttachmentClassCount; ++k)
    tally.by_class[k] = counts.at(std::string(1, kAttachmentClassLabels[k])).get<std::uint64_t>();
  tally.unclassified = counts.at("unclassified").get<std::uint64_t>();
  tally.dyads = last.done;
  tally.complete = last.done == last.total;
  return tally;
}

}  // namespace attune::serve
