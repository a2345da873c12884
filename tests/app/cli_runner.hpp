#pragma once
// Runs the real commsim executable, as a user or a script would.
#include <sys/wait.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace commsim::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Per process, so test binaries of several build trees can run at once.
// Cells split at commas (no quoting: for files without quoted fields).
inline std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream text(read_text(path));
  std::string line;
  while (std::getline(text, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream fields(line);
    while (std::getline(fields, cell, ','))
      cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
      cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

inline std::string process_tag() {
  return std::to_string(::getpid());
}

inline std::filesystem::path fresh_directory(const std::string& name) {
  const auto path =
      std::filesystem::temp_directory_path() / ("commsim-test-" + name + "-" + process_tag());
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

inline CliResult run_cli(const std::string& arguments) {
  const auto scratch =
      std::filesystem::temp_directory_path() /
      ("commsim-cli-" + process_tag() + "-" + std::to_string(std::hash<std::string>{}(arguments)));
  const std::string command = std::string("cd '") + COMMSIM_SOURCE_DIR + "' && '" +
                              COMMSIM_EXECUTABLE + "' " + arguments + " >'" + scratch.string() +
                              ".out' 2>'" + scratch.string() + ".err'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(scratch.string() + ".out");
  result.err = read_text(scratch.string() + ".err");
  std::filesystem::remove(scratch.string() + ".out");
  std::filesystem::remove(scratch.string() + ".err");
  return result;
}

}  // namespace commsim::testing
