#pragma once
// Where decoded data sets are cached between processes, as ccache and pip
// users expect: COMMSIM_CACHE_DIR when set ("off" or empty: no cache), else
// $XDG_CACHE_HOME/commsim, else $HOME/.cache/commsim (no cache when neither
// is set). Read from the environment at each call.
#include <filesystem>
#include <optional>
#include <string>

namespace commsim {

inline constexpr const char* kCacheFolderVariable = "COMMSIM_CACHE_DIR";

std::optional<std::filesystem::path> data_cache_folder();

// Says once per process, on stderr, that the cache cannot be written (why),
// and that runs go on without it; later calls say nothing.
void warn_cache_unwritable(const std::filesystem::path& folder, const std::string& why);

}  // namespace commsim
