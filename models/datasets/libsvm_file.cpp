#include "models/datasets/libsvm_file.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include "models/datasets/gzip_file.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

// from_chars rejects a leading '+', which LIBSVM files use for labels ("+1").
template <class Number>
bool parse_number(std::string_view text, Number& value) {
  if (!text.empty() && text.front() == '+')
    text.remove_prefix(1);
  if (text.empty())
    return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

class LineParser {
 public:
  LineParser(const std::string& file, const std::string& where) : file_(file), where_(where) {}

  void parse(std::string_view line, std::size_t line_number, Dataset& data) {
    line_number_ = line_number;
    line = line.substr(0, line.find('#'));
    std::string_view token = next_token(line);
    if (token.empty())
      return;  // blank or comment-only line
    double label = 0.0;
    if (!parse_number(token, label) || !std::isfinite(label)) {
      fail("expected a numeric label first, got \"" + std::string(token) + "\"");
    }
    std::uint64_t previous = 0;
    for (token = next_token(line); !token.empty(); token = next_token(line)) {
      const std::size_t colon = token.find(':');
      std::uint64_t index = 0;
      float value = 0.0f;
      if (colon == std::string_view::npos || !parse_number(token.substr(0, colon), index) ||
          !parse_number(token.substr(colon + 1), value) || !std::isfinite(value)) {
        fail("expected INDEX:VALUE, got \"" + std::string(token) + "\"");
      }
      if (index == 0)
        fail("feature indices are 1-based, got \"" + std::string(token) + "\"");
      if (index <= previous) {
        fail("feature indices must increase along a line, got " + std::to_string(index) +
             " after " + std::to_string(previous));
      }
      if (index > std::numeric_limits<std::uint32_t>::max()) {
        fail("feature index " + std::to_string(index) + " is too large");
      }
      previous = index;
      if (value == 0.0f)
        continue;
      data.rows.column.push_back(static_cast<std::uint32_t>(index - 1));
      data.rows.value.push_back(value);
      if (index > data.features)
        data.features = index;
    }
    data.rows.row_start.push_back(data.rows.column.size());
    data.targets.push_back(static_cast<float>(label));
    ++data.samples;
  }

 private:
  static std::string_view next_token(std::string_view& rest) {
    std::size_t begin = 0;
    while (begin < rest.size() && is_blank(rest[begin]))
      ++begin;
    std::size_t end = begin;
    while (end < rest.size() && !is_blank(rest[end]))
      ++end;
    const std::string_view token = rest.substr(begin, end - begin);
    rest.remove_prefix(end);
    return token;
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(where_, file_ + ":" + std::to_string(line_number_) + ": " + message);
  }

  const std::string& file_;
  const std::string& where_;
  std::size_t line_number_ = 0;
};

}  // namespace

Dataset parse_libsvm(std::string_view text, const std::string& file, const std::string& where) {
  Dataset data;
  data.sparse = true;
  LineParser parser(file, where);
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    parser.parse(text.substr(0, end), ++line_number, data);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  if (data.samples == 0)
    throw InputError(where, file + ": no samples");
  return data;
}

Dataset read_libsvm_file(const std::string& file, const std::string& where) {
  if (!std::filesystem::is_regular_file(file))
    throw InputError(where, "cannot find " + file);
  const std::vector<std::uint8_t> bytes = read_gzip_file(file, where);
  return parse_libsvm(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                      file, where);
}

}  // namespace commsim
