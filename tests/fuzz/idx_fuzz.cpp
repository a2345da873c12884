// Fuzzes the IDX reader through its real entry point, a (gzip or plain) file:
// each input is written to a scratch file and read back. Besides crashes, a
// result whose byte count differs from the product of its dimensions is a
// finding: the Fashion-MNIST loader indexes the bytes by those dimensions.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/datasets/idx_file.hpp"
#include "sim/params/input_error.hpp"

namespace {
const std::string& scratch_file() {
  static const std::string file = (std::filesystem::temp_directory_path() /
                                   ("commsim-idx-fuzz-" + std::to_string(getpid()) + ".gz"))
                                      .string();
  static const bool removed_at_exit = [] {
    std::atexit([] { std::filesystem::remove(scratch_file()); });
    return true;
  }();
  (void)removed_at_exit;
  return file;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const commsim::IdxArray array = commsim::read_idx_file(scratch_file(), "task.data_dir");
    std::uint64_t elements = 1;
    for (const std::uint32_t dimension : array.dimensions)
      if (__builtin_mul_overflow(elements, dimension, &elements))
        __builtin_trap();
    if (array.dimensions.empty() || elements != array.values.size())
      __builtin_trap();
  } catch (const commsim::InputError&) {
  }
  return 0;
}
