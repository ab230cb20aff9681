#include "sim/serve/class_run.hpp"

#include <nlohmann/json.hpp>

#include "analysis/run/teaching_page.hpp"
#include "sim/serve/population_stream.hpp"

namespace attune::serve {

ClassCounts run_class_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                 const std::function<void(std::uint64_t done)>& progress,
                                 std::atomic<std::uint64_t>& dyads_simulated) {
  PopulationView view;
  const StreamProgress last = stream_population(
      scenario, threads, cancel,
      [&](const DyadRecord& record) {
        view.add(record);
        ++dyads_simulated;
      },
      [&](const StreamProgress& now) {
        progress(now.done);
        return true;
      });
  // The page's own counts event, read back: one definition of a dyad's class.
  const auto counts = nlohmann::json::parse(view.json(last.done, last.total));
  ClassCounts result;
  result.dyads = last.done;
  for (int k = 0; k < 4; ++k) result.by_class[k] = counts.at(std::string(1, "ABCD"[k])).get<std::uint64_t>();
  return result;
}

}  // namespace attune::serve
