#include "sim/serve/population_stream.hpp"

#include <algorithm>

#include "sim/run/driver.hpp"

namespace attune::serve {
namespace {

// 32 dyads of a 12-month span take about 0.2 s on one core, so the first figures
// arrive well within a second even on a busy machine; blocks then double to 64, so a run
// whose page has gone stops within about a second even when runs share the cores (the
// driver's 256 took several seconds with four runs on two cores). The records in flight
// are the driver's (2 groups of 8 per thread: about 0.75 MB per thread).
constexpr std::uint64_t kFirstBlock = 32;
constexpr std::uint64_t kMaxBlock = 64;

}  // namespace

StreamProgress stream_population(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                 const std::function<void(const DyadRecord&, std::size_t arm)>& consume,
                                 const std::function<bool(const StreamProgress&)>& report) {
  const std::size_t arms = std::max<std::size_t>(1, scenario.arms.size());
  StreamProgress progress;
  progress.total = scenario.dyads * arms;
  std::atomic<bool> stop{cancel.load()};
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = threads;
  options.first_block = kFirstBlock;
  options.max_block = kMaxBlock;
  options.cancel = &stop;
  for (std::size_t arm = 0; arm < arms && !stop; ++arm) {
    options.arm = scenario.arms.empty() ? nullptr : &scenario.arms[arm];
    const std::uint64_t before = progress.done;
    options.block_done = [&](std::uint64_t done) {
      progress.done = before + done;
      if (cancel.load() || !report(progress)) stop = true;
    };
    run_dyads(scenario, options, [&](const DyadRecord& record) { consume(record, arm); });
  }
  return progress;
}

}  // namespace attune::serve
