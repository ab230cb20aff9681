#include "sim/serve/population_stream.hpp"

#include <nlohmann/json.hpp>

#include "sim/run/driver.hpp"

namespace attune::serve {
namespace {

// 32 dyads of a 12-month span take about 0.2 s on one core, so the first figures
// arrive well within a second even on a busy machine; blocks then double to the
// driver's full size.
constexpr std::uint64_t kFirstBlock = 32;

}  // namespace

std::string ClassCounts::json() const {
  return nlohmann::json{{"done", done}, {"total", total}, {"A", by_class[0]}, {"B", by_class[1]},
                        {"C", by_class[2]}, {"D", by_class[3]}}
      .dump();
}

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
  run_dyads(scenario, options, [&](const DyadRecord& record) {
    if (record.strange_situations == 0) return;
    const auto klass = record.strange_situation[record.strange_situations - 1].coding.classification;
    ++counts.by_class[static_cast<std::size_t>(static_cast<char>(klass) - 'A')];
  });
  return counts;
}

}  // namespace attune::serve
