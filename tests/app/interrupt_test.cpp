// SIGINT: the run stops at the next event, writes its rows marked incomplete
// and exits 130; a resumed sweep reruns it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("an interrupted run keeps its rows, says so, and exits 130") {
  const auto folder = fresh_directory("interrupt");
  std::ofstream(folder / "long.json") << R"({"nodes": 64, "link": {"model": "affine_bit"},
    "task": {"kind": "consensus", "dim": 2000}, "stop": {"rounds": 1000000}, "record": {"every": 100}})";
  // Built with a stream: GCC 12 at -O3 reports a false -Wrestrict on long
  // chains of std::string operator+.
  std::ostringstream command;
  command << "'" << COMMSIM_EXECUTABLE << "' run '" << (folder / "long.json").string()
          << "' --quiet --out '" << (folder / "out").string()
          << "' 2>/dev/null & pid=$!; sleep 1.5; kill -INT $pid; wait $pid";
  const int status = std::system(command.str().c_str());
  CHECK(WEXITSTATUS(status) == 130);
  const auto summary = nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
  CHECK(summary["complete"] == false);
  CHECK(summary["stop_reason"] == "interrupted");
  CHECK(summary["rounds_completed"].get<std::int64_t>() < 1000000);
  const std::string series = read_text(folder / "out" / "series.csv");
  CHECK(std::count(series.begin(), series.end(), '\n') >= 2);  // the header and at least round 0
}
