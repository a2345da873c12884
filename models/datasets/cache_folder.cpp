#include "models/datasets/cache_folder.hpp"

#include <atomic>
#include <cstdlib>
#include <iostream>

namespace commsim {

namespace {
// An unset and an empty variable are alike (as XDG says for XDG_CACHE_HOME).
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr)
    return std::nullopt;
  return std::string(value);
}
}  // namespace

std::optional<std::filesystem::path> data_cache_folder() {
  if (const auto chosen = environment(kCacheFolderVariable)) {
    if (chosen->empty() || *chosen == "off")
      return std::nullopt;
    return std::filesystem::path(*chosen);
  }
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  if (const auto xdg = environment("XDG_CACHE_HOME"); xdg && !xdg->empty() && xdg->front() == '/')
    return std::filesystem::path(*xdg) / "commsim";
  if (const auto home = environment("HOME"); home && !home->empty())
    return std::filesystem::path(*home) / ".cache" / "commsim";
  return std::nullopt;
}

void warn_cache_unwritable(const std::filesystem::path& folder, const std::string& why) {
  static std::atomic<bool> warned{false};
  if (warned.exchange(true))
    return;
  std::cerr << "commsim: warning: cannot write the data cache in " << folder.string() << " (" << why
            << "); going on without it (set " << kCacheFolderVariable
            << " to a writable folder, or to off)\n";
}

}  // namespace commsim
