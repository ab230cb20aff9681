#include <mutex>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "sim/sweep/sweep_ranks.hpp"

namespace attune {

void run_cells_here(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report, int concurrent) {
  if (concurrent <= 1 || todo.size() < 2) {
    for (const auto& cell : todo) report(cell, run(cell));
    return;
  }
  // Each cell writes its own folder from its own seed, so running several at once changes
  // nothing in them; only the order of the reports (progress lines) follows the finishes.
  std::mutex reporting;
  tbb::task_arena arena(concurrent);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, todo.size(), std::size_t{1}, [&](std::size_t i) {
      const CellOutcome outcome = run(todo[i]);
      const std::lock_guard<std::mutex> lock(reporting);
      report(todo[i], outcome);
    });
  });
}

}  // namespace attune
