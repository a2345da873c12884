#include "sim/params/input_file.hpp"

#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "sim/params/input_error.hpp"
#include "sim/params/params.hpp"

namespace commsim {

void check_input_file(const std::string& file, const std::string& where,
                      const std::string& expected, std::uintmax_t max_bytes) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (error || !std::filesystem::exists(status))
    return;
  // The file is named once: as the place of the error, or in the message.
  const std::string quoted = where == file ? "" : quote_value(nlohmann::json(file)) + " ";
  if (std::filesystem::is_directory(status))
    throw InputError(where, quoted + "is a directory, expected " + expected);
  if (!std::filesystem::is_regular_file(status)) {
    throw InputError(
        where, quoted + "is not a regular file (a FIFO, device or socket), expected " + expected);
  }
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (!error && size > max_bytes) {
    throw InputError(where, quoted + "holds " + std::to_string(size) + " bytes, more than the " +
                                std::to_string(max_bytes) + " allowed for " + expected);
  }
}

}  // namespace commsim
