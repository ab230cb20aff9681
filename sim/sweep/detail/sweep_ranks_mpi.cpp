// Built when MPI is found (Open MPI from Debian): a work queue over MPI_Send/MPI_Recv.
#include "sim/sweep/sweep_ranks.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>

#include <mpi.h>

namespace attune {
namespace {

enum Tag : int { kReport = 1, kError = 2, kWork = 3 };

/// Set by Open MPI's launcher (and by PMI/PMIx launchers such as srun) in every rank it starts.
bool started_by_launcher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

/// A blocking receive that sleeps between polls: Open MPI's MPI_Recv spins, and the
/// coordinator would take a core from the ranks simulating.
void patient_receive(std::uint64_t* buffer, int count, int source, int tag, MPI_Status& status) {
  MPI_Request request;
  MPI_Irecv(buffer, count, MPI_UINT64_T, source, tag, MPI_COMM_WORLD, &request);
  for (int done = 0;;) {
    MPI_Test(&request, &done, &status);
    if (done) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void coordinate(int size, const std::vector<SweepCell>& todo, const CellReport& report) {
  std::size_t next = 0;
  for (int working = size - 1; working > 0;) {
    // {has a result, position in todo, dyads, failed}
    std::uint64_t message[4];
    MPI_Status status;
    patient_receive(message, 4, MPI_ANY_SOURCE, kReport, status);
    const int worker = status.MPI_SOURCE;
    if (message[0]) {
      CellOutcome outcome{message[3] != 0, message[2], {}};
      if (outcome.failed) {
        MPI_Status probe;
        MPI_Probe(worker, kError, MPI_COMM_WORLD, &probe);
        int length = 0;
        MPI_Get_count(&probe, MPI_CHAR, &length);
        outcome.error.resize(static_cast<std::size_t>(length));
        MPI_Recv(outcome.error.data(), length, MPI_CHAR, worker, kError, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      report(todo.at(message[1]), outcome);
    }
    // {has work, position in todo, index, point, replicate, seed}
    std::uint64_t work[6] = {0, 0, 0, 0, 0, 0};
    if (next < todo.size()) {
      const SweepCell& cell = todo[next];
      work[0] = 1, work[1] = next++, work[2] = cell.index, work[3] = cell.point, work[4] = cell.replicate, work[5] = cell.seed;
    } else {
      --working;
    }
    MPI_Send(work, 6, MPI_UINT64_T, worker, kWork, MPI_COMM_WORLD);
  }
}

void work(const CellRunner& run) {
  std::uint64_t message[4] = {0, 0, 0, 0};
  std::string error;
  for (;;) {
    MPI_Send(message, 4, MPI_UINT64_T, 0, kReport, MPI_COMM_WORLD);
    if (message[0] && message[3]) MPI_Send(error.data(), static_cast<int>(error.size()), MPI_CHAR, 0, kError, MPI_COMM_WORLD);
    std::uint64_t task[6];
    MPI_Recv(task, 6, MPI_UINT64_T, 0, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (!task[0]) return;
    const CellOutcome outcome = run(SweepCell{task[2], task[3], task[4], task[5]});
    message[0] = 1, message[1] = task[1], message[2] = outcome.dyads, message[3] = outcome.failed;
    error = outcome.error;
  }
}

}  // namespace

Ranks::Ranks() {
  if (!started_by_launcher()) return;
  MPI_Init(nullptr, nullptr);
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Ranks::~Ranks() {
  if (!joined_) return;
  if (std::uncaught_exceptions() > 0) MPI_Abort(MPI_COMM_WORLD, 1);
  MPI_Finalize();
}

bool Ranks::agree(bool ok) const {
  if (!joined_) return ok;
  int flag = ok;
  MPI_Bcast(&flag, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return flag != 0;
}

void Ranks::run_cells(const std::vector<SweepCell>& todo, const CellRunner& run, const CellReport& report,
                      int concurrent) const {
  if (size_ == 1) {
    run_cells_here(todo, run, report, concurrent);
  } else if (rank_ == 0) {
    coordinate(size_, todo, report);
  } else {
    work(run);
  }
}

}  // namespace attune
