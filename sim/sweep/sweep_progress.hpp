#pragma once
/// Progress of a sweep: cells done of all, dyads a second and the time left. On a
/// terminal one live line; otherwise (a pipe, a log, MPI) one line per finished cell.
#include <chrono>
#include <cstdint>
#include <string>

#include "sim/sweep/sweep_cell.hpp"

namespace attune {

class SweepProgress {
 public:
  /// `total` cells, of which `already_done` were finished before (a resumed sweep). Not
  /// `live`, a line per finished cell only with `cell_lines` (a calibration, which runs
  /// many small sweeps, prints a line per stage instead).
  SweepProgress(std::uint64_t total, std::uint64_t already_done, bool live, bool cell_lines = true);
  /// Called on the reporting process, once per cell finished; `label` names its values.
  void cell_finished(std::uint64_t index, const std::string& label, const CellOutcome& outcome);
  /// On a terminal, redraws the line while a cell runs: `done` of its `of` dyads.
  void cell_progress(std::uint64_t done, std::uint64_t of);
  /// Ends the live line.
  void finish();

 private:
  std::uint64_t total_, done_, done_here_ = 0, dyads_here_ = 0, failed_ = 0;
  bool live_, cell_lines_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace attune
