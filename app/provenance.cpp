#include "app/provenance.hpp"

#include <unistd.h>

#include <ctime>

#include "app/version.hpp"
#include "models/tasks/feed_forward_kernels.hpp"

namespace commsim {

namespace {
std::string& command_line() {
  static std::string text;
  return text;
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0)
    return "unknown";
  return name;
}

std::string utc_text(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}
}  // namespace

void set_command_line(int argc, const char* const* argv) {
  std::string& text = command_line();
  text.clear();
  for (int i = 0; i < argc; ++i) {
    if (i > 0)
      text += ' ';
    text += argv[i];
  }
}

nlohmann::json provenance_json(const RunProvenance& provenance) {
  return {{"host", host_name()},           {"started_utc", utc_text(provenance.started)},
          {"wall_s", provenance.wall_s},   {"command_line", command_line()},
          {"threads", provenance.threads}, {"compute_threads", provenance.compute_threads}};
}

nlohmann::json build_json() {
  return {{"version", kCommsimVersion}, {"commit", kGitCommit},
          {"dirty", kGitDirty},         {"build_type", kBuildType},
          {"compiler", kCompiler},      {"kernels", active_kernels().name}};
}

}  // namespace commsim
