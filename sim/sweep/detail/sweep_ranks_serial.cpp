// Built when MPI is not found: one process runs every cell.
#include "sim/sweep/sweep_ranks.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace attune {

Ranks::Ranks() {
  // Several copies of a build without MPI would each run every cell into the same folder.
  const char* ranks = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (ranks && std::string(ranks) != "1")
    throw std::runtime_error("this attune was built without MPI, so it cannot share a sweep between mpirun's ranks; "
                             "install libopenmpi-dev and rebuild, or run one process (--shard splits a sweep without MPI)");
}

Ranks::~Ranks() = default;

bool Ranks::agree(bool ok) const { return ok; }

void Ranks::run_cells(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report,
                      int concurrent) const {
  run_cells_here(todo, run, report, concurrent);
}

}  // namespace attune
