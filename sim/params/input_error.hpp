#pragma once
// Bad user input: always names where it is (a JSON path or an option), what
// was given and what is allowed. The CLI turns it into one line and exit 2.
#include <stdexcept>
#include <string>

namespace commsim {

class InputError : public std::runtime_error {
 public:
  InputError(std::string where, const std::string& message)
      : std::runtime_error(where.empty() ? message : where + ": " + message),
        where_(std::move(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

}  // namespace commsim
