#include "app/number_format.hpp"

#include <charconv>
#include <cstdlib>

namespace commsim {

std::string format_double(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_optional(const std::optional<double>& value) {
  return value ? format_double(*value) : std::string();
}

std::string format_rounded(double value) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 3);
  return std::string(buffer, result.ptr);
}

std::string format_seconds(SimTime time) {
  const bool negative = time < 0;
  const auto magnitude = static_cast<unsigned long long>(negative ? -time : time);
  std::string text = std::to_string(magnitude / 1'000'000'000ULL);
  std::string fraction = std::to_string(magnitude % 1'000'000'000ULL);
  fraction.insert(0, 9 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0')
    fraction.pop_back();
  if (!fraction.empty())
    text += "." + fraction;
  return negative ? "-" + text : text;
}

}  // namespace commsim
