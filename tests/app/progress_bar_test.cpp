// Progress outside a terminal: plain lines, none for a run shorter than one
// interval, nothing at all when not wanted (--quiet).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "app/progress_bar.hpp"

using commsim::ProgressBar;

namespace {
std::string contents(std::FILE* file) {
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
    text += static_cast<char>(c);
  return text;
}
}  // namespace

TEST_CASE("outside a terminal progress is a plain line per interval, after the first") {
  std::FILE* log = std::tmpfile();
  REQUIRE(log != nullptr);
  {
    ProgressBar progress(true, log, std::chrono::milliseconds(0));
    progress.update(0.1, "round 10/100");  // starts the clock, prints nothing
    progress.update(0.5, "round 50/100");
    progress.update(1.0, "round 100/100");
    progress.finish();
  }
  CHECK(contents(log) == "commsim:  50% round 50/100\ncommsim: 100% round 100/100\n");
  std::fclose(log);

  std::FILE* slow = std::tmpfile();
  ProgressBar hourly(true, slow, std::chrono::hours(1));
  hourly.update(0.1, "a");
  hourly.update(0.9, "b");
  CHECK(contents(slow).empty());  // a short run prints nothing
  std::fclose(slow);

  std::FILE* quiet = std::tmpfile();
  ProgressBar off(false, quiet, std::chrono::milliseconds(0));
  off.update(0.1, "a");
  off.update(0.9, "b");
  CHECK(contents(quiet).empty());
  std::fclose(quiet);
}
