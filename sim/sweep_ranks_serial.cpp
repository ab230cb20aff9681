// Built when MPI is not found: one process runs every cell.
#include "sim/sweep_ranks.hpp"

namespace attune {

Ranks::Ranks() = default;
Ranks::~Ranks() = default;

bool Ranks::agree(bool ok) const { return ok; }

void Ranks::run_cells(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report) const {
  for (const auto& cell : todo) report(cell, run(cell));
}

}  // namespace attune
