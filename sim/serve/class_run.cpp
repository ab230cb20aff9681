#include "sim/serve/class_run.hpp"

#include <algorithm>

#include "sim/serve/population_stream.hpp"

namespace attune::serve {

std::uint64_t stream_dyads(const Scenario& scenario) {
  return scenario.dyads * std::max<std::uint64_t>(1, scenario.arms.size());
}

ClassTally run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<void(std::uint64_t done)>& progress,
                                std::atomic<std::uint64_t>& dyads_simulated) {
  ClassTally tally;  // the whole population: arms are counted together
  const StreamProgress last = stream_population(
      scenario, threads, cancel,
      [&](const DyadRecord& record, std::size_t) {
        tally.add(record);
        ++dyads_simulated;
      },
      [&](const StreamProgress& now) {
        progress(now.done);
        return true;
      });
  tally.complete = last.done == last.total;
  return tally;
}

}  // namespace attune::serve
