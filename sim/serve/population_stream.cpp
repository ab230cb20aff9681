#include "sim/serve/population_stream.hpp"

#include "sim/run/driver.hpp"

namespace attune::serve {
namespace {

// 32 dyads of a 12-month span take about 0.2 s on one core, so the first figures
// arrive well within a second even on a busy machine; blocks then double to the
// driver's full size.
constexpr std::uint64_t kFirstBlock = 32;

}  // namespace

ClassCounts stream_class_counts(const Scenario& scenario, int threads, const std::atomic<bool>& cancel,
                                const std::function<bool(const ClassCounts&)>& report) {
  ClassCounts counts;
  counts.total = scenario.dyads;
  std::atomic<bool> stop{cancel.load()};
  RunOptions options;
  options.dyads = scenario.dyads;
  options.seed = scenario.seed;
  options.threads = threads;
  options.first_block = kFirstBlock;
  options.cancel = &stop;
  options.block_done = [&](std::uint64_t done) {
    counts.done = done;
    if (cancel.load() || !report(counts)) stop = true;
  };
  run_dyads(scenario, options, [&](const DyadRecord& record) { counts.add(record); });
  return counts;
}

}  // namespace attune::serve
