#pragma once
// Bad user input: always names where it is (a JSON path or an option), what
// was given and what is allowed. The CLI turns it into one line and exit 2.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace commsim {

// `text` made safe for one line of a terminal: control characters (C0, DEL,
// C1), line separators and bidirectional controls become \uXXXX, bytes that
// are not UTF-8 become \xXX, and a text longer than `max_bytes` is cut at a
// character boundary and ends with "...".
std::string printable_text(std::string_view text, std::size_t max_bytes);

class InputError : public std::runtime_error {
 public:
  // Paths may hold a user's keys and messages a user's text: both are made
  // printable, so that an error stays one line of bounded length.
  static constexpr std::size_t kMaxWhereBytes = 200;
  static constexpr std::size_t kMaxMessageBytes = 2000;

  InputError(std::string where, const std::string& message)
      : std::runtime_error(compose(where, message)),
        where_(printable_text(where, kMaxWhereBytes)) {}
  const std::string& where() const { return where_; }

 private:
  static std::string compose(const std::string& where, const std::string& message) {
    const std::string text = printable_text(message, kMaxMessageBytes);
    return where.empty() ? text : printable_text(where, kMaxWhereBytes) + ": " + text;
  }
  std::string where_;
};

}  // namespace commsim
