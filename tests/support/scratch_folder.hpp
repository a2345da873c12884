#pragma once
// An empty folder under the temporary directory, per test process, so test
// binaries of several build trees can run at once.
#include <unistd.h>

#include <filesystem>
#include <string>

namespace commsim::testing {

inline std::filesystem::path scratch_folder(const std::string& name) {
  std::string folder = "commsim-test-";
  folder += name;
  folder += '-';
  folder += std::to_string(::getpid());
  const auto path = std::filesystem::temp_directory_path() / folder;
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

}  // namespace commsim::testing
