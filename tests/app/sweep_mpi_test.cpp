// The MPI mode, with 3 ranks on this machine (rank 0 hands out, 2 work).
#include <doctest/doctest.h>

#include "cli_runner.hpp"

using namespace commsim::testing;

#ifdef COMMSIM_HAVE_MPI
TEST_CASE("sweep --mpi under mpirun gives the same summary.csv as the thread pool") {
  REQUIRE_MESSAGE(std::system("command -v mpirun >/dev/null") == 0,
                  "mpirun missing: install openmpi-bin");
  const auto folder = fresh_directory("sweep-mpi");
  const std::string sweep = "scenarios/consensus_topologies.json";
  const std::string mpirun = "mpirun --allow-run-as-root --oversubscribe -np 3 '" +
                             std::string(COMMSIM_EXECUTABLE) + "' sweep " + sweep +
                             " --mpi --quiet --out '" + (folder / "mpi").string() + "'";
  const std::string command =
      "cd '" + std::string(COMMSIM_SOURCE_DIR) + "' && " + mpirun + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  REQUIRE(
      run_cli("sweep " + sweep + " --quiet --jobs 2 --out '" + (folder / "threads").string() + "'")
          .exit_code == 0);
  CHECK(read_text(folder / "mpi" / "summary.csv") == read_text(folder / "threads" / "summary.csv"));
}
#else
TEST_CASE("sweep --mpi is refused clearly when built without MPI") {
  const CliResult result = run_cli("sweep scenarios/consensus_topologies.json --mpi");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("built without MPI") != std::string::npos);
}
#endif
