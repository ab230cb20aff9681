#include "sim/run/dyad_pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "models/dyad_life.hpp"
#include "sim/run/progress.hpp"

namespace attune {
namespace {

/// One token of the pipeline: consecutive dyads of one block and the records they fill.
struct Group {
  std::uint64_t first_id = 0;
  std::size_t size = 0;
  bool ends_block = false;  ///< its last dyad is its block's last
  DyadRecord* records = nullptr;
};

/// The blocks' sizes: options.first_block, doubling up to options.max_block.
class BlockSchedule {
 public:
  explicit BlockSchedule(const RunOptions& options)
      : max_(std::clamp<std::uint64_t>(options.max_block, 1, kDyadBlockSize)),
        next_(std::clamp<std::uint64_t>(options.first_block, 1, max_)) {}
  std::uint64_t take() {
    const std::uint64_t size = next_;
    next_ = std::min(2 * next_, max_);
    return size;
  }

 private:
  std::uint64_t max_;
  std::uint64_t next_;
};

bool cancelled(const RunOptions& options) { return options.cancel && options.cancel->load(std::memory_order_relaxed); }

}  // namespace

std::uint64_t hand_on_dyads(const RunOptions& options, const GroupSimulation& simulate,
                            const std::function<void(const DyadRecord&)>& consume) {
  const int threads = effective_threads(options.threads);
  // TBB caps its worker pool at the core count unless told otherwise; the thread count
  // asked for is the one used (and recorded). A one-thread run needs no workers and sets no
  // process-wide limit, which would throttle the other cells a sweep runs beside it.
  std::optional<tbb::global_control> workers;
  if (threads > 1) workers.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);

  // Group n fills slot n % tokens. The pipeline admits group n only while fewer than
  // `tokens` groups are in it, and the in-order hand-over retires groups in order, so
  // group n - tokens has left it by then: a slot is never written while it is read.
  const std::size_t tokens = kGroupsInFlightPerThread * static_cast<std::size_t>(threads);
  const auto slots = std::make_unique<DyadRecord[]>(tokens * kMaxLanes);
  Progress progress(options.dyads, "dyads", options.show_progress);

  BlockSchedule blocks(options);
  std::uint64_t next = 0;       // the schedule's next dyad
  std::uint64_t block_end = 0;  // the end of the block the schedule is in
  std::uint64_t groups = 0;     // groups scheduled so far
  std::uint64_t handed_on = 0;  // the hand-over's count
  // Set by the hand-over when it has ended the run at a block's end: nothing after that
  // block will be handed on, so nothing more is simulated.
  std::atomic<bool> stopped{false};

  const auto schedule = [&](tbb::flow_control& flow) -> Group {
    if (next == block_end) {
      // Between blocks: a cancel ends the run here (blocks are handed on whole).
      if (next == options.dyads || stopped.load(std::memory_order_relaxed) || cancelled(options)) {
        flow.stop();
        return {};
      }
      block_end = next + std::min(blocks.take(), options.dyads - next);
    } else if (stopped.load(std::memory_order_relaxed)) {
      flow.stop();
      return {};
    }
    Group group;
    group.first_id = next;
    group.size = static_cast<std::size_t>(std::min<std::uint64_t>(kMaxLanes, block_end - next));
    group.records = slots.get() + (groups++ % tokens) * kMaxLanes;
    next += group.size;
    group.ends_block = next == block_end;
    return group;
  };
  const auto simulate_group = [&](Group group) {
    if (!stopped.load(std::memory_order_relaxed)) {
      simulate(group.first_id, std::span(group.records, group.size));
      progress.advance(group.size);
    }
    return group;
  };
  const auto hand_over = [&](Group group) {
    if (stopped.load(std::memory_order_relaxed)) return;  // simulated before the run ended
    for (std::size_t i = 0; i < group.size; ++i) consume(group.records[i]);
    handed_on += group.size;
    if (!group.ends_block) return;
    if (options.block_done) options.block_done(handed_on);
    if (cancelled(options)) stopped.store(true, std::memory_order_relaxed);
  };

  arena.execute([&] {
    tbb::parallel_pipeline(tokens, tbb::make_filter<void, Group>(tbb::filter_mode::serial_in_order, schedule) &
                                       tbb::make_filter<Group, Group>(tbb::filter_mode::parallel, simulate_group) &
                                       tbb::make_filter<Group, void>(tbb::filter_mode::serial_in_order, hand_over));
  });
  progress.finish();
  return handed_on;
}

}  // namespace attune
