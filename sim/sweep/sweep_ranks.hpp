#pragma once
/// The processes a sweep runs on: one, or the ranks of an `mpirun` when attune is built
/// with MPI (Open MPI). Rank 0 hands out cells one at a time as ranks ask for work, so a
/// slow cell never leaves the others idle; every rank writes its cells' folders itself
/// (the output folder must be on a file system all ranks share).
#include <functional>
#include <vector>

#include "sim/sweep/sweep_cell.hpp"
#include "sim/sweep/sweep_design.hpp"

namespace attune {

using CellRunner = std::function<CellOutcome(const SweepCell&)>;
using CellReport = std::function<void(const SweepCell&, const CellOutcome&)>;

/// Runs `todo` on this process: in order, or `concurrent` cells at once on TBB.
void run_cells_here(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report, int concurrent);

class Ranks {
 public:
  /// Joins the MPI job when started by mpirun (and built with MPI); else rank 0 of 1.
  Ranks();
  /// Rank 0 of 1 wherever it runs: a sweep started from a Python kernel, which may itself
  /// run under mpirun or srun, never joins (nor finalizes) an MPI job.
  struct OneProcess {};
  explicit Ranks(OneProcess) {}
  /// Leaves the MPI job; aborts the whole job if an exception is escaping, so no rank waits forever.
  ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Rank 0's `ok`, on every rank.
  bool agree(bool ok) const;
  /// Runs every cell of `todo` (read on rank 0) once on some rank; `report` is called on
  /// rank 0 as each finishes. With one rank, runs them here: in order, or with
  /// `concurrent` > 1 that many at once (each cell's own work on one thread; `report` is
  /// then called under a lock, in the order cells finish). With more ranks, rank 0 only
  /// coordinates and the others run cells.
  void run_cells(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report,
                 int concurrent = 1) const;

 private:
  int rank_ = 0, size_ = 1;
  bool joined_ = false;
};

}  // namespace attune
