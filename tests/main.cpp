// The test binaries' main: doctest's, after pinning the portable numerics,
// the build the golden files were made with (COMMSIM_KERNELS set by the
// caller, e.g. ctest's run of the thread tests on x86-64-v3, wins), and
// pointing the on-disk data cache at a folder under the temporary directory,
// never the user's ~/.cache, unless COMMSIM_CACHE_DIR is set. Every commsim
// a test starts inherits both.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  ::setenv("COMMSIM_KERNELS", "portable", 0);
  const auto cache = std::filesystem::temp_directory_path() /
                     ("commsim-test-data-cache-" + std::to_string(::getuid()));
  ::setenv("COMMSIM_CACHE_DIR", cache.c_str(), 0);
  return doctest::Context(argc, argv).run();
}
