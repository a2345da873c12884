#include "app/atomic_file.hpp"

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace commsim {

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::string temporary = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw std::runtime_error("cannot write " + temporary);
    out << contents;
    out.flush();
    if (!out)
      throw std::runtime_error("write failed: " + temporary);
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary);
    throw std::runtime_error("cannot rename " + temporary + " to " + path + ": " + error.message());
  }
}

}  // namespace commsim
