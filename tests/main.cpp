// The test binaries' main: doctest's, after pointing the on-disk data cache
// (and that of every commsim a test starts) at a folder under the temporary
// directory, never the user's ~/.cache, unless COMMSIM_CACHE_DIR is set.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  const auto cache = std::filesystem::temp_directory_path() /
                     ("commsim-test-data-cache-" + std::to_string(::getuid()));
  ::setenv("COMMSIM_CACHE_DIR", cache.c_str(), 0);
  return doctest::Context(argc, argv).run();
}
