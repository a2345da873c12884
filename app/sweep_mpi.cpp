// The MPI mode of `commsim sweep`: dynamic hand-out of runs by rank 0, so
// fast and slow runs balance across machines. Every rank expands and
// validates the same plan, so only run positions travel over MPI.
#include <mpi.h>

#include <stdexcept>
#include <string>

#include "app/sweep_runner.hpp"

namespace commsim {

namespace {

enum Tag : int { kReady = 1, kAssign = 2, kFailed = 3 };
constexpr long long kNoMoreRuns = -1;

struct MpiSession {
  MpiSession() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised)
      MPI_Init(nullptr, nullptr);
  }
  ~MpiSession() {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised)
      MPI_Finalize();
  }
};

// Rank 0: answer every "ready" with the next run, then with kNoMoreRuns.
std::size_t coordinate(const PreparedSweep& sweep, int ranks) {
  std::size_t next = 0, skipped = 0;
  int stopped = 0;
  std::string failure;
  while (stopped < ranks - 1) {
    MPI_Status status;
    long long report = 0;  // the worker's last outcome: 0 ran, 1 skipped, -1 none yet
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kFailed) {
      int length = 0;
      MPI_Get_count(&status, MPI_CHAR, &length);
      std::string text(static_cast<std::size_t>(length), '\0');
      MPI_Recv(text.data(), length, MPI_CHAR, status.MPI_SOURCE, kFailed, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      if (failure.empty())
        failure = text;
      ++stopped;  // a failed worker stops
      continue;
    }
    MPI_Recv(&report, 1, MPI_LONG_LONG, status.MPI_SOURCE, kReady, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (report == 1)
      ++skipped;
    long long assignment = kNoMoreRuns;
    if (failure.empty() && next < sweep.runs.size())
      assignment = static_cast<long long>(next++);
    if (assignment == kNoMoreRuns)
      ++stopped;
    MPI_Send(&assignment, 1, MPI_LONG_LONG, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
  }
  if (!failure.empty())
    throw std::runtime_error(failure);
  return skipped;
}

void work(const PreparedSweep& sweep) {
  long long report = -1;
  for (;;) {
    MPI_Send(&report, 1, MPI_LONG_LONG, 0, kReady, MPI_COMM_WORLD);
    long long assignment = kNoMoreRuns;
    MPI_Recv(&assignment, 1, MPI_LONG_LONG, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (assignment == kNoMoreRuns)
      return;
    try {
      const auto position = static_cast<std::size_t>(assignment);
      report = execute_sweep_run(sweep, position) == RunOutcome::kSkipped ? 1 : 0;
    } catch (const std::exception& error) {
      const std::string text =
          "run " + sweep.runs[static_cast<std::size_t>(assignment)].id + ": " + error.what();
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kFailed, MPI_COMM_WORLD);
      throw;
    }
  }
}

}  // namespace

std::optional<std::size_t> run_sweep_with_mpi(const PreparedSweep& sweep) {
  MpiSession session;
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (ranks == 1) {
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
      if (execute_sweep_run(sweep, i) == RunOutcome::kSkipped)
        ++skipped;
    }
    return skipped;
  }
  if (rank == 0)
    return coordinate(sweep, ranks);
  work(sweep);
  return std::nullopt;
}

}  // namespace commsim
