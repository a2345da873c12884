#include "app/folder_name.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "sim/kernel/rng.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/params.hpp"

namespace commsim {

namespace {
bool unsafe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f;
}
}  // namespace

std::string folder_name_rule() {
  return "a folder name of at most " + std::to_string(kMaxFolderNameBytes) +
         " bytes without '/', '\\' or control characters, other than \".\" and \"..\"";
}

void check_folder_name(const std::string& name, const std::string& path) {
  bool bad = name == "." || name == ".." || name.size() > kMaxFolderNameBytes;
  for (const char c : name)
    bad = bad || unsafe_byte(c);
  if (bad) {
    throw InputError(path, "got " + quote_value(name) + ", expected " + folder_name_rule() +
                               " (it names the results folder)");
  }
}

std::string safe_folder_name(const std::string& text) {
  std::string safe = text;
  for (char& c : safe) {
    if (unsafe_byte(c))
      c = '_';
  }
  if (safe == "." || safe == "..")
    safe.assign(safe.size(), '_');
  if (safe.size() > kMaxFolderNameBytes) {
    char hash[18];
    std::snprintf(hash, sizeof hash, "-%016llx", static_cast<unsigned long long>(hash_name(text)));
    std::size_t keep = kMaxFolderNameBytes - (sizeof hash - 1);
    // Cut at a character boundary: never inside a UTF-8 sequence.
    while (keep > 0 && (static_cast<unsigned char>(safe[keep]) & 0xC0) == 0x80)
      --keep;
    safe = safe.substr(0, keep) + hash;
  }
  return safe;
}

}  // namespace commsim
