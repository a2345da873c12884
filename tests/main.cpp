// The suite's main: doctest's, after pinning the portable numerics, the
// build the golden files were made with (COMMSIM_KERNELS set by the caller,
// e.g. ctest's run of the thread tests on x86-64-v3, wins). Commands the
// tests start inherit it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv) {
  setenv("COMMSIM_KERNELS", "portable", 0);
  return doctest::Context(argc, argv).run();
}
